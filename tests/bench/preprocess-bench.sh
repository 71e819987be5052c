#!/usr/bin/env bash
# Whole preprocess of a scan, N times in one JVM, per-stage medians. Build first: mvn -q -B install -DskipTests
# Usage: tests/bench/preprocess-bench.sh [scan] [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
scan="${1:-$root/../shared/data/ct/chest-ct-01.nii.gz}"
cp="$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*"
exec java -Xmx2g -cp "$cp" org.corads.bench.PreprocessBenchmark "$scan" "${2:-8}"
