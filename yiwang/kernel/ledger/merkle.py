"""RFC 6962 Merkle tree algorithms, independent of storage.

Proof *generation* is expressed as the list of subtree ranges whose hashes make up the proof
(RFC 6962 §2.1.1 PATH and §2.1.2 PROOF/SUBPROOF); the caller supplies the hashes of perfect
subtrees (from memory or from the node table). Proof *verification* follows the iterative
algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, which accept exactly the proofs RFC 6962 defines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .hashing import Hasher

Range = tuple[int, int]  # [start, end) in leaf indexes
Perfect = tuple[int, int]  # (level, index): leaves [index * 2**level, (index + 1) * 2**level)
PerfectLookup = Callable[[Perfect], bytes]


class ProofError(ValueError):
    """A proof request or a proof that does not fit the tree."""


def largest_power_of_two_below(n: int) -> int:
    """k with k < n <= 2k (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """Ranges whose subtree hashes form PATH(index, D[0:size]), from the leaf upwards."""
    if not 0 <= index < size:
        raise ProofError("index out of range")
    out: list[Range] = []
    start, end = 0, size
    while end - start > 1:
        k = largest_power_of_two_below(end - start)
        if index < start + k:
            out.append((start + k, end))
            end = start + k
        else:
            out.append((start, start + k))
            start += k
    out.reverse()
    return out


def consistency_ranges(first: int, second: int) -> list[Range]:
    """Ranges whose subtree hashes form PROOF(first, D[0:second]) (RFC 6962 §2.1.2)."""
    if not 0 < first <= second:
        raise ProofError("sizes out of range")
    out: list[Range] = []
    start, end, m, complete = 0, second, first, True
    while True:
        n = end - start
        if m == n:
            if not complete:
                out.append((start, end))
            break
        k = largest_power_of_two_below(n)
        if m <= k:
            out.append((start + k, end))
            end = start + k
        else:
            out.append((start, start + k))
            start += k
            m -= k
            complete = False
    out.reverse()
    return out


def perfect_parts(start: int, end: int) -> list[Perfect]:
    """Split a proof range into the perfect subtrees RFC 6962's recursion builds it from, left to right."""
    parts: list[Perfect] = []
    while end > start:
        n = end - start
        k = n if n & (n - 1) == 0 else largest_power_of_two_below(n)
        level = k.bit_length() - 1
        if start % k:
            raise ProofError("range is not aligned to the tree")
        parts.append((level, start >> level))
        start += k
    return parts


def range_hash(h: Hasher, start: int, end: int, perfect: PerfectLookup) -> bytes:
    """MTH(D[start:end]) from the hashes of its perfect parts."""
    parts = perfect_parts(start, end)
    acc = perfect(parts[-1])
    for part in reversed(parts[:-1]):
        acc = h.node(perfect(part), acc)
    return acc


def parts_needed(ranges: Iterable[Range]) -> set[Perfect]:
    return {p for r in ranges for p in perfect_parts(*r)}


# ---------------------------------------------------------------- in-memory reference (tests, tools)


def root(h: Hasher, leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) of leaf hashes, by RFC 6962's recursive definition."""
    if not leaves:
        return h.empty_root()
    if len(leaves) == 1:
        return leaves[0]
    k = largest_power_of_two_below(len(leaves))
    return h.node(root(h, leaves[:k]), root(h, leaves[k:]))


def memory_lookup(h: Hasher, leaves: Sequence[bytes]) -> PerfectLookup:
    def lookup(part: Perfect) -> bytes:
        level, index = part
        return root(h, leaves[index << level : (index + 1) << level])

    return lookup


def inclusion_proof(h: Hasher, index: int, leaves: Sequence[bytes]) -> list[bytes]:
    lookup = memory_lookup(h, leaves)
    return [range_hash(h, s, e, lookup) for s, e in inclusion_ranges(index, len(leaves))]


def consistency_proof(h: Hasher, first: int, leaves: Sequence[bytes]) -> list[bytes]:
    lookup = memory_lookup(h, leaves)
    return [range_hash(h, s, e, lookup) for s, e in consistency_ranges(first, len(leaves))]


# ---------------------------------------------------------------- verification (RFC 9162 §2.1.3.2, §2.1.4.2)


def root_from_inclusion_proof(
    h: Hasher, index: int, size: int, leaf_hash: bytes, proof: Sequence[bytes]
) -> bytes:
    if not 0 <= index < size:
        raise ProofError("index out of range")
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            raise ProofError("proof too long")
        if fn & 1 or fn == sn:
            r = h.node(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = h.node(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("proof too short")
    return r


def verify_inclusion(
    h: Hasher, index: int, size: int, leaf_hash: bytes, proof: Sequence[bytes], expected_root: bytes
) -> bool:
    try:
        return root_from_inclusion_proof(h, index, size, leaf_hash, proof) == expected_root
    except ProofError:
        return False


def verify_consistency(
    h: Hasher, first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> bool:
    """True iff `proof` shows the tree of size `second` extends the tree of size `first`."""
    if not 0 <= first <= second:
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        return not proof  # every tree extends the empty tree
    if not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = h.node(c, fr)
            sr = h.node(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = h.node(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root


class CompactRange:
    """Streaming MTH: push leaf hashes in order; `root()` at any point is MTH of what was pushed.

    Holds one perfect subtree per set bit of the size (O(log n) memory). `on_node(level, index, hash)`
    is called for every interior perfect subtree completed, which is how checkpoints fill the node table.
    """

    __slots__ = ("_h", "_on_node", "hashes", "size")

    def __init__(
        self,
        h: Hasher,
        *,
        size: int = 0,
        hashes: Sequence[bytes] = (),
        on_node: Callable[[int, int, bytes], None] | None = None,
    ) -> None:
        if len(hashes) != bin(size).count("1"):
            raise ValueError("a compact range holds one hash per set bit of its size")
        self._h = h
        self._on_node = on_node
        self.size = size
        self.hashes = list(hashes)  # largest subtree first

    @staticmethod
    def parts_for(size: int) -> list[Perfect]:
        """Perfect subtrees (level, index) making up [0, size), largest first."""
        out: list[Perfect] = []
        start = 0
        for level in range(size.bit_length() - 1, -1, -1):
            if size >> level & 1:
                out.append((level, start >> level))
                start += 1 << level
        return out

    def push(self, leaf_hash: bytes) -> None:
        node = self._h.node
        hashes = self.hashes
        value = leaf_hash
        n = self.size
        level = 0
        while n & 1:
            value = node(hashes.pop(), value)
            level += 1
            n >>= 1
            if self._on_node is not None:
                self._on_node(level, n, value)
        hashes.append(value)
        self.size += 1

    def root(self) -> bytes:
        if not self.hashes:
            return self._h.empty_root()
        acc = self.hashes[-1]
        for value in reversed(self.hashes[:-1]):
            acc = self._h.node(value, acc)
        return acc
