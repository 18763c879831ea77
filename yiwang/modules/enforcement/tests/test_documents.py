"""Standard documents as DOCX and PDF with embedded CJK font (issue 3 §4; ENF-13, ENF-14, ENF-32)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from yiwang.kernel.errors import DomainError
from yiwang.modules.enforcement import documents as d
from yiwang.modules.enforcement.documents import Document, DocumentKind, LegalProvision

from . import documents_data as data

BUILDERS: dict[str, Callable[[], Document]] = {
    DocumentKind.FILING_APPROVAL: lambda: d.filing_approval(data.filing()),
    DocumentKind.INQUIRY_RECORD: lambda: d.inquiry_record(data.inquiry()),
    DocumentKind.INSPECTION_RECORD: lambda: d.inspection_record(data.inspection()),
    DocumentKind.ADVANCE_NOTICE: lambda: d.advance_notice(data.notice()),
    DocumentKind.REVIEW_OPINION: lambda: d.review_opinion(data.review()),
    DocumentKind.PENALTY_DECISION: lambda: d.penalty_decision(data.decision()),
    DocumentKind.DELIVERY_RECEIPT: lambda: d.delivery_receipt(data.receipt()),
}


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def squash(text: str) -> str:
    return "".join(text.split())


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def embedded_font_files(content: bytes) -> list[object]:
    found = []
    for page in PdfReader(io.BytesIO(content)).pages:
        resources: Any = page["/Resources"]
        fonts = resources.get_object()["/Font"].get_object()
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                found.append(descriptor.get_object().get("/FontFile2"))
    return found


def test_all_seven_documents_have_builders__issue3_documents():
    assert set(BUILDERS) == set(DocumentKind.values)


@pytest.mark.parametrize("kind", DocumentKind.values)
def test_pdf_embeds_the_cjk_font_and_carries_the_text__issue3_documents(kind):
    doc = BUILDERS[kind]()
    pdf = d.render(doc, "pdf")
    assert pdf.content.startswith(b"%PDF-") and pdf.media_type == "application/pdf"
    files = embedded_font_files(pdf.content)
    assert files and all(f is not None for f in files), "every font is embedded as TrueType (/FontFile2)"
    text = squash(pdf_text(pdf.content))
    for expected in (
        doc.title,
        doc.agency,
        data.PARTY.name if kind != DocumentKind.REVIEW_OPINION else "局法制股",
    ):
        assert squash(expected) in text


@pytest.mark.parametrize("kind", DocumentKind.values)
def test_docx_carries_the_text__issue3_documents(kind):
    doc = BUILDERS[kind]()
    out = d.render(doc, "docx")
    assert zipfile.is_zipfile(io.BytesIO(out.content))
    assert out.filename.endswith(".docx") and doc.title in out.filename
    text = docx_text(out.content)
    assert doc.title in text and doc.agency in text
    if doc.number:
        assert doc.number in text


@pytest.mark.parametrize("fmt", d.FORMATS)
def test_rendering_is_repeatable_and_digests_are_sha256_and_sm3__issue3_documents(fmt):
    first = d.render(d.penalty_decision(data.decision()), fmt)
    second = d.render(d.penalty_decision(data.decision()), fmt)
    assert first.content == second.content
    assert first.sha256 == hashlib.sha256(first.content).hexdigest()
    assert first.sm3 == hashlib.new("sm3", first.content).hexdigest()
    assert len(first.sm3) == 64 and first.sm3 != first.sha256
    changed = d.render(d.penalty_decision(data.decision(fine_amount=Decimal("60000"))), fmt)
    assert changed.sha256 != first.sha256


def test_decision_states_facts_evidence_basis_penalty_remedies__ENF_13():
    text = squash(pdf_text(d.render(d.penalty_decision(data.decision()), "pdf").content))
    for expected in (
        "违法事实和证据",
        "现场照片十二张",
        "第四十八条第一款",
        "第一百零八条第一项",
        "人民币伍万元整（50,000.00元）",
        "十五日内",
        "百分之三加处罚款",
        "六十日内向鲁山县人民政府申请行政复议",
        "六个月内向鲁山县人民法院提起行政诉讼",
        "鲁环罚告〔2026〕12号",
    ):
        assert squash(expected) in text, expected


@pytest.mark.parametrize(
    "change, missing",
    [
        ({"facts": " "}, "违法事实"),
        ({"evidence": ()}, "证据"),
        ({"penalty_basis": ()}, "处罚依据"),
        ({"penalty": ""}, "处罚种类"),
        ({"agency": data.AGENCY.__class__(name="鲁山县环境保护局", payment_place="x")}, "行政复议"),
    ],
)
def test_decision_without_required_content_is_refused__ENF_13(change, missing):
    with pytest.raises(DomainError) as exc:
        d.penalty_decision(data.decision(**change))
    assert exc.value.code == "decision_incomplete"
    assert missing in exc.value.message


def test_advance_notice_states_rights_and_hearing_limit__ENF_13():
    doc = d.advance_notice(data.notice())
    text = doc.text()
    assert "陈述和申辩" in text and "要求举行听证" in text and "五个工作日内" in text
    assert "罚款人民币伍万元整" in text
    no_hearing = d.advance_notice(
        data.notice().__class__(**{**data.notice().__dict__, "hearing_right": False})
    )
    assert "听证" not in no_hearing.text()
    with pytest.raises(DomainError) as exc:
        d.advance_notice(data.notice().__class__(**{**data.notice().__dict__, "intended_penalty": ""}))
    assert exc.value.code == "notice_incomplete"


def test_review_opinion_lists_the_checklist_points__ENF_32_ENF_33():
    text = d.review_opinion(data.review()).text()
    assert "审核结论：审核通过" in text
    assert "违法行为是否涉嫌犯罪、需要移送司法机关" in text and "不涉嫌犯罪" in text
    assert "立案审批表、现场检查（勘验）笔录、照片等证据" in text


def test_delivery_receipt_names_document_method_and_officers__ENF_14():
    text = d.delivery_receipt(data.receipt()).text()
    assert "行政处罚决定书（鲁环罚〔2026〕12号）" in text
    assert "直接送达" in text and "王建国（执法证号：41040001）" in text
    assert "2026年3月24日10时00分" in text


def test_hostile_text_is_escaped_not_interpreted():
    hostile = '<script>alert("x")</script> & <b>粗体</b> ＜全角＞ １２３'
    doc = d.penalty_decision(data.decision(facts=hostile))
    pdf_out = squash(pdf_text(d.render(doc, "pdf").content))
    assert squash(hostile) in pdf_out
    assert hostile in docx_text(d.render(doc, "docx").content)


def test_long_text_flows_over_pages():
    long_facts = "粉尘无组织排放。" * 600
    pdf = d.render(d.penalty_decision(data.decision(facts=long_facts)), "pdf")
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) >= 3


def test_character_missing_from_the_font_is_refused_for_pdf():
    doc = d.penalty_decision(data.decision(facts="排放口旁有标识🏭"))
    with pytest.raises(DomainError) as exc:
        d.render(doc, "pdf")
    assert exc.value.code == "pdf_glyph_missing"
    assert "🏭" in exc.value.message
    assert "🏭" in docx_text(d.render(doc, "docx").content)


def test_unknown_format_is_refused():
    with pytest.raises(DomainError) as exc:
        d.render(d.delivery_receipt(data.receipt()), "odt")
    assert exc.value.code == "document_format_invalid"


def test_provision_citation_joins_title_and_article():
    assert (
        str(LegalProvision("《中华人民共和国行政处罚法》", "第六十一条"))
        == "《中华人民共和国行政处罚法》第六十一条"
    )
