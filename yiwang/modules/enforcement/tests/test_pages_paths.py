"""The other roads of ENF-10 through the pages: hearing request and record, collective discussion,
termination and transfer to judicial organs (both still close and archive), court enforcement
(ENF-15), withdrawal of an officer (ENF-12)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from yiwang.modules.enforcement import services

from .conftest import D, Flow
from .test_pages_steps import field_error, step_url, submit

pytestmark = pytest.mark.django_db
Clients = Callable[[Any], Client]


def transition(case: Any, action: str) -> str:
    return reverse("enforcement:transition", args=[case.pk, action])


def test_hearing_request_and_record_through_the_pages(flow: Flow, client_for: Clients) -> None:
    case = flow.until("notified")  # notice served 2026-03-11
    officer = client_for(flow.w.officer)
    submit(
        officer, step_url(case, "hearing-request"), {"requested_on": "2026-03-12", "requested_by": "陈志强"}
    )
    assert flow.c.status == "hearing"
    record = {
        "notified_on": "2026-03-13",
        "held_on": "2026-03-20",
        "place": "鲁山县环境保护局听证室",
        "host": "周海涛",  # investigated the case: may not host (行政处罚法 art. 64)
        "recorder": "刘敏",
        "participants": "当事人委托代理人、调查人员",
        "summary": "当事人对事实无异议，请求从轻处罚。",
        "record_signed": "on",
        "public": "on",
    }
    refused = submit(officer, step_url(case, "hearing-record"), record, refused=True)
    assert "调查人员" in field_error(refused, "host")
    submit(officer, step_url(case, "hearing-record"), {**record, "host": "李法官"})
    assert flow.c.status == "rights_heard" and flow.c.hearing_held


def test_collective_discussion_through_the_pages(flow: Flow, client_for: Clients) -> None:
    case = flow.until("reviewed")
    submit(client_for(flow.w.officer), transition(case, "submit_discussion"), {"on": "2026-03-19"})
    head = client_for(flow.w.head)
    submit(
        head,
        step_url(case, "discussion"),
        {
            "held_on": "2026-03-19",
            "chair": "赵志刚",
            "participants": "局领导班子成员",
            "summary": "听取案情汇报，讨论处罚幅度。",
            "conclusion": "同意罚款八万元。",
            "record_signed": "on",
        },
    )
    assert flow.c.status == "decision_pending"


def test_a_withdrawn_filing_still_closes_and_archives__ENF_10(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filed")
    head, officer = client_for(flow.w.head), client_for(flow.w.officer)
    page = head.get(step_url(case, "terminate")).content.decode()
    assert 'value="withdraw_filing"' in page
    refused = submit(
        head, step_url(case, "terminate"), {"action": "withdraw_filing", "reasons": ""}, refused=True
    )
    assert "理由" in refused.content.decode()
    submit(
        head,
        step_url(case, "terminate"),
        {"action": "withdraw_filing", "reasons": "经核实，违法主体不适格。"},
    )
    assert flow.c.status == "terminated"
    submit(officer, step_url(case, "close"), {"report": "撤销立案。", "approved_by": flow.w.head.pk})
    officer.post(
        reverse("enforcement:document-generate", args=[case.pk]), {"kind": "filing_approval", "fmt": "pdf"}
    )
    submit(head, step_url(case, "archive"), {"archive_number": "2026-短期-003"})
    assert flow.c.status == "archived"


def test_a_case_transferred_to_judicial_organs_closes_after_the_receipt(
    flow: Flow, client_for: Clients
) -> None:
    case = flow.until("investigating")
    head, officer = client_for(flow.w.head), client_for(flow.w.officer)
    submit(
        head,
        step_url(case, "transfer"),
        {
            "organ": "鲁山县公安局",
            "reasons": "涉嫌污染环境罪。",
            "approved_by": flow.w.head.pk,
            "on": "2026-03-06",
        },
    )
    assert flow.c.status == "transferred"
    closing = {"report": "已移送公安机关。", "approved_by": flow.w.head.pk}
    refused = submit(officer, step_url(case, "close"), closing, refused=True)
    assert "transfer_receipt_missing" in refused.content.decode()
    submit(head, step_url(case, "transfer-receipt"), {"receipt_on": "2026-03-10"})
    submit(officer, step_url(case, "close"), closing)
    assert flow.c.status == "closed"


def test_court_enforcement_through_the_pages__ENF_15(flow: Flow, client_for: Clients) -> None:
    case = flow.until("delivered")  # delivered 2026-03-23: apply from 2026-09-24 until 2026-12-23
    officer = client_for(flow.w.officer)
    application = {"applied_on": "2026-09-28", "court": "鲁山县人民法院"}
    refused = submit(officer, step_url(case, "court-application"), application, refused=True)
    assert "reminder_missing" in refused.content.decode()
    submit(officer, step_url(case, "court-application"), {**application, "reminder_on": "2026-09-10"})
    assert flow.c.status == "court_enforcement"
    submit(officer, step_url(case, "court-finish"), {"finished_on": "2026-10-15", "result": "已执行到位。"})
    assert flow.c.status == "executed"


def test_an_officer_withdraws_and_the_head_decides__ENF_12(flow: Flow, client_for: Clients) -> None:
    case = flow.until("investigating")
    officer, head = client_for(flow.w.officer), client_for(flow.w.head)
    second = case.officers.get(person=flow.w.officer2)
    submit(
        officer,
        step_url(case, "withdrawal-request"),
        {
            "officer": second.pk,
            "reason": "relative",
            "raised_by": "officer",
            "note": "当事人法定代表人系其表兄",
        },
    )
    body = head.get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()
    assert 'data-step="withdrawal-decide"' in body
    withdrawal = case.withdrawals.get()
    submit(head, step_url(case, "withdrawal-decide"), {"withdrawal": withdrawal.pk, "approved": "1"})
    second.refresh_from_db()
    assert second.removed_at is not None
    services.case_assign_officers(
        actor=flow.w.officer,
        case=case,
        certificates=[flow.w.certs["c1"], flow.w.certs["c3"]],
        on=D(2026, 3, 5),
    )
    assert case.officers.filter(removed_at__isnull=True).count() == 2
