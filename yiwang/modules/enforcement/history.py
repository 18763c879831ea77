"""Closed penalty files recorded after the fact (历史案卷录入): the history that discretion assistance
compares a draft with (ENF-112) and that case-file evaluation scores (ENF-110).

A bureau starting with Yiwang brings the files it closed before; the demo seeds the same kind of
history for 鲁山县环境保护局. `record_past_file` writes one closed file from a `PastFile`: the case,
its party and officers (with the certificates' snapshot), the inspection record and evidence, the
advance notice, the issued decision with the discretion standard of its circumstance, the legal
review where one was held, delivery, payment and the closing and archive data — in one
transaction with one ledger entry (``enforcement.case.history_recorded``). Leaving a part out
(`omit`) or giving the notice another amount makes a file with the defects evaluation must find.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max

from yiwang.kernel.ledger import record

from .models import (
    AdvanceNotice,
    Case,
    CaseCounter,
    CaseOfficer,
    Decision,
    DecisionKind,
    DecisionStatus,
    Delivery,
    DeliveryMethod,
    DiscretionStandard,
    Evidence,
    Inspection,
    LegalReview,
    Party,
    Payment,
    ReviewOpinion,
    ReviewSubmission,
    ViolationType,
)
from .rules import ReviewOutcome
from .workflow import ReviewStatus

TZ = datetime.timezone(datetime.timedelta(hours=8))
# Parts of a file `PastFile.omit` may leave out.
PARTS = ("inspection", "evidence", "investigation_report", "notice", "delivery", "payment", "closing_report")


@dataclass(frozen=True)
class PastFile:
    title: str
    violation: str  # ViolationType.code
    party_name: str
    identifier: str
    facts: str
    fine: Decimal
    circumstance: str = "ordinary"
    filed_on: date = date(2025, 3, 3)
    party_type: str = "organization"
    place: str = ""
    notice_fine: Decimal | None = None  # the amount in the advance notice; default: the fine
    decided_after_days: int = 45
    delivered_after_days: int = 2
    reviewed: bool = False  # a legal review was held and passed before the decision
    status: str = "archived"
    omit: tuple[str, ...] = field(default_factory=tuple)


def _at(d: date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(d.year, d.month, d.day, hour, 0, tzinfo=TZ)


def _next_serial(agency: Any, year: int) -> int:
    """The next penalty serial of the agency's year, taken from the counter the filing service
    uses (so numbers never collide), and past any number already on file."""
    CaseCounter.objects.get_or_create(agency=agency, year=year, series="penalty")
    counter = CaseCounter.objects.select_for_update().get(agency=agency, year=year, series="penalty")
    top = Case.objects.filter(agency=agency, kind="penalty", year=year).aggregate(m=Max("serial"))["m"]
    counter.last = max(counter.last, int(top or 0)) + 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def record_past_file(
    f: PastFile,
    *,
    actor: Any,
    agency: Any,
    unit: Any,
    certificates: Sequence[Any],
    number_template: str = "鲁环罚〔{year}〕{serial}号",
) -> Case:
    """Write one closed penalty file (see the module docstring); returns the case."""
    vt = ViolationType.objects.select_related("violated", "penalty_basis").get(code=f.violation)
    year = f.filed_on.year
    serial = _next_serial(agency, year)
    decided_on = f.filed_on + datetime.timedelta(days=f.decided_after_days)
    delivered_on = decided_on + datetime.timedelta(days=f.delivered_after_days)
    closed_on = delivered_on + datetime.timedelta(days=20)
    archived = f.status == "archived"
    case = Case.objects.create(
        agency=agency,
        unit=unit,
        kind="penalty",
        status=f.status,
        number=number_template.format(year=year, serial=serial),
        year=year,
        serial=serial,
        title=f.title,
        violation_type=vt,
        domain_id=vt.domain_id,
        place=f.place,
        occurred_at=_at(f.filed_on - datetime.timedelta(days=1)),
        found_on=f.filed_on,
        summary=f.facts[:300],
        legal_basis=f"涉嫌违反{vt.violated.citation if vt.violated else vt.label}",
        party_name=f.party_name,
        investigation_report="" if "investigation_report" in f.omit else "经调查，违法事实清楚，证据确凿。",
        closing_report="" if "closing_report" in f.omit else "处罚决定已执行完毕，予以结案。",
        proposed_fine=f.notice_fine if f.notice_fine is not None else f.fine,
        decided_fine=f.fine,
        filed_at=_at(f.filed_on),
        filed_on=f.filed_on,
        decided_on=decided_on,
        delivered_on=None if "delivery" in f.omit else delivered_on,
        closed_on=closed_on,
        archived_on=closed_on + datetime.timedelta(days=10) if archived else None,
        archive_number=f"{year}-ZF-{serial:04d}" if archived else "",
        status_changed_at=_at(closed_on),
        created_by=actor,
    )
    Party.objects.create(
        case=case,
        party_type=f.party_type,
        name=f.party_name,
        identifier=f.identifier,
        address=f.place,
        is_primary=True,
    )
    officers = []
    for i, cert in enumerate(certificates):
        officers.append(
            CaseOfficer.objects.create(
                case=case,
                person=cert.holder,
                certificate=cert,
                name=cert.holder.name,
                certificate_number=cert.number,
                domain_code=cert.domain.code,
                domain_label=cert.domain.label,
                valid_from=cert.valid_from,
                valid_to=cert.valid_to,
                lead=i == 0,
                assigned_at=_at(f.filed_on),
            )
        )
    inspected_on = f.filed_on + datetime.timedelta(days=1)
    if "inspection" not in f.omit:
        inspection = Inspection.objects.create(
            case=case,
            started_at=_at(inspected_on, 9),
            ended_at=_at(inspected_on, 11),
            place=f.place or f.party_name,
            present_person="现场负责人",
            recorder=officers[-1].name if officers else "记录人",
            findings=f.facts,
        )
        inspection.inspectors.set(officers)
    if "evidence" not in f.omit:
        Evidence.objects.create(
            case=case, kind="photo", title="现场照片", collected_on=inspected_on, place=f.place
        )
    basis = [[vt.penalty_basis.title, vt.penalty_basis.article]] if vt.penalty_basis else []
    violated = [[vt.violated.title, vt.violated.article]] if vt.violated else []
    notice_on = decided_on - datetime.timedelta(days=20)
    if "notice" not in f.omit:
        AdvanceNotice.objects.create(
            case=case,
            number=f"{case.number}告",
            issued_on=notice_on,
            served_on=notice_on,
            facts=f.facts,
            evidence=["现场检查笔录", "现场照片"],
            violated=violated,
            penalty_basis=basis,
            intended_penalty=f"罚款人民币{f.notice_fine if f.notice_fine is not None else f.fine}元",
            proposed_fine=f.notice_fine if f.notice_fine is not None else f.fine,
        )
    standard = (
        DiscretionStandard.objects.filter(violation_type=vt, circumstance=f.circumstance, active=True)
        .order_by("agency_id")
        .first()
    )
    if f.reviewed:
        _passed_review(case, actor, decided_on - datetime.timedelta(days=5), f.fine)
    Decision.objects.create(
        case=case,
        status=DecisionStatus.ISSUED,
        kind=DecisionKind.FINE,
        fine_amount=f.fine,
        facts=f.facts,
        evidence=["现场检查笔录", "现场照片"],
        violated=violated,
        basis_provision=vt.penalty_basis,
        basis_text=vt.penalty_basis.citation if vt.penalty_basis else "",
        discretion_standard=standard,
        number=case.number,
        drafted_at=_at(notice_on),
        decided_on=decided_on,
    )
    if "delivery" not in f.omit:
        Delivery.objects.create(
            case=case,
            document_number=case.number,
            delivered_on=delivered_on,
            method=DeliveryMethod.DIRECT,
            recipient=f.party_name,
            place=f.place or f.party_name,
            receipt_signer=f.party_name[:100],
        ).delivered_by.set(officers)
    if "payment" not in f.omit:
        Payment.objects.create(case=case, paid_on=delivered_on + datetime.timedelta(days=10), amount=f.fine)
    record(
        actor=actor,
        action="enforcement.case.history_recorded",
        subject=case,
        after=case.as_ledger(),
        data={"fine": str(f.fine), "decided_on": decided_on.isoformat(), "omitted": list(f.omit)},
    )
    return case


def _passed_review(case: Case, actor: Any, on: date, fine: Decimal) -> None:
    review = LegalReview.objects.create(
        case=case,
        status=ReviewStatus.PASSED,
        reasons=[
            {"code": "fine_over_threshold", "text": "罚款金额达到审核目录标准", "source": "seed 001 附件4"}
        ],
        submitted_at=_at(on - datetime.timedelta(days=2)),
        due_on=on + datetime.timedelta(days=5),
        concluded_at=_at(on),
        outcome=ReviewOutcome.PASSED,
        reviewed_fine=fine,
    )
    submission = ReviewSubmission.objects.create(
        review=review, round=1, submitted_at=_at(on - datetime.timedelta(days=2)), materials=[], draft={}
    )
    ReviewOpinion.objects.create(
        review=review,
        submission=submission,
        outcome=ReviewOutcome.PASSED,
        opinion="事实清楚，证据确凿，适用依据正确，程序合法，同意。",
        reviewer=actor,
        reviewed_at=_at(on),
    )
