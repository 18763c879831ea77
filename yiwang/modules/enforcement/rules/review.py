"""Legal review of major decisions (重大执法决定法制审核), ENF-30…36, as pure functions."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from yiwang.kernel.errors import DomainError

from ..workflow import Kind
from .common import Problem, raise_problems
from .settings import ReviewCatalogue


class PartyType(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANIZATION = "organization", "法人或者其他组织"


@dataclass(frozen=True)
class ReviewFacts:
    """What the catalogue looks at (ENF-30). The service fills it from the case and its draft decision."""

    kind: str
    party_type: str = PartyType.PERSON
    fine_amount: Decimal | None = None
    ordinary_procedure: bool = True
    hearing_held: bool = False
    major_public_interest: bool = False  # 涉及重大公共利益
    major_social_risk: bool = False  # 可能造成重大社会影响或引发社会风险
    major_rights: bool = False  # 直接关系行政相对人或第三人重大权益
    complex_case: bool = False  # 案件情况疑难复杂、涉及多个法律关系


@dataclass(frozen=True)
class ReviewReason:
    """Why a decision is in the catalogue: stable code, Chinese text, source."""

    code: str
    text: str
    source: str

    def __str__(self) -> str:
        return self.text


def _yuan(n: int | Decimal) -> str:
    return f"{int(n):,}元" if Decimal(n) == Decimal(n).to_integral_value() else f"{n:,.2f}元"


def needs_legal_review(facts: ReviewFacts, catalogue: ReviewCatalogue | None = None) -> list[ReviewReason]:
    """ENF-30: the catalogue items `facts` match, in catalogue order; empty means no review needed."""
    cat = catalogue or ReviewCatalogue()
    kind = Kind(facts.kind)
    reasons: list[ReviewReason] = []
    if kind == Kind.PENALTY and facts.fine_amount is not None:
        person = facts.party_type == PartyType.PERSON
        threshold = cat.person_fine_threshold if person else cat.organization_fine_threshold
        if facts.fine_amount >= threshold:
            who = "公民" if person else "法人或者其他组织"
            reasons.append(
                ReviewReason(
                    "fine_over_threshold",
                    f"拟对{who}处以{_yuan(facts.fine_amount)}罚款，达到审核目录标准（{_yuan(threshold)}以上）",
                    "seed 001 附件4 第1项",
                )
            )
    if kind == Kind.COERCION and cat.all_coercion:
        reasons.append(ReviewReason("coercion", "行政强制决定均须法制审核", "seed 001 附件4 第2项"))
    if facts.hearing_held:
        if kind == Kind.PERMIT and cat.permits_after_hearing:
            reasons.append(
                ReviewReason(
                    "permit_after_hearing", "适用听证程序的行政许可事项", "seed 000 六(二)1；行政许可法"
                )
            )
        elif kind != Kind.PERMIT and cat.after_hearing:
            reasons.append(
                ReviewReason("after_hearing", "经过听证程序作出的行政执法决定", "seed 000 六(二)1")
            )
    if cat.major_public_interest and (facts.major_public_interest or facts.major_social_risk):
        reasons.append(
            ReviewReason(
                "major_public_interest",
                "涉及重大公共利益，可能造成重大社会影响或引发社会风险",
                "seed 000 六(二)1",
            )
        )
    if cat.major_rights and facts.major_rights:
        reasons.append(ReviewReason("major_rights", "直接关系行政相对人或第三人重大权益", "seed 000 六(二)1"))
    if cat.complex_cases and facts.complex_case:
        reasons.append(ReviewReason("complex_case", "案件情况疑难复杂、涉及多个法律关系", "seed 000 六(二)1"))
    if kind == Kind.PENALTY and cat.review_all_ordinary and facts.ordinary_procedure:
        reasons.append(
            ReviewReason(
                "ordinary_procedure",
                "本机关规定一般程序行政处罚决定均须法制审核",
                "seed 000 六(二)1；行政处罚法",
            )
        )
    return reasons


# ENF-31: materials a submission must list (seed 001 annex 4 "应提交审核材料").
REVIEW_MATERIALS: dict[str, str] = {
    "filing_approval": "立案审批表",
    "inspection_record": "现场检查（勘验）笔录",
    "photos_evidence": "照片等证据",
    "investigation_report": "调查终结报告",
    "inquiry_record": "询问笔录",
    "advance_notice": "行政处罚事先告知书",
    "statements_record": "陈述申辩材料或听证笔录",
    "draft_decision": "拟作出的执法决定",
}


def review_submission_problems(
    *,
    investigation_finished: bool,
    draft_decision_present: bool,
    materials: Iterable[str],
    catalogue: ReviewCatalogue | None = None,
) -> list[Problem]:
    """ENF-31: review starts only after the investigation is finished and a decision is drafted,
    and the submission carries the required materials."""
    cat = catalogue or ReviewCatalogue()
    problems = []
    if not investigation_finished:
        problems.append(
            Problem("investigation_not_finished", "调查尚未终结，不能提交法制审核", "status"),
        )
    if not draft_decision_present:
        problems.append(
            Problem(
                "draft_decision_missing", "尚未形成拟作出的执法决定意见，不能提交法制审核", "draft_decision"
            )
        )
    present = set(materials)
    for code in cat.required_materials:
        if code not in present:
            name = REVIEW_MATERIALS.get(code, code)
            problems.append(Problem("material_missing", f"送审材料缺少“{name}”", "materials"))
    return problems


def require_review_submission(
    *,
    investigation_finished: bool,
    draft_decision_present: bool,
    materials: Iterable[str],
    catalogue: ReviewCatalogue | None = None,
) -> None:
    raise_problems(
        review_submission_problems(
            investigation_finished=investigation_finished,
            draft_decision_present=draft_decision_present,
            materials=materials,
            catalogue=catalogue,
        )
    )


@dataclass(frozen=True)
class ChecklistPoint:
    code: str
    number: int
    question: str
    ok_label: str = "符合"
    problem_label: str = "存在问题"


# ENF-32: seed 000 §6(3)1 (the first eight) and seed 001 annex 4 (the party's rights).
CHECKLIST: tuple[ChecklistPoint, ...] = (
    ChecklistPoint("lawful_body", 1, "行政执法主体是否合法"),
    ChecklistPoint("officers_qualified", 2, "行政执法人员是否具备执法资格"),
    ChecklistPoint("lawful_procedure", 3, "行政执法程序是否合法"),
    ChecklistPoint("facts_and_evidence", 4, "案件事实是否清楚，证据是否合法充分"),
    ChecklistPoint("basis_and_discretion", 5, "适用法律、法规、规章是否准确，裁量基准运用是否适当"),
    ChecklistPoint("within_authority", 6, "执法是否超越本机关法定权限", "未超越", "超越法定权限"),
    ChecklistPoint("documents_complete", 7, "行政执法文书是否规范、齐备"),
    ChecklistPoint(
        "crime_transfer", 8, "违法行为是否涉嫌犯罪、需要移送司法机关", "不涉嫌犯罪", "涉嫌犯罪，应当移送"
    ),
    ChecklistPoint("party_rights", 9, "是否充分保障行政相对人权利"),
)
CHECKLIST_BY_CODE = {p.code: p for p in CHECKLIST}


@dataclass(frozen=True)
class Finding:
    """A reviewer's answer to one checklist point: `ok` is the good answer; a problem needs a note."""

    point: str
    ok: bool
    note: str = ""


