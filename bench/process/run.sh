#!/usr/bin/env bash
# wsmon as whole processes, the way a user runs it, against the raw Vert.x client as a process of
# its own (dev.wsmon.bench.RawProcess), both against one `wsmon serve` on 127.0.0.1 (issue 29):
#
#   flood    `wsmon run -c 10 -d 20s --rate 0 --window 64` with 64 B messages vs the raw client's
#            20 s flood, ROUNDS pairs in alternating order: messages_received / elapsed_seconds and
#            user+sys CPU (bash `time`, JVM start-up included) per message received.
#   hold     10 000 held connections with pings: heap used after a full GC (`jcmd GC.run`, then
#            `GC.heap_info`) and RSS of `wsmon run` and of the raw client, plus `jcmd
#            GC.class_histogram` of both (kept in the work directory; its top classes in the JSON).
#   startup  `./wsmon run -c 1 -d 2s ...` STARTS times, with the AppCDS archive and without
#            (WSMON_CDS=0), alternating: wall time from launching ./wsmon to the first ATTEMPT event
#            (its timestamp in --events-jsonl), the process's user+sys CPU for the whole 2 s run,
#            and the same for `./wsmon --version`. (With JAR set, `java $WSMON_JAVA_OPTS -jar $JAR` replaces ./wsmon.)
#
# Usage: bench/process/run.sh [flood] [hold] [startup]   (default: all three)
# Environment: ROUNDS=3 SECONDS_FLOOD=20 CONNECTIONS=10 WINDOW=64 SIZE=64 HOLD_N=10000 HOLD_SECONDS=50 (held before the heap is measured)
#              STARTS=5 JAR=runner/target/wsmon.jar (another build to compare) WSMON_JAVA_OPTS (passed to wsmon's JVM, e.g. to try -XX:TieredStopAtLevel=1)
#              OUT_DIR=bench/results (writes process-flood.json, process-hold.json, process-startup.json)
#              HOLD_KEEP=DIR (hold: copies both sides' GC.heap_info and GC.class_histogram output there)
# Every process started here runs under a deadline and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
MODES="${*:-flood hold startup}"
ROUNDS="${ROUNDS:-3}"
SECONDS_FLOOD="${SECONDS_FLOOD:-20}"
CONNECTIONS="${CONNECTIONS:-10}"
WINDOW="${WINDOW:-64}"
SIZE="${SIZE:-64}"
HOLD_N="${HOLD_N:-10000}"
HOLD_SECONDS="${HOLD_SECONDS:-50}"
STARTS="${STARTS:-5}"
OUT_DIR="${OUT_DIR:-bench/results}"
work="$(mktemp -d "${TMPDIR:-/tmp}/wsmon-process.XXXXXX")"
pids=()
log() { echo "[process $(date -u +%H:%M:%S)] $*" >&2; }
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mvn -B -q -DskipTests -Djacoco.skip=true package dependency:build-classpath -pl bench -am \
  -Dmdep.outputFile=target/classpath.txt
./wsmon --version >/dev/null # the jar is fresh after the package above
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
jar="${JAR:-$root/runner/target/wsmon.jar}"
if [ -n "${JAR:-}" ]; then wsmon=(java ${WSMON_JAVA_OPTS:-} -jar "$JAR"); else wsmon=(./wsmon); fi
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

setsid java -jar "$jar" serve --port 0 --duration 3600s >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
pids+=($server_pid)
url=""
for _ in $(seq 1 240); do
  url="$(grep -m1 -o 'ws://[^ ]*' "$work/serve.out" 2>/dev/null || true)"
  [ -n "$url" ] && break
  sleep 0.25
done
[ -n "$url" ] || { log "the server did not start"; cat "$work/serve.err" >&2; exit 1; }
port="$(echo "$url" | sed -E 's#ws://[^:]+:([0-9]+).*#\1#')"
log "server $url"
payload="$(head -c "$SIZE" /dev/zero | tr '\0' 'x')"
TIMEFORMAT='%U %S %R'

