#!/usr/bin/env bash
# Builds the stand-in cuBLAS (libcublas.so.12) from standin_cublas.cpp into <out>/cublas, linked against the stand-in
# driver that build-standin.sh put in <out>/plain, with the version node of the real library so JCublas's versioned
# imports resolve. Skips, successfully, without g++ or without the stand-in driver. With the path of JCublas's
# natives jar it also checks that the stand-in defines every cublas* symbol libJCublas2 imports, at that version.
# Usage: build-standin-cublas.sh <output dir> [jcublas-natives jar]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
natives_jar=${2:-}

if ! command -v g++ > /dev/null || [ ! -f "$out/plain/libcuda.so.1" ]; then
    echo "[manynuts stand-in] no g++ or no stand-in driver: the stand-in cuBLAS is not built and its tests will be skipped"
    exit 0
fi
library="$out/cublas/libcublas.so.12"
mkdir -p "$out/cublas"
newest=$(ls -t "$here"/standin_cublas.cpp "$here"/cublas_unsupported_calls.inc "$here"/libcublas.map "$0" \
    "$out/plain/libcuda.so.1" | head -1)
if [ ! -f "$library" ] || [ "$newest" -nt "$library" ]; then
    # No -ffp-contract=off here: the products use explicit fused multiply-adds, as a GPU's cuBLAS does.
    g++ -std=c++17 -O2 -shared -fPIC -fvisibility=hidden -Wall -Wextra -Werror -Wno-unused-parameter \
        -Wl,-soname,libcublas.so.12 -Wl,--version-script="$here/libcublas.map" \
        -o "$library" "$here/standin_cublas.cpp" "$out/plain/libcuda.so.1" -lpthread
    echo "[manynuts stand-in] built $library"
fi

if [ -n "$natives_jar" ] && [ -f "$natives_jar" ]; then
    "$here/check-imports.sh" "$natives_jar" 'libJCublas2-*.so' "$library" cublas
fi
