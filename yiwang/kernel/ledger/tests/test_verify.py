"""`ledger verify`: OK on an intact log; on an altered, deleted or inserted entry it fails and names
the first bad sequence number. Retention (deleting payloads) keeps every proof valid."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from yiwang.kernel.ledger import merkle, selectors
from yiwang.kernel.ledger.hashing import format_time, hasher, leaf_data
from yiwang.kernel.ledger.models import LedgerCheckpoint, LedgerEntry, LedgerPayload
from yiwang.kernel.ledger.services import checkpoint_create
from yiwang.kernel.ledger.verify import verify_ledger

from .conftest import raw, unguarded

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(make_entries: Callable[..., Any]) -> LedgerCheckpoint:
    make_entries(20)
    checkpoint_create()
    make_entries(12)
    cp = checkpoint_create()
    assert cp is not None
    return cp


def run_verify() -> tuple[int, list[str]]:
    out = StringIO()
    try:
        call_command("ledger", "verify", stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue().splitlines()
    return 0, out.getvalue().splitlines()


def rehash(seq: int) -> str:
    """What an attacker who knows the format would store after changing a row: a matching leaf hash."""
    e = LedgerEntry.objects.get(seq=seq)
    d = leaf_data(
        seq=e.seq,
        time=format_time(e.time),
        actor_id=e.actor_id,
        actor_name=e.actor_name,
        action=e.action,
        subject_type=e.subject_type,
        subject_id=e.subject_id,
        request_id=e.request_id,
        payload_digest=e.payload_digest,
    )
    return hasher(selectors.log_algorithm()).leaf(d).hex()


def test_verify_ok_prints_size_and_root_of_the_intact_log(log: LedgerCheckpoint) -> None:
    code, lines = run_verify()
    assert code == 0
    assert lines[-1] == f"OK size=32 root={log.root_hash}"


def test_verify_ok_on_an_empty_ledger(db: Any) -> None:
    code, lines = run_verify()
    assert code == 0
    assert lines[-1].startswith("OK size=0 root=")


def test_altered_entry_fails_naming_its_seq__ENF_80(log: LedgerCheckpoint) -> None:
    with unguarded():
        raw("UPDATE ledger_ledgerentry SET action = %s WHERE seq = 17", ["people.certificate.revoked"])
    code, lines = run_verify()
    assert code == 1
    assert lines[-1].startswith("FAIL first bad entry seq=17:")


def test_altered_entry_after_the_latest_checkpoint_also_fails(
    log: LedgerCheckpoint, make_entries: Any
) -> None:
    make_entries(3)
    with unguarded():
        raw("UPDATE ledger_ledgerentry SET actor_name = %s WHERE seq = 33", ["某人"])
    code, lines = run_verify()
    assert (code, lines[-1].split(":")[0]) == (1, "FAIL first bad entry seq=33")


def test_altered_and_rehashed_entry_is_caught_by_the_signed_root(log: LedgerCheckpoint) -> None:
    with unguarded():
        raw("UPDATE ledger_ledgerentry SET subject_id = %s WHERE seq = 9", ["forged"])
        raw("UPDATE ledger_ledgerentry SET leaf_hash = %s WHERE seq = 9", [rehash(9)])
    result = verify_ledger()
    assert not result.ok
    assert result.first_bad_seq in (8, 9)  # localized to the pair below the stored level-1 node
    assert "检查点" in result.reason


def test_deleted_entry_fails_naming_the_missing_seq__ENF_80(log: LedgerCheckpoint) -> None:
    with unguarded():
        raw("DELETE FROM ledger_ledgerpayload WHERE seq = 5")
        raw("DELETE FROM ledger_ledgerentry WHERE seq = 5")
    code, lines = run_verify()
    assert code == 1
    assert lines[-1].startswith("FAIL first bad entry seq=5:")
    assert "缺少" in lines[-1]


def test_deleted_tail_entries_fail_against_the_checkpoint(log: LedgerCheckpoint) -> None:
    with unguarded():
        raw("DELETE FROM ledger_ledgerpayload WHERE seq >= 30")
        raw("DELETE FROM ledger_ledgerentry WHERE seq >= 30")
        raw('UPDATE ledger_ledgerhead SET "size" = 30')
    code, lines = run_verify()
    assert code == 1
    assert lines[-1].startswith("FAIL first bad entry seq=30:")


def test_inserted_entry_fails_naming_it__ENF_80(log: LedgerCheckpoint) -> None:
    e = LedgerEntry.objects.get(seq=31)
    with unguarded():
        raw(
            "INSERT INTO ledger_ledgerentry (seq, time, actor_id, actor_name, action, subject_type, subject_id, "
            "request_id, payload_digest, leaf_hash) VALUES (%s, %s, '', '', %s, '', 'x', '', '', %s)",
            [32, e.time, "people.person.created", "ab" * 32],
        )
    code, lines = run_verify()
    assert code == 1
    assert lines[-1].startswith("FAIL first bad entry seq=32:")


def test_entry_inserted_in_the_middle_by_renumbering_fails(log: LedgerCheckpoint) -> None:
    e = LedgerEntry.objects.get(seq=31)
    with unguarded():
        raw("DELETE FROM ledger_ledgerpayload WHERE seq >= 10")
        for seq in range(31, 9, -1):  # make room at seq 10, highest first (primary key)
            raw("UPDATE ledger_ledgerentry SET seq = seq + 1 WHERE seq = %s", [seq])
        raw(
            "INSERT INTO ledger_ledgerentry (seq, time, actor_id, actor_name, action, subject_type, subject_id, "
            "request_id, payload_digest, leaf_hash) VALUES (10, %s, '', '', %s, '', 'x', '', '', %s)",
            [e.time, "people.person.created", "cd" * 32],
        )
        raw('UPDATE ledger_ledgerhead SET "size" = 33')
    code, lines = run_verify()
    assert code == 1
    assert lines[-1].startswith("FAIL first bad entry seq=10:")


def test_deleted_head_row_fails(log: LedgerCheckpoint) -> None:
    with unguarded():
        raw("DELETE FROM ledger_ledgerhead")
    code, lines = run_verify()
    assert (code, lines[-1].split(":")[0]) == (1, "FAIL first bad entry seq=0")


def test_altered_payload_fails_naming_its_entry(log: LedgerCheckpoint) -> None:
    with unguarded():
        raw("UPDATE ledger_ledgerpayload SET body = %s WHERE seq = 3", ['{"after":null}'])
    result = verify_ledger()
    assert (result.ok, result.first_bad_seq) == (False, 3)
    assert "payload" in result.reason


def test_altered_checkpoint_signature_fails(log: LedgerCheckpoint) -> None:
    with unguarded():
        raw("UPDATE ledger_ledgercheckpoint SET signature = %s WHERE size = 32", ["3006020101020101"])
    result = verify_ledger()
    assert not result.ok
    assert "签名" in result.reason


def test_altered_earlier_checkpoint_root_fails(log: LedgerCheckpoint) -> None:
    with unguarded():
        raw("UPDATE ledger_ledgercheckpoint SET root_hash = %s WHERE size = 20", ["00" * 32])
    result = verify_ledger()
    assert not result.ok
    assert "size=20" in result.reason


def test_all_signatures_option_checks_every_checkpoint(log: LedgerCheckpoint) -> None:
    assert verify_ledger().signatures_checked == 1
    assert verify_ledger(all_signatures=True).signatures_checked == 2
    with unguarded():
        sig = LedgerCheckpoint.objects.get(size=32).signature
        raw("UPDATE ledger_ledgercheckpoint SET signature = %s WHERE size = 20", [sig])
    assert verify_ledger().ok  # the latest signature covers every entry ...
    assert not verify_ledger(all_signatures=True).ok  # ... the full check also sees the bad old one


def test_deleting_payloads_for_retention_keeps_verify_and_proofs_valid__ENF_78(log: LedgerCheckpoint) -> None:
    """Clearing removes the content, never the fact that it existed (ENF-78, seed 001 annex 2 art. 15–16)."""
    deleted, _ = LedgerPayload.objects.filter(entry__seq__lt=10).delete()
    assert deleted == 10
    assert LedgerEntry.objects.count() == 32
    result = verify_ledger()
    assert result.ok and result.root == log.root_hash
    proof = selectors.inclusion_proof(index=4, size=32)
    h = hasher(log.algorithm)
    entry = LedgerEntry.objects.get(seq=4)
    assert entry.payload_or_none is None
    assert merkle.verify_inclusion(
        h,
        4,
        32,
        bytes.fromhex(entry.leaf_hash),
        [bytes.fromhex(p) for p in proof.path],
        bytes.fromhex(log.root_hash),
    )
    assert selectors.entry_check(entry=entry).verified


def test_verify_reads_in_chunks(log: LedgerCheckpoint) -> None:
    assert verify_ledger(chunk=7).root == log.root_hash


@pytest.mark.django_db(transaction=True)
def test_verify_outside_a_transaction_reads_ahead_on_a_second_connection(
    make_entries: Callable[..., Any],
) -> None:
    """The command's path: committed data, a reader thread with its own connection, early stop on failure."""
    make_entries(30)
    cp = checkpoint_create()
    assert cp is not None
    result = verify_ledger(chunk=7)
    assert result.ok and result.root == cp.root_hash and result.size == 30
    with unguarded():
        raw("UPDATE ledger_ledgerentry SET request_id = %s WHERE seq = 17", ["forged"])
    bad = verify_ledger(chunk=5)
    assert (bad.ok, bad.first_bad_seq) == (False, 17)
