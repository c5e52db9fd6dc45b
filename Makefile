# hongwu: `make run` serves the demo, `make test` runs every test.
# Both install what is missing first (scripts/install-deps.sh).

BUILD      ?= build
TEST_BUILD ?= build-asan
DB         ?= var/hongwu.db
PORT       ?= 8080
LISTEN     ?= 127.0.0.1
JOBS       ?= $(shell nproc)
PYTEST     := /usr/bin/python3 -m pytest

.PHONY: all deps build web run test test-unit test-api test-api-pg test-web bench format clean \
	install-service

all: deps build web

deps:
	@scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j$(JOBS)

web: deps
	cd web && npm run build

# The demo is loaded once; on a database that has it, `hongwu demo` says so and changes nothing.
run: all
	$(BUILD)/hongwu demo --db $(DB)
	$(BUILD)/hongwu serve --db $(DB) --listen $(LISTEN) --port $(PORT) --web web/dist

test: deps web
	cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DHONGWU_SANITIZE=ON
	cmake --build $(TEST_BUILD) -j$(JOBS)
	$(MAKE) --no-print-directory -k test-unit test-api test-api-pg test-web

test-unit:
	cd $(TEST_BUILD) && ctest --output-on-failure

test-api:
	HONGWU_BIN=$(abspath $(TEST_BUILD))/hongwu $(PYTEST) -q tests/api

# The same API tests against a throwaway PostgreSQL cluster.
test-api-pg:
	HONGWU_BIN=$(abspath $(TEST_BUILD))/hongwu scripts/with-postgres.sh $(PYTEST) -q tests/api

test-web:
	HONGWU_BIN=$(abspath $(TEST_BUILD))/hongwu node --test tests/web/

# Benchmarks (docs/benchmarks.md), never part of `make test`. The default is
# the import run and a SQLite city of 1 million dwellings; more with e.g.
# `make bench BENCH_SIZES="1000000 32000000" BENCH_BACKENDS="sqlite pg"`.
BENCH_BUILD ?= build-bench
bench: deps
	cmake -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BENCH_BUILD) -j$(JOBS) --target hongwu
	cmake -S bench -B $(BENCH_BUILD)/bench -DHONGWU_BUILD=$(abspath $(BENCH_BUILD))
	cmake --build $(BENCH_BUILD)/bench -j$(JOBS)
	BENCH_BUILD=$(BENCH_BUILD) BENCH_SIZES="$(BENCH_SIZES)" BENCH_BACKENDS="$(BENCH_BACKENDS)" \
		bench/run.sh all

# As root: the hongwu user, binary, UI and systemd unit, enabled and started
# (docs/operations.md, "systemd").
install-service: all
	scripts/install-service.sh

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c')

clean:
	rm -rf $(BUILD) $(TEST_BUILD) web/dist
