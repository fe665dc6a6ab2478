"""Builds bench/results/cluster-scale-N.json from what bench/scale/run.sh measured (environment
variables and the files in its work directory) and checks the merged counts against the servers'."""
import json
import os
import sys
from datetime import datetime

env = os.environ
work = env["work"]


def num(name):
    v = env.get(name, "")
    return float(v) if v else None


def ints(name):
    return [int(x) for x in env.get(name, "").split() if x]


def secs(a, b):
    return None if a is None or b is None else round(a - b, 2)


n = int(env["N"])
agents = int(env["AGENTS"])
servers = int(env["SERVERS"])
t_run, t_first, t_all = num("t_run"), num("t_first"), num("t_all")
t_close, t_zero, t_exit = num("t_close"), num("t_zero"), num("t_exit")
t_term = num("t_term")

snapshot = {}
try:
    with open(os.path.join(work, "run.json")) as f:
        snapshot = json.load(f)
except (OSError, ValueError) as e:
    print(f"no run export: {e}", file=sys.stderr)
total = snapshot.get("total", {})
per_agent = {}
for c in snapshot.get("connections", []):
    per_agent[c.get("agent")] = per_agent.get(c.get("agent"), 0) + 1

server_stats = []
for i in range(1, servers + 1):
    try:
        with open(os.path.join(work, f"server-{i}.json")) as f:
            server_stats.append(json.load(f))
    except (OSError, ValueError):
        server_stats.append(None)


def server_sum(key):
    if any(s is None for s in server_stats):
        return None
    return sum(s[key] for s in server_stats)


checks = {
    "connection_attempts == servers' connectionsOpened": (
        total.get("connection_attempts"), server_sum("connectionsOpened")),
    "successful_connections == servers' connectionsOpened": (
        total.get("successful_connections"), server_sum("connectionsOpened")),
    "messages_sent == servers' textMessagesReceived": (
        total.get("messages_sent"), server_sum("textMessagesReceived")),
    "messages_received == servers' textMessagesSent": (
        total.get("messages_received"), server_sum("textMessagesSent")),
    "bytes_sent == servers' textBytesReceived": (
        total.get("bytes_sent"), server_sum("textBytesReceived")),
    "successful_connections == N": (total.get("successful_connections"), n),
}
check_rows = [
    {"check": k, "wsmon": a, "servers": b, "equal": a is not None and a == b}
    for k, (a, b) in checks.items()
]

heap_before = ints("AGENT_HEAP_BEFORE")
heap_hold = ints("AGENT_HEAP_HOLD")
rss_hold = ints("AGENT_RSS_HOLD")
cpu = [float(x) for x in env.get("cpu_list", "").split() if x]
agent_rows = []
for i in range(agents):
    name = f"s{i + 1}"
    conns = per_agent.get(name, 0)
    row = {"agent": name, "connections": conns}
    if i < len(heap_before) and i < len(heap_hold):
        row["heap_before_mb"] = round(heap_before[i] / 1024, 1)
        row["heap_holding_mb"] = round(heap_hold[i] / 1024, 1)
        row["heap_per_connection_kb"] = (
            round((heap_hold[i] - heap_before[i]) / conns, 2) if conns else None)
    if i < len(rss_hold):
        row["rss_holding_mb"] = round(rss_hold[i] / 1024, 1)
    if len(cpu) == servers + agents + 1:
        row["idle_hold_cpu_percent_of_one_core"] = cpu[servers + i]
    agent_rows.append(row)

coord_heap = num("coord_heap")
duration = int(env["DURATION"])
exit_after_end = None
if snapshot.get("started_at") and t_exit is not None:
    start = datetime.fromisoformat(snapshot["started_at"].replace("Z", "+00:00")).timestamp()
    # the coordinator's started_at is up to the start lead (1.5 s) before the agents start
    exit_after_end = round(t_exit - (start + duration), 2)

result = {
    "issue": 29,
    "generated_at": datetime.utcnow().isoformat(timespec="seconds") + "Z",
    "machine": {
        "cores": os.cpu_count(),
        "open_files_per_process": int(os.popen("sh -c 'ulimit -n'").read().strip() or 0),
        "load_average_before": env["load_before"],
        "load_average_while_holding": env.get("load_hold") or None,
        "load_average_after": env["load_after"],
    },
    "settings": {
        "connections": n,
        "agents": agents,
        "servers": servers,
        "ramp_up_seconds": int(env["RAMP"]),
        "hold_seconds_after_ramp": int(env["HOLD"]),
        "duration_seconds": duration,
        "connect_timeout": env["CONNECT_TIMEOUT"],
        "ping_interval": env["PING"],
        "rate_per_connection": float(env["RATE"]),
        "cpu_window_seconds": int(env["CPU_WINDOW"]),
        "command": "bench/scale/run.sh",
    },
    "coordinator_exit_code": int(env["rc"]),
    "connected": {
        "peak_established": int(env.get("n_hold") or 0),
        "all_connected": t_all is not None,
        "held_after_cpu_and_heap_samples": env.get("held_ok") == "true",
        "seconds_from_run_start_to_first": secs(t_first, t_run),
        "seconds_from_first_to_all": secs(t_all, t_first),
        "connect_rate_per_second": (
            round(n / (t_all - t_first)) if t_all and t_first and t_all > t_first else None),
        "held_seconds_all_connected": secs(t_term or t_close, t_all),
        "established_at_the_end_of_the_hold": int(env.get("n_end") or 0) or None,
    },
    "totals": {k: total.get(k) for k in (
        "connection_attempts", "successful_connections", "failed_connections", "disconnections",
        "messages_sent", "messages_received", "bytes_sent", "bytes_received", "send_failures",
        "request_timeouts", "requests_abandoned")},
    "ping_rtt_ms": total.get("ping_rtt_ms"),
    "connection_latency_ms": total.get("connection_latency_ms"),
    "rtt_ms": total.get("rtt_ms"),
    "servers": server_stats,
    "server_pings_received": server_sum("pingsReceived"),
    "checks": check_rows,
    "agents": agent_rows,
    "coordinator": {
        "heap_holding_mb": round(coord_heap / 1024, 1) if coord_heap else None,
        "heap_per_connection_of_the_run_kb": round(coord_heap / n, 2) if coord_heap else None,
        "rss_holding_mb": round(num("coord_rss") / 1024, 1) if num("coord_rss") else None,
        "idle_hold_cpu_percent_of_one_core": cpu[-1] if len(cpu) == servers + agents + 1 else None,
    },
    "servers_idle_hold_cpu_percent_of_one_core": cpu[:servers] if len(cpu) == servers + agents + 1 else None,
    "servers_rss_holding_mb": [round(x / 1024, 1) for x in ints("SERVER_RSS")],
    "shutdown": {
        "close_seconds_first_to_last": secs(t_zero, t_close),
        "coordinator_exit_after_sigterm_seconds": secs(t_exit, t_term),
        "coordinator_exit_after_duration_end_seconds": None if t_term else exit_after_end,
    },
}
out = env["OUT"]
with open(out, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
print(json.dumps(result, indent=2))
ok = all(r["equal"] for r in check_rows) and env.get("held_ok") == "true" and env["rc"] == "0"
print(f"scale run: {'OK' if ok else 'FAILED'} -> {out}", file=sys.stderr)
sys.exit(0 if ok else 1)
