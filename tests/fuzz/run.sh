#!/usr/bin/env bash
# Build and run the libFuzzer harnesses (behind `make fuzz`; a short pass
# from `make check`).
#
#   core_<module>.c   one per core module, linked with the core built once
#                     for fuzzing ($BUILD/obj/fuzz/libmmdsp.a; adding a
#                     module's fuzzer = adding that one file)
#   obj_<name>        one per line of tests/robust/objects.list: the real
#                     wrapper externals/<name>.c + externals/mm_pd.c on the
#                     pdstub.c runtime (obj_harness.c), plus the object's
#                     check hook tests/fuzz/check/<name>.c if one is ever
#                     written (none is yet; see objcheck.h)
# The Makefile builds them (make fuzzers: clang, libFuzzer, ASan + UBSan);
# this script runs `make fuzzers` first, which does nothing when
# `make check` has just built them.
#
# Each runs for FUZZ_SECONDS (default 20); any crash, sanitizer report,
# leak, timeout or broken invariant fails. The corpus grows in
# $FUZZ_OUT/corpus/<harness> (kept between runs; seeded with
# tests/fuzz/corpus/<harness>/ when present, and every file there is
# replayed first as a regression test). Findings go to
# $FUZZ_OUT/artifacts/<harness>/.
#
#   FUZZ_SECONDS=20   time per harness
#   FUZZ_ONLY=pattern only harnesses whose name contains it
#   FUZZ_MIN_RATE=100 executions per second of the CPU time each harness
#                     got (fewer fail: an input must stay cheap, see
#                     fuzz.h; per CPU second, as a shared machine gives a
#                     harness less time, not a slower harness)
#   FUZZ_JOBS=N       harnesses run at once (default: the number of cores)
#   FUZZ_OUT=dir      default $BUILD/fuzz
#   CLANG=clang-14    the compiler (needs libFuzzer: libclang-rt-14-dev)
# Prints one line per harness with its executions (libFuzzer's
# stat::number_of_executed_units) and the CPU time it got, and
# `fuzz: N passed, N failed`.
#
# For tests/run.sh, which runs the harnesses as jobs beside the other
# tests:
#   run.sh --build      build; print the name of each harness that built
#                       and a FAIL line for each that did not
#   run.sh --one NAME   run one built harness; print its PASS/FAIL line
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
FUZZ_OUT=${FUZZ_OUT:-$BUILD/fuzz}
FUZZ_ONLY=${FUZZ_ONLY:-}
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
FUZZ_MIN_RATE=${FUZZ_MIN_RATE:-100}
BIN=$BUILD/fuzz/bin
MODE=${1:-all}
mkdir -p "$FUZZ_OUT/log"

want() { [ -z "$FUZZ_ONLY" ] || [[ "$1" == *$FUZZ_ONLY* ]]; }

