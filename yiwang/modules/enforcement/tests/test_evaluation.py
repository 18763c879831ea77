"""Case-file evaluation (案卷评查, ENF-110, seed 000 §5(4)1): checklist scores, weak points per unit,
runs across a supervisor's subtree, refusals that write nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from yiwang.kernel import ledger
from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.kernel.ledger.models import LedgerEntry
from yiwang.modules.enforcement import evaluation
from yiwang.modules.enforcement.history import PastFile
from yiwang.modules.enforcement.models import (
    CaseDeadline,
    EvaluationRun,
    FileEvaluation,
    Statement,
)
from yiwang.modules.enforcement.selectors_evaluation import (
    evaluation_list_for,
    evaluation_report_for,
    file_facts,
)
from yiwang.modules.enforcement.services.evaluation import evaluation_run

from .history_world import HistoryWorld, make_world

D = datetime.date
Y = Decimal
W = {i.code: i.weight for i in evaluation.CHECKLIST}


def good(**kw: Any) -> PastFile:
    """A complete file: ¥120,000 on a company, reviewed before the decision, delivered in 2 days."""
    base: dict[str, Any] = {
        "title": "超标排放大气污染物案",
        "violation": "air_exceed",
        "party_name": "鲁山县琴台建材有限公司",
        "identifier": "91410423MA40K8XW5B",
        "facts": "经查，你单位燃煤锅炉颗粒物排放浓度超过排放标准限值。",
        "fine": Y(120000),
        "filed_on": D(2025, 3, 3),
        "reviewed": True,
    }
    base.update(kw)
    return PastFile(**base)


def items(w: HistoryWorld, f: PastFile, **kw: Any) -> dict[str, evaluation.ItemResult]:
    result = evaluation.evaluate(file_facts(w.past(f, **kw)))
    return {i.code: i for i in result.items}


@pytest.fixture
def w(db: Any) -> HistoryWorld:
    return make_world()


def test_checklist_weights_add_up_to_100__ENF_110() -> None:
    assert sum(W.values()) == 100
    assert len({i.code for i in evaluation.CHECKLIST}) == len(evaluation.CHECKLIST)


def test_complete_file_scores_full_marks__ENF_110(w: HistoryWorld) -> None:
    result = evaluation.evaluate(file_facts(w.past(good())))
    assert result.score == Y(100) and result.grade == "excellent" and result.weak == []
    assert {i.code for i in result.items if not i.applicable} == set()


def test_missing_notice_loses_its_share_of_the_documents_points__ENF_110_ENF_13(w: HistoryWorld) -> None:
    got = items(w, good(omit=("notice",)))
    required = 10  # 立案审批表 … 结案报告, with the review opinion (¥120,000 on a company)
    assert got["documents_complete"].score == (
        Y(W["documents_complete"]) * (required - 1) / required
    ).quantize(Y("0.1"))
    assert got["documents_complete"].findings == ("缺少行政处罚事先告知书",)
    assert got["amounts_consistent"].score == 0  # nothing to compare the decision with
    assert got["officers_qualified"].score == W["officers_qualified"]


def test_missing_inspection_record_and_delivery__ENF_110_ENF_72(w: HistoryWorld) -> None:
    got = items(w, good(omit=("inspection", "delivery")))
    assert "缺少现场检查（勘验）笔录或询问笔录" in got["documents_complete"].findings
    assert "缺少送达回证" in got["documents_complete"].findings
    assert got["delivery_in_time"].score == 0 and got["delivery_in_time"].findings == ("案卷中没有送达记录",)


def test_decision_above_the_notice_loses_all_amount_points__ENF_110_penalty_law_art45(
    w: HistoryWorld,
) -> None:
    got = items(w, good(notice_fine=Y(100000)))
    assert got["amounts_consistent"].score == 0
    assert "高于事先告知的100000" in got["amounts_consistent"].findings[0]
    assert got["documents_complete"].score == W["documents_complete"]


def test_decision_below_the_notice_without_adopted_defence_loses_half__ENF_110(w: HistoryWorld) -> None:
    got = items(w, good(notice_fine=Y(150000)))
    assert got["amounts_consistent"].score == Y(W["amounts_consistent"]) / 2


def test_decision_below_the_notice_after_adopted_defence_is_consistent__ENF_110(w: HistoryWorld) -> None:
    case = w.past(good(notice_fine=Y(150000)))
    Statement.objects.create(case=case, kind="defence", received_on=D(2025, 4, 1), adoption="partly")
    got = {i.code: i for i in evaluation.evaluate(file_facts(case)).items}
    assert got["amounts_consistent"].score == W["amounts_consistent"]


def test_major_decision_without_review_loses_review_points__ENF_110_ENF_30_ENF_35(w: HistoryWorld) -> None:
    got = items(w, good(reviewed=False))
    assert got["legal_review"].score == 0
    assert "未见审核通过的法制审核意见" in got["legal_review"].findings[0]
    assert "缺少法制审核意见书" in got["documents_complete"].findings


def test_small_fine_needs_no_review__ENF_110_ENF_30(w: HistoryWorld) -> None:
    got = items(w, good(violation="fume_uncontrolled", fine=Y(8000), reviewed=False))
    assert not got["legal_review"].applicable
    assert got["documents_complete"].score == W["documents_complete"]


def test_one_officer_only_loses_officer_points__ENF_110_ENF_11(w: HistoryWorld) -> None:
    got = items(w, good(), certs=w.certs[:1])
    assert got["officers_qualified"].score == 0
    assert "当前仅1名" in got["officers_qualified"].findings[-1]


def test_expired_certificate_at_investigation_time__ENF_110_ENF_11_ENF_113(w: HistoryWorld) -> None:
    got = items(w, good(), certs=[w.certs[0], w.certs[2]])  # the second expired on 2024-12-31
    assert got["officers_qualified"].score == 0
    assert any("已于2024年12月31日过期" in f for f in got["officers_qualified"].findings)


def test_late_delivery_loses_delivery_points__ENF_110_ENF_14(w: HistoryWorld) -> None:
    got = items(w, good(delivered_after_days=20))
    assert got["delivery_in_time"].score == 0
    assert "超过送达期限" in got["delivery_in_time"].findings[0]


def test_missed_deadline_and_unarchived_file__ENF_110_ENF_15(w: HistoryWorld) -> None:
    case = w.past(good(status="closed"))
    CaseDeadline.objects.create(
        case=case,
        agency=case.agency,
        kind="payment",
        rule="ENF-15",
        start=D(2025, 4, 20),
        due=D(2025, 5, 5),
        basis="calendar_days",
        days=15,
        satisfied_on=D(2025, 5, 20),
    )
    got = {i.code: i for i in evaluation.evaluate(file_facts(case)).items}
    assert got["deadlines_met"].score == Y(W["deadlines_met"]) / 2
    assert "（ENF-15）" in got["deadlines_met"].findings[0]
    assert got["archived"].score == Y("3.0") and got["archived"].findings == ("案卷尚未立卷归档或未编档案号",)


# ---------------------------------------------------------------- the run service and the report


def test_run_scores_each_file_and_writes_one_ledger_entry__ENF_110(w: HistoryWorld) -> None:
    w.past(good())
    w.past(good(omit=("notice",)))
    w.past(good(notice_fine=Y(100000)), unit=w.soil_unit)
    before = ledger.size()
    run = evaluation_run(actor=w.reviewer, scope=w.tree.bureau)
    assert ledger.size() == before + 1
    entry = LedgerEntry.objects.order_by("-seq").first()
    assert entry is not None and entry.action == "enforcement.evaluation.completed"
    assert run.ledger_seq == entry.seq and run.file_count == 3
    scores = sorted(FileEvaluation.objects.filter(run=run).values_list("score", flat=True))
    assert scores[-1] == Y(100) and scores[0] < Y(100)
    assert run.average == (sum(scores, Y(0)) / 3).quantize(Y("0.1"))
    assert run.checklist[0]["code"] == "documents_complete"


def test_report_lists_scores_and_weak_points_per_unit__ENF_110(w: HistoryWorld) -> None:
    w.past(good())
    w.past(good(omit=("notice",)))
    w.past(good(notice_fine=Y(100000)), unit=w.soil_unit)
    run = evaluation_run(actor=w.reviewer, scope=w.tree.bureau)
    report = evaluation_report_for(actor=w.reviewer, run_id=run.pk)
    by_unit = {u.unit: u for u in report.units}
    assert set(by_unit) == {"环境监察大队", "土壤股"}
    inspection = by_unit["环境监察大队"]
    assert inspection.files == 2 and inspection.lowest < Y(100)
    assert [wp.code for wp in inspection.weak_points] == ["amounts_consistent", "documents_complete"]
    assert [wp.code for wp in by_unit["土壤股"].weak_points] == ["amounts_consistent"]
    assert report.weak_points[0].code == "amounts_consistent" and report.weak_points[0].files == 2


def test_supervisor_runs_across_the_county_subtree__ENF_110_ENF_111(w: HistoryWorld) -> None:
    w.past(good())
    run = evaluation_run(actor=w.supervisor, scope=w.tree.county)
    assert run.file_count == 1
    assert list(evaluation_list_for(actor=w.supervisor)) == [run]
    assert list(evaluation_list_for(actor=w.officer)) == []


def test_period_filters_files_by_closing_day__ENF_110(w: HistoryWorld) -> None:
    w.past(good(filed_on=D(2024, 3, 1)))
    w.past(good(filed_on=D(2025, 3, 1)))
    run = evaluation_run(
        actor=w.reviewer, scope=w.tree.bureau, period_start=D(2025, 1, 1), period_end=D(2025, 12, 31)
    )
    assert run.file_count == 1


@pytest.mark.parametrize("who", ["officer", "outsider", "nobody"])
def test_run_refused_without_permission_writes_nothing__ENF_110(w: HistoryWorld, who: str) -> None:
    w.past(good())
    actor = None if who == "nobody" else getattr(w, who)
    before = (ledger.size(), EvaluationRun.objects.count(), FileEvaluation.objects.count())
    with pytest.raises(Forbidden):
        evaluation_run(actor=actor, scope=w.tree.bureau)
    assert (ledger.size(), EvaluationRun.objects.count(), FileEvaluation.objects.count()) == before


def test_reviewer_cannot_run_over_another_agency__ENF_110(w: HistoryWorld) -> None:
    with pytest.raises(Forbidden):
        evaluation_run(actor=w.reviewer, scope=w.tree.county)


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (D(2025, 6, 1), D(2025, 1, 1), "period_invalid"),
        (D(2099, 1, 1), None, "period_invalid"),
        (D(2020, 1, 1), D(2020, 12, 31), "nothing_to_evaluate"),
    ],
)
def test_bad_period_or_no_files_refused_and_nothing_written__ENF_110(
    w: HistoryWorld, start: Any, end: Any, code: str
) -> None:
    w.past(good())
    before = (ledger.size(), EvaluationRun.objects.count(), FileEvaluation.objects.count())
    with pytest.raises(DomainError) as e:
        evaluation_run(actor=w.reviewer, scope=w.tree.bureau, period_start=start, period_end=end)
    assert e.value.code == code
    assert (ledger.size(), EvaluationRun.objects.count(), FileEvaluation.objects.count()) == before


def test_open_cases_are_not_evaluated__ENF_110(w: HistoryWorld) -> None:
    w.past(good())
    w.draft(violation="air_exceed", facts="超标排放", fine=Y(200000))
    run = evaluation_run(actor=w.reviewer, scope=w.tree.bureau)
    assert run.file_count == 1


def test_a_run_over_too_many_files_is_refused_and_writes_nothing__ENF_110(
    w: HistoryWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yiwang.modules.enforcement.services import evaluation as evaluation_service

    w.past(good())
    w.past(good())
    monkeypatch.setattr(evaluation_service, "MAX_FILES", 1)
    before = ledger.size()
    with pytest.raises(DomainError) as too_many:
        evaluation_run(actor=w.reviewer, scope=w.tree.bureau)
    assert too_many.value.code == "too_many_files" and "2件案卷" in too_many.value.message
    assert "请缩短评查期间" in too_many.value.message
    assert ledger.size() == before and not EvaluationRun.objects.exists()
