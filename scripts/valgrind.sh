#!/usr/bin/env bash
# make valgrind: Pd integration tests under valgrind memcheck. No invalid
# read or write, no use of an uninitialised value, nothing definitely lost;
# errors wholly inside Pd or glibc are suppressed by scripts/valgrind.supp
# (each entry explained there; never one with a mixmaster frame).
#
# The externals are built with debug info (-O2 -g, otherwise as shipped)
# from a copy of the sources into $VG_BUILD (default build/valgrind) and
# staged there, so the normal build is untouched; the test tools the Pd
# tests use are linked there from the core's release library ($BUILD/obj,
# shared with `make check`). A `pd` first in PATH runs
# Pd under valgrind, for tests/run.sh ($PD) and tests/lib/pdrun.sh (which
# calls `pd`); one log per Pd process in $VG_BUILD/logs.
#
# Covered (kept short; valgrind runs Pd about 20-50x slower):
#   VG_TESTS="test_params test_robust_signals test_robust_messages
#             test_robust_blocks open-"
#   - test_params: flags, messages, clamping, errors, print, 1 s of DSP;
#   - test_robust_signals: every object in tests/robust/objects.list with
#     3 s each of clean, NaN/inf, denormal and extreme signals;
#   - test_robust_messages: bad and extreme messages during DSP;
#   - test_robust_blocks: rates 22.05-192 kHz, block sizes, [block~]
#     overlap and up/down-sampling;
#   - open-*: every help patch and abstraction opened.
# Not covered: the EBU conformance renders (minutes of audio at 5 rates),
# test_rtalloc (its own malloc shim), the cmocka unit tests (ASan/UBSan
# run those in `make sanitize`).
set -u
cd "$(dirname "$0")/.."
TOP=$PWD
BUILD=${BUILD:-build}
VG=${VG_BUILD:-$BUILD/valgrind}
JOBS=$(nproc 2>/dev/null || echo 2)
VG_TESTS=${VG_TESTS:-test_params test_robust_signals test_robust_messages test_robust_blocks open-}
LOGS=$TOP/$VG/logs

. scripts/lib/extra-deps.sh
need_valgrind || { echo "valgrind: not installed"; exit 1; }
fail() { echo "valgrind: $*"; echo "valgrind: FAILED"; exit 1; }

mkdir -p "$VG/src" "$VG/bin" "$LOGS"
rm -f "$LOGS"/*
rm -rf "$VG/test-out"

echo "== building the externals with -O2 -g"
rm -rf "$VG/src"; mkdir -p "$VG/src"
# the whole tree but builds, objects and binaries (stale .o would be
# taken as up to date and left uninstrumented)
tar -c --exclude=./build --exclude=./.git --exclude="*.o" \
    --exclude="*.pd_linux" . | tar -x -C "$VG/src"
make -s -j"$JOBS" -C "$VG/src" CFLAGS="-O2 -g -ffast-math -Wall -Wextra" \
    >"$VG/build.log" 2>&1 || { tail -20 "$VG/build.log"; fail "build failed"; }
rm -rf "$VG/pd"
make -s -C "$VG/src" install PDLIBDIR="$TOP/$VG/pd" DESTDIR= >/dev/null \
    || fail "install failed"
# (no unit tests: they do not run under valgrind, see above)
rm -rf "$VG/tools"
make -s -j"$JOBS" --no-print-directory BUILD="$BUILD" TOOL_DIR="$TOP/$VG/tools" \
    tools >>"$VG/build.log" 2>&1 || { tail -20 "$VG/build.log"; fail "build failed"; }

realpd=$(readlink -f "$(command -v pd)") || fail "pd not found"
cat >"$VG/bin/pd" <<WRAP
#!/bin/sh
exec valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \\
    --show-leak-kinds=definite --errors-for-leak-kinds=definite \\
    --track-origins=yes --num-callers=30 \\
    --suppressions="$TOP/scripts/valgrind.supp" \\
    --log-file="$LOGS/vg.%p" "$realpd" "\$@"
WRAP
chmod +x "$VG/bin/pd"
export PATH=$TOP/$VG/bin:$PATH

rc=0
for t in $VG_TESTS; do
    echo "== $t (under valgrind)"
    MM_TESTS=$t BUILD=$VG PD=pd bash tests/run.sh >"$VG/run-$t.log" 2>&1 || rc=1
    grep -v '^== ' "$VG/run-$t.log"
done

echo "== valgrind logs"
procs=0 bad=0 ours=0
for l in "$LOGS"/vg.*; do
    [ -f "$l" ] || continue
    grep -q 'ERROR SUMMARY' "$l" || continue  # a forked child that exec'd
    procs=$((procs + 1))
    n=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$l" | tail -1)
    if [ "${n:-0}" -gt 0 ]; then
        bad=$((bad + 1))
        # a mixmaster frame inside an error's stack (not the command line)
        if grep -A 40 'Invalid \|uninitialised\|definitely lost in\|Mismatched\|Syscall param' "$l" \
            | grep -q '\.pd_linux\|externals/\|dsp/'; then
            ours=$((ours + 1)); echo "-- $l: $n errors, with mixmaster frames:"
        else
            echo "-- $l: $n errors, outside mixmaster (add a documented suppression if it is Pd's or glibc's):"
        fi
        grep -A 14 'Invalid \|uninitialised\|definitely lost in\|Mismatched\|Syscall param' "$l" \
            | grep -v '^==[0-9]*== *$' | head -40
    fi
done
kinds=$(cat "$LOGS"/vg.* 2>/dev/null | grep -o 'Invalid read\|Invalid write\|uninitialised value\|definitely lost in' | sort | uniq -c | tr '\n' ';')
echo "valgrind: $procs Pd runs checked, $bad with errors ($ours involving mixmaster code)${kinds:+: $kinds}"
[ "$procs" -gt 0 ] || fail "no Pd run was checked"
if [ "$bad" -ne 0 ] || [ "$rc" -ne 0 ]; then
    [ "$rc" -ne 0 ] && echo "valgrind: some tests failed under valgrind (see $VG/run-*.log)"
    echo "valgrind: FAILED"; exit 1
fi
echo "valgrind: PASSED"
