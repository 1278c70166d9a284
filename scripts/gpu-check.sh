#!/usr/bin/env bash
# The GPU check: on a machine with an NVIDIA driver, runs manynuts on the GPU and on the CPU and writes what it finds
# into OUT: log.txt (everything, one line per step's outcome), status.csv (step, status, seconds, detail),
# devices.txt, equivalence.csv (CPU against CUDA, float64 and float32), bench.csv (GPU throughput against chains) and
# numpyro.csv (NumPyro's vectorised NUTS on eight schools, when Python has JAX and NumPyro).
# Usage: gpu-check.sh OUT
# Runs from the bundle that scripts/gpu-bundle.sh makes (its runtime/, manynuts.jar, posterior/), or from the repo
# with java on the PATH and host/target/manynuts.jar built. Every step has a timeout and the whole check keeps to
# GPU_CHECK_BUDGET_S seconds (default 450); a step that cannot run says why in one line and the check goes on.
# Environment: GPU_CHECK_QUICK=1 (tiny sizes, for the stand-in driver), GPU_CHECK_POSTERIOR (a folder with model.stan
# and data.json), GPU_CHECK_BENCH_CHAINS (default 1024,4096,16384,65536), PYTHON (default python3),
# GPU_CHECK_CLASSPATH (run manynuts from this class path with the java on the PATH: the tests' build).
set -uo pipefail
if [ $# -ne 1 ]; then
    echo "usage: gpu-check.sh OUT" >&2
    exit 2
fi
mkdir -p "$1/steps" "$1/runs" || exit 2
out=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log=$out/log.txt
status=$out/status.csv
: > "$log"
echo "step,status,seconds,detail" > "$status"
budget=${GPU_CHECK_BUDGET_S:-450}
python=${PYTHON:-python3}
failures=0

say() {
    echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$log"
}

# record STEP STATUS SECONDS DETAIL: one row of status.csv and one line of the log.
record() {
    local detail=${4//,/;}
    echo "$1,$2,$3,${detail//$'\n'/ }" >> "$status"
    say "$1: $2 ($3 s): $4"
    [ "$2" = ok ] || [ "$2" = skipped ] || failures=$((failures + 1))
}

# run_step STEP LIMIT COMMAND...: runs COMMAND (output to the log and to $out/STEP.out) under a timeout that
# never passes the check's budget; sets step_seconds and returns the command's status (124: timed out, 125: no
# time left to start it).
run_step() {
    local step=$1 limit=$2
    shift 2
    local left=$((${deadline:-$budget} - SECONDS))
    if [ "$left" -lt 10 ]; then
        step_seconds=0
        return 125
    fi
    [ "$limit" -le "$left" ] || limit=$left
    say "$step: $* (at most $limit s)"
    local started=$SECONDS
    timeout --kill-after=10 "$limit" "$@" > "$out/steps/$step.out" 2>&1
    local rc=$?
    step_seconds=$((SECONDS - started))
    sed 's/^/    /' "$out/steps/$step.out" >> "$log"
    [ "$rc" -ne 137 ] || rc=124
    return "$rc"
}

# why STEP RC: the one line that says why a step failed.
why() {
    case $2 in
        124) echo "timed out" ;;
        125) echo "no time left in the ${budget} s budget${deadline:+, the rest kept for NumPyro}" ;;
        *) echo "exit $2: $(grep -v '^\s*$' "$out/steps/$1.out" | tail -1)" ;;
    esac
}

if [ "${GPU_CHECK_QUICK:-0}" = 1 ]; then
    equivalence=(--chains 8 --warmup 30 --draws 30)
    lockstep=(--chains 4 --warmup 0 --draws 8)
    bench_chains=${GPU_CHECK_BENCH_CHAINS:-16,32}
    bench=(--warmup 20 --draws 20)
    limit=120
    numpyro_share=120
else
    equivalence=(--chains 256 --warmup 300 --draws 300)
    lockstep=(--chains 64 --warmup 0 --draws 30)
    bench_chains=${GPU_CHECK_BENCH_CHAINS:-1024,4096,16384,65536}
    bench=(--warmup 200 --draws 200)
    limit=60
    numpyro_share=120
