"""Bad input and refusals (issue 3): each a clear Chinese error with a stable code, the case unchanged
and no ledger entry written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest

from yiwang.kernel import ledger
from yiwang.kernel.errors import DomainError, Forbidden
from yiwang.kernel.people.services import certificate_change_status
from yiwang.modules.enforcement import services
from yiwang.modules.enforcement.models import Case, CaseEvent, CaseOfficer, Decision, IdempotencyKey, Party
from yiwang.modules.enforcement.rules import CHECKLIST, Finding
from yiwang.modules.enforcement.services import PartyInput

from .conftest import COMPANY, D, Flow, World

pytestmark = pytest.mark.django_db
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _state(case: Case | None) -> tuple[Any, ...]:
    if case is None:
        return (Case.objects.count(), Party.objects.count())
    case.refresh_from_db()
    decision = Decision.objects.filter(case=case).first()
    return (
        case.status,
        case.version,
        case.decided_fine,
        CaseEvent.objects.filter(case=case).count(),
        CaseOfficer.objects.filter(case=case).count(),
        decision.snapshot() if decision else None,
        decision.status if decision else None,
    )


@contextmanager
def refused(code: str, case: Case | None = None) -> Iterator[list[DomainError]]:
    """Expect DomainError `code` with a Chinese message; nothing written (case, rows, ledger)."""
    before_ledger = ledger.size()
    before = _state(case)
    caught: list[DomainError] = []
    with pytest.raises(DomainError) as info:
        yield caught
    caught.append(info.value)
    assert info.value.code == code, f"{info.value.code}: {info.value.message}"
    assert CHINESE.search(info.value.message)
    assert ledger.size() == before_ledger
    assert _state(case) == before


# ---------------------------------------------------------------- ENF-35 decision without review


def test_major_decision_without_review_is_refused__ENF_35_seed000_s6(flow: Flow) -> None:
    case = flow.until("rights_heard")  # 80,000 yuan on a company, draft ready, never reviewed
    with refused("review_required", case) as err:
        services.case_decide(actor=flow.w.head, case=case, on=D(2026, 3, 20))
    assert "未经法制审核" in err[0].message and "50,000元以上" in err[0].message


def test_decision_with_review_returned_is_refused__ENF_35(flow: Flow) -> None:
    case = flow.until("legal_review")
    review = case.reviews.get()
    findings = [Finding(p.code, p.code != "facts_and_evidence", "证据不足") for p in CHECKLIST]
    services.review_answer(
        actor=flow.w.reviewer,
        review=review,
        outcome="returned",
        findings=findings,
        opinion="补充证据",
        on=D(2026, 3, 18),
    )
    with refused("review_required", case) as err:
        services.case_decide(actor=flow.w.head, case=case, on=D(2026, 3, 20))
    assert "退回补正" in err[0].message


def test_submitting_for_decision_without_review_is_refused__ENF_35(flow: Flow) -> None:
    case = flow.until("rights_heard")
    with refused("review_required", case):
        services.case_transition(actor=flow.w.officer, case=case, action="submit_decision", on=D(2026, 3, 16))


def test_decision_with_a_changed_amount_needs_a_new_review__ENF_35(flow: Flow) -> None:
    case = flow.until("decision_pending")  # reviewed at 80,000
    with refused("review_required", case) as err:
        services.case_decide(actor=flow.w.head, case=case, on=D(2026, 3, 20), fine_amount=Decimal("60000"))
    assert "重新进行法制审核" in err[0].message


def test_review_all_switch_makes_a_small_fine_major__ENF_30_seed000_s6_2(world: World) -> None:
    services.catalogue_update(actor=world.reviewer, agency=world.tree.bureau, review_all_ordinary=True)
    small = Flow(world, fine=Decimal("20000"))
    case = small.until("rights_heard")
    with refused("review_required", case) as err:
        services.case_decide(actor=world.head, case=case, on=D(2026, 3, 20))
    assert "一般程序行政处罚决定均须法制审核" in err[0].message


def test_a_fine_below_the_catalogue_needs_no_review__ENF_30_seed001_annex4(world: World) -> None:
    small = Flow(world, fine=Decimal("20000"))
    case = small.until("rights_heard")
    services.case_transition(actor=world.officer, case=case, action="submit_decision", on=D(2026, 3, 16))
    decision = services.case_decide(actor=world.head, case=case, on=D(2026, 3, 17))
    assert decision.issued and decision.fine_amount == Decimal("20000")


# ---------------------------------------------------------------- ENF-11, ENF-113 officers


def _filed(flow: Flow) -> Case:
    return flow.until("filed")


def test_one_officer_only_is_refused__ENF_11(flow: Flow) -> None:
    case = _filed(flow)
    with refused("officers_too_few", case) as err:
        services.case_assign_officers(
            actor=flow.w.officer, case=case, certificates=[flow.w.certs["c1"]], on=D(2026, 3, 3)
        )
    assert "至少2名" in err[0].message


def test_expired_certificate_is_refused__ENF_113(flow: Flow) -> None:
    case = _filed(flow)
    with refused("certificate_expired", case) as err:
        services.case_assign_officers(
            actor=flow.w.officer,
            case=case,
            certificates=[flow.w.certs["c1"], flow.w.certs["expired"]],
            on=D(2026, 3, 3),
        )
    assert "ZF-410423-0087" in err[0].message and "郑国强" in err[0].message


def test_out_of_domain_certificate_is_refused__ENF_11(flow: Flow) -> None:
    case = _filed(flow)
    with refused("certificate_out_of_domain", case) as err:
        services.case_assign_officers(
            actor=flow.w.officer,
            case=case,
            certificates=[flow.w.certs["c1"], flow.w.certs["market"]],
            on=D(2026, 3, 3),
        )
    assert "市场监管" in err[0].message and "生态环境" in err[0].message


def test_certificate_suspended_after_assignment_blocks_investigation__ENF_11_ENF_113(flow: Flow) -> None:
    case = _filed(flow)
    services.case_assign_officers(
        actor=flow.w.officer,
        case=case,
        certificates=[flow.w.certs["c1"], flow.w.certs["c2"]],
        on=D(2026, 3, 3),
    )
    certificate_change_status(
        actor=flow.w.admin, certificate=flow.w.certs["c2"], status="suspended", reason="调离执法岗位"
    )
    with refused("certificate_not_valid", case):
        services.case_transition(
            actor=flow.w.officer, case=case, action="start_investigation", on=D(2026, 3, 4)
        )


def test_officer_with_an_interest_must_withdraw_first__ENF_12(flow: Flow) -> None:
    case = _filed(flow)
    officers = services.case_assign_officers(
        actor=flow.w.officer,
        case=case,
        certificates=[flow.w.certs["c1"], flow.w.certs["c2"]],
        on=D(2026, 3, 3),
    )
    w = services.withdrawal_request(
        actor=flow.w.officer, case=case, officer=officers[1], reason="relative", raised_by="party"
    )
    with refused("officer_must_withdraw", case) as err:
        services.case_transition(
            actor=flow.w.officer, case=case, action="start_investigation", on=D(2026, 3, 4)
        )
    assert "吴晓东" in err[0].message
    services.withdrawal_decide(
        actor=flow.w.head, withdrawal=w, approved=True, note="与当事人法定代表人系近亲属"
    )
    with refused("officers_too_few", case):  # only one officer is left
        services.case_transition(
            actor=flow.w.officer, case=case, action="start_investigation", on=D(2026, 3, 4)
        )
    services.case_assign_officers(
        actor=flow.w.officer,
        case=case,
        certificates=[flow.w.certs["c1"], flow.w.certs["c3"]],
        on=D(2026, 3, 4),
    )
    services.case_transition(actor=flow.w.officer, case=case, action="start_investigation", on=D(2026, 3, 4))
    assert Case.objects.get(pk=case.pk).status == "investigating"


# ---------------------------------------------------------------- ENF-14 delivery


def test_delivery_dated_before_the_decision_is_refused__ENF_14(flow: Flow) -> None:
    case = flow.until("decided")  # decided 2026-03-20
    with refused("delivery_before_decision", case) as err:
        services.delivery_record(
            actor=flow.w.officer,
            case=case,
            delivered_on=D(2026, 3, 19),
            method="direct",
            recipient=COMPANY.name,
            place=COMPANY.address,
            officers=flow.officers(),
        )
    assert "2026年3月19日" in err[0].message and "2026年3月20日" in err[0].message


# ---------------------------------------------------------------- amounts


def _finished(flow: Flow) -> Case:
    return flow.until("investigation_finished")


def test_negative_amount_is_refused(flow: Flow) -> None:
    case = _finished(flow)
    with refused("amount_invalid", case) as err:
        services.decision_draft(
            actor=flow.w.officer, case=case, kind="fine", fine_amount=Decimal("-1"), facts="事实"
        )
    assert "负数" in err[0].message


def test_amount_above_the_legal_maximum_is_refused(flow: Flow) -> None:
    case = _finished(flow)  # 大气污染防治法第一百零八条第五项: 2万–20万
    with refused("amount_above_legal_maximum", case) as err:
        services.decision_draft(
            actor=flow.w.officer, case=case, kind="fine", fine_amount=Decimal("200000.01"), facts="事实"
        )
    assert (
        "《中华人民共和国大气污染防治法》第一百零八条第五项" in err[0].message
        and "200,000元" in err[0].message
    )


def test_amount_above_the_maximum_at_decision_is_refused(flow: Flow) -> None:
    case = flow.until("decision_pending")
    with refused("amount_above_legal_maximum", case):
        services.case_decide(actor=flow.w.head, case=case, on=D(2026, 3, 20), fine_amount=Decimal("250000"))


def test_amount_below_the_minimum_without_mitigation_is_refused(flow: Flow) -> None:
    case = _finished(flow)
    with refused("amount_below_legal_minimum", case):
        services.decision_draft(
            actor=flow.w.officer, case=case, kind="fine", fine_amount=Decimal("5000"), facts="事实"
        )
    decision = services.decision_draft(
        actor=flow.w.officer,
        case=case,
        kind="fine",
        fine_amount=Decimal("5000"),
        facts="事实",
        mitigated=True,
    )
    assert decision.fine_amount == Decimal("5000")


def test_no_heavier_penalty_than_notified(flow: Flow) -> None:
    case = flow.until("notified")  # notified 80,000
    with refused("penalty_heavier_than_notice", case) as err:
        services.decision_draft(
            actor=flow.w.officer, case=case, kind="fine", fine_amount=Decimal("90000"), facts="事实"
        )
    assert "第四十五条" in err[0].message


# ---------------------------------------------------------------- transitions, idempotency, stale forms


def test_transition_not_allowed_from_the_current_status__ENF_10(flow: Flow) -> None:
    case = _filed(flow)
    with refused("transition_not_allowed", case) as err:
        services.case_decide(actor=flow.w.head, case=case, on=D(2026, 3, 4))
    assert "已立案" in err[0].message
    with refused("transition_not_allowed", case):
        services.case_close(actor=flow.w.officer, case=case, report="结案", approved_by=flow.w.head)


def test_the_same_form_submitted_twice_applies_once(flow: Flow) -> None:
    case = flow.until("decision_pending")
    first = services.case_decide(actor=flow.w.head, case=case, on=D(2026, 3, 20), idempotency_key="form-7f3a")
    size = ledger.size()
    state = _state(case)
    again = services.case_decide(actor=flow.w.head, case=case, on=D(2026, 3, 20), idempotency_key="form-7f3a")
    assert again.pk == first.pk and again.issued
    assert ledger.size() == size and _state(case) == state
    assert IdempotencyKey.objects.filter(key="form-7f3a", operation="case_decide").count() == 1


def test_the_same_form_without_a_key_is_refused_the_second_time(flow: Flow) -> None:
    case = flow.until("decision_pending")
    services.case_decide(actor=flow.w.head, case=case, on=D(2026, 3, 20), expected_status="decision_pending")
    with refused("stale_status", case) as err:
        services.case_decide(
            actor=flow.w.head, case=case, on=D(2026, 3, 20), expected_status="decision_pending"
        )
    assert "请刷新页面" in err[0].message
    with refused("decision_issued", case):
        services.case_decide(actor=flow.w.head, case=case, on=D(2026, 3, 20))


def test_a_refused_first_attempt_leaves_the_key_free(flow: Flow) -> None:
    case = flow.until("rights_heard")
    with refused("review_required", case):
        services.case_decide(actor=flow.w.head, case=case, idempotency_key="form-1")
    assert not IdempotencyKey.objects.filter(key="form-1").exists()


def test_filing_twice_with_one_key_registers_one_case(world: World) -> None:
    kwargs: dict[str, Any] = dict(
        actor=world.officer, unit=world.tree.inspection, kind="penalty", title="超标排放案", party=COMPANY,
        violation_type=world.violation("air_exceed"), idempotency_key="new-case-1",
    )  # fmt: skip
    a = services.case_file(**kwargs)
    b = services.case_file(**kwargs)
    assert a.pk == b.pk and Case.objects.count() == 1


# ---------------------------------------------------------------- parties


def test_party_id_number_with_a_wrong_check_digit_is_refused__GB11643(world: World) -> None:
    bad = PartyInput(party_type="person", name="李桂兰", identifier="110105194912310021")
    with refused("id_number_invalid") as err:
        services.case_file(
            actor=world.officer,
            unit=world.tree.inspection,
            kind="penalty",
            title="案",
            party=bad,
            domain="ecology",
        )
    assert "110105194912310021" in err[0].message


def test_party_credit_code_with_a_wrong_check_character_is_refused__DIS_03(world: World) -> None:
    bad = PartyInput(
        party_type="organization", name="某公司", identifier="91410423MA40K8XW5C", legal_representative="某"
    )
    with refused("credit_code_invalid"):
        services.case_file(
            actor=world.officer,
            unit=world.tree.inspection,
            kind="penalty",
            title="案",
            party=bad,
            domain="ecology",
        )


# ---------------------------------------------------------------- rights and review


def test_hearing_requested_after_five_working_days_is_refused__ENF_10(flow: Flow) -> None:
    case = flow.until("notified")  # served 2026-03-11 → request by 2026-03-18
    with refused("hearing_request_late", case):
        services.hearing_request(
            actor=flow.w.officer, case=case, requested_on=D(2026, 3, 19), requested_by=COMPANY.name
        )
    services.hearing_request(
        actor=flow.w.officer, case=case, requested_on=D(2026, 3, 18), requested_by=COMPANY.name
    )
    assert Case.objects.get(pk=case.pk).status == "hearing"


def test_statements_cannot_close_before_the_period_ends__ENF_10(flow: Flow) -> None:
    case = flow.until("notified")
    with refused("statement_period_open", case):
        services.statements_close(actor=flow.w.officer, case=case, on=D(2026, 3, 16))


def test_review_submission_lists_the_materials__ENF_31_seed001_annex4(flow: Flow) -> None:
    case = flow.until("rights_heard")
    with refused("material_missing", case) as err:
        services.review_submit(
            actor=flow.w.officer, case=case, materials=["filing_approval"], on=D(2026, 3, 16)
        )
    assert "现场检查（勘验）笔录" in err[0].message


def test_review_submission_before_a_draft_is_refused__ENF_31(world: World) -> None:
    flow = Flow(world)
    case = flow.until("investigation_finished")
    with refused("transition_not_allowed", case):
        services.review_submit(
            actor=world.officer, case=case, materials=["filing_approval"], on=D(2026, 3, 10)
        )


def test_checklist_must_be_answered_point_by_point__ENF_32(flow: Flow) -> None:
    case = flow.until("legal_review")
    review = case.reviews.get()
    partial = CHECKLIST[:7]
    findings = [Finding(p.code, True) for p in partial]
    with refused("checklist_incomplete", case) as err:
        services.review_answer(
            actor=flow.w.reviewer, review=review, outcome="passed", findings=findings, opinion="同意"
        )
    assert "第8、9项" in err[0].message


def test_an_officer_of_the_case_cannot_review_it(flow: Flow) -> None:
    case = flow.until("legal_review")
    from yiwang.kernel.testing.factories import grant

    from .conftest import ROLE, all_ok

    grant(flow.w.officer, ROLE["enforcement_reviewer"], scope=flow.w.tree.bureau)
    with refused("reviewer_is_officer", case):
        services.review_answer(
            actor=flow.w.officer,
            review=case.reviews.get(),
            outcome="passed",
            findings=all_ok(),
            opinion="同意",
        )


# ---------------------------------------------------------------- permission, closing, corrections


def test_an_officer_of_another_body_is_forbidden(flow: Flow) -> None:
    case = _filed(flow)
    size = ledger.size()
    with pytest.raises(Forbidden):
        services.case_assign_officers(
            actor=flow.w.outsider, case=case, certificates=[flow.w.certs["c1"], flow.w.certs["c2"]]
        )
    assert ledger.size() == size


def test_closing_needs_the_heads_approval__ENF_70(flow: Flow) -> None:
    case = flow.until("executed")
    with refused("not_approved_by_head", case):
        services.case_close(actor=flow.w.officer, case=case, report="结案", approved_by=flow.w.officer2)


def test_archiving_an_incomplete_file_is_refused__ENF_70(flow: Flow) -> None:
    case = flow.until("executed")
    flow.closed()
    with refused("case_file_incomplete", case) as err:
        services.case_archive(actor=flow.w.head, case=case, archive_number="2026-1")
    assert "行政处罚决定书" in err[0].message


def test_a_correction_needs_reason_and_approver__ENF_16(flow: Flow) -> None:
    case = _filed(flow)
    with refused("correction_reason_missing", case):
        services.case_correct(
            actor=flow.w.officer,
            case=case,
            field="place",
            new_value="鲁山县琴台街道建设路20号",
            reason=" ",
            approver=flow.w.head,
        )
    with refused("correction_approver_unauthorized", case):
        services.case_correct(
            actor=flow.w.officer,
            case=case,
            field="place",
            new_value="鲁山县琴台街道建设路20号",
            reason="门牌号记错",
            approver=flow.w.officer2,
        )
    c = services.case_correct(
        actor=flow.w.officer,
        case=case,
        field="place",
        new_value="鲁山县琴台街道建设路20号",
        reason="门牌号记错",
        approver=flow.w.head,
    )
    assert (c.old_value, c.new_value, c.approver_id) == (
        "鲁山县琴台街道建设路18号厂区",
        "鲁山县琴台街道建设路20号",
        flow.w.head.pk,
    )
    assert Case.objects.get(pk=case.pk).place == "鲁山县琴台街道建设路20号"


def test_court_application_waits_for_the_payment_deadline__ENF_15(flow: Flow) -> None:
    case = flow.until("delivered")  # payment due 2026-04-07
    with refused("payment_deadline_not_passed", case):
        services.court_application_record(
            actor=flow.w.officer,
            case=case,
            applied_on=D(2026, 4, 7),
            court="鲁山县人民法院",
            reminder_on=D(2026, 3, 24),
        )
    with refused("court_window_not_open", case) as err:
        services.court_application_record(
            actor=flow.w.officer,
            case=case,
            applied_on=D(2026, 6, 1),
            court="鲁山县人民法院",
            reminder_on=D(2026, 5, 6),
        )
    assert "2026年9月24日" in err[0].message


def test_advance_notice_must_state_the_basis__ENF_13_seed001_annex5(world: World) -> None:
    case = services.case_file(
        actor=world.officer,
        unit=world.tree.inspection,
        kind="penalty",
        title="案",
        party=COMPANY,
        domain="ecology",
    )
    services.case_approve_filing(actor=world.head, case=case, approve=True, on=D(2026, 3, 3))
    services.case_assign_officers(
        actor=world.officer, case=case, certificates=[world.certs["c1"], world.certs["c2"]], on=D(2026, 3, 3)
    )
    services.case_transition(actor=world.officer, case=case, action="start_investigation", on=D(2026, 3, 3))
    services.case_finish_investigation(actor=world.officer, case=case, report="调查终结。", on=D(2026, 3, 9))
    services.decision_draft(actor=world.officer, case=case, kind="warning", facts="违法事实。")
    services.case_transition(actor=world.officer, case=case, action="submit_case_review", on=D(2026, 3, 10))
    with refused("notice_incomplete", case) as err:
        services.notice_issue(actor=world.officer, case=case, served_on=D(2026, 3, 11))
    assert "处罚依据" in err[0].message


# ---------------------------------------------------------------- module activation


def test_a_body_that_has_not_enabled_enforcement_cannot_register_cases(world: World) -> None:
    """The county enabled the module; the bureau's own decision (nearest up the tree) wins."""
    from yiwang.kernel.modules.services import module_activation_set

    module_activation_set(
        actor=world.admin, organization=world.tree.bureau, module="enforcement", enabled=False
    )
    with refused("module_not_enabled") as err:
        services.case_file(
            actor=world.officer,
            unit=world.tree.inspection,
            kind="penalty",
            title="未启用模块时登记的案件",
            party=COMPANY,
            domain="ecology",
            on=D(2026, 3, 2),
        )
    assert world.tree.bureau.name in err[0].message and "启用" in err[0].message
    module_activation_set(
        actor=world.admin, organization=world.tree.bureau, module="enforcement", enabled=None
    )
    case = services.case_file(
        actor=world.officer,
        unit=world.tree.inspection,
        kind="penalty",
        title="沿用县级启用决定后登记的案件",
        party=COMPANY,
        domain="ecology",
        on=D(2026, 3, 2),
    )
    assert case.number == "鲁环罚〔2026〕1号"
