"""Enforcement API output shapes (inputs: `inputs.py`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    Case,
    CaseDeadline,
    CaseEvent,
    CaseOfficer,
    Correction,
    Decision,
    GeneratedDocument,
    LegalReview,
    Party,
    ReviewCatalogueEntry,
    ReviewEscalation,
    ReviewFinding,
    ReviewOpinion,
)
from ..workflow import Kind, ReviewStatus, status_label

# ---------------------------------------------------------------- output


class PartySerializer(serializers.ModelSerializer[Party]):
    class Meta:
        model = Party
        fields = [
            "id",
            "party_type",
            "name",
            "identifier",
            "legal_representative",
            "address",
            "phone",
            "is_primary",
        ]
        read_only_fields = fields


class OfficerSerializer(serializers.ModelSerializer[CaseOfficer]):
    class Meta:
        model = CaseOfficer
        fields = [
            "id",
            "person",
            "certificate",
            "name",
            "certificate_number",
            "domain_label",
            "valid_from",
            "valid_to",
            "lead",
            "assigned_at",
            "removed_at",
            "removed_reason",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    class Meta:
        model = Decision
        fields = [
            "id",
            "status",
            "kind",
            "fine_amount",
            "confiscation_amount",
            "other_measures",
            "facts",
            "evidence",
            "violated",
            "basis_provision",
            "basis_text",
            "discretion_standard",
            "discretion_note",
            "mitigated",
            "payment_days",
            "number",
            "decided_on",
        ]
        read_only_fields = fields


class DeadlineSerializer(serializers.ModelSerializer[CaseDeadline]):
    overdue = serializers.SerializerMethodField()
    explanation = serializers.CharField(source="explain", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = CaseDeadline
        fields = [
            "id",
            "kind",
            "kind_label",
            "rule",
            "start",
            "due",
            "basis",
            "days",
            "months",
            "source",
            "alert_on",
            "label",
            "satisfied_on",
            "cancelled_at",
            "overdue",
            "explanation",
        ]
        read_only_fields = fields

    def get_overdue(self, obj: CaseDeadline) -> bool:
        return obj.is_overdue(timezone.localdate())


class CaseSerializer(serializers.ModelSerializer[Case]):
    kind_label = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField()
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "title",
            "party_name",
            "agency",
            "agency_name",
            "unit",
            "unit_name",
            "domain",
            "violation_type",
            "source",
            "place",
            "occurred_at",
            "found_on",
            "filed_at",
            "filed_on",
            "decided_on",
            "delivered_on",
            "closed_on",
            "archived_on",
            "archive_number",
            "proposed_fine",
            "decided_fine",
            "version",
        ]
        read_only_fields = fields

    def get_kind_label(self, obj: Case) -> str:
        return str(Kind(obj.kind).label)

    def get_status_label(self, obj: Case) -> str:
        return status_label(obj.kind, obj.status)


class NextStepSerializer(serializers.Serializer[Any]):
    action = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF collects it as a field
    permission = serializers.CharField()
    target = serializers.CharField()


class ReviewSerializer(serializers.ModelSerializer[LegalReview]):
    status_label = serializers.SerializerMethodField()
    opinions = serializers.SerializerMethodField()

    class Meta:
        model = LegalReview
        fields = [
            "id",
            "case",
            "status",
            "status_label",
            "round",
            "reasons",
            "submitted_at",
            "due_on",
            "outcome",
            "ruling",
            "reviewed_fine",
            "superseded_at",
            "concluded_at",
            "opinions",
        ]
        read_only_fields = fields

    def get_status_label(self, obj: LegalReview) -> str:
        return str(ReviewStatus(obj.status).label)

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_opinions(self, obj: LegalReview) -> list[dict[str, Any]]:
        return OpinionSerializer(obj.opinions.prefetch_related("findings"), many=True).data  # type: ignore[return-value]


class FindingSerializer(serializers.ModelSerializer[ReviewFinding]):
    class Meta:
        model = ReviewFinding
        fields = ["point", "number", "ok", "note"]
        read_only_fields = fields


class OpinionSerializer(serializers.ModelSerializer[ReviewOpinion]):
    findings = FindingSerializer(many=True, read_only=True)

    class Meta:
        model = ReviewOpinion
        fields = ["id", "outcome", "opinion", "number", "reviewer", "reviewed_at", "findings"]
        read_only_fields = fields


class EscalationSerializer(serializers.ModelSerializer[ReviewEscalation]):
    both_opinions = serializers.DictField(read_only=True)

    class Meta:
        model = ReviewEscalation
        fields = [
            "id",
            "review",
            "unit_reasons",
            "unit_basis",
            "consulted",
            "consultation_note",
            "escalated_at",
            "ruling",
            "ruling_note",
            "ruled_at",
            "both_opinions",
        ]
        read_only_fields = fields


class CorrectionSerializer(serializers.ModelSerializer[Correction]):
    class Meta:
        model = Correction
        fields = ["id", "field", "field_label", "old_value", "new_value", "reason", "approver", "recorded_at"]
        read_only_fields = fields


class CaseDetailSerializer(CaseSerializer):
    parties = PartySerializer(many=True, read_only=True)
    officers = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()
    next_steps = serializers.SerializerMethodField()
    summary = serializers.CharField(read_only=True)
    legal_basis = serializers.CharField(read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "summary",
            "legal_basis",
            "parties",
            "officers",
            "decision",
            "next_steps",
        ]
        read_only_fields = fields

    @extend_schema_field(OfficerSerializer(many=True))
    def get_officers(self, obj: Case) -> Any:
        return OfficerSerializer(obj.officers.filter(removed_at__isnull=True), many=True).data

    @extend_schema_field(DecisionSerializer(allow_null=True))
    def get_decision(self, obj: Case) -> Any:
        d = Decision.objects.filter(case=obj).first()
        return None if d is None else DecisionSerializer(d).data

    @extend_schema_field(NextStepSerializer(many=True))
    def get_next_steps(self, obj: Case) -> Any:
        steps = self.context.get("next_steps", [])
        return [
            {"action": t.action, "label": t.label, "permission": t.permission, "target": t.target}
            for t in steps
        ]


class EventSerializer(serializers.ModelSerializer[CaseEvent]):
    ledger_url = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = [
            "id",
            "at",
            "actor",
            "actor_name",
            "action",
            "label",
            "from_status",
            "to_status",
            "note",
            "ledger_seq",
            "ledger_url",
        ]
        read_only_fields = fields

    def get_ledger_url(self, obj: CaseEvent) -> str | None:
        return None if obj.ledger_seq is None else f"{reverse('ledger:public')}?q={obj.ledger_seq}"


class DocumentSerializer(serializers.ModelSerializer[GeneratedDocument]):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = GeneratedDocument
        fields = [
            "id",
            "case",
            "kind",
            "format",
            "title",
            "number",
            "filename",
            "media_type",
            "size",
            "sha256",
            "sm3",
            "ledger_seq",
            "generated_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, obj: GeneratedDocument) -> str:
        return reverse("enforcement_api:document-download", args=[obj.pk])


class QueueCaseSerializer(CaseSerializer):
    head_action = serializers.CharField(read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "head_action"]
        read_only_fields = fields


class QueueReviewSerializer(ReviewSerializer):
    overdue = serializers.BooleanField(read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    case_title = serializers.CharField(source="case.title", read_only=True)

    class Meta(ReviewSerializer.Meta):
        fields = [*ReviewSerializer.Meta.fields, "overdue", "case_number", "case_title"]
        read_only_fields = fields


class TodoSerializer(serializers.Serializer[Any]):
    case = serializers.IntegerField(source="case.pk")
    case_number = serializers.CharField(source="case.number")
    label = serializers.CharField()  # type: ignore[assignment]  # DRF collects it as a field
    due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
    alert = serializers.BooleanField()
    action = serializers.CharField()
    rule = serializers.SerializerMethodField()

    def get_rule(self, obj: Any) -> str | None:
        return obj.deadline.rule if obj.deadline is not None else None


class OverdueSerializer(DeadlineSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta(DeadlineSerializer.Meta):
        fields = [*DeadlineSerializer.Meta.fields, "case", "case_number", "agency_name"]
        read_only_fields = fields


class EnforcementErrorSerializer(serializers.Serializer[Any]):
    """The uniform error body: a stable code, a Chinese message, the field concerned."""

    code = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField(allow_null=True)
    details = serializers.DictField(required=False)


class CatalogueSerializer(serializers.ModelSerializer[ReviewCatalogueEntry]):
    class Meta:
        model = ReviewCatalogueEntry
        fields = [
            "agency",
            "person_fine_threshold",
            "organization_fine_threshold",
            "all_coercion",
            "after_hearing",
            "major_public_interest",
            "major_rights",
            "complex_cases",
            "review_all_ordinary",
            "permits_after_hearing",
            "required_materials",
            "updated_at",
        ]
        read_only_fields = fields
