"""`record()` and `size()`: dense sequence numbers, stored leaf hashes, payload split."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction

from yiwang.kernel import ledger
from yiwang.kernel.context import reset_request_id, set_request_id
from yiwang.kernel.ledger.hashing import format_time, hasher, leaf_data
from yiwang.kernel.ledger.models import LedgerEntry, LedgerHead, LedgerPayload

pytestmark = pytest.mark.django_db


class Actor:
    def __init__(self, pk: int, name: str) -> None:
        self.pk = pk
        self.name = name

    def __str__(self) -> str:
        return self.name


def test_record_assigns_dense_sequence_numbers_and_size_counts_them() -> None:
    assert ledger.size() == 0
    entries = [ledger.record(actor=None, action="ledger.test.recorded", subject=f"s{i}") for i in range(5)]
    assert [e.seq for e in entries] == [0, 1, 2, 3, 4]
    assert ledger.size() == 5
    assert list(LedgerEntry.objects.values_list("seq", flat=True)) == [0, 1, 2, 3, 4]


def test_record_stores_actor_subject_request_id_and_payload() -> None:
    token = set_request_id("req-123")
    try:
        entry = ledger.record(
            actor=Actor(7, "张三<script>"),
            action="people.certificate.issued",
            subject=LedgerHead.objects.get_or_create(pk=1, defaults={"algorithm": "sm3"})[0],
            before={"status": "draft"},
            after={"status": "valid", "金额": "５０００"},
            data={"note": "😀"},
        )
    finally:
        reset_request_id(token)
    row = LedgerEntry.objects.get(seq=entry.seq)
    assert row.actor_id == "7"
    assert row.actor_name == "张三<script>"
    assert row.subject_type == "ledger.ledgerhead"
    assert row.subject_id == "1"
    assert row.request_id == "req-123"
    payload = LedgerPayload.objects.get(pk=entry.seq).content
    assert payload["after"] == {"status": "valid", "金额": "５０００"}
    assert payload["before"] == {"status": "draft"}
    assert payload["data"] == {"note": "😀"}


def test_stored_leaf_hash_is_rfc6962_leaf_of_canonical_metadata() -> None:
    entry = ledger.record(actor=Actor(1, "李四"), action="ledger.test.recorded", subject="x", data={"a": 1})
    row = LedgerEntry.objects.get(seq=entry.seq)
    body = LedgerPayload.objects.get(pk=entry.seq).body
    h = hasher(LedgerHead.objects.get().algorithm)
    assert row.payload_digest == h.digest(body.encode()).hex()
    fields: dict[str, Any] = {
        "seq": row.seq,
        "time": format_time(row.time),
        "actor_id": row.actor_id,
        "actor_name": row.actor_name,
        "action": row.action,
        "subject_type": row.subject_type,
        "subject_id": row.subject_id,
        "request_id": row.request_id,
        "payload_digest": row.payload_digest,
    }
    d = leaf_data(**fields)
    assert (
        d
        == json.dumps({**fields, "v": 1}, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    )
    assert row.leaf_hash == h.leaf(d).hex()
    assert entry.leaf_hash == row.leaf_hash


def test_record_refuses_a_malformed_action_and_writes_nothing() -> None:
    with pytest.raises(ValueError, match="past_verb"):
        ledger.record(actor=None, action="Bad Action", subject="x")
    assert ledger.size() == 0
    assert LedgerEntry.objects.count() == 0


def test_rolled_back_transaction_leaves_no_entry_and_no_gap() -> None:
    ledger.record(actor=None, action="ledger.test.recorded", subject="a")
    with pytest.raises(RuntimeError), transaction.atomic():
        ledger.record(actor=None, action="ledger.test.recorded", subject="b")
        raise RuntimeError("roll back")
    entry = ledger.record(actor=None, action="ledger.test.recorded", subject="c")
    assert entry.seq == 1
    assert ledger.size() == 2
