#!/usr/bin/env bash
# make bench: cost of every mixmaster object, and of the processors a user
# would otherwise pick, on the same 60 s of stereo 48 kHz material in the
# same run (the machine is shared: compare ratios, not absolute times).
#
# Each bench/objects/<name>.sh is sourced and calls:
#   bench_pd   <label> <nin> <nout> "<object line>" ["<message at load>"]
#              [<channels>]
#       renders the material through the object in `pd -batch` (inlet i
#       gets channel i mod 2); cost is the CPU time of that run minus a
#       run without the object, per sample and per channel (channels:
#       default nin; match~ counts its programme channels, not its
#       reference inlets).
#   bench_core <label> <channels> <command...>
#       a core timing program (bench/core/bench_*.c, built here); it gets
#       the material path last and prints `ns_per_sample <x>`.
#   bench_lv2  <label> <uri> [-c symbol=value]...
#       an LV2 plugin through bench/lv2/lv2host (64-frame blocks), when
#       lilv and the plugin are installed; output in $BENCH_OUT/<label>.wav
#   bench_ratio <label> <label>   prints the first's cost over the second's
# and may print extra lines of its own (accuracy figures, etc).
# Results: bench_ns[<label>] (ns per sample per channel).
# BENCH_ONLY=limiter runs bench/objects/limiter.sh alone.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
BENCH_OUT=${BENCH_OUT:-$BUILD/bench}
RUNS=${BENCH_RUNS:-3}
SECONDS_OF_MATERIAL=${BENCH_SECONDS:-60}
mkdir -p "$BENCH_OUT"
MATERIAL=$BENCH_OUT/material.wav
TOOLS=$BUILD/tools
LIB=$BUILD/pd/mixmaster
declare -A bench_ns

"$TOOLS/mixgen" "$SECONDS_OF_MATERIAL" 48000 "$MATERIAL" -1 || exit 1
FRAMES=$((SECONDS_OF_MATERIAL * 48000))

# core timing programs: bench/core/bench_*.c linked with the core built
# as the externals are (the Makefile's bench flavour: pd-lib-builder's
# -O3 -ffast-math ...), by the Makefile (`make bench` has built them)
CORE_BIN=$BUILD/bench/core
make -s -j"$(nproc 2>/dev/null || echo 2)" --no-print-directory BUILD="$BUILD" \
    bench-core || echo "bench: cannot build every core timing program"

# the LV2 host, when lilv is there
LV2HOST=""
if pkg-config --exists lilv-0 2>/dev/null; then
    bash bench/lv2/build.sh "$BENCH_OUT" >/dev/null 2>&1 && LV2HOST=$BENCH_OUT/lv2host
fi

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# CPU seconds (user + sys) of one pd run of a patch
pd_cpu() {
    local patch=$1 t
    t=$( { TIMEFORMAT='%3U %3S'; time (cd "$(dirname "$patch")" && pd -batch \
        -noprefs -nosound -r 48000 -path "$OLDPWD/$LIB" \
        -open "$(basename "$patch")" >/dev/null 2>&1); } 2>&1 )
    awk '{print $1 + $2}' <<<"$t"
}

# A patch that plays the material into `objline` (or into nothing).
write_patch() {
    local out=$1 nin=$2 nout=$3 objline=$4 msg=${5:-}
    {
        echo "#N canvas 0 0 600 400 12;"
        echo "#X obj 10 10 loadbang;"                                   # 0
        echo "#X obj 10 40 t b b;"                                      # 1
        echo "#X msg 200 40 read -resize $(cd "$(dirname "$MATERIAL")" && pwd)/material.wav \$0-l \$0-r;" # 2
        echo "#X obj 200 70 soundfiler;"                                # 3
        echo "#X obj 10 100 table \$0-l;"                               # 4
        echo "#X obj 100 100 table \$0-r;"                              # 5
        echo "#X obj 10 150 tabplay~ \$0-l;"                            # 6
        echo "#X obj 100 150 tabplay~ \$0-r;"                           # 7
        echo "#X msg 300 150 \\; pd dsp 1;"                             # 8
        echo "#X msg 10 300 \\; pd quit;"                               # 9
        if [ -n "$objline" ]; then
            echo "#X obj 200 220 $objline;"                             # 10
        else
            echo "#X obj 200 220 t b;"
        fi
        if [ -n "$msg" ]; then echo "#X msg 400 180 $msg;"; else echo "#X obj 400 180 t b;"; fi # 11
        echo "#X connect 0 0 1 0;"
        echo "#X connect 1 1 2 0;"
        echo "#X connect 2 0 3 0;"
        echo "#X connect 1 0 6 0;"
        echo "#X connect 1 0 7 0;"
        echo "#X connect 1 0 8 0;"
        echo "#X connect 6 1 9 0;"
        if [ -n "$objline" ]; then
            [ -n "$msg" ] && { echo "#X connect 1 1 11 0;"; echo "#X connect 11 0 10 0;"; }
            local i
            for ((i = 0; i < nin; i++)); do echo "#X connect $((6 + i % 2)) 0 10 $i;"; done
        fi
    } >"$out"
}

row() { printf '  %-34s %10s ns/sample/ch  %s\n' "$1" "$2" "${3:-}"; }

