#!/usr/bin/env bash
# Peak resident memory and time of one full-size inference pass (batch 1, 2 x 128 x 240 x 240) of I3D and COVNet on a
# worker thread, as grading runs it: through org.corads.models.Inference (lean) and as a bare block.forward (plain),
# each in its own JVM (the peak is the process's). The plain COVNet pass needs about 23 GiB: leave it out with
# MODES=lean. Build first: mvn -q -B install -DskipTests
# Usage: tests/bench/inference-memory.sh [passes]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cp="$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*"
passes="${1:-2}"
for net in 3d 2d; do
  for mode in ${MODES:-lean plain}; do
    java -Xmx2g -Dai.djl.offline=true -cp "$cp" org.corads.bench.InferenceMemoryBenchmark "$net" 1 128 240 "$mode" "$passes"
  done
done
