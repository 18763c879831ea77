"""Input is parsed here; every rule (credit code, placement, names) is checked by the services."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Kind, Level, Organization


class OrganizationSerializer(serializers.ModelSerializer[Organization]):
    parent_id = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "short_name",
            "level",
            "level_label",
            "kind",
            "kind_label",
            "credit_code",
            "code",
            "active",
            "depth",
            "parent_id",
        ]
        read_only_fields = fields

    def get_parent_id(self, obj: Organization) -> int | None:
        parents: dict[str, int] = self.context.get("parents_by_path", {})
        if obj.depth <= 1:
            return None
        parent_path = obj.path[: -Organization.steplen]
        if parent_path in parents:
            return parents[parent_path]
        parent = obj.parent_node()
        return parent.pk if parent else None


class OrganizationCreateSerializer(serializers.Serializer[None]):
    parent = serializers.IntegerField(  # type: ignore[assignment]  # DRF collects it as a field
        required=False, allow_null=True, help_text="上级机构 id；顶层留空"
    )
    name = serializers.CharField(allow_blank=True)
    short_name = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=Kind.choices)
    level = serializers.ChoiceField(choices=Level.choices, required=False, allow_null=True)
    credit_code = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    code = serializers.CharField(required=False, allow_blank=True, allow_null=True)


class OrganizationUpdateSerializer(serializers.Serializer[None]):
    name = serializers.CharField(required=False, allow_blank=True)
    short_name = serializers.CharField(required=False, allow_blank=True)
    credit_code = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    active = serializers.BooleanField(required=False)
