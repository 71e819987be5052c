#!/usr/bin/env bash
# Trains the lesion U-Net on synthetic scans and reports held-out Dice and inference time per 1.5 mm volume.
# Build first: mvn -q -B install -DskipTests
# Usage: tests/bench/lesion-quality.sh [trainScans] [testScans] [iterations] [workDir]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cp="$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*"
exec java -Xmx8g -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch -cp "$cp" org.corads.bench.LesionQualityRun \
  "${1:-24}" "${2:-6}" "${3:-2000}" "${4:-/tmp/lesion-quality}" 1 3 8 32 64
