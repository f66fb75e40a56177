#!/usr/bin/env bash
# The test runner behind `make check`.
#
#  unit   cmocka unit tests of the core: $BUILD/tests/test_* (one per module)
#  asan   the same under ASan + UBSan: $BUILD/asan-unit/test_* (if built)
#  pd     Pd integration tests: each tests/pd/test_*.sh runs with BUILD and
#         OUT (its scratch directory) set, drives Pd against the staged
#         libdir $BUILD/pd/mixmaster and prints `PASS: name` or
#         `FAIL: name why` lines; a test that prints none fails, unless
#         it prints `SKIP: why` (the Pd in use lacks what it tests, e.g.
#         multichannel signals before Pd 0.54): reported, not counted
#         PD=/path/to/pd runs these and `open` on that Pd (default: pd)
#  open   every help patch and abstraction opens with every object created
#  fuzz   a short libFuzzer pass, MM_FUZZ_SECONDS (default 5, 0 skips) per
#         harness (tests/fuzz/run.sh; `make fuzz` runs longer)
#
# Every test program, script, patch and harness is an independent job; the
# jobs run MM_JOBS at a time (default: the number of cores), longest
# first, by the times the last run recorded in $BUILD/test-times (or, on a
# first run, unit and fuzz jobs after the Pd ones, the slow ones listed in
# SLOW first). Each job prints its result when it ends: `ok   <group>
# <name> (<passed>)` or its FAIL lines. At the end: wall and CPU seconds
# per group (all of them: the machine may be shared) and one line
# `N passed, N failed`; exit status 1 on any failure.
# Select with MM_TESTS=pattern (matched against test names and groups).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
STAGE=$BUILD/pd
LIB=$STAGE/mixmaster
OUTROOT=$BUILD/test-out
TIMES=$BUILD/test-times
# the Pd every test runs (job_open, tests/lib/pdrun.sh): PD=/path/to/pd, or
# `pd` from PATH; a path is made absolute (the tests run Pd from elsewhere)
PD=${PD:-pd}
case $PD in */*) PD=$(cd "$(dirname "$PD")" && pwd)/$(basename "$PD") ;; esac
PATTERN=${MM_TESTS:-}
JOBS=${MM_JOBS:-$(nproc 2>/dev/null || echo 2)}
FUZZ_SECONDS=${MM_FUZZ_SECONDS:-5}
# the longest jobs, longest first (CPU seconds measured on a shared 2-core
# machine), started first when there are no recorded times
SLOW="asan:test_peaklimiter asan:test_loudness pd:test_loudness_ebu
      pd:test_robust_memory pd:test_livemaster pd:test_demosong pd:test_robust_messages pd:test_robust_blocks
      pd:test_comp pd:test_strip pd:test_eq_response pd:test_robust_signals
      asan:test_truepeak pd:test_multiband fuzz:obj_loudness"
mkdir -p "$OUTROOT"
rm -f "$OUTROOT"/*.result "$OUTROOT"/*.lines "$OUTROOT"/*.time

want() { [ -z "$PATTERN" ] || [[ "$1" == *$PATTERN* ]]; }

# One job: run it, write "<passed> <failed>" to $OUTROOT/<group>-<name>.result,
# its report to .lines, "<wall> <user> <sys>" to .time, print the report.
run_job() {
    local group=$1 name=$2 arg=$3 id=$1-$2
    local res=$OUTROOT/$id.result lines=$OUTROOT/$id.lines
    local TIMEFORMAT='%R %U %S'
    { time "job_$group" "$name" "$arg" >"$lines" 2>&1; } 2>"$OUTROOT/$id.time"
    local pass fail skip
    pass=$(grep -c '^PASS: ' "$lines")
    fail=$(grep -c '^FAIL: ' "$lines")
    skip=$(grep -m1 '^SKIP: ' "$lines")
    if [ "$pass" -eq 0 ] && [ "$fail" -eq 0 ] && [ -z "$skip" ]; then
        echo "FAIL: $group $name printed no PASS line" >>"$lines"
        fail=1
    fi
    echo "$pass $fail" >"$res"
    local secs out
    secs=$(awk '{printf "%.1f s", $1}' "$OUTROOT/$id.time")
    if [ "$fail" -gt 0 ]; then
        out="FAIL: $group $name ($pass passed, $fail failed, $secs)"$'\n'
        out+=$(grep -v '^PASS: ' "$lines" | tail -25)
    elif [ "$pass" -eq 0 ] && [ -n "$skip" ]; then # nothing to count here
        out=$(printf 'skip %-5s %s: %s (%s)' "$group" "$name" "${skip#SKIP: }" "$secs")
    elif [ "$group" = fuzz ]; then # its executions, CPU time, coverage
        out=$(printf 'ok   %-5s %s: %s (%s)' "$group" "$name" \
            "$(sed -n "s/^PASS: fuzz $name //p" "$lines")" "$secs")
    else
        out=$(printf 'ok   %-5s %s (%s, %s)' "$group" "$name" "$pass" "$secs")
    fi
    printf '%s\n' "$out" # one write: jobs end concurrently
}

# cmocka: one PASS line per test that passed, FAIL lines for the rest
job_unit() {
    local name=$1 t=$2 outp rc ok ran bad
    outp=$(ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} "$t" 2>&1)
    rc=$?
    ok=$(printf '%s\n' "$outp" | grep -c '^\[       OK \]')
    ran=$(printf '%s\n' "$outp" | sed -n 's/^\[==========\] \([0-9]*\) test(s) run\./\1/p' | tail -1)
    bad=$((${ran:-0} - ok))
    if [ $rc -ne 0 ] && [ $bad -le 0 ]; then bad=1; fi
    printf '%s\n' "$outp" | sed -n 's/^\[       OK \] \(.*\)/PASS: \1/p'
    if [ $bad -gt 0 ]; then
        local i
        for ((i = 0; i < bad; i++)); do echo "FAIL: $name (exit status $rc)"; done
        printf '%s\n' "$outp" | grep -v '^\[       OK \]\|^\[ RUN      \]' \
            | tail -20 | sed 's/^/    /'
    fi
}
job_asan() { job_unit "$@"; }

# a Pd test script; its full output stays in $OUTROOT/<name>/test.log
job_pd() {
    local name=$1 script=$2 out=$OUTROOT/$1
    rm -rf "$out"; mkdir -p "$out"
    OUT=$out BUILD=$BUILD bash "$script" >"$out/test.log" 2>&1
    grep '^PASS: \|^FAIL: \|^SKIP: ' "$out/test.log"
}

# open a patch; fail on any object that could not be created
job_open() {
    local name=$1 patch=$2 log=$OUTROOT/open-$1.log rc
    (cd "$(dirname "$patch")" && timeout 60 "$PD" -batch -noprefs -nosound \
        -stderr -path "$OLDPWD/$STAGE" -path "$OLDPWD/$LIB" \
        -open "$(basename "$patch")" -send "pd quit") >"$log" 2>&1
    rc=$?
    local why
    why=$(grep -h "couldn't create\|^error: " "$log" | head -5)
    [ $rc -ne 0 ] && why+=$'\n'"pd exited with status $rc"
    why=$(printf '%s\n' "$why" | sed '/^$/d')
    if [ -z "$why" ]; then echo "PASS: open-$name"; return; fi
    # one failure per patch, its reasons below
    echo "FAIL: open-$name"
    printf '%s\n' "$why" | sed 's/^/    /'
}

job_fuzz() {
    FUZZ_SECONDS=$FUZZ_SECONDS BUILD=$BUILD bash tests/fuzz/run.sh --one "$1"
}
export -f run_job job_unit job_asan job_pd job_open job_fuzz
export OUTROOT STAGE LIB PD BUILD FUZZ_SECONDS

# ---- the jobs: "<group>|<name>|<argument>" ----------------------------------
jobs=()
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    n=$(basename "$t"); { want "$n" || want unit; } && jobs+=("unit|$n|$t")
done
for t in "$BUILD"/asan-unit/test_*; do
    [ -x "$t" ] || continue
    n=$(basename "$t"); { want "$n" || want asan; } && jobs+=("asan|$n|$t")
done
for s in tests/pd/test_*.sh; do
    [ -f "$s" ] || continue
    n=$(basename "$s" .sh); { want "$n" || want pd; } && jobs+=("pd|$n|$s")
done
for p in help-patches/*.pd abstractions/*.pd; do
    [ -f "$p" ] || continue
    n=$(basename "$p" .pd); { want "open-$n" || want open; } && jobs+=("open|$n|$p")
done
early=""
if [ "$FUZZ_SECONDS" != 0 ] && { [ -z "$PATTERN" ] || want fuzz; }; then
    # build (a quick no-op after `make check`'s build); a harness that does
    # not build is a failure
    fz=$(FUZZ_SECONDS=$FUZZ_SECONDS BUILD=$BUILD bash tests/fuzz/run.sh --build 2>&1)
    built=$(printf '%s\n' "$fz" | grep '^[a-z][a-z0-9_]*$')
    for h in $built; do jobs+=("fuzz|$h|-"); done
    early=$(printf '%s\n' "$fz" | grep -v '^[a-z][a-z0-9_]*$' | sed '/^$/d' \
        | sed '/^FAIL: /!s/^/    /')
    if [ -z "$built" ] && ! grep -q '^FAIL: ' <<<"$early"; then
        early="FAIL: fuzz did not run"$'\n'"$early"
    fi
fi

# ---- longest first -----------------------------------------------------------
guess() { # group name -> seconds
    local s
    s=$(awk -v k="$1 $2" '$1 " " $2 == k {print $3; exit}' "$TIMES" 2>/dev/null)
    if [ -n "$s" ]; then echo "$s"; return; fi
    local i=0 k
    for k in $SLOW; do
        i=$((i + 1)); [ "$k" = "$1:$2" ] && { echo $((1000 - i)); return; }
    done
    case $1 in pd) echo 100;; fuzz) echo "$((FUZZ_SECONDS + 1))";; asan) echo 3;;
        *) echo 1;; esac
}
ordered=$(for j in "${jobs[@]}"; do
    IFS='|' read -r g n a <<<"$j"
    printf '%s|%s\n' "$(guess "$g" "$n")" "$j"
done | sort -t'|' -k1,1gr | cut -d'|' -f2-)

echo "== ${#jobs[@]} jobs, $JOBS at a time (unit, asan, pd, open, fuzz)"
[ -n "$early" ] && printf '%s\n' "$early"
start=$(date +%s.%N)
if [ ${#jobs[@]} -gt 0 ]; then
    printf '%s\n' "$ordered" | tr '|' '\n' | xargs -d '\n' -n 3 -P "$JOBS" \
        bash -c 'run_job "$@"' _
fi
end=$(date +%s.%N)

# ---- totals --------------------------------------------------------------------
total_pass=0
total_fail=$(printf '%s\n' "$early" | grep -c '^FAIL: ')
: >"$TIMES.new"
for j in "${jobs[@]}"; do
    IFS='|' read -r g n a <<<"$j"
    if read -r p f <"$OUTROOT/$g-$n.result" 2>/dev/null; then :; else
        p=0 f=1; echo "FAIL: $g $n did not finish"; fi
    total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
    read -r w u s <"$OUTROOT/$g-$n.time" 2>/dev/null && echo "$g $n $w $u $s" >>"$TIMES.new"
done
# keep the times of jobs this run did not run (a selection with MM_TESTS)
[ -f "$TIMES" ] && awk 'NR == FNR {seen[$1 " " $2] = 1; print; next}
                        !seen[$1 " " $2]' "$TIMES.new" "$TIMES" >"$TIMES.all" \
    && mv "$TIMES.all" "$TIMES.new"
mv "$TIMES.new" "$TIMES"
echo "== times (jobs overlap: wall is the sum of the jobs' own wall times)"
awk -v run="$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')" '
    {n[$1]++; w[$1] += $3; c[$1] += $4 + $5; if ($3 > m[$1]) {m[$1] = $3; l[$1] = $2}}
    END {
        split("unit asan pd open fuzz", order, " ")
        for (i = 1; i <= 5; i++) { g = order[i]; if (!n[g]) continue
            printf "   %-5s %3d jobs  wall %7.1f s  CPU %7.1f s  longest %s %.1f s\n",
                g, n[g], w[g], c[g], l[g], m[g] }
        printf "   all jobs: %.1f s\n", run
    }' <(for j in "${jobs[@]}"; do IFS='|' read -r g n a <<<"$j"; grep -h "^$g $n " "$TIMES"; done)

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
