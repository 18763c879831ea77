"""CSRF protection is on for pages and for the API's session authentication."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

PASSWORD = "正确的密码-Correct-42"


@pytest.fixture
def user() -> User:
    return User.objects.create_user(username="clerk", password=PASSWORD)


def test_login_form_without_csrf_token_is_refused_with_a_chinese_page(user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 403
    assert "请求未通过安全校验" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_form_with_csrf_token_is_accepted(user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/accounts/login/", {"username": "clerk", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_language_switch_without_csrf_token_is_refused() -> None:
    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 403
    assert "django_language" not in response.cookies


def test_logout_without_csrf_token_is_refused(user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post("/accounts/logout/").status_code == 403
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.urls("tests.security.probe_urls")
def test_api_post_on_a_session_without_csrf_token_is_refused_with_the_error_body(user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/probe/api/", {}, content_type="application/json")
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "csrf_failed"
    assert "CSRF" in body["message"]
    assert set(body) == {"code", "message", "field"}


@pytest.mark.urls("tests.security.probe_urls")
def test_api_post_on_a_session_with_csrf_token_is_accepted(user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/")  # every page carries the token, and sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post("/probe/api/", {}, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json() == {"ok": True}


@pytest.mark.urls("tests.security.probe_urls")
def test_api_clients_with_a_token_need_no_csrf_token(user: User) -> None:
    token = Token.objects.create(user=user)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/probe/api/", {}, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token.key}"
    )
    assert response.status_code == 200
    assert response.json() == {"ok": True}


@pytest.mark.urls("tests.security.probe_urls")
def test_api_refuses_anonymous_callers_with_the_error_body() -> None:
    response = Client().post("/probe/api/", {}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"
