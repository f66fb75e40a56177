#!/usr/bin/env python3
"""Writes abstractions/demosong~.pd: the demo song, made in Pd, as stems.

The patch is generated: its score (which note when) and its instruments are
easier to keep right as code. Edit this file, then run
`python3 scripts/mkdemosong.py` and commit the .pd file with it.

The song: 120 bpm, 20 bars of 16 sixteenth-note steps (2 s a bar, 40 s),
A minor. intro (bars 0-3, quiet: pad, soft hats, a bass drone, a hummed
line, the lead's hook), verse (4-7: drums come in, the voice sings),
chorus (8-15, loud: four-on-the-floor, open hats, driving bass, a bright
pad, the lead's arpeggio, the voice an octave up), outro (16-19: the hook
again, drums thin out, the last chord fades by 39.5 s).

Seven stems, each a pair of signal outlets (left, right): kick, snare,
hats, bass, pad, lead, voice; then the info outlet. Mono instruments
(kick, snare, bass, voice) send the same signal to both; hats, pad and
lead are stereo of their own.

Deterministic: the only noise is a table filled at load by [random] with a
fixed seed, read in a loop; every oscillator's phase is reset on `play`, so
a render from the top is the same sample for sample every time.
"""
import math
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdpatch import Canvas  # noqa: E402

BPM = 120
STEP_MS = 60000 / BPM / 4           # 125 ms, a sixteenth
BARS = 20
STEPS = 16 * BARS                   # 320
SECTIONS = (("intro", 0), ("verse", 4), ("chorus", 8), ("outro", 16))
STEMS = ("kick", "snare", "hats", "bass", "pad", "lead", "voice")
SEED = 1919                         # the noise table's seed
NOISE = 65536                       # noise table length (1.37 s at 48 kHz)

SUB = "#N canvas 60 60 {w} {h} {name} 0;"

# ------------------------------------------------------------------ harmony
CHORD = {  # pad voicing (MIDI), bass root
    "Am": ((57, 60, 64, 67), 33),
    "F": ((53, 57, 60, 64), 29),
    "C": ((55, 60, 64, 67), 36),
    "G": ((55, 59, 62, 67), 31),
    "E": ((56, 59, 62, 64), 28),
}
PROG = ("Am F C G " * 2 + "F G C Am F G E Am " + "F G Am Am").split()
assert len(PROG) == BARS
VOWEL = ("a", "e", "i", "o", "u")
# soprano formants: centre Hz, level dB (F1..F4)
FORMANT = {
    "a": ((800, 1150, 2900, 3900), (0, -6, -32, -20)),
    "e": ((350, 2000, 2800, 3600), (0, -20, -15, -40)),
    "i": ((270, 2140, 2950, 3900), (0, -12, -26, -26)),
    "o": ((450, 800, 2830, 3800), (0, -11, -22, -22)),
    "u": ((325, 700, 2700, 3800), (0, -16, -35, -40)),
}
FORMANT_Q = (7, 9, 16, 20)


def section_of(bar):
    name = SECTIONS[0][0]
    for n, b in SECTIONS:
        if bar >= b:
            name = n
    return name


