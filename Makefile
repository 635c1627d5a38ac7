# asn_hr — common tasks. `make run` starts the app locally (SQLite, no Redis needed);
# `make test` runs the test suite (PostgreSQL when DATABASE_URL is set).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Local development server: debug on, SQLite and eager Celery unless the
# environment already sets DATABASE_URL / REDIS_URL.
DEV_ENV := DEBUG=1

PYTEST_ARGS ?=
# Where `make run` serves; CI's clean-clone check picks a free port.
RUN_ADDR ?= 127.0.0.1:8000

.PHONY: venv install run test lint bench soak worker beat clean

venv install: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changes.
$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -r requirements-dev.txt
	touch $@

run: $(STAMP)
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_unit_kerja
	$(DEV_ENV) $(PY) manage.py seed_demo
	$(DEV_ENV) $(PY) manage.py runserver $(RUN_ADDR)

# pytest exits 5 when it collects no test; say so plainly instead of failing the build.
test: $(STAMP)
	@rc=0; $(PY) -m pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest tidak menemukan test (exit 5)"; rc=0; fi; \
	exit $$rc

# ruff for the code, import-linter for which package may import which (pyproject.toml).
lint: $(STAMP)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

# Benchmarks at provincial scale (docs/PERFORMANCE.md) on a PostgreSQL database of their own:
# created and migrated if missing, seeded by seed_scale when it does not hold the requested
# size. `make bench BENCH_ARGS=--quick` is the CI smoke size; flags: manage.py bench --help.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/asn_hr_bench
BENCH_ARGS ?=

bench: $(STAMP)
	BENCH=1 DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench --migrate $(BENCH_ARGS)

# Soak: concurrent clients file reports through gunicorn for a fixed time on the bench
# database; reports requests, errors, p50/p95/p99 and rows lost (must be 0). docs/KEAMANAN.md.
SOAK_ARGS ?=

soak: $(STAMP)
	BENCH=1 DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py soak --migrate $(SOAK_ARGS)

worker: $(STAMP)
	$(VENV)/bin/celery -A asn_hr worker -l info

beat: $(STAMP)
	$(VENV)/bin/celery -A asn_hr beat -l info \
		--scheduler django_celery_beat.schedulers:DatabaseScheduler

# Removes caches and build artefacts; keeps .venv and db.sqlite3.
clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache staticfiles test-results playwright-report
