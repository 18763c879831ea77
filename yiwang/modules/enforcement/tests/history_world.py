"""A world with history for the discretion (ENF-112) and evaluation (ENF-110) tests:
鲁山县环境保护局 (环境监察大队, 法制股), the justice bureau beside it, officers with certificates, a
head, a supervisor at the county, and closed files written with `history.record_past_file`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from yiwang.kernel.organizations.models import Kind
from yiwang.kernel.organizations.services import organization_create
from yiwang.kernel.organizations.tests.trees import Lushan, build_lushan
from yiwang.kernel.people.models import EnforcementCertificate, EnforcementDomain, Person
from yiwang.kernel.testing.factories import EnforcementCertificateFactory, PersonFactory, enable_module, grant
from yiwang.modules.enforcement.apps import ROLES
from yiwang.modules.enforcement.history import PastFile, record_past_file
from yiwang.modules.enforcement.models import Case, Decision, DecisionStatus, Party, ViolationType

ROLE = {r.code: list(r.permissions) for r in ROLES}
D = datetime.date


@dataclass
class HistoryWorld:
    tree: Lushan
    admin: Person
    officer: Person
    head: Person
    supervisor: Person
    reviewer: Person
    outsider: Person
    certs: list[EnforcementCertificate] = field(default_factory=list)
    soil_unit: Any = None

    def past(
        self, f: PastFile, *, unit: Any = None, certs: list[EnforcementCertificate] | None = None
    ) -> Case:
        return record_past_file(
            f,
            actor=self.admin,
            agency=self.tree.bureau,
            unit=unit or self.tree.inspection,
            certificates=self.certs[:2] if certs is None else certs,
        )

    def draft(self, *, violation: str, facts: str, fine: Decimal | None, standard: Any = None) -> Case:
        """A case with a draft decision, awaiting legal review."""
        vt = ViolationType.objects.get(code=violation)
        n = Case.objects.filter(agency=self.tree.bureau).count() + 1
        case = Case.objects.create(
            agency=self.tree.bureau,
            unit=self.tree.inspection,
            kind="penalty",
            status="legal_review",
            number=f"鲁环罚〔2026〕{n}号",
            year=2026,
            serial=n,
            title=f"{vt.label}案",
            violation_type=vt,
            domain_id=vt.domain_id,
            summary=facts,
            party_name="鲁山县测试有限公司",
            proposed_fine=fine,
        )
        Party.objects.create(
            case=case, party_type="organization", name="鲁山县测试有限公司", identifier="91410423MA40K8XW5B"
        )
        Decision.objects.create(
            case=case,
            status=DecisionStatus.DRAFT,
            kind="fine",
            fine_amount=fine,
            facts=facts,
            basis_provision=vt.penalty_basis,
            discretion_standard=standard,
        )
        return case


def person(name: str, unit: Any, **extra: Any) -> Person:
    return cast(Person, PersonFactory(name=name, organization=unit, **extra))


def _cert(person: Person, unit: Any, number: str, **dates: Any) -> EnforcementCertificate:
    cert = EnforcementCertificateFactory(
        number=number,
        holder=person,
        organization=unit,
        issuing_authority="河南省人民政府",
        domain=EnforcementDomain.objects.get(code="ecology"),
        valid_from=dates.get("valid_from", D(2023, 1, 1)),
        valid_to=dates.get("valid_to", D(2028, 12, 31)),
    )
    return cast(EnforcementCertificate, cert)


def make_world() -> HistoryWorld:
    admin = cast(Person, PersonFactory(name="系统管理员", superuser=True))
    tree = build_lushan(admin, prefix="h")
    enable_module(admin, tree.county, "enforcement")
    soil = organization_create(actor=admin, parent=tree.bureau, name="土壤股", kind=Kind.UNIT)
    officer = person("周海涛", tree.inspection)
    grant(officer, ROLE["enforcement_officer"], scope=tree.inspection)
    second = person("吴晓东", tree.inspection)
    grant(second, ROLE["enforcement_officer"], scope=tree.inspection)
    expired = person("郑国强", tree.inspection)
    head = person("赵志刚", tree.bureau)
    grant(head, ROLE["enforcement_head"], scope=tree.bureau)
    reviewer = person("孙丽娟", tree.legal_unit)
    grant(reviewer, ROLE["enforcement_reviewer"], scope=tree.bureau)
    supervisor = person("李秀英", tree.neighbour)
    grant(supervisor, ROLE["enforcement_supervisor"], scope=tree.county)
    outsider = person("刘明", tree.neighbour)
    grant(outsider, ROLE["enforcement_officer"], scope=tree.neighbour)
    certs = [
        _cert(officer, tree.inspection, "ZF-410423-0101"),
        _cert(second, tree.inspection, "ZF-410423-0102"),
        _cert(expired, tree.inspection, "ZF-410423-0087", valid_from=D(2020, 1, 1), valid_to=D(2024, 12, 31)),
    ]
    return HistoryWorld(
        tree=tree,
        admin=admin,
        officer=officer,
        head=head,
        supervisor=supervisor,
        reviewer=reviewer,
        outsider=outsider,
        certs=certs,
        soil_unit=soil,
    )


AIR_FACTS = (
    "经查，你单位燃煤锅炉废气排放口颗粒物排放浓度为每立方米45毫克，超过《锅炉大气污染物排放标准》规定的排放限值，属超标排放大气污染物。",
    "经查，你单位陶瓷窑炉二氧化硫排放浓度超过《工业炉窑大气污染物排放标准》限值0.8倍，属超标排放大气污染物。",
    "经查，你单位石灰窑氮氧化物排放浓度超过排放标准限值，属超标排放大气污染物。",
    "经查，你单位沥青搅拌站非甲烷总烃排放浓度超过排放标准限值，属超标排放大气污染物。",
    "经查，你单位铸造车间冲天炉烟尘排放浓度超过排放标准限值，属超标排放大气污染物。",
)


def air_files(w: HistoryWorld) -> list[Case]:
    """Five decided 超标排放 cases of 2025 with fines 12万 … 80万."""
    fines = ("120000", "150000", "300000", "450000", "800000")
    circumstances = ("minor", "ordinary", "ordinary", "serious", "grave")
    return [
        w.past(
            PastFile(
                title=f"超标排放大气污染物案（{i + 1}）",
                violation="air_exceed",
                party_name=f"鲁山县第{i + 1}建材有限公司",
                identifier="91410423MA40K8XW5B",
                facts=facts,
                fine=Decimal(fine),
                circumstance=c,
                filed_on=D(2025, 2 + i, 3),
                reviewed=True,
            )
        )
        for i, (facts, fine, c) in enumerate(zip(AIR_FACTS, fines, circumstances, strict=True))
    ]
