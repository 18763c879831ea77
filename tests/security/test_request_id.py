"""Request ids: taken from the intranet proxy when well-formed, made otherwise, echoed, seen by the code."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from yiwang.kernel.context import current_request_id

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.probe_urls")]
GENERATED = re.compile(r"^[0-9a-f]{32}$")


def test_a_well_formed_incoming_request_id_is_echoed_and_used() -> None:
    response = Client().get("/probe/request-id", HTTP_X_REQUEST_ID="proxy-7f3a.42:1")
    assert response["X-Request-ID"] == "proxy-7f3a.42:1"
    assert response.json() == {"request_id": "proxy-7f3a.42:1"}


def test_without_an_incoming_id_each_request_gets_a_new_one() -> None:
    first = Client().get("/probe/request-id")
    second = Client().get("/probe/request-id")
    assert GENERATED.match(first["X-Request-ID"])
    assert first.json()["request_id"] == first["X-Request-ID"]
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize(
    "hostile",
    ["<script>alert(1)</script>", "a b", "x" * 65, "请求编号", "１２３", "id\u200bzero-width", "😀"],
)
def test_a_malformed_incoming_id_is_replaced_not_echoed(hostile: str) -> None:
    response = Client().get("/probe/request-id", HTTP_X_REQUEST_ID=hostile)
    assert GENERATED.match(response["X-Request-ID"])
    assert response.json()["request_id"] == response["X-Request-ID"]


def test_the_id_is_echoed_on_pages_api_and_errors_alike() -> None:
    for url in ["/", "/healthz", "/api/schema/", "/no-such-page/"]:
        assert Client().get(url, HTTP_X_REQUEST_ID="rid-1")["X-Request-ID"] == "rid-1"


def test_outside_a_request_there_is_no_request_id() -> None:
    Client().get("/probe/request-id", HTTP_X_REQUEST_ID="rid-2")
    assert current_request_id() is None
