#!/usr/bin/env bash
# spectrum~ through Pd (the built external): a sine from [osc~] into
# [spectrum~ -array ...], the array read back with [array get] after
# about 1.5 s, the info outlet printed:
#  - 1 kHz at -6 dBFS, 48 kHz, defaults: the array is resized to 256
#    points, its loudest point is the one nearest 1 kHz and reads -6 dB
#    within 0.5 dB; `peak` is emitted every interval with that point's
#    frequency and level; -144 is the floor, nothing is inf or NaN;
#  - 5 kHz at -20 dBFS, 44.1 kHz, -size 4096 -points 100 -smoothing 0
#    -ch 2 in the left channel only, view left: the same, at 100 points;
#  - without an array only `peak` is emitted; a missing array is
#    reported once, not every interval.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_spectrum}
MM_LABEL=spectrum
mkdir -p "$OUT"

# spec_patch <dir> <Hz> <amp> "<object line>" [array size]
spec_patch() {
    local dir=$1 hz=$2 amp=$3 obj=$4 asize=${5:-}
    mkdir -p "$dir"
    {
        echo "#N canvas 0 0 900 600 12;"
        echo "#X obj 10 10 loadbang;"                          # 0
        echo "#X msg 10 40 \\; pd dsp 1;"                      # 1
        echo "#X obj 200 40 osc~ $hz;"                         # 2
        echo "#X obj 200 70 *~ $amp;"                          # 3
        echo "#X obj 200 120 $obj;"                            # 4
        echo "#X obj 200 160 print R;"                         # 5
        echo "#X obj 10 80 delay 1500;"                        # 6
        echo "#X obj 10 110 t b b;"                            # 7
        echo "#X msg 10 200 \\; pd quit;"                      # 8
        if [ -n "$asize" ]; then
            echo "#X obj 400 10 array define spec $asize;"     # 9
            echo "#X obj 400 200 array get spec;"              # 10
            echo "#X obj 400 230 print A;"                     # 11
        else
            echo "#X obj 400 10 t b;"
            echo "#X obj 400 200 t b;"
            echo "#X obj 400 230 t b;"
        fi
        echo "#X connect 0 0 1 0;"
        echo "#X connect 0 0 6 0;"
        echo "#X connect 2 0 3 0;"
        echo "#X connect 3 0 4 0;"
        echo "#X connect 4 0 5 0;"
        echo "#X connect 6 0 7 0;"
        echo "#X connect 7 0 8 0;"
        echo "#X connect 7 1 10 0;"
        echo "#X connect 10 0 11 0;"
    } >"$dir/t.pd"
}

# check <name> <dir> <Hz> <dB> <points> <fmin> <fmax>
check() {
    local name=$1 d=$2 hz=$3 want=$4 np=$5 fmin=$6 fmax=$7 e
    e=$(mm_pd_errors "$d/pd.log")
    [ -z "$e" ] || fail "$name pd: $e"
    # the array: its size, its loudest point, its floor, finiteness
    local a
    a=$(awk '$1 == "A:" {for (i = 2; i <= NF; i++) print $i}' "$d/pd.log")
    ok "$name array resized to $np points" "v == $np" \
        "$(printf '%s\n' "$a" | grep -c .)" "$(printf '%s\n' "$a" | grep -c .) points"
    local want_i top
    want_i=$(awk -v f="$hz" -v n="$np" -v lo="$fmin" -v hi="$fmax" \
        'BEGIN {printf "%d", log(f / lo) / log(hi / lo) * (n - 1) + 0.5}')
    top=$(printf '%s\n' "$a" | awk 'NR == 1 || $1 > m {m = $1; i = NR - 1}
        END {print i, m}')
    ok "$name array peaks at the point nearest $hz Hz" "v == $want_i" \
        "${top% *}" "point ${top% *}, want $want_i"
    ok "$name array reads the sine's level within 0.5 dB" \
        "v >= $want - 0.5 && v <= $want + 0.5" "${top#* }" "${top#* } dB, want $want"
    ok "$name array: -144 floor, finite" "v == 0" \
        "$(printf '%s\n' "$a" | awk '$1 < -144 || $1 !~ /^-?[0-9.e+-]+$/' | wc -l)" \
        "values below -144 or not numbers"
    # peak: every interval, the sine's point and level
    local np_lines last
    np_lines=$(grep -c '^R: peak ' "$d/pd.log")
    last=$(awk '$1 == "R:" && $2 == "peak" {f = $3; v = $4} END {print f, v}' "$d/pd.log")
    ok "$name peak emitted each interval" "v >= 20" "$np_lines" "$np_lines reports in 1.5 s at 50 ms"
    local fpt
    fpt=$(awk -v i="$want_i" -v n="$np" -v lo="$fmin" -v hi="$fmax" \
        'BEGIN {printf "%.6g", lo * exp(log(hi / lo) * i / (n - 1))}')
    ok "$name peak Hz is the point nearest $hz" \
        "v >= $fpt * 0.9999 && v <= $fpt * 1.0001" "${last% *}" "${last% *} Hz, point at $fpt"
    ok "$name peak dB within 0.5 dB of the sine" \
        "v >= $want - 0.5 && v <= $want + 0.5" "${last#* }" "${last#* } dB, want $want"
}

d=$OUT/default
spec_patch "$d" 1000 0.5 "spectrum~ -ch 1 -array spec" 10
mm_pd 48000 "$d/t.pd" >"$d/pd.log"
check "1 kHz -6 dBFS, 48 kHz, defaults:" "$d" 1000 -6.02 256 20 20000

d=$OUT/small
spec_patch "$d" 5000 0.1 "spectrum~ -ch 2 -size 4096 -points 100 -smoothing 0 -view left -array spec" 3
mm_pd 44100 "$d/t.pd" >"$d/pd.log"
check "5 kHz -20 dBFS, 44.1 kHz, size 4096, 100 points:" "$d" 5000 -20 100 20 20000

# no array: peak alone, no error
d=$OUT/noarray
spec_patch "$d" 440 1 "spectrum~ -ch 1"
mm_pd 48000 "$d/t.pd" >"$d/pd.log"
e=$(mm_pd_errors "$d/pd.log")
[ -z "$e" ] && pass "no array: no error" || fail "no array: $e"
ok "no array: peak emitted" "v >= 20" "$(grep -c '^R: peak ' "$d/pd.log")" "reports"
ok "no array: peak reads 0 dB at 440 Hz" "v > -0.5 && v < 0.5" \
    "$(awk '$1 == "R:" && $2 == "peak" {v = $4} END {print v}' "$d/pd.log")" "dB"

# a missing array: said once
d=$OUT/missing
spec_patch "$d" 440 1 "spectrum~ -ch 1 -array nowhere"
mm_pd 48000 "$d/t.pd" >"$d/pd.log"
ok "missing array reported once" "v == 1" \
    "$(grep -c "no array named 'nowhere'" "$d/pd.log")" "times"
ok "missing array: peak still emitted" "v >= 20" "$(grep -c '^R: peak ' "$d/pd.log")" "reports"
