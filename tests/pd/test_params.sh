#!/usr/bin/env bash
# The parameter backbone (externals/mm_pd.c), through loudness~: flags
# equal messages, clamping with one warning, clear errors that change
# nothing, print, creation-only flags, the -144 floor on silence.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_params}
mkdir -p "$OUT"
cat >"$OUT/p.pd" <<'PD'
#N canvas 0 0 900 600 12;
#X obj 10 10 loadbang;
#X obj 10 40 t b b b;
#X msg 300 80 print \, target 5 \, print \, foo 1 \, target \, target abc \, ch 3 \, channel 9 left \, channel 1 dualmono \, channel 1 bogus \, pause 7 \, interval -3 \, print;
#X obj 300 300 loudness~ 17 -ch 12 -interval 0 -target -30 -pause 1 -bogus 3;
#X obj 300 400 print R;
#X msg 10 100 \; pd dsp 1;
#X obj 10 150 delay 1000;
#X obj 10 200 t b b;
#X msg 10 250 \; pd quit;
#X obj 600 150 sig~ 0;
#X connect 0 0 1 0;
#X connect 1 2 2 0;
#X connect 2 0 3 0;
#X connect 3 0 4 0;
#X connect 1 0 5 0;
#X connect 1 0 6 0;
#X connect 6 0 7 0;
#X connect 7 0 8 0;
#X connect 7 1 3 0;
#X connect 9 0 3 0;
#X connect 9 0 3 1;
PD
mm_pd 48000 "$OUT/p.pd" >"$OUT/pd.log"
log=$OUT/pd.log

check() { # name, command...
    local name=$1; shift
    if "$@"; then echo "PASS: params $name"; else echo "FAIL: params $name"; fi
}
has() { grep -qF -- "$1" "$log"; }
count() { grep -cF -- "$1" "$log"; }

check "object created despite bad flags" bash -c "! grep -q \"couldn't create\" '$log'"
check "-ch 12 clamped with one warning" [ "$(count 'warning: loudness~: ch 12 is out of range 1..8, using 8')" = 1 ]
check "8 channels made" has "  channel 8 rightsurround"
check "print shows the creation flag" has "  ch 8"
check "unknown flag reported" has "loudness~: unknown flag '-bogus'"
check "stray argument reported" has "loudness~: ignoring argument '17'"
check "flags set values" has "  target -30 LUFS"
check "flag pause" has "  pause 1"
check "flag interval" has "  interval 0 ms"
check "out of range clamped, one warning" [ "$(count 'warning: loudness~: target 5 is out of range -70..0 LUFS, using 0')" = 1 ]
check "clamped value applied" has "  target 0 LUFS"
check "unknown message" has "loudness~: unknown message 'foo'"
check "missing argument refused" has "loudness~: target needs a number (-70..0 LUFS)"
check "creation-only flag as message refused" has "loudness~: ch can only be set at creation"
check "channel out of range refused" has "loudness~: channel 9 does not exist (1..8)"
check "channel role applied" has "  channel 1 dualmono"
check "bad channel role refused" has "loudness~: channel role 'bogus' is not one of"
check "bool coerced" bash -c "[ \$(grep -c '^  pause 1' '$log') -ge 2 ]"
check "negative interval clamped" has "warning: loudness~: interval -3 is out of range 0..60000 ms, using 0"
# after the refused messages the value is still the clamped 0
check "refused messages change nothing" bash -c "grep '^  target ' '$log' | tail -1 | grep -q '^  target 0 LUFS  ('"
for sel in momentary shortterm integrated lra samplepeak truepeak plr gain; do
    v=$(awk -v s="$sel" '$1 == "R:" && $2 == s {print $3}' "$log" | tail -1)
    check "silence: $sel is -144 ($v)" [ "$v" = "-144" ]
done
check "latency emitted at DSP start" has "R: latency 0"
