#!/usr/bin/env bash
# Set up mediadesk in a local virtualenv and run the demo on the bundled sample inbox.
# Usage: ./scripts/demo.sh   (from anywhere; the demo database goes to ./demo-run/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
if [ ! -x "$venv/bin/mediadesk" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet -e "$root"
fi
mkdir -p "$root/demo-run"
cd "$root/demo-run"
exec "$venv/bin/mediadesk" demo "$@"
