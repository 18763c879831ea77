"""People, their positions, roles and role assignments, and enforcement certificates (执法证).

- `Person` is whoever acts in the system; `user` (optional) links the login account, so
  ``request.user.person`` works. A person belongs to one organization (编制所在单位).
- `Position`: a person's post in an organization or unit, e.g. 法制股股长.
- `Role`: a named bundle of permission codenames. Default roles come from the manifests'
  `RoleSpec`s (kept in step by `role_sync_from_manifests`); a bureau may define more of its own.
- `RoleAssignment`: a role granted to a person at an organization (scope root, ``None`` = the
  whole system), valid from/to, by whom. It covers the organization and its whole subtree.
- `EnforcementCertificate`: number, issuing authority, enforcement domain, holder, validity and
  status. ENF-113: warn 30 days before expiry; an expired certificate is not usable.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from yiwang.kernel.access.grants import Grant, Grants
from yiwang.kernel.access.scoping import ScopedQuerySet

from .workflow import CertificateStatus


class PersonQuerySet(ScopedQuerySet):
    pass


class Person(models.Model):
    name = models.CharField("姓名", max_length=100)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="person",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name="所属单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text="编制所在单位；系统级账号可为空",
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    active = models.BooleanField("在职", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["name", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="person_name_not_empty")]

    def __str__(self) -> str:
        return self.name

    def access_grants(self, on_date: datetime.date | None = None) -> Grants:
        """This person's current grants, read once and kept on the instance (one request)."""
        day = on_date or timezone.localdate()
        cache: dict[datetime.date, Grants] = self.__dict__.setdefault("_grants_cache", {})
        if day not in cache:
            cache[day] = self._load_grants(day)
        return cache[day]

    def forget_grants(self) -> None:
        self.__dict__.pop("_grants_cache", None)

    def _load_grants(self, day: datetime.date) -> Grants:
        if not self.active or self.pk is None:
            return Grants()
        user = self.user if self.user_id else None
        if user is not None and not user.is_active:
            return Grants()
        rows = (
            RoleAssignment.objects.current(day)
            .filter(person_id=self.pk, role__active=True)
            .values_list("role__permissions", "role__grants_all", "organization__path")
        )
        grants = tuple(
            Grant(permissions=frozenset(perms or ()), path=path, grants_all=bool(grants_all))
            for perms, grants_all, path in rows
        )
        return Grants(grants=grants, superuser=bool(user is not None and user.is_superuser))


class PositionQuerySet(ScopedQuerySet):
    pass


class Position(models.Model):
    person = models.ForeignKey(
        Person, verbose_name="人员", on_delete=models.PROTECT, related_name="positions"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name="单位/内设机构",
        on_delete=models.PROTECT,
        related_name="positions",
    )
    title = models.CharField("职务", max_length=100, help_text="如 法制股股长、执法队员")
    is_head = models.BooleanField("负责人", default=False)
    started_on = models.DateField("任职日期", default=timezone.localdate)
    ended_on = models.DateField("离任日期", null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        ordering = ["organization__path", "-is_head", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="position_dates_ordered",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="position_title_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.organization}{self.title} {self.person}"


class RoleQuerySet(ScopedQuerySet):
    pass


class Role(models.Model):
    """A named bundle of permissions. `source` says where it came from: a manifest or a bureau."""

    class Source(models.TextChoices):
        SYSTEM = "system", "系统内置"
        MANIFEST = "manifest", "模块默认"
        LOCAL = "local", "本单位自定义"

    code = models.SlugField("代码", max_length=60, unique=True)
    label = models.CharField("名称", max_length=100)
    permissions = models.JSONField("权限", default=list, blank=True)
    grants_all = models.BooleanField("全部权限（系统管理员）", default=False)
    source = models.CharField("来源", max_length=16, choices=Source.choices, default=Source.LOCAL)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name="定义单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        help_text="本单位自定义角色只能在该单位及其下级授予",
    )
    description = models.TextField("说明", blank=True)
    active = models.BooleanField("启用", default=True)

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        ordering = ["source", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="local", organization__isnull=False) | ~Q(source="local"),
                name="role_local_has_organization",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def permission_set(self) -> frozenset[str]:
        return frozenset(self.permissions or ())


class RoleAssignmentQuerySet(ScopedQuerySet):
    def current(self, day: datetime.date | None = None) -> RoleAssignmentQuerySet:
        """Assignments in force on `day`: started, not ended, not revoked."""
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day), revoked_at__isnull=True, valid_from__lte=day
        )


class RoleAssignment(models.Model):
    person = models.ForeignKey(
        Person, verbose_name="人员", on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.ForeignKey(Role, verbose_name="角色", on_delete=models.PROTECT, related_name="assignments")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name="授权范围",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        help_text="该单位及其全部下级；为空表示全系统",
    )
    valid_from = models.DateField("生效日期", default=timezone.localdate)
    valid_to = models.DateField("截止日期", null=True, blank=True, help_text="含当日；为空表示长期有效")
    granted_by = models.ForeignKey(
        Person, verbose_name="授权人", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField("授权时间", auto_now_add=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        Person, verbose_name="撤销人", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        ordering = ["person", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="role_assignment_dates_ordered",
            ),
        ]
        indexes = [models.Index(fields=["person", "revoked_at"], name="role_assignment_person_idx")]

    def __str__(self) -> str:
        scope = self.organization.name if self.organization_id and self.organization else "全系统"
        return f"{self.person} · {self.role} @ {scope}"

    def is_current(self, day: datetime.date) -> bool:
        return (
            self.revoked_at is None
            and self.valid_from <= day
            and (self.valid_to is None or day <= self.valid_to)
        )


class EnforcementDomain(models.Model):
    """执法领域 — reference data (a bureau may add domains; codes are stable)."""

    code = models.SlugField("代码", max_length=40, unique=True)
    label = models.CharField("名称", max_length=60)
    active = models.BooleanField("启用", default=True)
    order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        verbose_name = "执法领域"
        verbose_name_plural = "执法领域"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label


class CertificateQuerySet(ScopedQuerySet):
    def expiring_by(self, day: datetime.date) -> CertificateQuerySet:
        """Certificates in force whose last valid day is on or before `day` (includes expired ones)."""
        return self.filter(status=CertificateStatus.VALID, valid_to__lte=day)


class EnforcementCertificate(models.Model):
    """执法证. `valid_to` is the last day of validity (inclusive)."""

    number = models.CharField("证号", max_length=40, unique=True)
    holder = models.ForeignKey(
        Person, verbose_name="持证人", on_delete=models.PROTECT, related_name="certificates"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name="执法单位",
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    issuing_authority = models.CharField("发证机关", max_length=100, help_text="如 河南省人民政府")
    domain = models.ForeignKey(
        EnforcementDomain, verbose_name="执法领域", on_delete=models.PROTECT, related_name="certificates"
    )
    valid_from = models.DateField("有效期自")
    valid_to = models.DateField("有效期至")
    status = models.CharField(
        "状态", max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    status_reason = models.CharField("状态说明", max_length=200, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = "执法证"
        verbose_name_plural = "执法证"
        ordering = ["valid_to", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__lt=models.F("valid_to")), name="certificate_valid_from_before_to"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CertificateStatus.values), name="certificate_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"执法证 {self.number}（{self.holder}）"

    def as_ledger(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "holder_id": self.holder_id,
            "organization_id": self.organization_id,
            "issuing_authority": self.issuing_authority,
            "domain": self.domain.code,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat(),
            "status": self.status,
        }
