"""Checkpoints: node filling, proofs served from stored nodes, SM2 signatures checked with OpenSSL."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from yiwang.kernel import ledger
from yiwang.kernel.errors import DomainError
from yiwang.kernel.ledger import merkle, selectors
from yiwang.kernel.ledger.hashing import hasher
from yiwang.kernel.ledger.models import LedgerCheckpoint, LedgerEntry, LedgerKey, LedgerNode
from yiwang.kernel.ledger.services import checkpoint_create
from yiwang.kernel.ledger.signing import PrivateKey, PublicKey
from yiwang.kernel.ledger.tree import checkpoint_signed_message

pytestmark = pytest.mark.django_db


def stored_leaves() -> list[bytes]:
    return [bytes.fromhex(h) for h in LedgerEntry.objects.order_by("seq").values_list("leaf_hash", flat=True)]


def expected_node_count(size: int) -> int:
    return sum(size >> level for level in range(1, size.bit_length() + 1))


def test_empty_ledger_makes_no_checkpoint() -> None:
    assert checkpoint_create() is None
    assert LedgerCheckpoint.objects.count() == 0


def test_checkpoint_root_and_nodes_match_the_reference_tree(make_entries: Callable[..., Any]) -> None:
    make_entries(13)
    cp = checkpoint_create()
    assert cp is not None and cp.size == 13
    h = hasher(cp.algorithm)
    assert cp.root_hash == merkle.root(h, stored_leaves()).hex()
    assert LedgerNode.objects.count() == expected_node_count(13)
    lookup = merkle.memory_lookup(h, stored_leaves())
    for node in LedgerNode.objects.all():
        assert node.hash == lookup((node.level, node.index)).hex()


def test_checkpoints_fill_nodes_incrementally_and_never_twice(make_entries: Callable[..., Any]) -> None:
    make_entries(5)
    first = checkpoint_create()
    make_entries(12)
    second = checkpoint_create()
    assert first is not None and second is not None
    assert (first.size, second.size) == (5, 17)
    assert LedgerNode.objects.count() == expected_node_count(17)
    assert checkpoint_create() == second  # nothing new: the latest one is returned, no new row
    assert LedgerCheckpoint.objects.count() == 2
    h = hasher(second.algorithm)
    assert second.root_hash == merkle.root(h, stored_leaves()).hex()


@pytest.mark.parametrize("sizes", [(1,), (2, 3), (7, 8, 9), (16, 33), (31, 64, 100)])
def test_proofs_from_stored_nodes_equal_the_reference_proofs(
    make_entries: Callable[..., Any], sizes: tuple[int, ...]
) -> None:
    made = 0
    for size in sizes:
        make_entries(size - made)
        made = size
        checkpoint_create()
    leaves = stored_leaves()
    h = hasher(selectors.log_algorithm())
    top = sizes[-1]
    for size in {1, top, *sizes, max(1, top // 2 + 1)}:
        root = merkle.root(h, leaves[:size])
        for index in {0, size // 2, size - 1}:
            proof = selectors.inclusion_proof(index=index, size=size)
            assert proof.path == [p.hex() for p in merkle.inclusion_proof(h, index, leaves[:size])]
            assert proof.root == root.hex()
            path = [bytes.fromhex(p) for p in proof.path]
            assert merkle.verify_inclusion(h, index, size, leaves[index], path, root)
        for first in {1, size // 2 or 1, size}:
            c = selectors.consistency_proof(first=first, second=size)
            assert c.path == [p.hex() for p in merkle.consistency_proof(h, first, leaves[:size])]
            path = [bytes.fromhex(p) for p in c.path]
            assert merkle.verify_consistency(h, first, size, bytes.fromhex(c.first_root), root, path)


def test_proofs_refuse_sizes_beyond_the_latest_checkpoint(make_entries: Callable[..., Any]) -> None:
    make_entries(3)
    with pytest.raises(DomainError) as no_cp:
        selectors.inclusion_proof(index=0, size=1)
    assert no_cp.value.code == "no_checkpoint"
    checkpoint_create()
    make_entries(2)
    with pytest.raises(DomainError) as beyond:
        selectors.inclusion_proof(index=0, size=5)
    assert (beyond.value.code, beyond.value.field) == ("size_beyond_checkpoint", "size")
    with pytest.raises(DomainError) as bad_index:
        selectors.inclusion_proof(index=3, size=3)
    assert bad_index.value.field == "index"
    with pytest.raises(DomainError) as bad_first:
        selectors.consistency_proof(first=3, second=2)
    assert bad_first.value.field == "first"


def test_checkpoint_signature_verifies_with_the_openssl_command_line(
    make_entries: Callable[..., Any], tmp_path: Path
) -> None:
    make_entries(4)
    cp = checkpoint_create()
    assert cp is not None
    key = LedgerKey.objects.get(pk=cp.key_id)
    (tmp_path / "pub.pem").write_text(key.public_key_pem)
    (tmp_path / "checkpoint.txt").write_bytes(checkpoint_signed_message(cp))
    (tmp_path / "checkpoint.sig").write_bytes(bytes.fromhex(cp.signature))
    (tmp_path / "tampered.txt").write_bytes(checkpoint_signed_message(cp).replace(b"size: 4", b"size: 5"))

    def openssl_verify(message: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(tmp_path / "pub.pem"), "-rawin",
                "-in", str(tmp_path / message), "-sigfile", str(tmp_path / "checkpoint.sig"),
                "-digest", "sm3", "-pkeyopt", "distid:1234567812345678",
            ],
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip

    good = openssl_verify("checkpoint.txt")
    assert good.returncode == 0, good.stderr
    assert "Signature Verified Successfully" in good.stdout
    bad = openssl_verify("tampered.txt")
    assert bad.returncode != 0
    assert "Signature Verified Successfully" not in bad.stdout
    # OpenSSL reads our key as SM2 …
    text = subprocess.run(
        ["openssl", "pkey", "-pubin", "-in", str(tmp_path / "pub.pem"), "-noout", "-text"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "SM2" in text
    # … and our own verifier agrees with it.
    public = PublicKey.from_pem(key.public_key_pem)
    assert public.verify(checkpoint_signed_message(cp), bytes.fromhex(cp.signature))
    assert not public.verify((tmp_path / "tampered.txt").read_bytes(), bytes.fromhex(cp.signature))


def test_openssl_signatures_verify_with_our_verifier(tmp_path: Path) -> None:
    """The other direction: a signature made by OpenSSL over SM3 with Z verifies here."""
    key = PrivateKey.generate()
    der_key = tmp_path / "key.pem"
    # An SM2 private key in SEC1/PKCS#8 form made by OpenSSL itself; we read its public point back.
    subprocess.run(
        ["openssl", "genpkey", "-algorithm", "SM2", "-out", str(der_key)], check=True, capture_output=True
    )
    pub = subprocess.run(
        ["openssl", "pkey", "-in", str(der_key), "-pubout"], check=True, capture_output=True, text=True
    ).stdout
    message = b"yiwang-ledger-checkpoint/v1\nsize: 1\n"
    (tmp_path / "m.txt").write_bytes(message)
    subprocess.run(
        [
            "openssl", "pkeyutl", "-sign", "-inkey", str(der_key), "-rawin", "-in", str(tmp_path / "m.txt"),
            "-out", str(tmp_path / "m.sig"), "-digest", "sm3", "-pkeyopt", "distid:1234567812345678",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    public = PublicKey.from_pem(pub)
    assert public.verify(message, (tmp_path / "m.sig").read_bytes())
    assert not public.verify(message + b"x", (tmp_path / "m.sig").read_bytes())
    assert not key.public_key.verify(message, (tmp_path / "m.sig").read_bytes())


def test_a_key_whose_public_x_begins_with_04_signs_and_verifies(tmp_path: Path) -> None:
    """d = 11 gives a public point whose x begins "04b3…". gmssl's constructor strips a leading
    "04" with lstrip, which cut such a key short: verification raised a TypeError (one randomly
    generated key in 256; a checkpoint made with it could never be verified)."""
    key = PrivateKey.from_hex(f"{11:064x}")
    assert key.public_key.xy_hex.startswith("04b3")
    message = b"yiwang-ledger-checkpoint/v1\nsize: 7\n"
    signature = key.sign(message)
    assert key.public_key.verify(message, signature)
    assert not key.public_key.verify(message + b"x", signature)
    # the same signature checked by OpenSSL with the key's PEM
    (tmp_path / "pub.pem").write_text(key.public_key.pem())
    (tmp_path / "m.txt").write_bytes(message)
    (tmp_path / "m.sig").write_bytes(signature)
    checked = subprocess.run(
        [
            "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(tmp_path / "pub.pem"), "-rawin",
            "-in", str(tmp_path / "m.txt"), "-sigfile", str(tmp_path / "m.sig"),
            "-digest", "sm3", "-pkeyopt", "distid:1234567812345678",
        ],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert checked.returncode == 0 and "Signature Verified Successfully" in checked.stdout, checked.stderr


def test_signing_key_is_generated_once_and_reused(
    make_entries: Callable[..., Any], ledger_key_file: Path
) -> None:
    assert not ledger_key_file.exists()
    make_entries(1)
    first = checkpoint_create()
    make_entries(1)
    second = checkpoint_create()
    assert ledger_key_file.exists()
    assert first is not None and second is not None and first.key_id == second.key_id
    assert LedgerKey.objects.count() == 1


def test_signing_key_from_environment(
    make_entries: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, ledger_key_file: Path
) -> None:
    key = PrivateKey.generate()
    monkeypatch.setenv("YIWANG_LEDGER_SM2_KEY", key.d_hex)
    make_entries(1)
    cp = checkpoint_create()
    assert cp is not None and cp.key_id == key.public_key.fingerprint
    assert not ledger_key_file.exists()


def test_missing_key_in_production_is_a_clear_error(make_entries: Callable[..., Any], settings: Any) -> None:
    settings.YIWANG_LEDGER_KEY_AUTOCREATE = False
    make_entries(1)
    with pytest.raises(ImproperlyConfigured, match="YIWANG_LEDGER_SM2_KEY"):
        checkpoint_create()
    assert LedgerCheckpoint.objects.count() == 0


def test_sha256_log_records_its_algorithm_and_is_never_mixed(settings: Any) -> None:
    settings.YIWANG_LEDGER_HASH = "sha256"
    with transaction.atomic():
        entry = ledger.record(actor=None, action="ledger.test.recorded", subject="x")
    cp = checkpoint_create()
    assert cp is not None and cp.algorithm == "sha256"
    assert cp.root_hash == entry.leaf_hash  # a one-leaf tree's root is its leaf hash
    assert "hash: sha256" in checkpoint_signed_message(cp).decode()
    settings.YIWANG_LEDGER_HASH = "sm3"
    with pytest.raises(ImproperlyConfigured, match="混用"):
        ledger.record(actor=None, action="ledger.test.recorded", subject="y")
    assert ledger.size() == 1
