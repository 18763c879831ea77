"""One error body for the whole API: ``{"code": ..., "message": <Chinese>, "field": ...}``.

- `DomainError` (and `NotFound`, `Forbidden`): its own code, message, field and status.
- DRF validation errors: code ``invalid``, the first problem as message, its field as a dotted
  path (``items.1.name``), and every problem under ``errors``.
- Authentication (401), permission (403), missing objects (404, also Django's `Http404`),
  method (405), throttling (429), unparsable bodies (400): stable codes, Chinese messages.
- Anything unexpected: 500 with code ``server_error`` and the request id, logged to
  ``django.request`` like any server error (with ``DEBUG`` on, Django's debug page instead).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from yiwang.kernel.context import current_request_id
from yiwang.kernel.errors import DomainError

log = logging.getLogger("django.request")

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


def _first_field_error(detail: Any, path: tuple[str, ...] = ()) -> tuple[str | None, str]:
    """The first problem in a DRF error tree and the dotted path of its field (None: whole input)."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            if value in ({}, [], None):
                continue
            step = () if key in ("non_field_errors", "__all__") else (str(key),)
            return _first_field_error(value, path + step)
    if isinstance(detail, list):
        nested = any(isinstance(item, dict | list) for item in detail)
        for index, item in enumerate(detail):
            if item in ({}, [], None):
                continue
            return _first_field_error(item, path + ((str(index),) if nested else ()))
    return (".".join(path) or None), str(detail)


def _body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "field": field}


def error_response(exc: DomainError) -> Response:
    return Response(exc.as_dict(), status=exc.status)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        set_rollback()
        return error_response(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return _server_error(exc, context)
    if isinstance(exc, exceptions.ValidationError):
        field, message = _first_field_error(exc.detail)
        response.data = {**_body("invalid", f"输入有误：{message}", field), "errors": exc.detail}
        response.status_code = status.HTTP_400_BAD_REQUEST
        return response
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        response.data = _body("csrf_failed", _CSRF_MESSAGE)
        return response
    wait = getattr(exc, "wait", None) if isinstance(exc, exceptions.Throttled) else None
    if wait is not None:
        response.data = _body("throttled", f"请求过于频繁，请{int(wait)}秒后再试")
        return response
    for cls, (code, message) in _DRF_MESSAGES.items():
        if isinstance(exc, cls):
            response.data = _body(code, message)
            return response
    response.data = _body("error", str(getattr(exc, "detail", exc)))
    return response


def _server_error(exc: Exception, context: dict[str, Any]) -> Response | None:
    if settings.DEBUG:
        return None  # Django's debug page helps more while developing
    request = context.get("request")
    set_rollback()
    log.error(
        "Internal Server Error: %s",
        getattr(request, "path", "?"),
        exc_info=exc,
        extra={"status_code": 500, "request": getattr(request, "_request", request)},
    )
    rid = current_request_id()
    reference = f"（请求编号 {rid}）" if rid else ""
    return Response(
        _body("server_error", f"服务器内部错误，已记录，请稍后再试{reference}"),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