# ------------------------------------------------------------------- score
def score():
    """{stem: [line per step]}: each line a message ('-' = nothing)"""
    sc = {s: ["-"] * STEPS for s in STEMS}

    def put(stem, bar, step, text):
        sc[stem][16 * bar + step] = text

    for bar in range(BARS):
        sec = section_of(bar)
        notes, root = CHORD[PROG[bar]]
        # ---- drums
        if sec == "intro" and bar >= 2:
            for s in range(0, 16, 2):
                put("hats", bar, s, "closed %g" % (0.3 if s % 4 else 0.22))
        elif sec == "verse":
            for s in (0, 6, 8) + ((11,) if bar % 2 else ()):
                put("kick", bar, s, "hit %g" % (0.7 if s in (0, 8) else 0.5))
            for s in (4, 12):
                put("snare", bar, s, "hit 0.55")
            for s in range(0, 16, 2):
                put("hats", bar, s, "closed %g" % (0.38 if s % 4 else 0.28))
            put("hats", bar, 15, "closed 0.2")
            if bar == 7:  # a fill into the chorus
                for s, v in ((13, 0.4), (14, 0.55), (15, 0.75)):
                    put("snare", bar, s, "hit %g" % v)
                put("hats", bar, 14, "open 0.5")
        elif sec == "chorus":
            for s in (0, 4, 8, 12):
                put("kick", bar, s, "hit 1")
            if bar % 2:
                put("kick", bar, 14, "hit 0.6")
            for s in (4, 12):
                put("snare", bar, s, "hit 1")
            put("snare", bar, 7, "hit 0.22")
            for s in range(16):
                if s % 4 == 2:
                    put("hats", bar, s, "open 0.55")
                else:
                    put("hats", bar, s, "closed %g" % (0.55 if s % 2 == 0 else 0.3))
            if bar == 15:
                for s, v in ((13, 0.5), (14, 0.65), (15, 0.8)):
                    put("snare", bar, s, "hit %g" % v)
        elif sec == "outro" and bar < 18:
            for s in (0, 8):
                put("kick", bar, s, "hit 0.7")
            put("snare", bar, 12, "hit 0.5")
            for s in range(0, 16, 2):
                put("hats", bar, s, "closed %g" % (0.35 if s % 4 else 0.25))
        # ---- bass: (step, interval, length in steps, velocity)
        if sec == "intro" and bar >= 2:
            pat = ((0, 0, 15, 0.45),)
        elif sec == "verse":
            pat = ((0, 0, 3, 0.65), (3, 0, 2, 0.5), (6, 12, 2, 0.55), (8, 0, 3, 0.65),
                   (11, 0, 2, 0.5), (14, 7, 2, 0.55))
        elif sec == "chorus":
            pat = tuple((s, 12 if s in (4, 12) else (7 if s == 14 else 0), 2,
                         0.95 if s % 4 == 0 else 0.75) for s in range(0, 16, 2))
        elif sec == "outro" and bar < 18:
            pat = ((0, 0, 7, 0.7), (8, 0, 7, 0.65))
        elif bar == 18:
            pat = ((0, 0, 24, 0.6),)
        else:
            pat = ()
        for s, iv, ln, v in pat:
            put("bass", bar, s, "note %d %g %d" % (root + iv, v, ln))
        # ---- pad: chord <level> <cutoff Hz> <4 notes>, on every bar
        level, cut = {"intro": (0.45, 900), "verse": (0.5, 1300),
                      "chorus": (0.95, 2800), "outro": (0.6, 1200)}[sec]
        if bar < 19:
            put("pad", bar, 0, "chord %g %d %s" % (level, cut, " ".join(map(str, notes))))
        else:
            put("pad", bar, 0, "off 1800")
    # ---- lead: the hook (intro, outro), an arpeggio (chorus)
    hook = {1: ((8, 72, 2), (10, 69, 2), (12, 72, 2), (14, 76, 2)),
            3: ((8, 74, 2), (10, 71, 2), (12, 74, 2), (14, 79, 4))}
    for bar, notes in hook.items():
        for s, n, ln in notes:
            put("lead", bar, s, "note %d 0.4 %d" % (n, ln))
            put("lead", bar + 15, s, "note %d 0.45 %d" % (n, ln))
    put("lead", 18, 0, "note 76 0.4 12")
    arp = (0, 1, 2, 3, 2, 1, 2, 3)
    for bar in range(8, 16):
        notes = CHORD[PROG[bar]][0]
        for k, s in enumerate(range(0, 16, 2)):
            put("lead", bar, s, "note %d %g 2" % (notes[arp[k]] + 12, 0.55 if s % 4 == 0 else 0.42))
    # ---- voice: (bar, step, note, length, vowel), velocity by section
    E4, D4, C4, A3, G4, B3, A4, C5, B4, D5, Gs4 = 64, 62, 60, 57, 67, 59, 69, 72, 71, 74, 68
    mel = [
        (2, 0, E4, 14, "u"), (3, 0, D4, 12, "u"),
        (4, 0, E4, 6, "a"), (4, 6, D4, 2, "o"), (4, 8, C4, 4, "e"), (4, 12, D4, 4, "a"),
        (5, 0, C4, 6, "o"), (5, 6, A3, 2, "a"), (5, 8, C4, 8, "u"),
        (6, 0, E4, 6, "a"), (6, 6, G4, 2, "i"), (6, 8, E4, 4, "e"), (6, 12, D4, 4, "o"),
        (7, 0, D4, 8, "a"), (7, 8, B3, 4, "o"), (7, 12, D4, 4, "e"),
        (8, 0, A4, 6, "a"), (8, 6, G4, 2, "e"), (8, 8, A4, 4, "i"), (8, 12, C5, 4, "a"),
        (9, 0, B4, 6, "o"), (9, 6, A4, 2, "a"), (9, 8, G4, 8, "e"),
        (10, 0, G4, 6, "a"), (10, 6, E4, 2, "o"), (10, 8, G4, 4, "i"), (10, 12, C5, 4, "a"),
        (11, 0, C5, 6, "a"), (11, 6, B4, 2, "e"), (11, 8, A4, 8, "o"),
        (12, 0, A4, 6, "a"), (12, 6, G4, 2, "e"), (12, 8, A4, 4, "i"), (12, 12, C5, 4, "a"),
        (13, 0, D5, 6, "o"), (13, 6, C5, 2, "a"), (13, 8, B4, 8, "e"),
        (14, 0, B4, 4, "a"), (14, 4, Gs4, 4, "i"), (14, 8, E4, 8, "o"),
        (15, 0, A4, 12, "a"),
        (16, 0, A4, 6, "a"), (16, 6, G4, 2, "e"), (16, 8, A4, 4, "i"), (16, 12, C5, 4, "a"),
        (17, 0, D5, 6, "o"), (17, 6, C5, 2, "a"), (17, 8, B4, 8, "e"),
        (18, 0, A4, 22, "u"),
    ]
    vel = {"intro": 0.35, "verse": 0.6, "chorus": 1, "outro": 0.6}
    for bar, s, n, ln, vw in mel:
        put("voice", bar, s, "sing %d %g %d %s" % (n, vel[section_of(bar)], ln, vw))
    return sc


def score_data(lines):
    return "#A set " + " \\; ".join(lines) + " \\;;"


# ------------------------------------------------------------- instruments
def sub(name, w=900, h=600):
    return Canvas(SUB.format(w=w, h=h, name=name))


def player(cv, stem, x=20, y=40):
    """[r $0-step] -> [text get] of this stem's score -> a message; the score
    is kept in the patch ([text define -k]). Returns the [list trim]."""
    cv.obj("sc", x + 300, y, "text define -k $0-%s" % stem)
    cv.data(score_data(score()[stem]))
    cv.obj("rs", x, y, "r $0-step")
    cv.obj("tg", x, y + 30, "text get $0-%s" % stem)
    cv.obj("lt", x, y + 60, "list trim")
    cv.chain("rs", "tg", "lt")
    return "lt"


def head(cv, stem, routes, trig=None, y=60):
    """the stem's score player -> [route <routes>] (at y + 90) and, when
    trig is given, its first outlet -> [t <trig>] (at y + 120)"""
    ev = player(cv, stem, 20, y)
    cv.obj("rt", 20, y + 90, "route " + routes)
    cv.c(ev, 0, "rt", 0)
    if trig:
        cv.obj("t", 20, y + 120, "t " + trig)
        cv.c("rt", 0, "t", 0)


def pitch(cv, x, y, glide):
    """[t]'s outlet 0 (a note list) -> its first number -> mtof -> a
    [vline~] ("fv") that glides there in glide ms (0: jumps)"""
    cv.obj("sp", x, y, "list split 1")
    cv.obj("mtof", x, y + 30, "mtof")
    cv.msg("gl", x, y + 60, "$1 %g" % glide if glide else "$1")
    cv.obj("fv", x, y + 90, "vline~")
    cv.c("t", 0, "sp", 0)
    cv.chain("sp", "mtof", "gl", "fv")


def amp_env(cv, x, y, outlet, attack, sustain, decay, release, early):
    """[t]'s outlet (a note list: note vel steps) -> the amplitude
    envelope [vline~] ("av"): to vel in attack ms, to sustain x vel over
    decay ms, released (release ms) early ms before the note's end"""
    cv.obj("ax", x, y, "expr $f2 \\; $f2 * %g \\; max($f3 * %g - %g \\, 10)"
           % (sustain, STEP_MS, early))
    cv.obj("ap", x, y + 30, "pack f f f")
    cv.msg("am", x, y + 60, "$1 %g \\, $2 %g %g \\, 0 %g $3" % (attack, decay, attack, release))
    cv.obj("av", x, y + 90, "vline~")
    cv.c("t", outlet, "ax", 0)
    for k in range(3):
        cv.c("ax", k, "ap", k)
    cv.chain("ap", "am", "av")


