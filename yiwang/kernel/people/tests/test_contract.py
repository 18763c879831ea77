from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from yiwang.kernel.organizations.tests.trees import build_lushan
from yiwang.kernel.people.services import certificate_issue, person_create, position_assign
from yiwang.kernel.testing.contract import ModuleContract
from yiwang.kernel.testing.hostile import SCRIPT


class TestPeopleContract(ModuleContract):
    app_label = "people"

    def hostile_pages(self, actor: Any) -> list[str]:
        tree = build_lushan(actor)
        person = person_create(actor=actor, name=SCRIPT, organization=tree.inspection, phone="")
        position_assign(actor=actor, person=person, organization=tree.inspection, title=SCRIPT)
        today = timezone.localdate()
        certificate_issue(
            actor=actor,
            holder=person,
            number="ZF-1",
            issuing_authority=SCRIPT,
            domain="ecology",
            valid_from=today - datetime.timedelta(days=10),
            valid_to=today + datetime.timedelta(days=5),
        )
        return [
            reverse("people:list"),
            reverse("people:detail", args=[person.pk]),
            reverse("people:certificates"),
            reverse("people:in_organization", args=[tree.bureau.pk]),
        ]


class TestAccessContract(ModuleContract):
    app_label = "access"
