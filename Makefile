PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
FUZZ_EXAMPLES ?= 25
# `make run` serves at HOST:PORT; what it tells browsers follows unless set.
PUBLIC_HOST := $(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST))
PUBLIC_URL ?= http://$(PUBLIC_HOST):$(PORT)
ALLOWED_HOSTS ?= localhost,127.0.0.1,[::1],$(HOST)
# The server may bookmark images from itself (static/samples/, offline).
IMAGE_FETCH_ALLOWED_HOSTS ?= $(PUBLIC_HOST):$(PORT)
RUN_ENV = DEBUG=1 PUBLIC_URL='$(PUBLIC_URL)' ALLOWED_HOSTS='$(ALLOWED_HOSTS)' \
	IMAGE_FETCH_ALLOWED_HOSTS='$(IMAGE_FETCH_ALLOWED_HOSTS)'
# uvicorn serves HTTP and WebSocket (project.asgi) on one port, and restarts when code changes.
RELOAD_DIRS = $(foreach dir,project users images activity demo bookmarklet schema templates,--reload-dir $(dir))

# `make test` runs the Redis tests (marker `redis`) a second time against a
# throwaway Redis Cluster of three masters on loopback; REDIS_CLUSTER=0 skips that.
REDIS_CLUSTER ?= 1

.PHONY: install bench-install run test test-redis-cluster lint fuzz bench profile load clean

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
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	@echo
	@echo "  GraphiQL:        $(PUBLIC_URL)/graphql"
	@echo "  Reference page:  $(PUBLIC_URL)/"
	@echo "  Bookmarklet:     $(PUBLIC_URL)/bookmarklet/"
	@echo "  Admin:           $(PUBLIC_URL)/admin/  (user: admin, password: see above)"
	@echo "  Subscriptions:   $(subst http,ws,$(PUBLIC_URL))/graphql  (WebSocket, graphql-transport-ws)"
	@echo "  E-mail:          $$($(RUN_ENV) $(BIN)/python manage.py shell --no-imports -c \
		'from django.conf import settings; from project.email_url import where_mail_goes; \
		print(where_mail_goes(settings))')"
	@echo
	$(RUN_ENV) $(BIN)/uvicorn project.asgi:application --host $(HOST) --port $(PORT) \
		--ws-max-size 1048576 --ws-per-message-deflate false --reload $(RELOAD_DIRS)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)
ifeq ($(REDIS_CLUSTER),1)
	@# pytest exits 5 when PYTEST_ARGS select no Redis test: nothing to run again.
	bash scripts/with_redis_cluster.sh $(BIN)/python -m pytest -m redis $(PYTEST_ARGS) \
		|| [ $$? -eq 5 ]
endif

# The whole suite (or PYTEST_ARGS) against a throwaway Redis Cluster.
test-redis-cluster: install
	bash scripts/with_redis_cluster.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_fuzz.py $(PYTEST_ARGS)

load: install
	$(BIN)/python -m bench.load_gate $(LOAD_ARGS)

bench: bench-install
	$(BIN)/python -m bench $(BENCH_ARGS)

profile: bench-install
	$(BIN)/python -m bench.profile $(PROFILE_ARGS)

clean:
	rm -rf $(VENV) var
