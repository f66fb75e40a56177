#!/usr/bin/env bash
# imager~ through Pd against its contract: identity at defaults (bit-exact,
# zero latency), width 0 gives L = R = M, width 150 follows
# L = M + 1.5 S / R = M - 1.5 S, monobass keeps L+R and removes the side
# below it, per-band widths act per band, mid/side/balance/swap, and the
# correlation meter (mono 1, L = -R -1, independent noise about 0).
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_imager}
mkdir -p "$OUT"
ST=$MM_TOOLS/stereotool


MM_LABEL=imager
# render <name> ...: mm_render_stereo, out in $OUT/<name>/out.wav
render() { mm_render_stereo "$@"; }

"$ST" gen noise 48000 1 "$OUT/noise.wav"
"$ST" gen mono 48000 1 "$OUT/mono.wav"
"$ST" gen anti 48000 1 "$OUT/anti.wav"
"$ST" gen mix 48000 2 "$OUT/mix.wav" 40 60 100 120 1000 8000

# identity, bit-exact, zero latency
render ident 48000 "$OUT/noise.wav" "imager~"
r=$("$ST" same "$OUT/noise.wav" "$OUT/ident/out.wav")
d=$(awk '{print $4}' <<<"$r"); fr=$(awk '{print $2}' <<<"$r")
ok "defaults are the identity, bit-exact at zero latency" "v == 0 && $fr >= 47000" "$d" "$r"
grep -q '^R: latency 0' "$OUT/ident/pd.log" && echo "PASS: imager latency 0 at DSP start" \
    || echo "FAIL: imager latency 0 not emitted at DSP start"

# width 0: L = R = M
render width0 48000 "$OUT/noise.wav" "imager~ -width 0"
r=$("$ST" formula "$OUT/noise.wav" "$OUT/width0/out.wav" 0)
ok "width 0 gives L = R = M" "v < 1e-7" "$(awk '{print $2}' <<<"$r")" "$r"
ok "width 0: L equals R exactly" "v == 0" "$(awk '{print $4}' <<<"$r")" "$r"

# width 150
render width150 48000 "$OUT/noise.wav" "imager~ -width 150"
r=$("$ST" formula "$OUT/noise.wav" "$OUT/width150/out.wav" 1.5)
ok "width 150: L = M + 1.5 S, R = M - 1.5 S" "v < 1e-6" "$(awk '{print $2}' <<<"$r")" "$r"

# width as a message glides there too (checked after the glide)
render width150msg 48000 "$OUT/noise.wav" "imager~" "width 150"
r=$("$ST" formula "$OUT/noise.wav" "$OUT/width150msg/out.wav" 1.5 0.3)
ok "width 150 by message (after a 0.3 s glide)" "v < 1e-6" "$(awk '{print $2}' <<<"$r")" "$r"

# monobass 120: L+R unchanged, side at 60 and 40 Hz down >= 20 dB, 1 kHz kept
render monobass 48000 "$OUT/mix.wav" "imager~ -monobass 120"
r=$("$ST" sum "$OUT/mix.wav" "$OUT/monobass/out.wav")
ok "monobass 120 keeps L+R within 1e-5" "v < 1e-5" "$(awk '{print $2}' <<<"$r")" "$r"
for f in 40 60; do
    g=$("$ST" gain "$OUT/mix.wav" "$OUT/monobass/out.wav" S $f)
    ok "monobass 120 removes side at $f Hz by >= 20 dB" "v <= -20" "$g" "side $g dB"
done
g=$("$ST" gain "$OUT/mix.wav" "$OUT/monobass/out.wav" S 1000)
ok "monobass 120 keeps side at 1 kHz" "v > -0.1 && v < 0.1" "$g" "side $g dB"
g=$("$ST" gain "$OUT/mix.wav" "$OUT/monobass/out.wav" S 120)
ok "monobass 120: side -6 dB at 120 Hz (LR4)" "v > -6.3 && v < -5.7" "$g" "side $g dB"

# per-band widths: side bands below 300, 300..3000, above 3000 Hz
render perband 48000 "$OUT/mix.wav" "imager~ -xover 300 3000 -widths 0 100 200"
for fw in "100 -200 -30" "1000 -0.3 0.3" "8000 5.72 6.32"; do
    read -r f lo hi <<<"$fw"
    g=$("$ST" gain "$OUT/mix.wav" "$OUT/perband/out.wav" S "$f")
    ok "per-band width at $f Hz ($lo..$hi dB)" "v >= $lo && v <= $hi" "$g" "side $g dB"
