#!/usr/bin/env bash
# CLI start-up: `kato --version` and `kato help` over repeated runs (hyperfine; apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
bin/kato --version >/dev/null   # builds the jar and the AOT cache if needed
KATO_HOME=$(mktemp -d)
export KATO_HOME
trap 'rm -rf "$KATO_HOME"' EXIT
hyperfine -N --warmup 5 --runs 40 "bin/kato --version" "bin/kato help" --export-json bench/results/startup.json | grep -E "Benchmark|Time"
python3 -c "import json; [print(f\"{r['command']}: p50 {r['median']*1000:.0f} ms\") for r in json.load(open('bench/results/startup.json'))['results']]"
