#!/usr/bin/env bash
# Makes a self-contained folder for scripts/gpu-check.sh on a GPU machine that has no Java, Maven or network:
# a jlink-made Java runtime of the modules the jar needs, the shaded jar, the check's scripts and a posteriordb
# program with its data. Prints the bundle's size.
# Usage: scripts/gpu-bundle.sh [BUNDLE] (default target/gpu-bundle; an existing BUNDLE is replaced)
# Environment: JAVA_HOME (a JDK 17 with jmods; default /usr/lib/jvm/java-17-openjdk-amd64), POSTERIOR (a posteriordb
# reference folder with model.stan and data.json; default ../shared/posteriordb/reference/arK-arK).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bundle=${1:-$repo/target/gpu-bundle}
jdk=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
posterior=${POSTERIOR:-$repo/../shared/posteriordb/reference/arK-arK}
jar=$repo/host/target/manynuts.jar

command -v zip > /dev/null || { echo "gpu-bundle: zip not found" >&2; exit 2; }
for tool in jlink jdeps; do
    [ -x "$jdk/bin/$tool" ] || { echo "gpu-bundle: $jdk/bin/$tool not found: set JAVA_HOME to a JDK 17" >&2; exit 2; }
done
[ -d "$jdk/jmods" ] || { echo "gpu-bundle: $jdk/jmods not found: jlink needs the JDK's jmods" >&2; exit 2; }
"$jdk/bin/java" -version 2>&1 | grep -q '"17\.' || { echo "gpu-bundle: $jdk is not a JDK 17" >&2; exit 2; }
[ -f "$jar" ] || { echo "gpu-bundle: $jar not found: run mvn -B package -DskipTests first" >&2; exit 2; }
for file in model.stan data.json; do
    [ -f "$posterior/$file" ] || { echo "gpu-bundle: $posterior/$file not found: set POSTERIOR" >&2; exit 2; }
done

# jdeps finds what the classes name; three more serve the in-memory compilation of Stan programs and Ctrl-C, and
# no class names them: jdk.compiler implements javax.tools, jdk.zipfs lets javac read the jar on its class path,
# jdk.unsupported holds sun.misc.Signal.
modules=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$jar" | tail -1)
modules=$(echo "$modules,jdk.compiler,jdk.zipfs,jdk.unsupported" | tr , '\n' | sort -u | paste -sd, -)
rm -rf "$bundle"
mkdir -p "$(dirname "$bundle")"
# ct.sym serves javac's --release, which the in-memory compilation does not use.
"$jdk/bin/jlink" --add-modules "$modules" --output "$bundle/runtime" --strip-debug --no-header-files \
    --no-man-pages --compress=2 --exclude-files='**/ct.sym'
# The native libraries' symbol tables (4 MiB of libjvm.so): only crash reports read them.
if command -v strip > /dev/null; then
    find "$bundle/runtime" -name '*.so' -exec strip --strip-unneeded {} +
fi
# JCuda's natives for the PTX compiler and the runtime API serve only tests; the driver's, NVRTC's and cuBLAS's stay.
cp "$jar" "$bundle/manynuts.jar"
zip -q -d "$bundle/manynuts.jar" 'lib/libJNvPTXCompiler-*' 'lib/libJCudaRuntime-*'
cp "$repo/scripts/gpu-check.sh" "$repo/scripts/gpu_compare.py" "$repo/scripts/numpyro_eight_schools.py" "$bundle/"
mkdir -p "$bundle/posterior"
cp "$posterior/model.stan" "$posterior/data.json" "$bundle/posterior/"
basename "$posterior" > "$bundle/posterior/NAME"
git -C "$repo" rev-parse HEAD > "$bundle/COMMIT" 2>/dev/null || echo unknown > "$bundle/COMMIT"
echo "modules: $modules"
echo "bundle: $bundle, $(du -sb "$bundle" | cut -f1) bytes (runtime $(du -sb "$bundle/runtime" | cut -f1), jar $(du -sb "$bundle/manynuts.jar" | cut -f1))"
