"""A DRF view with the project's default authentication and permissions, plus a request-id echo.

Mounted only by the tests that use it (``@pytest.mark.urls``), beside the real URLs.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, include, path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from yiwang.kernel.context import current_request_id


class ProbeView(APIView):
    """Project defaults: token or session authentication, authenticated users only."""

    def post(self, request: Request) -> Response:
        return Response({"ok": True})


def request_id_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"request_id": current_request_id()})


urlpatterns: list[URLPattern | URLResolver] = [
    path("probe/api/", ProbeView.as_view()),
    path("probe/request-id", request_id_view),
    path("", include("config.urls")),
]
