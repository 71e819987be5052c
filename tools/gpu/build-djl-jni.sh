#!/usr/bin/env bash
# Builds DJL's PyTorch JNI (libdjl_torch.so) against a site's own libtorch and installs it where DJL looks first.
#
#   tools/gpu/build-djl-jni.sh <DJL pytorch-native sources> <libtorch dir> [<jni include dir>]
#
# <DJL pytorch-native sources>: a folder with src/*.cc, include/ai_djl_pytorch_jni_PyTorchLibrary.h and utils/djl/
#   (DJL v0.36.0's engines/pytorch/pytorch-native/src/main/native, api/src/main/native/djl and the javac -h header).
# <libtorch dir>: a libtorch with lib/ and include/ — a libtorch download, or a Python torch install
#   (python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))'); 2.x, or 1.13 (e.g. Debian's libtorch-dev,
#   as a folder linking include/ to /usr/include and lib/ to /usr/lib/x86_64-linux-gnu).
# <jni include dir>: a JDK's include/ (jni.h, linux/jni_md.h); default $JAVA_HOME/include. No JDK is needed to run.
#
# CUDA is used when <libtorch dir>/lib has libtorch_cuda.so (CUDA headers from /usr/local/cuda/include or the
# nvidia/*/include folders of the Python packages beside torch). The library goes to
# ~/.djl.ai/pytorch/${PYTORCH_VERSION}-${PYTORCH_FLAVOR}-linux-x86_64/0.36.0-libdjl_torch.so (defaults 2.7.1 and
# cu128, or cpu without CUDA); run the app with the environment this script prints at the end.
set -euo pipefail

usage() { echo "usage: $0 <DJL pytorch-native sources> <libtorch dir> [<jni include dir>]" >&2; exit 2; }
[[ $# -ge 2 && $# -le 3 ]] || usage
SRC=$(cd "$1" 2>/dev/null && pwd) || { echo "build-djl-jni: no such folder: $1" >&2; exit 2; }
TORCH=$(cd "$2" 2>/dev/null && pwd) || { echo "build-djl-jni: no such folder: $2" >&2; exit 2; }
JNI=${3:-${JAVA_HOME:-}/include}
DJL_VERSION=0.36.0

ls "$SRC"/src/*.cc >/dev/null 2>&1 || { echo "build-djl-jni: $SRC has no src/*.cc (DJL pytorch-native sources expected)" >&2; exit 2; }
[[ -f $SRC/include/ai_djl_pytorch_jni_PyTorchLibrary.h ]] || { echo "build-djl-jni: $SRC/include/ai_djl_pytorch_jni_PyTorchLibrary.h is missing" >&2; exit 2; }
[[ -f $TORCH/include/torch/csrc/api/include/torch/torch.h ]] || { echo "build-djl-jni: $TORCH is not a libtorch (no include/torch/csrc/api/include/torch/torch.h)" >&2; exit 2; }
[[ -f $TORCH/lib/libtorch_cpu.so ]] || { echo "build-djl-jni: $TORCH/lib/libtorch_cpu.so is missing" >&2; exit 2; }
[[ -f $JNI/jni.h && -f $JNI/linux/jni_md.h ]] || { echo "build-djl-jni: no jni.h in '$JNI' (give a JDK's include folder as the third argument)" >&2; exit 2; }
command -v g++ >/dev/null || { echo "build-djl-jni: g++ not found" >&2; exit 2; }

# DJL's sources take libtorch 1.13 behind a define (its own build sets it from the version); 2.x needs none
version_h=$TORCH/include/torch/csrc/api/include/torch/version.h
TORCH_MAJOR=$(awk '/define TORCH_VERSION_MAJOR/ {print $3}' "$version_h" 2>/dev/null || true)
TORCH_MINOR=$(awk '/define TORCH_VERSION_MINOR/ {print $3}' "$version_h" 2>/dev/null || true)
DEFS=()
if [[ $TORCH_MAJOR == 1 && $TORCH_MINOR == 13 ]]; then
  DEFS=(-DV1_13_X)
elif [[ -n $TORCH_MAJOR && $TORCH_MAJOR -lt 2 ]]; then
  echo "build-djl-jni: $TORCH is libtorch $TORCH_MAJOR.$TORCH_MINOR; DJL $DJL_VERSION's JNI builds against 1.13 or 2.x" >&2
  exit 2
fi
CUDA=()
LIBS=(-ltorch -ltorch_cpu -lc10)
FLAVOR=${PYTORCH_FLAVOR:-cpu}
if [[ -f $TORCH/lib/libtorch_cuda.so ]]; then
  CUDA=(-DUSE_CUDA -I/usr/local/cuda/include)
  for inc in "$TORCH"/../nvidia/*/include; do [[ -d $inc ]] && CUDA+=(-I"$inc"); done
  LIBS+=(-ltorch_cuda -lc10_cuda)
  FLAVOR=${PYTORCH_FLAVOR:-cu128}
fi
# the C++ ABI libtorch was built with (0 for the old pre-C++11 ABI)
ABI=1
if nm -DC "$TORCH/lib/libc10.so" 2>/dev/null | grep -q 'std::basic_string<char, std::char_traits<char>, std::allocator<char> >' \
   && ! nm -DC "$TORCH/lib/libc10.so" 2>/dev/null | grep -q 'std::__cxx11::basic_string'; then
  ABI=0
fi
VERSION=${PYTORCH_VERSION:-2.7.1}
OUT=${DJL_CACHE_DIR:-$HOME/.djl.ai}/pytorch/$VERSION-$FLAVOR-linux-x86_64
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "build-djl-jni: compiling $(ls "$SRC"/src/*.cc | wc -l) files against $TORCH (libtorch ${TORCH_MAJOR:-?}.${TORCH_MINOR:-?}, flavour $FLAVOR, C++11 ABI $ABI)"
t0=$(date +%s)
pids=()
for f in "$SRC"/src/*.cc; do
  g++ -c -O2 -std=c++17 -fPIC -D_GLIBCXX_USE_CXX11_ABI=$ABI "${DEFS[@]}" "${CUDA[@]}" -I"$SRC/include" -I"$SRC/src" \
      -I"$SRC/utils" -I"$JNI" -I"$JNI/linux" -I"$TORCH/include" -I"$TORCH/include/torch/csrc/api/include" \
      "$f" -o "$WORK/$(basename "$f" .cc).o" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || { echo "build-djl-jni: a source file did not compile (see above)" >&2; exit 1; }; done
g++ -shared "$WORK"/*.o -L"$TORCH/lib" "${LIBS[@]}" -Wl,-rpath,"$TORCH/lib" -o "$WORK/libdjl_torch.so"
mkdir -p "$OUT"
cp "$WORK/libdjl_torch.so" "$OUT/$DJL_VERSION-libdjl_torch.so"
echo "build-djl-jni: built in $(( $(date +%s) - t0 )) s: $OUT/$DJL_VERSION-libdjl_torch.so"
echo "run the app with:"
echo "  export PYTORCH_LIBRARY_PATH=$TORCH/lib PYTORCH_VERSION=$VERSION PYTORCH_FLAVOR=$FLAVOR"
echo "  export LD_LIBRARY_PATH=$TORCH/lib\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
