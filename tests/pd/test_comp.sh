#!/usr/bin/env bash
# comp~ through Pd (the built external, 48 kHz):
#  - static curve: a 1 kHz sine stepping from -60 to 0 dBFS in 3 dB steps
#    meets the contract's formula within 0.5 dB (T -30; knee 0 and 12;
#    ratio 2, 4 and 20), worst error printed;
#  - attack and release: time to 63% of the gain change within 20% of
#    the setting (10/100, 1/50, 50/500 ms);
#  - mix 0 is the dry input, sample for sample;
#  - the sidechain key drives the gain (-sidechain 1), schpf ignores a
#    low key;
#  - sweeps of every parameter at control rate: the output's largest
#    sample-to-sample jump stays within the input's;
#  - `curve <array>` writes the static curve and follows the controls.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
. "$(dirname "$0")/dynrig.sh"
OUT=${OUT:-$BUILD/test-out/test_comp}
mkdir -p "$OUT"
DC=$MM_TOOLS/dyncheck

# ---- static curve
d=$OUT/static; mkdir -p "$d"
levels=$(seq -60 3 0)
"$DC" steps "$d/in.wav" 48000 1000 0.3 $levels || echo "FAIL: comp static: no signal"
specs=()
for k in 0 12; do for r in 2 4 20; do
    specs+=("k${k}r$r|comp~ -ch 1 -threshold -30 -knee $k -ratio $r|0|1")
done; done
specs+=("rms|comp~ -ch 1 -threshold -30 -knee 0 -ratio 4 -detector rms|0|1")
dyn_rig "$d" "$d/in.wav" 1 "${specs[@]}"
mm_pd 48000 "$d/rig.pd" >"$d/pd.log"
grep -q "couldn't create\|^error:" "$d/pd.log" && echo "FAIL: comp static pd: $(grep -m1 "couldn't create\|error" "$d/pd.log")"
worst_all=0; ch=1
for k in 0 12; do for r in 2 4 20; do
    worst=0; i=0
    for x in $levels; do
        t0=$(awk -v i=$i 'BEGIN{print i * 0.3 + 0.2}')
        t1=$(awk -v i=$i 'BEGIN{print i * 0.3 + 0.3}')
        g=$("$DC" gain "$d/rec.wav" 0 $ch "$t0" "$t1")
        worst=$(awk -v g="$g" -v x="$x" -v T=-30 -v R=$r -v W=$k -v w="$worst" 'BEGIN{
            if (2 * (x - T) < -W) y = x;
            else if (2 * (x - T) > W || W == 0) y = (x > T) ? T + (x - T) / R : x;
            else { d = x - T + W / 2; y = x + (1 / R - 1) * d * d / (2 * W) }
            e = x + g - y; if (e < 0) e = -e; print (e > w ? e : w) }')
        i=$((i + 1))
    done
    dyn_check "comp static curve knee $k ratio $r worst error dB" "$worst" 0 0.5
    worst_all=$(awk -v a="$worst" -v b="$worst_all" 'BEGIN{print (a > b ? a : b)}')
    ch=$((ch + 1))
done; done
# detector rms: a sine's level is its RMS, 3.01 dB under its peak
worst=0; i=0
for x in $levels; do
    t0=$(awk -v i=$i 'BEGIN{print i * 0.3 + 0.2}')
    t1=$(awk -v i=$i 'BEGIN{print i * 0.3 + 0.3}')
    g=$("$DC" gain "$d/rec.wav" 0 7 "$t0" "$t1")
    worst=$(awk -v g="$g" -v x="$x" -v w="$worst" 'BEGIN{ l = x - 3.0103;
        want = l > -30 ? (-30 + (l + 30) / 4) - l : 0;
        e = g - want; if (e < 0) e = -e; print (e > w ? e : w) }')
    i=$((i + 1))
done
dyn_check "comp detector rms: gain follows the curve at the sine's RMS, worst error dB" "$worst" 0 0.5
dyn_check "comp static curve worst error over all six curves (dB, -60..0 dBFS in 3 dB steps)" "$worst_all" 0 0.5

