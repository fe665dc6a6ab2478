#!/usr/bin/env bash
# Peer comparison for held WebSocket connections (issue 12): wsmon run, Artillery and Tsung each hold
# N WebSocket connections (default 200 and 2000) against one testkit echo server on 127.0.0.1, and we
# sum the resident set (VmRSS) of the tool's processes once every connection is established.
# Writes bench/results/peers.json and the <!-- peers:begin --> ... <!-- peers:end --> section of
# docs/benchmarks.md. Installs Artillery (npm, into bench/peers/.node/, gitignored) and Tsung
# (apt-get) when missing; a tool that cannot be installed is recorded as "not installed: <reason>".
#
# Environment: SIZES="200 2000" HOLD=30 (seconds each tool keeps its connections) RAMP=5 (seconds
# to open them) SETTLE=3 (seconds after the last connection before measuring)
# TOOLS="wsmon wsmon-xmx artillery tsung" (wsmon-xmx: wsmon run again with WSMON_JAVA_OPTS=-Xmx$WSMON_XMX,
# default 192m, the smallest heap its preflight accepts for 2000 connections: 96 MB + 32 KB each).
# Every run is bounded (timeout) and everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"

SIZES="${SIZES:-200 2000}"
HOLD="${HOLD:-30}"
RAMP="${RAMP:-5}"
SETTLE="${SETTLE:-3}"
TOOLS="${TOOLS:-wsmon wsmon-xmx artillery tsung}"
WSMON_XMX="${WSMON_XMX:-192m}"
NODE_DIR="$root/bench/peers/.node"
work="$(mktemp -d "${TMPDIR:-/tmp}/wsmon-peers.XXXXXX")"
rows="$work/rows.jsonl"
: >"$rows"
server_pid=""
tool_pid=""

