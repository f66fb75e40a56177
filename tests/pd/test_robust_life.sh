#!/usr/bin/env bash
# Robustness, DSP life, for every object in tests/robust/objects.list:
# DSP switched on and off repeatedly; every object created and deleted
# while DSP runs (dynamic patching); the sample rate changed between DSP
# runs (a [block~ 64 1 k] whose factor is set to 2, 0.5 and back); no
# crash, and no leak: peak memory after 500 create/delete cycles within
# 2 MB of that after 200 (a leak of 7 kB or more per cycle fails; smaller
# ones are valgrind's to find: `make valgrind` runs this test under
# memcheck). The first 200 cycles are left out: the allocator's heap
# settles there (peak RSS grows 0.3-0.5 MB from 40 to 200 cycles, then
# stays flat to 600 on Pd 0.53 and 0.56, with the same bytes in use at
# exit), and the peak varies by up to +-0.6 MB from run to run with the
# DSP timing.
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
lifepatch "$OUT/life200.pd" 200
lifepatch "$OUT/life500.pd" 500
read -r hwm200 rc200 < <(robust_pd_hwm 48000 "$OUT/life200.pd" "$OUT/life200.log")
read -r hwm500 rc500 < <(robust_pd_hwm 48000 "$OUT/life500.pd" "$OUT/life500.log")
rcheck "robust life: 500 create/delete cycles with DSP on/off and rate changes, no crash (exit $rc500)" \
    [ "$rc500" = 0 ] && grep -q "^DONE: bang" "$OUT/life500.log"
rcheck "robust life: no console errors" bash -c "! grep -q \"couldn't create\\|^error:\" '$OUT/life500.log'"
rcheck "robust life: no leak (peak RSS $hwm200 kB after 200 cycles, $hwm500 kB after 500)" \
    [ $((hwm500 - hwm200)) -lt 2048 ]