# ---- attack and release (63% of the gain change)
d=$OUT/times; mkdir -p "$d"
"$DC" steps "$d/in.wav" 48000 1000 4 -30 -10 -30 -10 || echo "FAIL: comp times: no signal"
specs=()
for ar in "10 100" "1 50" "50 500"; do
    set -- $ar
    specs+=("a$1|comp~ -ch 1 -threshold -40 -ratio 4 -knee 0 -attack $1 -release $2|0|1")
done
dyn_rig "$d" "$d/in.wav" 1 "${specs[@]}"
mm_pd 48000 "$d/rig.pd" >"$d/pd.log"
ch=1
for ar in "10 100" "1 50" "50 500"; do
    set -- $ar
    read -r ta _ <<<"$("$DC" t63 "$d/rec.wav" 0 $ch 4 8)"
    read -r tr _ <<<"$("$DC" t63 "$d/rec.wav" 0 $ch 8 12)"
    dyn_check "comp attack $1 ms measured (ms)" "$ta" "$(awk -v a=$1 'BEGIN{print a * 0.8}')" "$(awk -v a=$1 'BEGIN{print a * 1.2}')" \
        "($(awk -v t="$ta" -v a=$1 'BEGIN{printf "%+.1f%%", 100 * (t / a - 1)}'))"
    dyn_check "comp release $2 ms measured (ms)" "$tr" "$(awk -v a=$2 'BEGIN{print a * 0.8}')" "$(awk -v a=$2 'BEGIN{print a * 1.2}')" \
        "($(awk -v t="$tr" -v a=$2 'BEGIN{printf "%+.1f%%", 100 * (t / a - 1)}'))"
    ch=$((ch + 1))
done

# ---- mix 0 is the dry input; delta at mix 0 is silence
d=$OUT/mix; mkdir -p "$d"
"$DC" steps "$d/in.wav" 48000 1000 0.5 -40 -10 -3 -20 || echo "FAIL: comp mix: no signal"
dyn_rig "$d" "$d/in.wav" 1 "m0|comp~ -ch 1 -threshold -40 -ratio 20 -mix 0|0|1" \
    "m100|comp~ -ch 1 -threshold -40 -ratio 20|0|1"
mm_pd 48000 "$d/rig.pd" >"$d/pd.log"
dyn_check "comp mix 0 equals the input: largest difference" "$("$DC" diff "$d/rec.wav" 0 1)" 0 0
dyn_check "comp mix 100 compresses (gain at -3 dBFS, dB)" "$("$DC" gain "$d/rec.wav" 0 2 1.2 1.5)" -36 -33

# ---- sidechain key
d=$OUT/key; mkdir -p "$d"
"$DC" keyed "$d/in.wav" 48000 1 -40 -200 -10 -200 -10 || echo "FAIL: comp key: no signal"
dyn_rig "$d" "$d/in.wav" 2 "k|comp~ -ch 1 -sidechain 1 -threshold -30 -ratio 4 -knee 0|0 1|1" \
    "hp|comp~ -ch 1 -sidechain 1 -threshold -30 -ratio 4 -knee 0 -schpf 1000|0 1|1"
mm_pd 48000 "$d/rig.pd" >"$d/pd.log"
dyn_check "comp key silent: gain (dB)" "$("$DC" gain "$d/rec.wav" 0 2 0.5 1)" -0.01 0.01
dyn_check "comp key -10 dBFS, T -30, R 4: gain (dB, want -15)" "$("$DC" gain "$d/rec.wav" 0 2 1.5 2)" -15.3 -14.7
dyn_check "comp key released: gain (dB)" "$("$DC" gain "$d/rec.wav" 0 2 2.8 3)" -0.05 0.01
dyn_check "comp key through schpf 1000 (key -3 dB at 1 kHz): gain (dB, want -12.75)" "$("$DC" gain "$d/rec.wav" 0 3 3.5 4)" -13.05 -12.45
dyn_check "comp gr meter reports the key's reduction (dB)" \
    "$(awk '$1 == "k:" && $2 == "gr" && $3 < m {m = $3} END {print m + 0}' "$d/pd.log")" -15.3 -14.7

