"""The shared factories and fixtures behave as documented."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from yiwang.kernel.access import can
from yiwang.kernel.testing.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_person_factory_grants_system_wide_or_scoped(org_tree: dict[str, Any]) -> None:
    everywhere = PersonFactory(permissions=["calendar.manage_override"])
    scoped = PersonFactory(permissions=["modules.manage_activation"], permissions__scope=org_tree["bureau"])
    assert can(everywhere, "calendar.manage_override")
    assert can(scoped, "modules.manage_activation", org_tree["unit"])
    assert not can(scoped, "modules.manage_activation", org_tree["neighbour"])
    assert not can(PersonFactory(), "calendar.manage_override")
    assert PersonFactory.create(superuser=True).user.is_superuser


def test_org_tree_is_a_tree(org_tree: dict[str, Any]) -> None:
    county, bureau, unit, neighbour = (org_tree[k] for k in ("county", "bureau", "unit", "neighbour"))
    assert county.contains(bureau) and bureau.contains(unit) and county.contains(neighbour)
    assert not bureau.contains(neighbour)
    assert OrganizationFactory.create().depth == 1


def test_clients_are_signed_in(
    make_person: Callable[..., Any], client_for: Callable[[Any], Client], api_client_for: Any, api_client: Any
) -> None:
    person = make_person()
    assert client_for(person).get(reverse("calendar:index")).status_code == 200
    assert api_client_for(person).get(reverse("calendar_api:years")).status_code == 200
    assert api_client.get(reverse("calendar_api:years")).status_code == 401


def test_ledger_size_counts(ledger_size: Callable[[], int], make_person: Callable[..., Any]) -> None:
    from yiwang.kernel.calendar import services

    before = ledger_size()
    services.override_create(
        actor=make_person(superuser=True),
        day=date(2026, 10, 9),
        is_working_day=False,
        reason="测试",
        source_document="通知",
        source_date=date(2026, 9, 1),
    )
    assert ledger_size() == before + 1
