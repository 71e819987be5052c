#!/usr/bin/env bash
# Seconds per training iteration (batch 2) on this CPU: the small 3D and 2D configurations of the CPU runs, the
# same small I3D in PyTorch (Debian python3-torch) for the ratio, that PyTorch network compiled with TorchScript and
# timed both in PyTorch and by the app's libtorch through DJL (one graph on both libtorch versions), and one
# inference forward pass (batch 1) of the full configurations (2 x 128 x 240 x 240). A full-size training iteration
# is left to GPU pods. Build first: mvn -q -B install -DskipTests
# Usage: tests/bench/training-bench.sh [iterations]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cp="$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*"
n="${1:-30}"
threads="$(nproc)"
run() { java -Xmx12g -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch -cp "$cp" org.corads.bench.TrainingBenchmark "$@"; }
run 3d 0.25 32 60 "$n"
run 2d 0.125 32 60 "$n"
/usr/bin/python3 "$root/tests/bench/torch_small.py" "$threads" "$n" 0.25 32 60
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$root/tests/bench/torch_small.py" "$threads" "$n" 0.25 32 60 script "$work/i3d_small.pt"
java -Xmx12g -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch -cp "$cp" org.corads.bench.ScriptedTwinBenchmark \
  "$work/i3d_small.pt" 32 60 "$n"
run 3d 1 128 240 1 forward-only
run 2d 1 128 240 1 forward-only
