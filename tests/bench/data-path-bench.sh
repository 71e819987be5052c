#!/usr/bin/env bash
# Training iteration time with the real data path (batches drawn and augmented: in the loop, or prepared ahead on
# background threads as training does by default) against the same iterations on ready tensors. Build first:
# mvn -q -B install -DskipTests
# Usage: tests/bench/data-path-bench.sh [iterations] [ahead]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cp="$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*"
n="${1:-20}"
ahead="${2:-2}"
run() { java -Xmx8g -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch -cp "$cp" org.corads.bench.DataPathBenchmark "$@"; }
run 3d 0.25 32 60 2 "$n" "$ahead"     # the small I3D of training-bench.sh
run 3d 0.125 16 30 8 "$n" "$ahead"    # the demo's 3D arms (batch 8)
run 2d 0.0625 16 30 8 "$n" "$ahead"   # the demo's 2D arm
# no network: the full-size batch (2 x 2 x 128 x 240 x 240) prepared on one thread, and delivered by the prefetcher
java -Xmx8g -cp "$cp" org.corads.bench.DataPathBenchmark 3d 1 128 240 2 5 "$ahead" prepare-only
