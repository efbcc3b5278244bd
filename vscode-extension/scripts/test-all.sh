#!/usr/bin/env bash
# Everything the extension is checked with, in order: npm ci, lint, typecheck, unit tests,
# both .vsix packages, then the end-to-end test in code-server + headless Chromium.
#   AWESOME_LS_BINARY=BUILD/server/awesome-ls bash vscode-extension/scripts/test-all.sh
# AWESOME_LS_BINARY (required) is the built server: shipped in the linux-x64 .vsix and probed
# by the e2e test. AWESOME_LS_SKIP_SETUP=1 skips scripts/e2e-setup.sh (apt + code-server).
set -euo pipefail

if [[ -z "${AWESOME_LS_BINARY:-}" || ! -x "${AWESOME_LS_BINARY:-}" ]]; then
  echo "test-all: set AWESOME_LS_BINARY to the built awesome-ls (e.g. build/server/awesome-ls)" >&2
  exit 2
fi
AWESOME_LS_BINARY="$(realpath "$AWESOME_LS_BINARY")"  # relative to the caller's folder
export AWESOME_LS_BINARY

ext_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ext_dir"

step() { printf '\n== %s\n' "$*"; }

if [[ "${AWESOME_LS_SKIP_SETUP:-}" != 1 ]]; then
  step "e2e setup (apt packages, code-server)"
  bash scripts/e2e-setup.sh
fi
step "npm ci"
npm ci --no-fund --no-audit
step "lint"
npm run --silent lint
step "typecheck"
npm run --silent typecheck
step "unit tests"
npm test
step "package"
npm run --silent package
npm run --silent package:linux-x64
step "end-to-end (code-server + Chromium)"
npm run e2e
