from django.urls import path

from . import views

app_name = "calendar_api"

urlpatterns = [
    path("add", views.AddView.as_view(), name="add"),
    path("between", views.BetweenView.as_view(), name="between"),
    path("days/<str:day>", views.DayView.as_view(), name="day"),
    path("deadline", views.DeadlineView.as_view(), name="deadline"),
    path("years/", views.YearsView.as_view(), name="years"),
    path("years/import", views.YearImportView.as_view(), name="year-import"),
    path("years/<int:pk>/withdraw", views.YearWithdrawView.as_view(), name="year-withdraw"),
    path("crosscheck/<int:year>", views.CrosscheckView.as_view(), name="crosscheck"),
    path("overrides/", views.OverridesView.as_view(), name="overrides"),
    path("overrides/<int:pk>/withdraw", views.OverrideWithdrawView.as_view(), name="override-withdraw"),
]
