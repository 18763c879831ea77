"""Reference data and per-agency configuration rows.

- `LegalProvision`: a provision cited as violated or as the basis of a penalty, with the range of
  fines it allows (the legal maximum the amount checks use).
- `ViolationType`: a kind of violation (超标排放, 未批先建…) with its violated and penalty provisions.
- `DiscretionStandard`: a discretion standard (裁量基准) per violation type and circumstance: the
  fine range within the provision's range (ENF-112; the discretion assistance extends it).
- `ReviewCatalogueEntry`: an agency's legal-review catalogue (ENF-30), edited by its legal unit.
- `CaseCounter`: the last serial number used per agency, year and kind (case numbers).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q

from ..rules.amounts import LegalBasis
from ..rules.settings import ReviewCatalogue
from .base import MONEY_DIGITS, AgencyScopedQuerySet


class LegalProvision(models.Model):
    title = models.CharField("法律文件", max_length=120, help_text="如《中华人民共和国大气污染防治法》")
    article = models.CharField("条款", max_length=80, help_text="如 第九十九条第二项")
    content = models.TextField("条文", blank=True)
    fine_min = models.DecimalField(
        "罚款下限（元）", max_digits=MONEY_DIGITS, decimal_places=2, null=True, blank=True
    )
    fine_max = models.DecimalField(
        "罚款上限（元）", max_digits=MONEY_DIGITS, decimal_places=2, null=True, blank=True
    )
    domain = models.ForeignKey(
        "people.EnforcementDomain",
        verbose_name="执法领域",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "法律条款"
        verbose_name_plural = "法律条款"
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["title", "article"], name="enf_provision_unique"),
            models.CheckConstraint(
                condition=Q(fine_min__isnull=True)
                | Q(fine_max__isnull=True)
                | Q(fine_min__lte=models.F("fine_max")),
                name="enf_provision_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        return f"{self.title}{self.article}"

    def as_basis(self) -> LegalBasis:
        """The provision as the amount rules see it."""
        return LegalBasis(self.title, self.article, self.fine_min, self.fine_max)


class ViolationType(models.Model):
    code = models.SlugField("代码", max_length=60, unique=True)
    label = models.CharField("违法行为", max_length=120)
    domain = models.ForeignKey(
        "people.EnforcementDomain", verbose_name="执法领域", on_delete=models.PROTECT, related_name="+"
    )
    violated = models.ForeignKey(
        LegalProvision,
        verbose_name="违反的规定",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="violation_types_violated",
    )
    penalty_basis = models.ForeignKey(
        LegalProvision,
        verbose_name="处罚依据",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="violation_types_penalised",
    )
    active = models.BooleanField("有效", default=True)
    order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        verbose_name = "违法行为类型"
        verbose_name_plural = "违法行为类型"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label


class Circumstance(models.TextChoices):
    """Circumstance levels of a discretion standard (裁量情节)."""

    MINOR = "minor", "轻微"
    ORDINARY = "ordinary", "一般"
    SERIOUS = "serious", "较重"
    GRAVE = "grave", "严重"


class DiscretionMethod(models.TextChoices):
    """How a discretion standard states its range (ENF-112)."""

    AMOUNT = "amount", "罚款金额"
    PERCENT = "percent", "按基数的比例"


class DiscretionStandard(models.Model):
    """A discretion standard (裁量基准, ENF-112): for `violation_type` in `circumstance`, a fine between
    the bounds — in yuan, or as a percentage of a base such as the project's total investment
    (环境影响评价法 art. 31: 1 %–5 %). `provisions` are the rules the standard cites beside the
    violation type's own provisions. An agency's own row wins over the general one (agency empty)."""

    violation_type = models.ForeignKey(
        ViolationType, verbose_name="违法行为类型", on_delete=models.PROTECT, related_name="standards"
    )
    circumstance = models.CharField("情节", max_length=16, choices=Circumstance.choices)
    description = models.CharField("情节描述", max_length=300, blank=True)
    method = models.CharField(
        "计罚方式", max_length=16, choices=DiscretionMethod.choices, default=DiscretionMethod.AMOUNT
    )
    fine_min = models.DecimalField(
        "罚款下限（元）", max_digits=MONEY_DIGITS, decimal_places=2, null=True, blank=True
    )
    fine_max = models.DecimalField(
        "罚款上限（元）", max_digits=MONEY_DIGITS, decimal_places=2, null=True, blank=True
    )
    percent_min = models.DecimalField("比例下限（%）", max_digits=6, decimal_places=2, null=True, blank=True)
    percent_max = models.DecimalField("比例上限（%）", max_digits=6, decimal_places=2, null=True, blank=True)
    base_label = models.CharField("计罚基数", max_length=60, blank=True, help_text="如 建设项目总投资额")
    factors = models.JSONField("适用情形", default=list, blank=True, help_text="认定该情节的具体情形")
    provisions = models.ManyToManyField(
        LegalProvision, verbose_name="引用的规定", blank=True, related_name="discretion_standards"
    )
    basis = models.CharField(
        "裁量依据", max_length=200, blank=True, help_text="如《河南省环境行政处罚裁量基准》"
    )
    agency = models.ForeignKey(
        "organizations.Organization",
        verbose_name="适用机关",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="为空表示通用",
    )
    active = models.BooleanField("有效", default=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ["violation_type", "fine_min", "percent_min", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fine_min__isnull=True)
                | Q(fine_max__isnull=True)
                | Q(fine_min__lte=models.F("fine_max")),
                name="enf_standard_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(fine_min__isnull=True) | Q(fine_min__gte=0), name="enf_standard_min_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(method="amount", fine_min__isnull=False, fine_max__isnull=False)
                | Q(
                    method="percent",
                    percent_min__isnull=False,
                    percent_max__isnull=False,
                    percent_min__gte=0,
                    percent_min__lte=models.F("percent_max"),
                ),
                name="enf_standard_method_bounds",
            ),
        ]
        indexes = [models.Index(fields=["violation_type", "agency", "active"], name="enf_standard_match_idx")]

    def __str__(self) -> str:
        return f"{self.violation_type}（{self.get_circumstance_display()}）"

    def access_organization(self) -> Any:
        return self.agency

    @property
    def is_percent(self) -> bool:
        return self.method == DiscretionMethod.PERCENT

    def bounds(self, base: Decimal | None = None) -> tuple[Decimal, Decimal] | None:
        """The range in yuan: the fixed bounds, or the percentages of `base`; None when a
        percentage standard has no base yet."""
        if not self.is_percent:
            if self.fine_min is None or self.fine_max is None:
                return None
            return self.fine_min, self.fine_max
        if base is None or self.percent_min is None or self.percent_max is None:
            return None
        cent = Decimal("0.01")
        return (base * self.percent_min / 100).quantize(cent), (base * self.percent_max / 100).quantize(cent)

    def covers(self, amount: Decimal, base: Decimal | None = None) -> bool:
        """Whether `amount` lies in the range. A percentage standard without a base cannot be
        checked here and counts as covered (the discretion panel asks for the base)."""
        found = self.bounds(base)
        if found is None:
            return self.is_percent
        return found[0] <= amount <= found[1]

    @property
    def range_label(self) -> str:
        """E.g. "10万元至19万元" or "建设项目总投资额的1%至2%"."""
        if self.is_percent:
            return f"{self.base_label or '计罚基数'}的{_pct(self.percent_min)}至{_pct(self.percent_max)}"
        return f"{yuan_label(self.fine_min)}至{yuan_label(self.fine_max)}"


def _pct(p: Decimal | None) -> str:
    return "—" if p is None else f"{p.normalize():f}%"


def yuan_label(d: Decimal | None) -> str:
    """120000 → "12万元", 5000 → "5000元", 1234.5 → "1234.50元"."""
    if d is None:
        return "—"
    if d >= 10000 and d % 100 == 0:
        return f"{(d / 10000).normalize():f}万元"
    return f"{d.to_integral_value()}元" if d == d.to_integral_value() else f"{d:.2f}元"


class ReviewCatalogueEntry(models.Model):
    """ENF-30: one agency's legal-review catalogue (重大执法决定法制审核目录清单)."""

    agency = models.OneToOneField(
        "organizations.Organization",
        verbose_name="行政机关",
        on_delete=models.PROTECT,
        related_name="enforcement_review_catalogue",
    )
    person_fine_threshold = models.PositiveIntegerField("对公民罚款金额标准（元）", default=5000)
    organization_fine_threshold = models.PositiveIntegerField(
        "对法人或其他组织罚款金额标准（元）", default=50000
    )
    all_coercion = models.BooleanField("行政强制决定均须审核", default=True)
    after_hearing = models.BooleanField("经听证程序作出的决定", default=True)
    major_public_interest = models.BooleanField("涉及重大公共利益或社会风险", default=True)
    major_rights = models.BooleanField("直接关系当事人或第三人重大权益", default=True)
    complex_cases = models.BooleanField("案情疑难复杂、涉及多个法律关系", default=True)
    review_all_ordinary = models.BooleanField("一般程序行政处罚决定均须审核", default=False)
    permits_after_hearing = models.BooleanField("经听证的行政许可", default=True)
    required_materials = models.JSONField("应提交审核材料", default=list, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        "people.Person",
        verbose_name="更新人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "法制审核目录"
        verbose_name_plural = "法制审核目录"

    def __str__(self) -> str:
        return f"{self.agency}法制审核目录"

    def access_organization(self) -> Any:
        return self.agency

    def as_rule(self) -> ReviewCatalogue:
        return ReviewCatalogue(
            person_fine_threshold=self.person_fine_threshold,
            organization_fine_threshold=self.organization_fine_threshold,
            all_coercion=self.all_coercion,
            after_hearing=self.after_hearing,
            major_public_interest=self.major_public_interest,
            major_rights=self.major_rights,
            complex_cases=self.complex_cases,
            review_all_ordinary=self.review_all_ordinary,
            permits_after_hearing=self.permits_after_hearing,
            required_materials=tuple(self.required_materials or ()),
        )


class CaseCounter(models.Model):
    """The last serial used for `series` (a kind) at `agency` in `year`; locked while numbering."""

    agency = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="行政机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    series = models.CharField("序列", max_length=16)
    last = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "案件编号计数"
        verbose_name_plural = "案件编号计数"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "series"], name="enf_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.series}: {self.last}"
