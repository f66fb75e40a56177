#!/usr/bin/env bash
# Screenshots of the help patches in the real Pd GUI, to look at:
# build/helpshots/<name>.png (the patch's window; the reference subpatch
# too with --reference). Needs xvfb, puredata-gui, imagemagick, xdotool
# (scripts/deps.sh gui). Run after `make stage`.
#   scripts/helpshots.sh [PATCH.pd ...]     (default: every help patch)
set -u
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
for p in "${patches[@]}"; do
    n=$(basename "$p" .pd)
    pd -noprefs -nosound -path "$BUILD/pd/mixmaster" -open "$p" \
        >"$OUT/$n.log" 2>&1 &
    pid=$!
    # wait until the patch's window is mapped (Pd and its GUI start slowly
    # on a loaded machine: a shot taken before is black), then give Tk
    # time to draw every box
    wid=
    for _ in $(seq 60); do
        wid=$(xdotool search --onlyvisible --name "^$(basename "$p")" \
              2>/dev/null | head -1)
        [ -n "$wid" ] && break
        sleep 0.5
    done
    sleep "${SHOT_DELAY:-5}"
    if [ -n "$wid" ]; then
        xdotool windowraise "$wid" 2>/dev/null
        sleep 0.5
        # the window's place on the root window: the screen as it looks
        eval "$(xdotool getwindowgeometry --shell "$wid")"
        import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage \
            "$OUT/$n.png"
    else
        echo "no window for $p (see $OUT/$n.log)" >&2
        import -window root "$OUT/$n.png"
    fi
    kill "$pid"; wait "$pid" 2>/dev/null
    echo "$OUT/$n.png"
done
