#!/usr/bin/env bash
# `corads storage put-cohort` of a small cohort: chest-ct-01 as a 141-slice DICOM series (141 objects) and its small
# NIfTI copy, into a fresh prefix (every object uploaded) and again (every object found, compared, reused), against
# the storage the environment names (CORADS_S3_ENDPOINT …) or else the embedded S3 server in a scratch folder; the
# embedded server's start is timed apart (`storage status`) so that it can be subtracted. Build first:
# mvn -q -B install -DskipTests. Usage: tests/bench/put-cohort-bench.sh [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*" org.corads.bench.WriteDicomSeries \
  "$root/../shared/data/ct/chest-ct-01.nii.gz" "$work/scans/series-1" >/dev/null
cp "$root/../shared/data/ct/chest-ct-01-small.nii.gz" "$work/scans/small.nii.gz"
printf 'scan_id,patient_id,file,label\nct-1,p1,series-1,5\nct-2,p2,small.nii.gz,1\n' >"$work/labels.csv"
cd "$work"
"$root/corads" import scans labels.csv manifest.csv >/dev/null 2>&1
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
for ((r = 1; r <= rounds; r++)); do
  start=$(seconds "$root/corads" storage status)
  first=$(seconds "$root/corads" storage put-cohort manifest.csv "s3://scans/bench-$$-$r")
  again=$(seconds "$root/corads" storage put-cohort manifest.csv "s3://scans/bench-$$-$r")
  printf 'round %d: storage status %.2f s, put-cohort 142 objects %.2f s, again (all reused) %.2f s\n' \
    "$r" "$start" "$first" "$again"
done
