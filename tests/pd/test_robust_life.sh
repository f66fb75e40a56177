#!/usr/bin/env bash
# Robustness, DSP life, for every object in tests/robust/objects.list:
# DSP switched on and off repeatedly; every object created and deleted
# while DSP runs (dynamic patching); the sample rate changed between DSP
# runs (a [block~ 64 1 k] whose factor is set to 2, 0.5 and back); no
# crash, and no leak: peak memory after 400 create/delete cycles within
# 1 MB of that after 40.
set -u
. "$(dirname "$0")/../robust/lib.sh"
OUT=${OUT:-$BUILD/test-out/test_robust_life}
mkdir -p "$OUT"

lifepatch() { # out.pd cycles
    local out=$1 cycles=$2 create="" static="" k=0 name nin nout flags msg
    while IFS='|' read -r name nin nout flags msg; do
        create+=" \\; pd-life obj 10 $((10 + 30 * k)) $name $flags"
        static+="#X obj 10 $((60 + 40 * k)) $name $flags;"$'\n'
        k=$((k + 1))
    done < <(robust_objects)
    cat >"$out" <<PD
#N canvas 0 0 900 600 12;
#X obj 10 10 loadbang;
#X obj 10 40 t b b;
#X msg 200 40 \; pd dsp 1;
#X obj 10 80 t b;
#X obj 10 110 f;
#X obj 50 110 + 1;
#X obj 10 140 sel $cycles;
#X obj 100 170 t b b;
#X obj 100 200 delay 10;
#X msg 300 200 $create;
#X msg 300 250 \; pd-life clear;
#X obj 10 300 print DONE;
#X msg 10 350 \; pd dsp 0 \; pd dsp 1 \; pd dsp 0 \; pd dsp 1 \; pd dsp 0 \; pd dsp 1;
#X msg 10 400 \; rate set 64 1 2 \; pd dsp 0 \; pd dsp 1 \; rate set 64 1 0.5 \; pd dsp 0 \; pd dsp 1 \; rate set 64 1 1 \; pd dsp 0 \; pd dsp 1;
#X obj 10 450 delay 100;
#X msg 10 500 \; pd quit;
#X obj 10 170 t b b b;
#X obj 100 230 t b b;
#N canvas 0 0 400 300 life 0;
#X restore 500 10 pd life;
#N canvas 0 0 400 300 rate 0;
#X obj 10 10 osc~ 1000;
#X obj 200 10 r rate;
#X obj 200 40 block~ 64 1 1;
$static#X connect 1 0 2 0;
#X restore 500 60 pd rate;
#X connect 0 0 1 0;
#X connect 1 0 2 0;
#X connect 1 1 4 0;
#X connect 4 0 6 0;
#X connect 4 0 5 0;
#X connect 5 0 4 1;
#X connect 6 0 16 0;
#X connect 6 1 7 0;
#X connect 7 0 8 0;
#X connect 7 1 9 0;
#X connect 8 0 17 0;
#X connect 17 1 10 0;
#X connect 17 0 4 0;
#X connect 16 0 14 0;
#X connect 16 1 13 0;
#X connect 16 2 12 0;
#X connect 14 0 11 0;
#X connect 14 0 15 0;
PD
}
lifepatch "$OUT/life40.pd" 40
lifepatch "$OUT/life400.pd" 400
read -r hwm40 rc40 < <(robust_pd_hwm 48000 "$OUT/life40.pd" "$OUT/life40.log")
read -r hwm400 rc400 < <(robust_pd_hwm 48000 "$OUT/life400.pd" "$OUT/life400.log")
rcheck "robust life: 400 create/delete cycles with DSP on/off and rate changes, no crash (exit $rc400)" \
    [ "$rc400" = 0 ] && grep -q "^DONE: bang" "$OUT/life400.log"
rcheck "robust life: no console errors" bash -c "! grep -q \"couldn't create\\|^error:\" '$OUT/life400.log'"
rcheck "robust life: no leak (peak RSS $hwm40 kB after 40 cycles, $hwm400 kB after 400)" \
    [ $((hwm400 - hwm40)) -lt 1024 ]
