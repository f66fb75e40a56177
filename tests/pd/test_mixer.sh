#!/usr/bin/env bash
# mixer~ end to end in Pd (synthesized signals, 48 kHz, 2 to 3 s each):
#  - one channel alone at fader 0, pan centre, reaches the master at the
#    pan law's gain (law 3: -3.0103 dB each side);
#  - a pre-fader send does not follow the fader, a post-fader one does;
#  - solo and mute switch without clicks (largest sample-to-sample jump no
#    larger than the signal's own), un-soloing restores everyone, a soloed
#    channel keeps its sends; meters are emitted; latency is reported;
#  - save then load restores the state (saving again gives the same file);
#  - the signal inlets follow -ch and -stereo; an unknown flag is named.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_mixer}
MM_LABEL=mixer
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
# signals: gen <file> <seconds> then per channel "<freq> <amp> [<start> <len>]"
gen() {
    python3 - "$@" <<'PY'
import math, struct, sys
path, secs = sys.argv[1], float(sys.argv[2]); sr = 48000; n = int(secs * sr)
chans = []
for spec in sys.argv[3:]:
    f = [float(v) for v in spec.split()]
    a0, a1 = (int(f[2] * sr), int((f[2] + f[3]) * sr)) if len(f) > 2 else (0, n)
    chans.append([f[1] * math.sin(2 * math.pi * f[0] * i / sr) if a0 <= i < a1 else 0.0 for i in range(n)])
data = b''.join(struct.pack('<%df' % len(chans), *[c[i] for c in chans]) for i in range(n))
k = len(chans)
open(path, 'wb').write(b'RIFF' + struct.pack('<I', 36 + len(data)) + b'WAVEfmt ' +
    struct.pack('<IHHIIHH', 16, 3, k, sr, sr * 4 * k, 4 * k, 32) + b'data' + struct.pack('<I', len(data)) + data)
PY
}
# stat <wav> <what> <ch> <from s> <to s>: peak (dBFS) | jump (largest |x[n]-x[n-1]|)
stat() {
    python3 - "$@" <<'PY'
import math, struct, sys
path, what, ch, t0, t1 = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
d = open(path, 'rb').read(); i = d.index(b'data')
k = struct.unpack('<H', d[22:24])[0]; n = struct.unpack('<I', d[i + 4:i + 8])[0] // (4 * k)
x = struct.unpack('<%df' % (n * k), d[i + 8:i + 8 + 4 * n * k])[ch::k][int(t0 * 48000):int(t1 * 48000)]
if what == 'peak':
    p = max(abs(v) for v in x); print('%.4f' % (20 * math.log10(p) if p > 0 else -999))
else:
    print('%.6f' % max(abs(x[j] - x[j - 1]) for j in range(1, len(x))))
PY
}
run() { # run <name> <wav> <nch> <object> <load msgs> [<ms> <timed msgs>]
    local d=$OUT/$1
    mm_render "$d" 48000 "$2" "$3" "$4" 2 -load "$5" ${7:+-at "$6" "$7"}
    local e; e=$(mm_pd_errors "$d/pd.log")
    [ -z "$e" ] || fail "$1: pd: $e"
}
# 1. pan law
gen "$OUT/one.wav" 1 "1000 0.5" "440 0"
run panlaw "$OUT/one.wav" 2 "mixer~ -ch 2" "latency"
for c in 0 1; do
    g=$(stat "$OUT/panlaw/out.wav" peak $c 0.5 1)
    e=$(awk -v g="$g" 'BEGIN{e = g + 6.0206 - 10*log(0.5)/log(10); printf "%.5f", (e < 0 ? -e : e)}')
    ok "channel alone at fader 0 reaches side $c at the pan law's gain" 'v < 0.001' "$e" "gain $(awk -v g="$g" 'BEGIN{printf "%.4f", g + 6.0206}') dB, expected -3.0103, error $e dB"
