"""`make run`: local demo on SQLite (or DATABASE_URL)."""

from .base import *  # noqa: F403

DEBUG = True
