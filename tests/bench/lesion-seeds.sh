#!/usr/bin/env bash
# The lesion U-Net as a study trains it (`corads lesion-train`: the study's defaults, 1000 iterations, 30 training
# and 8 validation scans of the demo's cohort: 150 FAST synthetic scans, seed 2026), five seeds in a row, then the
# held-out Dice of each on whole test-split scans segmented as grading segments them (LesionHeldOut).
# Build first: mvn -q -B install -DskipTests
# Usage: tests/bench/lesion-seeds.sh [workDir] [testScans] [seeds]   (default /tmp/lesion-seeds, 10, "1 2 3 4 5")
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/lesion-seeds}"
tests="${2:-10}"
seeds="${3:-1 2 3 4 5}"
app="$root/pipeline/target/quarkus-app/quarkus-run.jar"
cp="$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*"
mkdir -p "$work"
[[ -f $work/demo/manifest.csv ]] || java -jar "$app" synth 150 "$work/demo" --seed 2026 --resolution FAST >/dev/null
models=()
for s in $seeds; do
  if [[ ! -f $work/seed-$s/model.json ]]; then
    t0=$SECONDS
    java -Xmx4g -jar "$app" lesion-train "$work/demo" "$work/seed-$s" --seed "$s" >/dev/null 2>"$work/seed-$s.log"
    echo "seed $s: trained in $((SECONDS - t0)) s; $(grep 'iteration 1000/1000' "$work/seed-$s.log" | sed 's/.*, best/best val Dice/; s/, [0-9.]* s\/iteration.*//')"
  fi
  models+=("$work/seed-$s")
done
java -Xmx6g -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch -cp "$cp" org.corads.bench.LesionHeldOut \
  "$work/demo" test "$tests" 64 "${models[@]}" 2>/dev/null
