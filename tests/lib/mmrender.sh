# mm_render <dir> <sr> <in.wav> <nch> "<object line>" <nouts> ["<msgs>"]
# Plays in.wav through the object in pd -batch (tests/lib/pdrun.sh's
# mm_player_patch: outputs recorded as 32-bit float into <dir>/out.wav,
# the info outlet printed as "R: ...", the object banged at the end).
# `msgs` is a message box content sent to the object at load, before DSP.
# Pd's log goes to <dir>/pd.log. Needs tests/lib/pdrun.sh sourced first.
mm_render() {
    local dir=$1 sr=$2 wav=$3 nch=$4 obj=$5 nouts=$6 msgs=${7:-}
    mkdir -p "$dir"
    [ -f "$dir/$(basename "$wav")" ] || cp "$wav" "$dir/"
    mm_player_patch "$dir/t.pd" "$dir/$(basename "$wav")" "$nch" "$obj" "$nouts" "$msgs"
    mm_pd "$sr" "$dir/t.pd" >"$dir/pd.log" 2>&1
}

# mm_pd_errors <log>: prints the first creation failure or error, if any
mm_pd_errors() {
    grep -m1 "couldn't create\|^error:" "$1"
}
