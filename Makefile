# The README's two commands: `make run` and `make test`. Everything else is a helper target.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)
# Skipped stages (no PostgreSQL, no Chromium) are listed here and repeated at the end of `make test`.
export YIWANG_SKIP_REPORT ?= $(CURDIR)/test-results/skipped.txt

.PHONY: run test install install-dev messages messages-extract migrate demo lint imports typecheck migrations-check \
	test-sqlite test-postgres test-browser bench bench-load clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Yiwang needs Python 3.11; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@ $(STAMP_RUN)

install: $(STAMP_RUN)
install-dev: $(STAMP_DEV)

# The compiled catalogues are committed; they are rebuilt when a .po changes and gettext is present.
%.mo: %.po
	@if command -v msgfmt >/dev/null; then \
		echo "compiling $<"; msgfmt --check-format -o $@ $<; \
	else echo "msgfmt not found (apt-get install gettext): keeping the committed $@"; fi

messages: $(MO_FILES)

# After changing user-facing strings: refresh locale/*/django.po, translate, then `make messages`.
messages-extract: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench

migrate: install messages
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo_seed

## make run: set up and serve the demo at http://127.0.0.1:$(PORT) (SQLite var/db.sqlite3, or DATABASE_URL)
run: demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

imports: install-dev
	$(VENV)/bin/lint-imports

typecheck: install-dev
	$(VENV)/bin/mypy yiwang config

migrations-check: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

test-sqlite: install-dev messages
	env -u DATABASE_URL $(PY) -m pytest -n 2 -q

test-postgres: install-dev messages
	$(PY) tools/with_postgres.py -- $(PY) -m pytest -n 2 -q

test-browser: install-dev messages
	env -u DATABASE_URL $(PY) tools/browser_tests.py -q

## make test: lint, import contracts, types, the suite on SQLite and on PostgreSQL, browser tests.
## Every stage runs even when an earlier one fails (-k); the command fails if any stage failed.
TEST_STAGES := lint imports typecheck migrations-check test-sqlite test-postgres test-browser
test: install-dev
	@mkdir -p test-results && rm -f $(YIWANG_SKIP_REPORT)
	@start=$$(date +%s); status=0; \
	$(MAKE) --no-print-directory -k $(TEST_STAGES) || status=$$?; \
	took=$$(( $$(date +%s) - start )); echo; \
	if [ -s $(YIWANG_SKIP_REPORT) ]; then echo "!!! THESE STAGES WERE SKIPPED:"; cat $(YIWANG_SKIP_REPORT); echo; fi; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED after $${took}s (see the errors above)"; exit $$status; fi; \
	echo "make test: all stages passed in $${took}s"

## make bench: the ledger benchmarks on SQLite (PostgreSQL and the enforcement load: see bench/RESULTS.md)
bench: install-dev
	$(PY) bench/ledger_append.py
	$(PY) bench/ledger_verify.py
	$(PY) bench/ledger_proof.py

# Issue 3's load target: 200,000 cases in a throw-away PostgreSQL cluster, gunicorn, 50 clients (≈ 4 min)
bench-load: install-dev
	$(PY) tools/with_postgres.py -- $(PY) bench/enforcement_load.py --seconds 30 --warmup 5

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache test-results
