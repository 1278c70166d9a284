#!/usr/bin/env bash
# Checks that a stand-in library defines every symbol with the given prefix that a JCuda JNI library imports, at the
# same symbol version (name@version; the definition's default version name@@version counts), so the JNI library
# links against the stand-in as against NVIDIA's.
# Usage: check-imports.sh <natives jar> <JNI library file pattern, e.g. libJCublas2-*.so> <stand-in library> <prefix>
set -euo pipefail
natives_jar=$1
pattern=$2
library=$3
prefix=$4

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && jar xf "$natives_jar")
jni=$(ls "$work"/lib/$pattern)
nm -D --undefined-only "$jni" | awk -v prefix="^$prefix" '$2 ~ prefix {print $2}' | sort > "$work/imported"
nm -D --defined-only "$library" | awk -v prefix="^$prefix" '$3 ~ prefix {sub(/@@/, "@", $3); print $3}' | sort \
    > "$work/defined"
missing=$(comm -23 "$work/imported" "$work/defined")
if [ -n "$missing" ]; then
    echo "[manynuts stand-in] $(basename "$jni") imports calls that $(basename "$library") lacks: $missing" >&2
    exit 1
fi
echo "[manynuts stand-in] $(basename "$library") defines all $(wc -l < "$work/imported") $prefix* symbols that $(basename "$jni") imports"
