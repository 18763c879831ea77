"""The steps of a case after the investigation (ENF-10, ENF-13…16): advance notice, statements and
hearings, collective discussion, the decision, delivery, execution, transfer and corrections."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone

from .base import MONEY_DIGITS, CaseChild
from .cases import Case


class AdvanceNotice(CaseChild):
    """行政处罚事先告知书 (ENF-13): facts, reasons, basis, intended penalty and the party's rights."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="notices")
    number = models.CharField("告知书文号", max_length=80)
    issued_on = models.DateField("告知日期")
    served_on = models.DateField("送达日期")
    served_method = models.CharField("送达方式", max_length=20, default="直接送达")
    facts = models.TextField("违法事实")
    evidence = models.JSONField("证据", default=list)
    violated = models.JSONField("违反的规定", default=list, help_text="[[法律文件, 条款], …]")
    penalty_basis = models.JSONField("处罚依据", default=list, help_text="[[法律文件, 条款], …]")
    intended_penalty = models.TextField("拟作出的行政处罚")
    proposed_fine = models.DecimalField(
        "拟罚款（元）", max_digits=MONEY_DIGITS, decimal_places=2, null=True, blank=True
    )
    hearing_right = models.BooleanField("告知听证权利", default=True)
    statement_days = models.PositiveSmallIntegerField("陈述申辩期限（工作日）", default=5)
    contact_person = models.CharField("联系人", max_length=100, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)
    issued_by = models.ForeignKey(
        "people.Person",
        verbose_name="经办人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "事先告知"
        verbose_name_plural = "事先告知"
        ordering = ["case", "issued_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(served_on__gte=models.F("issued_on")), name="enf_notice_served_after"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class StatementKind(models.TextChoices):
    STATEMENT = "statement", "陈述"
    DEFENCE = "defence", "申辩"
    WAIVER = "waiver", "明确放弃陈述申辩"


class Adoption(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "不予采纳"
    NOT_APPLICABLE = "na", "不适用"


class Statement(CaseChild):
    """The party's statement or defence (陈述申辩) after the notice, and whether it was adopted."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="statements")
    kind = models.CharField("类别", max_length=16, choices=StatementKind.choices)
    received_on = models.DateField("提出日期")
    content = models.TextField("内容", blank=True)
    adoption = models.CharField(
        "采纳情况", max_length=16, choices=Adoption.choices, default=Adoption.NOT_APPLICABLE
    )
    response = models.TextField("复核意见", blank=True)
    recorded_by = models.ForeignKey(
        "people.Person",
        verbose_name="记录人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "陈述申辩"
        verbose_name_plural = "陈述申辩"
        ordering = ["case", "received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.received_on:%Y-%m-%d}）"


class HearingRequest(CaseChild):
    """The party's request for a hearing (行政处罚法 art. 63–64), within 5 working days of the notice."""

    case = models.ForeignKey(
        Case, verbose_name="案件", on_delete=models.PROTECT, related_name="hearing_requests"
    )
    requested_on = models.DateField("申请日期")
    requested_by = models.CharField("申请人", max_length=200)
    content = models.TextField("申请事项", blank=True)
    recorded_by = models.ForeignKey(
        "people.Person",
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "听证申请"
        verbose_name_plural = "听证申请"
        ordering = ["case", "requested_on", "pk"]

    def __str__(self) -> str:
        return f"听证申请（{self.requested_on:%Y-%m-%d}）"


class Hearing(CaseChild):
    """听证笔录 (ENF-72): held by a host who did not investigate, recorded and signed."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="hearings")
    request = models.ForeignKey(
        HearingRequest,
        verbose_name="听证申请",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notified_on = models.DateField("通知日期")
    held_on = models.DateField("举行日期")
    place = models.CharField("地点", max_length=200)
    host = models.CharField("主持人", max_length=100)
    recorder = models.CharField("记录员", max_length=100)
    participants = models.TextField("参加人员")
    summary = models.TextField("听证情况")
    opinion = models.TextField("听证意见", blank=True)
    public = models.BooleanField("公开举行", default=True)
    record_signed = models.BooleanField("笔录经当事人签字或盖章", default=False)
    recorded_by = models.ForeignKey(
        "people.Person",
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "听证"
        verbose_name_plural = "听证"
        ordering = ["case", "held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(held_on__gte=models.F("notified_on")), name="enf_hearing_after_notice"
            ),
        ]

    def __str__(self) -> str:
        return f"听证（{self.held_on:%Y-%m-%d}）"


class CollectiveDiscussion(CaseChild):
    """集体讨论记录 (行政处罚法 art. 57; ENF-72: text record only)."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="discussions")
    held_on = models.DateField("讨论日期")
    chair = models.CharField("主持人", max_length=100)
    participants = models.TextField("参加人员")
    summary = models.TextField("讨论情况")
    conclusion = models.TextField("讨论决定")
    record_signed = models.BooleanField("记录经参加人签名", default=False)
    recorded_by = models.ForeignKey(
        "people.Person",
        verbose_name="记录人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "集体讨论"
        verbose_name_plural = "集体讨论"
        ordering = ["case", "held_on", "pk"]

    def __str__(self) -> str:
        return f"集体讨论（{self.held_on:%Y-%m-%d}）"


class DecisionKind(models.TextChoices):
    """What the decision imposes or grants (行政处罚法 art. 9; 行政强制法 art. 9, 12; 行政许可法)."""

    WARNING = "warning", "警告"
    FINE = "fine", "罚款"
    FINE_AND_CONFISCATION = "fine_confiscation", "罚款并没收违法所得"
    SUSPENSION = "suspension", "责令停产停业"
    REVOCATION = "revocation", "吊销许可证件"
    SEIZURE = "seizure", "查封、扣押"
    ENFORCEMENT = "enforcement", "强制执行"
    SUBSTITUTE = "substitute", "代履行"
    GRANT = "grant", "准予许可"
    REFUSAL = "refusal", "不予许可"
    LEVY = "levy", "征收征用"


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "拟作出（草案）"
    ISSUED = "issued", "已作出"


class Decision(CaseChild):
    """The decision: drafted by the handling unit (ENF-31), made by the agency head (ENF-10, ENF-35)."""

    case = models.OneToOneField(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="decision")
    status = models.CharField(
        "状态", max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    kind = models.CharField("决定种类", max_length=20, choices=DecisionKind.choices)
    fine_amount = models.DecimalField(
        "罚款（元）", max_digits=MONEY_DIGITS, decimal_places=2, null=True, blank=True
    )
    confiscation_amount = models.DecimalField(
        "没收违法所得（元）", max_digits=MONEY_DIGITS, decimal_places=2, null=True, blank=True
    )
    other_measures = models.JSONField("其他措施", default=list, blank=True, help_text="如 责令改正违法行为")
    facts = models.TextField("违法事实")
    evidence = models.JSONField("证据", default=list, blank=True)
    violated = models.JSONField("违反的规定", default=list, blank=True, help_text="[[法律文件, 条款], …]")
    basis_provision = models.ForeignKey(
        "enforcement.LegalProvision",
        verbose_name="处罚依据条款",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    basis_text = models.TextField("处罚依据", blank=True)
    discretion_standard = models.ForeignKey(
        "enforcement.DiscretionStandard",
        verbose_name="适用的裁量基准",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    discretion_note = models.TextField("裁量说明", blank=True)
    mitigated = models.BooleanField("减轻处罚", default=False)
    statements_summary = models.TextField("陈述、申辩、听证情况及采纳情况", blank=True)
    payment_days = models.PositiveSmallIntegerField("履行期限（日）", default=15)
    number = models.CharField("决定书文号", max_length=80, blank=True)
    drafted_at = models.DateTimeField("拟定时间", default=timezone.now)
    drafted_by = models.ForeignKey(
        "people.Person",
        verbose_name="拟定人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        "people.Person",
        verbose_name="决定人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "执法决定"
        verbose_name_plural = "执法决定"
        constraints = [
            models.CheckConstraint(
                condition=Q(fine_amount__isnull=True) | Q(fine_amount__gte=0),
                name="enf_decision_fine_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(confiscation_amount__isnull=True) | Q(confiscation_amount__gte=0),
                name="enf_decision_confiscation_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(decided_on__isnull=False), name="enf_decision_issued_has_date"
            ),
        ]
        indexes = [models.Index(fields=["status", "decided_on"], name="enf_decision_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.case.number}）"

    @property
    def issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED

    @property
    def total_due(self) -> Decimal:
        return (self.fine_amount or Decimal(0)) + (self.confiscation_amount or Decimal(0))

    def snapshot(self) -> dict[str, object]:
        """What a legal review looked at (ENF-31) and the ledger keeps."""
        return {
            "kind": self.kind,
            "fine_amount": None if self.fine_amount is None else str(self.fine_amount),
            "confiscation_amount": None
            if self.confiscation_amount is None
            else str(self.confiscation_amount),
            "basis_provision_id": self.basis_provision_id,
            "discretion_standard_id": self.discretion_standard_id,
            "other_measures": list(self.other_measures or ()),
            "mitigated": self.mitigated,
        }


class DeliveryMethod(models.TextChoices):
    DIRECT = "direct", "直接送达"
    LEFT = "left", "留置送达"
    POST = "post", "邮寄送达"
    ENTRUSTED = "entrusted", "委托送达"
    ELECTRONIC = "electronic", "电子送达"
    PUBLIC = "public", "公告送达"


class Delivery(CaseChild):
    """送达 and its receipt (送达回证), ENF-14: on the spot or within 7 working days, never before the decision."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="deliveries")
    document_title = models.CharField("送达文书", max_length=100, default="行政处罚决定书")
    document_number = models.CharField("文书文号", max_length=80)
    delivered_on = models.DateField("送达日期")
    delivered_at = models.DateTimeField("送达时间", null=True, blank=True)
    method = models.CharField("送达方式", max_length=16, choices=DeliveryMethod.choices)
    on_spot = models.BooleanField("当场交付", default=False)
    recipient = models.CharField("受送达人", max_length=200)
    place = models.CharField("送达地点", max_length=300)
    delivered_by = models.ManyToManyField("enforcement.CaseOfficer", verbose_name="送达人", related_name="+")
    receipt_signed = models.BooleanField("受送达人已签收", default=True)
    receipt_signer = models.CharField("签收人", max_length=100, blank=True)
    witness = models.CharField("见证人", max_length=100, blank=True)
    remarks = models.TextField("备注", blank=True)
    recorded_by = models.ForeignKey(
        "people.Person",
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "送达"
        verbose_name_plural = "送达"
        ordering = ["case", "delivered_on", "pk"]

    def __str__(self) -> str:
        return f"{self.document_title}（{self.delivered_on:%Y-%m-%d}）"


class Payment(CaseChild):
    """A payment of the fine (and late surcharge, ENF-15) by the party."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField("缴纳日期")
    amount = models.DecimalField("缴纳金额（元）", max_digits=MONEY_DIGITS, decimal_places=2)
    surcharge = models.DecimalField(
        "其中加处罚款（元）", max_digits=MONEY_DIGITS, decimal_places=2, default=0
    )
    receipt_number = models.CharField("缴款凭证号", max_length=60, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "people.Person",
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "缴款"
        verbose_name_plural = "缴款"
        ordering = ["case", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="enf_payment_positive"),
            models.CheckConstraint(condition=Q(surcharge__gte=0), name="enf_payment_surcharge_not_negative"),
        ]

    def __str__(self) -> str:
        return f"缴款 {self.amount}元（{self.paid_on:%Y-%m-%d}）"


class CourtApplication(CaseChild):
    """申请人民法院强制执行 (ENF-15; 行政强制法 art. 53–54)."""

    case = models.ForeignKey(
        Case, verbose_name="案件", on_delete=models.PROTECT, related_name="court_applications"
    )
    reminder_on = models.DateField("催告书送达日期", null=True, blank=True)
    applied_on = models.DateField("申请日期")
    court = models.CharField("受理法院", max_length=200)
    reference = models.CharField("法院案号", max_length=80, blank=True)
    finished_on = models.DateField("执行完毕日期", null=True, blank=True)
    result = models.TextField("执行结果", blank=True)
    recorded_by = models.ForeignKey(
        "people.Person",
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "申请法院强制执行"
        verbose_name_plural = "申请法院强制执行"
        ordering = ["case", "applied_on", "pk"]

    def __str__(self) -> str:
        return f"申请{self.court}强制执行（{self.applied_on:%Y-%m-%d}）"


class JudicialTransfer(CaseChild):
    """移送司法机关 (ENF-10, ENF-32 point 8): approved by the agency head, with the organ's receipt."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="transfers")
    organ = models.CharField("接收机关", max_length=200, help_text="如 鲁山县公安局")
    reasons = models.TextField("移送理由")
    transferred_on = models.DateField("移送日期")
    approved_by = models.ForeignKey(
        "people.Person", verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    receipt_on = models.DateField("回执日期", null=True, blank=True)
    receipt_number = models.CharField("回执编号", max_length=80, blank=True)

    class Meta:
        verbose_name = "移送司法机关"
        verbose_name_plural = "移送司法机关"
        ordering = ["case", "transferred_on", "pk"]

    def __str__(self) -> str:
        return f"移送{self.organ}"


class Correction(CaseChild):
    """ENF-16: a change to a case's recorded data: field, old value, new value, reason, approver."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="corrections")
    field = models.CharField("更正项目", max_length=60)
    field_label = models.CharField("项目名称", max_length=60)
    old_value = models.TextField("原内容", blank=True)
    new_value = models.TextField("更正后内容", blank=True)
    reason = models.TextField("更正理由")
    approver = models.ForeignKey(
        "people.Person", verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        "people.Person",
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField("更正时间", default=timezone.now)

    class Meta:
        verbose_name = "更正"
        verbose_name_plural = "更正"
        ordering = ["case", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"更正{self.field_label}"
