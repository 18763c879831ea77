"""The production server: gunicorn with sync workers in front of `config.wsgi`.

    DJANGO_SETTINGS_MODULE=config.settings.prod gunicorn -c config/gunicorn.conf.py config.wsgi

Behind the intranet's HTTPS proxy (which sets ``X-Forwarded-Proto``). Environment:

- ``YIWANG_BIND`` (default ``127.0.0.1:8000``);
- ``YIWANG_WORKERS`` (default: cores + 1). The pages are CPU-bound Python with short database
  waits, so one worker per core plus one to cover the waits serves best: with five workers on two
  cores the case list's p95 under 50 clients was higher than with three (bench/RESULTS.md);
- ``YIWANG_FORWARDED_ALLOW_IPS`` (default ``127.0.0.1``): the proxy's address.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("YIWANG_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("YIWANG_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "sync"
backlog = 256
timeout = 60  # a document or an evaluation run may take a few seconds; nothing should take a minute
graceful_timeout = 30
max_requests = 2000  # a worker is replaced now and then, so a slow leak never grows
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("YIWANG_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("YIWANG_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("YIWANG_LOG_LEVEL", "info")
