# Shortcuts for the scripts; the scripts are the source of truth.
.PHONY: test demo

test:
	./scripts/test.sh

demo:
	./scripts/demo.sh
