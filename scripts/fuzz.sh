#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a fixed time and says, one line each, how many
# inputs it ran and whether it crashed (issue 15, "Fuzzing"; docs/fuzzing.md). Not part of
# CI's run: it takes FUZZ_SECONDS (default 600) per target.
#
#   scripts/fuzz.sh                     every target, 600 s each
#   FUZZ_SECONDS=60 scripts/fuzz.sh     a quick pass
#   scripts/fuzz.sh template importers  only these targets
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`). Builds go
# to fuzz/target; each target's growing corpus to fuzz/corpus/<target> (seeded from the
# committed fuzz/seeds/<target>), crashes to fuzz/artifacts/<target>, logs to fuzz/logs.
# One process per target, one at a time: libFuzzer's default, the frugal one. The address
# sanitizer is off by default (FUZZ_SANITIZER=address turns it on): the crate forbids unsafe
# code, and what these targets look for — panics, hangs, runaway memory — needs none.
# Exits non-zero when any target crashed, hung (-timeout, per input) or ran out of memory.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

seconds="${FUZZ_SECONDS:-600}"
sanitizer="${FUZZ_SANITIZER:-none}"
toolchain="${FUZZ_TOOLCHAIN:-nightly}"
export CARGO_TARGET_DIR="$root/fuzz/target"

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo "+$toolchain" fuzz list)
fi

# One build for every target (they share the crate); `fuzz run` then finds them built.
cargo "+$toolchain" fuzz build --sanitizer "$sanitizer" || {
    echo "fuzz: the targets do not build" >&2
    exit 2
}

mkdir -p fuzz/logs
failed=0
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
    log="fuzz/logs/$target.log"
    before="$(ls "fuzz/artifacts/$target" | wc -l)"
    cargo "+$toolchain" fuzz run --sanitizer "$sanitizer" "$target" \
        "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        >"$log" 2>&1
    status=$?
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
    if [ -z "$runs" ]; then
        runs="$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')"
    fi
    new="$(ls -t "fuzz/artifacts/$target" | head -n "$(($(ls "fuzz/artifacts/$target" | wc -l) - before))")"
    crashes="$(printf '%s' "$new" | grep -c .)"
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
        crashes=1
    fi
    printf '%-18s %s s, %s executions, %s crashes%s\n' "$target" "$seconds" "${runs:-?}" "$crashes" \
        "$([ "$crashes" -gt 0 ] && printf ' (%s; log %s)' "$(echo $new)" "$log")"
    [ "$crashes" -gt 0 ] && failed=1
done
exit "$failed"