def filter_env(cv, x, y, outlet, attack, floor, decay, depth, base):
    """[t]'s outlet (a bang) -> a cutoff ("feo", Hz) that rises to
    base + depth in attack ms and falls to base + floor x depth over
    decay ms"""
    cv.msg("fe", x, y, "1 %g \\, %g %g %g" % (attack, floor, decay, attack))
    cv.obj("fev", x, y + 30, "vline~")
    cv.obj("fes", x, y + 60, "*~ %g" % depth)
    cv.obj("feo", x, y + 90, "+~ %g" % base)
    cv.c("t", outlet, "fe", 0)
    cv.chain("fe", "fev", "fes", "feo")


def outs(cv, src_l, src_r, x, y):
    cv.obj("oL", x, y, "outlet~")
    cv.obj("oR", x + 100, y, "outlet~")
    cv.c(src_l, 0, "oL", 0)
    cv.c(src_r, 0, "oR", 0)


def env_square(cv, tag, x, y, msg, src, src_out):
    """src -> [msg( -> [vline~] -> itself squared: a decay that starts
    steep and ends soft (the message's level is the square root of the
    velocity, so the peak is the velocity)"""
    cv.obj(tag + "q", x, y, "sqrt")
    cv.msg(tag + "m", x, y + 25, msg)
    cv.obj(tag + "v", x, y + 50, "vline~")
    cv.obj(tag + "s", x, y + 75, "*~")
    cv.c(src, src_out, tag + "q", 0)
    cv.chain(tag + "q", tag + "m", tag + "v")
    cv.c(tag + "v", 0, tag + "s", 0)
    cv.c(tag + "v", 0, tag + "s", 1)
    return tag + "s"


def stop_to(cv, x, y, msg, *targets):
    """[r $0-stop] -> [msg( -> each target (a release on stop and jumps)"""
    cv.obj("rstop", x, y, "r $0-stop")
    cv.msg("mstop", x, y + 25, msg)
    cv.c("rstop", 0, "mstop", 0)
    for t in targets:
        cv.c("mstop", 0, t, 0)


def reset_to(cv, x, y, *targets, pitch=None):
    """[r $0-reset] (on play) -> 0 to each oscillator's phase inlet; and
    the stem's first pitch to pitch=(vline~, Hz), where a glide into the
    next note starts"""
    cv.obj("rreset", x, y, "r $0-reset")
    cv.msg("mreset", x, y + 25, "0")
    cv.c("rreset", 0, "mreset", 0)
    for t, inlet in targets:
        cv.c("mreset", 0, t, inlet)
    if pitch:
        cv.msg("mpitch", x + 60, y + 25, "%.4f" % pitch[1])
        cv.c("rreset", 0, "mpitch", 0)
        cv.c("mpitch", 0, pitch[0], 0)


def first_pitch(stem):
    """the frequency of the stem's first note (Hz)"""
    for line in score()[stem]:
        w = line.split()
        if w[0] in ("note", "sing"):
            return 440.0 * 2 ** ((int(w[1]) - 69) / 12.0)


def kick_phase_msg():
    """the kick's sine phase (cycles) as vline~ segments: the integral of a
    pitch falling exponentially from 160 to 50 Hz (tau 35 ms)"""
    fs, fe, tau = 160.0, 50.0, 0.035
    pts = (0, 3, 7, 12, 20, 30, 45, 65, 95, 140, 440)

    def ph(ms):
        t = ms / 1000.0
        return fe * t + (fs - fe) * tau * (1 - math.exp(-t / tau))
    segs = ["0"]
    for a, b in zip(pts, pts[1:]):
        segs.append("%.4f %g %g" % (ph(b), b - a, a))
    return " \\, ".join(segs)


def kick():
    cv = sub("kick", 700, 520)
    cv.text(20, 5, "kick: a sine whose pitch falls from 160 to 50 Hz (its "
            "phase drawn by vline~ \\, sample-exact) \\, a squared decay of "
            "420 ms \\, a click of high-passed noise, f 90")
    head(cv, "kick", "hit", "f f f")
    cv.msg("pm", 20, 220, kick_phase_msg())
    cv.obj("pv", 20, 280, "vline~")
    cv.obj("p4", 20, 305, "-~ 0.25")
    cv.obj("cos", 20, 330, "cos~")
    cv.c("t", 0, "pm", 0)
    cv.chain("pm", "pv", "p4", "cos")
    amp = env_square(cv, "a", 200, 250, "$1 1.5 \\, 0 420 1.5", "t", 1)
    cv.obj("k", 20, 380, "*~")
    cv.c("cos", 0, "k", 0)
    cv.c(amp, 0, "k", 1)
    cv.obj("nz", 380, 250, "r~ $0-noise")
    cv.obj("nh", 380, 275, "hip~ 2500")
    cv.obj("cg", 480, 195, "* 0.12")
    cv.msg("cm", 480, 220, "$1 0.3 \\, 0 8 0.3")
    cv.obj("cv", 480, 250, "vline~")
    cv.obj("cl", 380, 330, "*~")
    cv.c("t", 2, "cg", 0)
    cv.chain("cg", "cm", "cv")
    cv.chain("nz", "nh", "cl")
    cv.c("cv", 0, "cl", 1)
    cv.obj("sum", 20, 410, "+~")
    cv.c("k", 0, "sum", 0)
    cv.c("cl", 0, "sum", 1)
    cv.obj("g", 20, 440, "*~ 0.28")
    cv.chain("sum", "g")
    outs(cv, "g", "g", 20, 480)
    stop_to(cv, 560, 60, "0 30", "av", "cv")
    return cv


