#!/usr/bin/env bash
# Warm read time of a scan and its .mha copy. Build first: mvn -q -B install -DskipTests
# Usage: tests/bench/read-bench.sh [scan] [repeats]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
scan="${1:-$root/../shared/data/ct/chest-ct-01.nii.gz}"
cp="$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*"
exec java -Xmx2g -cp "$cp" org.corads.bench.ReadBenchmark "$scan" "${2:-10}"
