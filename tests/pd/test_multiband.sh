#!/usr/bin/env bash
# multiband~ through Pd against its contract:
#  - with no compression the bands sum to an allpass: impulse response
#    flat within +-0.01 dB from 20 Hz to 20 kHz at 44.1, 48 and 96 kHz
#    (4 bands; 2 and 6 bands at 48 kHz);
#  - each solo'd band is -6.02 dB at its crossover points and falls
#    24 dB/oct beyond (measured over the third octave out);
#  - a loud tone in a compressed band is reduced per comp~'s static curve
#    (within 0.5 dB) while a tone in another band stays within 0.5 dB;
#  - mode ms compresses the side without touching the mid, and the reverse;
#  - moving a crossover while audio runs does not click;
#  - delta is silence when not compressing, bypass is the input, gr per
#    band, latency 0, curve draws the summed response with makeup.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_multiband}
mkdir -p "$OUT"
ST=$MM_TOOLS/stereotool

MM_LABEL=multiband
# render <name> ...: mm_render_stereo, out in $OUT/<name>/out.wav
render() { mm_render_stereo "$@"; }

# 1. flat sum
for sr in 44100 48000 96000; do
    "$ST" gen impulse $sr 1 "$OUT/imp$sr.wav"
    render flat$sr $sr "$OUT/imp$sr.wav" "multiband~ -ch 2"
    r=$("$ST" flat "$OUT/flat$sr/out.wav" 20 20000)
    w=$(awk '{d = $3 < 0 ? -$3 : $3; if (d > m) m = d} END {print m}' <<<"$r")
    ok "4-band sum flat at $sr Hz, 20 Hz..20 kHz, within 0.01 dB" "v <= 0.01" "$w" \
        "worst $(head -1 <<<"$r" | cut -d' ' -f3-)"
done
for nb in 2 6; do
    render flat_b$nb 48000 "$OUT/imp48000.wav" "multiband~ -ch 2 -bands $nb"
    r=$("$ST" flat "$OUT/flat_b$nb/out.wav" 20 20000)
    w=$(awk '{d = $3 < 0 ? -$3 : $3; if (d > m) m = d} END {print m}' <<<"$r")
    ok "$nb-band sum flat at 48 kHz within 0.01 dB" "v <= 0.01" "$w" "worst $(head -1 <<<"$r" | cut -d' ' -f3-)"
done

# 2. solo'd bands: -6.02 dB at the crossover points, 24 dB/oct beyond.
# The slope is taken over the third octave out (fc/4..fc/8 below, 4fc..8fc
# above), with the other splits' own LR4 magnitudes taken out; it must
# match the bilinear LR4 slope (24.0 dB/oct analog, steeper close to
# Nyquist) within 0.2 dB/oct, and the whole response the LR4 product
# within 0.05 dB at both points.
xo=(120 1000 6000)
for b in 1 2 3 4; do
    render solo$b 48000 "$OUT/imp48000.wav" "multiband~ -ch 2 -solo $b 1"
    f=$OUT/solo$b/out.wav
    edges=()
    [ $b -gt 1 ] && edges+=("${xo[$((b - 2))]} lower")
    [ $b -lt 4 ] && edges+=("${xo[$((b - 1))]} upper")
    for e in "${edges[@]}"; do
        read -r fc side <<<"$e"
        read -r _ at < <("$ST" resp "$f" "$fc")
        ok "band $b solo at its $side crossover $fc Hz: -6.02 dB" "v > -6.07 && v < -5.97" "$at" "$at dB"
        if [ "$side" = lower ]; then
            f1=$(awk -v f=$fc 'BEGIN{print f / 4}'); f2=$(awk -v f=$fc 'BEGIN{print f / 8}')
        else
            f1=$((fc * 4)); f2=$((fc * 8))
            [ $f2 -gt 21000 ] && { f1=$((fc * 2)); f2=$((fc * 3)); }
        fi
        r=$("$ST" edge "$f" $b "$fc" "$f1" "$f2" "${xo[@]}")
        read -r _ sl _ co _ dg _ an _ dv <<<"$r"
        ok "band $b $side edge ($fc Hz) slope $f1..$f2 Hz: $co dB/oct (LR4: $dg digital, $an analog)" \
            "v - $dg < 0.2 && v - $dg > -0.2 && $dv < 0.05" "$co" "$r"
    done
