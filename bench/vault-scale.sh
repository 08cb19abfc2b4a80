#!/usr/bin/env bash
# Daemon at vault scale: SESSIONS generated provider logs (Claude and Codex, ~TOTAL_MB MiB in all,
# many small and a few large) ingested by a real daemon (bin/kato start) into its vault.
#   1. growth: the logs are moved into the provider roots in 4 equal stages while one daemon runs;
#      its RSS/PSS after each stage is caught up shows whether memory depends on history size;
#   2. first start: a fresh KATO_HOME and a daemon started on the whole history; catch-up MB/s is
#      provider bytes / (time from `kato start` until every log's cursor in the vault's meta.json
#      files has reached the log's size); RSS/PSS right after and after IDLE_SECONDS idle;
#   3. restart: the same daemon home started again with everything in the vault; RSS/PSS idle;
#   4. two recordings started by `::capture` in that daemon: every process's PSS/RSS after 5 s
#      and after 30 s idle. The Gemini root holds the repository's Gemini test sessions.
# Usage: bench/vault-scale.sh [SESSIONS [TOTAL_MB]]   (default 2000 1024; smoke: 200 100)
# Extra Maven flags (e.g. offline: "-o -Dmaven.repo.local=…") can be passed in KATO_MVN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-2000}
total_mb=${2:-1024}
idle=${IDLE_SECONDS:-5}
stages=4
JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME
bin/kato --version >/dev/null
# shellcheck disable=SC2086
./mvnw -B -ntp -q ${KATO_MVN_FLAGS:-} -DskipTests -Dspotless.check.skip=true -Dkato.lockfile.skip=true test-compile >/dev/null
# the driver shares the 2 cores with the daemon it times: a small, C1-only JVM
driver=("$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp target/test-classes dev.kato.bench.VaultScale)

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_work
bench_roots

new_home() { bench_home "$1"; } # a fresh KATO_HOME watching the three roots
now_ns() { date +%s%N; }
start_daemon() {
    bin/kato start >/dev/null
    pid=$(cat "$KATO_HOME/runtime/daemon.pid")
}
await_vault() { # $1: start time (epoch ns), $2: bytes ingested before; prints "caught up: …"
    "${driver[@]}" await "$KATO_HOME/sessions" "$1" "${AWAIT_TIMEOUT:-900}" "${2:-0}" "$work/claude" "$work/codex"
}
log_bytes() { find "$work/claude" "$work/codex" -name '*.jsonl' -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
mem() { # RSS PSS HWM in MB of the daemon, then PSS and RSS in MB summed over it and its workers
    local rss pss hwm all
    rss=$(awk '/^Rss:/ {print int($2/1024)}' /proc/"$pid"/smaps_rollup)
    pss=$(awk '/^Pss:/ {print int($2/1024)}' /proc/"$pid"/smaps_rollup)
    hwm=$(awk '/^VmHWM:/ {print int($2/1024)}' /proc/"$pid"/status)
    all=$(for p in $pid $(pgrep -P "$pid" || true); do grep -E '^(Pss|Rss):' /proc/"$p"/smaps_rollup 2>/dev/null || true; done |
        awk '{s[$1] += $2} END {printf "%d %d", s["Pss:"] / 1024, s["Rss:"] / 1024}')
    echo "$rss $pss $hwm $all"
}
workers() { pgrep -P "$pid" | wc -l; }
vault_mb() { du -sm "$KATO_HOME/sessions" | cut -f1; }
move_stage() { # moves stage $1's logs into the provider roots (a directory rename each)
    local s="$work/staging/stage-$1"
    if [ -d "$s/claude" ]; then mv "$s"/claude/* "$work/claude/"; fi
    if [ -d "$s/codex" ]; then mv "$s"/codex/* "$work/codex/2026/11/"; fi
}

echo "generating $sessions sessions, ~$total_mb MiB…"
t=$(now_ns)
"${driver[@]}" generate "$work/staging" "$sessions" "$total_mb" "$stages" 20261206
echo "(generated in $(( ($(now_ns) - t) / 1000000 )) ms)"

echo
echo "== 1. growth: one daemon, history added in $stages stages =="
new_home home-growth
move_stage 1
t0=$(now_ns)
start_daemon
await_vault "$t0"
rows=()
read -r rss pss hwm apss arss < <(mem)
rows+=("$(printf '%8d  %8s  %7d  %7d  %7d  %8d  %7d' \
    "$(find "$work/claude" "$work/codex" -name '*.jsonl' | wc -l)" \
    "$(du -sm "$work/claude" "$work/codex" | awk '{s+=$1} END {print s}')" "$rss" "$pss" "$hwm" "$(vault_mb)" "$apss")")
for k in $(seq 2 "$stages"); do
    base=$(log_bytes)
    t0=$(now_ns)
    move_stage "$k"
    await_vault "$t0" "$base"
    read -r rss pss hwm apss arss < <(mem)
    rows+=("$(printf '%8d  %8s  %7d  %7d  %7d  %8d  %7d' \
        "$(find "$work/claude" "$work/codex" -name '*.jsonl' | wc -l)" \
        "$(du -sm "$work/claude" "$work/codex" | awk '{s+=$1} END {print s}')" "$rss" "$pss" "$hwm" "$(vault_mb)" "$apss")")
done
sleep "$idle"
read -r rss pss hwm apss arss < <(mem)
echo
echo "sessions  logs(MB)  RSS(MB)  PSS(MB)  HWM(MB)  vault(MB)  all PSS(MB)"
printf '%s\n' "${rows[@]}"
echo "after ${idle} s idle: daemon RSS $rss MB, PSS $pss MB; with its $(workers) worker(s) PSS $apss MB"
bin/kato stop >/dev/null
# The growth stage's vault stays until the end: deleting its ~8,000 files here made the timed first
# start slower (on ext4 without a journal, each new inode is checked against recently deleted ones:
# ~10 % of the daemon's samples went to that check), which a user's first start never meets.

echo
echo "== 2. first start on the whole history (empty vault) =="
new_home home-first
# the growth stage's vault writes are flushed before the clock starts, so the kernel's writeback
# of them does not run during (and slow) the timed catch-up
sync
t0=$(now_ns)
start_daemon
await_vault "$t0"
read -r rss pss hwm apss arss < <(mem)
echo "after catch-up: daemon RSS $rss MB, PSS $pss MB, peak RSS (VmHWM) $hwm MB; with its $(workers) worker(s) PSS $apss MB, RSS $arss MB (summed); vault $(vault_mb) MB"
c0=$(awk '{print $14+$15}' /proc/"$pid"/stat)
sleep "$idle"
c1=$(awk '{print $14+$15}' /proc/"$pid"/stat)
read -r rss pss hwm apss arss < <(mem)
echo "after ${idle} s idle: daemon RSS $rss MB, PSS $pss MB; all processes PSS $apss MB; CPU $(awk -v t=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v s="$idle" 'BEGIN {printf "%.2f", t / hz / s * 100}') % of one core"
bin/kato stop >/dev/null

echo
echo "== 3. restart with the whole history in the vault =="
start_daemon
t0=$(now_ns)
await_vault "$t0" >/dev/null
sleep "$idle"
read -r rss pss hwm apss arss < <(mem)
echo "restarted, ${idle} s idle: daemon RSS $rss MB, PSS $pss MB, peak RSS (VmHWM) $hwm MB; with its $(workers) worker(s) PSS $apss MB, RSS $arss MB (summed)"

echo
echo "== 4. the same daemon with 2 recordings active (3 provider + 2 writer worker processes) =="
n=0
for log in $(find "$work/claude" -name '*.jsonl' | sort | head -2); do
    n=$((n + 1))
    sid=$(head -c 4096 "$log" | grep -o '"sessionId":"[^"]*"' | head -1 | cut -d'"' -f4)
    printf '{"type":"user","sessionId":"%s","uuid":"bench-rec-%d","timestamp":"%s","promptSource":"typed","message":{"role":"user","content":"::capture %s/notes/rec-%d.md"}}\n' \
        "$sid" "$n" "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)" "$work" "$n" >>"$log"
done
for k in 1 2; do
    for _ in $(seq 1 200); do [ -s "$work/notes/rec-$k.md" ] && break; sleep 0.05; done
done
report_all() { # $1: seconds idle so far; every process's PSS and RSS, then the sum
    children=$(pgrep -P "$pid" | tr '\n' ' ' || true)
    for p in $pid $children; do grep -E '^(Pss|Rss):' /proc/"$p"/smaps_rollup; done |
        awk -v n="$(echo "$children" | wc -w)" -v t="$1" '{s[$1] += $2} END {printf "daemon + %d worker(s), %s s idle: PSS %d MB, RSS %d MB (summed)\n", n, t, s["Pss:"] / 1024, s["Rss:"] / 1024}'
    for p in $pid $children; do # each process: the daemon, provider workers by provider, writers
        role=$(tr '\0' ' ' </proc/"$p"/cmdline | grep -oE 'provider-worker [a-z-]+ [a-z]+|WriterWorker' | awk '{print $NF}' || true)
        printf '  %-7s %-13s PSS %3d MB  RSS %3d MB\n' "$p" "${role:-daemon}" \
            "$(awk '/^Pss:/ {print int($2/1024)}' /proc/"$p"/smaps_rollup)" "$(awk '/^Rss:/ {print int($2/1024)}' /proc/"$p"/smaps_rollup)"
    done
}
sleep "$idle"
report_all "$idle"
# settled: the workers' and the daemon's idle collections and native-heap trims have run
sleep "${SETTLE_SECONDS:-25}"
report_all "$((idle + ${SETTLE_SECONDS:-25}))"
bin/kato stop >/dev/null
