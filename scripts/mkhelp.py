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

Not written here: mixer-channel~ and mixer-channel-stereo~ (their help
patches are written by hand).
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
        if p is None:           # a column break (unless one just happened)
            if cy > y:
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


def array_at_load(h, message, array, send):
    """at load, '<message> <array>' to the object (an array name with $0
    has to come from an object box: a message box has no $0 in Pd 0.53)"""
    cv = h.draw
    x, y = h.draw_flow.take(hs.text_w("symbol " + array, message + " $1",
                                      "s " + send), 112)
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
    c, ly = chain(h, box, "$0-comp", [src, 0, src, 1], info=2)
    bottom = h.info_route(30, ly + 10, None, ["gr", "latency"], 120,
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



def chain(h, box, send, source=None, mono_out=False, info=None,
          y=236, rx=250, taps=(), info_x=None):
    """source -> [r send] + the object -> listen panel: the left column
    every sound-changing patch shares. The info outlet goes to
    [s $0-info] on the right of the listen panel, and `taps` (object box
    texts, e.g. a spectrum~) are fed from the object's first two outlets
    below it. Returns (the object's name, the listen panel's bottom)."""
    r = h.o(rx, y - 30, "r " + send)
    text = box if len(box) >= 48 else box + ", f 48"
    c = h.o(30, y, text)
    if source:
        for k in range(len(source) // 2):
            h.c(source[2 * k], source[2 * k + 1], c, k)
    h.c(r, 0, c, 0)
    lines = 1 + (len(box) > 60) + (len(box) > 120)
    bh = lines * 16 + 5
    if info is not None:
        # beside the taps' inlets, clear of the wires that feed them
        si = h.o(info_x or (420 if taps else 300), y + bh + 8, "s $0-info")
        h.c(c, info, si, 0)
    for k, tap in enumerate(taps):
        t = h.o(300, y + bh + 38 + 40 * k, tap + ", f 28")
        h.c(c, 0, t, 0)
        if not mono_out:
            h.c(c, 1, t, 1)
    ly = y + bh + 38 + 40 * max(1, len(taps))
    out = h.listen(30, ly)
    h.c(c, 0, out, 0)
    h.c(c, 0 if mono_out else 1, out, 1)
    return c, ly + 56


def intro_play(what):
    return ("Press play, switch DSP on below (the volume is for your ears "
            "only), then " + what)


def gate():
    n = "gate~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro(intro_play("raise the hiss: the gate opens on the hits and "
                       "closes on the hiss and hum between them."))
    src = h.source(30, 124)
    hiss = h.uid()  # [pd add-hiss], placed once its canvas is built
    # the hiss subpatch: noise and hum at about -50 dBFS, and env~
    sub = hs.Canvas("#N canvas 200 120 660 400 add-hiss 0;")
    ins = [h.o(20, 20, "inlet~", sub), h.o(200, 20, "inlet~", sub)]
    nz = h.o(20, 60, "noise~", sub)
    hum = h.o(100, 60, "osc~ 50", sub)
    mix = h.o(20, 90, "+~", sub)
    lvl = h.o(20, 120, "*~", sub)
    rh = h.o(140, 90, "r $0-c-hiss", sub)
    db = h.o(140, 120, "expr dbtorms($f1 + 100) * 0.5", sub)
    ln = h.o(140, 150, "line~", sub)
    aL = h.o(20, 200, "+~", sub)
    aR = h.o(200, 200, "+~", sub)
    oL = h.o(20, 320, "outlet~", sub)
    oR = h.o(200, 320, "outlet~", sub)
    env = h.o(320, 230, "env~ 2048", sub)
    e2 = h.o(320, 260, "- 100", sub)
    es = h.o(320, 290, "s $0-level", sub)
    sub.text(390, 40, hs.esc("hiss (noise) and 50 Hz hum at the level of "
                             "the hiss control, in both channels. env~ "
                             "measures the RMS level of the left channel "
                             "for the picture (the gate itself looks at "
                             "the peak).") + ", f 34")
    for a_, b_ in ((nz, mix), (mix, lvl), (rh, db), (db, ln), (aL, oL),
                   (aR, oR), (env, e2), (e2, es), (aL, env)):
        h.c(a_, 0, b_, 0, sub)
    h.c(hum, 0, mix, 1, sub)
    h.c(ln, 0, lvl, 1, sub)
    h.c(ins[0], 0, aL, 0, sub)
    h.c(ins[1], 0, aR, 0, sub)
    h.c(lvl, 0, aL, 1, sub)
    h.c(lvl, 0, aR, 1, sub)
    h.cv.sub(hiss, 30, 200, "add-hiss", sub)
    h.c(src, 0, hiss, 0)
    h.c(src, 1, hiss, 1)
    box = "gate~ -ch 2 -threshold -40 -range -60 -hold 80"
    h.number(360, 202, "hiss", -50, -70, -30, "hiss dBFS", "$1",
             "$0-hissdb")
    c, ly = chain(h, box, "$0-gate", [hiss, 0, hiss, 1], y=260, info=2,
                  rx=400)
    bottom = h.info_route(30, ly + 10, None, ["gating", "latency"], 120,
                          ["dB", "samples"])
    h.bar(150, bottom + 24, 300, 18, "$0-level", -80, 0, hs.BLUE,
          "input (env~ RMS)", [(-80, "-80"), (-60, "-60"), (-40, "-40"),
                               (-20, "-20"), (0, "0 dB")])
    h.marker(150, bottom + 24, 300, 18, "$0-c-threshold", -80, 0,
             "threshold", initial=-40)
    h.bar(150, bottom + 80, 300, 18, "$0-i-gating", 0, -80, hs.RED,
          "gating", [(0, "0"), (-20, "-20"), (-40, "-40"), (-60, "-60"),
                     (-80, "-80 dB")])
    h.panel(500, 58, 700, 200, "gate~: each box starts at the object's value")
    controls(h, n, box, ["threshold", "range", "attack", "hold", "release",
                         "hysteresis", "bypass", "delta"], 512, 84,
             "$0-gate", colw=200)
    h.messages(960, 92, [("print", ""), ("reset", ""), ("latency", "")],
               "$0-gate")
    h.t(520, 280, "The gate opens when the input's peak rises above the "
        "threshold and closes when it falls below threshold - hysteresis "
        "and the hold time has passed. Closed, it turns the sound down by "
        "range dB (-100 = off). The upper bar shows the input's RMS level "
        "(env~) under the threshold mark, the lower one the gate's gain "
        "now (0 = open). delta 1: hear what the gate removes.", 60)
    h.about(520, 420, "what-a-mixing-engineer-uses-it-for", [
        "- cutting hiss, hum and spill between the hits of a close-miked "
        "drum (tom and snare mics).",
        "- tightening a kick or a bass DI.",
        "- range -10 to -20 dB: a gentle expander that turns the bleed "
        "down instead of off.",
        "- hysteresis stops chatter when the level hovers near the "
        "threshold, hold keeps it open through the tail of a note.",
        "- [gate~ -ch 2 -sidechain 1]: the key inlet decides (a kick "
        "opening a gated noise or a bass)."])
    h.place_internals(520, 450)
    return finish(h, ["comp~", "strip~", "env~"])


def eq():
    n = "eq~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro(intro_play("change the bands on the right: the upper graph "
                       "is the response of the settings, the lower one the "
                       "sound after eq~."))
    src = h.source(30, 124)
    bands = [(1, "highpass", 40, None, 0.707), (2, "bell", 250, -3, 1.5),
             (3, "bell", 3000, 3, 1), (4, "highshelf", 10000, 2, 0.707)]
    box = "eq~ -ch 2 -bands 4 " + " ".join(
        "-band %d %s %g %g %g" % (k, t, f, g or 0, q)
        for k, t, f, g, q in bands)
    c, ly = chain(h, box, "$0-eq", [src, 0, src, 1], taps=[
        "spectrum~ -ch 2 -array $0-raw -smoothing 0.167 -tilt 4.5"])
    h.panel(500, 58, 700, 130, "bands: each box starts at the object's value")
    for i, (k, t, f, g, q) in enumerate(bands):
        x = 512 + 172 * i
        h.t(x, 80, "band %d %s" % (k, t), 20)
        fields = [("Hz", f, 10, 24000)]
        if g is not None:
            fields.append(("dB", g, -24, 24))
        fields.append(("q", q, 0.1, 20))
        msg = "band %d %s $1 %s" % (k, t, "$2 $3" if g is not None
                                    else "0 $2")
        hs.packed(h, x, 102, "b%d" % k, fields, msg, "$0-eq")
    h.toggle(512, 196, "bypass", 0, "bypass", "bypass $1", "$0-eq")
    h.toggle(612, 196, "delta", 0, "delta", "delta $1", "$0-eq")
    h.messages(740, 200, [("band 3 notch 3000 0 8", "try: a notch"),
                          ("band 4 off", "switch a band off"),
                          ("print", "every band to the Pd window")],
               "$0-eq", step=24, note_x=940, note_w=30)
    h.t(30, 560, "The number boxes do not follow the messages on the "
        "right: they show what they last sent.", 60)
    h.graph(500, 330, "$0-curve", 256, 330, 140, -24, 24,
            [(0, "20"), (1 / 3, "200"), (2 / 3, "2k"), (1, "20k Hz")],
            [(24, "+24"), (0, "0"), (-24, "-24 dB")],
            title="the response of the settings (curve)")
    array_at_load(h, "curve", "$0-curve", "$0-eq")
    h.graph(500, 530, "$0-spec", 256, 330, 100, -96, 0,
            [(0, "20"), (1 / 3, "200"), (2 / 3, "2k"), (1, "20k Hz")],
            [(0, "0"), (-48, "-48"), (-96, "-96 dB")],
            title="the sound after eq~ (spectrum~, tilt 4.5 dB/oct)")
    clipped_copy(h, "$0-raw", "$0-spec", -96)
    h.t(30, 490, "spectrum~ draws the loop after eq~ in 1/6 octave bands "
        "(tilt 4.5 dB/oct makes a typical mix look flat): move a band and "
        "watch the sound follow the curve.", 60)
    h.about(900, 330, "what-a-mixing-engineer-uses-it-for", [
        "- high-pass every track that has no business below 40-100 Hz "
        "(rumble and mic handling eat headroom).",
        "- cut before you boost: a narrow bell (q 4-8) at -3..-9 dB finds "
        "and tames a boxy or ringing resonance.",
        "- broad bells (q 0.5-1) and shelves shape tone: +2 dB high shelf "
        "for air, -3 dB around 250 Hz for mud.",
        "- notch a hum or a feedback frequency, band-pass a telephone "
        "voice, all-pass to align phase.",
        "- delta 1 lets you hear exactly what the bands add or remove, "
        "bypass 1 compares.",
        "- types: bell lowshelf highshelf lowpass highpass bandpass notch "
        "allpass, or off."])
    h.about(900, 360, "accuracy", [
        "Design: the poles of the analog prototype (RBJ cookbook s-domain "
        "forms) mapped by z = exp(sT), exact resonance and damping. The "
        "numerator is fitted so that the digital magnitude equals the "
        "analog one at DC, at the centre frequency and in the "
        "least-squares sense over the band (after M. Vicanek, Matched "
        "Second Order Digital Filters, 2016). A cut is the exact inverse "
        "of the boost.",
        "Measured by mixmaster's tests: bands centred at or below fs/8 (at "
        "44.1, 48 and 96 kHz) stay within 0.1 dB of the prototype up to "
        "fs/8, for bells, lowpass, bandpass and allpass (q 0.1 to 20), "
        "shelves (q 0.1 to 3), highpass and notch (q 0.3 to 20).",
        "Near Nyquist: a 10 kHz bell (q 1, +-12 dB) deviates at most 0.56 "
        "dB at 44.1 kHz and 0.42 dB at 48 kHz from 20 Hz to 20 kHz, where "
        "the bilinear RBJ design is off by 3.8 and 3.3 dB. Bands centred "
        "between fs/8 and 0.45 fs stay within about 1 to 1.5 dB up to 20 "
        "kHz (a notch's width there up to 6.7 dB).",
        "Smoothing: settings glide in log-frequency and dB (10 ms), "
        "redesigned every 16 samples with linear coefficient ramps. A "
        "change of type crossfades over 20 ms."])
    h.place_internals(900, 390)
    return finish(h, ["strip~", "multiband~", "spectrum~"])


def clipped_copy(h, raw, array, floor, size=256):
    """spectrum~ writes -144 dB for silence (and with DSP off): into a
    graph whose floor is higher that draws under the graph. spectrum~
    writes `raw` (a hidden [table]); every 100 ms [pd draw] copies it into
    the shown `array`, each point at least `floor`."""
    cv = h.draw
    x, y = h.draw_flow.take(hs.text_w("table %s %d" % (raw, size),
                                      "array get " + raw) + 200, 262)
    tb = h.o(x + 200, y, "table %s %d" % (raw, size), cv)
    lb = h.o(x, y, "loadbang", cv)
    mt = h.o(x, y + 30, "metro 100", cv)
    t = h.o(x, y + 60, "t b b b", cv)
    ag = h.o(x + 200, y + 90, "array get " + raw, cv)
    ls = h.o(x + 100, y + 210, "list store", cv)
    zero = h.m(x + 100, y + 90, "0", cv)
    n = h.m(x, y + 90, str(size), cv)
    un = h.o(x, y + 120, "until", cv)
    f = h.o(x, y + 150, "f", cv)
    inc = h.o(x + 40, y + 150, "+ 1", cv)
    tf = h.o(x, y + 180, "t f f", cv)
    get = h.m(x, y + 210, "get $1 1", cv)
    mx = h.o(x, y + 240, "max %g" % floor, cv)
    tw = h.o(x + 100, y + 240, "tabwrite " + array, cv)
    del tb
    for a_, b_ in ((lb, mt), (mt, t), (n, un), (un, f), (f, inc), (f, tf),
                   (tf, get), (get, ls), (ls, mx), (mx, tw)):
        h.c(a_, 0, b_, 0, cv)
    h.c(t, 0, n, 0, cv)
    h.c(t, 1, zero, 0, cv)
    h.c(t, 2, ag, 0, cv)
    h.c(zero, 0, f, 1, cv)
    h.c(inc, 0, f, 1, cv)
    h.c(ag, 0, ls, 1, cv)
    h.c(tf, 1, tw, 1, cv)


def floor_at_load(h, array, floor=-144):
    """an empty spectrum array reads the graph's floor, not 0 dB"""
    cv = h.draw
    x, y = h.draw_flow.take(hs.text_w("; %s const %g" % (array, floor)), 82)
    lb = h.o(x, y, "loadbang", cv)
    f = h.o(x, y + 30, "f $0", cv)
    m = h.m(x, y + 60, "; %s const %g" % (array.replace("$0", "$1"), floor),
            cv)
    h.c(lb, 0, f, 0, cv)
    h.c(f, 0, m, 0, cv)


