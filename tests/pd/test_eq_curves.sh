#!/usr/bin/env bash
# The curve pictures: `curve <array>` on eq~ and strip~ writes the
# magnitude response (dB, 256 log-spaced points 20 Hz..20 kHz) and follows
# the controls; `compcurve <array>` on strip~ writes the compressor's
# static curve (output dB for input -90..0 dB). Checked against the analog
# prototype (filtcheck's own formulas) and the contract's curve formula.
# Also the strip~ meters: inpeak, outpeak, gr, gating on the info outlet.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_eq_curves}
mkdir -p "$OUT"
cat >"$OUT/c.pd" <<'PD'
#N canvas 0 0 900 600 12;
#X obj 10 10 loadbang;
#X obj 10 40 t b b b b b;
#X obj 300 10 table crv1 256;
#X obj 300 40 table crv2 256;
#X obj 300 70 table crv3 91;
#X obj 10 300 eq~ -ch 1 -bands 2 -band 1 bell 1000 6 1;
#X obj 200 300 strip~ -ch 1 -hpf 100 -high 8000 -6 -threshold -20 -ratio 4 -knee 0;
#X msg 10 100 curve crv1;
#X msg 200 100 curve crv2 \, compcurve crv3;
#X obj 500 200 delay 10;
#X obj 500 230 t b b b;
#X msg 500 260 \; c1 bang \; c2 bang \; c3 bang;
#X obj 600 300 array get crv1;
#X obj 700 300 array get crv2;
#X obj 800 300 array get crv3;
#X obj 600 330 list prepend C1;
#X obj 700 330 list prepend C2;
#X obj 800 330 list prepend C3;
#X obj 600 360 print;
#X obj 600 200 r c1;
#X obj 700 200 r c2;
#X obj 800 200 r c3;
#X msg 10 160 band 2 highshelf 5000 -4 0.707;
#X obj 500 400 delay 20;
#X msg 500 430 \; pd quit;
#X connect 0 0 1 0;
#X connect 1 4 7 0;
#X connect 1 3 8 0;
#X connect 7 0 5 0;
#X connect 8 0 6 0;
#X connect 1 2 22 0;
#X connect 22 0 5 0;
#X connect 1 1 9 0;
#X connect 9 0 11 0;
#X connect 19 0 12 0;
#X connect 20 0 13 0;
#X connect 21 0 14 0;
#X connect 12 0 15 0;
#X connect 13 0 16 0;
#X connect 14 0 17 0;
#X connect 15 0 18 0;
#X connect 16 0 18 0;
#X connect 17 0 18 0;
#X connect 1 0 23 0;
#X connect 23 0 24 0;
PD
mm_pd 48000 "$OUT/c.pd" >"$OUT/c.log"
if grep -q "couldn't create\|^error:" "$OUT/c.log"; then
    echo "FAIL: curves pd: $(grep -m1 "couldn't create\|error" "$OUT/c.log")"
