# agencydesk — `make run` serves the demo, `make test` runs the whole suite. `make help` lists all.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export AGENCYDESK_DEV ?= 1

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-z-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its dev tools

compilemessages: $(STAMP) ## Compile the gettext catalogs (.mo files are build output)
	if command -v msgfmt >/dev/null; then \
	  $(BIN)/agencydesk compilemessages -v 0 --ignore '.venv/*' --ignore '.data/*'; \
	else \
	  $(BIN)/python -m agencydesk.devtools.mo_compile; \
	fi

# Every language with a folder in locale/ (see locale/README.md to add one).
CATALOG_LANGUAGES = $(notdir $(patsubst %/LC_MESSAGES,%,$(wildcard locale/*/LC_MESSAGES)))

messages: $(STAMP) ## Extract translatable strings into every catalog in locale/ and compile them
	for language in $(CATALOG_LANGUAGES); do \
	  $(BIN)/agencydesk makemessages -l $$language --no-obsolete --ignore 'tests/*' --ignore 'deploy/*' || exit 1; \
	  $(BIN)/agencydesk makemessages -d djangojs -l $$language --no-obsolete --ignore 'tests/*' --ignore 'staticfiles/*' || true; \
	done
	$(MAKE) compilemessages

run: $(STAMP) compilemessages ## Serve the demo tenants on :8000 with the background worker
	$(BIN)/python -m agencydesk.devtools.devserver

manage: $(STAMP) ## Run an agencydesk command on make run's database: make manage ARGS="tenant_delete acme"
	$(BIN)/agencydesk $(ARGS)

test: $(STAMP) compilemessages ## Run the whole test suite against real PostgreSQL
	$(BIN)/python -m agencydesk.devtools.testrun

bench: $(STAMP) compilemessages ## Time the application against its floor: make bench ARGS="--tickets 100000 --tenants 50"
	$(BIN)/agencydesk bench $(ARGS)

lint: $(STAMP) ## ruff + mypy + import layers and cycles (lint-imports)
	$(BIN)/ruff check src tenants tests
	$(BIN)/ruff format --check src tenants tests
	$(BIN)/mypy src tenants
	$(BIN)/lint-imports --no-cache

format: $(STAMP) ## Apply ruff's formatting and fixes
	$(BIN)/ruff check --fix src tenants tests
	$(BIN)/ruff format src tenants tests

clean: ## Remove the venv and local data (embedded database included)
	rm -rf $(VENV) .data staticfiles

.PHONY: help install compilemessages messages run manage test bench lint format clean