def dither():
    n = "dither~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro("Switch DSP on, then fade: a 330 Hz tone falls from -6 to -90 "
            "dBFS in 8 s and starts again. At 8 bits you hear what "
            "word-length reduction does to a quiet sound, and the spectrum "
            "shows where the noise goes.")
    sub = hs.Canvas("#N canvas 200 120 520 360 fading-tone 0;")
    r = h.o(20, 20, "r $0-c-fade", sub)
    sel = h.o(20, 50, "sel 1", sub)
    mt = h.o(20, 80, "metro 8000", sub)
    m1 = h.m(20, 110, "94, 10 8000", sub)
    ln = h.o(20, 140, "line~", sub)
    dbt = h.o(20, 170, "dbtorms~", sub)
    osc = h.o(140, 170, "osc~ 330", sub)
    mul = h.o(20, 210, "*~", sub)
    out = h.o(20, 250, "outlet~", sub)
    m0 = h.m(120, 110, "0", sub)
    sub.text(200, 20, hs.esc("on: every 8 s a line from 94 to 10 dB "
                             "(Pd's 100 = 0 dBFS): -6 to -90 dBFS. off: "
                             "silence.") + ", f 36")
    for a_, b_ in ((r, sel), (sel, mt), (mt, m1), (m1, ln), (ln, dbt),
                   (dbt, mul), (mul, out)):
        h.c(a_, 0, b_, 0, sub)
    h.c(osc, 0, mul, 1, sub)
    h.c(sel, 1, m0, 0, sub)
    h.c(m0, 0, ln, 0, sub)
    h.c(sel, 1, mt, 0, sub)
    h.panel(30, 124, 320, 40, "", hs.SOURCE_BG)
    # the fade toggle needs no route: its value goes to the subpatch
    h.toggle(40, 135, "fade", 0, "fade -6..-90 dBFS (8 s)", "$1", "$0-x",
             route=False)
    tone = h.uid()
    h.cv.sub(tone, 30, 176, "fading-tone", sub)
    box = "dither~ -ch 1 -bits 8"
    c, ly = chain(h, box, "$0-dither", [tone, 0], mono_out=True, info=1,
                  taps=["spectrum~ -ch 1 -array $0-spec -smoothing 0.167"])
    bottom = h.info_route(30, ly + 10, None, ["clip", "latency"], 120,
                          ["samples", "samples"])
    h.panel(500, 58, 700, 150, "dither~: each control starts at the "
            "object's value")
    controls(h, n, box, ["bits", "delta", "autoblank", None, "type", None,
                         "shape"], 512, 84, "$0-dither", colw=170, rows=3)
    h.messages(1040, 92, [("seed 1", "same noise"), ("reset", ""),
                          ("print", "")], "$0-dither", note_x=1110,
               note_w=12)
    h.graph(500, 250, "$0-spec", 256, 460, 200, -144, 0,
            [(0, "20"), (1 / 3, "200"), (2 / 3, "2k"), (1, "20k Hz")],
            [(0, "0"), (-48, "-48"), (-96, "-96"), (-144, "-144 dB")],
            title="the output, seen by spectrum~ (1/6 octave)")
    floor_at_load(h, "$0-spec")
    h.t(500, 500, "With type none the fading tone turns into a buzzy, "
        "gated distortion and then stops dead: the rounding error follows "
        "the signal. With tpdf it fades smoothly into a steady hiss and "
        "stays audible below the last bit. Shape simple or fweighted moves "
        "the noise out of the 1-5 kHz region, where hearing is most "
        "sensitive, and up above 15 kHz: watch the floor tilt. bits 16: "
        "watch it fall. delta 1 plays only what dither~ adds.", 64)
    h.about(1010, 250, "what-each-type-is-for", [
        "none: plain rounding, only for signals already on the grid or "
        "for demonstrations.",
        "rpdf: one uniform number per sample. Removes distortion but lets "
        "the noise level breathe with the signal (noise modulation). "
        "Rarely the right choice.",
        "tpdf (the default): triangular. Error power constant and "
        "independent of the signal: the mastering standard.",
        "hp: TPDF with its noise tilted up (+6 dB/oct), a little less "
        "audible hiss at the same error power, no feedback.",
        "shape simple: gentle 2nd-order shaping, a few dB less noise "
        "across the audio band, more above 15 kHz. fweighted: a 9-tap "
        "curve after the threshold of hearing, about 22 dB less noise "
        "from 1 to 5 kHz at 44.1 kHz, a lot more above 15 kHz. Each is "
        "designed for the running sample rate. Shape only the very last "
        "stage: any later gain change or resampling spoils it.",
        "autoblank 1: no dither once every channel has been digitally "
        "silent for 0.5 s (true silence between tracks), back at once on "
        "signal. seed: the same seed gives the same noise (reproducible "
        "renders); by default every instance differs."])
    h.place_internals(1010, 290)
    return finish(h, ["limiter~", "loudness~", "spectrum~", "mastering~"])


def imager():
    n = "imager~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro("Switch DSP on and play the pad: detuned saws, different in "
            "each channel, over a 55 Hz bass that is wide too (55 Hz left, "
            "55.4 Hz right): the bass drifts out of phase and pulls the "
            "correlation towards -1 every 2.5 s. monobass 120 fixes it.")
    sub = hs.Canvas("#N canvas 200 120 600 400 wide-pad 0;")
    r = h.o(20, 20, "r $0-c-pad", sub)
    g = h.o(20, 50, "* 0.15", sub)
    gl = h.m(20, 80, "$1 50", sub)
    ln = h.o(20, 110, "line~", sub)
    vals = [("phasor~ 220", "phasor~ 220.9"), ("phasor~ 329.6",
                                               "phasor~ 328.7"),
            ("osc~ 55", "osc~ 55.4")]
    L = [h.o(140 + 0, 40 + 30 * i, a_, sub) for i, (a_, b_) in
         enumerate(vals)]
    R = [h.o(300, 40 + 30 * i, b_, sub) for i, (a_, b_) in enumerate(vals)]
    sL1 = h.o(140, 150, "+~", sub)
    sL2 = h.o(140, 180, "+~", sub)
    sR1 = h.o(300, 150, "+~", sub)
    sR2 = h.o(300, 180, "+~", sub)
    mL = h.o(140, 220, "*~", sub)
    mR = h.o(300, 220, "*~", sub)
    oL = h.o(140, 280, "outlet~", sub)
    oR = h.o(300, 280, "outlet~", sub)
    for a_, b_ in ((r, g), (g, gl), (gl, ln), (sL1, sL2), (sR1, sR2),
                   (sL2, mL), (sR2, mR), (mL, oL), (mR, oR)):
        h.c(a_, 0, b_, 0, sub)
    h.c(L[0], 0, sL1, 0, sub)
    h.c(L[1], 0, sL1, 1, sub)
    h.c(L[2], 0, sL2, 1, sub)
    h.c(R[0], 0, sR1, 0, sub)
    h.c(R[1], 0, sR1, 1, sub)
    h.c(R[2], 0, sR2, 1, sub)
    h.c(ln, 0, mL, 1, sub)
    h.c(ln, 0, mR, 1, sub)
    h.panel(30, 140, 320, 40, "", hs.SOURCE_BG)
    h.toggle(40, 151, "pad", 0, "play the wide pad", "$1", "$0-x",
             route=False)
    pad = h.uid()
    h.cv.sub(pad, 30, 192, "wide-pad", sub)
    box = "imager~"
    c, ly = chain(h, box, "$0-img", [pad, 0, pad, 1], y=250, info=2,
                  taps=["spectrum~ -ch 2 -view side -array $0-raw"], rx=400)
    bottom = h.info_route(30, ly + 10, None, ["correlation", "latency"], 130,
                          ["-1..1", "samples"])
    h.bar(130, bottom + 20, 300, 18, "$0-i-correlation", -1, 1, hs.GREEN,
          "correlation", [(-1, "-1"), (0, "0"), (1, "+1")])
    h.panel(500, 58, 700, 170, "imager~: each control starts at the "
            "object's value")
    controls(h, n, box, ["width", "mid", "side", "balance", "monobass",
                         None, "swap", "bypass", "delta"], 512, 84,
             "$0-img", colw=220, rows=5)
    h.messages(880, 84, [("xover 150 2000", "then:"),
                          ("widths 0 100 150", "narrow lows, widen highs"),
                          ("xover off", "one band again")], "$0-img",
               step=24, note_x=1030, note_w=24)
    for view, y0 in (("side", 300),):
        h.graph(500, y0, "$0-" + view, 256, 330, 160, -96, 0,
                [(0, "20"), (1 / 3, "200"), (2 / 3, "2k"),
                 (1, "20k Hz")],
                [(0, "0"), (-48, "-48"), (-96, "-96 dB")],
                title="%s: %s" % (view, "(L+R)/2, what mono keeps" if view
                                  == "mid" else "(L-R)/2, what mono loses"))
        clipped_copy(h, "$0-raw", "$0-" + view, -96)
    h.t(900, 270, "M = (L+R)/2, S = (L-R)/2. out L = M + w S, out R = M - "
        "w S with w = width/100. At the defaults the output is the input, "
        "bit for bit, with no latency.", 44)
    h.about(900, 380, "mono-compatibility", [
        "Whatever is in the side cancels when the mix is summed to mono "
        "(phone speakers, club systems, radio), and a correlation that "
        "stays below 0 means the mono sum loses level.",
        "Low frequencies carry most of the energy and give no direction "
        "cue, so mastering engineers put the bass in mono: monobass 100 "
        "to 150 Hz. On vinyl, side signal is vertical groove motion: too "
        "much bass in the side makes the stylus jump.",
        "What it is for: narrow a too-wide stereo synth (width 60), widen "
        "reverbs or overheads (width 130), pull the side down a dB or two "
        "to focus a master, fix a swapped or one-sided recording (swap, "
        "balance)."])
    h.place_internals(900, 410)
    return finish(h, ["multiband~", "spectrum~", "loudness~"])


def leveler():
    n = "leveler~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro(intro_play("switch the sections on: every 6 s the loop jumps "
                       "to -40, -12 dB, silence, -24 dB. leveler~ rides it "
                       "toward the target, slowly, and holds through the "
                       "silence."))
    src = h.source(30, 124)
    sub = hs.Canvas("#N canvas 200 120 560 380 sections 0;")
    ins = [h.o(20, 20, "inlet~", sub), h.o(300, 20, "inlet~", sub)]
    r = h.o(20, 60, "r $0-c-sections", sub)
    sel = h.o(20, 90, "sel 0", sub)
    m0 = h.m(20, 120, "0", sub)
    mt = h.o(100, 120, "metro 6000", sub)
    cnt = h.o(100, 150, "f", sub)
    inc = h.o(150, 150, "+ 1", sub)
    md = h.o(100, 180, "mod 4", sub)
    se = h.o(100, 210, "sel 0 1 2 3", sub)
    levels = ["-40", "-12", "-200", "-24"]
    ms = [h.m(100 + 50 * i, 240, v, sub) for i, v in enumerate(levels)]
    add = h.o(20, 270, "expr dbtorms($f1 + 100)", sub)
    lm = h.m(20, 300, "$1 50", sub)
    ln = h.o(20, 330, "line~", sub)
    mL = h.o(20, 360, "*~", sub)
    mR = h.o(300, 360, "*~", sub)
    oL = h.o(20, 400, "outlet~", sub)
    oR = h.o(300, 400, "outlet~", sub)
    sub.text(300, 60, hs.esc("off: the loop as it is. on: every 6 s the "
                             "next gain of -40, -12, -200 (silence) and "
                             "-24 dB.") + ", f 30")
    for a_, b_ in ((r, sel), (sel, m0), (mt, cnt), (cnt, md), (md, se),
                   (add, lm), (lm, ln), (mL, oL), (mR, oR), (inc, inc)):
        if a_ != b_:
            h.c(a_, 0, b_, 0, sub)
    h.c(cnt, 0, inc, 0, sub)
    h.c(inc, 0, cnt, 1, sub)
    h.c(sel, 1, mt, 0, sub)
    h.c(m0, 0, mt, 0, sub)
    h.c(m0, 0, add, 0, sub)
    for i, mm in enumerate(ms):
        h.c(se, i, mm, 0, sub)
        h.c(mm, 0, add, 0, sub)
    h.c(ins[0], 0, mL, 0, sub)
    h.c(ins[1], 0, mR, 0, sub)
    h.c(ln, 0, mL, 1, sub)
    h.c(ln, 0, mR, 1, sub)
    # the steps are relative to -40 dB: fix the messages
    for i, v in enumerate(levels):
        pass
    h.toggle(360, 140, "sections", 0, "sections", "$1", "$0-x",
             route=False)
    secs = h.uid()
    h.cv.sub(secs, 30, 200, "sections", sub)
    h.c(src, 0, secs, 0)
    h.c(src, 1, secs, 1)
    box = "leveler~ -ch 2"
    c, ly = chain(h, box, "$0-lev", [secs, 0, secs, 1], y=260, info=2,
                  rx=400)
    bottom = h.info_route(30, ly + 10, None, ["gain", "loudness", "frozen"],
                          110, ["dB", "LUFS", ""])
    h.bar(150, bottom + 24, 300, 18, "$0-i-loudness", -60, 0, hs.BLUE,
          "input LUFS", [(-60, "-60"), (-40, "-40"), (-20, "-20"),
                         (0, "0")])
    h.marker(150, bottom + 24, 300, 18, "$0-c-target", -60, 0, "target",
             initial=-16)
    h.bar(150, bottom + 80, 300, 18, "$0-i-gain", -12, 12, hs.GREEN,
          "gain", [(-12, "-12"), (0, "0"), (12, "+12 dB")])
    h.panel(500, 58, 700, 180, "leveler~: each control starts at the "
            "object's value")
    controls(h, n, box, ["target", "speed", "maxboost", "maxcut", "window",
                         "gate", None, "freeze", "bypass"], 512, 84,
             "$0-lev", colw=240)
    h.messages(1000, 92, [("reset", ""), ("print", ""), ("gain 0", "")],
               "$0-lev")
    h.t(520, 270, "gain: what leveler~ applies now (it starts at 0 dB). "
        "loudness: the input's K-weighted loudness over window (3 s). "
        "Below target + gate (LU) the input counts as a pause: the gain "
        "holds. It never moves faster than speed dB/s, nor beyond "
        "maxboost and maxcut. Zero latency: the first stage of live "
        "mastering (livemaster~ follows it with multiband~ and "
        "limiter~).", 64)
    h.place_internals(520, 420)
    return finish(h, ["livemaster~", "loudness~", "limiter~"])


def limiter():
    n = "limiter~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro(intro_play("push the input: the gain reduction grows, the "
                       "loudness after creeps up a few LU while the PLR "
                       "(true peak minus loudness) collapses."))
    src = h.source(30, 124)
    box = "limiter~ -ch 2 -ceiling -1"
    c, ly = chain(h, box, "$0-lim", [src, 0, src, 1], info=2, info_x=380)
    bottom = h.info_route(30, ly + 10, None, ["gr", "latency"], 120,
                          ["dB", "samples"])
    h.bar(130, bottom + 20, 300, 18, "$0-i-gr", 0, -24, hs.RED,
          "gain reduction", [(0, "0"), (-6, "-6"), (-12, "-12"),
                             (-18, "-18"), (-24, "-24 dB")])
    # loudness before and after
    lb = h.o(380, 206, "loudness~ -ch 2")
    h.c(src, 0, lb, 0)
    h.c(src, 1, lb, 1)
    la = h.o(400, 320, "loudness~ -ch 2")
    h.c(c, 0, la, 0)
    h.c(c, 1, la, 1)
    rb = h.o(430, 236, "s $0-before")
    h.c(lb, 0, rb, 0)
    ra = h.o(400, 350, "s $0-after")
    h.c(la, 0, ra, 0)
    cv = h.draw
    for i, who in enumerate(("before", "after")):
        dx, dy = h.draw_flow.take(260, 112)
        r = h.o(dx, dy, "r $0-" + who, cv)
        rt = h.o(dx, dy + 30, "route shortterm plr", cv)
        s1 = h.o(dx, dy + 60, "s $0-%s-st" % who, cv)
        s2 = h.o(dx + 120, dy + 90, "s $0-%s-plr" % who, cv)
        h.c(r, 0, rt, 0, cv)
        h.c(rt, 0, s1, 0, cv)
        h.c(rt, 1, s2, 0, cv)
    yb = bottom + 64
    h.t(30, yb, "loudness before and after limiter~:", 40)
    for i, who in enumerate(("before", "after")):
        y = yb + 24 + 26 * i
        h.t(30, y, who, 8)
        h.readout(100, y, "$0-%s-st" % who, "LUFS short-term")
        h.readout(300, y, "$0-%s-plr" % who, "PLR LU")
    h.panel(500, 58, 700, 170, "limiter~: each control starts at the "
            "object's value")
    controls(h, n, box, ["input", "ceiling", "release", "lookahead",
                         "link", None, "truepeak", "bypass", "delta"], 512,
             84, "$0-lim", colw=220, rows=5)
    h.messages(1000, 92, [("reset", ""), ("print", ""), ("latency", "")],
               "$0-lim")
    h.t(520, 250, "Keeps the output's true peak (the peaks between the "
        "samples that a DAC or a lossy encoder will make) under the "
        "ceiling, in dBTP. It looks ahead: the gain is fully down before "
        "each peak leaves the delay line and comes back smoothly after "
        "it. Latency = lookahead. input raises the level into it. Louder "
        "is not better: compare at equal loudness before you decide.", 64)
    h.about(520, 400, "what-engineers-use-it-for", [
        "- the last stage of a master: ceiling -1 dBTP for streaming, -2 "
        "for lossy encoders at low bit rates.",
        "- catching peaks on a live bus without audible pumping (release "
        "50 to 200 ms).",
        "- delta 1: check that it only touches the peaks.",
        "- truepeak 0 limits the samples only (cheaper, but the peaks "
        "between them can pass the ceiling)."])
    h.place_internals(520, 430)
    return finish(h, ["loudness~", "dither~", "leveler~", "mastering~"])


