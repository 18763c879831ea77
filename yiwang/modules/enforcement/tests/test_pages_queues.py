"""Work queues: the reviewer's queue with ENF-37 overdue flags, the head's decision queue showing why
a case is blocked (ENF-35), the officer's to-do (deadlines with rule ids, next steps) and the
supervisor's overdue page over the bodies below them (ENF-111); the navigation shows each to those
who hold its permission."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from yiwang.modules.enforcement import services
from yiwang.modules.enforcement.rules import CHECKLIST, Finding

from .conftest import D, Flow

pytestmark = pytest.mark.django_db
Clients = Callable[[Any], Client]


def body(client: Client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def test_review_queue_flags_reviews_past_their_time_limit__ENF_37(flow: Flow, client_for: Clients) -> None:
    case = flow.until("legal_review")  # submitted 2026-03-16, 5 working days
    review = case.reviews.get()
    page = body(client_for(flow.w.reviewer), "enforcement:review-queue")
    assert case.number in page
    row = page.split(f'data-case="{case.pk}"', 1)[1].split("</tr>", 1)[0]
    assert row.startswith(' data-overdue="1"')
    assert "超期" in row
    assert review.due_on.isoformat() in row
    assert reverse("enforcement:review-step", args=[review.pk, "answer"]) in row


def test_review_queue_is_for_reviewers(flow: Flow, client_for: Clients) -> None:
    flow.until("legal_review")
    assert client_for(flow.w.officer).get(reverse("enforcement:review-queue")).status_code == 403


def test_answered_reviews_leave_the_queue(flow: Flow, client_for: Clients) -> None:
    case = flow.until("reviewed")
    assert case.number not in body(client_for(flow.w.reviewer), "enforcement:review-queue")


def test_decision_queue_shows_why_a_case_is_blocked__ENF_35(flow: Flow, client_for: Clients) -> None:
    case = flow.until("legal_review")
    review = case.reviews.get()
    findings = [
        Finding(
            p.code, p.code != "facts_and_evidence", "缺少监测报告" if p.code == "facts_and_evidence" else ""
        )
        for p in CHECKLIST
    ]
    services.review_answer(
        actor=flow.w.reviewer,
        review=review,
        outcome="returned",
        findings=findings,
        opinion="补充监测报告。",
        on=D(2026, 3, 18),
    )
    page = body(client_for(flow.w.head), "enforcement:decision-queue")
    row = page.split(f'data-case="{case.pk}"', 1)[1].split("</tr>", 1)[0]
    assert row.startswith(' data-blocked="1"')
    assert "不得作出决定" in row and "退回补正" in row


def test_decision_queue_lists_decisions_waiting_for_the_head(flow: Flow, client_for: Clients) -> None:
    case = flow.until("decision_pending")
    page = body(client_for(flow.w.head), "enforcement:decision-queue")
    row = page.split(f'data-case="{case.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "作出决定" in row and "审核通过" in row
    assert not row.startswith(" data-blocked")
    assert reverse("enforcement:step", args=[case.pk, "decide"]) in row


def test_todo_lists_the_officers_deadlines_and_next_steps(flow: Flow, client_for: Clients) -> None:
    case = flow.until("decided")  # the delivery deadline (ENF-14) is past
    page = body(client_for(flow.w.officer), "enforcement:todo")
    deadlines = page.split('data-testid="todo-deadlines"', 1)[1].split("</table>", 1)[0]
    assert case.number in deadlines and "ENF-14" in deadlines and "已超期" in deadlines
    steps = page.split('data-testid="todo-steps"', 1)[1]
    assert reverse("enforcement:step", args=[case.pk, "delivery"]) in steps


def test_overdue_page_covers_the_supervisors_subtree__ENF_111(
    flow: Flow, client_for: Clients, make_person: Callable[..., Any]
) -> None:
    case = flow.until("decided")
    page = body(client_for(flow.w.supervisor), "enforcement:overdue")
    row = page.split(f'data-case="{case.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "ENF-14" in row and "天" in row and case.agency.name in page
    elsewhere = make_person("enforcement.supervise_case", scope=flow.w.tree.neighbour)
    assert case.number not in body(client_for(elsewhere), "enforcement:overdue")
    assert client_for(flow.w.officer).get(reverse("enforcement:overdue")).status_code == 403


def test_navigation_shows_each_queue_to_those_who_may_use_it(flow: Flow, client_for: Clients) -> None:
    flow.until("filing_pending")
    home = reverse("enforcement:case-list")
    officer = body(client_for(flow.w.officer), "enforcement:case-list")
    assert f'href="{home}"' in officer and reverse("enforcement:todo") in officer
    assert reverse("enforcement:review-queue") not in officer
    reviewer = body(client_for(flow.w.reviewer), "enforcement:case-list")
    assert reverse("enforcement:review-queue") in reviewer
    head = body(client_for(flow.w.head), "enforcement:case-list")
    assert reverse("enforcement:decision-queue") in head
    # one entry marked as the current page at a time
    queue = body(client_for(flow.w.head), "enforcement:decision-queue")
    assert queue.count('aria-current="page"') == 1
    assert f'href="{reverse("enforcement:decision-queue")}" aria-current="page"' in queue
    supervisor = body(client_for(flow.w.supervisor), "enforcement:case-list")
    assert reverse("enforcement:overdue") in supervisor


def test_review_queue_warns_when_reviewers_are_too_few__ENF_36(flow: Flow, client_for: Clients) -> None:
    from yiwang.kernel.testing.factories import EnforcementCertificateFactory, PersonFactory

    assert 'data-testid="reviewer-ratio"' not in body(client_for(flow.w.reviewer), "enforcement:review-queue")
    for n in range(20):  # 24 officers with valid certificates, one reviewer: below 5 %
        EnforcementCertificateFactory(
            number=f"ZF-410423-09{n:02d}",
            holder=PersonFactory(name=f"执法队员{n}", organization=flow.w.tree.inspection),
            organization=flow.w.tree.inspection,
            valid_from=D(2025, 1, 1),
            valid_to=D(2028, 12, 31),
        )
    page = body(client_for(flow.w.reviewer), "enforcement:review-queue")
    warning = page.split('data-testid="reviewer-ratio">', 1)[1].split("</p>", 1)[0]
    assert "法制审核人员1名" in warning and "ENF-36" in warning
