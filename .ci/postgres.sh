#!/usr/bin/env bash
# Makes PostgreSQL server binaries (initdb, pg_ctl) available for the POS test suite, which starts
# its own throwaway cluster from them. Idempotent: does nothing when they are already installed.
# Debian/Ubuntu only; run as root (CI) or with sudo available.
set -euo pipefail

have_server_binaries() {
  local bin
  for bin in /usr/lib/postgresql/*/bin; do
    [[ -x "$bin/initdb" && -x "$bin/pg_ctl" ]] && return 0
  done
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1
}

if have_server_binaries; then
  echo "postgres.sh: PostgreSQL server binaries already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "postgres.sh: no PostgreSQL server binaries and no apt-get; install PostgreSQL or set TEST_DATABASE_URL" >&2
  exit 1
fi

SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when they are missing (a fresh container) or the install fails.
if ! compgen -G "/var/lib/apt/lists/*_Packages" >/dev/null || ! apt-cache show postgresql >/dev/null 2>&1; then
  $SUDO apt-get update
fi
if ! $SUDO apt-get install -y --no-install-recommends postgresql; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends postgresql
fi
# The tests start their own cluster; the distribution's default one is not needed.
if command -v pg_ctlcluster >/dev/null 2>&1; then
  for cluster in /etc/postgresql/*/main; do
    [[ -d "$cluster" ]] || continue
    version="$(basename "$(dirname "$cluster")")"
    $SUDO pg_ctlcluster "$version" main stop >/dev/null 2>&1 || true
  done
fi

have_server_binaries || { echo "postgres.sh: installed postgresql but found no initdb/pg_ctl" >&2; exit 1; }
echo "postgres.sh: PostgreSQL server binaries installed"
