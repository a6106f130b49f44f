# bankcalc: `make serve` runs the service on http://127.0.0.1:8000, `make test` runs every test.
# Both set up .venv on first use (and again when pyproject.toml or the lock file changes),
# installing exactly the versions and hashes in requirements.lock. `make lock` refreshes it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
# The container image installs these (see Dockerfile): runtime only, and the build backend.
RUNTIME_LOCK := deploy/requirements-runtime.lock
BUILD_LOCK := deploy/requirements-build.lock
# One lock for every OS and Python >= 3.11, each file's sha256 pinned.
COMPILE := $(BIN)/uv pip compile --quiet --upgrade --generate-hashes --universal \
	--python-version 3.11 --custom-compile-command "make lock"

.PHONY: serve test lint lock messages k8s-catalog browser proxy clean

# Dependencies from the lock only (hashes checked), then the project itself without them;
# pip check fails when pyproject.toml asks for something the lock does not hold.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@$(BIN)/python -m pip check || { echo "requirements.lock lacks what pyproject.toml asks for: run make lock"; exit 1; }
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/bankcalc serve

test: $(STAMP) browser proxy
	$(BIN)/python -m pytest

# Debian's Chromium for the browser tests and nginx for the proxy-cache tests. Under CI a
# failed install stops here; elsewhere those tests then skip with the reason.
browser:
	@scripts/ensure-chromium || [ "$${CI:-}" != "true" ]

proxy:
	@scripts/ensure-nginx || [ "$${CI:-}" != "true" ]

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy --strict src
	$(BIN)/hadolint Dockerfile
	$(BIN)/kubernetes-validate --strict --quiet deploy/k8s/*.yaml

# Extract every string marked for translation (Python and templates) and merge it into the
# Spanish catalog: new ones arrive untranslated, which tests/i18n fails on until translated.
POT := $(VENV)/messages.pot
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location \
		--sort-output --project bankcalc --add-comments TRANSLATORS: -o $(POT) .
	$(BIN)/pybabel update -i $(POT) -d src/bankcalc/locales -l es \
		--init-missing --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --width 100

# Re-resolve every dependency to the newest versions pyproject.toml allows and rewrite the
# three lock files (the image's two take the same versions as the tested one). Needs PyPI.
lock: $(BIN)/uv
	$(COMPILE) pyproject.toml --extra test --extra dev -o $(LOCK)
	$(COMPILE) pyproject.toml --constraint $(LOCK) -o $(RUNTIME_LOCK)
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
		| $(COMPILE) - --constraint $(LOCK) -o $(BUILD_LOCK)

# The catalog ConfigMap of deploy/k8s, from config/plans.yaml (validated first).
k8s-catalog: $(STAMP)
	$(BIN)/python scripts/catalog-configmap config/plans.yaml > deploy/k8s/catalog.yaml

# uv comes from the current lock, even when pyproject.toml already asks for more.
$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis dist build test-output