done

# 3. a loud tone in a compressed band vs a tone in another band
"$ST" gen tones 48000 2 "$OUT/tones.wav" 350:0.5 2450:0.1
render comp 48000 "$OUT/tones.wav" "multiband~ -ch 2 -threshold 2 -30 -ratio 2 4 -knee 2 0 -interval 100"
# comp~'s static curve, peak detector, hard knee: band 2 sees the tone at
# 0.5 |H2(350 Hz)| and applies g = (1/4 - 1)(x + 30) dB; the output is
# |g H2 + H1 + H3 + H4| at 350 Hz (the neighbours' uncompressed leakage,
# -37 dB each, adds about 1.7 dB at this depth of compression).
read -r want bandg _ < <("$ST" mbexpect 48000 350 0.5 2 -30 4 120 1000 6000)
g=$("$ST" gain "$OUT/tones.wav" "$OUT/comp/out.wav" L 350 1)
ok "350 Hz tone in compressed band 2 follows the static curve (band gain $bandg dB, at the output $want dB)" \
    "v - ($want) < 0.5 && v - ($want) > -0.5" "$g" "gain $g dB"
g=$("$ST" gain "$OUT/tones.wav" "$OUT/comp/out.wav" L 2450 1)
ok "2450 Hz tone in uncompressed band 3 within 0.5 dB" "v < 0.5 && v > -0.5" "$g" "gain $g dB"
gr=$(awk '$1 == "R:" && $2 == "gr" && $3 == 2 {v = $4} END {print v}' "$OUT/comp/pd.log")
ok "gr 2 reports the band's reduction" "v < -15 && v > -21" "${gr:-0}" "gr 2 $gr dB"
n=$(awk '$1 == "R:" && $2 == "gr" {b[$3] = 1} END {print length(b)}' "$OUT/comp/pd.log")
ok "gr emitted for each of the 4 bands" "v == 4" "$n" "$n bands"
grep -q '^R: latency 0' "$OUT/comp/pd.log" && echo "PASS: multiband latency 0 at DSP start" \
    || echo "FAIL: multiband latency 0 not emitted"

# 4. mode ms: side compressed, mid untouched, and the reverse
"$ST" gen mstones 48000 2 "$OUT/ms.wav" 300 0.5 400 0.5
read -r ws _ _ < <("$ST" mbexpect 48000 400 0.5 2 -30 4 120 1000 6000)
read -r wm _ _ < <("$ST" mbexpect 48000 300 0.5 2 -30 4 120 1000 6000)
render ms_side 48000 "$OUT/ms.wav" "multiband~ -ch 2 -mode ms -ratio 2 4 -knee 2 0 -threshold side 2 -30"
gs=$("$ST" gain "$OUT/ms.wav" "$OUT/ms_side/out.wav" S 400 1)
gm=$("$ST" gain "$OUT/ms.wav" "$OUT/ms_side/out.wav" M 300 1)
ok "mode ms: side compressed per the curve ($ws dB)" "v - ($ws) < 0.5 && v - ($ws) > -0.5" "$gs" "side $gs dB"
ok "mode ms: mid untouched while side compresses" "v < 0.05 && v > -0.05" "$gm" "mid $gm dB"
render ms_mid 48000 "$OUT/ms.wav" "multiband~ -ch 2 -mode ms -ratio 2 4 -knee 2 0 -threshold mid 2 -30"
gs=$("$ST" gain "$OUT/ms.wav" "$OUT/ms_mid/out.wav" S 400 1)
gm=$("$ST" gain "$OUT/ms.wav" "$OUT/ms_mid/out.wav" M 300 1)
ok "mode ms: mid compressed per the curve ($wm dB)" "v - ($wm) < 0.5 && v - ($wm) > -0.5" "$gm" "mid $gm dB"
ok "mode ms: side untouched while mid compresses" "v < 0.05 && v > -0.05" "$gs" "side $gs dB"