def snare():
    cv = sub("snare", 700, 520)
    cv.text(20, 5, "snare: two sines falling from 230 and 370 Hz (the "
            "shell) and band-passed noise (the wires) \\, squared decays of "
            "110 and 230 ms, f 90")
    head(cv, "snare", "hit", "f f b")
    cv.msg("fm", 20, 215, "230 \\, 175 40")
    cv.obj("fv", 20, 240, "vline~")
    cv.obj("o1", 20, 300, "osc~")
    cv.obj("f2", 100, 270, "*~ 1.6")
    cv.obj("o2", 100, 300, "osc~")
    cv.c("t", 2, "fm", 0)
    cv.chain("fm", "fv", "o1")
    cv.chain("fv", "f2", "o2")
    cv.msg("ph", 180, 215, "0")
    cv.c("t", 2, "ph", 0)
    cv.c("ph", 0, "o1", 1)
    cv.c("ph", 0, "o2", 1)
    cv.obj("bsum", 20, 330, "+~")
    cv.c("o1", 0, "bsum", 0)
    cv.c("o2", 0, "bsum", 1)
    be = env_square(cv, "b", 240, 240, "$1 1 \\, 0 110 1", "t", 1)
    cv.obj("b", 20, 360, "*~")
    cv.c("bsum", 0, "b", 0)
    cv.c(be, 0, "b", 1)
    cv.obj("nz", 400, 170, "r~ $0-noise")
    cv.obj("nh", 400, 195, "hip~ 1000")
    cv.obj("nl", 400, 220, "lop~ 7000")
    cv.chain("nz", "nh", "nl")
    ne = env_square(cv, "n", 520, 240, "$1 1 \\, 0 230 1", "t", 0)
    cv.obj("n", 400, 360, "*~")
    cv.c("nl", 0, "n", 0)
    cv.c(ne, 0, "n", 1)
    cv.obj("gb", 20, 390, "*~ 0.09")
    cv.obj("gn", 400, 390, "*~ 0.12")
    cv.c("b", 0, "gb", 0)
    cv.c("n", 0, "gn", 0)
    cv.obj("sum", 20, 420, "+~")
    cv.c("gb", 0, "sum", 0)
    cv.c("gn", 0, "sum", 1)
    outs(cv, "sum", "sum", 20, 470)
    stop_to(cv, 560, 60, "0 30", "bv", "nv")
    return cv


def hats():
    cv = sub("hats", 700, 520)
    cv.text(20, 5, "hats: two independent noises (left \\, right) high-passed "
            "twice at 7 kHz; closed: a 50 ms squared decay \\, open: 320 ms "
            "(a closed hit chokes an open one: one envelope), f 90")
    head(cv, "hats", "closed open")
    cv.obj("qc", 20, 180, "sqrt")
    cv.obj("qo", 160, 180, "sqrt")
    cv.c("rt", 0, "qc", 0)
    cv.c("rt", 1, "qo", 0)
    cv.msg("mc", 20, 210, "$1 0.5 \\, 0 50 0.5")
    cv.msg("mo", 160, 210, "$1 1 \\, 0 320 1")
    cv.c("qc", 0, "mc", 0)
    cv.c("qo", 0, "mo", 0)
    cv.obj("ev", 20, 240, "vline~")
    cv.c("mc", 0, "ev", 0)
    cv.c("mo", 0, "ev", 0)
    cv.obj("e2", 20, 270, "*~")
    cv.c("ev", 0, "e2", 0)
    cv.c("ev", 0, "e2", 1)
    for k, (side, nz) in enumerate((("L", "$0-noise"), ("R", "$0-noise2"))):
        x = 300 + 150 * k
        cv.obj("n" + side, x, 180, "r~ " + nz)
        cv.obj("h1" + side, x, 210, "hip~ 7000")
        cv.obj("h2" + side, x, 240, "hip~ 7000")
        cv.obj("m" + side, x, 300, "*~")
        cv.obj("g" + side, x, 330, "*~ 0.24")
        cv.chain("n" + side, "h1" + side, "h2" + side, "m" + side, "g" + side)
        cv.c("e2", 0, "m" + side, 1)
    outs(cv, "gL", "gR", 300, 380)
    stop_to(cv, 560, 60, "0 30", "ev")
    return cv


def bass():
    cv = sub("bass", 800, 560)
    cv.text(20, 5, "bass: a sawtooth and a sine at the same pitch \\, "
            "through a resonant low-pass (vcf~) whose cutoff falls from "
            "2 kHz to 600 Hz in 200 ms after each note; the note's length "
            "comes from the score, f 100")
    head(cv, "bass", "note", "l l b")
    pitch(cv, 20, 210, 0)
    cv.obj("ph", 20, 330, "phasor~")
    cv.obj("saw", 20, 355, "-~ 0.5")
    cv.obj("sin", 120, 330, "osc~")
    cv.c("fv", 0, "ph", 0)
    cv.c("fv", 0, "sin", 0)
    cv.chain("ph", "saw")
    cv.msg("p0", 200, 210, "0")
    cv.c("t", 2, "p0", 0)
    cv.c("p0", 0, "ph", 1)
    cv.c("p0", 0, "sin", 1)
    cv.obj("gs", 20, 380, "*~ 0.7")
    cv.obj("gi", 120, 380, "*~ 0.6")
    cv.c("saw", 0, "gs", 0)
    cv.c("sin", 0, "gi", 0)
    cv.obj("src", 20, 410, "+~")
    cv.c("gs", 0, "src", 0)
    cv.c("gi", 0, "src", 1)
    filter_env(cv, 300, 210, 2, 2, 0, 200, 1400, 600)
    cv.obj("vcf", 20, 440, "vcf~ 1.4")
    cv.c("src", 0, "vcf", 0)
    cv.c("feo", 0, "vcf", 1)
    amp_env(cv, 480, 180, 1, 3, 0.75, 180, 50, 50)
    cv.obj("amp", 20, 470, "*~")
    cv.c("vcf", 1, "amp", 0)
    cv.c("av", 0, "amp", 1)
    cv.obj("g", 20, 500, "*~ 0.4")
    cv.chain("amp", "g")
    outs(cv, "g", "g", 20, 530)
    stop_to(cv, 640, 60, "0 40", "av")
    return cv


