#!/usr/bin/env bash
# The mastering~ abstraction end to end: a synthesized mix, driven into the
# chain so it reaches -14 LUFS, comes out within 1 LU of the target with a
# true peak at or under -1 dBTP (+0.05 for the 16-bit dither on top, read
# by loudness~ and by the 16x reference meter), and every stage reports on
# the info outlet.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_mastering}
mkdir -p "$OUT"
"$MM_TOOLS/mixgen" 30 48000 "$OUT/in.wav" -3
mm_render "$OUT" 48000 "$OUT/in.wav" 2 "mastering~" 2 -load "limiter input 7.5"
v() { awk -v s="$1" -v t="$2" '$1 == "R:" && $2 == s && $3 == t {v = $4} END {print v}' "$OUT/pd.log"; }
i=$(v loudness integrated); tp=$(v loudness truepeak)
chk() { if awk "BEGIN {exit !($2)}"; then echo "PASS: mastering $1"; else echo "FAIL: mastering $1"; fi; }
chk "integrated $i LUFS within 1 LU of -14" "$i > -15 && $i < -13"
chk "true peak $tp dBTP <= -0.95" "$tp <= -0.95"
tp16=$("$MM_TOOLS/tpmeter" "$OUT/out.wav" | awk '{if ($5 > m || NR == 1) m = $5} END {print m}')
chk "16x true peak of the file $tp16 dBTP <= -0.95" "$tp16 <= -0.95"
for s in eq multiband imager limiter dither loudness; do
    if grep -q "^R: $s " "$OUT/pd.log"; then echo "PASS: mastering $s stage present"; else echo "FAIL: mastering $s reports nothing"; fi
done
