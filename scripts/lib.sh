# Shell functions shared by the scripts; source it.

# served_at NAME PID LOG PATTERN TRIES prints the base URL that the server
# NAME (process PID) writes to LOG in a line matched by the sed expression
# PATTERN, waiting up to TRIES tenths of a second. It exits the script with
# the log when the server exits first or never says where it serves.
served_at() {
  local name=$1 pid=$2 log=$3 pattern=$4 tries=$5 base=""
  for _ in $(seq "$tries"); do
    base=$(sed -n "$pattern" "$log" | head -1)
    [ -n "$base" ] && { echo "$base"; return; }
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "$name exited" >&2; exit 1; }
    sleep 0.1
  done
  cat "$log" >&2
  echo "$name did not start" >&2
  exit 1
}