def pad():
    cv = sub("pad", 1200, 700)
    cv.text(20, 5, "pad: two groups of four notes (the chord) that take turns: "
            "each chord fades its group in over 350 ms while the other fades "
            "out over 900 ms. Every note is two sawtooths \\, 6 cents flat on "
            "the left \\, 6 cents sharp on the right (the width); a "
            "low-pass (vcf~) per side \\, its cutoff from the score, f 150")
    head(cv, "pad", "chord off", "l b")
    # which group: a flip-flop
    cv.obj("ff", 100, 210, "f")
    cv.obj("ffn", 140, 210, "== 0")
    cv.c("t", 1, "ff", 0)
    cv.c("ff", 0, "ffn", 0)
    cv.c("ffn", 0, "ff", 1)
    cv.obj("pk", 20, 240, "list prepend 0")
    cv.c("t", 0, "pk", 0)
    cv.c("ff", 0, "pk", 1)
    cv.obj("rg", 20, 270, "route 0 1")
    cv.c("pk", 0, "rg", 0)
    # cutoff: both groups share the filter
    cv.obj("cs", 700, 150, "list split 2")
    cv.c("t", 0, "cs", 0)
    cv.obj("cu", 700, 180, "unpack f f")
    cv.c("cs", 0, "cu", 0)
    cv.msg("cm", 760, 210, "$1 500")
    cv.obj("cl", 760, 240, "line~")
    cv.c("cu", 1, "cm", 0)
    cv.chain("cm", "cl")
    sums = {"L": [], "R": []}
    for g in (0, 1):
        x0 = 20 + 340 * g
        p = "g%d" % g
        cv.obj(p + "s", x0, 300, "list split 2")
        cv.c("rg", g, p + "s", 0)
        cv.obj(p + "lv", x0, 330, "unpack f f")
        cv.c(p + "s", 0, p + "lv", 0)
        cv.msg(p + "in", x0, 360, "$1 350")
        cv.c(p + "lv", 0, p + "in", 0)
        cv.obj(p + "env", x0, 420, "vline~")
        cv.c(p + "in", 0, p + "env", 0)
        cv.obj(p + "nu", x0 + 100, 330, "unpack f f f f")
        cv.c(p + "s", 1, p + "nu", 0)
        for side, det in (("L", -6), ("R", 6)):
            acc = None
            for k in range(4):
                n = p + side + str(k)
                xx = x0 + 100 + 55 * k
                yy = 360 if side == "L" else 480
                cv.obj(n + "m", xx, yy, "mtof")
                cv.obj(n + "d", xx, yy + 25, "* %.6f" % (2 ** ((det + 2 * k - 3) / 1200.0)))
                cv.obj(n + "p", xx, yy + 50, "phasor~")
                cv.c(p + "nu", k, n + "m", 0)
                cv.chain(n + "m", n + "d", n + "p")
                if acc is None:
                    acc = n + "p"
                else:
                    cv.obj(n + "a", xx, yy + 75, "+~")
                    cv.c(acc, 0, n + "a", 0)
                    cv.c(n + "p", 0, n + "a", 1)
                    acc = n + "a"
            cv.obj(p + side + "e", x0 + 100, 610 if side == "R" else 590, "*~")
            cv.c(acc, 0, p + side + "e", 0)
            cv.c(p + "env", 0, p + side + "e", 1)
            sums[side].append(p + side + "e")
        # the other group fades out
        cv.msg(p + "out", x0 + 60, 390, "0 900")
        cv.c(p + "lv", 0, p + "out", 0)
    # a new chord on group g fades the other: connect each group's "out" to
    # the other group's envelope
    cv.c("g0out", 0, "g1env", 0)
    cv.c("g1out", 0, "g0env", 0)
    for k, side in enumerate("LR"):
        x = 760 + 160 * k
        cv.obj("s" + side, x, 560, "+~")
        cv.c(sums[side][0], 0, "s" + side, 0)
        cv.c(sums[side][1], 0, "s" + side, 1)
        cv.obj("f" + side, x, 590, "vcf~ 0.8")
        cv.c("s" + side, 0, "f" + side, 0)
        cv.c("cl", 0, "f" + side, 1)
        cv.obj("h" + side, x, 620, "hip~ 80")
        cv.obj("v" + side, x, 645, "*~ 0.2")
        cv.c("f" + side, 1, "h" + side, 0)
        cv.chain("h" + side, "v" + side)
    outs(cv, "vL", "vR", 760, 675)
    cv.msg("off", 480, 180, "0 $1")
    cv.c("rt", 1, "off", 0)
    cv.c("off", 0, "g0env", 0)
    cv.c("off", 0, "g1env", 0)
    stop_to(cv, 1000, 60, "0 300", "g0env", "g1env")
    reset_to(cv, 1000, 120, *[("g%d%s%dp" % (g, s, k), 1) for g in (0, 1) for s in "LR" for k in range(4)])
    return cv


def lead():
    cv = sub("lead", 900, 560)
    cv.text(20, 5, "lead: two sawtooths 7 cents apart (left \\, right) with a "
            "25 ms glide and a 5.5 Hz vibrato \\, through resonant low-passes "
            "(vcf~) whose cutoff falls after each note: a pluck, f 100")
    head(cv, "lead", "note", "l l b")
    pitch(cv, 20, 210, 25)
    cv.obj("vib", 140, 240, "osc~ 5.5")
    cv.obj("vd", 140, 270, "*~ 0.004")
    cv.obj("v1", 140, 300, "+~ 1")
    cv.chain("vib", "vd", "v1")
    cv.obj("f", 20, 330, "*~")
    cv.c("fv", 0, "f", 0)
    cv.c("v1", 0, "f", 1)
    filter_env(cv, 300, 210, 2, 3, 0.25, 300, 3200, 700)
    amp_env(cv, 500, 180, 1, 4, 0.6, 250, 90, 60)
    for k, (side, cents) in enumerate((("L", -3.5), ("R", 3.5))):
        x = 20 + 160 * k
        cv.obj("d" + side, x, 360, "*~ %.6f" % (2 ** (cents / 1200.0)))
        cv.obj("p" + side, x, 390, "phasor~")
        cv.obj("s" + side, x, 415, "-~ 0.5")
        cv.obj("vcf" + side, x, 440, "vcf~ 2")
        cv.obj("a" + side, x, 470, "*~")
        cv.obj("g" + side, x, 495, "*~ 0.55")
        cv.c("f", 0, "d" + side, 0)
        cv.chain("d" + side, "p" + side, "s" + side, "vcf" + side)
        cv.c("feo", 0, "vcf" + side, 1)
        cv.c("vcf" + side, 1, "a" + side, 0)
        cv.c("av", 0, "a" + side, 1)
        cv.chain("a" + side, "g" + side)
    outs(cv, "gL", "gR", 20, 525)
    stop_to(cv, 700, 60, "0 60", "av")
    reset_to(cv, 700, 120, ("pL", 1), ("pR", 1), ("vib", 1),
             pitch=("fv", first_pitch("lead")))
    return cv


