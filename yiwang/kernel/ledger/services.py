"""Ledger services: make a signed checkpoint (filling the subtree node table on the way).

`record()` (appending entries) lives in :mod:`.recording`; it is re-exported by the package.
"""

from __future__ import annotations

import logging

from django.db import connection, transaction
from django.utils import timezone

from . import merkle
from .autocheckpoint import note_checkpoint
from .hashing import Hasher, hasher
from .models import LedgerCheckpoint, LedgerHead, LedgerKey, LedgerNode
from .signing import load_signing_key
from .tree import checkpoint_message, iter_leaf_hashes, stored_perfect_hashes

log = logging.getLogger(__name__)

_NODE_BATCH = 5000
_SQL_NODE = 'INSERT INTO "ledger_ledgernode" ("key", "hash") VALUES (%s, %s)'
_ADVISORY_KEY = 0x59574C44  # "YWLD": serializes checkpoint creation on PostgreSQL


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
