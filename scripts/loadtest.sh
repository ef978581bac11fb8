#!/usr/bin/env bash
# make loadtest: a sample index of $POSTS posts (sitegen -docs, indexer),
# searchd serving it on a free loopback port with $SEARCHD_FLAGS, and
# loadtest against it for $DURATION with $CLIENTS clients. Prints the
# report (and writes it as JSON to $DATA/report.json), then searchd's own
# count of the requests and p50/p99 from its latency histogram, scraped
# from /metrics into $DATA/metrics.txt, and stops searchd. searchd logs
# a line per request to $DATA/searchd.log, as in production.
# The exit code is loadtest's: 1 when any request failed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
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

base=$(served_at "loadtest: searchd" "$searchd_pid" "$log" 's/^searchd: serving .* at \(http[^ ]*\)\/$/\1/p' 300)
echo "loadtest: searchd $SEARCHD_FLAGS at $base; $CLIENTS clients for $DURATION ($(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo))"

# shellcheck disable=SC2086 # LOADTEST_FLAGS is a list of flags
status=0
"$BIN/loadtest" -url "$base" -clients "$CLIENTS" -duration "$DURATION" -report "$DATA/report.json" $LOADTEST_FLAGS || status=$?

# searchd's side of the run: its request counter and latency histogram
# (every route and status), the quantiles interpolated within buckets as
# Prometheus's histogram_quantile does.
if curl -fsS "$base/metrics" >"$DATA/metrics.txt"; then
  awk '
    /^askedat_http_requests_total\{/ { requests += $NF }
    /^askedat_searches_total\{/ { match($0, /outcome="[^"]*"/); searches[substr($0, RSTART + 9, RLENGTH - 10)] = $NF }
    /^askedat_http_request_duration_seconds_bucket\{/ {
      match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5)
      bucket[le] += $NF; if (!(le in seen)) { seen[le] = 1; les[++n] = le }
    }
    function quantile(q,   i, j, t, rank, prev, prevle, le) {
      # les in file order are ascending within a series, the same for every series
      t = bucket["+Inf"]; rank = q * t; prev = 0; prevle = 0
      for (i = 1; i <= n; i++) {
        le = les[i]; if (le == "+Inf") return prevle
        if (bucket[le] >= rank) return prevle + (le - prevle) * (rank - prev) / (bucket[le] - prev)
        prev = bucket[le]; prevle = le
      }
      return prevle
    }
    END {
      printf "searchd /metrics: %d requests answered (askedat_http_requests_total); latency p50 %.2f ms, p99 %.1f ms (askedat_http_request_duration_seconds, all routes)\n", requests, 1000 * quantile(0.5), 1000 * quantile(0.99)
      printf "searchd /metrics: searches by outcome:"
      for (o in searches) printf " %s %d", o, searches[o]
      printf "\n"
    }' "$DATA/metrics.txt"
else
  echo "loadtest: could not scrape $base/metrics"
fi
exit "$status"
