#!/usr/bin/env bash
# The linear-phase modes through Pd (the built externals), at 48 kHz:
#  - eq~ -phase linear with four bands (high-pass, two bells, high shelf):
#    latency 9215 reported; its impulse response's magnitude within
#    0.1 dB of eq~'s minimum-phase response (20 Hz..20 kHz, where that is
#    above -30 dB) and symmetric about the latency (within 1e-6 of its
#    peak); a band change on a 1 kHz sine never clicks (the largest step
#    stays that of a sine of the output's peak); -resolution high resolves
#    a 10 Hz wide bell that medium warns about;
#  - multiband~ -phase linear, no compression: the output is the input
#    delayed by the reported latency within 1e-5, through a crossover
#    change too; a soloed band's magnitude within 0.1 dB of the
#    minimum-phase band's, symmetric about the latency.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_linear_phase}
MM_LABEL=linear
mkdir -p "$OUT"
SR=48000
LAT=9215
BANDS="-bands 4 -band 1 highpass 40 0 0.707 -band 2 bell 300 -3 2 -band 3 bell 3000 6 1 -band 4 highshelf 9000 3 0.707"

"$MM_TOOLS/filtgen" impulse $SR 24000 "$OUT/imp.wav"

# render <name> <in.wav> <nch> "<object>" [-at ms msgs]
render() {
    local name=$1 wav=$2 nch=$3 obj=$4; shift 4
    mm_render "$OUT/$name" $SR "$wav" "$nch" "$obj" "$nch" "$@"
    local e
    e=$(mm_pd_errors "$OUT/$name/pd.log")
    [ -z "$e" ] || fail "$name pd: $e"
}
latency_of() {
    awk '$1 == "R:" && $2 == "latency" {v = $3} END {print v + 0}' "$OUT/$1/pd.log"
}

# ---- eq~ ------------------------------------------------------------------
render eqlin "$OUT/imp.wav" 1 "eq~ -ch 1 -phase linear $BANDS"
render eqmin "$OUT/imp.wav" 1 "eq~ -ch 1 $BANDS"
ok "eq~ -phase linear reports its latency" "v == $LAT" "$(latency_of eqlin)" "samples"
dev=$("$MM_TOOLS/filtcheck" compare "$OUT/eqlin/out.wav" 0 "$OUT/eqmin/out.wav" 0 20000)
ok "eq~ -phase linear: magnitude within 0.1 dB of minimum phase" "v <= 0.1" \
    "$(echo "$dev" | awk '{print $2}')" "$dev"
asym=$("$MM_TOOLS/filtcheck" symmetry "$OUT/eqlin/out.wav" 0 $LAT | awk '{print $2}')
ok "eq~ -phase linear: impulse response symmetric about the latency" \
    "v <= 1e-6" "$asym" "asymmetry $asym of the peak"

# -resolution: a 10 Hz wide bell (100 Hz, q 10, +6 dB) is past what
# medium resolves within 0.1 dB (eq~ says so, naming high) and within it
# at high, whose latency is 2048 + 16383
NARROW="-bands 1 -band 1 bell 100 6 10"
"$MM_TOOLS/filtgen" impulse $SR 48000 "$OUT/imp1s.wav"
render eqhigh "$OUT/imp1s.wav" 1 "eq~ -ch 1 -phase linear -resolution high $NARROW"
render eqhighmin "$OUT/imp1s.wav" 1 "eq~ -ch 1 $NARROW"
ok "eq~ -phase linear -resolution high reports its latency" "v == 18431" "$(latency_of eqhigh)" "samples"
dev=$("$MM_TOOLS/filtcheck" compare "$OUT/eqhigh/out.wav" 0 "$OUT/eqhighmin/out.wav" 0 20000)
ok "eq~ -resolution high: a 10 Hz wide bell within 0.1 dB of minimum phase" "v <= 0.1" \
    "$(echo "$dev" | awk '{print $2}')" "$dev"
if grep -q "narrower" "$OUT/eqhigh/pd.log"; then fail "eq~ -resolution high warned about a band it resolves"
else pass "eq~ -resolution high: no warning for a band it resolves"; fi
mm_render "$OUT/eqmed" $SR "$OUT/imp.wav" 1 "eq~ -ch 1 -phase linear $NARROW" 1
if grep -q "eq~: band 1 (bell 100 Hz, q 10, 6 dB) is narrower than -resolution medium resolves.*-resolution high" "$OUT/eqmed/pd.log"
then pass "eq~ -resolution medium names the resolution a too narrow band needs"
else fail "eq~ -resolution medium did not warn: $(grep eq~ "$OUT/eqmed/pd.log" | head -2)"; fi

"$MM_TOOLS/filtgen" sine $SR $((SR * 2)) 1000 0.5 "$OUT/sine.wav"
render eqclick "$OUT/sine.wav" 1 "eq~ -ch 1 -phase linear -bands 1" \
    -at 700 "band 1 bell 1000 12 1"
jump=$("$MM_TOOLS/filtcheck" jump "$OUT/eqclick/out.wav" 0 0.3 2 | awk '{print $2}')
peak=$("$MM_TOOLS/filtcheck" level "$OUT/eqclick/out.wav" 0 0.3 2 | awk '{print $4}')
allowed=$(awk -v p="$peak" 'BEGIN {printf "%.6f", 2 * sin(3.14159265 * 1000 / 48000) * 10 ^ (p / 20) * 1.05}')
ok "eq~ -phase linear: a +12 dB band switched on a sine never clicks" \
    "v <= $allowed" "$jump" "largest step $jump, a sine of the peak ($peak dBFS): $allowed"

# ---- multiband~ -------------------------------------------------------------
"$MM_TOOLS/filtgen" pink $SR $((SR * 2)) 2 0.3 "$OUT/pink.wav"
render mbsum "$OUT/pink.wav" 2 "multiband~ -ch 2 -phase linear" \
    -at 800 "xover 200 2000 8000"
ok "multiband~ -phase linear reports its latency" "v == $LAT" "$(latency_of mbsum)" "samples"
for c in 0 1; do
    err=$("$MM_TOOLS/filtcheck" delayed "$OUT/mbsum/out.wav" $c "$OUT/mbsum/in.wav" $LAT | awk '{print $2}')
    ok "multiband~ -phase linear, no compression: channel $((c + 1)) is the input delayed (xover moved at 0.8 s)" \
        "v <= 1e-5" "$err" "largest error $err"
done
for mode in lin min; do
    flags=$([ $mode = lin ] && echo "-phase linear")
    render mbsolo$mode "$OUT/imp.wav" 1 "multiband~ -ch 1 $flags -solo 2 1"
done
dev=$("$MM_TOOLS/filtcheck" compare "$OUT/mbsololin/out.wav" 0 "$OUT/mbsolomin/out.wav" 0 20000)
ok "multiband~ -phase linear: band 2's magnitude within 0.1 dB of minimum phase" \
    "v <= 0.1" "$(echo "$dev" | awk '{print $2}')" "$dev"
asym=$("$MM_TOOLS/filtcheck" symmetry "$OUT/mbsololin/out.wav" 0 $LAT | awk '{print $2}')
ok "multiband~ -phase linear: band 2's impulse response symmetric about the latency" \
    "v <= 1e-6" "$asym" "asymmetry $asym of the peak"
