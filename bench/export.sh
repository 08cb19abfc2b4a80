#!/usr/bin/env bash
# End-to-end `kato export` of a generated 100 MB Claude session (and a Codex one): wall time and
# peak RSS from /usr/bin/time -v, once with bin/kato's normal heap cap (256 MB) and once with 64 MB
# to show the export streams. Usage: bench/export.sh [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-100}
JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME
bin/kato --version >/dev/null   # builds the jar if needed
./mvnw -B -ntp -q -DskipTests -Dspotless.check.skip=true -Dkato.lockfile.skip=true test-compile >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KATO_HOME="$work/kato-home"
mkdir -p "$work/out"
bin/kato init --allow-write-root "$work/out" >/dev/null
for provider in claude codex; do
    log="$work/$provider-session.jsonl"
    [ "$provider" = codex ] && log="$work/rollout-2026-11-01T09-00-00-bench.jsonl"
    "$JAVA_HOME/bin/java" -cp target/test-classes dev.kato.bench.SessionGenerator "$provider" "$mb" "$log"
    size=$(stat -c %s "$log")
    for heap in 256m 64m; do
        /usr/bin/time -v -o "$work/time.txt" env KATO_JAVA_OPTS="-Xmx$heap" \
            bin/kato export "$log" -o "$work/out/$provider-$heap.md" >/dev/null
        wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
        out=$(stat -c %s "$work/out/$provider-$heap.md")
        printf '%s: %.1f MB log -> %.1f MB Markdown, -Xmx%s: wall %s, max RSS %d MB\n' \
            "$provider" "$(echo "$size/1000000" | bc -l)" "$(echo "$out/1000000" | bc -l)" "$heap" "$wall" "$((rss / 1024))"
    done
done
