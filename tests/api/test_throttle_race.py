"""Login throttling holds under concurrency: attempts are counted and decided in one
step before a password is checked, so no number of concurrent wrong passwords, in
one process or several on one database, gets more than the limit checked."""
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from conftest import TIMEOUT
from helpers import assert_problem
from test_multiprocess import SecondProcess

ACCOUNT_MAX = 5
ADDRESS_MAX = 20
ATTEMPTS = 40


@pytest.fixture
def busy_server(make_server, monkeypatch):
    """A server with many worker threads, so attempts really run side by side."""
    monkeypatch.setenv("HONGWU_THREADS", "32")
    return make_server(False)


def _burst(bases, bodies):
    """POSTs each body to /api/v1/auth/login at once (bases taken in turn); statuses."""
    start = threading.Barrier(len(bodies))

    def attempt(i):
        start.wait()
        r = requests.post(bases[i % len(bases)] + "/api/v1/auth/login", json=bodies[i], timeout=60)
        return r.status_code

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(attempt, range(len(bodies))))


def _wrong(login, i):
    return {"login": login, "password": f"wrong-password-{i}"}


# 503: no hashing slot came free in time (auth/password.c); counted, never checked.
ANSWERS = {401, 429, 503}


def _assert_account_held(statuses):
    assert set(statuses) <= ANSWERS, statuses
    checked = statuses.count(401)
    assert checked <= ACCOUNT_MAX, f"{checked} of {ATTEMPTS} concurrent wrong passwords were checked"
    assert statuses.count(429) >= ATTEMPTS - ACCOUNT_MAX


def test_concurrent_wrong_passwords_cannot_outrun_the_account_limit(busy_server):
    s = busy_server
    _assert_account_held(_burst([s.base], [_wrong("demo-volunteer", i) for i in range(ATTEMPTS)]))
    r = s.login_response("demo-volunteer")  # the right password, after the limit
    assert_problem(r, 429, "too-many-attempts")
    assert int(r.headers["Retry-After"]) > 0


def test_concurrent_wrong_passwords_across_two_processes(make_server, monkeypatch):
    monkeypatch.setenv("HONGWU_THREADS", "32")
    first = make_server(False)
    second = SecondProcess(first)
    try:
        statuses = _burst([first.base, second.base],
                          [_wrong("demo-volunteer", i) for i in range(ATTEMPTS)])
        _assert_account_held(statuses)
        for base in (first.base, second.base):
            r = requests.post(base + "/api/v1/auth/login", timeout=TIMEOUT,
                              json={"login": "demo-volunteer", "password": first.passwords["demo-volunteer"]})
            assert r.status_code == 429, r.text
    finally:
        rc, tail = second.stop()
        assert rc == 0, tail


def test_concurrent_wrong_logins_cannot_outrun_the_address_limit(busy_server):
    s = busy_server
    statuses = _burst([s.base], [_wrong(f"nobody-{i}", i) for i in range(ATTEMPTS)])
    assert set(statuses) <= ANSWERS, statuses
    assert statuses.count(401) <= ADDRESS_MAX, statuses
    assert statuses.count(429) >= ATTEMPTS - ADDRESS_MAX, statuses
    assert_problem(s.login_response("demo-resident"), 429, "too-many-attempts")


def test_successful_logins_do_not_use_up_the_address_limit(own_server):
    # An office behind one NAT address: more sign-ins than the failure limit all succeed.
    s = own_server
    for i in range(ADDRESS_MAX + 2):
        r = s.login_response("demo-resident")
        assert r.status_code == 200, f"sign-in {i + 1}: {r.status_code} {r.text}"
    # A right password within the account's limit still signs in after wrong ones.
    for i in range(ACCOUNT_MAX - 1):
        assert_problem(s.login_response("demo-volunteer", f"wrong-{i}-xxxxxx"), 401, "bad-credentials")
    assert s.login_response("demo-volunteer").status_code == 200
