#!/usr/bin/env bash
# make sanitize: the unit tests and the Pd integration tests with the
# externals, the core and the test tools built with AddressSanitizer +
# UndefinedBehaviorSanitizer (incl. float-cast-overflow).
#
# The externals go to $SAN_BUILD (default build/asan), never mixed with the
# normal build: pd-lib-builder compiles in place, so they are built from a
# copy of the sources in $SAN_BUILD/src and installed into
# $SAN_BUILD/pd/mixmaster. The unit tests and tools link the core's ASan
# library that `make check` builds too ($BUILD/obj/asan, the Makefile's
# asan flavour: ASan + UBSan with float-cast-overflow, stopping at the
# first report) and go to $SAN_BUILD/tests and $SAN_BUILD/tools.
# tests/run.sh then runs with BUILD=$SAN_BUILD and a `pd` first in PATH
# that preloads the ASan runtime into the (uninstrumented) Pd (leak
# checking off for Pd itself: Pd frees little at exit). Its fuzz pass is
# left out here: the fuzzers are ASan + UBSan builds already, run by
# `make check` and `make fuzz`.
#
# Every sanitizer report is written to $SAN_BUILD/reports/. A report with
# a frame in mixmaster code (the externals, dsp/, tests) fails the run; a
# report wholly inside Pd or libc is suppressed only when it matches a line
# of scripts/sanitize.supp (a fixed string), else it fails too.
#   SAN_CC=cc          the compiler (clang works too; another compiler than
#                      make check's rebuilds the core's ASan objects)
#   MM_TESTS=pattern   run a subset of the tests
set -u
cd "$(dirname "$0")/.."
TOP=$PWD
BUILD=${BUILD:-build}
SAN=${SAN_BUILD:-$BUILD/asan}
SAN_CC=${SAN_CC:-${CC:-cc}}
JOBS=$(nproc 2>/dev/null || echo 2)
SANFLAGS="-fsanitize=address,undefined -fsanitize=float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=address"
REPORTS=$TOP/$SAN/reports
mkdir -p "$SAN/src" "$SAN/bin" "$REPORTS"
rm -f "$REPORTS"/*
rm -rf "$SAN/test-out"

fail() { echo "sanitize: $*"; echo "sanitize: FAILED"; exit 1; }

asanlib=$($SAN_CC -print-file-name=libasan.so)
[ -f "$asanlib" ] || asanlib=$($SAN_CC -print-file-name=libclang_rt.asan-x86_64.so)
[ -f "$asanlib" ] || fail "no ASan runtime for $SAN_CC (install gcc's libasan)"

echo "== building the externals with $SAN_CC $SANFLAGS"
rm -rf "$SAN/src"; mkdir -p "$SAN/src"
# the whole tree but builds, objects and binaries (stale .o would be
# taken as up to date and left uninstrumented)
tar -c --exclude=./build --exclude=./.git --exclude="*.o" \
    --exclude="*.pd_linux" . | tar -x -C "$SAN/src"
make -s -j"$JOBS" -C "$SAN/src" CC="$SAN_CC" \
    CFLAGS="-O1 -g -Wall -Wextra $SANFLAGS" LDFLAGS="$SANFLAGS" \
    >"$REPORTS/../build.log" 2>&1 || { tail -20 "$REPORTS/../build.log"; fail "build failed"; }
grep -i 'warning' "$REPORTS/../build.log" | head -5
rm -rf "$SAN/pd"
make -s -C "$SAN/src" install PDLIBDIR="$TOP/$SAN/pd" DESTDIR= >/dev/null \
    || fail "install failed"
echo "== building unit tests and tools"
# the tools without leak checking (one-shot programs that leave freeing to
# exit: the Makefile links them with a compiled-in default), the unit
# tests with it
rm -rf "$SAN/tests" "$SAN/tools"
make -s -j"$JOBS" --no-print-directory BUILD="$BUILD" ASAN_CC="$SAN_CC" \
    ASAN_UNIT_DIR="$TOP/$SAN/tests" ASAN_TOOL_DIR="$TOP/$SAN/tools" \
    unit-tests-asan tools-asan \
    >>"$REPORTS/../build.log" 2>&1 || { tail -20 "$REPORTS/../build.log"; fail "build failed"; }

# pd with the ASan runtime preloaded, first in PATH for tests/run.sh ($PD)
# and tests/lib/pdrun.sh (which calls `pd`)
realpd=$(command -v pd) || fail "pd not found"
cat >"$SAN/bin/pd" <<WRAP
#!/bin/sh
export LD_PRELOAD="$asanlib\${LD_PRELOAD:+:\$LD_PRELOAD}"
# detect_odr_violation=0: every external links all of dsp/, so two loaded
# externals both register the same global tables (e.g. mm_comp_table);
# identical copies from one build, each binary's own (their symbols are
# hidden, so they never bind to each other)
# quarantine_size_mb=16: freed memory held back for use-after-free
# detection would otherwise grow Pd's RSS by up to 256 MB, which
# test_robust_life (memory constant over create/delete cycles) reads as a leak
export ASAN_OPTIONS="detect_leaks=0:detect_odr_violation=0:quarantine_size_mb=16:log_path=$REPORTS/asan-pd:\${MM_PD_ASAN_OPTIONS:-}"
# UBSan loaded with a dlopen()ed external ignores log_path and prints to
# Pd's stderr (in the test logs, scanned below); stop at the first report
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
exec "$realpd" "\$@"
WRAP
chmod +x "$SAN/bin/pd"
export PATH=$TOP/$SAN/bin:$PATH
# for the unit tests and tools (ours: leaks count)
# (leak checking on by default: the tools switch it off themselves)
export ASAN_OPTIONS="log_path=$REPORTS/asan"
export UBSAN_OPTIONS="print_stacktrace=1:log_path=$REPORTS/ubsan"

# the allocation shim cannot sit behind ASan's malloc (make check runs it)
export MM_RT_SKIP="the ASan runtime"
echo "== tests (BUILD=$SAN)"
BUILD=$SAN PD=pd MM_FUZZ_SECONDS=0 bash tests/run.sh | tee "$REPORTS/../run.log"
rc=${PIPESTATUS[0]}
tests_line=$(tail -1 "$REPORTS/../run.log")

echo "== sanitizer reports"
# reports printed into the test logs (UBSan inside Pd, anything on stderr)
k=0
while IFS= read -r log; do
    k=$((k + 1))
    grep -A 25 'runtime error:\|ERROR: AddressSanitizer\|ERROR: LeakSanitizer' "$log" \
        | sed "1i from $log" >"$REPORTS/log-$k"
done < <(grep -rl 'runtime error:\|ERROR: AddressSanitizer\|ERROR: LeakSanitizer' \
             "$SAN/test-out" 2>/dev/null)
ours=0 theirs=0 suppressed=0
supp=scripts/sanitize.supp
for r in "$REPORTS"/*; do
    [ -f "$r" ] || continue
    if grep -q 'mixmaster\|\.pd_linux\|\(^\|[ /]\)\(externals\|dsp\|tests\)/' "$r"; then
        ours=$((ours + 1)); echo "-- ours: $r"; head -30 "$r"
    elif [ -f "$supp" ] && grep -v '^#' "$supp" | grep -v '^$' | grep -qFf - "$r"; then
        suppressed=$((suppressed + 1))
    else
        theirs=$((theirs + 1)); echo "-- outside mixmaster, not suppressed: $r"; head -30 "$r"
    fi
done
echo "sanitize: tests: $tests_line"
echo "sanitize: reports: $ours from mixmaster, $theirs from Pd/libc not suppressed, $suppressed suppressed"
if [ "$rc" -ne 0 ] || [ "$ours" -ne 0 ] || [ "$theirs" -ne 0 ]; then
    echo "sanitize: FAILED"; exit 1
fi
echo "sanitize: PASSED (no sanitizer report)"
