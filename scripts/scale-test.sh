#!/usr/bin/env bash
# make scale-test: askedat past one machine, all on loopback. One nats-server
# (deploy/nats-server.conf; NATS_NODES=3: a cluster of three, JetStream
# replicating each bucket to all three), $REPLICAS searchd replicas that start on empty
# data directories and follow it (searchd -follow), HAProxy in front of them
# (deploy/haproxy.cfg, with the bind and server addresses rewritten), and
# loadtest sending its normal mix through HAProxy for $DURATION while:
#
#   1. a reindex of the demo's generated corpus publishes a new version
#      (indexer reindex -publish), timed from the moment the key is set to
#      the moment each replica's /readyz names the new version;
#   2. one replica is killed with kill -9 and started again;
#   3. the nats-server (in a cluster: the first node) is restarted;
#   4. a second reindex publishes again, timed the same way (the replicas
#      must have reconnected to take it).
#
# Then it reports the requests, the failures, p50/p99 through HAProxy, and
# each replica's version and document count. It fails when any request
# failed, when a replica did not take a version within $PUBLISH_TIMEOUT, or
# when the replicas do not end on the same version and document count as the
# publisher. It installs what it needs: haproxy and jq with apt-get, and
# nats-server with go install. Everything it starts it stops; the logs stay
# in $DATA.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
: "${POSTS:=500}" "${SEED:=1}" "${DATA:=data/scale}" "${BIN:=bin}" "${GO:=go}"
: "${DURATION:=2m}" "${CLIENTS:=4}" "${REPLICAS:=3}" "${PUBLISH_TIMEOUT:=60}" "${NATS_NODES:=1}"
NATS_VERSION=v2.15.3
root=$(cd "$(dirname "$0")/.." && pwd)

# seconds converts a duration (90, 90s, 2m, 1m30s) to seconds.
seconds() {
  local d=$1 total=0
  [[ $d =~ ^[0-9]+$ ]] && { echo "$d"; return; }
  [[ $d =~ ^(([0-9]+)m)?(([0-9]+)s)?$ ]] || { echo "scale-test: DURATION=$d: want seconds, or a duration such as 2m, 90s, 1m30s" >&2; exit 2; }
  total=$(( ${BASH_REMATCH[2]:-0} * 60 + ${BASH_REMATCH[4]:-0} ))
  echo "$total"
}
dur=$(seconds "$DURATION")
[ "$dur" -ge 20 ] || { echo "scale-test: DURATION=$DURATION is too short for the events (20s at least; 60s makes a quick run)" >&2; exit 2; }

# --- what it needs ----------------------------------------------------------
need=()
command -v haproxy >/dev/null || need+=(haproxy)
command -v jq >/dev/null || need+=(jq)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "scale-test: installing ${need[*]} (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
gobin=$($GO env GOBIN); [ -n "$gobin" ] || gobin="$($GO env GOPATH | cut -d: -f1)/bin"
nats_server=${NATS_SERVER:-$(command -v nats-server || echo "$gobin/nats-server")}
if [ ! -x "$nats_server" ]; then
  echo "scale-test: installing nats-server $NATS_VERSION (go install)"
  $GO install "github.com/nats-io/nats-server/v2@$NATS_VERSION"
  nats_server="$gobin/nats-server"
fi

