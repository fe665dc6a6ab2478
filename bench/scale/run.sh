#!/usr/bin/env bash
# 50 000 held connections on one machine whose open-files limit is 20 000 per process (issue 29):
# three `wsmon serve` echo servers and three `wsmon agent --cluster` processes on this host, each
# under the limit, and one `wsmon run --cluster --agents 3` coordinating all connections over
# Hazelcast on loopback. Every connection pings (--ping-interval) and sends one message every
# 1/RATE seconds; after the ramp-up, the connections are held for HOLD seconds.
#
# Measures: the connect rate (established client sockets, from `ss`), each agent's and the
# coordinator's heap after a full GC (`jcmd GC.run` then `GC.heap_info`, agents before the run and
# while holding), the CPU of every process while holding (utime+stime from /proc), the close time and
# the coordinator's exit after the run's end; then checks that the merged totals of the run
# (attempts, successes, messages sent and received) equal the sum of the servers' own counters
# (each `wsmon serve` prints them as JSON when it stops). Writes bench/results/cluster-scale-N.json
# and exits 1 when a count does not match or a connection was not held.
#
# Environment: N=50000 AGENTS=3 SERVERS=3 HOLD=60 (s) RAMP=N/800 (s) CONNECT_TIMEOUT=30s PING=10s RATE=0.05 (msgs/s per
# connection) SETTLE=10 (s after all connected) CPU_WINDOW=30 (s) OUT=bench/results/cluster-scale-N.json
# Everything started here runs under a deadline and is stopped on exit (trap).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"

N="${N:-50000}"
AGENTS="${AGENTS:-3}"
SERVERS="${SERVERS:-3}"
HOLD="${HOLD:-60}"
RAMP="${RAMP:-$(((N + 799) / 800))}"
CONNECT_TIMEOUT="${CONNECT_TIMEOUT:-30s}"
PING="${PING:-10s}"
RATE="${RATE:-0.05}"
SETTLE="${SETTLE:-10}"
CPU_WINDOW="${CPU_WINDOW:-30}"
OUT="${OUT:-bench/results/cluster-scale-$N.json}"
# the run's own limit; it is normally ended earlier, HOLD s after the last connection is up, with
# SIGTERM (as Ctrl-C: stop sending, await replies, close with 1000, final stats), whatever the ramp took
DURATION=$((RAMP * 4 + HOLD + 300))
LIFETIME=$((DURATION + 300)) # an upper bound for every process started here
jar="${JAR:-$root/runner/target/wsmon.jar}" # JAR: a copy, so a rebuild cannot replace it mid-run
work="$(mktemp -d "${TMPDIR:-/tmp}/wsmon-scale.XXXXXX")"
pids=()
cluster="wsmon-scale-$$" # its own cluster: agents of other runs on this host do not join it

log() { echo "[scale $(date -u +%H:%M:%S)] $*" >&2; }

cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill -TERM "$p" 2>/dev/null || true
  done
  sleep 1
  for p in "${pids[@]}"; do
    kill -KILL "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

per_server=$(((N + SERVERS - 1) / SERVERS))
per_agent=$(((N + AGENTS - 1) / AGENTS))
limit="$(ulimit -n)"
if [ $((per_server + 300)) -gt "$limit" ] || [ $((per_agent + 600)) -gt "$limit" ]; then
  log "ulimit -n is $limit: $N connections need more servers/agents (SERVERS, AGENTS) or a higher limit"
  exit 2
fi

