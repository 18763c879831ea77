"""Kernel pages: Simplified Chinese by default, English on request, login/logout, health check, API docs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.template import Context, Template, loader
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db
PASSWORD = "正确的密码-Correct-42"


@pytest.fixture(autouse=True)
def _leave_chinese_active() -> Iterator[None]:
    """Requests activate a language for the thread; other tests expect the default back."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def user() -> User:
    return User.objects.create_user(username="clerk", password=PASSWORD)


def _english(client: Client) -> Client:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def test_home_is_in_simplified_chinese() -> None:
    response = Client().get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in body
    assert "一网政务平台" in body
    assert "工作人员登录" in body
    assert response["Content-Language"] == "zh-hans"


def test_an_english_browser_still_gets_chinese_until_english_is_chosen() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "工作人员登录" in client.get("/").content.decode()
    body = _english(client).get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Staff sign-in" in body
    assert "工作人员登录" not in body


def test_switching_back_to_chinese() -> None:
    client = _english(Client())
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "工作人员登录" in client.get("/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_chinese() -> None:
    client = Client()
    client.cookies["django_language"] = "xx-evil"
    assert "工作人员登录" in client.get("/").content.decode()


def test_login_page_and_wrong_password_message_are_chinese(user: User) -> None:
    client = Client()
    page = client.get("/accounts/login/").content.decode()
    assert "用户名" in page and "密码" in page
    wrong = client.post("/accounts/login/", {"username": "clerk", "password": "wrong"}).content.decode()
    assert "请输入一个正确的" in wrong
    assert "_auth_user_id" not in client.session


def test_login_then_logout(user: User) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/").content.decode()
    assert 'data-testid="who">clerk<' in home
    assert 'data-testid="logout"' in home
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
    assert 'data-testid="login"' in client.get("/").content.decode()


def test_login_goes_back_to_the_page_asked_for(user: User) -> None:
    response = Client().post(
        "/accounts/login/", {"username": "clerk", "password": PASSWORD, "next": "/api/docs/"}
    )
    assert response["Location"] == "/api/docs/"


def test_login_never_redirects_to_another_site(user: User) -> None:
    response = Client().post(
        "/accounts/login/", {"username": "clerk", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_page_not_found_is_chinese_then_english() -> None:
    client = Client()
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    assert "Page not found" in _english(client).get("/no-such-page/").content.decode()


def test_the_server_error_page_renders_without_request_or_database() -> None:
    with translation.override("zh-hans"):
        body = loader.get_template("500.html").render({})
    assert "系统出错" in body
    assert "/static/ui/yiwang.css" in body


def test_user_text_is_escaped_in_the_base_template() -> None:
    User.objects.create_user(username="<script>alert(1)</script>", password=PASSWORD)
    client = Client()
    client.post("/accounts/login/", {"username": "<script>alert(1)</script>", "password": PASSWORD})
    body = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_healthz_reports_the_database() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_healthz_answers_get_only() -> None:
    assert Client().post("/healthz").status_code == 405


def test_openapi_schema_is_served() -> None:
    response = Client().get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "一网 Yiwang API"


def test_api_docs_use_bundled_assets_and_a_script_file() -> None:
    page = Client().get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert '<script src="/api/docs/?script="></script>' in page
    assert "<style" not in page
    assert "cdn" not in page.lower()
    script = Client().get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
    assert '"validatorUrl": null' in script.content.decode()


def test_templates_can_use_the_english_catalogue() -> None:
    with translation.override("en"):
        assert Template("{% load i18n %}{% translate '退出' %}").render(Context()) == "Sign out"
    with translation.override("zh-hans"):
        assert Template("{% load i18n %}{% translate '退出' %}").render(Context()) == "退出"


def test_openapi_schema_validates_without_warnings(tmp_path: Path) -> None:
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "openapi: 3." in out.read_text(encoding="utf-8")
