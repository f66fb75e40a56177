#!/usr/bin/env bash
# dither~ through Pd: the contract's guarantees, measured.
#  - every output sample on the grid k/2^(bits-1) in range, 8/16/24 bits
#    (also with noise shaping and clipping input);
#  - TPDF error power independent of the signal (silence, -90 and -1 dBFS
#    sines within 0.5 dB) and close to theory (1/4 LSB^2);
#  - a -100 dBFS sine survives 16-bit TPDF as signal plus noise, no
#    harmonic above the noise floor; `type none` shows the distortion;
#  - fweighted: less noise from 1 to 5 kHz than flat TPDF at 44.1, 48 and
#    96 kHz; bounded on full-scale and clipping input; clip counted;
#  - same seed, same output; another seed, another noise;
#  - autoblank: exact silence after 0.5 s of silent input, dither back at
#    once; delta: the error alone.
set -u
. "$(dirname "$0")/../lib/pdrun.sh"
OUT=${OUT:-$BUILD/test-out/test_dither}
mkdir -p "$OUT"
G=$MM_TOOLS/mastergen
C=$MM_TOOLS/mastercheck

MM_LABEL=dither

# render <name> <sr> <kind> <secs> <level> <freq> "<flags>"
render() {
    local d=$OUT/$1
    mkdir -p "$d"
    "$G" "$3" "$2" "$4" "$d/in.wav" "$5" "$6"
    mm_render "$d" "$2" "$d/in.wav" 1 "dither~ -ch 1 -interval 0 $7" 1
    local e
    e=$(mm_pd_errors "$d/pd.log")
    [ -n "$e" ] && fail "$1 pd: $e"
}

# grid
for bits in 8 16 24; do
    render grid$bits 48000 sine 0.5 -1 997 "-bits $bits"
    read -r _ off _ oor _ n < <("$C" grid "$OUT/grid$bits/out.wav" "$bits")
    [ "$off" = 0 ] && [ "$oor" = 0 ] && pass "$bits bits: all $n samples on the grid k/2^$((bits - 1)), in range" \
        || fail "$bits bits: $off off the grid, $oor out of range"
done
render gridshape 44100 sine 0.5 6 997 "-bits 16 -shape fweighted"
read -r _ off _ oor _ n < <("$C" grid "$OUT/gridshape/out.wav" 16)
[ "$off" = 0 ] && [ "$oor" = 0 ] && pass "fweighted on a +6 dBFS (clipping) sine: on the grid, in range" \
    || fail "fweighted clipping: $off off the grid, $oor out of range"

# TPDF error power: signal independent, theory 1/4 LSB^2 (-6.02 dB)
declare -A pw
for case in "silence silence -200" "m90 sine -90" "m1 sine -1"; do
    set -- $case
    render "pow-$1" 48000 "$2" 2 "$3" 997 "-bits 16 -seed 11"
    read -r _ lsb2 _ dbv < <("$C" errpow "$OUT/pow-$1/in.wav" "$OUT/pow-$1/out.wav" 16)
    pw[$1]=$lsb2
    echo "  error power $1: $lsb2 LSB^2 ($dbv dB re full scale)"
done
spread=$(awk -v a="${pw[silence]}" -v b="${pw[m90]}" -v c="${pw[m1]}" 'BEGIN{
    mx = a; mn = a; if (b > mx) mx = b; if (c > mx) mx = c; if (b < mn) mn = b; if (c < mn) mn = c;
    printf "%.3f", 10 * log(mx / mn) / log(10)}')
le "$spread" 0.5 && pass "TPDF error power independent of the signal: silence ${pw[silence]}, -90 dBFS ${pw[m90]}, -1 dBFS ${pw[m1]} LSB^2 (spread $spread dB)" \
    || fail "TPDF error power depends on the signal: spread $spread dB"
for k in silence m90 m1; do
    dev=$(awk -v p="${pw[$k]}" 'BEGIN{d = 10 * log(p / 0.25) / log(10); if (d < 0) d = -d; printf "%.3f", d}')
    le "$dev" 0.2 && pass "TPDF error power $k ${pw[$k]} LSB^2, theory 0.25 (off by $dev dB)" \
        || fail "TPDF error power $k ${pw[$k]} LSB^2 is $dev dB from theory 0.25"
done

