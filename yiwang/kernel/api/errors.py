"""One error body for the whole API: ``{"code": ..., "message": <Chinese>, "field": ...}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from yiwang.kernel.errors import DomainError

_DRF_MESSAGES: dict[type, tuple[str, str]] = {
    exceptions.NotAuthenticated: ("not_authenticated", "请先登录或提供有效的令牌"),
    exceptions.AuthenticationFailed: ("authentication_failed", "身份认证失败：令牌无效或已停用"),
    exceptions.PermissionDenied: ("forbidden", "无权执行此操作"),
    exceptions.NotFound: ("not_found", "对象不存在或无权访问"),
    exceptions.MethodNotAllowed: ("method_not_allowed", "不支持该请求方法"),
    exceptions.NotAcceptable: ("not_acceptable", "无法提供所请求的格式"),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", "不支持的请求内容类型"),
    exceptions.Throttled: ("throttled", "请求过于频繁，请稍后再试"),
    exceptions.ParseError: ("parse_error", "请求内容无法解析，请检查JSON格式"),
}

# Session-authenticated API calls (the pages' htmx requests) must carry the CSRF token.
_CSRF_MESSAGE = "请求未通过安全校验（CSRF）：页面发出的请求须带 X-CSRFToken 请求头；接口客户端请使用令牌认证"


def _first_field_error(detail: Any, prefix: str = "") -> tuple[str | None, str]:
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if key != "non_field_errors" else None
            field, message = _first_field_error(value, f"{prefix}{name}" if name else prefix)
            return field or (prefix + name if name else None), message
    if isinstance(detail, list) and detail:
        return _first_field_error(detail[0], prefix)
    return (prefix or None), str(detail)


def error_response(exc: DomainError) -> Response:
    return Response(exc.as_dict(), status=exc.status)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return error_response(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        field, message = _first_field_error(exc.detail)
        response.data = {
            "code": "invalid",
            "message": f"输入有误：{message}",
            "field": field,
            "errors": exc.detail,
        }
        response.status_code = status.HTTP_400_BAD_REQUEST
        return response
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        response.data = {"code": "csrf_failed", "message": _CSRF_MESSAGE, "field": None}
        return response
    for cls, (code, message) in _DRF_MESSAGES.items():
        if isinstance(exc, cls):
            response.data = {"code": code, "message": message, "field": None}
            return response
    response.data = {"code": "error", "message": str(getattr(exc, "detail", exc)), "field": None}
    return response
