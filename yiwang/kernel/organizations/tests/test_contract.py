from __future__ import annotations

from typing import Any

from django.urls import reverse

from yiwang.kernel.testing.contract import ModuleContract
from yiwang.kernel.testing.factories import OrganizationFactory
from yiwang.kernel.testing.hostile import SCRIPT


class TestOrganizationsContract(ModuleContract):
    app_label = "organizations"

    def hostile_pages(self, actor: Any) -> list[str]:
        org: Any = OrganizationFactory(name=SCRIPT, short_name=SCRIPT[:60])
        return [reverse("organizations:list"), reverse("organizations:detail", args=[org.pk])]
