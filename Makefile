# Một Cửa — the two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install migrate demo serve worker lint check lock bench clean

$(VENV)/bin/activate:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PYTHON)) / Python 3.11 is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

# Reinstall only when the pinned list changes.
$(VENV)/.installed: requirements.txt | $(VENV)/bin/activate
	$(VENV)/bin/pip install --quiet -r requirements.txt
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py serve --host $(HOST) --port $(PORT)

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run

lock: install
	$(VENV)/bin/pip freeze --exclude-editable > requirements.txt

# The quick benchmarks; bench/README.md lists the long ones (1,000,000 dossiers, 100,000-row imports, search).
bench: install
	$(PY) bench/calendar/run.py --n 200000
	$(PY) bench/parsing/measure.py

clean:
	rm -rf $(VENV) var db.sqlite3