# 5. moving a crossover while audio runs: split 1 glides 120 -> 500 Hz
# across a 300 Hz tone. No click: the 4th difference (which takes a
# 300 Hz sine down by 112 dB but passes a step) stays below -80 dB of the
# tone; the per-period peak stays within 0.25 dB (the sum is an allpass
# whenever the frequencies stand still; while they glide - 2 octaves,
# 50 ms time constant - the two paths of each split disagree a little).
"$ST" gen tones 48000 2 "$OUT/t300.wav" 300:0.5
render move 48000 "$OUT/t300.wav" "multiband~ -ch 2" "" 1000 "xover 500 1000 6000"
h=$("$ST" hf "$OUT/move/out.wav" 0.9 1.6 0.5)
hs=$("$ST" hf "$OUT/move/out.wav" 0.3 0.9 0.5)
ok "moving a crossover across a tone does not click" "v < -80" "$h" "4th difference $h dB re tone during the glide, $hs dB steady"
read -r lo hi < <("$ST" env "$OUT/move/out.wav" 300 0.9 1.6)
ok "tone level during the glide stays within 0.25 dB" "v > -6.27 && $hi < -5.92" "$lo" "per-period peak $lo .. $hi dBFS"
render movecomp 48000 "$OUT/t300.wav" "multiband~ -ch 2 -threshold 0 -30 -ratio 0 4" "" 1000 "xover 500 1000 6000"
h=$("$ST" hf "$OUT/movecomp/out.wav" 0.9 1.6 0.5)
ok "moving a crossover under compression does not click" "v < -80" "$h" "4th difference $h dB re input tone"

# 6. delta and bypass
render delta 48000 "$OUT/tones.wav" "multiband~ -ch 2 -delta 1"
"$ST" gen noise 48000 1 "$OUT/noise.wav"
render delta 48000 "$OUT/noise.wav" "multiband~ -ch 2 -delta 1"
p=$("$ST" peak "$OUT/delta/out.wav")
ok "delta is silence when not compressing" "v < -120" "$p" "output peak $p dBFS"
render delta2 48000 "$OUT/tones.wav" "multiband~ -ch 2 -delta 1 -threshold 2 -30 -ratio 2 4 -knee 2 0"
# what band 2 takes away at 350 Hz: 0.5 |H2| (1 - 10^(g/20))
read -r _ bg hb < <("$ST" mbexpect 48000 350 0.5 2 -30 4 120 1000 6000)
want=$(awk -v g="$bg" -v h="$hb" 'BEGIN{printf "%.3f", 20 * log(0.5 * 10^(h / 20) * (1 - 10^(g / 20))) / log(10)}')
g=$("$ST" level "$OUT/delta2/out.wav" L 350 1)
ok "delta while compressing is what band 2 takes away ($want dBFS at 350 Hz)" "v - ($want) < 0.5 && v - ($want) > -0.5" "$g" "350 Hz in delta $g dBFS"
render bypass 48000 "$OUT/noise.wav" "multiband~ -ch 2 -bypass 1 -threshold 0 -40 -ratio 0 10"
r=$("$ST" same "$OUT/noise.wav" "$OUT/bypass/out.wav")
d=$(awk '{print $4}' <<<"$r")
ok "bypass is the input, bit-exact" "v == 0" "$d" "$r"