def voice():
    cv = sub("voice", 1100, 640)
    cv.text(20, 5, "voice: formant synthesis. A sawtooth (the glottis) with a "
            "little breath noise goes through four resonant band-passes "
            "(vcf~) at a soprano's formants for the vowel (a e i o u: "
            "centre and level of F1..F4 \\, gliding 70 ms from vowel to "
            "vowel). The pitch glides 60 ms into each note \\, the vibrato "
            "(5.3 Hz \\, +-1%) grows in after 300 ms., f 140")
    head(cv, "voice", "sing", "l l l b", y=70)
    # pitch and vibrato
    pitch(cv, 20, 220, 60)
    cv.msg("vd", 140, 220, "0 \\, 0.01 500 300")
    cv.obj("vdv", 140, 250, "vline~")
    cv.obj("vib", 240, 250, "osc~ 5.3")
    cv.obj("vm", 140, 280, "*~")
    cv.obj("v1", 140, 305, "+~ 1")
    cv.c("t", 3, "vd", 0)
    cv.chain("vd", "vdv", "vm", "v1")
    cv.c("vib", 0, "vm", 1)
    cv.obj("f", 20, 340, "*~")
    cv.c("fv", 0, "f", 0)
    cv.c("v1", 0, "f", 1)
    cv.obj("ph", 20, 370, "phasor~")
    cv.obj("saw", 20, 395, "-~ 0.5")
    cv.chain("f", "ph", "saw")
    cv.obj("nz", 140, 370, "r~ $0-noise")
    cv.obj("nzg", 140, 395, "*~ 0.06")
    cv.chain("nz", "nzg")
    cv.obj("src", 20, 425, "+~")
    cv.c("saw", 0, "src", 0)
    cv.c("nzg", 0, "src", 1)
    # amplitude: attack 70 ms, 0.85 over 250 ms, release 160 ms at the end
    amp_env(cv, 340, 190, 2, 70, 0.85, 250, 160, 100)
    # vowels -> formant centres and levels
    cv.obj("vs", 560, 190, "list split 3")
    cv.obj("vt", 560, 220, "list trim")
    cv.obj("vw", 560, 245, "route " + " ".join(VOWEL))
    cv.c("t", 1, "vs", 0)
    cv.c("vs", 1, "vt", 0)
    cv.chain("vt", "vw")
    for k, v in enumerate(VOWEL):
        fr, lv = FORMANT[v]
        vals = list(fr) + ["%.4f" % (10 ** (d / 20.0)) for d in lv]
        cv.msg("vm" + v, 560 + 50 * k, 275 + 25 * (k % 2), " ".join(map(str, vals)))
        cv.c("vw", k, "vm" + v, 0)
    cv.obj("vu", 560, 325, "unpack f f f f f f f f")
    for v in VOWEL:
        cv.c("vm" + v, 0, "vu", 0)
    acc = None
    for j in range(4):
        x = 20 + 200 * j
        cv.msg("cfm%d" % j, 560 + 60 * j, 345, "$1 70")
        cv.obj("cfl%d" % j, 560 + 60 * j, 370, "line~")
        cv.msg("lvm%d" % j, 800 + 60 * j, 345, "$1 70")
        cv.obj("lvl%d" % j, 800 + 60 * j, 370, "line~")
        cv.c("vu", j, "cfm%d" % j, 0)
        cv.c("vu", 4 + j, "lvm%d" % j, 0)
        cv.chain("cfm%d" % j, "cfl%d" % j)
        cv.chain("lvm%d" % j, "lvl%d" % j)
        cv.obj("bp%d" % j, x, 470, "vcf~ %g" % FORMANT_Q[j])
        cv.c("src", 0, "bp%d" % j, 0)
        cv.c("cfl%d" % j, 0, "bp%d" % j, 1)
        cv.obj("bg%d" % j, x, 500, "*~")
        cv.c("bp%d" % j, 0, "bg%d" % j, 0)
        cv.c("lvl%d" % j, 0, "bg%d" % j, 1)
        if acc is None:
            acc = "bg0"
        else:
            cv.obj("bs%d" % j, x, 530, "+~")
            cv.c(acc, 0, "bs%d" % j, 0)
            cv.c("bg%d" % j, 0, "bs%d" % j, 1)
            acc = "bs%d" % j
    cv.obj("amp", 620, 560, "*~")
    cv.c(acc, 0, "amp", 0)
    cv.c("av", 0, "amp", 1)
    cv.obj("g", 620, 585, "*~ 0.54")
    cv.chain("amp", "g")
    outs(cv, "g", "g", 620, 610)
    stop_to(cv, 900, 70, "0 80", "av")
    reset_to(cv, 900, 130, ("ph", 1), ("vib", 1),
             pitch=("fv", first_pitch("voice")))
    return cv


def noise():
    cv = sub("noise", 760, 420)
    cv.text(20, 5, "noise: a table of %d values from [random] with seed %d \\, "
            "filled at load \\, read in a loop (left from the start \\, right "
            "from the middle: two independent noises); the loop restarts on "
            "play: the same noise every time, f 100" % (NOISE, SEED))
    cv.obj("tab", 500, 60, "table $0-noise %d" % NOISE)
    cv.obj("lb", 20, 60, "loadbang")
    cv.obj("t", 20, 90, "t b b b")
    cv.c("lb", 0, "t", 0)
    cv.msg("seed", 200, 120, "seed %d" % SEED)
    cv.msg("z", 120, 120, "0")
    cv.msg("n", 20, 120, str(NOISE))
    cv.obj("until", 20, 150, "until")
    cv.obj("i", 20, 180, "f")
    cv.obj("inc", 60, 180, "+ 1")
    cv.obj("ti", 20, 210, "t b f")
    cv.obj("rnd", 20, 240, "random %d" % NOISE)
    cv.obj("sc", 20, 270, "expr ($f1 - %g) / %g" % ((NOISE - 1) / 2.0, (NOISE - 1) / 2.0))
    cv.obj("tw", 20, 300, "tabwrite $0-noise")
    cv.c("t", 2, "seed", 0)
    cv.c("seed", 0, "rnd", 0)
    cv.c("t", 1, "z", 0)
    cv.c("z", 0, "i", 1)
    cv.c("t", 0, "n", 0)
    cv.chain("n", "until", "i", "ti")
    cv.c("i", 0, "inc", 0)
    cv.c("inc", 0, "i", 1)
    cv.c("ti", 1, "tw", 1)
    cv.c("ti", 0, "rnd", 0)
    cv.chain("rnd", "sc", "tw")
    f = "%.9g" % (48000.0 / NOISE)
    cv.obj("sr", 300, 120, "samplerate~")
    cv.obj("srd", 300, 150, "/ %d" % NOISE)
    cv.c("t", 0, "sr", 0)
    cv.chain("sr", "srd")
    cv.obj("rp", 300, 180, "r $0-reset")
    cv.obj("tr", 300, 205, "t b b")
    cv.obj("p", 300, 240, "phasor~ " + f)
    cv.c("rp", 0, "tr", 0)
    cv.c("tr", 0, "sr", 0)
    cv.c("srd", 0, "p", 0)
    cv.msg("p0", 400, 205, "0")
    cv.c("tr", 1, "p0", 0)
    cv.c("p0", 0, "p", 1)
    cv.obj("xL", 300, 270, "*~ %d" % NOISE)
    cv.obj("rL", 300, 295, "tabread~ $0-noise")
    cv.obj("sL", 300, 320, "s~ $0-noise")
    cv.chain("p", "xL", "rL", "sL")
    cv.obj("h", 500, 240, "+~ 0.5")
    cv.obj("w", 500, 265, "wrap~")
    cv.obj("xR", 500, 290, "*~ %d" % NOISE)
    cv.obj("rR", 500, 315, "tabread~ $0-noise")
    cv.obj("sR", 500, 340, "s~ $0-noise2")
    cv.c("p", 0, "h", 0)
    cv.chain("h", "w", "xR", "rR", "sR")
    return cv