# the other types: RPDF 1/12 + 1/12 = 1/6 LSB^2, hp (TPDF) 1/4, on the grid
for case in "rpdf 0.16667" "hp 0.25"; do
    set -- $case
    render "pow-$1" 48000 sine 2 -20 997 "-bits 16 -type $1"
    # (the sine part only: RPDF's error power drops to 0 on the silent
    # tail - the noise modulation TPDF exists to avoid)
    read -r _ lsb2 _ < <("$C" errpow "$OUT/pow-$1/in.wav" "$OUT/pow-$1/out.wav" 16 0 86400)
    read -r _ off _ oor _ < <("$C" grid "$OUT/pow-$1/out.wav" 16)
    dev=$(awk -v p="$lsb2" -v t="$2" 'BEGIN{d = 10 * log(p / t) / log(10); if (d < 0) d = -d; printf "%.3f", d}')
    if le "$dev" 0.2 && [ "$off" = 0 ] && [ "$oor" = 0 ]; then
        pass "type $1: error power $lsb2 LSB^2, theory $2 (off by $dev dB), on the grid"
    else
        fail "type $1: error power $lsb2 LSB^2 (theory $2, $dev dB), $off off the grid"
    fi
done

# -100 dBFS sine at 16 bits: signal plus noise with TPDF; none distorts
F=$(awk 'BEGIN{printf "%.6f", 48000 * 1366 / 65536}')   # on an FFT bin
render low-tpdf 48000 sine 11 -100 "$F" "-bits 16 -seed 3"
read -r _ fund _ flo _ wh _ over < <("$C" spectrum "$OUT/low-tpdf/in.wav" "$OUT/low-tpdf/out.wav" 16 "$F")
if awk -v f="$fund" -v o="$over" 'BEGIN{exit !(f > -101.5 && f < -98.5 && o < 6)}'; then
    pass "-100 dBFS sine, 16-bit TPDF: kept at $fund dB, worst harmonic ($wh) $over dB over a floor of $flo dB/bin"
else
    fail "-100 dBFS sine, 16-bit TPDF: fundamental $fund dB, harmonic $wh at $over dB over the floor"
fi
render low-none 48000 sine 11 -100 "$F" "-bits 16 -type none"
read -r _ fund0 _ < <("$C" spectrum "$OUT/low-none/in.wav" "$OUT/low-none/out.wav" 16 "$F")
le "$fund0" -130 && pass "-100 dBFS sine, 16 bits, type none: the sine is gone (fundamental $fund0 dB): rounding erases it" \
    || fail "-100 dBFS sine, type none: fundamental $fund0 dB still there?"
render m90-none 48000 sine 11 -90 "$F" "-bits 16 -type none"
read -r _ fund1 _ flo1 _ wh1 _ over1 < <("$C" spectrum "$OUT/m90-none/in.wav" "$OUT/m90-none/out.wav" 16 "$F")
le 20 "$over1" && pass "-90 dBFS sine, 16 bits, type none: harmonic $wh1 stands $over1 dB over the floor (truncation distortion)" \
    || fail "-90 dBFS sine, type none: no distortion visible ($over1 dB)"

# fweighted vs flat TPDF between 1 and 5 kHz; bounded on clipping input
for sr in 44100 48000 96000; do
    render "flat$sr" "$sr" sine 3 -20 997 "-bits 16 -seed 5"
    render "fw$sr" "$sr" sine 3 -20 997 "-bits 16 -seed 5 -shape fweighted"
    read -r _ bflat < <("$C" band "$OUT/flat$sr/in.wav" "$OUT/flat$sr/out.wav" 1000 5000)
    read -r _ bfw < <("$C" band "$OUT/fw$sr/in.wav" "$OUT/fw$sr/out.wav" 1000 5000)
    gain=$(awk -v a="$bfw" -v b="$bflat" 'BEGIN{printf "%.2f", a - b}')
    le "$gain" -3 && pass "fweighted@$sr: 1-5 kHz noise $gain dB against flat TPDF" \
        || fail "fweighted@$sr: 1-5 kHz noise only $gain dB against flat TPDF"
done
render "simple96000" 96000 sine 3 -20 997 "-bits 16 -seed 5 -shape simple"
read -r _ bs < <("$C" band "$OUT/simple96000/in.wav" "$OUT/simple96000/out.wav" 1000 5000)
gain=$(awk -v a="$bs" -v b="$bflat" 'BEGIN{printf "%.2f", a - b}')
le "$gain" -3 && pass "simple@96000: 1-5 kHz noise $gain dB against flat TPDF" \
    || fail "simple@96000: 1-5 kHz noise only $gain dB against flat TPDF"
