#!/usr/bin/env bash
# Capture latency: a real daemon (bin/kato start) watching a temp Claude root; lines appended to a
# session log are timed until they are in the recording. Usage: bench/capture.sh [SAMPLES]
set -euo pipefail
cd "$(dirname "$0")/.."
samples=${1:-300}
JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME
bin/kato --version >/dev/null
./mvnw -B -ntp -q -DskipTests -Dspotless.check.skip=true -Dkato.lockfile.skip=true test-compile >/dev/null
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_work
bench_home kato-home
mkdir -p "$work/claude/-bench" "$work/notes"
bin/kato start >/dev/null
pid=$(cat "$KATO_HOME/runtime/daemon.pid")
"$JAVA_HOME/bin/java" -cp target/test-classes dev.kato.bench.CaptureLatency "$work/claude/-bench/bench.jsonl" "$work/notes/capture.md" "$samples"
# Idle CPU over 60 s with nothing changing, and memory of the daemon.
ticks() { # CPU ticks of the daemon, and of it and its workers (provider workers, the writer)
    local all=0 p
    for p in $pid $(pgrep -P "$pid" || true); do
        all=$((all + $(awk '{print $14+$15}' /proc/"$p"/stat 2>/dev/null || echo 0)))
    done
    echo "$(awk '{print $14+$15}' /proc/"$pid"/stat) $all"
}
read -r d0 a0 < <(ticks); sleep "${IDLE_SECONDS:-60}"; read -r d1 a1 < <(ticks)
hz=$(getconf CLK_TCK)
python3 -c "print(f'idle CPU: daemon {($d1-$d0)/$hz/${IDLE_SECONDS:-60}*100:.2f} %, all processes {($a1-$a0)/$hz/${IDLE_SECONDS:-60}*100:.2f} % of one core over ${IDLE_SECONDS:-60} s')"
grep -E '^(Pss|Rss):' /proc/"$pid"/smaps_rollup | awk '{printf "daemon %s %d MB\n", $1, $2/1024}'
# All Kato processes: the daemon and its children (the recording's writer worker).
children=$(pgrep -P "$pid" | tr '\n' ' ' || true)
for p in $pid $children; do grep -E '^(Pss|Rss):' /proc/"$p"/smaps_rollup; done |
    awk -v n="$(echo "$children" | wc -w)" '{s[$1] += $2} END {printf "daemon + %d worker(s): Pss %d MB, Rss %d MB\n", n, s["Pss:"] / 1024, s["Rss:"] / 1024}'
