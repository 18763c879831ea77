"""Generated documents (issue 3 §4): rendered from the case data, stored with SHA-256 and SM3
digests, entered in the ledger (the entry's sequence number is kept on the row)."""

from __future__ import annotations

from django.db import transaction

from yiwang.contracts.enforcement import DocumentGenerated
from yiwang.kernel.access import require
from yiwang.kernel.errors import DomainError
from yiwang.kernel.events.bus import publish_on_commit
from yiwang.kernel.ledger import record
from yiwang.kernel.people.models import Person

from .. import document_data, documents
from ..documents import DocumentKind
from ..models import Case, CaseEvent, GeneratedDocument
from . import common

GENERATE = "enforcement.generate_document"


@common.idempotent("document_generate")
@transaction.atomic
def document_generate(
    *,
    actor: Person | None,
    case: Case,
    kind: str,
    fmt: str = "pdf",
    source_id: int | None = None,
    idempotency_key: str | None = None,
) -> GeneratedDocument:
    """Render the document `kind` of `case` as ``docx`` or ``pdf`` and file it to the case.

    Refused with ``document_data_missing`` when the case lacks what the document states (e.g. a
    decision not yet made) and with the builders' codes when content is incomplete (ENF-13).
    Rendering is deterministic, so the digests in the ledger identify the stored bytes.
    """
    require(actor, GENERATE, case)
    case = common.locked(case)
    if kind not in DocumentKind.values:
        raise DomainError("document_kind_invalid", f"文书种类“{kind}”无效", "kind")
    if fmt not in documents.FORMATS:
        raise DomainError("document_format_invalid", f"不支持的文档格式“{fmt}”，可选 docx 或 pdf", "format")
    doc = document_data.build(case, kind, source_id)
    rendered = documents.render(doc, fmt)
    stored = GeneratedDocument.objects.create(
        case=case,
        kind=kind,
        format=fmt,
        title=doc.title[:100],
        number=doc.number[:80],
        filename=rendered.filename[:200],
        media_type=rendered.media_type,
        size=len(rendered.content),
        sha256=rendered.sha256,
        sm3=rendered.sm3,
        content=rendered.content,
        source_id=source_id,
        generated_by=actor,
    )
    entry = record(
        actor=actor,
        action="enforcement.document.generated",
        subject=stored,
        data={
            "case_id": case.pk,
            "case_number": case.number,
            "kind": kind,
            "format": fmt,
            "filename": stored.filename,
            "size": stored.size,
            "sha256": stored.sha256,
            "sm3": stored.sm3,
        },
    )
    stored.ledger_seq = entry.seq
    stored.save(update_fields=["ledger_seq"])
    CaseEvent.objects.create(
        case=case,
        actor=actor,
        actor_name=str(actor) if actor is not None else "系统",
        action="document_generated",
        label=f"生成{DocumentKind(kind).label}（{fmt.upper()}）",
        note=f"SM3 {stored.sm3}",
        ledger_seq=entry.seq,
    )
    publish_on_commit(
        DocumentGenerated(
            document_id=stored.pk,
            case_id=case.pk,
            kind=kind,
            format=fmt,
            sha256=stored.sha256,
            sm3=stored.sm3,
            ledger_seq=entry.seq,
        )
    )
    return stored
