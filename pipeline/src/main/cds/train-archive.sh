#!/usr/bin/env bash
# Writes <app>/app-cds.jsa, the class-data archive every start of the app maps (./corads, the container images):
# the classes of one real `preprocess` of a small synthetic scan (as gzipped NIfTI), Quarkus' start included, so a one-shot step finds
# its readers, resampling, lung mask and writers already parsed and verified (cold preprocess of chest-ct-01:
# 0.3-0.6 s less than with the archive of Quarkus' start alone; tests/bench/cold-preprocess.sh). The preprocess is run
# under Quarkus (-Dcorads.cli.local=false), so the archive also holds what the commands that start Quarkus load (the
# local one-shot commands load a subset of it). An archive belongs
# to the JVM that wrote it: run this with the JVM that will run the app.
# Usage: train-archive.sh <quarkus-app folder> [java]
set -euo pipefail
app="${1:?usage: train-archive.sh <quarkus-app folder> [java]}"
java_bin="${2:-java}"
if [ ! -f "$app/quarkus-run.jar" ]; then
  echo "error: $app/quarkus-run.jar not found" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run() {
  if ! "$@" >"$work/log" 2>&1; then
    echo "error: the class-data archive's training run failed: $*" >&2
    cat "$work/log" >&2
    exit 1
  fi
}
run "$java_bin" -XX:TieredStopAtLevel=1 -jar "$app/quarkus-run.jar" synth 1 "$work/cohort" --resolution FAST
run "$java_bin" -XX:TieredStopAtLevel=1 -jar "$app/quarkus-run.jar" convert "$work/cohort/scans/syn-00000.mha" \
  "$work/scan.nii.gz"
rm -f "$app/app-cds.jsa"
run "$java_bin" -XX:ArchiveClassesAtExit="$app/app-cds.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -Dcorads.cli.local=false -jar "$app/quarkus-run.jar" preprocess "$work/scan.nii.gz" "$work/out"
