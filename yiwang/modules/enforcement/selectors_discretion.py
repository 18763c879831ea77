"""Discretion assistance for a draft decision (ENF-112): the matching standard, the rules it cites,
the most similar past decided cases of the same agency and the draft's place among their fines.

One read, taking the actor: the case must be visible to the actor (`enforcement.view_case`), and
so must every past case shown or counted — a unit's officer sees the history of the cases their
grant covers, the agency's head and the justice bureau's supervisor the agency's whole history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from yiwang.kernel.access import get_for
from yiwang.kernel.errors import DomainError

from . import discretion
from .models import (
    Case,
    Decision,
    DecisionStatus,
    DiscretionStandard,
    LegalProvision,
    ViolationType,
)
from .models.reference import yuan_label

VIEW = "enforcement.view_case"
# The most recent decided cases of the type the ranking and the distribution look at.
CANDIDATES = 1000
SIMILAR = 5


@dataclass(frozen=True)
class CitedRule:
    """A rule the panel cites, and why: 违反的规定, 处罚依据 or 裁量依据."""

    role: str
    citation: str
    content: str
    provision_id: int


@dataclass
class DiscretionPanel:
    case: Case
    decision: Decision | None
    violation_type: ViolationType | None
    draft_fine: Decimal | None
    base_amount: Decimal | None
    standards: list[DiscretionStandard] = field(default_factory=list)
    matched: DiscretionStandard | None = None
    matched_by: str = ""  # "selected": the draft names it; "amount": the band the fine falls in
    bounds: tuple[Decimal, Decimal] | None = None
    cited: list[CitedRule] = field(default_factory=list)
    similar: list[discretion.SimilarCase] = field(default_factory=list)
    distribution: discretion.Distribution | None = None
    chart: discretion.StripChart | None = None
    considered: int = 0

    @property
    def within(self) -> bool | None:
        """Whether the draft fine lies in the matched standard's range (None: cannot tell)."""
        if self.draft_fine is None or self.bounds is None:
            return None
        return self.bounds[0] <= self.draft_fine <= self.bounds[1]

    @property
    def needs_base(self) -> bool:
        """A percentage standard applies and no base (e.g. 总投资额) was given."""
        return any(s.is_percent for s in self.standards) and self.base_amount is None

    @property
    def bounds_label(self) -> str:
        if self.bounds is None:
            return ""
        return f"{yuan_label(self.bounds[0])}至{yuan_label(self.bounds[1])}"


def parse_base_amount(raw: Any) -> Decimal | None:
    """The base of a percentage standard (e.g. 建设项目总投资额, yuan) from a query parameter."""
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value <= 0 or value >= Decimal("1e12"):
        raise DomainError(
            "base_amount_invalid", "计罚基数须为大于零的金额（元），如建设项目总投资额", "base_amount"
        )
    return value.quantize(Decimal("0.01"))


def _standards_for(case: Case) -> list[DiscretionStandard]:
    """The agency's own standards for the violation type, else the general ones."""
    if case.violation_type_id is None:
        return []
    rows = list(
        DiscretionStandard.objects.filter(violation_type_id=case.violation_type_id, active=True)
        .filter(agency_id=case.agency_id)
        .prefetch_related("provisions")
    )
    if not rows:
        rows = list(
            DiscretionStandard.objects.filter(
                violation_type_id=case.violation_type_id, active=True, agency__isnull=True
            ).prefetch_related("provisions")
        )
    order = {c: i for i, c in enumerate(discretion.CIRCUMSTANCE_ORDER)}
    rows.sort(key=lambda s: (order.get(s.circumstance, 9), s.pk))
    return rows


def _match(
    standards: list[DiscretionStandard], decision: Decision | None, fine: Decimal | None, base: Decimal | None
) -> tuple[DiscretionStandard | None, str]:
    if decision is not None and decision.discretion_standard_id is not None:
        for s in standards:
            if s.pk == decision.discretion_standard_id:
                return s, "selected"
        chosen = (
            DiscretionStandard.objects.filter(pk=decision.discretion_standard_id)
            .prefetch_related("provisions")
            .first()
        )
        if chosen is not None:
            return chosen, "selected"
    if fine is not None:
        for s in standards:
            found = s.bounds(base)
            if found is not None and found[0] <= fine <= found[1]:
                return s, "amount"
    return None, ""


