#!/usr/bin/env bash
# The GPU benchmarks in one command, on a machine with an NVIDIA GPU, Python's torch, g++ and no Java (the kit made
# by tests/bench/gpu/prepare.sh brings its own runtime): builds DJL's PyTorch JNI against that torch, then, all at
# full size (2 x 2 x 128 x 240 x 240, batch 2, Adam, continuous head), prints and writes to $OUT (default
# .gpu-bench/results):
#   1. DJL training iterations of I3D and COVNet (TrainingBenchmark, each iteration waits for its loss),
#   2. the same I3D in PyTorch on the same GPU, fp32 and bf16 autocast (torch_small.py),
#   3. DJL I3D with the real data path (batches drawn and augmented, in the loop or prepared ahead) against ready
#      tensors (DataPathBenchmark), and how fast the CPU prepares full-size batches,
#   4. the method end to end at full size (FullSizeRun): synthetic FULL-resolution scans preprocessed with their
#      lesion maps, a lesion U-Net trained on them, the full I3D trained through the real data path for
#      FULL_ITERATIONS (default 1000) iterations with its loss curve and the paper's schedule in hours, then
#      chest-ct-01 (data/chest-ct-01.nii.gz when present, else its small copy) segmented and graded on the GPU and
#      on the CPU, and how far the two agree.
# Usage: bash .gpu-bench/run.sh [iterations]   (default 20; FULL_ITERATIONS, FULL_CASES (12) for step 4)
set -euo pipefail
kit="$(cd "$(dirname "$0")" && pwd)"
n="${1:-20}"
out="${OUT:-$kit/results}"
mkdir -p "$out"
log() { echo "== $*" | tee -a "$out/summary.txt"; }
T=$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$out/gpu.txt"
log "torch $(python3 -c 'import torch;print(torch.__version__, torch.version.cuda)'), $(nproc) cores"
t0=$SECONDS
bash "$kit/build-djl-jni.sh" "$kit/djl-pytorch-jni" "$T" "$kit/jre/include" > "$out/jni-build.txt" 2>&1 \
  || { tail -20 "$out/jni-build.txt"; exit 1; }
log "JNI built in $((SECONDS - t0)) s"
SP=$(python3 -c 'import site;print(site.getsitepackages()[0])')
cudalibs=$(ls -d "$SP"/nvidia/*/lib 2>/dev/null | paste -sd: -)
export PYTORCH_LIBRARY_PATH="$T/lib" PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128
export LD_LIBRARY_PATH="$T/lib${cudalibs:+:$cudalibs}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
java=("$kit/jre/bin/java" -Xmx16g -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch -cp "$kit/lib/*")
run() { local name=$1; shift; log "$name"; "$@" 2>"$out/$name.err" | tee -a "$out/summary.txt"; }
run djl-i3d "${java[@]}" org.corads.bench.TrainingBenchmark 3d 1 128 240 "$n"
run djl-covnet "${java[@]}" org.corads.bench.TrainingBenchmark 2d 1 128 240 "$n"
run torch-i3d-fp32 python3 "$kit/torch_small.py" "$(nproc)" "$n" 1 128 240 cuda
run torch-i3d-bf16 python3 "$kit/torch_small.py" "$(nproc)" "$n" 1 128 240 bf16
ahead=$(( $(nproc) / 2 > 2 ? $(nproc) / 2 : 2 ))
run djl-i3d-data-path "${java[@]}" org.corads.bench.DataPathBenchmark 3d 1 128 240 2 "$n" "$ahead"
run batch-preparation "${java[@]}" org.corads.bench.DataPathBenchmark 3d 1 128 240 2 5 "$ahead" prepare-only
scan="$kit/data/chest-ct-01.nii.gz"
[[ -f $scan ]] || scan="$kit/data/chest-ct-01-small.nii.gz"
run full-size "$kit/jre/bin/java" -Xmx48g -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch -cp "$kit/lib/*" \
  org.corads.bench.FullSizeRun "$scan" "${FULL_CASES:-12}" "${FULL_ITERATIONS:-1000}" 300
log "done in $((SECONDS - t0)) s; results in $out"