def checklist_problems(findings: Sequence[Finding]) -> list[Problem]:
    """ENF-32: every point answered once, each problem explained."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for f in findings:
        point = CHECKLIST_BY_CODE.get(f.point)
        if point is None:
            problems.append(
                Problem("checklist_unknown_point", f"审核要点“{f.point}”不在审核清单中", "findings")
            )
            continue
        if f.point in seen:
            problems.append(
                Problem("checklist_duplicate_point", f"审核要点第{point.number}项重复作答", "findings")
            )
        seen.add(f.point)
        if not f.ok and not f.note.strip():
            problems.append(
                Problem(
                    "finding_note_missing",
                    f"审核要点第{point.number}项“{point.question}”结论为“{point.problem_label}”，须写明具体问题",
                    "findings",
                )
            )
    missing = [p for p in CHECKLIST if p.code not in seen]
    if missing:
        numbers = "、".join(str(p.number) for p in missing)
        problems.insert(0, Problem("checklist_incomplete", f"审核要点第{numbers}项尚未作出结论", "findings"))
    return problems


class ReviewOutcome(models.TextChoices):
    """ENF-33."""

    PASSED = "passed", "审核通过"
    RETURNED = "returned", "退回补正"
    NOT_PASSED = "not_passed", "审核不通过"


# The legal-review workflow action each outcome takes (workflow.REVIEW_TRANSITIONS).
OUTCOME_ACTIONS: dict[str, str] = {
    ReviewOutcome.PASSED: "pass",
    ReviewOutcome.RETURNED: "return",
    ReviewOutcome.NOT_PASSED: "reject",
}


def outcome_problems(outcome: str, findings: Sequence[Finding], opinion: str = "") -> list[Problem]:
    """ENF-33: the outcome must agree with the findings, and a negative one must give reasons."""
    problems = checklist_problems(findings)
    bad = [CHECKLIST_BY_CODE[f.point] for f in findings if not f.ok and f.point in CHECKLIST_BY_CODE]
    if outcome == ReviewOutcome.PASSED and bad:
        p = bad[0]
        problems.append(
            Problem(
                "outcome_inconsistent",
                f"审核意见为“审核通过”，但第{p.number}项“{p.question}”结论为“{p.problem_label}”",
                "outcome",
            )
        )
    if outcome in (ReviewOutcome.RETURNED, ReviewOutcome.NOT_PASSED) and not bad and not opinion.strip():
        label = ReviewOutcome(outcome).label
        problems.append(
            Problem(
                "opinion_reason_missing",
                f"审核意见为“{label}”，须写明理由或指出存在问题的审核要点",
                "opinion",
            )
        )
    if outcome not in ReviewOutcome.values:
        problems.append(Problem("outcome_invalid", f"审核结论“{outcome}”无效", "outcome"))
    return problems


class EscalationRuling(models.TextChoices):
    """ENF-34: the agency head's decision when the two units disagree."""

    PROCEED = "proceed", "采纳承办机构意见"
    UPHOLD = "uphold", "维持法制审核意见"


