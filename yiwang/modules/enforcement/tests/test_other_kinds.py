"""ENF-01: the other kinds run through the same services to archive — inspection, coercion (review
of every coercive decision, ENF-30), permit and levy."""

from __future__ import annotations

import datetime
import json

import pytest

from yiwang.kernel.errors import DomainError
from yiwang.modules.enforcement import services
from yiwang.modules.enforcement.models import Case, CaseOfficer

from .conftest import COMPANY, MATERIALS, D, World, all_ok

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=8))


def _new(world: World, kind: str, title: str) -> Case:
    return services.case_file(
        actor=world.officer,
        unit=world.tree.inspection,
        kind=kind,
        title=title,
        party=COMPANY,
        domain="ecology",
        on=D(2026, 4, 1),
    )


def _officers(world: World, case: Case) -> list[CaseOfficer]:
    return services.case_assign_officers(
        actor=world.officer, case=case, certificates=[world.certs["c1"], world.certs["c2"]], on=D(2026, 4, 1)
    )


def _inspect(world: World, case: Case, officers: list[CaseOfficer]) -> None:
    services.inspection_record(
        actor=world.officer,
        case=case,
        started_at=datetime.datetime(2026, 4, 2, 9, 0, tzinfo=TZ),
        ended_at=datetime.datetime(2026, 4, 2, 10, 0, tzinfo=TZ),
        place="鲁山县琴台街道建设路18号厂区",
        inspectors=officers,
        recorder="吴晓东",
        present_person="刘洋",
        findings="除尘设施未运行。",
    )


def _status(case: Case) -> str:
    case.refresh_from_db()
    return case.status


def _finish(world: World, case: Case, day: datetime.date) -> None:
    services.case_close(actor=world.officer, case=case, report="办结。", approved_by=world.head, on=day)
    from yiwang.modules.enforcement.selectors import case_file_missing

    for kind, _ in case_file_missing(case):
        services.document_generate(actor=world.officer, case=case, kind=kind, fmt="pdf")
    services.case_archive(actor=world.head, case=case, archive_number=f"2026-{case.pk}", on=day)
    assert _status(case) == "archived"


def test_inspection_with_order_to_correct_and_recheck__ENF_01(world: World) -> None:
    case = _new(world, "inspection", "双随机抽查：鲁山县琴台建材有限公司")
    assert (case.status, case.number) == ("planned", "鲁环查〔2026〕1号")
    with pytest.raises(DomainError) as few:
        services.case_transition(actor=world.officer, case=case, action="start_inspection", on=D(2026, 4, 2))
    assert few.value.code == "officers_too_few"
    officers = _officers(world, case)
    services.case_transition(actor=world.officer, case=case, action="start_inspection", on=D(2026, 4, 2))
    with pytest.raises(DomainError) as no_record:
        services.case_transition(actor=world.officer, case=case, action="record_findings", on=D(2026, 4, 2))
    assert no_record.value.code == "inspection_record_missing"
    _inspect(world, case, officers)
    services.case_transition(actor=world.officer, case=case, action="record_findings", on=D(2026, 4, 2))
    services.case_transition(
        actor=world.officer,
        case=case,
        action="order_correction",
        reasons="限十五日内恢复除尘设施运行",
        on=D(2026, 4, 2),
    )
    services.case_transition(
        actor=world.officer,
        case=case,
        action="recheck_passed",
        report="复查：设施已正常运行",
        on=D(2026, 4, 20),
    )
    assert _status(case) == "concluded"
    _finish(world, case, D(2026, 4, 21))


def test_coercion_needs_a_passed_review_before_seizure__ENF_01_ENF_30_seed001_annex4(world: World) -> None:
    case = _new(world, "coercion", "查封造成污染的破碎设备")
    officers = _officers(world, case)
    _inspect(world, case, officers)
    services.evidence_add(
        actor=world.officer, case=case, kind="photo", title="现场照片六张", collected_on=D(2026, 4, 2)
    )
    services.decision_draft(
        actor=world.officer, case=case, kind="seizure", facts="破碎设备在生产中造成严重粉尘污染，需予以查封。"
    )
    with pytest.raises(DomainError) as before_review:
        services.case_decide(actor=world.head, case=case, action="impose_measure", on=D(2026, 4, 3))
    assert (
        before_review.value.code == "review_required"
        and "行政强制决定均须法制审核" in before_review.value.message
    )
    review = services.review_submit(actor=world.officer, case=case, materials=MATERIALS, on=D(2026, 4, 3))
    assert _status(case) == "measure_review"
    services.review_answer(
        actor=world.reviewer, review=review, outcome="passed", findings=all_ok(), opinion="同意查封"
    )
    services.case_decide(actor=world.head, case=case, action="impose_measure", on=D(2026, 4, 7))
    assert _status(case) == "measure_in_force"
    services.delivery_record(
        actor=world.officer,
        case=case,
        delivered_on=D(2026, 4, 7),
        method="direct",
        recipient=COMPANY.name,
        place=COMPANY.address,
        officers=officers,
        on_spot=True,
    )
    services.case_transition(actor=world.officer, case=case, action="lift_measure", on=D(2026, 4, 30))
    _finish(world, case, D(2026, 5, 6))


