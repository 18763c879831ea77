"""The uniform API error body ``{"code", "message" (Chinese), "field"}`` (issue 2, item 8)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from rest_framework import serializers
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from yiwang.kernel.api.errors import _first_field_error
from yiwang.kernel.errors import DomainError, Forbidden, NotFound

pytestmark = pytest.mark.django_db

CHINESE = range(0x4E00, 0xA000)


def is_chinese(text: str) -> bool:
    return any(ord(ch) in CHINESE for ch in text)


def uniform(body: dict[str, Any]) -> bool:
    return {"code", "message", "field"} <= set(body) and is_chinese(body["message"])


class Item(serializers.Serializer):
    name = serializers.CharField(max_length=5)


class Order(serializers.Serializer):
    title = serializers.CharField()
    items = Item(many=True)


class Raising(APIView):
    """A view raising whatever the test asks for, served through DRF's real exception handling."""

    permission_classes = [AllowAny]
    raised: Exception | None = None

    def get(self, request: Request) -> Response:
        assert self.raised is not None
        raise self.raised

    def post(self, request: Request) -> Response:
        Order(data=request.data).is_valid(raise_exception=True)
        return Response({})


def call(exc: Exception) -> Any:
    view = Raising.as_view(raised=exc)
    response = view(APIRequestFactory().get("/x"))
    response.render()
    return response


# ---------------------------------------------------------------- through real endpoints


@pytest.fixture
def api(person: Any, api_client_for: Callable[[Any], APIClient]) -> APIClient:
    return api_client_for(person)


def test_domain_error(api: APIClient) -> None:
    r = api.get(reverse("calendar_api:add"), {"start": "2026-02-30", "n": "1"})
    assert r.status_code == 400
    assert r.json() == {"code": "invalid_date", "message": r.json()["message"], "field": "start"}
    assert uniform(r.json())


def test_validation_error_names_the_field(api: APIClient) -> None:
    r = api.post(reverse("calendar_api:overrides"), {"day": "2026-10-09"}, format="json")
    assert r.status_code == 400
    body = r.json()
    assert uniform(body)
    assert body["code"] == "invalid"
    assert body["field"] in {"source_document", "source_date", "is_working_day", "reason"}
    assert body["message"].startswith("输入有误：")
    assert set(body["errors"]) == {"source_document", "source_date", "is_working_day", "reason"}


def test_not_found(make_person: Callable[..., Any], api_client_for: Callable[[Any], APIClient]) -> None:
    keeper = api_client_for(make_person("calendar.manage_override"))
    r = keeper.post(
        reverse("calendar_api:override-withdraw", kwargs={"pk": 424242}), {"reason": "x"}, format="json"
    )
    assert r.status_code == 404
    assert r.json() == {"code": "not_found", "message": "该日历调整不存在", "field": None}


def test_forbidden(api: APIClient) -> None:
    r = api.post(
        reverse("calendar_api:years"),
        {"year": 2030, "source_document": "通知", "source_date": "2026-11-01"},
        format="json",
    )
    assert r.status_code == 403
    assert r.json()["code"] == "forbidden"
    assert uniform(r.json())


def test_not_authenticated(api_client: APIClient) -> None:
    r = api_client.get(reverse("calendar_api:years"))
    assert r.status_code == 401
    assert r.json() == {"code": "not_authenticated", "message": "请先登录或提供有效的令牌", "field": None}


def test_bad_token(api_client: APIClient) -> None:
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    r = api_client.get(reverse("calendar_api:years"))
    assert r.status_code == 401
    assert r.json()["code"] == "authentication_failed"
    assert uniform(r.json())


def test_method_not_allowed(api: APIClient) -> None:
    r = api.delete(reverse("calendar_api:years"))
    assert r.status_code == 405
    assert r.json()["code"] == "method_not_allowed"
    assert uniform(r.json())


def test_unparsable_json(api: APIClient) -> None:
    r = api.generic("POST", reverse("calendar_api:overrides"), "{not json", content_type="application/json")
    assert r.status_code == 400
    assert r.json()["code"] == "parse_error"
    assert uniform(r.json())


def test_unknown_api_url_is_404_json(api: APIClient) -> None:
    r = api.get("/api/calendar/no-such-thing")
    assert r.status_code == 404


# ---------------------------------------------------------------- through the handler


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (DomainError("rule_broken", "违反规则", "amount"), 400, "rule_broken"),
        (NotFound(), 404, "not_found"),
        (Forbidden(), 403, "forbidden"),
        (Http404("gone"), 404, "not_found"),
        (PermissionDenied("nope"), 403, "forbidden"),
        (Throttled(wait=12.4), 429, "throttled"),
    ],
)
def test_each_exception_gets_the_uniform_body(exc: Exception, status: int, code: str) -> None:
    r = call(exc)
    assert r.status_code == status
    assert r.data["code"] == code
    assert uniform(r.data)
    if code == "rule_broken":
        assert r.data["field"] == "amount"
    if code == "throttled":
        assert r.data["message"] == "请求过于频繁，请13秒后再试"  # DRF rounds the wait up


def test_unexpected_error_is_a_500_in_the_uniform_body(caplog: pytest.LogCaptureFixture) -> None:
    r = call(RuntimeError("boom"))
    assert r.status_code == 500
    assert r.data["code"] == "server_error"
    assert uniform(r.data)
    assert "boom" not in r.data["message"]
    assert any(rec.name == "django.request" and rec.levelname == "ERROR" for rec in caplog.records)


def test_nested_validation_errors_give_a_dotted_field() -> None:
    view = Raising.as_view()
    request = APIRequestFactory().post(
        "/x", {"title": "采购", "items": [{"name": "ok"}, {"name": "far too long"}]}, format="json"
    )
    r = view(request)
    assert r.status_code == 400
    assert r.data["field"] == "items.1.name"
    assert r.data["code"] == "invalid"
    assert uniform(r.data)


def test_first_field_error_paths() -> None:
    assert _first_field_error({"non_field_errors": ["两个日期顺序颠倒"]}) == (None, "两个日期顺序颠倒")
    assert _first_field_error({"a": {"b": ["坏"]}}) == ("a.b", "坏")
    assert _first_field_error({"a": [], "b": ["必填"]}) == ("b", "必填")
    assert _first_field_error(["整体有误"]) == (None, "整体有误")