fi
# eq~: bell 1000 +6 q1 and (sent after creation: the curve follows)
# highshelf 5000 -4; strip~: hpf 100 (12 dB/oct Butterworth = highpass
# q 0.7071) and high shelf 8000 -6 q 0.7071
awk '
function proto(t, f0, g, q, f,    A, sA, W, nr, ni, dr, di, n2, n1, n0, d2, d1, d0) {
    A = 10 ^ (g / 40); sA = sqrt(A); W = f / f0
    if (t == "bell") { n2 = 1; n1 = A / q; n0 = 1; d2 = 1; d1 = 1 / (A * q); d0 = 1 }
    if (t == "highshelf") { n2 = A * A; n1 = A * sA / q; n0 = A; d2 = 1; d1 = sA / q; d0 = A }
    if (t == "highpass") { n2 = 1; n1 = 0; n0 = 0; d2 = 1; d1 = 1 / q; d0 = 1 }
    nr = n0 - n2 * W * W; ni = n1 * W; dr = d0 - d2 * W * W; di = d1 * W
    return 10 * log((nr * nr + ni * ni) / (dr * dr + di * di)) / log(10)
}
$1 == "C1:" || $1 == "C2:" {
    worst = 0; n = NF - 1
    for (k = 0; k < n; k++) {
        f = 20 * 1000 ^ (k / 255); if (f > 6000) continue
        if ($1 == "C1:") want = proto("bell", 1000, 6, 1, f) + proto("highshelf", 5000, -4, 0.7071, f)
        else want = proto("highpass", 100, 0, 0.70710678, f) + proto("highshelf", 8000, -6, 0.70710678, f)
        if (want < -30) continue
        d = $(k + 2) - want; if (d < 0) d = -d; if (d > worst) worst = d
    }
    name = $1 == "C1:" ? "eq~ curve (bell 1000 +6 q 1, then highshelf 5000 -4 sent later)" : "strip~ curve (hpf 100, high 8000 -6)"
    if (n == 256 && worst <= 0.1) printf "PASS: %s: 256 points, within %.4f dB of the prototype to fs/8\n", name, worst
    else printf "FAIL: %s: %d points, worst %.4f dB\n", name, n, worst
}
$1 == "C3:" {
    # threshold -20 ratio 4 knee 0: y = x below -20, -20 + (x + 20)/4 above
    worst = 0; n = NF - 1
    for (k = 0; k < n; k++) {
        x = -90 + k; want = x < -20 ? x : -20 + (x + 20) / 4
        d = $(k + 2) - want; if (d < 0) d = -d; if (d > worst) worst = d
    }
    if (n == 91 && worst <= 0.01) printf "PASS: strip~ compcurve: 91 points, within %.4f dB of the static curve\n", worst
    else printf "FAIL: strip~ compcurve: %d points, worst %.4f dB\n", n, worst
}' <(sed -n 's/^print: list \(C[123]\) /\1: /p' "$OUT/c.log")
grep -q "^print: list C1 " "$OUT/c.log" || echo "FAIL: eq~ curve: no array read back"

# strip~ meters on a 1 kHz sine at peak 0.5 (-6.02 dBFS): compressed at
# -20 dB 4:1 knee 0 -> gr about -10.5 dB; gate -40 stays open
"$MM_TOOLS/filtgen" sine 48000 48000 1000 0.5 "$OUT/sine.wav"
mm_render "$OUT/m" 48000 "$OUT/sine.wav" 1 \
    "strip~ -ch 1 -panlaw 0 -threshold -20 -ratio 4 -knee 0 -gate -40 -interval 100" 2
last() { awk -v s="$1" -v k="$2" '$1 == "R:" && $2 == s {v = $k} END {print v}' "$OUT/m/pd.log"; }
chk() { if awk -v v="$2" -v lo="$3" -v hi="$4" 'BEGIN{exit !(v != "" && v >= lo && v <= hi)}'; then
        echo "PASS: strip~ meter $1 $2 ($5)"; else echo "FAIL: strip~ meter $1 '$2' outside $3..$4 ($5)"; fi; }
chk inpeak "$(last inpeak 3)" -6.1 -5.9 "dBFS of a 0.5 peak sine"
gr=$(last gr 3)
chk gr "$gr" -11 -10 "-6 dBFS into -20 dB 4:1: static -10.5"
chk outpeakL "$(last outpeak 3)" -17 -16 "-6.02 - 10.5 = -16.5 dBFS"
chk outpeakR "$(last outpeak 4)" -17 -16 "panlaw 0 centre: both sides"
chk gating "$(last gating 3)" -0.01 0 "gate -40 open on a -6 dBFS sine"
n=$(grep -c "^R: inpeak" "$OUT/m/pd.log")
chk "count" "$n" 8 12 "inpeak every 100 ms over 1 s"

# strip~ -sidechain 1: a -30 dBFS signal under a -6 dBFS key on the key
# inlet is compressed as the key dictates (static -10.5 dB at -20 dB 4:1)
"$MM_TOOLS/filtgen" sine2 48000 48000 1000 0.0316228 200 0.5 "$OUT/key.wav"
mm_render "$OUT/k" 48000 "$OUT/key.wav" 2 \
    "strip~ -ch 1 -sidechain 1 -panlaw 0 -threshold -20 -ratio 4 -knee 0 -interval 100" 2
gr=$(awk '$1 == "R:" && $2 == "gr" {v = $3} END {print v}' "$OUT/k/pd.log")
op=$(awk '$1 == "R:" && $2 == "outpeak" {v = $3} END {print v}' "$OUT/k/pd.log")
chk "gr (sidechain)" "$gr" -11 -10 "key at -6 dBFS drives a -30 dBFS signal's compression"
chk "outpeak (sidechain)" "$op" -41 -40 "-30 dBFS - 10.5 dB"
