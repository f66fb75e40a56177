# limiter~ against the limiters a user would otherwise pick (x42 dpl, LSP
# Limiter stereo; settings from bench/lv2/README.md), same material, same
# ceiling (-1 dBTP): cost, output true peak (16x, 256-tap reference:
# tests/tools/tpmeter), latency. Twice: the material as it is (peak
# -1 dBFS, little to do) and driven +12 dB (hard limiting).
bench_pd "limiter~ -ch 2" 2 2 "limiter~ -ch 2"
bench_pd "limiter~ -ch 2 -input 12" 2 2 "limiter~ -ch 2 -input 12"
bench_core "mm_peaklimiter core" 2 bench_limiter --out "$BENCH_OUT/ours-0dB.wav"
bench_lv2 "x42 dpl" "http://gareus.org/oss/lv2/dpl#stereo" -c threshold=-1 -c truepeak=1
bench_lv2 "LSP limiter" "http://lsp-plug.in/plugins/lv2/limiter_stereo" \
    -c th=0.891251 -c boost=0 -c alr=0 -c ovs=6
LV2_OUT["mm_peaklimiter core"]=$BENCH_OUT/ours-0dB.wav
LV2_LATENCY["mm_peaklimiter core"]=240

lim_saved=$MATERIAL
"$TOOLS/wavgain" "$MATERIAL" "$BENCH_OUT/material-hot.wav" 12
MATERIAL=$BENCH_OUT/material-hot.wav
bench_core "mm_peaklimiter core +12 dB" 2 bench_limiter --out "$BENCH_OUT/ours-hot.wav"
bench_lv2 "x42 dpl +12 dB" "http://gareus.org/oss/lv2/dpl#stereo" -c threshold=-1 -c truepeak=1
bench_lv2 "LSP limiter +12 dB" "http://lsp-plug.in/plugins/lv2/limiter_stereo" \
    -c th=0.891251 -c boost=0 -c alr=0 -c ovs=6
MATERIAL=$lim_saved
LV2_OUT["mm_peaklimiter core +12 dB"]=$BENCH_OUT/ours-hot.wav
LV2_LATENCY["mm_peaklimiter core +12 dB"]=240

echo "  side by side (ceiling -1 dBTP; true peak of the output, 16x 256-tap):"
printf '  %-30s %12s %14s %12s %9s\n' "" "ns/sample/ch" "true peak dBTP" "sample peak" "latency"
for lab in "mm_peaklimiter core" "x42 dpl" "LSP limiter" \
           "mm_peaklimiter core +12 dB" "x42 dpl +12 dB" "LSP limiter +12 dB"; do
    f=${LV2_OUT[$lab]:-}
    if [ -n "$f" ] && [ -f "$f" ]; then
        read -r tp sp < <("$TOOLS/tpmeter" "$f" | awk '
            {if (NR == 1 || $5 > t) t = $5; if (NR == 1 || $3 > s) s = $3}
            END {print t, s}')
        printf '  %-30s %12s %14s %12s %9s\n' "$lab" "${bench_ns[$lab]:--}" "$tp" "$sp" "${LV2_LATENCY[$lab]:--}"
    else
        printf '  %-30s %12s %14s\n' "$lab" "-" "(no output)"
    fi
done
bench_ratio "mm_peaklimiter core" "x42 dpl"
bench_ratio "mm_peaklimiter core" "LSP limiter"
bench_ratio "mm_peaklimiter core +12 dB" "x42 dpl +12 dB"
bench_ratio "mm_peaklimiter core +12 dB" "LSP limiter +12 dB"

# Short lookahead beside x42 dpl (true-peak mode, 1.2 ms): the core at 1,
# 1.2, 2 and 5 ms on the material (-1 dBFS), the material +12 dB, and the
# contract's torture signals (tests/tools/mastergen torture: fs/4 at 45
# degrees, squares, full-scale noise, near-Nyquist sines, alternating runs
# with sign flips; 0 dBFS, driven +6 dB through wavgain). Cost from the
# same run; overshoot read by the contract's meter (tpmeter --ref: 16x,
# 512 taps per phase, beta 16).
"$TOOLS/mastergen" torture 48000 10 "$BENCH_OUT/torture-0dB.wav" 0
"$TOOLS/wavgain" "$BENCH_OUT/torture-0dB.wav" "$BENCH_OUT/torture.wav" 6
lim_saved=$MATERIAL
echo "  short lookahead (ceiling -1 dBTP; overshoot = output true peak + 1, contract meter):"
printf '  %-26s %-8s %12s %14s %9s\n' "" "material" "ns/sample/ch" "overshoot dB" "latency"
for mat in music hot torture; do
    case $mat in
    music) MATERIAL=$lim_saved ;;
    hot) MATERIAL=$BENCH_OUT/material-hot.wav ;;
    torture) MATERIAL=$BENCH_OUT/torture.wav ;;
    esac
    for la in 1 1.2 2 5; do
        lab="mm_peaklimiter ${la} ms $mat"
        out=$BENCH_OUT/short-$la-$mat.wav
        bench_core "$lab" 2 bench_limiter --lookahead "$la" --out "$out" >/dev/null
        LV2_OUT[$lab]=$out
        LV2_LATENCY[$lab]=$(awk -v l="$la" 'BEGIN {printf "%d", l * 48 + 0.5}')
    done
    bench_lv2 "x42 dpl $mat" "http://gareus.org/oss/lv2/dpl#stereo" \
        -c threshold=-1 -c truepeak=1 >/dev/null
    for lab in "mm_peaklimiter 1 ms $mat" "mm_peaklimiter 1.2 ms $mat" \
               "mm_peaklimiter 2 ms $mat" "mm_peaklimiter 5 ms $mat" \
               "x42 dpl $mat"; do
        f=${LV2_OUT[$lab]:-}
        if [ -n "$f" ] && [ -f "$f" ]; then
            over=$("$TOOLS/tpmeter" --ref "$f" | awk '
                {if (NR == 1 || $5 > t) t = $5} END {printf "%+.3f", t + 1}')
            printf '  %-26s %-8s %12s %14s %9s\n' "${lab% $mat}" "$mat" \
                "${bench_ns[$lab]:--}" "$over" "${LV2_LATENCY[$lab]:--}"
        else
            printf '  %-26s %-8s %12s %14s\n' "${lab% $mat}" "$mat" "-" "(no output)"
        fi
    done
    bench_ratio "mm_peaklimiter 1 ms $mat" "x42 dpl $mat"
    bench_ratio "mm_peaklimiter 1.2 ms $mat" "x42 dpl $mat"
    bench_ratio "mm_peaklimiter 5 ms $mat" "x42 dpl $mat"
done
MATERIAL=$lim_saved