def test_permit_granted_and_delivered__ENF_01(world: World) -> None:
    case = _new(world, "permit", "排污许可证申请")
    assert case.status == "applied"
    with pytest.raises(DomainError) as incomplete:
        services.case_transition(actor=world.officer, case=case, action="accept", on=D(2026, 4, 2))
    assert incomplete.value.code == "materials_incomplete"
    services.case_transition(
        actor=world.officer, case=case, action="accept", materials_complete=True, on=D(2026, 4, 2)
    )
    services.decision_draft(
        actor=world.officer, case=case, kind="grant", facts="申请材料齐全，符合法定条件。"
    )
    services.case_transition(actor=world.officer, case=case, action="submit_decision", on=D(2026, 4, 8))
    services.case_decide(actor=world.head, case=case, action="grant", on=D(2026, 4, 9))
    assert _status(case) == "granted"
    officers = _officers(world, case)
    services.delivery_record(
        actor=world.officer,
        case=case,
        delivered_on=D(2026, 4, 10),
        method="direct",
        recipient=COMPANY.name,
        place=COMPANY.address,
        officers=officers,
    )
    assert _status(case) == "delivered"
    services.case_close(
        actor=world.officer, case=case, report="许可证已领取。", approved_by=world.head, on=D(2026, 4, 10)
    )
    services.case_archive(actor=world.head, case=case, archive_number="2026-许-1", on=D(2026, 4, 10))
    assert _status(case) == "archived"


def test_levy_from_notice_to_archive__ENF_01(world: World) -> None:
    case = _new(world, "levy", "征收环境保护税滞纳情况核定")
    services.case_transition(actor=world.officer, case=case, action="notify_party", on=D(2026, 4, 2))
    _officers(world, case)
    services.case_transition(actor=world.officer, case=case, action="assess", on=D(2026, 4, 3))
    services.decision_draft(actor=world.officer, case=case, kind="levy", facts="经核定，应予征收。")
    services.case_transition(actor=world.officer, case=case, action="submit_decision", on=D(2026, 4, 7))
    services.case_decide(actor=world.head, case=case, on=D(2026, 4, 8))
    officers = list(CaseOfficer.objects.filter(case=case, removed_at__isnull=True))
    services.delivery_record(
        actor=world.officer,
        case=case,
        delivered_on=D(2026, 4, 9),
        method="post",
        recipient=COMPANY.name,
        place=COMPANY.address,
        officers=officers,
    )
    services.performance_record(actor=world.officer, case=case, on=D(2026, 4, 20), note="已缴纳")
    _finish(world, case, D(2026, 4, 21))


def test_terminated_and_transferred_cases_still_close_and_archive__ENF_10(world: World) -> None:
    from .conftest import Flow

    terminated = Flow(world).until("filed")
    services.case_terminate(
        actor=world.head,
        case=terminated,
        action="withdraw_filing",
        reasons="违法事实不能成立",
        on=D(2026, 3, 5),
    )
    _finish(world, terminated, D(2026, 3, 6))
    transferred = Flow(world).until("investigating")
    with pytest.raises(DomainError) as unapproved:
        services.case_transfer_judicial(
            actor=world.head,
            case=transferred,
            organ="鲁山县公安局",
            reasons="涉嫌污染环境罪",
            approved_by=world.officer,
        )
    assert unapproved.value.code == "not_approved_by_head"
    services.case_transfer_judicial(
        actor=world.head, case=transferred, organ="鲁山县公安局", reasons="涉嫌污染环境罪", on=D(2026, 3, 6)
    )
    with pytest.raises(DomainError) as no_receipt:
        services.case_close(actor=world.officer, case=transferred, report="已移送", approved_by=world.head)
    assert no_receipt.value.code == "transfer_receipt_missing"
    services.transfer_receipt_record(
        actor=world.head, case=transferred, receipt_on=D(2026, 3, 9), receipt_number="鲁公受〔2026〕8号"
    )
    _finish(world, transferred, D(2026, 3, 10))


