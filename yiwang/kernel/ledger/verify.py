"""Recompute the whole ledger and check it against its signed checkpoints (``manage.py ledger verify``).

Detects deleted, edited or faked records (ENF-80).

One streaming pass in sequence order, reading rows with a raw cursor in keyset chunks (no ORM
objects): every leaf is rebuilt from the row's fields and compared with the stored leaf hash, every
payload still present is re-digested, sequence numbers must be dense, and the Merkle root is
recomputed at every checkpoint size and compared with the checkpoint. The latest checkpoint's SM2
signature is verified (all of them with ``all_signatures``). The first problem stops the pass and
names the first bad sequence number.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections

from . import merkle
from .hashing import Hasher, configured_algorithm, hasher, leaf_data_positional
from .models import LedgerCheckpoint, LedgerEntry, LedgerHead, LedgerNode
from .signing import PublicKey
from .tree import checkpoint_signed_message, iter_leaf_hashes

CHUNK = 20000

_SQL_ROWS = (
    'SELECT e."seq", {time}, e."actor_id", e."actor_name", e."action", e."subject_type", e."subject_id", '
    'e."request_id", e."payload_digest", e."leaf_hash", p."body" '
    'FROM "ledger_ledgerentry" e LEFT JOIN "ledger_ledgerpayload" p ON p."seq" = e."seq" '
    'WHERE e."seq" >= %s AND e."seq" < %s ORDER BY e."seq"'
)
# The database writes the canonical time text (no datetime objects are built): PostgreSQL formats
# the timestamp in UTC; SQLite holds the naive UTC text Django wrote ("YYYY-MM-DD HH:MM:SS[.ffffff]").
_TIME_SQL = {
    "postgresql": """to_char(e."time" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')""",
    "sqlite": """(replace(e."time", ' ', 'T') || CASE WHEN length(e."time") = 19 THEN '.000000Z' ELSE 'Z' END)""",
}


@dataclass
class VerifyResult:
    ok: bool
    size: int = 0
    root: str = ""
    algorithm: str = ""
    checkpoints: int = 0
    signatures_checked: int = 0
    first_bad_seq: int | None = None
    reason: str = ""
    notes: list[str] = field(default_factory=list)

    def last_line(self) -> str:
        if self.ok:
            return f"OK size={self.size} root={self.root}"
        return f"FAIL first bad entry seq={self.first_bad_seq}: {self.reason}"


class _Failure(Exception):
    def __init__(self, seq: int | None, reason: str) -> None:
        super().__init__(reason)
        self.seq = seq
        self.reason = reason


def _fetch_chunks(conn: Any, end: int, chunk: int) -> Iterator[list[tuple[Any, ...]]]:
    sql = _SQL_ROWS.format(time=_TIME_SQL.get(conn.vendor, _TIME_SQL["postgresql"]))
    for lo in range(0, end, chunk):
        with conn.cursor() as cursor:
            cursor.execute(sql, [lo, min(lo + chunk, end)])
            yield cursor.fetchall()


def _rows(end: int, chunk: int) -> Iterator[tuple[Any, ...]]:
    """Entry rows [0, end) in order. Inside a transaction they are read on the caller's connection;
    otherwise (the command) a second connection reads the next chunk while this thread hashes."""
    if connection.in_atomic_block:
        for rows in _fetch_chunks(connection, end, chunk):
            yield from rows
        return
    yield from _prefetched(end, chunk)


_DONE = object()


def _prefetched(end: int, chunk: int) -> Iterator[tuple[Any, ...]]:
    q: queue.Queue[Any] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        conn = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            for rows in _fetch_chunks(conn, end, chunk):
                if not put(rows):
                    return
            put(_DONE)
        except BaseException as exc:  # handed to the consuming thread, which re-raises it
            put(exc)
        finally:
            conn.close()

    worker = threading.Thread(target=work, name="ledger-verify-reader", daemon=True)
    worker.start()
    try:
        while True:
            item = q.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield from item
    finally:
        stop.set()
        worker.join()


def _localize(h: Hasher, size: int) -> tuple[int, str]:
    """Find where the log diverges from the subtree hashes stored when checkpoints were made."""
    parts = merkle.CompactRange.parts_for(size)
    while parts:
        level, index = parts.pop(0)
        start, end = index << level, (index + 1) << level
        stored = (
            LedgerNode.objects.filter(pk=LedgerNode.key_for(level, index))
            .values_list("hash", flat=True)
            .first()
        )
        if level == 0:
            return start, "该条目与检查点签署时的记录不一致"
        compact = merkle.CompactRange(h)
        for leaf in iter_leaf_hashes(start, end):
            compact.push(leaf)
        if stored is None:
            return start, f"第 {start}–{end - 1} 号条目所在子树的节点记录缺失，无法进一步定位"
        if compact.root().hex() == stored:
            continue
        if level == 1:
            return start, f"第 {start} 或 {start + 1} 号条目与检查点签署时的记录不一致（已被重算哈希后改写）"
        parts = [(level - 1, 2 * index), (level - 1, 2 * index + 1)]
    return 0, "树根不一致，但各子树节点一致：检查点记录本身可能被改动"