def loudness():
    n = "loudness~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro(intro_play("watch the meters. The tone is a 1 kHz sine at "
                       "-23 dBFS in both channels: it reads -23 LUFS."))
    src = h.source(30, 124)
    sub = hs.Canvas("#N canvas 200 120 520 360 add-tone 0;")
    ins = [h.o(20, 20, "inlet~", sub), h.o(300, 20, "inlet~", sub)]
    r = h.o(20, 60, "r $0-c-tone", sub)
    g = h.o(20, 90, "* 0.070795", sub)
    gm = h.m(20, 120, "$1 20", sub)
    ln = h.o(20, 150, "line~", sub)
    osc = h.o(140, 150, "osc~ 1000", sub)
    mul = h.o(140, 190, "*~", sub)
    aL = h.o(20, 240, "+~", sub)
    aR = h.o(300, 240, "+~", sub)
    oL = h.o(20, 290, "outlet~", sub)
    oR = h.o(300, 290, "outlet~", sub)
    sub.text(300, 80, hs.esc("0.070795 = -23 dBFS, added to both "
                             "channels: -23 LUFS (EBU Tech 3341).") +
             ", f 28")
    for a_, b_ in ((r, g), (g, gm), (gm, ln), (osc, mul), (aL, oL),
                   (aR, oR)):
        h.c(a_, 0, b_, 0, sub)
    h.c(ln, 0, mul, 1, sub)
    h.c(ins[0], 0, aL, 0, sub)
    h.c(ins[1], 0, aR, 0, sub)
    h.c(mul, 0, aL, 1, sub)
    h.c(mul, 0, aR, 1, sub)
    h.toggle(360, 140, "tone", 0, "tone", "$1", "$0-x", route=False)
    tone = h.uid()
    h.cv.sub(tone, 30, 200, "add-tone", sub)
    h.c(src, 0, tone, 0)
    h.c(src, 1, tone, 1)
    box = "loudness~ -ch 2"
    r = h.o(250, 236, "r $0-loud")
    c = h.o(30, 266, box)
    h.c(tone, 0, c, 0)
    h.c(tone, 1, c, 1)
    h.c(r, 0, c, 0)
    out = h.listen(400, 236)
    h.c(tone, 0, out, 0)
    h.c(tone, 1, out, 1)
    sels = ["momentary", "shortterm", "integrated", "lra", "samplepeak",
            "truepeak", "plr", "gain", "latency"]
    units = ["LUFS", "LUFS", "LUFS", "LU", "dBFS", "dBTP", "LU", "dB",
             "samples"]
    bottom = h.info_route(30, 320, (c, 0), sels, 98, units)
    for i, (sel, word) in enumerate((("momentary", "momentary"),
                                     ("shortterm", "short-term"))):
        y = bottom + 20 + 30 * i
        h.bar(130, y, 480, 20, "$0-i-" + sel, -60, 0,
              hs.GREEN if i == 0 else hs.BLUE, word)
    h.marker(130, bottom + 20, 480, 50, "$0-c-target", -60, 0, "target",
             initial=-14)
    for k in range(7):
        v = -60 + 10 * k
        h.t(130 + 80 * k - 10, bottom + 76, "%d" % v, 4)
    h.t(680, bottom + 76, "LUFS", 5)
    h.panel(700, 58, 500, 190, "loudness~: each control starts at the "
            "object's value")
    controls(h, n, box, ["target", "pause"], 712, 84, "$0-loud")
    h.t(712, 140, "targets: Spotify, YouTube, Tidal -14, Apple Music "
        "-16, EBU R128 broadcast -23, ATSC A/85 (US TV) -24 LUFS: gain = "
        "target minus integrated.", 36)
    h.messages(1010, 92, [("reset", "start anew"),
                          ("bang", "readings now"),
                          ("interval 100", "every 100 ms"),
                          ("interval 0", "only on bang"),
                          ("print", "")], "$0-loud", step=24, note_x=1110,
               note_w=13)
    h.t(700, 262, "-144 = silence or not measured yet. pause 1 stops "
        "integrated and LRA between takes (EBU mode).", 42)
    h.about(1020, 262, "about-loudness", [
        "LUFS: Loudness Units relative to Full Scale, how loud a mix "
        "sounds, not how high its level peaks. The signal is K-weighted "
        "(a high-pass and a high-shelf boost, roughly the ear) and the "
        "channels' energies are summed (ITU-R BS.1770). 1 LU = 1 dB.",
        "momentary: the last 400 ms. Jumps with every hit. short-term: "
        "the last 3 s, the one to watch while mixing.",
        "integrated: the whole piece since reset, gated (EBU R128): 400 "
        "ms blocks below -70 LUFS and blocks more than 10 LU below the "
        "running loudness are left out, so pauses and fades do not pull "
        "it down. Platforms and broadcasters normalize to this number.",
        "LRA, loudness range: the spread of the short-term loudness, 10th "
        "to 95th percentile, after a -20 LU relative gate (EBU Tech "
        "3342). A dense pop master has a few LU, a film or a symphony 15 "
        "or more.",
        "true peak: between two samples the rebuilt analog signal can "
        "rise above both. True peak looks between the samples "
        "(oversampling), so it reads at or above the sample peak, often "
        "by 1 dB or more on bright, limited masters. Keep it below -1 "
        "dBTP.",
        "PLR, peak to loudness ratio: true peak minus integrated, the "
        "room left for transients. Heavily limited masters sit around 8 "
        "LU or less.",
        "gain: target minus integrated, the dB a platform would add or "
        "remove to play your mix at its target (most only turn down)."])
    h.place_internals(1020, 292)
    return finish(h, ["limiter~", "leveler~", "dither~", "mastering~",
                      "env~"])


def multiband():
    n = "multiband~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro(intro_play("set each band on the right: the bars show each "
                       "band's gain reduction, the curve what the "
                       "compressors do to the spectrum right now."))
    src = h.source(30, 124)
    start = {"threshold": -24, "ratio": 2, "attack": 20, "release": 150,
             "knee": 6, "makeup": 0}
    box = "multiband~ -ch 2 -bands 4 -xover 120 1000 6000 " + " ".join(
        "-%s 0 %g" % (k, v) for k, v in start.items())
    c, ly = chain(h, box, "$0-mb", [src, 0, src, 1], y=236, info=2)
    bottom = h.info_route(30, ly + 10, None, ["gr", "latency"], 120,
                          ["<band> <dB>", "samples"])
    cv = h.draw
    dx, dy = h.draw_flow.take(4 * 90, 84)
    rr = h.o(dx, dy, "r $0-i-gr", cv)
    rt = h.o(dx, dy + 30, "route 1 2 3 4", cv)
    h.c(rr, 0, rt, 0, cv)
    for k in range(4):
        s_ = h.o(dx + 90 * k, dy + 60, "s $0-gr%d" % (k + 1), cv)
        h.c(rt, k, s_, 0, cv)
    h.t(30, bottom + 4, "gain reduction per band (dB):", 32)
    for k in range(4):
        h.bar(60 + 70 * k, bottom + 28, 18, 60, "$0-gr%d" % (k + 1), 0,
              -24, hs.RED, "band %d" % (k + 1), vertical=True)
    h.t(330, bottom + 22, "0 dB", 5)
    h.t(330, bottom + 76, "-24", 4)
    h.panel(500, 58, 700, 230, "per band: each box starts at the object's "
            "value")
    params = ["threshold", "ratio", "attack", "release", "knee", "makeup"]
    units = {"threshold": "dB", "ratio": "", "attack": "ms",
             "release": "ms", "knee": "dB", "makeup": "dB"}
    for k in range(4):
        h.t(600 + 110 * k, 80, "band %d" % (k + 1), 8)
    for i, p in enumerate(params):
        y = 102 + 24 * i
        h.t(512, y, p, 10)
        rw = [r_ for m in DESC[n]["methods"] if m["name"] == p
              for r_ in m["arg_rows"]][0]
        for k in range(4):
            h.number(600 + 110 * k, y, "%s%d" % (p, k + 1), start[p],
                     rw["min"], rw["max"], units[p] if k == 3 else "",
                     "%s %d $1" % (p, k + 1), "$0-mb")
    for i, p in enumerate(("solo", "mute")):
        y = 102 + 24 * (len(params) + i)
        h.t(512, y, p, 10)
        for k in range(4):
            h.toggle(600 + 110 * k, y, "%s%d" % (p, k + 1), 0, "",
                     "%s %d $1" % (p, k + 1), "$0-mb")
    controls(h, n, box, ["link", "bypass", "delta", None, "mode"], 1040,
             84, "$0-mb", colw=120, rows=3)
    h.graph(500, 330, "$0-curve", 256, 330, 140, -24, 12,
            [(0, "20"), (1 / 3, "200"), (2 / 3, "2k"), (1, "20k Hz")],
            [(12, "+12"), (0, "0"), (-24, "-24 dB")],
            title="what the compressors do to the spectrum now")
    dx, dy = h.draw_flow.take(hs.text_w("symbol $0-curve"), 142)
    lb = h.o(dx, dy, "loadbang", cv)
    mt = h.o(dx, dy + 30, "metro 100", cv)
    sy = h.o(dx, dy + 60, "symbol $0-curve", cv)
    cm = h.m(dx, dy + 90, "curve $1", cv)
    cs = h.o(dx, dy + 120, "s $0-mb", cv)
    for a_, b_ in ((lb, mt), (mt, sy), (sy, cm), (cm, cs)):
        h.c(a_, 0, b_, 0, cv)
    h.messages(900, 340, [("xover 150 800 5000", "move the crossovers"),
                          ("print", "every setting")], "$0-mb",
               note_x=1040, note_w=20)
    h.t(900, 420, "With no compression the bands sum to an allpass of the "
        "input: flat within 0.01 dB. Band 0 in a message means every band "
        "([threshold 0 -30(). mode ms compresses mid and side apart: "
        "[threshold side 0 -30(.", 44)
    h.about(900, 540, "what-it-is-for", [
        "Control each part of the spectrum on its own: tame a boomy low "
        "end without pumping the vocals, catch harsh 2-5 kHz peaks only "
        "when they happen, or (mode ms) hold a wide, loud side in check "
        "while the mid stays untouched.",
        "Listen with solo, and with delta: it plays only what the "
        "compressors take away (silence when nothing compresses).",
        "Use gentle ratios (1.5 to 3) and let each band reduce 1 to 3 dB "
        "on a master."])
    h.place_internals(900, 570)
    return finish(h, ["comp~", "imager~", "limiter~", "mastering~"])


def spectrum():
    n = "spectrum~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro("Switch DSP on in the listen panel and pick a source: the "
            "graph shows it as spectrum~ sees it, a steady tone at its "
            "level (a full-scale sine reads 0 dB), noise averaged over "
            "1/3 octave bands.")
    sub = hs.Canvas("#N canvas 120 120 700 460 source 0;")
    r = h.o(20, 20, "r $0-c-src", sub)
    sel = h.o(20, 50, "sel 0 1 2 3", sub)
    sw = h.o(20, 120, "line~", sub)
    swm = h.m(20, 90, "0, 20 20000", sub)
    mt = h.o(20, 150, "mtof~", sub)
    so = h.o(20, 180, "osc~", sub)
    sg = h.o(70, 180, "*~ 0.5", sub)
    nz = h.o(160, 120, "noise~", sub)
    ng = h.o(160, 150, "*~ 0.017", sub)
    t1 = h.o(260, 120, "osc~ 440", sub)
    t1g = h.o(260, 150, "*~ 0.25", sub)
    t2 = h.o(360, 120, "osc~ 3520", sub)
    t2g = h.o(360, 150, "*~ 0.05", sub)
    ap = h.o(460, 120, "osc~ 1000", sub)
    apg = h.o(460, 150, "*~ 0.5", sub)
    inv = h.o(460, 180, "*~ -1", sub)
    gates = [h.o(20 + 110 * k, 270, "*~", sub) for k in range(6)]
    lines = [h.o(20 + 110 * k, 240, "line~", sub) for k in range(3)]
    sL = h.o(20, 330, "+~", sub)
    sR = h.o(200, 330, "+~", sub)
    oL = h.o(20, 380, "outlet~", sub)
    oR = h.o(200, 380, "outlet~", sub)
    sub.text(360, 300, hs.esc("0 off, 1 sweep: 20 Hz to 20 kHz in 20 s at "
                              "-6 dBFS. 2 tones: white noise -40 dBFS + "
                              "440 Hz at -12 + 3520 Hz at -26 dBFS. 3 "
                              "antiphase: 1 kHz at -6 dBFS inverted in R "
                              "over noise the same in L and R (mid: only "
                              "the noise, side: only the tone).") + ", f 40")
    env = [h.m(20 + 110 * k, 210 + 0, "$1 20", sub) for k in range(3)]
    # selector -> which source gains are on
    for k, vals in enumerate(("0 0 0", "1 0 0", "0 1 0", "0 0 1")):
        mm = h.m(140 + 70 * k, 50, vals, sub)
        h.c(sel, k, mm, 0, sub)
        up = h.o(140 + 70 * k, 80, "unpack f f f", sub) if k == 0 else up
        h.c(mm, 0, up, 0, sub)
    h.c(r, 0, sel, 0, sub)
    h.c(sel, 1, swm, 0, sub)
    for k in range(3):
        h.c(up, k, env[k], 0, sub)
        h.c(env[k], 0, lines[k], 0, sub)
    # a trick: the sweep restarts each time it is chosen
    h.c(swm, 0, sw, 0, sub)
    h.c(sw, 0, mt, 0, sub)
    h.c(mt, 0, so, 0, sub)
    h.c(so, 0, sg, 0, sub)
    h.c(nz, 0, ng, 0, sub)
    h.c(t1, 0, t1g, 0, sub)
    h.c(t2, 0, t2g, 0, sub)
    h.c(ap, 0, apg, 0, sub)
    h.c(apg, 0, inv, 0, sub)
    # gates: sweep L, sweep R (same), tones: noise+t1+t2 L and R,
    # antiphase: tone L, inverted R, plus noise
    h.c(sg, 0, gates[0], 0, sub)
    h.c(lines[0], 0, gates[0], 1, sub)
    h.c(ng, 0, gates[1], 0, sub)
    h.c(t1g, 0, gates[1], 0, sub)
    h.c(t2g, 0, gates[1], 0, sub)
    h.c(lines[1], 0, gates[1], 1, sub)
    h.c(apg, 0, gates[2], 0, sub)
    h.c(ng, 0, gates[2], 0, sub)
    h.c(lines[2], 0, gates[2], 1, sub)
    h.c(inv, 0, gates[3], 0, sub)
    h.c(ng, 0, gates[3], 0, sub)
    h.c(lines[2], 0, gates[3], 1, sub)
    for k in (0, 1, 2):
        h.c(gates[k], 0, sL, 0, sub)
    for k in (0, 1, 3):
        h.c(gates[k], 0, sR, 0, sub)
    h.c(sL, 0, oL, 0, sub)
    h.c(sR, 0, oR, 0, sub)
    h.panel(30, 124, 320, 100, "source", hs.SOURCE_BG)
    h.choice(40, 150, "src", ["off", "sweep", "tones", "antiphase"], "off",
             "$1", "$0-x", route=False)  # straight to the subpatch
    srcn = h.uid()
    h.cv.sub(srcn, 30, 236, "source", sub)
    box = "spectrum~ -ch 2 -array $0-spec"
    r = h.o(300, 240, "r $0-spec-ctl")
    c = h.o(300, 270, box + ", f 28")
    h.c(srcn, 0, c, 0)
    h.c(srcn, 1, c, 1)
    h.c(r, 0, c, 0)
    out = h.listen(30, 290)
    h.c(srcn, 0, out, 0)
    h.c(srcn, 1, out, 1)
    rt = h.o(300, 330, "route peak")
    h.c(c, 0, rt, 0)
    up = h.o(300, 360, "unpack f f")
    h.c(rt, 0, up, 0)
    a1 = h.raw("#X floatatom 300 400 6 0 0 0 - - - 0;")
    a2 = h.raw("#X floatatom 390 400 6 0 0 0 - - - 0;")
    h.c(up, 0, a1, 0)
    h.c(up, 1, a2, 0)
    h.t(300, 424, "Hz", 3)
    h.t(390, 424, "dB", 3)
    h.t(300, 444, "the loudest point", 18)
    h.graph(500, 300, "$0-spec", 256, 560, 250, -144, 0,
            [(0, "20"), (0.1, "50"), (0.2, "100"), (1 / 3, "200"),
             (0.4 + 1 / 30, "500"), (2 / 3, "2k"), (0.8, "5k"),
             (1, "20k Hz")],
            [(0, "0"), (-24, "-24"), (-48, "-48"), (-72, "-72"),
             (-96, "-96"), (-120, "-120"), (-144, "-144 dB")],
            title="the array spectrum~ draws (256 points, 20 Hz to 20 kHz)")
    floor_at_load(h, "$0-spec")
    h.panel(500, 58, 700, 200, "spectrum~: each control starts at the "
            "object's value")
    controls(h, n, box, ["smoothing", "tilt", "decay", "hold", "freeze",
                         None, "view"], 512, 84, "$0-spec-ctl", colw=240)
    h.messages(1000, 92, [("reset", ""), ("print", "")], "$0-spec-ctl")
    h.t(30, 580, "smoothing averages noise over a band (octaves) while a "
        "steady tone keeps its level. tilt adds a slope about 1 kHz: 3 "
        "dB/oct makes pink noise flat, 4.5 a typical mix. decay: how fast "
        "the display falls. hold keeps the highest reading, freeze stops "
        "the display. view: sum (the mean of the channels), left, right, "
        "mid, side: try antiphase.", 64)
    h.place_internals(1000, 580)
    return finish(h, ["eq~", "dither~", "imager~", "loudness~"])


