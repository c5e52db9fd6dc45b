"""`hongwu serve --sync full|normal` (docs/operations.md, "Durability"): what
SQLite is told, read back from the server's own connection through /readyz;
a value it does not know is refused before anything starts."""
import re
import subprocess

import pytest

from conftest import BIN, PG_BASE, Server, _finish

pytestmark = pytest.mark.skipif(bool(PG_BASE), reason="PostgreSQL keeps its own settings")


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=False)
    yield s
    _finish(s)


def serve(srv, *extra, env=None):
    proc = subprocess.Popen([BIN, "serve", "--port", "0", "--db", srv.db, "--web", str(srv.web)]
                            + list(extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True, env=env)
    line = proc.stdout.readline()
    m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
    return proc, m.group(1) if m else None


def readyz(base):
    import requests
    r = requests.get(base + "/readyz", timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


def test_full_by_default(srv):
    assert readyz(srv.base)["sqlite_synchronous"] == "full"


@pytest.mark.parametrize("mode", ["normal", "full"])
def test_the_option_reaches_sqlite(srv, mode):
    proc, base = serve(srv, "--sync", mode)
    try:
        assert base, proc.stderr.read()
        assert readyz(base)["sqlite_synchronous"] == mode
    finally:
        proc.terminate()
        assert proc.wait(30) == 0


def test_the_environment_variable_too(srv):
    import os
    proc, base = serve(srv, env=dict(os.environ, HONGWU_SYNC="normal"))
    try:
        assert base, proc.stderr.read()
        assert readyz(base)["sqlite_synchronous"] == "normal"
    finally:
        proc.terminate()
        assert proc.wait(30) == 0


def test_an_unknown_value_is_refused(srv):
    out = subprocess.run([BIN, "serve", "--port", "0", "--db", srv.db, "--sync", "off"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2
    assert "--sync is full or normal" in out.stderr
