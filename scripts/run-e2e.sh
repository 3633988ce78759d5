#!/usr/bin/env bash
# `npm run test:e2e [-- FILE_FRAGMENT...]`: the user-level scenarios in test/e2e/*.test.ts drive a real
# VS Code (code-server) through headless Debian Chromium with playwright-core, under node:test.
# Screenshots of each step go to test-results/. DW_SKIP_BUILD=1 skips the build.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# Every test workbench starts with a fresh profile; sharing one sample-data cache saves the
# 100k-event generation (tens of seconds) in every workbench after the first.
export DW_SAMPLE_CACHE_DIR="${DW_SAMPLE_CACHE_DIR:-$ROOT/.vscode-e2e/sample-cache}"
cd "$ROOT"
[ "${DW_SKIP_BUILD:-}" = 1 ] || node scripts/build.mjs
[ -x /usr/bin/chromium ] || [ -n "${DW_CHROMIUM:-}" ] || { echo "run-e2e: /usr/bin/chromium missing: run scripts/setup-test-env.sh" >&2; exit 1; }

files=()
for f in test/e2e/*.test.ts; do
  [ -f "$f" ] || continue
  if [ $# -eq 0 ]; then files+=("$f"); else for s in "$@"; do [[ $f == *"$s"* ]] && { files+=("$f"); break; }; done; fi
done
[ ${#files[@]} -gt 0 ] || { echo "run-e2e: no test/e2e/*.test.ts files${*:+ matching $*}" >&2; exit 1; }

bash scripts/setup-editor.sh > /dev/null
mkdir -p test-results
# shellcheck source=lib/code-server.sh
source scripts/lib/code-server.sh
sandbox_stop() { :; }
trap 'cs_stop; sandbox_stop' EXIT

# Scenarios that declare `e2e-needs: sandbox` run last, in a code-server of their own that sees only
# the `npm start` AWS sandbox (AWS_CONFIG_FILE, AWS_PROFILE… exported before it starts). The others
# run first with the plain environment: the sandbox's profile would override the dummy credentials
# the engine scenarios give their own editors, and the welcome views expect no AWS estate.
plain=() sandboxed=()
for f in "${files[@]}"; do
  if grep -q 'e2e-needs: sandbox' "$f"; then sandboxed+=("$f"); else plain+=("$f"); fi
done

rc=0
# run_group FILE...: one scenario at a time (each opens its own workbench and extension host; 2 cores).
run_group() {
  local port=${DW_TEST_PORT:-$(cs_free_port)}
  cs_start "$port" "$ROOT/examples"
  DW_E2E_URL="http://127.0.0.1:$port" node --import tsx --test --test-reporter=spec --test-concurrency=1 "$@" || {
    rc=$?
    cp "$CS_RUN/server.log" test-results/e2e-code-server.log 2> /dev/null || true
  }
  cs_stop
}
[ ${#plain[@]} -eq 0 ] || run_group "${plain[@]}"
if [ ${#sandboxed[@]} -gt 0 ]; then
  # shellcheck source=lib/sandbox.sh
  source scripts/lib/sandbox.sh
  export DW_SANDBOX_PORT=${DW_SANDBOX_PORT:-$((20000 + RANDOM % 20000))}
  sandbox_start
  export DW_E2E_SANDBOX_DIR="$ROOT/.local/sandbox"
  run_group "${sandboxed[@]}"
fi
exit $rc