def strip():
    n = "strip~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro(intro_play("shape the loop's left channel. Order: trim, "
                       "phase, filters, gate, EQ and compressor, pan, "
                       "fader, mute."))
    src = h.source(30, 124)
    box = ("strip~ -ch 1 -hpf 40 -low 100 0 -lowmid 300 -3 1.5 -highmid "
           "2500 0 1 -high 9000 3 -threshold -24 -ratio 4 -attack 5 "
           "-release 120 -makeup 3")
    c, ly = chain(h, box, "$0-strip", [src, 0], info=2)
    bottom = h.info_route(30, ly + 10, None, ["inpeak", "outpeak", "gr",
                                            "gating"], 90,
                          ["dBFS", "L dBFS", "dB", "dB"])
    h.bar(130, bottom + 16, 300, 16, "$0-i-inpeak", -60, 0, hs.GREEN,
          "in peak")
    h.bar(130, bottom + 40, 300, 16, "$0-i-outpeak", -60, 0, hs.BLUE,
          "out peak (L)", [(-60, "-60"), (-40, "-40"), (-20, "-20"),
                           (0, "0 dBFS")])
    h.bar(130, bottom + 86, 300, 16, "$0-i-gr", 0, -24, hs.RED, "gr",
          [(0, "0"), (-12, "-12"), (-24, "-24 dB")])
    h.panel(500, 58, 700, 300, "strip~: each control starts at the "
            "object's value")
    controls(h, n, box, ["trim", "hpf", "lpf", "gate", "gaterange",
                         "phase", None, "threshold", "ratio", "attack",
                         "release", "makeup", "comp"], 512, 84, "$0-strip",
             colw=180, rows=6)
    x = 872
    h.t(x, 80, "EQ: Hz dB q", 16)
    y = 100
    for name_, fields in (("low", [("Hz", 100, 20, 20000),
                                   ("dB", 0, -24, 24)]),
                          ("lowmid", [("Hz", 300, 20, 20000),
                                      ("dB", -3, -24, 24),
                                      ("q", 1.5, 0.1, 10)]),
                          ("highmid", [("Hz", 2500, 20, 20000),
                                       ("dB", 0, -24, 24),
                                       ("q", 1, 0.1, 10)]),
                          ("high", [("Hz", 9000, 20, 20000),
                                    ("dB", 3, -24, 24)])):
        pass
    # EQ bands in one column of rows: name, then its fields across
    rows_ = (("low", [100, 0]), ("lowmid", [300, -3, 1.5]),
             ("highmid", [2500, 0, 1]), ("high", [9000, 3]))
    for k, (name_, vals) in enumerate(rows_):
        yy = 100 + 26 * k
        h.t(x, yy, name_, 8)
        fields = [("", vals[0], 20, 20000), ("", vals[1], -24, 24)]
        if len(vals) == 3:
            fields.append(("", vals[2], 0.1, 10))
        msg = "%s %s" % (name_, " ".join("$%d" % (i + 1)
                                         for i in range(len(vals))))
        # across: three number boxes of 5 digits
        for i, (lab, v, lo, hi) in enumerate(fields):
            pass
        packed_row(h, x + 64, yy, name_, fields, msg, "$0-strip")
    controls(h, n, box, ["pan", "fader", "mute", "eq"], x, 212, "$0-strip",
             colw=160, rows=4, step=24)
    controls(h, n, box, ["order"], 1060, 212, "$0-strip")
    controls(h, n, box, ["hpfslope"], 512, 250, "$0-strip")
    controls(h, n, box, ["panlaw"], 692, 250, "$0-strip")
    h.graph(500, 400, "$0-curve", 256, 300, 120, -18, 18,
            [(0, "20"), (1 / 3, "200"), (2 / 3, "2k"), (1, "20k")],
            [(18, "+18"), (0, "0"), (-18, "-18 dB")],
            title="EQ and filters (curve)")
    array_at_load(h, "curve", "$0-curve", "$0-strip")
    h.graph(880, 400, "$0-comp", 91, 160, 120, -90, 0,
            [(0, "-90"), (1, "0 in")], [(0, "0"), (-90, "-90 out")],
            title="compressor (compcurve)")
    array_at_load(h, "compcurve", "$0-comp", "$0-strip")
    h.messages(1100, 400, [("reset", ""), ("print", "")], "$0-strip")
    h.about(500, 566, "what-a-mixing-engineer-uses-it-for", [
        "- one strip per track, as on a console: trim to a healthy level, "
        "flip the phase of a bottom snare mic, high-pass everything that "
        "needs no lows (hpf 80-120 on vocals and guitars, 30-40 on bass "
        "and kick).",
        "- the gate tidies a tom or kick mic between hits (gate -40, "
        "gaterange -20 keeps some room, -80 is hard).",
        "- EQ before compression (eq-comp) makes the compressor react to "
        "the tone you chose, comp-eq keeps an EQ boost from driving the "
        "compressor harder.",
        "- pan with the law of your console: 3 dB (constant power) is the "
        "common choice, 4.5 dB a compromise, 6 dB sums to mono without a "
        "level jump, 0 dB is a balance knob. fader -100 is silence.",
        "- sidechain: [strip~ -ch 1 -sidechain 1] ducks a bass under the "
        "kick fed to the key inlet.",
        "- watch the peaks and gr: a strip that always shows 10 dB of gr "
        "is probably set too hard."], title=None)
    h.place_internals(800, 566)
    return finish(h, ["eq~", "comp~", "gate~", "mixer~"])


def packed_row(h, x, y, cname, fields, message, send):
    """like helpstyle.packed, the boxes side by side (4 digits each)"""
    cv = h.ctl
    for i, (label, v, lo, hi) in enumerate(fields):
        h.o(x + 58 * i, y, "nbx 4 18 %s %s 0 1 $0-c-%s-%d empty empty 0 -8 "
            "0 12 %s %s %s %s 256" % (hs.num(lo), hs.num(hi), cname, i,
                                      hs.BG, hs.FG, hs.FG, hs.num(v)))
    hs.pack_block(h, cname, fields, message, send)


# ---- the abstractions: ab~, mastering~, livemaster~ ----------------------------
# No table describes them: their [pd reference] is written here
# (hs.reference_canvas) and their controls start at the values the
# abstractions document.

AB_SUMMARY = "loudness-matched A/B comparison (an abstraction)"


def ab_reference():
    return hs.reference_canvas("ab~", AB_SUMMARY, [
        ("INLETS:", [
            ("1st, 2nd: signal", "A left and right (the 1st also takes "
             "every message)"),
            ("3rd, 4th: signal", "B left and right")]),
        ("OUTLETS:", [
            ("1st, 2nd: signal", "A or B (B with its matching gain), "
             "crossfaded in 20 ms. Latency 0."),
            ("3rd: info", "a <LUFS> and b <LUFS> (A's and B's loudness over "
             "the window, B before its gain), offset <dB> (the gain on B) "
             "every interval; select, match, hold when set; latency 0")]),
        ("MESSAGES (and flags: -select b ...):", [
            ("select a|b", "[a] which one you hear (a click-free "
             "crossfade)"),
            ("match 0|1", "[1] turn B up or down to A's loudness"),
            ("hold 0|1", "[0] freeze B's gain"),
            ("window <ms>", "[3000] 400..10000: below 1700 the momentary "
             "400 ms loudness is used, else the short-term 3 s"),
            ("interval <ms>", "[100] how often both meters report"),
            ("reset, bang, latency, print", "restart the meters; report "
             "now; report the latency; post the settings")])],
        [("MATCHING:", [
            "offset = A - B when both are above -70 LUFS (held through "
            "silence and while hold is on; 0 dB with match 0), clipped to "
            "+-24 dB, ramped over 100 ms at each reading."]),
         ("GUARANTEES:", [
             "With B = A + 6 dB, after 3 s both outputs measure within "
             "0.5 LU of each other.",
             "With match 0, B passes unchanged."])],
        "mixmaster %s, Pd %s or newer. An abstraction of vanilla objects "
        "and loudness~." % (hs.VERSION, hs.PD_MIN))


def make_b(h, x, y, src):
    """B for ab~'s help: the loop with its highs doubled, louder"""
    sub = hs.Canvas("#N canvas 200 120 520 300 make-B 0;")
    iL, iR = h.o(20, 20, "inlet~", sub), h.o(240, 20, "inlet~", sub)
    hL, hR = h.o(80, 60, "hip~ 2000", sub), h.o(300, 60, "hip~ 2000", sub)
    aL, aR = h.o(20, 100, "+~", sub), h.o(240, 100, "+~", sub)
    gL, gR = h.o(20, 140, "*~ 1.6", sub), h.o(240, 140, "*~ 1.6", sub)
    oL, oR = h.o(20, 200, "outlet~", sub), h.o(240, 200, "outlet~", sub)
    for i_, hp, a_, g_, o_ in ((iL, hL, aL, gL, oL), (iR, hR, aR, gR, oR)):
        h.c(i_, 0, hp, 0, sub)
        h.c(i_, 0, a_, 0, sub)
        h.c(hp, 0, a_, 1, sub)
        h.c(a_, 0, g_, 0, sub)
        h.c(g_, 0, o_, 0, sub)
    sub.text(20, 240, hs.esc("B: A with its highs (above 2 kHz) doubled, "
                             "then 4 dB louder: brighter and louder, the "
                             "usual trap.") + ", f 60")
    n = h.uid()
    h.cv.sub(n, x, y, "make-B", sub)
    h.c(src, 0, n, 0)
    h.c(src, 1, n, 1)
    return n


def ab():
    n = "ab~"
    h = Help(n, AB_SUMMARY)
    h.header(reference=ab_reference())
    h.intro(intro_play("pick A or B on the right. B is the loop brighter "
                       "and louder; with match on, ab~ turns B to A's "
                       "loudness, so you judge the sound, not the level."))
    src = h.source(30, 124)
    b = make_b(h, 400, 226, src)
    c, ly = chain(h, "ab~", "$0-ab", [src, 0, src, 1, b, 0, b, 1], y=300,
                  rx=440, info=2)
    bottom = h.info_route(30, ly + 10, None, ["a", "b", "offset"], 120,
                          ["LUFS", "LUFS", "dB"])
    h.panel(500, 58, 700, 120, "ab~: each control starts at ab~'s value")
    h.t(512, 84, "hear", 5)
    h.choice(560, 84, "select", ["a", "b"], "a", "select $1", "$0-ab")
    h.toggle(660, 84, "match", 1, "match (B to A's loudness)",
             "match $1", "$0-ab")
    h.toggle(660, 110, "hold", 0, "hold (freeze B's gain)", "hold $1",
             "$0-ab")
    h.number(660, 136, "window", 3000, 400, 10000, "window ms",
             "window $1", "$0-ab")
    h.number(900, 136, "interval", 100, 10, 1000, "interval ms",
             "interval $1", "$0-ab")
    h.messages(1120, 84, [("print", ""), ("reset", "")], "$0-ab")
    yb = 250
    h.t(500, yb - 30, "A's and B's loudness (LUFS), and the gain on B:", 50)
    for i, (who, col) in enumerate((("a", hs.BLUE), ("b", hs.ORANGE))):
        h.bar(600, yb + 34 * i, 400, 18, "$0-i-" + who, -60, 0, col,
              who.upper(), [] if i == 0 else [(-60, "-60"), (-40, "-40"),
                                               (-20, "-20"), (0, "0 LUFS")])
    h.bar(600, yb + 110, 400, 18, "$0-i-offset", -24, 24, hs.GREEN,
          "offset", [(-24, "-24"), (-12, "-12"), (0, "0"), (12, "+12"),
                     (24, "+24 dB")])
    h.t(500, yb + 170, "With match on the A and B bars stay apart (B is "
        "louder going in) while offset settles a few dB under 0: what you "
        "hear from B is turned down by that much. Switch match off and B jumps "
        "up: louder nearly always sounds better, which is why the "
        "comparison has to be matched.", 70)
    h.about(500, 560, "how-to-compare", [
        "- A before, B after a processor: take B from its outlets and A "
        "from the same source, so both are the same music at the same "
        "time.",
        "- Compare with your eyes closed: switch, wait a few seconds, "
        "switch again; decide before you look at which one is on.",
        "- hold 1 once the offset has settled keeps the gain steady while "
        "the music changes.",
        "- mastering~'s help compares the mix with the master this way."])
    h.place_internals(700, 560)
    return finish(h, ["mastering~", "loudness~", "livemaster~"])


MASTERING_SUMMARY = ("a stereo mastering chain with delivery presets, "
                     "learn, per-stage loudness and save/load (an "
                     "abstraction)")


