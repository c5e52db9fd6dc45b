"""Idempotent replays and privacy (src/http/idempotency.c; architecture.md, "Security"):
a replayed answer that discloses personal data is logged in sensitive_reads like
the first; a key reused with another body is refused; stored answers are deleted,
for every user, once the replay window (24 h) has passed."""
import secrets
import sqlite3
import subprocess

from helpers import assert_field_error
from test_privacy import me, reads
from test_residents import YANG_ID, all_residents, demo_resident, dwelling_of, new_id_number, new_phone

TTL_S = 24 * 3600  # IDEMPOTENCY_TTL_S


def key():
    return "idem-" + secrets.token_hex(8)


def resident_body(server):
    return {"name": "幂等居民" + secrets.token_hex(2), "id_number": new_id_number(),
            "phone": new_phone(), "dwelling_id": dwelling_of(server, "杨秀兰"),
            "relation": "family"}


def stored_keys(server, like):
    """Keys in idempotency_keys matching the LIKE pattern, straight from the
    database (SQLite file or PostgreSQL URL)."""
    sql = f"SELECT key FROM idempotency_keys WHERE key LIKE '{like}' ORDER BY key"
    if server.pg_db:
        out = subprocess.run(["psql", server.db, "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
                             check=True, capture_output=True, text=True, timeout=60).stdout
        return out.split()
    with sqlite3.connect(server.db, timeout=10) as db:
        return [row[0] for row in db.execute(sql)]


def test_replayed_create_is_logged_like_the_first_answer(server):
    staff, user, k = server.token("demo-community-staff"), me(server, "demo-community-staff"), key()
    body = resident_body(server)
    first = server.post("/api/v1/residents", staff, json=body, headers={"Idempotency-Key": k})
    assert first.status_code == 201, first.text
    rid = first.json()["id"]
    logged = reads(server, subject_id=rid, user_id=user)
    assert [(x["subject"], x["fields"]) for x in logged] == [("resident", "id_number,phone")]

    again = server.post("/api/v1/residents", staff, json=body, headers={"Idempotency-Key": k})
    assert again.status_code == 201, again.text
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json()
    after = reads(server, subject_id=rid, user_id=user)
    assert len(after) == 2, after
    assert after[0]["id"] > logged[0]["id"]
    assert (after[0]["subject"], after[0]["fields"]) == ("resident", "id_number,phone")


def test_replayed_list_match_is_logged_again(server):
    staff, user, k = server.token("demo-community-staff"), me(server, "demo-community-staff"), key()
    yang = demo_resident(server, "杨秀兰")
    headers = {"Content-Type": "text/csv", "Idempotency-Key": k}
    data = (YANG_ID + "\n").encode()
    before = len(reads(server, subject_id=yang["id"], user_id=user))
    first = server.post("/api/v1/residents/match", staff, data=data, headers=headers)
    assert first.status_code == 200 and len(first.json()["matched"]) == 1, first.text
    assert len(reads(server, subject_id=yang["id"], user_id=user)) == before + 1
    again = server.post("/api/v1/residents/match", staff, data=data, headers=headers)
    assert again.status_code == 200 and again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json()
    after = reads(server, subject_id=yang["id"], user_id=user)
    assert len(after) == before + 2 and after[0]["fields"] == "id_number"


def test_same_key_with_another_body_is_refused(server):
    staff, k = server.token("demo-community-staff"), key()
    body = resident_body(server)
    first = server.post("/api/v1/residents", staff, json=body, headers={"Idempotency-Key": k})
    assert first.status_code == 201, first.text

    other = resident_body(server)
    r = server.post("/api/v1/residents", staff, json=other, headers={"Idempotency-Key": k})
    problem = assert_field_error(r, "Idempotency-Key", "invalid")
    assert str(first.json()["id"]) not in r.text
    assert [e["message"] for e in problem["errors"] if e["field"] == "Idempotency-Key"][0]
    assert all_residents(server, staff, q=other["name"]) == []
    # Another path with the same key is refused too; the same request still replays.
    r = server.post("/api/v1/residents/match", staff, data=YANG_ID.encode(),
                    headers={"Idempotency-Key": k, "Content-Type": "text/csv"})
    assert_field_error(r, "Idempotency-Key", "invalid")
    again = server.post("/api/v1/residents", staff, json=body, headers={"Idempotency-Key": k})
    assert again.status_code == 201 and again.headers.get("Idempotent-Replayed") == "true"
    assert again.json()["id"] == first.json()["id"]
    # For another user the same key is a key of their own.
    r = server.post("/api/v1/residents/match", server.token("demo-subdistrict-officer"),
                    data=YANG_ID.encode(), headers={"Idempotency-Key": k, "Content-Type": "text/csv"})
    assert r.status_code == 200 and "Idempotent-Replayed" not in r.headers, r.text


def test_expired_answers_of_every_user_are_deleted(own_server):
    s = own_server
    prefix = "purge-" + secrets.token_hex(4)
    staff = s.token("demo-community-staff")
    body = resident_body(s)
    first = s.post("/api/v1/residents", staff, json=body, headers={"Idempotency-Key": prefix + "-a"})
    assert first.status_code == 201, first.text
    assert stored_keys(s, prefix + "%") == [prefix + "-a"]

    s.advance(TTL_S + 120)
    # Another user's POST with another key: the staff member's expired answer goes.
    admin = s.login("demo-admin")
    r = s.post("/api/v1/residents/match", admin, data=YANG_ID.encode(),
               headers={"Idempotency-Key": prefix + "-b", "Content-Type": "text/csv"})
    assert r.status_code == 200, r.text
    assert stored_keys(s, prefix + "%") == [prefix + "-b"]

    # And the old key no longer replays the old answer.
    staff = s.login("demo-community-staff")
    again = s.post("/api/v1/residents", staff, json=body, headers={"Idempotency-Key": prefix + "-a"})
    assert again.headers.get("Idempotent-Replayed") is None, again.text
