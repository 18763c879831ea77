"""Load benchmark of the enforcement pages (issue 3): with ``--cases`` demo-like cases in PostgreSQL,
the production server configuration (gunicorn, ``config.settings.prod``, DEBUG off) answers
``--clients`` concurrent clients signed in as the justice bureau's supervisor, in three phases of
the same run: ``/healthz`` (the baseline), the filtered case list and the overdue page.

    python tools/with_postgres.py -- .venv/bin/python bench/enforcement_load.py
    ... bench/enforcement_load.py --cases 20000 --seconds 10        # a quick look

Each client is an HTTP/1.1 connection (asyncio streams, standard library only; reopened when the
server closes it, as gunicorn's sync workers do after every answer) that sends its next request
``--think`` seconds (default 1) after the previous answer arrived — 50 staff working at once. With
``--think 0`` the clients send back to back and the run measures saturation: every latency then
includes the wait in the server's queue, p95 ≈ clients / throughput (Little's law).
The CPU time the virtual machine's host took for others during each phase (``steal`` in
/proc/stat) is printed beside it: with a noisy neighbour the latencies describe the host.
Latencies are measured per request by the client (from writing the request to the last byte of
the body); the script prints p50, p95, p99 and the throughput of each phase and the p95 ratio to
``/healthz``. Target (issue 3): list and overdue p95 under 150 ms. Every answer must be 200 with
the expected page; anything else is counted and reported as an error.

Needs ``DATABASE_URL`` pointing at a PostgreSQL server (``tools/with_postgres.py`` starts one);
the benchmark creates its own database there and drops it at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_MS = 150.0


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cases", type=int, default=200_000)
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    p.add_argument("--warmup", type=float, default=3.0, help="seconds of load before measuring each phase")
    p.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="pause of each client between requests (0: saturation, where p95 ≈ clients / throughput)",
    )
    p.add_argument("--workers", type=int, default=None, help="default: config/gunicorn.conf.py (cores + 1)")
    p.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (gthread when > 1)")
    p.add_argument("--list-query", default="status=investigating&kind=penalty")
    p.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    p.add_argument("--reuse", metavar="NAME", help="use a database an earlier --keep run prepared")
    return p.parse_args()


# ---------------------------------------------------------------- database and data


def private_database() -> tuple[str, str]:
    import dj_database_url
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must point at PostgreSQL (run under tools/with_postgres.py)")
    cfg = dj_database_url.parse(url)
    name = f"yiwang_load_{os.getpid()}"
    conn = dict(
        host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"] or None
    )
    with psycopg.connect(**conn, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return name, f"{url.rsplit('/', 1)[0]}/{name}"


def drop_database(name: str) -> None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(os.environ["DATABASE_URL"])
    conn = dict(
        host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"] or None
    )
    with psycopg.connect(**conn, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(n: int, *, reuse: bool = False) -> tuple[str, dict[str, int], float, dict[str, str]]:
    """Migrate, build the county and write the cases (unless reused); return the supervisor's
    session key, the row counts, the seconds the data took and the pages' paths."""
    import django

    django.setup()
    import enforcement_data
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connections

    assert not settings.DEBUG
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    if reuse:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username="bench.supervisor")
        counts = enforcement_data.counts()
    else:
        world = enforcement_data.build_world()
        counts = enforcement_data.generate(n, world)
        user = world.supervisor.user
    took = time.perf_counter() - started
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = next(
        b for b in settings.AUTHENTICATION_BACKENDS if "axes" not in b.lower()
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(24 * 3600)
    session.save()
    connections.close_all()
    from django.urls import reverse

    paths = {name: reverse(f"enforcement:{name}") for name in ("case-list", "overdue")}
    return session.session_key or "", counts, took, paths


# ---------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    port: int, workers: int | None, threads: int, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    """gunicorn with the project's production configuration (config/gunicorn.conf.py)."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    cmd = [
        str(gunicorn if gunicorn.exists() else "gunicorn"),
        "-c",
        str(ROOT / "config" / "gunicorn.conf.py"),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    if threads > 1:
        cmd += ["--threads", str(threads), "--worker-class", "gthread"]
    log = open(Path(tempfile.gettempdir()) / f"yiwang-load-gunicorn-{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            break
    stop_server(proc)
    raise SystemExit(f"gunicorn did not start; see {log.name}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


# ---------------------------------------------------------------- client


@dataclass
class Phase:
    name: str
    path: str
    marker: bytes
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    steal: float = float("nan")  # % of the machine's CPU time taken by the host during the phase

    def pct(self, q: float) -> float:
        xs = sorted(self.latencies)
        if not xs:
            return float("nan")
        k = max(0, min(len(xs) - 1, round(q / 100 * len(xs) + 0.5) - 1))  # nearest rank
        return xs[k] * 1000

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """Status, body, and whether the server keeps the connection open."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:] if ":" in ln)}
    keep = headers.get("connection", "").lower() != "close"
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = bytearray()
        while True:
            size = int((await reader.readline()).strip() or b"0", 16)
            if size == 0:
                await reader.readline()
                break
            body += await reader.readexactly(size)
            await reader.readline()
        return status, bytes(body), keep
    length = int(headers.get("content-length", "0"))
    return status, await reader.readexactly(length), keep


async def _client(
    port: int, phase: Phase, cookie: str, stop_at: float, measure_from: float, think: float
) -> None:
    request = (
        f"GET {phase.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: sessionid={cookie}\r\n"
        "X-Forwarded-Proto: https\r\nAccept: text/html\r\nConnection: keep-alive\r\n\r\n"
    ).encode()
    conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    try:
        while time.perf_counter() < stop_at:
            t0 = time.perf_counter()
            try:
                # a connection the server closed (gunicorn's sync workers close after each answer)
                # is opened again, inside the measured time, as a browser would
                if conn is None:
                    conn = await asyncio.open_connection("127.0.0.1", port)
                reader, writer = conn
                writer.write(request)
                await writer.drain()
                status, body, keep = await _read_response(reader)
            except (OSError, asyncio.IncompleteReadError) as exc:
                phase.errors[type(exc).__name__] = phase.errors.get(type(exc).__name__, 0) + 1
                if conn is not None:
                    conn[1].close()
                conn = None
                continue
            t1 = time.perf_counter()
            if not keep:
                writer.close()
                conn = None
            if t0 >= measure_from:
                if status != 200 or phase.marker not in body:
                    key = f"HTTP {status}" if status != 200 else "unexpected page"
                    phase.errors[key] = phase.errors.get(key, 0) + 1
                else:
                    phase.latencies.append(t1 - t0)
            if think:
                await asyncio.sleep(think)
    finally:
        if conn is not None:
            conn[1].close()


async def run_phase(
    port: int, phase: Phase, cookie: str, clients: int, seconds: float, warmup: float, think: float
) -> None:
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + seconds
    await asyncio.gather(
        *(_client(port, phase, cookie, stop_at, measure_from, think) for _ in range(clients))
    )
    phase.elapsed = time.perf_counter() - measure_from


def cpu_times() -> list[int] | None:
    """The machine's aggregate CPU counters (user … steal) from /proc/stat, or None elsewhere."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            return [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None


def steal_percent(before: list[int] | None, after: list[int] | None) -> float:
    """Share of CPU time a virtual machine's host gave to others (the ``steal`` counter): a noisy
    neighbour shows here, and the phase's latencies then say more about the host than the code."""
    if before is None or after is None:
        return float("nan")
    delta = [b - a for a, b in zip(before, after, strict=True)]
    total = sum(delta)
    return 100.0 * delta[7] / total if total else float("nan")


# ---------------------------------------------------------------- main


def main() -> int:
    args = parse_args()
    if args.reuse:
        name, url = args.reuse, f"{os.environ['DATABASE_URL'].rsplit('/', 1)[0]}/{args.reuse}"
    else:
        name, url = private_database()
    if args.keep or args.reuse:
        print(f"database kept: {name}")
    else:
        atexit.register(drop_database, name)
    var = Path(tempfile.mkdtemp(prefix="yiwang-load-"))
    atexit.register(shutil.rmtree, var, True)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "YIWANG_VAR_DIR": str(var),
    }
    os.environ.update(env)
    print(f"preparing {args.cases:,} cases in PostgreSQL database {name} …", flush=True)
    cookie, counts, took, paths = prepare(args.cases, reuse=bool(args.reuse))
    print(
        f"  {counts['cases']:,} cases, {counts['deadlines']:,} deadlines ({counts['overdue']:,} open and overdue) "
        f"written in {took:.1f} s",
        flush=True,
    )
    port = free_port()
    server = start_server(port, args.workers, args.threads, env)
    atexit.register(stop_server, server)
    phases = [
        Phase("/healthz", "/healthz", b'"database": "ok"'),
        Phase("case list", f"{paths['case-list']}?{args.list_query}", b'data-testid="case-table"'),
        Phase("overdue", paths["overdue"], b'data-testid="overdue-table"'),
    ]
    print(
        f"gunicorn (config/gunicorn.conf.py): {args.workers or (os.cpu_count() or 1) + 1} workers × "
        f"{args.threads} thread(s), config.settings.prod, port {port}; "
        f"{args.clients} clients, think {args.think:g} s, {args.warmup:g} s warm-up + {args.seconds:g} s per phase",
        flush=True,
    )
    for phase in phases:
        before = cpu_times()
        asyncio.run(run_phase(port, phase, cookie, args.clients, args.seconds, args.warmup, args.think))
        phase.steal = steal_percent(before, cpu_times())
    stop_server(server)
    base = phases[0].pct(95)
    print()
    print(
        f"{'phase':<12} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p95/healthz':>12} {'steal %':>8}  errors"
    )
    for ph in phases:
        ratio = ph.pct(95) / base if base else float("nan")
        print(
            f"{ph.name:<12} {len(ph.latencies):>9} {ph.rps:>8.1f} {ph.pct(50):>8.1f} {ph.pct(95):>8.1f} "
            f"{ph.pct(99):>8.1f} {ratio:>12.2f} {ph.steal:>8.1f}  {ph.errors or '-'}"
        )
    print()
    print(f"machine: {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()}")
    ok = True
    for ph in phases[1:]:
        p95 = ph.pct(95)
        verdict = "OK" if p95 < TARGET_MS and not ph.errors else "MISSED"
        ok = ok and verdict == "OK"
        print(f"target {ph.name}: p95 {p95:.1f} ms < {TARGET_MS:.0f} ms … {verdict}")
    if any(ph.errors for ph in phases) or not all(ph.latencies for ph in phases):
        print("errors during the run (see above)")
        return 2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
