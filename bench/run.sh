#!/usr/bin/env bash
# apibench beside the peer TUI clients (Slumber, ATAC, Posting), in one run, into one table.
#
#   bench/run.sh                 # installs the peers first if PEERS is empty; ~25 minutes
#   PEERS=/opt/peers RUNS=5 bench/run.sh
#
# Three parts, back to back, each a `run_peers.py` invocation with its JSON kept under OUT:
#   1. start-up at 10, 5,000 and 50,000 requests (one list), a 5 MB JSON body, idle CPU;
#   2. a 50 MB JSON body (one run each: the peers take minutes and gigabytes);
#   3. a 1 GB JSON body, apibench and Slumber's raw view only: the others hold about a hundred
#      times the body in memory (5.3 GB for 50 MB), more than a machine like this one has.
# Then `table.py` writes OUT/RESULTS.md, the table the README shows.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PEERS=${PEERS:-$ROOT/target/peers}
RUNS=${RUNS:-3}
OUT=${OUT:-$ROOT/target/peer-bench}
mkdir -p "$OUT"

if [[ ! -x $PEERS/bin/slumber || ! -x $PEERS/venv/bin/python ]]; then
    "$ROOT/bench/install_peers.sh" "$PEERS"
fi
(cd "$ROOT" && cargo build --release --locked --bin apibench)
PY=$PEERS/venv/bin/python
APIBENCH="$ROOT/target/release/apibench {collection}"
common=(--peers-root "$PEERS" --apibench-cmd "$APIBENCH")

cd "$ROOT"
"$PY" bench/run_peers.py "${common[@]}" --peers slumber,slumber-pretty,atac,posting,apibench \
    --scenarios S1,S2,S3 --sizes 10,5000,50000 --runs "$RUNS" --out "$OUT/part1.json"
"$PY" bench/run_peers.py "${common[@]}" --peers slumber,slumber-pretty,atac,posting,apibench \
    --scenarios S2 --size-mb 50 --runs 1 --s2-timeout 240 --out "$OUT/part2.json"
"$PY" bench/run_peers.py "${common[@]}" --peers slumber,apibench \
    --scenarios S2 --size-mb 1024 --runs 1 --s2-timeout 240 --out "$OUT/part3.json"
"$PY" bench/table.py "$OUT/RESULTS.md" "$OUT/part1.json" "$OUT/part2.json" "$OUT/part3.json"
