#!/usr/bin/env bash
# leveler~ through Pd (the built external, 48 kHz), a 1 kHz sine (BS.1770
# calibrates a 1 kHz sine to read its RMS: loudness = peak dBFS - 3.01
# LUFS for one channel) in 20 s sections, target -20 LUFS, speed 4 dB/s,
# window 1 s:
#   -30 dBFS (-33.0 LUFS): the gain rises to +13.0 dB and the output
#     settles within 0.5 LU of the target;
#   -60 dBFS (-63.0 LUFS, below target + gate = -35): the gain holds;
#   -6 dBFS (-9.0 LUFS): the gain falls to -11.0 dB, settles likewise;
#   -16 dBFS under `freeze 1`: the gain does not move.
#  - the gain (info outlet, every 100 ms) never moves faster than `speed`
#    and never leaves [-maxcut, +maxboost]; latency 0.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
. "$(dirname "$0")/dynrig.sh"
OUT=${OUT:-$BUILD/test-out/test_leveler}
mkdir -p "$OUT"
DC=$MM_TOOLS/dyncheck

d=$OUT/ride; mkdir -p "$d"
"$DC" steps "$d/in.wav" 48000 1000 20 -30 -60 -6 -16 || echo "FAIL: leveler: no signal"
# freeze at the start of the last section, and ask for the latency
printf '100 lv latency;\n59900 lv freeze 1;\n' >"$d/sched.txt"
dyn_rig "$d" "$d/in.wav" 1 \
    "lv|leveler~ -ch 1 -target -20 -speed 4 -window 1000 -gate -15 -maxboost 20 -maxcut 20 -interval 100|0|1"
mm_pd 48000 "$d/rig.pd" >"$d/pd.log"
grep -q "couldn't create\|^error:" "$d/pd.log" && echo "FAIL: leveler pd: $(grep -m1 "couldn't create\|error" "$d/pd.log")"
g() { "$DC" gain "$d/rec.wav" 0 1 "$1" "$2"; }
want1=$(awk 'BEGIN{printf "%.2f", -20 - (-30 - 3.0103)}')
want3=$(awk 'BEGIN{printf "%.2f", -20 - (-6 - 3.0103)}')
dyn_check "leveler -30 dBFS settles: output within 0.5 LU of -20 LUFS (gain dB, want $want1)" \
    "$(g 18 20)" "$(awk -v w=$want1 'BEGIN{print w - 0.5}')" "$(awk -v w=$want1 'BEGIN{print w + 0.5}')"
dyn_check "leveler -60 dBFS (below target + gate): the gain holds (dB, as before)" \
    "$(awk -v a="$(g 25 26)" -v b="$(g 38 40)" 'BEGIN{printf "%.3f", b - a}')" -0.05 0.05
dyn_check "leveler -6 dBFS settles: output within 0.5 LU of -20 LUFS (gain dB, want $want3)" \
    "$(g 58 59.8)" "$(awk -v w=$want3 'BEGIN{print w - 0.5}')" "$(awk -v w=$want3 'BEGIN{print w + 0.5}')"
dyn_check "leveler frozen: the gain does not move (dB)" \
    "$(awk -v a="$(g 60.2 60.5)" -v b="$(g 78 80)" 'BEGIN{printf "%.3f", b - a}')" -0.05 0.05
# the info outlet: rate and limits of the gain, frozen, latency
awk '$1 == "lv:" && $2 == "gain" {print $3}' "$d/pd.log" >"$d/gain.txt"
dyn_check "leveler emitted its gain every 100 ms (reports)" "$(wc -l <"$d/gain.txt")" 790 810
dyn_check "leveler gain rate: largest change per 100 ms (dB; speed 4 dB/s)" \
    "$(awk 'NR > 1 {d = $1 - p; if (d < 0) d = -d; if (d > m) m = d} {p = $1} END {printf "%.4f", m + 0}' "$d/gain.txt")" 0 0.4001
dyn_check "leveler gain within -maxcut..+maxboost (largest |gain| dB)" \
    "$(awk '{a = $1 < 0 ? -$1 : $1; if (a > m) m = a} END {printf "%.3f", m + 0}' "$d/gain.txt")" 0 20
dyn_check "leveler loudness reading at the end of the -30 dBFS section (LUFS)" \
    "$(awk '$1 == "lv:" && $2 == "loudness" {n++; if (n == 195) print $3}' "$d/pd.log")" -33.1 -32.9
dyn_check "leveler reports frozen 1 after freeze" \
    "$(awk '$1 == "lv:" && $2 == "frozen" {v = $3} END {print v}' "$d/pd.log")" 1 1
dyn_check "leveler latency 0 (samples)" \
    "$(awk '$1 == "lv:" && $2 == "latency" {print $3; exit}' "$d/pd.log")" 0 0
