# itatrack — the two commands a newcomer needs:
#   make run    set up, migrate, load the demo and serve http://127.0.0.1:8000/
#   make test   set up and run the whole test suite (SQLite, or DATABASE_URL when set)
# Both are safe to run again: each step does only what is missing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
# Debian packages: the fallback PDF font, PDF tools for tests, Chromium for browser tests,
# wrk for the benchmark's load test.
APT_PACKAGES := fonts-tlwg-laksaman-ttf poppler-utils chromium wrk
# make bench: the national-scale dataset lives in its own PostgreSQL database.
PG_ADMIN_URL ?= postgres://postgres@127.0.0.1:5432/postgres
BENCH_DB ?= itatrack_bench
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
BENCH_ENV := DATABASE_URL=$(BENCH_DATABASE_URL) ITATRACK_DATA_DIR=var/bench
HOST ?= 127.0.0.1
PORT ?= 8000
# The address printed on the demo's PDFs (verification links, QR codes) and in its e-mails:
# the one `make run` serves. Serving on 0.0.0.0, it is this machine's first address.
SITE_HOST := $(if $(filter 0.0.0.0,$(HOST)),$(shell hostname -I 2>/dev/null | cut -d' ' -f1),$(HOST))
SITE_URL ?= http://$(or $(SITE_HOST),127.0.0.1):$(PORT)
# Every command the Makefile runs gets it: without DEBUG nothing starts without SITE_URL.
export SITE_URL

.PHONY: help setup system-deps fonts migrate demo run test lint messages bench

help:
	@echo "make run   - set up and serve the demo on http://$(HOST):$(PORT)/"
	@echo "make test  - set up and run the tests (DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make lint  - ruff and the migrations check"
	@echo "make bench - print performance figures"

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "ERROR: itatrack needs Python 3.11 ('$(PYTHON)' not found). Install it or run make PYTHON=/path/to/python3.11." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { \
	  echo "ERROR: '$(PYTHON)' is not Python 3.11." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	@rm -f $(VENV)/.installed-*
	$(PY) -m pip install --quiet --upgrade pip || { echo "ERROR: pip cannot reach PyPI." >&2; exit 1; }
	$(PY) -m pip install --quiet ".[dev]" || { echo "ERROR: installing the Python packages failed (see above)." >&2; exit 1; }
	@touch $@

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done | xargs); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	    || { echo "ERROR: apt-get could not install $$missing" >&2; exit 1; }; \
	else \
	  echo "WARNING: not root, so these Debian packages are not installed: $$missing" >&2; \
	  echo "         (the Laksaman fallback font, PDF tools, Chromium for browser tests)." >&2; \
	fi

fonts: $(STAMP)
	$(PY) manage.py install_fonts

# axe-core, for the accessibility check of the browser tests: fetched from the npm registry
# into an ignored folder and served by the app itself (its CSP allows only its own scripts).
AXE_VERSION := 4.14.1
AXE := static/vendor/axe/axe-$(AXE_VERSION).min.js
$(AXE):
	@command -v npm >/dev/null || { echo "ERROR: npm is needed to fetch axe-core for the accessibility tests." >&2; exit 1; }
	@tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	  (cd $$tmp && npm pack axe-core@$(AXE_VERSION) --silent >/dev/null) \
	    || { echo "ERROR: npm could not fetch axe-core@$(AXE_VERSION)." >&2; exit 1; }; \
	  tar -xzf $$tmp/axe-core-$(AXE_VERSION).tgz -C $$tmp package/axe.min.js; \
	  mkdir -p $(dir $(AXE)); mv $$tmp/package/axe.min.js $(AXE)
	@echo "axe-core $(AXE_VERSION) → $(AXE)"

setup: system-deps $(STAMP) fonts

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	SITE_URL=$(SITE_URL) EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend $(PY) manage.py seed_demo

run: demo
	@echo "itatrack: $(SITE_URL)/  (demo users clerk, reviewer, palat, mayor, orgadmin; password itatrack-demo)"
	@echo "SITE_URL=$(SITE_URL) (printed on PDFs and in e-mails; set SITE_URL to change it)"
	@echo "Operators (site staff): the first one is made once with '$(PY) manage.py createsuperuser';"
	@echo "  they then set up municipalities at $(SITE_URL)/ops/ (no shell needed after that)."
	@# The background worker (final copies of approved memos) runs beside the server and stops
	@# with it; both use the SITE_URL the server answers on.
	SITE_URL=$(SITE_URL) DEBUG=1 $(PY) manage.py worker --interval 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  SITE_URL=$(SITE_URL) DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: setup $(AXE)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

messages: $(STAMP)
	$(PY) manage.py makemessages -l en --no-obsolete --ignore ".venv/*" --ignore "*/migrations/*" --ignore "var/*" --ignore "static/*"
	$(PY) manage.py compilemessages --ignore ".venv/*"

bench: migrate
	$(PY) manage.py bench_memo
	@pg_isready -d "$(PG_ADMIN_URL)" -q || { \
	  echo "ERROR: make bench needs PostgreSQL ($(PG_ADMIN_URL)) for the national-scale dataset." >&2; exit 1; }
	@psql "$(PG_ADMIN_URL)" -tAc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 \
	  || psql "$(PG_ADMIN_URL)" -qc "CREATE DATABASE $(BENCH_DB)"
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	@echo "National dataset (made once, about 5 minutes; kept in the $(BENCH_DB) database):"
	$(BENCH_ENV) $(PY) manage.py generate_national --if-missing
	$(BENCH_ENV) $(PY) manage.py bench_national
