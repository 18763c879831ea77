"""Production settings: secrets only from the environment, `check --deploy` clean, Django's password hashers.

Each case loads the settings in a fresh interpreter, as a deployment would.
"""

from __future__ import annotations

import json
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "from django.contrib.auth.hashers import make_password; "
    "print(json.dumps({'hashers': s.PASSWORD_HASHERS, 'debug': s.DEBUG, 'hash': make_password('x')[:14]}))"
)


def _env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(overrides)
    return env


def _prod_env(**overrides: str) -> dict[str, str]:
    defaults = {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "yiwang.example.gov.cn",
    }
    return _env(**{**defaults, **overrides})


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], _prod_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_secret_key() -> None:
    env = _prod_env()
    del env["DJANGO_SECRET_KEY"]
    result = _run(["-c", PROBE], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "环境变量 DJANGO_SECRET_KEY 未设置" in result.stderr


@pytest.mark.parametrize(
    "weak_key",
    ["dev-only-insecure-key-change-me", "short-key", "a" * 80, "django-insecure-" + "x1y2z3" * 10],
)
def test_production_refuses_a_weak_or_development_secret_key(weak_key: str) -> None:
    result = _run(["-c", PROBE], _prod_env(DJANGO_SECRET_KEY=weak_key))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY 不安全" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    env = _prod_env()
    del env["DJANGO_ALLOWED_HOSTS"]
    result = _run(["-c", PROBE], env)
    assert result.returncode != 0
    assert "环境变量 DJANGO_ALLOWED_HOSTS 未设置" in result.stderr


def test_production_hashes_passwords_with_djangos_default_pbkdf2() -> None:
    result = _run(["-c", PROBE], _prod_env())
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["debug"] is False
    assert loaded["hashers"][0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    assert loaded["hash"].startswith("pbkdf2_sha256$")


def test_development_settings_hash_passwords_with_djangos_default_too() -> None:
    result = _run(["-c", PROBE], _env(DJANGO_SETTINGS_MODULE="config.settings.dev"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["hash"].startswith("pbkdf2_sha256$")


def test_the_fast_md5_hasher_is_confined_to_the_test_settings() -> None:
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users = [
        p.name for p in (ROOT / "config" / "settings").glob("*.py") if "MD5PasswordHasher" in p.read_text()
    ]
    assert users == ["test.py"]


def test_the_production_server_configuration_is_valid_and_sized_by_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """config/gunicorn.conf.py: gunicorn accepts it; workers = cores + 1 unless YIWANG_WORKERS."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    conf = ROOT / "config" / "gunicorn.conf.py"
    check = subprocess.run(
        [str(gunicorn), "--check-config", "-c", str(conf), "config.wsgi:application"],
        cwd=ROOT,
        env=_prod_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    values = runpy.run_path(str(conf))
    assert values["workers"] == (os.cpu_count() or 1) + 1
    assert values["worker_class"] == "sync" and values["timeout"] == 60
    monkeypatch.setenv("YIWANG_WORKERS", "7")
    assert runpy.run_path(str(conf))["workers"] == 7
