#!/usr/bin/env bash
# The test runner behind `make check`.
#
#  1. cmocka unit tests of the core: $BUILD/tests/test_* (one per module)
#  2. Pd integration tests: each tests/pd/test_*.sh (OUT=its output dir)
#     renders through real Pd against the staged libdir $BUILD/pd/mixmaster
#     and prints `PASS: name` or `FAIL: name why` lines.
#  3. Every help patch and abstraction opens with every object created.
#
# Ends with one line `N passed, N failed`; exit status 1 on any failure.
# Select with MM_TESTS=pattern (matched against test names).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
STAGE=$BUILD/pd
LIB=$STAGE/mixmaster
OUTROOT=$BUILD/test-out
PD=${PD:-pd}
PD_TIMEOUT=${PD_TIMEOUT:-600}
PATTERN=${MM_TESTS:-}
JOBS=${MM_JOBS:-$(nproc 2>/dev/null || echo 2)}
mkdir -p "$OUTROOT"
rm -f "$OUTROOT"/*.result

want() { [ -z "$PATTERN" ] || [[ "$1" == *$PATTERN* ]]; }

# Run one Pd test; write "<pass> <fail>" and the details to a result file.
run_pd_test() {
    local base=$1 name out res pass fail
    name=$(basename "$base")
    out=$OUTROOT/$name
    rm -rf "$out"; mkdir -p "$out"
    res=$OUTROOT/$name.result
    OUT=$out BUILD=$BUILD bash "$base.sh" 2>&1 | grep '^PASS: \|^FAIL: ' \
        >"$res.lines"
    pass=$(grep -c '^PASS: ' "$res.lines")
    fail=$(grep -c '^FAIL: ' "$res.lines")
    if [ "$pass" -eq 0 ] && [ "$fail" -eq 0 ]; then
        echo "FAIL: $name printed no PASS line" >>"$res.lines"
        fail=1
    fi
    echo "$pass $fail" >"$res"
}

# Open a patch; fail on any object that could not be created.
run_open_test() {
    local patch=$1 name res log
    name=open-$(basename "$patch" .pd)
    res=$OUTROOT/$name.result
    log=$OUTROOT/$name.log
    (cd "$(dirname "$patch")" && timeout 60 "$PD" -batch -noprefs -nosound \
        -stderr -path "$OLDPWD/$STAGE" -path "$OLDPWD/$LIB" \
        -open "$(basename "$patch")" -send "pd quit") >"$log" 2>&1
    local rc=$?
    {
        grep -h "couldn't create\|^error: " "$log" | head -5 \
            | sed "s/^/FAIL: $name: /"
        [ $rc -ne 0 ] && echo "FAIL: $name: pd exited with status $rc"
    } >"$res.lines"
    if [ -s "$res.lines" ]; then echo "0 1" >"$res"; else
        echo "PASS: $name" >"$res.lines"; echo "1 0" >"$res"; fi
}
export -f run_pd_test run_open_test
export OUTROOT STAGE LIB PD PD_TIMEOUT BUILD

total_pass=0
total_fail=0
add() { total_pass=$((total_pass + $1)); total_fail=$((total_fail + $2)); }

run_units() { # dir label
    local t name outp rc ok ran bad
    for t in "$1"/test_*; do
        [ -x "$t" ] || continue
        name=$(basename "$t")
        want "$name" || want "$2" || continue
        outp=$(ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} "$t" 2>&1); rc=$?
        ok=$(printf '%s\n' "$outp" | grep -c '^\[       OK \]')
        ran=$(printf '%s\n' "$outp" | sed -n 's/^\[==========\] \([0-9]*\) test(s) run\./\1/p' | tail -1)
        ran=${ran:-0}
        bad=$((ran - ok))
        if [ $rc -ne 0 ] && [ $bad -le 0 ]; then bad=1; fi
        add "$ok" "$bad"
        if [ $bad -gt 0 ]; then
            echo "FAIL: $2 $name ($ok passed, $bad failed)"
            printf '%s\n' "$outp" | grep -v '^\[       OK \]\|^\[ RUN      \]' | tail -20
        else
            echo "ok   $2 $name ($ok)"
        fi
    done
}

echo "== unit tests (cmocka)"
run_units "$BUILD/tests" unit
if [ -d "$BUILD/asan-unit" ]; then
    echo "== unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
    run_units "$BUILD/asan-unit" asan
fi

echo "== Pd integration tests"
pd_tests=()
for p in $(ls tests/pd/test_*.sh 2>/dev/null | sed 's/\.sh$//'); do
    want "$(basename "$p")" && pd_tests+=("$p")
done
if [ ${#pd_tests[@]} -gt 0 ]; then
    printf '%s\n' "${pd_tests[@]}" | xargs -P "$JOBS" -I{} bash -c 'run_pd_test "$@"' _ {}
fi
for p in "${pd_tests[@]}"; do
    name=$(basename "$p")
    read -r a b <"$OUTROOT/$name.result"
    add "$a" "$b"
    if [ "$b" -gt 0 ]; then echo "FAIL: $name ($a passed, $b failed)";
        grep '^FAIL' "$OUTROOT/$name.result.lines"; else echo "ok   $name ($a)"; fi
done

echo "== help patches and abstractions open"
open_tests=()
for p in help-patches/*.pd abstractions/*.pd; do
    [ -f "$p" ] || continue
    want "open-$(basename "$p" .pd)" && open_tests+=("$p")
done
if [ ${#open_tests[@]} -gt 0 ]; then
    printf '%s\n' "${open_tests[@]}" | xargs -P "$JOBS" -I{} bash -c 'run_open_test "$@"' _ {}
fi
for p in "${open_tests[@]}"; do
    name=open-$(basename "$p" .pd)
    read -r a b <"$OUTROOT/$name.result"
    add "$a" "$b"
    if [ "$b" -gt 0 ]; then cat "$OUTROOT/$name.result.lines"; else echo "ok   $name"; fi
done

# A short fuzz pass (make fuzz runs longer): MM_FUZZ_SECONDS per harness,
# 0 to skip.
if [ "${MM_FUZZ_SECONDS:-5}" != 0 ] && { [ -z "$PATTERN" ] || want fuzz; }; then
    echo "== fuzz (libFuzzer, ${MM_FUZZ_SECONDS:-5} s per harness)"
    fz=$(FUZZ_SECONDS=${MM_FUZZ_SECONDS:-5} BUILD=$BUILD bash tests/fuzz/run.sh 2>&1)
    printf '%s\n' "$fz" | grep '^PASS: \|^FAIL: \|^fuzz:'
    p=$(printf '%s\n' "$fz" | grep -c '^PASS: ')
    f=$(printf '%s\n' "$fz" | grep -c '^FAIL: ')
    [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && { echo "FAIL: fuzz did not run"; f=1; }
    add "$p" "$f"
fi

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