def escalation_problems(
    *, review_opinion: str, unit_reasons: str, unit_basis: str, consulted: bool
) -> list[Problem]:
    """ENF-34: the handling unit states reasons and basis, consults; only then both opinions go up."""
    problems = []
    if not review_opinion.strip():
        problems.append(Problem("review_opinion_missing", "缺少法制审核机构的审核意见", "review_opinion"))
    if not unit_reasons.strip():
        problems.append(Problem("objection_reasons_missing", "承办机构须列明异议理由", "unit_reasons"))
    if not unit_basis.strip():
        problems.append(Problem("objection_basis_missing", "承办机构须列明异议依据", "unit_basis"))
    if not consulted:
        problems.append(
            Problem(
                "consultation_not_held",
                "承办机构应先与法制审核机构协商沟通，协商不能达成一致的，方可报请机关负责人决定",
                "consulted",
            )
        )
    return problems


def review_cleared(outcome: str | None, ruling: str | None = None) -> bool:
    """ENF-35/34: passed, or the head ruled for the handling unit after a disagreement."""
    return outcome == ReviewOutcome.PASSED or ruling == EscalationRuling.PROCEED


def require_review_passed(
    *, reasons: Sequence[ReviewReason], outcome: str | None, ruling: str | None = None
) -> None:
    """ENF-35: no major decision without a passed review ("未经法制审核或者审核未通过的，不得作出决定")."""
    if not reasons or review_cleared(outcome, ruling):
        return
    why = "；".join(r.text for r in reasons)
    details = {"reasons": [r.code for r in reasons], "outcome": outcome}
    if outcome is None:
        raise DomainError(
            "review_required", f"重大执法决定未经法制审核，不得作出决定（{why}）", "review", details=details
        )
    label = dict(ReviewOutcome.choices).get(outcome, outcome)
    raise DomainError(
        "review_required",
        f"重大执法决定法制审核结论为“{label}”，审核未通过，不得作出决定（{why}）",
        "review",
        details=details,
    )


def reviewer_ratio_warning(reviewers: int, officers: int, *, minimum_percent: int = 5) -> Problem | None:
    """ENF-36: legal reviewers should be at least `minimum_percent` % of the agency's officers."""
    if officers <= 0:
        return None
    needed = math.ceil(officers * minimum_percent / 100)
    if reviewers >= needed:
        return None
    return Problem(
        "reviewer_ratio_low",
        f"法制审核人员{reviewers}名，低于执法人员总数{officers}名的{minimum_percent}%（至少应有{needed}名）",
        "reviewers",
    )
