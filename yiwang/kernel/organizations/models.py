"""Organizations: one tree of public bodies and their internal units.

Scoping by subtree (a role granted at a bureau covers its units, not the neighbouring bureau) is a
materialized-path prefix query (django-treebeard `MP_Node`), so `scoped_to` stays one indexed
`LIKE 'path%'` on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


class Level(models.TextChoices):
    COUNTY = "county", "县级（市/县/区）"
    TOWN = "town", "乡镇（街道）"
    VILLAGE = "village", "村（社区）"


class Kind(models.TextChoices):
    GOVERNMENT = "government", "人民政府/街道办事处"
    DEPARTMENT = "department", "职能部门（委办局）"
    INSTITUTION = "institution", "直属机构/事业单位"
    COMMUNITY = "community", "村（居）民委员会"
    UNIT = "unit", "内设机构（股/科/大队/室）"


class OrganizationQuerySet(MP_NodeQuerySet):
    def subtree_of(self, root: Organization) -> OrganizationQuerySet:
        """`root` and everything below it."""
        return self.filter(path__startswith=root.path)

    def within_any(self, roots: list[Organization]) -> OrganizationQuerySet:
        if not roots:
            return self.none()
        q = Q()
        for r in roots:
            q |= Q(path__startswith=r.path)
        return self.filter(q)


class OrganizationManager(MP_NodeManager):
    def get_queryset(self) -> OrganizationQuerySet:
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")


class Organization(MP_Node):
    """A public body (机关/单位) or one of its internal units (内设机构)."""

    name = models.CharField("名称", max_length=200)
    short_name = models.CharField("简称", max_length=60, blank=True)
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, null=True, blank=True, unique=True,
        help_text="18位；内设机构没有独立代码",
    )
    code = models.SlugField("代码", max_length=40, unique=True, help_text="系统内部稳定代码，如 lushan-epb")
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    node_order_by = ["name"]
    objects = OrganizationManager()

    class Meta:
        verbose_name = "机关单位"
        verbose_name_plural = "机关单位"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="unit", credit_code__isnull=True) | ~Q(kind="unit"),
                name="org_unit_has_no_credit_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_unit(self) -> bool:
        return self.kind == Kind.UNIT

    def contains(self, other: Organization) -> bool:
        """True when `other` is this organization or below it."""
        return other.path.startswith(self.path)

    def body(self) -> Organization:
        """The body an internal unit belongs to (the organization itself when it is not a unit)."""
        node: Organization = self
        while node.kind == Kind.UNIT:
            parent = node.get_parent()
            if parent is None:
                break
            node = parent
        return node
