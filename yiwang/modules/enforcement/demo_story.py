"""The driver behind the demo seed: takes one case of 鲁山县环境保护局 along its path through the
services, each step on a working day counted back from the demo's anchor day, so deadlines fall
before, on and after "today" as they would in a real bureau."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from yiwang.kernel.calendar import is_working_day
from yiwang.kernel.errors import DomainError
from yiwang.kernel.people.models import EnforcementCertificate, Person

from . import services
from .models import Case, CaseOfficer, ViolationType
from .rules import CHECKLIST, Finding
from .selectors import case_file_missing
from .services import IntervieweeInput, PartyInput

TZ = datetime.timezone(datetime.timedelta(hours=8))
MATERIALS = ("filing_approval", "inspection_record", "photos_evidence", "inquiry_record", "draft_decision")

# The penalty path in the order the demo walks it; a scenario stops at one of these.
PENALTY_STEPS = (
    "filing_pending",
    "filed",
    "investigating",
    "investigation_finished",
    "drafted",
    "case_review",
    "notified",
    "rights_heard",
    "legal_review",
    "reviewed",
    "decision_pending",
    "decided",
    "delivered",
    "executed",
    "closed",
    "archived",
)


@dataclass
class Cast:
    """Who acts in the demo."""

    officer: Person
    partner: Person
    reviewer: Person
    head: Person
    unit: Any
    certificates: list[EnforcementCertificate]


@dataclass(frozen=True)
class Scenario:
    title: str
    violation: str
    party: PartyInput
    until: str
    fine: Decimal | None = None
    start: int = 60  # days before the anchor day on which the case is registered
    gaps: dict[str, int] = field(default_factory=dict)  # days before a step, overriding the default
    facts: str = ""
    place: str = ""
    review: str = "passed"  # passed / returned / pending
    statement: str = "waiver"  # waiver / defence / hearing
    paid: bool = True
    complex_case: bool = False
    source: str = "inspection"


DEFAULT_GAPS = {
    "filed": 1,
    "investigating": 1,
    "investigation_finished": 4,
    "drafted": 0,
    "case_review": 1,
    "notified": 1,
    "rights_heard": 6,
    "legal_review": 1,
    "reviewed": 2,
    "decision_pending": 1,
    "decided": 1,
    "delivered": 2,
    "executed": 8,
    "closed": 3,
    "archived": 3,
}


class Story:
    def __init__(self, cast: Cast, scenario: Scenario, anchor: datetime.date) -> None:
        self.cast = cast
        self.s = scenario
        self.anchor = anchor
        self.day = self._working(anchor - datetime.timedelta(days=scenario.start))
        self.case: Case | None = None
        self.notes: list[str] = []

    # ------------------------------------------------------------ dates

    def _working(self, d: datetime.date) -> datetime.date:
        try:
            while not is_working_day(d) and d < self.anchor:
                d += datetime.timedelta(days=1)
        except DomainError:
            pass
        return min(d, self.anchor)

    def _advance(self, step: str) -> datetime.date:
        self.day = self._working(
            self.day + datetime.timedelta(days=self.s.gaps.get(step, DEFAULT_GAPS.get(step, 1)))
        )
        return self.day

    def _at(self, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(self.day, datetime.time(hour, minute), tzinfo=TZ)

    @property
    def c(self) -> Case:
        assert self.case is not None
        self.case.refresh_from_db()
        return self.case

    def _officers(self) -> list[CaseOfficer]:
        return list(CaseOfficer.objects.filter(case=self.c, removed_at__isnull=True))

    # ------------------------------------------------------------ steps

    def filing_pending(self) -> None:
        s, cast = self.s, self.cast
        violation = ViolationType.objects.get(code=s.violation)
        self.case = services.case_file(
            actor=cast.officer,
            unit=cast.unit,
            kind="penalty",
            title=s.title,
            party=s.party,
            violation_type=violation,
            source=s.source,
            place=s.place or s.party.address,
            found_on=self.day,
            occurred_at=self._at(10),
            summary=s.facts,
            legal_basis=f"{violation.violated}；《中华人民共和国行政处罚法》第五十四条"
            if violation.violated
            else "",
            complex_case=s.complex_case,
            opinion="经现场检查发现，当事人涉嫌违法，建议立案调查。",
            on=self.day,
        )

    def filed(self) -> None:
        services.case_approve_filing(
            actor=self.cast.head,
            case=self.c,
            approve=True,
            opinion="同意立案，由环境监察大队调查。",
            on=self._advance("filed"),
        )

    def investigating(self) -> None:
        day = self._advance("investigating")
        certs = self.cast.certificates
        services.case_assign_officers(
            actor=self.cast.officer, case=self.c, certificates=certs, lead=certs[0], on=day
        )
        services.case_transition(actor=self.cast.officer, case=self.c, action="start_investigation", on=day)
        services.inspection_record(
            actor=self.cast.officer,
            case=self.c,
            started_at=self._at(9, 30),
            ended_at=self._at(11, 0),
            place=self.s.place or self.s.party.address,
            inspectors=self._officers(),
            recorder=self.cast.partner.name,
            present_person=self.s.party.legal_representative or self.s.party.name,
            present_position="负责人",
            findings=self.s.facts,
            evidence_taken=["现场拍照", "执法记录仪全程录像"],
        )
        services.evidence_add(
            actor=self.cast.officer,
            case=self.c,
            kind="photo",
            title="现场照片八张",
            collected_on=day,
            collected_by=self.cast.officer.name,
        )

    def investigation_finished(self) -> None:
        day = self._advance("investigation_finished")
        services.inquiry_record(
            actor=self.cast.officer,
            case=self.c,
            started_at=self._at(14, 30),
            ended_at=self._at(15, 40),
            place="鲁山县环境保护局询问室",
            inquirers=self._officers(),
            recorder=self.cast.partner.name,
            interviewee=IntervieweeInput(
                self.s.party.legal_representative or self.s.party.name,
                employer=self.s.party.name,
                position="负责人",
            ),
            qas=[
                ("请介绍现场检查发现的情况是否属实？", "属实。"),
                ("你方对检查发现的问题有何说明？", "我们马上整改。"),
            ],
        )
        services.case_finish_investigation(
            actor=self.cast.officer,
            case=self.c,
            report=f"经调查，{self.s.facts}事实清楚，证据确凿，建议依法处罚。",
            on=day,
        )

    def drafted(self) -> None:
        services.decision_draft(
            actor=self.cast.officer,
            case=self.c,
            kind="fine",
            fine_amount=self.s.fine,
            facts=self.s.facts,
            other_measures=["责令立即改正违法行为"],
        )

    def case_review(self) -> None:
        services.case_transition(
            actor=self.cast.officer, case=self.c, action="submit_case_review", on=self._advance("case_review")
        )

    def notified(self) -> None:
        services.notice_issue(
            actor=self.cast.officer,
            case=self.c,
            served_on=self._advance("notified"),
            contact_person=self.cast.officer.name,
            contact_phone="0375-5051234",
        )

    def rights_heard(self) -> None:
        day = self._advance("rights_heard")
        if self.s.statement == "hearing":
            services.hearing_request(
                actor=self.cast.officer, case=self.c, requested_on=day, requested_by=self.s.party.name
            )
            return
        if self.s.statement == "defence":
            services.statement_record(
                actor=self.cast.officer, case=self.c, kind="defence", received_on=day,
                content="我单位已着手整改，请求从轻处罚。", adoption="not_adopted", response="所称整改不属于法定从轻情形，不予采纳。",
            )  # fmt: skip
        else:
            services.statement_record(actor=self.cast.officer, case=self.c, kind="waiver", received_on=day)
        services.statements_close(actor=self.cast.officer, case=self.c, on=day)

    def legal_review(self) -> None:
        services.review_submit(
            actor=self.cast.officer, case=self.c, materials=MATERIALS, on=self._advance("legal_review")
        )

    def reviewed(self) -> None:
        day = self._advance("reviewed")
        review = self.c.reviews.order_by("-pk").first()
        assert review is not None
        if self.s.review == "pending":
            return
        if self.s.review == "returned":
            findings = [
                Finding(
                    p.code, p.code != "facts_and_evidence", "缺少有资质机构出具的监测报告，排放情况证据不足"
                )
                for p in CHECKLIST
            ]
            services.review_answer(
                actor=self.cast.reviewer, review=review, outcome="returned", findings=findings,
                opinion="证据不足以支持拟处罚金额，请补充监测报告后重新送审。", on=day,
            )  # fmt: skip
            return
        services.review_answer(
            actor=self.cast.reviewer, review=review, outcome="passed", findings=[Finding(p.code, True) for p in CHECKLIST],
            opinion="事实清楚，证据确凿，程序合法，适用依据正确，裁量适当，同意按拟处理意见作出决定。", on=day,
        )  # fmt: skip
        services.review_complete(actor=self.cast.officer, case=self.c, on=day)

    def decision_pending(self) -> None:
        day = self._advance("decision_pending")
        if self.s.complex_case:
            services.case_transition(actor=self.cast.officer, case=self.c, action="submit_discussion", on=day)
            return
        services.case_transition(actor=self.cast.officer, case=self.c, action="submit_decision", on=day)

    def decided(self) -> None:
        services.case_decide(actor=self.cast.head, case=self.c, on=self._advance("decided"))

    def delivered(self) -> None:
        services.delivery_record(
            actor=self.cast.officer,
            case=self.c,
            delivered_on=self._advance("delivered"),
            delivered_at=self._at(10),
            method="direct",
            recipient=self.s.party.name,
            place=self.s.party.address,
            officers=self._officers(),
            receipt_signer=self.s.party.legal_representative or self.s.party.name,
        )

    def executed(self) -> None:
        day = self._advance("executed")
        if self.s.paid and self.s.fine:
            services.payment_record(
                actor=self.cast.officer,
                case=self.c,
                amount=self.s.fine,
                paid_on=day,
                receipt_number=f"FS{day:%Y%m%d}{self.c.pk:04d}",
            )

    def closed(self) -> None:
        for kind, _label in case_file_missing(self.c):
            services.document_generate(actor=self.cast.officer, case=self.c, kind=kind, fmt="pdf")
        services.case_close(
            actor=self.cast.officer, case=self.c, report="罚款已缴清，违法行为已改正，建议结案。", approved_by=self.cast.head,
            on=self._advance("closed"),
        )  # fmt: skip

    def archived(self) -> None:
        services.case_archive(
            actor=self.cast.head,
            case=self.c,
            archive_number=f"鲁环档〔{self.day.year}〕{self.c.serial:03d}号",
            on=self._advance("archived"),
        )

    def run(self) -> Case:
        for step in PENALTY_STEPS[: PENALTY_STEPS.index(self.s.until) + 1]:
            getattr(self, step)()
        return self.c


def anchor_day() -> datetime.date:
    """The demo's "today": today, but early enough that every deadline the demo computes stays in
    a year the working-day calendar knows (CAL-02 refuses to guess)."""
    today = timezone.localdate()
    try:
        is_working_day(datetime.date(today.year + 1, 1, 31))
    except DomainError:
        return min(today, datetime.date(today.year, 11, 30))
    return today
