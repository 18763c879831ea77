"""Legal review of major decisions (重大执法决定法制审核), ENF-30…37.

`review_submit` (ENF-31) → `review_answer` with the checklist (ENF-32) and an outcome (ENF-33) →
on disagreement `review_object`, `review_settle` or `review_escalate` and the head's
`review_head_decide` (ENF-34) → `review_complete` moves the case on when the review cleared it.
The review time limit (ENF-37) is a deadline row from each (re)submission.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from yiwang.contracts.enforcement import ReviewConcluded, ReviewSubmitted
from yiwang.kernel.access import require
from yiwang.kernel.errors import DomainError
from yiwang.kernel.events.bus import publish_on_commit
from yiwang.kernel.organizations.models import Organization
from yiwang.kernel.people.models import Person

from .. import rules
from ..models import (
    Case,
    CaseDeadline,
    CaseOfficer,
    DeadlineKind,
    Decision,
    Evidence,
    Inspection,
    LegalReview,
    ReviewCatalogueEntry,
    ReviewEscalation,
    ReviewFinding,
    ReviewOpinion,
    ReviewSubmission,
)
from ..rules import CHECKLIST, REVIEW_MATERIALS, EscalationRuling, Finding, Problem, raise_problems
from ..rules.review import OUTCOME_ACTIONS
from ..workflow import ReviewStatus, Transition, review_transition_for
from . import common
from .guards import GuardContext, check_guards

REVIEW = "enforcement.review_case"
SUBMIT = "enforcement.submit_case"
DECIDE = "enforcement.decide_case"
CATALOGUE = "enforcement.manage_catalogue"
RESUBMITTABLE = frozenset({ReviewStatus.RETURNED, ReviewStatus.NOT_PASSED, ReviewStatus.UPHELD})
# Case statuses in which a legal review runs (penalty, permit, levy; coercion's two reviews).
REVIEW_STATUSES = frozenset({"legal_review", "measure_review", "enforcement_review"})


def _material_evidence(case: Case, materials: Sequence[str]) -> list[Problem]:
    """ENF-31: a listed material must be in the case file, not only ticked on the form."""
    present = {
        "filing_approval": case.filed_on is not None or case.kind != "penalty",
        "inspection_record": Inspection.objects.filter(case=case).exists(),
        "photos_evidence": Evidence.objects.filter(case=case).exists(),
    }
    problems = []
    for code in materials:
        if code not in REVIEW_MATERIALS:
            problems.append(Problem("material_unknown", f"送审材料“{code}”无法识别", "materials"))
        elif not present.get(code, True):
            problems.append(
                Problem(
                    "material_not_in_file", f"送审材料“{REVIEW_MATERIALS[code]}”在案卷中不存在", "materials"
                )
            )
    return problems


def _locked_review(review: LegalReview) -> LegalReview:
    return LegalReview.objects.select_for_update().select_related("case").get(pk=review.pk)


def _review_step(
    *,
    actor: Person | None,
    review: LegalReview,
    transition: Transition,
    note: str = "",
    on: date | None = None,
    data: dict[str, object] | None = None,
) -> None:
    before = review.status
    review.status = transition.target
    review.status_changed_at = timezone.now()
    review.save()
    common.write_step(
        actor=actor,
        case=review.case,
        action=f"review_{transition.action}",
        label=f"法制审核：{transition.label}",
        subject=review,
        before={"status": before},
        after={"status": review.status},
        data={"review_id": review.pk, "round": review.round, **(data or {})},
        note=note,
        ledger_action=f"enforcement.review.{transition.action}",
        on=on,
    )


def _deadline(case: Case, review: LegalReview, submitted: date) -> rules.Deadline:
    """ENF-37: the review's time limit from this (re)submission; set on the review, saved by `_track`."""
    d = rules.review_deadline(submitted, working_days=common.settings_of(case).review_working_days)
    review.due_on = d.due
    return d


def _track(case: Case, review: LegalReview, d: rules.Deadline) -> None:
    common.close_deadlines(case, DeadlineKind.REVIEW, cancel=True)
    CaseDeadline.from_rule(d, case=case, kind=DeadlineKind.REVIEW, review=review).save()


