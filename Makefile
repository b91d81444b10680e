# Core Group Guide. `make build` and `make test` do all set-up themselves on a fresh
# Debian machine: system packages (as root, or with sudo), a virtual environment, npm packages.
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps

.PHONY: help build example test serve translations revisions review-pack status lint bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

build: $(STAMPS)/python ## Set up, then build the site into build/site/ (and the ZIP)
	$(BIN)/python build.py

example: $(STAMPS)/python ## Build the fictional example organisation (examples/exampleshire) into build/example/site/
	$(BIN)/python build.py --local examples/exampleshire --out build/example

test: $(STAMPS)/python $(STAMPS)/node ## Set up, then run every test (style, Python, JavaScript, browser)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	$(BIN)/python -m pytest
	node --test tests/js/

serve: $(STAMPS)/python ## Preview on http://127.0.0.1:8000/, reloading on every change
	$(BIN)/python build.py --serve

translations: $(STAMPS)/python ## Extract interface strings and update translations/*/messages.po
	$(BIN)/python build.py --update-translations

revisions: $(STAMPS)/python ## Print each English page's revision (for translators)
	$(BIN)/python build.py --revisions

review-pack: $(STAMPS)/python ## Word files for translators to check (LANG=pl for one language) in build/review-packs/
	$(BIN)/python build.py --review-pack $(if $(filter command line,$(origin LANG)),$(LANG))

status: $(STAMPS)/python ## Print each page's translation status (draft, reviewed, out of date, missing)
	$(BIN)/python build.py --status

lint: $(STAMPS)/python ## Check code style with ruff
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: build ## Print page weights, build times and search figures
	$(BIN)/python bench/pageweight
	$(BIN)/python bench/leaflets
	$(BIN)/python bench/build --pages 100 1000
	$(BIN)/python bench/easy-read
	node bench/search

clean: ## Remove the build output and the set-up
	rm -rf build $(VENV) $(STAMPS) node_modules

$(STAMPS)/system: scripts/install-system-packages
	bash scripts/install-system-packages
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/python: pyproject.toml $(STAMPS)/system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/node: package.json package-lock.json $(STAMPS)/system
	npm ci --ignore-scripts --no-audit --no-fund
	@mkdir -p $(STAMPS) && touch $@
