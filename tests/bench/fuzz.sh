#!/usr/bin/env bash
# Fuzzes every target longer than the build does (3 s each): tests/bench/fuzz.sh [seconds per target] [target...]
# Runs Jazzer's command line on the built modules (mvn install first), one target after the other, each in a JVM of
# its own with a 512 MB heap; corpora grow in <module>/.cifuzz-corpus, and a finding is written beside the target's
# regression inputs (src/test/resources/.../<Target>Inputs/<method>/crash-*), so that every later build replays it.
# Prints, per target: executions, executions per second, coverage, corpus size, findings.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-60}"
shift || true
if ! [[ "$secs" =~ ^[0-9]+$ ]] || [ "$secs" -lt 1 ]; then
  echo "usage: tests/bench/fuzz.sh [seconds per target] [target...]" >&2
  exit 2
fi
all=(
  "steps org.corads.steps.io.NiftiFuzzTest nifti"
  "steps org.corads.steps.io.MetaImageFuzzTest metaImage"
  "steps org.corads.steps.io.DicomFuzzTest dicom"
  "steps org.corads.steps.eval.PredictionsCsvFuzzTest predictions"
  "datasets org.corads.datasets.manifest.LabelsSheetFuzzTest labelsSheet"
  "pipeline org.corads.pipeline.study.StudyYamlFuzzTest studyYaml"
  "pipeline org.corads.pipeline.grading.S3EventsFuzzTest s3Events"
)
wanted=("$@")
logs="$(mktemp -d)"
printf '%-22s %10s %8s %6s %8s %8s\n' target runs exec/s cov corpus findings
for t in "${all[@]}"; do
  read -r module class method <<<"$t"
  name="${class##*.}"
  if [ "${#wanted[@]}" -gt 0 ] && [[ ! " ${wanted[*]} " =~ " ${name} " ]]; then
    continue
  fi
  if [ ! -d "$module/target/test-classes" ]; then
    echo "$module is not built: run 'mvn install -DskipTests' and 'mvn test-compile' first" >&2
    exit 2
  fi
  cpfile="$logs/$module.cp"
  [ -f "$cpfile" ] || mvn -B -q -o dependency:build-classpath -pl "$module" -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cpfile" >/dev/null
  seeds="$module/src/test/resources/$(dirname "${class//.//}")/${name}Inputs/$method"
  corpus="$module/.cifuzz-corpus/$class/$method"
  mkdir -p "$corpus" "$seeds"
  before=$(find "$seeds" -name 'crash-*' | wc -l)
  java -Xmx512m -cp "$module/target/test-classes:$module/target/classes:$(cat "$cpfile")" \
    -Dcorads.shared.dir="$PWD/../shared" \
    com.code_intelligence.jazzer.Jazzer --target_class="$class" --instrumentation_includes='org.corads.**' \
    --keep_going=100 -max_total_time="$secs" -artifact_prefix="$seeds/" "$corpus" "$seeds" \
    >"$logs/$name.log" 2>&1 || true
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$logs/$name.log" | tail -1 || true)
  runs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$done_line")
  cov=$(sed -E 's/.*cov: ([0-9]+).*/\1/' <<<"$done_line")
  eps=$(sed -E 's/.*exec\/s: ([0-9]+).*/\1/' <<<"$done_line")
  after=$(find "$seeds" -name 'crash-*' | wc -l)
  printf '%-22s %10s %8s %6s %8s %8s\n' "$name" "${runs:-?}" "${eps:-?}" "${cov:-?}" "$(ls "$corpus" | wc -l)" \
    "$((after - before))"
done
echo "logs: $logs"
