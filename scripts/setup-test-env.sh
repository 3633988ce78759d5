#!/usr/bin/env bash
# Makes this machine able to run every test suite: Debian packages the tests need, then the
# real VS Code (code-server) for the integration and E2E suites.
# usage: scripts/setup-test-env.sh [--editor-only] Idempotent and quiet when all is
# present. Fails loudly (non-zero, with the reason) when it cannot: it never skips a step silently.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "setup-test-env: $*" >&2; exit 1; }

# Debian package -> why the tests need it.
declare -A WHY=(
  [chromium]="E2E and in-host tests drive VS Code through it"
  [libkrb5-dev]="code-server's kerberos native module builds against it"
  [build-essential]="node-gyp builds code-server's native modules (make, g++)"
  [postgresql]="Postgres engine tests and the sql2df oracle run a real server"
  [python3-sqlglot]="the sql2df oracle"
  [python3-psycopg2]="the sql2df oracle"
)
PACKAGES=(chromium libkrb5-dev build-essential postgresql python3-sqlglot python3-psycopg2)
# --editor-only (used by `npm start`): just what installing code-server needs.
if [ "${1:-}" = --editor-only ]; then PACKAGES=(libkrb5-dev build-essential); fi

is_installed() { dpkg-query -W -f='${Status}' "$1" 2> /dev/null | grep -q 'install ok installed'; }

command -v dpkg-query > /dev/null || fail "this script needs a Debian/Ubuntu machine (dpkg-query not found)"

missing=()
for pkg in "${PACKAGES[@]}"; do is_installed "$pkg" || missing+=("$pkg"); done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-test-env: installing ${missing[*]}"
  for pkg in "${missing[@]}"; do echo "  $pkg: ${WHY[$pkg]}"; done
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo > /dev/null && sudo -n true 2> /dev/null; then SUDO=(sudo -n); else
      fail "missing packages ${missing[*]} and not root (no passwordless sudo): run 'apt-get install -y ${missing[*]}' as root"
    fi
  else
    SUDO=()
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q || fail "apt-get update failed"
  "${SUDO[@]}" apt-get install -y -q "${missing[@]}" || fail "apt-get install ${missing[*]} failed"
  for pkg in "${missing[@]}"; do is_installed "$pkg" || fail "$pkg is still not installed after apt-get"; done
fi

[ "${1:-}" = --editor-only ] || [ -x /usr/bin/chromium ] || fail "/usr/bin/chromium not found although the chromium package is installed"

bash "$ROOT/scripts/setup-editor.sh"
