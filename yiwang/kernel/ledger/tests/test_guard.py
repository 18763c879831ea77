"""The database itself refuses to change or delete ledger rows (triggers on PostgreSQL and SQLite)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from yiwang.kernel.ledger.guard import sqlite_create_sql
from yiwang.kernel.ledger.models import LedgerCheckpoint, LedgerEntry, LedgerHead, LedgerNode, LedgerPayload
from yiwang.kernel.ledger.services import checkpoint_create

from .conftest import raw

pytestmark = pytest.mark.django_db

REFUSED = [
    "UPDATE ledger_ledgerentry SET action = 'x.y.z' WHERE seq = 1",
    "DELETE FROM ledger_ledgerentry WHERE seq = 1",
    "UPDATE ledger_ledgernode SET hash = '00'",
    "DELETE FROM ledger_ledgernode",
    "UPDATE ledger_ledgercheckpoint SET root_hash = '00'",
    "DELETE FROM ledger_ledgercheckpoint",
    "UPDATE ledger_ledgerkey SET public_key_pem = ''",
    "DELETE FROM ledger_ledgerkey",
    "UPDATE ledger_ledgerpayload SET body = '{}' WHERE seq = 1",
    "DELETE FROM ledger_ledgerhead",
]


@pytest.fixture
def log(make_entries: Callable[..., Any]) -> None:
    make_entries(4)
    checkpoint_create()


@pytest.mark.postgres_only
@pytest.mark.parametrize("sql", REFUSED)
def test_database_refuses_update_and_delete_of_ledger_rows__ENF_79(log: None, sql: str) -> None:
    """PostgreSQL: plpgsql row triggers. SQLite: the same triggers guarded by a project-only function."""
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        raw(sql)
    assert LedgerEntry.objects.count() == 4
    assert LedgerEntry.objects.get(seq=1).action == "ledger.test.recorded"
    assert LedgerNode.objects.count() == 3
    assert LedgerCheckpoint.objects.count() == 1
    assert LedgerHead.objects.count() == 1
    assert LedgerPayload.objects.count() == 4
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'ledger_%%' AND NOT tgisinternal AND tgenabled = 'O'"
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ledger_%'"
            )
        assert cursor.fetchone()[0] == 10


def test_payloads_may_be_deleted_for_retention__ENF_78(log: None) -> None:
    raw("DELETE FROM ledger_ledgerpayload WHERE seq = 1")
    assert not LedgerPayload.objects.filter(pk=1).exists()
    assert LedgerEntry.objects.filter(seq=1).exists()


def test_appends_still_work_with_the_guard_in_place(log: None, make_entries: Callable[..., Any]) -> None:
    make_entries(2)
    assert LedgerHead.objects.get().size == 6
    assert checkpoint_create() is not None


def test_other_sqlite_clients_cannot_change_rows_without_dropping_the_trigger(tmp_path: Path) -> None:
    """A plain sqlite3 client does not have the project's guard function, so its UPDATE fails too."""
    path = tmp_path / "plain.sqlite3"
    plain = sqlite3.connect(path)
    plain.execute("CREATE TABLE ledger_ledgerentry (seq INTEGER PRIMARY KEY, action TEXT)")
    for table in ("ledger_ledgernode", "ledger_ledgercheckpoint", "ledger_ledgerkey", "ledger_ledgerpayload"):
        plain.execute(f"CREATE TABLE {table} (x INTEGER)")
    plain.execute("CREATE TABLE ledger_ledgerhead (id INTEGER)")
    for sql in sqlite_create_sql():
        plain.execute(sql)
    plain.execute("INSERT INTO ledger_ledgerentry VALUES (0, 'a.b.c')")
    with pytest.raises(sqlite3.OperationalError, match="yiwang_ledger_maintenance"):
        plain.execute("UPDATE ledger_ledgerentry SET action = 'x.y.z'")
    with pytest.raises(sqlite3.OperationalError, match="yiwang_ledger_maintenance"):
        plain.execute("DELETE FROM ledger_ledgerentry")
    plain.execute("DROP TRIGGER ledger_ledgerentry_no_update")
    plain.execute("UPDATE ledger_ledgerentry SET action = 'x.y.z'")
    assert plain.execute("SELECT action FROM ledger_ledgerentry").fetchone() == ("x.y.z",)
    plain.close()
