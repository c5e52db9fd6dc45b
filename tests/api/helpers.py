"""Assertions and raw-HTTP helpers shared by the API tests."""
import re
import select
import socket
import sqlite3
import subprocess
from urllib.parse import urlparse

PROBLEM_PREFIX = "urn:hongwu:problem:"
HAN = re.compile(r"[\u4e00-\u9fff]")


def assert_problem(r, status, slug):
    """r is a problem+json answer with this status and type slug; returns the body."""
    assert r.status_code == status, f"want {status} {slug}, got {r.status_code}: {r.text[:500]}"
    ctype = r.headers.get("Content-Type", "")
    assert ctype.split(";")[0].strip() == "application/problem+json", f"Content-Type {ctype!r}"
    body = r.json()
    assert body.get("type") == PROBLEM_PREFIX + slug, f"type {body.get('type')!r}, want {slug}"
    assert body.get("status") == status, f"status member {body.get('status')!r}"
    assert isinstance(body.get("title"), str) and body["title"], "title missing"
    return body


def field_errors(body):
    return [(e.get("field"), e.get("code")) for e in body.get("errors") or []]


def assert_field_error(r, field, code):
    body = assert_problem(r, 422, "validation-failed")
    errs = field_errors(body)
    assert (field, code) in errs, f"want errors[] to have ({field!r}, {code!r}), got {errs}"
    for e in body["errors"]:
        assert isinstance(e.get("message"), str), f"error without message: {e}"
    return body


def raw_request(base, request_bytes, body=b"", timeout=10.0):
    """Sends bytes exactly as given (no URL normalisation); returns
    (status, headers dict lower-cased, body bytes).  When `body` is given it is
    sent only if the server has not answered after the headers."""
    u = urlparse(base)
    s = socket.create_connection((u.hostname, u.port), timeout=timeout)
    try:
        s.sendall(request_bytes)
        if body:
            ready, _, _ = select.select([s], [], [], 0.5)
            if not ready:
                try:
                    s.sendall(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
        data = b""
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            except socket.timeout:
                break
            if not chunk:
                break
            data += chunk
            head, sep, rest = data.partition(b"\r\n\r\n")
            if sep:
                headers = _parse_headers(head)
                n = headers.get("content-length")
                if n is not None and len(rest) >= int(n):
                    break
    finally:
        s.close()
    head, _, rest = data.partition(b"\r\n\r\n")
    if not head:
        return None, {}, b""
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1")
    status = int(status_line.split()[1])
    return status, _parse_headers(head), rest


def _parse_headers(head):
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.decode("latin-1").partition(":")
        headers[k.strip().lower()] = v.strip()
    return headers


def raw_get(base, target):
    u = urlparse(base)
    req = (f"GET {target} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\n"
           f"Connection: close\r\n\r\n").encode("latin-1")
    return raw_request(base, req)


# --- shared by the registry tests --------------------------------------------

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_ids_used = set()


def new_id_number(male=True, born="1980-01-01"):
    """A valid GB 11643 number (region 320902) not handed out before in this
    run: the 17th digit odd for men, the check character computed."""
    import random
    while True:
        seq = random.randrange(100, 499) * 2 + (1 if male else 0)
        body = "320902" + born.replace("-", "") + f"{seq:03d}"
        n = body + _ID_CHECK[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS)) % 11]
        if n not in _ids_used:
            _ids_used.add(n)
            return n


def csv_bytes(rows, header, encoding="utf-8-sig"):
    """A CSV file as Excel saves it: a BOM, CRLF line ends."""
    import csv
    import io
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode(encoding)


def all_pages(server, token, path, limit=200, **params):
    """Every item of a cursor-paged list, following next_after."""
    items, after = [], None
    for _ in range(1000):
        q = dict(params, limit=limit)
        if after:
            q["after"] = after
        r = server.get(path, token, params=q)
        assert r.status_code == 200, f"{path}: {r.status_code} {r.text[:300]}"
        body = r.json()
        items += body["items"]
        after = body.get("next_after")
        if not after:
            return items
    raise AssertionError(f"{path}: pagination does not end")


def db_value(db, sql):
    """Runs one statement on a server's database directly (SQLite file or
    PostgreSQL URL) and answers its first value as text; "" for none or NULL."""
    if db.startswith("postgres"):
        out = subprocess.run(["psql", db, "-qAtc", sql], check=True, capture_output=True,
                             text=True, timeout=60)
        return out.stdout.strip()
    with sqlite3.connect(db) as conn:
        row = conn.execute(sql).fetchone()
    return str(row[0]) if row and row[0] is not None else ""


# The search keys, each with the view that says what it holds
# (src/registry/schema/018_search.sql, 022_tag_grid_keys.sql).
SEARCH_KEYS = (("resident_name_grams", "resident_name_gram_source"),
               ("resident_tag_communities", "resident_tag_community_source"),
               ("resident_tag_grids", "resident_tag_grid_source"))


def assert_search_keys_derived(db):
    """Each search key table holds exactly the rows its view derives (the
    tables' keys are unique, so comparing them as sets is enough)."""
    for table, view in SEARCH_KEYS:
        for a, b in ((table, view), (view, table)):
            extra = db_value(db, f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT"
                                 f" SELECT * FROM {b}) x")
            assert extra == "0", f"{extra} rows of {a} are not in {b}"
