"""pytest: SQLite unless DATABASE_URL points at the throw-away PostgreSQL cluster `make test` starts."""

from .base import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; prod uses Django's default
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# Static files straight from the apps (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A tiny module with typed settings and event subscriptions, for the kernel's own tests.
INSTALLED_APPS = [*INSTALLED_APPS, "yiwang.kernel.testing.sample"]
