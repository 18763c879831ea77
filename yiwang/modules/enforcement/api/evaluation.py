"""Case-file evaluation (案卷评查, ENF-110) over the API: list runs, start a run, read a run's
report per agency and unit. Runs need ``enforcement.evaluate_case`` over the scope."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from yiwang.kernel.access import get_for
from yiwang.kernel.access.web import actor_of
from yiwang.kernel.organizations.models import Organization

from ..selectors_evaluation import EVALUATE, evaluation_list_for, evaluation_report_for
from ..services.evaluation import evaluation_run

TAG = ["案卷评查"]
ERRORS = {
    400: OpenApiResponse(description="规则拒绝：{code, message, field}，未作任何改动"),
    403: OpenApiResponse(description="无权执行此操作"),
    404: OpenApiResponse(description="对象不存在或无权访问"),
}


class RunInput(serializers.Serializer[Any]):
    scope = serializers.IntegerField(help_text="评查范围：机关、内设机构或上级政府的编号")
    period_start = serializers.DateField(required=False, allow_null=True, help_text="结案日期自")
    period_end = serializers.DateField(required=False, allow_null=True, help_text="结案日期至")


class RunSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    scope_id = serializers.IntegerField()
    scope = serializers.CharField(source="scope.name")
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    file_count = serializers.IntegerField()
    average = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    started_at = serializers.DateTimeField()
    started_by = serializers.CharField(source="started_by.name", allow_null=True, default=None)
    ledger_seq = serializers.IntegerField(allow_null=True)
    checklist = serializers.ListField(child=serializers.DictField())


class WeakPointSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the field named "label"
    files = serializers.IntegerField(help_text="失分案卷数")
    points_lost = serializers.DecimalField(max_digits=8, decimal_places=1)


class UnitSerializer(serializers.Serializer[Any]):
    agency = serializers.CharField()
    unit = serializers.CharField()
    unit_id = serializers.IntegerField()
    files = serializers.IntegerField()
    average = serializers.DecimalField(max_digits=4, decimal_places=1)
    lowest = serializers.DecimalField(max_digits=4, decimal_places=1)
    grades = serializers.DictField(child=serializers.IntegerField())
    weak_points = WeakPointSerializer(many=True)


class FileSerializer(serializers.Serializer[Any]):
    case_id = serializers.IntegerField()
    number = serializers.CharField(source="case.number")
    unit = serializers.CharField(source="unit.name")
    score = serializers.DecimalField(max_digits=4, decimal_places=1)
    grade = serializers.CharField()
    weak = serializers.ListField(child=serializers.CharField())
    items = serializers.ListField(child=serializers.DictField())


class ReportSerializer(serializers.Serializer[Any]):
    run = RunSerializer()
    units = UnitSerializer(many=True)
    weak_points = WeakPointSerializer(many=True)
    files = FileSerializer(many=True, source="results")


class EvaluationListView(APIView):
    @extend_schema(tags=TAG, summary="案卷评查记录", responses=RunSerializer(many=True))
    def get(self, request: Request) -> Response:
        runs = evaluation_list_for(actor=actor_of(request))[:200]
        return Response(RunSerializer(runs, many=True).data)

    @extend_schema(
        tags=TAG,
        summary="开展案卷评查（ENF-110）",
        request=RunInput,
        responses={201: ReportSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = RunInput(data=request.data)
        data.is_valid(raise_exception=True)
        actor = actor_of(request)
        scope = get_for(
            Organization.objects.all(), actor=actor, permission=EVALUATE, pk=data.validated_data["scope"]
        )
        run = evaluation_run(
            actor=actor,
            scope=scope,
            period_start=data.validated_data.get("period_start"),
            period_end=data.validated_data.get("period_end"),
        )
        report = evaluation_report_for(actor=actor, run_id=run.pk)
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)


class EvaluationReportView(APIView):
    @extend_schema(
        tags=TAG, summary="案卷评查报告：各承办机构得分与失分项", responses={200: ReportSerializer, **ERRORS}
    )
    def get(self, request: Request, pk: int) -> Response:
        report = evaluation_report_for(actor=actor_of(request), run_id=pk)
        return Response(ReportSerializer(report).data)
