# bankcalc: `make serve` runs the service on http://127.0.0.1:8000, `make test` runs every test.
# Both set up .venv on first use (and again when pyproject.toml changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test lint browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/bankcalc serve

test: $(STAMP) browser
	$(BIN)/python -m pytest

# Debian's Chromium for the browser tests. Under CI a failed install stops here; elsewhere
# the browser tests then skip with the reason.
browser:
	@scripts/ensure-chromium || [ "$${CI:-}" != "true" ]

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy --strict src

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis dist build test-output
