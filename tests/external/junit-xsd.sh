#!/usr/bin/env bash
# Validates `apibench run --report junit=FILE` against Jenkins' JUnit schema (junit-10.xsd, the
# one pytest checks its own reports against), with a real XSD validator (Python's xmlschema).
# Both come from package registries (PyPI), so this is not part of `cargo test`, which needs
# nothing installed; run it by hand or in a CI job that may reach PyPI:
#
#     tests/external/junit-xsd.sh
#
# It builds apibench, starts its demo API, writes two reports — the demo collection (every
# request met) and a collection with misses — and validates both. Exit status 0 when valid.
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d)
demo_pid=""
cleanup() {
    [[ -n "$demo_pid" ]] && kill "$demo_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet xmlschema
# The schema ships in pytest's source distribution (testing/example_scripts/junit-10.xsd).
"$work/venv/bin/pip" download --quiet --no-deps --no-binary :all: "pytest==8.3.4" -d "$work"
tar -xzf "$work"/pytest-8.3.4.tar.gz -C "$work" pytest-8.3.4/testing/example_scripts/junit-10.xsd
xsd="$work/pytest-8.3.4/testing/example_scripts/junit-10.xsd"

cargo build --release --quiet
bin=target/release/apibench
"$bin" demo --no-tui --port 0 > "$work/demo.out" &
demo_pid=$!
for _ in $(seq 100); do
    [[ -s "$work/demo.out" ]] && break
    sleep 0.1
done
base=$(head -n 1 "$work/demo.out" | grep -o 'http://[0-9.:]*')

"$bin" run collections/demo.yaml --all --var "base_url=$base" --report "junit=$work/demo.xml" > /dev/null
cat > "$work/misses.yaml" <<YAML
name: Misses
requests:
  - folder: Users
    requests:
      - name: List
        url: $base/v1/users
        expect:
          status: 201
          body:
            \$.total: 4
            \$.data[0].name: { matches: '<&>"' }
YAML
"$bin" run "$work/misses.yaml" --all --report "junit=$work/misses.xml" > /dev/null || true

"$work/venv/bin/python" - "$xsd" "$work/demo.xml" "$work/misses.xml" <<'PY'
import sys
import xmlschema

schema = xmlschema.XMLSchema(sys.argv[1])
bad = 0
for report in sys.argv[2:]:
    errors = list(schema.iter_errors(report))
    name = report.rsplit("/", 1)[-1]
    if errors:
        bad += 1
        print(f"{name}: INVALID")
        for error in errors[:5]:
            print(f"  {error.reason} at {error.path}")
    else:
        print(f"{name}: valid against junit-10.xsd")
sys.exit(1 if bad else 0)
PY
