"""Generated documents (issue 3 §4): stored bytes match their digests and ledger entry; rendering
again from the case gives the same bytes; documents the case cannot support yet are refused."""

from __future__ import annotations

import hashlib

import pytest

from yiwang.kernel import ledger
from yiwang.kernel.errors import DomainError
from yiwang.kernel.ledger.models import LedgerEntry
from yiwang.modules.enforcement import document_data, documents, services
from yiwang.modules.enforcement.models import GeneratedDocument

from .conftest import Flow

pytestmark = pytest.mark.django_db


def test_generated_document_is_hashed_stored_and_in_the_ledger(flow: Flow) -> None:
    case = flow.until("delivered")
    doc = services.document_generate(actor=flow.w.officer, case=case, kind="penalty_decision", fmt="pdf")
    content = bytes(GeneratedDocument.objects.get(pk=doc.pk).content)
    assert content[:4] == b"%PDF" and doc.size == len(content)
    assert doc.sha256 == hashlib.sha256(content).hexdigest()
    assert doc.sm3 == hashlib.new("sm3", content).hexdigest()
    assert doc.ledger_seq is not None
    entry = LedgerEntry.objects.get(seq=doc.ledger_seq)
    assert entry.action == "enforcement.document.generated"
    again = documents.render(document_data.build(case, "penalty_decision"), "pdf")
    assert again.sha256 == doc.sha256  # deterministic: the file can be checked against its entry
    text = document_data.build(case, "penalty_decision").text()
    assert "鲁环罚〔2026〕1号" in text and "行政复议" in text and "鲁山县人民法院" in text


def test_every_standard_document_renders_from_the_case__ENF_13_ENF_14_ENF_32(flow: Flow) -> None:
    case = flow.until("delivered")
    kinds = [k for k, _ in documents.DocumentKind.choices]
    for kind in kinds:
        for fmt in ("docx", "pdf"):
            services.document_generate(actor=flow.w.officer, case=case, kind=kind, fmt=fmt)
    assert GeneratedDocument.objects.filter(case=case).count() == len(kinds) * 2


def test_a_decision_document_before_the_decision_is_refused(flow: Flow) -> None:
    case = flow.until("legal_review")
    size = ledger.size()
    with pytest.raises(DomainError) as info:
        services.document_generate(actor=flow.w.officer, case=case, kind="penalty_decision")
    assert info.value.code == "document_data_missing" and ledger.size() == size
    assert not GeneratedDocument.objects.filter(case=case).exists()
