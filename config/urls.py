"""Top-level URLs. Each kernel part and module owns its pages (`urls.py`) and API (`api/urls.py`)."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView

from yiwang.kernel.ui.views import ApiDocsView, healthz

api_patterns: list[URLPattern | URLResolver] = [
    path("organizations/", include("yiwang.kernel.organizations.api.urls")),
    path("people/", include("yiwang.kernel.people.api.urls")),
    path("ledger/", include("yiwang.kernel.ledger.api.urls")),
    path("calendar/", include("yiwang.kernel.calendar.api.urls")),
    path("enforcement/", include("yiwang.modules.enforcement.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/", include(api_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("organizations/", include("yiwang.kernel.organizations.urls")),
    path("people/", include("yiwang.kernel.people.urls")),
    path("ledger/", include("yiwang.kernel.ledger.urls")),
    path("calendar/", include("yiwang.kernel.calendar.urls")),
    path("enforcement/", include("yiwang.modules.enforcement.urls")),
    path("", include("yiwang.kernel.ui.urls")),
]
