"""The case list (filters, paging, scope), registering a case, and the case page: status, next steps
for the actor, flow chart with the current status, deadlines with rule ids, documents, timeline
with ledger links (ENF-10, ENF-70)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from yiwang.kernel import ledger
from yiwang.modules.enforcement.models import Case, GeneratedDocument

from .conftest import COMPANY, D, Flow, World

pytestmark = pytest.mark.django_db
Clients = Callable[[Any], Client]


def _page(client: Client, url: str, **params: Any) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def test_case_list_shows_the_cases_in_scope_with_status_labels__ENF_10(
    flow: Flow, client_for: Clients
) -> None:
    case = flow.until("filed")
    body = _page(client_for(flow.w.officer), reverse("enforcement:case-list"))
    assert case.number in body
    assert "已立案" in body
    assert COMPANY.name in body
    # another county's officer sees nothing of the bureau's cases
    assert case.number not in _page(client_for(flow.w.outsider), reverse("enforcement:case-list"))


def test_case_list_filters_by_status_kind_text_dates_and_overdue(flow: Flow, client_for: Clients) -> None:
    first = flow.until("decided")  # delivery deadline (ENF-14) runs from 2026-03-20 and is long past
    second = Flow(flow.w, fine=flow.fine)
    other = second.until("filing_pending")
    client = client_for(flow.w.supervisor)
    url = reverse("enforcement:case-list")
    by_status = _page(client, url, status="decided")
    assert first.number in by_status and other.number not in by_status
    assert other.number in _page(client, url, status="filing_pending", kind="penalty")
    assert first.number not in _page(client, url, kind="permit")
    assert first.number in _page(client, url, q=first.number)
    assert other.number not in _page(client, url, q=first.number)
    overdue = _page(client, url, overdue="on")
    assert first.number in overdue and other.number not in overdue
    assert first.number in _page(client, url, filed_from="2026-03-01", filed_to="2026-03-31")
    assert "没有符合条件的案件" in _page(client, url, filed_from="2025-01-01", filed_to="2025-01-31")
    assert first.number in _page(client, url, unit=flow.w.tree.inspection.pk)


def test_case_list_mine_keeps_the_officers_own_cases(flow: Flow, client_for: Clients) -> None:
    assigned = flow.until("investigating")  # 周海涛 and 吴晓东 handle it
    unassigned = Flow(flow.w).until("filing_pending")
    body = _page(client_for(flow.w.officer3), reverse("enforcement:case-list"), mine="on")
    assert assigned.number not in body and unassigned.number not in body
    mine = _page(client_for(flow.w.officer), reverse("enforcement:case-list"), mine="on")
    assert assigned.number in mine and unassigned.number not in mine


def test_case_list_pages_through_many_cases(flow: Flow, client_for: Clients) -> None:
    for _ in range(32):
        Flow(flow.w).filing_pending()
    client = client_for(flow.w.officer)
    first = _page(client, reverse("enforcement:case-list"))
    assert "第 1 / 2 页" in first and 'rel="next"' in first
    second = _page(client, reverse("enforcement:case-list"), page=2)
    assert "第 2 / 2 页" in second
    assert len(re.findall(r"<tr data-case=", first)) == 30
    assert len(re.findall(r"<tr data-case=", second)) == 2


def test_case_list_needs_the_view_permission(make_person: Callable[..., Any], client_for: Clients) -> None:
    assert client_for(make_person()).get(reverse("enforcement:case-list")).status_code == 403


def test_registering_a_case_through_the_page_sends_it_for_filing__ENF_10(
    world: World, client_for: Clients
) -> None:
    client = client_for(world.officer)
    form = _page(client, reverse("enforcement:case-new"))
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', form)
    assert key is not None
    data = {
        "idempotency_key": key.group(1),
        "kind": "penalty",
        "unit": world.tree.inspection.pk,
        "title": "未采取措施控制粉尘排放案",
        "violation_type": world.violation().pk,
        "source": "inspection",
        "party_type": "organization",
        "party_name": COMPANY.name,
        "party_identifier": COMPANY.identifier,
        "party_legal_representative": COMPANY.legal_representative,
        "ordinary_procedure": "on",
        "on": "2026-03-02",
    }
    before = ledger.size()
    response = client.post(reverse("enforcement:case-new"), data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == reverse("enforcement:case-detail", args=[case.pk])
    assert case.status == "filing_pending"
    assert ledger.size() > before
    # the same form sent again applies once
    again = client.post(reverse("enforcement:case-new"), data)
    assert again.status_code == 302 and Case.objects.count() == 1


def test_registering_with_a_bad_credit_code_shows_the_error_next_to_the_field(
    world: World, client_for: Clients
) -> None:
    client = client_for(world.officer)
    data = {
        "idempotency_key": "k-bad-code",
        "kind": "penalty",
        "unit": world.tree.inspection.pk,
        "title": "案由",
        "violation_type": world.violation().pk,
        "source": "inspection",
        "party_type": "organization",
        "party_name": COMPANY.name,
        "party_identifier": "91410423MA40K8XW5C",  # wrong check character (GB 32100)
        "party_legal_representative": "陈志强",
    }
    before = ledger.size()
    response = client.post(reverse("enforcement:case-new"), data)
    assert response.status_code == 200 and 'data-testid="form-error"' in response.content.decode()
    body = response.content.decode()
    field = re.search(r'data-field="party_identifier".*?</div>', body, re.S)
    assert field is not None and "统一社会信用代码" in field.group(0) and "field-error" in field.group(0)
    assert Case.objects.count() == 0 and ledger.size() == before


def test_case_page_shows_status_next_steps_chart_deadlines_and_timeline__ENF_70(
    flow: Flow, client_for: Clients
) -> None:
    case = flow.until("decided")
    body = _page(client_for(flow.w.officer), reverse("enforcement:case-detail", args=[case.pk]))
    assert 'data-testid="case-status" data-status="decided"' in body
    assert "已作出处罚决定" in body
    # the officer may deliver next; the head's steps are not offered to them
    assert 'data-action="deliver"' in body
    # flow chart of the kind with the current status marked (inline SVG, no style attribute)
    assert '<g class="node current" data-status="decided" aria-current="step">' in body
    assert "<svg" in body and " style=" not in body.split("<svg", 1)[1].split("</svg>", 1)[0]
    # deadlines with their rule ids and overdue flags (delivery within 7 working days, ENF-14)
    assert 'data-rule="ENF-14"' in body and 'data-overdue="1"' in body
    # every step on the timeline links to its entry on the public ledger check
    seqs = re.findall(r'href="/ledger/\?q=(\d+)" data-testid="ledger-link"', body)
    assert len(seqs) >= 12
    assert "负责人批准作出决定" in body
    # legal review history with the checklist answers (ENF-32)
    assert "审核通过" in body and "行政执法主体是否合法" in body


def test_head_sees_the_filing_approval_as_next_step(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filing_pending")
    body = _page(client_for(flow.w.head), reverse("enforcement:case-detail", args=[case.pk]))
    url = reverse("enforcement:step", args=[case.pk, "filing-approval"])
    assert f'href="{url}" data-action="approve_filing"' in body
    officer_body = _page(client_for(flow.w.officer), reverse("enforcement:case-detail", args=[case.pk]))
    assert 'data-action="approve_filing"' not in officer_body


def test_case_page_is_not_found_outside_the_actors_scope(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filing_pending")
    assert (
        client_for(flow.w.outsider).get(reverse("enforcement:case-detail", args=[case.pk])).status_code == 404
    )


def test_documents_are_generated_from_the_page_and_downloaded_only_by_those_who_may_view(
    flow: Flow, client_for: Clients, client: Client
) -> None:
    case = flow.until("filed")
    officer = client_for(flow.w.officer)
    before = ledger.size()
    response = officer.post(
        reverse("enforcement:document-generate", args=[case.pk]), {"kind": "filing_approval", "fmt": "pdf"}
    )
    assert response.status_code == 302
    doc = GeneratedDocument.objects.get(case=case)
    assert ledger.size() == before + 1 and doc.ledger_seq is not None
    body = _page(officer, reverse("enforcement:case-detail", args=[case.pk]))
    assert doc.sm3 in body and doc.sha256 in body
    download = officer.get(reverse("enforcement:document-download", args=[doc.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert bytes(download.content).startswith(b"%PDF")
    assert "attachment" in download["Content-Disposition"]
    # no public address: anonymous visitors are sent to sign in, other agencies get 404
    anonymous = client.get(reverse("enforcement:document-download", args=[doc.pk]))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert (
        client_for(flow.w.outsider).get(reverse("enforcement:document-download", args=[doc.pk])).status_code
        == 404
    )


def test_a_document_button_pressed_twice_generates_once(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filed")
    officer = client_for(flow.w.officer)
    page = _page(officer, reverse("enforcement:case-detail", args=[case.pk]))
    form = page.split('data-kind="filing_approval"', 1)[1].split("</form>", 1)[0]
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', form)
    assert key is not None
    data = {"kind": "filing_approval", "fmt": "pdf", "idempotency_key": key.group(1)}
    url = reverse("enforcement:document-generate", args=[case.pk])
    assert officer.post(url, data).status_code == 302
    once = ledger.size()
    assert officer.post(url, data).status_code == 302
    assert GeneratedDocument.objects.filter(case=case).count() == 1 and ledger.size() == once


def test_a_document_the_case_cannot_have_yet_is_refused_with_a_message(
    flow: Flow, client_for: Clients
) -> None:
    case = flow.until("filed")
    officer = client_for(flow.w.officer)
    before = ledger.size()
    response = officer.post(
        reverse("enforcement:document-generate", args=[case.pk]),
        {"kind": "penalty_decision", "fmt": "docx"},
        follow=True,
    )
    assert "行政处罚决定书：" in response.content.decode()
    assert GeneratedDocument.objects.filter(case=case).count() == 0 and ledger.size() == before


def test_flow_charts_page_draws_every_kind(world: World, client_for: Clients) -> None:
    body = _page(client_for(world.officer), reverse("enforcement:flow-charts"))
    for title in ("行政处罚", "行政强制", "行政检查", "行政许可", "行政征收征用", "重大执法决定法制审核"):
        assert title in body
    assert body.count("<svg") == 6


def test_dates_on_the_list_are_the_registration_days(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filing_pending")
    assert case.filed_at.date() == D(2026, 3, 2) or case.filed_at.astimezone().date() == D(2026, 3, 2)
    assert "2026-03-02" in _page(client_for(flow.w.officer), reverse("enforcement:case-list"))


def test_case_list_filter_bar_groups_statuses_by_kind_and_lists_the_scopes_units(
    flow: Flow, client_for: Clients
) -> None:
    body = _page(client_for(flow.w.officer), reverse("enforcement:case-list"), status="investigating")
    status = re.search(r'<select[^>]*name="status".*?</select>', body, re.S)
    assert status is not None
    assert '<optgroup label="行政处罚">' in status.group(0)  # real elements, not escaped text
    assert '<option value="investigating" selected>' in status.group(0)
    unit = re.search(r'<select[^>]*name="unit".*?</select>', body, re.S)
    assert unit is not None and flow.w.tree.inspection.name in unit.group(0)
    other = flow.w.outsider.organization
    assert other is not None and other.name not in unit.group(0)


def test_case_list_refuses_a_unit_outside_the_scope_with_a_message(flow: Flow, client_for: Clients) -> None:
    case = flow.until("filed")
    other = flow.w.outsider.organization
    assert other is not None
    body = _page(client_for(flow.w.officer), reverse("enforcement:case-list"), unit=other.pk)
    assert 'data-for="unit"' in body and "选择一个有效的选项" in body
    assert case.number in body  # the list stays unfiltered, nothing hidden by a bad filter


def test_case_list_says_when_the_list_goes_beyond_the_counted_rows(
    flow: Flow, client_for: Clients, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yiwang.kernel.ui import pagination

    for _ in range(4):
        Flow(flow.w).filing_pending()
    monkeypatch.setattr(pagination, "DEFAULT_CAP", 2)
    monkeypatch.setattr(pagination.paginate, "__kwdefaults__", {"cap": 2})
    client = client_for(flow.w.officer)
    body = _page(client, reverse("enforcement:case-list"))
    assert "超过 2 条，仅列出前 2 条，请用筛选条件缩小范围" in body
    assert len(re.findall(r"<tr data-case=", body)) == 2
    monkeypatch.setattr(pagination.paginate, "__kwdefaults__", {"cap": 1000})
    full = _page(client, reverse("enforcement:case-list"))
    total = re.search(r"共 (\d+) 条", full)
    assert total is not None and int(total.group(1)) == len(re.findall(r"<tr data-case=", full)) >= 4