# the harnesses (as the Makefile names them) that match FUZZ_ONLY, built;
# sets harnesses (built) and build_failed
build() {
    . scripts/lib/extra-deps.sh
    need_clang || { echo "FAIL: fuzz: no clang with libFuzzer"; exit 1; }
    : "${CLANG:=$MM_CLANG}"
    all=()
    for src in tests/fuzz/core_*.c; do all+=("$(basename "$src" .c)"); done
    while read -r name; do
        all+=("obj_${name%\~}")
    done < <(awk -F'|' '$1 ~ /^ *[A-Za-z]/ {gsub(/ /, "", $1); print $1}' \
        tests/robust/objects.list)
    harnesses=() targets=()
    for h in "${all[@]}"; do
        want "$h" || continue
        harnesses+=("$h"); targets+=("$BIN/$h")
    done
    [ ${#harnesses[@]} -gt 0 ] || { echo "fuzz: no harness matches '$FUZZ_ONLY'"; exit 1; }

    # build (-k: one harness that does not build does not stop the others)
    fmake() { make --no-print-directory BUILD="$BUILD" FUZZ_CC="$CLANG" "$@"; }
    build_failed=()
    if ! fmake -k -j"$FUZZ_JOBS" "${targets[@]}" >"$FUZZ_OUT/log/build.log" 2>&1; then
        # which ones: each again alone (quick for those that did build)
        ok=()
        for h in "${harnesses[@]}"; do
            if fmake "$BIN/$h" >>"$FUZZ_OUT/log/build.log" 2>&1; then ok+=("$h");
            else build_failed+=("$h"); fi
        done
        harnesses=(${ok[@]+"${ok[@]}"})
    fi
}

run_one() {
    local h=$1 bin=$BIN/$1 corpus=$FUZZ_OUT/corpus/$1
    local art=$FUZZ_OUT/artifacts/$1/ log=$FUZZ_OUT/log/$1.log seed=tests/fuzz/corpus/$1
    mkdir -p "$corpus" "$art"
    : >"$log"
    local rc=0
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    # 1. replay the committed regression inputs (untimed); the object
    #    harnesses' sweep of every message and flag runs here too (with an
    #    empty input when there is no committed one)
    local inputs=()
    if [ -d "$seed" ] && [ -n "$(ls -A "$seed")" ]; then inputs=("$seed"/*);
    elif [[ $h == obj_* ]]; then : >"$FUZZ_OUT/empty"; inputs=("$FUZZ_OUT/empty"); fi
    if [ ${#inputs[@]} -gt 0 ]; then
        MM_FUZZ_SWEEP=1 "$bin" -runs=0 "${inputs[@]}" >>"$log" 2>&1 || rc=$?
    fi
    # 2. fuzz, for FUZZ_SECONDS (without the sweep: it ran above)
    if [ $rc -eq 0 ]; then
        local dirs=("$corpus")
        [ -d "$seed" ] && dirs+=("$seed")
        # the CPU time it got (the machine may be shared: executions per
        # CPU second say more than executions alone)
        local TIMEFORMAT='%U %S'
        { time MM_FUZZ_SWEEP=0 \
            "$bin" -max_total_time="$FUZZ_SECONDS" -max_len=4096 -timeout=20 \
            -rss_limit_mb=2560 -print_final_stats=1 -print_funcs=0 \
            -artifact_prefix="$art" "${dirs[@]}" >>"$log" 2>&1 || rc=$?; } \
            2>"$log.cpu"
    fi
    local execs cov cpu
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
    cpu=$(awk '{printf "%.1f", $1 + $2}' "$log.cpu" 2>/dev/null)
    # a harness too slow per input fuzzes next to nothing in a short pass:
    # that fails too (under FUZZ_MIN_RATE executions per CPU second)
    local rate
    rate=$(awk -v e="${execs:-0}" -v c="${cpu:-0}" 'BEGIN {printf "%d", (c > 0 ? e / c : 0)}')
    if [ $rc -eq 0 ] && [ "$rate" -lt "$FUZZ_MIN_RATE" ]; then
        echo "FAIL: fuzz $h ${FUZZ_SECONDS}s ${execs:-0} execs in ${cpu:-?} s CPU: $rate per CPU second, below $FUZZ_MIN_RATE (cov ${cov:-?}): too slow per input"
        return 1
    fi
    if [ $rc -eq 0 ]; then
        echo "PASS: fuzz $h ${FUZZ_SECONDS}s ${execs:-0} execs (${cpu:-?} s CPU) cov ${cov:-?}"
    else
        local why
        why=$(grep -m1 -h 'FUZZ INVARIANT FAILED\|ERROR: AddressSanitizer\|runtime error\|ERROR: libFuzzer\|ERROR: LeakSanitizer\|SUMMARY:' "$log")
        echo "FAIL: fuzz $h exit $rc ${execs:-?} execs: ${why:-see $log} (input: $(ls -t "$art" 2>/dev/null | head -1))"
    fi
}
build_fail_lines() {
    local b
    for b in ${build_failed[@]+"${build_failed[@]}"}; do
        echo "FAIL: fuzz $b does not build (see $FUZZ_OUT/log/build.log)"
        grep -m5 "error\|No rule to make target.*$b" "$FUZZ_OUT/log/build.log"
    done
}

case $MODE in
--build)
    build
    printf '%s\n' ${harnesses[@]+"${harnesses[@]}"}
    build_fail_lines
    [ ${#build_failed[@]} -eq 0 ]
    exit;;
--one)
    run_one "$2"
    exit;;
esac

build
export -f run_one
export FUZZ_OUT FUZZ_SECONDS FUZZ_MIN_RATE BIN

results=""
[ ${#harnesses[@]} -gt 0 ] && results=$(printf '%s\n' "${harnesses[@]}" \
    | xargs -r -P "$FUZZ_JOBS" -I{} bash -c 'run_one "$@"' _ {})
[ -n "$results" ] && printf '%s\n' "$results" | sort
build_fail_lines
pass=$(grep -c '^PASS: ' <<<"$results")
fail=$(( $(grep -c '^FAIL: ' <<<"$results") + ${#build_failed[@]} ))
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
