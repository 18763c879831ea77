"""People API shapes. Input serializers only parse; the services check every rule."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from .. import rules
from ..models import EnforcementCertificate, Person, Position, Role, RoleAssignment


class PersonSerializer(serializers.ModelSerializer[Person]):
    organization_name = serializers.CharField(source="organization.name", read_only=True, default=None)
    username = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "name", "organization", "organization_name", "phone", "active", "username"]
        read_only_fields = fields

    def get_username(self, obj: Person) -> str | None:
        return obj.user.get_username() if obj.user_id and obj.user else None


class PersonCreateSerializer(serializers.Serializer[None]):
    name = serializers.CharField(allow_blank=True)
    organization = serializers.IntegerField()
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    username = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    password = serializers.CharField(required=False, allow_blank=True, allow_null=True, write_only=True)


class PositionSerializer(serializers.ModelSerializer[Position]):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "person",
            "organization",
            "organization_name",
            "title",
            "is_head",
            "started_on",
            "ended_on",
        ]
        read_only_fields = fields


class PositionCreateSerializer(serializers.Serializer[None]):
    person = serializers.IntegerField()
    organization = serializers.IntegerField()
    title = serializers.CharField(allow_blank=True)
    is_head = serializers.BooleanField(required=False, default=False)
    started_on = serializers.DateField(required=False, allow_null=True)


class RoleSerializer(serializers.ModelSerializer[Role]):
    class Meta:
        model = Role
        fields = ["id", "code", "label", "permissions", "grants_all", "source", "organization", "description"]
        read_only_fields = fields


class RoleCreateSerializer(serializers.Serializer[None]):
    organization = serializers.IntegerField()
    code = serializers.CharField(allow_blank=True)
    label = serializers.CharField(allow_blank=True)  # type: ignore[assignment]  # DRF collects it as a field
    permissions = serializers.ListField(child=serializers.CharField())
    description = serializers.CharField(required=False, allow_blank=True, default="")


class RoleAssignmentSerializer(serializers.ModelSerializer[RoleAssignment]):
    role_code = serializers.CharField(source="role.code", read_only=True)
    role_label = serializers.CharField(source="role.label", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True, default=None)

    class Meta:
        model = RoleAssignment
        fields = [
            "id",
            "person",
            "role",
            "role_code",
            "role_label",
            "organization",
            "organization_name",
            "valid_from",
            "valid_to",
            "granted_by",
            "granted_at",
            "revoked_at",
        ]
        read_only_fields = fields


class RoleGrantSerializer(serializers.Serializer[None]):
    person = serializers.IntegerField()
    role = serializers.IntegerField()
    organization = serializers.IntegerField(
        allow_null=True, help_text="授权范围（该单位及下级）；null 为全系统"
    )
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_to = serializers.DateField(required=False, allow_null=True)


class CertificateSerializer(serializers.ModelSerializer[EnforcementCertificate]):
    holder_name = serializers.CharField(source="holder.name", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    domain = serializers.CharField(source="domain.code", read_only=True)
    domain_label = serializers.CharField(source="domain.label", read_only=True)
    warning = serializers.SerializerMethodField(
        help_text="ENF-113: none / expiring / expired / not_yet_valid / inactive"
    )
    days_left = serializers.SerializerMethodField()

    class Meta:
        model = EnforcementCertificate
        fields = [
            "id",
            "number",
            "holder",
            "holder_name",
            "organization",
            "organization_name",
            "issuing_authority",
            "domain",
            "domain_label",
            "valid_from",
            "valid_to",
            "status",
            "status_reason",
            "warning",
            "days_left",
        ]
        read_only_fields = fields

    def _today(self) -> Any:
        return self.context.get("today") or timezone.localdate()

    def get_warning(self, obj: EnforcementCertificate) -> str:
        return str(rules.certificate_warning_level(obj, self._today()))

    def get_days_left(self, obj: EnforcementCertificate) -> int:
        return rules.days_left(obj, self._today())


class CertificateIssueSerializer(serializers.Serializer[None]):
    holder = serializers.IntegerField()
    number = serializers.CharField(allow_blank=True)
    issuing_authority = serializers.CharField(allow_blank=True)
    domain = serializers.CharField(help_text="执法领域代码，如 ecology、market")
    valid_from = serializers.DateField()
    valid_to = serializers.DateField()
    organization = serializers.IntegerField(
        required=False, allow_null=True, help_text="执法单位；默认为持证人所属单位"
    )


class CertificateStatusSerializer(serializers.Serializer[None]):
    status = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
