#!/usr/bin/env bash
# Grading on arrival under load on this machine: a burst of N synthetic scans (default 100) put into the bucket
# as fast as possible, each announced by a MinIO-format notification (results, duplicates, latency p50/p95 from
# object written to result written, throughput); the same burst with the service SIGKILLed after a third of the
# results and restarted (every scan must get exactly one result); five cold runs of the real chest CT (latency and
# the service's overhead beyond its steps). Trains a tiny 2-member ensemble first. Prints one JSON document.
# Build first: mvn -q -B install -DskipTests
# Usage: tests/bench/grading-bench.sh [scans] [workDir]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cp="$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*"
n="${1:-100}"
work="$(realpath -m "${2:-$(mktemp -d /tmp/grading-bench.XXXXXX)}")"
cd "$root/tests"
java -Xmx2g -Dcorads.cli.jar="$root/pipeline/target/quarkus-app/quarkus-run.jar" -cp "$cp" \
  org.corads.bench.GradingBenchmark "$work" "$n" "$root/../shared/data/ct/chest-ct-01.nii.gz"
