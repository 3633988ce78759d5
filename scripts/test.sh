#!/usr/bin/env bash
# `npm test`: everything, in order: test environment, type check, lint, build, unit, sql2df oracle (when
# present), in-host integration, E2E. Every step runs even after an earlier failure, so one run shows
# all problems. Each suite's own counts are collected (node:test `ℹ pass N`/`ℹ fail N`, mocha
# `N passing`/`N failing`, the oracle runner's `oracle: N passed, N failed`); a step that fails without reporting a failed test counts as one failure.
# The last line printed is always `N passed, N failed`. Exit status is non-zero if anything failed.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOGS="$ROOT/test-results/logs"
mkdir -p "$LOGS"
PASSED=0
FAILED=0
SUMMARY=()
T0=$SECONDS

finish() {
  echo
  echo "== summary ($((SECONDS - T0)) s)"
  printf '%s\n' "${SUMMARY[@]}"
  echo "$PASSED passed, $FAILED failed"
}
trap finish EXIT

# Adds a suite's counts from its log; prints them as "passed failed".
count() {
  local log=$1 p f
  p=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log" | awk '
    /^[[:space:]]*ℹ pass [0-9]+/ { n += $3 }
    /^[[:space:]]*[0-9]+ passing/ { n += $1 }
    /^[0-9]+ equivalent of [0-9]+$/ { n += $1 }
    /^oracle: [0-9]+ passed, [0-9]+ failed/ { n += $2 }
    END { print n + 0 }')
  f=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log" | awk '
    /^[[:space:]]*ℹ fail [0-9]+/ { n += $3 }
    /^[[:space:]]*[0-9]+ failing/ { n += $1 }
    /^[0-9]+ equivalent of [0-9]+$/ { n += $4 - $1 }
    /^oracle: [0-9]+ passed, [0-9]+ failed/ { n += $4 }
    END { print n + 0 }')
  echo "$p $f"
}

# step NAME COUNTS(yes|no) COMMAND...: runs, tees to test-results/logs/NAME.log, records the outcome.
step() {
  local name=$1 counted=$2 t rc p f
  shift 2
  echo
  echo "== $name: $*"
  t=$SECONDS
  "$@" < /dev/null 2>&1 | tee "$LOGS/$name.log"
  rc=${PIPESTATUS[0]}
  if [ "$counted" = yes ]; then read -r p f < <(count "$LOGS/$name.log"); else p=0 f=0; fi
  # A failing step with no failed test reported (crash, type error, setup) still counts once.
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  SUMMARY+=("$(printf '%-12s %-4s %4d passed %4d failed %5d s' "$name" "$([ "$rc" -eq 0 ] && echo ok || echo FAIL)" "$p" "$f" $((SECONDS - t)))")
  return "$rc"
}

export DW_SKIP_BUILD=1
if ! step setup no bash scripts/setup-test-env.sh; then
  echo "test: the test environment could not be set up; not running the suites" >&2
  exit 1
fi
step typecheck no npx tsc -p .
step lint no npm run lint
step format no npm run format:check
step build no npm run build
step unit yes node scripts/run-unit.mjs
if [ -f test/oracle/run.ts ]; then step oracle yes npm run test:oracle; fi
step integration yes bash scripts/run-integration.sh
step e2e yes bash scripts/run-e2e.sh
[ "$FAILED" -eq 0 ]
