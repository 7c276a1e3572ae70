# Cyber Diplomacy Handbook — the README's commands. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The edition `make serve` serves: en (default), fr, es… (not LANG, the locale variable).
EDITION ?= en
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve test build offline check lint bench preview-zensical clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

# The virtual environment is rebuilt whenever the pins or the package change.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

serve: $(STAMP) ## Serve the handbook at http://127.0.0.1:8000 (EDITION=fr for French; rebuilds on edits)
	HB_EDITION=$(EDITION) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP) ## Run the whole test suite
	$(BIN)/python -m pytest

# Every edition into one folder: English at its root, the others under /<lang>/.
define build_editions
	$(BIN)/mkdocs build --strict $(1) --site-dir $(2)
	@for code in $$($(BIN)/handbook editions); do \
	  echo "edition $$code"; \
	  HB_EDITION=$$code $(BIN)/mkdocs build --strict $(1) --site-dir $(2)/$$code || exit 1; \
	done
endef

build: offline ## Strict build of every edition into site/, with the offline zip (a failed build leaves site/ as it was)
	@rm -rf .site-build
	$(call build_editions,,.site-build)
	cp dist/handbook-offline.zip .site-build/
	@rm -rf site && mv .site-build site

offline: $(STAMP) ## The offline edition, every language: dist/handbook-offline.zip
	@rm -rf .site-offline
	$(call build_editions,--config-file mkdocs-offline.yml,.site-offline)
	$(BIN)/python -m handbook.offline .site-offline dist/handbook-offline.zip

bench: $(STAMP) ## Benchmark builds and pages against plain Material (minutes)
	$(BIN)/python bench/run.py

ZVENV  := .venv-zensical
ZSTAMP := $(ZVENV)/.installed-stamp
$(ZSTAMP): requirements-zensical.lock pyproject.toml
	@test -x $(ZVENV)/bin/python || $(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.lock
	$(ZVENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

preview-zensical: $(ZSTAMP) ## A preview built with Zensical into site-zensical/ (its own pinned lock)
	$(ZVENV)/bin/handbook preview .zensical
	cd .zensical && ../$(ZVENV)/bin/zensical build -f mkdocs.yml
	@rm -rf site-zensical && mv .zensical/site site-zensical
	@echo "the Zensical preview is in site-zensical/"

check: $(STAMP) ## Validate data/resources.yaml and the list of published addresses
	$(BIN)/handbook check
	$(BIN)/handbook published

lint: $(STAMP) ## Ruff over the code
	$(BIN)/ruff check handbook hooks tests bench

clean: ## Remove built output (keeps .venv)
	rm -rf site .site-build .site-offline dist site-zensical .zensical
