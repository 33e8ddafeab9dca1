#!/usr/bin/env bash
# `apibench run FILE --all --jobs 8` as a CI runner: N GETs against the local demo API,
# wall time and peak memory, beside Hurl, xh and curl sending the same N requests 8 at a time;
# and `--jobs 1` beside `curl -K`, the same N one after another over one kept-alive connection.
# See README.md beside this file. Not a cargo target: run it by hand.
#
#   benches/ci_runner/run.sh                   # from a checkout; prints a Markdown table
#   N=1000 RUNS=5 JOBS=8 PEERS_DIR=/tmp/peers benches/ci_runner/run.sh
#   INSTALL_SYSTEM_DEPS=1 ...                  # apt-get libcurl/libxml2 headers so Hurl builds
set -euo pipefail

N=${N:-1000}                      # requests per run
RUNS=${RUNS:-5}                   # runs of each tool, interleaved
JOBS=${JOBS:-8}                   # parallelism for every tool
SWEEP_JOBS=${SWEEP_JOBS:-"1 4 8 16"}   # apibench --jobs values timed afterwards ("" to skip)
PEERS_DIR=${PEERS_DIR:-/tmp/peers}     # where peers are cargo-installed (bin/ under it)
INSTALL_SYSTEM_DEPS=${INSTALL_SYSTEM_DEPS:-0}
KEEP=${KEEP:-0}                   # 1: keep the temp dir (inputs, raw results)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TIME=/usr/bin/time
[[ -x $TIME ]] || { echo "need GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"
export NO_COLOR=1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/apibench-ci-runner.XXXXXX")
SERVER_PID=""
cleanup() {
    if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    if [[ $KEEP == 1 ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "== $*" >&2; }
NOTES=()
note() { NOTES+=("$*"); log "$*"; }

# ---------------------------------------------------------------- build and peers
log "building apibench (release)"
(cd "$ROOT" && cargo build --release --locked --bin apibench >&2)
APIBENCH=${CARGO_TARGET_DIR:-$ROOT/target}/release/apibench

mkdir -p "$PEERS_DIR"
cargo_install() { # crate bin -> installs into $PEERS_DIR unless already there
    local crate=$1 bin=$2 log=$PEERS_DIR/$1-install.log older
    if [[ -x $PEERS_DIR/bin/$bin ]]; then return 0; fi
    log "cargo install $crate --locked --root $PEERS_DIR (log: $log)"
    CARGO_TARGET_DIR=$PEERS_DIR/target cargo install "$crate" --locked --root "$PEERS_DIR" >"$log" 2>&1 && return 0
    # The newest release may need a newer rustc than this one: cargo names one that fits.
    older=$(sed -n "s/^\`$crate \([^\`]*\)\` supports rustc.*/\1/p" "$log" | head -1)
    [[ -n $older ]] || return 1
    log "cargo install $crate --version $older (the newest needs a newer rustc)"
    CARGO_TARGET_DIR=$PEERS_DIR/target cargo install "$crate" --version "$older" --locked \
        --root "$PEERS_DIR" >"$log" 2>&1
}

XH=""
if cargo_install xh xh; then XH=$PEERS_DIR/bin/xh
else note "xh skipped: cargo install xh failed (see $PEERS_DIR/xh-install.log)"; fi

HURL=""
if command -v hurl >/dev/null; then HURL=$(command -v hurl)
else
    # crates.io has Hurl's source only: it links libcurl and libxml2, and its libxml crate runs
    # bindgen, which needs libclang. The npm package @orangeopensource/hurl downloads its
    # binary from GitHub releases in a postinstall script, and PyPI's `hurl` is an unrelated
    # 2013 project: neither works with package registries alone.
    hurl_deps() {
        pkg-config --exists libcurl libxml-2.0 2>/dev/null || return 1
        [[ -n ${LIBCLANG_PATH:-} ]] || compgen -G '/usr/lib/llvm-*/lib/libclang*.so*' >/dev/null \
            || compgen -G '/usr/lib/*/libclang*.so*' >/dev/null
    }
    if ! hurl_deps && [[ $INSTALL_SYSTEM_DEPS == 1 ]] && command -v apt-get >/dev/null; then
        log "apt-get install libcurl4-openssl-dev libxml2-dev libclang-dev pkg-config"
        DEBIAN_FRONTEND=noninteractive apt-get install -y \
            libcurl4-openssl-dev libxml2-dev libclang-dev pkg-config >&2
    fi
    if ! hurl_deps; then
        note "hurl skipped: not on PATH, and building it from crates.io needs the libcurl and libxml2 development headers and libclang (apt-get install libcurl4-openssl-dev libxml2-dev libclang-dev pkg-config, or INSTALL_SYSTEM_DEPS=1); the npm package downloads its binary from GitHub at install time"
    elif cargo_install hurl hurl; then HURL=$PEERS_DIR/bin/hurl
    else note "hurl skipped: cargo install hurl failed (see $PEERS_DIR/hurl-install.log)"; fi
fi
CURL=$(command -v curl || true)
[[ -n $CURL ]] || note "curl skipped: not installed"

# ---------------------------------------------------------------- demo server
log "starting the demo API"
"$APIBENCH" demo --no-tui --port 0 >"$WORK/demo-url.txt" 2>"$WORK/demo.err" &
SERVER_PID=$!
for _ in $(seq 100); do [[ -s $WORK/demo-url.txt ]] && break; sleep 0.1; done
BASE=$(head -1 "$WORK/demo-url.txt")
[[ $BASE == http://127.0.0.1:* ]] || { echo "demo did not start: $(cat "$WORK/demo.err")" >&2; exit 1; }
log "demo API at $BASE (pid $SERVER_PID)"

# ---------------------------------------------------------------- inputs
# The same N requests for every tool: GET $BASE/v1/echo?n=I (no rate limit, 200, JSON body).
mkdir -p "$WORK/hurl" "$WORK/cmd"
{
    echo "name: Bench"
    echo "variables:"
    echo "  base: $BASE"
    echo "requests:"
    for i in $(seq "$N"); do
        printf '  - name: r%04d\n    url: "{{ base }}/v1/echo?n=%d"\n    expect: { status: 200 }\n' "$i" "$i"
    done
} >"$WORK/bench.yaml"
for i in $(seq "$N"); do echo "$BASE/v1/echo?n=$i"; done >"$WORK/urls.txt"
awk '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$WORK/urls.txt" >"$WORK/curl.cfg"
if [[ -n $HURL ]]; then
    awk -v dir="$WORK/hurl" '{ f = sprintf("%s/r%04d.hurl", dir, NR); printf "GET %s\nHTTP 200\n", $0 > f; close(f) }' \
        "$WORK/urls.txt"
fi
"$APIBENCH" check "$WORK/bench.yaml" >&2

# Each tool is a tiny script that execs the command, so /usr/bin/time and the memory sampler
# see the tool itself (xargs and its children for the xargs-driven ones).
TOOLS=()
tool() { # name, command line (shell text; stdout of the tool goes to /dev/null)
    local name=$1; shift
    printf '#!/bin/sh\nexec %s\n' "$*" >"$WORK/cmd/$name"
    chmod +x "$WORK/cmd/$name"
    TOOLS+=("$name")
}
Y=$WORK/bench.yaml
tool "apibench --jobs $JOBS" "'$APIBENCH' run '$Y' --all --jobs $JOBS >/dev/null"
tool "apibench --jobs 1" "'$APIBENCH' run '$Y' --all --jobs 1 >/dev/null"
tool "apibench --jobs $JOBS --output json" "'$APIBENCH' run '$Y' --all --jobs $JOBS --output json >/dev/null"
tool "apibench --jobs $JOBS --report junit" "'$APIBENCH' run '$Y' --all --jobs $JOBS --report junit='$WORK/x.xml' >/dev/null"
if [[ -n $HURL ]]; then
    tool "hurl --test --jobs $JOBS" "'$HURL' --test --jobs $JOBS --no-color '$WORK'/hurl/*.hurl >/dev/null 2>'$WORK/hurl.err'"
fi
if [[ -n $XH ]]; then
    tool "xh via xargs -P $JOBS" "xargs -P $JOBS -n 1 '$XH' --ignore-stdin --check-status --body <'$WORK/urls.txt' >/dev/null"
fi
if [[ -n $CURL ]]; then
    tool "curl via xargs -P $JOBS" "xargs -P $JOBS -n 1 '$CURL' -sS --fail -o /dev/null <'$WORK/urls.txt'"
    tool "curl --parallel-max $JOBS" "'$CURL' -sS --no-progress-meter --fail --parallel --parallel-max $JOBS -K '$WORK/curl.cfg'"
    # The row `apibench --jobs 1` is measured against: one process, one connection, in order.
    tool "curl -K" "'$CURL' -sS --no-progress-meter --fail -K '$WORK/curl.cfg'"
fi

# Peak memory of the whole process tree (xargs and all its children at once), by sampling
# /proc every 2 ms. A separate, untimed pass: the sampler costs CPU.
cat >"$WORK/treepeak.py" <<'PY'
import os, subprocess, sys, time
page = os.sysconf("SC_PAGE_SIZE")
def tree(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop(); out.append(p)
        try:
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out
def rss(p):
    try:
        with open(f"/proc/{p}/statm") as f:
            return int(f.read().split()[1]) * page
    except (OSError, IndexError):
        return 0
child = subprocess.Popen(sys.argv[1:])
peak = 0
while child.poll() is None:
    peak = max(peak, sum(rss(p) for p in tree(child.pid)))
    time.sleep(0.002)
print(peak // 1024, child.returncode)
PY

# ---------------------------------------------------------------- measurements
RAW=$WORK/raw.tsv   # tool, run, wall s, max RSS KB (largest single process), exit status
: >"$RAW"
measure() { # name run -> appends a row
    local name=$1 run=$2 rc=0 t0 t1 wall rss
    t0=$(date +%s%N)
    "$TIME" -f "%M" -o "$WORK/time.out" "$WORK/cmd/$name" || rc=$?
    t1=$(date +%s%N)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    rss=$(tail -1 "$WORK/time.out")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$wall" "$rss" "$rc" >>"$RAW"
    printf '   %-34s run %s: %7s s %8s KB exit %s\n' "$name" "$run" "$wall" "$rss" "$rc" >&2
}
log "warm-up: each tool once (not counted)"
for name in "${TOOLS[@]}"; do "$WORK/cmd/$name" >/dev/null 2>&1 || note "warm-up: $name exited non-zero"; done
cases=$(grep -c '<testcase' "$WORK/x.xml" || true)
[[ $cases == "$N" ]] || note "the JUnit report has $cases test cases, not $N"
for run in $(seq "$RUNS"); do
    log "run $run of $RUNS"
    for name in "${TOOLS[@]}"; do measure "$name" "$run"; done
done

TREE=$WORK/tree.tsv
: >"$TREE"
if command -v python3 >/dev/null; then
    log "tree peak RSS pass (sampled, not timed)"
    for name in "${TOOLS[@]}"; do
        read -r kb rc < <(python3 "$WORK/treepeak.py" "$WORK/cmd/$name")
        printf '%s\t%s\n' "$name" "$kb" >>"$TREE"
    done
else
    note "python3 missing: no whole-tree memory column"
fi

SWEEP=$WORK/sweep.tsv
: >"$SWEEP"
if [[ -n $SWEEP_JOBS ]]; then
    log "apibench --jobs sweep: $SWEEP_JOBS"
    for run in $(seq "$RUNS"); do
        for j in $SWEEP_JOBS; do
            t0=$(date +%s%N)
            "$TIME" -f "%M %U %S" -o "$WORK/time.out" \
                "$APIBENCH" run "$Y" --all --jobs "$j" >/dev/null || true
            t1=$(date +%s%N)
            wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
            read -r rss user sys < <(tail -1 "$WORK/time.out")
            printf '%s\t%s\t%s\t%s\t%s\n' "$j" "$wall" "$rss" "$user" "$sys" >>"$SWEEP"
        done
    done
fi

# ---------------------------------------------------------------- report
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
version() { "$@" 2>/dev/null | head -1 || true; }

echo
echo "### apibench run as a CI runner: $N GETs of /v1/echo, $RUNS runs each, interleaved"
echo
echo "$(nproc) CPUs, $(uname -sr), $JOBS at a time; medians of $RUNS runs. Wall: from start to exit"
echo "(\`date +%s%N\` around GNU time). Peak RSS: largest single process (GNU time \`%M\`); tree peak:"
echo "all processes of the run at once, sampled from /proc every 2 ms in a separate, untimed run (a lower bound)."
echo
echo "| tool | wall (s) | min–max wall (s) | peak RSS, one process (MB) | tree peak (MB) | failed runs |"
echo "|---|--:|--:|--:|--:|--:|"
for name in "${TOOLS[@]}"; do
    rows=$(awk -F'\t' -v n="$name" '$1 == n' "$RAW")
    wall=$(cut -f3 <<<"$rows" | median)
    lo=$(cut -f3 <<<"$rows" | sort -g | head -1)
    hi=$(cut -f3 <<<"$rows" | sort -g | tail -1)
    rss=$(cut -f4 <<<"$rows" | median)
    bad=$(awk -F'\t' '$5 != 0' <<<"$rows" | wc -l)
    tree=$(awk -F'\t' -v n="$name" '$1 == n { printf "%.1f", $2 / 1024 }' "$TREE")
    printf '| `%s` | %.3f | %.3f–%.3f | %.1f | %s | %s |\n' "$name" "$wall" "$lo" "$hi" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "${tree:-–}" "$bad"
done
if [[ -s $SWEEP ]]; then
    echo
    echo "apibench \`--jobs\` sweep (medians; user/sys are CPU seconds of apibench itself):"
    echo
    echo "| --jobs | wall (s) | user (s) | sys (s) | peak RSS (MB) |"
    echo "|--:|--:|--:|--:|--:|"
    for j in $SWEEP_JOBS; do
        rows=$(awk -F'\t' -v j="$j" '$1 == j' "$SWEEP")
        printf '| %s | %.3f | %.2f | %.2f | %.1f |\n' "$j" "$(cut -f2 <<<"$rows" | median)" \
            "$(cut -f4 <<<"$rows" | median)" "$(cut -f5 <<<"$rows" | median)" \
            "$(awk -v k="$(cut -f3 <<<"$rows" | median)" 'BEGIN { print k / 1024 }')"
    done
fi
echo
echo "Versions:"
echo
echo "- apibench: $(version "$APIBENCH" --version) ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
[[ -n $HURL ]] && echo "- hurl: $(version "$HURL" --version)"
[[ -n $XH ]] && echo "- xh: $(version "$XH" --version)"
[[ -n $CURL ]] && echo "- curl: $(version "$CURL" --version)"
echo "- xargs: $(version xargs --version)"
for n in "${NOTES[@]}"; do echo "- note: $n"; done
if [[ $KEEP == 1 ]]; then echo; echo "Raw results: $RAW, $TREE, $SWEEP"; fi
