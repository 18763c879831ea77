"""Case-file evaluation (案卷评查, ENF-110, seed 000 §5(4)1) as pure functions: no ORM, no I/O.

A closed penalty file is scored against `CHECKLIST`, a list of weighted items (data, not code
paths: the run stores the list it used). The selector (`selectors_evaluation.file_facts`) reads a
file into `FileFacts`; `evaluate` answers each item with a score and the findings that cost
points, and grades the file. An item that cannot apply to a file (no fine, so no amounts to
compare; a delivery limit the calendar cannot compute) is left out of both the score and the
maximum, so the percentage stays fair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .rules import OfficerCertificate, check_officers, cn_date


@dataclass(frozen=True)
class CheckItem:
    """One point of the checklist: stable code, Chinese label, weight (points), rule it checks."""

    code: str
    label: str
    weight: int
    rule: str

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "label": self.label, "weight": self.weight, "rule": self.rule}


CHECKLIST: tuple[CheckItem, ...] = (
    CheckItem("documents_complete", "案卷材料齐全", 25, "ENF-70、ENF-72"),
    CheckItem("officers_qualified", "调查取证执法人员不少于两名且持有效执法证", 15, "ENF-11"),
    CheckItem("legal_review", "重大执法决定经法制审核后作出", 15, "ENF-30、ENF-35"),
    CheckItem("amounts_consistent", "事先告知与处罚决定的罚款金额一致", 15, "ENF-13；行政处罚法第四十五条"),
    CheckItem("decision_content", "处罚决定书载明事实、证据、依据和处罚内容", 10, "ENF-13"),
    CheckItem("delivery_in_time", "处罚决定书当场或七个工作日内送达", 10, "ENF-14"),
    CheckItem("deadlines_met", "各项办案期限均已遵守", 5, "ENF-15、ENF-37"),
    CheckItem("archived", "结案报告完整并立卷归档", 5, "ENF-70"),
)
ITEMS = {i.code: i for i in CHECKLIST}

# Parts of a penalty file (ENF-70, ENF-72) and what each is called in the file's index.
PARTS: dict[str, str] = {
    "filing_approval": "立案审批表",
    "inspection_record": "现场检查（勘验）笔录或询问笔录",
    "evidence": "证据材料",
    "investigation_report": "调查终结报告",
    "advance_notice": "行政处罚事先告知书",
    "hearing_record": "听证笔录",
    "review_opinion": "法制审核意见书",
    "discussion_record": "集体讨论记录",
    "decision": "行政处罚决定书",
    "delivery_receipt": "送达回证",
    "execution": "罚款缴纳或强制执行材料",
    "closing_report": "结案报告",
}

EXCELLENT, PASSING = Decimal(90), Decimal(75)
GRADES = {"excellent": "优秀", "passing": "合格", "failing": "不合格"}


@dataclass(frozen=True)
class FileFacts:
    """What evaluation reads from a closed penalty file."""

    number: str
    parts_required: tuple[str, ...]
    parts_present: frozenset[str]
    officers: tuple[OfficerCertificate, ...] = ()
    domain: str = ""
    investigated_on: date | None = None
    review_required: bool = False
    review_reasons: tuple[str, ...] = ()
    review_cleared_on: date | None = None
    decided_on: date | None = None
    notice_fine: Decimal | None = None
    decided_fine: Decimal | None = None
    statements_adopted: bool = False
    decision_missing: tuple[str, ...] = ()
    has_decision: bool = True
    delivered_on: date | None = None
    delivery_due: date | None = None
    delivery_due_problem: str = ""
    deadlines_missed: tuple[str, ...] = ()
    archived: bool = False
    archive_number: str = ""
    closing_report: bool = True


@dataclass(frozen=True)
class ItemResult:
    code: str
    label: str
    weight: int
    score: Decimal
    findings: tuple[str, ...] = ()
    applicable: bool = True

    @property
    def lost(self) -> bool:
        return self.applicable and self.score < self.weight

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "label": self.label,
            "weight": self.weight,
            "score": str(self.score),
            "findings": list(self.findings),
            "applicable": self.applicable,
        }


@dataclass(frozen=True)
class FileResult:
    items: tuple[ItemResult, ...]

    @property
    def points(self) -> Decimal:
        return sum((i.score for i in self.items if i.applicable), Decimal(0))

    @property
    def maximum(self) -> int:
        return sum(i.weight for i in self.items if i.applicable)

    @property
    def score(self) -> Decimal:
        """Points as a percentage of the applicable maximum, one decimal."""
        if not self.maximum:
            return Decimal(100)
        return (self.points * 100 / self.maximum).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def grade(self) -> str:
        if self.score >= EXCELLENT:
            return "excellent"
        return "passing" if self.score >= PASSING else "failing"

    @property
    def weak(self) -> list[str]:
        """Codes of the items that lost points (the file's weak points)."""
        return [i.code for i in self.items if i.lost]


def _points(weight: int, share: Decimal | float | int) -> Decimal:
    value = Decimal(weight) * Decimal(str(share))
    return max(Decimal(0), min(Decimal(weight), value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _item(
    code: str, share: Decimal | float | int, findings: Sequence[str] = (), applicable: bool = True
) -> ItemResult:
    i = ITEMS[code]
    return ItemResult(i.code, i.label, i.weight, _points(i.weight, share), tuple(findings), applicable)


def documents_complete(f: FileFacts) -> ItemResult:
    """ENF-70/72: every required part is in the file; each missing part costs its share."""
    missing = [p for p in f.parts_required if p not in f.parts_present]
    if not f.parts_required:
        return _item("documents_complete", 1, applicable=False)
    share = Decimal(len(f.parts_required) - len(missing)) / len(f.parts_required)
    return _item("documents_complete", share, [f"缺少{PARTS.get(p, p)}" for p in missing])


def officers_qualified(f: FileFacts) -> ItemResult:
    """ENF-11: at least two officers, each certificate valid and covering the domain on the day."""
    on = f.investigated_on
    if on is None:
        return _item("officers_qualified", 0, ["案卷中没有调查取证的日期，无法核对执法人员资格"])
    problems = check_officers(list(f.officers), f.domain, on)
    return _item("officers_qualified", 0 if problems else 1, [p.message for p in problems])


def legal_review(f: FileFacts) -> ItemResult:
    """ENF-30/35: a decision in the review catalogue was made only after a passed review."""
    if not f.has_decision or not f.review_required:
        return _item("legal_review", 1, ["不属于法制审核目录"] if f.has_decision else [], applicable=False)
    why = "、".join(f.review_reasons) or "属于法制审核目录"
    if f.review_cleared_on is None:
        return _item("legal_review", 0, [f"{why}，但未见审核通过的法制审核意见"])
    if f.decided_on is not None and f.review_cleared_on > f.decided_on:
        return _item(
            "legal_review",
            0,
            [f"法制审核于{cn_date(f.review_cleared_on)}通过，晚于决定日期{cn_date(f.decided_on)}"],
        )
    return _item("legal_review", 1)


def amounts_consistent(f: FileFacts) -> ItemResult:
    """行政处罚法 art. 45 and ENF-13: the decision fines what the notice announced — never more;
    less only when the party's statement or defence was adopted (otherwise half the points)."""
    if not f.has_decision or (f.notice_fine is None and f.decided_fine is None):
        return _item("amounts_consistent", 1, applicable=False)
    if f.notice_fine is None:
        return _item("amounts_consistent", 0, ["处罚决定罚款，但事先告知书未载明拟罚款金额"])
    if f.decided_fine is None:
        return _item("amounts_consistent", 0, ["事先告知拟罚款，但处罚决定未载明罚款金额"])
    if f.decided_fine > f.notice_fine:
        return _item(
            "amounts_consistent",
            0,
            [
                f"决定罚款{f.decided_fine}元高于事先告知的{f.notice_fine}元，应重新告知（行政处罚法第四十五条）"
            ],
        )
    if f.decided_fine < f.notice_fine and not f.statements_adopted:
        return _item(
            "amounts_consistent",
            Decimal("0.5"),
            [f"决定罚款{f.decided_fine}元低于事先告知的{f.notice_fine}元，案卷未载明采纳陈述申辩或调整理由"],
        )
    return _item("amounts_consistent", 1)


def decision_content(f: FileFacts) -> ItemResult:
    """ENF-13: each element the decision lacks costs a fifth of the points."""
    if not f.has_decision:
        return _item("decision_content", 1, applicable=False)
    share = 1 - Decimal(len(f.decision_missing)) / 5
    return _item("decision_content", share, [f"决定书未载明{m}" for m in f.decision_missing])


def delivery_in_time(f: FileFacts) -> ItemResult:
    """ENF-14: delivered on the spot or within 7 working days of the decision, never before it."""
    if not f.has_decision:
        return _item("delivery_in_time", 1, applicable=False)
    if f.delivered_on is None:
        return _item("delivery_in_time", 0, ["案卷中没有送达记录"])
    if f.decided_on is not None and f.delivered_on < f.decided_on:
        return _item("delivery_in_time", 0, [f"送达日期{cn_date(f.delivered_on)}早于决定日期"])
    if f.delivery_due is None:
        return _item("delivery_in_time", 1, [f.delivery_due_problem] if f.delivery_due_problem else [], False)
    if f.delivered_on > f.delivery_due:
        return _item(
            "delivery_in_time",
            0,
            [f"{cn_date(f.delivered_on)}送达，超过送达期限{cn_date(f.delivery_due)}"],
        )
    return _item("delivery_in_time", 1)


def deadlines_met(f: FileFacts) -> ItemResult:
    """ENF-15/37 and every stored deadline: each one missed costs half the points."""
    return _item("deadlines_met", 1 - Decimal(len(f.deadlines_missed)) / 2, list(f.deadlines_missed))


def archived(f: FileFacts) -> ItemResult:
    """ENF-70: a closing report, and the file archived under an archive number."""
    findings = []
    share = Decimal(1)
    if not f.closing_report:
        findings.append("缺少结案报告")
        share -= Decimal("0.6")
    if not f.archived or not f.archive_number.strip():
        findings.append("案卷尚未立卷归档或未编档案号")
        share -= Decimal("0.4")
    return _item("archived", share, findings)


CHECKS = {
    "documents_complete": documents_complete,
    "officers_qualified": officers_qualified,
    "legal_review": legal_review,
    "amounts_consistent": amounts_consistent,
    "decision_content": decision_content,
    "delivery_in_time": delivery_in_time,
    "deadlines_met": deadlines_met,
    "archived": archived,
}


def evaluate(facts: FileFacts, checklist: Sequence[CheckItem] = CHECKLIST) -> FileResult:
    """ENF-110: score one file against the checklist."""
    return FileResult(tuple(CHECKS[item.code](facts) for item in checklist))
