"""factory_boy factories for the kernel's common rows, filled with hostile strings.

    person = PersonFactory()                                   # with a login account, no roles
    boss = PersonFactory(permissions=["calendar.manage_override"])   # system-wide role
    clerk = PersonFactory(permissions=["people.view_person"], permissions__scope=bureau)
    bureau = OrganizationFactory(parent=county)               # treebeard child
    cert = EnforcementCertificateFactory(ends_in_days=20)      # expires within 30 days (ENF-113)

Domain modules add their own factories next to their tests and reuse `HostileSequence`.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from yiwang.kernel.organizations.models import Kind, Level, Organization
from yiwang.kernel.people.models import (
    EnforcementCertificate,
    EnforcementDomain,
    Person,
    Position,
    Role,
    RoleAssignment,
)

from .hostile import HostileSequence

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 — test accounts only; MD5 hasher in test settings


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)
    is_active = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    """A body in the tree; pass ``parent=`` for a child (materialized path via treebeard)."""

    class Meta:
        model = Organization

    name = HostileSequence(max_length=200, unique=True)
    short_name = HostileSequence(max_length=60)
    level = Level.COUNTY
    kind = Kind.DEPARTMENT
    code = factory.Sequence(lambda n: f"org-{n}")
    credit_code = None

    @classmethod
    def _create(cls, model_class: type[Organization], *args: Any, **kwargs: Any) -> Organization:
        parent = kwargs.pop("parent", None)
        if parent is None:
            return cast(Organization, model_class.objects.add_root(create_kwargs=kwargs))
        return cast(Organization, model_class.objects.add_child(parent, create_kwargs=kwargs))


class PersonFactory(factory.django.DjangoModelFactory):
    """A person with a login account. ``permissions=[...]`` grants a role holding them at
    ``permissions__scope`` (an organization; the whole system when left out); ``superuser=True``
    makes the account a superuser (and staff)."""

    class Meta:
        model = Person
        skip_postgeneration_save = True

    class Params:
        superuser = False

    name = HostileSequence(max_length=100, unique=True)
    user = factory.SubFactory(
        UserFactory,
        is_superuser=factory.SelfAttribute("..superuser"),
        is_staff=factory.SelfAttribute("..superuser"),
    )
    organization = None

    @factory.post_generation
    def permissions(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create or not extracted:
            return
        scope = kwargs.get("scope")
        grant(cast(Person, self), list(extracted), scope=scope)


_role_counter = iter(range(1, 10**9))


def grant(person: Person, permissions: list[str], *, scope: Organization | None = None) -> RoleAssignment:
    """Give `person` a fresh role holding `permissions` at `scope` (None: the whole system)."""
    role = Role.objects.create(
        code=f"test-role-{next(_role_counter)}-{person.pk}",
        label="测试角色",
        permissions=sorted(permissions),
        source=Role.Source.SYSTEM,
    )
    assignment = RoleAssignment.objects.create(person=person, role=role, organization=scope)
    person.forget_grants()
    return assignment


def enable_module(admin: Person, organization: Organization, module: str) -> None:
    """Enable a domain module at `organization` and below, as the county's administrator does
    (a module's services refuse work where it is not enabled)."""
    from yiwang.kernel.modules.services import module_activation_set

    module_activation_set(actor=admin, organization=organization, module=module, enabled=True)


class PositionFactory(factory.django.DjangoModelFactory):
    """A post (e.g. 法制股股长) held by a person in an organization."""

    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = HostileSequence(max_length=100)


class RoleFactory(factory.django.DjangoModelFactory):
    """A bureau's own role (``source=local``) holding `permissions` (a list of codenames)."""

    class Meta:
        model = Role

    code = factory.Sequence(lambda n: f"local-role-{n}")
    label = HostileSequence(max_length=100)
    permissions: Any = factory.LazyFunction(list)
    source = Role.Source.LOCAL
    organization = factory.SubFactory(OrganizationFactory)
    description = HostileSequence()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    """`role` granted to `person` at `organization` (its subtree), valid from today."""

    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(PersonFactory)
    role = factory.SubFactory(RoleFactory, organization=factory.SelfAttribute("..organization"))
    organization = factory.SubFactory(OrganizationFactory)
    valid_from = factory.LazyFunction(timezone.localdate)


class EnforcementCertificateFactory(factory.django.DjangoModelFactory):
    """A certificate (执法证) valid for another year, in the 生态环境 domain by default.

    ``EnforcementCertificateFactory(ends_in_days=20)`` makes one that expires in 20 days (ENF-113).
    """

    class Meta:
        model = EnforcementCertificate

    class Params:
        ends_in_days = 365

    number = factory.Sequence(lambda n: f"ZF-TEST-{n:05d}")
    organization = factory.SubFactory(OrganizationFactory)
    holder = factory.SubFactory(PersonFactory, organization=factory.SelfAttribute("..organization"))
    issuing_authority = HostileSequence(max_length=100)
    domain = factory.LazyFunction(lambda: EnforcementDomain.objects.get(code="ecology"))
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=700))
    valid_to = factory.LazyAttribute(lambda o: timezone.localdate() + datetime.timedelta(days=o.ends_in_days))
