# Shortcuts for the scripts; the scripts are the source of truth.
.PHONY: test test-fast demo

test:
	./scripts/test.sh

# The fast lane: pure and in-process SQLite tests, no servers, on two processes (two to three
# minutes on a quiet two-core machine); the full suite is `make test`.
test-fast:
	./scripts/setup.sh test
	.venv/bin/python -P -m pytest -m "not servers and not slow" -q -n 2

demo:
	./scripts/demo.sh
