"""Other kinds through the pages (ENF-01): an inspection from plan to archive with the generic
transition form (the fields each step's guards need, nothing more), and a permit application whose
acceptance needs complete materials."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from yiwang.kernel import ledger
from yiwang.modules.enforcement import services
from yiwang.modules.enforcement.models import Case

from .conftest import COMPANY, D, World
from .test_pages_steps import step_url, submit

pytestmark = pytest.mark.django_db
Clients = Callable[[Any], Client]


def transition(case: Case, action: str) -> str:
    return reverse("enforcement:transition", args=[case.pk, action])


def _file(world: World, kind: str) -> Case:
    return services.case_file(
        actor=world.officer,
        unit=world.tree.inspection,
        kind=kind,
        title="鲁山县琴台建材有限公司双随机检查" if kind == "inspection" else "排污许可证申请",
        party=COMPANY,
        domain="ecology",
        on=D(2026, 3, 2),
    )


def test_an_inspection_from_plan_to_archive_through_the_pages__ENF_01(
    world: World, client_for: Clients
) -> None:
    officer, head = client_for(world.officer), client_for(world.head)
    case = _file(world, "inspection")
    assert case.status == "planned"
    submit(
        officer, step_url(case, "officers"), {"certificates": [world.certs["c1"].pk, world.certs["c2"].pk]}
    )
    submit(officer, transition(case, "start_inspection"), {})
    officers = [o.pk for o in case.officers.filter(removed_at__isnull=True)]
    submit(
        officer,
        step_url(case, "inspection"),
        {
            "started_at": "2026-03-04T14:00",
            "ended_at": "2026-03-04T15:00",
            "place": "厂区",
            "inspectors": officers,
            "recorder": "吴晓东",
            "present_person": "刘洋",
            "certificates_shown": "on",
            "findings": "除尘设施正常运行。",
            "party_signed": "on",
        },
    )
    submit(officer, transition(case, "record_findings"), {})
    # the generic form asks only for what the step's guards need: here nothing but the day
    form = officer.get(transition(case, "no_problem")).content.decode().split('data-testid="step-form"')[1]
    assert 'name="on"' in form and 'name="reasons"' not in form and 'name="report"' not in form
    submit(officer, transition(case, "no_problem"), {})
    page = officer.get(step_url(case, "close")).content.decode()
    assert "结案报告" in page and world.head.name in page
    submit(officer, step_url(case, "close"), {"report": "检查未发现问题。", "approved_by": world.head.pk})
    refused = submit(head, step_url(case, "archive"), {"archive_number": "2026-检-001"}, refused=True)
    assert "case_file_incomplete" in refused.content.decode()
    officer.post(
        reverse("enforcement:document-generate", args=[case.pk]), {"kind": "inspection_record", "fmt": "pdf"}
    )
    submit(head, step_url(case, "archive"), {"archive_number": "2026-检-001"})
    case.refresh_from_db()
    assert case.status == "archived"


def test_the_generic_form_asks_for_the_reasons_a_step_needs__ENF_10(
    world: World, client_for: Clients
) -> None:
    case = _file(world, "inspection")
    officer = client_for(world.officer)
    page = officer.get(transition(case, "terminate"))
    assert page.status_code == 403  # 终止 is the head's (enforcement.approve_case)
    body = client_for(world.head).get(step_url(case, "terminate")).content.decode()
    assert 'name="reasons"' in body and "终止办理" in body


def test_a_permit_is_accepted_only_with_complete_materials(world: World, client_for: Clients) -> None:
    case = _file(world, "permit")
    officer = client_for(world.officer)
    assert 'name="materials_complete"' in officer.get(transition(case, "accept")).content.decode()
    before = ledger.size()
    refused = submit(officer, transition(case, "accept"), {}, refused=True)
    assert 'data-code="materials_incomplete"' in refused.content.decode()
    assert ledger.size() == before
    submit(officer, transition(case, "accept"), {"materials_complete": "on"})
    case.refresh_from_db()
    assert case.status == "accepted"
