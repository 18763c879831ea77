"""Database-level append-only guard for the ledger tables (防删改, ENF-79).

PostgreSQL: row triggers raise on UPDATE/DELETE of entries, nodes, checkpoints and keys, on UPDATE of
payloads (retention may delete them) and on DELETE of the head row. Only a table owner can disable them.

SQLite: the same triggers, with a ``WHEN NOT yiwang_ledger_maintenance()`` condition. That SQL function
exists only on connections opened by this project (registered below), where it returns false, so every
UPDATE/DELETE is refused; in any other SQLite client the function is unknown and the statement fails
too. It returns true only while Django's own ``flush`` runs (test-database resets, ``manage.py flush``),
which PostgreSQL performs with TRUNCATE and which therefore passes there as well. Anyone holding the
SQLite file can still drop a trigger: ``manage.py ledger verify`` is what detects a changed row.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_maintenance: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "yiwang_ledger_maintenance", default=False
)

GUARDED = {
    # table: operations refused
    "ledger_ledgerentry": ("UPDATE", "DELETE"),
    "ledger_ledgernode": ("UPDATE", "DELETE"),
    "ledger_ledgercheckpoint": ("UPDATE", "DELETE"),
    "ledger_ledgerkey": ("UPDATE", "DELETE"),
    "ledger_ledgerpayload": ("UPDATE",),
    "ledger_ledgerhead": ("DELETE",),
}


def trigger_name(table: str, op: str) -> str:
    return f"{table}_no_{op.lower()}"


@contextmanager
def ledger_maintenance() -> Iterator[None]:
    """Lift the SQLite guard for this thread (used by Django's flush only)."""
    token = _maintenance.set(True)
    try:
        yield
    finally:
        _maintenance.reset(token)


def _in_maintenance() -> int:
    return 1 if _maintenance.get() else 0


def install_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` handler: register the guard function and let `flush` through."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function("yiwang_ledger_maintenance", 0, _in_maintenance)
    ops = connection.ops
    if getattr(ops, "_yiwang_flush_wrapped", False):
        return
    original = ops.execute_sql_flush

    def execute_sql_flush(sql_list: list[str]) -> None:
        with ledger_maintenance():
            original(sql_list)

    ops.execute_sql_flush = execute_sql_flush
    ops._yiwang_flush_wrapped = True


def sqlite_create_sql() -> list[str]:
    out = []
    for table, ops in GUARDED.items():
        for op in ops:
            out.append(
                f'CREATE TRIGGER IF NOT EXISTS "{trigger_name(table, op)}" BEFORE {op} ON "{table}" '
                "WHEN NOT yiwang_ledger_maintenance() "
                f"BEGIN SELECT RAISE(ABORT, 'ledger table {table} is append-only: {op} refused'); END"
            )
    return out


def postgresql_create_sql() -> list[str]:
    out = [
        """
        CREATE OR REPLACE FUNCTION yiwang_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'ledger table % is append-only: % refused', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
        END
        $$
        """
    ]
    for table, ops in GUARDED.items():
        for op in ops:
            out.append(
                f'CREATE TRIGGER "{trigger_name(table, op)}" BEFORE {op} ON "{table}" '
                "FOR EACH ROW EXECUTE FUNCTION yiwang_ledger_refuse_change()"
            )
    return out


def drop_sql(vendor: str) -> list[str]:
    out = []
    for table, ops in GUARDED.items():
        for op in ops:
            on = f' ON "{table}"' if vendor == "postgresql" else ""
            out.append(f'DROP TRIGGER IF EXISTS "{trigger_name(table, op)}"{on}')
    if vendor == "postgresql":
        out.append("DROP FUNCTION IF EXISTS yiwang_ledger_refuse_change()")
    return out
