from django.urls import path

from . import views

app_name = "ledger_api"

urlpatterns = [
    path("checkpoints/", views.CheckpointListView.as_view(), name="checkpoint-list"),
    path("checkpoints/latest", views.CheckpointLatestView.as_view(), name="checkpoint-latest"),
    path("proofs/inclusion", views.InclusionProofView.as_view(), name="proof-inclusion"),
    path("proofs/consistency", views.ConsistencyProofView.as_view(), name="proof-consistency"),
    path("entries/<str:leaf_hash>", views.EntryByHashView.as_view(), name="entry-by-hash"),
]
