# eq~ with four bells against x42 fil4 with the same four sections
# (bench/lv2/README.md: 160/400/1250/2500 Hz, q 0.6, +3/-3/+3/-3 dB;
# fil4's shelves off). Target: eq~ costs less than fil4.
EQ4="-band 1 bell 160 3 0.6 -band 2 bell 400 -3 0.6 -band 3 bell 1250 3 0.6 -band 4 bell 2500 -3 0.6"
bench_pd "eq~ -ch 2 -bands 4" 2 2 "eq~ -ch 2 -bands 4 $EQ4"
bench_core "mm_eq core 4 bands" 2 bench_eq
bench_lv2 "x42 fil4 (4 bands)" "http://gareus.org/oss/lv2/fil4#stereo" \
    -c LSsec=0 -c HSsec=0 -c sec1=1 -c sec2=1 -c sec3=1 -c sec4=1 \
    -c freq1=160 -c freq2=400 -c freq3=1250 -c freq4=2500 \
    -c q1=0.6 -c q2=0.6 -c q3=0.6 -c q4=0.6 \
    -c gain1=3 -c gain2=-3 -c gain3=3 -c gain4=-3
bench_ratio "eq~ -ch 2 -bands 4" "x42 fil4 (4 bands)"
bench_ratio "mm_eq core 4 bands" "x42 fil4 (4 bands)"
# -phase linear: the same four bells as one linear-phase FIR (partitioned
# FFT convolution), against LSP's parametric EQ with the same bells in its
# FIR and FFT modes (its IIR mode beside them). The FIR's size, partition
# and latency first (latency: samples at 48 kHz).
echo "  eq~ -phase linear: $("$CORE_BIN/bench_eq" --info "$MATERIAL")"
bench_pd "eq~ -ch 2 -bands 4 -phase linear" 2 2 "eq~ -ch 2 -bands 4 -phase linear $EQ4"
bench_core "mm_eq core 4 bands, linear" 2 bench_eq --linear
# the longest FIR (-resolution max: 65536 taps, latency 36863 samples):
# partitions of N/16, so the cost grows with log N, not N
bench_pd "eq~ -ch 2 -bands 4 -phase linear -resolution max" 2 2 "eq~ -ch 2 -bands 4 -phase linear -resolution max $EQ4"
LSP_EQ4="-c ft_0=1 -c f_0=160 -c g_0=3 -c q_0=0.6 -c ft_1=1 -c f_1=400 -c g_1=-3 -c q_1=0.6 \
 -c ft_2=1 -c f_2=1250 -c g_2=3 -c q_2=0.6 -c ft_3=1 -c f_3=2500 -c g_3=-3 -c q_3=0.6"
for lsp_mode in 0:IIR 1:FIR 2:FFT; do
    # shellcheck disable=SC2086
    bench_lv2 "LSP para_equalizer ${lsp_mode#*:} (4 bands)" \
        http://lsp-plug.in/plugins/lv2/para_equalizer_x16_stereo \
        -c mode=${lsp_mode%%:*} $LSP_EQ4
done
bench_ratio "eq~ -ch 2 -bands 4 -phase linear" "eq~ -ch 2 -bands 4"
bench_ratio "eq~ -ch 2 -bands 4 -phase linear -resolution max" "eq~ -ch 2 -bands 4 -phase linear"
bench_ratio "eq~ -ch 2 -bands 4 -phase linear" "LSP para_equalizer FIR (4 bands)"
bench_ratio "eq~ -ch 2 -bands 4 -phase linear" "LSP para_equalizer FFT (4 bands)"
bench_ratio "mm_eq core 4 bands, linear" "LSP para_equalizer FFT (4 bands)"
