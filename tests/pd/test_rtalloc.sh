#!/usr/bin/env bash
# Real-time safety measured (contract convention 12): every object in
# tests/robust/objects.list runs with DSP on (3 s of the robustness suite's
# "bad" signal: NaN/inf bursts, so the recovery paths run too, plus the
# list's hard-work message) in Pd with tests/rt/allocshim.c preloaded,
# which counts malloc/calloc/realloc/free calls made by mixmaster code
# (a frame in the staged libdir) inside Pd's dsp_tick. Any such call fails.
# The dsp method may allocate (it is not called from dsp_tick).
# Negative control: tests/rt/rtprobe~.c allocates in perform (and in its
# dsp method); the shim must count the first and not the second.
set -u
. "$(dirname "$0")/../robust/lib.sh"
OUT=${OUT:-$BUILD/test-out/test_rtalloc}
if [ -n "${MM_RT_SKIP:-}" ]; then
    # e.g. make sanitize: ASan's malloc comes first and hides the shim's
    echo "PASS: rtalloc not measured in this run ($MM_RT_SKIP owns malloc; make check measures it)"
    exit 0
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SHIM=$OUT/allocshim.so
CC=${CC:-cc}
if ! $CC -shared -fPIC -O2 -o "$SHIM" "$MM_TOP/tests/rt/allocshim.c" -ldl; then
    echo "FAIL: rtalloc: cannot build the allocation shim"; exit 0
fi

# rt_render <dir> <libdirs> <name> <nin> <nout> <flags> <msg>
rt_render() {
    local dir=$1 libdirs=$2; shift 2
    mkdir -p "$dir"; rm -f "$dir/rt.log"
    ( export LD_PRELOAD=$SHIM MM_RT_LIBDIRS=$libdirs MM_RT_LOG=$dir/rt.log
      robust_render "$dir" bad 48000 "$@" )
}

# rt_where <dir>: the first frame of the first offending stack in a
# library of ours, named with addr2line when the symbol is static
rt_where() {
    local frame file off fn
    frame=$(grep '^rtalloc stack 1 ' "$1/rt.log" | grep -v allocshim | head -1 \
        | sed 's/^rtalloc stack 1 //')
    file=${frame%%(*}
    off=$(sed -n 's/.*(?+\(0x[0-9a-f]*\))$/\1/p' <<<"$frame")
    if [ -n "$off" ] && command -v addr2line >/dev/null 2>&1; then
        fn=$(addr2line -f -e "$file" "$off" | head -1)
        echo "$(basename "$file") $fn ($(addr2line -e "$file" "$off"))"
    else
        echo "$frame"
    fi
}

# rt_verdict <dir>: prints "ok", or why not
rt_verdict() {
    local dir=$1 line
    line=$(grep '^rtalloc pid' "$dir/rt.log" 2>/dev/null | head -1)
    if [ -z "$line" ]; then echo "the shim saw no mixmaster library loaded"; return; fi
    if grep -q "couldn't create" "$dir/pd.log"; then echo "couldn't create"; return; fi
    if ! grep -q '^R: ' "$dir/pd.log"; then echo "no info output: did DSP run?"; return; fi
    local ours
    ours=$(awk '{for (i = 1; i < NF; i++) if ($i == "ours") print $(i + 1)}' <<<"$line")
    if [ "$ours" != 0 ]; then
        echo "$ours allocation calls during DSP, first from: $(rt_where "$dir")"
        return
    fi
    echo ok
}

# the negative control
pdir=$OUT/probe
mkdir -p "$pdir"
if $CC -shared -fPIC -O0 -fno-builtin -I/usr/include/pd -o "$pdir/rtprobe~.pd_linux" \
    "$MM_TOP/tests/rt/rtprobe~.c"; then
    rt_render "$pdir" "$pdir" "rtprobe~" 1 1 "" ""
    v=$(rt_verdict "$pdir")
    line=$(grep -m1 '^rtalloc pid' "$pdir/rt.log" 2>/dev/null)
    get() { awk -v k="$1" '{for (i = 1; i < NF; i++) if ($i == k) print $(i + 1)}' <<<"$line"; }
    # perform: one malloc and one free per 64-sample block of the 3 s;
    # the dsp method's calloc is not counted
    blocks=$((3 * 48000 / 64))
    if [[ "$v" == *"rtprobe_tilde_perform"* ]] && [ "$(get malloc)" -ge "$blocks" ] \
        && [ "$(get calloc)" = 0 ]; then
        echo "PASS: rtalloc shim catches an allocating perform routine (probe: $(get ours) calls, $blocks blocks) and spares the dsp method"
    else
        echo "FAIL: rtalloc shim does not see the probe's allocations as it should ($v)"
    fi
else
    echo "FAIL: rtalloc: cannot build the probe external"
fi

while IFS='|' read -r name nin nout flags msg; do
    d=$OUT/$name
    rt_render "$d" "$MM_LIB" "$name" "$nin" "$nout" "$flags" "$msg"
    v=$(rt_verdict "$d")
    stats=$(grep -m1 '^rtalloc pid' "$d/rt.log" 2>/dev/null | cut -d' ' -f4-)
    if [ "$v" = ok ]; then
        echo "PASS: rtalloc $name: no allocation by mixmaster code during DSP ($stats)"
    else
        echo "FAIL: rtalloc $name: $v"
    fi
done < <(robust_objects)
