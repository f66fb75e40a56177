#!/usr/bin/env bash
# Screenshots of the help patches in the real Pd GUI, to look at:
# build/helpshots/<name>.png (the patch's window; the reference subpatch
# too with --reference). Needs xvfb, puredata-gui, imagemagick, xdotool
# (scripts/deps.sh gui). Run after `make stage`.
#   scripts/helpshots.sh [--reference] [--play] [PATCH.pd ...]
#                                      (default: every help patch)
# --play clicks the patch's demo loop and DSP toggles (its [mm-demo~] and
# [mm-dsp~] panels; on a course page, the song's chorus) and waits PLAY_SECONDS (default 6) before the shot, so
# meters and spectra are seen moving.
set -u
ref=0 play=0
while [ $# -gt 0 ]; do
    case $1 in
        --reference) ref=1; shift ;;
        --play) play=1; shift ;;
        *) break ;;
    esac
done
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=$BUILD/helpshots
mkdir -p "$OUT"
disp=:$((90 + RANDOM % 9))
Xvfb "$disp" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xpid=$!
trap 'kill $xpid 2>/dev/null' EXIT
sleep 2
export DISPLAY=$disp
patches=("$@")
[ ${#patches[@]} -eq 0 ] && patches=(help-patches/*-help.pd)
# shot NAME PNG: waits until a window called NAME... is mapped (Pd and its
# GUI start slowly on a loaded machine: a shot taken before is black),
# gives Tk time to draw every box, then takes the screen where it is
shot() {
    local wid=
    for _ in $(seq 60); do
        wid=$(xdotool search --onlyvisible --name "^$1" 2>/dev/null | head -1)
        [ -n "$wid" ] && break
        sleep 0.5
    done
    sleep "${SHOT_DELAY:-5}"
    if [ -n "$wid" ] && [ -n "${3:-}" ]; then
        # the toggles' centres in the canvas, below Pd's menu bar
        for xy in $(toggles "$3"); do
            xdotool mousemove --window "$wid" "${xy%,*}" "$((${xy#*,} + MENU_H))" click 1
            sleep 0.3
        done
        sleep "${PLAY_SECONDS:-6}"
    fi
    if [ -n "$wid" ]; then
        xdotool windowraise "$wid" 2>/dev/null
        sleep 0.5
        eval "$(xdotool getwindowgeometry --shell "$wid")"
        import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$2"
    else
        echo "no window $1 (see the log beside $2)" >&2
        import -window root "$2"
    fi
    echo "$2"
}
# the play and DSP toggles of a patch's top-level [mm-demo~] and [mm-dsp~],
# and a course page's [section chorus, play(
# (their graph-on-parent panels start at 20,20 in the abstraction)
MENU_H=${MENU_H:-34}
toggles() {
    awk '$1 == "#X" && $2 == "msg" && $5 == "section" && $6 == "chorus" {print $3 + 8 "," $4 + 8}
         $1 == "#X" && $2 == "obj" && $5 ~ /^mm-demo~/ {print $3 + 10 + 9 "," $4 + 28 + 9}
         $1 == "#X" && $2 == "obj" && $5 ~ /^mm-dsp~/ {print $3 + 90 + 9 "," $4 + 4 + 9}' "$1"
}
# opens [pd reference] of the patch opened before it
printf '%s\n' '#N canvas 0 0 200 100 12;' '#X obj 20 20 loadbang;' \
    '#X obj 20 50 delay 1000;' '#X msg 20 80 \; pd-reference vis 1;' \
    '#X connect 0 0 1 0;' '#X connect 1 0 2 0;' >"$OUT/show-reference.pd"
for p in "${patches[@]}"; do
    n=$(basename "$p" .pd)
    pd -noprefs -nosound -path "$BUILD/pd/mixmaster" -open "$p" \
        >"$OUT/$n.log" 2>&1 &
    pid=$!
    shot "$(basename "$p")" "$OUT/$n.png" "$([ $play = 1 ] && echo "$p")"
    kill "$pid"; wait "$pid" 2>/dev/null
    [ $ref = 1 ] || continue
    pd -noprefs -nosound -path "$BUILD/pd/mixmaster" -open "$p" \
        -open "$OUT/show-reference.pd" >"$OUT/$n-reference.log" 2>&1 &
    pid=$!
    shot reference "$OUT/$n-reference.png"
    kill "$pid"; wait "$pid" 2>/dev/null
done