def mastering_reference():
    return hs.reference_canvas("mastering~", MASTERING_SUMMARY, [
        ("INLETS:", [
            ("1st: signal", "left, and every message"),
            ("2nd: signal", "right")]),
        ("OUTLETS:", [
            ("1st, 2nd: signal", "the master, delayed by the limiter's "
             "lookahead (5 ms, reported)"),
            ("3rd: info", "every stage's readings with its name first "
             "(limiter gr -2.1, multiband gr 2 -1.5), the master's "
             "integrated, truepeak, lra, plr and loudness ... (the output "
             "meter), input ... (the meter before the chain), stage <name> "
             "delta <LU>, latency <samples>, learn start <s> then learn "
             "gain <dB> <LUFS> or learn failed no signal, saved <path>")]),
        ("FLAGS:", [
            "-preset <name>, -target <LUFS>, -ceiling <dBTP>: at creation, "
            "after the default preset streaming."]),
        ("MESSAGES:", [
            ("preset <name>", "streaming, apple, ebu, cd, club, none: the "
             "target and every stage's settings (see PRESETS)"),
            ("learn <s>", "record the programme for s seconds, then set the "
             "limiter's input gain so the master lands on the target"),
            ("target <LUFS>", "override the preset's loudness target"),
            ("ceiling <dBTP>", "override the preset's ceiling"),
            ("bypass 0|1", "every stage, latency-compensated"),
            ("save <file>, load <file>", "the whole chain's state as a text "
             "file beside the patch, one message a line"),
            ("interval, latency, print, reset, bang", "meters' period; "
             "report the latency; post; clear; report now"),
            ("<stage> <message>", "eq, multiband, imager, limiter, dither "
             "or loudness first: to that stage ([limiter delta 1( [eq band "
             "2 bell 3000 -1 1()")])],
        [("PRESETS (target LUFS / ceiling dBTP):", [
            "On a neutral base: every band off, no compression, width 100, "
            "limiter ceiling -1, release 50, lookahead 5, dither 24 bits "
            "TPDF.",
            ("streaming -14 / -1", "HPF 25 Hz, -1 dB at 250 Hz, +1 dB shelf "
             "above 10 kHz, multiband -24 dB ratio 1.5, mono bass below "
             "100 Hz, limiter release 80 ms"),
            ("apple -16 / -1", "as streaming, gentler: -0.5 dB at 250 Hz, "
             "+0.5 dB shelf, -26 dB ratio 1.3, limiter release 100"),
            ("ebu -23 / -1", "EBU R128 broadcast: HPF 30 Hz, -1 dB at 250 "
             "Hz, -28 dB ratio 1.3, mono bass below 120 Hz"),
            ("cd -9 / -0.3", "a loud CD master: +1.5 dB shelf above 8 kHz, "
             "-20 dB ratio 2, width 105, dither 16 bits with noise "
             "shaping"),
            ("club -8 / -0.3", "+1 dB at 60 Hz, -1 dB at 300, -18 dB ratio "
             "2.5, mono bass below 150 Hz, limiter release 50"),
            ("none -14 / -1", "the neutral base")]),
         ("LEARN AND SAVE:", [
             "learn restarts the meters, records the programme at the "
             "limiter's input, then searches the limiter's input gain (a "
             "few renders of the recording through a copy of the limiter, "
             "in the background) so that the master's integrated loudness "
             "lands on the target (within 0.05 LU on that recording); the "
             "gain is sent as [limiter input <dB>( and kept in the state.",
             "load first resets every stage to the neutral base, then plays "
             "the file."]),
         ("GUARANTEES:", [
             "After learn on a mix the master lands within 0.5 LU of the "
             "target, its true peak at or under the ceiling, for every "
             "preset."])],
        "mixmaster %s, Pd %s or newer. An abstraction: eq~ -> multiband~ "
        "-> imager~ -> limiter~ -> dither~, metered by loudness~." % (
            hs.VERSION, hs.PD_MIN))


def mastering_readings(h):
    """in [pd draw]: the info outlet's nested readings to receive names"""
    cv = h.draw
    x, y = h.draw_flow.take(600, 260)
    r = h.o(x, y, "r $0-info", cv)
    rt = h.o(x, y + 30, "route limiter stage learn loudness", cv)
    h.c(r, 0, rt, 0, cv)
    gr = h.o(x, y + 70, "route gr", cv)
    sg = h.o(x, y + 100, "s $0-i-lgr", cv)
    h.c(rt, 0, gr, 0, cv)
    h.c(gr, 0, sg, 0, cv)
    st = h.o(x + 100, y + 110, "route eq multiband imager limiter dither",
             cv)
    h.c(rt, 1, st, 0, cv)
    for k, stage in enumerate(("eq", "multiband", "imager", "limiter",
                               "dither")):
        d = h.o(x + 100 + 90 * k, y + 140 + (k % 2) * 30, "route delta", cv)
        s_ = h.o(x + 100 + 90 * k, y + 200 + (k % 2) * 30,
                 "s $0-i-%s" % stage, cv)
        h.c(st, k, d, 0, cv)
        h.c(d, 0, s_, 0, cv)
    lg = h.o(x + 200, y + 70, "route gain", cv)
    h.c(rt, 2, lg, 0, cv)
    un = h.o(x + 290, y + 70, "unpack f f", cv)
    h.c(lg, 0, un, 0, cv)
    sl = h.o(x + 380, y + 70, "s $0-i-learned", cv)
    h.c(un, 0, sl, 0, cv)
    sh = h.o(x + 480, y + 70, "route shortterm", cv)
    h.c(rt, 3, sh, 0, cv)
    ss = h.o(x + 480, y + 100, "s $0-i-st", cv)
    h.c(sh, 0, ss, 0, cv)


def mastering():
    n = "mastering~"
    h = Help(n, MASTERING_SUMMARY)
    h.header(reference=mastering_reference())
    h.intro(intro_play("pick a preset, click learn 20 and let the loop "
                       "play: the master lands on the preset's loudness. "
                       "ab~ compares master and mix, matched."))
    src = h.source(30, 124)
    r = h.o(250, 206, "r $0-m")
    m = h.o(200, 236, "mastering~, f 18")
    h.c(src, 0, m, 0)
    h.c(src, 1, m, 1)
    h.c(r, 0, m, 0)
    si = h.o(400, 250, "s $0-info")
    h.c(m, 2, si, 0)
    c, ly = chain(h, "ab~", "$0-ab", [m, 0, m, 1, src, 0, src, 1], y=310,
                  rx=430)
    h.c(c, 2, h.o(400, 340, "s $0-abinfo"), 0)
    bottom = h.info_route(30, ly + 10, None, ["integrated", "truepeak",
                                              "lra", "plr"], 110,
                          ["LUFS", "dBTP", "LU", "LU"])
    h.t(30, bottom, "A = the master, B = the mix: ab~ matches the mix to "
        "the master's loudness.", 62)
    # the controls
    h.panel(500, 58, 700, 236, "the chain: what it does (it starts with "
            "preset streaming)")
    h.t(512, 84, "1 preset", 9)
    h.choice(512, 104, "preset", ["streaming", "apple", "ebu", "cd", "club",
                                  "none"], "streaming", "preset $1", "$0-m")
    h.t(660, 84, "2 play 20 s, then the limiter's input gain is learned:",
        56)
    h.messages(680, 108, [("learn 20", ""), ("limiter input 0",
                                             "forget it")], "$0-m",
               note_x=800, note_w=12)
    h.readout(960, 108, "$0-i-learned", "dB learned", width=6)
    h.t(660, 194, "3 hear what a stage adds or takes away, compare:", 50)
    h.toggle(680, 218, "ldelta", 0, "limiter delta", "limiter delta $1",
             "$0-m")
    h.toggle(680, 244, "mdelta", 0, "multiband delta", "multiband delta $1",
             "$0-m")
    h.toggle(680, 270, "bypass", 0, "bypass (every stage)", "bypass $1",
             "$0-m")
    h.t(900, 218, "ab~ plays", 10)
    h.choice(980, 218, "abselect", ["a", "b"], "a", "select $1", "$0-ab")
    h.t(1020, 218, "the master", 11)
    h.t(1020, 236, "the mix", 11)
    h.messages(1110, 108, [("target -12", ""), ("ceiling -2", ""),
                           ("print", "")], "$0-m", step=26)
    # the pictures
    mastering_readings(h)
    yb = 330
    h.t(500, yb, "the master now:", 16)
    h.bar(640, yb + 26, 360, 18, "$0-i-st", -40, 0, hs.BLUE, "short-term",
          [(-40, "-40"), (-30, "-30"), (-20, "-20"), (-14, "-14"),
           (0, "0 LUFS")])
    h.bar(640, yb + 76, 360, 18, "$0-i-lgr", 0, -12, hs.RED,
          "limiter gr", [(0, "0"), (-6, "-6"), (-12, "-12 dB")])
    h.t(500, yb + 128, "each stage's loudness change (LU, integrated):", 50)
    for k, stage in enumerate(("eq", "multiband", "imager", "limiter",
                               "dither")):
        h.readout(500 + 110 * k, yb + 172, "$0-i-" + stage, "",
                  label=stage)
    # the spectrum of what ab~ plays: flip a/b to see what mastering did
    sp = h.o(290, 384, "spectrum~ -ch 2 -array $0-raw -smoothing 0.167 "
             "-tilt 4.5, f 24")
    h.c(c, 0, sp, 0)
    h.c(c, 1, sp, 1)
    h.graph(500, 562, "$0-spec", 256, 330, 76, -96, 0,
            [(0, "20"), (1 / 3, "200"), (2 / 3, "2k"), (1, "20k Hz")],
            [(0, "0"), (-48, "-48"), (-96, "-96 dB")],
            title="what ab~ plays (spectrum~, tilt 4.5 dB/oct): flip a/b")
    clipped_copy(h, "$0-raw", "$0-spec", -96)
    h.about(920, 562, "how-a-master-is-made", [
        "- Mix first: mastering~ polishes a finished mix, it cannot fix "
        "the balance of the instruments.",
        "- Pick the preset of where the music goes (streaming, apple, ebu "
        "broadcast, cd, club), play the loudest typical part and learn: "
        "the limiter then works a few dB at most.",
        "- Watch limiter gr: more than 3-4 dB on the loud parts squashes "
        "the drums; lower the target instead.",
        "- Compare with ab~ (matched): the master should sound better, "
        "not only louder.",
        "- save my-master.txt keeps everything (a text file beside your "
        "patch); load my-master.txt brings it back."])
    h.place_internals(920, 602)
    return finish(h, ["ab~", "livemaster~", "loudness~", "limiter~",
                      "eq~", "multiband~"])


LIVEMASTER_SUMMARY = ("automatic live mastering (an abstraction: "
                      "leveler~ -> multiband~ -> limiter~, metered by "
                      "loudness~)")


def livemaster_reference():
    return hs.reference_canvas("livemaster~", LIVEMASTER_SUMMARY, [
        ("INLETS:", [
            ("1st: signal", "left, and every message"),
            ("2nd: signal", "right")]),
        ("OUTLETS:", [
            ("1st, 2nd: signal", "left, right (delayed by the latency)"),
            ("3rd: info", "readings (selector value...) for [route]")]),
        ("FLAGS:", [
            "-target <LUFS> -ceiling <dBTP> -character gentle|medium|firm "
            "(defaults -16, -1, gentle). Every message is also a flag: "
            "-freeze 1, -rest 0, -bypass 1, -load <file> ... A word that "
            "is no message is an error naming livemaster~."]),
        ("MESSAGES:", [
            ("target <LUFS>", "-40..-5 [-16]: the leveler's target, the "
             "multiband's thresholds (target + offset) and the meter's "
             "target at once"),
            ("ceiling <dBTP>", "-24..0 [-1]: the limiter's true-peak "
             "ceiling"),
            ("character <word>", "gentle|medium|firm [gentle]: how hard the "
             "multiband works (threshold target+8/+5/+2 dB, ratio "
             "1.5/2/3)"),
            ("freeze 0|1", "[0]: hold the leveler's gain"),
            ("bypass 0|1", "[0]: output = input delayed by the latency"),
            ("rest <s>", "0..600 [5]: after that long below target - 30 "
             "LU the gain slides down (3 dB/s) to min(0, target + 6) dB, "
             "ready for a loud entry. 0 = off"),
            ("save <file>, load <file>", "the settings and the leveler's "
             "gain as a text file of messages (beside your patch)"),
            ("latency, print, reset, bang, interval <ms>", "report the "
             "latency; post; clear every stage; report now; meters' "
             "period"),
            ("<stage> <message>", "leveler, multiband, limiter or loudness "
             "first: to that stage ([limiter release 50( [leveler speed "
             "3()")])],
        [("INFO OUTPUTS:", [
            ("leveler gain <dB>", "the leveler's gain now (also leveler "
             "loudness, leveler frozen)"),
            ("multiband gr <band> <dB>", "each band's gain reduction"),
            ("limiter gr <dB>", "the limiter's gain reduction"),
            ("loudness shortterm <LUFS>", "the output's short-term loudness "
             "(and momentary, integrated, lra, truepeak, samplepeak, plr, "
             "gain)"),
            ("latency <samples>", "the chain's total: the limiter's 4 ms "
             "lookahead")]),
         ("GUARANTEES:", [
             "Latency 4 ms (192 samples at 48 kHz): at most 5 ms.",
             "Music jumping between sections at -40 and -6 LUFS: short-term "
             "loudness within 2 LU of the target 10 s after each jump "
             "(measured: within 0.5 LU).",
             "True peak never above the ceiling by more than 0.1 dB "
             "(measured: -1.09 dBTP for a -1 ceiling).",
             "30 s of silence, then a -6 LUFS entry: short-term overshoot "
             "at most 3 LU (measured 0.4 LU; 7 LU without rest).",
             "Output finite through NaN/inf bursts, DSP off/on and sample "
             "rate changes; memory flat over an hour."]),
         ("NOTES:", [
             "Inside: leveler~ -speed 6 -window 2000 -gate -30 -maxboost 30 "
             "-maxcut 24, multiband~ -bands 4 -xover 120 1000 6000, "
             "limiter~ -lookahead 4 -release 80, loudness~ on the output.",
             "The leveler steers by its own input, so the multiband after "
             "it lowers the output a little below the target (about 1 LU "
             "with firm).",
             "A loud jump with no pause (a quiet verse straight into a loud "
             "chorus) is caught by the limiter until the leveler has come "
             "down (6 dB/s)."])],
        "mixmaster %s, Pd %s or newer. An abstraction of leveler~, "
        "multiband~, limiter~ and loudness~." % (hs.VERSION, hs.PD_MIN))


def performance(h):
    """a 58 s performance that loops: quiet, pause, loud, medium, loud
    (the section's name to $0-now)"""
    cv = hs.Canvas("#N canvas 120 80 900 580 performance 0;")
    cv.text(20, 10, hs.esc("A 58 s performance that loops: a quiet intro, "
                           "a 16 s pause, a loud entry, a medium verse, a "
                           "loud chorus. Drums, bass and a chord, all in "
                           "Pd.") + ", f 100")
    cv.obj("lb", 20, 60, "loadbang")
    cv.obj("m", 20, 90, "metro 500")
    cv.obj("f", 20, 120, "f")
    cv.obj("inc", 60, 120, "+ 0.5")
    cv.obj("mod", 20, 150, "mod 58")
    cv.obj("sec", 20, 180, "expr ($f1>=10) + ($f1>=26) + ($f1>=36) + "
           "($f1>=46)")
    cv.obj("chg", 20, 210, "change -1")
    cv.obj("sel", 20, 240, "sel 0 1 2 3 4")
    levels = ((-34, "quiet"), (-200, "pause"), (-6, "loud"), (-20, "medium"),
              (-8, "chorus"))
    for i, (db, word) in enumerate(levels):
        cv.msg("s%d" % i, 20 + 80 * i, 270, "%d %s" % (db, word))
        cv.c("sel", i, "s%d" % i, 0)
    cv.obj("unp", 20, 300, "unpack f s")
    for i in range(5):
        cv.c("s%d" % i, 0, "unp", 0)
    cv.obj("lvl", 20, 330, "t f")
    cv.obj("sym", 200, 330, "symbol")
    cv.obj("oname", 200, 360, "s $0-now")
    cv.c("unp", 1, "sym", 0)
    cv.c("sym", 0, "oname", 0)
    cv.obj("db", 20, 360, "+ 100")
    cv.obj("rms", 20, 390, "dbtorms")
    cv.msg("ramp", 20, 420, "$1 300")
    cv.obj("line", 20, 450, "line~")
    cv.chain("lb", "m", "f", "mod", "sec", "chg", "sel")
    cv.c("f", 0, "inc", 0)
    cv.c("inc", 0, "f", 1)
    cv.c("unp", 0, "lvl", 0)
    cv.chain("lvl", "db", "rms", "ramp", "line")
    X = 450     # the band: kick, hats, bass, chord
    cv.obj("beat", X, 60, "metro 500")
    cv.obj("half", X + 100, 60, "metro 250")
    cv.c("lb", 0, "beat", 0)
    cv.c("lb", 0, "half", 0)
    cv.msg("ke", X, 90, "1, 0 180".replace(",", " \\,"))
    cv.obj("kv", X, 120, "vline~")
    cv.obj("ko", X, 150, "osc~ 50")
    cv.obj("k", X, 180, "*~")
    cv.chain("beat", "ke", "kv")
    cv.c("kv", 0, "k", 1)
    cv.c("ko", 0, "k", 0)
    cv.msg("he", X + 100, 90, "0.5, 0 40".replace(",", " \\,"))
    cv.obj("hv", X + 100, 120, "vline~")
    cv.obj("hn", X + 180, 120, "noise~")
    cv.obj("hh", X + 180, 150, "hip~ 6000")
    cv.obj("h", X + 100, 180, "*~")
    cv.chain("half", "he", "hv")
    cv.chain("hn", "hh")
    cv.c("hv", 0, "h", 0)
    cv.c("hh", 0, "h", 1)
    cv.obj("bp", X + 280, 60, "phasor~ 55")
    cv.obj("bl", X + 280, 90, "lop~ 300")
    cv.obj("bg", X + 280, 120, "*~ 0.5")
    cv.chain("bp", "bl", "bg")
    cv.obj("c1", X + 280, 160, "osc~ 220")
    cv.obj("c2", X + 370, 160, "osc~ 277.2")
    cv.obj("c3", X + 280, 190, "osc~ 329.6")
    cv.obj("cs", X + 280, 220, "+~")
    cv.obj("cs2", X + 280, 250, "+~")
    cv.obj("cg", X + 280, 280, "*~ 0.08")
    cv.c("c1", 0, "cs", 0)
    cv.c("c2", 0, "cs", 1)
    cv.c("cs", 0, "cs2", 0)
    cv.c("c3", 0, "cs2", 1)
    cv.chain("cs2", "cg")
    cv.obj("mixL", X, 330, "+~")
    cv.obj("mixL2", X, 360, "+~")
    cv.obj("mixR", X + 120, 330, "+~")
    cv.obj("mixR2", X + 120, 360, "+~")
    for a_, b_, i_ in (("k", "mixL", 0), ("h", "mixL", 1), ("k", "mixR", 0),
                       ("bg", "mixR", 1), ("mixL", "mixL2", 0),
                       ("bg", "mixL2", 1), ("mixR", "mixR2", 0),
                       ("cg", "mixR2", 1), ("cg", "mixL2", 1),
                       ("h", "mixR2", 1)):
        cv.c(a_, 0, b_, i_)
    cv.obj("gL", X, 450, "*~")
    cv.obj("gR", X + 120, 450, "*~")
    cv.c("mixL2", 0, "gL", 0)
    cv.c("mixR2", 0, "gR", 0)
    cv.c("line", 0, "gL", 1)
    cv.c("line", 0, "gR", 1)
    cv.obj("oL", X, 520, "outlet~")
    cv.obj("oR", X + 120, 520, "outlet~")
    cv.chain("gL", "oL")
    cv.chain("gR", "oR")
    n = h.uid()
    return n, cv


def livemaster_readings(h):
    """in [pd draw]: the info outlet's nested readings to receive names"""
    cv = h.draw
    x, y = h.draw_flow.take(640, 200)
    r = h.o(x, y, "r $0-info", cv)
    rt = h.o(x, y + 30, "route leveler multiband limiter loudness", cv)
    h.c(r, 0, rt, 0, cv)
    lg = h.o(x, y + 70, "route gain", cv)
    h.c(rt, 0, lg, 0, cv)
    h.c(lg, 0, h.o(x, y + 100, "s $0-i-lgain", cv), 0, cv)
    mg = h.o(x + 110, y + 70, "route gr", cv)
    h.c(rt, 1, mg, 0, cv)
    bands = h.o(x + 110, y + 100, "route 1 2 3 4", cv)
    h.c(mg, 0, bands, 0, cv)
    for k in range(4):
        s_ = h.o(x + 110 + 80 * k, y + 130 + 30 * (k % 2),
                 "s $0-gr%d" % (k + 1), cv)
        h.c(bands, k, s_, 0, cv)
    lim = h.o(x + 230, y + 70, "route gr", cv)
    h.c(rt, 2, lim, 0, cv)
    h.c(lim, 0, h.o(x + 330, y + 70, "s $0-i-limgr", cv), 0, cv)
    ld = h.o(x + 330, y + 200, "route shortterm integrated truepeak", cv)
    h.c(rt, 3, ld, 0, cv)
    for k, nm in enumerate(("st", "int", "tp")):
        h.c(ld, k, h.o(x + 330 + 100 * k, y + 230, "s $0-i-" + nm, cv), 0,
            cv)


def livemaster():
    n = "livemaster~"
    h = Help(n, LIVEMASTER_SUMMARY)
    h.header(reference=livemaster_reference())
    h.intro("Put it last, before the speakers or the stream: it rides the "
            "level toward a loudness target, glues with a gentle multiband "
            "compressor and keeps true peaks under the ceiling. Switch DSP "
            "on below and watch a performance go by.", width=62)
    h.panel(30, 124, 320, 72, "a performance (a 58 s loop)",
            hs.SOURCE_BG)
    pn, pcv = performance(h)
    h.cv.sub(pn, 40, 150, "performance", pcv)
    h.raw("#X symbolatom 150 150 10 0 0 0 - \\$0-now - 0;")
    h.t(250, 150, "now", 4)
    box = "livemaster~ -target -16 -ceiling -1"
    c, ly = chain(h, box, "$0-lm", [pn, 0, pn, 1], y=236, info=2, rx=160)
    y0 = ly + 16
    h.t(30, y0, "the output:", 12)
    h.readout(30, y0 + 44, "$0-i-st", "", label="short-term")
    h.readout(140, y0 + 44, "$0-i-int", "", label="integrated")
    h.readout(250, y0 + 44, "$0-i-tp", "", label="true peak")
    h.t(30, y0 + 70, "LUFS", 5)
    h.t(140, y0 + 70, "LUFS", 5)
    h.t(250, y0 + 70, "dBTP", 5)
    h.t(30, y0 + 110, "Try a target of -23 (broadcast) or -14 (streams); "
        "watch the gain come down in the pause before the loud entry "
        "(rest); freeze; bypass (time-aligned).", 62)
    livemaster_readings(h)
    # the controls
    h.panel(500, 58, 700, 150, "livemaster~: each control starts at its "
            "value")
    h.number(512, 84, "target", -16, -40, -5, "target LUFS", "target $1",
             "$0-lm")
    h.number(512, 110, "ceiling", -1, -24, 0, "ceiling dBTP", "ceiling $1",
             "$0-lm")
    h.number(512, 136, "rest", 5, 0, 600, "rest s", "rest $1", "$0-lm")
    h.t(720, 84, "character", 10)
    h.choice(720, 104, "character", ["gentle", "medium", "firm"], "gentle",
             "character $1", "$0-lm")
    h.toggle(850, 84, "freeze", 0, "freeze", "freeze $1", "$0-lm")
    h.toggle(850, 110, "bypass", 0, "bypass", "bypass $1", "$0-lm")
    h.messages(990, 84, [("leveler speed 3", ""),
                         ("limiter release 50", ""),
                         ("save livemaster-state.txt", ""),
                         ("print", "")], "$0-lm", step=24)
    # the pictures
    yb = 250
    h.t(500, yb, "what it does now:", 18)
    h.bar(640, yb + 30, 360, 18, "$0-i-st", -40, 0, hs.BLUE, "short-term",
          [(-40, "-40"), (-30, "-30"), (-20, "-20"), (-10, "-10"),
           (0, "0 LUFS")])
    h.marker(640, yb + 30, 360, 18, "$0-c-target", -40, 0, "target",
             initial=-16)
    h.bar(640, yb + 86, 360, 18, "$0-i-lgain", -24, 24, hs.GREEN,
          "leveler gain", [(-24, "-24"), (-12, "-12"), (0, "0"),
                           (12, "+12"), (24, "+24 dB")])
    h.bar(640, yb + 140, 360, 18, "$0-i-limgr", 0, -12, hs.RED,
          "limiter gr", [(0, "0"), (-6, "-6"), (-12, "-12 dB")])
    h.t(1040, yb + 10, "multiband gr", 13)
    for k in range(4):
        h.bar(1050 + 34 * k, yb + 40, 18, 90, "$0-gr%d" % (k + 1), 0, -12,
              hs.RED, str(k + 1), vertical=True)
    h.t(1040, yb + 156, "0..-12 dB", 10)
    h.about(500, 560, "how-it-works", [
        "- The leveler rides the level toward target (quiet passages up, "
        "loud ones down, at most 6 dB/s); the multiband glues with "
        "thresholds set from the target; the limiter holds the ceiling "
        "with 4 ms of lookahead.",
        "- rest: after 5 s of pause (below target - 30 LU) the gain slides "
        "down, so a loud entry after a long pause is not blasted out.",
        "- Messages that start with a stage's name go to that stage "
        "(leveler speed 3, multiband ratio 0 2, limiter release 50, "
        "loudness reset).",
        "- save writes the settings and the leveler's gain (a text file "
        "beside your patch); load plays it back."])
    h.place_internals(760, 560)
    return finish(h, ["leveler~", "multiband~", "limiter~", "loudness~",
                      "mastering~"])


# ---- mixer~ and demosong~ (abstractions: the demo song and its mix) ----------

import demomix  # noqa: E402
from mkdemosong import BARS, SECTIONS, STEMS  # noqa: E402
from pdpatch import Canvas  # noqa: E402


def plain_toggle(h, x, y, cname, value=0):
    """a toggle without a label (its row is named at the panel's left),
    init on: it shows and sends `value` at load"""
    h.o(x, y, "tgl 18 1 $0-c-%s empty empty 24 9 0 12 %s %s %s %s 1"
        % (cname, hs.BG, hs.FG, hs.FG, hs.num(value)))


def plain_number(h, x, y, cname, value, lo, hi, digits=4):
    """an IEM number box without a label, init on"""
    h.o(x, y, "nbx %d 18 %s %s 0 1 $0-c-%s empty empty 0 -8 0 12 %s %s %s "
        "%s 256" % (digits, hs.num(lo), hs.num(hi), cname, hs.BG, hs.FG,
                    hs.FG, hs.num(value)))


FADER_LO, FADER_HI, FADER_H = -60, 6, 133    # 0.5 dB a pixel


def fader(h, x, y, cname, value):
    """a vertical slider -60..+6 dB, init on at `value` (Pd saves a
    slider's position in hundredths of a pixel: 0.5 dB a pixel makes
    every whole dB exact)"""
    pos = (value - FADER_LO) / (FADER_HI - FADER_LO) * (FADER_H - 1) * 100
    h.o(x, y, "vsl 18 %d %d %d 0 1 $0-c-%s empty empty 0 -9 0 12 %s %s %s "
        "%d 1" % (FADER_H, FADER_LO, FADER_HI, cname, hs.BG, hs.FG, hs.FG,
                  round(pos)))


MIXER_SUMMARY = ("a mixing console: channel strips, two effect sends, a "
                 "reverb and a delay return, a metered master (an "
                 "abstraction)")


def mixer_reference():
    return hs.reference_canvas("mixer~", MIXER_SUMMARY, [
        ("INLETS:", [
            ("1st..Nth: signal", "one per channel (N = -ch, 1..16, "
             "default 8), two per channel with -stereo 1 (N = 2 x -ch, "
             "-ch 1..8): channel k reads inlets 2k-1 (left) and 2k "
             "(right)"),
            ("1st: messages", "every message below")]),
        ("OUTLETS:", [
            ("1st, 2nd: signal", "the master bus, left and right. Latency "
             "0 unless a strip~ reports some (then every channel is "
             "delayed to the largest)"),
            ("3rd: info", "see INFO OUTPUTS")]),
        ("FLAGS:", [
            ("-ch <n>", "channels: 1..16 mono, 1..8 stereo [8]"),
            ("-stereo 0|1", "every channel a stereo pair (strip~ -ch 2, "
             "pan acts as balance) [0]"),
            "The channels are made at load: re-create the object to change "
            "them. An unknown flag is printed and ignored."]),
        ("INFO OUTPUTS:", [
            ("<ch> peak <dBFS>", "after the channel's fader, mute and solo, "
             "every 50 ms (-144: silence)"),
            ("master peak <L> <R>", "dBFS"),
            ("master shortterm <LUFS>, master integrated <LUFS>",
             "every 100 ms"),
            ("<ch> <strip~ reading>", "gr, gating ..."),
            ("latency <samples>", "the delay through mixer~"),
            ("saved <path>", "after save")])],
        [("MESSAGES:", [
            ("<ch> <strip~ message>", "any strip~ parameter: [3 hpf 80( "
             "[2 pan -30( [1 threshold -18("),
            ("<ch> fader <dB>", "-100..12, -100 = off [0]"),
            ("<ch> mute 0|1, <ch> solo 0|1", "[0]. Solo in place: while a "
             "channel is soloed only soloed channels reach the master, "
             "with their sends"),
            ("<ch> send <n> <dB>", "to bus 1 (reverb) or 2 (delay): "
             "-100..12 [-100 = off]"),
            ("<ch> sendpre <n> 0|1", "0: post-fader [0]; 1: pre-fader, the "
             "fader does not change the send"),
            ("<ch> defaults, <ch> print", "the channel back to defaults; "
             "post it"),
            ("return <n> <dB>, return <n> mute 0|1", "the return's level "
             "-100..12 [0] and mute [0]"),
            ("reverb size, reverb damping", "0..100 [50]: RT60 0.4..3 s; "
             "loop lowpass 12 kHz..1.8 kHz"),
            ("delay time <ms>, delay feedback <%>", "1..2000 [350] (right "
             "side 1.25 x); 0..95 [35] (ping-pong through a 5 kHz "
             "lowpass)"),
            ("master fader <dB>, master mute 0|1", "-100..12 [0]; [0]. No "
             "processing on the master: mastering is mastering~'s job"),
            ("save <file>, load <file>", "every setting made since load, as "
             "lines of messages (relative names: beside the patch); load "
             "resets everything first"),
            ("print, latency, interval <ms>, bang, reset", "post the state; "
             "report the latency; the meters' period; meters now; clear "
             "every strip~'s state"),
            "Fader, mute, solo and sends ramp over 20 ms (no clicks)."])],
        "mixmaster %s, Pd %s or newer. An abstraction: a strip~ per "
        "channel, a fader, mute, solo and two sends; a reverb and a delay "
        "bus; the master metered by loudness~." % (hs.VERSION, hs.PD_MIN))


def mixer_readings(h):
    """in [pd draw]: mixer~'s info outlet to receive names: each
    channel's peak, the master's peaks and loudness"""
    cv = h.draw
    n = len(demomix.CHANNELS)
    x, y = h.draw_flow.take(90 * n + 20, 240)
    r = h.o(x, y, "r $0-info", cv)
    rm = h.o(x, y + 30, "route master", cv)
    h.c(r, 0, rm, 0, cv)
    rc = h.o(x + 120, y + 60, "route " + " ".join(
        str(k) for k in range(1, n + 1)) + ", f 40", cv)
    h.c(rm, 1, rc, 0, cv)
    for k in range(n):
        p = h.o(x + 90 * k, y + 100 + 30 * (k % 2), "route peak", cv)
        s = h.o(x + 90 * k, y + 160 + 30 * (k % 2), "s $0-i-pk%d" % (k + 1),
                cv)
        h.c(rc, k, p, 0, cv)
        h.c(p, 0, s, 0, cv)
    mr_ = h.o(x, y + 240, "route peak shortterm integrated", cv)
    h.c(rm, 0, mr_, 0, cv)
    u = h.o(x, y + 280, "unpack f f", cv)
    h.c(mr_, 0, u, 0, cv)
    for k, side in enumerate("LR"):
        s = h.o(x + 110 * k, y + 320, "s $0-i-mpk" + side, cv)
        h.c(u, k, s, 0, cv)
    for k, what in enumerate(("st", "int")):
        s = h.o(x + 250 + 110 * k, y + 280, "s $0-i-" + what, cv)
        h.c(mr_, k + 1, s, 0, cv)


def mixer_setup(h):
    """in [pd controls]: at load, the demo mix's strip~ settings, balance
    and effects (what has no control here); the faders and sends start
    at the mix's values by themselves"""
    cv = h.ctl
    msgs = demomix.setup_messages()
    text = ", ".join(msgs)
    lines = hs.wrapped_lines(text, 100) + 1
    x, y = h.ctl_flow.take(100 * CW + 10, 70 + 16 * lines)
    lb = h.o(x, y, "loadbang", cv)
    m = h.uid()
    cv.msg(m, x, y + 30, hs.msgesc(text) + ", f 100")
    s = h.o(x, y + 40 + 16 * lines, "s $0-mix", cv)
    h.c(lb, 0, m, 0, cv)
    h.c(m, 0, s, 0, cv)


def mixer():
    n = "mixer~"
    chans = demomix.CHANNELS
    nch = len(chans)
    h = Help(n, MIXER_SUMMARY)
    h.header(reference=mixer_reference())
    h.intro("Here mixer~ mixes the demo song's seven stems ([demosong~]), "
            "each a stereo channel, set up as the demo mix: high-pass "
            "filters, EQ cuts that make room, compressors on drums, bass "
            "and voice, reverb and delay sends. Click play, switch DSP on "
            "below, then drag a fader, solo a channel, mute one.")
    # the song and the console, left column
    h.t(30, 150, "the song (40 s, it loops):", 28)
    h.messages(50, 174, [("bang", "from the top"), ("play", ""),
                         ("stop", ""), ("section chorus", "")], "$0-song",
               note_x=110, note_w=14)
    rs = h.o(100, 304, "r $0-song")
    song = h.o(100, 334, "demosong~ -loop 1, f 50")
    h.c(rs, 0, song, 0)
    rmix = h.o(30, 364, "r $0-mix")
    mx = h.o(100, 394, demomix.MIXER + ", f 50")
    h.c(rmix, 0, mx, 0)
    for k in range(2 * nch):
        h.c(song, k, mx, k)
    h.t(260, 300, "seven stems, a pair each", 25)
    si = h.o(390, 440, "s $0-info")
    h.c(mx, 2, si, 0)
    out = h.listen(30, 450)
    h.c(mx, 0, out, 0)
    h.c(mx, 1, out, 1)
    h.t(30, 520, "Solo is in place: a soloed channel keeps its sends, so "
        "you hear it in its room. The channel bars show each channel "
        "after its fader, mute and solo; the master's loudness is what "
        "mastering~ would start from.", 62)
    # the console, right column
    top, colw, x0 = 58, 78, 580
    h.panel(500, top, 710, 330, "the console with the demo mix: drag a "
            "fader or click solo and mute")
    rows = (("fader dB", top + 194), ("solo", top + 222),
            ("mute", top + 248), ("reverb dB", top + 274),
            ("delay dB", top + 300))
    for word, y in rows:
        h.t(508, y, word, 10)
    for v, word in ((0, "0"), (-12, "-12"), (-24, "-24"), (-36, "-36"),
                    (-48, "-48"), (-60, "-60")):
        f = (FADER_HI - v) / (FADER_HI - FADER_LO)
        h.t(540 - 7 * len(word), int(top + 50 + f * FADER_H - 8), word,
            len(word) + 1)
    for k, (name, db, bal, strip, sends) in enumerate(chans):
        ch = k + 1
        x = x0 + colw * k
        h.t(x, top + 26, "%d %s" % (ch, name), 8)
        fader(h, x, top + 50, "f%d" % ch, db)
        h._route("f%d" % ch, "%d fader $1" % ch, "$0-mix")
        h.bar(x + 24, top + 50, 10, FADER_H, "$0-i-pk%d" % ch, FADER_LO,
              FADER_HI, hs.GREEN, vertical=True)
        h.readout(x, top + 194, "$0-c-f%d" % ch, "", width=4)
        for cname, y, msg in (("solo", top + 222, "solo"),
                              ("mute", top + 248, "mute")):
            plain_toggle(h, x, y, "%s%d" % (cname, ch))
            h._route("%s%d" % (cname, ch), "%d %s $1" % (ch, msg), "$0-mix")
        for bus, y in ((1, top + 274), (2, top + 300)):
            plain_number(h, x, y, "send%d-%d" % (bus, ch),
                         demomix.send_db(ch, bus), -100, 12)
            h._route("send%d-%d" % (bus, ch), "%d send %d $1" % (ch, bus),
                     "$0-mix")
    x = x0 + colw * nch
    h.t(x, top + 26, "master", 7)
    fader(h, x, top + 50, "mf", demomix.MASTER_FADER)
    h._route("mf", "master fader $1", "$0-mix")
    for k, side in enumerate("LR"):
        h.bar(x + 24 + 14 * k, top + 50, 10, FADER_H, "$0-i-mpk" + side,
              FADER_LO, FADER_HI, hs.GREEN, vertical=True)
    h.readout(x, top + 194, "$0-c-mf", "", width=4)
    plain_toggle(h, x, top + 248, "mm")
    h._route("mm", "master mute $1", "$0-mix")
    # the master's loudness
    yb = top + 340
    h.t(500, yb, "the master's loudness:", 23)
    h.bar(610, yb + 30, 400, 18, "$0-i-st", -40, 0, hs.BLUE, "short-term",
          [(-40, "-40"), (-30, "-30"), (-20, "-20"), (-14, "-14"),
           (0, "0 LUFS")])
    h.readout(1060, yb + 30, "$0-i-st", "LUFS", width=5)
    h.readout(740, yb, "$0-i-int", "LUFS integrated (since open)", width=5)
    mixer_readings(h)
    mixer_setup(h)
    # more messages
    ym = yb + 76
    h.t(500, ym, "more: a channel's strip~ (after its number), the sends, "
        "the returns and effects, the whole mixer (the controls above do "
        "not follow these):", 100)
    ym += 44
    h.messages(520, ym, [("7 hpf 400", ""), ("3 pan -70", ""),
                         ("1 threshold -30", ""),
                         ("6 sendpre 2 1", "")], "$0-mix")
    h.messages(700, ym, [("return 1 -6", ""), ("return 1 mute 1", ""),
                         ("reverb size 90", ""),
                         ("delay feedback 60", "")], "$0-mix")
    h.messages(880, ym, [("save mixer-help.txt", ""),
                         ("load mixer-help.txt", ""), ("print", ""),
                         ("7 defaults", "")], "$0-mix")
    h.about(1060, ym, "how-to-mix", [
        "- Start with every fader down, bring up the drums and the bass "
        "first, then the voice, then the rest around them.",
        "- Cut before you boost: the EQ cuts in the demo mix make room for "
        "the voice (around 3 kHz) and for the kick (bass and pad mud).",
        "- Solo to find a problem, never to judge a balance: a sound alone "
        "is not the mix.",
        "- Sends post-fader follow the fader; pre-fader (sendpre) keep the "
        "effect while the dry sound fades.",
        "- Aim the master around -20 LUFS short-term with peaks well under "
        "0 dBFS: mastering~ takes it from there."])
    h.place_internals(1040, ym + 60)
    return finish(h, ["strip~", "loudness~", "mastering~", "demosong~",
                      "ab~"])


DEMOSONG_SUMMARY = ("the mixmaster demo song: 40 s made in Pd, as seven "
                    "stems (an abstraction)")


def demosong_reference():
    stems = ", ".join(STEMS)
    return hs.reference_canvas("demosong~", DEMOSONG_SUMMARY, [
        ("INLETS:", [("1st: messages", "see MESSAGES")]),
        ("OUTLETS:", [
            ("1st..14th: signal", "a pair, left and right, per stem: %s. "
             "Kick, snare, bass and voice are mono (the same on both); "
             "hats, pad and lead are stereo of their own. Each stem is at "
             "a tracking level (about -30..-22 LUFS, peaks under -6 dBFS): "
             "faders at 0 dB sum to about -20 LUFS" % stems),
            ("15th: info", "play 0|1; bar <n> (at each bar); section "
             "<name> (at each section's first bar); end (after the last "
             "bar, then play 0, or bar 0 when looping)")]),
        ("FLAGS:", [("-loop 0|1", "the message loop at load [0]")])],
        [("MESSAGES:", [
            ("play", "from where it stopped (at first from the top)"),
            ("stop", "every sounding note is released, the position kept"),
            ("bang", "from the top: pos 0, then play"),
            ("pos <bar>", "0..%d: the next step played is that bar's first; "
             "sounding notes are released" % (BARS - 1)),
            ("section <name>", ", ".join("%s (pos %d)" % s_ for s_ in
                                         SECTIONS)),
            ("loop 0|1", "after the last bar, bar 0 again [0]"),
            ("reset", "stop, back to the top"),
            ("print", "the position, play and loop state to the Pd window"),
            "An unknown message is named in the Pd window."]),
         ("THE SONG:", [
             "120 bpm, %d bars of 16 sixteenths (40 s) in A minor: intro "
             "(bars 0-3, quiet), verse (4-7), chorus (8-15, loud), outro "
             "(16-19, fades by 39.5 s). A 16th-note clock steps through a "
             "score: each stem's subpatch holds its part in a [text define "
             "-k], one line a step. Note starts are exact to the sample "
             "([vline~])." % BARS,
             "Deterministic: its only noise is a table filled at load by "
             "[random] with a fixed seed, and every oscillator's phase is "
             "reset on play: two renders from the top are equal sample for "
             "sample."])],
        "mixmaster %s, Pd %s or newer. An abstraction: a Pd-made song for "
        "trying mixer~ and mastering~ without audio files." % (
            hs.VERSION, hs.PD_MIN))


def stems_listen():
    """[pd listen]: 14 signal inlets (the stems) -> mute / solo gains (20
    ms ramps) -> a level per stem (to $0-i-lv-<stem>) -> the sum (two
    outlets). The toggles' values arrive on $0-c-mute-<stem>,
    $0-c-solo-<stem>."""
    n = len(STEMS)
    cv = Canvas("#N canvas 80 60 1160 700 listen 0;")
    cv.text(20, 10, hs.esc("Each stem times its gain: 0 or 1 from the mute "
                           "and solo toggles (while any stem is soloed, only "
                           "soloed stems sound), ramped over 20 ms; its "
                           "level (RMS, dBFS) to the meters; then every "
                           "stem summed.") + ", f 140")
    yb = 620                     # the any-solo count, under the columns
    cv.obj("adef", 20, yb, "array define $0-solos %d" % n)
    cv.obj("any", 240, yb, "array sum $0-solos")
    cv.obj("anyg", 240, yb + 25, "> 0")
    cv.obj("anys", 240, yb + 50, "s $0-anysolo")
    cv.chain("any", "anyg", "anys")
    cv.obj("lb", 240, yb - 30, "loadbang")
    cv.c("lb", 0, "any", 0)
    acc = {"L": None, "R": None}
    for k, s in enumerate(STEMS):
        x = 20 + 160 * k
        cv.obj("iL%d" % k, x, 60, "inlet~")
        cv.obj("iR%d" % k, x + 80, 60, "inlet~")
        cv.obj("rs%d" % k, x, 100, "r $0-c-solo-%s" % s)
        cv.obj("ts%d" % k, x, 125, "t b f")
        cv.obj("ps%d" % k, x + 35, 150, "list prepend %d" % k)
        cv.obj("ws%d" % k, x + 35, 175, "array set $0-solos")
        cv.c("rs%d" % k, 0, "ts%d" % k, 0)
        cv.c("ts%d" % k, 1, "ps%d" % k, 0)
        cv.c("ps%d" % k, 0, "ws%d" % k, 0)
        cv.c("ts%d" % k, 0, "any", 0)
        cv.obj("rm%d" % k, x, 210, "r $0-c-mute-%s" % s)
        cv.obj("tm%d" % k, x, 235, "t b f")
        cv.c("rm%d" % k, 0, "tm%d" % k, 0)
        cv.c("tm%d" % k, 0, "any", 0)
        cv.obj("ra%d" % k, x, 270, "r $0-anysolo")
        cv.obj("g%d" % k, x, 300 + 30 * (k % 2),
               "expr if($f1 > 0 \\, $f2 != 0 \\, $f3 == 0)")
        cv.c("ra%d" % k, 0, "g%d" % k, 0)
        cv.c("ts%d" % k, 1, "g%d" % k, 1)
        cv.c("tm%d" % k, 1, "g%d" % k, 2)
        cv.msg("gm%d" % k, x, 365, "$1 20")
        cv.obj("gl%d" % k, x, 390, "line~")
        cv.chain("g%d" % k, "gm%d" % k, "gl%d" % k)
        for side, dx in (("L", 0), ("R", 80)):
            m = "m%s%d" % (side, k)
            cv.obj(m, x + dx, 425, "*~")
            cv.c("i%s%d" % (side, k), 0, m, 0)
            cv.c("gl%d" % k, 0, m, 1)
            cv.obj("e%s%d" % (side, k), x + dx, 455, "env~ 4096")
            cv.c(m, 0, "e%s%d" % (side, k), 0)
            if acc[side] is None:
                acc[side] = m
            else:
                a = "a%s%d" % (side, k)
                cv.obj(a, x + dx, 570, "+~")
                cv.c(acc[side], 0, a, 0)
                cv.c(m, 0, a, 1)
                acc[side] = a
        # the level: the louder side's RMS, in dBFS (env~: 100 = 0 dBFS)
        cv.obj("em%d" % k, x, 480, "max")
        cv.c("eL%d" % k, 0, "em%d" % k, 0)
        cv.c("eR%d" % k, 0, "em%d" % k, 1)
        cv.obj("ed%d" % k, x, 505, "- 100")
        cv.obj("es%d" % k, x, 530, "s $0-i-lv-%s" % s)
        cv.chain("em%d" % k, "ed%d" % k, "es%d" % k)
    cv.obj("oL", 20 + 160 * (n - 1), 610, "outlet~")
    cv.obj("oR", 100 + 160 * (n - 1), 610, "outlet~")
    cv.c(acc["L"], 0, "oL", 0)
    cv.c(acc["R"], 0, "oR", 0)
    return cv


def demosong_readings(h):
    """in [pd draw]: demosong~'s info outlet to the displays"""
    cv = h.draw
    x, y = h.draw_flow.take(420, 190)
    r = h.o(x, y, "r $0-info", cv)
    rt = h.o(x, y + 30, "route bar section play end", cv)
    h.c(r, 0, rt, 0, cv)
    sb = h.o(x, y + 70, "s $0-i-bar", cv)
    h.c(rt, 0, sb, 0, cv)
    p1 = h.o(x, y + 100, "+ 1", cv)
    h.c(rt, 0, p1, 0, cv)
    s1 = h.o(x, y + 130, "s $0-i-bar1", cv)
    h.c(p1, 0, s1, 0, cv)
    sy = h.o(x + 100, y + 70, "symbol", cv)
    h.c(rt, 1, sy, 0, cv)
    ss = h.o(x + 100, y + 160, "s $0-i-section", cv)
    h.c(sy, 0, ss, 0, cv)
    sp = h.o(x + 200, y + 70, "s $0-i-playing", cv)
    h.c(rt, 2, sp, 0, cv)
    e = h.m(x + 200, y + 110, "symbol end", cv)
    h.c(rt, 3, e, 0, cv)
    h.c(e, 0, ss, 0, cv)


def demosong():
    n = "demosong~"
    ns = len(STEMS)
    h = Help(n, DEMOSONG_SUMMARY)
    h.header(reference=demosong_reference())
    h.intro("A song for trying mixing and mastering without audio files: "
            "drums (kick, snare, hats), bass, a pad, a lead and a singing "
            "voice, each on its own pair of outlets. Click bang, switch "
            "DSP on below, then solo a stem or jump to the chorus.")
    h.t(30, 136, "play (the song loops: -loop 1):", 32)
    h.messages(50, 160, [("bang", "from the top"), ("play", "go on"),
                         ("stop", "keep the place"), ("pos 12", "bar 12"),
                         ("loop 0", "stop at the end"), ("print", "")],
               "$0-song", note_x=110, note_w=16)
    h.t(270, 136, "jump to a section:", 19)
    h.messages(290, 160, [("section " + s, "") for s, _ in SECTIONS],
               "$0-song")
    rs = h.o(130, 350, "r $0-song")
    song = h.o(30, 384, "demosong~ -loop 1, f 60")
    h.c(rs, 0, song, 0)
    si = h.o(440, 420, "s $0-info")
    h.c(song, 2 * ns, si, 0)
    lis = h.uid()
    h.cv.sub(lis, 30, 450, "listen", stems_listen(), width=54)
    for k in range(2 * ns):
        h.c(song, k, lis, k)
    h.t(290, 556, "[pd listen] mutes, solos and meters the stems", 25)
    out = h.listen(30, 510)
    h.c(lis, 0, out, 0)
    h.c(lis, 1, out, 1)
    h.t(30, 600, "The voice alone (solo it) is a sawtooth through four "
        "resonant band-passes at a singer's formants. Mix the stems in "
        "mixer~'s help, master the mix with mastering~.", 62)
    # the stems: level, mute, solo
    top, colw, x0 = 58, 86, 590
    h.panel(500, top, 710, 260, "the stems: the level of each as you "
            "hear it - mute and solo")
    bh = 120
    for v, word in ((0, "0"), (-20, "-20"), (-40, "-40"), (-60, "-60 dB")):
        f = -v / 60
        h.t(575 - 7 * len(word), int(top + 56 + f * bh - 8), word,
            len(word) + 1)
    h.t(508, top + 196, "mute", 5)
    h.t(508, top + 222, "solo", 5)
    for k, s in enumerate(STEMS):
        x = x0 + colw * k
        h.t(x, top + 30, s, 6)
        h.bar(x + 4, top + 56, 14, bh, "$0-i-lv-" + s, -60, 0, hs.GREEN,
              vertical=True)
        plain_toggle(h, x + 2, top + 196, "mute-" + s)
        plain_toggle(h, x + 2, top + 222, "solo-" + s)
    h.t(500, top + 270, "While any stem is soloed, only the soloed ones "
        "sound.", 60)
    # where the song is
    yp = 380
    h.t(500, yp, "where the song is:", 19)
    h.readout(690, yp, "$0-i-bar", "bar", width=3)
    h.raw("#X symbolatom 780 %d 8 0 0 0 - \\$0-i-section - 0;" % yp)
    h.t(852, yp, "section", 8)
    h.readout(940, yp, "$0-i-playing", "playing", width=2)
    h.bar(560, yp + 40, 600, 18, "$0-i-bar1", 0, BARS, hs.ORANGE, "bar",
          [(b, s) for s, b in SECTIONS] + [(BARS, str(BARS))])
    h.t(500, yp + 90, "Bars 0-3 intro (quiet), 4-7 verse, 8-15 chorus "
        "(loud), 16-19 outro: 2 s a bar, 120 bpm, A minor.", 90)
    demosong_readings(h)
    h.about(500, 560, "how-the-song-is-made", [
        "- A 16th-note clock steps through a score: each stem's subpatch "
        "holds its part in a [text define -k], one line a step, and "
        "starts its notes exact to the sample with [vline~].",
        "- Drums are synthesised: the kick a falling sine, the snare "
        "noise and a tone, the hats filtered noise. The bass and the "
        "lead are filtered sawtooths, the pad detuned ones.",
        "- The voice is formant synthesis: a sawtooth with vibrato "
        "through four resonant band-passes at a singer's formants, "
        "moving from vowel to vowel.",
        "- It is the same every time: its only noise is a table filled at "
        "load with a fixed seed, and every oscillator restarts on play.",
        "- Each stem is at a tracking level, quieter than a finished "
        "record: mixing brings them together around -20 LUFS, mastering "
        "takes the mix to its delivery loudness."])
    h.place_internals(760, 560)
    return finish(h, ["mixer~", "mastering~", "strip~", "loudness~"])


# ---- match~ -----------------------------------------------------------------------

def match():
    n = "match~"
    h = Help(n, DESC[n]["summary"])
    h.header()
    h.intro(intro_play("learn both for 10 s: the curve finds the eq~ "
                       "that made the reference from the programme."))
    src = h.source(30, 124)
    # the reference: the same loop through a known EQ
    ref = h.o(340, 196, "eq~ -ch 2 -band 1 lowshelf 150 -4 0.707 -band 2 "
              "bell 3000 5 1, f 22")
    h.c(src, 0, ref, 0)
    h.c(src, 1, ref, 1)
    rs = h.o(520, 268, "spectrum~ -ch 2 -array $0-rawr -smoothing 0.167 "
             "-tilt 4.5, f 16")
    h.c(ref, 0, rs, 0)
    h.c(ref, 1, rs, 1)
    box = "match~ -ch 2"
    r = h.o(100, 268, "r $0-match")
    c = h.o(30, 300, box + ", f 66")
    h.c(src, 0, c, 0)
    h.c(src, 1, c, 1)
    h.c(ref, 0, c, 2)
    h.c(ref, 1, c, 3)
    h.c(r, 0, c, 0)
    si = h.o(420, 329, "s $0-info")
    h.c(c, 2, si, 0)
    t = h.o(300, 359, "spectrum~ -ch 2 -array $0-rawo -smoothing 0.167 "
            "-tilt 4.5, f 28")
    h.c(c, 0, t, 0)
    h.c(c, 1, t, 1)
    out = h.listen(30, 399)
    h.c(c, 0, out, 0)
    h.c(c, 1, out, 1)
    h.info_route(30, 470, None, ["reference", "source", "latency"], 120,
                 ["s", "s", "samples"])
    h.t(30, 606, "seconds learned (reference, programme), the latency "
        "(samples). Use your own: a mix into the two left inlets, a "
        "reference track (e.g. [readsf~ 2]) into the two right ones.", 62)
    # the controls
    h.panel(640, 58, 570, 196, "match~: each control starts at the "
            "object's value")
    for k, what in enumerate(("reference", "source", "both")):
        h.toggle(652, 84 + 26 * k, "learn" + what, 0, "learn " + what,
                 "learn %s $1" % what, "$0-match")
    h.t(652, 170, "learn: on for a few seconds, then off", 22)
    controls(h, n, box, ["amount", "smoothing", "limit", "fmin", "fmax",
                         None, "normalize", "bypass", "delta"], 812, 84,
             "$0-match", colw=200, rows=5)
    h.messages(1030, 290, [("clear", ""), ("clear source", ""),
                           ("save my-match.txt", ""),
                           ("load my-match.txt", ""), ("latency", ""),
                           ("print", "")], "$0-match", step=24)
    h.graph(660, 290, "$0-curve", 256, 300, 100, -12, 12,
            [(0, "20"), (1 / 3, "200"), (2 / 3, "2k"), (1, "20k Hz")],
            [(12, "+12"), (0, "0"), (-12, "-12 dB")],
            title="the correction (curve <array>)")
    array_at_load(h, "curve", "$0-curve", "$0-match")
    for k, (raw, arr, what) in enumerate(
            (("$0-rawr", "$0-specr", "the reference"),
             ("$0-rawo", "$0-speco", "the programme after match~"))):
        h.graph(660 + 300 * k, 490, arr, 256, 230, 80, -96, 0,
                [(0, "20"), (1 / 3, "200"), (2 / 3, "2k"), (1, "20k")],
                [(0, "0"), (-48, "-48"), (-96, "-96")],
                title=what)
        clipped_copy(h, raw, arr, -96)
    h.t(660, 600, "spectrum~, 1/6 octave, tilt 4.5 dB/oct: once learned "
        "the two have one shape. save writes the learned pair next to "
        "this patch.", 48)
    h.place_internals(1010, 606)
    return finish(h, ["eq~", "spectrum~", "mastering~"])


# ---- the two panels of the help patches: mm-demo~, mm-dsp~ --------------------

PANELS = {
    "mm-demo~": (
        "the demo loop of the help patches: a 4-bar house loop in stereo "
        "(an abstraction)",
        [("OUTLETS:", [("1st, 2nd: signal", "the loop, left and right")]),
         ("ON THE PANEL:", [("play", "[0] starts and stops the loop"),
                            ("level", "[-6 dB] -30..+6 dB")])],
        "Press play, switch DSP on below: the loop goes through the "
        "meter and into the listen panel. Every help patch of the library "
        "uses this loop as its sound, so you can hear what an object does "
        "to the same music everywhere.",
        ["loudness~", "demosong~", "ab~"]),
    "mm-dsp~": (
        "the listen panel of the help patches: DSP switch and volume into "
        "[dac~] (an abstraction)",
        [("INLETS:", [("1st, 2nd: signal", "left and right, to [dac~ 1 2]")]),
         ("ON THE PANEL:", [("DSP", "switches Pd's DSP on and off (and "
                             "follows it when it is switched elsewhere)"),
                            ("volume", "[-18 dB] for your ears only: "
                             "meters before it do not see it")])],
        "Switch DSP on here, then press play on the loop: you hear it at "
        "the panel's volume, and the meter shows the loop before the "
        "volume. No help patch switches DSP on by itself.",
        ["loudness~", "demosong~", "ab~"]),
}


def panel_help(n):
    summary, left, intro, also = PANELS[n]
    ref = hs.reference_canvas(n, summary, left, [], "mixmaster %s, Pd %s or "
                              "newer. An abstraction of vanilla objects."
                              % (hs.VERSION, hs.PD_MIN))
    h = Help(n, summary)
    h.header(reference=ref)
    h.intro(intro)
    src = h.source(30, 124)
    out = h.listen(30, 240)
    h.c(src, 0, out, 0)
    h.c(src, 1, out, 1)
    ld = h.o(400, 240, "loudness~ -ch 2 -interval 100")
    h.c(src, 0, ld, 0)
    h.c(src, 1, ld, 1)
    h.c(ld, 0, h.o(400, 270, "s $0-info"), 0)
    h.info_route(30, 330, None, ["shortterm"], 120, ["LUFS"])
    h.bar(500, 340, 400, 18, "$0-i-shortterm", -60, 0, hs.BLUE,
          "loop", [(-60, "-60"), (-40, "-40"), (-20, "-20"), (0, "0 LUFS")])
    h.place_internals(700, 560)
    return finish(h, also)


MIXER_INLETS_SUMMARY = ("the helper inside mixer~ that gives it one signal "
                        "inlet per channel (internal)")


def mixer_inlets():
    n = "mm_mixer_inlets"
    ref = hs.reference_canvas(n, MIXER_INLETS_SUMMARY, [
        ("ARGUMENT:", [("$0", "the $0 of the mixer~ it sits in (its "
                        "send names)")]),
        ("READS:", [("-ch N", "the mixer~'s channels: 1..16 mono, 1..8 "
                     "stereo (default 8)"),
                    ("-stereo 0|1", "two inlets per channel")]),
        ("MAKES, while mixer~ loads:", [
            ("[inlet~]", "one per channel (two with -stereo 1), each into "
             "[s~ $0-in-k] (or $0-inL-k and $0-inR-k)"),
            ("[s $0-in]", "the messages sent to the first inlet"),
            ("[v $0-N] [v $0-S]", "the parsed channels and stereo flag")])],
        [("WHY:", ["An abstraction's inlets are the [inlet~] objects in "
                   "its file, and the patch that holds it connects to "
                   "them right after it loads, before any loadbang. So "
                   "this object, the last one in mixer~.pd, adds them "
                   "while it is created.",
                   "Without an argument (as here) it does nothing."])],
        "mixmaster %s, Pd %s or newer. Written in C, beside the "
        "library's objects." % (hs.VERSION, hs.PD_MIN))
    h = Help(n, MIXER_INLETS_SUMMARY)
    h.header(reference=ref)
    h.intro("You do not use this object yourself: mixer~ has one inside, "
            "which reads its -ch and -stereo flags and gives it that many "
            "signal inlets. Below, [mixer~ -ch 3] has three: a tone into "
            "each. Switch DSP on and listen: the three tones, panned.")
    tones = [h.o(30 + 90 * k, 140, "osc~ %d" % f)
             for k, f in enumerate((220, 330, 440))]
    r = h.o(300, 170, "r $0-mx")
    mx = h.o(30, 200, "mixer~ -ch 3, f 40")
    for k, t in enumerate(tones):
        g = h.o(30 + 90 * k, 170, "*~ 0.1")
        h.c(t, 0, g, 0)
        h.c(g, 0, mx, k)
    h.c(r, 0, mx, 0)
    out = h.listen(30, 260)
    h.c(mx, 0, out, 0)
    h.c(mx, 1, out, 1)
    h.messages(500, 140, [("1 pan -80", "tone 1 left"),
                          ("3 pan 80", "tone 3 right"),
                          ("2 mute 1", "tone 2 off")], "$0-mx", step=26,
               note_x=620, note_w=16)
    h.t(500, 270, "[mixer~ -ch 3 -stereo 1] would have six inlets, a pair "
        "per channel. Open mixer~ to see the inlets it made.", 60)
    h.place_internals(500, 340)
    return finish(h, ["mixer~"])


def mm_demo():
    return panel_help("mm-demo~")


def mm_dsp():
    return panel_help("mm-dsp~")


PATCHES = {"comp~": comp, "dither~": dither, "eq~": eq, "gate~": gate,
           "imager~": imager, "leveler~": leveler, "limiter~": limiter,
           "loudness~": loudness, "multiband~": multiband,
           "spectrum~": spectrum, "strip~": strip, "ab~": ab,
           "mastering~": mastering, "livemaster~": livemaster,
           "mixer~": mixer, "demosong~": demosong,
           "match~": match, "mm-demo~": mm_demo, "mm-dsp~": mm_dsp,
           "mm_mixer_inlets": mixer_inlets}



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
            mr.add_multichannel_note(DESC[name], sections)
            text, lay = mr.new_help_text(text, DESC[name], sections)
        path = os.path.join(args.help_dir, name + "-help.pd")
        fails += not hs.write_or_check(path, text, args.check,
                                       "help " + name, "scripts/mkhelp.py")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