fi

say "manynuts GPU check into $out, budget $budget s, quick ${GPU_CHECK_QUICK:-0}, $(uname -srm)"

# --- What the machine has: Java (bundled or on the PATH), the driver, nvcc, Python. ---
if [ -n "${GPU_CHECK_CLASSPATH:-}" ] && command -v java > /dev/null; then
    java=$(command -v java)
    jar=$GPU_CHECK_CLASSPATH
    say "java: $java with the class path GPU_CHECK_CLASSPATH"
elif [ -x "$here/runtime/bin/java" ] && [ -f "$here/manynuts.jar" ]; then
    java=$here/runtime/bin/java
    jar=$here/manynuts.jar
    say "java: the bundle's runtime ($(cat "$here/COMMIT" 2>/dev/null || echo 'commit unknown'))"
elif command -v java > /dev/null && [ -f "$here/../host/target/manynuts.jar" ]; then
    java=$(command -v java)
    jar=$here/../host/target/manynuts.jar
    say "java: $java with the repo's host/target/manynuts.jar"
else
    java=
    jar=
fi
if [ -z "$java" ]; then
    record java fail 0 "no Java: neither a bundle's runtime/ and manynuts.jar next to this script nor java on the PATH with host/target/manynuts.jar; make the bundle with scripts/gpu-bundle.sh"
else
    record java ok 0 "$("$java" -version 2>&1 | head -1)"
fi
if command -v nvidia-smi > /dev/null; then
    timeout 30 nvidia-smi > "$out/nvidia-smi.txt" 2>&1
    sed 's/^/    /' "$out/nvidia-smi.txt" >> "$log"
    record driver ok 0 "$(timeout 30 nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -1)"
elif { ldconfig -p || /sbin/ldconfig -p; } 2> /dev/null | grep -q 'libcuda\.so\.1' || [ -n "${LD_LIBRARY_PATH:-}" ]; then
    record driver ok 0 "no nvidia-smi; libcuda.so.1 is left to the dynamic loader (LD_LIBRARY_PATH ${LD_LIBRARY_PATH:-unset})"
else
    record driver fail 0 "no NVIDIA driver: nvidia-smi not found and libcuda.so.1 not in the ld.so cache"
