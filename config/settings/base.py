"""Settings shared by every environment.

Environment variables (all optional outside production):

- ``DATABASE_URL``: e.g. ``postgres://user:pass@127.0.0.1:5432/yiwang``; SQLite at ``var/db.sqlite3`` when unset.
- ``YIWANG_VAR_DIR``: where the SQLite database, the evidence store and dev keys live (default ``var/``).
- ``YIWANG_LEDGER_HASH``: ``sm3`` (default) or ``sha256``.
- ``YIWANG_LEDGER_SM2_KEY`` / ``YIWANG_LEDGER_KEY_FILE``: the checkpoint signing key (hex) or its file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("YIWANG_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "treebeard",
    # kernel
    "yiwang.kernel.organizations",
    "yiwang.kernel.people",
    "yiwang.kernel.access",
    "yiwang.kernel.ledger",
    "yiwang.kernel.calendar",
    "yiwang.kernel.events",
    "yiwang.kernel.modules",
    "yiwang.kernel.api",
    "yiwang.kernel.ui",
    # domain modules are appended here as they are built
    "yiwang.modules.enforcement",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "yiwang.kernel.context.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "yiwang.kernel.ui.middleware.ChosenLanguageMiddleware",  # LocaleMiddleware: cookie, else zh-hans
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "yiwang.kernel.ui.context_processors.navigation",
            ],
        },
    },
]


def database_from_env() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    if url:
        db: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
        if str(db.get("ENGINE", "")).endswith("postgresql"):
            # Plain cursors: a server-side cursor costs three round trips (DECLARE, FETCH, CLOSE)
            # for every choice list a form renders, and breaks behind a transaction pooler.
            db["DISABLE_SERVER_SIDE_CURSORS"] = True
            # Parameters bound by the server, so psycopg prepares a statement a connection runs
            # often (the session, the user, the grants, the lists) and PostgreSQL plans it once.
            # Behind a transaction-pooling proxy set YIWANG_PG_PREPARE=0 (no prepared statements).
            options: dict[str, Any] = db.setdefault("OPTIONS", {})
            options["server_side_binding"] = True
            if os.environ.get("YIWANG_PG_PREPARE", "1") == "0":
                options["prepare_threshold"] = None
        return db
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "db.sqlite3",
        "OPTIONS": {
            # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
            # BEGIN so two writers never deadlock on lock upgrade (ledger appends serialize here).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "yiwang.kernel.people.backends.PersonModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "ui:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "ui:home"

# Login throttling (django-axes): 5 failures per username+IP lock for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "ui/locked_out.html"
CSRF_FAILURE_VIEW = "yiwang.kernel.ui.views.csrf_failure"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Content-Security-Policy: nothing from outside, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "yiwang.kernel.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "一网 Yiwang API",
    "DESCRIPTION": "县级政府一网通办平台接口。错误统一返回 {code, message, field}。",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to the public validator service: the docs page makes no outside request.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets whose field names ("kind", "status", "source") repeat across modules.
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "yiwang.kernel.organizations.kinds.Kind",
        "EnforcementKindEnum": "yiwang.modules.enforcement.workflow.Kind",
        "EnforcementCaseStatusEnum": "yiwang.modules.enforcement.models.base.STATUS_CHOICES",
        "EnforcementReviewStatusEnum": "yiwang.modules.enforcement.workflow.ReviewStatus",
        "EnforcementCaseSourceEnum": "yiwang.modules.enforcement.models.CaseSource",
        "EnforcementDecisionKindEnum": "yiwang.modules.enforcement.models.DecisionKind",
        "EnforcementDecisionStatusEnum": "yiwang.modules.enforcement.models.DecisionStatus",
        "EnforcementDeadlineKindEnum": "yiwang.modules.enforcement.models.DeadlineKind",
        "EnforcementDocumentKindEnum": "yiwang.modules.enforcement.documents.DocumentKind",
        "EnforcementEvidenceKindEnum": "yiwang.modules.enforcement.models.EvidenceKind",
        "EnforcementStatementKindEnum": "yiwang.modules.enforcement.models.StatementKind",
    },
}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Ledger: hash algorithm of the Merkle log; SM2 signing key for checkpoints.
YIWANG_LEDGER_HASH = os.environ.get("YIWANG_LEDGER_HASH", "sm3")
YIWANG_LEDGER_KEY_FILE = Path(os.environ.get("YIWANG_LEDGER_KEY_FILE", VAR_DIR / "ledger-sm2.key"))
# Outside production a missing key file is generated once (production: YIWANG_LEDGER_SM2_KEY or the file).
YIWANG_LEDGER_KEY_AUTOCREATE = True
# Sign a checkpoint after commit when the latest one is older than this or this many entries behind.
YIWANG_LEDGER_AUTO_CHECKPOINT = True
YIWANG_LEDGER_CHECKPOINT_SECONDS = 300
YIWANG_LEDGER_CHECKPOINT_ENTRIES = 1000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
