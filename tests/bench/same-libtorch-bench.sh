#!/usr/bin/env bash
# DJL against PyTorch on one and the same libtorch. Builds DJL's PyTorch JNI against Debian's libtorch 1.13 — the very
# library Debian's python3-torch runs on — with tools/gpu/build-djl-jni.sh (about 3 minutes on 2 cores, once; kept in
# ~/.djl.ai/pytorch/1.13.0-cpu-linux-x86_64/), then times the small I3D training iteration (TrainingBenchmark and
# torch_small.py, as training-bench.sh does) in alternating rounds, the order turned each round: DJL on libtorch 1.13,
# the PyTorch twin on it, and DJL on the app's own libtorch 2.7.1. Prints every round, then the medians of the
# per-round ratios. Needs Debian's libtorch-dev and python3-torch and DJL's pytorch-native sources.
# Build first: mvn -q -B install -DskipTests
# Usage: tests/bench/same-libtorch-bench.sh [rounds (10)] [iterations (50)] [<DJL pytorch-native sources>]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-10}"
n="${2:-50}"
src="${3:-$root/../shared/gpu/djl-pytorch-jni-0.36.0}"
[[ -f /usr/include/torch/csrc/api/include/torch/torch.h ]] || { echo "same-libtorch-bench: Debian's libtorch-dev is not installed" >&2; exit 2; }
[[ -d $src/src ]] || { echo "same-libtorch-bench: no DJL pytorch-native sources at $src" >&2; exit 2; }
cp="$(ls "$root"/tests/target/tests-*.jar 2>/dev/null | head -1):$root/tests/target/lib/*"
[[ $cp == :* ]] && { echo "same-libtorch-bench: build first (mvn -q -B install -DskipTests)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Debian splits libtorch over /usr/include and /usr/lib/x86_64-linux-gnu: one folder with include/ and a lib/ of
# libtorch's own libraries only (DJL loads every library in PYTORCH_LIBRARY_PATH)
mkdir -p "$work/libtorch/lib"
ln -s /usr/include "$work/libtorch/include"
for l in c10 torch torch_cpu torch_global_deps shm; do
  ln -s "/usr/lib/x86_64-linux-gnu/lib$l.so" "$work/libtorch/lib/lib$l.so"
done
jni="${DJL_CACHE_DIR:-$HOME/.djl.ai}/pytorch/1.13.0-cpu-linux-x86_64/0.36.0-libdjl_torch.so"
if [[ ! -f $jni ]]; then
  PYTORCH_VERSION=1.13.0 PYTORCH_FLAVOR=cpu bash "$root/tools/gpu/build-djl-jni.sh" "$src" "$work/libtorch" \
    "$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")/include"
fi
median() { grep -o 'median [0-9.]*' | awk '{print $2}'; }
# one intra-op thread per core on every side: torch_small.py sets it, Debian's libtorch 1.13 would otherwise start
# DJL on one thread (and then send 1 x 1 x 1 convolutions to its slow non-oneDNN kernel)
threads="$(nproc)"
djl113() {
  PYTORCH_LIBRARY_PATH="$work/libtorch/lib" PYTORCH_VERSION=1.13.0 PYTORCH_FLAVOR=cpu \
    java -Xmx12g -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch \
    -cp "$cp" org.corads.bench.TrainingBenchmark 3d 0.25 32 60 "$n" 2>&1 | median
}
torch113() { /usr/bin/python3 "$root/tests/bench/torch_small.py" "$threads" "$n" 0.25 32 60 2>&1 | median; }
djl271() {
  java -Xmx12g -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch \
    -cp "$cp" org.corads.bench.TrainingBenchmark 3d 0.25 32 60 "$n" 2>&1 | median
}
for r in $(seq 1 "$rounds"); do
  case $((r % 3)) in
    0) a=$(djl113); b=$(torch113); c=$(djl271) ;;
    1) b=$(torch113); c=$(djl271); a=$(djl113) ;;
    2) c=$(djl271); a=$(djl113); b=$(torch113) ;;
  esac
  echo "round $r: DJL on libtorch 1.13 $a s, PyTorch 1.13 $b s, DJL on libtorch 2.7.1 $c s"
  echo "$a $b $c" >> "$work/rounds"
done
python3 - "$work/rounds" <<'EOF'
import statistics, sys
rows = [[float(w) for w in line.split()] for line in open(sys.argv[1])]
for name, f in [("DJL / PyTorch, both on libtorch 1.13", lambda r: r[0] / r[1]),
                ("DJL on 2.7.1 / PyTorch 1.13", lambda r: r[2] / r[1]),
                ("DJL on 2.7.1 / DJL on 1.13", lambda r: r[2] / r[0])]:
    v = [f(r) for r in rows]
    print(f"{name}: median {statistics.median(v):.3f} (range {min(v):.3f}-{max(v):.3f}, {len(v)} rounds)")
EOF
