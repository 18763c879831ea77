from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("me/", views.me, name="me"),
    path("certificates/", views.certificates, name="certificates"),
    path("certificates/<int:pk>/status/", views.certificate_status, name="certificate_status"),
    path("assignments/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("in/<int:org_pk>/", views.in_organization, name="in_organization"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/roles/grant/", views.role_grant, name="role_grant"),
    path("<int:pk>/certificates/new/", views.certificate_issue, name="certificate_issue"),
]
