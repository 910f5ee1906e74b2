# The single source of commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest workers for `make test` (pytest-xdist); PYTEST_WORKERS=0 runs in one process. Files go to workers in
# pytest-django's order (--no-loadscope-reorder), so a file of transactional tests, which empty the database when
# they end, runs after every file that needs the migrations' rows.
PYTEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help run test lint format worker migrate seed bench clean

help:
	@echo "make run     create .venv, install, migrate, load demo content, serve http://$(HOST):$(PORT) (SQLite)"
	@echo "make test    ruff, makemigrations --check and pytest (set DATABASE_URL to test on PostgreSQL)"
	@echo "make worker  run a background task worker (needed when DEBUG is off)"
	@echo "make format  reformat the code with ruff"
	@echo "make bench   time the directory's near search over 20,000 listings (set DATABASE_URL for PostgreSQL)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-runtime

# Local run: DEBUG on, SQLite, e-mail printed to this console, tasks run at once.
run: export DEBUG := 1
run: export DATABASE_URL :=
run: $(VENV)/.installed-runtime
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	@echo ""
	@echo "Remedy Commons is starting on http://$(HOST):$(PORT)/ — e-mails (sign-up verification too) print below."
	$(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=tests.settings $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: $(VENV)/.installed-runtime
	$(MANAGE) db_worker

migrate: $(VENV)/.installed-runtime
	$(MANAGE) migrate --no-input

# Demo content on this machine (DEBUG on unless set): `seed_demo` refuses with DEBUG off unless given --demo.
seed: export DEBUG ?= 1
seed: $(VENV)/.installed-runtime
	$(MANAGE) seed_demo

# Benchmarks on their own database: SQLite in /tmp unless DATABASE_URL is set (see bench/README.md).
bench: export DEBUG := 1
bench: export DATABASE_URL ?= sqlite:////tmp/remedy-bench.sqlite3
bench: $(VENV)/.installed-runtime
	$(MANAGE) migrate --no-input -v 0
	$(BIN)/python bench/near_search.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
