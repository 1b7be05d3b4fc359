# One command to run jobdesk, one to test it. Each creates .venv on first use.
#   make run       install (if needed) and start jobdesk
#   make test      install test tools (if needed) and run the whole suite
#   make lint      ruff and mypy
# PYTHON picks the interpreter (default python3), VENV the folder.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint bench bundle install-desktop clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/jobdesk

demo: $(STAMP)
	$(BIN)/jobdesk --demo

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks.bench_storage
	$(BIN)/python -m tests.benchmarks.bench_board

# The one-folder bundle in dist/jobdesk and its .tar.gz, smoke-tested.
bundle: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[packaging]'
	$(BIN)/python packaging/build.py $(BUNDLE_FLAGS)

# Launcher, icons and AppStream data for the current user, running the bundle.
install-desktop:
	$(PYTHON) packaging/install_desktop.py --exec "$(CURDIR)/dist/jobdesk/jobdesk"

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