fi
# The generated kernels need nvcc, or else NVRTC (libnvrtc.so.12) where the JVM's library path finds it.
nvrtc_found() {
    { ldconfig -p || /sbin/ldconfig -p; } 2> /dev/null | grep -q 'libnvrtc\.so\.12 ' && return 0
    local dir path=${LD_LIBRARY_PATH:-}
    for dir in ${path//:/ }; do
        [ -e "$dir/libnvrtc.so.12" ] && return 0
    done
    return 1
}
if command -v nvcc > /dev/null; then
    record nvcc ok 0 "$(nvcc --version | tail -2 | head -1)"
    have_nvcc=1
elif nvrtc_found; then
    record nvcc ok 0 "nvcc not on the PATH; NVRTC (libnvrtc.so.12) builds the Stan program's generated kernels"
    have_nvcc=1
else
    record nvcc fail 0 "neither nvcc on the PATH nor libnvrtc.so.12: the Stan program's generated kernels cannot be built, its CUDA steps are skipped"
    have_nvcc=0
fi
if command -v "$python" > /dev/null; then
    have_python=1
else
    record python fail 0 "$python not found: the CPU/CUDA comparisons and NumPyro cannot run"
    have_python=0
fi

export MANYNUTS_CACHE=${MANYNUTS_CACHE:-$out/cache}
# The command line, as the repo's launcher runs it (a plain command, so that timeout can run it).
read -ra java_options <<< "${MANYNUTS_JAVA_OPTS:-}"
manynuts=("$java" -XX:-DontCompileHugeMethods "${java_options[@]}" -cp "$jar" manynuts.cli.Main)

# --- (a) The devices. ---
have_cuda=0
if [ -n "$java" ]; then
    run_step devices 60 "${manynuts[@]}" devices
    rc=$?
    cp "$out/steps/devices.out" "$out/devices.txt"
    if [ "$rc" -ne 0 ]; then
        record devices fail "$step_seconds" "$(why devices "$rc")"
    elif grep -q '^no CUDA devices' "$out/devices.txt"; then
        record devices fail "$step_seconds" "$(head -1 "$out/devices.txt")"
    else
        record devices ok "$step_seconds" "$(head -2 "$out/devices.txt" | tr '\n' ' ')"
        have_cuda=1
    fi
fi

# The three models: eight schools (fused kernel), a posteriordb program (generated kernels), the hierarchical
# logistic regression (split leapfrog with matrix products).
posterior=${GPU_CHECK_POSTERIOR:-}
if [ -z "$posterior" ]; then
    for candidate in "$here/posterior" "$here/../../shared/posteriordb/reference/arK-arK"; do
        [ -f "$candidate/model.stan" ] && posterior=$candidate && break
    done
fi
models=(eight_schools logistic)
declare -A model_arguments=([eight_schools]="-m eight_schools_noncentered" [logistic]="-m hierarchical_logistic")
if [ -n "$posterior" ] && [ -f "$posterior/model.stan" ] && [ -f "$posterior/data.json" ]; then
    models=(eight_schools posteriordb logistic)
    model_arguments[posteriordb]="-m $posterior/model.stan --data $posterior/data.json"
    say "posteriordb program: $posterior"
else
    record posteriordb fail 0 "no posteriordb program: set GPU_CHECK_POSTERIOR to a folder with model.stan and data.json"
fi

# cuda_ready STEP MODEL: whether a CUDA step of MODEL can run; if not, records why.
cuda_ready() {
    if [ -z "$java" ]; then
        record "$1" skipped 0 "no Java"
    elif [ "$have_cuda" != 1 ]; then
        record "$1" skipped 0 "no CUDA device (see the devices step)"
    elif [ "$2" = posteriordb ] && [ "$have_nvcc" != 1 ]; then
        record "$1" skipped 0 "no nvcc or NVRTC to build the program's generated kernels"
    else
        return 0
    fi
    return 1
}

# --- (b) CPU against CUDA: lockstep draws (float64, no warm-up) and means within MCSE (float64 and float32). ---
echo "model,precision,check,chains,warmup,draws,compared,within_or_max_z,largest_difference_or_where,where,passed" \
    > "$out/equivalence.csv"
for model in "${models[@]}"; do
    read -ra arguments <<< "${model_arguments[$model]}"
    cuda_ready "equivalence_$model" "$model" || continue
    for kind in lockstep means; do
        if [ "$kind" = lockstep ]; then
            sizes=("${lockstep[@]}")
            precisions=(float64)
        else
            sizes=("${equivalence[@]}")
            precisions=(float64 float32)
        fi
        step="${kind}_${model}_cpu"
        run_step "$step" "$limit" "${manynuts[@]}" sample "${arguments[@]}" "${sizes[@]}" --seed 11 --backend cpu \
            --progress never --force -o "$out/runs/$step"
        rc=$?
        if [ "$rc" -ne 0 ]; then
            record "$step" fail "$step_seconds" "$(why "$step" "$rc")"
            continue
        fi
        record "$step" ok "$step_seconds" "$(grep -m1 '^backend' "$out/steps/$step.out")"
        for precision in "${precisions[@]}"; do
            step="${kind}_${model}_${precision}"
            run_step "$step" "$limit" "${manynuts[@]}" sample "${arguments[@]}" "${sizes[@]}" --seed 11 --backend cuda \
                --precision "$precision" --progress never --force -o "$out/runs/$step"
            rc=$?
            if [ "$rc" -ne 0 ]; then
                record "$step" fail "$step_seconds" "$(why "$step" "$rc")"
                continue
            fi
            if [ "$have_python" != 1 ]; then
                record "$step" fail "$step_seconds" "sampled, but no $python to compare with the CPU"
                continue
            fi
            if [ "$kind" = lockstep ]; then
                row=$("$python" "$here/gpu_compare.py" lockstep "$out/runs/${kind}_${model}_cpu/draws.csv" \
                    "$out/runs/$step/draws.csv" 1e-8 2>&1)
            else
                row=$("$python" "$here/gpu_compare.py" means "$out/runs/${kind}_${model}_cpu/summary.csv" \
                    "$out/runs/$step/summary.csv" 5 2>&1)
                # No count within a tolerance nor a largest difference: the columns line up with lockstep's.
                row=$(echo "$row" | awk -F, -v OFS=, 'NF == 4 {print $1, $2, "-", $3, $4; next} {print}')
            fi
            echo "$model,$precision,$kind,$(printf '%s\n' "${sizes[@]}" | paste -sd' ' | awk '{print $2","$4","$6}'),$row" >> "$out/equivalence.csv"
            case $row in
                *,true) record "$step" ok "$step_seconds" "agrees with the CPU: $row" ;;
                *,false) record "$step" fail "$step_seconds" "differs from the CPU: $row" ;;
                *) record "$step" fail "$step_seconds" "comparison failed: $row" ;;
            esac
        done
    done
