#!/usr/bin/env python3
"""Ledger append rate through the service layer, against plain inserts of the same rows.

Each operation is its own transaction, as in a service: ``record()`` (sequence number under the head
row lock, canonical encoding, two SM3 hashes, entry + payload rows) versus inserting the same two
rows, prebuilt, into unhashed tables with the same columns. Rounds alternate A/B; the median round
counts. Target: ratio ≥ 0.5.

    .venv/bin/python bench/ledger_append.py [--n 5000] [--rounds 3]
    .venv/bin/python tools/with_postgres.py -- .venv/bin/python bench/ledger_append.py --db postgres
"""

from __future__ import annotations

import statistics
import time

import ledger_common as common

PLAIN_DDL = [
    'CREATE TABLE "bench_plain_entry" ("seq" bigint PRIMARY KEY, "time" {ts} NOT NULL, "actor_id" varchar(64) NOT NULL, '
    '"actor_name" varchar(200) NOT NULL, "action" varchar(120) NOT NULL, "subject_type" varchar(100) NOT NULL, '
    '"subject_id" varchar(200) NOT NULL, "request_id" varchar(64) NOT NULL, "payload_digest" varchar(64) NOT NULL)',
    'CREATE TABLE "bench_plain_payload" ("seq" bigint PRIMARY KEY, "body" text NOT NULL)',
    'CREATE INDEX "bench_plain_entry_action" ON "bench_plain_entry" ("action")',
    'CREATE INDEX "bench_plain_entry_subject" ON "bench_plain_entry" ("subject_type", "subject_id")',
]


def main() -> None:
    p = common.parser(__doc__.splitlines()[1])
    p.add_argument("--batch", type=int, default=250, help="rows per batch")
    p.add_argument("--batches", type=int, default=24, help="batches per side")
    args = p.parse_args()
    described = common.setup(args.db)

    from django.db import connection, transaction
    from django.utils import timezone

    from yiwang.kernel import ledger
    from yiwang.kernel.ledger.hashing import canonical_json

    ts = "timestamp with time zone" if connection.vendor == "postgresql" else "datetime"
    with connection.cursor() as cursor:
        for sql in PLAIN_DDL:
            cursor.execute(sql.format(ts=ts))
    actor = common.Person(7, "张三")

    cpu: dict[str, float] = {"ledger": 0.0, "plain": 0.0}

    def run_ledger(start: int, n: int) -> float:
        c0 = time.process_time()
        t0 = time.perf_counter()
        for i in range(start, start + n):
            with transaction.atomic():
                ledger.record(
                    actor=actor,
                    action="people.certificate.issued",
                    subject=f"cert-{i}",
                    after=common.sample_after(i),
                )
        rate = n / (time.perf_counter() - t0)
        cpu["ledger"] += time.process_time() - c0
        return rate

    def run_plain(start: int, n: int) -> float:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        rows = [
            (
                (i, now, "7", "张三", "people.certificate.issued", "", f"cert-{i}", "", "0" * 64),
                (
                    i,
                    canonical_json(
                        {
                            "after": common.sample_after(i),
                            "before": None,
                            "data": None,
                            "subject": f"cert-{i}",
                        }
                    ),
                ),
            )
            for i in range(start, start + n)
        ]
        entry_sql = 'INSERT INTO "bench_plain_entry" VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)'
        payload_sql = 'INSERT INTO "bench_plain_payload" VALUES (%s, %s)'
        c0 = time.process_time()
        t0 = time.perf_counter()
        for entry, payload in rows:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(entry_sql, entry)
                cursor.execute(payload_sql, payload)
        rate = n / (time.perf_counter() - t0)
        cpu["plain"] += time.process_time() - c0
        return rate

    run_ledger(0, 200)  # warm up: head row, code paths, caches
    run_plain(10_000_000, 200)
    ledger_rates, plain_rates = [], []
    cpu.update(ledger=0.0, plain=0.0)
    for b in range(args.batches):
        plain_rates.append(run_plain(20_000_000 + b * args.batch, args.batch))
        ledger_rates.append(run_ledger(200 + b * args.batch, args.batch))
    ledger_rate, plain_rate = statistics.median(ledger_rates), statistics.median(plain_rates)
    ratio = ledger_rate / plain_rate
    from django.conf import settings

    print(f"# ledger append rate ({args.db}) — {common.stamp()}")
    print(f"database: {described}")
    print(f"machine: {common.machine()}")
    print(
        f"hash: {settings.YIWANG_LEDGER_HASH}; {args.batches} batches × {args.batch} rows per side, one transaction per row"
    )
    print(
        f"plain inserts (floor): median {plain_rate:,.0f} rows/s  (min {min(plain_rates):,.0f}, max {max(plain_rates):,.0f})"
    )
    print(
        f"ledger.record():       median {ledger_rate:,.0f} rows/s  (min {min(ledger_rates):,.0f}, max {max(ledger_rates):,.0f})"
    )
    print(f"ratio ledger/plain = {ratio:.2f}  (target ≥ 0.5: {'met' if ratio >= 0.5 else 'MISSED'})")
    # CPU time of this process: for SQLite (in process) the whole cost, and insensitive to other load.
    print(f"same, by CPU time of this process: {cpu['plain'] / cpu['ledger']:.2f}")


if __name__ == "__main__":
    main()
