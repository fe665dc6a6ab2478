#!/usr/bin/env python3
"""Turns the rows of bench/peers/run.sh into bench/results/peers.json and the
<!-- peers:begin --> ... <!-- peers:end --> section of docs/benchmarks.md.

Usage: report.py ROWS.jsonl WORK_DIR OUT.json DOC.md  (the run's metadata as JSON on stdin)."""
import json
import re
import sys

rows_file, work, out_json, doc_file = sys.argv[1:5]
meta = json.load(sys.stdin)
rows = [json.loads(line) for line in open(rows_file) if line.strip()]
sizes = [int(s) for s in meta["sizes"].split()]
small, large = min(sizes), max(sizes)

LABEL = {"wsmon": "wsmon run", "wsmon-xmx": f"wsmon run, -Xmx{meta.get('wsmon_xmx', '?')}", "artillery": "Artillery", "tsung": "Tsung"}


def latency(tool, text):
    """Which WebSocket latency metrics the tool's own output gives (looked up in that output)."""
    if tool in ("wsmon", "wsmon-xmx"):
        found = [m.group(1) for m in re.finditer(r"^(connect|round trip|ping) +[1-9]\d*", text, re.M)]
        if found:
            return found, "yes: " + ", ".join(found) + " latency min/mean/p50/p90/p99/p999/max (ms) in its summary"
        return found, "none seen"
    if tool == "artillery":
        ws = sorted(set(re.findall(r"\b(websocket\.[a-z_.]+)", text)))
        rt = [m for m in ws if "time" in m or "latency" in m or "response" in m]
        if rt:
            return ws, "WebSocket timings: " + ", ".join(rt)
        return ws, "no WebSocket latency metric (only " + (", ".join(ws) or "vuser counters") + ")"
    if tool == "tsung":
        names = sorted(set(re.findall(r"^stats: (\w+) ", text, re.M)))
        timed = [n for n in names if n in ("connect", "request", "page", "session")]
        if timed:
            return names, "count/mean/stddev/max/min per 10 s interval only (tsung.log: " + ", ".join(timed) + "), no percentiles"
        return names, "none seen in tsung.log"
    return [], "?"


results = {}
for tool in ("wsmon", "wsmon-xmx", "artillery", "tsung"):
    runs = [r for r in rows if r["tool"] == tool]
    if tool == "wsmon-xmx" and not runs:
        continue
    status = {"wsmon": "built from this repository", "wsmon-xmx": "built from this repository",
              "artillery": meta["artillery_status"], "tsung": meta["tsung_status"]}[tool]
    entry = {"status": status, "runs": []}
    for r in runs:
        text = r.pop("output_tail")
        if tool == "tsung":
            try:
                text += "\n" + open(f"{work}/tsung-{r['connections']}.stats", errors="replace").read()
            except OSError:
                pass
        names, summary = latency(tool, text)
        r["latency_metrics_seen"] = names
        r["latency"] = summary
        ok = r["established"] >= r["connections"] and r["rss_kb"] > 0
        r["all_established"] = ok
        r["kb_per_connection"] = round(r["rss_kb"] / r["connections"], 1) if ok else None
        r["output_excerpt"] = text[-1500:]
        entry["runs"].append(r)
    by = {r["connections"]: r for r in entry["runs"]}
    if small in by and large in by and by[small]["all_established"] and by[large]["all_established"]:
        entry["marginal_kb_per_connection"] = round(
            (by[large]["rss_kb"] - by[small]["rss_kb"]) / (large - small), 1)
        heaps = [by[n].get("heap_after_full_gc_kb") for n in (small, large)]
        if None not in heaps:
            entry["marginal_heap_after_full_gc_kb_per_connection"] = round((heaps[1] - heaps[0]) / (large - small), 1)
    if entry["runs"]:
        entry["latency"] = entry["runs"][-1]["latency"]
    results[tool] = entry

doc = {
    "title": "Peers: held WebSocket connections and memory per connection",
    "started_at": meta["started_at"],
    "machine": {k: meta[k] for k in ("processors", "cpu", "kernel", "memory_mb", "ulimit_n")},
    "load_average_before": meta["load_before"],
    "load_average_after": meta["load_after"],
    "versions": {k: meta[k] for k in ("wsmon", "java", "node", "artillery", "tsung", "erlang")},
    "wsmon_xmx": meta.get("wsmon_xmx"),
    "settings": {"hold_seconds": meta["hold"], "ramp_up_seconds": meta["ramp"],
                 "settle_seconds": meta["settle"], "connections": sizes},
    "measure": "sum of VmRSS (/proc/PID/status) over every process in the tool's session (setsid), "
               f"{meta['settle']} s after `ss -Htn state established ( dport = :PORT )` counted all N "
               "client connections; kb_per_connection = RSS / N; marginal = (RSS@large - RSS@small) / (large - small)",
    "results": results,
}
with open(out_json, "w") as f:
    json.dump(doc, f, indent=2)
    f.write("\n")


