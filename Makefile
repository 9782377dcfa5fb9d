PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
FUZZ_EXAMPLES ?= 25

.PHONY: install run test lint fuzz bench load clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo
	@echo "  GraphiQL:        http://$(HOST):$(PORT)/graphql"
	@echo "  Reference page:  http://$(HOST):$(PORT)/"
	@echo "  Bookmarklet:     http://$(HOST):$(PORT)/bookmarklet/"
	@echo "  Admin:           http://$(HOST):$(PORT)/admin/  (user: admin, password: see above)"
	@echo "  E-mail:          $$(DEBUG=1 $(BIN)/python manage.py shell --no-imports -c \
		'from django.conf import settings; from project.email_url import where_mail_goes; \
		print(where_mail_goes(settings))')"
	@echo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_fuzz.py $(PYTEST_ARGS)

load: install
	$(BIN)/python -m bench.soak $(LOAD_ARGS)

bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
