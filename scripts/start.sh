#!/usr/bin/env bash
# `npm start`: build the extension and open it in a real VS Code on the examples/ workspace.
# With a desktop `code` on PATH it uses that; otherwise it serves code-server (= VS Code in the
# browser) on http://127.0.0.1:$DW_PORT (default 8765) and prints the address to open.
# Stays in the foreground; Ctrl-C stops the server and removes its throwaway profile.
# DW_USE_CODE_SERVER=1 forces code-server even when `code` is on PATH.
# Beside code-server it runs the local AWS sandbox (scripts/lib/sandbox.sh) the Clusters and
# Catalog views show; DW_SANDBOX=0 skips it and leaves your own AWS config in effect.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PORT=${DW_PORT:-8765}
[[ $PORT =~ ^[0-9]+$ ]] || { echo "DW_PORT must be a port number, got '$PORT'" >&2; exit 1; }

if [ ! -d node_modules ]; then
  echo "start: node_modules missing, running npm ci"
  npm ci
fi

if command -v code > /dev/null && [ "${DW_USE_CODE_SERVER:-}" != 1 ]; then
  npm run build
  echo "start: opening desktop VS Code with the extension from $ROOT"
  exec code --extensionDevelopmentPath="$ROOT" "$ROOT/examples"
fi

bash scripts/setup-test-env.sh --editor-only
# shellcheck source=lib/code-server.sh
source scripts/lib/code-server.sh
# Refuse a busy port before the build so the message is the first thing seen.
if cs_port_busy "$PORT"; then echo "start: port $PORT is already in use; set DW_PORT to another port" >&2; exit 1; fi
npm run build

trap 'cs_stop; sandbox_stop' EXIT
trap 'exit 130' INT TERM
if [ "${DW_SANDBOX:-1}" != 0 ]; then
  # shellcheck source=lib/sandbox.sh
  source scripts/lib/sandbox.sh
  sandbox_start
else
  sandbox_stop() { :; }
fi
cs_start "$PORT" "$ROOT/examples"
URL=$(node scripts/lib/workbench-url.mjs "http://127.0.0.1:$PORT" "$ROOT/examples" "$ROOT")
cat << EOF

Data Workbench is running in VS Code (code-server) on 127.0.0.1:$PORT.
Open this address in a browser on this machine (or through an SSH tunnel to port $PORT):

  $URL

Server log: $CS_RUN/server.log    Press Ctrl-C to stop.
EOF
# Stay in the foreground until the server exits or Ctrl-C.
wait "$CS_PID" || true
echo "start: code-server exited; last lines of its log:" >&2
tail -n 20 "$CS_RUN/server.log" >&2 || true