# 7. curve: the summed response with the present gains, into an array
cat >"$OUT/curve.pd" <<'PD'
#N canvas 0 0 600 400 12;
#X obj 10 10 loadbang;
#X obj 10 40 t b b b;
#X obj 200 200 multiband~ -ch 2 -makeup 2 6 -mute 4 1;
#X obj 300 10 array define mbc 10;
#X msg 200 100 curve mbc;
#X obj 10 200 array get mbc;
#X obj 10 230 print C;
#X msg 10 300 \; pd quit;
#X msg 400 100 curve nosuch;
#X connect 0 0 1 0;
#X connect 1 2 4 0;
#X connect 4 0 2 0;
#X connect 1 1 5 0;
#X connect 5 0 6 0;
#X connect 1 0 7 0;
#X connect 1 2 8 0;
#X connect 8 0 2 0;
PD
mm_pd 48000 "$OUT/curve.pd" >"$OUT/curve.log"
read -r n p20 p350 p15k < <(awk '$1 == "C:" { n = NF - 1; print n, $2, $(2 + int(255 * log(350 / 20) / log(1000) + 0.5)), $(2 + int(255 * log(15000 / 20) / log(1000) + 0.5)) }' "$OUT/curve.log")
ok "curve writes 256 points" "v == 256" "${n:-0}" "${n:-none} points"
ok "curve at 20 Hz: band 1 as is (0 dB)" "v > -0.05 && v < 0.05" "${p20:-99}" "$p20 dB"
ok "curve at 350 Hz shows band 2's makeup (about +6 dB)" "v > 5 && v < 6.1" "${p350:-0}" "$p350 dB"
ok "curve at 15 kHz shows band 4 muted" "v < -20" "${p15k:-0}" "$p15k dB"
grep -q "multiband~: no array named 'nosuch'" "$OUT/curve.log" && echo "PASS: multiband curve to a missing array: clear error" \
    || echo "FAIL: multiband curve to a missing array: no clear error"

# 8. messages: band 0 = all, mid/side only in ms mode, ranges, print
cat >"$OUT/msgs.pd" <<'PD'
#N canvas 0 0 600 400 12;
#X obj 10 10 loadbang;
#X msg 10 50 threshold 0 -24 \, ratio 3 50 \, threshold side 2 -30 \, threshold 7 -10 \, attack 1 \, solo 2 \, mode ms \, threshold side 2 -31 \, makeup mid 1 2 \, mode bogus \, print \, \; pd quit;
#X obj 10 200 multiband~ -ch 2;
#X obj 300 200 multiband~ -ch 1 -bands 3 -mode ms;
#X connect 0 0 1 0;
#X connect 1 0 2 0;
PD
mm_pd 48000 "$OUT/msgs.pd" >"$OUT/msgs.log"
has() { grep -qF -- "$1" "$OUT/msgs.log"; }
chk() { if has "$2"; then echo "PASS: multiband msg $1"; else echo "FAIL: multiband msg $1 (no '$2')"; fi; }
chk "band 0 sets every band (both halves)" "  threshold mid -24 -24 -24 -24 dB (bands 1..4)"
chk "ratio clamped to 1..20 with a warning" "warning: multiband~: ratio 50 is out of range 1..20, using 20"
chk "mid/side refused in stereo mode" "multiband~: threshold side: mid and side need mode ms"
chk "band out of range refused" "multiband~: threshold: band 7 does not exist (0 = all, 1..4)"
chk "missing arguments refused" "multiband~: attack needs [mid|side] <band> <value>"
chk "side threshold set in ms mode" "  threshold side -24 -31 -24 -24 dB (bands 1..4)"
chk "mid makeup set in ms mode" "  makeup mid 2 0 0 0 dB (bands 1..4)"
chk "unknown mode refused" "multiband~: mode 'bogus' is not one of stereo|ms"
chk "mode ms needs 2 channels" "multiband~: mode ms needs -ch 2"
chk "print shows the crossovers" "  xover 120 1000 6000 Hz"

# 9. switching mode while compressing: crossfaded through the uncompressed
# sum, no click
"$ST" gen mstones 48000 2 "$OUT/ms300.wav" 300 0.5 300 0.2
render modeswitch 48000 "$OUT/ms300.wav" "multiband~ -ch 2 -threshold 0 -30 -ratio 0 4 -knee 0 0" "" 1000 "mode ms"
h=$("$ST" hf "$OUT/modeswitch/out.wav" 0.9 1.3 0.7)
ok "mode stereo -> ms while compressing does not click (a hard switch reads above 0 dB)" "v < -40" "$h" "4th difference $h dB re input"
render soloswitch 48000 "$OUT/tones.wav" "multiband~ -ch 2" "" 1000 "solo 2 1"
h=$("$ST" hf "$OUT/soloswitch/out.wav" 0.9 1.3 0.6)
ok "solo while playing does not click (a hard switch reads above 0 dB)" "v < -40" "$h" "4th difference $h dB re input (the 10 ms gate glide)"
