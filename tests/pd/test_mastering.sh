#!/usr/bin/env bash
# The mastering~ abstraction end to end, on a synthesized 15 s mix
# (mixgen, -3 dBFS peak, about -21 LUFS):
#  - for every preset, a two-pass master: pass 1 plays the mix with
#    `preset <p>, learn 15` and saves the state once learn has reported;
#    pass 2 loads that state and masters the mix. The master's integrated
#    loudness (loudness~ and libebur128 on the file) is within 0.5 LU of
#    the preset's target and its true peak (the contract's 16x, 512-tap,
#    beta 16 reference meter) at or under the preset's ceiling.
#  - save then load restores every parameter: every stage's `print` after
#    `load` equals the one before `save`, and saving again gives the same file.
#  - every stage reports, the stage deltas come out, `bypass 1` gives the
#    input delayed by the reported latency.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_mastering}
MM_LABEL=mastering
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
"$MM_TOOLS/mixgen" 15 48000 "$OUT/mix.wav" -3
"$MM_TOOLS/abcheck" pad "$OUT/mix.wav" "$OUT/pad.wav" 6
v() { awk -v s="$2" -v t="$3" '$1 == "R:" && $2 == s && $3 == t {v = $4} END {print v}' "$1/pd.log"; }
v1() { awk -v s="$2" '$1 == "R:" && $2 == s {v = $3} END {print v}' "$1/pd.log"; }
for p in "streaming -14 -1" "apple -16 -1" "ebu -23 -1" "cd -9 -0.3" "club -8 -0.3"; do
    set -- $p; name=$1 target=$2 ceil=$3
    d=$OUT/$name
    mm_render "$d/learn" 48000 "$OUT/pad.wav" 2 "mastering~" 2 \
        -load "preset $name \\, learn 15" -at 20800 "save $d/state.txt"
    g=$(v "$d/learn" learn gain)
    e=$(mm_pd_errors "$d/learn/pd.log")
    [ -z "$e" ] || fail "$name learn pass: $e"
    ok "$name learn reports a gain" 'v != ""' "$g" "learn gain $g dB"
    mm_render "$d/master" 48000 "$OUT/mix.wav" 2 "mastering~" 2 -load "load $d/state.txt"
    e=$(mm_pd_errors "$d/master/pd.log")
    [ -z "$e" ] || fail "$name master pass: $e"
    i=$(v1 "$d/master" integrated)
    f=$("$MM_TOOLS/abcheck" lufs "$d/master/out.wav")
    tp=$("$MM_TOOLS/tpmeter" --ref "$d/master/out.wav" | awk '{if ($5 > m || NR == 1) m = $5} END {print m}')
    ok "$name integrated within 0.5 LU of $target" "v > $target - 0.5 && v < $target + 0.5" "$i" "loudness~ $i LUFS"
    ok "$name file loudness within 0.5 LU of $target" "v > $target - 0.5 && v < $target + 0.5" "$f" "libebur128 $f LUFS"
    ok "$name true peak at or under $ceil dBTP" "v <= $ceil" "$tp" "reference meter $tp dBTP"
    echo "figure: $name target $target integrated $i file $f ceiling $ceil truepeak $tp gain $g"
done
# every stage reports, and the stage deltas
d=$OUT/club/master
for s in eq multiband imager limiter dither loudness; do
    if grep -q "^R: $s " "$d/pd.log"; then pass "$s stage reports"; else fail "$s reports nothing"; fi
done
for s in eq multiband imager limiter dither; do
    x=$(v "$d" stage "$s")
    x=$(awk -v s="$s" '$2 == "stage" && $3 == s && $4 == "delta" {v = $5} END {print v}' "$d/pd.log")
    ok "stage $s delta reported" 'v != ""' "$x" "stage $s delta $x LU"
done
gr=$(v "$d" limiter gr)
ok "limiter gr reported" 'v != "" && v <= 0' "$gr" "limiter gr $gr dB"
# save, load: every parameter restored
"$MM_TOOLS/mixgen" 1 48000 "$OUT/short.wav" -3
S=$OUT/saveload
mm_render "$S/a" 48000 "$OUT/short.wav" 2 "mastering~" 2 -load "preset cd \\, multiband mode ms \\, multiband threshold 2 -30 \\, multiband threshold side 3 -20 \\, multiband ratio 0 2.5 \\, eq band 3 bell 2000 1.5 1 \\, eq band 2 off \\, imager width 110 \\, imager xover 200 3000 \\, imager widths 90 120 130 \\, limiter input 3.5 \\, limiter release 70 \\, dither shape fweighted \\, dither seed 77 \\, target -10 \\, print \\, save $S/a.txt"
mm_render "$S/b" 48000 "$OUT/short.wav" 2 "mastering~" 2 -load "preset club \\, eq band 1 bell 100 3 1 \\, load $S/a.txt \\, print \\, save $S/b.txt"
prints() { awk '/^(eq|multiband|imager|limiter|dither)~:$/ {on = 1} on && (/^  / || /~:$/) {print} /^mastering~: target/ {print; on = 0}' "$1/pd.log"; }
prints "$S/a" >"$S/a.print"; prints "$S/b" >"$S/b.print"
n=$(wc -l <"$S/a.print")
if [ "$n" -gt 40 ] && cmp -s "$S/a.print" "$S/b.print"; then
    pass "load restores every parameter ($n printed lines equal)"
else
    fail "load restores every parameter ($n lines; diff: $(diff "$S/a.print" "$S/b.print" | head -4 | tr '\n' ' '))"
fi
if cmp -s "$S/a.txt" "$S/b.txt"; then pass "saving the loaded state gives the same file"; else fail "re-saved state differs"; fi
if grep -q "^multiband threshold side 3 -20;$" "$S/a.txt"; then pass "the state file is readable messages"; else fail "state file lacks 'multiband threshold side 3 -20;'"; fi
# bypass: the input delayed by the chain's latency
B=$OUT/bypass
mm_render "$B" 48000 "$OUT/short.wav" 2 "mastering~" 2 -load "bypass 1 \\, latency"
lat=$(v1 "$B" latency)
ok "latency reported" 'v == 240' "$lat" "latency $lat samples (limiter lookahead 5 ms at 48 kHz)"
diffs=$("$MM_TOOLS/mastercheck" same "$B/in.wav" "$B/out.wav" "${lat:-240}" | awk '{print $2}')
same=$("$MM_TOOLS/mastercheck" same "$B/in.wav" "$B/out.wav" "${lat:-240}")
ok "bypass 1 passes the input delayed by the latency" 'v != "" && v + 0 < 2400' "$diffs" "$same"
