"""Kernel pages: home, login/logout, health check, API docs, error pages."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularSwaggerSplitView


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/home.html")


class LoginView(auth_views.LoginView):
    template_name = "ui/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the bundled assets, its start-up script served as a file (no inline script or style)."""

    template_name = "ui/api_docs.html"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for the intranet load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        db = "ok"
    except Exception:  # report, don't raise: the balancer needs an answer
        db = "error"
    status = 200 if db == "ok" else 503
    return JsonResponse({"status": "ok" if db == "ok" else "degraded", "database": db}, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (missing or stale CSRF token) explained in the page's language (CSRF_FAILURE_VIEW)."""
    body = loader.render_to_string("ui/csrf_failure.html", {"reason": reason}, request=request)
    return HttpResponseForbidden(body)
