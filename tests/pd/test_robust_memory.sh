#!/usr/bin/env bash
# Robustness, constant memory: every object in tests/robust/objects.list
# runs on a second of tone and then silence for an hour of logical time
# (at 22.05 kHz, the lowest rate the contract names, to keep CI fast;
# MM_SILENCE_MINUTES / MM_SILENCE_SR change it). Peak memory of the whole
# Pd process must be the same (within 1 MB) as after a tenth of the time,
# and every meter must still be finite at the end.
set -u
. "$(dirname "$0")/../robust/lib.sh"
OUT=${OUT:-$BUILD/test-out/test_robust_memory}
MIN=${MM_SILENCE_MINUTES:-60}
SR=${MM_SILENCE_SR:-22050}
mkdir -p "$OUT"

mempatch() { # out.pd minutes
    local out=$1 ms=$(($2 * 60000)) objs="" conns="" k=0 name nin nout flags msg i
    while IFS='|' read -r name nin nout flags msg; do
        local idx=$((8 + k))
        objs+="#X obj $((10 + 150 * k)) 200 $name $flags -interval 0;"$'\n'
        for ((i = 0; i < nin; i++)); do conns+="#X connect 2 0 $idx $i;"$'\n'; done
        conns+="#X connect 6 0 $idx 0;"$'\n'
        conns+="#X connect $idx $nout 7 0;"$'\n'
        k=$((k + 1))
    done < <(robust_objects)
    cat >"$out" <<PD
#N canvas 0 0 900 600 12;
#X obj 10 10 loadbang;
#X obj 300 10 osc~ 1000;
#X obj 300 80 *~;
#X msg 10 80 \; pd dsp 1;
#X msg 500 10 0.5 \, 0 1000;
#X obj 500 40 line~;
#X obj 10 120 delay $ms;
#X obj 10 400 print R;
$objs#X obj 10 150 t b b;
#X msg 10 450 \; pd quit;
$conns#X connect 0 0 3 0;
#X connect 0 0 4 0;
#X connect 0 0 6 0;
#X connect 1 0 2 0;
#X connect 4 0 5 0;
#X connect 5 0 2 1;
PD
    # the delay's end: bang every object (meters), then quit
    local t=$((8 + k)) q=$((9 + k))
    sed -i "s/^#X connect 6 0 \([0-9]*\) 0;$/#X connect $t 1 \1 0;/" "$out"
    echo "#X connect 6 0 $t 0;" >>"$out"
    echo "#X connect $t 0 $q 0;" >>"$out"
}
mempatch "$OUT/short.pd" $((MIN / 10 > 0 ? MIN / 10 : 1))
mempatch "$OUT/long.pd" "$MIN"
read -r short rc1 < <(robust_pd_hwm "$SR" "$OUT/short.pd" "$OUT/short.log")
start=$(date +%s)
read -r long rc2 < <(robust_pd_hwm "$SR" "$OUT/long.pd" "$OUT/long.log")
took=$(($(date +%s) - start))
rcheck "robust memory: $MIN min of silence ran (exit $rc2, $took s)" [ "$rc2" = 0 ]
rcheck "robust memory: constant ($short kB after $((MIN / 10)) min, $long kB after $MIN min)" \
    [ $((long - short)) -lt 1024 ]
bad=$(robust_bad_meters "$OUT/long.log" | head -1)
rcheck "robust memory: meters finite after $MIN min${bad:+ ($bad)}" [ -z "$bad" ]
rcheck "robust memory: meters emitted at the end" grep -q "^R: " "$OUT/long.log"
