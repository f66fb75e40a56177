# comp~ against the compressors a user would otherwise pick (bench/lv2
# README: threshold -20 dB, ratio 4, attack 10 ms, release 100 ms, hard
# knee, peak detection, stereo linked). The issue asks comp~ to cost less
# than LSP's stereo compressor: see the ratios.
cl="comp~ -ch 2 -threshold -20 -ratio 4 -attack 10 -release 100 -knee 0"
bench_pd "comp~ -ch 2" 2 2 "$cl"
bench_core "mm_comp core" 2 bench_dyn comp
bench_lv2 "LSP compressor stereo" http://lsp-plug.in/plugins/lv2/compressor_stereo \
    -c al=0.1 -c cr=4 -c at=10 -c rt=100 -c kn=1 -c scm=0 -c scs=5
bench_lv2 "ZamCompX2" urn:zamaudio:ZamCompX2 \
    -c thr=-20 -c rat=4 -c att=10 -c rel=100 -c kn=0 -c stereodet=1
bench_ratio "comp~ -ch 2" "LSP compressor stereo"
bench_ratio "mm_comp core" "LSP compressor stereo"
bench_ratio "mm_comp core" "ZamCompX2"
