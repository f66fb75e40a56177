# loudness~ against libebur128 alone (its K-weighting, windows and true
# peak), the meter a user would otherwise run.
bench_pd "loudness~ -ch 2" 2 0 "loudness~ -ch 2"
bench_core "mm_loudness core" 2 bench_loudness
bench_core "libebur128 (I+LRA+TP)" 2 bench_loudness --libebur128
bench_ratio "mm_loudness core" "libebur128 (I+LRA+TP)"
