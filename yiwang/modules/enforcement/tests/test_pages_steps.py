"""The step pages: a penalty case from filing to archive through the forms (ENF-10), refusals shown
next to their field with nothing written (ENF-11, ENF-113, ENF-35, ENF-32), a form sent twice
applied once, a stale page refused, the escalation with both opinions side by side (ENF-34)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from yiwang.kernel import ledger
from yiwang.modules.enforcement import services
from yiwang.modules.enforcement.models import Case, CaseEvent, GeneratedDocument
from yiwang.modules.enforcement.rules import CHECKLIST

from .conftest import D, Flow, World

pytestmark = pytest.mark.django_db
Clients = Callable[[Any], Client]


def form_of(client: Client, url: str) -> dict[str, str]:
    """The hidden fields of the form at `url` (a fresh idempotency key, the status shown)."""
    response = client.get(url)
    assert response.status_code == 200, response.content.decode()[:3000]
    body = response.content.decode()
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', body))


def step_url(case: Case, slug: str) -> str:
    return reverse("enforcement:step", args=[case.pk, slug])


def submit(client: Client, url: str, data: dict[str, Any], *, refused: bool = False) -> Any:
    """Send the form at `url` with `data`: applied (redirect to the case), or `refused` (the form
    again, 200, with the refusal above it and next to its field)."""
    fields = {**form_of(client, url), **data}
    response = client.post(url, fields)
    body = response.content.decode()
    if refused:
        assert response.status_code == 200 and 'data-testid="form-error"' in body, body[:4000]
    else:
        assert response.status_code == 302, body[:4000]
    return response


def field_error(response: Any, field: str) -> str:
    body = response.content.decode()
    found = re.search(
        rf'data-field="{field}".*?<ul class="errorlist" data-testid="field-error" data-for="{field}">(.*?)</ul>',
        body,
        re.S,
    )
    assert found is not None, f"no error next to {field}"
    return found.group(1)


def points(ok: bool = True) -> dict[str, str]:
    return {f"point_{p.code}": "1" if ok else "0" for p in CHECKLIST}


def test_a_penalty_case_from_filing_to_archive_through_the_pages__ENF_10(
    world: World, client_for: Clients
) -> None:
    officer, head, reviewer = client_for(world.officer), client_for(world.head), client_for(world.reviewer)
    flow = Flow(world)
    flow.filing_pending()
    case = flow.c
    submit(
        head, step_url(case, "filing-approval"), {"approve": "1", "opinion": "同意立案。", "on": "2026-03-03"}
    )
    submit(
        officer,
        step_url(case, "officers"),
        {
            "certificates": [world.certs["c1"].pk, world.certs["c2"].pk],
            "lead": world.certs["c1"].pk,
            "on": "2026-03-03",
        },
    )
    submit(
        officer,
        reverse("enforcement:transition", args=[case.pk, "start_investigation"]),
        {"on": "2026-03-03"},
    )
    officers = [o.pk for o in flow.officers()]
    submit(
        officer,
        step_url(case, "inspection"),
        {
            "started_at": "2026-03-04T14:00",
            "ended_at": "2026-03-04T15:20",
            "place": "鲁山县琴台街道建设路18号厂区",
            "inspectors": officers,
            "recorder": "吴晓东",
            "present_person": "刘洋",
            "certificates_shown": "on",
            "findings": "破碎、筛分工序未配套建设除尘设施，粉尘无组织排放。",
            "party_signed": "on",
        },
    )
    submit(
        officer,
        step_url(case, "evidence"),
        {"kind": "photo", "title": "现场照片十二张", "collected_on": "2026-03-04", "pages": "12"},
    )
    submit(
        officer,
        step_url(case, "inquiry"),
        {
            "started_at": "2026-03-05T09:30",
            "ended_at": "2026-03-05T10:45",
            "place": "鲁山县环境保护局询问室",
            "inquirers": officers,
            "recorder": "吴晓东",
            "interviewee_name": "陈志强",
            "relation": "法定代表人",
            "qas": "问：是否配套建设了除尘设施？\n答：还没有建。",
        },
    )
    submit(
        officer,
        step_url(case, "finish-investigation"),
        {"report": "事实清楚，证据确凿。", "on": "2026-03-09"},
    )
    submit(
        officer,
        step_url(case, "draft-decision"),
        {
            "kind": "fine",
            "fine_amount": "80000",
            "facts": "粉尘无组织排放。",
            "other_measures": "责令立即改正违法行为",
        },
    )
    submit(
        officer, reverse("enforcement:transition", args=[case.pk, "submit_case_review"]), {"on": "2026-03-10"}
    )
    submit(
        officer,
        step_url(case, "notice"),
        {
            "served_on": "2026-03-11",
            "served_method": "直接送达",
            "hearing_right": "on",
            "statement_days": "5",
        },
    )
    submit(
        officer,
        step_url(case, "statement"),
        {"kind": "waiver", "received_on": "2026-03-12", "adoption": "na"},
    )
    submit(officer, step_url(case, "close-statements"), {"on": "2026-03-13"})
    submit(
        officer,
        step_url(case, "review-submit"),
        {"materials": ["filing_approval", "inspection_record", "photos_evidence"], "on": "2026-03-16"},
    )
    review = flow.c.reviews.get()
    submit(
        reviewer,
        reverse("enforcement:review-step", args=[review.pk, "answer"]),
        {**points(), "outcome": "passed", "opinion": "同意。", "on": "2026-03-18"},
    )
    submit(officer, step_url(case, "review-complete"), {"on": "2026-03-18"})
    submit(
        officer, reverse("enforcement:transition", args=[case.pk, "submit_decision"]), {"on": "2026-03-19"}
    )
    submit(head, step_url(case, "decide"), {"action": "decide", "on": "2026-03-20"})
    submit(
        officer,
        step_url(case, "delivery"),
        {
            "delivered_on": "2026-03-23",
            "method": "direct",
            "recipient": "鲁山县琴台建材有限公司",
            "place": "鲁山县琴台街道建设路18号",
            "officers": officers,
            "receipt_signed": "on",
            "receipt_signer": "陈志强",
        },
    )
    submit(officer, step_url(case, "payment"), {"amount": "80000", "paid_on": "2026-04-01"})
    assert flow.c.status == "executed"
    for kind in (
        "filing_approval",
        "inquiry_record",
        "inspection_record",
        "advance_notice",
        "review_opinion",
        "penalty_decision",
        "delivery_receipt",
    ):
        response = officer.post(
            reverse("enforcement:document-generate", args=[case.pk]), {"kind": kind, "fmt": "pdf"}
        )
        assert response.status_code == 302
    assert GeneratedDocument.objects.filter(case=case).count() == 7
    submit(
        officer,
        step_url(case, "close"),
        {"report": "罚款已缴清。", "approved_by": world.head.pk, "on": "2026-04-02"},
    )
    submit(head, step_url(case, "archive"), {"archive_number": "2026-永久-012", "on": "2026-04-03"})
    case = flow.c
    assert case.status == "archived"
    # every step is on the timeline with its own ledger entry
    events = CaseEvent.objects.filter(case=case)
    assert events.filter(ledger_seq__isnull=True).count() == 0
    assert [e.to_status for e in events.order_by("at", "pk") if e.to_status][-3:] == [
        "executed",
        "closed",
        "archived",
    ]


def test_the_head_cannot_decide_without_a_passed_review_on_the_page__ENF_35(
    flow: Flow, client_for: Clients
) -> None:
    case = flow.until("rights_heard")  # fine 80,000 yuan on an organisation: in the catalogue (ENF-30)
    head = client_for(flow.w.head)
    page = head.get(step_url(case, "decide"))
    assert page.status_code == 200
    assert 'data-testid="review-block"' in page.content.decode()
    assert "重大执法决定未经法制审核，不得作出决定" in page.content.decode()
    before, status = ledger.size(), case.status
    response = submit(head, step_url(case, "decide"), {"action": "decide", "on": "2026-03-20"}, refused=True)
    body = response.content.decode()
    assert 'data-code="review_required"' in body
    assert "重大执法决定未经法制审核，不得作出决定" in body
    assert ledger.size() == before
    assert flow.c.status == status and flow.c.decided_on is None


def test_the_case_page_shows_the_review_block_to_the_head__ENF_35(flow: Flow, client_for: Clients) -> None:
    case = flow.until("rights_heard")
    body = client_for(flow.w.head).get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()
    assert 'data-testid="review-block"' in body and "不得作出决定" in body


def test_an_expired_certificate_is_refused_next_to_the_officers_field__ENF_113(
    flow: Flow, client_for: Clients
) -> None:
    case = flow.until("filed")
    before = ledger.size()
    response = submit(
        client_for(flow.w.officer),
        step_url(case, "officers"),
        {"certificates": [flow.w.certs["c1"].pk, flow.w.certs["expired"].pk]},
        refused=True,
    )
    assert "郑国强" in field_error(response, "certificates")
    assert ledger.size() == before and not case.officers.exists()


def test_one_officer_only_is_refused__ENF_11(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filed")
    response = submit(
        client_for(flow.w.officer),
        step_url(case, "officers"),
        {"certificates": [flow.w.certs["c1"].pk]},
        refused=True,
    )
    assert "2" in field_error(response, "certificates") or "两" in field_error(response, "certificates")
    assert not case.officers.exists()


def test_an_officer_of_another_domain_is_refused__ENF_11(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filed")
    response = submit(
        client_for(flow.w.officer),
        step_url(case, "officers"),
        {"certificates": [flow.w.certs["c1"].pk, flow.w.certs["market"].pk]},
        refused=True,
    )
    assert "陈静" in field_error(response, "certificates")


def test_the_same_form_sent_twice_applies_once(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filing_pending")
    head = client_for(flow.w.head)
    fields = {**form_of(head, step_url(case, "filing-approval")), "approve": "1", "opinion": "同意立案。"}
    before = ledger.size()
    assert head.post(step_url(case, "filing-approval"), fields).status_code == 302
    once = ledger.size()
    assert once > before
    assert head.post(step_url(case, "filing-approval"), fields).status_code == 302
    assert ledger.size() == once
    assert CaseEvent.objects.filter(case=case, action="approve_filing").count() == 1


def test_a_record_form_sent_twice_files_one_record(flow: Flow, client_for: Clients) -> None:
    case = flow.until("investigating")
    officer = client_for(flow.w.officer)
    url = step_url(case, "evidence")
    fields = {
        **form_of(officer, url),
        "kind": "photo",
        "title": "现场照片",
        "collected_on": "2026-03-04",
        "pages": "3",
    }
    assert officer.post(url, fields).status_code == 302
    once = ledger.size()
    assert officer.post(url, fields).status_code == 302
    assert case.evidence.count() == 1 and ledger.size() == once


def test_a_stale_page_is_refused(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filing_pending")
    head = client_for(flow.w.head)
    fields = {**form_of(head, step_url(case, "filing-approval")), "approve": "1"}
    services.case_approve_filing(actor=flow.w.head, case=case, approve=True, on=D(2026, 3, 3))
    before = ledger.size()
    response = head.post(step_url(case, "filing-approval"), {**fields, "idempotency_key": "another-key"})
    assert response.status_code == 200
    assert 'data-code="stale_status"' in response.content.decode()
    assert ledger.size() == before


def test_a_transition_not_allowed_is_refused_with_its_label(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filed")
    before = ledger.size()
    response = submit(
        client_for(flow.w.officer),
        reverse("enforcement:transition", args=[case.pk, "submit_case_review"]),
        {},
        refused=True,
    )
    assert 'data-code="stale_status"' in response.content.decode() or "不能执行" in response.content.decode()
    assert ledger.size() == before


def test_starting_the_investigation_without_officers_is_refused__ENF_11(
    flow: Flow, client_for: Clients
) -> None:
    case = flow.until("filed")
    response = submit(
        client_for(flow.w.officer),
        reverse("enforcement:transition", args=[case.pk, "start_investigation"]),
        {"on": "2026-03-03"},
        refused=True,
    )
    assert 'data-code="officers_too_few"' in response.content.decode()
    assert flow.c.status == "filed"


def test_a_negative_fine_is_refused_next_to_the_amount(flow: Flow, client_for: Clients) -> None:
    case = flow.until("investigation_finished")
    before = ledger.size()
    response = submit(
        client_for(flow.w.officer),
        step_url(case, "draft-decision"),
        {"kind": "fine", "fine_amount": "-1", "facts": "事实"},
        refused=True,
    )
    assert "金额" in field_error(response, "fine_amount") or "负" in field_error(response, "fine_amount")
    assert ledger.size() == before


def test_delivery_before_the_decision_is_refused__ENF_14(flow: Flow, client_for: Clients) -> None:
    case = flow.until("decided")
    officers = [o.pk for o in flow.officers()]
    response = submit(
        client_for(flow.w.officer),
        step_url(case, "delivery"),
        {
            "delivered_on": "2026-03-19",
            "method": "direct",
            "recipient": "某",
            "place": "某地",
            "officers": officers,
            "receipt_signed": "on",
        },
        refused=True,
    )
    assert "delivery_before_decision" in response.content.decode()
    assert flow.c.status == "decided"


def test_the_reviewer_answers_every_checklist_point__ENF_32(flow: Flow, client_for: Clients) -> None:
    case = flow.until("legal_review")
    review = case.reviews.get()
    url = reverse("enforcement:review-step", args=[review.pk, "answer"])
    reviewer = client_for(flow.w.reviewer)
    page = reviewer.get(url).content.decode()
    for point in CHECKLIST:
        assert point.question in page
    # a problem without a note is refused, shown at the checklist; nothing is written
    before = ledger.size()
    answers = {**points(), "point_facts_and_evidence": "0", "outcome": "returned", "opinion": "证据不足。"}
    response = submit(reviewer, url, answers, refused=True)
    assert 'data-for="findings"' in response.content.decode() and "第4项" in response.content.decode()
    assert ledger.size() == before
    # with the note it is returned for correction (ENF-33)
    submit(reviewer, url, {**answers, "note_facts_and_evidence": "缺少监测报告。"})
    review.refresh_from_db()
    assert review.status == "returned"


def test_passed_with_a_problem_point_is_inconsistent__ENF_33(flow: Flow, client_for: Clients) -> None:
    case = flow.until("legal_review")
    review = case.reviews.get()
    url = reverse("enforcement:review-step", args=[review.pk, "answer"])
    response = submit(
        client_for(flow.w.reviewer),
        url,
        {
            **points(),
            "point_lawful_procedure": "0",
            "note_lawful_procedure": "未告知听证权利",
            "outcome": "passed",
            "opinion": "同意",
        },
        refused=True,
    )
    assert "outcome_inconsistent" in response.content.decode()
    assert "审核通过" in field_error(response, "outcome")


def test_escalation_shows_both_opinions_side_by_side_to_the_head__ENF_34(
    flow: Flow, client_for: Clients
) -> None:
    case = flow.until("legal_review")
    review = case.reviews.get()
    reviewer, officer, head = client_for(flow.w.reviewer), client_for(flow.w.officer), client_for(flow.w.head)
    submit(
        reviewer,
        reverse("enforcement:review-step", args=[review.pk, "answer"]),
        {
            **points(),
            "point_basis_and_discretion": "0",
            "note_basis_and_discretion": "罚款偏高",
            "outcome": "not_passed",
            "opinion": "裁量不当。",
        },
    )
    submit(
        officer,
        reverse("enforcement:review-step", args=[review.pk, "object"]),
        {"unit_reasons": "当事人拒不改正，情节较重。", "unit_basis": "《河南省环境行政处罚裁量基准》"},
    )
    submit(
        officer,
        reverse("enforcement:review-step", args=[review.pk, "escalate"]),
        {"consultation_note": "两次协商未能一致。"},
    )
    page = head.get(reverse("enforcement:review-step", args=[review.pk, "ruling"])).content.decode()
    both = page.split('data-testid="both-opinions"', 1)[1]
    assert "裁量不当。" in both and "当事人拒不改正，情节较重。" in both
    assert "法制审核机构意见" in both and "承办机构意见" in both
    submit(
        head,
        reverse("enforcement:review-step", args=[review.pk, "ruling"]),
        {"ruling": "proceed", "note": "采纳承办机构意见。"},
    )
    review.refresh_from_db()
    assert review.status == "ruled_proceed"


def test_a_step_needs_its_permission(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filing_pending")
    assert client_for(flow.w.officer).get(step_url(case, "filing-approval")).status_code == 403
    assert client_for(flow.w.outsider).get(step_url(case, "filing-approval")).status_code == 404
    assert client_for(flow.w.officer).get(step_url(case, "no-such-step")).status_code == 404


def test_a_correction_keeps_old_and_new_value_reason_and_approver__ENF_16(
    flow: Flow, client_for: Clients
) -> None:
    case = flow.until("filed")
    submit(
        client_for(flow.w.officer),
        step_url(case, "correction"),
        {
            "field": "place",
            "new_value": "鲁山县琴台街道建设路20号",
            "reason": "门牌号登记错误",
            "approver": flow.w.head.pk,
        },
    )
    body = client_for(flow.w.officer).get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()
    table = body.split('data-testid="corrections"', 1)[1]
    assert "鲁山县琴台街道建设路18号厂区" in table and "鲁山县琴台街道建设路20号" in table
    assert "门牌号登记错误" in table and flow.w.head.name in table
