#!/usr/bin/env bash
# Build and run the libFuzzer harnesses (behind `make fuzz`; a short pass
# from `make check`).
#
#   core_<module>.c   one per core module, linked with all of dsp/*.c
#                     (adding a module's fuzzer = adding that one file)
#   obj_<name>        one per line of tests/robust/objects.list: the real
#                     wrapper externals/<name>.c + externals/mm_pd.c on the
#                     pdstub.c runtime (obj_harness.c), plus the object's
#                     check hook tests/fuzz/check/<name>.c when it exists
#
# Each runs for FUZZ_SECONDS (default 20) with ASan + UBSan; any crash,
# sanitizer report, leak, timeout or broken invariant fails. The corpus
# grows in $FUZZ_OUT/corpus/<harness> (kept between runs; seeded with
# tests/fuzz/corpus/<harness>/ when present, and every file there is
# replayed first as a regression test). Findings go to
# $FUZZ_OUT/artifacts/<harness>/.
#
#   FUZZ_SECONDS=20   time per harness
#   FUZZ_ONLY=pattern only harnesses whose name contains it
#   FUZZ_JOBS=N       harnesses run at once (default: the number of cores)
#   FUZZ_OUT=dir      default $BUILD/fuzz
#   CLANG=clang-14    the compiler (needs libFuzzer: libclang-rt-14-dev)
# Prints one line per harness and `fuzz: N passed, N failed`.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
FUZZ_OUT=${FUZZ_OUT:-$BUILD/fuzz}
FUZZ_ONLY=${FUZZ_ONLY:-}
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
PD_INCLUDE=${PD_INCLUDE:-/usr/include/pd}
mkdir -p "$FUZZ_OUT/bin" "$FUZZ_OUT/log"

. scripts/lib/extra-deps.sh
need_clang || exit 1
: "${CLANG:=$MM_CLANG}"

FLAGS="-g -O1 -std=c99 -D_DEFAULT_SOURCE -fno-omit-frame-pointer
 -fsanitize=fuzzer,address,undefined,float-cast-overflow
 -fno-sanitize-recover=all -fno-finite-math-only -Idsp -Itests/fuzz"
DSP_SRC=$(ls dsp/*.c)
LIBS="-lebur128 -lm"

build_failed=()
harnesses=()
want() { [ -z "$FUZZ_ONLY" ] || [[ "$1" == *$FUZZ_ONLY* ]]; }

for src in tests/fuzz/core_*.c; do
    h=$(basename "$src" .c)
    want "$h" || continue
    # shellcheck disable=SC2086
    if $CLANG $FLAGS -o "$FUZZ_OUT/bin/$h" "$src" $DSP_SRC $LIBS \
        >"$FUZZ_OUT/log/$h.build" 2>&1; then harnesses+=("$h");
    else build_failed+=("$h"); fi
done

while IFS='|' read -r name _ _ flags msg; do
    h=obj_${name%\~}
    want "$h" || continue
    [ -f "externals/$name.c" ] || { build_failed+=("$h(no externals/$name.c)"); continue; }
    check=()
    [ -f "tests/fuzz/check/$name.c" ] && check=("tests/fuzz/check/$name.c")
    setup="${name/\~/_tilde}_setup"
    # shellcheck disable=SC2086
    if $CLANG $FLAGS -I"$PD_INCLUDE" -Iexternals \
        -DMM_FUZZ_OBJECT="\"$name\"" -DMM_FUZZ_SETUP="$setup" \
        -DMM_FUZZ_FLAGS="\"$flags\"" -DMM_FUZZ_MSG="\"$msg\"" \
        -include tests/fuzz/pdfix.h \
        -o "$FUZZ_OUT/bin/$h" \
        tests/fuzz/obj_harness.c tests/fuzz/pdstub.c "externals/$name.c" \
        externals/mm_pd.c "${check[@]}" $DSP_SRC $LIBS \
        >"$FUZZ_OUT/log/$h.build" 2>&1; then harnesses+=("$h");
    else build_failed+=("$h"); fi
done < <(grep -v '^\s*#' tests/robust/objects.list | grep -v '^\s*$' \
    | awk -F'|' '{for (i = 1; i <= NF; i++) gsub(/^ +| +$/, "", $i);
                  print $1 "|" $2 "|" $3 "|" $4 "|" $5}')

run_one() {
    local h=$1 bin=$FUZZ_OUT/bin/$1 corpus=$FUZZ_OUT/corpus/$1
    local art=$FUZZ_OUT/artifacts/$1/ log=$FUZZ_OUT/log/$1.log seed=tests/fuzz/corpus/$1
    mkdir -p "$corpus" "$art"
    : >"$log"
    local rc=0
    # 1. replay the committed regression inputs
    if [ -d "$seed" ] && [ -n "$(ls -A "$seed")" ]; then
        "$bin" -runs=0 "$seed"/* >>"$log" 2>&1 || rc=$?
    fi
    # 2. fuzz
    if [ $rc -eq 0 ]; then
        local dirs=("$corpus")
        [ -d "$seed" ] && dirs+=("$seed")
        ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
        UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
        "$bin" -max_total_time="$FUZZ_SECONDS" -max_len=4096 -timeout=20 \
            -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$art" \
            "${dirs[@]}" >>"$log" 2>&1 || rc=$?
    fi
    local execs cov
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
    if [ $rc -eq 0 ]; then
        echo "PASS: fuzz $h ${FUZZ_SECONDS}s ${execs:-0} execs cov ${cov:-?}"
    else
        local why
        why=$(grep -m1 -h 'FUZZ INVARIANT FAILED\|ERROR: AddressSanitizer\|runtime error\|ERROR: libFuzzer\|ERROR: LeakSanitizer\|SUMMARY:' "$log")
        echo "FAIL: fuzz $h exit $rc ${execs:-?} execs: ${why:-see $log} (input: $(ls -t "$art" 2>/dev/null | head -1))"
    fi
}
export -f run_one
export FUZZ_OUT FUZZ_SECONDS

results=$(printf '%s\n' "${harnesses[@]}" | xargs -r -P "$FUZZ_JOBS" -I{} bash -c 'run_one "$@"' _ {})
printf '%s\n' "$results" | sort
for b in "${build_failed[@]}"; do
    echo "FAIL: fuzz $b does not build (see $FUZZ_OUT/log/${b%%(*}.build)"
    [ -f "$FUZZ_OUT/log/${b%%(*}.build" ] && grep -m5 'error' "$FUZZ_OUT/log/${b%%(*}.build"
done
pass=$(grep -c '^PASS: ' <<<"$results")
fail=$(( $(grep -c '^FAIL: ' <<<"$results") + ${#build_failed[@]} ))
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
