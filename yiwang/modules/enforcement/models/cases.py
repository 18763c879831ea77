"""The case and the people on it: `Case`, `Party`, `CaseOfficer` (ENF-11), `Withdrawal` (ENF-12),
and the investigation records the documents are made from: `Evidence`, `Inquiry` (询问笔录),
`Inspection` (现场检查（勘验）笔录)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from yiwang.kernel.access.scoping import ScopedQuerySet

from ..rules.officers import OfficerCertificate, WithdrawalReason
from ..rules.review import PartyType
from ..workflow import Kind, status_label
from .base import MONEY_DIGITS, STATUS_CHOICES, STATUS_MAX, CaseChild


class CaseSource(models.TextChoices):
    INSPECTION = "inspection", "检查发现"
    COMPLAINT = "complaint", "举报投诉"
    REFERRAL = "referral", "部门移送"
    ASSIGNED = "assigned", "上级交办"
    APPLICATION = "application", "当事人申请"
    OTHER = "other", "其他"


class CaseQuerySet(ScopedQuerySet):
    """Cases scoped by their handling unit (a grant at the agency covers all its units)."""

    scope_path_field = "unit__path"


class Case(models.Model):
    """An enforcement case of any kind (ENF-01); `status` follows the kind's transition table.

    Change it only through the services (`services/`): each transition checks permission and rules,
    writes the ledger and a `CaseEvent`, and bumps `version` (stale forms are refused).
    """

    agency = models.ForeignKey(
        "organizations.Organization",
        verbose_name="行政机关",
        on_delete=models.PROTECT,
        related_name="enforcement_cases",
    )
    unit = models.ForeignKey(
        "organizations.Organization",
        verbose_name="承办机构",
        on_delete=models.PROTECT,
        related_name="enforcement_cases_handled",
        help_text="机关的内设机构（如环境监察大队），或机关本身",
    )
    kind = models.CharField("执法类别", max_length=16, choices=Kind.choices)
    status = models.CharField("状态", max_length=STATUS_MAX, choices=STATUS_CHOICES)
    number = models.CharField("案件编号", max_length=80)
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    title = models.CharField("案由", max_length=200)
    source = models.CharField(
        "案件来源", max_length=16, choices=CaseSource.choices, default=CaseSource.INSPECTION
    )
    violation_type = models.ForeignKey(
        "enforcement.ViolationType",
        verbose_name="违法行为类型",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    domain = models.ForeignKey(
        "people.EnforcementDomain", verbose_name="执法领域", on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField("违法地点", max_length=200, blank=True)
    occurred_at = models.DateTimeField("违法时间", null=True, blank=True)
    found_on = models.DateField("发现日期", null=True, blank=True)
    summary = models.TextField("简要案情", blank=True)
    legal_basis = models.TextField("立案依据及涉嫌违反的规定", blank=True)
    party_name = models.CharField(
        "当事人", max_length=200, blank=True, help_text="主要当事人名称，供列表检索"
    )
    investigation_report = models.TextField("调查终结报告", blank=True)
    closing_report = models.TextField("结案报告", blank=True)
    reasons = models.TextField("不予立案、撤销、终止或不予处罚的理由", blank=True)
    # ENF-30 facts the catalogue looks at (seed 000 §6(2)1)
    major_public_interest = models.BooleanField("涉及重大公共利益", default=False)
    major_social_risk = models.BooleanField("可能引发重大社会风险", default=False)
    major_rights = models.BooleanField("直接关系当事人或第三人重大权益", default=False)
    complex_case = models.BooleanField("案情疑难复杂、涉及多个法律关系", default=False)
    hearing_held = models.BooleanField("已举行听证", default=False)
    ordinary_procedure = models.BooleanField("一般程序", default=True)
    proposed_fine = models.DecimalField(
        "拟罚款（元）", max_digits=MONEY_DIGITS, decimal_places=2, null=True, blank=True
    )
    decided_fine = models.DecimalField(
        "决定罚款（元）", max_digits=MONEY_DIGITS, decimal_places=2, null=True, blank=True
    )
    filed_at = models.DateTimeField("登记时间", default=timezone.now)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    archive_number = models.CharField("档案号", max_length=60, blank=True)
    status_changed_at = models.DateTimeField("状态变更时间", default=timezone.now)
    created_by = models.ForeignKey(
        "people.Person",
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField("版本", default=0)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "执法案件"
        verbose_name_plural = "执法案件"
        ordering = ["-filed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="enf_case_number_unique"),
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "serial"], name="enf_case_serial_unique"
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="enf_case_kind_known"),
            models.CheckConstraint(
                condition=Q(status__in=[v for v, _ in STATUS_CHOICES]), name="enf_case_status_known"
            ),
            models.CheckConstraint(
                condition=Q(proposed_fine__isnull=True) | Q(proposed_fine__gte=0),
                name="enf_case_proposed_fine_ok",
            ),
            models.CheckConstraint(
                condition=Q(decided_fine__isnull=True) | Q(decided_fine__gte=0),
                name="enf_case_decided_fine_ok",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="enf_case_title_not_empty"),
        ]
        indexes = [
            # the filtered list: scope by unit, then status / kind, newest first
            models.Index(fields=["unit", "status", "kind", "-filed_at"], name="enf_case_unit_status_idx"),
            models.Index(fields=["unit", "-filed_at"], name="enf_case_unit_filed_idx"),
            models.Index(fields=["unit", "status", "-filed_at"], name="enf_case_unit_st_filed_idx"),
            models.Index(fields=["agency", "kind", "status", "-filed_at"], name="enf_case_agency_idx"),
            models.Index(fields=["-filed_at", "-id"], name="enf_case_filed_idx"),
            models.Index(fields=["violation_type", "status"], name="enf_case_violation_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def access_organization(self) -> Any:
        return self.unit

    @property
    def status_label(self) -> str:
        return status_label(self.kind, self.status)

    def as_ledger(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "kind": self.kind,
            "status": self.status,
            "title": self.title,
            "agency_id": self.agency_id,
            "unit_id": self.unit_id,
            "domain_id": self.domain_id,
            "party_name": self.party_name,
            "version": self.version,
        }


class Party(CaseChild):
    """当事人: a natural person (居民身份证号码, GB 11643) or an organization (统一社会信用代码, GB 32100)."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="parties")
    party_type = models.CharField("当事人类型", max_length=16, choices=PartyType.choices)
    name = models.CharField("名称或姓名", max_length=200)
    identifier = models.CharField("证件号码", max_length=18, help_text="居民身份证号码或统一社会信用代码")
    legal_representative = models.CharField("法定代表人或负责人", max_length=100, blank=True)
    address = models.CharField("住所或地址", max_length=300, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    is_primary = models.BooleanField("主要当事人", default=True)

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["case", "-is_primary", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(party_type__in=PartyType.values), name="enf_party_type_known"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(is_primary=True), name="enf_party_one_primary"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_person(self) -> bool:
        return self.party_type == PartyType.PERSON


class CaseOfficer(CaseChild):
    """An officer assigned to a case, with a snapshot of the certificate as shown (ENF-11, ENF-113)."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="officers")
    person = models.ForeignKey(
        "people.Person",
        verbose_name="执法人员",
        on_delete=models.PROTECT,
        related_name="enforcement_assignments",
    )
    certificate = models.ForeignKey(
        "people.EnforcementCertificate", verbose_name="执法证", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("姓名", max_length=100)
    certificate_number = models.CharField("执法证号", max_length=40)
    domain_code = models.CharField("执法领域代码", max_length=40)
    domain_label = models.CharField("执法领域", max_length=60)
    valid_from = models.DateField("有效期自")
    valid_to = models.DateField("有效期至")
    lead = models.BooleanField("主办", default=False)
    assigned_at = models.DateTimeField("指派时间", default=timezone.now)
    assigned_by = models.ForeignKey(
        "people.Person",
        verbose_name="指派人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    removed_at = models.DateTimeField("撤出时间", null=True, blank=True)
    removed_reason = models.CharField("撤出原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "承办执法人员"
        verbose_name_plural = "承办执法人员"
        ordering = ["case", "-lead", "assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person"],
                condition=Q(removed_at__isnull=True),
                name="enf_officer_once_per_case",
            ),
        ]
        indexes = [models.Index(fields=["person", "removed_at"], name="enf_officer_person_idx")]

    def __str__(self) -> str:
        return f"{self.name}（执法证号：{self.certificate_number}）"

    @property
    def active(self) -> bool:
        return self.removed_at is None

    def as_rule(self) -> OfficerCertificate:
        """The officer as the rules see them (`rules.check_officers`), from the snapshot."""
        return OfficerCertificate(
            self.name, self.certificate_number, self.domain_code, self.valid_from, self.valid_to
        )


class RaisedBy(models.TextChoices):
    OFFICER = "officer", "执法人员自行回避"
    PARTY = "party", "当事人申请回避"
    AGENCY = "agency", "机关决定回避"


class Withdrawal(CaseChild):
    """ENF-12: an officer's withdrawal (回避) for an interest; the agency head decides."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="withdrawals")
    officer = models.ForeignKey(
        CaseOfficer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="withdrawals"
    )
    reason = models.CharField("回避事由", max_length=20, choices=WithdrawalReason.choices)
    note = models.TextField("具体情况", blank=True)
    raised_by = models.CharField("提出方式", max_length=16, choices=RaisedBy.choices)
    requested_at = models.DateTimeField("提出时间", default=timezone.now)
    requested_by = models.ForeignKey(
        "people.Person",
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved = models.BooleanField("决定回避", null=True, blank=True, help_text="为空表示尚未决定")
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        "people.Person",
        verbose_name="决定人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.TextField("决定理由", blank=True)

    class Meta:
        verbose_name = "回避"
        verbose_name_plural = "回避"
        ordering = ["case", "requested_at", "pk"]

    def __str__(self) -> str:
        return f"{self.officer.name}：{self.get_reason_display()}"

    @property
    def pending(self) -> bool:
        return self.approved is None


class EvidenceKind(models.TextChoices):
    DOCUMENTARY = "documentary", "书证"
    PHYSICAL = "physical", "物证"
    AUDIO_VIDEO = "audio_video", "视听资料"
    ELECTRONIC = "electronic", "电子数据"
    WITNESS = "witness", "证人证言"
    STATEMENT = "statement", "当事人的陈述"
    EXPERT = "expert", "鉴定意见、监测报告"
    RECORD = "record", "勘验笔录、现场笔录"
    PHOTO = "photo", "现场照片"


class Evidence(CaseChild):
    """A piece of evidence filed to the case (ENF-70); files themselves live in the evidence store."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField("证据种类", max_length=16, choices=EvidenceKind.choices)
    title = models.CharField("证据名称", max_length=200, help_text="如 现场照片十二张")
    description = models.TextField("证明内容", blank=True)
    collected_on = models.DateField("取证日期")
    collected_by = models.CharField("取证人", max_length=200, blank=True)
    place = models.CharField("取证地点", max_length=200, blank=True)
    pages = models.PositiveIntegerField("页数/件数", default=1)
    recorded_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "证据"
        verbose_name_plural = "证据"
        ordering = ["case", "collected_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Inquiry(CaseChild):
    """询问笔录 (ENF-72): who was asked what, by which officers."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="inquiries")
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间")
    place = models.CharField("询问地点", max_length=200)
    inquirers = models.ManyToManyField(CaseOfficer, verbose_name="询问人", related_name="+")
    recorder = models.CharField("记录人", max_length=100)
    interviewee_name = models.CharField("被询问人", max_length=100)
    interviewee_gender = models.CharField("性别", max_length=4, blank=True)
    interviewee_id_number = models.CharField("身份证号码", max_length=18, blank=True)
    interviewee_employer = models.CharField("工作单位", max_length=200, blank=True)
    interviewee_position = models.CharField("职务", max_length=100, blank=True)
    interviewee_phone = models.CharField("联系电话", max_length=40, blank=True)
    interviewee_address = models.CharField("住址", max_length=300, blank=True)
    relation = models.CharField("与案件关系", max_length=40, default="当事人")
    withdrawal_answer = models.CharField("是否申请回避", max_length=100, default="不申请。")
    qas = models.JSONField("问答", default=list, help_text="[{question, answer}]")

    class Meta:
        verbose_name = "询问笔录"
        verbose_name_plural = "询问笔录"
        ordering = ["case", "started_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__gte=models.F("started_at")), name="enf_inquiry_times_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"询问笔录（{self.interviewee_name}）"


class Inspection(CaseChild):
    """现场检查（勘验）笔录 (ENF-72): the on-site check, with certificates shown (ENF-11)."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="inspections")
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间")
    place = models.CharField("检查地点", max_length=200)
    present_person = models.CharField("现场负责人", max_length=100)
    present_position = models.CharField("职务", max_length=100, blank=True)
    inspectors = models.ManyToManyField(CaseOfficer, verbose_name="检查人", related_name="+")
    recorder = models.CharField("记录人", max_length=100)
    withdrawal_answer = models.CharField("是否申请回避", max_length=100, default="不申请")
    certificates_shown = models.BooleanField("已出示执法证件", default=True)
    findings = models.TextField("现场检查情况")
    evidence_taken = models.JSONField("现场取证", default=list, blank=True)
    witness = models.CharField("见证人", max_length=100, blank=True)
    party_signed = models.BooleanField("当事人签字确认", default=True)
    refusal_note = models.CharField("拒签情况", max_length=200, blank=True)

    class Meta:
        verbose_name = "现场检查笔录"
        verbose_name_plural = "现场检查笔录"
        ordering = ["case", "started_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__gte=models.F("started_at")), name="enf_inspection_times_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"现场检查笔录（{self.place}）"