cleanup() {
  for p in "$tool_pid" "$server_pid"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
      kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT

log() { echo "[peers $(date -u +%H:%M:%S)] $*" >&2; }

ulimit -n 20000 2>/dev/null || log "could not raise ulimit -n to 20000 (now $(ulimit -n))"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

# ---- installs (each optional) -------------------------------------------------------------------
artillery_status="installed"
artillery_bin="$NODE_DIR/node_modules/.bin/artillery"
if [[ " $TOOLS " == *" artillery "* ]] && [ ! -x "$artillery_bin" ]; then
  log "installing Artillery into $NODE_DIR (npm) ..."
  mkdir -p "$NODE_DIR"
  if ! command -v npm >/dev/null 2>&1; then
    artillery_status="not installed: npm not found"
  elif ! (cd "$NODE_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 600 \
      npm install --prefix . --no-audit --no-fund artillery >"$work/npm.log" 2>&1); then
    artillery_status="not installed: npm install artillery failed ($(tail -n 1 "$work/npm.log"))"
  fi
fi
[ -x "$artillery_bin" ] || [[ "$artillery_status" == not* ]] || artillery_status="not installed: no $artillery_bin"

tsung_status="installed"
if [[ " $TOOLS " == *" tsung "* ]] && ! command -v tsung >/dev/null 2>&1; then
  log "installing Tsung (apt-get install -y tsung) ..."
  if ! command -v apt-get >/dev/null 2>&1; then
    tsung_status="not installed: apt-get not found"
  elif ! DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y tsung >"$work/apt.log" 2>&1; then
    tsung_status="not installed: apt-get install -y tsung failed ($(tail -n 1 "$work/apt.log"))"
  fi
fi
command -v tsung >/dev/null 2>&1 || [[ "$tsung_status" == not* ]] || tsung_status="not installed: no tsung on PATH"

# ---- echo server ----------------------------------------------------------------------------------
log "starting the echo server (./wsmon serve --port 0) ..."
setsid ./wsmon serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 600); do  # the first call may build the jar
  url="$(grep -m1 -o 'ws://[^ ]*' "$work/serve.out" 2>/dev/null || true)"
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { log "the echo server did not print its URL"; exit 1; }
port="$(echo "$url" | sed -E 's#ws://[^:]+:([0-9]+).*#\1#')"
log "echo server at $url (port $port)"

established() { ss -Htn state established "( dport = :$port )" | wc -l; }

# Sum of VmRSS (KB) over the processes of session $1 (the tool and all it started).
session_rss_kb() {
  local sid="$1" total=0 pid rss
  # (the `timeout` wrapper that bounds each run is ours, not the tool's: left out)
  for pid in $(ps -e -o pid=,sid=,comm= | awk -v s="$sid" '$2 == s && $3 != "timeout" { print $1 }'); do
    rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
    total=$((total + ${rss:-0}))
  done
  echo "$total"
}
session_procs() {
  ps -e -o sid=,pid=,comm= | awk -v s="$1" '$1 == s && $3 != "timeout" { printf "%s%s(%s)", sep, $3, $2; sep = " " }'
}

# run_tool TOOL N COMMAND...: starts COMMAND in its own session, waits until N client connections
# to the echo server are established, measures, then waits for the tool to stop (bounded).
run_tool() {
  local tool="$1" n="$2"
  shift 2
  local out="$work/$tool-$n.out" t0 t_all="" rss=0 procs="" reached=0 rc=0 deadline heap="" rss_gc="" jpid
  log "$tool: holding $n connections: $*"
  t0="$(date +%s.%N)"
  setsid "$@" >"$out" 2>&1 &
  tool_pid=$!
  deadline=$((SECONDS + RAMP + 60))
  while [ "$SECONDS" -lt "$deadline" ] && kill -0 "$tool_pid" 2>/dev/null; do
    reached="$(established)"
    if [ "$reached" -ge "$n" ]; then
      t_all="$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')"
      break
    fi
    sleep 0.2
  done
  if [ -n "$t_all" ]; then
    sleep "$SETTLE"
    reached="$(established)"
    rss="$(session_rss_kb "$tool_pid")"
    procs="$(session_procs "$tool_pid")"
    log "$tool: $reached established, RSS $rss KB over: $procs"
    # a JVM (wsmon): also its heap after a full GC (jcmd GC.run, then GC.heap_info's "used") and the RSS then
    jpid="$(ps -e -o pid=,sid=,comm= | awk -v s="$tool_pid" '$2 == s && $3 == "java" { print $1; exit }')"
    if [ -n "$jpid" ] && command -v jcmd >/dev/null 2>&1; then
      timeout 20 jcmd "$jpid" GC.run >/dev/null 2>&1 || true
      heap="$(timeout 20 jcmd "$jpid" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -n 1 | tr -dc 0-9 || true)"
      rss_gc="$(session_rss_kb "$tool_pid")"
      log "$tool: heap after full GC ${heap:-?} KB, RSS then $rss_gc KB"
    fi
  else
    log "$tool: only $reached of $n connections established"
  fi
  # let it finish by itself, bounded
  deadline=$((SECONDS + HOLD + RAMP + 60))
  while kill -0 "$tool_pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
  if kill -0 "$tool_pid" 2>/dev/null; then
    log "$tool: still running after its deadline, stopping it"
    kill -TERM -- "-$tool_pid" 2>/dev/null || true
    sleep 3
    kill -KILL -- "-$tool_pid" 2>/dev/null || true
  fi
  wait "$tool_pid" 2>/dev/null || rc=$?
  tool_pid=""
  # wait until the connections are gone so the next run starts from zero
  for _ in $(seq 1 100); do [ "$(established)" -eq 0 ] && break; sleep 0.2; done
  python3 - "$tool" "$n" "$reached" "$rss" "${t_all:-}" "$rc" "$procs" "$out" "$*" "$heap" "$rss_gc" \
    >>"$rows" <<'EOF'
import json, sys
tool, n, reached, rss, t_all, rc, procs, out, cmd, heap, rss_gc = sys.argv[1:]
text = open(out, errors="replace").read()
print(json.dumps({"tool": tool, "connections": int(n), "established": int(reached),
    "rss_kb": int(rss), "seconds_to_all_established": float(t_all) if t_all else None,
    "exit_code": int(rc), "processes": procs, "command": cmd,
    "heap_after_full_gc_kb": int(heap) if heap else None, "rss_after_full_gc_kb": int(rss_gc) if rss_gc else None,
    "output_tail": text[-6000:]}))
EOF
}

# ---- wsmon ------------------------------------------------------------------------------------------
if [[ " $TOOLS " == *" wsmon "* ]]; then
  for n in $SIZES; do
    run_tool wsmon "$n" timeout $((HOLD + RAMP + 60)) ./wsmon run "ws://127.0.0.1:$port/" -c "$n" \
      -d "${HOLD}s" --ramp-up "${RAMP}s" --send hello --rate 0.1
  done
fi

if [[ " $TOOLS " == *" wsmon-xmx "* ]]; then
  for n in $SIZES; do
    run_tool wsmon-xmx "$n" timeout $((HOLD + RAMP + 60)) env WSMON_JAVA_OPTS="-Xmx$WSMON_XMX" ./wsmon run \
      "ws://127.0.0.1:$port/" -c "$n" -d "${HOLD}s" --ramp-up "${RAMP}s" --send hello --rate 0.1
  done
fi

# ---- Artillery ----------------------------------------------------------------------------------------
if [[ " $TOOLS " == *" artillery "* ]] && [[ "$artillery_status" == installed ]]; then
  export ARTILLERY_DISABLE_TELEMETRY=true
  for n in $SIZES; do
    cat >"$work/artillery-$n.yml" <<EOF
config:
  target: "ws://127.0.0.1:$port/"
  phases:
    - duration: $RAMP
      arrivalCount: $n
scenarios:
  - engine: ws
    flow:
      - send: "hello"
      - think: $HOLD
EOF
    run_tool artillery "$n" timeout $((HOLD + RAMP + 60)) "$artillery_bin" run \
      "$work/artillery-$n.yml"
  done
fi

# ---- Tsung --------------------------------------------------------------------------------------------
if [[ " $TOOLS " == *" tsung "* ]] && [[ "$tsung_status" == installed ]]; then
  for n in $SIZES; do
    cat >"$work/tsung-$n.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE tsung SYSTEM "/usr/share/tsung/tsung-1.0.dtd">
<tsung loglevel="warning">
  <clients>
    <client host="localhost" use_controller_vm="true" maxusers="30000"/>
  </clients>
  <servers>
    <server host="127.0.0.1" port="$port" type="tcp"/>
  </servers>
  <load duration="$((HOLD + RAMP + 30))" unit="second">
    <!-- Tsung's arrivals are random (exponential gaps): a phase of exactly RAMP s at N/RAMP users/s
         starts fewer than N users, so the phase is twice as long and maxnumber stops it at N -->
    <arrivalphase phase="1" duration="$((2 * RAMP))" unit="second">
      <users maxnumber="$n" arrivalrate="$(((n + RAMP - 1) / RAMP))" unit="second"/>
    </arrivalphase>
  </load>
  <sessions>
    <session name="hold" probability="100" type="ts_websocket">
      <request><websocket type="connect" path="/"></websocket></request>
      <request><websocket type="message">hello</websocket></request>
      <thinktime value="$HOLD" random="false"/>
    </session>
  </sessions>
</tsung>
EOF
    mkdir -p "$work/tsung-$n-log"
    run_tool tsung "$n" timeout $((HOLD + RAMP + 60)) tsung -f "$work/tsung-$n.xml" \
      -l "$work/tsung-$n-log" start
    # keep the stats of tsung.log (latency means) in the tool's output for the report
    find "$work/tsung-$n-log" -name tsung.log -exec tail -n 40 {} \; >"$work/tsung-$n.stats" 2>/dev/null || true
  done
fi

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- versions -----------------------------------------------------------------------------------------
wsmon_version="$(git describe --always --dirty 2>/dev/null || echo unknown)"
artillery_version=""
[ -n "$artillery_version" ] || artillery_version="$(node -p "require('$NODE_DIR/node_modules/artillery/package.json').version" 2>/dev/null || echo "-")"
tsung_version="$(dpkg-query -W -f '${Version}' tsung 2>/dev/null || echo "-")"
erlang_version="$(dpkg-query -W -f '${Version}' erlang-base 2>/dev/null || echo "-")"
node_version="$(node --version 2>/dev/null || echo "-")"
java_version="$(java -version 2>&1 | head -n 1)"

jq -n --arg started_at "$started_at" --arg load_before "$load_before" --arg load_after "$load_after" \
  --argjson hold "$HOLD" --argjson ramp "$RAMP" --argjson settle "$SETTLE" --arg sizes "$SIZES" \
  --argjson processors "$(nproc)" --arg cpu "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)" \
  --arg kernel "$(uname -r)" --argjson memory_mb "$(free -m | awk '/^Mem:/ { print $2 }')" \
  --arg ulimit_n "$(ulimit -n)" --arg java "$java_version" --arg node "$node_version" \
  --arg wsmon "$wsmon_version" --arg wsmon_xmx "$WSMON_XMX" --arg artillery_status "$artillery_status" --arg artillery "$artillery_version" \
  --arg tsung_status "$tsung_status" --arg tsung "$tsung_version" --arg erlang "$erlang_version" \
  --argjson port "$port" '$ARGS.named' \
  | python3 bench/peers/report.py "$rows" "$work" bench/results/peers.json docs/benchmarks.md
log "wrote bench/results/peers.json and the peers section of docs/benchmarks.md (work files: $work)"