done
lat=$(awk '$1 == "R:" && $2 == "latency" {v = $3} END {print v}' "$OUT/panlaw/pd.log")
ok "latency reported" 'v == 0' "$lat" "latency $lat samples (strip~ has none)"
for m in "1 peak" "master peak" "master shortterm" "master integrated"; do
    if grep -q "^R: $m " "$OUT/panlaw/pd.log"; then pass "meter '$m' emitted"; else fail "meter '$m' missing"; fi
done
# 2. pre-fader send (through the delay, no feedback, return alone)
gen "$OUT/burst.wav" 1.2 "1000 0.5 0.1 0.2" "440 0"
run pre "$OUT/burst.wav" 2 "mixer~ -ch 2" "delay feedback 0 \\, delay time 500 \\, 1 fader -100 \\, 1 send 2 0 \\, 1 sendpre 2 1"
run post "$OUT/burst.wav" 2 "mixer~ -ch 2" "delay feedback 0 \\, delay time 500 \\, 1 fader -100 \\, 1 send 2 0"
a=$(stat "$OUT/pre/out.wav" peak 0 0.65 0.75); b=$(stat "$OUT/post/out.wav" peak 0 0 1.2)
ok "a pre-fader send does not follow the fader" 'v > -9.1 && v < -8.9' "$a" "echo at $a dBFS with the fader at -100"
ok "a post-fader send follows the fader" 'v < -120' "$b" "$b dBFS"
# 3. solo, un-solo, mute: channel 1 hard left, channel 2 hard right
gen "$OUT/two.wav" 2 "1000 0.5" "440 0.5"
pans="1 pan -100 \\, 2 pan 100"
run solo "$OUT/two.wav" 2 "mixer~ -ch 2" "$pans" 1000 "1 solo 1"
run unsolo "$OUT/two.wav" 2 "mixer~ -ch 2" "$pans \\, 1 solo 1" 1000 "1 solo 0"
run mute "$OUT/two.wav" 2 "mixer~ -ch 2" "$pans" 1000 "2 mute 1"
for t in solo unsolo mute; do
    own=$(stat "$OUT/$t/out.wav" jump 1 0.3 0.9); own2=$(stat "$OUT/$t/out.wav" jump 1 1.5 2)
    [ "$t" = unsolo ] && own=$own2
    j=$(stat "$OUT/$t/out.wav" jump 1 0.3 2)
    r=$(awk -v j="$j" -v o="$own" 'BEGIN{printf "%.4f", j / o}')
    ok "$t switches without a click" 'v <= 1.01' "$r" "largest jump $j, the signal's own $own, ratio $r"
done
p1=$(stat "$OUT/solo/out.wav" peak 1 1.2 2); p0=$(stat "$OUT/solo/out.wav" peak 0 1.2 2)
ok "solo 1 silences channel 2" 'v < -120' "$p1" "right $p1 dBFS"
ok "solo 1 keeps channel 1" 'v > -6.1 && v < -5.9' "$p0" "left $p0 dBFS"
u=$(stat "$OUT/unsolo/out.wav" peak 1 1.2 2); u0=$(stat "$OUT/unsolo/out.wav" peak 1 0.3 0.9)
ok "un-soloing restores everyone" 'v > -6.1 && v < -5.9' "$u" "right $u dBFS after, $u0 while soloed"
m=$(stat "$OUT/mute/out.wav" peak 1 1.2 2)
ok "mute silences" 'v < -120' "$m" "right $m dBFS"
# 4. a soloed channel keeps its sends; the others' sends go
gen "$OUT/burst2.wav" 1.2 "1000 0.5 0.1 0.2" "440 0.5 0.1 0.2"
run keep "$OUT/burst2.wav" 2 "mixer~ -ch 2" "$pans \\, delay feedback 0 \\, delay time 500 \\, 1 send 2 0 \\, 2 send 2 0 \\, 1 solo 1"
k0=$(stat "$OUT/keep/out.wav" peak 0 0.65 0.75); k1=$(stat "$OUT/keep/out.wav" peak 1 0.3 1.2)
ok "a soloed channel keeps its send" 'v > -7 && v < -5' "$k0" "echo $k0 dBFS"
ok "a channel not soloed loses its send" 'v < -120' "$k1" "right $k1 dBFS"
# 5. save, load
S=$OUT/saveload
rm -f "$S.a.txt" "$S.b.txt"
run sl-a "$OUT/one.wav" 2 "mixer~ -ch 2" "1 fader -6.5 \\, 1 hpf 80 \\, 1 low 120 2 \\, 2 pan 30 \\, 1 send 1 -12 \\, 2 sendpre 2 1 \\, 2 send 2 -3 \\, 2 mute 1 \\, return 1 -4 \\, return 2 mute 1 \\, reverb size 70 \\, delay time 420 \\, master fader -1.5 \\, save $S.a.txt"
run sl-b "$OUT/one.wav" 2 "mixer~ -ch 2" "1 fader 3 \\, 2 hpf 200 \\, load $S.a.txt \\, print \\, save $S.b.txt"
if [ -s "$S.a.txt" ] && cmp -s "$S.a.txt" "$S.b.txt"; then pass "load then save gives the same file ($(wc -l <"$S.a.txt") lines)"; else fail "re-saved state differs: $(diff "$S.a.txt" "$S.b.txt" 2>&1 | head -3 | tr '\n' ' ')"; fi
if grep -q "^1 send 1 -12;$" "$S.a.txt" && grep -q "^return 2 mute 1;$" "$S.a.txt"; then pass "the state file is readable messages"; else fail "state file lacks '1 send 1 -12;'"; fi
if grep -q "^mixer~ channel: 2 fader 0 mute 1 solo 0 send 1 -100 send 2 -3 sendpre 1 0 sendpre 2 1" "$OUT/sl-b/pd.log" && grep -q "^  hpf off" "$OUT/sl-b/pd.log"; then
    pass "load restores the channel (fader, mute, sends; hpf set before load back to off)"
