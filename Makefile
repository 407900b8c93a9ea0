# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
# pytest-xdist processes for `make test` (each gets its own databases; see tests/provision.py).
TEST_WORKERS ?= 2
CATALOGUES := $(wildcard shop/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)

.PHONY: run serve serve-prod test system-packages lint format install install-dev messages translations migrate demo-data bench-catalogue bench-checkout bench-stock-import bench-wholesale bench-spreadsheet bench-lighthouse bench-volume bench-documents clean

run: install system-packages translations migrate demo-data serve

# Links in pages and mails follow the address the shop was opened at unless SHOP_BASE_URL says
# otherwise (shop/core/urls.base_url; a wildcard HOST is linked as 127.0.0.1).
# The shop as in production: two app servers, the worker and beat on PostgreSQL and Redis
# (docs/deploy/serve-prod.sh says what it sets up).
serve-prod: install-dev translations
	docs/deploy/serve-prod.sh

serve:
	@echo "Serving the shop on http://$(HOST):$(PORT)"
	$(FLASK) run --host $(HOST) --port $(PORT)

# Every test on SQLite and PostgreSQL (a throw-away database on the local server, or
# TEST_DATABASE_URL) and in Chromium; the run ends with a summary of what it covered.
test: install-dev translations lint system-packages
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

system-packages:
	@tests/system-packages.sh

lint: install-dev
	$(BIN)/ruff check shop tests bench wsgi.py migrations
	$(BIN)/ruff format --check shop tests bench wsgi.py migrations

format: install-dev
	$(BIN)/ruff check --fix shop tests bench wsgi.py migrations
	$(BIN)/ruff format shop tests bench wsgi.py migrations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

# axe-core, injected into pages by the accessibility tests.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev node_modules/axe-core/axe.min.js

# Compile the Thai, English and Burmese catalogues (.po -> .mo).
translations: install $(COMPILED)
%.mo: %.po
	$(BIN)/pybabel compile --statistics -i $< -o $@

# Maintainers: extract new strings from code and templates into the catalogues.
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k _plural:1,2 -o shop/translations/messages.pot --no-location --sort-output --project "ranong-coffee-shop" .
	$(BIN)/pybabel update -i shop/translations/messages.pot -d shop/translations --no-fuzzy-matching --ignore-obsolete

migrate: install
	mkdir -p instance
	$(FLASK) db upgrade

demo-data: install
	$(FLASK) demo-data

bench-catalogue: install-dev translations
	$(BIN)/python bench/catalogue.py

bench-checkout: install-dev translations
	$(BIN)/python bench/checkout.py

bench-stock-import: install-dev translations
	$(BIN)/python bench/stock_import.py

bench-wholesale: install-dev translations
	$(BIN)/python bench/wholesale.py

bench-spreadsheet: install-dev translations
	$(BIN)/python bench/spreadsheet_order.py

bench-documents: install-dev translations system-packages
	$(BIN)/python bench/documents.py

# Lighthouse (mobile) over the key pages in Thai, English and Burmese; median of 3 runs each.
bench-lighthouse: install-dev translations
	$(BIN)/python bench/lighthouse.py

# The seller backend and the office's reports with 5,000 products and 50,000 orders.
bench-volume: install-dev translations
	$(BIN)/python bench/volume.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
