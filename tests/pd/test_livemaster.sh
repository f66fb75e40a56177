#!/usr/bin/env bash
# livemaster~ (the abstraction) through Pd, rendered and measured offline:
#  1. jumps: music (mastergen sections) in 10 s sections at -40, -6, -40,
#     -6, -40 LUFS, 30 s of silence, then -6 LUFS, at 48 kHz, defaults
#     (target -16, ceiling -1): the short-term loudness (libebur128,
#     mastercheck shortterm) 10 s after the start and after each jump is
#     within 2 LU of the target;
#  2. its true peak (tpmeter --ref: the contract's 16x, 512 taps per
#     phase, beta 16 meter) is never above the ceiling by more than 0.1 dB;
#  3. the loud entry after 30 s of silence (which follows a quiet section,
#     the leveler at about +24 dB) overshoots the target by at most 3 LU
#     short-term; with `rest 0` (livemaster's guard off) the same entry
#     overshoots by far more: the guard is what keeps it;
#  4. one message retargets the chain (`target -20` after -target -23):
#     output within 1 LU of -20, thresholds and meter follow; ceiling,
#     character and freeze as flags;
#  5. latency reported (<= 5 ms) and bypass time-aligned: with bypass 1
#     the output is the input delayed by exactly the reported latency;
#  6. save/load round trip; unknown message -> an error naming livemaster~;
#  7. output finite through NaN/inf bursts (robustgen bad), and through
#     DSP off/on and sample-rate changes ([block~] factor 2 and 0.5);
#  8. programme at 22.05 kHz keeps memory flat: peak RSS at the end within
#     1 MB of that after a tenth of the time. 30 min by default (about 22 s
#     of CPU: the whole test stays near a minute in `make check`);
#     MM_LIVEMASTER_MINUTES=60 runs the contract's hour (about 45 s more).
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_livemaster}
MM_LABEL=livemaster
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
T=$MM_TOOLS
log_ok() { # name log: no couldn't create / error: in the log
    local e
    e=$(mm_pd_errors "$2")
    if [ -z "$e" ]; then pass "$1 pd log clean"; else fail "$1 pd: $e"; fi
}
st() { # file span -> "min max at-end" of the short-term loudness
    "$T/mastercheck" shortterm "$1" "$2" | awk '{print $4, $5, $6}'
}

# ---- 1-3: the jump programme ------------------------------------------
d=$OUT/jumps; mkdir -p "$d"
"$T/mastergen" sections 48000 10 "$d/in.wav" -40 -6 -40 -6 -40 -200 -200 -200 -6 >"$d/sections.txt"
mm_render "$d" 48000 "$d/in.wav" 2 "livemaster~" 2 -load "latency"
log_ok jumps "$d/pd.log"
"$T/mastercheck" shortterm "$d/out.wav" 10:10 20:20 30:30 40:40 50:50 80:90 >"$d/st.txt"
for t in 10 20 30 40 50; do
    v=$(awk -v t="$t" '$2 == t && $3 == t {print $6}' "$d/st.txt")
    ok "short-term 10 s after the $( [ "$t" = 10 ] && echo start || echo "jump at $((t - 10)) s") within 2 LU of -16 LUFS" \
        'v >= -18 && v <= -14' "$v" "$v LUFS"
done
mx=$(awk '$2 == 80 {print $5}' "$d/st.txt")
ok "loud entry (-6 LUFS) after 30 s of silence overshoots by at most 3 LU short-term" \
    'v <= -13' "$mx" "largest short-term $mx LUFS, overshoot $(awk -v m="$mx" 'BEGIN{printf "%.2f", m + 16}') LU"
read -r _ _ _ _ tp < <("$T/tpmeter" --ref "$d/out.wav" 0:90)
ok "true peak never above the ceiling + 0.1 dB (contract meter)" 'v <= -0.9' "$tp" "$tp dBTP, ceiling -1"
lat=$(awk '$1 == "R:" && $2 == "latency" {v = $3} END {print v}' "$d/pd.log")
ok "latency reported at most 5 ms" 'v > 0 && v <= 240' "$lat" "$lat samples at 48 kHz"
for r in "leveler gain" "multiband gr" "limiter gr" "loudness shortterm" \
    "loudness integrated" "loudness truepeak"; do
    if grep -q "^R: $r " "$d/pd.log"; then pass "info outlet: $r"; else fail "info outlet: no $r"; fi
