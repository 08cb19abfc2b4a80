#!/usr/bin/env bash
# CLI start-up: `kato --version`, `kato help` and `kato status` (daemon running) over repeated runs
# (hyperfine; apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
bin/kato --version >/dev/null   # builds the jar and the AOT cache if needed
work=$(mktemp -d)
export KATO_HOME="$work/kato-home"
trap 'bin/kato stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
mkdir -p "$KATO_HOME" "$work/notes"
bin/kato init --allow-write-root "$work/notes" >/dev/null
bin/kato start >/dev/null
mkdir -p bench/results
hyperfine -N --warmup 10 --runs 60 "bin/kato --version" "bin/kato help" "bin/kato status" "bin/kato status --json" \
    --export-json bench/results/startup.json | grep -E "Benchmark|Time"
python3 -c "import json; [print(f\"{r['command']}: p50 {r['median']*1000:.0f} ms\") for r in json.load(open('bench/results/startup.json'))['results']]"
