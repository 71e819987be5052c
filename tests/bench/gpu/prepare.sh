#!/usr/bin/env bash
# Packs the GPU benchmark kit into .gpu-bench/ (git-ignored, < 64 MiB): a jlinked Java runtime (its include/ has the
# jni.h the JNI build needs), the benchmark classes and their jars without the CPU natives, DJL's PyTorch JNI sources
# and the scripts. Run here after `mvn -B install -DskipTests`; then, on the GPU machine, in the checkout root:
#   bash .gpu-bench/run.sh            (results under $OUT, or .gpu-bench/results without $OUT)
# Usage: tests/bench/gpu/prepare.sh [<DJL pytorch-native sources>]   (default ../shared/gpu/djl-pytorch-jni-0.36.0)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
src="${1:-$root/../shared/gpu/djl-pytorch-jni-0.36.0}"
kit="$root/.gpu-bench"
[[ -d $src/src ]] || { echo "prepare: no DJL pytorch-native sources at $src" >&2; exit 2; }
jar="$(ls "$root"/tests/target/tests-*.jar 2>/dev/null | head -1)"
[[ -n $jar ]] || { echo "prepare: build first (mvn -B install -DskipTests)" >&2; exit 2; }
command -v jlink >/dev/null || { echo "prepare: jlink not found (a JDK 17 is needed here)" >&2; exit 2; }
rm -rf "$kit" && mkdir -p "$kit/lib"
jlink --add-modules java.base,java.logging,jdk.unsupported,java.management,java.naming,java.sql,java.xml \
  --strip-debug --compress=2 --no-man-pages --output "$kit/jre"
cp "$jar" "$kit/lib/"
# the benchmarks need the models and their engine, not the app: DJL api, the PyTorch engine and JNI jar, gson, jna,
# slf4j, Jackson and SnakeYAML, and the project's steps/models/datasets jars
(cd "$root" && mvn -B -o -q dependency:build-classpath -pl tests -Dmdep.outputFile="$kit/cp.txt" \
  -Dmdep.includeScope=runtime)
tr ':' '\n' < "$kit/cp.txt" | grep -E '/(api|pytorch-engine|pytorch-jni)-[0-9].*\.jar$|/(gson|jna|slf4j-api|snakeyaml|jackson-(core|databind|annotations|dataformat-yaml|dataformat-csv))-[0-9].*\.jar$|/(steps|models|datasets)-0\.1\.0-SNAPSHOT\.jar$' \
  | grep -v pytorch-native | xargs -I{} cp {} "$kit/lib/"
rm -f "$kit/cp.txt"
cp -r "$src" "$kit/djl-pytorch-jni"
cp "$root/tools/gpu/build-djl-jni.sh" "$root/tests/bench/torch_small.py" "$root/tests/bench/gpu/run.sh" "$kit/"
# the scan FullSizeRun segments and grades: chest-ct-01's small copy (2.4 MB); the whole scan (38 MB) does not fit
# beside the runtime in one carry: put it at .gpu-bench/data/chest-ct-01.nii.gz on the GPU machine to use it instead
mkdir -p "$kit/data" && cp "$root/../shared/data/ct/chest-ct-01-small.nii.gz" "$kit/data/"
du -sh "$kit"
echo "carry .gpu-bench and run: bash .gpu-bench/run.sh"