def cell(x, fmt="{:,.0f}"):
    return "–" if x is None else fmt.format(x)


lines = []
lines.append("<!-- peers:begin -->")
lines.append("## Peers: held WebSocket connections and memory per connection")
lines.append("")
lines.append(
    f"`bench/peers/run.sh` (written by it, with `bench/results/peers.json`) starts one testkit echo server "
    f"(`./wsmon serve --port 0`, its own JVM) and has each tool open N WebSocket connections to it on 127.0.0.1 "
    f"over {meta['ramp']} s, send one `hello` on each and hold them for {meta['hold']} s. Once "
    f"`ss -Htn state established \"( dport = :PORT )\"` counts all N client sockets, it waits {meta['settle']} s "
    f"and sums `VmRSS` over every process of the tool's session (the tool is started with `setsid`, so "
    f"this is the whole client process tree and nothing else). KB/connection = RSS / N, so it includes "
    f"each runtime's fixed cost (JVM, Node.js, Erlang VM); the marginal KB/connection "
    f"= (RSS@{large:,} − RSS@{small:,}) / {large - small:,} is what one more held connection costs.")
lines.append("")
lines.append("Commands (N = " + " and ".join(f"{s:,}" for s in sizes) + "; the generated files are in the script):")
lines.append("")
lines.append("```")
lines.append(f"SIZES=\"{meta['sizes']}\" HOLD={meta['hold']} RAMP={meta['ramp']} SETTLE={meta['settle']} bench/peers/run.sh")
lines.append(f"./wsmon run ws://127.0.0.1:PORT/ -c N -d {meta['hold']}s --ramp-up {meta['ramp']}s --send hello --rate 0.1")
if "wsmon-xmx" in results:
    lines.append(f"WSMON_JAVA_OPTS=-Xmx{meta['wsmon_xmx']} ./wsmon run ws://127.0.0.1:PORT/ -c N -d {meta['hold']}s "
                 f"--ramp-up {meta['ramp']}s --send hello --rate 0.1")
lines.append(f"bench/peers/.node/node_modules/.bin/artillery run artillery-N.yml   "
             f"# engine: ws, phases: duration {meta['ramp']}, arrivalCount N; flow: send hello, think {meta['hold']}")
lines.append(f"tsung -f tsung-N.xml -l LOGDIR start   "
             f"# ts_websocket session: connect /, message hello, thinktime {meta['hold']}; one VM (use_controller_vm)")
lines.append("```")
lines.append("")
m = doc["machine"]
v = doc["versions"]
lines.append(
    f"Run of {doc['started_at']}: {m['processors']} × {m['cpu']}, {m['memory_mb']:,} MB, Linux {m['kernel']}, "
    f"`ulimit -n` {m['ulimit_n']}; {v['java']}; Node.js {v['node']}, Artillery {v['artillery']}; "
    f"Tsung {v['tsung']} on Erlang {v['erlang']}; wsmon {v['wsmon']}. "
    f"**Load average (1/5/15 min) {doc['load_average_before']} before, {doc['load_average_after']} after** "
    f"— the 2 cores were shared with other builds.")
lines.append("")
lines.append(f"| tool | RSS @ {small:,} | KB/conn @ {small:,} | RSS @ {large:,} | KB/conn @ {large:,} "
             f"| marginal KB/conn | s to all connected @ {large:,} | WebSocket latency in its output |")
lines.append("|---|---|---|---|---|---|---|---|")
for tool, e in results.items():
    by = {r["connections"]: r for r in e["runs"]}
    if not e["runs"]:
        lines.append(f"| {LABEL[tool]} | {e['status']} | | | | | | |")
        continue

    def rss(n):
        r = by.get(n)
        if r is None:
            return "–"
        if not r["all_established"]:
            return f"only {r['established']:,} of {n:,} connected"
        return f"{r['rss_kb'] / 1024:,.0f} MB"

    def per(n):
        r = by.get(n)
        return cell(r and r["kb_per_connection"], "{:,.1f}")

    t = by.get(large, {}).get("seconds_to_all_established")
    lines.append(
        f"| {LABEL[tool]} | {rss(small)} | {per(small)} | {rss(large)} | {per(large)} "
        f"| {cell(e.get('marginal_kb_per_connection'), '{:,.1f}')} | {cell(t, '{:.1f}')} | {e.get('latency', '')} |")