done

# Whether NumPyro can run, asked before the benches so that they leave it its share of the budget.
numpyro_ready=0
if [ "$have_python" = 1 ] && timeout 120 "$python" -c 'import jax, numpyro' > "$out/steps/numpyro-import.out" 2>&1; then
    numpyro_ready=1
    deadline=$((budget - numpyro_share))
fi

# --- (c) Throughput on the GPU against the number of chains: one bench per row, so a slow row costs only itself;
# each row twice, trees built on the host (one leapfrog step per launch) and on the device (the state machine). ---
echo "model,precision,trees,chains,warmup,seconds,gradients_per_second,gradients_per_second_per_core,draws_per_second,lane_utilisation,min_ess_bulk,min_ess_parameter,min_ess_bulk_per_core_second,peak_heap_mib,summary_seconds" \
    > "$out/bench.csv"
# Chain counts outer and models inner, so that every model gets its small rows before any model's large ones.
declare -A bench_stopped=()
for model in "${models[@]}"; do
    cuda_ready "bench_$model" "$model" || bench_stopped[$model]=1
done
IFS=, read -ra counts <<< "$bench_chains"
for chains in "${counts[@]}"; do
    for model in "${models[@]}"; do
        [ -z "${bench_stopped[$model]:-}" ] || continue
        read -ra arguments <<< "${model_arguments[$model]}"
        step="bench_${model}_${chains}"
        run_step "$step" "$((limit * 2))" "${manynuts[@]}" bench "${arguments[@]}" --chains "$chains" "${bench[@]}" \
            --backend cuda --precision float64 --trees host,device --csv "$out/runs/$step.csv"
        rc=$?
        if [ "$rc" -ne 0 ]; then
            record "$step" fail "$step_seconds" "$(why "$step" "$rc"); larger chain counts of $model skipped"
            bench_stopped[$model]=1
            continue
        fi
        # The trees column (the CSV's last) after the model and precision: host and device rows side by side.
        tail -n +2 "$out/runs/$step.csv" | awk -F, -v OFS=, -v model="$model" \
            '{ row = $1; for (i = 2; i <= 12; i++) row = row OFS $i; print model, "float64", $NF, row }' \
            >> "$out/bench.csv"
        record "$step" ok "$step_seconds" "$(tail -1 "$out/runs/$step.csv" | cut -d, -f1-8)"
    done
done

# --- (d) NumPyro's NUTS with vectorised chains on eight schools, on the same GPU. ---
if [ "$have_python" != 1 ]; then
    record numpyro skipped 0 "no $python"
elif [ "$numpyro_ready" != 1 ]; then
    record numpyro skipped 0 "JAX or NumPyro missing: $(tail -1 "$out/steps/numpyro-import.out")"
else
    deadline=
    run_step numpyro "$numpyro_share" "$python" "$here/numpyro_eight_schools.py" --chains "$bench_chains" \
        "${bench[@]}" --x64 --csv "$out/numpyro.csv"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        record numpyro fail "$step_seconds" "$(why numpyro "$rc")"
    else
        record numpyro ok "$step_seconds" "$(tail -1 "$out/numpyro.csv")"
    fi
fi

say "done in $SECONDS s: $failures step(s) failed; see $status"
[ "$failures" -eq 0 ]
