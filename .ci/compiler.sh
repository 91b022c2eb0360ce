#!/usr/bin/env bash
# A C++ compiler for the auditor's native P-256 verifier (packages/audit/native; plain g++ against
# the headers node ships, no node-gyp download).
set -euo pipefail
if command -v g++ >/dev/null 2>&1; then
  exit 0
fi
SUDO=''
if [ "$(id -u)" -ne 0 ]; then SUDO='sudo'; fi
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends g++
