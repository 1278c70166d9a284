#!/usr/bin/env bash
# Builds the stand-in NVRTC (libnvrtc.so.12) from standin_nvrtc.cpp into <out>/nvrtc, compiling programs with the nvcc
# found now, with the version node of the real library so JCuda's versioned imports resolve. Skips, successfully,
# without g++ or nvcc. With the path of JCuda's natives jar it also checks that the stand-in defines every nvrtc*
# symbol libJNvrtc imports, at that version.
# Usage: build-standin-nvrtc.sh <output dir> [jcuda-natives jar]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
natives_jar=${2:-}

nvcc=$(command -v nvcc || true)
if [ -z "$nvcc" ] && [ -x /usr/local/cuda/bin/nvcc ]; then
    nvcc=/usr/local/cuda/bin/nvcc
fi
if ! command -v g++ > /dev/null || [ -z "$nvcc" ]; then
    echo "[manynuts stand-in] no g++ or no nvcc: the stand-in NVRTC is not built and its tests will be skipped"
    exit 0
fi
library="$out/nvrtc/libnvrtc.so.12"
mkdir -p "$out/nvrtc"
newest=$(ls -t "$here"/standin_nvrtc.cpp "$here"/libnvrtc.map "$0" | head -1)
if [ ! -f "$library" ] || [ "$newest" -nt "$library" ]; then
    g++ -std=c++17 -O2 -shared -fPIC -fvisibility=hidden -Wall -Wextra -Werror -Wno-unused-parameter \
        -DSTANDIN_NVCC="\"$nvcc\"" -Wl,-soname,libnvrtc.so.12 -Wl,--version-script="$here/libnvrtc.map" \
        -o "$library" "$here/standin_nvrtc.cpp"
    echo "[manynuts stand-in] built $library (compiling with $nvcc)"
fi

if [ -n "$natives_jar" ] && [ -f "$natives_jar" ]; then
    "$here/check-imports.sh" "$natives_jar" 'libJNvrtc-*.so' "$library" nvrtc
fi