# ---- flood -------------------------------------------------------------------------------------
if [[ " $MODES " == *" flood "* ]]; then
  rows="$work/flood.jsonl"
  : >"$rows"
  for r in $(seq 1 "$ROUNDS"); do
    order="raw wsmon"
    [ $((r % 2)) -eq 0 ] && order="wsmon raw"
    for side in $order; do
      l0="$(loadavg)"
      if [ "$side" = raw ]; then
        { time timeout 300 java -cp "$cp" dev.wsmon.bench.RawProcess flood "$url" connections="$CONNECTIONS" \
          window="$WINDOW" size="$SIZE" seconds="$SECONDS_FLOOD" >"$work/raw.json" 2>"$work/raw.err"; } 2>"$work/time"
        received="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["messages_received"])' "$work/raw.json")"
        elapsed="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["elapsed_seconds"])' "$work/raw.json")"
        sent="$received"
      else
        { time timeout 300 "${wsmon[@]}" run "$url" -c "$CONNECTIONS" -d "${SECONDS_FLOOD}s" --rate 0 --window "$WINDOW" \
          --send "$payload" --export-json "$work/wsmon.json" >"$work/wsmon.out" 2>"$work/wsmon.err"; } 2>"$work/time"
        read -r received elapsed sent < <(python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); print(t["total"]["messages_received"], t["elapsed_seconds"], t["total"]["messages_sent"])' "$work/wsmon.json")
      fi
      read -r user sys real <"$work/time"
      log "round $r $side: $received msgs in $elapsed s, cpu $user+$sys s, wall $real s (load $l0)"
      printf '{"round":%s,"side":"%s","messages_received":%s,"messages_sent":%s,"elapsed_seconds":%s,"user_seconds":%s,"sys_seconds":%s,"wall_seconds":%s,"load_before":"%s","load_after":"%s"}\n' \
        "$r" "$side" "$received" "$sent" "$elapsed" "$user" "$sys" "$real" "$l0" "$(loadavg)" >>"$rows"
    done
  done
  python3 "$root/bench/process/report.py" flood "$rows" "$OUT_DIR/process-flood.json" \
    "connections=$CONNECTIONS window=$WINDOW size=$SIZE seconds=$SECONDS_FLOOD rounds=$ROUNDS java_opts=${WSMON_JAVA_OPTS:-}"
fi

