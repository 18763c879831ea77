from django.urls import path

from . import views

app_name = "calendar"

urlpatterns = [
    path("", views.index, name="index"),
    path("deadline", views.deadline, name="deadline"),
    path("overrides/new", views.override_new, name="override-new"),
    path("overrides/<int:pk>/withdraw", views.override_withdraw, name="override-withdraw"),
    path("years/import", views.year_import, name="year-import"),
    path("years/<int:pk>/withdraw", views.year_withdraw, name="year-withdraw"),
]
