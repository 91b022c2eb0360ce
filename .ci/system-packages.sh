#!/usr/bin/env bash
# Debian packages the test suite needs, installed only when missing (idempotent, quiet when present):
# the PostgreSQL server (the POS, FPS and bridge suites run on PGlite and on a real server) and
# Chromium (the web UI's end-to-end tests, driven by playwright-core; no browser download), and g++
# (the auditor's native signature verifier).
set -euo pipefail
cd "$(dirname "$0")"
bash ./postgres.sh >/dev/null
bash ./chromium.sh >/dev/null
bash ./compiler.sh >/dev/null
