#!/usr/bin/env bash
# Builds the stand-in CUDA driver (libcuda.so.1) from standin_*.cpp and the kernel sources, twice: plain in
# <out>/plain and with AddressSanitizer in <out>/asan (plus <out>/asan/libasan.so, a link to the ASan
# runtime that the JVM must preload). Skips, successfully, without g++. With the path of JCuda's natives jar it
# also checks that the stand-in defines every cu* symbol JCuda's driver library imports.
# Usage: build-standin.sh <kernel source dir>[:<more source dirs>] <output dir> [jcuda-natives jar]
# (more source dirs: models of users or examples, whose .cu files join the product's.)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
IFS=: read -ra kernel_dirs <<< "$1"
out=$2
natives_jar=${3:-}

if ! command -v g++ > /dev/null; then
    echo "[manynuts stand-in] g++ not found: the stand-in driver is not built and its tests will be skipped"
    exit 0
fi
kernel_sources=()
kernel_headers=()
includes=()
for dir in "${kernel_dirs[@]}"; do
    kernel_sources+=("$dir"/*.cu)
    kernel_headers+=("$dir"/*.cuh)
    includes+=(-I"$dir")
done
newest=$(ls -t "$here"/*.cpp "$here"/*.h "$here"/*.inc "$0" "${kernel_sources[@]}" "${kernel_headers[@]}" | head -1)

# The sources and their extern "C" entries, for kernel_registry.cpp: the plain entries of the .cu files, the
# entries written once over Real (MANYNUTS_ENTRY(name): name and name_f32), the eight of every
# MANYNUTS_MODEL_KERNELS(prefix, Model) line and the two of every MANYNUTS_SPLIT_MODEL_KERNELS(prefix, Model) line.
generated="$out/generated"
mkdir -p "$generated"
for source in "${kernel_sources[@]}"; do
    echo "#include \"$(basename "$source")\""
done > "$generated/kernel_sources.inc.new"
entry='^extern "C" __global__ void \(__launch_bounds__([^)]*) \)\{0,1\}'
{
    sed -n "s/${entry}\([A-Za-z0-9_]*\)(.*/MANYNUTS_KERNEL(\2),/p" "${kernel_sources[@]}"
    for name in $(sed -n "s/${entry}MANYNUTS_ENTRY(\([A-Za-z0-9_]*\))(.*/\2/p" "${kernel_sources[@]}" \
            "${kernel_headers[@]}"); do
        echo "MANYNUTS_KERNEL(${name}),"
        echo "MANYNUTS_KERNEL(${name}_f32),"
    done
    for prefix in $(sed -n 's/^MANYNUTS_MODEL_KERNELS(\([A-Za-z0-9_]*\),.*/\1/p' "${kernel_sources[@]}"); do
        for name in log_density_gradient initialize leapfrog sample; do
            echo "MANYNUTS_KERNEL(${prefix}_${name}),"
            echo "MANYNUTS_KERNEL(${prefix}_${name}_f32),"
        done
    done
    for prefix in $(sed -n 's/^MANYNUTS_SPLIT_MODEL_KERNELS(\([A-Za-z0-9_]*\),.*/\1/p' "${kernel_sources[@]}"); do
        echo "MANYNUTS_KERNEL(${prefix}_likelihood),"
        echo "MANYNUTS_KERNEL(${prefix}_likelihood_f32),"
    done
} > "$generated/kernel_entries.inc.new"
for list in kernel_sources.inc kernel_entries.inc; do
    # Rewritten only when changed, so an unchanged tree does not rebuild the library.
    if cmp -s "$generated/$list.new" "$generated/$list"; then
        rm "$generated/$list.new"
    else
        mv "$generated/$list.new" "$generated/$list"
    fi
done
newest=$(ls -t "$newest" "$generated"/*.inc | head -1)

# Strict IEEE doubles without contraction, as in the JVM, so the host kernels round like the Java CPU backend.
common=(-std=c++17 -shared -fPIC -fvisibility=hidden -ffp-contract=off -Wall -Wextra -Werror
        -Wno-unused-parameter -I"$here" "${includes[@]}" -I"$generated" -Wl,-soname,libcuda.so.1)
sources=("$here/standin_driver.cpp" "$here/standin_memory.cpp" "$here/standin_modules.cpp" "$here/standin_state.cpp"
         "$here/kernel_registry.cpp")

build() {
    local variant=$1
    shift
    mkdir -p "$out/$variant"
    if [ -f "$out/$variant/libcuda.so.1" ] && [ "$out/$variant/libcuda.so.1" -nt "$newest" ]; then
        return
    fi
    g++ "${common[@]}" "$@" -o "$out/$variant/libcuda.so.1" "${sources[@]}" -lpthread -ldl
    echo "[manynuts stand-in] built $out/$variant/libcuda.so.1"
}

build plain -O2
if echo 'int main(){}' | g++ -fsanitize=address -x c++ -o /dev/null - > /dev/null 2>&1; then
    build asan -O1 -g -fsanitize=address -fno-omit-frame-pointer
    # ASan checks that a library named libasan.so* comes first, so the link keeps that name.
    ln -sf "$(readlink -f "$(g++ -print-file-name=libasan.so)")" "$out/asan/libasan.so"
else
    echo "[manynuts stand-in] g++ has no AddressSanitizer: the ASan variant is not built"
fi

if [ -n "$natives_jar" ] && [ -f "$natives_jar" ]; then
    "$here/check-imports.sh" "$natives_jar" 'libJCudaDriver-*.so' "$out/plain/libcuda.so.1" cu
fi
