# The README's two commands: `make run` and `make test`. Everything else is a helper target.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test install install-dev migrate demo lint typecheck imports test-sqlite test-postgres test-browser bench clean

$(PY):
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

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo_seed

## make run: set up and serve the demo on SQLite (var/db.sqlite3) at http://127.0.0.1:$(PORT)
run: demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

imports: install-dev
	$(VENV)/bin/lint-imports

typecheck: install-dev
	$(VENV)/bin/mypy yiwang config

test-sqlite: install-dev
	$(PY) -m pytest -m "not browser" -n 2 -q

test-postgres: install-dev
	$(PY) tools/with_postgres.py -- $(PY) -m pytest -m "not browser" -n 2 -q

test-browser: install-dev
	$(PY) tools/browser_tests.py

## make test: lint, import contracts, types, the suite on SQLite and on PostgreSQL, browser tests
test: install-dev
	$(MAKE) --no-print-directory lint imports typecheck test-sqlite test-postgres test-browser

bench: install-dev
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
