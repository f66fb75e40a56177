#!/usr/bin/env bash
# strip~ through Pd: pan laws, balance, fader -100, filter slopes, the
# signal order of the contract, and click-free mute/bypass/phase/fader
# rides and frequency sweeps (largest sample step against the signal's
# own).
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
. "$(dirname "$0")/strip_lib.sh"
OUT=${OUT:-$BUILD/test-out/test_strip}
mkdir -p "$OUT"
W=$OUT/out.wav

# input sine 1 kHz, peak 0.5: RMS -9.031 dBFS
CASES=(
    "1000 0.5 1|strip~ -ch 1 -panlaw 3|"                         # 0
    "1000 0.5 1|strip~ -ch 1 -panlaw 4.5|"                       # 1
    "1000 0.5 1|strip~ -ch 1 -panlaw 6|"                         # 2
    "1000 0.5 1|strip~ -ch 1 -panlaw 0|"                         # 3
    "1000 0.5 1|strip~ -ch 1 -pan 100|"                          # 4
    "1000 0.5 1|strip~ -ch 1 -pan -100|"                         # 5
    "1000 0.5 2|strip~ -ch 2 -pan 50|"                           # 6
    "1000 0.5 1|strip~ -ch 1 -fader -100|"                       # 7
    "50 0.5 1|strip~ -ch 1 -panlaw 0 -hpf 100|"                  # 8
    "50 0.5 1|strip~ -ch 1 -panlaw 0 -hpf 100 -hpfslope 24|"     # 9
    "2000 0.5 1|strip~ -ch 1 -panlaw 0 -lpf 1000|"               # 10
    "1000 0.01 1|strip~ -ch 1 -panlaw 0 -trim 20 -gate -30|"     # 11 trim before gate
    "50 0.3 1|strip~ -ch 1 -panlaw 0 -hpf 1000 -gate -30|"       # 12 filters before gate
    "1000 0.1 1|strip~ -ch 1 -panlaw 0 -lowmid 1000 12 1 -threshold -20 -ratio 100 -knee 0 -attack 0.1|"   # 13 eq-comp
    "1000 0.1 1|strip~ -ch 1 -panlaw 0 -lowmid 1000 12 1 -threshold -20 -ratio 100 -knee 0 -attack 0.1 -order comp-eq|" # 14
    "1000 0.316228 1|strip~ -ch 1 -panlaw 0 -threshold -20 -ratio 100 -knee 0 -attack 0.1 -fader -20|"     # 15 comp before fader
    "1000 0.316228 1|strip~ -ch 1 -panlaw 0 -threshold -20 -ratio 100 -knee 0 -attack 0.1 -pan 100 -panlaw 6|" # 16 comp before pan
    # clicks: toggles on a 1 kHz sine (peak 0.5), 3 s
    "1000 0.5 1|strip~ -ch 1 -panlaw 0 -high 3000 6|300:mute 1,700:mute 0,1100:bypass 1,1500:bypass 0,1900:phase 1,2300:delta 1,2700:delta 0"   # 17
    "1000 0.5 1|strip~ -ch 1 -panlaw 0|300:fader -40,700:fader 6,1100:fader 0,1500:pan -100,1900:pan 100,2300:pan 0,2600:eq 0"  # 18
    "100 0.5 1|strip~ -ch 1 -panlaw 0 -lowmid 200 12 2|300:lowmid 4000 12 2,900:lowmid 150 -12 4,1500:hpf 300,1800:hpfslope 24,2100:hpf 0,2400:order comp-eq,2600:gate -10"  # 19
)
# control-rate rides, one message every 10 ms as a slider sends them:
# a fader ride -40..+6 dB and back, an eq~ bell swept 100 Hz..8 kHz and
# back, a strip~ high-mid sweep
ride() { # from to start_ms steps template(with %g)
    awk -v a="$1" -v b="$2" -v t0="$3" -v n="$4" -v tpl="$5" 'BEGIN {
        for (i = 0; i <= n; i++) { v = i <= n / 2 ? a * (b / a) ^ (2 * i / n) : b * (a / b) ^ (2 * i / n - 1);
            if (tpl ~ /fader/) v = i <= n / 2 ? a + (b - a) * 2 * i / n : b + (a - b) * (2 * i / n - 1);
            printf "%s%d:" tpl, (i ? "," : ""), t0 + 10 * i, v } }'
}
CASES+=(
    "1000 0.5 1|strip~ -ch 1 -panlaw 0|$(ride -40 6 200 200 "fader %g")"                      # 20
    "300 0.5 2|eq~ -ch 2 -bands 1 -band 1 bell 100 12 2|$(ride 100 8000 200 200 "band 1 bell %g 12 2")"  # 21
    "300 0.5 1|strip~ -ch 1 -panlaw 0|$(ride 100 8000 200 200 "highmid %g -12 4")"            # 22
    # delta and bypass: a +6 dB bell at the sine's frequency adds
    # (10^(6/20) - 1) = 0.995 of the input in phase; bypass is the input
    "1000 0.5 2|eq~ -ch 2 -bands 1 -band 1 bell 1000 6 1 -delta 1|"                          # 23
    "1000 0.5 2|eq~ -ch 2 -bands 1 -band 1 bell 1000 6 1 -bypass 1|"                         # 24
    "1000 0.5 1|strip~ -ch 1 -panlaw 0 -lowmid 1000 6 1 -delta 1|"                          # 25
    "1000 0.5 1|strip~ -ch 1 -panlaw 3 -pan 100 -lowmid 1000 6 1 -bypass 1|"                # 26
)
mm_cases_patch "$OUT/t.pd" 3 "${CASES[@]}"
mm_pd 48000 "$OUT/t.pd" >"$OUT/pd.log"
if grep -q "couldn't create\|^error:" "$OUT/pd.log"; then
    echo "FAIL: strip pd: $(grep -m1 "couldn't create\|error" "$OUT/pd.log")"