BASELINE=""
bench_pd() {
    local label=$1 nin=$2 nout=$3 objline=$4 msg=${5:-} per=${6:-$2} p b
    p=$BENCH_OUT/pd-$(echo "$label" | tr -c 'a-zA-Z0-9_\n-' '_').pd
    if [ -z "$BASELINE" ]; then
        write_patch "$BENCH_OUT/baseline.pd" 2 0 ""
        BASELINE=$(for ((r = 0; r < RUNS; r++)); do pd_cpu "$BENCH_OUT/baseline.pd"; done | median)
    fi
    write_patch "$p" "$nin" "$nout" "$objline" "$msg"
    local t
    t=$(for ((r = 0; r < RUNS; r++)); do pd_cpu "$p"; done | median)
    local ns
    ns=$(awk -v t="$t" -v b="$BASELINE" -v f="$FRAMES" -v c="$per" \
        'BEGIN {d = t - b; if (d < 0) d = 0; printf "%.1f", d * 1e9 / (f * c)}')
    bench_ns[$label]=$ns
    row "$label" "$ns" "(pd -batch: [$objline])"
}

bench_core() {
    local label=$1 ch=$2; shift 2
    local prog=$1; shift
    [ -x "$CORE_BIN/$prog" ] && prog=$CORE_BIN/$prog
    local ns
    ns=$("$prog" "$@" "$MATERIAL" 2>/dev/null | awk '$1 == "ns_per_sample" {print $2}' | tail -1)
    if [ -z "$ns" ]; then row "$label" "-" "(core: failed)"; return; fi
    bench_ns[$label]=$ns
    bench_again[$label]="core $(printf '%q ' "$prog" "$@" "$MATERIAL")"
    row "$label" "$ns" "(core, $ch ch)"
}

bench_lv2() {
    local label=$1 uri=$2; shift 2
    if [ -z "$LV2HOST" ]; then row "$label" "-" "(lilv not installed)"; return; fi
    local out=$BENCH_OUT/$(echo "$label" | tr -c 'a-zA-Z0-9_\n-' '_').wav line
    if ! line=$("$LV2HOST" -r "$RUNS" "$@" "$uri" "$MATERIAL" "$out" 2>"$out.log"); then
        row "$label" "-" "(not installed or failed: $(tail -1 "$out.log"))"; return
    fi
    local ns lat
    ns=$(sed -n 's/.*ns_per_sample=\([^ ]*\).*/\1/p' <<<"$line")
    lat=$(sed -n 's/.*latency=\([^ ]*\).*/\1/p' <<<"$line")
    bench_ns[$label]=$ns
    bench_again[$label]="lv2 $(printf '%q ' "$LV2HOST" -r "$RUNS" "$@" "$uri" "$MATERIAL" "$out")"
    LV2_LATENCY[$label]=$lat
    LV2_OUT[$label]=$out
    row "$label" "$ns" "(LV2, latency $lat)"
}
declare -A LV2_LATENCY LV2_OUT

# The machine's speed drifts within a run (the same row has read 1.5x
# apart minutes later), so a goal's ratio is taken again from pairs
# measured back to back: bench_again[<label>] re-runs a core or LV2 row
# (Pd and sox rows have none), bench_pair_ratio <ours> <anchor> [n]
# alternates them n times (3) and prints the median of the n ratios, or
# nothing when a row cannot be re-run.
declare -A bench_again
bench_measure() {
    local kind cmd
    read -r kind cmd <<<"$1"
    case $kind in
    core) eval "$cmd" 2>/dev/null | awk '$1 == "ns_per_sample" {print $2}' | tail -1 ;;
    lv2) eval "$cmd" 2>/dev/null | sed -n 's/.*ns_per_sample=\([^ ]*\).*/\1/p' ;;
    esac
}
bench_pair_ratio() {
    local a=${bench_again[$1]:-} b=${bench_again[$2]:-} n=${3:-3} k x y
    [ -n "$a" ] && [ -n "$b" ] || return 0
    for ((k = 0; k < n; k++)); do
        x=$(bench_measure "$a")
        y=$(bench_measure "$b")
        [ -n "$x" ] && [ -n "$y" ] && awk -v x="$x" -v y="$y" 'BEGIN {if (y > 0) print x / y}'
    done | median | awk 'NF {printf "%.2f", $1}'
}

bench_ratio() {
    local a=$1 b=$2
    if [ -n "${bench_ns[$a]:-}" ] && [ -n "${bench_ns[$b]:-}" ]; then
        awk -v a="${bench_ns[$a]}" -v b="${bench_ns[$b]}" -v la="$a" -v lb="$b" \
            'BEGIN { if (b > 0) printf "  ratio %s / %s = %.2f\n", la, lb, a / b }'
    fi
}

echo "mixmaster bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores"
echo "pd: $(pd -version 2>&1 | head -1)"
echo "material: ${SECONDS_OF_MATERIAL} s stereo 48 kHz synthesized mix, median of $RUNS runs"
echo
# chain.sh last: its summary reads every row before it
for f in $(ls bench/objects/${BENCH_ONLY:-*}.sh 2>/dev/null | grep -v '/chain\.sh$') \
         $(ls bench/objects/${BENCH_ONLY:-*}.sh 2>/dev/null | grep '/chain\.sh$'); do
    [ -f "$f" ] || continue
    echo "== $(basename "$f" .sh)"
    . "$f"
    echo
done
