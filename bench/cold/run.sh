#!/usr/bin/env bash
# The physics behind issue 24's cold-start goal (the first ten connects' max within 3x the median of
# the run's reconnects), on this machine, against one echo server process on 127.0.0.1:
#
#   raw    the raw Vert.x client (dev.wsmon.bench.HandshakeBursts), JVMS fresh JVMs per warmth level
#          in WARM (bursts of ten handshakes before measuring): ten lone handshakes and one burst of
#          ten started together over four event loops, ROUNDS times; ratio = burst max / lone median.
#   wsmon  WSMON fresh JVMs of `wsmon run -c 10 -d 5s --hold 300ms --events-jsonl` (wsmon's own
#          warm-up, then its first ten connects started together and reconnects that drift apart);
#          ratio = first-connect max / reconnect median, as runner ColdStartIT judges it.
#
# Usage: bench/cold/run.sh   Environment: JVMS=3 WARM="0 20 100 300 1000" ROUNDS=16 WSMON=6
#        OUT=bench/results/cold-handshakes.json
set -euo pipefail
cd "$(dirname "$0")/../.."
JVMS="${JVMS:-3}"
WARM="${WARM:-0 20 100 300 1000}"
ROUNDS="${ROUNDS:-16}"
WSMON="${WSMON:-6}"
OUT="${OUT:-bench/results/cold-handshakes.json}"
mvn -B -q -DskipTests -Djacoco.skip=true package dependency:build-classpath -pl bench -am \
  -Dmdep.outputFile=target/classpath.txt
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
work="$(mktemp -d)"
fifo="$work/server-in"
mkfifo "$fifo"
java -Xmx256m -cp "$cp" dev.wsmon.bench.EchoServerMain <"$fifo" >"$work/server-out" &
server=$!
exec 3>"$fifo"
trap 'exec 3>&-; kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  grep -q '^port ' "$work/server-out" 2>/dev/null && break
  sleep 0.1
done
port="$(sed -n 's/^port //p' "$work/server-out")"
session() { if command -v setsid >/dev/null; then setsid -w "$@"; else "$@"; fi; }
# warm the server's side: only the client's start is measured
session java -cp "$cp" dev.wsmon.bench.HandshakeBursts "$port" 300 1 >/dev/null
load_before="$(cut -d' ' -f1 /proc/loadavg)"
for warm in $WARM; do
  for _ in $(seq 1 "$JVMS"); do
    session java -cp "$cp" dev.wsmon.bench.HandshakeBursts "$port" "$warm" "$ROUNDS" >>"$work/raw.jsonl"
  done
done
for i in $(seq 1 "$WSMON"); do
  session java -cp "$cp" dev.wsmon.runner.cli.WsmonCommand run "ws://127.0.0.1:$port/" -c 10 -d 5s \
    --hold 300ms --quiet --events-jsonl "$work/events-$i.jsonl" >/dev/null
done
load_after="$(cut -d' ' -f1 /proc/loadavg)"
python3 - "$work" "$OUT" "$load_before" "$load_after" "$(nproc)" "$(git rev-parse --short HEAD)" <<'PY'
import json, os, statistics, sys, datetime
work, out, load_before, load_after, cores, commit = sys.argv[1:]
raw = {}
for line in open(os.path.join(work, "raw.jsonl")):
    r = json.loads(line)
    raw.setdefault(r["warm_bursts"], []).append(r)
levels = []
for warm, runs in sorted(raw.items()):
    ratios = sorted(x for r in runs for x in r["ratios"])
    levels.append({
        "warm_bursts": warm,
        "jvms": len(runs),
        "lone_median_ms": statistics.median(r["lone_median_ms"] for r in runs),
        "burst_max_median_ms": statistics.median(x for r in runs for x in r["burst_max_ms"]),
        "warm_cpu_s": statistics.median(r["warm_cpu_s"] for r in runs),
        "ratio_median": statistics.median(ratios),
        "within_3x": sum(1 for x in ratios if x <= 3),
        "bursts": len(ratios),
    })
wsmon = []
for name in sorted(f for f in os.listdir(work) if f.startswith("events-")):
    first, rec, seen = [], [], set()
    for line in open(os.path.join(work, name)):
        e = json.loads(line)
        if e.get("type") == "CONNECTED":
            (rec if e["connection_id"] in seen else first).append(e["duration_ms"])
            seen.add(e["connection_id"])
    median = statistics.median(rec)
    wsmon.append({"first_max_ms": max(first), "reconnect_median_ms": median,
                  "ratio": round(max(first) / median, 2)})
ratios = sorted(w["ratio"] for w in wsmon)
result = {
    "benchmark": "cold-handshakes",
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "commit": commit,
    "cores": int(cores),
    "load": [float(load_before), float(load_after)],
    "raw": levels,
    "wsmon": {"jvms": wsmon, "ratio_median": statistics.median(ratios),
              "within_3x": sum(1 for x in ratios if x <= 3)},
}
with open(out, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
for l in levels:
    print("raw warm %4d bursts (%.2f s CPU): lone median %.2f ms, burst max median %.2f ms, ratio median %.2f, within 3x %d of %d"
          % (l["warm_bursts"], l["warm_cpu_s"], l["lone_median_ms"], l["burst_max_median_ms"], l["ratio_median"], l["within_3x"], l["bursts"]))
print("wsmon run: ratios %s, median %.2f, within 3x %d of %d" % (ratios, result["wsmon"]["ratio_median"], result["wsmon"]["within_3x"], len(ratios)))
print("load %s -> %s; written to %s" % (load_before, load_after, out))
PY
