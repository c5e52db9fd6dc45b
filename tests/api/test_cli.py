"""The hongwu binary's subcommands, on SQLite or PostgreSQL (HONGWU_TEST_PG)."""
import secrets
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import BIN, PG_BASE, REPO, _psql

SUBCOMMANDS = ["serve", "migrate", "backup", "demo", "user", "routes", "import", "export"]


def run(*args, stdin=None, timeout=120):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def fresh_db():
    """A new, empty database URL or path, dropped afterwards."""
    if PG_BASE:
        name = "hongwu_cli_" + secrets.token_hex(6)
        _psql(f"CREATE DATABASE {name}")
        yield f"{PG_BASE}/{name}"
        _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    else:
        with tempfile.TemporaryDirectory() as d:
            yield str(Path(d) / "cli.db")


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_every_subcommand_has_help(sub):
    r = run(sub, "--help")
    assert r.returncode == 0, r.stderr
    assert "usage: hongwu " + sub in r.stdout


def test_version_and_unknown_command():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("hongwu ")
    r = run("frobnicate")
    assert r.returncode == 2 and "unknown command" in r.stderr


def test_bad_port_is_a_usage_error():
    r = run("serve", "--port", "http")
    assert r.returncode == 2 and "--port" in r.stderr


def test_migrate_twice_and_concurrently(fresh_db):
    """Two migrations racing on a new database both succeed, once."""
    procs = [subprocess.Popen([BIN, "migrate", "--db", fresh_db], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    versions = {o[0].strip() for o in outs}
    assert len(versions) == 1 and versions.pop().startswith("schema at version "), outs
    applied = sum(o[1].count("migrate: applied") for o in outs)
    again = run("migrate", "--db", fresh_db)
    assert again.returncode == 0 and "migrate: applied" not in again.stderr
    migrations = list(REPO.glob("src/*/schema/*.sql"))
    assert applied == len(migrations), "each migration applied exactly once"
    assert again.stdout.split()[-1] == max(m.name for m in migrations).split("_")[0].lstrip("0")


def test_user_commands(fresh_db):
    assert run("migrate", "--db", fresh_db).returncode == 0
    r = run("user", "add", "ops-admin", "--role", "admin", "--name", "运维", "--db", fresh_db,
            stdin="a-long-password\n")
    assert r.returncode == 0, r.stderr
    r = run("user", "add", "ops-admin", "--role", "admin", "--db", fresh_db, stdin="a-long-password\n")
    assert r.returncode == 1 and "taken" in r.stderr
    r = run("user", "add", "short", "--role", "admin", "--db", fresh_db, stdin="short\n")
    assert r.returncode == 1 and "password" in r.stderr
    r = run("user", "add", "gw", "--role", "grid_worker", "--db", fresh_db, stdin="a-long-password\n")
    assert r.returncode == 1, "a grid worker needs a grid scope"
    r = run("user", "add", "gw", "--role", "grid_worker", "--scope", "grid:999", "--db", fresh_db,
            stdin="a-long-password\n")
    assert r.returncode == 1 and "no grid" in r.stderr
    r = run("user", "passwd", "ops-admin", "--db", fresh_db, stdin="another-long-password\n")
    assert r.returncode == 0, r.stderr
    r = run("user", "disable", "ops-admin", "--db", fresh_db)
    assert r.returncode == 0, r.stderr
    listing = run("user", "list", "--db", fresh_db)
    assert listing.returncode == 0
    row = [line for line in listing.stdout.splitlines() if "ops-admin" in line]
    assert row and "disabled" in row[0]
    assert "a-long-password" not in listing.stdout + listing.stderr


def test_backup_while_serving(make_server, tmp_path):
    """An online backup of a running server's database holds its data."""
    s = make_server(False)
    s.create_user(login="backup-probe", role="volunteer")
    target = tmp_path / ("hongwu.dump" if PG_BASE else "hongwu-backup.db")
    r = run("backup", "--db", s.db, str(target))
    assert r.returncode == 0, r.stderr
    assert target.stat().st_size > 0
    assert run("backup", "--db", s.db, str(target)).returncode == 1, "never overwrites"
    if PG_BASE:
        listing = subprocess.run(["pg_restore", "--list", str(target)], capture_output=True,
                                 text=True, timeout=60)
        assert listing.returncode == 0 and "TABLE DATA public users" in listing.stdout
    else:
        with sqlite3.connect(target) as db:
            (n,) = db.execute("SELECT count(*) FROM users WHERE login = 'backup-probe'").fetchone()
            assert n == 1
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert s.get("/readyz").status_code == 200, "the server kept running"
