# multiband~ against the multiband compressors a user would otherwise pick
# (LSP Multiband Compressor stereo, ZaMultiCompX2), same material, same
# run, same band settings (threshold -20 dB, ratio 4, attack 10 ms,
# release 100 ms, hard knee, peak, linked; bench/lv2/README.md).
# 4 bands at LSP's splits 100, 632, 3984 Hz; 3 bands at Zam's 160, 1400 Hz.
mb_flags="-threshold 0 -20 -ratio 0 4 -knee 0 0 -attack 0 10 -release 0 100"
bench_pd "multiband~ 4 bands (pd)" 2 2 "multiband~ -ch 2 -bands 4 -xover 100 632 3984 $mb_flags"
bench_pd "multiband~ 3 bands (pd)" 2 2 "multiband~ -ch 2 -bands 3 -xover 160 1400 $mb_flags"
bench_core "mm_multiband core 4 bands" 2 bench_multiband 4
bench_core "mm_multiband core 3 bands" 2 bench_multiband 3
# -phase linear: one linear-phase FIR per band on one FFT of the input
# (its size, partition and latency: samples at 48 kHz). LSP's multiband
# compressor as installed has no linear-phase crossover (its "Modern"
# mode reports latency 0), nor does its crossover plugin (LR slopes
# only): the minimum-phase rows are the comparison.
echo "  multiband~ -phase linear: $("$CORE_BIN/bench_multiband" 4 --info "$MATERIAL")"
bench_pd "multiband~ 4 bands -phase linear" 2 2 "multiband~ -ch 2 -bands 4 -phase linear -xover 100 632 3984 $mb_flags"
bench_core "mm_multiband core 4 bands, linear" 2 bench_multiband 4 --linear
lsp_mb_band() {
    echo "-c al_$1=0.1 -c cr_$1=4 -c at_$1=10 -c rt_$1=100 -c kn_$1=1 -c scm_$1=0 -c scs_$1=5"
}
zam_mb_band() {
    echo "-c toggle$1=1 -c thr$1=-20 -c rat$1=4 -c att$1=10 -c rel$1=100 -c kn$1=0"
}
# shellcheck disable=SC2046
bench_lv2 "LSP mb_compressor 4 bands" http://lsp-plug.in/plugins/lv2/mb_compressor_stereo \
    -c mode=0 -c envb=0 -c cbe_1=0 -c cbe_2=1 -c cbe_3=0 -c cbe_4=1 -c cbe_5=0 \
    -c cbe_6=1 -c cbe_7=0 -c sf_2=100 -c sf_4=632 -c sf_6=3984 \
    $(lsp_mb_band 0) $(lsp_mb_band 2) $(lsp_mb_band 4) $(lsp_mb_band 6)
# shellcheck disable=SC2046
bench_lv2 "LSP mb_compressor 3 bands" http://lsp-plug.in/plugins/lv2/mb_compressor_stereo \
    -c mode=0 -c envb=0 -c cbe_1=0 -c cbe_2=1 -c cbe_3=0 -c cbe_4=1 -c cbe_5=0 \
    -c cbe_6=0 -c cbe_7=0 -c sf_2=160 -c sf_4=1400 \
    $(lsp_mb_band 0) $(lsp_mb_band 2) $(lsp_mb_band 4)
# shellcheck disable=SC2046
bench_lv2 "ZaMultiCompX2 (3 bands)" urn:zamaudio:ZaMultiCompX2 \
    -c xover1=160 -c xover2=1400 -c stereodet=1 \
    $(zam_mb_band 1) $(zam_mb_band 2) $(zam_mb_band 3)
echo "  4 bands (goal: a 4-band stereo multiband~ costs less than either):"
bench_ratio "multiband~ 4 bands (pd)" "LSP mb_compressor 4 bands"
bench_ratio "multiband~ 4 bands (pd)" "ZaMultiCompX2 (3 bands)"
bench_ratio "mm_multiband core 4 bands" "LSP mb_compressor 4 bands"
bench_ratio "mm_multiband core 4 bands" "ZaMultiCompX2 (3 bands)"
bench_ratio "multiband~ 4 bands -phase linear" "multiband~ 4 bands (pd)"
bench_ratio "multiband~ 4 bands -phase linear" "LSP mb_compressor 4 bands"
echo "  3 bands, like for like:"
bench_ratio "multiband~ 3 bands (pd)" "LSP mb_compressor 3 bands"
bench_ratio "multiband~ 3 bands (pd)" "ZaMultiCompX2 (3 bands)"
bench_ratio "mm_multiband core 3 bands" "ZaMultiCompX2 (3 bands)"
# the same work? output RMS of each processor on the material
mb_rms() { [ -f "$2" ] && printf '  output RMS %-32s %7s dBFS\n' "$1" "$("$TOOLS/stereotool" rms "$2")"; }
printf '  output RMS %-32s %7s dBFS\n' "mm_multiband core 4 bands" \
    "$("$CORE_BIN/bench_multiband" 4 "$MATERIAL" | awk '$1 == "out_rms_db" {print $2}')"
printf '  output RMS %-32s %7s dBFS\n' "mm_multiband core 3 bands" \
    "$("$CORE_BIN/bench_multiband" 3 "$MATERIAL" | awk '$1 == "out_rms_db" {print $2}')"
mb_rms "LSP mb_compressor 4 bands" "${LV2_OUT[LSP mb_compressor 4 bands]:-}"
mb_rms "LSP mb_compressor 3 bands" "${LV2_OUT[LSP mb_compressor 3 bands]:-}"
mb_rms "ZaMultiCompX2 (3 bands)" "${LV2_OUT[ZaMultiCompX2 (3 bands)]:-}"
printf '  output RMS %-32s %7s dBFS\n' "input material" "$("$TOOLS/stereotool" rms "$MATERIAL")"
