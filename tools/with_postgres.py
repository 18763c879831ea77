#!/usr/bin/env python3
"""Run a command against a throw-away PostgreSQL cluster.

    python tools/with_postgres.py -- pytest -n 2

Starts a private cluster with ``initdb``/``pg_ctl`` in a temporary directory on a free loopback
port, creates the database ``yiwang``, runs the command with ``DATABASE_URL`` pointing at it, then
stops the cluster and deletes the directory, also when the command fails or is interrupted.

``initdb`` refuses to run as root, so as root the cluster is owned by and run as the ``postgres``
OS user (``runuser``, else ``su``); as any other user it runs directly.

When no PostgreSQL server binaries are found the tool prints a banner and exits 0 without running
the command, unless ``YIWANG_REQUIRE_POSTGRES=1`` (set by ``.ci/run``), which makes it exit 1.
Only the standard library is used, so the tool runs before the virtualenv exists.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

DATABASE = "yiwang"
SUPERUSER = "postgres"
OS_USER = "postgres"

# A throw-away cluster needs no durability: these make the test suite much faster.
SERVER_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=100 -c shared_buffers=128MB"
)


def banner(lines: Sequence[str], *, skipped: bool = False) -> None:
    """Print a message nobody can miss; a skipped stage is also noted for the end of `make test`."""
    width = max(len(line) for line in lines) + 4
    bar = "#" * width
    out = [bar, *(f"# {line.ljust(width - 4)} #" for line in lines), bar]
    print("\n".join(["", *out, ""]), file=sys.stderr, flush=True)
    report = os.environ.get("YIWANG_SKIP_REPORT")
    if skipped and report:
        Path(report).parent.mkdir(parents=True, exist_ok=True)
        with open(report, "a", encoding="utf-8") as f:
            f.write(f"  - {lines[0]}\n")


def _version_key(path: str) -> tuple[int, ...]:
    name = Path(path).parent.name
    return tuple(int(p) for p in name.split(".") if p.isdigit())


def find_bindir() -> Path | None:
    """The directory holding ``initdb``, ``pg_ctl`` and ``postgres``: newest wins."""
    candidates: list[Path] = []
    env = os.environ.get("YIWANG_PG_BINDIR")
    if env:
        candidates.append(Path(env))
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True)
            candidates.append(Path(out.stdout.strip()))
    versioned = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    candidates.extend(Path(p) for p in versioned)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for directory in candidates:
        if all((directory / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return directory
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(cmd: list[str], as_root: bool) -> list[str]:
    if not as_root:
        return cmd
    if shutil.which("runuser"):
        return ["runuser", "-u", OS_USER, "--", *cmd]
    return ["su", OS_USER, "-s", "/bin/sh", "-c", " ".join(_quote(c) for c in cmd)]


def _quote(arg: str) -> str:
    return shlex.quote(arg)


@dataclass(frozen=True)
class Cluster:
    host: str
    port: int
    database: str
    user: str

    @property
    def url(self) -> str:
        return f"postgres://{self.user}@{self.host}:{self.port}/{self.database}"


class PostgresUnavailable(RuntimeError):
    pass


@contextlib.contextmanager
def throwaway_cluster(database: str = DATABASE, *, quiet: bool = False) -> Iterator[Cluster]:
    """Start a private cluster; yield where it listens; always stop and delete it."""
    bindir = find_bindir()
    if bindir is None:
        raise PostgresUnavailable(
            "no initdb/pg_ctl/postgres found (pg_config --bindir, /usr/lib/postgresql/*/bin)"
        )
    as_root = os.geteuid() == 0
    if as_root:
        import pwd

        try:
            owner = pwd.getpwnam(OS_USER)
        except KeyError as exc:
            raise PostgresUnavailable(f"running as root but there is no '{OS_USER}' OS user") from exc

    def log(msg: str) -> None:
        if not quiet:
            print(f"[with_postgres] {msg}", file=sys.stderr, flush=True)

    root = Path(tempfile.mkdtemp(prefix="yiwang-pg-"))
    data = root / "data"
    server_log = root / "server.log"
    setup_log = root / "setup.log"
    setup_log.touch()
    if as_root:
        for path in (root, setup_log):
            os.chown(path, owner.pw_uid, owner.pw_gid)

    def setup(cmd: list[str], *, own: bool = False) -> int:
        """Run one set-up step, its output kept in setup.log (shown if the set-up fails)."""
        with setup_log.open("ab") as out:
            argv = _as_owner(cmd, as_root) if own else cmd
            return subprocess.run(
                argv, cwd=root, stdout=out, stderr=subprocess.STDOUT, check=False
            ).returncode

    def fail(message: str) -> PostgresUnavailable:
        for path in (setup_log, server_log):
            with contextlib.suppress(OSError):
                sys.stderr.write(path.read_text(errors="replace"))
        return PostgresUnavailable(message)

    started = False
    try:
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust"]
        if setup([*initdb, "--encoding=UTF8", "--no-locale", "--no-sync"], own=True) != 0:
            raise fail("initdb failed")
        port = 0
        for attempt in range(5):
            port = free_port()
            opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 {SERVER_OPTIONS}"
            pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(server_log), "-w", "-t", "60"]
            if setup([*pg_ctl, "-o", opts, "start"], own=True) == 0:
                started = True
                break
            log(f"start on port {port} failed (attempt {attempt + 1}); retrying on another port")
        if not started:
            raise fail("pg_ctl could not start the cluster")
        psql = [str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", SUPERUSER, "-d", "postgres"]
        if setup([*psql, "-v", "ON_ERROR_STOP=1", "-c", f'CREATE DATABASE "{database}"']) != 0:
            raise fail(f"could not create database {database}")
        version = subprocess.run(
            [str(bindir / "postgres"), "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        log(f"{version} on 127.0.0.1:{port} in {root}")
        yield Cluster(host="127.0.0.1", port=port, database=database, user=SUPERUSER)
    finally:
        if started:
            setup([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], own=True)
        shutil.rmtree(root, ignore_errors=True)
        log("cluster stopped and removed")


class _Terminated(Exception):
    pass


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated(signum)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("command", nargs=argparse.REMAINDER, help="command to run (after --)")
    args = parser.parse_args(argv)
    command = list(args.command)
    if command and command[0] == "--":
        command = command[1:]
    if not command:
        parser.error("give the command to run after --")

    required = os.environ.get("YIWANG_REQUIRE_POSTGRES") == "1"
    if find_bindir() is None:
        banner(
            [
                "PostgreSQL NOT FOUND: the PostgreSQL stage is SKIPPED.",
                "No initdb/pg_ctl in `pg_config --bindir` or /usr/lib/postgresql/*/bin.",
                "Install it (apt-get install -y postgresql) or run .ci/run.",
                f"Skipped command: {' '.join(command)}",
            ],
            skipped=not required,
        )
        return 1 if required else 0

    signal.signal(signal.SIGTERM, _raise_terminated)
    signal.signal(signal.SIGHUP, _raise_terminated)
    child: subprocess.Popen[bytes] | None = None
    try:
        with throwaway_cluster(args.database) as cluster:
            env = dict(os.environ, DATABASE_URL=cluster.url)
            child = subprocess.Popen(command, env=env)
            return child.wait()
    except PostgresUnavailable as exc:
        banner([f"PostgreSQL could not be started: {exc}"])
        return 1
    except (KeyboardInterrupt, _Terminated):
        if child is not None and child.poll() is None:
            child.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=20)
            if child.poll() is None:
                child.kill()
        print("[with_postgres] interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
