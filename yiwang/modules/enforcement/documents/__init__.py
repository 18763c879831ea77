"""Standard enforcement documents as DOCX and PDF (issue 3 §4; ENF-13, ENF-14, ENF-32).

Build a `Document` from plain data with one of the builders, then render it::

    doc = forms.penalty_decision(data)           # DomainError if ENF-13 content is missing
    pdf = render(doc, "pdf")                     # RenderedDocument: bytes, filename, sha256, sm3
    docx = render(doc, "docx")

Rendering is deterministic (same data, same bytes, same digests), so a stored file can be checked
against its ledger entry at any time.
"""

from __future__ import annotations

from yiwang.kernel.errors import DomainError

from .data import (
    QA,
    AdvanceNotice,
    Agency,
    CaseFiling,
    DeliveryReceiptData,
    InquiryRecord,
    InspectionRecord,
    Interviewee,
    LegalProvision,
    OfficerRef,
    Party,
    PenaltyDecision,
    ReviewOpinionData,
)
from .forms import (
    DocumentKind,
    advance_notice,
    decision_problems,
    delivery_receipt,
    filing_approval,
    inquiry_record,
    inspection_record,
    penalty_decision,
    review_opinion,
)
from .model import Document, RenderedDocument
from .numbering import amount_in_words, format_case_number
from .to_docx import render_docx
from .to_pdf import render_pdf

FORMATS = ("docx", "pdf")


def render(doc: Document, fmt: str) -> RenderedDocument:
    """`doc` as ``"docx"`` or ``"pdf"``."""
    if fmt == "docx":
        return render_docx(doc)
    if fmt == "pdf":
        return render_pdf(doc)
    raise DomainError("document_format_invalid", f"不支持的文档格式“{fmt}”，可选 docx 或 pdf", "format")


__all__ = [
    "FORMATS",
    "QA",
    "AdvanceNotice",
    "Agency",
    "CaseFiling",
    "DeliveryReceiptData",
    "Document",
    "DocumentKind",
    "InquiryRecord",
    "InspectionRecord",
    "Interviewee",
    "LegalProvision",
    "OfficerRef",
    "Party",
    "PenaltyDecision",
    "RenderedDocument",
    "ReviewOpinionData",
    "advance_notice",
    "amount_in_words",
    "decision_problems",
    "delivery_receipt",
    "filing_approval",
    "format_case_number",
    "inquiry_record",
    "inspection_record",
    "penalty_decision",
    "render",
    "render_docx",
    "render_pdf",
    "review_opinion",
]
