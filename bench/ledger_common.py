"""Shared set-up of the ledger benchmarks: a private database, never var/db.sqlite3.

``--db sqlite`` (default) uses a temporary SQLite file with the project's settings (WAL,
IMMEDIATE transactions). ``--db postgres`` needs ``DATABASE_URL`` pointing at a PostgreSQL server
(e.g. ``tools/with_postgres.py -- python bench/ledger_append.py --db postgres``); the benchmark
creates its own database on that server and drops it afterwards.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    return p


def setup(db: str) -> str:
    """Point Django at a fresh private database, migrate it, return a description of it."""
    var = Path(tempfile.mkdtemp(prefix="yiwang-bench-"))
    atexit.register(shutil.rmtree, var, True)
    os.environ["YIWANG_VAR_DIR"] = str(var)
    os.environ.pop("YIWANG_LEDGER_SM2_KEY", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    described = f"SQLite file in {var}"
    if db == "postgres":
        described = _private_postgres_database()
    else:
        os.environ.pop("DATABASE_URL", None)
    import django
    from django.conf import settings

    django.setup()
    settings.YIWANG_LEDGER_AUTO_CHECKPOINT = False
    settings.DEBUG = False
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return described


def _private_postgres_database() -> str:
    import dj_database_url
    import psycopg

    url = os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("--db postgres needs DATABASE_URL (run under tools/with_postgres.py)")
    cfg = dj_database_url.parse(url)
    name = f"yiwang_bench_{os.getpid()}"
    admin = psycopg.connect(
        host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"] or None,
        dbname="postgres", autocommit=True,
    )  # fmt: skip
    admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    atexit.register(drop)
    base = url.rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base}/{name}"
    return f"PostgreSQL database {name} at {cfg['HOST']}:{cfg['PORT']}"


def machine() -> str:
    return f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · {platform.platform()}"


def stamp() -> str:
    return dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")


class Person:
    """Stands in for a person: the ledger only needs `.pk` and `str()`."""

    def __init__(self, pk: int, name: str) -> None:
        self.pk = pk
        self.name = name

    def __str__(self) -> str:
        return self.name


def sample_after(i: int) -> dict[str, Any]:
    return {"status": "valid", "number": f"ZF-{i:06d}", "domain": "生态环境", "valid_to": "2028-12-31"}


def generate(
    lo: int, hi: int, algorithm: str, start: dt.datetime
) -> tuple[list[Any], list[Any], list[bytes]]:
    """Rows for entries [lo, hi) exactly as `record()` writes them, plus each entry's leaf data bytes."""
    from django.db import connection

    from yiwang.kernel.ledger.hashing import canonical_json, format_time, hasher, leaf_data

    h = hasher(algorithm)
    entries, payloads, datas = [], [], []
    for seq in range(lo, hi):
        when = start + dt.timedelta(microseconds=seq * 37)
        body = canonical_json(
            {"after": sample_after(seq), "before": None, "data": None, "subject": f"执法证 ZF-{seq:06d}"}
        )
        digest = h.digest(body.encode()).hex()
        fields = {
            "seq": seq,
            "time": format_time(when),
            "actor_id": str(seq % 97),
            "actor_name": f"执法人员{seq % 97}",
            "action": "people.certificate.issued",
            "subject_type": "people.certificate",
            "subject_id": str(seq),
            "request_id": f"{seq:032x}",
            "payload_digest": digest,
        }
        data = leaf_data(**fields)
        entries.append(
            (seq, connection.ops.adapt_datetimefield_value(when), fields["actor_id"], fields["actor_name"],
             fields["action"], fields["subject_type"], fields["subject_id"], fields["request_id"], digest,
             h.leaf(data).hex())
        )  # fmt: skip
        payloads.append((seq, body))
        datas.append(data)
    return entries, payloads, datas


BENCH_START = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)


def bulk_fill(n: int, chunk: int = 50_000, on_chunk: Any = None) -> None:
    bulk_fill_range(0, n, chunk, on_chunk)


def bulk_fill_range(lo: int, hi: int, chunk: int = 50_000, on_chunk: Any = None) -> None:
    """Fill the ledger with entries [lo, hi) exactly as `record()` would write them, in bulk.

    Same canonical encoding, hashes and rows; only the per-row transaction and head update are
    skipped. `on_chunk(entries, payloads, leaf_datas)` sees every chunk (the verify floor uses it).
    """
    from django.db import connection, transaction

    from yiwang.kernel.ledger.hashing import configured_algorithm

    algorithm = configured_algorithm()
    with transaction.atomic():
        with connection.cursor() as cursor:
            if lo == 0:
                cursor.execute(
                    'INSERT INTO "ledger_ledgerhead" ("id", "algorithm", "size", "created_at") VALUES (1, %s, 0, %s)',
                    [algorithm, connection.ops.adapt_datetimefield_value(BENCH_START)],
                )
            cursor.execute('UPDATE "ledger_ledgerhead" SET "size" = %s WHERE "id" = 1', [hi])
        for start in range(lo, hi, chunk):
            entries, payloads, datas = generate(start, min(hi, start + chunk), algorithm, BENCH_START)
            if on_chunk is not None:
                on_chunk(entries, payloads, datas)
            _insert(entries, payloads)


def _insert(entries: list[tuple[Any, ...]], payloads: list[tuple[Any, ...]]) -> None:
    from django.db import connection

    cols = '"seq", "time", "actor_id", "actor_name", "action", "subject_type", "subject_id", "request_id", "payload_digest", "leaf_hash"'
    if connection.vendor == "postgresql":
        raw = connection.cursor().cursor
        with raw.copy(f'COPY "ledger_ledgerentry" ({cols}) FROM STDIN') as copy:
            for row in entries:
                copy.write_row(row)
        with raw.copy('COPY "ledger_ledgerpayload" ("seq", "body") FROM STDIN') as copy:
            for row in payloads:
                copy.write_row(row)
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f'INSERT INTO "ledger_ledgerentry" ({cols}) VALUES ({", ".join(["%s"] * 10)})', entries
        )
        cursor.executemany('INSERT INTO "ledger_ledgerpayload" ("seq", "body") VALUES (%s, %s)', payloads)


def chunks(n: int, size: int) -> Iterator[range]:
    for lo in range(0, n, size):
        yield range(lo, min(n, lo + size))
