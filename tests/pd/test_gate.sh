#!/usr/bin/env bash
# gate~ through Pd (the built external, 48 kHz), a 1 kHz sine stepping
# through levels around the threshold (-40 dBFS, hysteresis 3 dB: it
# closes below -43):
#   -50 closed, -35 opens, -42 stays open (inside the hysteresis),
#   -46 closes after `hold`, -42 stays closed, -38 opens again;
#  - open: gain 0 dB; closed: gain = range (-60 dB here);
#  - the release starts `hold` after the level fell (100 and 300 ms);
#  - the sidechain key opens and closes it (-sidechain 1);
#  - the gating meter reports the attenuation;
#  - sweeps of every parameter at control rate: no clicks (the largest
#    sample-to-sample jump within the input's plus the 1 ms attack ramp).
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
. "$(dirname "$0")/dynrig.sh"
OUT=${OUT:-$BUILD/test-out/test_gate}
mkdir -p "$OUT"
DC=$MM_TOOLS/dyncheck

d=$OUT/states; mkdir -p "$d"
"$DC" steps "$d/in.wav" 48000 1000 1.5 -50 -35 -42 -46 -42 -38 || echo "FAIL: gate: no signal"
common="-threshold -40 -hysteresis 3 -range -60 -attack 1 -release 100"
dyn_rig "$d" "$d/in.wav" 1 "g100|gate~ $common -hold 100|0|1" \
    "g300|gate~ $common -hold 300|0|1"
mm_pd 48000 "$d/rig.pd" >"$d/pd.log"
grep -q "couldn't create\|^error:" "$d/pd.log" && echo "FAIL: gate pd: $(grep -m1 "couldn't create\|error" "$d/pd.log")"
g() { "$DC" gain "$d/rec.wav" 0 "$1" "$2" "$3"; }
for ch in 1 2; do
    dyn_check "gate $ch: -50 dBFS (below threshold) closed: gain = range (dB)" "$(g $ch 0.75 1.5)" -60.05 -59.95
    dyn_check "gate $ch: -35 dBFS opens: gain (dB)" "$(g $ch 1.6 3)" -0.01 0.01
    dyn_check "gate $ch: -42 dBFS (inside hysteresis) stays open: gain (dB)" "$(g $ch 3 4.5)" -0.01 0.01
    dyn_check "gate $ch: -46 dBFS (below threshold - hysteresis) closes: gain (dB)" "$(g $ch 5.8 6)" -60.05 -59.95
    dyn_check "gate $ch: -42 dBFS while closed stays closed: gain (dB)" "$(g $ch 6 7.5)" -60.05 -59.95
    dyn_check "gate $ch: -38 dBFS opens again: gain (dB)" "$(g $ch 7.7 9)" -0.01 0.01
done
# hold: the gain starts falling `hold` after the level fell at t = 4.5 s;
# -1 dB is reached release * ln(10)/20 = 11.5 ms later (decay of 8.7 dB
# per release time)
for h in 100 300; do
    ch=$([ $h = 100 ] && echo 1 || echo 2)
    t=$("$DC" below "$d/rec.wav" 0 $ch 4.5 5.5 -1)
    held=$(awk -v t="$t" 'BEGIN{printf "%.2f", t - 100 * log(10) / 20}')
    dyn_check "gate hold $h ms: release began after (ms)" "$held" $((h - 1)) $((h + 2)) "(-1 dB at $t ms)"
done
dyn_check "gate gating meter reports the closed attenuation" \
    "$(awk '$1 == "g100:" && $2 == "gating" {print $3; exit}' "$d/pd.log")" -60.01 -59.99
dyn_check "gate gating meter reports 0 when open" \
    "$(awk 'BEGIN {m = -999} $1 == "g100:" && $2 == "gating" && $3 > m {m = $3} END {print m}' "$d/pd.log")" 0 0

# ---- sidechain key
d=$OUT/key; mkdir -p "$d"
"$DC" keyed "$d/in.wav" 48000 1 -20 -200 -20 -200 -20 || echo "FAIL: gate key: no signal"
dyn_rig "$d" "$d/in.wav" 2 "k|gate~ -sidechain 1 -threshold -40 -range -40 -hold 10|0 1|1"
mm_pd 48000 "$d/rig.pd" >"$d/pd.log"
dyn_check "gate key silent: closed (dB)" "$("$DC" gain "$d/rec.wav" 0 2 0.5 1)" -40.05 -39.95
dyn_check "gate key -20 dBFS: open (dB)" "$("$DC" gain "$d/rec.wav" 0 2 1.5 2)" -0.01 0.01
dyn_check "gate key silent again: closed (dB)" "$("$DC" gain "$d/rec.wav" 0 2 2.8 3)" -40.05 -39.95

# ---- sweeps: no clicks
d=$OUT/sweep; mkdir -p "$d"
"$DC" steps "$d/in.wav" 48000 1000 6 -20 || echo "FAIL: gate sweep: no signal"
awk 'BEGIN { srand(11);
    split("threshold range attack hold release hysteresis bypass delta", p, " ");
    for (i = 0; i < 500; i++) {
        k = p[1 + int(rand() * 8)];
        if (k == "threshold") v = -40 + rand() * 35;
        else if (k == "range") v = -100 + rand() * 100;
        else if (k == "attack") v = 1 + rand() * 20;
        else if (k == "hold") v = rand() * 100;
        else if (k == "release") v = 20 + rand() * 300;
        else if (k == "hysteresis") v = rand() * 24;
        else v = rand() < 0.5 ? 0 : 1;
        printf "10 sw %s %s;\n", k, v;
        if (k != "bypass" && k != "delta") printf "0 sw2 %s %s;\n", k, v }
}' >"$d/sched.txt"
dyn_rig "$d" "$d/in.wav" 1 "sw|gate~ -ch 2|0 0|2" "sw2|gate~|0|1"
mm_pd 48000 "$d/rig.pd" >"$d/pd.log"
read -r jin _ <<<"$("$DC" jump "$d/rec.wav" 0 0.1 5.9)"
# a 1 ms attack adds at most 1/(1 ms * 48 kHz) of the amplitude per
# sample: 16% of a 1 kHz sine's own largest step
for ch in 1 2 3; do
    read -r jout _ <<<"$("$DC" jump "$d/rec.wav" $ch 0.1 5.9)"
    dyn_check "gate sweep of every parameter: largest jump over the input's (channel $ch)" \
        "$(awk -v a="$jout" -v b="$jin" 'BEGIN{printf "%.4f", a / b}')" 0 1.17
done
