#!/usr/bin/env python3
"""Run the browser tests: ``pytest -m browser tests/browser`` in headless Chromium through Playwright.

    python tools/browser_tests.py [extra pytest arguments]

Playwright drives the system Chromium (``/usr/bin/chromium`` from Debian's ``chromium`` package, or
``YIWANG_CHROMIUM``); it never downloads a browser of its own. The tests start the application on a
free loopback port with a fresh SQLite database loaded with the demo data (see
``tests/browser/conftest.py``). Screenshots go to ``test-results/``.

Without Chromium the tool prints a banner and exits 0, unless ``YIWANG_REQUIRE_CHROMIUM=1``
(set by ``.ci/run``), which makes it exit 1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from with_postgres import banner

ROOT = Path(__file__).resolve().parent.parent


def find_chromium() -> str | None:
    candidates = [os.environ.get("YIWANG_CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def main(argv: list[str]) -> int:
    required = os.environ.get("YIWANG_REQUIRE_CHROMIUM") == "1"
    chromium = find_chromium()
    if chromium is None:
        banner(
            [
                "Chromium NOT FOUND: the BROWSER TESTS are SKIPPED.",
                "No /usr/bin/chromium (or YIWANG_CHROMIUM).",
                "Install it (apt-get install -y chromium fonts-noto-cjk) or run .ci/run.",
            ],
            skipped=not required,
        )
        return 1 if required else 0
    env = dict(os.environ, YIWANG_CHROMIUM=chromium)
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "pytest", "-m", "browser", "tests/browser", *argv]
    print(f"[browser_tests] {chromium}: {' '.join(command[2:])}", file=sys.stderr, flush=True)
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
