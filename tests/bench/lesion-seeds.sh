#!/usr/bin/env bash
# The lesion U-Net as the demo's study trains it (`corads lesion-train`: the study's defaults, 1500 iterations, all
# 78 training and 8 validation scans of the demo's cohort — FAST synthetic scans, seed 2026, the demo's split shares —
# on the demo's 6 mm grid with its 16³ patches), five seeds in a row, then the held-out Dice of each on whole
# test-split scans segmented as the study segments them (LesionHeldOut, the demo's window).
# Build first: mvn -q -B install -DskipTests
# Usage: tests/bench/lesion-seeds.sh [workDir] [testScans] [seeds]   (default /tmp/lesion-seeds, 30, "1 2 3 4 5")
# The cohort and grid follow datasets/studies/demo.yaml; override with SCANS, FRACTIONS, SPACING_MM, PATCH, WINDOW,
# TRAIN_SCANS, ITERATIONS.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/lesion-seeds}"
tests="${2:-30}"
seeds="${3:-1 2 3 4 5}"
scans="${SCANS:-260}"
fractions="${FRACTIONS:-0.3,0.1,0.6}"
spacing="${SPACING_MM:-6}"
patch="${PATCH:-16}"
window="${WINDOW:-64}"
train_scans="${TRAIN_SCANS:-100}"
iterations="${ITERATIONS:-1500}"
app="$root/pipeline/target/quarkus-app/quarkus-run.jar"
cp="$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*"
mkdir -p "$work"
[[ -f $work/demo/manifest.csv ]] || java -jar "$app" synth "$scans" "$work/demo" --seed 2026 --resolution FAST \
  --fractions "$fractions" >/dev/null 2>&1
models=()
for s in $seeds; do
  if [[ ! -f $work/seed-$s/model.json ]]; then
    t0=$SECONDS
    java -Xmx4g -jar "$app" lesion-train "$work/demo" "$work/seed-$s" --seed "$s" --spacing-mm "$spacing" --patch "$patch" \
      --train-scans "$train_scans" --iterations "$iterations" \
      >/dev/null 2>"$work/seed-$s.log"
    echo "seed $s: trained in $((SECONDS - t0)) s; $(grep "iteration $iterations/$iterations" "$work/seed-$s.log" | sed 's/.*, best/best val Dice/; s/, [0-9.]* s\/iteration.*//')"
  fi
  models+=("$work/seed-$s")
done
java -Xmx6g -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch -cp "$cp" org.corads.bench.LesionHeldOut \
  "$work/demo" test "$tests" "$window" "$spacing" "${models[@]}" 2>/dev/null
