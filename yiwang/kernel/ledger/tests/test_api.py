"""Public ledger API and page: no login, hashes only, uniform error bodies, OpenAPI schema."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from yiwang.kernel.ledger import merkle
from yiwang.kernel.ledger.hashing import hasher
from yiwang.kernel.ledger.models import LedgerCheckpoint, LedgerEntry
from yiwang.kernel.ledger.services import checkpoint_create
from yiwang.kernel.ledger.signing import PublicKey

pytestmark = pytest.mark.django_db

SECRET = "身份证号110101199003071234"


@pytest.fixture
def log(make_entries: Callable[..., Any]) -> LedgerCheckpoint:
    from django.db import transaction

    from yiwang.kernel import ledger

    make_entries(10)
    with transaction.atomic():
        ledger.record(actor=None, action="people.person.created", subject=SECRET, after={"id_number": SECRET})
    cp = checkpoint_create()
    assert cp is not None
    return cp


def test_latest_checkpoint_is_public_and_verifiable(api_client: APIClient, log: LedgerCheckpoint) -> None:
    r = api_client.get("/api/ledger/checkpoints/latest")
    assert r.status_code == 200
    body = r.json()
    assert (body["size"], body["root_hash"], body["algorithm"]) == (11, log.root_hash, log.algorithm)
    assert body["signature_valid"] is True
    assert body["signer_id"] == "1234567812345678"
    key = PublicKey.from_pem(body["public_key_pem"])
    assert key.fingerprint == body["key_fingerprint"]
    assert key.verify(body["signed_message"].encode(), bytes.fromhex(body["signature"]))


def test_latest_checkpoint_404_before_any(api_client: APIClient, db: Any) -> None:
    r = api_client.get("/api/ledger/checkpoints/latest")
    assert r.status_code == 404
    assert r.json() == {"code": "no_checkpoint", "message": "台账尚未签署任何检查点", "field": None}


def test_checkpoint_history_newest_first(
    api_client: APIClient, log: LedgerCheckpoint, make_entries: Any
) -> None:
    make_entries(2)
    checkpoint_create()
    r = api_client.get("/api/ledger/checkpoints/")
    assert r.status_code == 200
    assert r.json()["count"] == 2
    assert [c["size"] for c in r.json()["results"]] == [13, 11]


def test_inclusion_proof_endpoint_verifies(api_client: APIClient, log: LedgerCheckpoint) -> None:
    r = api_client.get("/api/ledger/proofs/inclusion", {"index": 6, "size": 11})
    assert r.status_code == 200
    body = r.json()
    entry = LedgerEntry.objects.get(seq=6)
    assert body["leaf_hash"] == entry.leaf_hash
    assert body["root_hash"] == log.root_hash
    h = hasher(log.algorithm)
    path = [bytes.fromhex(p) for p in body["path"]]
    assert merkle.verify_inclusion(
        h, 6, 11, bytes.fromhex(entry.leaf_hash), path, bytes.fromhex(log.root_hash)
    )


def test_consistency_proof_endpoint_verifies(api_client: APIClient, log: LedgerCheckpoint) -> None:
    r = api_client.get("/api/ledger/proofs/consistency", {"first": 4, "second": 11})
    assert r.status_code == 200
    body = r.json()
    h = hasher(log.algorithm)
    assert body["second_root"] == log.root_hash
    path = [bytes.fromhex(p) for p in body["path"]]
    assert merkle.verify_consistency(
        h, 4, 11, bytes.fromhex(body["first_root"]), bytes.fromhex(log.root_hash), path
    )


@pytest.mark.parametrize(
    ("url", "params", "code", "field"),
    [
        ("/api/ledger/proofs/inclusion", {"size": 3}, "missing_parameter", "index"),
        ("/api/ledger/proofs/inclusion", {"index": "abc", "size": 3}, "invalid_parameter", "index"),
        ("/api/ledger/proofs/inclusion", {"index": "-1", "size": 3}, "invalid_parameter", "index"),
        ("/api/ledger/proofs/inclusion", {"index": "１", "size": 3}, "invalid_parameter", "index"),
        ("/api/ledger/proofs/inclusion", {"index": 0, "size": 0}, "invalid_size", "size"),
        ("/api/ledger/proofs/inclusion", {"index": 5, "size": 5}, "invalid_index", "index"),
        ("/api/ledger/proofs/inclusion", {"index": 0, "size": 12}, "size_beyond_checkpoint", "size"),
        ("/api/ledger/proofs/inclusion", {"index": 0, "size": "9" * 40}, "invalid_parameter", "size"),
        ("/api/ledger/proofs/consistency", {"first": 5}, "missing_parameter", "second"),
        ("/api/ledger/proofs/consistency", {"first": 6, "second": 5}, "size_beyond_checkpoint", "first"),
        ("/api/ledger/proofs/consistency", {"first": 0, "second": 5}, "invalid_size", "first"),
        ("/api/ledger/proofs/consistency", {"first": 1, "second": 99}, "size_beyond_checkpoint", "second"),
        ("/api/ledger/entries/xyz", {}, "invalid_hash", "hash"),
    ],
)
def test_bad_parameters_give_400_with_the_uniform_error_body(
    api_client: APIClient, log: LedgerCheckpoint, url: str, params: dict[str, Any], code: str, field: str
) -> None:
    r = api_client.get(url, params)
    assert r.status_code == 400
    body = r.json()
    assert (body["code"], body["field"]) == (code, field)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])


def test_entry_lookup_by_hash_shows_inclusion_but_no_payload(
    api_client: APIClient, log: LedgerCheckpoint
) -> None:
    entry = LedgerEntry.objects.get(seq=10)
    r = api_client.get(f"/api/ledger/entries/{entry.leaf_hash.upper()}")
    assert r.status_code == 200
    body = r.json()
    assert body["included"] is True and body["leaf_matches_row"] is True
    assert body["entry"] == {
        "seq": 10,
        "time": body["entry"]["time"],
        "action": "people.person.created",
        "leaf_hash": entry.leaf_hash,
    }
    assert SECRET not in r.content.decode()
    missing = api_client.get("/api/ledger/entries/" + "0" * 64)
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_api_needs_no_login_even_with_a_bad_token(log: LedgerCheckpoint) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/ledger/checkpoints/latest").status_code == 200


def test_ledger_endpoints_are_in_the_openapi_schema(api_client: APIClient, db: Any) -> None:
    r = api_client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert r.status_code == 200
    paths = r.json()["paths"] if r.headers["Content-Type"].startswith("application/json") else None
    text = r.content.decode()
    for p in (
        "/api/ledger/checkpoints/",
        "/api/ledger/checkpoints/latest",
        "/api/ledger/proofs/inclusion",
        "/api/ledger/proofs/consistency",
        "/api/ledger/entries/{leaf_hash}",
    ):
        assert p in (paths or text)
    assert "InclusionProof" in text and "ConsistencyProof" in text


def test_public_page_shows_checkpoints_and_key_but_never_payloads(
    client: Client, log: LedgerCheckpoint
) -> None:
    r = client.get(reverse("ledger:public"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "台账核验" in html
    assert log.root_hash in html
    assert "BEGIN PUBLIC KEY" in html
    assert "有效" in html
    assert SECRET not in html


def test_public_page_checks_an_entry_by_hash_or_seq(client: Client, log: LedgerCheckpoint) -> None:
    entry = LedgerEntry.objects.get(seq=10)
    by_hash = client.get(reverse("ledger:public"), {"q": entry.leaf_hash}).content.decode()
    assert 'data-verified="yes"' in by_hash and "已核验" in by_hash
    assert SECRET not in by_hash
    partial = client.get(reverse("ledger:public"), {"q": "10", "partial": "check"}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert 'data-verified="yes"' in partial.content.decode()
    bad = client.get(reverse("ledger:public"), {"q": "<script>alert(1)</script>"}).content.decode()
    assert "条目哈希应为 64 位十六进制数" in bad
    assert "<script>alert(1)</script>" not in bad


def test_public_page_says_when_an_entry_is_not_yet_signed(
    client: Client, log: LedgerCheckpoint, make_entries: Any
) -> None:
    make_entries(1)
    html = client.get(reverse("ledger:public"), {"q": "11"}).content.decode()
    assert "尚未签署" in html and 'data-verified="no"' in html


def test_public_key_download(client: Client, log: LedgerCheckpoint) -> None:
    r = client.get(reverse("ledger:public-key", args=[log.key_id]))
    assert r.status_code == 200
    assert r.content.decode().startswith("-----BEGIN PUBLIC KEY-----")
    assert client.get(reverse("ledger:public-key", args=["0" * 64])).status_code == 404


def test_public_nav_item_is_declared(db: Any) -> None:
    from django.apps import apps

    nav = apps.get_app_config("ledger").manifest.nav  # type: ignore[attr-defined]
    assert [(n.url_name, n.public) for n in nav] == [("ledger:public", True)]
    assert "台账核验" in Client().get("/").content.decode()
