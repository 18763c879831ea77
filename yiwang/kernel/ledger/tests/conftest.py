"""Fixtures of the ledger tests: a private signing key, entry factories and raw tampering helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction

from yiwang.kernel import ledger
from yiwang.kernel.ledger.guard import GUARDED, drop_sql, sqlite_create_sql
from yiwang.kernel.ledger.models import LedgerEntry


@pytest.fixture(autouse=True)
def ledger_key_file(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every ledger test signs with its own key file in a temporary directory."""
    monkeypatch.delenv("YIWANG_LEDGER_SM2_KEY", raising=False)
    path = tmp_path / "ledger-sm2.key"
    settings.YIWANG_LEDGER_KEY_FILE = path
    settings.YIWANG_LEDGER_AUTO_CHECKPOINT = False
    return path


@pytest.fixture
def make_entries(db: Any) -> Callable[..., list[LedgerEntry]]:
    def make(n: int, action: str = "ledger.test.recorded") -> list[LedgerEntry]:
        out = []
        for i in range(n):
            with transaction.atomic():
                out.append(ledger.record(actor=None, action=action, subject=f"subject-{i}", data={"i": i}))
        return out

    return make


@contextmanager
def unguarded() -> Iterator[None]:
    """Remove the append-only triggers the way someone with direct database access would.

    SQLite: DROP TRIGGER (restored afterwards). PostgreSQL: ALTER TABLE … DISABLE TRIGGER USER (as the
    table owner). Both are DDL inside the test's transaction.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE needs no pending FK checks
            for table in GUARDED:
                cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
        else:
            for sql in drop_sql("sqlite"):
                cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for table in GUARDED:
                    cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            else:
                for sql in sqlite_create_sql():
                    cursor.execute(sql)


def raw(sql: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
