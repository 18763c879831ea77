"""Public reads of the ledger: checkpoints, proofs and entry lookup.

The ledger's proofs are public by design (anyone may check an entry against a signed checkpoint), so
these selectors take no actor. They never expose payloads. Proofs are served for tree sizes up to the
latest checkpoint, whose subtree nodes are stored: one query for the needed nodes, no rehashing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection

from yiwang.kernel.errors import DomainError, NotFound

from . import merkle
from .hashing import configured_algorithm, format_time, hasher, leaf_data
from .models import LedgerCheckpoint, LedgerEntry, LedgerHead
from .signing import PublicKey, SignatureError
from .tree import checkpoint_signed_message, stored_perfect_hashes

HEX_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class InclusionProof:
    index: int
    size: int
    leaf_hash: str
    path: list[str]
    root: str
    algorithm: str


@dataclass(frozen=True)
class ConsistencyProof:
    first: int
    second: int
    path: list[str]
    first_root: str
    second_root: str
    algorithm: str


def log_algorithm() -> str:
    return (
        LedgerHead.objects.filter(pk=1).values_list("algorithm", flat=True).first() or configured_algorithm()
    )


def checkpoint_latest() -> LedgerCheckpoint | None:
    return LedgerCheckpoint.objects.select_related("key").order_by("-size").first()


def checkpoint_list() -> list[LedgerCheckpoint]:
    return list(LedgerCheckpoint.objects.select_related("key").order_by("-size"))


def _proven_size_and_algorithm() -> tuple[int, str]:
    """Size of the latest checkpoint and the log's hash algorithm, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT (SELECT MAX("size") FROM "ledger_ledgercheckpoint"), '
            '(SELECT "algorithm" FROM "ledger_ledgerhead" WHERE "id" = 1)'
        )
        size, algorithm = cursor.fetchone()
    if size is None:
        raise DomainError("no_checkpoint", "台账尚未签署任何检查点，暂无法提供证明", status=404)
    return int(size), algorithm or configured_algorithm()


def _check_size(value: int, field: str, limit: int, minimum: int = 1) -> None:
    if value < minimum:
        raise DomainError("invalid_size", f"{field} 必须不小于 {minimum}", field)
    if value > limit:
        raise DomainError(
            "size_beyond_checkpoint",
            f"{field}={value} 超出最新检查点的条目数 {limit}，只能证明已签署的部分",
            field,
        )


def _lookup(ranges: list[merkle.Range]) -> merkle.PerfectLookup:
    """One query for every stored subtree hash the ranges are built from."""
    return stored_perfect_hashes(sorted(merkle.parts_needed(ranges))).__getitem__


def inclusion_proof(*, index: int, size: int) -> InclusionProof:
    """PATH(index, D[0:size]) (RFC 6962 §2.1.1) with the leaf hash and the tree root of `size`."""
    limit, algorithm = _proven_size_and_algorithm()
    _check_size(size, "size", limit)
    if not 0 <= index < size:
        raise DomainError("invalid_index", f"index 必须在 0 到 {size - 1} 之间", "index")
    h = hasher(algorithm)
    ranges = merkle.inclusion_ranges(index, size)
    lookup = _lookup([*ranges, (0, size), (index, index + 1)])
    return InclusionProof(
        index=index,
        size=size,
        leaf_hash=lookup((0, index)).hex(),
        path=[merkle.range_hash(h, s, e, lookup).hex() for s, e in ranges],
        root=merkle.range_hash(h, 0, size, lookup).hex(),
        algorithm=h.name,
    )


def consistency_proof(*, first: int, second: int) -> ConsistencyProof:
    """PROOF(first, D[0:second]) (RFC 6962 §2.1.2) with both tree roots."""
    limit, algorithm = _proven_size_and_algorithm()
    _check_size(second, "second", limit)
    _check_size(first, "first", second)
    h = hasher(algorithm)
    ranges = merkle.consistency_ranges(first, second)
    lookup = _lookup([*ranges, (0, first), (0, second)])
    return ConsistencyProof(
        first=first,
        second=second,
        path=[merkle.range_hash(h, s, e, lookup).hex() for s, e in ranges],
        first_root=merkle.range_hash(h, 0, first, lookup).hex(),
        second_root=merkle.range_hash(h, 0, second, lookup).hex(),
        algorithm=h.name,
    )


def entry_get_by_leaf_hash(*, leaf_hash: str) -> LedgerEntry:
    value = leaf_hash.strip().lower()
    if not HEX_RE.match(value):
        raise DomainError("invalid_hash", "条目哈希应为 64 位十六进制数", "hash")
    entry = LedgerEntry.objects.filter(leaf_hash=value).first()
    if entry is None:
        raise NotFound("台账中没有该哈希的条目", "hash")
    return entry


def entry_get_by_seq(*, seq: int) -> LedgerEntry:
    entry = LedgerEntry.objects.filter(seq=seq).first()
    if entry is None:
        raise NotFound("台账中没有该序号的条目", "seq")
    return entry


@dataclass(frozen=True)
class EntryCheck:
    """The public answer to "is this entry in the signed ledger?" — hashes and metadata only."""

    entry: LedgerEntry
    checkpoint: LedgerCheckpoint | None
    proof: InclusionProof | None
    leaf_matches_row: bool
    verified: bool


def entry_check(*, entry: LedgerEntry) -> EntryCheck:
    """Check `entry` against the latest checkpoint with a server-side verified inclusion proof."""
    checkpoint = checkpoint_latest()
    matches = entry_leaf_hash(entry) == entry.leaf_hash
    if checkpoint is None or entry.seq >= checkpoint.size:
        return EntryCheck(
            entry=entry, checkpoint=checkpoint, proof=None, leaf_matches_row=matches, verified=False
        )
    proof = inclusion_proof(index=entry.seq, size=checkpoint.size)
    h = hasher(checkpoint.algorithm)
    verified = proof.root == checkpoint.root_hash and merkle.verify_inclusion(
        h,
        entry.seq,
        checkpoint.size,
        bytes.fromhex(entry.leaf_hash),
        [bytes.fromhex(p) for p in proof.path],
        bytes.fromhex(checkpoint.root_hash),
    )
    return EntryCheck(
        entry=entry, checkpoint=checkpoint, proof=proof, leaf_matches_row=matches, verified=verified
    )


def entry_leaf_hash(entry: LedgerEntry) -> str:
    """The leaf hash recomputed from the entry's stored fields."""
    data = leaf_data(
        seq=entry.seq,
        time=format_time(entry.time),
        actor_id=entry.actor_id,
        actor_name=entry.actor_name,
        action=entry.action,
        subject_type=entry.subject_type,
        subject_id=entry.subject_id,
        request_id=entry.request_id,
        payload_digest=entry.payload_digest,
    )
    return hasher(log_algorithm()).leaf(data).hex()


_signature_cache: dict[tuple[int, str], bool] = {}


def checkpoint_signature_valid(checkpoint: LedgerCheckpoint) -> bool:
    """Verify a checkpoint's SM2 signature (memoized: checkpoint rows never change)."""
    key = (checkpoint.pk, checkpoint.signature)
    if key not in _signature_cache:
        try:
            public = PublicKey.from_pem(checkpoint.key.public_key_pem)
            ok = public.fingerprint == checkpoint.key_id and public.verify(
                checkpoint_signed_message(checkpoint), bytes.fromhex(checkpoint.signature)
            )
        except (SignatureError, ValueError):
            ok = False
        _signature_cache[key] = ok
    return _signature_cache[key]
