"""Open311 GeoReport v2 at /open311/v2/ (docs/open311.md), in both formats:
discovery, services, a service's definition, filing with a key, the
requests with each filter and the 90-day rule, one request, tokens, the
jurisdiction rule, the specification's errors, and what answers never carry.
"""
import re
import secrets
import subprocess
import tempfile
import threading
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests

from conftest import BIN, PG_BASE, TIMEOUT, Server, _finish, _psql
from places_helpers import place

V2 = "/open311/v2"
XINDU, YANDU = "320971001", "320971002"  # the demo's two sub-districts' codes
CST = timezone(timedelta(hours=8))
NAME, PHONE, ROOM = "吕文娟", "13805110012", "1单元 101"


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=True)
    yield s
    _finish(s)


def district_id(srv, name):
    roots = srv.get("/api/v1/places", srv.admin()).json()["items"]
    return next(p["id"] for p in roots if p["name"] == name)


def issue_key(srv, name, district):
    r = subprocess.run([BIN, "apikey", "add", name, "--district", str(district), "--db", srv.db],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and re.fullmatch(r"o311_[0-9a-f]{64}", lines[0]), r.stdout
    return lines[0]


@pytest.fixture(scope="module")
def keys(srv):
    return {"xindu": issue_key(srv, "app-xindu", district_id(srv, "新都街道")),
            "yandu": issue_key(srv, "app-yandu", district_id(srv, "盐渎街道"))}


def get(srv, path, fmt="json", **params):
    return requests.get(srv.url(f"{V2}/{path}.{fmt}"), params=params, timeout=TIMEOUT)


def post(srv, fmt="json", **form):
    return requests.post(srv.url(f"{V2}/requests.{fmt}"), data=form, timeout=TIMEOUT)


def xml_of(r):
    """The answer's XML document, checked well-formed and declared UTF-8."""
    assert r.headers["Content-Type"] == "text/xml; charset=utf-8", r.headers
    assert r.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'), r.content[:80]
    return ET.fromstring(r.content)


def json_of(r):
    assert r.headers["Content-Type"] == "application/json; charset=utf-8", r.headers
    return r.json()


def assert_error(r, status, fmt="json"):
    """The specification's error shape, with the HTTP status as its code."""
    assert r.status_code == status, (r.status_code, r.text)
    if fmt == "json":
        body = json_of(r)
        assert isinstance(body, list) and body, body
        assert body[0]["code"] == status and body[0]["description"], body
        return body[0]["description"]
    root = xml_of(r)
    assert root.tag == "errors", r.text
    error = root.find("error")
    assert error.findtext("code") == str(status) and error.findtext("description"), r.text
    return error.findtext("description")


def file_request(srv, key, **extra):
    form = {"api_key": key, "jurisdiction_id": XINDU, "service_code": "water",
            "address_string": "紫薇花园 1幢 " + ROOM, "lat": "33.347812", "long": "120.163",
            "first_name": "文娟", "last_name": "吕", "phone": "+86 138-0511-" + PHONE[-4:],
            "email": "lvwj@example.com", "description": "厨房水管漏水 " + secrets.token_hex(3),
            "media_url": "https://example.com/leak.jpg"}
    form.update(extra)
    r = post(srv, **form)
    assert r.status_code == 200, r.text
    body = json_of(r)
    assert len(body) == 1 and set(body[0]) == {"service_request_id", "token", "account_id"}
    return body[0], form


def no_personal_data(text):
    for secret in (NAME, "文娟", PHONE, "****" + PHONE[-4:], "lvwj@example.com", ROOM):
        assert secret not in text, (secret, text[:500])


# --- discovery, services, definitions --------------------------------------

def test_discovery_in_both_formats(srv):
    d = json_of(get(srv, "discovery"))
    assert {"changeset", "contact", "key_service", "endpoints"} <= set(d)
    (e,) = d["endpoints"]
    assert e["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert e["url"].endswith("/open311/v2") and e["type"] == "production"
    assert e["formats"] == ["text/xml", "application/json"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", d["changeset"])
    root = xml_of(get(srv, "discovery", "xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == e["formats"]
    assert root.findtext("endpoints/endpoint/specification") == e["specification"]


def test_an_unknown_format_is_404_in_the_specifications_shape(srv):
    for path in ("discovery", "services", "services/water", "requests", "tokens/abc"):
        assert_error(get(srv, path, "html", jurisdiction_id=XINDU), 404, "xml")
    assert_error(post(srv, "csv", service_code="water"), 404, "xml")


def test_jurisdiction_is_required_with_several_and_must_exist(srv):
    for fmt in ("json", "xml"):
        assert "jurisdiction_id" in assert_error(get(srv, "services", fmt), 400, fmt)
        assert_error(get(srv, "services", fmt, jurisdiction_id="999999999"), 404, fmt)
        assert_error(get(srv, "requests", fmt), 400, fmt)


def test_services_are_the_category_tree(srv):
    services = json_of(get(srv, "services", jurisdiction_id=XINDU))
    by_code = {s["service_code"]: s for s in services}
    assert by_code["water"]["service_name"] == "给水"
    assert by_code["water"]["group"] == "物业报修"  # its parent category
    for s in services:
        assert set(s) == {"service_code", "service_name", "description", "metadata", "type",
                          "keywords", "group"}
        assert s["metadata"] is False and s["type"] == "realtime"
    english = requests.get(srv.url(f"{V2}/services.json"), params={"jurisdiction_id": XINDU},
                           headers={"Accept-Language": "en"}, timeout=TIMEOUT).json()
    assert {s["service_code"]: s for s in english}["water"]["service_name"] == "Water supply"
    root = xml_of(get(srv, "services", "xml", jurisdiction_id=XINDU))
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == list(by_code)
    assert root.find("service/metadata").text == "false"


def test_a_service_definition(srv):
    d = json_of(get(srv, "services/water", jurisdiction_id=XINDU))
    assert d == {"service_code": "water", "attributes": []}
    root = xml_of(get(srv, "services/water", "xml", jurisdiction_id=XINDU))
    assert root.tag == "service_definition" and root.findtext("service_code") == "water"
    assert root.find("attributes") is not None
    assert_error(get(srv, "services/no_such_service", jurisdiction_id=XINDU), 404)
    assert_error(get(srv, "services/no_such_service", "xml", jurisdiction_id=XINDU), 404, "xml")


# --- filing ----------------------------------------------------------------

def test_post_without_or_with_a_bad_key_is_403(srv, keys):
    form = {"jurisdiction_id": XINDU, "service_code": "water", "lat": "33.3", "long": "120.1"}
    for fmt in ("json", "xml"):
        assert "api_key" in assert_error(post(srv, fmt, **form), 403, fmt)
        assert_error(post(srv, fmt, api_key="o311_" + "0" * 64, **form), 403, fmt)
        assert_error(post(srv, fmt, api_key="not-a-key", **form), 403, fmt)
        # A key of another sub-district is no key here.
        assert_error(post(srv, fmt, api_key=keys["yandu"], **form), 403, fmt)


def test_post_files_a_work_order_of_the_channel_open311(srv, keys):
    answer, form = file_request(srv, keys["xindu"])
    number = answer["service_request_id"]
    assert re.fullmatch(r"WO-\d{8}-\d{4}", number)
    assert re.fullmatch(r"[0-9a-f]{32}", answer["token"]) and answer["account_id"] is None
    items = srv.get("/api/v1/work-orders", srv.admin(), params={"q": number}).json()["items"]
    (order,) = [o for o in items if o["number"] == number]
    assert order["channel"] == "open311"
    assert order["category"]["code"] == "water"
    assert order["description"] == form["description"]
    assert order["place_text"] == form["address_string"]
    assert (order["lat"], order["lon"]) == ("33.347812", "120.163000")
    # The address names 紫薇花园: the order hangs on that compound.
    assert order["place"]["label"] == "紫薇花园"
    assert order["reporter"]["name"] == NAME and order["reporter"]["phone"] == PHONE
    # Audited like every write: by no account (the key's device), the
    # reporter's phone masked, never the key.
    audit = srv.get("/api/v1/audit", srv.admin(), params={"limit": 200})
    (entry,) = [e for e in audit.json()["items"]
                if e["entity"] == "work_order" and e["entity_id"] == order["id"]]
    assert entry["action"] == "create" and entry["user_id"] is None
    assert PHONE not in audit.text and keys["xindu"] not in audit.text


def test_post_in_xml(srv, keys):
    r = post(srv, "xml", api_key=keys["xindu"], jurisdiction_id=XINDU, service_code="lighting",
             address_string="康欣花园 北门路灯")
    assert r.status_code == 200, r.text
    root = xml_of(r)
    assert root.tag == "service_requests"
    number = root.findtext("request/service_request_id")
    assert re.fullmatch(r"WO-\d{8}-\d{4}", number)
    assert root.find("request/account_id") is not None  # <account_id/>
    # Without a description the service names the matter.
    one = json_of(get(srv, f"requests/{number}", jurisdiction_id=XINDU, api_key=keys["xindu"]))
    assert one[0]["description"] == "照明"


def test_post_checks_its_parameters(srv, keys):
    base = {"api_key": keys["xindu"], "jurisdiction_id": XINDU}
    assert "service_code" in assert_error(post(srv, **base, lat="33.3", long="120.1"), 400)
    assert_error(post(srv, **base, service_code="no_such", lat="33.3", long="120.1"), 404)
    assert "location" in assert_error(post(srv, **base, service_code="water"), 400)
    assert_error(post(srv, **base, service_code="water", lat="33.3"), 400)
    assert_error(post(srv, **base, service_code="water", lat="north", long="120.1"), 400)
    assert_error(post(srv, **base, service_code="water", lat="1.5", long="2.5"), 400)  # not China
    assert_error(post(srv, **base, service_code="water", address_id="x1"), 400)
    assert_error(post(srv, **base, service_code="water", lat="33.3", long="120.1",
                      first_name="文娟", phone="12345"), 400)
    assert_error(post(srv, **base, service_code="water", address_string="x",
                      description="长" * 1000), 400)
    r = requests.post(srv.url(f"{V2}/requests.json"), json={**base, "service_code": "water"},
                      timeout=TIMEOUT)
    assert "form-encoded" in assert_error(r, 400)


def test_post_at_an_address_id_and_a_second_jurisdiction(srv, keys):
    yandu = district_id(srv, "盐渎街道")
    r = post(srv, api_key=keys["yandu"], jurisdiction_id=YANDU, service_code="water",
             address_id=str(yandu))  # a sub-district is no exact place
    assert_error(r, 400)
    huimin = place(srv, "盐渎街道", "健康社区", "惠民小区")["id"]
    answer, _ = file_request(srv, keys["yandu"], jurisdiction_id=YANDU, address_id=str(huimin),
                             address_string="", lat="", long="")
    one = json_of(get(srv, f"requests/{answer['service_request_id']}", jurisdiction_id=YANDU,
                      api_key=keys["yandu"]))[0]
    assert one["address_id"] == huimin and one["address"] == "健康社区 惠民小区"
    # Numbers are per sub-district: the other jurisdiction does not answer it
    # unless it has an order of that number itself.
    other = get(srv, f"requests/{answer['service_request_id']}", jurisdiction_id=XINDU)
    if other.status_code == 200:
        assert json_of(other)[0]["address"] != "健康社区 惠民小区"
    else:
        assert_error(other, 404)


# --- reading ---------------------------------------------------------------

def test_get_one_request_in_both_formats_and_tokens(srv, keys):
    answer, form = file_request(srv, keys["xindu"])
    number, token = answer["service_request_id"], answer["token"]
    (one,) = json_of(get(srv, f"requests/{number}", jurisdiction_id=XINDU))
    assert one["service_request_id"] == number and one["status"] == "open"
    assert one["service_code"] == "water" and one["service_name"] == "给水"
    for field in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert one[field].endswith("+08:00"), one
    requested = datetime.fromisoformat(one["requested_datetime"])
    expected = datetime.fromisoformat(one["expected_datetime"])
    # The resolve clock of a general matter (water) under 54321: 3 hours.
    assert expected - requested == timedelta(hours=3)
    root = xml_of(get(srv, f"requests/{number}", "xml", jurisdiction_id=XINDU))
    assert root.tag == "service_requests"
    assert root.findtext("request/service_request_id") == number
    assert root.findtext("request/expected_datetime") == one["expected_datetime"]
    assert_error(get(srv, "requests/WO-19700101-9999", jurisdiction_id=XINDU), 404)
    assert_error(get(srv, "requests/WO-19700101-9999", "xml", jurisdiction_id=XINDU), 404, "xml")

    assert json_of(get(srv, f"tokens/{token}", jurisdiction_id=XINDU)) == [
        {"service_request_id": number, "token": token}]
    root = xml_of(get(srv, f"tokens/{token}", "xml", jurisdiction_id=XINDU))
    assert root.findtext("request/service_request_id") == number
    assert root.findtext("request/token") == token
    assert_error(get(srv, "tokens/" + "0" * 32, jurisdiction_id=XINDU), 404)
    # A token of one jurisdiction is not found in another.
    assert_error(get(srv, f"tokens/{token}", jurisdiction_id=YANDU), 404)


def test_get_requests_without_a_key_carries_public_fields_only(srv, keys):
    answer, form = file_request(srv, keys["xindu"])
    number = answer["service_request_id"]
    public = get(srv, "requests", jurisdiction_id=XINDU, service_request_id=number)
    (one,) = json_of(public)
    assert set(one) == {"service_request_id", "status", "service_name", "service_code",
                        "requested_datetime", "updated_datetime", "expected_datetime", "address"}
    assert one["address"] == "聚龙湖社区 紫薇花园"  # the compound, never the room
    no_personal_data(public.text)
    assert form["description"] not in public.text
    xml_public = get(srv, f"requests/{number}", "xml", jurisdiction_id=XINDU)
    no_personal_data(xml_public.text)
    assert xml_of(xml_public).find("request/description") is None
    # A list of every request of the last 90 days shows no one's name,
    # phone, room or description either, whatever channel filed them.
    everything = get(srv, "requests", jurisdiction_id=XINDU)
    no_personal_data(everything.text)
    assert all("description" not in r for r in json_of(everything))

    keyed = get(srv, f"requests/{number}", jurisdiction_id=XINDU, api_key=keys["xindu"])
    (full,) = json_of(keyed)
    assert full["description"] == form["description"]
    assert full["address"] == "聚龙湖社区 " + form["address_string"]
    assert (full["lat"], full["long"]) == ("33.347812", "120.163000")
    for secret in (NAME, "文娟", PHONE, "****" + PHONE[-4:], "lvwj@example.com"):
        assert secret not in keyed.text  # never the reporter, key or not
    # A key of another jurisdiction is refused, not taken as none.
    assert_error(get(srv, f"requests/{number}", jurisdiction_id=XINDU, api_key=keys["yandu"]),
                 403)
    assert_error(get(srv, "requests", jurisdiction_id=XINDU, api_key="o311_" + "1" * 64), 403)


def numbers(r):
    return [x["service_request_id"] for x in json_of(r)]


def test_get_requests_filters(srv, keys):
    a, _ = file_request(srv, keys["xindu"])
    b, _ = file_request(srv, keys["xindu"], service_code="lifts", description="电梯停运")
    na, nb = a["service_request_id"], b["service_request_id"]

    # service_request_id: a comma-separated list, overriding the rest.
    got = numbers(get(srv, "requests", jurisdiction_id=XINDU, service_request_id=f"{nb},{na}",
                      service_code="parking", status="closed"))
    assert got == [nb, na]
    assert numbers(get(srv, "requests", jurisdiction_id=XINDU,
                       service_request_id=f"{na},WO-19700101-0001")) == [na]
    assert_error(get(srv, "requests", jurisdiction_id=XINDU, service_request_id="a,,b"), 400)

    # service_code, one or several.
    lifts = numbers(get(srv, "requests", jurisdiction_id=XINDU, service_code="lifts"))
    assert nb in lifts and na not in lifts
    both = numbers(get(srv, "requests", jurisdiction_id=XINDU, service_code="water,lifts"))
    assert {na, nb} <= set(both)
    assert numbers(get(srv, "requests", jurisdiction_id=XINDU, service_code="no_such")) == []
    assert_error(get(srv, "requests", jurisdiction_id=XINDU, service_code="water;lifts"), 400)
    assert_error(get(srv, "requests", jurisdiction_id=XINDU,
                     service_code=",".join(["water"] * 200)), 400)

    # status: open and closed (closed = the order's status closed).
    order = next(o for o in srv.get("/api/v1/work-orders", srv.admin(),
                                    params={"q": nb}).json()["items"] if o["number"] == nb)
    r = srv.post(f"/api/v1/work-orders/{order['id']}/actions", srv.admin(),
                 headers={"If-Match": f'"{order["version"]}"'},
                 json={"action": "close", "outcome": "not_ours", "responsible": "电梯维保公司"})
    assert r.status_code == 200, r.text
    closed = numbers(get(srv, "requests", jurisdiction_id=XINDU, status="closed"))
    opened = numbers(get(srv, "requests", jurisdiction_id=XINDU, status="open"))
    assert nb in closed and nb not in opened and na in opened and na not in closed
    assert {na, nb} <= set(numbers(get(srv, "requests", jurisdiction_id=XINDU,
                                       status="open,closed")))
    assert_error(get(srv, "requests", jurisdiction_id=XINDU, status="pending"), 400)
    (one,) = json_of(get(srv, f"requests/{nb}", jurisdiction_id=XINDU))
    assert one["status"] == "closed"

    # start_date / end_date: the requested time within them.
    now = datetime.now(CST)
    within = {"start_date": (now - timedelta(days=1)).isoformat(timespec="seconds"),
              "end_date": (now + timedelta(days=1)).isoformat(timespec="seconds")}
    assert {na, nb} <= set(numbers(get(srv, "requests", jurisdiction_id=XINDU, **within)))
    utc = {"start_date": (now - timedelta(days=1)).astimezone(timezone.utc)
           .strftime("%Y-%m-%dT%H:%M:%SZ")}
    assert {na, nb} <= set(numbers(get(srv, "requests", jurisdiction_id=XINDU, **utc)))
    before = {"start_date": "2020-01-01T00:00:00+08:00", "end_date": "2020-03-01T00:00:00Z"}
    assert numbers(get(srv, "requests", jurisdiction_id=XINDU, **before)) == []
    later = {"start_date": (now + timedelta(days=1)).isoformat(timespec="seconds")}
    assert numbers(get(srv, "requests", jurisdiction_id=XINDU, **later)) == []
    assert_error(get(srv, "requests", jurisdiction_id=XINDU, start_date="yesterday"), 400)
    assert_error(get(srv, "requests", jurisdiction_id=XINDU,
                     start_date="2026-01-01T00:00:00"), 400)  # no time zone
    assert_error(get(srv, "requests", jurisdiction_id=XINDU, start_date="2026-03-01",
                     end_date="2026-02-01"), 400)


def test_dates_may_be_at_most_90_days_apart(srv):
    ok = get(srv, "requests", jurisdiction_id=XINDU, start_date="2026-01-01T00:00:00Z",
             end_date="2026-04-01T00:00:00Z")  # 90 days
    assert ok.status_code == 200, ok.text
    for fmt in ("json", "xml"):
        r = get(srv, "requests", fmt, jurisdiction_id=XINDU, start_date="2026-01-01T00:00:00Z",
                end_date="2026-04-01T00:00:01Z")
        assert "90 days" in assert_error(r, 400, fmt)


def test_the_default_is_the_last_90_days_newest_first(srv, keys):
    """Moves this module's server's clock: the tests after it use no wall time."""
    first, _ = file_request(srv, keys["xindu"])
    srv.advance(91 * 86400)
    second, _ = file_request(srv, keys["xindu"])
    recent = numbers(get(srv, "requests", jurisdiction_id=XINDU))
    assert second["service_request_id"] in recent
    assert first["service_request_id"] not in recent
    times = [x["requested_datetime"] for x in json_of(get(srv, "requests",
                                                          jurisdiction_id=XINDU))]
    assert times == sorted(times, reverse=True) and len(times) <= 1000
    # Asked for by number it is still there.
    assert numbers(get(srv, "requests", jurisdiction_id=XINDU,
                       service_request_id=first["service_request_id"])) == [
        first["service_request_id"]]
    root = xml_of(get(srv, "requests", "xml", jurisdiction_id=XINDU))
    assert [r.findtext("service_request_id") for r in root.findall("request")] == recent


# --- keys at the command line ----------------------------------------------

def test_apikey_list_and_revoke(srv):
    key = issue_key(srv, "app-revoked", district_id(srv, "新都街道"))
    listing = subprocess.run([BIN, "apikey", "list", "--db", srv.db], capture_output=True,
                             text=True, timeout=60)
    assert listing.returncode == 0 and "app-revoked" in listing.stdout
    assert key not in listing.stdout and key[5:] not in listing.stdout
    file_request(srv, key)
    r = subprocess.run([BIN, "apikey", "revoke", "app-revoked", "--db", srv.db],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert_error(post(srv, api_key=key, jurisdiction_id=XINDU, service_code="water",
                      lat="33.3", long="120.1"), 403)
    listing = subprocess.run([BIN, "apikey", "list", "--db", srv.db], capture_output=True,
                             text=True, timeout=60).stdout
    assert re.search(r"app-revoked\s+\d+\s+revoked", listing), listing
    dup = subprocess.run([BIN, "apikey", "add", "app-revoked", "--district", "1", "--db", srv.db],
                         capture_output=True, text=True, timeout=60)
    assert dup.returncode == 1 and "taken" in dup.stderr and dup.stdout == ""
    bad = subprocess.run([BIN, "apikey", "add", "x", "--district", "999999", "--db", srv.db],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and bad.stdout == ""
    missing = subprocess.run([BIN, "apikey", "revoke", "no-such-app", "--db", srv.db],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1
    # Only the key's hash is stored.
    if not PG_BASE:
        import sqlite3
        with sqlite3.connect(srv.db) as db:
            stored = " ".join(str(v) for row in db.execute("SELECT * FROM open311_keys")
                              for v in row)
        assert key not in stored and key[5:] not in stored


# --- one sub-district: jurisdiction_id may be omitted ----------------------

class BareServer:
    """`hongwu serve` on a database holding one sub-district and no demo."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="hongwu-o311-"))
        self.pg_db = None
        if PG_BASE:
            self.pg_db = "hongwu_test_" + secrets.token_hex(6)
            _psql(f"CREATE DATABASE {self.pg_db}")
            self.db = f"{PG_BASE}/{self.pg_db}"
        else:
            self.db = str(self.dir / "hongwu.db")
        self.stderr = open(self.dir / "stderr.log", "ab")
        run = dict(capture_output=True, text=True, timeout=120)
        password = "pw-" + secrets.token_hex(8)
        r = subprocess.run([BIN, "user", "add", "root", "--role", "admin", "--db", self.db],
                           input=password + "\n", **run)
        assert r.returncode == 0, r.stderr
        (self.dir / "web").mkdir()
        self.proc = subprocess.Popen([BIN, "serve", "--port", "0", "--db", self.db,
                                      "--web", str(self.dir / "web")],
                                     stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        found = threading.Event()
        self.base = None

        def reader():
            for line in self.proc.stdout:
                m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
                if m and not found.is_set():
                    self.base = m.group(1)
                    found.set()
            found.set()

        threading.Thread(target=reader, daemon=True).start()
        assert found.wait(30) and self.base, "server did not start"
        login = requests.post(self.base + "/api/v1/auth/login",
                              json={"login": "root", "password": password}, timeout=TIMEOUT)
        self.token = login.json()["token"]

    def url(self, path):
        return self.base + path

    def stop(self):
        self.proc.terminate()
        rc = self.proc.wait(TIMEOUT)
        self.stderr.close()
        if self.pg_db:
            _psql(f"DROP DATABASE IF EXISTS {self.pg_db} WITH (FORCE)")
        return rc


def test_one_sub_district_needs_no_jurisdiction_id():
    bare = BareServer()
    try:
        auth = {"Authorization": "Bearer " + bare.token}
        r = requests.post(bare.url("/api/v1/places"), headers=auth, timeout=TIMEOUT,
                          json={"kind": "subdistrict", "name": "独一街道", "code": "320000001"})
        assert r.status_code == 201, r.text
        services = json_of(get(bare, "services"))
        assert "water" in {s["service_code"] for s in services}
        key = issue_key(bare, "only-app", r.json()["id"])
        answer, _ = file_request(bare, key, jurisdiction_id="")
        assert numbers(get(bare, "requests")) == [answer["service_request_id"]]
        assert_error(get(bare, "requests", jurisdiction_id="320000002"), 404)
        assert numbers(get(bare, "requests", jurisdiction_id="320000001")) == [
            answer["service_request_id"]]
    finally:
        assert bare.stop() == 0