@common.idempotent("review_submit")
@transaction.atomic
def review_submit(
    *,
    actor: Person | None,
    case: Case,
    materials: Sequence[str],
    note: str = "",
    on: date | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> LegalReview:
    """ENF-31: submit the drafted decision with its materials (after the investigation). A review
    returned, not passed or upheld is resubmitted in the same review; its history stays."""
    common.require_action(actor, "submit_review", case)
    case = common.locked(case, expected_status=expected_status)
    day = common.act_date(on)
    chosen = tuple(dict.fromkeys(m.strip() for m in materials if m.strip()))
    current = common.current_review(case)
    decision = Decision.objects.filter(case=case).first()
    review: LegalReview | None = None
    if current is not None and current.status in RESUBMITTABLE and case.status in REVIEW_STATUSES:
        review = _locked_review(current)
        t = review_transition_for(review.status, "resubmit")
    else:
        t = common.plan(actor, case, "submit_review")
    check_guards(case, t, GuardContext(on=day, actor=actor, materials=chosen))
    raise_problems(_material_evidence(case, chosen))
    assert decision is not None
    reasons = [{"code": r.code, "text": r.text, "source": r.source} for r in common.review_reasons(case)]
    if review is None:
        if current is not None:  # an earlier review the case has left behind no longer counts
            LegalReview.objects.filter(pk=current.pk).update(superseded_at=timezone.now())
        review = LegalReview(case=case, status=ReviewStatus.SUBMITTED, reasons=reasons, round=1)
        review.submitted_at = common.happened_at(day)
        deadline = _deadline(case, review, day)
        review.save()
        _track(case, review, deadline)
        common.apply(actor=actor, case=case, transition=t, note=note, data={"review_id": review.pk}, on=day)
    else:
        review.round += 1
        review.reasons = reasons
        review.submitted_at = common.happened_at(day)
        review.outcome = ""
        review.concluded_at = None
        _track(case, review, _deadline(case, review, day))
        _review_step(actor=actor, review=review, transition=t, note=note, on=day)
    ReviewSubmission.objects.create(
        review=review,
        round=review.round,
        submitted_at=review.submitted_at,
        submitted_by=actor,
        materials=list(chosen),
        note=note.strip(),
        draft=decision.snapshot(),
    )
    publish_on_commit(
        ReviewSubmitted(
            review_id=review.pk,
            case_id=case.pk,
            agency_id=case.agency_id,
            round=review.round,
            due_on=review.due_on,
        )
    )
    return review


def _opinion_number(case: Case, round: int) -> str:
    base = case.number.replace("罚〔", "审〔", 1) if "罚〔" in case.number else f"{case.number}（审）"
    return base if round == 1 else f"{base}-{round}"


@common.idempotent("review_answer")
@transaction.atomic
def review_answer(
    *,
    actor: Person | None,
    review: LegalReview,
    outcome: str,
    findings: Sequence[Finding],
    opinion: str,
    on: date | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> ReviewOpinion:
    """ENF-32, ENF-33: the reviewer answers each checklist point and concludes passed, returned for
    correction or not passed. Answering late is allowed and shows as overdue (ENF-37)."""
    require(actor, REVIEW, review.case)
    common.locked(review.case)
    review = _locked_review(review)
    if expected_status is not None and review.status != expected_status:
        raise DomainError("stale_status", "法制审核状态已变更，请刷新页面后重试", "status")
    if outcome not in OUTCOME_ACTIONS:
        raise DomainError("outcome_invalid", f"审核结论“{outcome}”无效", "outcome")
    t = review_transition_for(review.status, OUTCOME_ACTIONS[outcome])
    day = common.act_date(on)
    officers = set(
        CaseOfficer.objects.filter(case=review.case, removed_at__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    if actor is not None and actor.pk in officers:
        raise DomainError(
            "reviewer_is_officer", "本案承办人员不能审核本案（法制审核应由法制机构人员进行）", "reviewer"
        )
    raise_problems(rules.outcome_problems(outcome, findings, opinion))
    assert actor is not None
    submission = review.submissions.order_by("-round").first()
    assert submission is not None
    answer = ReviewOpinion.objects.create(
        review=review,
        submission=submission,
        outcome=outcome,
        opinion=opinion.strip(),
        number=_opinion_number(review.case, review.round),
        reviewer=actor,
        reviewed_at=common.happened_at(day),
    )
    by_code = {f.point: f for f in findings}
    ReviewFinding.objects.bulk_create(
        ReviewFinding(
            opinion=answer,
            point=p.code,
            number=p.number,
            ok=by_code[p.code].ok,
            note=by_code[p.code].note.strip(),
        )
        for p in CHECKLIST
    )
    review.outcome = outcome
    review.concluded_at = answer.reviewed_at
    if outcome == rules.ReviewOutcome.PASSED:
        review.reviewed_draft = submission.draft
        fine = submission.draft.get("fine_amount")
        review.reviewed_fine = None if fine is None else Decimal(str(fine))
    common.close_deadlines(review.case, DeadlineKind.REVIEW, satisfied_on=day)
    _review_step(
        actor=actor, review=review, transition=t, note=opinion, on=day, data={"opinion_id": answer.pk}
    )
    publish_on_commit(
        ReviewConcluded(
            review_id=review.pk,
            case_id=review.case_id,
            agency_id=review.case.agency_id,
            status=review.status,
            outcome=outcome,
        )
    )
    return answer


@common.idempotent("review_object")
@transaction.atomic
def review_object(
    *,
    actor: Person | None,
    review: LegalReview,
    unit_reasons: str,
    unit_basis: str,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> ReviewEscalation:
    """ENF-34: the handling unit disagrees with the opinion, stating its reasons and basis."""
    require(actor, SUBMIT, review.case)
    common.locked(review.case)
    review = _locked_review(review)
    if expected_status is not None and review.status != expected_status:
        raise DomainError("stale_status", "法制审核状态已变更，请刷新页面后重试", "status")
    t = review_transition_for(review.status, "object")
    last = review.opinions.order_by("-reviewed_at", "-pk").first()
    problems = [p for p in rules.escalation_problems(
        review_opinion=last.opinion if last else "", unit_reasons=unit_reasons, unit_basis=unit_basis, consulted=True
    )]  # fmt: skip
    raise_problems(problems)
    assert last is not None
    escalation = ReviewEscalation.objects.create(
        review=review,
        review_opinion=last,
        unit_reasons=unit_reasons.strip(),
        unit_basis=unit_basis.strip(),
        objected_by=actor,
    )
    _review_step(
        actor=actor, review=review, transition=t, note=unit_reasons, data={"escalation_id": escalation.pk}
    )
    return escalation


def _open_escalation(review: LegalReview) -> ReviewEscalation:
    e = review.escalations.select_for_update().order_by("-objected_at", "-pk").first()
    if e is None:
        raise DomainError("objection_missing", "没有承办机构的异议记录", "review")
    return e


@common.idempotent("review_settle")
@transaction.atomic
def review_settle(
    *,
    actor: Person | None,
    review: LegalReview,
    note: str,
    on: date | None = None,
    idempotency_key: str | None = None,
) -> LegalReview:
    """ENF-34: consultation reached agreement; the legal unit reviews the case again."""
    require(actor, REVIEW, review.case)
    common.locked(review.case)
    review = _locked_review(review)
    t = review_transition_for(review.status, "settle")
    day = common.act_date(on)
    if not note.strip():
        raise DomainError("consultation_note_missing", "须写明协商情况", "note")
    escalation = _open_escalation(review)
    escalation.consulted = True
    escalation.consultation_note = note.strip()
    escalation.save(update_fields=["consulted", "consultation_note"])
    review.outcome = ""
    _track(review.case, review, _deadline(review.case, review, day))
    _review_step(actor=actor, review=review, transition=t, note=note, on=day)
    return review


@common.idempotent("review_escalate")
@transaction.atomic
def review_escalate(
    *,
    actor: Person | None,
    review: LegalReview,
    consultation_note: str,
    on: date | None = None,
    idempotency_key: str | None = None,
) -> ReviewEscalation:
    """ENF-34: consultation failed; both opinions go to the agency head side by side."""
    require(actor, SUBMIT, review.case)
    common.locked(review.case)
    review = _locked_review(review)
    t = review_transition_for(review.status, "escalate")
    day = common.act_date(on)
    escalation = _open_escalation(review)
    raise_problems(
        rules.escalation_problems(
            review_opinion=escalation.review_opinion.opinion,
            unit_reasons=escalation.unit_reasons,
            unit_basis=escalation.unit_basis,
            consulted=bool(consultation_note.strip()),
        )
    )
    escalation.consulted = True
    escalation.consultation_note = consultation_note.strip()
    escalation.escalated_at = common.happened_at(day)
    escalation.escalated_by = actor
    escalation.save()
    _review_step(
        actor=actor,
        review=review,
        transition=t,
        note=consultation_note,
        on=day,
        data=escalation.both_opinions(),
    )
    return escalation


@common.idempotent("review_head_decide")
@transaction.atomic
def review_head_decide(
    *,
    actor: Person | None,
    review: LegalReview,
    ruling: str,
    note: str,
    on: date | None = None,
    idempotency_key: str | None = None,
) -> LegalReview:
    """ENF-34: the agency head, with both opinions before them, adopts the handling unit's view
    (the review then counts as cleared, ENF-35) or upholds the legal unit's."""
    require(actor, DECIDE, review.case)
    common.locked(review.case)
    review = _locked_review(review)
    if ruling not in EscalationRuling.values:
        raise DomainError("ruling_invalid", f"决定“{ruling}”无效", "ruling")
    t = review_transition_for(
        review.status, "rule_proceed" if ruling == EscalationRuling.PROCEED else "rule_uphold"
    )
    day = common.act_date(on)
    if not note.strip():
        raise DomainError("reasons_missing", "须写明决定理由", "note")
    escalation = _open_escalation(review)
    escalation.ruling = ruling
    escalation.ruling_note = note.strip()
    escalation.ruled_by = actor
    escalation.ruled_at = common.happened_at(day)
    escalation.save()
    review.ruling = ruling
    if ruling == EscalationRuling.PROCEED:
        submission = review.submissions.order_by("-round").first()
        draft = submission.draft if submission else {}
        review.reviewed_draft = draft
        fine = draft.get("fine_amount")
        review.reviewed_fine = None if fine is None else Decimal(str(fine))
    _review_step(actor=actor, review=review, transition=t, note=note, on=day, data={"ruling": ruling})
    publish_on_commit(
        ReviewConcluded(
            review_id=review.pk,
            case_id=review.case_id,
            agency_id=review.case.agency_id,
            status=review.status,
            outcome=review.outcome,
            ruling=ruling,
        )
    )
    return review


@common.idempotent("review_withdraw")
@transaction.atomic
def review_withdraw(
    *, actor: Person | None, review: LegalReview, reason: str, idempotency_key: str | None = None
) -> LegalReview:
    """The handling unit withdraws its submission (e.g. the case goes back for investigation)."""
    require(actor, SUBMIT, review.case)
    common.locked(review.case)
    review = _locked_review(review)
    t = review_transition_for(review.status, "withdraw")
    if not reason.strip():
        raise DomainError("reasons_missing", "须写明撤回送审的理由", "reason")
    common.close_deadlines(review.case, DeadlineKind.REVIEW, cancel=True)
    _review_step(actor=actor, review=review, transition=t, note=reason)
    return review


@common.idempotent("review_complete")
@transaction.atomic
def review_complete(
    *,
    actor: Person | None,
    case: Case,
    on: date | None = None,
    expected_status: str | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """The review cleared the decision (ENF-35): the case leaves its legal-review status."""
    common.require_action(actor, "complete_review", case)
    case = common.locked(case, expected_status=expected_status)
    t = common.plan(actor, case, "complete_review")
    day = common.act_date(on)
    check_guards(case, t, GuardContext(on=day, actor=actor))
    common.apply(actor=actor, case=case, transition=t, on=day)
    return case


CATALOGUE_FIELDS = (
    "person_fine_threshold",
    "organization_fine_threshold",
    "all_coercion",
    "after_hearing",
    "major_public_interest",
    "major_rights",
    "complex_cases",
    "review_all_ordinary",
    "permits_after_hearing",
    "required_materials",
)


def _catalogue_state(row: ReviewCatalogueEntry) -> dict[str, object]:
    return {f: getattr(row, f) for f in CATALOGUE_FIELDS}


@common.idempotent("catalogue_update")
@transaction.atomic
def catalogue_update(
    *, actor: Person | None, agency: Organization, idempotency_key: str | None = None, **changes: object
) -> ReviewCatalogueEntry:
    """ENF-30: the agency's legal unit edits its review catalogue (thresholds in whole yuan, the
    switches of seed 000 §6(2), the materials a submission must carry)."""
    require(actor, CATALOGUE, agency)
    if agency.is_unit:
        raise DomainError("agency_required", "法制审核目录按行政机关设置，请选择机关而不是内设机构", "agency")
    unknown = [k for k in changes if k not in CATALOGUE_FIELDS]
    if unknown:
        raise DomainError(
            "catalogue_field_unknown", "无法识别的审核目录项：" + "、".join(unknown), unknown[0]
        )
    for key in ("person_fine_threshold", "organization_fine_threshold"):
        if key in changes:
            value = changes[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise DomainError("threshold_invalid", "金额标准须为不小于0的整数（元）", key)
    for key in CATALOGUE_FIELDS[2:9]:
        if key in changes and not isinstance(changes[key], bool):
            raise DomainError("catalogue_switch_invalid", "审核目录开关须为是或否", key)
    if "required_materials" in changes:
        materials = changes["required_materials"]
        if not isinstance(materials, list | tuple) or any(m not in REVIEW_MATERIALS for m in materials):
            raise DomainError("material_unknown", "送审材料须从材料清单中选择", "required_materials")
        changes["required_materials"] = list(dict.fromkeys(materials))
    row = ReviewCatalogueEntry.objects.select_for_update().filter(agency=agency).first()
    created = row is None
    if row is None:
        default = common.settings_of(agency).catalogue()
        row = ReviewCatalogueEntry(agency=agency, **{
            f: (list(getattr(default, f)) if f == "required_materials" else getattr(default, f)) for f in CATALOGUE_FIELDS
        })  # fmt: skip
    before = None if created else _catalogue_state(row)
    for key, value in changes.items():
        setattr(row, key, value)
    row.updated_by = actor
    row.save()
    from yiwang.kernel.ledger import record

    record(
        actor=actor,
        action="enforcement.catalogue.updated",
        subject=row,
        before=before,
        after=_catalogue_state(row),
    )
    return row
