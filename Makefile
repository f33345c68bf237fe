# GOTRS Workflow Gateway: `make dev` runs the product, `make test` runs every test.
SHELL := /bin/bash
BIN := node_modules/.bin
# Written after a successful `npm ci`; older than package-lock.json means the lock changed.
INSTALL_STAMP := node_modules/.install-stamp
# Written by scripts/devstack's Jest summary reporter (jest.config.js).
TEST_SUMMARY := .data/test-summary.txt

.PHONY: help install build dev test typecheck-tests lint clean reset

help:
	@echo "make dev    install, build, then run Temporal, PostgreSQL, the worker and the API (Ctrl-C stops)"
	@echo "make test   install, build, typecheck the tests, lint, then run every Jest test"
	@echo "make lint   ESLint over every workspace's src and test (type-checked rules, import cycles, sandbox imports)"
	@echo "make build  compile every workspace (tsc --build)"
	@echo "make clean  remove build output (keeps .data)"
	@echo "make reset  remove .data (the local Temporal and PostgreSQL state)"

$(INSTALL_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: $(INSTALL_STAMP)

build: install
	npm run build

dev: build
	node scripts/devstack/dist/dev.js

typecheck-tests: build
	$(BIN)/tsc -p tsconfig.test.json

# Type-checked ESLint rules over src and test (eslint.config.mjs); about a minute on 2 cores.
lint: build
	npm run lint

# JEST_ARGS narrows the run, e.g. `make test JEST_ARGS=apps/api`.
# The reporter's plain `jest: N passed, N failed, N skipped` line prints once more as the last line
# of the output, after Jest's summary and the teardown, where a reader of a log's end finds it.
test: typecheck-tests lint
	@status=0; $(BIN)/jest $(JEST_ARGS) || status=$$?; cat $(TEST_SUMMARY) 2>/dev/null; exit $$status

clean:
	rm -rf apps/*/dist packages/*/dist scripts/*/dist node_modules/.cache/tsconfig.test.tsbuildinfo
	find apps packages scripts -maxdepth 2 -name '*.tsbuildinfo' -not -path '*/node_modules/*' -delete

reset:
	@if [ -f .data/postgres/postmaster.pid ]; then \
	  echo "PostgreSQL still runs on .data/postgres: stop \`make dev\` first (or remove .data/postgres/postmaster.pid if it crashed)"; exit 1; fi
	rm -rf .data
