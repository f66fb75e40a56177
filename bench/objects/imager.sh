# imager~: cost at the defaults (the bit-exact identity path), with width
# and side gain, and with everything on (monobass, 3 side bands, balance).
# No LV2 stereo imager is installed to compare with.
bench_pd "imager~ width 130 (pd)" 2 2 "imager~ -width 130 -side -1"
bench_pd "imager~ full (pd)" 2 2 "imager~ -width 130 -side -1 -monobass 120 -xover 300 3000 -widths 50 100 140 -balance 10"
bench_core "mm_imager core defaults" 2 bench_imager defaults
bench_core "mm_imager core width" 2 bench_imager width
bench_core "mm_imager core full" 2 bench_imager full
