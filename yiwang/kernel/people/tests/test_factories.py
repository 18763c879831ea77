"""The shared factories make valid rows full of hostile text, and pages escape them."""

from __future__ import annotations

from typing import Any

import pytest

from yiwang.kernel.access import can
from yiwang.kernel.people import rules
from yiwang.kernel.people.models import EnforcementCertificate
from yiwang.kernel.testing.factories import (
    EnforcementCertificateFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    RoleAssignmentFactory,
    RoleFactory,
)
from yiwang.kernel.testing.hostile import HOSTILE

pytestmark = pytest.mark.django_db


def test_factories_fill_text_with_hostile_strings() -> None:
    texts: list[str] = []
    for _ in range(len(HOSTILE)):
        position: Any = PositionFactory()
        cert: Any = EnforcementCertificateFactory()
        texts += [position.title, position.person.name, position.organization.name, cert.issuing_authority]
    assert any("<script>" in t for t in texts)
    assert any("😀" in t for t in texts)
    assert any("１２３" in t for t in texts)
    assert any(len(t) >= 100 and "县人民政府" in t for t in texts)


def test_role_assignment_factory_grants_within_its_subtree() -> None:
    county: Any = OrganizationFactory()
    bureau: Any = OrganizationFactory(parent=county)
    unit: Any = OrganizationFactory(parent=bureau, kind="unit")
    role: Any = RoleFactory(organization=bureau, permissions=["organizations.view_organization"])
    assignment: Any = RoleAssignmentFactory(organization=bureau, role=role)
    person = assignment.person
    assert can(person, "organizations.view_organization", unit)
    assert not can(person, "organizations.view_organization", county)


def test_hostile_certificates_are_escaped_on_the_supervisors_page__ENF_113(client_for: Any) -> None:
    bureau: Any = OrganizationFactory(name="<script>alert(1)</script>")
    cert: Any = EnforcementCertificateFactory(
        organization=bureau, ends_in_days=3, issuing_authority="<b>发证</b>"
    )
    assert rules.certificate_warning_level(cert, cert.valid_to) == rules.WarningLevel.EXPIRING
    supervisor = PersonFactory(permissions=["people.view_certificate"], permissions__scope=bureau)
    body = client_for(supervisor).get("/people/certificates/").content.decode()
    assert "&lt;b&gt;发证&lt;/b&gt;" in body and "<b>发证</b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert EnforcementCertificate.objects.count() == 1
