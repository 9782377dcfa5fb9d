PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
FUZZ_EXAMPLES ?= 25

.PHONY: install bench-install run test lint fuzz bench profile load clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The benchmark's peers (Django REST framework, strawberry-django): `make bench` only.
bench-install: $(VENV)/.installed-bench

$(VENV)/.installed-bench: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $@

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo
	@echo "  GraphiQL:        http://$(HOST):$(PORT)/graphql"
	@echo "  Reference page:  http://$(HOST):$(PORT)/"
	@echo "  Bookmarklet:     http://$(HOST):$(PORT)/bookmarklet/"
	@echo "  Admin:           http://$(HOST):$(PORT)/admin/  (user: admin, password: see above)"
	@echo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_fuzz.py $(PYTEST_ARGS)

load: install
	$(BIN)/python -m bench.soak $(LOAD_ARGS)

bench: bench-install
	$(BIN)/python -m bench $(BENCH_ARGS)

profile: bench-install
	$(BIN)/python -m bench.profile $(PROFILE_ARGS)

clean:
	rm -rf $(VENV) var
