#!/usr/bin/env bash
# make demo: render a synthesized test mix through Pd in batch mode, meter
# it with loudness~ and print a readable loudness report.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=$BUILD/demo
mkdir -p "$OUT"
. tests/lib/pdrun.sh
"$MM_TOOLS/mixgen" 40 48000 "$OUT/mix.wav" -3
mm_player_patch "$OUT/demo.pd" "$OUT/mix.wav" 2 "loudness~ -ch 2 -interval 1000 -target -14"
mm_pd 48000 "$OUT/demo.pd" >"$OUT/pd.log"
if grep -q "couldn't create\|^error:" "$OUT/pd.log"; then
    echo "demo: Pd reported a problem:"; grep "couldn't create\|^error:" "$OUT/pd.log"; exit 1
fi
awk '
$1 == "R:" && $2 == "shortterm" { n++; st[n] = $3 }
$1 == "R:" { last[$2] = $3 }
END {
    printf "\nmixmaster demo: 40 s synthesized mix (drums, bass, pad, lead), 48 kHz stereo\n"
    printf "metered by [loudness~ -ch 2] in pd -batch\n\n"
    printf "  short-term loudness, one reading per second (LUFS):\n  "
    for (i = 1; i <= n; i++) { if (st[i] <= -144) printf "     -"; else printf "%6.1f", st[i]; if (i % 10 == 0) printf "\n  " }
    printf "\n\n"
    printf "  integrated loudness   %7.1f LUFS\n", last["integrated"]
    printf "  loudness range        %7.1f LU\n", last["lra"]
        printf "  sample peak           %7.2f dBFS\n", last["samplepeak"]
    printf "  true peak             %7.2f dBTP\n", last["truepeak"]
    printf "  PLR                   %7.1f LU\n", last["plr"]
    printf "  gain to -14 LUFS      %+7.1f dB  (streaming target)\n", last["gain"]
    printf "  gain to -23 LUFS      %+7.1f dB  (EBU R128 broadcast)\n", -23 - last["integrated"]
    tp = last["truepeak"] + last["gain"]
    printf "\n  Turned up to -14 LUFS this mix would peak at %+.1f dBTP:", tp
    if (tp > -1) printf " it needs a true-peak limiter\n  (limiter~, ceiling -1 dBTP) to meet streaming specs.\n"
    else printf " it fits under -1 dBTP as is.\n"
}' "$OUT/pd.log"
