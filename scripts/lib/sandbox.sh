# The local AWS sandbox for `npm start` (test/support/aws/sandbox.ts): loopback EMR, Glue,
# Redshift, Athena, S3 and DynamoDB with dummy keys. Sourced by scripts/start.sh:
#   sandbox_start  -> starts it, waits until seeded, exports AWS_CONFIG_FILE/AWS_PROFILE/… into
#                     this shell so the editor started next sees only the sandbox
#   sandbox_stop   -> stops it (PostgreSQL and s3rver files go with it)
SB_PID=''

sandbox_start() {
  local dir="$ROOT/.local/sandbox" log="$ROOT/.local/sandbox.log"
  mkdir -p "$ROOT/.local"
  DW_SANDBOX_DIR="$dir" node --import tsx "$ROOT/test/support/aws/sandbox.ts" > "$log" 2>&1 &
  SB_PID=$!
  # Up to 90 s: the first start of PostgreSQL in a fresh container can be slow.
  for _ in $(seq 1 900); do
    grep -q '^sandbox: ready' "$log" && break
    if ! kill -0 "$SB_PID" 2> /dev/null; then
      echo "start: the AWS sandbox did not start (DW_SANDBOX=0 skips it); last lines of $log:" >&2
      tail -n 20 "$log" >&2
      SB_PID=''
      return 1
    fi
    sleep 0.1
  done
  grep -q '^sandbox: ready' "$log" || { echo "start: the AWS sandbox is not ready after 90 s; see $log" >&2; return 1; }
  grep '^sandbox: ' "$log" | grep -v 'ready$'
  # shellcheck source=/dev/null
  source "$dir/env.sh"
}

sandbox_stop() {
  if [ -n "$SB_PID" ]; then
    kill "$SB_PID" 2> /dev/null || true
    wait "$SB_PID" 2> /dev/null || true
    SB_PID=''
  fi
}
