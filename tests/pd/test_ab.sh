#!/usr/bin/env bash
# ab~ (loudness-matched A/B), on a synthesized mix A (mixgen, 8 s):
#  - B = A + 6 dB, match 1 (the default), select b: from 3 s on the output
#    measures within 0.5 LU of A (libebur128 on the files), and the
#    reported offset is -6 dB within 0.5;
#  - match 0, select b: the output is B exactly (from 0.1 s, after the
#    initial crossfade);
#  - switching a -> b -> a (B: A delayed 0.3 s, +6 dB, match 0) leaves no
#    click: the largest sample-to-sample jump of the output around each
#    switch is within the inputs' own largest jump there (+5%).
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_ab}
MM_LABEL=ab
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
"$MM_TOOLS/mixgen" 8 48000 "$OUT/a.wav" -9
"$MM_TOOLS/abcheck" merge "$OUT/a.wav" "$OUT/a.wav" "$OUT/ab6.wav" 6
"$MM_TOOLS/abcheck" merge "$OUT/a.wav" "$OUT/a.wav" "$OUT/abshift.wav" 6 0.3
chk_pd() { local e; e=$(mm_pd_errors "$1/pd.log"); [ -z "$e" ] || fail "$2: $e"; }
# 1: matching
mm_render "$OUT/match" 48000 "$OUT/ab6.wav" 4 "ab~" 2 -load "select b"
chk_pd "$OUT/match" match
la=$("$MM_TOOLS/abcheck" lufs "$OUT/match/in.wav" 3 8)
lo=$("$MM_TOOLS/abcheck" lufs "$OUT/match/out.wav" 3 8)
d=$(awk -v a="$la" -v b="$lo" 'BEGIN {print b - a}')
ok "match 1: B = A + 6 dB comes out at A's loudness" 'v > -0.5 && v < 0.5' "$d" "A $la LUFS, output $lo LUFS, difference $d LU"
off=$(awk '$1 == "R:" && $2 == "offset" {v = $3} END {print v}' "$OUT/match/pd.log")
ok "offset reported" 'v > -6.5 && v < -5.5' "$off" "offset $off dB"
for w in a b; do
    x=$(awk -v w=$w '$1 == "R:" && $2 == w {v = $3} END {print v}' "$OUT/match/pd.log")
    ok "reading $w reported" 'v != "" && v > -40 && v < 0' "$x" "$w $x LUFS"
done
echo "figure: match A $la output $lo difference $d offset $off"
# 2: match 0 passes B unchanged
mm_render "$OUT/nomatch" 48000 "$OUT/ab6.wav" 4 "ab~ -match 0" 2 -load "select b"
chk_pd "$OUT/nomatch" nomatch
e=$("$MM_TOOLS/abcheck" bdiff "$OUT/nomatch/in.wav" "$OUT/nomatch/out.wav" 0.1)
ok "match 0: output is B exactly" 'v == 0' "$e" "largest |out - B| $e"
# 3: switching without a click
mm_render "$OUT/switch" 48000 "$OUT/abshift.wav" 4 "ab~ -match 0" 2 -at 2500 "select b" 
chk_pd "$OUT/switch" switch
mm_render "$OUT/switch2" 48000 "$OUT/abshift.wav" 4 "ab~ -match 0 -select b" 2 -at 4500 "select a"
chk_pd "$OUT/switch2" switch2
for s in "switch 2.45 2.6" "switch2 4.45 4.6"; do
    set -- $s
    jo=$("$MM_TOOLS/abcheck" jump "$OUT/$1/out.wav" "$2" "$3")
    ji=$("$MM_TOOLS/abcheck" jump "$OUT/$1/in.wav" "$2" "$3")
    ok "$1: no click" "v <= $ji * 1.05" "$jo" "largest jump $jo, inputs' own $ji"
    echo "figure: $1 output jump $jo inputs $ji"
done
