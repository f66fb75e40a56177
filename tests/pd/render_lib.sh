# render_lib.sh: render a stereo WAV through one object in Pd, for the
# imager~ and multiband~ tests (sourced after tests/lib/pdrun.sh).
#
# mm_render <dir> <sr> <in.wav> "<object line>" ["<load msgs>"] [<ms> "<timed msgs>"]
# Plays in.wav (2 channels) into the object's two signal inlets, records
# its two signal outlets with tabwrite~ into tables sized like the input
# and writes them with [soundfiler] (synchronously, 32-bit float) to
# <dir>/out.wav, then quits. The rightmost outlet is printed with prefix
# "R:". <load msgs> go to the object before DSP starts; <timed msgs> go
# <ms> milliseconds after the start. Log: <dir>/pd.log.
mm_render() {
    local d=$1 sr=$2 wav=$3 obj=$4 msgs=${5:-} at=${6:-} atmsgs=${7:-}
    mkdir -p "$d"
    [ "$wav" -ef "$d/in.wav" ] || cp "$wav" "$d/in.wav"
    rm -f "$d/out.wav"
    {
        echo "#N canvas 0 0 900 600 12;"
        echo "#X obj 10 10 loadbang;"                                  # 0
        echo "#X obj 10 40 t b b b b;"                                 # 1
        echo "#X msg 200 70 read -resize in.wav mmr-a0 mmr-a1;"        # 2
        echo "#X obj 200 100 soundfiler;"                              # 3
        echo "#X msg 10 100 \\; pd dsp 1;"                             # 4
        echo "#X obj 10 400 t b b;"                                    # 5
        echo "#X msg 10 500 \\; pd quit;"                              # 6
        echo "#X obj 400 400 print R;"                                 # 7
        echo "#X obj 400 300 $obj;"                                    # 8
        if [ -n "$msgs" ]; then echo "#X msg 400 200 $msgs;"; else echo "#X obj 400 200 t b;"; fi # 9
        echo "#X msg 600 450 write -bytes 4 out.wav mmr-o0 mmr-o1;"    # 10
        echo "#X obj 600 500 soundfiler;"                              # 11
        echo "#X obj 10 200 table mmr-a0;"                             # 12
        echo "#X obj 10 250 tabplay~ mmr-a0;"                          # 13
        echo "#X obj 100 200 table mmr-a1;"                            # 14
        echo "#X obj 100 250 tabplay~ mmr-a1;"                         # 15
        echo "#X obj 600 200 table mmr-o0;"                            # 16
        echo "#X obj 600 250 tabwrite~ mmr-o0;"                        # 17
        echo "#X obj 700 200 table mmr-o1;"                            # 18
        echo "#X obj 700 250 tabwrite~ mmr-o1;"                        # 19
        echo "#X msg 200 130 \\; mmr-o0 resize \\\$1 \\; mmr-o1 resize \\\$1;" # 20
        echo "#X obj 300 40 delay ${at:-0};"                           # 21
        if [ -n "$atmsgs" ]; then echo "#X msg 300 70 $atmsgs;"; else echo "#X obj 300 70 t b;"; fi # 22
        echo "#X connect 0 0 1 0;"
        echo "#X connect 1 3 2 0;"
        echo "#X connect 2 0 3 0;"
        echo "#X connect 3 0 20 0;"
        echo "#X connect 1 2 9 0;"
        [ -n "$msgs" ] && echo "#X connect 9 0 8 0;"
        [ -n "$atmsgs" ] && { echo "#X connect 1 1 21 0;"; echo "#X connect 21 0 22 0;"; echo "#X connect 22 0 8 0;"; }
        echo "#X connect 1 0 4 0;"
        echo "#X connect 1 0 13 0;"
        echo "#X connect 1 0 15 0;"
        echo "#X connect 1 0 17 0;"
        echo "#X connect 1 0 19 0;"
        echo "#X connect 13 0 8 0;"
        echo "#X connect 15 0 8 1;"
        echo "#X connect 8 0 17 0;"
        echo "#X connect 8 1 19 0;"
        echo "#X connect 8 2 7 0;"
        echo "#X connect 13 1 5 0;"
        echo "#X connect 5 1 10 0;"
        echo "#X connect 10 0 11 0;"
        echo "#X connect 5 0 6 0;"
    } >"$d/t.pd"
    mm_pd "$sr" "$d/t.pd" >"$d/pd.log"
}
