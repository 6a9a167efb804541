#!/usr/bin/env bash
# Set up mediadesk in a local virtualenv and run the demo on the bundled sample inbox.
# Usage: ./scripts/demo.sh [--fresh]   (from anywhere; everything goes to ./demo-run/)
#   --fresh   start over: delete demo-run/ (its database, attachments and settings) first
#
# The demo uses nothing outside demo-run/: its settings (demo-run/.env) name the office and set
# no broker, so the per-sender rate limit is counted in its own database, not in whatever Redis
# answers on this machine. Run it as often as you like.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="$root/demo-run"
fresh=0
args=()
for arg in "$@"; do
    if [ "$arg" = "--fresh" ]; then fresh=1; else args+=("$arg"); fi
done
"$root/scripts/setup.sh"
if [ "$fresh" = 1 ]; then
    rm -rf "$run"
fi
mkdir -p "$run"
if [ ! -f "$run/.env" ]; then
    cat > "$run/.env" <<'SETTINGS'
# The demo's settings (written by scripts/demo.sh), read by every mediadesk command run here.
# The office the bundled inbox was written to:
MEDIADESK_ORGANISATION=GIMS
MEDIADESK_MEDIA_ADDRESS=media@gims.example
# No broker: everything runs in this process; nothing here talks to a Redis on this machine.
MEDIADESK_REDIS_URL=
SETTINGS
fi
cd "$run"
"$root/.venv/bin/mediadesk" demo ${args[@]+"${args[@]}"}
cat >&2 <<EOF

The demo's database is $run/mediadesk.db. Try, from $run:
  source ../.venv/bin/activate      # then \`mediadesk\` is on your PATH (or type ../.venv/bin/mediadesk)
  mediadesk list                    # the morning list: open tickets, most urgent first
  mediadesk show MR-1
  mediadesk draft list
Start over with ./scripts/demo.sh --fresh (or delete $run).
EOF