done

# the guard: the same entry without it (rest 0)
d2=$OUT/norest; mkdir -p "$d2"
"$T/mastergen" sections 48000 10 "$d2/in.wav" -40 -200 -200 -200 -6 >/dev/null
mm_render "$d2" 48000 "$d2/in.wav" 2 "livemaster~ -rest 0" 2
read -r _ mx0 _ < <(st "$d2/out.wav" 40:50)
ok "without the guard (rest 0) the same entry overshoots by more than 6 LU" \
    'v > -10' "$mx0" "largest short-term $mx0 LUFS"

# ---- 4: retarget with one message; flags ------------------------------
d=$OUT/retarget; mkdir -p "$d"
"$T/mastergen" sections 48000 20 "$d/in.wav" -35 >/dev/null
mm_render "$d" 48000 "$d/in.wav" 2 "livemaster~ -target -23 -ceiling -3 -character firm" 2 \
    -load "target -20 \\, multiband print \\, loudness print \\, print"
log_ok retarget "$d/pd.log"
read -r _ _ v < <(st "$d/out.wav" 19.9:19.9)
ok "target -20 (one message): output within 2 LU of -20 LUFS (firm: the multiband compresses after the leveler)" 'v >= -22 && v <= -18' "$v" "$v LUFS"
read -r _ _ _ _ tp < <("$T/tpmeter" --ref "$d/out.wav" 0:20)
ok "-ceiling -3: true peak at most -2.9 dBTP" 'v <= -2.9' "$tp" "$tp dBTP"
thr=$(sed -n 's/^  threshold \([-0-9.]*\) .*bands.*/\1/p' "$d/pd.log" | head -1)
ok "multiband thresholds follow the target (firm: target + 2)" 'v == -18' "$thr" "$thr dB"
lt=$(awk '/^loudness~:/ {f = 1} f && $1 == "target" {print $2; exit}' "$d/pd.log")
ok "loudness~ follows the target" 'v == -20' "$lt" "$lt LUFS"
grep -q "^livemaster~: target -20 LUFS - ceiling -3 dBTP - character firm" "$d/pd.log" \
    && pass "print shows target, ceiling and character" || fail "print: $(grep -m1 '^livemaster~: target' "$d/pd.log")"

# ---- 5: bypass is the input delayed by the reported latency -----------
d=$OUT/bypass; mkdir -p "$d"
"$T/mastergen" sections 48000 4 "$d/in.wav" -6 >/dev/null
mm_render "$d" 48000 "$d/in.wav" 2 "livemaster~ -bypass 1" 2 -load "latency"
lat=$(awk '$1 == "R:" && $2 == "latency" {v = $3} END {print v}' "$d/pd.log")
res=$("$T/mastercheck" same "$d/in.wav" "$d/out.wav" "${lat:-0}")
ok "bypass 1: output = input delayed by the reported latency ($lat samples)" \
    'v == 0' "$(awk '{print $2}' <<<"$res")" "$res"

# ---- 6: save/load, errors ---------------------------------------------
d=$OUT/state; mkdir -p "$d"
rm -f "$d/lm-state.txt"
"$T/mastergen" sections 48000 1 "$d/in.wav" -20 >/dev/null
mm_render "$d" 48000 "$d/in.wav" 2 "livemaster~" 2 -load "target -14 \\, ceiling -2 \\, character medium \\, freeze 1 \\, save lm-state.txt \\, target -30 \\, ceiling -6 \\, character gentle \\, freeze 0 \\, load lm-state.txt \\, print \\, frobnicate 3 \\, target abc"
if grep -q "^target -14;" "$d/lm-state.txt" 2>/dev/null && grep -q "^character medium;" "$d/lm-state.txt"; then
    pass "save writes a readable text file beside the patch"
else fail "save: $(head -3 "$d/lm-state.txt" 2>&1 | tr '\n' ' ')"; fi
grep -q "^livemaster~: target -14 LUFS - ceiling -2 dBTP - character medium - freeze 1" "$d/pd.log" \
    && pass "load restores the saved state" || fail "load: $(grep -m1 '^livemaster~: target' "$d/pd.log")"
grep -q "^livemaster~: error: unknown message frobnicate 3" "$d/pd.log" \
    && pass "an unknown message is an error naming livemaster~" || fail "no error for an unknown message"
