"""A small real world for the enforcement tests: 鲁山县环境保护局 with its 环境监察大队 and 法制股,
the justice bureau beside it, officers with certificates (valid, expired, another domain), the
legal reviewer, the head, a supervisor — and `Flow`, which takes a penalty case step by step
through the services, on fixed dates of 2026 (working days known to the calendar)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

import pytest

from yiwang.kernel.organizations.tests.trees import Lushan, build_lushan
from yiwang.kernel.people.models import EnforcementCertificate, EnforcementDomain, Person
from yiwang.kernel.testing.factories import EnforcementCertificateFactory, PersonFactory, enable_module, grant
from yiwang.modules.enforcement import services
from yiwang.modules.enforcement.apps import ROLES
from yiwang.modules.enforcement.models import Case, CaseOfficer, ViolationType
from yiwang.modules.enforcement.rules import CHECKLIST, Finding
from yiwang.modules.enforcement.services import IntervieweeInput, PartyInput


def make_person(**fields: Any) -> Person:
    return cast(Person, PersonFactory(**fields))


def make_certificate(**fields: Any) -> EnforcementCertificate:
    return cast(EnforcementCertificate, EnforcementCertificateFactory(**fields))


ROLE = {r.code: list(r.permissions) for r in ROLES}
D = datetime.date
COMPANY = PartyInput(
    party_type="organization",
    name="鲁山县琴台建材有限公司",
    identifier="91410423MA40K8XW5B",
    legal_representative="陈志强",
    address="鲁山县琴台街道建设路18号",
    phone="13803751234",
)
PERSON = PartyInput(
    party_type="person",
    name="李桂兰",
    identifier="11010519491231002X",
    address="鲁山县露峰街道",
    phone="13700000000",
)
MATERIALS = ("filing_approval", "inspection_record", "photos_evidence")


def all_ok() -> list[Finding]:
    return [Finding(p.code, True) for p in CHECKLIST]


@dataclass
class World:
    tree: Lushan
    admin: Person
    officer: Person
    officer2: Person
    officer3: Person
    expired: Person
    market: Person
    reviewer: Person
    head: Person
    supervisor: Person
    outsider: Person
    certs: dict[str, EnforcementCertificate] = field(default_factory=dict)

    def violation(self, code: str = "dust_uncontrolled") -> ViolationType:
        return ViolationType.objects.get(code=code)


def _officer(
    name: str, unit: Any, scope: Any, number: str, *, domain: str = "ecology", **dates: Any
) -> tuple[Person, EnforcementCertificate]:
    person = make_person(name=name, organization=unit)
    grant(person, ROLE["enforcement_officer"], scope=scope)
    cert = make_certificate(
        number=number,
        holder=person,
        organization=unit,
        issuing_authority="河南省人民政府",
        domain=EnforcementDomain.objects.get(code=domain),
        valid_from=dates.get("valid_from", D(2025, 1, 1)),
        valid_to=dates.get("valid_to", D(2028, 12, 31)),
    )
    return person, cert


def enable_enforcement(admin: Any, organization: Any) -> None:
    """The county enables the module for its bodies (work is refused where it is not enabled)."""
    enable_module(admin, organization, "enforcement")


@pytest.fixture
def world(db: Any) -> World:
    admin = make_person(name="系统管理员", superuser=True)
    tree = build_lushan(admin)
    enable_enforcement(admin, tree.county)
    officer, c1 = _officer("周海涛", tree.inspection, tree.bureau, "ZF-410423-0101")
    officer2, c2 = _officer("吴晓东", tree.inspection, tree.bureau, "ZF-410423-0102")
    officer3, c3 = _officer("王建军", tree.inspection, tree.bureau, "ZF-410423-0103")
    expired, c4 = _officer(
        "郑国强",
        tree.inspection,
        tree.bureau,
        "ZF-410423-0087",
        valid_from=D(2023, 1, 1),
        valid_to=D(2026, 2, 28),
    )
    market, c5 = _officer("陈静", tree.inspection, tree.bureau, "ZF-410423-0300", domain="market")
    reviewer = make_person(name="孙丽娟", organization=tree.legal_unit)
    grant(reviewer, ROLE["enforcement_reviewer"], scope=tree.bureau)
    head = make_person(name="赵志刚", organization=tree.bureau)
    grant(head, ROLE["enforcement_head"] + ROLE["enforcement_archivist"], scope=tree.bureau)
    supervisor = make_person(name="李秀英", organization=tree.neighbour)
    grant(supervisor, ROLE["enforcement_supervisor"], scope=tree.county)
    outsider = make_person(name="刘明", organization=tree.neighbour)
    grant(outsider, ROLE["enforcement_officer"], scope=tree.neighbour)
    return World(
        tree=tree,
        admin=admin,
        officer=officer,
        officer2=officer2,
        officer3=officer3,
        expired=expired,
        market=market,
        reviewer=reviewer,
        head=head,
        supervisor=supervisor,
        outsider=outsider,
        certs={"c1": c1, "c2": c2, "c3": c3, "expired": c4, "market": c5},
    )


class Flow:
    """Take a penalty case along ENF-10 through the services, one step per method."""

    ORDER = (
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
        "documents",
        "closed",
        "archived",
    )

    def __init__(
        self,
        w: World,
        *,
        fine: Decimal = Decimal("80000"),
        party: PartyInput = COMPANY,
        violation: str = "dust_uncontrolled",
        **case: Any,
    ) -> None:
        self.w = w
        self.violation = violation
        self.fine = fine
        self.party = party
        self.case_kwargs = case
        self.case: Case | None = None

    @property
    def c(self) -> Case:
        assert self.case is not None
        self.case.refresh_from_db()
        return self.case

    def officers(self) -> list[CaseOfficer]:
        return list(CaseOfficer.objects.filter(case=self.c, removed_at__isnull=True))

    def filing_pending(self) -> None:
        w = self.w
        self.case = services.case_file(
            actor=w.officer,
            unit=w.tree.inspection,
            kind="penalty",
            title="未采取措施控制粉尘排放案",
            party=self.party,
            violation_type=w.violation(self.violation),
            place="鲁山县琴台街道建设路18号厂区",
            found_on=D(2026, 3, 2),
            summary="石料破碎生产线未配套建设除尘设施，粉尘无组织排放。",
            legal_basis="《中华人民共和国行政处罚法》第五十四条",
            on=D(2026, 3, 2),
            **self.case_kwargs,
        )

    def filed(self) -> None:
        services.case_approve_filing(
            actor=self.w.head, case=self.c, approve=True, opinion="同意立案。", on=D(2026, 3, 3)
        )

    def investigating(self) -> None:
        w = self.w
        services.case_assign_officers(
            actor=w.officer,
            case=self.c,
            certificates=[w.certs["c1"], w.certs["c2"]],
            lead=w.certs["c1"],
            on=D(2026, 3, 3),
        )
        services.case_transition(actor=w.officer, case=self.c, action="start_investigation", on=D(2026, 3, 3))

    def investigation_finished(self) -> None:
        w = self.w
        tz = datetime.timezone(datetime.timedelta(hours=8))
        services.inspection_record(
            actor=w.officer,
            case=self.c,
            started_at=datetime.datetime(2026, 3, 4, 14, 0, tzinfo=tz),
            ended_at=datetime.datetime(2026, 3, 4, 15, 20, tzinfo=tz),
            place="鲁山县琴台街道建设路18号厂区",
            inspectors=self.officers(),
            recorder="吴晓东",
            present_person="刘洋",
            present_position="生产厂长",
            findings="破碎、筛分工序未配套建设除尘设施，粉尘无组织排放。",
            evidence_taken=["现场拍照十二张"],
        )
        services.evidence_add(
            actor=w.officer, case=self.c, kind="photo", title="现场照片十二张", collected_on=D(2026, 3, 4)
        )
        services.inquiry_record(
            actor=w.officer,
            case=self.c,
            started_at=datetime.datetime(2026, 3, 5, 9, 30, tzinfo=tz),
            ended_at=datetime.datetime(2026, 3, 5, 10, 45, tzinfo=tz),
            place="鲁山县环境保护局询问室",
            inquirers=self.officers(),
            recorder="吴晓东",
            interviewee=IntervieweeInput("陈志强", "男", employer=self.party.name, position="法定代表人"),
            qas=[("是否配套建设了除尘设施？", "还没有建。")],
        )
        services.case_finish_investigation(
            actor=w.officer, case=self.c, report="事实清楚，证据确凿，建议罚款。", on=D(2026, 3, 9)
        )

    def drafted(self) -> None:
        services.decision_draft(
            actor=self.w.officer,
            case=self.c,
            kind="fine",
            fine_amount=self.fine,
            facts="你单位石料破碎生产线未配套建设除尘设施，粉尘无组织排放。",
            other_measures=["责令立即改正违法行为"],
        )

    def case_review(self) -> None:
        services.case_transition(
            actor=self.w.officer, case=self.c, action="submit_case_review", on=D(2026, 3, 10)
        )

    def notified(self) -> None:
        services.notice_issue(
            actor=self.w.officer,
            case=self.c,
            served_on=D(2026, 3, 11),
            contact_person="周海涛",
            contact_phone="0375-5000000",
        )

    def rights_heard(self) -> None:
        services.statement_record(
            actor=self.w.officer, case=self.c, kind="waiver", received_on=D(2026, 3, 12)
        )
        services.statements_close(actor=self.w.officer, case=self.c, on=D(2026, 3, 13))

    def legal_review(self) -> None:
        services.review_submit(actor=self.w.officer, case=self.c, materials=MATERIALS, on=D(2026, 3, 16))

    def reviewed(self) -> None:
        review = self.c.reviews.get()
        services.review_answer(
            actor=self.w.reviewer,
            review=review,
            outcome="passed",
            findings=all_ok(),
            opinion="同意。",
            on=D(2026, 3, 18),
        )
        services.review_complete(actor=self.w.officer, case=self.c, on=D(2026, 3, 18))

    def decision_pending(self) -> None:
        services.case_transition(
            actor=self.w.officer, case=self.c, action="submit_decision", on=D(2026, 3, 19)
        )

    def decided(self) -> None:
        services.case_decide(actor=self.w.head, case=self.c, on=D(2026, 3, 20))

    def delivered(self) -> None:
        services.delivery_record(
            actor=self.w.officer,
            case=self.c,
            delivered_on=D(2026, 3, 23),
            method="direct",
            recipient=self.party.name,
            place=self.party.address,
            officers=self.officers(),
            receipt_signer="陈志强",
        )

    def executed(self) -> None:
        services.payment_record(actor=self.w.officer, case=self.c, amount=self.fine, paid_on=D(2026, 4, 1))

    def documents(self) -> None:
        from yiwang.modules.enforcement.selectors import case_file_missing

        for kind, _label in case_file_missing(self.c):
            services.document_generate(actor=self.w.officer, case=self.c, kind=kind, fmt="docx")

    def closed(self) -> None:
        services.case_close(
            actor=self.w.officer,
            case=self.c,
            report="罚款已缴清，违法行为已改正。",
            approved_by=self.w.head,
            on=D(2026, 4, 2),
        )

    def archived(self) -> None:
        services.case_archive(
            actor=self.w.head, case=self.c, archive_number="2026-永久-012", on=D(2026, 4, 3)
        )

    def until(self, step: str) -> Case:
        """Run every step up to and including `step` (one of `ORDER`)."""
        for name in self.ORDER[: self.ORDER.index(step) + 1]:
            getattr(self, name)()
        return self.c


@pytest.fixture
def flow(world: World) -> Flow:
    return Flow(world)