else fail "load did not restore channel 2: $(grep '^mixer~ channel: 2' "$OUT/sl-b/pd.log")"; fi
ga=$(stat "$OUT/sl-a/out.wav" peak 0 0.5 1); gb=$(stat "$OUT/sl-b/out.wav" peak 0 0.5 1)
ok "loaded console sounds the same" 'v < 0.01' "$(awk -v a="$ga" -v b="$gb" 'BEGIN{d=a-b; print d<0?-d:d}')" "left $ga vs $gb dBFS"
# 5. the inlets follow the flags: -ch 3 has three (the third reaches the
#    master), -stereo 1 -ch 2 has four (the third, channel 2's left, does); one more connection fails. A wrong
#    flag is reported by name.
gen "$OUT/three.wav" 0.6 "440 0" "440 0" "1000 0.5"
gen "$OUT/four.wav" 0.6 "440 0" "440 0" "1000 0.5" "440 0"
gen "$OUT/five.wav" 0.6 "440 0" "440 0" "1000 0.5" "440 0" "440 0"
inlets() { # inlets <name> <wav> <nch> <object> <failed connections expected>
    mm_render "$OUT/$1" 48000 "$2" "$3" "$4" 2 -load "latency"
    local n p; n=$(grep -c "connection failed" "$OUT/$1/pd.log"); p=$(stat "$OUT/$1/out.wav" peak 0 0.3 0.6)
    ok "[$4] with $3 signals in: $5 connection(s) failed, the last channel in use reaches the master" \
        "v == $5 && ${p:--999} > -20" "$n" "$n failed connections, master left peak $p dBFS"
}
inlets in3 "$OUT/three.wav" 3 "mixer~ -ch 3" 0
inlets in3x "$OUT/four.wav" 4 "mixer~ -ch 3" 1
inlets in2s "$OUT/four.wav" 4 "mixer~ -stereo 1 -ch 2" 0
inlets in2sx "$OUT/five.wav" 5 "mixer~ -stereo 1 -ch 2" 1
mm_render "$OUT/badflag" 48000 "$OUT/three.wav" 3 "mixer~ -ch 3 -colour 2" 2
if grep -q "mixer~: unknown flag '-colour'" "$OUT/badflag/pd.log"; then pass "an unknown flag is reported by name"
else fail "unknown flag not reported: $(grep -i mixer "$OUT/badflag/pd.log" | head -2)"; fi
