#!/usr/bin/env bash
# The demo pipeline: generate a sample site and serve it on loopback, crawl
# it, index what was crawled as a new version of the index in $INDEX (a data
# directory), stop the site, and serve search in the foreground. searchd
# follows $INDEX: another terminal's `make reindex` or `bin/indexer update
# -docs FILE -data $INDEX` swaps the new version in without a restart. A
# second run crawls again and switches to a new version; the old ones are
# kept for `make rollback`.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
: "${ADDR:=127.0.0.1:8080}" "${POSTS:=500}" "${SEED:=1}" "${DATA:=data/demo}" "${INDEX:=$DATA/index}" "${BIN:=bin}"

mkdir -p "$DATA"
site_log="$DATA/sitegen.log"
"$BIN/sitegen" -posts "$POSTS" -seed "$SEED" -addr 127.0.0.1:0 -truth "$DATA/truth.jsonl" >"$site_log" 2>&1 &
site_pid=$!
trap 'kill "$site_pid" 2>/dev/null || true' EXIT

base=$(served_at "demo: sitegen" "$site_pid" "$site_log" 's/^sitegen: serving .* at \(http[^ ]*\).*/\1/p' 100)
echo "demo: sample site with $POSTS posts at $base"

# The crawl keeps its state and a WARC archive of every page in $DATA/crawl,
# so `make reindex` can extract the pages again with no network. Each demo
# serves a new site (a new port, so new URLs): start the crawl afresh.
rm -rf "$DATA/crawl"
"$BIN/crawler" -seed "$base/experiences" -crawl-dir "$DATA/crawl" -out "$DATA/docs.jsonl" -allow-host 127.0.0.1 -delay 0s -per-host 4 -max-pages 100000
kill "$site_pid" 2>/dev/null || true
trap - EXIT

rm -rf "$DATA/idx" # the single index folder of earlier demos
"$BIN/indexer" reindex -docs "$DATA/docs.jsonl" -data "$INDEX" -report "$DATA/index-report.json"

echo "demo: search is at http://$ADDR/  (try: curl 'http://$ADDR/api/search?q=design&difficulty=Hard')"
exec "$BIN/searchd" -data "$INDEX" -addr "$ADDR"