done
r=$("$ST" sum "$OUT/mix.wav" "$OUT/perband/out.wav")
ok "per-band widths leave the mid alone" "v < 1e-5" "$(awk '{print $2}' <<<"$r")" "$r"

# mid / side gains, balance, swap
render side6 48000 "$OUT/mix.wav" "imager~ -side -6 -mid 3"
g=$("$ST" gain "$OUT/mix.wav" "$OUT/side6/out.wav" S 1000)
ok "side -6 dB" "v > -6.05 && v < -5.95" "$g" "side $g dB"
"$ST" gen tones 48000 1 "$OUT/t1k.wav" 1000
render bal50 48000 "$OUT/t1k.wav" "imager~ -balance 50"
gl=$("$ST" gain "$OUT/t1k.wav" "$OUT/bal50/out.wav" L 1000)
gr=$("$ST" gain "$OUT/t1k.wav" "$OUT/bal50/out.wav" R 1000)
ok "balance 50: left at half gain (-6.02 dB)" "v > -6.05 && v < -5.99" "$gl" "L $gl dB"
ok "balance 50: right unchanged" "v > -0.001 && v < 0.001" "$gr" "R $gr dB"
"$ST" gen mstones 48000 1 "$OUT/ms.wav" 500 0.3 700 0.2
render swap 48000 "$OUT/ms.wav" "imager~ -swap 1"
g=$("$ST" gain "$OUT/ms.wav" "$OUT/swap/out.wav" S 700)
ok "swap: side flips, level kept" "v > -0.01 && v < 0.01" "$g" "side $g dB"
r=$("$ST" formula "$OUT/ms.wav" "$OUT/swap/out.wav" -1)
ok "swap: L = M - S, R = M + S" "v < 1e-6" "$(awk '{print $2}' <<<"$r")" "$r"

# correlation
for kv in "mono 0.999 1.001" "anti -1.001 -0.999" "noise -0.08 0.08"; do
    read -r k lo hi <<<"$kv"
    render "corr_$k" 48000 "$OUT/$k.wav" "imager~ -interval 50"
    v=$(awk '$1 == "R:" && $2 == "correlation" {print $3}' "$OUT/corr_$k/pd.log" | sed -n '5,15p')
    n=$(wc -w <<<"$v")
    bad=$(awk -v lo="$lo" -v hi="$hi" '{ if ($1 < lo || $1 > hi) b++ } END {print b + 0}' <<<"$v")
    ok "correlation of $k in $lo..$hi ($n readings)" "v == 0 && $n >= 5" "$bad" "$(echo $v | cut -c1-60)"
done

# bypass, delta, switching swap and monobass while playing
render bypass 48000 "$OUT/mix.wav" "imager~ -width 30 -bypass 1"
r=$("$ST" same "$OUT/mix.wav" "$OUT/bypass/out.wav")
ok "bypass is the input, bit-exact" "v == 0" "$(awk '{print $4}' <<<"$r")" "$r"
render delta 48000 "$OUT/mix.wav" "imager~ -width 150 -delta 1"
g=$("$ST" gain "$OUT/mix.wav" "$OUT/delta/out.wav" S 1000)
ok "delta with width 150: side at half level (-6.02 dB)" "v > -6.05 && v < -5.99" "$g" "side $g dB"
r=$("$ST" sum "$OUT/mix.wav" "$OUT/delta/out.wav")
# delta output L+R is 0, so |(Lo+Ro) - (Li+Ri)| = |Li+Ri|: check Lo+Ro = 0 instead
"$ST" gen mstones 48000 2 "$OUT/sw.wav" 300 0.3 500 0.3
render swapmove 48000 "$OUT/sw.wav" "imager~" "" 1000 "swap 1 \\, monobass 150 \\, width 120"
h=$("$ST" hf "$OUT/swapmove/out.wav" 0.9 1.5 0.6)
ok "swap, monobass and width switched while playing: no click (a hard switch reads above 0 dB)" "v < -40" "$h" "4th difference $h dB re input"
