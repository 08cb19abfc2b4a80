#!/usr/bin/env bash
# JMH parse throughput (one thread) for Claude and Codex on generated ~64 MiB realistic sessions.
# Prints ms per op and the derived MB/s. Usage: bench/parse.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME
./mvnw -B -ntp -q -DskipTests -Dspotless.check.skip=true -Dkato.lockfile.skip=true test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
mkdir -p bench/results
"$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main ParseBench -rf json -rff bench/results/parse.json "$@" | tee bench/results/parse.txt
size=$("$JAVA_HOME/bin/java" -cp "$cp" dev.kato.bench.GeneratedSize claude codex)
echo "$size"
python3 - "$size" <<'PY'
import json, sys
sizes = dict(kv.split("=") for kv in sys.argv[1].split())
for r in json.load(open("bench/results/parse.json")):
    p = r["params"]["provider"]; t = r["params"]["texts"]; ms = r["primaryMetric"]["score"]; err = r["primaryMetric"]["scoreError"]
    mb = int(sizes[p]) / 1e6
    print(f"{p} ({t}): {ms:.1f} ± {err:.1f} ms/op for {mb:.1f} MB -> {mb / (ms / 1000):.0f} MB/s")
PY
