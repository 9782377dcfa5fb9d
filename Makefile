PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
FUZZ_EXAMPLES ?= 25
# `make run` serves at HOST:PORT; what it tells browsers follows unless set.
PUBLIC_HOST := $(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST))
PUBLIC_URL ?= http://$(PUBLIC_HOST):$(PORT)
comma := ,
LOOPBACK_HOSTS := localhost 127.0.0.1 [::1]
ALLOWED_HOSTS ?= localhost,127.0.0.1,[::1]$(if $(filter-out $(LOOPBACK_HOSTS),$(HOST)),$(comma)$(HOST))
# The server may bookmark images from itself (static/samples/, offline).
IMAGE_FETCH_ALLOWED_HOSTS ?= $(PUBLIC_HOST):$(PORT)
RUN_ENV = DEBUG=1 PUBLIC_URL='$(PUBLIC_URL)' ALLOWED_HOSTS='$(ALLOWED_HOSTS)' \
	IMAGE_FETCH_ALLOWED_HOSTS='$(IMAGE_FETCH_ALLOWED_HOSTS)'
# uvicorn serves HTTP and WebSocket (project.asgi) on one port, and restarts when code changes.
RELOAD_DIRS = $(foreach dir,project infra users images activity demo bookmarklet frontend schema server templates,--reload-dir $(dir))

# `make test` runs the Redis tests (marker `redis`) a second time against a
# throwaway Redis Cluster of three masters on loopback; REDIS_CLUSTER=0 skips that.
REDIS_CLUSTER ?= 1

.PHONY: install install-runtime node-packages bench-install run test test-redis-cluster lint \
	fuzz bench profile load clean extension messages

# `make run` installs what the server needs; the rest installs the dev extra too (tests,
# linters). scripts/install.sh installs with uv, pinned from PyPI, and falls back to pip.
install-runtime: $(VENV)/.installed-runtime

$(VENV)/.installed-runtime: pyproject.toml scripts/install.sh
	PYTHON=$(PYTHON) bash scripts/install.sh .
	touch $@

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/install.sh
	PYTHON=$(PYTHON) bash scripts/install.sh '.[dev]'
	touch $@ $(VENV)/.installed-runtime

# The node programs the tests run (package-lock.json), when npm is there; without it
# those tests skip, and the test run says in one line what to install.
node-packages:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node_modules/.installed; fi

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error || echo "npm ci failed: the node tests will skip"
	@if [ -f node_modules/.package-lock.json ]; then touch $@; fi

# The benchmark's peers (Django REST framework, strawberry-django): `make bench` only.
bench-install: $(VENV)/.installed-bench

$(VENV)/.installed-bench: $(VENV)/.installed pyproject.toml
	PYTHON=$(PYTHON) bash scripts/install.sh '.[dev,bench]'
	touch $@

# scripts/run_with_workers.sh replaces the recipe's shell (exec), so that SIGTERM to make
# reaches it; it runs a Celery worker and beat beside the server and stops them with it.
# The embedded Redis (var/redis.sock, also the broker) stops with the process that started it.
run: install-runtime
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	$(RUN_ENV) $(BIN)/python manage.py rebuild_search_index
	@echo
	@echo "  GraphiQL:        $(PUBLIC_URL)/graphql"
	@echo "  Reference page:  $(PUBLIC_URL)/"
	@echo "  Bookmarklet:     $(PUBLIC_URL)/bookmarklet/"
	@echo "  Admin:           $(PUBLIC_URL)/admin/  (user: admin, password: see above)"
	@echo "  Subscriptions:   $(subst http,ws,$(PUBLIC_URL))/graphql  (WebSocket, graphql-transport-ws)"
	@echo "  Background work: a Celery worker and beat beside the server (see docs/background-work.md)"
	@echo "  E-mail:          $$($(RUN_ENV) $(BIN)/python manage.py shell --no-imports -c \
		'from django.conf import settings; from project.settings.email_url import where_mail_goes; \
		print(where_mail_goes(settings))')"
	@echo
	@echo "  The README's walk-through, in a shell:  export PINMARK=$(PUBLIC_URL)"
	@echo
	$(RUN_ENV) exec bash scripts/run_with_workers.sh $(BIN)/uvicorn project.asgi:application --host $(HOST) --port $(PORT) \
		--ws-max-size 1048576 --ws-per-message-deflate false --reload $(RELOAD_DIRS)

test: install node-packages
	$(BIN)/python -m pytest $(PYTEST_ARGS)
ifeq ($(REDIS_CLUSTER),1)
	bash scripts/with_redis_cluster.sh $(BIN)/python -m pytest -m redis $(PYTEST_ARGS)
endif

# The whole suite (or PYTEST_ARGS) against a throwaway Redis Cluster.
test-redis-cluster: install
	bash scripts/with_redis_cluster.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/check_module_lengths.py

fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_fuzz.py $(PYTEST_ARGS)

load: install
	$(BIN)/python -m bench.load_gate $(LOAD_ARGS)

bench: bench-install
	$(BIN)/python -m bench $(BENCH_ARGS)

profile: bench-install
	$(BIN)/python -m bench.profile $(PROFILE_ARGS)

# The browser extension for one server (docs/extension.md): var/extension.zip, and unpacked
# in var/extension/ for "Load unpacked". EXTENSION_SERVER defaults to `make run`'s address.
EXTENSION_SERVER ?= $(PUBLIC_URL)
EXTENSION_CLIENT_ID ?=
extension:
	$(PYTHON) scripts/build_extension.py --server '$(EXTENSION_SERVER)' \
		--client-id '$(EXTENSION_CLIENT_ID)' --out var/extension.zip --unpacked var/extension

# The server's message catalogues (docs/languages.md): extract the source's messages into
# locale/<language>/LC_MESSAGES/django.po (Django's makemessages: GNU gettext's xgettext),
# then compile each into the django.mo beside it in pure Python. Both files are committed.
# The bookmarklet's overlay gets its copy of the front end's messages (static/app/locales).
MESSAGE_LANGUAGES ?= es
MESSAGE_IGNORES := $(foreach dir,node_modules tests bench testing scripts static frontend bookmarklet var .venv,-i $(dir))

messages: install
	PINMARK_ENV=development $(BIN)/python manage.py makemessages --no-location --no-wrap \
		$(foreach language,$(MESSAGE_LANGUAGES),-l $(language)) $(MESSAGE_IGNORES)
	$(BIN)/python scripts/compile_messages.py
	$(BIN)/python scripts/bookmarklet_messages.py

clean:
	rm -rf $(VENV) var
