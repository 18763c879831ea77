"""Enforcement API input shapes: they only parse; the services check every rule and refuse with
the uniform error body ``{code, message, field}``."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..documents import DocumentKind
from ..models import Adoption as AdoptionChoice
from ..models import CaseSource, DecisionKind, DeliveryMethod, EvidenceKind, RaisedBy, StatementKind
from ..rules import CHECKLIST, REVIEW_MATERIALS, EscalationRuling, PartyType, ReviewOutcome, WithdrawalReason
from ..services import CORRECTABLE
from ..workflow import Kind


def _choices(pairs: Any) -> list[tuple[str, str]]:
    return [(str(k), str(v)) for k, v in pairs]


class KeyedInput(serializers.Serializer[Any]):
    """A step recorded once per idempotency key (sent twice, applied once)."""

    idempotency_key = serializers.CharField(required=False, allow_null=True, max_length=100)


class StepInput(serializers.Serializer[Any]):
    """Every step accepts an idempotency key (the same key applies once) and the status the client
    saw (a stale request is refused with ``stale_status``)."""

    idempotency_key = serializers.CharField(required=False, allow_null=True, max_length=100)
    expected_status = serializers.CharField(required=False, allow_null=True, max_length=32)


class OnInput(StepInput):
    on = serializers.DateField(required=False, allow_null=True)


class PartyInputSerializer(serializers.Serializer[Any]):
    party_type = serializers.ChoiceField(choices=_choices(PartyType.choices))
    name = serializers.CharField(allow_blank=True)
    identifier = serializers.CharField(allow_blank=True)
    legal_representative = serializers.CharField(required=False, allow_blank=True, default="")
    address = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")


class CaseFileInput(StepInput):
    unit = serializers.IntegerField(help_text="承办机构编号")
    kind = serializers.ChoiceField(choices=_choices(Kind.choices))
    title = serializers.CharField(allow_blank=True)
    party = PartyInputSerializer()
    violation_type = serializers.IntegerField(required=False, allow_null=True)
    domain = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="执法领域代码"
    )
    case_source = serializers.ChoiceField(
        choices=_choices(CaseSource.choices), required=False, help_text="案件来源"
    )
    place = serializers.CharField(required=False, allow_blank=True)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True)
    found_on = serializers.DateField(required=False, allow_null=True)
    summary = serializers.CharField(required=False, allow_blank=True)
    legal_basis = serializers.CharField(required=False, allow_blank=True)
    opinion = serializers.CharField(required=False, allow_blank=True)
    major_public_interest = serializers.BooleanField(required=False)
    major_social_risk = serializers.BooleanField(required=False)
    major_rights = serializers.BooleanField(required=False)
    complex_case = serializers.BooleanField(required=False)
    ordinary_procedure = serializers.BooleanField(required=False, default=True)
    on = serializers.DateField(required=False, allow_null=True)


class FilingApprovalInput(OnInput):
    approve = serializers.BooleanField()
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class OfficersInput(OnInput):
    certificates = serializers.ListField(
        child=serializers.IntegerField(), help_text="执法证编号，至少两本（ENF-11）"
    )
    lead = serializers.IntegerField(required=False, allow_null=True, help_text="主办人员的执法证编号")


class WithdrawalRequestInput(KeyedInput):
    officer = serializers.IntegerField(help_text="本案承办人员编号")
    reason = serializers.ChoiceField(choices=_choices(WithdrawalReason.choices))
    raised_by = serializers.ChoiceField(choices=_choices(RaisedBy.choices), required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class WithdrawalDecideInput(KeyedInput):
    withdrawal = serializers.IntegerField(help_text="回避申请编号")
    approved = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceInput(KeyedInput):
    kind = serializers.ChoiceField(choices=_choices(EvidenceKind.choices))
    title = serializers.CharField(allow_blank=True)
    collected_on = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="")
    collected_by = serializers.CharField(required=False, allow_blank=True, default="")
    place = serializers.CharField(required=False, allow_blank=True, default="")
    pages = serializers.IntegerField(required=False, default=1)


class QASerializer(serializers.Serializer[Any]):
    question = serializers.CharField(allow_blank=True)
    answer = serializers.CharField(allow_blank=True)


class IntervieweeSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(allow_blank=True)
    gender = serializers.CharField(required=False, allow_blank=True, default="")
    id_number = serializers.CharField(required=False, allow_blank=True, default="")
    employer = serializers.CharField(required=False, allow_blank=True, default="")
    position = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    address = serializers.CharField(required=False, allow_blank=True, default="")


class InquiryInput(KeyedInput):
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField()
    place = serializers.CharField(allow_blank=True)
    inquirers = serializers.ListField(child=serializers.IntegerField(), help_text="本案承办人员编号")
    recorder = serializers.CharField(allow_blank=True)
    interviewee = IntervieweeSerializer()
    qas = QASerializer(many=True)
    relation = serializers.CharField(required=False, allow_blank=True, default="当事人")


class InspectionInput(KeyedInput):
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField()
    place = serializers.CharField(allow_blank=True)
    inspectors = serializers.ListField(child=serializers.IntegerField(), help_text="本案承办人员编号")
    recorder = serializers.CharField(allow_blank=True)
    present_person = serializers.CharField(allow_blank=True)
    findings = serializers.CharField(allow_blank=True)
    present_position = serializers.CharField(required=False, allow_blank=True, default="")
    evidence_taken = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    witness = serializers.CharField(required=False, allow_blank=True, default="")
    certificates_shown = serializers.BooleanField(required=False, default=True)
    party_signed = serializers.BooleanField(required=False, default=True)
    refusal_note = serializers.CharField(required=False, allow_blank=True, default="")


class FinishInvestigationInput(OnInput):
    report = serializers.CharField(allow_blank=True)


class DraftDecisionInput(StepInput):
    kind = serializers.ChoiceField(choices=_choices(DecisionKind.choices))
    facts = serializers.CharField(allow_blank=True)
    fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    confiscation_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    basis_provision = serializers.IntegerField(required=False, allow_null=True)
    basis_text = serializers.CharField(required=False, allow_blank=True, default="")
    violated = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        allow_null=True,
        default=None,
    )
    evidence = serializers.ListField(
        child=serializers.CharField(), required=False, allow_null=True, default=None
    )
    other_measures = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    discretion_standard = serializers.IntegerField(required=False, allow_null=True)
    discretion_note = serializers.CharField(required=False, allow_blank=True, default="")
    mitigated = serializers.BooleanField(required=False, default=False)
    statements_summary = serializers.CharField(required=False, allow_blank=True, default="")
    payment_days = serializers.IntegerField(required=False, allow_null=True)


class NoticeInput(StepInput):
    served_on = serializers.DateField()
    issued_on = serializers.DateField(required=False, allow_null=True)
    served_method = serializers.CharField(required=False, default="直接送达")
    facts = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.ListField(
        child=serializers.CharField(), required=False, allow_null=True, default=None
    )
    intended_penalty = serializers.CharField(required=False, allow_blank=True, default="")
    hearing_right = serializers.BooleanField(required=False, default=True)
    statement_days = serializers.IntegerField(required=False, default=5)
    contact_person = serializers.CharField(required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(required=False, allow_blank=True, default="")
    number = serializers.CharField(required=False, allow_blank=True, default="")


class StatementInput(KeyedInput):
    kind = serializers.ChoiceField(choices=_choices(StatementKind.choices))
    received_on = serializers.DateField()
    content = serializers.CharField(required=False, allow_blank=True, default="")
    adoption = serializers.ChoiceField(choices=_choices(AdoptionChoice.choices), required=False)
    response = serializers.CharField(required=False, allow_blank=True, default="")


class HearingRequestInput(StepInput):
    requested_on = serializers.DateField()
    requested_by = serializers.CharField(allow_blank=True)
    content = serializers.CharField(required=False, allow_blank=True, default="")


class HearingRecordInput(StepInput):
    notified_on = serializers.DateField()
    held_on = serializers.DateField()
    place = serializers.CharField(allow_blank=True)
    host = serializers.CharField(allow_blank=True)
    recorder = serializers.CharField(allow_blank=True)
    participants = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(allow_blank=True)
    opinion = serializers.CharField(required=False, allow_blank=True, default="")
    record_signed = serializers.BooleanField(required=False, default=True)
    public = serializers.BooleanField(required=False, default=True)


class ReviewSubmitInput(OnInput):
    materials = serializers.ListField(
        child=serializers.ChoiceField(choices=_choices(REVIEW_MATERIALS.items())), help_text="ENF-31 送审材料"
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class FindingInput(serializers.Serializer[Any]):
    point = serializers.ChoiceField(choices=[(p.code, p.question) for p in CHECKLIST])
    ok = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewAnswerInput(OnInput):
    outcome = serializers.ChoiceField(choices=_choices(ReviewOutcome.choices))
    findings = FindingInput(many=True, help_text="ENF-32：九项审核要点逐项作答")
    opinion = serializers.CharField(allow_blank=True)


class ReviewObjectInput(StepInput):
    unit_reasons = serializers.CharField(allow_blank=True)
    unit_basis = serializers.CharField(allow_blank=True)


class ReviewSettleInput(KeyedInput):
    note = serializers.CharField(allow_blank=True)
    on = serializers.DateField(required=False, allow_null=True)


class ReviewEscalateInput(KeyedInput):
    consultation_note = serializers.CharField(allow_blank=True)
    on = serializers.DateField(required=False, allow_null=True)


class ReviewRulingInput(StepInput):
    ruling = serializers.ChoiceField(choices=_choices(EscalationRuling.choices))
    note = serializers.CharField(allow_blank=True)
    on = serializers.DateField(required=False, allow_null=True)


class ReviewWithdrawInput(KeyedInput):
    reason = serializers.CharField(allow_blank=True)


class DiscussionInput(StepInput):
    held_on = serializers.DateField()
    chair = serializers.CharField(allow_blank=True)
    participants = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(allow_blank=True)
    conclusion = serializers.CharField(allow_blank=True)
    record_signed = serializers.BooleanField(required=False, default=True)


class DecideInput(OnInput):
    action = serializers.CharField(required=False, default="decide", help_text="decide / grant / refuse / …")
    fine_amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TerminateInput(OnInput):
    action = serializers.ChoiceField(
        choices=[
            ("withdraw_filing", "撤销立案"),
            ("terminate", "终止办理"),
            ("decide_no_penalty", "决定不予行政处罚"),
        ]
    )
    reasons = serializers.CharField(allow_blank=True)


class TransferInput(OnInput):
    organ = serializers.CharField(allow_blank=True)
    reasons = serializers.CharField(allow_blank=True)
    approved_by = serializers.IntegerField(required=False, allow_null=True, help_text="批准的机关负责人编号")


class TransferReceiptInput(KeyedInput):
    receipt_on = serializers.DateField()
    receipt_number = serializers.CharField(required=False, allow_blank=True, default="")


class DeliveryInput(StepInput):
    delivered_on = serializers.DateField()
    method = serializers.ChoiceField(choices=_choices(DeliveryMethod.choices))
    recipient = serializers.CharField(allow_blank=True)
    place = serializers.CharField(allow_blank=True)
    officers = serializers.ListField(child=serializers.IntegerField(), help_text="送达人（本案承办人员编号）")
    delivered_at = serializers.DateTimeField(required=False, allow_null=True)
    on_spot = serializers.BooleanField(required=False, default=False)
    receipt_signed = serializers.BooleanField(required=False, default=True)
    receipt_signer = serializers.CharField(required=False, allow_blank=True, default="")
    witness = serializers.CharField(required=False, allow_blank=True, default="")
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class PaymentInput(StepInput):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    paid_on = serializers.DateField()
    receipt_number = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PerformanceInput(OnInput):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CourtApplicationInput(StepInput):
    applied_on = serializers.DateField()
    court = serializers.CharField(allow_blank=True)
    reminder_on = serializers.DateField(allow_null=True)
    reference = serializers.CharField(required=False, allow_blank=True, default="")


class CourtFinishInput(StepInput):
    finished_on = serializers.DateField()
    result = serializers.CharField(allow_blank=True)


class CloseInput(OnInput):
    report = serializers.CharField(allow_blank=True)
    approved_by = serializers.IntegerField(required=False, allow_null=True, help_text="批准的机关负责人编号")


class ArchiveInput(OnInput):
    archive_number = serializers.CharField(allow_blank=True)


class CorrectionInput(StepInput):
    field = serializers.ChoiceField(choices=list(CORRECTABLE.items()))
    new_value = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)
    approver = serializers.IntegerField(help_text="批准的机关负责人编号")


class TransitionInput(OnInput):
    action = serializers.CharField(help_text="流转表中的动作代码，如 start_investigation")
    reasons = serializers.CharField(required=False, allow_blank=True, default="")
    report = serializers.CharField(required=False, allow_blank=True, default="")
    approved_by = serializers.IntegerField(required=False, allow_null=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    materials_complete = serializers.BooleanField(required=False, default=False)
    notified_on = serializers.DateField(required=False, allow_null=True)
    reminder_on = serializers.DateField(required=False, allow_null=True)


class DocumentInput(KeyedInput):
    kind = serializers.ChoiceField(choices=_choices(DocumentKind.choices))
    format = serializers.ChoiceField(choices=[("pdf", "PDF"), ("docx", "DOCX")], default="pdf")
    source_id = serializers.IntegerField(required=False, allow_null=True)


class CatalogueInput(KeyedInput):
    """ENF-30: the items of the agency's review catalogue to change (others stay)."""

    person_fine_threshold = serializers.IntegerField(required=False, allow_null=True)
    organization_fine_threshold = serializers.IntegerField(required=False, allow_null=True)
    all_coercion = serializers.BooleanField(required=False, allow_null=True, default=None)
    after_hearing = serializers.BooleanField(required=False, allow_null=True, default=None)
    major_public_interest = serializers.BooleanField(required=False, allow_null=True, default=None)
    major_rights = serializers.BooleanField(required=False, allow_null=True, default=None)
    complex_cases = serializers.BooleanField(required=False, allow_null=True, default=None)
    review_all_ordinary = serializers.BooleanField(required=False, allow_null=True, default=None)
    permits_after_hearing = serializers.BooleanField(required=False, allow_null=True, default=None)
    required_materials = serializers.ListField(child=serializers.CharField(), required=False, allow_null=True)
