"""The demo as `make run` leaves it: `manage.py ledger verify` says OK, and names an entry changed behind its back.

Uses the browser tests' server database (migrated and loaded by ``demo_seed``); the tampering is done
on a copy, so the running server is untouched.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from .conftest import Server

pytestmark = pytest.mark.browser
OK_LINE = re.compile(r"^OK size=(\d+) root=[0-9a-f]{64}$")


def _copy_of_demo(server: Server, target: Path) -> Server:
    target.mkdir()
    source = sqlite3.connect(server.var_dir / "db.sqlite3")
    copy = sqlite3.connect(target / "db.sqlite3")
    with copy:
        source.backup(copy)
    source.close()
    copy.close()
    for key in server.var_dir.glob("*.key"):
        shutil.copy(key, target / key.name)
    return replace(server, var_dir=target, env={**server.env, "YIWANG_VAR_DIR": str(target)})


def test_ledger_verify_is_ok_on_the_demo_data(server: Server) -> None:
    result = server.manage("ledger", "verify")
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    match = OK_LINE.match(last)
    assert match, last
    assert int(match.group(1)) > 10


def test_ledger_rows_refuse_a_plain_update_in_sqlite(server: Server, tmp_path: Path) -> None:
    copy = _copy_of_demo(server, tmp_path / "var")
    db = sqlite3.connect(copy.var_dir / "db.sqlite3")
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("UPDATE ledger_ledgerentry SET action = 'people.person.erased' WHERE seq = 5")
    db.close()


def test_ledger_verify_names_an_entry_changed_directly_in_sqlite(server: Server, tmp_path: Path) -> None:
    copy = _copy_of_demo(server, tmp_path / "var")
    db = sqlite3.connect(copy.var_dir / "db.sqlite3")
    with db:
        db.execute("DROP TRIGGER ledger_ledgerentry_no_update")  # what someone with the file could do
        db.execute("UPDATE ledger_ledgerentry SET actor_name = '某某' WHERE seq = 5")
    db.close()
    result = copy.manage("ledger", "verify")
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert re.search(r"\bseq=5\b", output), output
    assert not any(OK_LINE.match(line) for line in output.splitlines())