def test_substitute_performance_from_reminder_to_cost_collection__ENF_01(world: World) -> None:
    """代履行 (行政强制法 art. 50–52): reminder, ten working days, review of the coercive decision
    (ENF-30), the decision delivered, a reminder three working days before performing, then the
    costs determined and collected — each refusal leaves the case and the ledger as they were."""
    from decimal import Decimal

    from yiwang.kernel import ledger
    from yiwang.kernel.ledger.models import LedgerEntry
    from yiwang.modules.enforcement.models import CaseEvent

    case = _new(world, "coercion", "代履行：清运违法堆放的工业固体废物")
    officers = _officers(world, case)
    _inspect(world, case, officers)
    services.evidence_add(
        actor=world.officer, case=case, kind="photo", title="堆放现场照片四张", collected_on=D(2026, 4, 2)
    )
    with pytest.raises(DomainError) as unstated:
        services.case_transition(actor=world.officer, case=case, action="issue_reminder", on=D(2026, 4, 2))
    assert unstated.value.code == "obligation_not_stated"
    services.case_transition(
        actor=world.officer,
        case=case,
        action="issue_reminder",
        reasons="鲁环罚〔2026〕3号责令十日内清运固体废物，逾期未履行",
        on=D(2026, 4, 2),
    )
    assert _status(case) == "reminded"
    services.decision_draft(
        actor=world.officer, case=case, kind="substitute", facts="当事人逾期未清运，拟由第三方代为清运。"
    )
    with pytest.raises(DomainError) as too_soon:
        services.review_submit(actor=world.officer, case=case, materials=MATERIALS, on=D(2026, 4, 7))
    assert too_soon.value.code == "reminder_period_open" and _status(case) == "reminded"
    review = services.review_submit(actor=world.officer, case=case, materials=MATERIALS, on=D(2026, 4, 24))
    services.review_answer(
        actor=world.reviewer, review=review, outcome="passed", findings=all_ok(), opinion="同意代履行"
    )
    services.case_decide(actor=world.head, case=case, action="decide_substitute", on=D(2026, 4, 27))
    assert _status(case) == "substitute_decided"
    services.delivery_record(
        actor=world.officer,
        case=case,
        delivered_on=D(2026, 4, 27),
        method="direct",
        recipient=COMPANY.name,
        place=COMPANY.address,
        officers=officers,
        on_spot=True,
    )
    before = ledger.size()
    with pytest.raises(DomainError) as no_reminder:
        services.case_transition(
            actor=world.officer, case=case, action="perform_substitute", on=D(2026, 4, 28)
        )
    assert no_reminder.value.code == "substitute_reminder_missing"
    with pytest.raises(DomainError) as three_days:
        services.case_transition(
            actor=world.officer,
            case=case,
            action="perform_substitute",
            reminder_on=D(2026, 4, 28),
            on=D(2026, 4, 29),
        )
    assert three_days.value.code == "substitute_reminder_missing" and "三个工作日" in three_days.value.message
    assert ledger.size() == before and _status(case) == "substitute_decided"
    services.case_transition(
        actor=world.officer,
        case=case,
        action="perform_substitute",
        reminder_on=D(2026, 4, 28),
        on=D(2026, 5, 8),
    )
    assert _status(case) == "substitute_performed"
    with pytest.raises(DomainError) as no_costs:
        services.case_transition(actor=world.officer, case=case, action="collect_costs", on=D(2026, 5, 11))
    assert no_costs.value.code == "costs_not_determined" and no_costs.value.field == "amount"
    with pytest.raises(DomainError) as negative:
        services.case_transition(
            actor=world.officer, case=case, action="collect_costs", amount=Decimal("-1"), on=D(2026, 5, 11)
        )
    assert negative.value.code == "costs_not_determined"
    before = ledger.size()
    services.case_transition(
        actor=world.officer, case=case, action="collect_costs", amount=Decimal("12800.00"), on=D(2026, 5, 11)
    )
    assert _status(case) == "executed" and ledger.size() == before + 1
    event = CaseEvent.objects.filter(case=case, action="collect_costs").get()
    entry = LedgerEntry.objects.select_related("payload").get(seq=event.ledger_seq)
    assert entry.action == "enforcement.case.costs_collected"
    assert json.loads(entry.payload.body)["data"]["amount"] == "12800.00"
    _finish(world, case, D(2026, 5, 12))
