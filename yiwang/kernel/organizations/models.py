"""Organizations: one tree of public bodies and their internal units.

Levels follow the three-level administration of a county: county-level (市/县/区) → town/street
(乡镇/街道) → village/community (村/社区). Functional departments (委办局) and directly affiliated
institutions hang under a people's government; internal units (股/科/大队/室) under a body. Which
kind may sit where is data in `rules.PLACEMENT`.

Scoping by subtree (a role granted at a bureau covers its units, not the neighbouring bureau) is a
materialized-path prefix query (django-treebeard `MP_Node`), so `scoped_to` stays one indexed
``LIKE 'path%'`` on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from yiwang.kernel.access.scoping import ScopedQuerySetMixin

from .kinds import Kind, Level

__all__ = ["Kind", "Level", "Organization", "OrganizationQuerySet"]


class OrganizationQuerySet(ScopedQuerySetMixin, MP_NodeQuerySet):
    scope_path_field = "path"

    def subtree_of(self, root: Organization) -> OrganizationQuerySet:
        """`root` and everything below it."""
        return self.filter(path__startswith=root.path)

    def bodies(self) -> OrganizationQuerySet:
        """Everything except internal units."""
        return self.exclude(kind=Kind.UNIT)


class OrganizationManager(MP_NodeManager):
    def get_queryset(self) -> OrganizationQuerySet:
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")

    def scoped_to(self, actor: Any, permission: str) -> OrganizationQuerySet:
        return self.get_queryset().scoped_to(actor, permission)

    def subtree_of(self, root: Organization) -> OrganizationQuerySet:
        return self.get_queryset().subtree_of(root)


class Organization(MP_Node):
    """A public body (机关/单位) or one of its internal units (内设机构)."""

    name = models.CharField("名称", max_length=200)
    short_name = models.CharField("简称", max_length=60, blank=True)
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        null=True,
        blank=True,
        unique=True,
        help_text="18位，校验位按 GB 32100 计算；内设机构没有独立代码",
    )
    code = models.SlugField("代码", max_length=40, unique=True, help_text="系统内部稳定代码，如 lushan-epb")
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    # No node_order_by: children keep the order they were added in (the order of the founding
    # documents), and adding a child never renumbers the paths of its siblings.
    objects = OrganizationManager()

    class Meta:
        verbose_name = "机关单位"
        verbose_name_plural = "机关单位"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="unit", credit_code__isnull=True) | ~Q(kind="unit"),
                name="org_unit_has_no_credit_code",
            ),
            models.CheckConstraint(condition=Q(level__in=Level.values), name="org_level_known"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="org_kind_known"),
            models.CheckConstraint(
                condition=~Q(kind="community") | Q(level="village"), name="org_community_is_village_level"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="org_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def access_organization(self) -> Organization:
        return self

    @property
    def is_unit(self) -> bool:
        return self.kind == Kind.UNIT

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def contains(self, other: Organization) -> bool:
        """True when `other` is this organization or below it."""
        return bool(other.path.startswith(self.path))

    def parent_node(self) -> Organization | None:
        if self.depth <= 1:
            return None
        parent: Organization | None = Organization.objects.get_parent(self)
        return parent

    def ancestor_nodes(self) -> list[Organization]:
        """From the root down to the parent (one query)."""
        return list(Organization.objects.get_ancestors(self))

    def body(self) -> Organization:
        """The body an internal unit belongs to (the organization itself when it is not a unit)."""
        if self.kind != Kind.UNIT:
            return self
        for ancestor in reversed(self.ancestor_nodes()):
            if ancestor.kind != Kind.UNIT:
                return ancestor
        return self
