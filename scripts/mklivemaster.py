"""Writes abstractions/livemaster~.pd (the patch is generated: edit this,
then run `python3 scripts/mklivemaster.py > abstractions/livemaster~.pd`)."""
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdpatch import Canvas

SUB = "#N canvas 60 60 {w} {h} {name} 0;"


def sub(name, w=900, h=600):
    return Canvas(SUB.format(w=w, h=h, name=name))


def errbox(cv, name, x, y, text, src, src_out):
    """src's outlet -> [t b] -> [msg text( -> [print livemaster~]"""
    cv.obj(name + "_t", x, y, "t b")
    cv.msg(name + "_m", x, y + 30, text)
    cv.obj(name + "_p", x, y + 60, "print livemaster~")
    cv.c(src, src_out, name + "_t", 0)
    cv.chain(name + "_t", name + "_m", name + "_p")


def number_param(cv, tag, x, y, src, src_out, lo, hi, unit, what):
    """[route float] -> range warning -> [clip lo hi]; returns the clip's
    name (its outlet carries the value applied)."""
    cv.obj(tag + "_rf", x, y, "route float")
    cv.c(src, src_out, tag + "_rf", 0)
    cv.obj(tag + "_tf", x, y + 30, "t f f")
    cv.c(tag + "_rf", 0, tag + "_tf", 0)
    cv.obj(tag + "_chk", x + 60, y + 60,
           f"expr if($f1 < {lo} || $f1 > {hi} \\, $f1 \\, -1e+30)")
    cv.obj(tag + "_mo", x + 60, y + 90, "moses -1e+29")
    cv.msg(tag + "_wm", x + 60, y + 120,
           f"warning: {what} $1 is out of range ({lo}..{hi} {unit}) - clamped")
    cv.obj(tag + "_wp", x + 60, y + 150, "print livemaster~")
    cv.c(tag + "_tf", 1, tag + "_chk", 0)
    cv.chain(tag + "_chk", tag + "_mo")
    cv.c(tag + "_mo", 1, tag + "_wm", 0)
    cv.chain(tag + "_wm", tag + "_wp")
    cv.obj(tag + "_clip", x, y + 180, f"clip {lo} {hi}")
    cv.c(tag + "_tf", 0, tag + "_clip", 0)
    errbox(cv, tag + "_e", x + 330, y + 30,
           f"error: {what} needs a number ({unit})", tag + "_rf", 1)
    return tag + "_clip"


# ---------------------------------------------------------------- messages
def messages():
    cv = sub("messages", 1300, 900)
    cv.text(20, 10, "Every message to livemaster~ (and every creation flag \\, "
            "and every line of a loaded file) arrives here through "
            "$0-msg. A message that starts with a stage's name goes to "
            "that stage unchanged.")
    cv.obj("r", 20, 60, "r $0-msg")
    words = ("target ceiling character freeze bypass rest save load "
             "latency print reset bang interval leveler multiband limiter "
             "loudness")
    cv.obj("route", 20, 90, "route " + words)
    cv.c("r", 0, "route", 0)
    # 0 target
    v = number_param(cv, "tg", 20, 150, "route", 0, -40, -5, "LUFS", "target")
    cv.obj("tg_t", 20, 360, "t b f")
    cv.obj("tg_v", 100, 390, "v $0-target")
    cv.obj("tg_s", 20, 420, "s $0-retarget")
    cv.chain(v, "tg_t")
    cv.c("tg_t", 1, "tg_v", 0)
    cv.c("tg_t", 0, "tg_s", 0)
    # 1 ceiling
    v = number_param(cv, "cl", 20, 450, "route", 1, -24, 0, "dBTP", "ceiling")
    cv.obj("cl_t", 20, 660, "t f f")
    cv.obj("cl_v", 120, 690, "v $0-ceiling")
    cv.msg("cl_m", 20, 690, "ceiling $1")
    cv.obj("cl_s", 20, 720, "s $0-lim")
    cv.chain(v, "cl_t")
    cv.c("cl_t", 1, "cl_v", 0)
    cv.c("cl_t", 0, "cl_m", 0)
    cv.chain("cl_m", "cl_s")
    # 2 character
    cv.obj("ch_r", 560, 150, "route gentle medium firm")
    cv.c("route", 2, "ch_r", 0)
    for i in range(3):
        cv.msg(f"ch_m{i}", 560 + 60 * i, 180, str(i))
        cv.c("ch_r", i, f"ch_m{i}", 0)
        if i == 0:
            cv.obj("ch_s", 560, 210, "s $0-char")
        cv.c(f"ch_m{i}", 0, "ch_s", 0)
    errbox(cv, "ch_e", 780, 180,
           "error: character must be gentle or medium or firm", "ch_r", 3)
    # 3 freeze, 4 bypass: 0|1
    for k, (tag, word, outs) in enumerate((("fz", "freeze", ["lev"]),
                                           ("bp", "bypass", ["lev", "mb", "lim"]))):
        x = 560 + 260 * k
        cv.obj(tag + "_rf", x, 300, "route float")
        cv.c("route", 3 + k, tag + "_rf", 0)
        cv.obj(tag + "_ne", x, 330, "!= 0")
        cv.obj(tag + "_t", x, 360, "t f f")
        cv.obj(tag + "_v", x + 100, 390, f"v $0-{word}")
        cv.msg(tag + "_m", x, 390, f"{word} $1")
        cv.c(tag + "_rf", 0, tag + "_ne", 0)
        cv.chain(tag + "_ne", tag + "_t")
        cv.c(tag + "_t", 1, tag + "_v", 0)
        cv.c(tag + "_t", 0, tag + "_m", 0)
        for j, o in enumerate(outs):
            cv.obj(f"{tag}_s{j}", x + 70 * j, 420, f"s $0-{o}")
            cv.c(tag + "_m", 0, f"{tag}_s{j}", 0)
        errbox(cv, tag + "_e", x + 100, 450, f"error: {word} needs 0 or 1",
               tag + "_rf", 1)
    # 5 rest
    v = number_param(cv, "rs", 1100, 150, "route", 5, 0, 600, "s", "rest")
    cv.obj("rs_v", 1100, 360, "v $0-rest")
    cv.chain(v, "rs_v")
    # 6 save, 7 load: a file name
    for k, word in enumerate(("save", "load")):
        x = 560 + 260 * k
        # `save foo.txt` leaves the anything `foo.txt`: make it a symbol
        cv.obj(word + "_rb", x + 120, 530, "route bang float")
        cv.c("route", 6 + k, word + "_rb", 0)
        cv.obj(word + "_sy", x + 120, 590, "symbol")
        cv.c(word + "_rb", 2, word + "_sy", 0)
        cv.obj(word + "_s", x, 620, f"s $0-{word}")
        cv.c(word + "_sy", 0, word + "_s", 0)
        errbox(cv, word + "_e", x, 650, f"error: {word} needs a file name",
               word + "_rb", 0)
        cv.c(word + "_rb", 1, word + "_e_t", 0)
    # route symbol is not needed when the word arrives as an anything;
    # it passes a real `symbol foo` (from a [symbol] box) through
    # 8 latency: ask every stage; the limiter's answer emits the total
    cv.obj("lat_t", 20, 780, "t b b b")
    cv.c("route", 8, "lat_t", 0)
    cv.msg("lat_m", 20, 810, "latency")
    for j, o in enumerate(("lim", "mb", "lev")):
        cv.msg(f"lat_m{j}", 20 + 80 * j, 810, "latency")
        cv.obj(f"lat_s{j}", 20 + 80 * j, 840, f"s $0-{o}")
        cv.c("lat_t", j, f"lat_m{j}", 0)
        cv.c(f"lat_m{j}", 0, f"lat_s{j}", 0)
    # 9 print: own values, then every stage's
    cv.obj("pr_s", 300, 780, "s $0-print")
    cv.c("route", 9, "pr_s", 0)
    # 10 reset, 11 bang: every stage
    for k, word in enumerate(("reset", "bang")):
        x = 1100 + 100 * k
        cv.msg(word + "_m", x, 450, word)
        cv.c("route", 10 + k, word + "_m", 0)
        for j, o in enumerate(("lev", "mb", "lim", "ld")):
            cv.obj(f"{word}_s{j}", x, 480 + 30 * j, f"s $0-{o}")
            cv.c(word + "_m", 0, f"{word}_s{j}", 0)
    # 12 interval: the meters (the leveler stays at 100 ms: livemaster's
    # own logic reads it)
    cv.obj("iv_rf", 1100, 650, "route float")
    cv.c("route", 12, "iv_rf", 0)
    cv.msg("iv_m", 1100, 680, "interval $1")
    cv.c("iv_rf", 0, "iv_m", 0)
    for j, o in enumerate(("mb", "lim", "ld")):
        cv.obj(f"iv_s{j}", 1100 + 70 * j, 710, f"s $0-{o}")
        cv.c("iv_m", 0, f"iv_s{j}", 0)
    errbox(cv, "iv_e", 1100, 740, "error: interval needs a number (ms)",
           "iv_rf", 1)
    # 13..16 a stage's own message
    for j, o in enumerate(("lev", "mb", "lim", "ld")):
        cv.obj(f"st_s{j}", 500 + 70 * j, 860, f"s $0-{o}")
        cv.c("route", 13 + j, f"st_s{j}", 0)
    # 17 unknown
    cv.obj("unk_p", 820, 800, "list prepend error: unknown message")
    cv.obj("unk_t", 820, 830, "list trim")
    cv.obj("unk_pr", 820, 860, "print livemaster~")
    cv.c("route", 17, "unk_p", 0)
    cv.chain("unk_p", "unk_t", "unk_pr")
    return cv


# ------------------------------------------------------------- retarget
def retarget():
    cv = sub("retarget", 700, 520)
    cv.text(20, 10, "One target for every stage: the leveler's target \\, "
            "the loudness meter's \\, and the multiband's thresholds "
            "(target + the character's offset).")
    cv.obj("r", 20, 60, "r $0-retarget")
    cv.obj("v", 20, 90, "v $0-target")
    cv.obj("t", 20, 120, "t b f f")
    cv.msg("m1", 80, 150, "target $1")
    cv.msg("m2", 200, 150, "target $1")
    cv.obj("s1", 80, 180, "s $0-lev")
    cv.obj("s2", 200, 180, "s $0-ld")
    cv.obj("sb", 20, 210, "s $0-mbthr")
    cv.chain("r", "v", "t")
    cv.c("t", 2, "m1", 0)
    cv.c("t", 1, "m2", 0)
    cv.chain("m1", "s1")
    cv.chain("m2", "s2")
    cv.c("t", 0, "sb", 0)
    # character: offset ratio attack release
    cv.obj("cr", 20, 260, "r $0-char")
    cv.obj("ct", 20, 290, "t f f")
    cv.obj("cv", 120, 320, "v $0-char")
    cv.obj("sel", 20, 320, "sel 0 1 2")
    cv.msg("g", 20, 350, "8 1.5 30 250")
    cv.msg("m", 130, 350, "5 2 20 200")
    cv.msg("f", 230, 350, "2 3 10 150")
    cv.text(340, 350, "threshold offset (dB above target) \\, ratio \\, "
            "attack ms \\, release ms: gentle \\, medium \\, firm")
    cv.obj("up", 20, 390, "unpack f f f f")
    cv.chain("cr", "ct")
    cv.c("ct", 1, "cv", 0)
    cv.c("ct", 0, "sel", 0)
    for i, n in enumerate("gmf"):
        cv.c("sel", i, n, 0)
        cv.c(n, 0, "up", 0)
    cv.msg("mr", 100, 420, "ratio 0 $1")
    cv.msg("ma", 190, 420, "attack 0 $1")
    cv.msg("ml", 290, 420, "release 0 $1")
    cv.obj("smb", 190, 460, "s $0-mb")
    cv.obj("ot", 20, 420, "t b f")
    cv.obj("ov", 60, 450, "v $0-mboff")
    cv.c("up", 0, "ot", 0)
    cv.c("ot", 1, "ov", 0)
    cv.c("up", 1, "mr", 0)
    cv.c("up", 2, "ma", 0)
    cv.c("up", 3, "ml", 0)
    for n in ("mr", "ma", "ml"):
        cv.c(n, 0, "smb", 0)
    cv.obj("ob", 20, 480, "s $0-mbthr")
    cv.c("ot", 0, "ob", 0)
    # thresholds = target + offset (the multiband's range is -80..0)
    cv.obj("tr", 420, 60, "r $0-mbthr")
    cv.obj("tt", 420, 90, "t b b")
    cv.obj("tv", 420, 120, "v $0-target")
    cv.obj("to", 520, 120, "v $0-mboff")
    cv.obj("te", 420, 150, "expr min(0 \\, max(-80 \\, $f1 + $f2))")
    cv.msg("tm", 420, 180, "threshold 0 $1")
    cv.obj("ts", 420, 210, "s $0-mb")
    cv.chain("tr", "tt")
    cv.c("tt", 1, "to", 0)
    cv.c("to", 0, "te", 1)
    cv.c("tt", 0, "tv", 0)
    cv.chain("tv", "te", "tm", "ts")
    return cv


# ---------------------------------------------------------------- info
def info():
    cv = sub("info", 900, 420)
    cv.text(20, 10, "Every stage's readings go out with the stage's name "
            "in front (leveler gain 3.2 \\, limiter gr -1.5). The stages' "
            "latencies are kept: livemaster~ reports their sum as "
            "latency <samples> whenever the limiter reports its own "
            "(when DSP starts \\, on the latency message).")
    stages = (("lev", "leveler"), ("mb", "multiband"), ("lim", "limiter"),
              ("ld", "loudness"))
    for j, (tag, word) in enumerate(stages):
        x = 20 + 220 * j
        cv.obj(f"r{j}", x, 80, f"r $0-i{tag}")
        cv.obj(f"rl{j}", x, 110, "route latency")
        cv.obj(f"p{j}", x + 20, 200, f"list prepend {word}")
        cv.obj(f"tr{j}", x + 20, 230, "list trim")
        cv.obj(f"s{j}", x + 20, 260, "s $0-out")
        cv.chain(f"r{j}", f"rl{j}")
        cv.chain(f"p{j}", f"tr{j}", f"s{j}")
    # leveler: readings also feed the rest logic
    cv.obj("lt", 40, 140, "t a a")
    cv.obj("lr", 100, 170, "route gain loudness")
    cv.obj("lg", 100, 320, "s $0-levgain")
    cv.obj("ll", 200, 350, "s $0-levloud")
    cv.c("rl0", 1, "lt", 0)
    cv.c("lt", 1, "lr", 0)
    cv.c("lt", 0, "p0", 0)
    cv.c("lr", 0, "lg", 0)
    cv.c("lr", 1, "ll", 0)
    for j in (1, 2, 3):
        cv.c(f"rl{j}", 1, f"p{j}", 0)
    # latency: keep the leveler's and the multiband's, sum on the limiter's
    cv.obj("f0", 20, 290, "f")
    cv.obj("f1", 240, 290, "f")
    cv.c("rl0", 0, "f0", 1)
    cv.c("rl1", 0, "f1", 1)
    cv.obj("lt2", 460, 140, "t f b b")
    cv.c("rl2", 0, "lt2", 0)
    cv.obj("sum", 460, 320, "expr $f1 + $f2 + $f3")
    cv.c("lt2", 2, "f0", 0)
    cv.c("lt2", 1, "f1", 0)
    cv.c("f0", 0, "sum", 1)
    cv.c("f1", 0, "sum", 2)
    cv.c("lt2", 0, "sum", 0)
    cv.msg("lm", 460, 350, "latency $1")
    cv.obj("ls", 460, 380, "s $0-out")
    cv.chain("sum", "lm", "ls")
    return cv


# ---------------------------------------------------------------- rest
def rest():
    cv = sub("rest", 1000, 520)
    cv.text(20, 10, "Ready for a loud entry after a long pause: the "
            "leveler holds its gain through silence (a pause is never "
            "pumped up) \\, so after a quiet section a loud entry would "
            "come in far too loud and the leveler \\, moving at most "
            "speed dB/s \\, would take seconds to come down. Once the "
            "input has been below target + gate for `rest` seconds "
            "(default 5 \\, 0 = off) \\, livemaster~ slides the "
            "leveler's gain down at 3 dB/s (0.3 dB per 100 ms reading) "
            "to the safe gain min(0 \\, target + 6): a programme as "
            "loud as -6 LUFS then enters at the target. A quiet entry "
            "starts low and the leveler brings it up. Never while "
            "frozen \\, never upward.", )
    cv.obj("rg", 20, 130, "r $0-levgain")
    cv.obj("g", 20, 400, "f")
    cv.c("rg", 0, "g", 1)
    cv.obj("rl", 200, 130, "r $0-levloud")
    cv.obj("t1", 200, 160, "t f b b")
    cv.obj("vg", 360, 190, "v $0-gate")
    cv.obj("vt", 280, 190, "v $0-target")
    cv.obj("q", 200, 220, "expr $f1 < $f2 + $f3")
    cv.chain("rl", "t1")
    cv.c("t1", 2, "vg", 0)
    cv.c("vg", 0, "q", 2)
    cv.c("t1", 1, "vt", 0)
    cv.c("vt", 0, "q", 1)
    cv.c("t1", 0, "q", 0)
    cv.obj("sel", 200, 250, "sel 1")
    cv.obj("cnt", 200, 280, "f")
    cv.obj("inc", 250, 280, "+ 1")
    cv.msg("zero", 300, 250, "0")
    cv.chain("q", "sel")
    cv.c("sel", 0, "cnt", 0)
    cv.c("cnt", 0, "inc", 0)
    cv.c("inc", 0, "cnt", 1)
    cv.c("sel", 1, "zero", 0)
    cv.c("zero", 0, "cnt", 1)
    cv.obj("t2", 200, 310, "t f b b b b")
    cv.obj("vr", 240, 340, "v $0-rest")
    cv.obj("vf", 330, 340, "v $0-freeze")
    cv.obj("vt2", 430, 340, "v $0-target")
    cv.c("inc", 0, "t2", 0)
    cv.c("t2", 4, "vr", 0)
    cv.c("t2", 3, "vf", 0)
    cv.c("t2", 2, "vt2", 0)
    cv.c("t2", 1, "g", 0)
    cv.obj("e", 200, 430, "expr if($f1 >= $f2 * 10 && $f2 > 0 && $f3 == 0 "
           "&& $f5 > min(0 \\, $f4 + 6) + 0.001 \\, max(min(0 \\, $f4 + 6) "
           "\\, $f5 - 0.3) \\, -1000)")
    cv.c("vr", 0, "e", 1)
    cv.c("vf", 0, "e", 2)
    cv.c("vt2", 0, "e", 3)
    cv.c("g", 0, "e", 4)
    cv.c("t2", 0, "e", 0)
    cv.obj("mo", 200, 460, "moses -999")
    cv.obj("t3", 300, 490, "t f f")
    cv.msg("m", 300, 520, "gain $1")
    cv.obj("s", 300, 550, "s $0-lev")
    cv.chain("e", "mo")
    cv.c("mo", 1, "t3", 0)
    cv.c("t3", 1, "g", 1)
    cv.c("t3", 0, "m", 0)
    cv.chain("m", "s")
    return cv


# ---------------------------------------------------------------- state
def resolver(cv, word, x, y):
    """[r $0-<word>] -> an absolute path (relative names: the directory
    of the patch that holds livemaster~) -> returns the last object."""
    p = word[:2]
    cv.obj(p + "r", x, y, f"r $0-{word}")
    cv.obj(p + "t", x, y + 30, "t s s")
    cv.obj(p + "fs", x + 120, y + 60, "list fromsymbol")
    cv.obj(p + "sp", x + 120, y + 90, "list split 1")
    cv.obj(p + "ab", x + 120, y + 120, "== 47")
    cv.obj(p + "nt", x + 220, y + 150, "== 0")
    cv.obj(p + "g1", x, y + 180, "spigot")
    cv.obj(p + "g2", x + 70, y + 180, "spigot")
    cv.msg(p + "dm", x + 70, y + 210, "dir 1 $1")
    cv.obj(p + "pc", x + 70, y + 240, "pdcontrol")
    cv.obj(p + "out", x, y + 270, "symbol")
    cv.chain(p + "r", p + "t")
    cv.c(p + "t", 1, p + "fs", 0)
    cv.chain(p + "fs", p + "sp", p + "ab")
    cv.c(p + "ab", 0, p + "g1", 1)
    cv.c(p + "ab", 0, p + "nt", 0)
    cv.c(p + "nt", 0, p + "g2", 1)
    cv.c(p + "t", 0, p + "g1", 0)
    cv.c(p + "t", 0, p + "g2", 0)
    cv.chain(p + "g2", p + "dm", p + "pc")
    cv.c(p + "pc", 0, p + "out", 0)
    cv.c(p + "g1", 0, p + "out", 0)
    return p + "out"


def state():
    cv = sub("state", 1100, 700)
    cv.text(20, 10, "save <file> / load <file>: livemaster~'s settings as "
            "a Pd text file of messages (target \\, ceiling \\, character "
            "\\, freeze \\, rest and the leveler's gain) \\, readable and "
            "editable. A relative name is relative to the patch that "
            "holds livemaster~. Loading plays each line as a message.")
    cv.obj("tf", 500, 600, "textfile")
    sv = resolver(cv, "save", 20, 80)
    cv.obj("st", 20, 380, "t s b b b b b b b")
    cv.c(sv, 0, "st", 0)
    cv.msg("sclear", 500, 420, "clear")
    cv.c("st", 7, "sclear", 0)
    cv.c("sclear", 0, "tf", 0)
    items = [("target", "add target $1"), ("ceiling", "add ceiling $1"),
             (None, None), ("freeze", "add freeze $1"),
             ("rest", "add rest $1")]
    outlet = 6
    for k, (vn, m) in enumerate(items):
        x = 40 + 110 * k
        if vn is None:  # character: a word
            cv.obj("vchar", x, 420, "v $0-char")
            cv.obj("schar", x, 450, "sel 0 1 2")
            cv.c("st", outlet, "vchar", 0)
            cv.chain("vchar", "schar")
            for i, w in enumerate(("gentle", "medium", "firm")):
                cv.msg(f"mch{i}", x + 10 * i, 480 + 30 * i, f"add character {w}")
                cv.c("schar", i, f"mch{i}", 0)
                cv.c(f"mch{i}", 0, "tf", 0)
        else:
            cv.obj(f"sv{k}", x, 420, f"v $0-{vn}")
            cv.msg(f"sm{k}", x, 450, m)
            cv.c("st", outlet, f"sv{k}", 0)
            cv.chain(f"sv{k}", f"sm{k}")
            cv.c(f"sm{k}", 0, "tf", 0)
        outlet -= 1
    cv.obj("rg", 660, 380, "r $0-levgain")
    cv.obj("g", 620, 420, "f")
    cv.c("rg", 0, "g", 1)
    cv.c("st", 1, "g", 0)
    cv.msg("gm", 620, 450, "add leveler gain $1")
    cv.chain("g", "gm")
    cv.c("gm", 0, "tf", 0)
    cv.msg("wm", 20, 560, "write $1")
    cv.c("st", 0, "wm", 0)
    cv.c("wm", 0, "tf", 0)
    # load
    ld = resolver(cv, "load", 800, 80)
    cv.obj("lt", 800, 380, "t b b s b")
    cv.c(ld, 0, "lt", 0)
    cv.msg("lclear", 980, 410, "clear")
    cv.msg("lread", 900, 440, "read $1")
    cv.msg("lrew", 850, 470, "rewind")
    cv.obj("lu", 800, 500, "until")
    cv.c("lt", 3, "lclear", 0)
    cv.c("lt", 2, "lread", 0)
    cv.c("lt", 1, "lrew", 0)
    cv.c("lt", 0, "lu", 0)
    for n in ("lclear", "lread", "lrew", "lu"):
        cv.c(n, 0, "tf", 0)
    cv.c("tf", 1, "lu", 1)
    cv.obj("ls", 500, 640, "s $0-msg")
    cv.c("tf", 0, "ls", 0)
    return cv


# ---------------------------------------------------------------- print
def printer():
    cv = sub("print", 700, 300)
    cv.obj("r", 20, 20, "r $0-print")
    cv.obj("t", 20, 50, "t b b b b b b b")
    cv.obj("pk", 20, 200, "pack f f s f f f")
    cv.msg("m", 20, 230, "target $1 LUFS - ceiling $2 dBTP - character "
           "$3 - freeze $4 - bypass $5 - rest $6 s")
    cv.obj("p", 20, 260, "print livemaster~")
    cv.chain("r", "t")
    cv.chain("pk", "m", "p")
    names = ("target", "ceiling", None, "freeze", "bypass", "rest")
    for k, n in enumerate(names):
        x = 20 + 90 * k
        if n is None:
            cv.obj("vc", x, 90, "v $0-char")
            cv.obj("sc", x, 120, "sel 0 1 2")
            cv.c("t", k + 1, "vc", 0)
            cv.chain("vc", "sc")
            for i, w in enumerate(("gentle", "medium", "firm")):
                cv.msg(f"w{i}", x + 60 * i, 150, f"symbol {w}")
                cv.c("sc", i, f"w{i}", 0)
                cv.c(f"w{i}", 0, "pk", k)
        else:
            cv.obj(f"v{k}", x, 90, f"v $0-{n}")
            cv.c("t", k + 1, f"v{k}", 0)
            cv.c(f"v{k}", 0, "pk", k)
    # then every stage prints itself
    cv.msg("sp", 500, 90, "print")
    cv.c("t", 0, "sp", 0)
    for j, o in enumerate(("lev", "mb", "lim", "ld")):
        cv.obj(f"s{j}", 500, 120 + 30 * j, f"s $0-{o}")
        cv.c("sp", 0, f"s{j}", 0)
    return cv


# ---------------------------------------------------------------- flags
def flags():
    cv = sub("flags", 1000, 640)
    cv.text(20, 10, "At load: the defaults \\, then the creation flags "
            "(-target -16 -ceiling -1 -character gentle \\, or any "
            "message as -word values...) \\, each sent as a message.")
    cv.obj("lb", 20, 60, "loadbang")
    cv.obj("t0", 20, 90, "t b b")
    cv.chain("lb", "t0")
    # defaults (the stages are created with them too)
    defaults = (("target", "-16"), ("ceiling", "-1"), ("freeze", "0"),
                ("bypass", "0"), ("rest", "5"), ("gate", "-30"))
    cv.obj("td", 400, 120, "t b b b b b b b b")
    cv.c("t0", 1, "td", 0)
    for k, (n, val) in enumerate(defaults):
        x = 400 + 80 * k
        cv.msg(f"dm{k}", x, 150, val)
        cv.obj(f"dv{k}", x, 180, f"v $0-{n}")
        cv.c("td", 7 - k, f"dm{k}", 0)
        cv.chain(f"dm{k}", f"dv{k}")
    cv.msg("dch", 400, 220, "0")
    cv.obj("dchs", 400, 250, "s $0-char")
    cv.c("td", 1, "dch", 0)
    cv.chain("dch", "dchs")
    cv.obj("drt", 500, 250, "s $0-retarget")
    cv.c("td", 0, "drt", 0)
    # the flags
    cv.msg("args", 20, 120, "args")
    cv.obj("pc", 20, 150, "pdcontrol")
    cv.c("t0", 0, "args", 0)
    cv.chain("args", "pc")
    cv.obj("ta", 20, 180, "t l l")
    cv.obj("store", 200, 330, "list store")
    cv.obj("len", 20, 210, "list length")
    cv.obj("tl", 20, 240, "t b f b")
    cv.obj("until", 20, 270, "until")
    cv.obj("i", 20, 300, "f")
    cv.obj("inc", 60, 300, "+ 1")
    cv.msg("i0", 120, 270, "0")
    cv.msg("get", 20, 330, "get $1 1")
    cv.chain("pc", "ta")
    cv.c("ta", 1, "store", 1)
    cv.c("ta", 0, "len", 0)
    cv.chain("len", "tl")
    cv.c("tl", 2, "i0", 0)
    cv.c("i0", 0, "i", 1)
    cv.c("tl", 1, "until", 0)
    cv.chain("until", "i")
    cv.c("i", 0, "inc", 0)
    cv.c("inc", 0, "i", 1)
    cv.c("i", 0, "get", 0)
    cv.c("get", 0, "store", 0)
    cv.obj("rt", 200, 360, "route float symbol")
    cv.c("store", 0, "rt", 0)
    # a symbol: a flag when it starts with '-'
    cv.obj("ts", 330, 390, "t b s s")
    cv.c("rt", 1, "ts", 0)
    cv.obj("fs", 450, 420, "list fromsymbol")
    cv.obj("sp", 450, 450, "list split 1")
    cv.obj("eq", 450, 480, "== 45")
    cv.obj("isf", 330, 510, "f")
    cv.obj("name", 560, 510, "list tosymbol")
    cv.obj("nsym", 560, 540, "symbol")
    cv.c("ts", 2, "fs", 0)
    cv.chain("fs", "sp", "eq")
    cv.c("eq", 0, "isf", 1)
    cv.c("sp", 1, "name", 0)
    cv.c("name", 0, "nsym", 1)
    cv.c("ts", 0, "isf", 0)
    cv.obj("sel", 330, 540, "sel 1")
    cv.c("isf", 0, "sel", 0)
    # the symbol waits in a [symbol] until the test says what it is
    cv.obj("hold", 250, 450, "symbol")
    cv.c("ts", 1, "hold", 1)
    cv.obj("flagt", 330, 570, "t b b")
    cv.c("sel", 0, "flagt", 0)
    cv.obj("selb", 250, 570, "t b")
    cv.c("sel", 1, "selb", 0)
    cv.c("selb", 0, "hold", 0)
    # accumulator: A (list prepend, fed back) and B (a copy for flushing)
    cv.obj("A", 100, 600, "list prepend")
    cv.obj("B", 100, 640, "list")
    cv.c("A", 0, "A", 1)
    cv.c("A", 0, "B", 1)
    cv.c("rt", 0, "A", 0)
    cv.c("hold", 0, "A", 0)
    # flush: output B, then clear A and B
    cv.obj("flush", 20, 560, "t b b")
    cv.c("flush", 1, "B", 0)
    cv.c("flush", 0, "A", 1)
    cv.c("flush", 0, "B", 1)
    cv.c("flagt", 1, "flush", 0)
    cv.c("flagt", 0, "nsym", 0)
    cv.c("nsym", 0, "A", 0)
    cv.c("tl", 0, "flush", 0)
    cv.obj("rb", 20, 680, "route bang")
    cv.obj("trim", 120, 710, "list trim")
    cv.obj("out", 120, 740, "s $0-msg")
    cv.c("B", 0, "rb", 0)
    cv.c("rb", 1, "trim", 0)
    cv.chain("trim", "out")
    return cv


# ---------------------------------------------------------------- main
def main():
    top = Canvas("#N canvas 100 60 1020 640 12;")
    top.text(20, 10, "livemaster~: automatic live mastering. leveler~ "
             "(rides the gain toward the target) -> multiband~ (gentle "
             "\\, thresholds relative to the target) -> limiter~ (true "
             "peak \\, 4 ms lookahead) \\, metered by loudness~. Messages "
             "to the left inlet: target \\, ceiling \\, character \\, "
             "freeze \\, bypass \\, rest \\, save \\, load \\, latency "
             "\\, print \\, reset \\, bang \\, interval - or a stage's "
             "name first: [leveler speed 4( \\, [limiter release 50(. "
             "The info outlet emits every stage's readings with its name "
             "first (leveler gain \\, multiband gr \\, limiter gr \\, "
             "loudness shortterm ...) and latency <samples>. See "
             "livemaster~-help.pd.", )
    top.obj("inL", 20, 150, "inlet~")
    top.obj("inR", 160, 150, "inlet~")
    top.obj("sm", 240, 180, "s $0-msg")
    top.c("inL", 1, "sm", 0)
    top.obj("rlev", 20, 190, "r $0-lev")
    top.obj("lev", 20, 230, "leveler~ -ch 2 -target -16 -speed 6 -window "
            "2000 -gate -30 -maxboost 30 -maxcut 24 -interval 100")
    top.obj("rmb", 20, 270, "r $0-mb")
    top.obj("mb", 20, 310, "multiband~ -ch 2 -bands 4 -xover 120 1000 "
            "6000 -threshold 0 -8 -ratio 0 1.5 -attack 0 30 -release 0 "
            "250 -knee 0 6 -interval 100")
    top.obj("rlim", 20, 350, "r $0-lim")
    top.obj("lim", 20, 390, "limiter~ -ch 2 -ceiling -1 -lookahead 4 "
            "-release 80 -interval 100")
    top.obj("rld", 300, 430, "r $0-ld")
    top.obj("ld", 300, 470, "loudness~ -ch 2 -target -16 -interval 100")
    top.obj("outL", 20, 540, "outlet~")
    top.obj("outR", 160, 540, "outlet~")
    top.obj("rout", 700, 510, "r $0-out")
    top.obj("out", 700, 540, "outlet")
    top.c("inL", 0, "lev", 0)
    top.c("inR", 0, "lev", 1)
    top.c("rlev", 0, "lev", 0)
    top.c("lev", 0, "mb", 0)
    top.c("lev", 1, "mb", 1)
    top.c("rmb", 0, "mb", 0)
    top.c("mb", 0, "lim", 0)
    top.c("mb", 1, "lim", 1)
    top.c("rlim", 0, "lim", 0)
    top.c("lim", 0, "outL", 0)
    top.c("lim", 1, "outR", 0)
    top.c("lim", 0, "ld", 0)
    top.c("lim", 1, "ld", 1)
    top.c("rld", 0, "ld", 0)
    top.c("rout", 0, "out", 0)
    for tag, nout in (("lev", 2), ("mb", 2), ("lim", 2), ("ld", 0)):
        top.obj("si" + tag, 760, {"lev": 230, "mb": 310, "lim": 390,
                                  "ld": 470}[tag], f"s $0-i{tag}")
        top.c(tag, nout, "si" + tag, 0)
    y = 600
    for k, (name, fn) in enumerate((("flags", flags), ("messages", messages),
                                    ("retarget", retarget), ("info", info),
                                    ("rest", rest), ("state", state),
                                    ("print", printer))):
        top.sub(None, 20 + 130 * k, y, name, fn())
    return top.render() + "\n"


if __name__ == "__main__":
    sys.stdout.write(main())
