"""Summarises bench/process/run.sh measurements into bench/results/process-*.json.

report.py flood ROWS.jsonl OUT.json SETTINGS
report.py hold WORKDIR OUT.json SETTINGS
report.py startup ROWS.jsonl OUT.json SETTINGS
"""
import json
import os
import re
import statistics
import sys
from datetime import datetime


def settings(text):
    return dict(kv.split("=", 1) for kv in text.split() if "=" in kv)


def machine():
    return {
        "cores": os.cpu_count(),
        "java": os.popen("java -version 2>&1 | head -n 1").read().strip(),
        "git": os.popen("git rev-parse --short HEAD").read().strip(),
    }


def flood(rows):
    runs = [json.loads(l) for l in open(rows) if l.strip()]
    for r in runs:
        r["msgs_per_second"] = round(r["messages_received"] / r["elapsed_seconds"])
        r["cpu_us_per_message"] = round(
            (r["user_seconds"] + r["sys_seconds"]) * 1e6 / r["messages_received"], 3)
    rounds = sorted({r["round"] for r in runs})
    paired = []
    for k in rounds:
        raw = next(r for r in runs if r["round"] == k and r["side"] == "raw")
        ws = next(r for r in runs if r["round"] == k and r["side"] == "wsmon")
        paired.append({
            "round": k,
            "throughput_ratio": round(ws["msgs_per_second"] / raw["msgs_per_second"], 3),
            "cpu_per_message_ratio": round(ws["cpu_us_per_message"] / raw["cpu_us_per_message"], 3),
        })

    def med(side, key):
        return statistics.median(r[key] for r in runs if r["side"] == side)

    return {
        "runs": runs,
        "paired": paired,
        "median": {
            "raw_msgs_per_second": med("raw", "msgs_per_second"),
            "wsmon_msgs_per_second": med("wsmon", "msgs_per_second"),
            "raw_cpu_us_per_message": med("raw", "cpu_us_per_message"),
            "wsmon_cpu_us_per_message": med("wsmon", "cpu_us_per_message"),
            "paired_throughput_ratio": statistics.median(p["throughput_ratio"] for p in paired),
            "paired_cpu_per_message_ratio": statistics.median(
                p["cpu_per_message_ratio"] for p in paired),
        },
        "wsmon_sent_equals_received": all(
            r["messages_sent"] == r["messages_received"] for r in runs if r["side"] == "wsmon"),
        "goals": {"throughput_ratio_at_least": 0.80, "cpu_per_message_ratio_at_most": 1.40},
    }


def histo(path, top=25):
    rows = []
    total = None
    for line in open(path):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            # a lambda's class number differs between processes: one row per lambda-holding class
            name = re.sub(r"\$\$Lambda\$\d+/0x[0-9a-f]+", "$$Lambda", m.group(3))
            rows.append({"class": name, "instances": int(m.group(1)), "bytes": int(m.group(2))})
        m = re.match(r"Total\s+(\d+)\s+(\d+)", line)
        if m:
            total = int(m.group(2))
    return rows, total


def hold(work, n):
    out = {}
    classes = {}
    totals = {}
    for side in ("raw", "wsmon"):
        info = open(os.path.join(work, f"{side}.heapinfo")).read()
        used = min(int(u) for u in re.findall(r"heap\s+total \d+K, used (\d+)K", info))
        rows, total = histo(os.path.join(work, f"{side}.histo"))
        merged = {}
        for r in rows:
            m = merged.setdefault(r["class"], {"class": r["class"], "instances": 0, "bytes": 0})
            m["instances"] += r["instances"]
            m["bytes"] += r["bytes"]
        classes[side] = merged
        totals[side] = total
        out[side] = {
            "heap_used_after_gc_mb": round(used / 1024, 1),
            "heap_used_after_gc_per_connection_kb": round(used / n, 2),
            "histogram_total_mb": round(total / 1048576, 1) if total else None,
            "rss_mb": round(int(open(os.path.join(work, f"{side}.rss")).read().strip() or 0) / 1024, 1),
            "load": open(os.path.join(work, f"{side}.load")).read().strip(),
        }
    out["wsmon_minus_raw_heap_per_connection_kb"] = round(
        (out["wsmon"]["heap_used_after_gc_mb"] - out["raw"]["heap_used_after_gc_mb"]) * 1024 / n, 2)
    if totals["raw"] and totals["wsmon"]:
        out["histogram_wsmon_minus_raw_per_connection_kb"] = round(
            (totals["wsmon"] - totals["raw"]) / 1024 / n, 2)
    diff = []
    for name in set(classes["raw"]) | set(classes["wsmon"]):
        w = classes["wsmon"].get(name, {"bytes": 0, "instances": 0})
        r = classes["raw"].get(name, {"bytes": 0, "instances": 0})
        diff.append({
            "class": name,
            "wsmon_minus_raw_bytes_per_connection": round((w["bytes"] - r["bytes"]) / n, 1),
            "wsmon_minus_raw_instances_per_connection": round(
                (w["instances"] - r["instances"]) / n, 2),
        })
    diff.sort(key=lambda d: -abs(d["wsmon_minus_raw_bytes_per_connection"]))
    out["top_differences"] = diff[:30]
    out["goal_kb_per_connection_at_most"] = 2.0
    return out


def startup(rows):
    runs = [json.loads(l) for l in open(rows) if l.strip()]
    for r in runs:
        r["run_cpu_seconds"] = round(r["run_user_seconds"] + r["run_sys_seconds"], 2)
        r["version_cpu_seconds"] = round(r["version_user_seconds"] + r["version_sys_seconds"], 2)

    def med(cds):
        sel = [r for r in runs if r.get("cds", False) == cds]
        if not sel:
            return None
        return {
            "runs": len(sel),
            "to_first_attempt_seconds": statistics.median(r["to_first_attempt_seconds"] for r in sel),
            "run_2s_cpu_seconds": statistics.median(r["run_cpu_seconds"] for r in sel),
            "run_2s_wall_seconds": statistics.median(r["run_wall_seconds"] for r in sel),
            "version_cpu_seconds": statistics.median(r["version_cpu_seconds"] for r in sel),
            "version_wall_seconds": statistics.median(r["version_wall_seconds"] for r in sel),
        }

    return {"runs": runs, "median": {"with_cds": med(True), "without_cds": med(False)}}


mode, src, out_path, text = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
s = settings(text)
body = {"flood": lambda: flood(src), "hold": lambda: hold(src, int(s["connections"])),
        "startup": lambda: startup(src)}[mode]()
doc = {"issue": 29, "generated_at": datetime.utcnow().isoformat(timespec="seconds") + "Z",
       "machine": machine(), "settings": s, **body}
with open(out_path, "w") as f:
    json.dump(doc, f, indent=2)
    f.write("\n")
print(json.dumps(body.get("median", body.get("wsmon_minus_raw_heap_per_connection_kb")), indent=2))
