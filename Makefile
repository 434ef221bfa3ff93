# 深圳医保自助服务 — `make run` serves on http://127.0.0.1:8000, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings
# Local development defaults; production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (docs/deploy.md).
export DEBUG ?= 1

.PHONY: run test lint setup data browser-deps bench clean backup restore

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

data: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_handbook
	$(BIN)/python manage.py load_rates

run: data
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# PYTEST_ARGS narrows a run, e.g. PYTEST_ARGS='-m "not browser"' (.ci/run runs the browser tests as their own step).
test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Debian's Chromium and CJK fonts for the browser tests (root, or sudo, needed once per machine).
browser-deps:
	@test -x /usr/bin/chromium && fc-list | grep -q "Noto Sans CJK" || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk)

bench: data
	$(BIN)/python bench/faq_latency.py

# Staff-maintained data (parameters, baselines, FAQ edits, with history) to JSON and back (docs/deploy.md).
# `make backup` writes backups/backup-YYYYmmdd-HHMMSS.json, or BACKUP=path; `make restore BACKUP=path` checks the
# whole file, prints what it adds, changes and deletes, and applies it (`manage.py restore path` alone only shows it).
backup: setup
	$(BIN)/python manage.py backup $(if $(BACKUP),--output "$(BACKUP)")

restore: setup
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/backup-….json"; ls -1 backups/*.json 2>/dev/null | tail -n 5; exit 2; }
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py restore --yes "$(BACKUP)"

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache
