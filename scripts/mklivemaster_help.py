"""Writes help-patches/livemaster~-help.pd (generated: edit this, then run
`python3 scripts/mklivemaster_help.py > help-patches/livemaster~-help.pd`)."""
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdpatch import Canvas  # noqa: E402

SUB = "#N canvas 80 80 {w} {h} {name} 0;"
BG = "#fcfcfc #000000 #000000"


def hsl(cv, name, x, y, w, lo, hi, label):
    return cv.obj(name, x, y, f"hsl {w} 18 {lo} {hi} 0 0 empty empty "
                  f"{label} 0 -10 0 12 {BG} 0 1")


def tgl(cv, name, x, y, label):
    return cv.obj(name, x, y, f"tgl 18 0 empty empty {label} 24 9 0 12 {BG} 0 1")


def fatom(cv, name, x, y, w, label, lo=0, hi=0):
    return cv._add(name, ("raw", f"#X floatatom {x} {y} {w} {lo} {hi} 1 {label or '-'} - - 0;"))


def performance():
    cv = Canvas(SUB.format(w=760, h=560, name="performance"))
    cv.text(20, 10, "A 58 s performance that loops: a quiet intro \\, a "
            "16 s pause \\, a loud entry \\, a medium verse \\, a loud "
            "chorus. Drums \\, bass and a chord \\, all in Pd.")
    # the score: the section from the time in the loop
    cv.obj("lb", 20, 60, "loadbang")
    cv.obj("m", 20, 90, "metro 500")
    cv.obj("f", 20, 120, "f")
    cv.obj("inc", 60, 120, "+ 0.5")
    cv.obj("mod", 20, 150, "mod 58")
    cv.obj("sec", 20, 180, "expr if($f1 < 10 \\, 0 \\, if($f1 < 26 \\, 1 "
           "\\, if($f1 < 36 \\, 2 \\, if($f1 < 46 \\, 3 \\, 4))))")
    cv.obj("chg", 20, 210, "change -1")
    cv.obj("sel", 20, 240, "sel 0 1 2 3 4")
    levels = ((-34, "quiet"), (-200, "pause"), (-6, "loud"), (-20, "medium"),
              (-8, "chorus"))
    cv.obj("lvl", 20, 330, "t f")
    for i, (db, word) in enumerate(levels):
        cv.msg(f"s{i}", 20 + 80 * i, 270, f"{db} {word}")
        cv.c("sel", i, f"s{i}", 0)
    cv.obj("unp", 20, 300, "unpack f s")
    for i in range(5):
        cv.c(f"s{i}", 0, "unp", 0)
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
    # the band: kick, hats, bass, chord
    cv.obj("beat", 300, 60, "metro 500")
    cv.obj("half", 400, 60, "metro 250")
    cv.c("lb", 0, "beat", 0)
    cv.c("lb", 0, "half", 0)
    cv.msg("ke", 300, 90, "1 \\, 0 180")
    cv.obj("kv", 300, 120, "vline~")
    cv.obj("ko", 300, 150, "osc~ 50")
    cv.obj("k", 300, 180, "*~")
    cv.chain("beat", "ke", "kv")
    cv.c("kv", 0, "k", 1)
    cv.c("ko", 0, "k", 0)
    cv.msg("he", 400, 90, "0.5 \\, 0 40")
    cv.obj("hv", 400, 120, "vline~")
    cv.obj("hn", 480, 120, "noise~")
    cv.obj("hh", 480, 150, "hip~ 6000")
    cv.obj("h", 400, 180, "*~")
    cv.chain("half", "he", "hv")
    cv.chain("hn", "hh")
    cv.c("hv", 0, "h", 0)
    cv.c("hh", 0, "h", 1)
    cv.obj("bp", 560, 60, "phasor~ 55")
    cv.obj("bl", 560, 90, "lop~ 300")
    cv.obj("bg", 560, 120, "*~ 0.5")
    cv.chain("bp", "bl", "bg")
    cv.obj("c1", 560, 160, "osc~ 220")
    cv.obj("c2", 640, 160, "osc~ 277.2")
    cv.obj("c3", 560, 190, "osc~ 329.6")
    cv.obj("cs", 560, 220, "+~")
    cv.obj("cs2", 560, 250, "+~")
    cv.obj("cg", 560, 280, "*~ 0.08")
    cv.c("c1", 0, "cs", 0)
    cv.c("c2", 0, "cs", 1)
    cv.c("cs", 0, "cs2", 0)
    cv.c("c3", 0, "cs2", 1)
    cv.chain("cs2", "cg")
    cv.obj("mixL", 300, 330, "+~")
    cv.obj("mixL2", 300, 360, "+~")
    cv.obj("mixR", 420, 330, "+~")
    cv.obj("mixR2", 420, 360, "+~")
    cv.c("k", 0, "mixL", 0)
    cv.c("h", 0, "mixL", 1)
    cv.c("k", 0, "mixR", 0)
    cv.c("bg", 0, "mixR", 1)
    cv.c("mixL", 0, "mixL2", 0)
    cv.c("bg", 0, "mixL2", 1)
    cv.c("mixR", 0, "mixR2", 0)
    cv.c("cg", 0, "mixR2", 1)
    cv.c("cg", 0, "mixL2", 1)
    cv.c("h", 0, "mixR2", 1)
    cv.obj("gL", 300, 450, "*~")
    cv.obj("gR", 420, 450, "*~")
    cv.c("mixL2", 0, "gL", 0)
    cv.c("mixR2", 0, "gR", 0)
    cv.c("line", 0, "gL", 1)
    cv.c("line", 0, "gR", 1)
    cv.obj("oL", 300, 520, "outlet~")
    cv.obj("oR", 420, 520, "outlet~")
    cv.chain("gL", "oL")
    cv.chain("gR", "oR")
    return cv


def reference():
    cv = Canvas(SUB.format(w=1180, h=900, name="reference"))
    y = [14]

    def line(x, text, h=27, w=75):
        cv.text(x, y[0], text + f", f {w}")
        y[0] += h

    def head(label):
        cv.obj(None, 10, y[0] + 10, f"cnv 1 560 2 empty empty {label} 8 12 0 13 #202020 #000000 0")
        y[0] += 40

    cv.obj(None, 20, y[0], "livemaster~")
    cv.text(130, y[0] + 1, "- automatic live mastering (an abstraction: "
            "leveler~ -> multiband~ -> limiter~ \\, metered by loudness~), f 80")
    y[0] += 40
    head("INLETS:")
    line(30, "1st: signal - left channel \\, and every message")
    line(30, "2nd: signal - right channel")
    head("OUTLETS:")
    line(30, "1st \\, 2nd: signal - left \\, right (delayed by the latency)")
    line(30, "3rd: anything - readings (selector value...) for [route]")
    head("FLAGS:")
    line(30, "-target <LUFS> -ceiling <dBTP> -character gentle|medium|firm "
         "(defaults -16 \\, -1 \\, gentle). Every message is also a flag: "
         "-freeze 1 \\, -rest 0 \\, -bypass 1 \\, -load <file> ... "
         "A word that is no message is an error naming livemaster~.", 70)
    head("MESSAGES:")
    msgs = (
        ("target <LUFS>", "-40..-5 [-16]: the leveler's target \\, the "
         "multiband's thresholds (target + offset) and the meter's target "
         "at once"),
        ("ceiling <dBTP>", "-24..0 [-1]: the limiter's true-peak ceiling"),
        ("character <word>", "gentle|medium|firm [gentle]: how hard the "
         "multiband works (threshold target+8/+5/+2 dB \\, ratio 1.5/2/3)"),
        ("freeze <0|1>", "[0]: hold the leveler's gain"),
        ("bypass <0|1>", "[0]: output = input delayed by the latency "
         "(each stage crossfades to its own delayed dry path)"),
        ("rest <s>", "0..600 [5]: after that long below target - 30 LU \\, "
         "the gain slides down (3 dB/s) to min(0 \\, target + 6) dB \\, "
         "ready for a loud entry. 0 = off"),
        ("save <file>", "the settings and the leveler's gain as a text "
         "file of messages (relative: beside your patch)"),
        ("load <file>", "plays such a file's lines as messages"),
        ("latency", "emits latency <samples> (also when DSP starts)"),
        ("print \\, reset \\, bang", "post the settings and every stage's; "
         "clear every stage's state; emit every reading now"),
        ("interval <ms>", "meters' period (multiband~ \\, limiter~ \\, "
         "loudness~; the leveler reports every 100 ms)"),
        ("<stage> <message>", "leveler \\, multiband \\, limiter or "
         "loudness first: the message goes to that stage ([limiter "
         "release 50( \\, [leveler speed 3()"),
    )
    for k, v in msgs:
        cv.text(30, y[0], f"{k}, f 18")
        cv.text(200, y[0], f"{v}, f 52")
        y[0] += 48
    y0 = y[0]
    y[0] = 14
    cv.obj(None, 600, y[0] + 10, "cnv 1 560 2 empty empty INFO\\ OUTPUTS: 8 12 0 13 #202020 #000000 0")
    y[0] += 40
    infos = (
        ("leveler gain <dB>", "the leveler's gain now (also leveler "
         "loudness \\, leveler frozen)"),
        ("multiband gr <band> <dB>", "each band's gain reduction"),
        ("limiter gr <dB>", "the limiter's gain reduction"),
        ("loudness shortterm <LUFS>", "the output's short-term loudness "
         "(and momentary \\, integrated \\, lra \\, truepeak \\, "
         "samplepeak \\, plr \\, gain)"),
        ("latency <samples>", "the chain's total: the limiter's 4 ms "
         "lookahead (leveler~ and multiband~ have none)"),
    )
    for k, v in infos:
        cv.text(620, y[0], f"{k}, f 24")
        cv.text(830, y[0], f"{v}, f 40")
        y[0] += 48
    cv.obj(None, 600, y[0] + 10, "cnv 1 560 2 empty empty GUARANTEES: 8 12 0 13 #202020 #000000 0")
    y[0] += 40
    for t in (
        "Latency 4 ms (192 samples at 48 kHz): at most 5 ms.",
        "Music jumping between sections at -40 and -6 LUFS: short-term "
        "loudness within 2 LU of the target 10 s after each jump "
        "(measured: within 0.5 LU).",
        "True peak never above the ceiling by more than 0.1 dB "
        "(measured on that programme: -1.09 dBTP for a -1 ceiling).",
        "30 s of silence after a quiet section \\, then a -6 LUFS entry: "
        "short-term overshoot at most 3 LU (measured 0.4 LU; 7 LU "
        "without rest).",
        "Output finite through NaN/inf bursts \\, DSP off/on and sample "
        "rate changes; memory flat over an hour.",
        "Tested by tests/pd/test_livemaster.sh.",
    ):
        cv.text(620, y[0], f"{t}, f 75")
        y[0] += 48
    cv.obj(None, 600, y[0] + 10, "cnv 1 560 2 empty empty NOTES: 8 12 0 13 #202020 #000000 0")
    y[0] += 40
    for t in (
        "Inside: leveler~ -speed 6 -window 2000 -gate -30 -maxboost 30 "
        "-maxcut 24 (fast enough to cross 34 dB in under 10 s) \\, "
        "multiband~ -bands 4 -xover 120 1000 6000 \\, limiter~ "
        "-lookahead 4 -release 80 \\, loudness~ on the output.",
        "The leveler steers by its own input \\, so the multiband's "
        "compression after it lowers the output a little below the target "
        "(about 1 LU with firm).",
        "A loud jump with no pause in between (a quiet verse straight into "
        "a loud chorus) is caught by the limiter until the leveler has "
        "come down (6 dB/s).",
    ):
        cv.text(620, y[0], f"{t}, f 75")
        y[0] += 70
    yb = max(y0, y[0]) + 10
    cv.obj(None, 10, yb, "cnv 1 1150 1 empty empty empty 8 12 0 13 #202020 #000000 0")
    cv.text(20, yb + 8, "mixmaster \\, Pd 0.51 or newer. An abstraction: "
            "abstractions/livemaster~.pd (generated by "
            "scripts/mklivemaster.py)., f 150")
    return cv


def hslr(cv, x, y, w, lo, hi, label, rcv):
    return cv.obj(None, x, y, f"hsl {w} 18 {lo} {hi} 0 0 empty {rcv} "
                  f"{label} 0 -10 0 12 {BG} 0 1")


def fatomr(cv, name, x, y, w, label, rcv, lo=0, hi=0):
    return cv._add(name, ("raw", f"#X floatatom {x} {y} {w} {lo} {hi} 1 "
                          f"{label or '-'} {rcv.replace('$', chr(92) + '$')} - 0;"))


def readings():
    cv = Canvas(SUB.format(w=720, h=360, name="readings"))
    cv.text(20, 10, "livemaster~'s info outlet \\, sorted for the "
            "sliders and number boxes (they listen with receive names)., f 80")
    cv.obj("r", 20, 50, "r $0-info")
    cv.obj("rt", 20, 80, "route leveler multiband limiter loudness latency")
    cv.chain("r", "rt")
    cv.obj("rg", 20, 120, "route gain")
    cv.obj("sg", 20, 150, "s $0-gain")
    cv.c("rt", 0, "rg", 0)
    cv.chain("rg", "sg")
    cv.obj("rm", 150, 120, "route gr")
    cv.obj("mu", 150, 150, "route 1 2 3 4")
    cv.c("rt", 1, "rm", 0)
    cv.chain("rm", "mu")
    for i in range(4):
        cv.obj(f"sm{i}", 150 + 70 * i, 180 + 30 * (i % 2), f"s $0-mb{i + 1}")
        cv.c("mu", i, f"sm{i}", 0)
    cv.obj("rl", 150, 250, "route gr")
    cv.obj("sl", 150, 280, "s $0-lim")
    cv.c("rt", 2, "rl", 0)
    cv.chain("rl", "sl")
    cv.obj("rd", 350, 250, "route shortterm integrated truepeak")
    cv.c("rt", 3, "rd", 0)
    for i, n in enumerate(("st", "int", "tp")):
        cv.obj(f"sd{i}", 350 + 100 * i, 290, f"s $0-{n}")
        cv.c("rd", i, f"sd{i}", 0)
    cv.obj("slat", 600, 120, "s $0-lat")
    cv.c("rt", 4, "slat", 0)
    return cv


def volume():
    cv = Canvas(SUB.format(w=420, h=300, name="volume"))
    cv.obj("iL", 20, 20, "inlet~")
    cv.obj("iR", 120, 20, "inlet~")
    cv.obj("r", 220, 20, "r $0-vol")
    cv.obj("add", 220, 50, "+ 100")
    cv.obj("rms", 220, 80, "dbtorms")
    cv.msg("ramp", 220, 110, "$1 50")
    cv.obj("line", 220, 140, "line~")
    cv.obj("gL", 20, 180, "*~")
    cv.obj("gR", 120, 180, "*~")
    cv.obj("oL", 20, 240, "outlet~")
    cv.obj("oR", 120, 240, "outlet~")
    cv.chain("r", "add", "rms", "ramp", "line")
    cv.c("iL", 0, "gL", 0)
    cv.c("iR", 0, "gR", 0)
    cv.c("line", 0, "gL", 1)
    cv.c("line", 0, "gR", 1)
    cv.chain("gL", "oL")
    cv.chain("gR", "oR")
    return cv


def init():
    cv = Canvas(SUB.format(w=500, h=240, name="init"))
    cv.text(20, 10, "the controls show livemaster~'s values when the patch "
            "opens, f 60")
    cv.obj("lb", 20, 50, "loadbang")
    for i, (v, dst) in enumerate((("set -16", "$0-tgset"), ("set -1", "$0-clset"),
                                  ("-12", "$0-vol"), ("set -12", "$0-volset"))):
        cv.msg(f"m{i}", 20 + 110 * i, 90, v)
        cv.obj(f"s{i}", 20 + 110 * i, 130, f"s {dst}")
        cv.c("lb", 0, f"m{i}", 0)
        cv.chain(f"m{i}", f"s{i}")
    return cv


