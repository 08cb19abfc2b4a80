#!/usr/bin/env bash
# Where a first start's CPU goes, against what the catch-up target allows, in one run.
#   1. a first start: the vault-scale history (SESSIONS logs, ~TOTAL_MB MiB) caught up by a real
#      daemon (bin/kato start) into an empty vault; MB/s as in vault-scale.sh, then the CPU (user and
#      system) of the daemon and of each provider worker;
#   2. the parts no design avoids, each alone in a JVM with the flags of the process that does it
#      (dev.kato.bench.CatchUpBudget): each provider worker's parse + render over its logs, cold
#      (a first start) and warm (its second pass); the daemon's check of every line the workers
#      send; the least the vault writes (as many bytes as the logs hold, in 1 MiB appends with an
#      fsync each, and one state file per session written as every state file is); and the Gemini
#      worker's whole process from section 1;
#   3. the budget: at 100 MB/s the catch-up may take bytes / 100 MB/s of wall time, so at most
#      that many seconds of CPU per core.
# Usage: bench/catchup-budget.sh [SESSIONS [TOTAL_MB]]   (default 2000 1024; smoke: 200 100)
# Extra Maven flags (e.g. offline: "-o -Dmaven.repo.local=…") can be passed in KATO_MVN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-2000}
total_mb=${2:-1024}
JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME
java="$JAVA_HOME/bin/java"
bin/kato --version >/dev/null
# shellcheck disable=SC2086
./mvnw -B -ntp -q ${KATO_MVN_FLAGS:-} -DskipTests -Dspotless.check.skip=true -Dkato.lockfile.skip=true \
    test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
driver=("$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp target/test-classes dev.kato.bench.VaultScale)
# the JVM flags that matter here, as dev.kato.sandbox.WorkerCommand gives them to each role (the
# workers' AOT cache is left out: it holds classes and method profiles, no compiled code)
common=(-XX:+UseSerialGC -Xms8m -Xmx64m -Xss512k -XX:NewRatio=1 -XX:SurvivorRatio=4)
worker_flags=(-XX:-TieredCompilation "${common[@]}")
daemon_flags=(-XX:TieredStopAtLevel=1 "${common[@]}")
cores=$(nproc)

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_work
bench_roots
echo "generating $sessions sessions, ~$total_mb MiB…"
"${driver[@]}" generate "$work/staging" "$sessions" "$total_mb" 1 20261206
mv "$work"/staging/stage-1/claude/* "$work/claude/"
mv "$work"/staging/stage-1/codex/* "$work/codex/2026/11/"
bytes=$(find "$work/claude" "$work/codex" -name '*.jsonl' -printf '%s\n' | awk '{s+=$1} END {print s+0}')

echo
echo "== 1. a first start (empty vault) =="
bench_home home
sync
t0=$(date +%s%N)
bin/kato start >/dev/null
pid=$(cat "$KATO_HOME/runtime/daemon.pid")
"${driver[@]}" await "$KATO_HOME/sessions" "$t0" "${AWAIT_TIMEOUT:-900}" 0 "$work/claude" "$work/codex"
hz=$(getconf CLK_TCK)
first_start_cpu=0
gemini_cpu=0
for p in $pid $(pgrep -P "$pid"); do
    role=$(tr '\0' ' ' </proc/"$p"/cmdline | grep -oE 'provider-worker [a-z-]+ [a-z]+|WriterWorker' | awk '{print $NF}' || true)
    read -r user sys < <(awk -v hz="$hz" '{printf "%.2f %.2f\n", $14 / hz, $15 / hz}' /proc/"$p"/stat)
    printf '  %-8s %6.2f s user  %5.2f s system\n' "${role:-daemon}" "$user" "$sys"
    first_start_cpu=$(awk -v a="$first_start_cpu" -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", a + u + s}')
    if [ "$role" = gemini ]; then
        gemini_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
    fi
done
echo "  all      $first_start_cpu s of CPU"
bin/kato stop >/dev/null
unset KATO_HOME

echo
echo "== 2. the parts, each alone =="
sync
store=$("$java" "${daemon_flags[@]}" -cp "$cp" dev.kato.bench.CatchUpBudget store "$work/store" "$work/claude" "$work/codex")
echo "  $store"
rm -rf "$work/store"
out=()
for provider in claude codex; do
    line=$("$java" "${worker_flags[@]}" -cp "$cp" dev.kato.bench.CatchUpBudget worker "$provider" "$work/$provider" "$work/lines-$provider.jsonl")
    echo "  $line"
    out+=("$line")
done
cat "$work/lines-claude.jsonl" "$work/lines-codex.jsonl" >"$work/lines.jsonl"
rm -f "$work/lines-claude.jsonl" "$work/lines-codex.jsonl"
check=$("$java" "${daemon_flags[@]}" -cp "$cp" dev.kato.bench.CatchUpBudget check "$work/lines.jsonl")
echo "$check" | sed 's/^/  /'

echo
echo "== 3. the budget =="
python3 - "$bytes" "$cores" "$first_start_cpu" "$gemini_cpu" "$store" "${out[0]}" "${out[1]}" "$check" <<'PY'
import re, sys
nbytes, cores, first, gemini = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
store, claude, codex, check = sys.argv[5:9]
num = lambda pattern, text: float(re.search(pattern, text).group(1))
budget = nbytes / 100e6 * cores
rows = [
    ("Claude worker: parse + render", num(r"cold ([\d.]+) s", claude), num(r"warm ([\d.]+) s", claude)),
    ("Codex worker: parse + render", num(r"cold ([\d.]+) s", codex), num(r"warm ([\d.]+) s", codex)),
    ("Gemini worker: the whole process (section 1)", gemini, gemini),
    ("daemon: check every line (C1)", num(r"first pass: .*: ([\d.]+) s", check), num(r"second pass: .*: ([\d.]+) s", check)),
    ("vault: appends + fsyncs, one state file each", num(r"([\d.]+) s of CPU", store), num(r"([\d.]+) s of CPU", store)),
]
print(f"{nbytes / 1e6:.0f} MB at 100 MB/s: {nbytes / 100e6:.1f} s of wall time, at most {budget:.1f} s of CPU on {cores} cores")
print(f"{'part':46} {'cold (s)':>9} {'warm (s)':>9}")
for name, cold, warm in rows:
    print(f"{name:46} {cold:9.2f} {warm:9.2f}")
floor, warm_floor = sum(r[1] for r in rows), sum(r[2] for r in rows)
print(f"{'sum of the parts':46} {floor:9.2f} {warm_floor:9.2f}")
print(f"{'the whole first start (section 1)':46} {first:9.2f}")
print(f"the parts take {100 * floor / budget:.0f} % of the budget cold, {100 * warm_floor / budget:.0f} % warm; "
      f"everything else in the first start (reading, framing, the vault's index and metadata, "
      f"starting the JVMs) took {first - floor:.2f} s")
PY