def control():
    cv = sub("control", 1100, 760)
    cv.text(20, 5, "the transport: a 16th-note clock (metro %g ms) steps "
            "through the score (%d steps); each step goes to every "
            "instrument ([s $0-step]) \\, which reads its own line. Info: "
            "bar <n> at each bar \\, section <name> at each section \\, "
            "play 0|1 \\, end. reset: stop and back to the top., f 140" % (STEP_MS, STEPS))
    cv.obj("in", 20, 60, "r $0-ctl")
    cv.obj("rt", 20, 90, "route play stop pos section loop bang print reset")
    cv.c("in", 0, "rt", 0)
    cv.obj("err", 700, 180, "print demosong~: unknown message")
    cv.c("rt", 8, "err", 0)
    # state
    cv.obj("playing", 20, 500, "v $0-playing")
    def when(tag, x, outlet, playing):
        """[route]'s outlet -> [t b] (named tag) -> only when $0-playing is
        `playing` -> [t b b b] (tag + "t")"""
        cv.obj(tag, x, 130, "t b")
        cv.c("rt", outlet, tag, 0)
        cv.obj(tag + "v", x, 155, "v $0-playing")
        cv.obj(tag + "s", x, 180, "sel %d" % playing)
        cv.obj(tag + "t", x, 205, "t b b b")
        cv.chain(tag, tag + "v", tag + "s", tag + "t")
    # play: if not playing: reset phases, start the clock
    when("pl", 20, 0, 0)
    cv.obj("rst", 140, 235, "s $0-reset")
    cv.c("plt", 2, "rst", 0)
    cv.msg("p1", 80, 235, "1")
    cv.c("plt", 1, "p1", 0)
    cv.obj("p1v", 80, 260, "v $0-playing")
    cv.c("p1", 0, "p1v", 0)
    cv.msg("pi", 200, 260, "play 1")
    cv.c("plt", 1, "pi", 0)
    cv.msg("go", 20, 290, "1")
    cv.c("plt", 0, "go", 0)
    # stop: if playing: stop the clock, release the notes
    when("st", 260, 1, 1)
    cv.msg("s0", 260, 290, "0")
    cv.c("stt", 0, "s0", 0)
    cv.obj("sst", 340, 235, "s $0-stop")
    cv.c("stt", 1, "sst", 0)
    cv.msg("s0v", 420, 235, "0")
    cv.obj("s0vv", 420, 260, "v $0-playing")
    cv.c("stt", 2, "s0v", 0)
    cv.chain("s0v", "s0vv")
    cv.msg("si", 500, 260, "play 0")
    cv.c("stt", 2, "si", 0)
    # the clock
    cv.obj("metro", 20, 330, "metro %g" % STEP_MS)
    cv.c("go", 0, "metro", 0)
    cv.c("s0", 0, "metro", 0)
    cv.obj("step", 20, 360, "f")
    cv.obj("inc", 70, 360, "+ 1")
    cv.c("metro", 0, "step", 0)
    cv.obj("tst", 20, 390, "t f f")
    cv.c("step", 0, "tst", 0)
    cv.c("tst", 1, "inc", 0)
    # every next step goes through here: the clock's [f] and a [v] that
    # print reads
    cv.obj("nxt", 120, 330, "t f f")
    cv.obj("nxtv", 180, 300, "v $0-next")
    cv.c("nxt", 0, "step", 1)
    cv.c("nxt", 1, "nxtv", 0)
    cv.c("inc", 0, "nxt", 0)
    cv.obj("end", 20, 420, "moses %d" % STEPS)
    cv.c("tst", 0, "end", 0)
    cv.obj("ts", 20, 450, "t f f")
    cv.c("end", 0, "ts", 0)
    cv.obj("ss", 20, 540, "s $0-step")
    cv.c("ts", 0, "ss", 0)
    # bar and section info
    cv.obj("bar", 120, 480, "expr if($f1 % 16 == 0 \\, $f1 / 16 \\, -1)")
    cv.c("ts", 1, "bar", 0)
    cv.obj("bm", 120, 510, "moses 0")
    cv.c("bar", 0, "bm", 0)
    cv.obj("bt", 120, 540, "t f f")
    cv.c("bm", 1, "bt", 0)
    cv.msg("bi", 120, 570, "bar $1")
    cv.c("bt", 1, "bi", 0)
    cv.obj("secs", 220, 570, "sel " + " ".join(str(b) for _, b in SECTIONS))
    cv.c("bt", 0, "secs", 0)
    for k, (n, _) in enumerate(SECTIONS):
        cv.msg("sec" + n, 220 + 80 * k, 600, "section " + n)
        cv.c("secs", k, "sec" + n, 0)
    # the end: loop or stop
    cv.obj("et", 500, 450, "t b b")
    cv.c("end", 1, "et", 0)
    cv.msg("ei", 600, 480, "end")
    cv.c("et", 1, "ei", 0)
    cv.obj("lv", 500, 480, "v $0-loop")
    cv.c("et", 0, "lv", 0)
    cv.obj("ls", 500, 510, "sel 0")
    cv.c("lv", 0, "ls", 0)
    cv.obj("lt", 560, 540, "t b b")
    cv.c("ls", 1, "lt", 0)
    cv.msg("l0", 620, 570, "0")
    cv.c("lt", 1, "l0", 0)
    cv.c("l0", 0, "nxt", 0)
    cv.c("lt", 0, "step", 0)
    cv.obj("nt", 500, 570, "t b b")
    cv.c("ls", 0, "nt", 0)
    cv.msg("n0", 500, 600, "0")
    cv.c("nt", 0, "n0", 0)
    cv.c("n0", 0, "nxt", 0)
    cv.c("nt", 1, "st", 0)  # stop (releases, play 0)
    # pos <bar>: the next step is the bar's first; notes are released
    cv.obj("pos", 700, 330, "clip 0 %d" % (BARS - 1))
    cv.c("rt", 2, "pos", 0)
    cv.obj("posi", 700, 355, "i")
    cv.obj("posm", 700, 380, "* 16")
    cv.obj("post", 700, 405, "t f b")
    cv.chain("pos", "posi", "posm", "post")
    cv.c("post", 0, "nxt", 0)
    cv.obj("poss", 780, 430, "s $0-stop")
    cv.c("post", 1, "poss", 0)
    cv.obj("secr", 860, 280, "route " + " ".join(n for n, _ in SECTIONS))
    cv.c("rt", 3, "secr", 0)
    for k, (n, b) in enumerate(SECTIONS):
        cv.msg("sp" + n, 860 + 50 * k, 305, str(b))
        cv.c("secr", k, "sp" + n, 0)
        cv.c("sp" + n, 0, "pos", 0)
    cv.c("secr", len(SECTIONS), "err", 0)
    # loop 0|1
    cv.obj("lp", 700, 130, "!= 0")
    cv.c("rt", 4, "lp", 0)
    cv.obj("lpv", 700, 155, "v $0-loop")
    cv.c("lp", 0, "lpv", 0)
    # reset: stop, back to the top
    cv.obj("rs", 1000, 130, "t b b")
    cv.c("rt", 7, "rs", 0)
    cv.msg("rs0", 1060, 155, "0")
    cv.c("rs", 0, "rs0", 0)
    cv.c("rs0", 0, "pos", 0)
    cv.c("rs", 1, "st", 0)
    # bang: from the top
    cv.obj("bg", 860, 130, "t b b")
    cv.c("rt", 5, "bg", 0)
    cv.msg("bg0", 920, 155, "0")
    cv.c("bg", 1, "bg0", 0)
    cv.c("bg0", 0, "pos", 0)
    cv.c("bg", 0, "pl", 0)
    # print
    cv.obj("pr", 700, 620, "t b b b")
    cv.c("rt", 6, "pr", 0)
    cv.obj("prl", 700, 650, "v $0-loop")
    cv.obj("prp", 780, 650, "v $0-playing")
    cv.obj("prs", 860, 650, "v $0-next")
    cv.obj("prk", 700, 680, "pack f f f")
    cv.c("pr", 2, "prs", 0)
    cv.c("prs", 0, "prk", 2)
    cv.c("pr", 1, "prp", 0)
    cv.c("prp", 0, "prk", 1)
    cv.c("pr", 0, "prl", 0)
    cv.c("prl", 0, "prk", 0)
    cv.msg("prm", 700, 710, "next step $3 playing $2 loop $1")
    cv.c("prk", 0, "prm", 0)
    cv.obj("prpr", 700, 735, "print demosong~")
    cv.c("prm", 0, "prpr", 0)
    # info
    cv.obj("info", 120, 660, "s $0-info")
    for m in ("pi", "si", "bi", "ei") + tuple("sec" + n for n, _ in SECTIONS):
        cv.c(m, 0, "info", 0)
    return cv


