#!/usr/bin/env bash
# The longer fuzz run: ./scripts/fuzz.sh [EXAMPLES] [pytest args]
#
# Runs the property-based tests of tests/test_fuzz.py (parser, triage, HTML reduction,
# attachment filenames over malformed MIME, huge and folded headers, deep nesting, bad
# base64/quoted-printable, invalid charsets, NUL bytes and mutated real-world mail) with the
# hypothesis profile "long": 5,000 examples per test by default (CI runs the "ci" profile,
# ~200), or EXAMPLES if given. No server is needed. Hypothesis keeps every failure it finds in
# .hypothesis/ and replays it first on the next run, CI's included.
#
#   ./scripts/fuzz.sh                 # ~5,000 examples per test (tens of minutes)
#   ./scripts/fuzz.sh 50000           # overnight
#   ./scripts/fuzz.sh 2000 -k mime    # one family
#
# Environment: MEDIADESK_FUZZ_BUDGET=SECONDS, the time one input may take (default 8).
set -euo pipefail
cd "$(dirname "$0")/.."

examples=5000
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then examples=$1; shift; fi
python=.venv/bin/python
[ -x "$python" ] || python=python3

export MEDIADESK_FUZZ_PROFILE=long MEDIADESK_FUZZ_EXAMPLES=$examples
# -P: never put the repo root on sys.path (it would shadow the standard library's `mailbox`).
exec "$python" -P -m pytest tests/test_fuzz.py -p no:cacheprovider -q --hypothesis-show-statistics "$@"
