#!/usr/bin/env bash
# make loadtest: a sample index of $POSTS posts (sitegen -docs, indexer),
# searchd serving it on a free loopback port with $SEARCHD_FLAGS, and
# loadtest against it for $DURATION with $CLIENTS clients. Prints the
# report (and writes it as JSON to $DATA/report.json), then stops searchd.
# The exit code is loadtest's: 1 when any request failed.
set -euo pipefail
: "${POSTS:=500}" "${SEED:=1}" "${DATA:=data/loadtest}" "${BIN:=bin}"
: "${DURATION:=5m}" "${CLIENTS:=4}" "${SEARCHD_FLAGS:=-cache-size 0}" "${LOADTEST_FLAGS:=}"

mkdir -p "$DATA"
"$BIN/sitegen" -docs "$DATA/docs.jsonl" -posts "$POSTS" -seed "$SEED"
"$BIN/indexer" -docs "$DATA/docs.jsonl" -index "$DATA/idx" -force

log="$DATA/searchd.log"
# shellcheck disable=SC2086 # SEARCHD_FLAGS is a list of flags
"$BIN/searchd" -index "$DATA/idx" -addr 127.0.0.1:0 $SEARCHD_FLAGS >"$log" 2>&1 &
searchd_pid=$!
trap 'kill "$searchd_pid" 2>/dev/null || true; wait "$searchd_pid" 2>/dev/null || true' EXIT

base=""
for _ in $(seq 300); do
  base=$(sed -n 's/^searchd: serving .* at \(http[^ ]*\)\/$/\1/p' "$log" | head -1)
  [ -n "$base" ] && break
  kill -0 "$searchd_pid" 2>/dev/null || { cat "$log"; echo "loadtest: searchd exited"; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { cat "$log"; echo "loadtest: searchd did not start"; exit 1; }
echo "loadtest: searchd $SEARCHD_FLAGS at $base; $CLIENTS clients for $DURATION ($(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo))"

# shellcheck disable=SC2086 # LOADTEST_FLAGS is a list of flags
"$BIN/loadtest" -url "$base" -clients "$CLIENTS" -duration "$DURATION" -report "$DATA/report.json" $LOADTEST_FLAGS
