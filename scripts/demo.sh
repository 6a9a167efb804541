#!/usr/bin/env bash
# Set up mediadesk in a local virtualenv and run the demo on the bundled sample inbox.
# Usage: ./scripts/demo.sh   (from anywhere; the demo database goes to ./demo-run/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
mkdir -p "$root/demo-run"
cd "$root/demo-run"
exec "$root/.venv/bin/mediadesk" demo "$@"
