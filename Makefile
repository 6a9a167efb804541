# Shortcuts for the scripts; the scripts are the source of truth.
.PHONY: test test-fast demo

test:
	./scripts/test.sh

# The fast lane: pure and SQLite tests, no servers (about 1.5 min on a quiet machine); the full suite is `make test`.
test-fast:
	./scripts/setup.sh test
	.venv/bin/python -P -m pytest -m "not servers and not slow" -q

demo:
	./scripts/demo.sh
