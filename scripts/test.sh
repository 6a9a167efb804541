#!/usr/bin/env bash
# THE test command (README, .ci/run): ./scripts/test.sh [pytest args]
#
# On a fresh Debian/Ubuntu machine it installs what the suite needs (.venv with the test extras,
# Dovecot, SpamAssassin's spamd, Chromium, Redis), makes sure PostgreSQL answers on
# 127.0.0.1:5432, runs pytest and stops what it started. The tests start their own private Dovecot and, when 6379 does not answer, their
# own redis-server, both on free ports (tests/harness/servers.py).
set -euo pipefail
cd "$(dirname "$0")/.."

SCRIPT=test.sh
. scripts/lib.sh
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
redis_up() { timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/6379 && printf "PING\r\n" >&3 && read -r -t 1 reply <&3 && [[ $reply == +PONG* ]]' 2>/dev/null; }
pg_up() { if have pg_isready; then pg_isready -q -h 127.0.0.1 -p 5432 -t 2; else tcp_open 5432; fi; }

# 1. Python: .venv with mediadesk (editable) and the test extras.
./scripts/setup.sh test

# 2. Dovecot and openssl (the tests run a private instance, never the system service).
have dovecot || apt_install dovecot-imapd
have openssl || apt_install openssl
# SpamAssassin's spamd (tests/test_spam.py starts a private one: no rule updates, no network tests).
# Debian 12 ships it as its own package, reached from spamassassin only through spamc's Recommends:
# ask for it by name (older releases have no such package: spamassassin alone carries it).
have spamd || apt_install spamassassin spamd || apt_install spamassassin
# Chromium, headless: the report page is opened in a real browser (tests/test_report.py).
have chromium || apt_install chromium

# 3. Redis: 127.0.0.1:6379 if it answers, else the tests start redis-server on a free port.
redis_up || have redis-server || apt_install redis-server

# 4. PostgreSQL on 127.0.0.1:5432 (postgres-marked tests skip locally without it, fail under CI).
started_pg=""
stop_started() {
  if [ -n "$started_pg" ]; then
    log "stopping the PostgreSQL cluster $started_pg we started"
    as_root pg_ctlcluster --skip-systemctl-redirect "$started_pg" main stop || true
  fi
}
trap stop_started EXIT
installed_pg=""
if ! pg_up; then
  if ! have pg_ctlcluster || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    log "installing PostgreSQL"
    apt_install postgresql postgresql-client && installed_pg=yes
  fi
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1 || true)"
  if [ -n "$version" ] && have pg_ctlcluster; then
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start && started_pg="$version"
    for _ in $(seq 50); do pg_up && break; sleep 0.2; done
    pg_up || log "PostgreSQL $version did not answer on 127.0.0.1:5432"
  else
    log "PostgreSQL could not be installed: postgres tests will skip (and fail when CI is set)"
  fi
fi
# The tests connect as postgres over 127.0.0.1 without a password (trust). A cluster this script
# installed itself asks for one: allow the local test connections, on that cluster only.
if [ -n "$installed_pg" ] && have psql && ! psql -h 127.0.0.1 -U postgres -w -c "SELECT 1" >/dev/null 2>&1; then
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  log "allowing trust auth for postgres@127.0.0.1 in $hba (a test machine's own cluster)"
  as_root sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$hba"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
fi

# 5. pytest. -P keeps the working directory (the repo root) off sys.path: there `import mailbox`
# would find our mailbox/ folder instead of the standard library. importlib import mode comes
# from pyproject.toml. The whole run is bounded; TERM lets the fixtures stop their servers.
unset PYTHONPATH
set +e
# On two processes (pytest-xdist): the server tests in order on one (tests/conftest.py groups them),
# everything in-process on the other. MEDIADESK_TEST_PROCESSES=0, or -n 0 among the arguments, runs
# it all on one (needed to see -s output).
timeout --foreground -k 30 "${MEDIADESK_TEST_TIMEOUT:-3600}" .venv/bin/python -P -m pytest \
  -n "${MEDIADESK_TEST_PROCESSES:-2}" --dist loadgroup "$@"
rc=$?
set -e
case $rc in
  0) ;;
  5) log "pytest collected no tests: that is a failure" ;;
  124) log "the test run exceeded ${MEDIADESK_TEST_TIMEOUT:-3600}s" ;;
  *) log "pytest exited with $rc" ;;
esac
exit $rc
