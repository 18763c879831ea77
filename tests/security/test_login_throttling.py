"""Login throttling (django-axes): 5 wrong passwords for one account from one address lock it for 15 minutes."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "正确的密码-Correct-42"
LOCKED = "登录已暂时锁定"
LOGIN = "/accounts/login/"


@pytest.fixture
def officer() -> User:
    return User.objects.create_user(username="officer", password=PASSWORD)


def _attempt(client: Client, password: str, username: str = "officer", ip: str = "10.1.2.3"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_throttling_is_configured_for_five_failures_and_fifteen_minutes() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == 0.25
    assert settings.AXES_RESET_ON_SUCCESS is True
    assert "axes.middleware.AxesMiddleware" in settings.MIDDLEWARE
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_fifth_failure_locks_and_the_sixth_attempt_is_refused_with_the_chinese_page(officer: User) -> None:
    client = Client()
    for _ in range(4):
        response = _attempt(client, "wrong-password")
        assert response.status_code == 200
        assert LOCKED not in response.content.decode()
        assert "请输入一个正确的" in response.content.decode()  # Django's own message, in Chinese
    fifth = _attempt(client, "wrong-password")
    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()

    # The sixth attempt is refused even with the right password, and no session is opened.
    sixth = _attempt(client, PASSWORD)
    assert sixth.status_code == 429
    body = sixth.content.decode()
    assert LOCKED in body
    assert "锁定15分钟" in body
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="officer").failures_since_start >= 5


def test_lockout_is_per_account_and_address(officer: User) -> None:
    User.objects.create_user(username="colleague", password=PASSWORD)
    client = Client()
    for _ in range(5):
        _attempt(client, "wrong-password")
    assert _attempt(client, PASSWORD).status_code == 429
    # The same account from another workstation, and another account from this one, still work.
    assert _attempt(Client(), PASSWORD, ip="10.9.9.9").status_code == 302
    assert _attempt(Client(), PASSWORD, username="colleague").status_code == 302


def test_a_successful_login_resets_the_failure_count(officer: User) -> None:
    client = Client()
    for _ in range(4):
        assert _attempt(client, "wrong-password").status_code == 200
    assert _attempt(client, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="officer").exists()
    client.post("/accounts/logout/")

    # Four more failures would have made nine: without the reset the account would be locked now.
    for _ in range(4):
        assert _attempt(client, "wrong-password").status_code == 200
    success = _attempt(client, PASSWORD)
    assert success.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
