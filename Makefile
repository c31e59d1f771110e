# aduan — the two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ADUAN_PORT ?= 8000
export ADUAN_PORT

# Find a Python >= 3.12 by itself: PATH first, then pyenv's installations.
PYTHON_CANDIDATES := $(PYTHON) python3.14 python3.13 python3.12 python3 \
	$(sort $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3)) \
	$(wildcard /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9])
BASE_PYTHON := $(shell for p in $(PYTHON_CANDIDATES); do \
	if "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	  command -v "$$p" 2>/dev/null || echo "$$p"; break; fi; done)

.PHONY: run test venv lint migrate seed serve clean-venv

$(STAMP): pyproject.toml
	@if [ -z "$(BASE_PYTHON)" ]; then \
	  echo "aduan membutuhkan Python 3.12 atau lebih baru (Django 6.1), tetapi tidak ditemukan."; \
	  echo "aduan needs Python >= 3.12 (Django 6.1) and none was found on PATH or in ~/.pyenv."; \
	  echo "Install one (e.g. 'pyenv install 3.12') or run: make PYTHON=/path/to/python3.12 run"; \
	  exit 1; fi
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
	  echo "Existing $(VENV) is older than Python 3.12; rebuilding it."; rm -rf $(VENV); fi
	@[ -x $(PY) ] || { echo "Building $(VENV) with $(BASE_PYTHON)"; "$(BASE_PYTHON)" -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(VENV)/bin/pytest $(PYTEST_ARGS)

migrate: $(STAMP)
	$(PY) manage.py migrate --no-input

seed: migrate
	$(PY) manage.py seed_reference
	$(PY) manage.py seed_demo

run: seed
	$(PY) manage.py collectstatic --no-input -v 0
	$(PY) manage.py serve --port $(ADUAN_PORT)

clean-venv:
	rm -rf $(VENV)