def main():
    cv = Canvas("#N canvas 60 40 1010 830 12;")
    cv.obj(None, 20, 15, "cnv 1 960 1 empty empty empty 8 12 0 13 #000000 #000000 0")
    cv.text(20, 25, "[livemaster~] - automatic live mastering for a "
            "performance with nobody at the controls, f 100")
    cv.text(20, 55, "Put it last \\, before the speakers or the stream. "
            "It rides the level toward a loudness target (quiet passages "
            "up \\, loud ones down) \\, glues with a gentle multiband "
            "compressor and never lets a true peak past the ceiling. "
            "4 ms of latency. One number - the target - sets it all up., f 110")
    cv.msg("on", 20, 125, "\\; pd dsp 1")
    cv.msg("off", 110, 125, "\\; pd dsp 0")
    cv.text(200, 130, "<- DSP on / off \\, then listen and watch, f 40")
    # left column: the performance, the object, the speakers
    cv.text(20, 180, "a performance (open it):, f 30")
    cv.sub("perf", 20, 210, "performance", performance())
    cv.raw("secname", "#X symbolatom 180 210 8 0 0 1 now \\$0-now - 0;")
    cv.obj("r", 70, 255, "r $0-lm")
    cv.obj("lm", 20, 300, "livemaster~ -target -16 -ceiling -1 -character gentle, f 28")
    cv.c("perf", 0, "lm", 0)
    cv.c("perf", 1, "lm", 1)
    cv.c("r", 0, "lm", 0)
    cv.obj("si", 260, 380, "s $0-info")
    cv.c("lm", 2, "si", 0)
    cv.sub("vol", 20, 380, "volume", volume())
    cv.obj("dac", 20, 420, "dac~")
    cv.c("lm", 0, "vol", 0)
    cv.c("lm", 1, "vol", 1)
    cv.c("vol", 0, "dac", 0)
    cv.c("vol", 1, "dac", 1)
    cv._add(None, ("raw", "#X floatatom 120 380 4 -60 0 1 volume_dB \\$0-volset \\$0-vol 0;"))
    cv.text(20, 460, "The first two outlets are the mastered signal \\, "
            "the third its readings: every stage's \\, with the stage's "
            "name first (leveler gain 3.2 \\, limiter gr -1.5 \\, "
            "loudness shortterm -16.1) and latency <samples>. [pd readings] "
            "sorts them for the meters on the right., f 50")
    cv.sub(None, 20, 570, "readings", readings())
    cv.sub(None, 130, 570, "init", init())
    # right column: the controls
    X = 540
    cv.text(X, 180, "the controls (each a message to livemaster~):, f 50")
    fatomr(cv, "tg", X, 210, 5, "target_LUFS", "$0-tgset", -40, -5)
    cv.msg("tgm", X, 240, "target $1")
    cv.obj("tgs", X, 270, "s $0-lm")
    fatomr(cv, "cl", X + 160, 210, 5, "ceiling_dBTP", "$0-clset", -24, 0)
    cv.msg("clm", X + 160, 240, "ceiling $1")
    cv.obj("cls", X + 160, 270, "s $0-lm")
    for i, w in enumerate(("gentle", "medium", "firm")):
        cv.msg(f"ch{i}", X + 320 + 30 * 0, 210 + 30 * i, f"character {w}")
    cv.obj("chs", X + 320, 300, "s $0-lm")
    for i in range(3):
        cv.c(f"ch{i}", 0, "chs", 0)
    tgl(cv, "fz", X, 320, "freeze")
    cv.msg("fzm", X, 350, "freeze $1")
    cv.obj("fzs", X, 380, "s $0-lm")
    tgl(cv, "bp", X + 160, 320, "bypass")
    cv.msg("bpm", X + 160, 350, "bypass $1")
    cv.obj("bps", X + 160, 380, "s $0-lm")
    for a, b, c in (("tg", "tgm", "tgs"), ("cl", "clm", "cls"),
                    ("fz", "fzm", "fzs"), ("bp", "bpm", "bps")):
        cv.chain(a, b, c)
    # the meters
    cv.text(X, 430, "what it does now:, f 30")
    hslr(cv, X, 480, 240, -24, 30, "leveler_gain_dB_(-24..+30)", "$0-gain")
    fatomr(cv, None, X + 260, 480, 7, "dB", "$0-gain")
    hslr(cv, X, 540, 240, -12, 0, "limiter_gain_reduction_dB_(-12..0)", "$0-lim")
    fatomr(cv, None, X + 260, 540, 7, "dB", "$0-lim")
    hslr(cv, X, 600, 240, -40, 0, "short-term_loudness_LUFS_(-40..0)", "$0-st")
    fatomr(cv, None, X + 260, 600, 7, "LUFS", "$0-st")
    cv.text(X, 640, "multiband gr dB (bands 1-4):, f 30")
    for i in range(4):
        fatomr(cv, None, X + 230 + 55 * i, 640, 5, "", f"$0-mb{i + 1}")
    fatomr(cv, None, X, 680, 7, "integrated_LUFS", "$0-int")
    fatomr(cv, None, X + 220, 680, 7, "true_peak_dBTP", "$0-tp")
    fatomr(cv, None, X, 710, 6, "latency_samples", "$0-lat")
    cv.text(20, 625, "Try: a target of -23 (broadcast) or -14 (streams) "
            "\\, watch the gain come down in the pause (rest) before the "
            "loud entry \\, freeze \\, bypass (time-aligned)., f 55")
    # more: advanced
    more = Canvas(SUB.format(w=700, h=420, name="more"))
    more.text(20, 10, "Messages that start with a stage's name go to that "
              "stage: the chain's parts stay reachable., f 80")
    for i, m in enumerate(("leveler speed 3", "multiband ratio 0 2",
                           "limiter release 50", "loudness reset",
                           "rest 0", "save livemaster-state.txt",
                           "load livemaster-state.txt", "latency", "print")):
        more.msg(f"m{i}", 20 + 220 * (i % 3), 60 + 40 * (i // 3), m)
    more.obj("s", 20, 200, "s $0-lm")
    for i in range(9):
        more.c(f"m{i}", 0, "s", 0)
    more.text(20, 240, "rest: after 5 s below target - 30 LU (a pause) "
              "the leveler's gain slides down at 3 dB/s to min(0 \\, "
              "target + 6) dB \\, so a loud entry after a long pause is "
              "not blasted out (rest 0: off). save writes the settings "
              "and the leveler's gain as a readable text file beside your "
              "patch - load plays it back., f 80")
    cv.sub(None, 20, 700, "more", more)
    cv.sub(None, 100, 700, "reference", reference())
    cv.text(20, 760, "see also:, f 10")
    for i, o in enumerate(("leveler~", "multiband~", "limiter~", "loudness~",
                           "mastering~")):
        cv.obj(None, 110 + 100 * i, 760, o)
    cv.text(20, 800, "mixmaster - Pd 0.51 or newer (made with 0.53.1), f 60")
    return cv.render() + "\n"


if __name__ == "__main__":
    sys.stdout.write(main())
