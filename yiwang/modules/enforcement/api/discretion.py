"""GET /api/enforcement/cases/<id>/discretion/: discretion assistance for the case's draft
decision (ENF-112) — the matching standard, the cited rules, the most similar past decided cases
of the agency and the draft's place among their fines."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from yiwang.kernel.access.web import actor_of

from ..selectors_discretion import DiscretionPanel, discretion_panel_for, parse_base_amount


def money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True, **kwargs)


class StandardSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    circumstance = serializers.CharField()
    circumstance_label = serializers.CharField(source="get_circumstance_display")
    method = serializers.CharField()
    range_label = serializers.CharField()
    fine_min = money()
    fine_max = money()
    percent_min = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    percent_max = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    base_label = serializers.CharField()
    description = serializers.CharField()
    factors = serializers.ListField(child=serializers.CharField())
    basis = serializers.CharField()
    agency_id = serializers.IntegerField(allow_null=True)


class CitedRuleSerializer(serializers.Serializer[Any]):
    role = serializers.CharField(help_text="违反的规定、处罚依据或裁量依据")
    citation = serializers.CharField()
    content = serializers.CharField()
    provision_id = serializers.IntegerField()


class SimilarCaseSerializer(serializers.Serializer[Any]):
    case_id = serializers.IntegerField(source="case.case_id")
    number = serializers.CharField(source="case.number")
    title = serializers.CharField(source="case.title")
    unit = serializers.CharField(source="case.unit")
    decided_on = serializers.DateField(source="case.decided_on", allow_null=True)
    fine = money(source="case.fine")
    circumstance = serializers.CharField(source="case.circumstance")
    score = serializers.FloatField(help_text="综合相似度 0–1")
    text = serializers.FloatField(help_text="案情文字相似度 0–1")
    amount = serializers.FloatField(help_text="罚款金额接近程度 0–1")


class DistributionSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    minimum = money()
    q1 = money()
    median = money()
    q3 = money()
    maximum = money()
    percentile = serializers.IntegerField(allow_null=True, help_text="拟罚款的百分位（并列计一半）")
    position = serializers.CharField()


class DiscretionSerializer(serializers.Serializer[Any]):
    case_id = serializers.IntegerField(source="case.pk")
    number = serializers.CharField(source="case.number")
    violation_type = serializers.CharField(source="violation_type.code", allow_null=True, default=None)
    draft_fine = money()
    base_amount = money()
    needs_base = serializers.BooleanField()
    standards = StandardSerializer(many=True)
    matched = StandardSerializer(allow_null=True)
    matched_by = serializers.CharField(help_text="selected：拟决定选定；amount：按金额对应；空：未匹配")
    bounds = serializers.ListField(child=money(), allow_null=True)
    within = serializers.BooleanField(allow_null=True)
    cited = CitedRuleSerializer(many=True)
    similar = SimilarCaseSerializer(many=True)
    distribution = DistributionSerializer(allow_null=True)
    considered = serializers.IntegerField(help_text="参与比较的以往同类案件数")


class DiscretionView(APIView):
    @extend_schema(
        tags=["执法案件"],
        summary="裁量辅助：裁量基准、适用规定、相似案例与拟罚款位置（ENF-112）",
        parameters=[OpenApiParameter("base_amount", str, description="计罚基数（元），如建设项目总投资额")],
        responses={
            200: DiscretionSerializer,
            400: OpenApiResponse(description="计罚基数无效（base_amount_invalid）"),
            404: OpenApiResponse(description="案件不存在或无权访问"),
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        base = parse_base_amount(request.query_params.get("base_amount"))
        panel: DiscretionPanel = discretion_panel_for(actor=actor_of(request), case_id=pk, base_amount=base)
        data: Any = DiscretionSerializer(panel).data
        return Response(data)
