"""Browser tests: the application served for real, driven in headless Chromium through Playwright.

One server per session: ``manage.py runserver --noreload`` with the settings ``make run`` uses, on a
free loopback port, over a fresh SQLite database in a temporary ``YIWANG_VAR_DIR``, migrated and
loaded with ``manage.py demo_seed``. Each test gets a new browser context (no cookies shared) and a
page whose console, Content-Security-Policy violations and outside requests are watched: any of
them fails the test.

Run with ``python tools/browser_tests.py`` or ``pytest -m browser tests/browser``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}

# Reports each CSP violation to the test through a binding, whatever page it happens on.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__yiwangCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
});
"""


def chromium_path() -> str:
    for candidate in (os.environ.get("YIWANG_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.isfile(candidate):
            return candidate
    raise RuntimeError(
        "没有找到 Chromium：请安装 chromium（apt-get install -y chromium）或设置 YIWANG_CHROMIUM"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"服务器启动失败（退出码 {proc.returncode}），日志：\n{log.read_text()[-4000:]}"
            )
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"服务器 {timeout} 秒内未就绪，日志：\n{log.read_text()[-4000:]}")


@dataclass(frozen=True)
class Server:
    url: str
    var_dir: Path
    env: dict[str, str]

    def manage(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a management command against the server's database."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    var_dir = tmp_path_factory.mktemp("var")
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        YIWANG_VAR_DIR=str(var_dir),
        PYTHONUNBUFFERED="1",
    )
    log = RESULTS / "server.log"
    with log.open("w") as out:
        for step in (["migrate", "--noinput"], ["demo_seed"]):
            out.write(f"$ manage.py {' '.join(step)}\n")
            out.flush()
            subprocess.run(
                [sys.executable, "manage.py", *step],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=True,
            )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("a") as out:
        proc = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(url, proc, log)
        yield Server(url=url, var_dir=var_dir, env=env)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        text = log.read_text(errors="replace")
        if "Traceback" in text:  # a server error: show it where CI shows output
            sys.stderr.write(f"\n--- server errors ({log}) ---\n{text[text.index('Traceback') :][-8000:]}\n")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        # launch() gives every run a fresh, temporary user-data-dir.
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What a page did that it must not: CSP violations, console errors, script errors, outside requests."""

    base_url: str
    csp: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"CSP: {v}" for v in self.csp]
            + [f"console: {m}" for m in self.console_errors]
            + [f"script error: {e}" for e in self.page_errors]
            + [f"outside request: {u}" for u in self.outside_requests]
        )

    def assert_clean(self) -> None:
        assert self.problems() == [], "\n".join(self.problems())


def _new_context(browser: Browser, server: Server, watch: Watch, **options: Any) -> BrowserContext:
    context = browser.new_context(base_url=server.url, **options)
    context.set_default_timeout(15_000)
    context.expose_binding("__yiwangCspViolation", lambda _source, text: watch.csp.append(str(text)))
    context.add_init_script(_CSP_LISTENER)

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith((server.url + "/", "data:", "blob:")) or url == server.url:
            route.continue_()
        else:
            watch.outside_requests.append(url)
            route.abort()

    context.route("**/*", guard)
    return context


def _watch_page(page: Page, watch: Watch) -> None:
    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            text = message.text
            if "Content Security Policy" in text:
                watch.csp.append(text)
            else:
                watch.console_errors.append(f"{text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))


@dataclass
class Visitor:
    """A browser user: a context of their own, one page, and the watch over it."""

    page: Page
    watch: Watch
    context: BrowserContext

    def screenshot(self, name: str) -> Path:
        path = RESULTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _visitor(browser: Browser, server: Server, **options: Any) -> Iterator[Visitor]:
    watch = Watch(base_url=server.url)
    context = _new_context(browser, server, watch, **options)
    page = context.new_page()
    _watch_page(page, watch)
    try:
        yield Visitor(page=page, watch=watch, context=context)
    finally:
        context.close()
    watch.assert_clean()


@pytest.fixture
def visitor(browser: Browser, server: Server) -> Iterator[Visitor]:
    """A desktop browser in a Chinese locale."""
    yield from _visitor(browser, server, viewport=DESKTOP, locale="zh-CN")


@pytest.fixture
def phone(browser: Browser, server: Server) -> Iterator[Visitor]:
    """A phone-sized browser (390 px wide, touch)."""
    yield from _visitor(
        browser, server, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )


@pytest.fixture
def english_browser(browser: Browser, server: Server) -> Iterator[Visitor]:
    """A browser whose Accept-Language is English."""
    yield from _visitor(browser, server, viewport=DESKTOP, locale="en-US")


def log_in(visitor: Visitor, username: str, password: str) -> None:
    page = visitor.page
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def browser_without_js(browser: Browser, server: Server) -> Iterator[Visitor]:
    """A browser with scripts switched off: pages must still work (progressive enhancement)."""
    yield from _visitor(browser, server, viewport=DESKTOP, locale="zh-CN", java_script_enabled=False)
