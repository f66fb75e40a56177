# strip~ (stereo) with every section engaged against x42 fil4 (4 bands)
# plus LSP's stereo compressor run separately: the strip should cost less
# than the two together.
bench_pd "strip~ -ch 2 (all sections)" 2 2 "strip~ -ch 2 -trim 1 -hpf 80 -hpfslope 24 -lpf 18000 -gate -60 -low 100 3 -lowmid 400 -3 1 -highmid 2500 2 1 -high 8000 2 -threshold -20 -ratio 4 -attack 10 -release 100 -pan 10 -fader -1"
bench_core "mm_strip core (all sections)" 2 bench_strip
if [ -z "${bench_ns[x42 fil4 (4 bands)]:-}" ]; then
    bench_lv2 "x42 fil4 (4 bands)" "http://gareus.org/oss/lv2/fil4#stereo" \
        -c LSsec=0 -c HSsec=0 -c sec1=1 -c sec2=1 -c sec3=1 -c sec4=1 \
        -c freq1=160 -c freq2=400 -c freq3=1250 -c freq4=2500 \
        -c q1=0.6 -c q2=0.6 -c q3=0.6 -c q4=0.6 \
        -c gain1=3 -c gain2=-3 -c gain3=3 -c gain4=-3
fi
bench_lv2 "LSP compressor stereo (strip)" "http://lsp-plug.in/plugins/lv2/compressor_stereo" \
    -c al=0.1 -c cr=4 -c at=10 -c rt=100 -c kn=1 -c scm=0 -c scs=5
for who in "strip~ -ch 2 (all sections)" "mm_strip core (all sections)"; do
    a=${bench_ns[$who]:-} f=${bench_ns[x42 fil4 (4 bands)]:-} l=${bench_ns[LSP compressor stereo (strip)]:-}
    if [ -n "$a" ] && [ -n "$f" ] && [ -n "$l" ]; then
        awk -v a="$a" -v f="$f" -v l="$l" -v w="$who" 'BEGIN {
            printf "  ratio %s / (fil4 + LSP compressor = %.1f) = %.2f\n", w, f + l, a / (f + l) }'
    fi
done
