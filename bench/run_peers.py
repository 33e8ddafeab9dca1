#!/usr/bin/env python3
"""Measure terminal-UI HTTP clients side by side (see README.md).

Scenarios
  S1  startup: spawn -> first screen showing a known request name, with a
      collection of 10 and of 5,000 requests (median of --runs runs, peak RSS).
  S2  big response: local server on 127.0.0.1 serves ~5 MB of JSON; time from
      the peer's send key to the top of the pretty-printed body being visible.
  S3  idle CPU: CPU time (utime+stime of the process tree) used during the
      --idle-s seconds right after the startup screen appeared.

Each peer is an adapter: a function that writes the peer's native collection
for a list of requests and returns how to launch it (command line, text to
wait for, keys that select and send the first request). Adding a peer means
writing one such function and registering it in PEERS.

Locations come from arguments or environment variables only:
  --peers-root / BENCH_PEERS_ROOT   prefix holding bin/ (cargo --root) and venv/bin/
  --bin NAME=PATH                   explicit binary for one peer
  --apibench-cmd / APIBENCH_CMD     command template for the apibench binary
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tui_probe import CLK_TCK, ProbeExited, ProbeTimeout, TuiProbe  # noqa: E402

HERE = Path(__file__).resolve().parent
TOP_MARKER = "BENCH_TOP_MARKER_4f9c"   # must match serve_json.py
# the first member of the big body, as a pretty-printer and as the raw wire format show it
TOP_PRETTY = f'"aaa_top": "{TOP_MARKER}"'
TOP_RAW = f'"aaa_top":"{TOP_MARKER}"'
BIG_NAME = "big-json"


# ---------------------------------------------------------------- model

@dataclass
class Req:
    ident: str      # identifier-safe id (slumber recipe id, file stem)
    name: str       # display name, what we wait for on screen
    method: str
    url: str


@dataclass
class Launch:
    """What an adapter returns: how to start the peer on the collection it wrote."""
    argv: list[str]
    ready: str | list[str]             # text proving the collection is loaded
    select_keys: list[str]             # keys that open/select the FIRST request (S2)
    send_keys: list[str]               # keys that send the selected request
    selected: str | list[str] | None = None   # text proving the selection took effect
    env: dict[str, str] = field(default_factory=dict)
    cwd: str | None = None
    key_gap: float = 0.3               # pause between select keys (lets the UI react)
    note: str = ""


@dataclass
class Ctx:
    """Per-peer settings an adapter may need."""
    binary: str
    options: dict = field(default_factory=dict)


Adapter = Callable[[Ctx, Path, list[Req]], Launch]


def make_requests(n: int, base_url: str, big_first: bool = False) -> list[Req]:
    """n requests; with big_first the first one is the ~5 MB JSON endpoint."""
    reqs = []
    if big_first:
        reqs.append(Req("big_json", BIG_NAME, "GET", f"{base_url}/big"))
    start = len(reqs)
    for i in range(start + 1, n + 1):
        reqs.append(Req(f"req_{i:05d}", f"req-{i:05d}", "GET", f"{base_url}/item/{i}"))
    return reqs


def q(s: str) -> str:
    """Quote a YAML scalar (a JSON string is a valid YAML double-quoted scalar)."""
    return json.dumps(s)


# ---------------------------------------------------------------- adapters

def prepare_slumber(ctx: Ctx, work: Path, reqs: list[Req]) -> Launch:
    # slumber.yml: `requests:` maps recipe ids to {name, method, url}
    lines = ["name: bench", "requests:"]
    for r in reqs:
        lines += [f"  {r.ident}:", f"    name: {q(r.name)}",
                  f"    method: {r.method}", f"    url: {q(r.url)}"]
    path = work / "slumber.yml"
    path.write_text("\n".join(lines) + "\n")
    return Launch(
        argv=[ctx.binary, "--file", str(path)],
        ready=reqs[0].name,
        # the first recipe is selected at startup; Enter sends it
        select_keys=[],
        send_keys=["enter"],
        cwd=str(work),
    )


def prepare_slumber_pretty(ctx: Ctx, work: Path, reqs: list[Req]) -> Launch:
    """slumber with large_body_size raised, so a 5 MB body is prettified too.

    By default slumber skips prettifying/highlighting bodies over 1 MB.
    """
    launch = prepare_slumber(ctx, work, reqs)
    cfg = work / "slumber-config.yml"
    cfg.write_text("large_body_size: 100000000\n")
    launch.env["SLUMBER_CONFIG_PATH"] = str(cfg)
    launch.note = "config large_body_size: 100000000 (default 1 MB)"
    return launch


def prepare_atac(ctx: Ctx, work: Path, reqs: list[Req]) -> Launch:
    # ATAC reads every *.json / *.yaml collection in its directory (-d)
    def one(r: Req) -> dict:
        return {
            "name": r.name, "url": r.url, "params": [], "headers": [],
            "auth": "no_auth",
            "scripts": {"pre_request_script": None, "post_request_script": None},
            "settings": {
                "use_config_proxy": False, "allow_redirects": True, "timeout": 60000,
                "store_received_cookies": True, "pretty_print_response_content": True,
                "accept_invalid_certs": False, "accept_invalid_hostnames": False,
            },
            "protocol": {"type": "http", "method": r.method, "body": "no_body"},
        }
    d = work / "atac"
    d.mkdir(parents=True, exist_ok=True)
    coll = {"name": "bench", "last_position": 0, "requests": [one(r) for r in reqs]}
    (d / "bench.json").write_text(json.dumps(coll, indent=1))
    return Launch(
        argv=[ctx.binary, "-d", str(d)],
        ready=f"bench ({len(reqs)})",
        # down = highlight collection, enter = expand, down = first request, enter = open
        select_keys=["down", "enter", "down", "enter"],
        selected=reqs[0].url,
        send_keys=["space"],
        cwd=str(work),
        note="ready = collection header 'bench (N)': requests start collapsed",
    )


def prepare_posting(ctx: Ctx, work: Path, reqs: list[Req]) -> Launch:
    # a directory of *.posting.yaml files, one request each
    d = work / "posting-coll"
    d.mkdir(parents=True, exist_ok=True)
    for r in reqs:
        (d / f"{r.name}.posting.yaml").write_text(
            f"name: {q(r.name)}\nmethod: {r.method}\nurl: {q(r.url)}\n")
    first = sorted(reqs, key=lambda r: r.name)[0]   # posting sorts by method, then name
    return Launch(
        argv=[ctx.binary, "--collection", str(d)],
        ready=first.name,
        # ctrl+o = jump mode, tab = jump to collection tree, enter = open request
        select_keys=["ctrl+o", "tab", "enter"],
        selected=first.url,
        send_keys=["ctrl+j"],
        cwd=str(work),
    )


def prepare_apibench(ctx: Ctx, work: Path, reqs: list[Req]) -> Launch:
    """apibench: one YAML collection file (format: apibench README "Collections").

        name: bench
        requests:
          - name: "req-00001"
            method: GET
            url: "http://127.0.0.1:PORT/item/1"

    Launched as `apibench FILE` in `work`. The tree starts with the first request
    selected (tui/tree.rs: "Start on the first request"), and the request pane shows
    the selected request's `METHOD URL`, so no select keys are needed and the URL
    proves the selection. `s` sends the selected request (README key table; the
    status bar says "s send"). The response pane's Body tab shows JSON pretty-printed
    (built off the UI thread; "formatting the body..." until it is ready), so S2's
    TOP_PRETTY marker is the same evidence as for the peers. apibench keeps no state
    between runs (only an optional keymap.yaml in its config dir).

    Options (from the command line): cmd (template with {collection}, or a plain
    binary path), collection (an existing file/dir to use as-is; may contain {n}
    and {scenario}), select_keys, send_keys, ready.
    """
    o = ctx.options
    if o.get("collection"):
        path = Path(o["collection"].format(n=len(reqs), scenario=o.get("scenario", "")))
    else:
        path = work / "apibench.yaml"
        lines = ["name: bench", "requests:"]
        for r in reqs:
            lines += [f"  - name: {q(r.name)}",
                      f"    method: {r.method}", f"    url: {q(r.url)}"]
        path.write_text("\n".join(lines) + "\n")
    path = path.resolve()
    argv = shlex.split(ctx.binary.format(collection=str(path)))
    if "{collection}" not in ctx.binary:
        argv.append(str(path))
    # run in `work` like the peers; resolve a relative program path from the harness's cwd
    if os.sep in argv[0] and not os.path.isabs(argv[0]):
        argv[0] = os.path.abspath(argv[0])
    return Launch(
        argv=argv,
        ready=o.get("ready") or reqs[0].name,
        select_keys=o.get("select_keys") or [],     # first request is selected at start
        selected=reqs[0].url,                       # request pane: "GET <url>"
        send_keys=o.get("send_keys") or ["s"],
        env={"APIBENCH_CONFIG_DIR": str(work / "apibench-config")},  # no keymap.yaml
        cwd=str(work),
    )


@dataclass
class PeerSpec:
    name: str
    prepare: Adapter
    exe: str                        # file name looked up under the peers root / PATH
    version_cmd: Callable[[str], list[str]] | None = None
    only: tuple[str, ...] = ()      # restrict to these scenarios (empty = all)


def _posting_version(binary: str) -> list[str]:
    py = Path(binary).with_name("python")
    return [str(py), "-c", "import importlib.metadata as m; print('posting', m.version('posting'))"]


PEERS: dict[str, PeerSpec] = {
    "slumber": PeerSpec("slumber", prepare_slumber, "slumber", lambda b: [b, "--version"]),
    # same binary, config changed so that big bodies are prettified; only S2 differs
    "slumber-pretty": PeerSpec("slumber-pretty", prepare_slumber_pretty, "slumber",
                               lambda b: [b, "--version"], only=("S2",)),
    "atac": PeerSpec("atac", prepare_atac, "atac", lambda b: [b, "--version"]),
    "posting": PeerSpec("posting", prepare_posting, "posting", _posting_version),
    "apibench": PeerSpec("apibench", prepare_apibench, "apibench",
                         lambda b: [shlex.split(b)[0], "--version"]),
}


# ---------------------------------------------------------------- helpers

def find_binary(spec: PeerSpec, args) -> str | None:
    for key in (spec.name, spec.exe):          # slumber-pretty reuses --bin slumber=...
        if key in args.bins:
            return args.bins[key]
    if spec.name == "apibench":
        return args.apibench_cmd or None
    root = args.peers_root
    if root:
        for sub in ("bin", "venv/bin"):
            p = Path(root) / sub / spec.exe
            if p.exists():
                return str(p)
    return shutil.which(spec.exe)


def peer_version(spec: PeerSpec, binary: str) -> str:
    if not spec.version_cmd:
        return "?"
    try:
        out = subprocess.run(spec.version_cmd(binary), capture_output=True, text=True,
                             timeout=20).stdout.strip()
        return out.splitlines()[0] if out else "?"
    except Exception as e:  # noqa: BLE001
        return f"? ({e.__class__.__name__})"


def fresh_env(home: Path, extra: dict[str, str]) -> dict[str, str]:
    """A clean HOME/XDG tree per run, so no peer sees state from an earlier run."""
    for sub in (".config", ".local/share", ".local/state", ".cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "POSTING_"))}
    env.update({
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    })
    env.update(extra)
    return env


class Server:
    def __init__(self, size_mb: float, port: int):
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "serve_json.py"), "--size-mb", str(size_mb),
             "--port", str(port)], stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().split()
        if not line or line[0] != "PORT":
            raise RuntimeError("server did not start")
        self.port, self.body_bytes = int(line[1]), int(line[3])
        self.base_url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# ---------------------------------------------------------------- one run

def run_once(peer: str, spec: PeerSpec, ctx: Ctx, scenario: str, n: int, base_url: str,
             run_dir: Path, a) -> dict:
    res: dict = {"peer": peer, "scenario": scenario, "n": n, "ok": False,
                 "loadavg": Path("/proc/loadavg").read_text().split()[:3]}
    work = run_dir / "work"
    work.mkdir(parents=True, exist_ok=True)
    reqs = make_requests(n, base_url, big_first=(scenario == "S2"))
    ctx.options["scenario"] = scenario
    launch = spec.prepare(ctx, work, reqs)
    if launch.note:
        res["note"] = launch.note
    env = fresh_env(run_dir / "home", launch.env)
    timeout = {"S1": a.s1_timeout, "S2": a.s2_timeout, "S3": a.s1_timeout}[scenario]
    p = TuiProbe(launch.argv, a.cols, a.rows, env=env, cwd=launch.cwd,
                 log_path=str(run_dir / "tty.log") if a.keep else None)
    p.start()
    stage = "ready"
    try:
        res["ready_s"] = p.wait_for(launch.ready, timeout) - p.t0
        if scenario == "S1":
            res["value"] = res["ready_s"]
            time.sleep(a.settle)                 # let memory settle after first paint
        elif scenario == "S3":
            time.sleep(a.idle_delay)
            c0, t0 = p.cpu_ticks(), time.monotonic()
            time.sleep(a.idle_s)
            ticks, dt = p.cpu_ticks() - c0, time.monotonic() - t0
            res["value"] = ticks / CLK_TCK
            res["cpu_pct"] = 100.0 * ticks / CLK_TCK / dt
        elif scenario == "S2":
            stage = "select"
            p.wait_quiet(0.3, 2.0)       # some peers redraw on a timer: cap the wait
            if launch.select_keys:
                p.send(*launch.select_keys, gap=launch.key_gap)
            if launch.selected:
                p.wait_for(launch.selected, 15)
            p.wait_quiet(0.3, 2.0)
            stage = "response"
            t_send = p.send(*launch.send_keys)
            t_any = p.wait_for([TOP_PRETTY, TOP_RAW], timeout)
            res["value"] = t_any - t_send
            res["pretty_s"] = None
            try:    # shown raw first? see whether a pretty-printed view follows
                left = max(0.1, min(a.pretty_wait, timeout - (t_any - t_send)))
                res["pretty_s"] = p.wait_for(TOP_PRETTY, left) - t_send
            except ProbeTimeout:
                pass
            time.sleep(a.settle)
        res["ok"] = True
    except (ProbeTimeout, ProbeExited) as e:
        res["error"] = f"{stage}: {e.__class__.__name__}"
        (run_dir / "screen-at-error.txt").write_text(p.text() + "\n")
    finally:
        if a.keep:
            (run_dir / "screen-final.txt").write_text(p.text() + "\n")
        p.close()
        if p.t_first_output is not None:
            res["first_output_s"] = p.t_first_output - p.t0
        res["rss_mb"] = round(p.mem.hwm_sum_kb / 1024, 1)
        res["tree_rss_sampled_mb"] = round(p.mem.peak_tree_rss_kb / 1024, 1)
    return res


# ---------------------------------------------------------------- main

def fmt_row(cols: list[str], widths: list[int]) -> str:
    return " | ".join(c.ljust(w) for c, w in zip(cols, widths))


def summarize(results: list[dict], scen_rows: list[tuple[str, str, int]],
              peers: list[str]) -> list[list[str]]:
    rows = []
    for peer in peers:
        for label, scen, n in scen_rows:
            rs = [r for r in results if r["peer"] == peer and r["scenario"] == scen and r["n"] == n]
            if not rs:
                continue
            ok = [r for r in rs if r["ok"]]
            note = [f"{len(ok)}/{len(rs)} ok"]
            errs = sorted({r["error"] for r in rs if not r["ok"]})
            if errs:
                note.append("; ".join(errs))
            if ok:
                med = statistics.median(r["value"] for r in ok)
                rss = statistics.median(r["rss_mb"] for r in ok)
                vals = sorted(r["value"] for r in ok)
                note.append(f"min {vals[0]:.3f} max {vals[-1]:.3f}")
                if scen == "S1":
                    fo = [r["first_output_s"] for r in ok if "first_output_s" in r]
                    if fo:
                        note.append(f"first output {statistics.median(fo):.3f}")
                if scen == "S3":
                    note.append(f"{statistics.median(r['cpu_pct'] for r in ok):.1f}% of a core")
                if scen == "S2":
                    pretty = [r["pretty_s"] for r in ok if r.get("pretty_s") is not None]
                    if len(pretty) == len(ok):
                        if any(r["pretty_s"] - r["value"] > 0.05 for r in ok):
                            note.append(f"pretty-printed after {statistics.median(pretty):.3f}")
                        else:
                            note.append("pretty-printed")
                    elif not pretty:
                        note.append("shown raw, never pretty-printed")
                    else:
                        note.append(f"pretty-printed in {len(pretty)}/{len(ok)} runs")
                medtxt, rsstxt = f"{med:.3f}", f"{rss:.1f}"
            else:
                medtxt, rsstxt = "-", "-"
            rows.append([peer, label, medtxt, rsstxt, ", ".join(note)])
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peers", default="slumber,slumber-pretty,atac,posting",
                    help="comma list; add 'apibench' with --apibench-cmd")
    ap.add_argument("--scenarios", default="S1,S2,S3")
    ap.add_argument("--sizes", default="10,5000", help="collection sizes for S1")
    ap.add_argument("--s3-sizes", default="10", help="collection sizes for S3")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--size-mb", type=float, default=5.0, help="S2 body size")
    ap.add_argument("--port", type=int, default=0, help="server port (0 = any free one)")
    ap.add_argument("--idle-s", type=float, default=5.0)
    ap.add_argument("--idle-delay", type=float, default=0.0,
                    help="S3: seconds to wait after the ready text before measuring")
    ap.add_argument("--settle", type=float, default=0.5,
                    help="seconds kept running after the measured point (memory sampling)")
    ap.add_argument("--s1-timeout", type=float, default=60.0)
    ap.add_argument("--s2-timeout", type=float, default=120.0)
    ap.add_argument("--pretty-wait", type=float, default=5.0,
                    help="S2: after a raw body shows, wait this long for a pretty-printed one")
    ap.add_argument("--peers-root", default=os.environ.get("BENCH_PEERS_ROOT"))
    ap.add_argument("--bin", action="append", default=[], metavar="NAME=PATH")
    ap.add_argument("--apibench-cmd", default=os.environ.get("APIBENCH_CMD"),
                    help="e.g. 'target/release/apibench {collection}'")
    ap.add_argument("--apibench-collection", default=os.environ.get("APIBENCH_COLLECTION"),
                    help="use this collection as-is ({n}, {scenario} substituted)")
    ap.add_argument("--apibench-select-keys", default="", help="comma list of key names")
    ap.add_argument("--apibench-send-keys", default="", help="comma list of key names (default: s)")
    ap.add_argument("--apibench-ready", default="", help="text to wait for at startup")
    ap.add_argument("--workdir", help="keep scratch files here (default: a temp dir, removed)")
    ap.add_argument("--keep", action="store_true", help="keep scratch files and pty logs")
    ap.add_argument("--out", help="write all per-run results as JSON here")
    a = ap.parse_args()
    a.bins = dict(b.split("=", 1) for b in a.bin)

    peers = [p.strip() for p in a.peers.split(",") if p.strip()]
    scenarios = [s.strip().upper() for s in a.scenarios.split(",")]
    sizes = [int(x) for x in a.sizes.split(",")]
    s3_sizes = [int(x) for x in a.s3_sizes.split(",")]

    ctxs: dict[str, Ctx] = {}
    info: dict[str, str] = {}
    for peer in peers:
        spec = PEERS.get(peer)
        if spec is None:
            print(f"unknown peer {peer}; known: {', '.join(PEERS)}", file=sys.stderr)
            return 2
        binary = find_binary(spec, a)
        if not binary:
            info[peer] = "NOT FOUND"
            continue
        ctx = Ctx(binary)
        if peer == "apibench":
            ctx.options = {
                "collection": a.apibench_collection,
                "select_keys": [k for k in a.apibench_select_keys.split(",") if k],
                "send_keys": [k for k in a.apibench_send_keys.split(",") if k],
                "ready": a.apibench_ready,
            }
        ctxs[peer] = ctx
        info[peer] = peer_version(spec, binary)
    for peer in peers:
        print(f"# {peer}: {info[peer]}", flush=True)

    plan: list[tuple[str, str, int]] = []      # (label, scenario, n)
    if "S1" in scenarios:
        plan += [(f"S1 startup n={n}", "S1", n) for n in sizes]
    if "S2" in scenarios:
        plan += [(f"S2 {a.size_mb:g}MB JSON", "S2", 10)]
    if "S3" in scenarios:
        after = f" +{a.idle_delay:g}s" if a.idle_delay else ""
        plan += [(f"S3 idle CPU {a.idle_s:g}s{after} n={n}", "S3", n) for n in s3_sizes]

    root = Path(a.workdir) if a.workdir else Path(tempfile.mkdtemp(prefix="tui-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    server = Server(a.size_mb, a.port)   # request URLs point at it in every scenario
    load0 = Path("/proc/loadavg").read_text().split()[:3]
    print(f"# server {server.base_url} body {server.body_bytes} bytes; "
          f"{os.cpu_count()} cpus; runs={a.runs}; loadavg at start {' '.join(load0)}", flush=True)
    results: list[dict] = []
    failed_dirs: list[Path] = []
    try:
        for label, scen, n in plan:
            for k in range(a.runs):
                # interleave peers within each repetition to spread machine noise
                for peer in peers:
                    if peer not in ctxs or (PEERS[peer].only and scen not in PEERS[peer].only):
                        continue
                    run_dir = root / peer / f"{scen}-n{n}-{k}"
                    try:
                        r = run_once(peer, PEERS[peer], ctxs[peer], scen, n,
                                     server.base_url, run_dir, a)
                    except Exception as e:  # noqa: BLE001  (adapter bug, bad binary...)
                        r = {"peer": peer, "scenario": scen, "n": n, "ok": False,
                             "error": f"{e.__class__.__name__}: {e}"}
                    results.append(r)
                    v = f"{r['value']:.3f}" if r.get("ok") else r.get("error")
                    print(f"  {label:<22} {peer:<9} run {k + 1}: {v}  rss {r.get('rss_mb', '-')} MB",
                          flush=True)
                    if r.get("ok") and not a.keep:
                        shutil.rmtree(run_dir, ignore_errors=True)
                    elif not r.get("ok"):
                        failed_dirs.append(run_dir)
    finally:
        server.stop()
        if not a.keep and not a.workdir and not failed_dirs:
            shutil.rmtree(root, ignore_errors=True)
        for d in failed_dirs:
            print(f"# failed run kept for inspection: {d}", file=sys.stderr)

    for peer in peers:
        if peer in ctxs:
            continue
        results.append({"peer": peer, "scenario": "-", "n": 0, "ok": False,
                        "error": "binary not found"})
    rows = summarize(results, plan, [p for p in peers if p in ctxs])
    rows += [[p, "-", "-", "-", "not installed / not found"] for p in peers if p not in ctxs]
    head = ["peer", "scenario", "median s", "peak RSS MB", "notes"]
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(5)]
    print()
    print(fmt_row(head, widths))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(fmt_row(r, widths))
    load1 = Path("/proc/loadavg").read_text().split()[:3]
    print(f"loadavg at start {' '.join(load0)}, at end {' '.join(load1)}")
    for peer in peers:
        for nt in sorted({r["note"] for r in results if r["peer"] == peer and r.get("note")}):
            print(f"note ({peer}): {nt}")
    print("\nS1: seconds from spawn to the ready text; S2: seconds from send key to the top "
          "of the body on screen;\nS3: CPU seconds used while idle. RSS: per-process VmHWM "
          "summed over the process tree, median of runs.")
    if a.out:
        Path(a.out).write_text(json.dumps({"versions": info, "loadavg": [load0, load1],
                                           "size_mb": a.size_mb,
                                           "results": results,
                                           "table": [head] + rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
