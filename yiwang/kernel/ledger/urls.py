from django.urls import path

from . import views

app_name = "ledger"

urlpatterns = [
    path("", views.public, name="public"),
    path("keys/<str:fingerprint>.pem", views.public_key, name="public-key"),
]