def _cited(
    vt: ViolationType | None,
    decision: Decision | None,
    matched: DiscretionStandard | None,
    standards: list[DiscretionStandard],
) -> list[CitedRule]:
    out: list[CitedRule] = []
    seen: set[int] = set()

    def add(role: str, p: LegalProvision | None) -> None:
        if p is not None and p.pk not in seen:
            seen.add(p.pk)
            out.append(CitedRule(role, p.citation, p.content, p.pk))

    if vt is not None:
        add("违反的规定", vt.violated)
        add("处罚依据", vt.penalty_basis)
    if decision is not None:
        add("处罚依据", decision.basis_provision)
    for s in [matched] if matched is not None else standards:
        for p in sorted(s.provisions.all(), key=lambda p: (p.title, p.pk)):
            add("裁量依据", p)
    return out


def _past_cases(actor: Any, case: Case) -> list[discretion.PastCase]:
    if case.violation_type_id is None:
        return []
    rows = (
        Case.objects.scoped_to(actor, VIEW)
        .filter(
            agency_id=case.agency_id,
            violation_type_id=case.violation_type_id,
            decision__status=DecisionStatus.ISSUED,
        )
        .exclude(pk=case.pk)
        .order_by("-decision__decided_on", "-pk")
        .values_list(
            "pk",
            "number",
            "title",
            "decision__facts",
            "decision__fine_amount",
            "decision__discretion_standard__circumstance",
            "decision__decided_on",
            "unit__name",
        )[:CANDIDATES]
    )
    return [
        discretion.PastCase(
            case_id=pk,
            number=number,
            title=title,
            facts=facts or "",
            fine=fine,
            circumstance=circumstance or "",
            decided_on=decided_on,
            unit=unit or "",
        )
        for pk, number, title, facts, fine, circumstance, decided_on, unit in rows
    ]


def discretion_panel_for(
    *, actor: Any, case_id: Any, base_amount: Decimal | None = None, limit: int = SIMILAR
) -> DiscretionPanel:
    """ENF-112: everything the discretion panel of a case's draft decision shows.

    Raises `NotFound` when the case does not exist or the actor may not view it.
    """
    case = get_for(
        Case.objects.select_related(
            "agency", "unit", "violation_type__violated", "violation_type__penalty_basis"
        ),
        actor=actor,
        permission=VIEW,
        pk=case_id,
    )
    decision = (
        Decision.objects.filter(case=case).select_related("basis_provision", "discretion_standard").first()
    )
    fine = (
        decision.fine_amount
        if decision is not None and decision.fine_amount is not None
        else case.proposed_fine
    )
    standards = _standards_for(case)
    matched, matched_by = _match(standards, decision, fine, base_amount)
    bounds = matched.bounds(base_amount) if matched is not None else None
    past = _past_cases(actor, case)
    circumstance = matched.circumstance if matched is not None else ""
    facts = (decision.facts if decision is not None else "") or case.summary
    similar = discretion.similar_cases(discretion.Draft(facts, fine, circumstance), past, limit=limit)
    fines = [p.fine for p in past if p.fine is not None]
    dist = discretion.distribution(fines, fine)
    chart = discretion.strip_chart(fines, dist, draft=fine, band=bounds, label=yuan_label)
    return DiscretionPanel(
        case=case,
        decision=decision,
        violation_type=case.violation_type,
        draft_fine=fine,
        base_amount=base_amount,
        standards=standards,
        matched=matched,
        matched_by=matched_by,
        bounds=bounds,
        cited=_cited(case.violation_type, decision, matched, standards),
        similar=similar,
        distribution=dist,
        chart=chart,
        considered=len(past),
    )
