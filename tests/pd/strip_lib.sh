# Helpers for the strip~/eq~ tests (sourced). Needs pdrun.sh.
#
# mm_cases_patch <patch> <seconds> <case>...
# Each case is "freq amp nin | object line | msgs-at-times": a sine of
# freq Hz and peak amp (freq 0: silence) feeds the object's nin inputs;
# the object's two leftmost signal outlets are recorded; msgs-at-times is
# a ';'-less list "ms:message,ms:message" sent to the object at those
# logical times. After <seconds> every recording is written to out.wav
# with [soundfiler] (channels 2k, 2k+1 for case k) and Pd quits.
mm_cases_patch() {
    local p=$1 secs=$2; shift 2
    local n=$# i frames tabs="" idx k
    frames=$(awk -v s="$secs" -v r="${MM_CASE_SR:-48000}" 'BEGIN{printf "%d", s * r}')
    for ((i = 0; i < n; i++)); do tabs+=" \$0-l$i \$0-r$i"; done
    {
        echo "#N canvas 0 0 900 600 12;"
        echo "#X obj 10 10 loadbang;"                                  # 0
        echo "#X obj 10 40 t b b;"                                     # 1
        echo "#X msg 10 80 \\; pd dsp 1;"                              # 2
        echo "#X obj 200 40 delay $(awk -v s="$secs" 'BEGIN{print s * 1000}');" # 3
        echo "#X obj 200 80 t b b;"                                    # 4
        echo "#X msg 300 120 write -bytes 4 out.wav$tabs;"             # 5
        echo "#X obj 300 160 soundfiler;"                              # 6
        echo "#X msg 200 200 \\; pd quit;"                             # 7
        echo "#X connect 0 0 1 0;"
        echo "#X connect 1 1 2 0;"
        echo "#X connect 1 0 3 0;"
        echo "#X connect 3 0 4 0;"
        echo "#X connect 4 1 5 0;"
        echo "#X connect 5 0 6 0;"
        echo "#X connect 4 0 7 0;"
        idx=8
        for ((i = 0; i < n; i++)); do
            local spec=${@:$((i + 1)):1}
            local src obj msgs f a nin
            src=$(cut -d'|' -f1 <<<"$spec"); obj=$(cut -d'|' -f2 <<<"$spec")
            msgs=$(cut -d'|' -f3 <<<"$spec")
            read -r f a nin <<<"$src"
            local x=$((10 + 120 * (i % 7))) y=$((300 + 200 * (i / 7)))
            local osc=$idx amp=$((idx + 1)) o=$((idx + 2)) tl=$((idx + 3)) tr=$((idx + 4))
            echo "#X obj $x $y osc~ $f;"
            echo "#X obj $x $((y + 20)) *~ $a;"
            echo "#X obj $x $((y + 40)) $obj;"
            echo "#X obj $x $((y + 60)) tabwrite~ \$0-l$i;"
            echo "#X obj $((x + 50)) $((y + 60)) tabwrite~ \$0-r$i;"
            echo "#X obj $x $((y + 80)) table \$0-l$i $frames;"
            echo "#X obj $((x + 50)) $((y + 80)) table \$0-r$i $frames;"
            echo "#X connect $osc 0 $amp 0;"
            for ((k = 0; k < nin; k++)); do echo "#X connect $amp 0 $o $k;"; done
            echo "#X connect $o 0 $tl 0;"
            echo "#X connect $o 1 $tr 0;"
            echo "#X connect 1 0 $tl 0;"
            echo "#X connect 1 0 $tr 0;"
            idx=$((idx + 7))
            if [ -n "$msgs" ]; then
                local IFS=','
                for ev in $msgs; do
                    local ms=${ev%%:*} m=${ev#*:}
                    echo "#X obj $x $((y + 100)) delay $ms;"
                    echo "#X msg $x $((y + 120)) $m;"
                    echo "#X connect 1 0 $idx 0;"
                    echo "#X connect $idx 0 $((idx + 1)) 0;"
                    echo "#X connect $((idx + 1)) 0 $o 0;"
                    idx=$((idx + 2))
                done
                unset IFS
            fi
        done
    } >"$p"
}

# mm_level <wav> <channel> <from s> <to s> -> "rms_db peak_db"
mm_level() {
    "$MM_TOOLS/filtcheck" level "$1" "$2" "$3" "$4" | awk '{print $2, $4}'
}

# mm_within <value> <lo> <hi> : exit status
mm_within() { awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN{exit !(v >= lo && v <= hi)}'; }
