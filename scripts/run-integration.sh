#!/usr/bin/env bash
# `npm run test:integration`: the mocha tests in test/integration run inside a real VS Code
# extension host with the real `vscode` API, on a throwaway copy of examples/.
# Desktop VS Code through @vscode/test-electron when DW_VSCODE_DESKTOP=1 or a `code` is on PATH;
# otherwise code-server driven by headless Chromium (scripts/lib/run-in-host.mjs).
# DW_SKIP_BUILD=1 skips the build (npm test has just built). DW_INTEGRATION_GREP filters tests.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# Every test workbench starts with a fresh profile; sharing one sample-data cache saves the
# 100k-event generation (tens of seconds) in every workbench after the first.
export DW_SAMPLE_CACHE_DIR="${DW_SAMPLE_CACHE_DIR:-$ROOT/.vscode-e2e/sample-cache}"
cd "$ROOT"
[ "${DW_SKIP_BUILD:-}" = 1 ] || node scripts/build.mjs
[ -f out/test/integration/index.js ] || { echo "run-integration: out/test/integration/index.js was not built" >&2; exit 1; }

WS=$(mktemp -d "${TMPDIR:-/tmp}/dw-integration-ws.XXXXXX")
cp -R examples/. "$WS/"

if [ "${DW_VSCODE_DESKTOP:-}" = 1 ] || { command -v code > /dev/null && [ "${DW_USE_CODE_SERVER:-}" != 1 ]; }; then
  trap 'rm -rf "$WS"' EXIT
  node scripts/lib/run-in-desktop.mjs "$WS"
  exit
fi

bash scripts/setup-editor.sh > /dev/null
# shellcheck source=lib/code-server.sh
source scripts/lib/code-server.sh
trap 'cs_stop; rm -rf "$WS"' EXIT
PORT=${DW_TEST_PORT:-$(cs_free_port)}
cs_start "$PORT" "$WS"
rc=0
node scripts/lib/run-in-host.mjs "http://127.0.0.1:$PORT" "$WS" || rc=$?
if [ $rc -ne 0 ]; then
  mkdir -p test-results
  cp "$CS_RUN/server.log" test-results/integration-code-server.log 2> /dev/null || true
fi
exit $rc
