#!/usr/bin/env python3
"""Merge the JSON results of `run_peers.py` invocations into one Markdown table: a row per
scenario, a column per peer, "median s / peak RSS MB" in each cell, the best time in bold;
with the date, the machine and its load. `bench/run.sh` calls it; it only reads files.

    python3 bench/table.py OUT.md RESULT.json [RESULT.json ...]
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ORDER = ["slumber", "slumber-pretty", "atac", "posting", "apibench"]


def label(r: dict, size_mb: float | None) -> str:
    if r["scenario"] == "S1":
        return f"first frame, {r['n']:,} requests"
    if r["scenario"] == "S2":
        size = f"{size_mb:g} MB" if size_mb and size_mb < 1000 else f"{(size_mb or 0) / 1024:g} GB"
        return f"{size} JSON, send → body on screen"
    return "idle CPU, 5 s after start (CPU-s)"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} × {cpu}{mem}"


def main() -> int:
    out, inputs = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    cells: dict[str, dict[str, list[dict]]] = {}
    order: list[str] = []
    versions: dict[str, str] = {}
    loads = []
    for path in inputs:
        data = json.loads(path.read_text())
        versions.update(data.get("versions", {}))
        loads.append(data.get("loadavg"))
        size_mb = data.get("size_mb")
        for r in data["results"]:
            if r.get("scenario") in (None, "-"):
                continue
            row = label(r, size_mb)
            if row not in cells:
                cells[row] = {}
                order.append(row)
            cells[row].setdefault(r["peer"], []).append(r)
    peers = [p for p in ORDER if any(p in c for c in cells.values())]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; a 120×40 pty, medians of the runs.",
        "Load average (1 min) at the start and end of each part: "
        + "; ".join(f"{l[0][0]} → {l[1][0]}" for l in loads if l) + ".",
        "Versions: " + ", ".join(f"{v}" for p, v in versions.items() if p != "slumber-pretty") + ".",
        "",
        "| scenario | " + " | ".join(peers) + " |",
        "|---|" + "---|" * len(peers),
    ]
    for row in order:
        medians = {}
        texts = {}
        for peer in peers:
            rs = cells[row].get(peer)
            if not rs:
                texts[peer] = "–"
                continue
            ok = [r for r in rs if r["ok"]]
            if not ok:
                err = rs[0].get("error", "failed")
                texts[peer] = f"did not finish ({err[:60]})"
                continue
            med = statistics.median(r["value"] for r in ok)
            rss = statistics.median(r["rss_mb"] for r in ok)
            medians[peer] = med
            raw = any(r.get("pretty_s") is None for r in ok) and row.endswith("on screen")
            texts[peer] = f"{med:.3f} s / {rss:.0f} MB" + (" (raw)" if raw else "")
        if medians:
            best = min(medians.values())
            for peer, med in medians.items():
                if med == best:
                    texts[peer] = f"**{texts[peer]}**"
        lines.append(f"| {row} | " + " | ".join(texts[p] for p in peers) + " |")
    lines += [
        "",
        "slumber shows bodies over 1 MB raw (never pretty-printed); slumber-pretty is slumber with",
        "`large_body_size` raised so it pretty-prints, the fair comparison for apibench's pretty view.",
    ]
    out.write_text("\n".join(lines) + "\n")
    print(out.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