./wsmon --version >/dev/null # builds the jar when stale
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
now() { date +%s.%N; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
heap_kb() {
  timeout 60 jcmd "$1" GC.run >/dev/null 2>&1 || true
  timeout 60 jcmd "$1" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -n 1 | tr -dc 0-9 || true
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# ---- servers -------------------------------------------------------------------------------------
ports=()
server_pids=()
for i in $(seq 1 "$SERVERS"); do
  setsid java -jar "$jar" serve --port 0 --duration "${LIFETIME}s" >"$work/serve-$i.out" 2>"$work/serve-$i.err" &
  server_pids+=($!)
  pids+=($!)
done
for i in $(seq 1 "$SERVERS"); do
  url=""
  for _ in $(seq 1 240); do
    url="$(grep -m1 -o 'ws://[^ ]*' "$work/serve-$i.out" 2>/dev/null || true)"
    [ -n "$url" ] && break
    sleep 0.25
  done
  [ -n "$url" ] || { log "server $i did not start"; cat "$work/serve-$i.err" >&2; exit 1; }
  ports+=("$(echo "$url" | sed -E 's#ws://[^:]+:([0-9]+).*#\1#')")
done
log "servers on ports ${ports[*]}"
filter="$(printf 'dport = :%s or ' "${ports[@]}")"
filter="( ${filter% or } )"
established() { ss -Htn state established "$filter" | wc -l; }

# ---- agents --------------------------------------------------------------------------------------
agent_pids=()
for i in $(seq 1 "$AGENTS"); do
  setsid java -jar "$jar" agent --cluster --cluster-name "$cluster" --name "s$i" --duration "${LIFETIME}s" >"$work/agent-$i.out" 2>"$work/agent-$i.err" &
  agent_pids+=($!)
  pids+=($!)
done
for i in $(seq 1 "$AGENTS"); do
  for _ in $(seq 1 480); do
    grep -q ready "$work/agent-$i.out" 2>/dev/null && break
    sleep 0.25
  done
  grep -q ready "$work/agent-$i.out" || { log "agent s$i not ready"; cat "$work/agent-$i.err" >&2; exit 1; }
done
log "agents ready; heap before the run ..."
agent_heap_before=()
for p in "${agent_pids[@]}"; do agent_heap_before+=("$(heap_kb "$p")"); done

# ---- the run -------------------------------------------------------------------------------------
{
  echo "endpoints:"
  left=$N
  for i in $(seq 1 "$SERVERS"); do
    c=$((left < per_server ? left : per_server))
    left=$((left - c))
    echo "  - uri: ws://127.0.0.1:${ports[$((i - 1))]}/"
    echo "    group: server-$i"
    echo "    connections: $c"
  done
} >"$work/run.yaml"
log "coordinator: $N connections, ramp ${RAMP}s, duration ${DURATION}s (hold $HOLD s after the ramp)"
t_run="$(now)"
setsid timeout "$LIFETIME" java -jar "$jar" run --cluster --cluster-name "$cluster" --agents "$AGENTS" --config "$work/run.yaml" \
  -d "${DURATION}s" --ramp-up "${RAMP}s" --ping-interval "$PING" --connect-timeout "$CONNECT_TIMEOUT" --send 'hello {conn}-{seq}' --rate "$RATE" \
  --export-json "$work/run.json" >"$work/run.out" 2>"$work/run.err" &
run_pid=$!
pids+=($run_pid)
coord_pid=""
for _ in $(seq 1 100); do
  coord_pid="$(pgrep -P "$run_pid" java || true)"
  [ -n "$coord_pid" ] && break
  sleep 0.1
done

t_first="" t_all="" peak=0
deadline=$(($(date +%s) + RAMP * 4 + 120))
while [ "$(date +%s)" -lt "$deadline" ] && kill -0 "$run_pid" 2>/dev/null; do
  n="$(established)"
  [ "$n" -gt "$peak" ] && peak=$n
  [ -z "$t_first" ] && [ "$n" -gt 0 ] && t_first="$(now)"
  if [ "$n" -ge "$N" ]; then t_all="$(now)"; break; fi
  sleep 0.5
done
[ -n "$t_all" ] || log "only $peak of $N connections established"

held_ok=false
if [ -n "$t_all" ]; then
  log "all $N established; settling ${SETTLE}s, then CPU over ${CPU_WINDOW}s"
  sleep "$SETTLE"
  all_pids=("${server_pids[@]}" "${agent_pids[@]}" "$coord_pid")
  declare -A c0
  for p in "${all_pids[@]}"; do c0[$p]="$(cpu_ticks "$p")"; done
  w0="$(now)"
  sleep "$CPU_WINDOW"
  w1="$(now)"
  declare -A cpu
  for p in "${all_pids[@]}"; do
    cpu[$p]="$(awk -v a="$(cpu_ticks "$p")" -v b="${c0[$p]}" -v t="$(awk -v x="$w1" -v y="$w0" 'BEGIN{print x-y}')" \
      'BEGIN { printf "%.2f", (a - b) / t }')" # ticks/s = % of one core at CLK_TCK 100
  done
  load_hold="$(cut -d' ' -f1-3 /proc/loadavg)"
  n_hold="$(established)"
  log "holding $n_hold; heap after GC ..."
  agent_heap_hold=()
  agent_rss_hold=()
  for p in "${agent_pids[@]}"; do
    agent_heap_hold+=("$(heap_kb "$p")")
    agent_rss_hold+=("$(rss_kb "$p")")
  done
  coord_heap="$(heap_kb "$coord_pid")"
  coord_rss="$(rss_kb "$coord_pid")"
  server_rss=()
  for p in "${server_pids[@]}"; do server_rss+=("$(rss_kb "$p")"); done
  # hold until HOLD s after the last connection came up, then end the run as Ctrl-C does
  left_s="$(awk -v a="$(now)" -v b="$t_all" -v h="$HOLD" 'BEGIN { d = h - (a - b); print (d > 0 ? d : 0) }')"
  log "holding ${left_s}s more, then SIGTERM to the coordinator"
  sleep "$left_s"
  n_end="$(established)"
  [ "${n_hold}" -ge "$N" ] && [ "$n_end" -ge "$N" ] && held_ok=true
  t_term="$(now)"
  kill -TERM "$coord_pid" 2>/dev/null || true
  t_close="" t_zero=""
  while kill -0 "$run_pid" 2>/dev/null; do
    n="$(established)"
    if [ -z "$t_close" ] && [ "$n" -lt "$N" ]; then t_close="$(now)"; fi
    if [ -n "$t_close" ] && [ "$n" -eq 0 ]; then t_zero="$(now)"; break; fi
    sleep 0.2
  done
fi
rc=0
wait "$run_pid" || rc=$?
t_exit="$(now)"
log "coordinator exited with $rc"
[ -n "${t_zero:-}" ] || t_zero="$t_exit"

# ---- the servers' own counts ---------------------------------------------------------------------
for p in "${server_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
for i in $(seq 1 "$SERVERS"); do
  for _ in $(seq 1 120); do
    kill -0 "${server_pids[$((i - 1))]}" 2>/dev/null || break
    sleep 0.25
  done
  grep -o 'stopping; .*' "$work/serve-$i.err" | sed 's/^stopping; //' >"$work/server-$i.json" || true
done
for p in "${agent_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

export N AGENTS SERVERS HOLD RAMP CONNECT_TIMEOUT PING RATE SETTLE CPU_WINDOW DURATION OUT rc load_before load_after started_at \
  t_run t_first t_all t_close t_zero t_exit held_ok work
export t_term="${t_term:-}" n_end="${n_end:-0}"
export load_hold="${load_hold:-}" n_hold="${n_hold:-0}" coord_heap="${coord_heap:-}" coord_rss="${coord_rss:-}"
export AGENT_HEAP_BEFORE="${agent_heap_before[*]}" AGENT_HEAP_HOLD="${agent_heap_hold[*]:-}" \
  AGENT_RSS_HOLD="${agent_rss_hold[*]:-}" SERVER_RSS="${server_rss[*]:-}"
cpu_list=""
if [ -n "$t_all" ]; then for p in "${all_pids[@]}"; do cpu_list+="${cpu[$p]} "; done; fi
export cpu_list
python3 "$root/bench/scale/report.py"