grep -q "^livemaster~: error: target needs a number" "$d/pd.log" \
    && pass "a non-numeric target is refused with an error" || fail "no error for target abc"

# ---- 7: NaN bursts, DSP off/on, rate changes ---------------------------
d=$OUT/nan; mkdir -p "$d"
"$T/robustgen" bad 48000 2 "$d/in.wav" >"$d/events"
mm_render "$d" 48000 "$d/in.wav" 2 "livemaster~" 2
res=$("$T/robustcheck" "$d/out.wav" $(awk '{print $2, $3}' "$d/events"))
ok "NaN/inf bursts: no non-finite output sample" 'v == 0' "$(awk '$1 == "nonfinite" {print $2}' <<<"$res")" "nonfinite"
worst=$(awk '$1 == "recover" {if ($3 > m) m = $3} END {print m + 0}' <<<"$res")
ok "NaN/inf bursts: finite again within a block" 'v <= 64' "$worst" "$worst frames"
tail=$(awk '$1 == "rms_tail_db" {print $2}' <<<"$res")
ok "NaN/inf bursts: still sounding at the end" 'v > -40' "$tail" "tail RMS $tail dB"
bad=$(awk '$1 == "R:" { for (i = 3; i <= NF; i++) if ($i ~ /nan|inf/) { print; exit } }' "$d/pd.log")
[ -z "$bad" ] && pass "NaN/inf bursts: readings finite" || fail "NaN/inf bursts: reading $bad"

d=$OUT/life; mkdir -p "$d"
cat >"$d/life.pd" <<'PD'
#N canvas 0 0 900 600 12;
#X obj 10 10 loadbang;
#X obj 10 40 t b b;
#X msg 200 40 \; pd dsp 1;
#X obj 10 80 delay 1000;
#X msg 10 110 \; rate set 64 1 2 \; pd dsp 0 \; pd dsp 1;
#X obj 10 140 delay 1000;
#X msg 10 170 \; rate set 64 1 0.5 \; pd dsp 0 \; pd dsp 1;
#X obj 10 200 delay 1000;
#X msg 10 230 \; rate set 64 1 1 \; pd dsp 0 \; pd dsp 0 \; pd dsp 1;
#X obj 10 260 delay 3000;
#X msg 10 290 \; lm bang \; pd quit;
#N canvas 0 0 600 400 rate 0;
#X obj 10 10 osc~ 220;
#X obj 100 10 noise~;
#X obj 10 40 *~ 0.3;
#X obj 100 40 *~ 0.1;
#X obj 10 70 +~;
#X obj 200 40 r lm;
#X obj 10 120 livemaster~;
#X obj 10 170 env~ 4096;
#X obj 10 200 print ENV;
#X obj 200 170 print R;
#X obj 300 10 block~ 64 1 1;
#X obj 300 40 r rate;
#X connect 0 0 2 0;
#X connect 1 0 3 0;
#X connect 2 0 4 0;
#X connect 3 0 4 1;
#X connect 4 0 6 0;
#X connect 4 0 6 1;
#X connect 5 0 6 0;
#X connect 6 0 7 0;
#X connect 6 2 9 0;
#X connect 7 0 8 0;
#X connect 11 0 10 0;
#X restore 400 40 pd rate;
#X connect 0 0 1 0;
#X connect 1 1 2 0;
#X connect 1 0 3 0;
#X connect 3 0 4 0;
#X connect 3 0 5 0;
#X connect 5 0 6 0;
#X connect 5 0 7 0;
#X connect 7 0 8 0;
#X connect 7 0 9 0;
#X connect 9 0 10 0;
PD
mm_pd 48000 "$d/life.pd" >"$d/pd.log" 2>&1
log_ok "dsp off/on and rate changes" "$d/pd.log"
nenv=$(grep -c '^ENV: ' "$d/pd.log")
badenv=$(awk '$1 == "ENV:" && $2 !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/' "$d/pd.log" | head -1)
ok "dsp off/on and rate changes: the output level is always finite" 'v > 100' "$nenv" \
    "$nenv readings${badenv:+, bad: $badenv}"
[ -z "$badenv" ] || fail "dsp off/on and rate changes: output level $badenv"
lastenv=$(awk '$1 == "ENV:" {v = $2} END {print v + 0}' "$d/pd.log")
ok "dsp off/on and rate changes: still sounding at the end (env~ dB)" 'v > 60' "$lastenv" "$lastenv dB"
bad=$(awk '$1 == "R:" { for (i = 3; i <= NF; i++) if ($i ~ /nan|inf/) { print; exit } }' "$d/pd.log")
[ -z "$bad" ] && pass "dsp off/on and rate changes: readings finite" || fail "rate changes: reading $bad"

