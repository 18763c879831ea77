"""Ledger services: make a signed checkpoint (filling the subtree node table on the way).

`record()` (appending entries) lives in :mod:`.recording`; it is re-exported by the package.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

from django.db import connection, transaction
from django.utils import timezone

from . import merkle
from .autocheckpoint import note_checkpoint
from .hashing import Hasher, format_time, hasher
from .models import LedgerCheckpoint, LedgerHead, LedgerKey, LedgerNode
from .signing import load_signing_key

log = logging.getLogger(__name__)

CHECKPOINT_FORMAT = "yiwang-ledger-checkpoint/v1"
_NODE_BATCH = 5000
_LEAF_CHUNK = 20000
_SQL_NODE = 'INSERT INTO "ledger_ledgernode" ("key", "hash") VALUES (%s, %s)'
_ADVISORY_KEY = 0x59574C44  # "YWLD": serializes checkpoint creation on PostgreSQL


def checkpoint_message(*, algorithm: str, size: int, root_hash: str, time: dt.datetime) -> bytes:
    """The exact bytes a checkpoint signature covers (UTF-8 text, one field per line)."""
    return (
        f"{CHECKPOINT_FORMAT}\nhash: {algorithm}\nsize: {size}\nroot: {root_hash}\ntime: {format_time(time)}\n"
    ).encode()


def checkpoint_signed_message(checkpoint: LedgerCheckpoint) -> bytes:
    return checkpoint_message(
        algorithm=checkpoint.algorithm,
        size=checkpoint.size,
        root_hash=checkpoint.root_hash,
        time=checkpoint.time,
    )


def stored_perfect_hashes(parts: list[merkle.Perfect]) -> dict[merkle.Perfect, bytes]:
    """Hashes of perfect subtrees: leaves from the entries, higher levels from the node table.

    One raw query (proofs are served often; the ORM's query building would dominate their cost).
    """
    leaves = [index for level, index in parts if level == 0]
    keys = {LedgerNode.key_for(level, index): (level, index) for level, index in parts if level > 0}
    selects, params = [], []
    # Only "%s" placeholders are formatted into the SQL; the values travel as parameters.
    if leaves:
        marks = ", ".join(["%s"] * len(leaves))
        selects.append(f'SELECT 0, "seq", "leaf_hash" FROM "ledger_ledgerentry" WHERE "seq" IN ({marks})')  # noqa: S608
        params.extend(leaves)
    if keys:
        marks = ", ".join(["%s"] * len(keys))
        selects.append(f'SELECT 1, "key", "hash" FROM "ledger_ledgernode" WHERE "key" IN ({marks})')  # noqa: S608
        params.extend(keys)
    found: dict[merkle.Perfect, bytes] = {}
    if selects:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            for is_node, key, value in cursor.fetchall():
                found[keys[key] if is_node else (0, key)] = bytes.fromhex(value)
    missing = [p for p in parts if p not in found]
    if missing:
        raise merkle.ProofError(f"ledger subtree hashes missing: {missing[:3]}")
    return found


def _fill_nodes(h: Hasher, old_size: int, new_size: int) -> bytes:
    """Store every perfect subtree completed between `old_size` and `new_size`; return MTH(new_size)."""
    seed_parts = merkle.CompactRange.parts_for(old_size)
    seed = stored_perfect_hashes(seed_parts)
    pending: list[tuple[int, str]] = []

    def flush() -> None:
        if pending:
            with connection.cursor() as cursor:
                cursor.executemany(_SQL_NODE, pending)
            pending.clear()

    def on_node(level: int, index: int, value: bytes) -> None:
        pending.append((LedgerNode.key_for(level, index), value.hex()))
        if len(pending) >= _NODE_BATCH:
            flush()

    compact = merkle.CompactRange(h, size=old_size, hashes=[seed[p] for p in seed_parts], on_node=on_node)
    for leaf in iter_leaf_hashes(old_size, new_size):
        compact.push(leaf)
    flush()
    if compact.size != new_size:
        raise merkle.ProofError(f"ledger has a gap: expected {new_size} entries, read {compact.size}")
    return compact.root()


def iter_leaf_hashes(start: int, end: int, chunk: int = _LEAF_CHUNK) -> Iterator[bytes]:
    """Stored leaf hashes of entries [start, end) in order (raw cursor, chunks); stops early at a gap."""
    sql = (
        'SELECT "seq", "leaf_hash" FROM "ledger_ledgerentry" WHERE "seq" >= %s AND "seq" < %s ORDER BY "seq"'
    )
    position = start
    fromhex = bytes.fromhex
    while position < end:
        upper = min(position + chunk, end)
        with connection.cursor() as cursor:
            cursor.execute(sql, [position, upper])
            rows = cursor.fetchall()
        for seq, leaf in rows:
            if seq != position:
                return
            yield fromhex(leaf)
            position += 1
        if position < upper:
            return


@transaction.atomic
def checkpoint_create(*, actor: object = None) -> LedgerCheckpoint | None:
    """Sign the current tree head if the log grew since the last checkpoint; return the latest checkpoint.

    Fills the node table for every perfect subtree completed since the previous checkpoint, so proofs
    up to this size read stored hashes. No ledger entry is written for a checkpoint: it *is* the
    ledger's own statement about itself (and an entry would immediately make it stale).
    Returns None while the ledger is empty.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_KEY])
    head = LedgerHead.objects.filter(pk=1).first()
    if head is None or head.size == 0:
        return None
    latest = LedgerCheckpoint.objects.order_by("-size").first()
    if latest is not None and latest.size >= head.size:
        note_checkpoint(latest.size, latest.time)
        return latest
    h = hasher(head.algorithm)
    old_size = latest.size if latest is not None else 0
    root = _fill_nodes(h, old_size, head.size).hex()
    key = load_signing_key()
    public = key.public_key
    LedgerKey.objects.get_or_create(fingerprint=public.fingerprint, defaults={"public_key_pem": public.pem()})
    now = timezone.now()
    message = checkpoint_message(algorithm=head.algorithm, size=head.size, root_hash=root, time=now)
    checkpoint = LedgerCheckpoint.objects.create(
        size=head.size,
        root_hash=root,
        algorithm=head.algorithm,
        time=now,
        key_id=public.fingerprint,
        signature=key.sign(message).hex(),
    )
    transaction.on_commit(lambda: note_checkpoint(checkpoint.size, checkpoint.time))
    log.info("ledger checkpoint size=%s root=%s", checkpoint.size, root)
    return checkpoint
