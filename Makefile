# Nghị Trường — the two commands: `make run` (the product on the embedded default) and `make test`.
SHELL := /bin/bash
HOST ?= 127.0.0.1
PORT ?= 8000
VENV ?= .venv
PY := $(VENV)/bin/python
CI_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nghitruong
CI_REDIS_URL ?= redis://127.0.0.1:6379/0

# Django 6 needs Python >= 3.12, so prefer the newest Python >= 3.11 on the machine (pyenv's included);
# on Python 3.11 the project installs Django 5.2 LTS instead.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -Vr) python3 python3.11; do \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)

.PHONY: run test lint install messages bench clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed" >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq -e ".[dev]"
	@touch $@

install: $(VENV)/.installed
	@$(PY) manage.py i18n_compile --verbosity 0

# Serving beyond this machine (HOST=0.0.0.0, the hall network) is the hall mode: DEBUG=0, a secret key generated
# into var/, static files collected and served, no demo accounts with published passwords unless DEMO=1
# (docs/security.md).
HALL ?= $(if $(filter 127.0.0.1 localhost ::1,$(HOST)),0,1)
DEMO ?= $(if $(filter 0,$(HALL)),1,0)

run: install
	export NT_HALL=$(HALL); \
	$(PY) manage.py migrate --noinput --verbosity 0 && \
	{ test "$(HALL)" = 0 || $(PY) manage.py collectstatic --noinput --verbosity 0; } && \
	if [ "$(DEMO)" = 1 ]; then $(PY) manage.py seed_demo $(if $(filter 1,$(HALL)),--force) && \
		$(PY) manage.py demo_info --host $(HOST) --port $(PORT); \
	else echo "Hall mode: no demo accounts (DEMO=1 adds them); create an administrator: $(PY) manage.py createsuperuser"; fi && \
	exec $(PY) -m config.server --host $(HOST) --port $(PORT)

# The architecture's rules (docs/architecture.md): lint, layer contracts, types. `make test` runs it first.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: install lint
ifeq ($(CI),true)
	@# The two tiers share nothing (own databases, own servers on free ports), so they run side by side; the
	@# second tier's output follows the first's, and either failing fails the run.
	@mkdir -p var; \
	DATABASE_URL=$(CI_DATABASE_URL) REDIS_URL=$(CI_REDIS_URL) $(PY) -m pytest -m "not browser and not embedded" \
		> var/tier2.log 2>&1 & tier2=$$!; \
	echo "== tier 1: SQLite + in-memory channel layer (with the browser tier); tier 2 runs alongside =="; \
	env -u DATABASE_URL -u REDIS_URL $(PY) -m pytest -m "not services"; tier1_status=$$?; \
	wait $$tier2; tier2_status=$$?; \
	echo "== tier 2: PostgreSQL + Redis =="; cat var/tier2.log; \
	echo "== tier 3: the scaled shape (nginx + 2 processes + PostgreSQL + Redis), 100 delegates + 1,000 viewers =="; \
	DATABASE_URL=$(CI_DATABASE_URL) REDIS_URL=$(CI_REDIS_URL) $(PY) -m bench.session_load --processes 2 \
		--delegates 100 --viewers 1000 --json --check; tier3_status=$$?; \
	test $$tier1_status -eq 0 && test $$tier2_status -eq 0 && test $$tier3_status -eq 0
else
	$(PY) -m pytest
endif

messages: install
	$(PY) manage.py makemessages --locale en --ignore ".venv/*" --ignore "var/*" --ignore "tests/*" --ignore "bench/*"

bench: install
	$(PY) -m bench.session_load --delegates 500 --viewers 5000 --json

clean:
	rm -rf $(VENV) var tests/artifacts
