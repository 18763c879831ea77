from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("", views.organization_tree, name="list"),
    path("new/", views.organization_create, name="create_root"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:parent_pk>/new/", views.organization_create, name="create_child"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
]
