# The two commands: `make demo` and `make test`. Both install what is missing
# (scripts/ensure-deps.sh), then build.
SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin

SWIFT ?= swift
BIN = .build/debug/studyspot
# Under /tmp: the servers run as an unprivileged user when make runs as root,
# and that user cannot reach a clone under /root.
TEST_STACK_DIR ?= /tmp/studyspot-test-stack
# Above the kernel's ephemeral range (ip_local_port_range): inside it, any
# client connection of the machine can hold one of the stack's ports for a
# moment and `stack up` then finds it in use.
TEST_BASE_PORT ?= $(shell awk '{ b = $$2 + 1; print (b + 24 <= 65535 ? b : 55400) }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 55400)

.PHONY: demo test deps build release stack-up stack-down clean fuzz

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

# The shipped binary (.build-release/release/studyspot): release, Swift runtime
# and Foundation linked statically, which keeps the dashboard's resident memory
# down (Benchmarks/README.md, "Resident memory"). `make test` stays on the
# debug build.
release: deps
	@scripts/build-release.sh

# Brings a private stack up, runs every test against it, and always brings it
# down again, even when tests fail.
test: build
	@python3 scripts/check-module-graph.py
	@set -o pipefail; \
	cfg=$$($(BIN) stack up --dir "$(TEST_STACK_DIR)" --base-port $(TEST_BASE_PORT) | tee /dev/stderr | tail -n 1); \
	status=$$?; \
	if [ $$status -ne 0 ] || [ ! -f "$$cfg" ]; then \
	    echo "make test: the local stack did not come up" >&2; \
	    $(BIN) stack down --dir "$(TEST_STACK_DIR)" >/dev/null 2>&1 || true; exit 1; \
	fi; \
	rc=0; \
	STUDYSPOT_TEST_CONFIG="$$cfg" STUDYSPOT_BINARY="$(CURDIR)/$(BIN)" $(SWIFT) test || rc=$$?; \
	if [ $$rc -eq 0 ] && ls Tests/e2e/*.sh >/dev/null 2>&1; then \
	    for t in Tests/e2e/*.sh; do \
	        echo "== $$t"; STUDYSPOT_TEST_CONFIG="$$cfg" bash "$$t" "$(CURDIR)/$(BIN)" || { rc=$$?; break; }; \
	    done; \
	fi; \
	$(BIN) stack down --dir "$(TEST_STACK_DIR)"; \
	exit $$rc

# Stack up (or reused), schema, seed once, background simulation, dashboard.
demo: build
	@$(BIN) demo

# Text captures of every pane from the demo stack, for the README (docs/screens/).
.PHONY: readme-screens
readme-screens: build
	@scripts/readme-screens.sh

stack-up: build
	$(BIN) stack up

stack-down:
	$(BIN) stack down

clean:
	rm -rf .build .build-release .build-dynamic .stack-test

# Coverage-guided fuzzing of the parsers: RUNS inputs per target.
fuzz:
	scripts/fuzz.sh
