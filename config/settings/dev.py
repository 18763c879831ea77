"""`make run`: local demo on SQLite (or DATABASE_URL)."""

from .base import *

DEBUG = True
