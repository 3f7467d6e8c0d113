# Servicepuls – the two commands of the quick start are `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
PORT ?= 8000
# The venv's own setuptools (Python 3.11's ensurepip ships 65.5.0, with known vulnerabilities).
SETUPTOOLS := 84.2.1
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: install run serve test check pytest bench messages makemessages clean help audit proof

help:
	@echo "make run    – install, migrate, load demo data and serve on http://127.0.0.1:$(PORT)"
	@echo "make test   – every check and test (SQLite, and PostgreSQL when DATABASE_URL points at one)"
	@echo "make bench  – benchmarks (figures go to docs/benchmarks.md)"
	@echo "make audit  – known vulnerabilities in the installed dependencies (pip-audit)"
	@echo "make proof  – load, fault and hostile-input scenarios on gunicorn + PostgreSQL + Redis"

# Idempotent: re-installs only when pyproject.toml changed since the last install.
install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	@bash scripts/system-packages.sh run
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 'setuptools==$(SETUPTOOLS)'
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

# Compiled translations are build products: made from the committed .po files.
# Each app keeps its catalogue in servicepuls/<app>/locale/; the project-wide one in locale/
# covers the shared templates in servicepuls/templates/.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po servicepuls/*/locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)
messages: $(MO_FILES)
%.mo: %.po
	msgfmt --check-format -o $@ $<

# Refresh the .po catalogues after changing user-facing strings, then translate the new
# Swedish entries (scripts/po_fill.py helps) and run `make messages`.
APPS := $(patsubst servicepuls/%/apps.py,%,$(wildcard servicepuls/*/apps.py))
makemessages: install
	DJANGO_SETTINGS_MODULE=config.django.test $(BIN)/servicepuls makemessages -l sv -l en --no-location \
		--ignore '.venv/*' --ignore 'var/*' --ignore 'survey_stats/*' --ignore 'swedish_text/*' \
		$(foreach app,$(APPS),--ignore 'servicepuls/$(app)/*')
	@for app in $(APPS); do \
		mkdir -p servicepuls/$$app/locale; \
		(cd servicepuls/$$app && DJANGO_SETTINGS_MODULE=config.django.test PYTHONPATH=$(CURDIR) \
			$(CURDIR)/$(BIN)/django-admin makemessages -l sv -l en --no-location -v0); \
	done

run: install messages
	@bash scripts/run-embedded.sh $(PORT)

serve: run

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy --strict survey_stats swedish_text
	$(BIN)/mypy servicepuls config proof
	DJANGO_SETTINGS_MODULE=config.django.test $(BIN)/servicepuls makemigrations --check --dry-run
	@bash scripts/check-deploy.sh

pytest: install messages
	@bash scripts/system-packages.sh test
	@bash scripts/pytest-all.sh

test: check pytest

BENCHMARKS := $(sort $(wildcard benchmarks/bench_*.py))
bench: install
	@test -n "$(BENCHMARKS)" || { echo "No benchmarks yet."; exit 0; }
	@for script in $(BENCHMARKS); do \
		echo "== $$script"; $(BIN)/python "$$script" || exit 1; \
	done

# Issue 9: needs PostgreSQL and Redis on loopback (as .ci/run starts them). PROOF_DURATION=60
# gives the full load profile; figures go to docs/benchmarks.md ("Proof").
proof: install messages
	$(BIN)/python -m proof

# Says loudly when no vulnerability database is reachable instead of failing (see the script).
audit: install
	$(BIN)/python scripts/audit.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
