"""The hash chains' check: GET /api/v1/chains/verify and `hongwu verify`.
Breaking a chain by hand is tested with each chained capability (ballots,
the ledger); here, who may ask and what the answer says."""
import subprocess

from conftest import BIN
from helpers import assert_field_error, assert_problem


def test_the_inspector_checks_the_chains_of_their_sub_district(server):
    r = server.get("/api/v1/chains/verify", server.token("demo-inspector"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["intact"] is True
    assert body["district_id"] > 0
    for chain in body["chains"]:
        assert chain["intact"] is True and chain["rows"] >= 0


def test_an_installation_admin_names_the_sub_district(server):
    r = server.get("/api/v1/chains/verify", server.admin())
    assert_field_error(r, "district_id", "invalid")
    inspector = server.get("/api/v1/chains/verify", server.token("demo-inspector")).json()
    r = server.get(f"/api/v1/chains/verify?district_id={inspector['district_id']}", server.admin())
    assert r.status_code == 200 and r.json() == inspector


def test_residents_and_property_staff_may_not_ask(server):
    for login in ("demo-resident", "demo-property-staff"):
        assert_problem(server.get("/api/v1/chains/verify", server.token(login)), 403, "forbidden")


def test_the_command_line_checks_every_sub_district(server, tmp_path):
    db = tmp_path / "v.db"
    subprocess.run([BIN, "demo", "--db", str(db)], capture_output=True, check=True, timeout=300)
    out = subprocess.run([BIN, "verify", "--db", str(db)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "every chain is intact" in out.stdout
