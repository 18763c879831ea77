"""The module's contract with the kernel (manifest, permissions, roles, nav, pages, escaping, schema)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from yiwang.kernel.organizations.tests.trees import build_lushan
from yiwang.kernel.testing.contract import ModuleContract
from yiwang.kernel.testing.hostile import SCRIPT
from yiwang.modules.enforcement import services
from yiwang.modules.enforcement.services import PartyInput


class TestEnforcementContract(ModuleContract):
    app_label = "enforcement"

    def hostile_pages(self, actor: Any) -> list[str]:
        tree = build_lushan(actor, prefix="contract")
        party = PartyInput(
            party_type="organization",
            name=SCRIPT,
            identifier="91410423MA40K8XW5B",
            legal_representative=SCRIPT,
        )
        case = services.case_file(
            actor=actor,
            unit=tree.inspection,
            kind="penalty",
            title=SCRIPT,
            party=party,
            domain="ecology",
            place=SCRIPT,
        )
        return [reverse("enforcement:case-list"), reverse("enforcement:case-detail", args=[case.pk])]