# ---- hold --------------------------------------------------------------------------------------
established() { ss -Htn state established "( dport = :$port )" | wc -l; }
measure_heap() { # pid name: three full GCs, each followed by GC.heap_info (the report takes the least used)
  : >"$work/$2.heapinfo"
  for _ in 1 2 3; do
    timeout 60 jcmd "$1" GC.run >/dev/null 2>&1 || true
    timeout 60 jcmd "$1" GC.heap_info >>"$work/$2.heapinfo" 2>&1 || true
  done
  timeout 120 jcmd "$1" GC.class_histogram >"$work/$2.histo" 2>&1 || true
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" >"$work/$2.rss" 2>/dev/null || true
  uptime >"$work/$2.load"
}
wait_gone() {
  for _ in $(seq 1 600); do
    [ "$(established)" -eq 0 ] && return 0
    sleep 0.5
  done
}
if [[ " $MODES " == *" hold "* ]]; then
  # raw
  log "hold: raw client, $HOLD_N connections"
  setsid timeout 900 java -cp "$cp" dev.wsmon.bench.RawProcess hold "$url" connections="$HOLD_N" rate=2000 \
    ping=10 seconds="$((HOLD_SECONDS + 10))" >"$work/rawhold.out" 2>"$work/rawhold.err" &
  p=$!
  pids+=($p)
  for _ in $(seq 1 1200); do grep -q '^held' "$work/rawhold.out" 2>/dev/null && break; sleep 0.25; done
  sleep "$HOLD_SECONDS"
  jp="$(pgrep -P "$p" java || echo "$p")"
  measure_heap "$jp" raw
  wait "$p" || true
  wait_gone
  # wsmon
  ramp=$(((HOLD_N + 1999) / 2000))
  log "hold: wsmon run, $HOLD_N connections"
  setsid timeout 900 java ${WSMON_JAVA_OPTS:-} -jar "$jar" run "$url" -c "$HOLD_N" --ramp-up "${ramp}s" \
    --ping-interval 10s -d 800s --quiet >"$work/wsmonhold.out" 2>"$work/wsmonhold.err" &
  p=$!
  pids+=($p)
  for _ in $(seq 1 1200); do
    [ "$(established)" -ge "$HOLD_N" ] && break
    kill -0 "$p" 2>/dev/null || { log "wsmon run ended early"; cat "$work/wsmonhold.err" >&2; exit 1; }
    sleep 0.5
  done
  sleep "$HOLD_SECONDS"
  jp="$(pgrep -P "$p" java || echo "$p")"
  measure_heap "$jp" wsmon
  kill -TERM "$jp" # as Ctrl-C: the run ends gracefully
  wait "$p" || true
  if [ -n "${HOLD_KEEP:-}" ]; then
    mkdir -p "$HOLD_KEEP"
    cp "$work"/raw.heapinfo "$work"/raw.histo "$work"/wsmon.heapinfo "$work"/wsmon.histo "$HOLD_KEEP"/
  fi
  python3 "$root/bench/process/report.py" hold "$work" "$OUT_DIR/process-hold.json" "connections=$HOLD_N"
fi

# ---- startup -----------------------------------------------------------------------------------
if [[ " $MODES " == *" startup "* ]]; then
  rows="$work/startup.jsonl"
  : >"$rows"
  for r in $(seq 1 "$STARTS"); do
    for cds in 1 0; do
      [ -z "${JAR:-}" ] || [ "$cds" = 1 ] || continue # the CDS archive is made by ./wsmon only
      rm -f "$work/events.jsonl"
      l0="$(loadavg)"
      t0="$(date +%s.%N)"
      { time WSMON_CDS=$cds "${wsmon[@]}" run "$url" -c 1 -d 2s --send hi --rate 10 --events-jsonl "$work/events.jsonl" \
        --quiet >/dev/null 2>"$work/start.err"; } 2>"$work/time"
      read -r user sys real <"$work/time"
      { time WSMON_CDS=$cds "${wsmon[@]}" --version >/dev/null; } 2>"$work/vtime"
      read -r vuser vsys vreal <"$work/vtime"
      first="$(python3 -c '
import json, sys
from datetime import datetime
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("type") == "ATTEMPT":
        print(datetime.fromisoformat(e["timestamp"].replace("Z", "+00:00")).timestamp()); break
' "$work/events.jsonl")"
      printf '{"start":%s,"cds":%s,"to_first_attempt_seconds":%s,"run_user_seconds":%s,"run_sys_seconds":%s,"run_wall_seconds":%s,"version_user_seconds":%s,"version_sys_seconds":%s,"version_wall_seconds":%s,"load_before":"%s"}\n' \
        "$r" "$([ -z "${JAR:-}" ] && [ "$cds" = 1 ] && echo true || echo false)" \
        "$(awk -v a="$first" -v b="$t0" 'BEGIN { printf "%.3f", a - b }')" "$user" "$sys" "$real" \
        "$vuser" "$vsys" "$vreal" "$l0" >>"$rows"
      tail -n 1 "$rows" >&2
    done
  done
  python3 "$root/bench/process/report.py" startup "$rows" "$OUT_DIR/process-startup.json" \
    "starts=$STARTS java_opts=${WSMON_JAVA_OPTS:-}"
fi