fi
IN_RMS=-9.031

rel() { # case side -> rms dB relative to the input (0.5..1.0 s)
    local r; r=$(mm_level "$W" $((2 * $1 + $2)) 0.5 1.0); echo "${r% *}"
}
peak() { local r; r=$(mm_level "$W" $((2 * $1 + $2)) 0.5 1.0); echo "${r#* }"; }
check() { # name value lo hi what
    if mm_within "$2" "$3" "$4"; then echo "PASS: strip $1: $2 ($5)";
    else echo "FAIL: strip $1: $2 outside $3..$4 ($5)"; fi
}
d() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a - b}'; }

for law in "0 3 -3.03 -2.99" "1 4.5 -4.54 -4.49" "2 6 -6.04 -6.00" "3 0 -0.02 0.02"; do
    read -r c L lo hi <<<"$law"
    check "panlaw $L centre L" "$(d "$(rel "$c" 0)" $IN_RMS)" "$lo" "$hi" "dB per side at the centre"
    check "panlaw $L centre R" "$(d "$(rel "$c" 1)" $IN_RMS)" "$lo" "$hi" "dB per side at the centre"
done
check "pan 100 R" "$(d "$(rel 4 1)" $IN_RMS)" -0.02 0.02 "hard right: all in R (dB)"
check "pan 100 L" "$(rel 4 0)" -4000 -120 "hard right: L silent (dBFS)"
check "pan -100 R" "$(rel 5 1)" -4000 -120 "hard left: R silent (dBFS)"
check "balance 50 L" "$(d "$(rel 6 0)" $IN_RMS)" -6.05 -6.0 "stereo strip, balance 50: L linear half"
check "balance 50 R" "$(d "$(rel 6 1)" $IN_RMS)" -0.02 0.02 "stereo strip, balance 50: R unchanged"
check "fader -100" "$(peak 7 0)" -4000 -200 "peak dBFS: silence (-600 = exact zeros)"
check "hpf 100 at 50 Hz" "$(d "$(rel 8 0)" $IN_RMS)" -12.8 -11.8 "12 dB/oct, theory -12.30"
check "hpf 100 slope 24 at 50 Hz" "$(d "$(rel 9 0)" $IN_RMS)" -24.6 -23.6 "24 dB/oct, theory -24.10"
check "lpf 1000 at 2 kHz" "$(d "$(rel 10 0)" $IN_RMS)" -12.8 -11.8 "12 dB/oct, theory -12.30"
check "order trim>gate" "$(peak 11 0)" -20.5 -19.5 "-40 dBFS in, trim +20 opens a -30 dB gate (peak dBFS)"
check "order filters>gate" "$(peak 12 0)" -400 -100 "50 Hz under hpf 1000 closes a -30 dB gate (peak dBFS; gate first: -62)"
check "order eq-comp" "$(peak 13 0)" -20.5 -19.3 "+12 dB bell before a 100:1 -20 dB compressor (peak dBFS)"
check "order comp-eq" "$(peak 14 0)" -8.5 -7.5 "compressor sees -20 dB, bell after (peak dBFS)"
check "order comp>fader" "$(peak 15 0)" -40.5 -39.3 "-10 in, 100:1 at -20, fader -20 (peak dBFS; fader first: -30)"
check "order comp>pan" "$(peak 16 1)" -20.5 -19.3 "pan after the compressor (peak dBFS)"

check "eq~ delta" "$(d "$(rel 23 0)" $IN_RMS)" -0.07 -0.01 "dB re input: theory 20 log10(10^(6/20) - 1) = -0.043"
check "eq~ bypass" "$(d "$(rel 24 1)" $IN_RMS)" -0.005 0.005 "dB re input: the input itself"
check "strip~ delta" "$(d "$(rel 25 0)" $IN_RMS)" -0.07 -0.01 "dB re input: theory -0.043"
check "strip~ bypass L" "$(d "$(rel 26 0)" $IN_RMS)" -0.005 0.005 "mono bypass: the input on both sides, unpanned"
check "strip~ bypass R" "$(d "$(rel 26 1)" $IN_RMS)" -0.005 0.005 "mono bypass: the input on both sides, unpanned"

# clicks: the largest sample step against what the signal itself has: a
# sine of frequency f and peak A never steps more than 2 A sin(pi f/fs);
# A is the largest output peak of the run (5% margin)
for cf in "17 1000" "18 1000" "19 100" "20 1000" "21 300" "22 300"; do
    read -r c f <<<"$cf"
    for side in 0 1; do
        ch=$((2 * c + side))
        j=$("$MM_TOOLS/filtcheck" jump "$W" $ch 0.05 3.0 | awk '{print $2}')
        pk=$(mm_level "$W" $ch 0.05 3.0 | awk '{print $2}')
        own=$(awk -v p="$pk" -v f="$f" 'BEGIN{printf "%.6f", 1.05 * 2 * 10^(p/20) * sin(3.14159265358979 * f / 48000)}')
        if mm_within "$j" 0 "$own"; then
            echo "PASS: strip clicks case $c side $side: largest step $j <= $own (the signal's own at its largest level)"
        else
            echo "FAIL: strip clicks case $c side $side: largest step $j > $own (the signal's own at its largest level)"
        fi
    done
done
