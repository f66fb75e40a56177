# spectrum~: the analyser at its default FFT size (8192, an analysis every
# 2048 samples) and at the largest (32768), in Pd (writing no array: the
# cost of the analysis) and through the core; nothing to compare it with
# in the same run (Pd vanilla has no log-frequency analyser).
bench_pd "spectrum~ -ch 2 (size 8192)" 2 0 "spectrum~ -ch 2"
bench_pd "spectrum~ -ch 2 -size 32768" 2 0 "spectrum~ -ch 2 -size 32768"
bench_core "mm_spectrum core size 8192" 2 bench_spectrum --size 8192
bench_core "mm_spectrum core size 1024" 2 bench_spectrum --size 1024
bench_core "mm_spectrum core size 32768" 2 bench_spectrum --size 32768