for lev in 0 12; do
    render "bound$lev" 44100 sine 1 "$lev" 3000 "-bits 16 -shape fweighted -interval 0"
    read -r _ me < <("$C" maxerr "$OUT/bound$lev/in.wav" "$OUT/bound$lev/out.wav" 16)
    clip=$(awk '$1 == "R:" && $2 == "clip" {v = $3} END {print v}' "$OUT/bound$lev/pd.log")
    le "$me" 40 && pass "fweighted on a ${lev} dBFS sine: bounded, |out - clip(in)| <= $me LSB, clip count $clip" \
        || fail "fweighted on a ${lev} dBFS sine: error reaches $me LSB"
    if [ "$lev" = 12 ]; then
        le 1 "${clip:-0}" && pass "clip emitted: $clip samples clipped" || fail "clip not counted ('$clip')"
    fi
done
render noclip 48000 sine 0.5 -1 997 "-bits 16"
clip=$(awk '$1 == "R:" && $2 == "clip" {v = $3} END {print v}' "$OUT/noclip/pd.log")
[ "$clip" = 0 ] && pass "clip 0 on a -1 dBFS sine" || fail "clip '$clip' on a -1 dBFS sine"

# seeds
render seedA 48000 sine 0.5 -60 997 "-seed 42"
render seedB 48000 sine 0.5 -60 997 "-seed 42"
render seedC 48000 sine 0.5 -60 997 "-seed 43"
read -r _ dab _ < <("$C" equal "$OUT/seedA/out.wav" "$OUT/seedB/out.wav")
read -r _ dac _ < <("$C" equal "$OUT/seedA/out.wav" "$OUT/seedC/out.wav")
[ "$dab" = 0 ] && pass "same seed, same output" || fail "same seed: $dab samples differ"
le 1000 "$dac" && pass "another seed, another noise ($dac samples differ)" || fail "seed 43 vs 42: only $dac differ"

# autoblank: silence in, exact silence out after 0.5 s; back at once
render blank 48000 burst 4 -20 997 "-autoblank 1"
read -r a b c < <(python3 - "$OUT/blank/out.wav" <<'PY'
import struct, sys
b = open(sys.argv[1], 'rb').read(); i = b.index(b'data'); n = struct.unpack('<I', b[i+4:i+8])[0]
x = struct.unpack('<%df' % (n // 4), b[i+8:i+8+n])
sr = 48000
early = sum(1 for v in x[0:int(0.45 * sr)] if v != 0)        # dither before 0.5 s
late = sum(1 for v in x[int(0.55 * sr):sr] if v != 0)          # blanked
back = sum(1 for v in x[2 * sr + int(0.55 * sr):3 * sr] if v != 0)
back += 0
print(early, late, sum(1 for v in x[sr:sr + 48] if v != 0))
PY
)
[ "$a" -gt 1000 ] && [ "$b" = 0 ] && [ "$c" -ge 40 ] \
    && pass "autoblank: dither for the first 0.5 s of silence ($a samples), then exact zeros, back at the first samples of signal ($c of 48)" \
    || fail "autoblank: before $a, after 0.5 s $b non-zero, at signal $c of 48"
render noblank 48000 burst 2 -20 997 ""
read -r nb < <(python3 - "$OUT/noblank/out.wav" <<'PY'
import struct, sys
b = open(sys.argv[1], 'rb').read(); i = b.index(b'data'); n = struct.unpack('<I', b[i+4:i+8])[0]
x = struct.unpack('<%df' % (n // 4), b[i+8:i+8+n])
print(sum(1 for v in x[int(0.55 * 48000):48000] if v != 0))
PY
)
le 1000 "$nb" && pass "autoblank 0 (default): dither continues in silence" || fail "autoblank 0: silence undithered"

# delta: the error alone
render delta 48000 sine 1 -1 997 "-delta 1 -seed 9"
read -r _ m _ < <("$C" maxabs "$OUT/delta/out.wav")
le "$m" 0.0001 && le 0.00001 "$m" && pass "delta: output is the error alone (max $m, 1.5 LSB = 0.0000458)" \
    || fail "delta: max $m"
