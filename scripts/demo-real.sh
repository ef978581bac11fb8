#!/usr/bin/env bash
# The demo on real posts: serve the pages of $SHARED/corpus/html on loopback
# (python3's http.server: its folder listings are the crawl's seed), crawl
# them, import the LeetCode lists of the companies they are about (Amazon's
# GeeksforGeeks posts, TCS's Glassdoor reviews), index both as a new version
# of $INDEX, stop the pages' server and serve search in the foreground. The
# Difficulty facet then shows the ratings inferred for the posts' questions
# from the problems they ask, marked "(inferred)".
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
: "${ADDR:=127.0.0.1:8080}" "${SHARED:=../shared}" "${DATA:=data/demo-real}" "${INDEX:=$DATA/index}" "${BIN:=bin}" "${PAGES_PORT:=8791}"

pages="$SHARED/corpus/html"
lists="$SHARED/corpus/datasets/leetcode_company_wise_liquidslr"
for d in "$pages" "$lists/Amazon" "$lists/tcs"; do
	[ -d "$d" ] || { echo "demo-real: $d is missing: this demo needs the shared corpus beside the checkout (SHARED=$SHARED)" >&2; exit 1; }
done
command -v python3 >/dev/null || { echo "demo-real: python3 is needed to serve the pages on loopback (apt-get install python3)" >&2; exit 1; }

mkdir -p "$DATA"
python3 -m http.server "$PAGES_PORT" --bind 127.0.0.1 --directory "$pages" >"$DATA/pages.log" 2>&1 &
pages_pid=$!
trap 'kill "$pages_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
	curl -fsS -o /dev/null "http://127.0.0.1:$PAGES_PORT/" 2>/dev/null && break
	sleep 0.1
done
echo "demo-real: the corpus pages at http://127.0.0.1:$PAGES_PORT/"

rm -rf "$DATA/crawl"
"$BIN/crawler" -seed "http://127.0.0.1:$PAGES_PORT/" -crawl-dir "$DATA/crawl" -out "$DATA/docs.jsonl" -allow-host 127.0.0.1 -delay 0s -per-host 4 -max-pages 10000
kill "$pages_pid" 2>/dev/null || true
trap - EXIT
"$BIN/crawler" import -format leetcode "$lists/Amazon" "$lists/tcs" -out "$DATA/leetcode.jsonl"

"$BIN/indexer" reindex -docs "$DATA/docs.jsonl" -docs "$DATA/leetcode.jsonl" -data "$INDEX" -report "$DATA/index-report.json"

echo "demo-real: search is at http://$ADDR/  (try: curl 'http://$ADDR/api/search?q=zigzag+traversal&type=experience')"
exec "$BIN/searchd" -data "$INDEX" -addr "$ADDR"