def flags():
    cv = sub("flags", 700, 320)
    cv.text(20, 5, "creation flags as messages: [demosong~ -loop 1] sends "
            "[loop 1( at load, f 80")
    cv.obj("lb", 20, 50, "loadbang")
    cv.msg("a", 20, 80, "args")
    cv.obj("pc", 20, 110, "pdcontrol")
    cv.obj("sp", 20, 140, "list split 2")
    cv.obj("tr", 20, 170, "list trim")
    cv.obj("rt", 20, 200, "route -loop")
    cv.msg("lm", 20, 230, "loop $1")
    cv.obj("s", 20, 260, "s $0-ctl")
    cv.chain("lb", "a", "pc", "sp", "tr", "rt", "lm", "s")
    cv.c("sp", 1, "sp", 0)
    cv.obj("rb", 200, 170, "route bang")
    cv.c("sp", 2, "rb", 0)
    cv.obj("e", 300, 230, "print demosong~: unknown flag")
    cv.c("rt", 1, "e", 0)
    cv.c("rb", 1, "e", 0)
    return cv


def main():
    top = Canvas("#N canvas 40 40 1000 520 12;")
    top.text(20, 10, "demosong~: the mixmaster demo song (generated by "
             "scripts/mkdemosong.py: edit that \\, not this). 120 bpm \\, "
             "%d bars \\, 40 s: intro (bars 0-3 \\, quiet) \\, verse (4-7) "
             "\\, chorus (8-15 \\, loud) \\, outro (16-19). Outlets: a pair "
             "(left \\, right) per stem: %s; then info. Messages: play \\, "
             "stop \\, pos <bar> \\, section <name> \\, loop 0|1 \\, bang "
             "(from the top) \\, reset (stop \\, to the top) \\, print. See demosong~-help.pd., f 130"
             % (BARS, " \\, ".join(STEMS)))
    top.obj("in", 20, 90, "inlet")
    top.obj("toc", 20, 120, "s $0-ctl")
    top.chain("in", "toc")
    top.sub("flags", 200, 90, "flags", flags())
    top.sub("control", 300, 90, "control", control())
    top.sub("noise", 400, 90, "noise", noise())
    makers = dict(kick=kick, snare=snare, hats=hats, bass=bass, pad=pad,
                  lead=lead, voice=voice)
    for k, s in enumerate(STEMS):
        top.sub(s, 20 + 130 * k, 200, s, makers[s]())
    for k, s in enumerate(STEMS):
        for j, side in enumerate("LR"):
            n = "o%s%s" % (s, side)
            top.obj(n, 20 + 130 * k + 60 * j, 300 + 30 * j, "outlet~")
            top.c(s, j, n, 0)
    top.obj("ri", 20 + 130 * len(STEMS), 360, "r $0-info")
    top.obj("oi", 20 + 130 * len(STEMS), 390, "outlet")
    top.chain("ri", "oi")
    top.text(20, 440, "outlets left to right: %s \\, info, f 130"
             % " \\, ".join("%s L \\, %s R" % (s, s) for s in STEMS))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "abstractions", "demosong~.pd")
    with open(path, "w") as f:
        f.write(top.render() + "\n")


if __name__ == "__main__":
    main()
