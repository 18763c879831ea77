"""RFC 6962 hashing and proofs: Certificate Transparency reference vectors (SHA-256), SM3 known
answers, and property tests of inclusion/consistency proofs for arbitrary tree sizes."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yiwang.kernel.ledger import merkle
from yiwang.kernel.ledger.hashing import hasher

SHA = hasher("sha256")
SM3 = hasher("sm3")

# The leaves and tree heads of the Certificate Transparency reference implementation's tests.
CT_LEAVES = [
    bytes.fromhex(x)
    for x in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
EMPTY_ROOT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
# (leaf index, tree size, proof)
CT_INCLUSION = [
    (0, 1, []),
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
# (first size, second size, proof)
CT_CONSISTENCY = [
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]


def ct_leaf_hashes() -> list[bytes]:
    return [SHA.leaf(d) for d in CT_LEAVES]


def hexes(values: list[bytes]) -> list[str]:
    return [v.hex() for v in values]


def test_sm3_known_answers__GBT_32905() -> None:
    assert SM3.digest(b"abc").hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert (
        SM3.digest(b"abcd" * 16).hex() == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
    )
    assert hashlib.new("sm3", b"abc").hexdigest() == SM3.digest(b"abc").hex()


def test_leaf_and_node_prefixes__RFC_6962_2_1() -> None:
    a, b = b"left", b"right"
    assert SHA.leaf(a) == hashlib.sha256(b"\x00" + a).digest()
    assert SHA.node(a, b) == hashlib.sha256(b"\x01" + a + b).digest()
    assert SM3.leaf(a) == hashlib.new("sm3", b"\x00" + a).digest()
    assert SM3.node(a, b) == hashlib.new("sm3", b"\x01" + a + b).digest()


def test_tree_heads_match_certificate_transparency_vectors__RFC_6962() -> None:
    leaves = ct_leaf_hashes()
    assert merkle.root(SHA, []).hex() == EMPTY_ROOT
    for n in range(1, 9):
        assert merkle.root(SHA, leaves[:n]).hex() == CT_ROOTS[n - 1]
        compact = merkle.CompactRange(SHA)
        for leaf in leaves[:n]:
            compact.push(leaf)
        assert compact.root().hex() == CT_ROOTS[n - 1]


@pytest.mark.parametrize(("index", "size", "proof"), CT_INCLUSION)
def test_inclusion_proofs_match_certificate_transparency_vectors__RFC_6962_2_1_1(
    index: int, size: int, proof: list[str]
) -> None:
    leaves = ct_leaf_hashes()[:size]
    assert hexes(merkle.inclusion_proof(SHA, index, leaves)) == proof
    root = bytes.fromhex(CT_ROOTS[size - 1])
    raw = [bytes.fromhex(p) for p in proof]
    assert merkle.verify_inclusion(SHA, index, size, leaves[index], raw, root)
    assert not merkle.verify_inclusion(SHA, index, size, SHA.leaf(b"WrongLeaf"), raw, root)
    assert not merkle.verify_inclusion(SHA, index, size, leaves[index], [*raw, root], root)
    if raw:
        flipped = [bytes([raw[0][0] ^ 8]) + raw[0][1:], *raw[1:]]
        assert not merkle.verify_inclusion(SHA, index, size, leaves[index], flipped, root)
        assert not merkle.verify_inclusion(SHA, index, size, leaves[index], raw[:-1], root)
        assert not merkle.verify_inclusion(SHA, index, size * 2, leaves[index], raw, root)


@pytest.mark.parametrize(("first", "second", "proof"), CT_CONSISTENCY)
def test_consistency_proofs_match_certificate_transparency_vectors__RFC_6962_2_1_2(
    first: int, second: int, proof: list[str]
) -> None:
    leaves = ct_leaf_hashes()[:second]
    assert hexes(merkle.consistency_proof(SHA, first, leaves)) == proof
    r1, r2 = bytes.fromhex(CT_ROOTS[first - 1]), bytes.fromhex(CT_ROOTS[second - 1])
    raw = [bytes.fromhex(p) for p in proof]
    assert merkle.verify_consistency(SHA, first, second, r1, r2, raw)
    if raw:
        assert not merkle.verify_consistency(SHA, first, second, r2, r1, raw)
        assert not merkle.verify_consistency(SHA, first, second, r1, r2, raw[:-1])
        assert not merkle.verify_consistency(SHA, first, second, r1, r2, [*raw, r1])
        assert not merkle.verify_consistency(SHA, first, second, r1, r2, [])
        flipped = [bytes([raw[0][0] ^ 16]) + raw[0][1:], *raw[1:]]
        assert not merkle.verify_consistency(SHA, first, second, r1, r2, flipped)


def test_consistency_edge_cases() -> None:
    r = bytes.fromhex(CT_ROOTS[0])
    assert merkle.verify_consistency(SHA, 0, 5, b"any", r, [])
    assert merkle.verify_consistency(SHA, 3, 3, r, r, [])
    assert not merkle.verify_consistency(SHA, 3, 3, r, bytes(32), [])
    assert not merkle.verify_consistency(SHA, 4, 3, r, r, [])
    with pytest.raises(merkle.ProofError):
        merkle.consistency_ranges(0, 3)
    with pytest.raises(merkle.ProofError):
        merkle.inclusion_ranges(3, 3)


def _leaves(n: int) -> list[bytes]:
    return [SM3.leaf(i.to_bytes(4, "big")) for i in range(n)]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=300), st.data())
def test_every_inclusion_proof_verifies_and_a_wrong_index_does_not(size: int, data: st.DataObject) -> None:
    leaves = _leaves(size)
    root = merkle.root(SM3, leaves)
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    proof = merkle.inclusion_proof(SM3, index, leaves)
    assert merkle.verify_inclusion(SM3, index, size, leaves[index], proof, root)
    if size > 1:
        other = (index + 1) % size
        assert not merkle.verify_inclusion(SM3, other, size, leaves[index], proof, root)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=300), st.data())
def test_every_consistency_proof_verifies_and_a_changed_prefix_does_not(
    size: int, data: st.DataObject
) -> None:
    leaves = _leaves(size)
    first = data.draw(st.integers(min_value=1, max_value=size))
    proof = merkle.consistency_proof(SM3, first, leaves)
    r1, r2 = merkle.root(SM3, leaves[:first]), merkle.root(SM3, leaves)
    assert merkle.verify_consistency(SM3, first, size, r1, r2, proof)
    forged = list(leaves)
    forged[first - 1] = SM3.leaf(b"forged")
    assert not merkle.verify_consistency(SM3, first, size, merkle.root(SM3, forged[:first]), r2, proof)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_compact_range_resumed_from_stored_subtrees_reports_every_new_node(old: int, extra: int) -> None:
    leaves = _leaves(old + extra)
    lookup = merkle.memory_lookup(SM3, leaves)
    made: dict[tuple[int, int], bytes] = {}
    seed = [lookup(p) for p in merkle.CompactRange.parts_for(old)]
    compact = merkle.CompactRange(
        SM3, size=old, hashes=seed, on_node=lambda lv, i, h: made.__setitem__((lv, i), h)
    )
    for leaf in leaves[old:]:
        compact.push(leaf)
    assert compact.root() == merkle.root(SM3, leaves)
    new = old + extra
    expected = {
        (level, index)
        for level in range(1, new.bit_length() + 1)
        for index in range(new >> level)
        if (index + 1) << level > old
    }
    assert set(made) == expected
    assert all(made[p] == lookup(p) for p in made)