# --- helpers ----------------------------------------------------------------
ports=()
# free_port prints a loopback port nothing listens on, not handed out before.
free_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 30000))
    [[ " ${ports[*]:-} " == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      ports+=("$p")
      echo "$p"
      return
    fi
  done
  echo "scale-test: no free port found" >&2
  exit 1
}
now() { date +%s.%N; }
# since T prints the seconds from T to now, to the millisecond.
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

pids=()
cleanup() {
  local status=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  exit "$status"
}
trap cleanup EXIT

rm -rf "$DATA"
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
declare -a nats_port nats_mon nats_route nats_pid
for n in $(seq "$NATS_NODES"); do nats_port[n]=$(free_port); nats_mon[n]=$(free_port); nats_route[n]=$(free_port); done
lb_port=$(free_port)
stats_port=$(free_port)
NATS_URL=""
routes=""
for n in $(seq "$NATS_NODES"); do
  NATS_URL+="${NATS_URL:+,}nats://127.0.0.1:${nats_port[n]}"
  routes+="${routes:+,}nats-route://127.0.0.1:${nats_route[n]}"
done
declare -a rport rpid
for i in $(seq "$REPLICAS"); do rport[i]=$(free_port); done

# The committed configuration, with each node's store in $DATA (the flags
# -a, -p and -m override its addresses; -sd may not override store_dir).
# With NATS_NODES=3 the nodes form a cluster on loopback, as the
# configuration's cluster block would (--cluster, --routes).
for n in $(seq "$NATS_NODES"); do
  sed "s|^\( *store_dir:\).*|\1 $DATA/nats$n|" "$root/deploy/nats-server.conf" >"$DATA/nats$n.conf"
done
# start_nats N starts node N and waits until its JetStream is healthy.
start_nats() {
  local n=$1 cluster=()
  [ "$NATS_NODES" -gt 1 ] && cluster=(--cluster_name askedat --cluster "nats://127.0.0.1:${nats_route[n]}" --routes "$routes")
  "$nats_server" -c "$DATA/nats$n.conf" -a 127.0.0.1 -p "${nats_port[n]}" -m "${nats_mon[n]}" -n "scale-nats$n" "${cluster[@]}" >>"$DATA/nats$n.log" 2>&1 &
  nats_pid[n]=$!
  pids+=("${nats_pid[n]}")
}
wait_nats() {
  local n=$1
  for _ in $(seq 600); do
    curl -fsS "http://127.0.0.1:${nats_mon[n]}/healthz?js-enabled-only=true" >/dev/null 2>&1 && return
    kill -0 "${nats_pid[n]}" 2>/dev/null || { cat "$DATA/nats$n.log" >&2; echo "scale-test: nats-server $n exited" >&2; exit 1; }
    sleep 0.1
  done
  cat "$DATA/nats$n.log" >&2
  echo "scale-test: nats-server $n did not become healthy in 60s" >&2
  exit 1
}

start_replica() {
  local i=$1
  "$BIN/searchd" -data "$DATA/replica$i" -addr "127.0.0.1:${rport[i]}" -follow "$NATS_URL" -follow-keep 1 \
    -cache-size 0 -max-searches 8 -max-searches-per-client 8 >>"$DATA/replica$i.log" 2>&1 &
  rpid[i]=$!
  pids+=("${rpid[i]}")
}

# readyz I prints replica I's "version documents", or nothing when it does not answer.
readyz() {
  curl -fsS --max-time 2 "http://127.0.0.1:${rport[$1]}/readyz" 2>/dev/null | jq -r '"\(.version) \(.documents)"' 2>/dev/null || true
}
version_of() { local r; r=$(readyz "$1"); echo "${r%% *}"; }

# wait_ready I waits until replica I answers /readyz 200.
wait_ready() {
  local i=$1
  for _ in $(seq 600); do
    [ -n "$(version_of "$i")" ] && return
    kill -0 "${rpid[i]}" 2>/dev/null || { tail -20 "$DATA/replica$i.log" >&2; echo "scale-test: replica $i exited" >&2; exit 1; }
    sleep 0.1
  done
  tail -20 "$DATA/replica$i.log" >&2
  echo "scale-test: replica $i did not become ready in 60s" >&2
  exit 1
}

# lb_status NAME prints HAProxy's status of server NAME (UP, DOWN, …).
lb_status() { curl -fsS "http://127.0.0.1:$stats_port/;csv" 2>/dev/null | awk -F, -v s="$1" '$1 == "searchd" && $2 == s { print $18 }'; }
# lb_backend FIELD prints a column of the searchd backend's row (wretr, wredis, …).
lb_backend() {
  curl -fsS "http://127.0.0.1:$stats_port/;csv" 2>/dev/null | awk -F, -v f="$1" '
    NR == 1 { for (i = 1; i <= NF; i++) { n = $i; sub(/^# /, "", n); col[n] = i } }
    $1 == "searchd" && $2 == "BACKEND" { print $col[f] }'
}

results=()
report() { echo "  $*"; results+=("$*"); }
failed=0

# publish NAME LABEL reindexes the corpus into the publisher's data directory and
# publishes it, then times each replica from the key being set to its
# /readyz naming the new version.
publish() {
  local label=$2 log="$DATA/indexer-$1.log" old ipid istatus=0 i v start new keyset tkey slowest=0 line
  old=$(cat "$DATA/publisher/current")
  declare -A seen=()
  start=$(now)
  "$BIN/indexer" reindex -docs "$DATA/docs.jsonl" -data "$DATA/publisher" -keep 2 -publish "$NATS_URL" >"$log" 2>&1 &
  ipid=$!
  while :; do
    for i in $(seq "$REPLICAS"); do
      if [ -z "${seen[$i]:-}" ]; then
        v=$(version_of "$i")
        if [ -n "$v" ] && [ "$v" != "$old" ]; then seen[$i]=$(now); fi
      fi
    done
    if [ -n "$ipid" ] && ! kill -0 "$ipid" 2>/dev/null; then
      wait "$ipid" || istatus=$?
      ipid=""
      if [ "$istatus" -ne 0 ]; then cat "$log" >&2; echo "scale-test: the reindex ($label) failed" >&2; exit 1; fi
    fi
    [ -z "$ipid" ] && [ "${#seen[@]}" -eq "$REPLICAS" ] && break
    if awk -v a="$(since "$start")" -v b="$PUBLISH_TIMEOUT" 'BEGIN { exit !(a > b) }'; then
      echo "scale-test: after ${PUBLISH_TIMEOUT}s only ${#seen[@]} of $REPLICAS replicas serve the version of $label" >&2
      failed=1
      break
    fi
    sleep 0.05
  done
  new=$(cat "$DATA/publisher/current")
  keyset=$(sed -n 's/^time=\([^ ]*\) .*msg="publish: key set".*/\1/p' "$log" | tail -1)
  tkey=$(date -d "$keyset" +%s.%N)
  line="$label: version $new (reindex and publish $(elapsed "$start" "$tkey")s); key set -> serving:"
  for i in $(seq "$REPLICAS"); do
    v=$(version_of "$i")
    if [ "$v" != "$new" ]; then
      echo "scale-test: replica $i serves $v after $label, want $new" >&2
      failed=1
    fi
    if [ -n "${seen[$i]:-}" ]; then
      d=$(elapsed "$tkey" "${seen[$i]}")
      line+=" replica$i ${d}s"
      slowest=$(awk -v a="$slowest" -v b="$d" 'BEGIN { print (b > a) ? b : a }')
    else
      line+=" replica$i never"
    fi
  done
  report "$line; every replica in ${slowest}s"
  publish_times+=("$slowest")
}
publish_times=()

# --- the corpus, the first version, the servers --------------------------------
cpus=$(nproc)
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)
echo "scale-test: $POSTS posts (seed $SEED), $REPLICAS replicas, $CLIENTS clients for ${dur}s ($cpus CPUs, $mem); logs in $DATA"
"$BIN/sitegen" -docs "$DATA/docs.jsonl" -posts "$POSTS" -seed "$SEED"
for n in $(seq "$NATS_NODES"); do start_nats "$n"; done
for n in $(seq "$NATS_NODES"); do wait_nats "$n"; done
echo "scale-test: $NATS_NODES $("$nats_server" --version) at $NATS_URL, JetStream in $DATA/nats*"
"$BIN/indexer" reindex -docs "$DATA/docs.jsonl" -data "$DATA/publisher" -keep 2 -publish "$NATS_URL" >"$DATA/indexer-first.log" 2>&1 ||
  { cat "$DATA/indexer-first.log" >&2; echo "scale-test: the first reindex failed" >&2; exit 1; }
first=$(cat "$DATA/publisher/current")
docs=$(jq -r .documents "$DATA/publisher/versions/$first/version.json")
echo "scale-test: version $first published ($docs documents)"

t=$(now)
for i in $(seq "$REPLICAS"); do start_replica "$i"; done
for i in $(seq "$REPLICAS"); do wait_ready "$i"; done
report "start: $REPLICAS replicas on empty data directories downloaded and served version $first in $(since "$t")s"

cfg="$DATA/haproxy.cfg"
servers=""
for i in $(seq "$REPLICAS"); do servers+="    server search$i 127.0.0.1:${rport[i]}\n"; done
awk -v lb="127.0.0.1:$lb_port" -v stats="127.0.0.1:$stats_port" -v servers="$servers" '
  /^frontend / { sec = "frontend" } /^listen stats/ { sec = "stats" } /^backend / { sec = "backend" }
  /^ *bind / { print "    bind " (sec == "stats" ? stats : lb); next }
  /^ *server search/ { if (!done) { printf "%s", servers; done = 1 }; next }
  { print }' "$root/deploy/haproxy.cfg" >"$cfg"
haproxy -c -q -f "$cfg"
haproxy -db -f "$cfg" >>"$DATA/haproxy.log" 2>&1 &
lb_pid=$!
pids+=("$lb_pid")
for _ in $(seq 100); do
  up=0
  for i in $(seq "$REPLICAS"); do [ "$(lb_status "search$i")" = UP ] && up=$((up + 1)); done
  [ "$up" -eq "$REPLICAS" ] && break
  sleep 0.1
done
[ "$up" -eq "$REPLICAS" ] || { cat "$DATA/haproxy.log" >&2; echo "scale-test: HAProxy sees $up of $REPLICAS replicas up" >&2; exit 1; }
echo "scale-test: $(haproxy -v | head -1 | cut -d' ' -f1-3) at http://127.0.0.1:$lb_port/ in front of $REPLICAS replicas, all UP"

# --- the load, and the events under it -----------------------------------------
"$BIN/loadtest" -url "http://127.0.0.1:$lb_port" -clients "$CLIENTS" -duration "${dur}s" -max-errors 0 -report "$DATA/report.json" >"$DATA/loadtest.txt" 2>&1 &
load_pid=$!
pids+=("$load_pid")
t0=$(now)
# at F waits until F of the run has passed.
at() {
  local wait
  wait=$(awk -v f="$1" -v d="$dur" -v t="$(since "$t0")" 'BEGIN { w = f * d - t; printf "%.3f", (w > 0 ? w : 0) }')
  sleep "$wait"
  kill -0 "$load_pid" 2>/dev/null || { echo "scale-test: the load ended before the events did (DURATION=$DURATION is too short)" >&2; exit 1; }
}
echo "scale-test: load started through HAProxy; events:"

at 0.12
publish publish1 "publish 1"

at 0.38
victim=$(( (REPLICAS + 1) / 2 ))
kill -9 "${rpid[victim]}"
wait "${rpid[victim]}" 2>/dev/null || true
tk=$(now)
sleep 2
start_replica "$victim"
wait_ready "$victim"
back=$(since "$tk")
for _ in $(seq 200); do [ "$(lb_status "search$victim")" = UP ] && break; sleep 0.1; done
report "kill -9 of replica$victim at $(elapsed "$t0" "$tk")s into the load; started again 2s later; serving ${back}s after the kill, in HAProxy's rotation $(since "$tk")s after"

at 0.58
tn=$(now)
kill -TERM "${nats_pid[1]}"
wait "${nats_pid[1]}" 2>/dev/null || true
start_nats 1
wait_nats 1
report "nats-server$([ "$NATS_NODES" -gt 1 ] && echo " 1 of $NATS_NODES") restarted at $(elapsed "$t0" "$tn")s into the load; healthy again $(since "$tn")s later"

at 0.70
publish publish2 "publish 2 (after the nats-server restart)"

events_done=$(since "$t0")
load_status=0
wait "$load_pid" || load_status=$?

# --- the report -------------------------------------------------------------------
cat "$DATA/loadtest.txt"
rep="$DATA/report.json"
[ -s "$rep" ] || { echo "scale-test: loadtest wrote no report (exit $load_status)" >&2; exit 1; }
requests=$(jq .requests "$rep")
failures=$(jq '.http_errors + .transport_errors' "$rep")
retries=$(lb_backend wretr)
redispatches=$(lb_backend wredis)
echo
echo "scale-test report ($REPLICAS replicas behind HAProxy, $NATS_NODES nats-server, $POSTS posts = $docs documents, $CLIENTS clients for ${dur}s, $cpus CPUs shared by everything; events done at ${events_done}s):"
report "load through HAProxy: $requests requests, $failures failures ($(jq .http_errors "$rep") non-2xx, $(jq .transport_errors "$rep") transport); $(jq .throughput "$rep") req/s; latency p50 $(jq .latency_ms.p50 "$rep") ms, p99 $(jq .latency_ms.p99 "$rep") ms, max $(jq .latency_ms.max "$rep") ms; HAProxy: $retries retries, $redispatches redispatches to another replica (stats wretr, wredis)"
final=$(cat "$DATA/publisher/current")
final_docs=$(jq -r .documents "$DATA/publisher/versions/$final/version.json")
line="end: publisher current $final ($final_docs documents);"
for i in $(seq "$REPLICAS"); do
  r=$(readyz "$i")
  line+=" replica$i ${r:-down}"
  [ "$r" = "$final $final_docs" ] || failed=1
done
report "$line"
if [ "$failures" -ne 0 ]; then
  echo "scale-test: FAIL: $failures requests failed through HAProxy" >&2
  jq -r '.error_samples[]?' "$rep" >&2
  failed=1
fi
{
  echo "scale-test $(date -u +%FT%TZ): $REPLICAS replicas, $POSTS posts ($docs documents), $CLIENTS clients, ${dur}s, $cpus CPUs"
  printf '%s\n' "${results[@]}"
} >"$DATA/scale-report.txt"
if [ "$failed" -ne 0 ]; then
  echo "scale-test: FAIL (the replicas disagree, a version did not reach them, or requests failed; logs in $DATA)" >&2
  exit 1
fi
echo "scale-test: PASS: 0 failures; every replica on version $final with $final_docs documents; publish to every replica serving in ${publish_times[*]} s"
