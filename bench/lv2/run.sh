#!/bin/sh
# Run the reference LV2 processors over one file with the settings from
# README.md (a fair match for mixmaster's limiter, EQ, compressor and
# multiband compressor) and print one line per processor:
#   lv2host name=<name> uri=<uri> frames=<n> channels=<c> ns_per_sample=<ns> latency=<l>
#
# usage: bench/lv2/run.sh [-b frames] [-r runs] in.wav [outdir]
#   outdir (default: a temporary directory) receives <name>.wav per processor.
#   LV2HOST names the host binary (default: lv2host beside this script).
# A processor that is not installed or fails prints
#   lv2host name=<name> uri=<uri> error=<reason>
# and the script goes on; the exit status is the number of failures.
here=$(cd "$(dirname "$0")" && pwd)
host=${LV2HOST:-$here/lv2host}
opts=""
while [ $# -gt 0 ]; do
    case $1 in
    -b|-r) opts="$opts $1 $2"; shift 2 ;;
    *) break ;;
    esac
done
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 [-b frames] [-r runs] in.wav [outdir]" >&2
    exit 64
fi
in=$1
out=${2:-$(mktemp -d)}
mkdir -p "$out" || exit 64
if [ ! -x "$host" ]; then
    echo "$0: $host not built (run $here/build.sh)" >&2
    exit 64
fi
fails=0

# run NAME URI [-c symbol=value]...
run() {
    name=$1 uri=$2
    shift 2
    # $opts is deliberately split into words
    # shellcheck disable=SC2086
    if line=$("$host" $opts "$@" "$uri" "$in" "$out/$name.wav" 2>"$out/$name.log"); then
        echo "$line" | sed "s/^lv2host /lv2host name=$name /"
    else
        why=$(tail -n 1 "$out/$name.log" | tr ' ' '_')
        echo "lv2host name=$name uri=$uri error=${why:-failed}"
        fails=$((fails + 1))
    fi
}

# band settings for the compressors: threshold -20 dB, ratio 4,
# attack 10 ms, release 100 ms, hard knee, peak detection, stereo-linked
# (LSP: side chain from max(|L|, |R|); Zam: gain reductions averaged)
lsp_band() {
    echo "-c al_$1=0.1 -c cr_$1=4 -c at_$1=10 -c rt_$1=100 -c kn_$1=1 -c scm_$1=0 -c scs_$1=5"
}
zam_band() {
    echo "-c toggle$1=1 -c thr$1=-20 -c rat$1=4 -c att$1=10 -c rel$1=100 -c kn$1=0"
}

# limiters, ceiling -1 dBTP
run x42_dpl 'http://gareus.org/oss/lv2/dpl#stereo' \
    -c threshold=-1 -c truepeak=1
run lsp_limiter http://lsp-plug.in/plugins/lv2/limiter_stereo \
    -c th=0.891251 -c boost=0 -c alr=0 -c ovs=6
run zam_maximx2 urn:zamaudio:ZaMaximX2 \
    -c ceil=-1 -c thresh=0

# 4-band parametric EQ (shelves off, 4 peaking sections)
run x42_fil4 'http://gareus.org/oss/lv2/fil4#stereo' \
    -c LSsec=0 -c HSsec=0 -c sec1=1 -c sec2=1 -c sec3=1 -c sec4=1 \
    -c freq1=160 -c freq2=400 -c freq3=1250 -c freq4=2500 \
    -c q1=0.6 -c q2=0.6 -c q3=0.6 -c q4=0.6 \
    -c gain1=3 -c gain2=-3 -c gain3=3 -c gain4=-3

# compressors
run lsp_compressor http://lsp-plug.in/plugins/lv2/compressor_stereo \
    -c al=0.1 -c cr=4 -c at=10 -c rt=100 -c kn=1 -c scm=0 -c scs=5
run zam_compx2 urn:zamaudio:ZamCompX2 \
    -c thr=-20 -c rat=4 -c att=10 -c rel=100 -c kn=0 -c stereodet=1

# multiband compressors: LSP with 4 bands (splits 100, 632, 3984 Hz),
# LSP with 3 bands like ZaMultiCompX2 (splits 160, 1400 Hz), ZaMultiCompX2
# (3 bands is all it has)
# shellcheck disable=SC2046
run lsp_mb_compressor_4band http://lsp-plug.in/plugins/lv2/mb_compressor_stereo \
    -c mode=0 -c envb=0 -c cbe_1=0 -c cbe_2=1 -c cbe_3=0 -c cbe_4=1 -c cbe_5=0 \
    -c cbe_6=1 -c cbe_7=0 -c sf_2=100 -c sf_4=632 -c sf_6=3984 \
    $(lsp_band 0) $(lsp_band 2) $(lsp_band 4) $(lsp_band 6)
# shellcheck disable=SC2046
run lsp_mb_compressor_3band http://lsp-plug.in/plugins/lv2/mb_compressor_stereo \
    -c mode=0 -c envb=0 -c cbe_1=0 -c cbe_2=1 -c cbe_3=0 -c cbe_4=1 -c cbe_5=0 \
    -c cbe_6=0 -c cbe_7=0 -c sf_2=160 -c sf_4=1400 \
    $(lsp_band 0) $(lsp_band 2) $(lsp_band 4)
# shellcheck disable=SC2046
run zam_multicompx2 urn:zamaudio:ZaMultiCompX2 \
    -c xover1=160 -c xover2=1400 -c stereodet=1 \
    $(zam_band 1) $(zam_band 2) $(zam_band 3)

exit $fails
