# Shell helpers for Pd integration tests (sourced by tests/pd/test_*.sh).
# Needs BUILD (build dir) and OUT (this test's scratch dir).
: "${BUILD:=build}"
MM_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MM_LIB=$MM_TOP/$BUILD/pd/mixmaster
MM_TOOLS=$MM_TOP/$BUILD/tools

# The Pd to run: $PD (tests/run.sh makes a path absolute), default `pd`
# from PATH.
: "${PD:=pd}"

# mm_pd <samplerate> <patch.pd> : run a patch in batch mode, log to stdout
mm_pd() {
    local sr=$1 patch=$2
    (cd "$(dirname "$patch")" && timeout "${PD_TIMEOUT:-600}" "$PD" -batch \
        -noprefs -nosound -r "$sr" -stderr -path "$MM_TOP/$BUILD/pd" \
        -path "$MM_LIB" -path "$MM_TOP/tests/pd" -open "$(basename "$patch")") 2>&1
}

# mm_render <dir> <sr> <in.wav> <nch> "<object line>" <nouts> [options]
#   options: -load "<msgs>"      a message box sent to the object at load,
#                                before DSP starts (e.g. "ceiling -2, latency")
#            -at <ms> "<msgs>"   a message box sent <ms> ms after DSP starts
#            -block "<args>"     run the object under [block~ <args>]
#            -mc <k>             multichannel (Pd 0.54+): the first <k>
#                                channels reach the object's first inlet as
#                                one signal through [snake~ in <k>] (the
#                                others, e.g. a key, their own inlets), and
#                                its first outlet's channels go through
#                                [snake~ out <nouts>] to the recorders
# The one Pd render of the tests, the demo and the robustness suite: writes
# <dir>/t.pd and runs it in pd -batch at <sr> (log: <dir>/pd.log). in.wav
# (copied to <dir>/in.wav; <nch> channels, one table each) is played into
# the object's <nch> signal inlets; its <nouts> signal outlets are recorded
# with [tabwrite~] and written to <dir>/out.wav as 32-bit float by
# [soundfiler], which writes before it returns ([writesf~]'s writer thread
# may not have written anything when a fast batch run quits); with
# nouts = 0 out.wav holds one silent channel. The object's rightmost
# (info) outlet is printed as "R: ...". When the file has played the object
# is banged (meters report), out.wav is written, and Pd quits. The object
# sits in a subpatch [pd host] (with the [block~] when given).
mm_render() {
    local dir=$1 sr=$2 wav=$3 nch=$4 obj=$5 nouts=$6; shift 6
    local load="" at=0 atmsgs="" blk="" mc=0
    while [ $# -gt 0 ]; do
        case $1 in
        -load) load=$2; shift 2 ;;
        -mc) mc=$2; shift 2 ;;
        -at) at=$2; atmsgs=$3; shift 3 ;;
        -block) blk=$2; shift 2 ;;
        *) echo "mm_render: unknown option $1" >&2; return 2 ;;
        esac
    done
    mkdir -p "$dir"
    [ "$wav" -ef "$dir/in.wav" ] || cp "$wav" "$dir/in.wav"
    rm -f "$dir/out.wav"
    local nrec=$((nouts > 0 ? nouts : 1)) tables="" routs="" resize="" i
    for ((i = 0; i < nch; i++)); do tables+=" \$0-a$i"; done
    for ((i = 0; i < nrec; i++)); do
        routs+=" mm-out$i"    # global names: one render per Pd process
        resize+=" \\; mm-out$i resize \\\$1"
    done
    {
        echo "#N canvas 0 0 900 600 12;"
        echo "#X obj 10 10 loadbang;"                                 # 0
        echo "#X obj 10 40 t b b b b;"                                # 1
        echo "#X msg 200 70 read -resize in.wav$tables;"              # 2
        echo "#X obj 200 100 soundfiler;"                             # 3
        echo "#X msg 10 100 \\; pd dsp 1;"                          # 4
        echo "#X obj 10 400 t b b b;"                                 # 5
        echo "#X msg 10 500 \\; pd quit;"                           # 6
        # the host subpatch: inlets and outlets ordered by x position
        echo "#N canvas 0 0 900 400 host 0;"
        echo "#X obj 10 10 inlet;"
        for ((i = 0; i < nch; i++)); do echo "#X obj $((100 + 100 * i)) 10 inlet~;"; done
        echo "#X obj 10 150 $obj;"
        for ((i = 0; i < nouts; i++)); do echo "#X obj $((100 + 100 * i)) 300 outlet~;"; done
        echo "#X obj 700 300 print R;"
        [ -n "$blk" ] && echo "#X obj 700 10 block~ $blk;"
        local o=$((nch + 1))
        echo "#X connect 0 0 $o 0;"
        if [ "$mc" -gt 0 ]; then
            local si=$((o + 2 + nouts)) so
            [ -n "$blk" ] && si=$((si + 1))
            so=$((si + 1))
            echo "#X obj 100 80 snake~ in $mc;"                        # si
            [ "$nouts" -gt 0 ] && echo "#X obj 100 220 snake~ out $nouts;" # so
            for ((i = 0; i < mc; i++)); do echo "#X connect $((1 + i)) 0 $si $i;"; done
            echo "#X connect $si 0 $o 0;"
            for ((i = mc; i < nch; i++)); do echo "#X connect $((1 + i)) 0 $o $i;"; done
            [ "$nouts" -gt 0 ] && echo "#X connect $o 0 $so 0;"
            for ((i = 0; i < nouts; i++)); do echo "#X connect $so $i $((o + 1 + i)) 0;"; done
        else
            for ((i = 0; i < nch; i++)); do echo "#X connect $((1 + i)) 0 $o $i;"; done
            for ((i = 0; i < nouts; i++)); do echo "#X connect $o $i $((o + 1 + i)) 0;"; done
        fi
        echo "#X connect $o $nouts $((o + 1 + nouts)) 0;"
        echo "#X restore 400 300 pd host;"                            # 7
        if [ -n "$load" ]; then echo "#X msg 400 200 $load;"; else echo "#X obj 400 200 t b;"; fi # 8
        echo "#X msg 600 450 write -bytes 4 out.wav$routs;"          # 9
        echo "#X obj 600 500 soundfiler;"                             # 10
        echo "#X obj 300 40 delay $at;"                               # 11
        if [ -n "$atmsgs" ]; then echo "#X msg 300 70 $atmsgs;"; else echo "#X obj 300 70 t b;"; fi # 12
        echo "#X msg 200 130$resize;"                                 # 13
        local base=14
        for ((i = 0; i < nch; i++)); do
            echo "#X obj $((10 + i * 90)) 200 table \$0-a$i;"      # base + 2i
            echo "#X obj $((10 + i * 90)) 250 tabplay~ \$0-a$i;"   # base + 2i + 1
        done
        local rb=$((base + 2 * nch))
        for ((i = 0; i < nrec; i++)); do
            echo "#X obj $((600 + i * 90)) 300 table mm-out$i;"       # rb + 2i
            echo "#X obj $((600 + i * 90)) 350 tabwrite~ mm-out$i;"   # rb + 2i + 1
        done
        echo "#X connect 0 0 1 0;"
        echo "#X connect 1 3 2 0;"
        echo "#X connect 2 0 3 0;"
        echo "#X connect 3 0 13 0;"
        [ -n "$load" ] && { echo "#X connect 1 2 8 0;"; echo "#X connect 8 0 7 0;"; }
        [ -n "$atmsgs" ] && { echo "#X connect 1 1 11 0;"; echo "#X connect 11 0 12 0;"; echo "#X connect 12 0 7 0;"; }
        echo "#X connect 1 0 4 0;"
        for ((i = 0; i < nch; i++)); do
            local t=$((base + 2 * i + 1))
            echo "#X connect 1 0 $t 0;"
            echo "#X connect $t 0 7 $((1 + i));"
        done
        for ((i = 0; i < nrec; i++)); do
            local w=$((rb + 2 * i + 1))
            echo "#X connect 1 0 $w 0;"
            [ "$i" -lt "$nouts" ] && echo "#X connect 7 $i $w 0;"
        done
        echo "#X connect $((base + 1)) 1 5 0;"
        echo "#X connect 5 2 7 0;"
        echo "#X connect 5 1 9 0;"
        echo "#X connect 9 0 10 0;"
        echo "#X connect 5 0 6 0;"
    } >"$dir/t.pd"
    mm_pd "$sr" "$dir/t.pd" >"$dir/pd.log" 2>&1
}

# mm_render_stereo <name> <sr> <in.wav> "<object line>" ["<load msgs>"] [<ms> "<timed msgs>"]
# A two-in, two-out object through mm_render into $OUT/<name> (out.wav,
# pd.log); a FAIL line if Pd could not create something or said error.
mm_render_stereo() {
    local name=$1 d=$OUT/$1
    mm_render "$d" "$2" "$3" 2 "$4" 2 ${5:+-load "$5"} ${7:+-at "$6" "$7"}
    local e
    e=$(mm_pd_errors "$d/pd.log")
    [ -z "$e" ] || fail "$name pd: $e"
}

# Result lines the runner counts, prefixed with $MM_LABEL (the object or
# suite; set it after sourcing this file):
#   pass <text...>, fail <text...>
#   ok <what> <awk condition on v> <v> <text>: PASS or FAIL "<what> (<text>)"
#   le <a> <b>: status; both numbers given and a <= b
pass() { echo "PASS: ${MM_LABEL:+$MM_LABEL }$*"; }
fail() { echo "FAIL: ${MM_LABEL:+$MM_LABEL }$*"; }
ok() {
    if awk -v v="$3" "BEGIN{exit !($2)}"; then pass "$1 ($4)"; else fail "$1 ($4)"; fi
}
le() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN{exit !(a <= b)}'; }

# mm_pd_errors <log>: prints the first creation failure or error, if any
mm_pd_errors() {
    grep -m1 "couldn't create\|^error:" "$1"
}
