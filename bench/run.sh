#!/usr/bin/env bash
# bench/run.sh: the benchmark of askedat beside PostgreSQL FTS, SQLite FTS5 and
# Sphinx, end to end. Called by "make bench" and "make bench-smoke".
#
#   bench/run.sh          corpora of about 100k and 1M questions, all engines,
#                         1, 2 and 8 clients; writes bench/results/ (tens of minutes)
#   bench/run.sh smoke    about 2,000 questions, the whole mix once, 1 and 2
#                         clients; writes data/bench-smoke/results/ (a few minutes).
#                         Checks the harness: fails if an engine fails a query or
#                         the engines disagree on a filter-only query.
#
# Environment (optional):
#   BENCH_SIZES="100k:8000 1m:80000"  label:posts pairs (a post has ~12.5 questions)
#   BENCH_ENGINES="askedat sphinx sqlite postgres"
#   BENCH_CLIENTS=1,2,8  BENCH_PASSES=5  BENCH_MAX_PHASE=3m  BENCH_LIMIT=0 (queries per class, 0: all)
#   BENCH_WORK=data/bench    corpora, indexes, logs and binaries
#   BENCH_OUT=bench/results  result JSON, REPORT.md and charts
#   BENCH_SEED=1             the corpus seed
#   ASKEDAT_SEARCHD_ARGS="-cache-size 0"  searchd's flags for askedat's headline numbers: no result cache
#   BENCH_CACHED=1           also run askedat's index as "askedat-cache": searchd with its result
#                            cache on (ASKEDAT_CACHED_ARGS, default none), on the same mix, in
#                            which every query repeats once per pass; 0 skips it
#
# Needs Go, and installs the Debian packages postgresql, sqlite3 and
# sphinxsearch when they are missing (as root, with apt-get).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODE=${1:-full}
case "$MODE" in
full)
	SIZES=${BENCH_SIZES:-"100k:8000 1m:80000"}
	CLIENTS=${BENCH_CLIENTS:-1,2,8}
	PASSES=${BENCH_PASSES:-5}
	MAX_PHASE=${BENCH_MAX_PHASE:-3m}
	LIMIT=${BENCH_LIMIT:-0}
	WORK=${BENCH_WORK:-$ROOT/data/bench}
	OUT=${BENCH_OUT:-$ROOT/bench/results}
	;;
smoke)
	SIZES=${BENCH_SIZES:-"2k:160"}
	CLIENTS=${BENCH_CLIENTS:-1,2}
	PASSES=${BENCH_PASSES:-1}
	MAX_PHASE=${BENCH_MAX_PHASE:-30s}
	LIMIT=${BENCH_LIMIT:-0}
	WORK=${BENCH_WORK:-$ROOT/data/bench-smoke}
	OUT=${BENCH_OUT:-$WORK/results}
	;;
*)
	echo "usage: bench/run.sh [full|smoke]" >&2
	exit 2
	;;
esac
ENGINES=${BENCH_ENGINES:-"askedat sphinx sqlite postgres"}
SEARCHD_ARGS=${ASKEDAT_SEARCHD_ARGS--cache-size 0}
CACHED=${BENCH_CACHED:-1}
SEED=${BENCH_SEED:-1}
BIN=$WORK/bin
START=$(date +%s)
mkdir -p "$WORK"

say() { printf '[bench %4ds] %s\n' $(($(date +%s) - START)) "$*"; }

# Debian packages of the peers.
need=()
for e in $ENGINES; do
	case $e in
	postgres) dpkg -s postgresql >/dev/null 2>&1 || need+=(postgresql) ;;
	sqlite) dpkg -s sqlite3 >/dev/null 2>&1 || need+=(sqlite3) ;;
	sphinx) dpkg -s sphinxsearch >/dev/null 2>&1 || need+=(sphinxsearch) ;;
	esac
done
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "bench: missing Debian packages: ${need[*]}; install them as root (apt-get install ${need[*]})" >&2
		exit 1
	fi
	say "installing ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null
	apt-get install -y -q --no-install-recommends "${need[@]}" >"$WORK.apt.log" 2>&1 || {
		cat "$WORK.apt.log" >&2
		exit 1
	}
fi

say "building askedat (indexer, searchd, sitegen) and benchrun into $BIN"
mkdir -p "$BIN" "$OUT"
(cd "$ROOT" && go build -o "$BIN/" ./indexer ./searchd ./sitegen)
(cd "$ROOT/bench" && go build -o "$BIN/" ./cmd/benchrun)

failed=()
dirs=()
for size in $SIZES; do
	label=${size%%:*}
	posts=${size##*:}
	dir=$WORK/$label
	res=$OUT/$label
	mkdir -p "$dir" "$res"
	rm -f "$res"/build-*.json "$res"/run-*.json
	dirs+=("$res")
	say "$label: generating $posts posts (seed $SEED)"
	"$BIN/sitegen" -docs "$dir/corpus.jsonl" -posts "$posts" -seed "$SEED"
	for e in $ENGINES; do
		log=$dir/$e.log
		: >"$log"
		say "$label: $e: building (its output: $log)"
		if ! "$BIN/benchrun" build -engine "$e" -bin "$BIN" -log "$log" \
			-docs "$dir/corpus.jsonl" -dir "$dir/$e" -out "$res/build-$e.json"; then
			failed+=("$label $e build")
			continue
		fi
		say "$label: $e: running the mix"
		if ! "$BIN/benchrun" run -engine "$e" -bin "$BIN" -log "$log" -searchd-args "$SEARCHD_ARGS" \
			-dir "$dir/$e" -queries "$ROOT/bench/queries.txt" -label "$label" -limit "$LIMIT" \
			-clients "$CLIENTS" -passes "$PASSES" -max-phase "$MAX_PHASE" -strict -out "$res/run-$e.json"; then
			failed+=("$label $e run")
		fi
		if [ "$e" = askedat ] && [ "$CACHED" = 1 ]; then
			say "$label: askedat-cache: running the mix with searchd's result cache on"
			if ! "$BIN/benchrun" run -engine askedat-cache -bin "$BIN" -log "$log" -searchd-args "${ASKEDAT_CACHED_ARGS:-}" \
				-dir "$dir/$e" -queries "$ROOT/bench/queries.txt" -label "$label" -limit "$LIMIT" \
				-clients "$CLIENTS" -passes "$PASSES" -max-phase "$MAX_PHASE" -strict -out "$res/run-askedat-cache.json"; then
				failed+=("$label askedat-cache run")
			fi
		fi
	done
done

say "writing the report"
if ! "$BIN/benchrun" report -strict -out "$OUT/REPORT.md" \
	-note "Run by bench/run.sh $MODE in $(($(date +%s) - START)) s: sizes $SIZES; engines $ENGINES; clients $CLIENTS; $PASSES passes; at most $MAX_PHASE per number of clients; askedat's searchd flags: '$SEARCHD_ARGS'. askedat-cache is askedat's index served with searchd's result cache on ('${ASKEDAT_CACHED_ARGS:-}'), on the same mix, where every query repeats once per pass: a best case for a cache, not a headline number." \
	"${dirs[@]}"; then
	failed+=("report: engines failed or disagree")
fi
say "report: $OUT/REPORT.md"
if [ ${#failed[@]} -gt 0 ]; then
	say "FAILED: ${failed[*]}"
	exit 1
fi
say "done"
