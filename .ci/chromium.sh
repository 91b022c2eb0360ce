#!/usr/bin/env bash
# Debian's Chromium for the web UI's end-to-end tests (driven by playwright-core; no browser download).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=''
if [ "$(id -u)" -ne 0 ]; then SUDO='sudo'; fi
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium
