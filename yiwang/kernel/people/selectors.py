"""Reads about people that depend on who asks; every one takes the actor."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from yiwang.kernel.access import get_for, is_system_admin
from yiwang.kernel.errors import NotFound
from yiwang.kernel.organizations.models import Organization

from . import rules
from .models import EnforcementCertificate, Person, Position, Role, RoleAssignment

VIEW_PERSON = "people.view_person"
VIEW_CERTIFICATE = "people.view_certificate"


def person_list_for(
    *, actor: Person | None, organization: Organization | None = None, search: str = ""
) -> QuerySet[Person]:
    qs = Person.objects.scoped_to(actor, VIEW_PERSON).select_related("organization", "user")
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    if search.strip():
        qs = qs.filter(name__icontains=search.strip())
    return qs.order_by("organization__path", "name", "pk")


def person_get_for(*, actor: Person | None, person_id: Any) -> Person:
    return get_for(
        Person.objects.select_related("organization", "user"),
        actor=actor,
        permission=VIEW_PERSON,
        pk=person_id,
    )


def position_list_for(*, actor: Person | None, organization: Organization) -> QuerySet[Position]:
    """Current positions in `organization` and below (for the organization page)."""
    return (
        Position.objects.scoped_to(actor, VIEW_PERSON)
        .filter(organization__path__startswith=organization.path, ended_on__isnull=True)
        .select_related("person", "organization")
        .order_by("organization__path", "-is_head", "title", "person__name")
    )


def positions_of(*, actor: Person | None, person: Person) -> QuerySet[Position]:
    """A person's positions: their own, or those the actor may view."""
    qs = Position.objects.filter(person=person).select_related("organization")
    if actor is None or actor.pk != person.pk:
        qs = qs.scoped_to(actor, VIEW_PERSON)
    return qs.order_by("ended_on", "-started_on")


def assignments_of(
    *, actor: Person | None, person: Person, current_only: bool = True
) -> QuerySet[RoleAssignment]:
    """A person's role assignments: their own, or those whose scope the actor may view."""
    qs = RoleAssignment.objects.filter(person=person).select_related("role", "organization", "granted_by")
    if current_only:
        qs = qs.current()
    if actor is None or actor.pk != person.pk:
        qs = qs.scoped_to(actor, VIEW_PERSON)
    return qs.order_by("organization__path", "role__code")


def role_list_for(*, actor: Person | None) -> QuerySet[Role]:
    """Roles the actor can see: the built-in ones and those defined in organizations within scope."""
    if is_system_admin(actor):
        return Role.objects.filter(active=True)
    local = Role.objects.scoped_to(actor, VIEW_PERSON).values("pk")
    return Role.objects.filter(Q(organization__isnull=True) | Q(pk__in=local), active=True, grants_all=False)


def role_get_for(*, actor: Person | None, role_id: Any) -> Role:
    role = role_list_for(actor=actor).filter(pk=role_id).first() if str(role_id).isdigit() else None
    if role is None:
        raise NotFound("角色不存在或无权访问", "role")
    return role


def assignment_get_for(*, actor: Person | None, assignment_id: Any) -> RoleAssignment:
    return get_for(
        RoleAssignment.objects.select_related("role", "organization", "person"),
        actor=actor,
        permission=VIEW_PERSON,
        pk=assignment_id,
    )


def certificate_list_for(
    *,
    actor: Person | None,
    attention_only: bool = False,
    today: datetime.date | None = None,
    organization: Organization | None = None,
) -> QuerySet[EnforcementCertificate]:
    """Certificates within the actor's scope; `attention_only`: valid ones expiring within 30 days or expired (ENF-113)."""
    qs = EnforcementCertificate.objects.scoped_to(actor, VIEW_CERTIFICATE).select_related(
        "holder", "organization", "domain"
    )
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    if attention_only:
        day = today or timezone.localdate()
        qs = qs.expiring_by(day + datetime.timedelta(days=rules.WARNING_DAYS))
    return qs.order_by("valid_to", "number")


def certificate_get_for(*, actor: Person | None, certificate_id: Any) -> EnforcementCertificate:
    return get_for(
        EnforcementCertificate.objects.select_related("holder", "organization", "domain"),
        actor=actor,
        permission=VIEW_CERTIFICATE,
        pk=certificate_id,
    )


def certificates_of(*, actor: Person | None, person: Person) -> QuerySet[EnforcementCertificate]:
    """A person's certificates: always visible to the holder, otherwise within the actor's scope."""
    qs = EnforcementCertificate.objects.filter(holder=person).select_related("organization", "domain")
    if actor is None or actor.pk != person.pk:
        qs = qs.scoped_to(actor, VIEW_CERTIFICATE)
    return qs.order_by("-valid_to")


@dataclass(frozen=True)
class CertificateRow:
    certificate: EnforcementCertificate
    level: rules.WarningLevel
    days_left: int

    @property
    def days_overdue(self) -> int:
        return -self.days_left


def with_warnings(certs: Any, today: datetime.date | None = None) -> list[CertificateRow]:
    """Attach the ENF-113 warning level to each certificate (pure computation, no queries)."""
    day = today or timezone.localdate()
    return [
        CertificateRow(
            certificate=c, level=rules.certificate_warning_level(c, day), days_left=rules.days_left(c, day)
        )
        for c in certs
    ]
