"""Reading the stored tree: leaf hashes, subtree nodes, and the signed checkpoint text.

Shared by the services (checkpoints), the selectors (proofs) and verification; raw SQL because
these reads sit on the paths that must stay fast (proofs, verify, node filling).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import connection

from . import merkle
from .hashing import format_time
from .models import LedgerCheckpoint, LedgerNode

CHECKPOINT_FORMAT = "yiwang-ledger-checkpoint/v1"
_LEAF_CHUNK = 20000


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