def verify_ledger(*, all_signatures: bool = False, chunk: int = CHUNK) -> VerifyResult:
    head = LedgerHead.objects.filter(pk=1).values_list("algorithm", "size").first()
    if head is None:
        if LedgerEntry.objects.exists() or LedgerCheckpoint.objects.exists():
            return VerifyResult(
                ok=False, first_bad_seq=0, reason="台账头缺失，但存在条目或检查点（台账头被删除）"
            )
        result = VerifyResult(ok=True, size=0, root=hasher(configured_algorithm()).empty_root().hex())
        result.notes.append("台账为空")
        return result
    algorithm, size = head
    h = hasher(algorithm)
    checkpoints = list(LedgerCheckpoint.objects.select_related("key").order_by("size"))
    result = VerifyResult(ok=False, size=size, algorithm=algorithm, checkpoints=len(checkpoints))
    try:
        _check_checkpoint_rows(h, checkpoints, size, all_signatures, result)
        root = _stream(h, size, checkpoints, chunk)
        _check_tail(size)
    except _Failure as failure:
        result.first_bad_seq = failure.seq
        result.reason = failure.reason
        return result
    result.ok = True
    result.root = root.hex()
    return result


def _check_checkpoint_rows(
    h: Hasher, checkpoints: list[LedgerCheckpoint], size: int, all_signatures: bool, result: VerifyResult
) -> None:
    for position, cp in enumerate(checkpoints):
        if cp.algorithm != h.name:
            raise _Failure(None, f"检查点 size={cp.size} 使用 {cp.algorithm} 哈希，与台账的 {h.name} 不一致")
        if cp.size > size:
            raise _Failure(size, f"缺少条目：检查点已签署 {cp.size} 条，但台账只有 {size} 条")
        if all_signatures or position == len(checkpoints) - 1:
            key = PublicKey.from_pem(cp.key.public_key_pem)
            if key.fingerprint != cp.key_id:
                raise _Failure(None, f"检查点 size={cp.size} 的公钥与其指纹不符")
            if not key.verify(checkpoint_signed_message(cp), bytes.fromhex(cp.signature)):
                raise _Failure(None, f"检查点 size={cp.size} 的 SM2 签名无效")
            result.signatures_checked += 1


def _stream(h: Hasher, size: int, checkpoints: list[LedgerCheckpoint], chunk: int) -> bytes:
    """The hot loop: rebuild, hash and compare every entry; fold the Merkle root as we go."""
    marks = {cp.size: cp for cp in checkpoints}
    stack: list[bytes] = []  # compact range: one perfect subtree per set bit of `expected`
    node, leaf_of, digest_of, encode = h.node, h.leaf, h.digest, leaf_data_positional
    expected = 0
    for (
        seq,
        time,
        actor_id,
        actor_name,
        action,
        subject_type,
        subject_id,
        request_id,
        pd,
        stored,
        body,
    ) in _rows(size, chunk):
        if seq != expected:
            raise _Failure(expected, f"缺少条目（下一条现存条目为 seq={seq}）")
        leaf = leaf_of(
            encode(action, actor_id, actor_name, pd, request_id, seq, subject_id, subject_type, time)
        )
        if leaf.hex() != stored:
            raise _Failure(seq, "条目内容与其叶哈希不符（条目被改动）")
        if body is not None and digest_of(body.encode()).hex() != pd:
            raise _Failure(seq, "条目内容（payload）与其摘要不符（内容被改动）")
        n, value = expected, leaf
        while n & 1:
            value = node(stack.pop(), value)
            n >>= 1
        stack.append(value)
        expected += 1
        if expected in marks:
            cp = marks[expected]
            if merkle.CompactRange(h, size=expected, hashes=stack).root().hex() != cp.root_hash:
                bad, reason = _localize(h, expected)
                raise _Failure(bad, f"{reason}；检查点 size={cp.size} 的树根不符")
    if expected != size:
        raise _Failure(expected, f"缺少条目：台账头记录 {size} 条，实际连续条目只有 {expected} 条")
    return merkle.CompactRange(h, size=expected, hashes=stack).root()


def _check_tail(size: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute('SELECT MAX("seq") FROM "ledger_ledgerentry"')
        (max_seq,) = cursor.fetchone()
    current = LedgerHead.objects.filter(pk=1).values_list("size", flat=True).first() or 0
    if max_seq is not None and max_seq >= current:
        raise _Failure(
            int(max_seq), f"多出条目：序号 {max_seq} 超出台账头记录的条目数 {current}（条目被插入）"
        )
    if current < size:
        raise _Failure(current, "台账头记录的条目数在校验期间减少")
