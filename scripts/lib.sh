# Shell helpers shared by setup.sh and test.sh (sourced, not run). Set SCRIPT before sourcing.
log() { printf '%s: %s\n' "${SCRIPT:-mediadesk}" "$*" >&2; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else log "root is needed for: $*"; return 1; fi
}
apt_install() {
  # Try the local package lists first; refresh them only when that fails (fresh images ship none).
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q "$@" || { as_root apt-get update -q && as_root apt-get install -y -q "$@"; }
}
