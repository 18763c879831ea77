"""Production: secrets only from the environment; PostgreSQL; HTTPS behind the intranet proxy."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *


def _require(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"环境变量 {name} 未设置（生产环境必须提供）")
    return value


def _secret_key() -> str:
    key = _require("DJANGO_SECRET_KEY")
    if len(key) < 50 or len(set(key)) < 5 or key.startswith(("dev-", "django-insecure")):
        raise ImproperlyConfigured(
            "环境变量 DJANGO_SECRET_KEY 不安全：至少50个字符的随机串，例如 "
            "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    return key


DEBUG = False
SECRET_KEY = _secret_key()
# Passwords: Django's default hashers (PBKDF2 first). Only the test settings use a fast hasher.
ALLOWED_HOSTS = [h.strip() for h in _require("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The ledger's SM2 signing key must be provided (YIWANG_LEDGER_SM2_KEY or YIWANG_LEDGER_KEY_FILE).
YIWANG_LEDGER_KEY_AUTOCREATE = False
