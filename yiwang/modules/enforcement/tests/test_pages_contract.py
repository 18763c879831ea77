"""The enforcement module keeps the kernel's module contract: manifest, permissions, navigation,
every page and API route answering without a server error, hostile strings escaped, templates
without inline script or style, every API route in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from yiwang.kernel.organizations.tests.trees import build_lushan
from yiwang.kernel.testing import SCRIPT
from yiwang.kernel.testing.contract import ModuleContract
from yiwang.modules.enforcement import services

from .conftest import COMPANY, D, enable_enforcement


class TestEnforcementContract(ModuleContract):
    app_label = "enforcement"

    def hostile_pages(self, actor: Any) -> list[str]:
        tree = build_lushan(actor, prefix="contract")
        enable_enforcement(actor, tree.county)
        party = services.PartyInput(
            party_type="organization",
            name=SCRIPT,
            identifier=COMPANY.identifier,
            legal_representative=SCRIPT,
            address=SCRIPT,
        )
        case = services.case_file(
            actor=actor,
            unit=tree.inspection,
            kind="penalty",
            title=SCRIPT,
            party=party,
            domain="ecology",
            place=SCRIPT,
            summary=SCRIPT,
            legal_basis=SCRIPT,
            opinion=SCRIPT,
            on=D(2026, 3, 2),
        )
        services.case_approve_filing(actor=actor, case=case, approve=True, opinion=SCRIPT, on=D(2026, 3, 3))
        return [
            reverse("enforcement:case-list"),
            reverse("enforcement:case-list") + "?q=" + "%3Cscript%3E",
            reverse("enforcement:case-detail", args=[case.pk]),
            reverse("enforcement:step", args=[case.pk, "correction"]),
            reverse("enforcement:transition", args=[case.pk, "start_investigation"]),
        ]
