"""Reads for case-file evaluation (案卷评查, ENF-110): a closed file as `evaluation.FileFacts`, the
files a run covers, the runs an actor may see and a run's report per agency and unit.

Runs and results are seen by holders of ``enforcement.evaluate_case`` over them: the legal unit
(法制股) for its agency, the justice bureau's supervisor for every body under the county.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from yiwang.kernel.access import get_for
from yiwang.kernel.errors import DomainError
from yiwang.kernel.modules.settings import settings_for

from . import evaluation
from .evaluation import FileFacts
from .models import (
    AdvanceNotice,
    Case,
    CaseDeadline,
    CaseOfficer,
    CollectiveDiscussion,
    CourtApplication,
    Decision,
    DecisionStatus,
    Delivery,
    EvaluationRun,
    FileEvaluation,
    Hearing,
    LegalReview,
    Party,
    ReviewCatalogueEntry,
    Statement,
)
from .rules import EnforcementSettings, ReviewFacts, delivery_deadline, needs_legal_review
from .workflow import REVIEW_CLEARS_DECISION

EVALUATE = "enforcement.evaluate_case"
CLOSED = ("closed", "archived")
FINE_KINDS = ("fine", "fine_confiscation")
# The deadlines a file is judged on (the certificate's own expiry is the officer's, not the case's).
CASE_DEADLINES = ("hearing_request", "review", "delivery", "payment", "court_application", "seizure")


def files_to_evaluate(
    *, actor: Any, scope: Any, period_start: date | None = None, period_end: date | None = None
) -> QuerySet[Case]:
    """Closed and archived penalty files under `scope` the actor may evaluate, closed in the period."""
    qs = Case.objects.scoped_to(actor, EVALUATE).filter(
        unit__path__startswith=scope.path, kind="penalty", status__in=CLOSED
    )
    if period_start is not None:
        qs = qs.filter(closed_on__gte=period_start)
    if period_end is not None:
        qs = qs.filter(closed_on__lte=period_end)
    return qs.select_related("agency", "unit", "domain").order_by("pk")


def _catalogue_reasons(case: Case, party: Party | None, decision: Decision | None) -> list[str]:
    row = ReviewCatalogueEntry.objects.filter(agency_id=case.agency_id).first()
    if row is not None:
        catalogue = row.as_rule()
    else:
        found = settings_for("enforcement", case.agency)
        catalogue = (found if isinstance(found, EnforcementSettings) else EnforcementSettings()).catalogue()
    facts = ReviewFacts(
        kind=case.kind,
        party_type=party.party_type if party is not None else "organization",
        fine_amount=decision.fine_amount if decision is not None else case.decided_fine,
        ordinary_procedure=case.ordinary_procedure,
        hearing_held=case.hearing_held,
        major_public_interest=case.major_public_interest,
        major_social_risk=case.major_social_risk,
        major_rights=case.major_rights,
        complex_case=case.complex_case,
    )
    return [r.text for r in needs_legal_review(facts, catalogue)]


def _decision_missing(decision: Decision) -> tuple[str, ...]:
    """ENF-13: the elements a decision must state."""
    missing = []
    if not decision.facts.strip():
        missing.append("违法事实")
    if not decision.evidence:
        missing.append("证据")
    if not decision.violated:
        missing.append("违反的规定")
    if decision.basis_provision_id is None and not decision.basis_text.strip():
        missing.append("处罚依据")
    if decision.kind in FINE_KINDS and decision.fine_amount is None:
        missing.append("罚款金额")
    return tuple(missing)


def _officers_on(case: Case, on: date | None) -> tuple[Any, ...]:
    rows = CaseOfficer.objects.filter(case=case)
    out = []
    for o in rows:
        if o.removed_at is not None and on is not None and o.removed_at.date() < on:
            continue
        out.append(o.as_rule())
    return tuple(out)


def _missed(case: Case) -> tuple[str, ...]:
    limit = case.closed_on or date.max
    missed = []
    for d in CaseDeadline.objects.filter(case=case, kind__in=CASE_DEADLINES, cancelled_at__isnull=True):
        done = d.satisfied_on
        if (done is not None and done > d.due) or (done is None and d.due < limit):
            when = f"{done:%Y-%m-%d}完成" if done is not None else "未完成"
            missed.append(f"{d.get_kind_display()}届满{d.due:%Y-%m-%d}，{when}（{d.rule}）")
    return tuple(missed)


def file_facts(case: Case) -> FileFacts:
    """Read a closed penalty file into what the checklist looks at (ENF-110)."""
    party = Party.objects.filter(case=case, is_primary=True).first()
    decision = Decision.objects.filter(case=case, status=DecisionStatus.ISSUED).first()
    notice = AdvanceNotice.objects.filter(case=case).order_by("-issued_on", "-pk").first()
    delivery = Delivery.objects.filter(case=case).order_by("delivered_on", "pk").first()
    reviews = list(LegalReview.objects.filter(case=case))
    cleared = [r for r in reviews if r.status in REVIEW_CLEARS_DECISION and r.concluded_at is not None]
    reasons = _catalogue_reasons(case, party, decision)
    if reviews and not reasons:
        reasons = [str(r.get("text", "")) for r in reviews[0].reasons if isinstance(r, dict)]
    investigated = [
        *case.inspections.values_list("started_at", flat=True),
        *case.inquiries.values_list("started_at", flat=True),
    ]
    investigated_on = min(investigated).date() if investigated else case.filed_on
    present = {"filing_approval"} if case.filed_on is not None else set()
    if investigated:
        present.add("inspection_record")
    if case.evidence.exists():
        present.add("evidence")
    if case.investigation_report.strip():
        present.add("investigation_report")
    if notice is not None:
        present.add("advance_notice")
    if Hearing.objects.filter(case=case).exists():
        present.add("hearing_record")
    if any(r.opinions.exists() for r in reviews):
        present.add("review_opinion")
    if CollectiveDiscussion.objects.filter(case=case).exists():
        present.add("discussion_record")
    if decision is not None:
        present.add("decision")
    if delivery is not None:
        present.add("delivery_receipt")
    due_total = decision.total_due if decision is not None else Decimal(0)
    paid = case.payments.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    if decision is not None and (
        paid >= due_total or CourtApplication.objects.filter(case=case).exists() or due_total == 0
    ):
        present.add("execution")
    if case.closing_report.strip():
        present.add("closing_report")
    required = ["filing_approval", "inspection_record", "evidence", "investigation_report"]
    if decision is not None:
        required += ["advance_notice", "decision", "delivery_receipt", "execution"]
    if case.hearing_held:
        required.append("hearing_record")
    if reasons:
        required.append("review_opinion")
    if case.complex_case or case.major_public_interest or case.major_social_risk:
        required.append("discussion_record")
    required.append("closing_report")
    due, due_problem = None, ""
    if decision is not None and decision.decided_on is not None:
        try:
            due = delivery_deadline(decision.decided_on, on_spot=bool(delivery and delivery.on_spot)).due
        except DomainError as exc:
            due_problem = f"无法计算送达期限：{exc.message}"
    adopted = Statement.objects.filter(case=case, adoption__in=("adopted", "partly")).exists()
    return FileFacts(
        number=case.number,
        parts_required=tuple(required),
        parts_present=frozenset(present),
        officers=_officers_on(case, investigated_on),
        domain=case.domain.code,
        investigated_on=investigated_on,
        review_required=bool(reasons),
        review_reasons=tuple(reasons),
        review_cleared_on=min((r.concluded_at.date() for r in cleared if r.concluded_at), default=None),
        decided_on=decision.decided_on if decision is not None else None,
        notice_fine=notice.proposed_fine if notice is not None else None,
        decided_fine=decision.fine_amount if decision is not None else None,
        statements_adopted=adopted,
        decision_missing=_decision_missing(decision) if decision is not None else (),
        has_decision=decision is not None,
        delivered_on=delivery.delivered_on if delivery is not None else None,
        delivery_due=due,
        delivery_due_problem=due_problem,
        deadlines_missed=_missed(case),
        archived=case.status == "archived",
        archive_number=case.archive_number,
        closing_report=bool(case.closing_report.strip()),
    )


# ---------------------------------------------------------------- runs and reports


def evaluation_list_for(*, actor: Any) -> QuerySet[EvaluationRun]:
    return EvaluationRun.objects.scoped_to(actor, EVALUATE).select_related("scope", "started_by")


def evaluation_get_for(*, actor: Any, run_id: Any) -> EvaluationRun:
    return get_for(
        EvaluationRun.objects.select_related("scope", "started_by"),
        actor=actor,
        permission=EVALUATE,
        pk=run_id,
    )


@dataclass
class WeakPoint:
    code: str
    label: str
    files: int = 0
    points_lost: Decimal = field(default_factory=Decimal)


@dataclass
class UnitSummary:
    """One unit's files in a run: count, scores, grades and weak points (most files first)."""

    agency: str
    unit: str
    unit_id: int
    files: int = 0
    average: Decimal = Decimal(0)
    lowest: Decimal = Decimal(100)
    grades: dict[str, int] = field(default_factory=dict)
    weak_points: list[WeakPoint] = field(default_factory=list)

    @property
    def grade_list(self) -> list[tuple[str, int]]:
        return [(label, self.grades.get(code, 0)) for code, label in evaluation.GRADES.items()]


