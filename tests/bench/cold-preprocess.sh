#!/usr/bin/env bash
# Cold `corads preprocess` (a fresh JVM each time, start included) against the numpy/scipy reference on the same scan,
# run alternately so that both see the same spell of the machine: plain, with the build's class-data archive (as the
# container images start), with the archive and C1 only (and huge pages where the kernel gives them on request), that
# with the serial collector too (as ./corads starts it), and that last one under Quarkus (-Dcorads.cli.local=false;
# preprocess needs nothing of the container and starts without it otherwise). Prints each run's wall time and the
# medians' ratios.
# Build first: mvn -q -B install -DskipTests. Reference: Debian python3-nibabel, python3-scipy, python3-pydicom.
# Usage: tests/bench/cold-preprocess.sh [scan | DICOM series folder] [rounds]; without a scan, chest-ct-01 is written
# as a DICOM series first (141 slice files, org.corads.bench.WriteDicomSeries) and both sides read that.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${2:-3}"
app="$root/pipeline/target/quarkus-app"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
scan="${1:-}"
if [ -z "$scan" ]; then
  scan="$out/series"
  java -cp "$(ls "$root"/tests/target/tests-*.jar | head -1):$root/tests/target/lib/*" org.corads.bench.WriteDicomSeries \
    "$root/../shared/data/ct/chest-ct-01.nii.gz" "$scan"
fi
# as ./corads starts it: huge pages where the kernel gives them on request
thp=""
if grep -qs '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled; then thp="-XX:+UseTransparentHugePages"; fi
c1="-XX:SharedArchiveFile=$app/app-cds.jsa -Xlog:cds*=off -XX:TieredStopAtLevel=1 $thp"
declare -A variant=(
  [plain]=""
  [cds]="-XX:SharedArchiveFile=$app/app-cds.jsa -Xlog:cds*=off"
  [cds-c1]="$c1"
  [launcher]="$c1 -XX:+UseSerialGC"
  [quarkus]="$c1 -XX:+UseSerialGC -Dcorads.cli.local=false"
)
order=(plain cds cds-c1 launcher quarkus reference)
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
declare -A times
for ((r = 1; r <= rounds; r++)); do
  for v in "${order[@]}"; do
    rm -rf "$out/o"
    if [ "$v" = reference ]; then
      t=$(seconds /usr/bin/python3 "$root/tests/bench/preprocess_reference.py" "$scan" 1)
    else
      # shellcheck disable=SC2086
      t=$(seconds java ${variant[$v]} -jar "$app/quarkus-run.jar" preprocess "$scan" "$out/o")
    fi
    times[$v]+="$t "
    printf 'round %d %-9s %.2f s\n' "$r" "$v" "$t"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
ref=$(echo "${times[reference]}" | median)
for v in plain cds cds-c1 launcher quarkus; do
  m=$(echo "${times[$v]}" | median)
  printf '%-9s median %.2f s; reference median %.2f s; reference / corads = %.2f\n' "$v" "$m" "$ref" "$(echo "$ref / $m" | bc -l)"
done