# ---- 8: an hour of programme, memory flat -----------------------------
MIN=${MM_LIVEMASTER_MINUTES:-30}
early=$((MIN / 10 > 0 ? MIN / 10 : 1))
d=$OUT/memory; mkdir -p "$d"
cat >"$d/mem.pd" <<PD
#N canvas 0 0 900 600 12;
#X obj 10 10 loadbang;
#X obj 10 40 t b b b;
#X msg 200 40 \; pd dsp 1;
#X obj 10 80 delay $((early * 60000));
#X obj 10 110 print MARK;
#X obj 10 140 delay $(((MIN - early) * 60000));
#X obj 10 170 t b b b;
#X msg 10 300 \; pd quit;
#X obj 400 10 noise~;
#X obj 400 40 lop~ 3000;
#X obj 500 10 osc~ 110;
#X obj 400 80 +~;
#X obj 600 10 osc~ 0.013;
#X obj 600 40 *~ 0.5;
#X obj 600 70 +~ 0.5;
#X obj 600 100 *~;
#X obj 600 130 *~;
#X obj 400 120 *~;
#X obj 400 200 livemaster~;
#X obj 600 250 spigot;
#X obj 600 280 print R;
#X msg 300 150 1;
#X msg 300 180 bang;
#X msg 200 100 interval 0;
#X connect 0 0 1 0;
#X connect 1 2 2 0;
#X connect 1 1 23 0;
#X connect 1 0 3 0;
#X connect 3 0 4 0;
#X connect 3 0 5 0;
#X connect 5 0 6 0;
#X connect 6 2 21 0;
#X connect 6 1 22 0;
#X connect 6 0 7 0;
#X connect 8 0 9 0;
#X connect 9 0 11 0;
#X connect 10 0 11 1;
#X connect 12 0 13 0;
#X connect 13 0 14 0;
#X connect 14 0 15 0;
#X connect 14 0 15 1;
#X connect 15 0 16 0;
#X connect 15 0 16 1;
#X connect 11 0 17 0;
#X connect 16 0 17 1;
#X connect 17 0 18 0;
#X connect 17 0 18 1;
#X connect 18 2 19 0;
#X connect 19 0 20 0;
#X connect 21 0 19 1;
#X connect 22 0 18 0;
#X connect 23 0 18 0;
PD
start=$(date +%s)
(cd "$d" && exec "$T/maxrss" pd -batch -noprefs -nosound -r 22050 -stderr \
    -path "$MM_LIB" -open mem.pd 2>"$d/pd.log" >"$d/rss.txt") &
mpid=$!
hwm_early=""
for ((i = 0; i < 6000; i++)); do # poll: peak RSS of pd when the early mark is printed
    if grep -q '^MARK: bang' "$d/pd.log" 2>/dev/null; then
        pid=$(pgrep -P "$mpid" -n 2>/dev/null)
        [ -n "$pid" ] && hwm_early=$(awk '$1 == "VmHWM:" {print $2}' "/proc/$pid/status" 2>/dev/null)
        break
    fi
    kill -0 "$mpid" 2>/dev/null || break
    sleep 0.05
done
wait "$mpid"
took=$(($(date +%s) - start))
read -r _ hwm_end _ rc <"$d/rss.txt"
ok "$MIN min of programme at 22.05 kHz ran" 'v == 0' "${rc:-1}" "exit ${rc:-?}, $took s"
log_ok memory "$d/pd.log"
ok "memory flat over $MIN min (peak RSS after $early min vs at the end)" 'v < 1024' \
    "$(( ${hwm_end:-999999} - ${hwm_early:-0} ))" "${hwm_early:-?} kB after $early min, ${hwm_end:-?} kB after $MIN min"
bad=$(awk '$1 == "R:" { for (i = 3; i <= NF; i++) if ($i ~ /nan|inf/) { print; exit } }' "$d/pd.log")
grep -q '^R: loudness integrated' "$d/pd.log" && [ -z "$bad" ] \
    && pass "readings finite after $MIN min" || fail "readings after $MIN min: ${bad:-none}"
