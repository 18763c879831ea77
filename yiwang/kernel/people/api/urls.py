from django.urls import path

from . import views

app_name = "people_api"

urlpatterns = [
    path("", views.PersonListView.as_view(), name="list"),
    path("me/", views.MeView.as_view(), name="me"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="detail"),
    path("positions/", views.PositionCreateView.as_view(), name="positions"),
    path("roles/", views.RoleListView.as_view(), name="roles"),
    path("role-assignments/", views.RoleAssignmentListView.as_view(), name="role_assignments"),
    path("role-assignments/<int:pk>/revoke/", views.RoleRevokeView.as_view(), name="role_revoke"),
    path("certificates/", views.CertificateListView.as_view(), name="certificates"),
    path("certificates/<int:pk>/", views.CertificateDetailView.as_view(), name="certificate"),
    path("certificates/<int:pk>/status/", views.CertificateStatusView.as_view(), name="certificate_status"),
]
