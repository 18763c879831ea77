"""`record()`: append one entry to the ledger inside the caller's transaction.

Every state-changing service calls it in the same transaction as its change, so the change and its
ledger entry commit or roll back together. Appends are cheap: one ``UPDATE … RETURNING`` on the head
row (assigns the dense sequence number and serializes writers), two INSERTs and two hashes. Subtree
nodes are filled later, when a checkpoint is made.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, cast

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.base import ModelState
from django.utils import timezone

from yiwang.kernel.context import current_request_id

from .autocheckpoint import schedule_after_commit
from .hashing import canonical_json, configured_algorithm, format_time, hasher, leaf_data_positional
from .models import LedgerEntry, LedgerHead

ACTION_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){2,}$")

# Raw SQL on the hot path (identifiers are fixed; double quotes work on SQLite and PostgreSQL).
_SQL_TAKE = (
    'UPDATE "ledger_ledgerhead" SET "size" = "size" + 1 WHERE "id" = 1 AND "algorithm" = %s RETURNING "size"'
)
_SQL_TAKE_WITH_PAYLOAD_PG = (
    'WITH "taken" AS (UPDATE "ledger_ledgerhead" SET "size" = "size" + 1 WHERE "id" = 1 AND "algorithm" = %s '
    'RETURNING "size" - 1 AS "seq") INSERT INTO "ledger_ledgerpayload" ("seq", "body") '
    'SELECT "seq", %s FROM "taken" RETURNING "seq"'
)
_SQL_HEAD_ALGORITHM = 'SELECT "algorithm" FROM "ledger_ledgerhead" WHERE "id" = 1'
_SQL_HEAD_CREATE = (
    'INSERT INTO "ledger_ledgerhead" ("id", "algorithm", "size", "created_at") VALUES (1, %s, 0, %s) '
    'ON CONFLICT ("id") DO NOTHING'
)
_SQL_ENTRY = (
    'INSERT INTO "ledger_ledgerentry" ("seq", "time", "actor_id", "actor_name", "action", "subject_type", '
    '"subject_id", "request_id", "payload_digest", "leaf_hash") VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)'
)
_SQL_PAYLOAD = 'INSERT INTO "ledger_ledgerpayload" ("seq", "body") VALUES (%s, %s)'
_QMARK = {
    sql: sql.replace("%s", "?") for sql in (_SQL_TAKE, _SQL_TAKE_WITH_PAYLOAD_PG, _SQL_ENTRY, _SQL_PAYLOAD)
}
_ENTRY_FIELDS = tuple(f.attname for f in LedgerEntry._meta.concrete_fields)


def _driver_execute(wrapper: Any, vendor: str) -> Callable[[str, Sequence[Any]], Any]:
    """Execute on the driver's cursor, skipping Django's per-statement wrapper (the append hot path).

    The caller keeps ``connection.wrap_database_errors`` around it, so errors are still Django's.
    SQLite's driver takes ``?`` placeholders; psycopg takes ``%s`` as written.
    """
    raw = wrapper.cursor
    if vendor == "sqlite":
        execute = sqlite3.Cursor.execute
        return lambda sql, params: execute(raw, _QMARK[sql], params)
    return cast(Callable[[str, Sequence[Any]], Any], raw.execute)


def _create_head_and_take_seq(cursor: Any, algorithm: str) -> int:
    """First append of a log (or a misconfiguration): create the head row, fixing the algorithm.

    The take-UPDATE only matches a head of the configured algorithm, so a mismatch is refused here,
    before anything is written.
    """
    cursor.execute(_SQL_HEAD_ALGORITHM)
    existing = cursor.fetchone()
    if existing is not None:
        raise ImproperlyConfigured(
            f"台账使用 {existing[0]} 哈希，但设置 YIWANG_LEDGER_HASH={algorithm}；同一台账不得混用哈希算法"
        )
    cursor.execute(_SQL_HEAD_CREATE, [algorithm, cursor.db.ops.adapt_datetimefield_value(timezone.now())])
    cursor.execute(_SQL_TAKE, [algorithm])
    row = cursor.fetchone()
    if row is None:  # another process created the head with a different algorithm meanwhile
        raise ImproperlyConfigured("台账哈希算法与设置 YIWANG_LEDGER_HASH 不一致；同一台账不得混用哈希算法")
    return int(row[0]) - 1


def _saved_instance(alias: str, values: tuple[Any, ...]) -> LedgerEntry:
    """The entry just inserted, as a saved model instance, built without ``Model.__init__``.

    Equivalent to ``LedgerEntry.from_db(alias, fields, values)`` for this concrete model with no
    deferred fields, at a quarter of the cost (every state change in the platform pays it).
    """
    entry = LedgerEntry.__new__(LedgerEntry)
    state = ModelState()
    state.adding = False
    state.db = alias
    entry._state = state
    entry.__dict__.update(zip(_ENTRY_FIELDS, values, strict=True))
    return entry


def _subject_ref(subject: Any) -> tuple[str, str, str]:
    if isinstance(subject, models.Model):
        meta = subject._meta
        return f"{meta.app_label}.{meta.model_name}", str(subject.pk), str(subject)
    if isinstance(subject, str):
        return "", subject, subject
    raise TypeError("subject must be a model instance or a string")


def record(
    *,
    actor: Any,
    action: str,
    subject: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> LedgerEntry:
    """Append a ledger entry for a state change made in the current transaction.

    ``actor`` is a person (anything with ``.pk`` and ``str()``) or None for the system; ``subject`` a
    model instance or a string; ``action`` ``"<module>.<entity>.<past_verb>"``. The request id comes
    from :func:`yiwang.kernel.context.current_request_id`.
    """
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        raise RuntimeError(
            "ledger.record() must be called inside transaction.atomic (same transaction as the change)"
        )
    if not isinstance(action, str) or not ACTION_RE.match(action) or len(action) > 120:
        raise ValueError(f"ledger action must look like '<module>.<entity>.<past_verb>', got {action!r}")
    subject_type, subject_id, subject_text = _subject_ref(subject)
    if len(subject_id) > 200:
        raise ValueError("ledger subject id longer than 200 characters")
    actor_id = "" if actor is None else str(actor.pk)
    actor_name = "" if actor is None else str(actor)[:200]
    request_id = (current_request_id() or "")[:64]
    body = canonical_json({"after": after, "before": before, "data": data, "subject": subject_text})

    algorithm = configured_algorithm()
    vendor = conn.vendor
    with conn.cursor() as cursor, conn.wrap_database_errors:
        run = _driver_execute(cursor, vendor)
        payload_written = False
        if vendor == "postgresql":
            # One round trip instead of two: take the number and store the payload together (the
            # payload's foreign key to the entry is checked at commit).
            row = run(_SQL_TAKE_WITH_PAYLOAD_PG, (algorithm, body)).fetchone()
            if row is not None:
                seq, payload_written = int(row[0]), True
        if not payload_written:
            row = run(_SQL_TAKE, (algorithm,)).fetchone()
            seq = int(row[0]) - 1 if row is not None else _create_head_and_take_seq(cursor, algorithm)
        h = hasher(algorithm)
        now = timezone.now()
        payload_digest = h.digest(body.encode()).hex()
        leaf_hash = h.leaf(
            leaf_data_positional(
                action,
                actor_id,
                actor_name,
                payload_digest,
                request_id,
                seq,
                subject_id,
                subject_type,
                format_time(now),
            )
        ).hex()
        run(
            _SQL_ENTRY,
            (
                seq,
                conn.ops.adapt_datetimefield_value(now),
                actor_id,
                actor_name,
                action,
                subject_type,
                subject_id,
                request_id,
                payload_digest,
                leaf_hash,
            ),
        )
        if not payload_written:
            run(_SQL_PAYLOAD, (seq, body))
    entry = _saved_instance(
        conn.alias,
        (
            seq,
            now,
            actor_id,
            actor_name,
            action,
            subject_type,
            subject_id,
            request_id,
            payload_digest,
            leaf_hash,
        ),
    )
    schedule_after_commit(seq)
    return entry


def size() -> int:
    """Number of entries in the ledger (as seen by the current transaction)."""
    row = LedgerHead.objects.filter(pk=1).values_list("size", flat=True).first()
    return int(row or 0)
