#!/usr/bin/env python3
"""mkhelp.py: writes the help patches of mixmaster's objects and
abstractions in the house style (doc/help-style.md, drawn by
scripts/helpstyle.py), then fills each object's [pd reference] from its
table (scripts/mkreference.py).

The example part of each patch is designed here, per object: the sound
source, the controls (initialised from the object's creation flags or its
table defaults), the live pictures, the advanced topics. Edit this file,
then `make help` (or python3 scripts/mkhelp.py); `--check` compares
instead of writing (tests/pd/test_layout.sh runs it).

  python3 scripts/mkhelp.py [--check] [--only NAME...] [--mmref PATH]

Not written here: mixer~, mixer-channel~, mixer-channel-stereo~
(scripts/mkmixer_help.py) and livemaster~ (scripts/mklivemaster_help.py).
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import helpstyle as hs  # noqa: E402
import mkreference as mr  # noqa: E402
from helpstyle import CW, Help  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, ".."))
DESC = {}


# ---- values from the table and the creation flags -----------------------------

def flags_of(box):
    """'-threshold -24 -ratio 4' -> {'threshold': ['-24'], 'ratio': ['4']}"""
    out, cur = {}, None
    for w in box.split()[1:]:
        if re.match(r"^-[a-z]", w):
            cur = w[1:]
            out[cur] = []
        elif cur:
            out[cur].append(w)
    return out


def value(name, box, param):
    """the value the object created from `box` starts with"""
    f = flags_of(box)
    if param in f and len(f[param]) == 1:
        w = f[param][0]
        try:
            return float(w)
        except ValueError:
            return w
    for r in DESC[name]["rows"]:
        if r["name"] == param:
            return r["default"]
    raise KeyError(param)


def row(name, param):
    for r in DESC[name]["rows"]:
        if r["name"] == param:
            return r
    raise KeyError(param)


def controls(h, name, box, params, x, y, send, colw=200, rows=6, step=26,
             prefix=""):
    """number boxes, toggles and radios for the object's parameters, in
    columns of `rows`; each starts at the object's value. Returns the
    bottom."""
    cx, cy, bottom = x, y, y
    for p in params:
        if p is None:           # a column break
            cx += colw
            cy = y
            continue
        r = row(name, p)
        v = value(name, box, p)
        cname = prefix + p
        unit = (" " + r["unit"]) if r["unit"] else ""
        if r["type"] == "bool":
            h.toggle(cx, cy, cname, v, p, "%s $1" % p, send)
            cy += step
        elif r["type"] == "choice":
            h.t(cx, cy, p + unit, len(p + unit) + 1)
            h.choice(cx, cy + 20, cname, r["choices"], str(v),
                     "%s $1" % p, send)
            cy += 20 + 18 * len(r["choices"]) + 8
        else:
            lo, hi = r["min"], r["max"]
            if r["off"] is not None:
                lo = min(lo, r["off"])
            h.number(cx, cy, cname, v, lo, hi, p + unit, "%s $1" % p, send)
            cy += step
        bottom = max(bottom, cy)
        if cy - y >= rows * step:
            cx += colw
            cy = y
    return bottom


def array_at_load(h, message, array, send, x=20, y=440):
    """at load, '<message> <array>' to the object (an array name with $0
    has to come from an object box: a message box has no $0 in Pd 0.53)"""
    cv = h.draw
    lb = h.o(x, y, "loadbang", cv)
    sy = h.o(x, y + 30, "symbol " + array, cv)
    m = h.m(x, y + 60, message + " $1", cv)
    s = h.o(x, y + 90, "s " + send, cv)
    h.c(lb, 0, sy, 0, cv)
    h.c(sy, 0, m, 0, cv)
    h.c(m, 0, s, 0, cv)


def finish(h, see_also, words=""):
    h.footer(see_also, words)
    return h


# ---- comp~ ------------------------------------------------------------------------

def comp():
    n = "comp~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro("Press play, switch DSP on in the listen panel, then move the "
            "controls on the right: the curve shows the static input/output "
            "levels, the bar how much comp~ turns the loop down now.")
    src = h.source(30, 124)
    box = "comp~ -ch 2 -threshold -24 -ratio 4 -release 120 -makeup 6"
    r = h.o(250, 206, "r $0-comp")
    c = h.o(30, 236, box)
    h.c(src, 0, c, 0)
    h.c(src, 1, c, 1)
    h.c(r, 0, c, 0)
    out = h.listen(30, 290)
    h.c(c, 0, out, 0)
    h.c(c, 1, out, 1)
    bottom = h.info_route(30, 380, (c, 2), ["gr", "latency"], 120,
                          ["dB", "samples"])
    h.bar(130, bottom + 20, 300, 18, "$0-i-gr", 0, -24, hs.RED,
          "gain reduction", [(0, "0"), (-6, "-6"), (-12, "-12"), (-18, "-18"),
                             (-24, "-24 dB")])
    # the controls
    h.panel(500, 58, 700, 200, "compressor: the values it starts with")
    controls(h, n, box, ["threshold", "ratio", "attack", "release", "knee",
                         "makeup", "mix", "link", "schpf", "bypass", "delta",
                         None, "detector"], 512, 84, "$0-comp", colw=170)
    h.messages(1060, 92, [("print", ""), ("reset", ""), ("latency", "")],
               "$0-comp", note_x=1120)
    # the curve
    h.graph(500, 310, "$0-curve", 91, 300, 240, -90, 12,
            [(0, "-90"), (30 / 90, "-60"), (60 / 90, "-30"), (1, "0 dB in")],
            [(12, "+12"), (0, "0"), (-30, "-30"), (-60, "-60"),
             (-90, "-90 out")],
            title="the static curve: output level over input level")
    array_at_load(h, "curve", "$0-curve", "$0-comp")
    h.t(860, 300, "comp~ draws its curve into an array (curve <array>) and "
        "redraws it whenever a setting changes. The knee rounds the corner "
        "at the threshold; above it the line rises 1 dB for every ratio dB "
        "in; makeup lifts the whole line.", 46)
    h.about(860, 450, "what-a-mixing-engineer-uses-it-for", [
        "- evening out a vocal or a bass: ratio 3-4, attack 5-20 ms, "
        "release 80-200 ms.",
        "- gluing a drum bus: ratio 2, attack 30 ms so the hits come "
        "through.",
        "- parallel (New York) compression: heavy settings and mix 30-50 %.",
        "- ducking music under a voice: [comp~ -ch 2 -sidechain 1] with "
        "the voice in the key inlet.",
        "- schpf 80-150 Hz keeps the kick from pumping the whole mix.",
        "- makeup brings the level back up; watch gr: 2-6 dB on a bus is "
        "plenty.",
        "- delta 1 plays only what the compressor takes away."])
    h.place_internals(860, 480)
    return finish(h, ["gate~", "strip~", "multiband~", "limiter~"])


PATCHES = {"comp~": comp}


# ---- main -----------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--mmref")
    ap.add_argument("--json")
    ap.add_argument("--help-dir", default=os.path.join(ROOT, "help-patches"))
    args = ap.parse_args()
    ns = argparse.Namespace(json=args.json, mmref=args.mmref)
    desc = mr.load_description(ns)
    for o in desc["objects"]:
        DESC[o["name"]] = o
    fails = 0
    for name, fn in PATCHES.items():
        if args.only and name not in args.only:
            continue
        h = fn()
        text = h.render()
        if name in DESC:
            _, sections = mr.read_guarantees(os.path.join(ROOT, "doc"), name)
            text, lay = mr.new_help_text(text, DESC[name], sections)
        path = os.path.join(args.help_dir, name + "-help.pd")
        if args.check:
            cur = open(path).read() if os.path.exists(path) else ""
            ok = cur == text
            print("%s: help %s: the patch is what scripts/mkhelp.py writes"
                  % ("PASS" if ok else "FAIL", name))
            fails += not ok
        else:
            with open(path, "w") as f:
                f.write(text)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
