"""A small real tree built through the services, shared by the kernel's tests.

鲁山县人民政府 → 鲁山县环境保护局 → 法制股 / 环境监察大队, and 鲁山县司法局 beside the bureau.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yiwang.kernel.organizations.models import Kind, Organization
from yiwang.kernel.organizations.seeds import fabricate_credit_code
from yiwang.kernel.organizations.services import organization_create


@dataclass
class Lushan:
    county: Organization
    bureau: Organization
    legal_unit: Organization
    inspection: Organization
    neighbour: Organization


def code(key: str) -> str:
    return fabricate_credit_code("410423", key)


def build_lushan(admin: Any, prefix: str = "t") -> Lushan:
    county = organization_create(
        actor=admin,
        parent=None,
        name="鲁山县人民政府",
        kind=Kind.GOVERNMENT,
        credit_code=code(prefix + "gov"),
    )
    bureau = organization_create(
        actor=admin,
        parent=county,
        name="鲁山县环境保护局",
        kind=Kind.DEPARTMENT,
        credit_code=code(prefix + "epb"),
    )
    legal = organization_create(actor=admin, parent=bureau, name="法制股", kind=Kind.UNIT)
    inspection = organization_create(actor=admin, parent=bureau, name="环境监察大队", kind=Kind.UNIT)
    neighbour = organization_create(
        actor=admin,
        parent=county,
        name="鲁山县司法局",
        kind=Kind.DEPARTMENT,
        credit_code=code(prefix + "sfj"),
    )
    return Lushan(county, bureau, legal, inspection, neighbour)
