"""Calendar API: working-day computations and coverage for every signed-in client; overrides and
year declarations for holders of ``calendar.manage_override`` (checked in the services)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from yiwang.kernel.api.actors import actor_of

from .. import rules, selectors, services
from . import serializers as s


def _query(serializer_class: type[s.serializers.Serializer], request: Request) -> dict[str, Any]:
    ser = serializer_class(data=request.query_params)
    ser.is_valid(raise_exception=True)
    return dict(ser.validated_data)


def _body(serializer_class: type[s.serializers.Serializer], request: Request) -> dict[str, Any]:
    ser = serializer_class(data=request.data)
    ser.is_valid(raise_exception=True)
    return dict(ser.validated_data)


class AddView(APIView):
    @extend_schema(parameters=[s.AddQuery], responses=s.AddResult, summary="第 N 个工作日（CAL-04）")
    def get(self, request: Request) -> Response:
        q = _query(s.AddQuery, request)
        due = selectors.add_working_days(q["start"], q["n"])
        return Response(s.AddResult({"start": q["start"], "n": q["n"], "due": due}).data)


class BetweenView(APIView):
    @extend_schema(parameters=[s.BetweenQuery], responses=s.BetweenResult, summary="两日之间的工作日数")
    def get(self, request: Request) -> Response:
        q = _query(s.BetweenQuery, request)
        n = selectors.working_days_between(q["a"], q["b"])
        return Response(s.BetweenResult({"a": q["a"], "b": q["b"], "working_days": n}).data)


class DayView(APIView):
    @extend_schema(responses=s.DayResult, summary="某日是否工作日（CAL-01）")
    def get(self, request: Request, day: str) -> Response:
        info = selectors.day_info(rules.parse_date_text(day, "day"))
        return Response(
            s.DayResult(
                {
                    "date": info.day,
                    "is_working_day": info.is_working,
                    "kind": str(info.kind),
                    "kind_label": info.kind.label,
                    "name": info.name,
                    "origin": str(info.origin),
                }
            ).data
        )


class DeadlineView(APIView):
    @extend_schema(
        parameters=[s.DeadlineQuery], responses=s.DeadlineResult, summary="计算并解释期限（CAL-06）"
    )
    def get(self, request: Request) -> Response:
        q = _query(s.DeadlineQuery, request)
        info = selectors.compute_deadline(
            q["rule_id"], q["start"], working_days=q.get("working_days"), calendar_days=q.get("calendar_days")
        )
        return Response(info.as_dict())


class YearsView(APIView):
    @extend_schema(responses=s.YearsResult, summary="各年度数据覆盖情况与提醒（CAL-02）")
    def get(self, request: Request) -> Response:
        years = [
            {
                "year": c.year,
                "available": c.available,
                "data_source": str(c.source) if c.source else None,
                "status_label": c.label,
                "override_count": c.override_count,
            }
            for c in selectors.year_coverage()
        ]
        warnings = [vars(w) for w in selectors.calendar_warnings()]
        return Response(s.YearsResult({"years": years, "warnings": warnings}).data)

    @extend_schema(
        request=s.YearDeclareIn, responses={201: s.CalendarYearOut}, summary="确认某年全年安排已录入"
    )
    def post(self, request: Request) -> Response:
        data = _body(s.YearDeclareIn, request)
        declared = services.calendar_year_declare(actor=actor_of(request), **data)
        return Response(s.CalendarYearOut(declared).data, status=status.HTTP_201_CREATED)


class YearImportView(APIView):
    @extend_schema(request=s.YearImportIn, responses={201: s.CalendarYearOut}, summary="一次录入某年全年安排")
    def post(self, request: Request) -> Response:
        data = _body(s.YearImportIn, request)
        declared = services.calendar_year_import(actor=actor_of(request), **data)
        return Response(s.CalendarYearOut(declared).data, status=status.HTTP_201_CREATED)


class YearWithdrawView(APIView):
    @extend_schema(request=s.WithdrawIn, responses=s.CalendarYearOut, summary="撤销年度安排确认")
    def post(self, request: Request, pk: int) -> Response:
        data = _body(s.WithdrawIn, request)
        declared = services.calendar_year_withdraw(actor=actor_of(request), calendar_year_id=pk, **data)
        return Response(s.CalendarYearOut(declared).data)


class CrosscheckView(APIView):
    @extend_schema(responses=s.DisagreementOut(many=True), summary="与 holidays 数据包逐日比对")
    def get(self, request: Request, year: int) -> Response:
        found = selectors.crosscheck(year)
        rows = [{**vars(d), "expected": d.expected, "message": d.message()} for d in found]
        return Response(s.DisagreementOut(rows, many=True).data)


class OverridesView(APIView):
    @extend_schema(responses=s.OverrideOut(many=True), summary="本地调整列表")
    def get(self, request: Request) -> Response:
        year_text = request.query_params.get("year")
        year = rules.parse_year(year_text) if year_text else None
        qs = selectors.override_list_for(
            actor=actor_of(request), year=year, include_withdrawn=request.query_params.get("all") == "1"
        )
        return Response(s.OverrideOut(qs, many=True).data)

    @extend_schema(request=s.OverrideIn, responses={201: s.OverrideOut}, summary="录入本地调整（CAL-03）")
    def post(self, request: Request) -> Response:
        data = _body(s.OverrideIn, request)
        override = services.override_create(actor=actor_of(request), **data)
        return Response(s.OverrideOut(override).data, status=status.HTTP_201_CREATED)


class OverrideWithdrawView(APIView):
    @extend_schema(request=s.WithdrawIn, responses=s.OverrideOut, summary="撤销本地调整")
    def post(self, request: Request, pk: int) -> Response:
        data = _body(s.WithdrawIn, request)
        override = services.override_withdraw(actor=actor_of(request), override_id=pk, **data)
        return Response(s.OverrideOut(override).data)
