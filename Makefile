# The README's two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test compile lint format bench train system-deps clean

VENDOR := src/nabz/static/vendor

$(STAMP): pyproject.toml package.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,redis]'
	npm ci --silent --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	# reports: Chart.js for the page's charts; Vazirmatn (OFL) for the monthly PDF
	# without its source-map line: the map is Chart.js's own source, which we do not ship
	grep -v '^//# sourceMappingURL=' node_modules/chart.js/dist/chart.umd.min.js > $(VENDOR)/chart.umd.min.js
	mkdir -p $(VENDOR)/vazirmatn
	cp node_modules/vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf \
	  node_modules/vazirmatn/fonts/ttf/Vazirmatn-Bold.ttf node_modules/vazirmatn/OFL.txt \
	  $(VENDOR)/vazirmatn/
	# emoji: Twemoji as a COLR font (OFL; art CC BY 4.0), which every browser draws in colour
	mkdir -p $(VENDOR)/twemoji
	cp node_modules/twemoji-colr-font/twemoji.woff2 $(VENDOR)/twemoji/
	cp node_modules/twemoji-colr-font/LICENSE $(VENDOR)/twemoji/LICENSE.md
	touch $(STAMP)

## The trust engine compiled with mypyc beside its source (only when the source changed;
## about 30 s from scratch). `tools/compile_trust.py --clean` gives the pure engine back.
compile: $(STAMP)
	$(BIN)/python tools/compile_trust.py

## make demo: install, migrate, load the demo workspaces, serve on :8000 with the worker.
demo: $(STAMP) compile
	$(BIN)/nabz demo

## make test: lint, then the whole suite (unit, integration, browser).
test: $(STAMP) system-deps compile
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy --strict src/nabz/trust
	$(BIN)/lint-imports
	$(BIN)/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

# What the suite needs from Debian: chromium for the end-to-end tests (browsers
# cannot be downloaded here), redis-server for the RQ backend test and nginx for the
# TLS proxy test; poppler-utils (pdftotext) reads the monthly PDF back in its test.
SYSTEM_DEPS := chromium:chromium redis-server:redis-server nginx:nginx pdftotext:poppler-utils
system-deps:
	@missing=""; for pair in $(SYSTEM_DEPS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing:$$missing (sudo apt-get install$$missing)" >&2; exit 1; fi; fi

## make train: rebuild the person-name taggers (src/nabz/trust/data/tagger/) from the
## corpora in var/corpora (DATA.md says where each comes from) and print held-out scores.
## NABZ_TRUST_PURE=1: the model files must not depend on a stale compiled build.
train: $(STAMP)
	NABZ_TRUST_PURE=1 $(BIN)/python tools/train_names.py --corpora var/corpora

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench tools
	$(BIN)/ruff format src tests bench tools

bench: $(STAMP) compile
	$(BIN)/python bench/trust_speed.py
	$(BIN)/python bench/phi_quality.py
	$(BIN)/python bench/claims_quality.py

clean:
	rm -rf $(VENV) var test-artifacts build
	rm -f src/*.so src/*.stamp.json
	find src/nabz/trust -name '*.so' -delete
