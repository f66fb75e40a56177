#!/usr/bin/env bash
# make demo: a synthesized mix, metered, then mastered for streaming by the
# mastering~ abstraction (eq~ -> multiband~ -> imager~ -> limiter~ ->
# dither~, loudness~ at the end), all in Pd batch mode; prints a report.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=$BUILD/demo
TARGET=-14
mkdir -p "$OUT"
. tests/lib/pdrun.sh
"$MM_TOOLS/mixgen" 40 48000 "$OUT/mix.wav" -3

check_log() {
    if grep -q "couldn't create\|^error:" "$1"; then
        echo "demo: Pd reported a problem:"; grep "couldn't create\|^error:" "$1"; exit 1
    fi
}
last() { awk -v s="$2" -v t="$3" '$1 == "R:" && $2 == s && $3 == t {v = $4} END {print v}' "$1"; }

# 1. the mix as it is
mm_render "$OUT/mix" 48000 "$OUT/mix.wav" 2 "loudness~ -ch 2 -interval 1000 -target $TARGET" 0
check_log "$OUT/mix/pd.log"

# 2. through the mastering chain as set up, to learn its loudness
master() { # dir input_gain
    mm_render "$1" 48000 "$OUT/mix.wav" 2 "mastering~" 2 -load "limiter input $2"
    check_log "$1/pd.log"
}
master "$OUT/pass1" 0
i1=$(last "$OUT/pass1/pd.log" loudness integrated)
# 3. drive the limiter by what is missing (a little more: limiting costs
# loudness), clamped to the limiter's input range
drive=$(awk -v t="$TARGET" -v i="$i1" 'BEGIN {d = t - i + 0.5; if (d > 24) d = 24; if (d < -24) d = -24; printf "%.1f", d}')
master "$OUT/pass2" "$drive"
cp "$OUT/pass2/out.wav" "$OUT/master.wav"

awk '
$1 == "R:" && FILENAME ~ /mix\/pd.log/ && $2 == "shortterm" { n++; st[n] = $3 }
$1 == "R:" && FILENAME ~ /mix\/pd.log/ { mix[$2] = $3 }
$1 == "R:" && FILENAME ~ /pass2/ && $2 == "loudness" { m[$3] = $4 }
$1 == "R:" && FILENAME ~ /pass2/ && $2 == "limiter" && $3 == "gr" { if ($4 < gr) gr = $4 }
$1 == "R:" && FILENAME ~ /pass2/ && $2 == "multiband" && $3 == "gr" { if ($5 < mbgr) mbgr = $5 }
END {
    printf "\nmixmaster demo: 40 s synthesized mix (drums, bass, pad, lead), 48 kHz stereo\n\n"
    printf "THE MIX, metered by [loudness~ -ch 2] in pd -batch\n"
    printf "  short-term loudness, one reading per second (LUFS):\n  "
    for (i = 1; i <= n; i++) { if (st[i] <= -144) printf "     -"; else printf "%6.1f", st[i]; if (i % 10 == 0) printf "\n  " }
    printf "\n"
    printf "  integrated %6.1f LUFS   LRA %4.1f LU   true peak %6.2f dBTP   PLR %4.1f LU\n", mix["integrated"], mix["lra"], mix["truepeak"], mix["plr"]
    tp = mix["truepeak"] + mix["gain"]
    printf "  turned up to %d LUFS it would peak at %+.1f dBTP: too hot for streaming.\n\n", '"$TARGET"', tp
    printf "THE MASTER, through [mastering~]: eq~ (25 Hz low cut) -> multiband~ (4 bands,\n"
    printf "1.5:1 glue) -> imager~ (mono bass below 100 Hz) -> limiter~ (ceiling -1 dBTP,\n"
    printf "input +'"$drive"' dB) -> dither~ (16 bit TPDF); loudness~ at the end\n"
    printf "  integrated %6.1f LUFS   LRA %4.1f LU   true peak %6.2f dBTP   PLR %4.1f LU\n", m["integrated"], m["lra"], m["truepeak"], m["plr"]
    printf "  deepest limiting %.1f dB, deepest multiband reduction %.1f dB\n", gr, mbgr
    ok = (m["truepeak"] <= -0.9 && m["integrated"] > '"$TARGET"' - 1 && m["integrated"] < '"$TARGET"' + 1)
    printf "  streaming delivery (%d LUFS +-1, true peak <= -1 dBTP): %s\n", '"$TARGET"', ok ? "meets it" : "does not meet it"
    printf "\n  files: '"$OUT"'/mix.wav and '"$OUT"'/master.wav (32-bit float, on the 16-bit grid)\n"
}' "$OUT/mix/pd.log" "$OUT/pass2/pd.log"
