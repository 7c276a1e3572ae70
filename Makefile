# Cyber Diplomacy Handbook — the README's commands. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve test build offline check lint bench clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

# The virtual environment is rebuilt whenever the pins or the package change.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

serve: $(STAMP) ## Serve the handbook at http://127.0.0.1:8000 (rebuilds on edits)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP) ## Run the whole test suite
	$(BIN)/python -m pytest

build: offline ## Strict build into site/, with the offline zip (a failed build leaves site/ as it was)
	@rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	cp dist/handbook-offline.zip .site-build/
	@rm -rf site && mv .site-build site

offline: $(STAMP) ## The offline edition: dist/handbook-offline.zip
	@rm -rf .site-offline
	$(BIN)/mkdocs build --strict --config-file mkdocs-offline.yml --site-dir .site-offline
	$(BIN)/python -m handbook.offline .site-offline dist/handbook-offline.zip

bench: $(STAMP) ## Benchmark builds and pages against plain Material (minutes)
	$(BIN)/python bench/run.py

check: $(STAMP) ## Validate data/resources.yaml
	$(BIN)/handbook check

lint: $(STAMP) ## Ruff over the code
	$(BIN)/ruff check handbook hooks tests bench

clean: ## Remove built output (keeps .venv)
	rm -rf site .site-build .site-offline dist