# ---- parameter sweeps at control rate: no clicks
d=$OUT/sweep; mkdir -p "$d"
"$DC" steps "$d/in.wav" 48000 1000 6 -6 || echo "FAIL: comp sweep: no signal"
awk 'BEGIN { srand(7);
    split("threshold ratio attack release knee makeup link schpf mix detector bypass delta", p, " ");
    for (i = 0; i < 500; i++) {
        k = p[1 + int(rand() * 12)];
        if (k == "threshold") v = -40 + rand() * 40;
        else if (k == "ratio") v = 1 + rand() * 30;
        else if (k == "attack") v = 1 + rand() * 50;
        else if (k == "release") v = 20 + rand() * 300;
        else if (k == "knee") v = rand() * 24;
        else if (k == "makeup") v = -12 + rand() * 12;
        else if (k == "link") v = rand() * 100;
        else if (k == "schpf") v = rand() < 0.2 ? 0 : 20 + rand() * 500;
        else if (k == "mix") v = rand() * 100;
        else if (k == "detector") v = rand() < 0.5 ? "peak" : "rms";
        else v = rand() < 0.5 ? 0 : 1;
        printf "10 sw %s %s;\n", k, v;
        printf "0 sw2 %s %s;\n", k, v;
        if (k != "bypass" && k != "delta") printf "0 sw3 %s %s;\n", k, v }
}' >"$d/sched.txt"
dyn_rig "$d" "$d/in.wav" 1 "sw|comp~ -ch 1|0|1" "sw2|comp~ -ch 2|0 0|2" \
    "sw3|comp~ -ch 1|0|1"
mm_pd 48000 "$d/rig.pd" >"$d/pd.log"
read -r jin _ <<<"$("$DC" jump "$d/rec.wav" 0 0.1 5.9)"
for ch in 1 2 3 4; do
    read -r jout _ <<<"$("$DC" jump "$d/rec.wav" $ch 0.1 5.9)"
    dyn_check "comp sweep of every parameter: largest jump over the input's (channel $ch$([ $ch = 4 ] && echo ', no bypass/delta'))" \
        "$(awk -v a="$jout" -v b="$jin" 'BEGIN{printf "%.4f", a / b}')" 0 1.0
done

# ---- curve <array> follows the controls
d=$OUT/curve; mkdir -p "$d"
cat >"$d/c.pd" <<'PD'
#N canvas 0 0 600 400 12;
#X obj 10 10 loadbang;
#X obj 10 40 t b b;
#X msg 100 80 curve crv \, threshold -20 \, ratio 4 \, knee 6 \, makeup 3;
#X obj 100 120 comp~ -ch 1;
#X obj 300 10 table crv 10;
#X msg 10 200 \; pd quit;
#X obj 10 150 array get crv;
#X obj 10 180 print CURVE;
#X obj 10 120 t b b;
#X connect 0 0 1 0;
#X connect 1 1 2 0;
#X connect 2 0 3 0;
#X connect 1 0 8 0;
#X connect 8 1 6 0;
#X connect 6 0 7 0;
#X connect 8 0 5 0;
PD
mm_pd 48000 "$d/c.pd" >"$d/pd.log"
cerr=$(awk '$1 == "CURVE:" { n = NF - 1; w = 0;
    for (i = 2; i <= NF; i++) { x = -90 + (i - 2); T = -20; R = 4; W = 6;
        if (2 * (x - T) < -W) y = x; else if (2 * (x - T) > W) y = T + (x - T) / R;
        else { d = x - T + W / 2; y = x + (1 / R - 1) * d * d / (2 * W) }
        e = $i - (y + 3); if (e < 0) e = -e; if (e > w) w = e }
    print n, w }' "$d/pd.log")
read -r npts cw <<<"$cerr"
dyn_check "comp curve array points" "${npts:-0}" 91 91
dyn_check "comp curve array follows threshold/ratio/knee/makeup: worst error dB" "${cw:-99}" 0 0.001