@dataclass
class EvaluationReport:
    run: EvaluationRun
    units: list[UnitSummary]
    results: list[FileEvaluation]
    weak_points: list[WeakPoint]

    @property
    def files(self) -> int:
        return len(self.results)


def _weak(results: list[FileEvaluation]) -> list[WeakPoint]:
    by_code: dict[str, WeakPoint] = {}
    for r in results:
        for item in r.items:
            if not item.get("applicable", True):
                continue
            lost = Decimal(str(item["weight"])) - Decimal(str(item["score"]))
            if lost <= 0:
                continue
            wp = by_code.setdefault(item["code"], WeakPoint(item["code"], item["label"]))
            wp.files += 1
            wp.points_lost += lost
    return sorted(by_code.values(), key=lambda w: (-w.files, -w.points_lost, w.code))


def evaluation_report_for(*, actor: Any, run_id: Any) -> EvaluationReport:
    """ENF-110: a run's files the actor may see, grouped by agency and unit with weak points."""
    run = evaluation_get_for(actor=actor, run_id=run_id)
    results = list(
        FileEvaluation.objects.scoped_to(actor, EVALUATE)
        .filter(run=run)
        .select_related("case__agency", "unit")
        .order_by("unit__path", "score", "case__number")
    )
    groups: dict[int, list[FileEvaluation]] = defaultdict(list)
    for r in results:
        groups[r.unit_id].append(r)
    units = []
    for rows in groups.values():
        first = rows[0]
        scores = [r.score for r in rows]
        units.append(
            UnitSummary(
                agency=first.case.agency.name,
                unit=first.unit.name,
                unit_id=first.unit_id,
                files=len(rows),
                average=(sum(scores, Decimal(0)) / len(rows)).quantize(Decimal("0.1")),
                lowest=min(scores),
                grades=dict(Counter(r.grade for r in rows)),
                weak_points=_weak(rows),
            )
        )
    units.sort(key=lambda u: (u.agency, u.average, u.unit))
    return EvaluationReport(run=run, units=units, results=results, weak_points=_weak(results))