heap_lines = []
for tool, e in results.items():
    by = {r["connections"]: r for r in e["runs"]}
    if small in by and large in by and by[small].get("heap_after_full_gc_kb") and by[large].get("heap_after_full_gc_kb"):
        heap_lines.append(
            f"- {LABEL[tool]}: heap used after a full GC (`jcmd PID GC.run`, then `GC.heap_info`, taken right after "
            f"the RSS sample) {by[small]['heap_after_full_gc_kb'] / 1024:,.1f} MB @ {small:,} and "
            f"{by[large]['heap_after_full_gc_kb'] / 1024:,.1f} MB @ {large:,}: "
            f"**{e.get('marginal_heap_after_full_gc_kb_per_connection', 0):,.1f} KB of heap per extra connection**; "
            f"RSS after that GC {by[small]['rss_after_full_gc_kb'] / 1024:,.0f} MB and "
            f"{by[large]['rss_after_full_gc_kb'] / 1024:,.0f} MB (the JVM keeps the memory it has committed).")
if heap_lines:
    lines.append("")
    lines.append("What the JVM's RSS is made of:")
    lines.append("")
    lines.extend(heap_lines)
lines.append("")
lines.append("Caveats:")
lines.append("")
lines.append(
    "- One run per tool and size, on 2 cores shared with other work; RSS moves by a few MB between runs "
    "(garbage collection timing, JIT), which is ±" + f"{4096 / (large - small):.1f}" + " KB on the marginal figure.")
lines.append(
    "- wsmon's number is the whole JVM with its default heap sizing (`-Xmx` = ¼ of RAM, so the heap "
    "grows lazily and garbage is counted until a GC runs), about 100 MB of which is the JVM's fixed cost "
    "(code, metaspace, threads, committed heap). The heap after GC per connection is listed above; the Scale "
    "section below measures it against a raw Vert.x client at 10 000 connections (issue 12 quoted ≈ 5.8 KB "
    "of heap per open connection for the raw client). wsmon also tracks every connection (counters, RTT histograms) "
    "and sends one message per connection every 10 s (`--rate 0.1`), the peers one per connection in all."
    + (f" The `-Xmx{meta.get('wsmon_xmx')}` row is the same run with the heap capped at the smallest size "
       "`wsmon run`'s preflight accepts for 2 000 connections (96 MB + 32 KB per connection), so the JVM "
       "collects instead of growing; it shows how much of the default run's RSS is uncollected heap."
       if "wsmon-xmx" in results else ""))
lines.append(
    "- Artillery counts its one Node.js process; Tsung counts the Erlang VM (controller and launcher in "
    "one VM) and the `tsung` shell script that starts it (≈ 3 MB); `epmd`, which Erlang daemonizes, is outside the session and not counted (≈ 0.5 MB).")
lines.append(
    "- \"s to all connected\" counts from the tool's start, so it includes its startup (JVM, Node.js, "
    f"Erlang VM) and the {meta['ramp']} s ramp-up; it is only a sanity check that each tool kept up.")
lines.append(
    "- `ulimit -n` is capped at 20 000 here, so N stays well below it; the echo server's memory is not counted.")
lines.append(
    "- For reference, issue 12's earlier measurement: Artillery ≈ 146 KB/connection (28 KB marginal) with no "
    "WebSocket latency metrics, Tsung ≈ 35 KB (8.7 KB marginal) with latency means only.")
missing = [f"{LABEL[t]}: {e['status']}" for t, e in results.items() if e["status"].startswith("not installed")]
if missing:
    lines.append("- " + "; ".join(missing) + ".")
lines.append("<!-- peers:end -->")
section = "\n".join(lines)

text = open(doc_file).read()
pattern = re.compile(r"<!-- peers:begin -->.*?<!-- peers:end -->", re.S)
if pattern.search(text):
    text = pattern.sub(lambda _: section, text, count=1)
elif "<!-- scale:begin -->" in text:
    text = text.replace("<!-- scale:begin -->", section + "\n\n<!-- scale:begin -->", 1)
else:
    text = text.rstrip() + "\n\n" + section + "\n"
with open(doc_file, "w") as f:
    f.write(text)
