# dither~: 16-bit TPDF, flat and with the 9-tap fweighted shaper, in Pd
# and through the core directly.
bench_pd "dither~ -ch 2" 2 2 "dither~ -ch 2"
bench_pd "dither~ -ch 2 -shape fweighted" 2 2 "dither~ -ch 2 -shape fweighted"
bench_core "mm_dither core tpdf" 2 bench_dither
bench_core "mm_dither core fweighted" 2 bench_dither --shape fweighted
