"""The REST API on the real database: a penalty case from filing to archive with one POST per
service, the ENF-35 refusal (400 ``review_required``, nothing written), other refusals with the
uniform error body, idempotency, token and session authentication, and the OpenAPI schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from yiwang.kernel import ledger
from yiwang.modules.enforcement.models import Case, CaseEvent, GeneratedDocument
from yiwang.modules.enforcement.rules import CHECKLIST

from .conftest import COMPANY, Flow, World

pytestmark = pytest.mark.django_db
ApiClients = Callable[[Any], APIClient]


def url(case: Case | int, step: str) -> str:
    pk = case.pk if isinstance(case, Case) else case
    return f"/api/enforcement/cases/{pk}/{step}/"


def ok(response: Any, code: int = 200) -> Any:
    assert response.status_code == code, response.content.decode()[:3000]
    return response.json()


def test_decision_without_review_is_refused_by_the_api_and_writes_nothing__ENF_35(
    flow: Flow, api_client_for: ApiClients
) -> None:
    case = flow.until("rights_heard")  # 80,000 yuan on an organisation: a major decision (ENF-30)
    before = ledger.size()
    events = CaseEvent.objects.filter(case=case).count()
    response = api_client_for(flow.w.head).post(url(case, "decide"), {"on": "2026-03-20"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "review_required"
    assert body["message"].startswith("重大执法决定未经法制审核，不得作出决定")
    assert body["field"] == "review"
    assert ledger.size() == before
    assert CaseEvent.objects.filter(case=case).count() == events
    case.refresh_from_db()
    assert case.status == "rights_heard" and case.decided_on is None


def test_the_head_decides_through_the_api_once_the_review_passed__ENF_35(
    flow: Flow, api_client_for: ApiClients
) -> None:
    case = flow.until("decision_pending")
    body = ok(api_client_for(flow.w.head).post(url(case, "decide"), {"on": "2026-03-20"}, format="json"))
    assert body["status"] == "decided" and body["decision"]["status"] == "issued"
    assert body["decided_fine"] == "80000.00"


def test_a_penalty_case_from_filing_to_archive_through_the_api__ENF_10(
    world: World, api_client_for: ApiClients
) -> None:
    officer, head, reviewer = (
        api_client_for(world.officer),
        api_client_for(world.head),
        api_client_for(world.reviewer),
    )
    created = ok(
        officer.post(
            "/api/enforcement/cases/",
            {
                "unit": world.tree.inspection.pk,
                "kind": "penalty",
                "title": "未采取措施控制粉尘排放案",
                "party": {
                    "party_type": "organization",
                    "name": COMPANY.name,
                    "identifier": COMPANY.identifier,
                    "legal_representative": COMPANY.legal_representative,
                    "address": COMPANY.address,
                },
                "violation_type": world.violation().pk,
                "on": "2026-03-02",
                "idempotency_key": "file-1",
            },
            format="json",
        ),
        201,
    )
    pk = created["id"]
    assert created["status"] == "filing_pending" and created["number"] == "鲁环罚〔2026〕1号"
    ok(head.post(url(pk, "approve-filing"), {"approve": True, "on": "2026-03-03"}, format="json"))
    c1, c2 = world.certs["c1"].pk, world.certs["c2"].pk
    body = ok(
        officer.post(
            url(pk, "officers"), {"certificates": [c1, c2], "lead": c1, "on": "2026-03-03"}, format="json"
        )
    )
    officers = [o["id"] for o in body["officers"]]
    assert {o["certificate_number"] for o in body["officers"]} == {"ZF-410423-0101", "ZF-410423-0102"}
    ok(
        officer.post(
            url(pk, "transition"), {"action": "start_investigation", "on": "2026-03-03"}, format="json"
        )
    )
    ok(
        officer.post(
            url(pk, "inspections"),
            {
                "started_at": "2026-03-04T14:00:00+08:00",
                "ended_at": "2026-03-04T15:20:00+08:00",
                "place": "厂区",
                "inspectors": officers,
                "recorder": "吴晓东",
                "present_person": "刘洋",
                "findings": "未配套建设除尘设施。",
            },
            format="json",
        )
    )
    ok(
        officer.post(
            url(pk, "evidence"),
            {"kind": "photo", "title": "现场照片", "collected_on": "2026-03-04"},
            format="json",
        )
    )
    ok(
        officer.post(
            url(pk, "inquiries"),
            {
                "started_at": "2026-03-05T09:30:00+08:00",
                "ended_at": "2026-03-05T10:45:00+08:00",
                "place": "询问室",
                "inquirers": officers,
                "recorder": "吴晓东",
                "interviewee": {"name": "陈志强", "gender": "男"},
                "qas": [{"question": "是否配套建设了除尘设施？", "answer": "还没有建。"}],
            },
            format="json",
        )
    )
    ok(
        officer.post(
            url(pk, "finish-investigation"), {"report": "事实清楚。", "on": "2026-03-09"}, format="json"
        )
    )
    ok(
        officer.post(
            url(pk, "draft-decision"),
            {"kind": "fine", "fine_amount": "80000", "facts": "粉尘无组织排放。"},
            format="json",
        )
    )
    ok(
        officer.post(
            url(pk, "transition"), {"action": "submit_case_review", "on": "2026-03-10"}, format="json"
        )
    )
    ok(officer.post(url(pk, "notice"), {"served_on": "2026-03-11"}, format="json"))
    ok(officer.post(url(pk, "statements"), {"kind": "waiver", "received_on": "2026-03-12"}, format="json"))
    ok(officer.post(url(pk, "close-statements"), {"on": "2026-03-13"}, format="json"))
    # ENF-35 before the review
    refused = head.post(url(pk, "decide"), {"on": "2026-03-13"}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "review_required"
    ok(
        officer.post(
            url(pk, "submit-review"),
            {"materials": ["filing_approval", "inspection_record", "photos_evidence"], "on": "2026-03-16"},
            format="json",
        )
    )
    reviews = ok(officer.get(url(pk, "reviews")))
    review = reviews[0]["id"]
    findings = [{"point": p.code, "ok": True} for p in CHECKLIST]
    answered = ok(
        reviewer.post(
            f"/api/enforcement/reviews/{review}/answer/",
            {"outcome": "passed", "findings": findings, "opinion": "同意。", "on": "2026-03-18"},
            format="json",
        )
    )
    assert answered["status"] == "passed" and len(answered["opinions"][0]["findings"]) == 9
    ok(officer.post(url(pk, "complete-review"), {"on": "2026-03-18"}, format="json"))
    ok(officer.post(url(pk, "transition"), {"action": "submit_decision", "on": "2026-03-19"}, format="json"))
    ok(head.post(url(pk, "decide"), {"on": "2026-03-20"}, format="json"))
    ok(
        officer.post(
            url(pk, "delivery"),
            {
                "delivered_on": "2026-03-23",
                "method": "direct",
                "recipient": COMPANY.name,
                "place": "厂区",
                "officers": officers,
            },
            format="json",
        )
    )
    body = ok(officer.post(url(pk, "payments"), {"amount": "80000", "paid_on": "2026-04-01"}, format="json"))
    assert body["status"] == "executed"
    for kind in (
        "filing_approval",
        "inquiry_record",
        "inspection_record",
        "advance_notice",
        "review_opinion",
        "penalty_decision",
        "delivery_receipt",
    ):
        doc = ok(officer.post(url(pk, "documents"), {"kind": kind, "format": "docx"}, format="json"), 201)
        assert len(doc["sm3"]) == 64 and doc["ledger_seq"] is not None
    download = officer.get(doc["download_url"])
    assert download.status_code == 200 and bytes(download.content).startswith(b"PK")
    ok(
        officer.post(
            url(pk, "close"),
            {"report": "罚款已缴清。", "approved_by": world.head.pk, "on": "2026-04-02"},
            format="json",
        )
    )
    body = ok(
        head.post(url(pk, "archive"), {"archive_number": "2026-永久-012", "on": "2026-04-03"}, format="json")
    )
    assert body["status"] == "archived"
    timeline = ok(officer.get(url(pk, "timeline")))
    assert all(e["ledger_seq"] for e in timeline)
    assert timeline[-1]["ledger_url"] == f"/ledger/?q={timeline[-1]['ledger_seq']}"
    assert GeneratedDocument.objects.filter(case_id=pk).count() == 7


def test_refusals_use_the_uniform_error_body_and_write_nothing(
    flow: Flow, api_client_for: ApiClients
) -> None:
    case = flow.until("filed")
    officer = api_client_for(flow.w.officer)
    before = ledger.size()
    expired = officer.post(
        url(case, "officers"),
        {"certificates": [flow.w.certs["c1"].pk, flow.w.certs["expired"].pk]},
        format="json",
    )
    assert expired.status_code == 400
    assert expired.json()["code"] in {"certificate_expired", "certificate_not_valid"}
    assert expired.json()["field"] == "officers"
    one = officer.post(url(case, "officers"), {"certificates": [flow.w.certs["c1"].pk]}, format="json")
    assert one.json()["code"] == "officers_too_few"
    wrong = officer.post(url(case, "transition"), {"action": "submit_case_review"}, format="json")
    assert wrong.json()["code"] == "transition_not_allowed"
    assert "不能执行" in wrong.json()["message"]
    missing = officer.post(url(case, "officers"), {}, format="json")
    assert (
        missing.status_code == 400
        and missing.json()["code"] == "invalid"
        and missing.json()["field"] == "certificates"
    )
    assert ledger.size() == before and not case.officers.exists()


def test_the_same_request_sent_twice_applies_once(flow: Flow, api_client_for: ApiClients) -> None:
    case = flow.until("filing_pending")
    head = api_client_for(flow.w.head)
    body = {
        "approve": True,
        "on": "2026-03-03",
        "idempotency_key": "approve-1",
        "expected_status": "filing_pending",
    }
    ok(head.post(url(case, "approve-filing"), body, format="json"))
    once = ledger.size()
    again = ok(head.post(url(case, "approve-filing"), body, format="json"))
    assert again["status"] == "filed" and ledger.size() == once


def test_a_statement_sent_twice_is_recorded_once(flow: Flow, api_client_for: ApiClients) -> None:
    case = flow.until("notified")
    officer = api_client_for(flow.w.officer)
    body = {"kind": "defence", "received_on": "2026-03-12", "content": "已整改。", "idempotency_key": "st-1"}
    ok(officer.post(url(case, "statements"), body, format="json"))
    once = ledger.size()
    ok(officer.post(url(case, "statements"), body, format="json"))
    assert case.statements.count() == 1 and ledger.size() == once


def test_a_stale_request_is_refused(flow: Flow, api_client_for: ApiClients) -> None:
    case = flow.until("filing_pending")
    response = api_client_for(flow.w.head).post(
        url(case, "approve-filing"), {"approve": True, "expected_status": "clue"}, format="json"
    )
    assert response.status_code == 400 and response.json()["code"] == "stale_status"


def test_token_authentication_works_and_anonymous_requests_are_refused(
    flow: Flow, api_client: APIClient
) -> None:
    case = flow.until("filing_pending")
    assert api_client.get(f"/api/enforcement/cases/{case.pk}/").status_code in (401, 403)
    user = flow.w.officer.user
    assert user is not None
    token = Token.objects.create(user=user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = ok(api_client.get(f"/api/enforcement/cases/{case.pk}/"))
    assert body["number"] == case.number and body["status_label"] == "立案审批"


def test_session_requests_need_the_csrf_token(flow: Flow) -> None:
    case = flow.until("filing_pending")
    client = APIClient(enforce_csrf_checks=True)
    assert flow.w.head.user is not None
    client.force_login(flow.w.head.user)
    response = client.post(url(case, "approve-filing"), {"approve": True}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "csrf_failed"


def test_other_agencies_cannot_see_or_act_on_the_case(flow: Flow, api_client_for: ApiClients) -> None:
    case = flow.until("filing_pending")
    outsider = api_client_for(flow.w.outsider)
    assert outsider.get(f"/api/enforcement/cases/{case.pk}/").json()["code"] == "not_found"
    response = outsider.post(url(case, "approve-filing"), {"approve": True}, format="json")
    assert response.status_code == 404


def test_every_step_is_in_the_openapi_schema(client: Client) -> None:
    schema = json.loads(client.get(reverse("schema"), {"format": "json"}).content)
    paths = schema["paths"]
    for step in (
        "decide",
        "approve-filing",
        "officers",
        "submit-review",
        "delivery",
        "archive",
        "transition",
    ):
        post = paths[f"/api/enforcement/cases/{{id}}/{step}/"]["post"]
        assert "requestBody" in post and "400" in post["responses"]
    assert "/api/enforcement/reviews/{id}/answer/" in paths
    assert "/api/enforcement/queues/review/" in paths
