"""API reads: the filtered case list, one case with the actor's next steps, deadlines with rule ids,
the queues (ENF-37, ENF-35, ENF-111), documents only for those who may view, and the review
catalogue edited by the legal unit (ENF-30)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from yiwang.kernel import ledger
from yiwang.modules.enforcement import services

from .conftest import Flow

pytestmark = pytest.mark.django_db
ApiClients = Callable[[Any], APIClient]


def ok(response: Any, code: int = 200) -> Any:
    assert response.status_code == code, response.content.decode()[:3000]
    return response.json()


def test_case_list_filters_and_pages(flow: Flow, api_client_for: ApiClients) -> None:
    decided = flow.until("decided")
    pending = Flow(flow.w).until("filing_pending")
    client = api_client_for(flow.w.supervisor)
    everything = ok(client.get("/api/enforcement/cases/"))
    assert everything["count"] == 2
    assert {r["number"] for r in everything["results"]} == {decided.number, pending.number}
    only = ok(client.get("/api/enforcement/cases/", {"status": "decided"}))
    assert [r["number"] for r in only["results"]] == [decided.number]
    overdue = ok(client.get("/api/enforcement/cases/", {"overdue": "true"}))
    assert [r["number"] for r in overdue["results"]] == [decided.number]
    text = ok(client.get("/api/enforcement/cases/", {"q": pending.number}))
    assert [r["number"] for r in text["results"]] == [pending.number]
    paged = ok(client.get("/api/enforcement/cases/", {"limit": 1}))
    assert len(paged["results"]) == 1 and paged["next"]
    bad = client.get("/api/enforcement/cases/", {"filed_from": "not-a-date"})
    assert bad.status_code == 400 and bad.json()["field"] == "filed_from"


def test_case_detail_lists_the_actors_next_steps(flow: Flow, api_client_for: ApiClients) -> None:
    case = flow.until("filing_pending")
    head = ok(api_client_for(flow.w.head).get(f"/api/enforcement/cases/{case.pk}/"))
    assert {s["action"] for s in head["next_steps"]} == {"approve_filing", "reject_filing"}
    officer = ok(api_client_for(flow.w.officer).get(f"/api/enforcement/cases/{case.pk}/"))
    assert officer["next_steps"] == []
    assert officer["parties"][0]["identifier"] == "91410423MA40K8XW5B"


def test_deadlines_carry_rule_ids_and_overdue_flags(flow: Flow, api_client_for: ApiClients) -> None:
    case = flow.until("decided")
    rows = ok(api_client_for(flow.w.officer).get(f"/api/enforcement/cases/{case.pk}/deadlines/"))
    delivery = next(r for r in rows if r["kind"] == "delivery")
    assert delivery["rule"] == "ENF-14" and delivery["overdue"] is True
    assert "ENF-14" in delivery["explanation"]


def test_queues_answer_each_role(flow: Flow, api_client_for: ApiClients) -> None:
    case = flow.until("legal_review")
    reviews = ok(api_client_for(flow.w.reviewer).get("/api/enforcement/queues/review/"))
    assert reviews["results"][0]["case_number"] == case.number and reviews["results"][0]["overdue"] is True
    other = Flow(flow.w).until("filing_pending")
    decisions = ok(api_client_for(flow.w.head).get("/api/enforcement/queues/decision/"))
    assert other.number in {r["number"] for r in decisions["results"]}
    todo = ok(api_client_for(flow.w.officer).get("/api/enforcement/queues/todo/"))
    assert any(t["rule"] == "ENF-37" for t in todo) or any(t["case_number"] == case.number for t in todo)
    overdue = ok(api_client_for(flow.w.supervisor).get("/api/enforcement/queues/overdue/"))
    assert any(r["rule"] == "ENF-37" and r["case_number"] == case.number for r in overdue["results"])


def test_documents_download_only_for_those_who_may_view(flow: Flow, api_client_for: ApiClients) -> None:
    case = flow.until("filed")
    doc = services.document_generate(actor=flow.w.officer, case=case, kind="filing_approval", fmt="pdf")
    listed = ok(api_client_for(flow.w.officer).get(f"/api/enforcement/cases/{case.pk}/documents/"))
    assert listed[0]["sha256"] == doc.sha256
    assert api_client_for(flow.w.officer).get(listed[0]["download_url"]).status_code == 200
    assert api_client_for(flow.w.outsider).get(listed[0]["download_url"]).status_code == 404


def test_the_legal_unit_edits_the_review_catalogue__ENF_30(flow: Flow, api_client_for: ApiClients) -> None:
    bureau = flow.w.tree.bureau
    before = ledger.size()
    body = ok(
        api_client_for(flow.w.reviewer).post(
            f"/api/enforcement/agencies/{bureau.pk}/review-catalogue/",
            {"organization_fine_threshold": 30000, "review_all_ordinary": True},
            format="json",
        )
    )
    assert body["organization_fine_threshold"] == 30000 and body["review_all_ordinary"] is True
    assert ledger.size() == before + 1
    refused = api_client_for(flow.w.officer).post(
        f"/api/enforcement/agencies/{bureau.pk}/review-catalogue/",
        {"person_fine_threshold": 1},
        format="json",
    )
    assert refused.status_code in (403, 404)
    negative = api_client_for(flow.w.reviewer).post(
        f"/api/enforcement/agencies/{bureau.pk}/review-catalogue/",
        {"person_fine_threshold": -5},
        format="json",
    )
    assert negative.status_code == 400 and negative.json()["code"] == "threshold_invalid"
