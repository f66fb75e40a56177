#!/usr/bin/env bash
# demosong~ and make demo end to end, at 48 kHz:
#  - demosong~ is deterministic: two renders of its stems are bitwise equal;
#  - every stem sounds, is at its loudest in the chorus and quieter in the
#    intro (integrated loudness per section, libebur128);
#  - the transport: `section chorus` then `stop` (the stems fall silent
#    after the release), `-loop 1` (after `end` it plays bar 0 again),
#    `reset`, the info outlet (play, bar, section, end), an unknown message
#    named;
#  - the demo pipeline (scripts/demo.py, as make demo runs it) writes mix.wav,
#    master.wav, master-16bit.wav (16-bit PCM), mastering.txt and report.png;
#    the mix has a quiet intro and a loud chorus; the master lands on the
#    streaming target (-14 LUFS within the contract's 0.5 LU, libebur128)
#    with its true peak at or under -1 dBTP (the reference meter), and the
#    report says so.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_demosong}
MM_LABEL=demosong
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
export BUILD PD
demo() { python3 "$MM_TOP/scripts/demo.py" "$@"; }
lufs() { "$MM_TOOLS/abcheck" lufs "$@"; }
STEMS="kick snare hats bass pad lead voice"
SPANS="0:8 8:16 16:32 32:40"   # intro verse chorus outro (s)

# 1. determinism
demo --stems "$OUT/a" >/dev/null 2>"$OUT/a.err" || fail "render a: $(head -3 "$OUT/a.err")"
demo --stems "$OUT/b" >/dev/null 2>"$OUT/b.err" || fail "render b: $(head -3 "$OUT/b.err")"
same=0
for s in $STEMS; do cmp -s "$OUT/a/$s.wav" "$OUT/b/$s.wav" && same=$((same + 1)); done
ok "two renders are bitwise equal" 'v == 7' "$same" "$same of 7 stems equal"
rm -rf "$OUT/b"

# 2. every stem: sounds, loudest in the chorus, quieter in the intro
for s in $STEMS; do
    all=$(lufs "$OUT/a/$s.wav")
    read -r intro verse chorus outro <<<"$(lufs "$OUT/a/$s.wav" $SPANS | tr '\n' ' ')"
    line="intro $intro verse $verse chorus $chorus outro $outro"
    others=$(awk -v a="$intro" -v b="$verse" -v c="$outro" 'BEGIN{m = a; if (b > m) m = b; if (c > m) m = c; print m}')
    ok "$s sounds" 'v > -40' "$all" "$all LUFS over the song"
    ok "$s is loudest in the chorus" "v >= $others + 1" "$chorus" "LUFS: $line"
    ok "$s is quieter in the intro than in the chorus" "v <= $chorus - 2" "$intro" "LUFS: $line"
done

# 3. the transport and the info outlet
T=$OUT/transport
demo --stems "$T" --load "section chorus, play" --at 2000 stop --at 2500 foo --seconds 3 \
    >/dev/null 2>"$T.err" || fail "transport render: $(head -3 "$T.err")"
info=$(grep '^INFO: ' "$T/stems/pd.log" | sed 's/^INFO: //' | tr '\n' ',')
ok "section chorus plays bar 8" 'v ~ /^play 1,bar 8,section chorus,play 0,$/' "$info" "info: $info"
loud=$(lufs "$T/kick.wav" 0 2); after=-144
for s in $STEMS; do
    v=$(lufs "$T/$s.wav" 2.45 3)
    after=$(awk -v a="$after" -v b="$v" 'BEGIN{print (b > a ? b : a)}')
done
ok "it plays until stop" 'v > -40' "$loud" "kick $loud LUFS before stop"
ok "stop falls silent after the release" 'v <= -70' "$after" "loudest stem from 0.45 s after stop: $after LUFS"
if grep -q "^demosong~: unknown message: foo" "$T/stems/pd.log"; then pass "an unknown message is named"; else fail "no 'demosong~: unknown message: foo' in the log"; fi
L=$OUT/loop
demo --stems "$L" --flags "-loop 1" --load "pos 19, play" --at 2200 "reset, print" \
    --seconds 2.5 >/dev/null 2>"$L.err" || fail "loop render: $(head -3 "$L.err")"
info=$(grep '^INFO: ' "$L/stems/pd.log" | sed 's/^INFO: //' | tr '\n' ',')
ok "-loop 1 plays bar 0 after the end, reset stops" 'v ~ /^play 1,bar 19,end,bar 0,section intro,play 0,$/' "$info" "info: $info"
if grep -q "^demosong~: next step 0 playing 0 loop 1" "$L/stems/pd.log"; then pass "reset goes back to the top"; else fail "after reset: $(grep '^demosong~:' "$L/stems/pd.log")"; fi

# 4. the demo pipeline
D=$OUT/demo
demo --out "$D" --preset streaming >"$OUT/report.txt" 2>&1
rc=$?
ok "the demo runs" 'v == 0' "$rc" "exit status $rc; $(tail -1 "$OUT/report.txt")"
for f in mix.wav master.wav master-16bit.wav mastering.txt report.png; do
    if [ -s "$D/$f" ]; then pass "demo writes $f"; else fail "demo wrote no $f"; fi
done
bits=$(od -An -tu2 -j34 -N2 "$D/master-16bit.wav" 2>/dev/null | tr -d ' ')
ok "master-16bit.wav is 16-bit" 'v == 16' "$bits" "$bits bits per sample"
png=$(head -c 4 "$D/report.png" | od -An -c | tr -d ' ')
ok "report.png is a PNG" 'v == "211PNG"' "$png" "magic $png"
read -r mix_intro mix_verse mix_chorus mix_outro <<<"$(lufs "$D/mix.wav" $SPANS | tr '\n' ' ')"
line="intro $mix_intro verse $mix_verse chorus $mix_chorus outro $mix_outro"
ok "the mix: a quiet intro" "v <= $mix_chorus - 8" "$mix_intro" "LUFS: $line"
ok "the mix: the chorus is the loudest section" "v >= $mix_verse + 1.5 && v >= $mix_outro + 1.5" "$mix_chorus" "LUFS: $line"
i=$(lufs "$D/master.wav"); i16=$(lufs "$D/master-16bit.wav")
ok "master within 0.5 LU of -14 LUFS" 'v >= -14.5 && v <= -13.5' "$i" "libebur128 $i LUFS"
ok "the 16-bit master as loud" "v >= $i - 0.05 && v <= $i + 0.05" "$i16" "$i16 LUFS"
tp=$("$MM_TOOLS/tpmeter" --ref "$D/master.wav" 0:42 | awk '{print $NF}')
ok "master true peak at or under -1 dBTP" 'v != "" && v <= -1' "$tp" "reference meter $tp dBTP"
if grep -q "verdict: the master meets it" "$OUT/report.txt"; then pass "the report's verdict"; else fail "the report: $(grep verdict "$OUT/report.txt")"; fi
echo "figure: mix $line; master $i LUFS, 16-bit $i16 LUFS, true peak $tp dBTP"
