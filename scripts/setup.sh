#!/usr/bin/env bash
# Create .venv and install mediadesk into it (editable), with optional extras:
#   ./scripts/setup.sh          # the product only (enough for `mediadesk demo`)
#   ./scripts/setup.sh test     # plus the test dependencies
# Re-installs only when pyproject.toml, the package's file list or the extras changed since the
# last run, or when the console script is missing, so it is cheap to call before every command.
set -euo pipefail
cd "$(dirname "$0")/.."

extras="${1:-}"
SCRIPT=setup.sh
. scripts/lib.sh

# Engineers and CI may run this at the same time in one tree: one pip at a time.
exec 9>"${TMPDIR:-/tmp}/mediadesk-setup-$(pwd | sha256sum | cut -c1-12).lock"
flock -w 600 9 || { log "another setup.sh has held the lock for 10 minutes"; exit 1; }

python="${PYTHON:-python3}"
if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  rm -rf .venv  # a half-made venv (e.g. python3-venv missing) would fail the same way again
  if ! "$python" -m venv .venv 2>/dev/null; then
    log "python3 -m venv failed; installing python3-venv"
    rm -rf .venv
    apt_install python3-venv
    "$python" -m venv .venv
  fi
fi

spec=".${extras:+[$extras]}"
# Strict editable mode maps each file of the package into the environment: mailbox/ has no
# __init__.py (so `import mailbox` from the repo root stays the standard library), which only
# strict mode can map. A new or removed file therefore needs a reinstall: the stamp covers the
# file list as well as pyproject.toml.
files="$(find src mailbox worker storage -type f ! -path '*/__pycache__/*' ! -name '*.pyc' | LC_ALL=C sort | sha256sum | cut -c1-16)"
want="$(sha256sum pyproject.toml | cut -d' ' -f1) $files $spec"
stamp=".venv/.mediadesk-install${extras:+-$extras}"  # one per extras set
if [ ! -x .venv/bin/mediadesk ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "installing mediadesk ($spec) into .venv"
  .venv/bin/python -m pip install -q -e "$spec" --config-settings editable_mode=strict
  printf '%s\n' "$want" > "$stamp"
fi
