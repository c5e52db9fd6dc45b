"""`hongwu demo`: every capability's demo data, loaded once."""
import subprocess

from conftest import BIN


def audit_actions(srv, *actions):
    """Every audit entry whose action is one of actions, oldest first."""
    found, after = [], None
    for _ in range(100):
        r = srv.get("/api/v1/audit?limit=200" + (f"&after={after}" if after else ""), srv.admin())
        assert r.status_code == 200, r.text
        page = r.json()
        found += [x for x in page["items"] if x["action"] in actions]
        after = page.get("next_after")
        if not after:
            return found[::-1]
    raise AssertionError("the audit log does not end")


def test_second_demo_says_so_and_changes_nothing(server):
    before = audit_actions(server, "demo_loaded", "import", "create", "update")
    again = subprocess.run([BIN, "demo", "--db", server.db], capture_output=True, text=True,
                           timeout=120)
    assert again.returncode == 0, again.stderr
    assert "already loaded" in again.stdout
    assert "demo-admin" not in again.stdout  # no new accounts, no passwords
    assert audit_actions(server, "demo_loaded", "import", "create", "update") == before
    assert [x["action"] for x in before].count("demo_loaded") == 1


def test_each_capability_loaded_its_demo(server):
    """Places, accounts, the registry's records, the imported residents and
    the kit's announcement, each found by a later capability's demo."""
    staff = server.token("demo-community-staff")
    r = server.get("/api/v1/organizations?limit=200", staff)
    assert r.status_code == 200, r.text
    assert "紫薇物业服务有限公司" in [o["name"] for o in r.json()["items"]]
    r = server.get("/api/v1/posts?limit=200", staff)
    assert r.status_code == 200, r.text
    assert {"孙达", "董甜", "李宗元", "缪蓉"} <= {p["person_name"] for p in r.json()["items"]}
    imports = [x for x in audit_actions(server, "import") if x["user_id"] is None]
    assert sorted(x["after"]["rows"] for x in imports) == [1, 21]
    r = server.get("/api/v1/inbox", staff)
    assert r.status_code == 200, r.text
    assert "欢迎使用红物网格治理平台" in [n["title"] for n in r.json()["items"]]
