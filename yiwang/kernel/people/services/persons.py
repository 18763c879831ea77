"""Persons, their login accounts and positions."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yiwang.kernel.access import can, is_system_admin, require
from yiwang.kernel.errors import DomainError, Forbidden, NotFound
from yiwang.kernel.ledger import record
from yiwang.kernel.organizations.models import Organization

from ..models import Person, Position, Role, RoleAssignment

MANAGE = "people.manage_person"
VIEW = "people.view_person"
_UNSET: Any = object()


def person_snapshot(person: Person) -> dict[str, Any]:
    """What the ledger keeps about a person (no phone number: personal data stays out of the log)."""
    return {
        "name": person.name,
        "organization_id": person.organization_id,
        "username": person.user.get_username() if person.user_id and person.user else None,
        "active": person.active,
    }


def _clean_name(value: str) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise DomainError("name_required", "请填写姓名", "name")
    if len(name) > 100:
        raise DomainError("name_too_long", f"姓名不能超过100个字（现为{len(name)}个字）", "name")
    return name


def _clean_phone(value: str) -> str:
    phone = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in (value or "").strip())
    if len(phone) > 30 or any(c not in "0123456789-+ " for c in phone):
        raise DomainError("invalid_phone", "联系电话只能包含数字、空格、“-”和“+”，且不超过30个字符", "phone")
    return phone


def _make_user(username: str, password: str | None, name: str) -> Any:
    user_model = get_user_model()
    username = (username or "").strip()
    if not username or len(username) > 150:
        raise DomainError("invalid_username", "登录名不能为空，且不超过150个字符", "username")
    if user_model.objects.filter(username=username).exists():
        raise DomainError("duplicate_username", f"登录名“{username}”已被使用", "username")
    user = user_model(username=username, first_name=name[:150])
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise DomainError(
                "weak_password", "密码不符合要求：" + "；".join(exc.messages), "password"
            ) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def person_create(
    *,
    actor: Person,
    name: str,
    organization: Organization | None,
    phone: str = "",
    username: str | None = None,
    password: str | None = None,
) -> Person:
    """Register a person in `organization`, optionally with a login account."""
    if organization is None:
        if not is_system_admin(actor):
            raise Forbidden("只有系统管理员可以登记不属于任何单位的人员")
    else:
        require(actor, MANAGE, organization)
    return _create_person(
        actor=actor, name=name, organization=organization, phone=phone, username=username, password=password
    )


def _create_person(
    *,
    actor: Person | None,
    name: str,
    organization: Organization | None,
    phone: str,
    username: str | None,
    password: str | None,
) -> Person:
    clean_name = _clean_name(name)
    clean_phone = _clean_phone(phone)
    user = _make_user(username, password, clean_name) if username else None
    person = Person.objects.create(name=clean_name, organization=organization, phone=clean_phone, user=user)
    record(actor=actor, action="people.person.created", subject=person, after=person_snapshot(person))
    return person


@transaction.atomic
def person_update(
    *,
    actor: Person,
    person: Person,
    name: str = _UNSET,
    phone: str = _UNSET,
    active: bool = _UNSET,
) -> Person:
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.organization is None:
        if not is_system_admin(actor):
            raise Forbidden()
    else:
        require(actor, MANAGE, locked)
    before = person_snapshot(locked)
    old_phone = locked.phone
    if name is not _UNSET:
        locked.name = _clean_name(name)
    if phone is not _UNSET:
        locked.phone = _clean_phone(phone)
    if active is not _UNSET:
        locked.active = bool(active)
    after = person_snapshot(locked)
    changed = [k for k in after if after[k] != before[k]]
    phone_changed = locked.phone != old_phone
    if not changed and not phone_changed:
        return locked
    locked.save()
    record(
        actor=actor,
        action="people.person.updated",
        subject=locked,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
        data={"phone_changed": phone_changed},
    )
    locked.forget_grants()
    return locked


@transaction.atomic
def position_assign(
    *,
    actor: Person,
    person: Person,
    organization: Organization,
    title: str,
    is_head: bool = False,
    started_on: datetime.date | None = None,
) -> Position:
    """Give `person` a post (e.g. 法制股股长) in `organization`."""
    require(actor, MANAGE, organization)
    if person.organization_id is not None and not can(actor, VIEW, person):
        raise NotFound("人员不存在或无权访问", "person")
    clean_title = " ".join((title or "").split())
    if not clean_title:
        raise DomainError("title_required", "请填写职务名称，如“法制股股长”", "title")
    if len(clean_title) > 100:
        raise DomainError("title_too_long", "职务名称不能超过100个字", "title")
    start = started_on or timezone.localdate()
    if Position.objects.filter(
        person=person, organization=organization, title=clean_title, ended_on__isnull=True
    ).exists():
        raise DomainError(
            "duplicate_position", f"{person.name}已在{organization.name}担任{clean_title}", "title"
        )
    position = Position.objects.create(
        person=person, organization=organization, title=clean_title, is_head=is_head, started_on=start
    )
    record(
        actor=actor,
        action="people.position.assigned",
        subject=position,
        after={
            "person_id": person.pk,
            "organization_id": organization.pk,
            "title": clean_title,
            "is_head": is_head,
            "started_on": start.isoformat(),
        },
    )
    return position


@transaction.atomic
def position_end(*, actor: Person, position: Position, ended_on: datetime.date | None = None) -> Position:
    locked = Position.objects.select_for_update().get(pk=position.pk)
    require(actor, MANAGE, locked)
    end = ended_on or timezone.localdate()
    if locked.ended_on is not None:
        raise DomainError("position_already_ended", f"该岗位已于{locked.ended_on:%Y-%m-%d}离任", "position")
    if end < locked.started_on:
        raise DomainError("position_dates_reversed", "离任日期不能早于任职日期", "ended_on")
    locked.ended_on = end
    locked.save(update_fields=["ended_on"])
    record(actor=actor, action="people.position.ended", subject=locked, after={"ended_on": end.isoformat()})
    return locked


SYSTEM_ADMIN_ROLE = "system_admin"


@transaction.atomic
def system_admin_ensure(*, username: str, name: str, password: str | None) -> tuple[Person, bool]:
    """Command-line bootstrap: make sure a system administrator account exists (actor: the system).

    Returns the person and whether anything was created. An existing account is left as it is.
    """
    from .roles import role_sync_from_manifests

    role_sync_from_manifests(actor=None)
    existing = Person.objects.filter(user__username=username).first()
    if existing is not None:
        return existing, False
    person = _create_person(
        actor=None, name=name, organization=None, phone="", username=username, password=password
    )
    if person.user is not None:
        person.user.is_staff = True  # may open the Django admin
        person.user.save(update_fields=["is_staff"])
    role = Role.objects.get(code=SYSTEM_ADMIN_ROLE)
    assignment = RoleAssignment.objects.create(person=person, role=role, organization=None, granted_by=None)
    record(
        actor=None,
        action="people.role.granted",
        subject=assignment,
        after={"person_id": person.pk, "role": role.code, "organization_id": None},
    )
    return person, True
