#!/usr/bin/env python3
"""mkcourse.py: writes the course "mixing vs mastering" (issue 15) into
help-patches/course/: 00-start-here.pd, with a clickable link to each
lesson, and one patch per lesson, in the house style of the help patches
(doc/help-style.md, drawn by scripts/helpstyle.py).

Every lesson makes its sound in Pd from the demo song's stems
([demosong~]), teaches one idea in a few lines, has the controls to try it
(each showing the value in effect), bypass or delta switches, meters, a
"try this" and a "listen for", and a check: [pd check] measures what the
student did since the last check and says in words, with the measured
figure, whether it meets the lesson's goal (a row per criterion, also
printed to the Pd window as `check: met: ...` or `check: not yet: ...`).

A lesson is also an object: its [inlet] takes `<name> <value...>`, sent
to `$0-<name>` inside (`c-fader7 -6` moves the voice fader as its control
would, `check` checks, `restart` restarts the measurement, `song section
chorus` drives the song), and its two [outlet~]s give what the student
hears. tests/pd/test_course.sh drives every lesson that way.

  python3 scripts/mkcourse.py [--check] [--only NN...]
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import demomix  # noqa: E402
import helpstyle as hs  # noqa: E402
import mkhelp  # noqa: E402
from helpstyle import CW, Help  # noqa: E402
from pdpatch import Canvas  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, ".."))
OUTDIR = os.path.join(ROOT, "help-patches", "course")
NSTEMS = len(demomix.CHANNELS)
STEM = {name: k + 1 for k, (name, *_r) in enumerate(demomix.CHANNELS)}
RIGHT = 500                   # the right column's left edge
CHECK_W = 96                  # a verdict row, characters
PD_MIN = "0.52"               # the verdict rows are list boxes


def mixer_setup(skip=()):
    """the demo mix's messages to mixer~ but those of the parameters a
    lesson's controls set (their prefixes: '7 fader', '5 hpf' ...)"""
    return [m for m in demomix.messages()
            if not any(m.startswith(p + " ") or m == p for p in skip)]


class Lesson(Help):
    """a lesson: a Help with the course's header, sound, check and
    remote control"""

    def __init__(self, num, slug, title):
        Help.__init__(self, slug, title)
        declare_up(self)
        self.num, self.slug, self.title = num, slug, title
        self.check_cv = Canvas("#N canvas 260 140 1000 640 check 0;")
        self.check_flow = hs.Flow(height=520, width=980)
        self.measure_cv = Canvas("#N canvas 280 160 1000 640 measure 0;")
        self.measure_flow = hs.Flow(height=520, width=980)
        self.crits = []

    def intro(self, text, x=30, y=58, width=62):
        """the idea, at most 7 lines (the song's messages start at y 170)"""
        n = hs.wrapped_lines(text, width)
        assert n <= 7, "%s: the intro has %d lines" % (self.slug, n)
        Help.intro(self, text, x, y, width)

    # ---- header, links, footer ----------------------------------------------
    def course_header(self, see_also):
        """the lesson's title; 'see also:' with object boxes on the right;
        the rule"""
        if self.num <= len(LESSONS):
            title = "lesson %d of %d: %s" % (self.num, len(LESSONS),
                                             self.title)
        else:
            title = "ear training, drill %d of %d: %s" % (
                self.num - len(LESSONS), len(DRILLS), self.title)
        self.t(30, 15, title, 90)
        x = 1230 - sum((len(n) + 2) * CW + 10 for n in see_also)
        self.t(x - 80, 15, "see also:", 10)
        for n in see_also:
            self.o(x, 14, n)
            x += (len(n) + 2) * CW + 10
        self.rule(46)

    def course_footer(self):
        """the rule; links (the start page, the previous and the next
        lesson: click to open), each into its own [s $0-open]; the
        version line"""
        y = self.h - 72
        self.rule(y)
        self.t(30, y + 14, "open (click):", 14)
        links = ["00-start-here"]
        if self.num > 1:
            links.append(PAGES[self.num - 2][0])
        if self.num < len(PAGES):
            links.append(PAGES[self.num][0])
        x = 140
        for s in links:
            mm = self.m(x, y + 13, s)
            self.c(mm, 0, self.o(x, y + 42, "s $0-open"), 0)
            x += max(len(s) * CW + 20, 110)
        # the lessons live in the libdir's folder course/: the objects
        # are one folder up
        self.o(650, y + 13, "declare -path ..")
        self.t(830, y + 14, "updated for mixmaster %s, needs Pd %s or newer"
               % (hs.VERSION, PD_MIN), 52)

    # ---- the sound ------------------------------------------------------------
    def transport(self, x, y, sections=("verse", "chorus")):
        """the song's messages in a row into [s $0-song]; returns the
        bottom"""
        xx = x
        s = self.o(x, y + 30, "s $0-song")
        self.t(x + 80, y + 31, "<= the song (it loops)", 23)
        for text in ["bang", "stop"] + ["section %s, play" % s_
                                        for s_ in sections]:
            mm = self.m(xx, y, text)
            self.c(mm, 0, s, 0)
            xx += len(text) * CW + 24
        return y + 52

    def song_and_mixer(self, y, skip=(), inserts=None, info=True):
        """[r $0-song] -> [demosong~ -loop 1] -> [mixer~] with the demo
        mix (but for `skip`); `inserts` {song outlet: (box, inlet)} sends
        a stem elsewhere. Returns (song, mixer, bottom)"""
        x = 100
        rs = self.o(300, y - 26, "r $0-song")
        song = self.o(x, y, "demosong~ -loop 1, f 52")
        self.c(rs, 0, song, 0)
        rm = self.o(30, y + 40, "r $0-mix")
        mx = self.o(x, y + 66 + (40 if inserts else 0),
                    demomix.MIXER + ", f 52")
        self.c(rm, 0, mx, 0)
        inserted = dict(inserts or {})
        for k in range(2 * NSTEMS):
            if k in inserted:
                box, inlet = inserted[k]
                self.c(song, k, box, inlet)
            else:
                self.c(song, k, mx, k)
        self.setup(mixer_setup(skip), "$0-mix")
        yb = y + 96 + (40 if inserts else 0)
        if info:
            self.c(mx, 2, self.o(400, yb, "s $0-info"), 0)
        return song, mx, yb

    def setup(self, msgs, send):
        """at load, messages to `send` (in [pd controls])"""
        if not msgs:
            return
        cv = self.ctl
        text = ", ".join(msgs)
        lines = hs.wrapped_lines(text, 100) + 1
        x, y = self.ctl_flow.take(100 * CW + 10, 70 + 16 * lines)
        lb = self.o(x, y, "loadbang", cv)
        m = self.uid()
        cv.msg(m, x, y + 30, hs.msgesc(text) + ", f 100")
        s = self.o(x, y + 40 + 16 * lines, "s " + send, cv)
        self.c(lb, 0, m, 0, cv)
        self.c(m, 0, s, 0, cv)

    def out(self, L, R, y):
        """what the student hears: (L, R) = (box, outlet) pairs -> the
        listen panel and [s~ $0-L] [s~ $0-R] (the output meter in [pd
        measure] and the lesson's [outlet~]s take it from there); [inlet]
        for remote control. Returns the bottom."""
        for k, (src, x) in enumerate(((L, 300), (R, 390))):
            self.c(src[0], src[1], self.o(x, y, "s~ $0-" + "LR"[k]), 0)
        lp = self.listen(30, y + 30)
        self.c(L[0], L[1], lp, 0)
        self.c(R[0], R[1], lp, 1)
        for k, x in enumerate((30, 120)):
            r = self.o(x, y + 104, "r~ $0-" + "LR"[k])
            self.c(r, 0, self.o(x, y + 134, "outlet~"), 0)
        inl = self.o(210, y + 104, "inlet")
        rem = self.uid()
        self.cv.sub(rem, 210, y + 134, "remote", remote_canvas())
        self.c(inl, 0, rem, 0)
        self.t(300, y + 104, "the lesson as an object (for a test or a "
               "teacher's patch): see [pd remote]", 24)
        self.out_readings()
        return y + 170

    def out_readings(self):
        """in [pd measure]: the output's loudness~, its readings to
        $0-o-<sel>, reset at each restart"""
        cv = self.measure_cv
        sels = ["shortterm", "integrated", "samplepeak", "truepeak", "lra",
                "plr", "gain"]
        x, y = self.measure_flow.take(720, 200)
        rL = self.o(x, y, "r~ $0-L", cv)
        rR = self.o(x + 100, y, "r~ $0-R", cv)
        rr = self.o(x + 200, y, "r $0-restart", cv)
        mm = self.m(x + 200, y + 30, "reset", cv)
        ld = self.o(x, y + 60, "loudness~ -ch 2 -interval 100", cv)
        self.c(rL, 0, ld, 0, cv)
        self.c(rR, 0, ld, 1, cv)
        self.c(rr, 0, mm, 0, cv)
        self.c(mm, 0, ld, 0, cv)
        rt = self.o(x, y + 100, "route " + " ".join(sels) + ", f 80", cv)
        self.c(ld, 0, rt, 0, cv)
        for k, s_ in enumerate(sels):
            self.c(rt, k, self.o(x + 100 * k, y + 140 + 30 * (k % 2),
                                 "s $0-o-" + s_, cv), 0, cv)

    # ---- measurement helpers ([pd measure]) -----------------------------------
    def hold(self, src, dst, mode="max", init=-144):
        """[r src] -> the max (min) since the last restart -> [s dst]"""
        cv = self.measure_cv
        x, y = self.measure_flow.take(hs.text_w("r " + src) + 110, 150)
        r = self.o(x, y, "r " + src, cv)
        f = self.o(x, y + 60, mode, cv)
        t = self.o(x, y + 90, "t f f", cv)
        s = self.o(x, y + 120, "s " + dst, cv)
        rr = self.o(x + hs.text_w("r " + src) + 10, y, "r $0-restart", cv)
        mi = self.m(x + hs.text_w("r " + src) + 10, y + 30, str(init), cv)
        self.c(r, 0, f, 0, cv)
        self.c(f, 0, t, 0, cv)
        self.c(t, 0, s, 0, cv)
        self.c(t, 1, f, 1, cv)
        self.c(rr, 0, mi, 0, cv)
        self.c(mi, 0, f, 1, cv)
        return s

    def compute(self, srcs, expr, dst, hot=True):
        """[r src...] -> [expr ...] ($f1.. in the order of srcs; every
        input hot, or with hot=False only the first) -> [s dst]"""
        cv = self.measure_cv
        step = max(hs.text_w(*["r " + s_ for s_ in srcs]) + 12, 110)
        w = max(hs.text_w("expr " + expr) + 10, step * len(srcs))
        x, y = self.measure_flow.take(w, 150)
        e = self.o(x, y + 90, "expr %s, f %d" % (expr, len(expr) + 6), cv)
        for k, src in enumerate(srcs):
            r = self.o(x + step * k, y, "r " + src, cv)
            if k == 0:
                self.c(r, 0, e, 0, cv)
            elif not hot:
                self.c(r, 0, e, k, cv)
            else:
                t = self.o(x + step * k, y + 40, "t b f", cv)
                self.c(r, 0, t, 0, cv)
                self.c(t, 1, e, k, cv)
                self.c(t, 0, e, 0, cv)
        self.c(e, 0, self.o(x, y + 120, "s " + dst, cv), 0, cv)

    def average(self, src, dst):
        """the mean of the readings on src (dB values) since the last
        restart"""
        cv = self.measure_cv
        w = hs.text_w("r " + src) + 120
        x, y = self.measure_flow.take(max(w, 260), 180)
        r = self.o(x, y, "r " + src, cv)
        t = self.o(x, y + 30, "t f b", cv)
        acc = self.o(x, y + 60, "+", cv)
        ts = self.o(x, y + 90, "t f f", cv)
        fc = self.o(x + 100, y + 60, "f", cv)
        cnt = self.o(x + 150, y + 60, "+ 1", cv)
        self.c(r, 0, t, 0, cv)
        self.c(t, 0, acc, 0, cv)
        self.c(acc, 0, ts, 0, cv)
        self.c(ts, 1, acc, 1, cv)
        self.c(t, 1, fc, 0, cv)
        self.c(fc, 0, cnt, 0, cv)
        self.c(cnt, 0, fc, 1, cv)
        # the count comes first (cold), then the sum
        d = self.o(x, y + 120, "expr $f1 / max(1, $f2)", cv)
        self.c(ts, 0, d, 0, cv)
        self.c(cnt, 0, d, 1, cv)
        self.c(d, 0, self.o(x, y + 150, "s " + dst, cv), 0, cv)
        rr = self.o(x + w - 100, y, "r $0-restart", cv)
        z = self.m(x + w - 100, y + 30, "0", cv)
        self.c(rr, 0, z, 0, cv)
        self.c(z, 0, acc, 1, cv)
        self.c(z, 0, fc, 1, cv)

    # ---- the check --------------------------------------------------------------
    def criterion(self, src, lo, hi, low, good, high):
        """a row of the check: the figure on `src` (rounded to 0.1) is
        met in [lo, hi]; the words for below, within and above, with $1
        for the figure"""
        self.crits.append((src, lo, hi, low, good, high))

    def check_panel(self, x, y, what):
        """the check button, what it measures, a verdict row per
        criterion; [pd check] decides (y None: the panel ends at 656,
        above the footer). Returns the bottom."""
        n = len(self.crits)
        h = 52 + 24 * n
        if y is None:
            y = 656 - h
        self.panel(x, y, 1210 - x, h, "check: " + what, "#e4eee0")
        self.o(x + 10, y + 26, "bng 18 250 50 0 $0-check empty check 24 9 "
               "0 12 %s %s %s" % (hs.BG, hs.FG, hs.FG))
        self.t(x + 100, y + 26, "measures since the last check (listen "
               "10 s or more first), then starts again", 80)
        for k in range(n):
            self.raw("#X listbox %d %d %d 0 0 0 - \\$0-v%d - 0;"
                     % (x + 10, y + 50 + 24 * k, CHECK_W, k + 1))
        self.check_logic()
        return y + h

    def check_logic(self):
        cv = self.check_cv
        n = len(self.crits)
        x, y = 20, 50
        rc = self.o(x, y, "r $0-check", cv)
        trig = self.o(x, y + 30, "t b " + " ".join(["b"] * n), cv)
        self.c(rc, 0, trig, 0, cv)
        srs = self.o(x, y + 60, "s $0-restart", cv)
        self.c(trig, 0, srs, 0, cv)
        # and at load: every held figure starts from its floor
        lb = self.o(x + 200, y, "loadbang", cv)
        self.c(lb, 0, srs, 0, cv)
        for k, (src, lo, hi, low, good, high) in enumerate(self.crits):
            X = 20 + 480 * (k % 2)
            Y = 140 + 440 * (k // 2)
            r = self.o(X + 100, Y, "r " + src, cv)
            f = self.o(X, Y + 30, "f -144", cv)
            self.c(trig, n - k, f, 0, cv)
            self.c(r, 0, f, 1, cv)
            rnd = self.o(X, Y + 60, "expr floor($f1 * 10 + 0.5) / 10", cv)
            m1 = self.o(X, Y + 90, "moses %s" % hs.num(lo), cv)
            m2 = self.o(X + 100, Y + 120, "moses %s" % hs.num(hi + 0.01), cv)
            self.c(f, 0, rnd, 0, cv)
            self.c(rnd, 0, m1, 0, cv)
            self.c(m1, 1, m2, 0, cv)
            msgs = [("not yet: " + low, m1, 0), ("met: " + good, m2, 0),
                    ("not yet: " + high, m2, 1)]
            lst = self.o(X, Y + 370, "list", cv)
            for j, (words, src_box, outl) in enumerate(msgs):
                mm = self.uid()
                cv.msg(mm, X + 10 * j, Y + 150 + 70 * j,
                       hs.msgesc(words.replace(",", " -").replace(";", " -"))
                       + ", f 60")
                self.c(src_box, outl, mm, 0, cv)
                self.c(mm, 0, lst, 0, cv)
            self.c(lst, 0, self.o(X, Y + 400, "s $0-v%d" % (k + 1), cv), 0,
                   cv)
            tr = self.o(X + 120, Y + 400, "list trim", cv)
            self.c(lst, 0, tr, 0, cv)
            self.c(tr, 0, self.o(X + 220, Y + 400, "print check", cv), 0,
                   cv)

    def render(self):
        if self.measure_cv.items:
            self.measure_cv.text(20, 10, hs.esc(
                "What the check measures: readings from the lesson's "
                "objects, held since the last restart (each check "
                "restarts them).") + ", f 100")
        self.check_cv.text(20, 10, hs.esc(
            "The check: each figure is rounded to 0.1, compared with the "
            "lesson's goal, and the words for below, within or above go to "
            "a row of the panel and to the Pd window.") + ", f 100")
        return Help.render(self)

    def place_internals(self, x, y):
        for name, cv in (("open", opener()),
                         ("controls", self.ctl), ("draw", self.draw),
                         ("measure", self.measure_cv),
                         ("check", self.check_cv)):
            # every lesson fills them all (some after this call)
            self.cv.sub(self.uid(), x, y, name, cv)
            x += len(name) * CW + 40


def declare_up(h):
    """Pd reads a patch's [declare] from the '#X declare' line saved right
    after its canvas line, before it creates any object: the objects are
    one folder up (the pages live in the libdir's folder course/)"""
    h.cv.data("#X declare -path ..;")


def remote_canvas():
    """[pd remote]: '<name> <args...>' from the lesson's inlet to
    $0-<name>"""
    cv = Canvas("#N canvas 300 160 560 320 remote 0;")
    cv.text(20, 10, hs.esc("From the lesson's inlet: <name> <value...> "
                           "goes to $0-<name> ([c-fader7 -6( moves a "
                           "control as a click would, [check( checks, "
                           "[restart( restarts the measurement, [song "
                           "section chorus( drives the song).") + ", f 70")
    cv.obj("in", 20, 80, "inlet")
    cv.obj("t", 20, 110, "t a a")
    cv.obj("s1", 120, 140, "list split 1")
    cv.obj("sym", 120, 170, "symbol")
    cv.obj("mk", 120, 200, "makefilename $0-%s")
    cv.obj("s2", 20, 170, "list split 1")
    cv.obj("tr", 20, 230, "list trim")
    cv.obj("snd", 20, 270, "send")
    cv.c("in", 0, "t", 0)
    cv.c("t", 1, "s1", 0)
    cv.c("s1", 0, "sym", 0)
    cv.c("sym", 0, "mk", 0)
    cv.c("mk", 0, "snd", 1)
    cv.c("t", 0, "s2", 0)
    cv.c("s2", 1, "tr", 0)
    cv.c("tr", 0, "snd", 0)
    return cv


def opener():
    """[pd open]: a link's name -> 'open <name>.pd <this folder>' to Pd"""
    cv = Canvas("#N canvas 320 180 520 300 open 0;")
    cv.text(20, 10, hs.esc("A link: its name becomes [; pd open <name>.pd "
                           "<this patch's folder>(.") + ", f 60")
    cv.obj("r", 20, 60, "r $0-open")
    cv.obj("sy", 20, 90, "symbol")
    cv.obj("mk", 20, 120, "makefilename %s.pd")
    cv.obj("t", 20, 150, "t s b")
    cv.obj("pc", 160, 180, "pdcontrol")
    cv.msg("dir", 160, 150, "dir")
    cv.obj("ap", 20, 210, "list append")
    cv.obj("pp", 20, 240, "list prepend open")
    cv.obj("tr", 20, 270, "list trim")
    cv.obj("s", 200, 270, "s pd")
    cv.chain("r", "sy", "mk", "t")
    cv.c("t", 1, "dir", 0)
    cv.c("dir", 0, "pc", 0)
    cv.c("pc", 0, "ap", 1)
    cv.c("t", 0, "ap", 0)
    cv.chain("ap", "pp", "tr", "s")
    return cv


# ---- shared pieces of the lessons ------------------------------------------------

def stem_columns(h, x0, y, colw=86):
    """the stems' names as column heads; returns the x of each column"""
    xs = []
    for k, (name, *_r) in enumerate(demomix.CHANNELS):
        x = x0 + colw * k
        h.t(x, y, "%d %s" % (k + 1, name), 9)
        xs.append(x)
    return xs


def try_listen(h, x, y, try_this, listen_for, width=48):
    """'try this' and 'listen for', side by side; returns the bottom"""
    h.t(x, y, "try this: " + try_this, width)
    h.t(x + width * CW + 24, y, "listen for: " + listen_for,
        (1210 - x - width * CW - 24) // CW)
    lines = max(hs.wrapped_lines("try this: " + try_this, width),
                hs.wrapped_lines("listen for: " + listen_for,
                                 (1210 - x - width * CW - 24) // CW))
    y += lines * hs.LH + 10
    # the subpatches under them (their canvases are filled later)
    h.place_internals(x, y)
    return y + 30


def channel_peaks_held(h):
    """each channel's peak (mixer~'s info, after its fader) and the
    master's, held since the last check: $0-m-pk<k>, $0-m-mpk"""
    mkhelp.mixer_readings(h)
    h.draw_flow.take(90 * NSTEMS + 20, 110)   # its boxes reach 350 down
    for k in range(1, NSTEMS + 1):
        h.hold("$0-i-pk%d" % k, "$0-m-pk%d" % k)
    # [unpack] gives R first: L is the hot one
    h.compute(["$0-i-mpkL", "$0-i-mpkR"], "max($f1, $f2)", "$0-i-mpk",
              hot=False)
    h.hold("$0-i-mpk", "$0-m-mpk")


def nested(fn, n):
    """'min(min($f1, $f2), $f3)' ... for n inputs"""
    e = "$f1"
    for k in range(2, n + 1):
        e = "%s(%s, $f%d)" % (fn, e, k)
    return e


def output_bars(h, x, y, peak_src="$0-i-mpk"):
    """the mix's short-term loudness and peak; returns the bottom"""
    h.bar(x + 110, y, 420, 18, "$0-o-shortterm", -40, 0, hs.BLUE,
          "short-term", [(-40, "-40"), (-30, "-30"), (-20, "-20"),
                         (-10, "-10"), (0, "0 LUFS")])
    h.bar(x + 110, y + 44, 420, 18, peak_src, -40, 0, hs.GREEN, "peak",
          [(-40, "-40"), (-20, "-20"), (-6, "-6"), (0, "0 dBFS")])
    return y + 86


# ---- the lessons -----------------------------------------------------------------

def lesson_mix():
    h = Lesson(1, "01-what-a-mix-is", "what a mix is: balance and pan")
    h.course_header(["mixer~", "strip~", "demosong~"])
    h.intro("A mix balances many tracks into one stereo picture: the "
            "balance engineer sets each stem's level (its fader) and its "
            "place from left to right (its pan) so that every part is heard "
            "and none hides another. Here the voice starts buried, 24 dB "
            "down, and everything is in the middle. Switch DSP on, click "
            "bang, then balance the stems with the faders and pans.")
    yb = h.transport(30, 178)
    skip = ["%d fader" % k for k in range(1, NSTEMS + 1)] + [
        "%d pan" % k for k in range(1, NSTEMS + 1)]
    song, mx, yb = h.song_and_mixer(yb + 4, skip)
    h.out((mx, 0), (mx, 1), yb + 30)
    # the controls
    top = 58
    h.panel(RIGHT, top, 710, 134, "the console: each stem's fader (dB) "
            "and pan (-100 left .. 100 right)")
    xs = stem_columns(h, 580, top + 26)
    h.t(508, top + 50, "fader", 6)
    h.t(508, top + 76, "pan", 6)
    h.t(508, top + 102, "peak", 6)
    start = {"voice": -24}
    for k, x in enumerate(xs):
        name = demomix.CHANNELS[k][0]
        mkhelp.plain_number(h, x, top + 50, "fader%d" % (k + 1),
                            start.get(name, 0), -100, 12)
        h._route("fader%d" % (k + 1), "%d fader $1" % (k + 1), "$0-mix")
        mkhelp.plain_number(h, x, top + 76, "pan%d" % (k + 1), 0, -100, 100)
        h._route("pan%d" % (k + 1), "%d pan $1" % (k + 1), "$0-mix")
        h.readout(x, top + 102, "$0-i-pk%d" % (k + 1), "", width=5)
    channel_peaks_held(h)
    h.compute(["$0-m-pk%d" % k for k in range(1, NSTEMS + 1)],
              "%s - %s" % (nested("min", NSTEMS), nested("max", NSTEMS)),
              "$0-m-spread")
    y = output_bars(h, RIGHT, top + 160)
    h.t(RIGHT, y, "To hear the mix without a stem, pull its fader to -100; "
        "mixer~'s help has solo and mute.", 100)
    y = try_listen(h, RIGHT, y + 40,
                   "bring the voice up until every word is clear, then pan "
                   "the hats 30 right and the lead 30 left; pull the kick "
                   "down 6 dB and up again.",
                   "the voice in front, the drums and bass as the floor, "
                   "the lead and the pad around the voice, not on top of "
                   "it. The peak bar should stay well under 0.")
    h.criterion("$0-m-spread", -20, 0,
                "the quietest stem peaks $1 dB under the loudest - bring "
                "it up: aim for every stem within 20 dB",
                "every stem is audible: the quietest peaks $1 dB under "
                "the loudest", "")
    h.criterion("$0-m-mpk", -20, -1,
                "your mix peaks at $1 dBFS - that is very quiet: bring the "
                "faders up",
                "your mix peaks at $1 dBFS: it does not clip (lesson 2 "
                "sets the headroom)",
                "your mix peaks at $1 dBFS - too close to 0: pull the "
                "faders down and keep the peaks under -1 dBFS")
    h.check_panel(RIGHT, None, "is every stem heard and does the mix "
                  "leave headroom?")
    h.course_footer()
    return h


def converter(h, x, y):
    """[pd converter]: what a fixed-point converter does to a mix above 0
    dBFS (it clips), counting the clipped samples (to $0-i-clipped,
    restarted by each check); with the delta toggle only what the
    clipping takes away is heard"""
    cv = Canvas("#N canvas 200 120 720 420 converter 0;")
    cv.text(20, 10, hs.esc("A converter (or a fixed-point file) cannot go "
                           "past full scale: it clips. Counted here, and "
                           "with delta on only the clipped-off part is "
                           "heard.") + ", f 90")
    for k, side in enumerate("LR"):
        X = 20 + 200 * k
        cv.obj("i" + side, X, 60, "inlet~")
        cv.obj("c" + side, X, 100, "clip~ -1 1")
        cv.obj("d" + side, X + 100, 130, "*~")
        cv.obj("o" + side, X, 200, "-~")
        cv.obj("out" + side, X, 240, "outlet~")
        cv.obj("x" + side, X + 60, 280, "expr~ abs($v1) > 1")
        cv.c("i" + side, 0, "c" + side, 0)
        cv.c("i" + side, 0, "d" + side, 0)
        cv.c("c" + side, 0, "o" + side, 0)
        cv.c("d" + side, 0, "o" + side, 1)
        cv.c("o" + side, 0, "out" + side, 0)
        cv.c("i" + side, 0, "x" + side, 0)
    cv.obj("rd", 420, 60, "r $0-c-cdelta")
    cv.msg("dm", 420, 90, "$1 20")
    cv.obj("dl", 420, 120, "line~")
    cv.chain("rd", "dm", "dl")
    cv.c("dl", 0, "dL", 1)
    cv.c("dl", 0, "dR", 1)
    cv.obj("sum", 80, 320, "+~")
    cv.c("xL", 0, "sum", 0)
    cv.c("xR", 0, "sum", 1)
    cv.obj("acc", 80, 350, "rpole~ 1")
    cv.obj("snap", 80, 380, "snapshot~")
    cv.obj("s", 180, 410, "s $0-i-clipped")
    cv.chain("sum", "acc", "snap", "s")
    cv.obj("lb", 420, 300, "loadbang")
    cv.obj("met", 420, 330, "metro 100")
    cv.chain("lb", "met")
    cv.c("met", 0, "snap", 0)
    cv.obj("rr", 600, 300, "r $0-restart")
    cv.msg("cl", 600, 330, "clear")
    cv.chain("rr", "cl")
    cv.c("cl", 0, "acc", 0)
    cv.header = "#N canvas 200 120 720 460 converter 0;"
    n = h.uid()
    h.cv.sub(n, x, y, "converter", cv)
    return n


def lesson_gain():
    h = Lesson(2, "02-gain-staging", "gain staging and headroom")
    h.course_header(["mixer~", "strip~", "loudness~"])
    h.intro("Gain staging: each stem comes in at a healthy level (its "
            "trim), the faders balance them, and the mix bus (master "
            "fader) leaves headroom: peaks around -6 dBFS. A mix that "
            "clips is damaged for good: mastering cannot put back the "
            "tops the converter cut off. Here the master fader starts 6 "
            "dB too hot and the converter clips.")
    yb = h.transport(30, 178)
    skip = ["master fader"] + ["%d trim" % k for k in range(1, NSTEMS + 1)]
    song, mx, yb = h.song_and_mixer(yb + 4, skip)
    cvt = converter(h, 100, yb + 30)
    h.c(mx, 0, cvt, 0)
    h.c(mx, 1, cvt, 1)
    h.t(210, yb + 31, "clips at 0 dBFS, as a converter does", 37)
    h.out((cvt, 0), (cvt, 1), yb + 64)
    top = 58
    h.panel(RIGHT, top, 710, 160, "the gain stages: each stem's trim "
            "(dB) and the master fader")
    xs = stem_columns(h, 580, top + 26)
    h.t(508, top + 50, "trim", 6)
    h.t(508, top + 76, "peak", 6)
    for k, x in enumerate(xs):
        mkhelp.plain_number(h, x, top + 50, "trim%d" % (k + 1), 0, -24, 24)
        h._route("trim%d" % (k + 1), "%d trim $1" % (k + 1), "$0-mix")
        h.readout(x, top + 76, "$0-i-pk%d" % (k + 1), "", width=5)
    h.number(580, top + 110, "master", 6, -24, 12, "master fader dB",
             "master fader $1", "$0-mix")
    h.toggle(830, top + 110, "cdelta", 0, "delta: hear only what the "
             "clipping cuts off", "", "", route=False)
    h.readout(580, top + 136, "$0-i-clipped", "samples clipped since the "
              "last check", width=8)
    channel_peaks_held(h)
    h.hold("$0-i-clipped", "$0-m-clipped")
    y = output_bars(h, RIGHT, top + 186)
    y = try_listen(h, RIGHT, y + 6,
                   "switch delta on: that crackle is what clipping adds. "
                   "Then bring the master fader down until the peak bar "
                   "sits around -6; raise the kick's trim 12 dB and "
                   "watch its peak and the mix's.",
                   "the drums losing their snap and a harsh edge on the "
                   "loud chorus while it clips; at -6 dBFS the same mix "
                   "is clean, and only a little quieter.")
    h.criterion("$0-m-mpk", -9, -3,
                "your mix peaks at $1 dBFS - more than needed: aim for "
                "peaks around -6 dBFS",
                "your mix peaks at $1 dBFS: headroom for mastering",
                "your mix peaks at $1 dBFS - leave headroom: aim for peaks "
                "around -6 dBFS")
    h.criterion("$0-m-clipped", 0, 0, "", "no sample clipped",
                "$1 samples clipped - mastering cannot undo that: turn "
                "the master fader down")
    h.check_panel(RIGHT, None, "are the peaks around -6 dBFS, with "
                  "nothing clipped?")
    h.course_footer()
    return h


# analysis filters (24 dB/oct: a single bp~ lets the neighbours through)
LOWBAND = ("eq~ -ch 1 -bands 4 -band 1 lowpass 150 0 0.707 -band 2 lowpass "
           "150 0 0.707 -band 3 lowpass 150 0 0.707 -band 4 lowpass 150 0 "
           "0.707, f 30")
# lesson 8's low end against the whole master (measured on 3.5 s of the
# chorus: the boomy start, bass fader +5, reads -2.5 dB; a -3 dB shelf
# -3.8, -6 dB -5.6; the multiband's low band at -30 dB ratio 3 -7.9)
BOOM_LO, BOOM_HI = -10, -4
PRESENCE = ("eq~ -ch 1 -bands 4 -band 1 highpass 2000 0 0.707 -band 2 "
            "highpass 2000 0 0.707 -band 3 lowpass 5000 0 0.707 -band 4 "
            "lowpass 5000 0 0.707, f 30")


def band_level(h, src_box, outlet, filt, dst, cv):
    """in [pd measure]: a stem's left channel through `filt` (object
    texts in a chain) -> its RMS in dBFS (env~) -> the average since the
    last restart to dst"""
    x, y = h.measure_flow.take(240, 40 * len(filt) + 160)
    prev, po = src_box, outlet
    yy = y
    for k, f in enumerate(filt):
        b = h.o(x, yy, f, cv)
        h.c(prev, po, b, 0, cv)
        prev, po = b, 0
        yy += 40 + 16 * (len(f) // 30)
    e = h.o(x, yy, "env~ 4096", cv)
    h.c(prev, po, e, 0, cv)
    d = h.o(x, yy + 30, "- 100", cv)
    h.c(e, 0, d, 0, cv)
    h.c(d, 0, h.o(x, yy + 60, "s " + dst + "-now", cv), 0, cv)
    h.average(dst + "-now", dst)


def lesson_eq():
    h = Lesson(3, "03-eq-carves-space", "EQ to carve space")
    h.course_header(["strip~", "eq~", "mixer~"])
    h.intro("Two sounds in the same range mask each other: the pad's "
            "body sits where the voice's words are (2-5 kHz), and its "
            "low end muddies the bass. EQ in a mix carves space: cut the "
            "pad where the voice lives instead of boosting the voice, and "
            "high-pass everything that is not bass or kick. Here the pad "
            "starts with no EQ at all.")
    yb = h.transport(30, 178)
    skip = ["5 hpf", "5 highmid", "7 highmid", "5 eq", "5 delta"]
    song, mx, yb = h.song_and_mixer(yb + 4, skip)
    h.out((mx, 0), (mx, 1), yb + 30)
    top = 58
    h.panel(RIGHT, top, 710, 160, "the pad's EQ (channel 5) and the "
            "voice's presence (channel 7)")
    rows = (("padhpf", 0, 0, 2000, "pad high-pass Hz (0 = off)",
             "5 hpf $1", "hpf $1", "$0-pad"),
            ("padcut", 0, -24, 24, "pad at 2800 Hz dB (q 1.2)",
             "5 highmid 2800 $1 1.2", "highmid 2800 $1 1.2", "$0-pad"),
            ("voicepres", 0, -24, 24, "voice at 3200 Hz dB (q 1)",
             "7 highmid 3200 $1 1", "highmid 3200 $1 1", "$0-voice"))
    for k, (cname, v, lo, hi, label, msg, copy, send) in enumerate(rows):
        h.number(512, top + 30 + 26 * k, cname, v, lo, hi, label, msg,
                 "$0-mix")
        h._route(cname, copy, send)
    h.toggle(512, top + 112, "padeq", 1, "pad EQ on (off: bypassed)",
             "5 eq $1", "$0-mix")
    h._route("padeq", "eq $1", "$0-pad")
    h.toggle(512, top + 136, "paddelta", 0, "pad delta: hear what its "
             "EQ removes", "5 delta $1", "$0-mix")
    h.graph(830, top + 50, "$0-padcurve", 256, 300, 80, -24, 12,
            [(0, "20"), (1 / 3, "200"), (2 / 3, "2k"), (1, "20k Hz")],
            [(12, "+12"), (0, "0"), (-24, "-24 dB")],
            title="the pad's EQ curve")
    mkhelp.array_at_load(h, "curve", "$0-padcurve", "$0-pad")
    # the measurement: a second, identical song in [pd measure] whose pad
    # and voice go through copies of their strips
    cv = h.measure_cv
    x, y = h.measure_flow.take(720, 130)
    rs = h.o(x, y, "r $0-song", cv)
    sg = h.o(x, y + 30, "demosong~ -loop 1, f 60", cv)
    h.c(rs, 0, sg, 0, cv)
    pad = h.o(x, y + 70, "strip~ -ch 2 -lowmid 400 -3 1 -fader -4", cv)
    voice = h.o(x + 380, y + 70, "strip~ -ch 2 -hpf 150 -lowmid 350 -2 1.2 "
                "-threshold -26 -ratio 3 -attack 5 -release 120 -makeup 3, "
                "f 40", cv)
    h.c(sg, 8, pad, 0, cv)
    h.c(sg, 9, pad, 1, cv)
    h.c(sg, 12, voice, 0, cv)
    h.c(sg, 13, voice, 1, cv)
    h.c(h.o(x + 460, y, "r $0-pad", cv), 0, pad, 0, cv)
    h.c(h.o(x + 560, y, "r $0-voice", cv), 0, voice, 0, cv)
    # the copies start as the lesson's channels do (hpf off: the control
    # sends it at load)
    band_level(h, pad, 0, [PRESENCE], "$0-m-padpres", cv)
    band_level(h, voice, 0, [PRESENCE], "$0-m-voicepres",
               cv)
    h.measure_flow.take(900, 10)
    h.compute(["$0-m-voicepres", "$0-m-padpres"], "$f1 - $f2",
              "$0-m-unmask")
    h.measure_flow.take(900, 10)
    h.compute(["$0-c-voicepres"], "$f1", "$0-m-boost")
    y = top + 190
    h.readout(RIGHT, y, "$0-m-unmask", "dB: the voice above the pad at "
              "2-5 kHz (since the last check)", width=6)
    h.readout(RIGHT, y + 26, "$0-m-boost", "dB: the boost on the voice "
              "(cut before you boost)", width=6)
    y = try_listen(h, RIGHT, y + 70,
                   "high-pass the pad at 200 Hz, then cut it 9 dB at 2800 "
                   "Hz; switch pad delta on to hear what you took away. "
                   "Compare with boosting the voice 6 dB instead.",
                   "the words of the voice coming forward without it "
                   "getting louder or harsher; the bass and kick "
                   "tighter once the pad's rumble is gone. A boost makes "
                   "the voice stick out and the mix louder, not clearer.")
    h.criterion("$0-m-unmask", 4, 60,
                "in 2-5 kHz the voice is only $1 dB above the pad - cut "
                "the pad there (or the voice is masked)",
                "in 2-5 kHz the voice is $1 dB above the pad: it is not "
                "masked", "")
    h.criterion("$0-m-boost", -24, 3,
                "", "the voice's presence changed by $1 dB: you cut before "
                "you boosted",
                "the voice is boosted $1 dB at 3200 Hz - cut the pad there "
                "instead: cut before you boost")
    h.check_panel(RIGHT, None, "is the voice clear of the pad, made by a "
                  "cut rather than a boost?")
    h.course_footer()
    return h


def lesson_comp():
    h = Lesson(4, "04-compression", "compression: threshold, ratio, "
               "attack, release")
    h.course_header(["comp~", "strip~", "gate~"])
    h.intro("A compressor turns a sound down while it is above the "
            "threshold, by the ratio: 4:1 lets 1 dB out for every 4 dB in. "
            "On a voice it evens out the phrases so every word sits in the "
            "mix; attack and release decide how fast it grabs and lets go. "
            "The gain reduction meter shows how much it works. Here the "
            "voice's compressor starts off (ratio 1).")
    yb = h.transport(30, 178)
    params = ("threshold", "ratio", "attack", "release", "makeup")
    skip = ["7 " + p for p in params] + ["7 comp", "7 delta"]
    # parallel compression: the kick through a comp~ whose mix blends the
    # squashed kick with the dry one (mix 100: all compressed)
    pk = Canvas("#N canvas 80 80 420 260 par 0;")
    pk.text(20, 10, "the kick through comp~: mix blends the compressed "
            "kick with the dry one (0 dry, 100 all compressed)")
    pk.obj("l", 20, 60, "inlet~")
    pk.obj("r", 120, 60, "inlet~")
    pk.obj("rc", 220, 60, "r $0-dcomp")
    pk.obj("comp", 20, 110, "comp~ -ch 2 -threshold -30 -ratio 8 -attack 1 "
           "-release 120 -makeup 6 -mix 0")
    pk.obj("ol", 20, 160, "outlet~")
    pk.obj("or", 120, 160, "outlet~")
    pk.c("l", 0, "comp", 0)
    pk.c("r", 0, "comp", 1)
    pk.c("rc", 0, "comp", 0)
    pk.c("comp", 0, "ol", 0)
    pk.c("comp", 1, "or", 0)
    dc = h.uid()
    # narrow, under the kick's two outlets: the other stems' wires pass by
    h.cv.sub(dc, 100, yb + 4 + 56, "par", pk)
    song, mx, yb = h.song_and_mixer(yb + 4, skip, inserts={0: (dc, 0),
                                                           1: (dc, 1)})
    h.c(dc, 0, mx, 0)
    h.c(dc, 1, mx, 1)
    h.out((mx, 0), (mx, 1), yb + 30)
    top = 58
    h.panel(RIGHT, top, 710, 190, "the voice's compressor (channel 7 of "
            "mixer~: a strip~)")
    rows = (("threshold", 0, -60, 0, "threshold dB"),
            ("ratio", 1, 1, 100, "ratio (N:1)"),
            ("attack", 10, 0.1, 500, "attack ms"),
            ("release", 100, 5, 5000, "release ms"),
            ("makeup", 0, -24, 24, "makeup dB"))
    for k, (p, v, lo, hi, label) in enumerate(rows):
        h.number(512, top + 30 + 26 * k, p, v, lo, hi, label,
                 "7 %s $1" % p, "$0-mix")
        h._route(p, "%s $1" % p, "$0-vcopy")
    h.toggle(720, top + 30, "vcomp", 1, "compressor on", "7 comp $1",
             "$0-mix")
    h.toggle(720, top + 56, "vdelta", 0, "delta (what it takes)",
             "7 delta $1", "$0-mix")
    h.t(720, top + 88, "parallel: the kick goes through [pd par], a "
        "comp~ (8:1, fast):", 30)
    h.number(720, top + 140, "dmix", 0, 0, 100, "kick mix %", "mix $1",
             "$0-dcomp")
    h.graph(980, top + 40, "$0-ccurve", 91, 150, 120, -90, 0,
            [(0, "-90"), (1, "0 dB in")], [(0, "0"), (-90, "-90 out")],
            title="transfer curve")
    # a copy of the voice's strip draws the curve (compcurve)
    cv = h.measure_cv
    x, y = h.measure_flow.take(300, 60)
    rc = h.o(x, y, "r $0-vcopy", cv)
    cp = h.o(x, y + 30, "strip~ -ch 2", cv)
    h.c(rc, 0, cp, 0, cv)
    mkhelp.array_at_load(h, "compcurve", "$0-ccurve", "$0-vcopy")
    # the voice's gain reduction from mixer~'s info
    dcv = h.draw
    x, y = h.draw_flow.take(300, 130)
    r = h.o(x, y, "r $0-info", dcv)
    r7 = h.o(x, y + 30, "route 7", dcv)
    rg = h.o(x, y + 60, "route gr", dcv)
    h.c(r, 0, r7, 0, dcv)
    h.c(r7, 0, rg, 0, dcv)
    h.c(rg, 0, h.o(x, y + 90, "s $0-i-vgr", dcv), 0, dcv)
    channel_peaks_held(h)
    h.hold("$0-i-vgr", "$0-m-vgr", mode="min", init=0)
    h.compute(["$0-m-vgr"], "-$f1", "$0-m-depth")
    h.compute(["$0-c-ratio"], "$f1", "$0-m-ratio")
    y = top + 216
    h.bar(RIGHT + 110, y, 420, 18, "$0-i-vgr", 0, -12, hs.RED,
          "voice gr", [(0, "0"), (-3, "-3"), (-6, "-6"), (-12, "-12 dB")])
    y = output_bars(h, RIGHT, y + 44)
    y = try_listen(h, RIGHT, y + 4,
                   "set threshold -26, ratio 3, attack 5, "
                   "release 120, makeup 3, then switch delta on to hear "
                   "only what the compressor takes; try ratio 20 and "
                   "threshold -40.",
                   "the quiet words coming up to the loud ones and the "
                   "voice staying in front; a fast attack dulls the "
                   "consonants, too much compression sounds flat and "
                   "pumps. gate~ is the opposite: it turns quiet parts "
                   "down. Kick mix 50: denser, its attack kept (the dry "
                   "kick is still there).")
    h.criterion("$0-m-depth", 3, 9,
                "the voice's compressor takes at most $1 dB - lower the "
                "threshold (or raise the ratio) for 3 to 9 dB on the "
                "loud words",
                "the voice's compressor takes up to $1 dB: it works "
                "without flattening the voice",
                "the voice's compressor takes up to $1 dB - too much: "
                "raise the threshold or lower the ratio")
    h.criterion("$0-m-ratio", 1.5, 8, "ratio $1:1 - nothing to compress "
                "with: try 2 to 4", "ratio $1:1: a compressor's ratio",
                "ratio $1:1 - that is a limiter: a voice wants 2 to 4")
    h.check_panel(RIGHT, None, "does the voice's compressor work 3 to 9 "
                  "dB, at a musical ratio?")
    h.course_footer()
    return h


def lesson_depth():
    h = Lesson(5, "05-effects-and-depth", "effects and depth: sends and "
               "returns")
    h.course_header(["mixer~", "strip~", "imager~"])
    h.intro("Depth comes from the balance of dry and wet: a sound with "
            "little reverb is in front, one with more sits further back. "
            "Each channel sends some of itself to the effects (a reverb "
            "and a delay, shared by all), and their returns come back into "
            "the mix. A post-fader send follows the fader, a pre-fader one "
            "does not. Here the voice starts drowned in reverb and the "
            "lead dry.")
    yb = h.transport(30, 178)
    skip = ["7 send 1", "6 send 1", "6 send 2", "7 sendpre", "return 1",
            "return 2", "return 1 mute"]
    song, mx, yb = h.song_and_mixer(yb + 4, skip)
    h.out((mx, 0), (mx, 1), yb + 30)
    top = 58
    h.panel(RIGHT, top, 710, 190, "sends (dB, -100 = none) and returns: "
            "bus 1 is the reverb and bus 2 the delay")
    rows = (("vsend", -4, "voice to the reverb dB", "7 send 1 $1"),
            ("lsend", -100, "lead to the reverb dB", "6 send 1 $1"),
            ("ldelay", -10, "lead to the delay dB", "6 send 2 $1"),
            ("ret1", -2, "reverb return dB", "return 1 $1"),
            ("ret2", -4, "delay return dB", "return 2 $1"))
    for k, (c, v, label, msg) in enumerate(rows):
        h.number(512, top + 30 + 26 * k, c, v, -100, 12, label, msg,
                 "$0-mix")
    h.toggle(820, top + 30, "vpre", 0, "voice send pre-fader",
             "7 sendpre 1 $1", "$0-mix")
    h.toggle(820, top + 56, "r1mute", 0, "reverb return muted (hear the "
             "mix dry)", "return 1 mute $1", "$0-mix")
    h.number(820, top + 82, "vfader", 0, -100, 12, "voice fader dB",
             "7 fader $1", "$0-mix")
    h.number(820, top + 108, "rsize", 65, 0, 100, "reverb size",
             "reverb size $1", "$0-mix")
    # how wet each one is: send + return (post-fader: against its own dry
    # sound)
    h.compute(["$0-c-vsend", "$0-c-ret1"], "$f1 + $f2", "$0-m-vwet")
    h.compute(["$0-c-lsend", "$0-c-ret1", "$0-c-vsend"],
              "($f1 + $f2) - ($f3 + $f2)", "$0-m-behind")
    mkhelp.mixer_readings(h)
    h.draw_flow.take(90 * NSTEMS + 20, 110)
    y = top + 216
    h.readout(RIGHT, y, "$0-m-vwet", "dB: the voice's reverb against its "
              "dry sound", width=6)
    h.readout(RIGHT, y + 26, "$0-m-behind", "dB: the lead's reverb against "
              "the voice's", width=6)
    y = output_bars(h, RIGHT, y + 64)
    y = try_listen(h, RIGHT, y + 4,
                   "bring the voice's send down to -12, then send the lead "
                   "to the reverb at -8: the lead steps back behind the "
                   "voice. Mute the reverb return to hear the mix dry; "
                   "switch the voice's send to pre-fader and pull its "
                   "fader down.",
                   "the voice close and clear in front, the lead further "
                   "away; with a pre-fader send the reverb stays when the "
                   "voice's fader goes down, so it sounds distant, then "
                   "like a ghost.")
    h.criterion("$0-m-vwet", -40, -8, "the voice's reverb sits at $1 dB "
                "against its dry sound - a touch more gives it a room",
                "the voice's reverb sits at $1 dB against its dry sound: "
                "the voice stays in front",
                "the voice's reverb sits at $1 dB against its dry sound - "
                "too wet, it sits far back: send less (-10 dB or so)")
    h.criterion("$0-m-behind", 3, 200, "the lead's reverb is at $1 dB "
                "against the voice's - send the lead more to put it "
                "behind", "the lead's reverb is $1 dB above the voice's: "
                "the lead sits behind it", "")
    h.check_panel(RIGHT, None, "is the voice in front and the lead behind "
                  "it?")
    h.course_footer()
    return h


def busfx(h, x, y):
    """[pd mix-bus]: what should not be on a mix bus, switchable: a
    limiter (drive 8 dB) and a normaliser (+ the gain that puts the peak
    at 0 dBFS); reports the limiter's gr and the mix's peak"""
    cv = Canvas("#N canvas 200 120 760 460 mix-bus 0;")
    cv.text(20, 10, hs.esc("What does not belong on a mix bus (both off "
                           "by default): a limiter driven 8 dB, and "
                           "normalising (a gain that brings the peak to 0 "
                           "dBFS, here +6 dB).") + ", f 100")
    cv.obj("iL", 20, 60, "inlet~")
    cv.obj("iR", 120, 60, "inlet~")
    cv.obj("lim", 20, 120, "limiter~ -ch 2 -input 8 -ceiling -0.1 -bypass 1")
    cv.c("iL", 0, "lim", 0)
    cv.c("iR", 0, "lim", 1)
    cv.obj("rl", 420, 60, "r $0-c-buslim")
    cv.obj("nl", 420, 90, "== 0")
    cv.msg("ml", 420, 120, "bypass $1")
    cv.chain("rl", "nl", "ml")
    cv.c("ml", 0, "lim", 0)
    cv.obj("rn", 580, 60, "r $0-c-busnorm")
    cv.obj("gn", 580, 90, "* 6")
    cv.obj("db", 580, 120, "dbtorms")
    cv.msg("rm", 580, 150, "$1 20")
    cv.obj("ln", 580, 180, "line~")
    cv.chain("rn", "gn")
    cv.obj("g1", 650, 90, "+ 100")
    cv.c("gn", 0, "g1", 0)
    cv.c("g1", 0, "db", 0)
    cv.chain("db", "rm", "ln")
    cv.obj("mL", 20, 220, "*~")
    cv.obj("mR", 120, 220, "*~")
    cv.c("lim", 0, "mL", 0)
    cv.c("lim", 1, "mR", 0)
    cv.c("ln", 0, "mL", 1)
    cv.c("ln", 0, "mR", 1)
    cv.obj("oL", 20, 280, "outlet~")
    cv.obj("oR", 120, 280, "outlet~")
    cv.c("mL", 0, "oL", 0)
    cv.c("mR", 0, "oR", 0)
    cv.obj("rg", 260, 160, "route gr")
    cv.c("lim", 2, "rg", 0)
    cv.obj("sg", 260, 190, "s $0-i-busgr")
    cv.c("rg", 0, "sg", 0)
    cv.obj("ld", 260, 280, "loudness~ -ch 2 -interval 100")
    cv.c("mL", 0, "ld", 0)
    cv.c("mR", 0, "ld", 1)
    cv.obj("rp", 260, 320, "route samplepeak")
    cv.obj("sp", 260, 350, "s $0-i-mixpk")
    cv.chain("ld", "rp", "sp")
    cv.obj("rr", 480, 280, "r $0-restart")
    cv.msg("rs", 480, 310, "reset")
    cv.chain("rr", "rs")
    cv.c("rs", 0, "ld", 0)
    n = h.uid()
    h.cv.sub(n, x, y, "mix-bus", cv)
    return n


def reference_track(h, x, y):
    """[pd reference-track]: a released master of a similar song: the same
    stems, another balance (no effects), mastered loud"""
    cv = Canvas("#N canvas 220 140 760 360 reference-track 0;")
    cv.text(20, 10, hs.esc("A reference: a released record of a similar "
                           "song. Here the same stems in a balance of "
                           "their own, mastered loud (limiter~ driven 10 "
                           "dB), as records are.") + ", f 100")
    cv.obj("rs", 20, 60, "r $0-song")
    cv.obj("sg", 20, 90, "demosong~ -loop 1, f 60")
    cv.c("rs", 0, "sg", 0)
    gains = (0.9, 0.7, 0.5, 0.9, 0.6, 0.5, 1.0)
    cv.obj("aL", 20, 210, "+~")
    cv.obj("aR", 300, 210, "+~")
    for k, g in enumerate(gains):
        for side, base in ((0, "aL"), (1, "aR")):
            m = "g%d%d" % (k, side)
            cv.obj(m, 20 + 100 * k + 50 * side, 130 + 30 * side,
                   "*~ %g" % g)
            cv.c("sg", 2 * k + side, m, 0)
            cv.c(m, 0, base, 0)
    cv.obj("lim", 20, 250, "limiter~ -ch 2 -input 10 -ceiling -1")
    cv.c("aL", 0, "lim", 0)
    cv.c("aR", 0, "lim", 1)
    cv.obj("oL", 20, 300, "outlet~")
    cv.obj("oR", 120, 300, "outlet~")
    cv.c("lim", 0, "oL", 0)
    cv.c("lim", 1, "oR", 0)
    n = h.uid()
    h.cv.sub(n, x, y, "reference-track", cv)
    return n


def lesson_mixdown():
    h = Lesson(6, "06-the-mixdown", "the mixdown, and a reference")
    h.course_header(["ab~", "loudness~", "limiter~"])
    h.intro("The mixdown is the mix as you hand it to mastering: the "
            "balance done, peaks around -6 dBFS, and nothing on the mix "
            "bus you do not understand: no limiter to make it loud, no "
            "normalising, no dither or rate change yet. Compare it with a "
            "reference record at equal loudness (ab~): the reference is "
            "louder, but matched, is it better?")
    yb = h.transport(30, 178)
    song, mx, yb = h.song_and_mixer(yb + 4, ["master fader"])
    bus = busfx(h, 100, yb + 24)
    h.c(mx, 0, bus, 0)
    h.c(mx, 1, bus, 1)
    ref = reference_track(h, 260, yb + 24)
    rab = h.o(30, yb + 24, "r $0-ab")
    ab = h.o(100, yb + 58, "ab~, f 32")
    h.c(rab, 0, ab, 0)
    h.c(bus, 0, ab, 0)
    h.c(bus, 1, ab, 1)
    h.c(ref, 0, ab, 2)
    h.c(ref, 1, ab, 3)
    h.c(ab, 2, h.o(370, yb + 58, "s $0-abinfo"), 0)
    h.out((ab, 0), (ab, 1), yb + 90)
    top = 58
    h.panel(RIGHT, top, 710, 150, "the mix bus and the comparison")
    h.number(512, top + 30, "master", 0, -24, 12, "master fader dB",
             "master fader $1", "$0-mix")
    h.toggle(512, top + 56, "buslim", 0, "a limiter on the mix bus", "",
             "", route=False)
    h.toggle(512, top + 82, "busnorm", 0, "normalise (+6 dB)", "", "",
             route=False)
    h.t(800, top + 30, "hear", 5)
    h.choice(850, top + 30, "abselect", ["a", "b"], "a", "select $1",
             "$0-ab")
    h.t(900, top + 30, "(your mix)", 11)
    h.t(900, top + 48, "(the reference)", 16)
    h.toggle(850, top + 82, "abmatch", 1, "match B to A's loudness",
             "match $1", "$0-ab")
    dcv = h.draw
    x, y = h.draw_flow.take(400, 100)
    r = h.o(x, y, "r $0-abinfo", dcv)
    rt = h.o(x, y + 30, "route a b offset", dcv)
    h.c(r, 0, rt, 0, dcv)
    for k, w in enumerate(("a", "b", "offset")):
        h.c(rt, k, h.o(x + 100 * k, y + 60, "s $0-i-" + w, dcv), 0, dcv)
    h.hold("$0-i-mixpk", "$0-m-mixpk")
    h.hold("$0-i-busgr", "$0-m-busgr", mode="min", init=0)
    y = top + 176
    h.readout(RIGHT, y, "$0-i-a", "LUFS your mix", width=6)
    h.readout(RIGHT + 220, y, "$0-i-b", "LUFS the reference", width=6)
    h.readout(RIGHT + 470, y, "$0-i-offset", "dB on the reference",
              width=6)
    h.bar(RIGHT + 110, y + 40, 420, 18, "$0-i-mixpk", -40, 0, hs.GREEN,
          "mix peak", [(-40, "-40"), (-20, "-20"), (-6, "-6"),
                       (0, "0 dBFS")])
    h.bar(RIGHT + 110, y + 84, 420, 18, "$0-i-busgr", 0, -12, hs.RED,
          "bus limiter", [(0, "0"), (-6, "-6"), (-12, "-12 dB")])
    y = try_listen(h, RIGHT, y + 126,
                   "switch between your mix and the reference with match "
                   "on, then off; switch the bus limiter on and look at "
                   "the peak and the gain reduction; normalise.",
                   "with match off the reference wins because it is "
                   "louder; matched, your mix has the bigger drums. The "
                   "limiter flattens the chorus; normalising only makes "
                   "it louder and leaves mastering no headroom.")
    h.criterion("$0-m-mixpk", -12, -3, "your mixdown peaks at $1 dBFS - "
                "very low: bring it up to around -6",
                "your mixdown peaks at $1 dBFS: not normalised - headroom "
                "for mastering",
                "your mixdown peaks at $1 dBFS - do not normalise or push "
                "it: leave peaks around -6 dBFS")
    h.compute(["$0-m-busgr", "$0-c-buslim"], "-$f1 * ($f2 != 0)",
              "$0-m-busdepth", hot=False)
    h.criterion("$0-m-busdepth", 0, 0, "", "nothing on the mix bus "
                "changes your mix (gain reduction $1 dB)",
                "a limiter on the mix bus takes up to $1 dB - take it off "
                "(loudness is mastering's job)")
    h.check_panel(RIGHT, None, "is the mixdown unprocessed, with "
                  "headroom?")
    h.course_footer()
    return h


def mastered(h, yb, box, send, extra_skip=(), extra=()):
    """the demo mix (song -> mixer~) -> `box` (its [r send] at the left)
    -> out; returns (the box, the bottom of the left column)"""
    song, mx, yb = h.song_and_mixer(yb, list(extra_skip), info=False)
    if extra:
        h.setup(list(extra), "$0-mix")
    r = h.o(30, yb + 30, "r " + send)
    b = h.o(100, yb + 30, box)
    h.c(r, 0, b, 0)
    h.c(mx, 0, b, 0)
    h.c(mx, 1, b, 1)
    return b, yb + 30


def stage_readings(h, stage_sel, dst_prefix="$0-i-"):
    """in [pd draw]: [r $0-info] -> route <stage> -> route gr -> dst"""
    dcv = h.draw
    x, y = h.draw_flow.take(300, 130)
    r = h.o(x, y, "r $0-info", dcv)
    prev = r
    for k, word in enumerate(stage_sel.split()):
        rt = h.o(x, y + 30 * (k + 1), "route " + word, dcv)
        h.c(prev, 0, rt, 0, dcv)
        prev = rt
    name = dst_prefix + stage_sel.replace(" ", "")
    h.c(prev, 0, h.o(x, y + 30 * (len(stage_sel.split()) + 1), "s " + name,
                     dcv), 0, dcv)
    return name


def lesson_mastering():
    h = Lesson(7, "07-what-mastering-is", "what mastering is: the chain")
    h.course_header(["mastering~", "limiter~", "dither~"])
    h.intro("Mastering takes the finished mix and makes it ready for "
            "release, with fresh ears: a broad EQ, gentle multiband "
            "compression, the stereo image, a limiter that sets the "
            "loudness under a true-peak ceiling, dither last. Each stage "
            "does little; delta lets you hear what each one adds or takes "
            "away. Here the chain has the streaming preset (-14 LUFS), and "
            "the limiter's input gain is yours to set.")
    yb = h.transport(30, 178)
    m, yb = mastered(h, yb + 4, "mastering~, f 30", "$0-m")
    h.c(m, 2, h.o(330, yb, "s $0-info"), 0)
    h.out((m, 0), (m, 1), yb + 34)
    top = 58
    h.panel(RIGHT, top, 710, 160, "the chain: the limiter's input gain "
            "sets the loudness - delta: hear a stage alone")
    h.number(512, top + 30, "linput", 0, -24, 24, "limiter input dB",
             "limiter input $1", "$0-m")
    h.toggle(512, top + 56, "bypass", 0, "bypass (every stage)",
             "bypass $1", "$0-m")
    for k, st in enumerate(("eq", "multiband", "imager", "limiter",
                            "dither")):
        h.toggle(800 + 200 * (k // 3), top + 30 + 26 * (k % 3),
                 st + "delta", 0, st + " delta", st + " delta $1", "$0-m")
    h.t(512, top + 112, "The whole chain reports what each stage changes: "
        "open mastering~'s help for the presets and learn.", 90)
    gr = stage_readings(h, "limiter gr")
    h.hold(gr, "$0-m-lgr", mode="min", init=0)
    h.compute(["$0-m-lgr"], "-$f1", "$0-m-ldepth")
    y = top + 186
    h.bar(RIGHT + 110, y, 420, 18, gr, 0, -12, hs.RED, "limiter gr",
          [(0, "0"), (-3, "-3"), (-6, "-6"), (-12, "-12 dB")])
    y = output_bars(h, RIGHT, y + 44, "$0-o-truepeak")
    h.readout(RIGHT, y, "$0-o-integrated", "LUFS integrated (since the "
              "last check)", width=5)
    y = try_listen(h, RIGHT, y + 30,
                   "raise the limiter's input until the integrated "
                   "loudness reads -14; switch limiter delta on to hear "
                   "what it takes away, then eq delta and multiband "
                   "delta; compare bypass on and off.",
                   "each stage alone is quiet: mastering moves are small. "
                   "The limiter's delta is clicks and the tops of the "
                   "kick: while it is faint, the master keeps its punch.")
    h.criterion("$0-o-integrated", -15, -13, "the master is at $1 LUFS - "
                "under the streaming target: raise the limiter's input",
                "the master is at $1 LUFS: on the streaming target (-14)",
                "the master is at $1 LUFS - louder than the streaming "
                "target: a service would turn it down")
    h.criterion("$0-m-ldepth", 0, 6, "", "the limiter takes at most $1 dB: "
                "the master keeps its punch", "the limiter takes up to $1 "
                "dB - too much: the mix should come in hotter or the "
                "target lower")
    h.check_panel(RIGHT, None, "is the master on the -14 LUFS target "
                  "without squashing it?")
    h.course_footer()
    return h


def lesson_mastereq():
    h = Lesson(8, "08-mastering-eq", "mastering EQ and multiband: gentle, "
               "broad moves")
    h.course_header(["eq~", "multiband~", "mastering~"])
    h.intro("Mastering EQ is broad and gentle: a dB or two on a shelf or "
            "a wide bell moves the whole record. Fix what is there - a "
            "boomy low end, a harsh 2-5 kHz - and only when it happens: a "
            "multiband compressor's low band turns the low end down only "
            "while it booms. Here the mix came in boomy: the bass is 6 dB "
            "too loud.")
    yb = h.transport(30, 178)
    box = ("eq~ -ch 2 -bands 2 -band 1 lowshelf 120 0 0.707 -band 2 bell "
           "3500 0 0.7, f 52")
    eq, yb = mastered(h, yb + 4, box, "$0-eq", ["4 fader"], ["4 fader 5"])
    mb = h.o(100, yb + 66, "multiband~ -ch 2 -bands 2 -xover 150, f 40")
    h.c(eq, 0, mb, 0)
    h.c(eq, 1, mb, 1)
    h.c(h.o(30, yb + 66, "r $0-mb"), 0, mb, 0)
    h.c(mb, 2, h.o(400, yb + 66, "s $0-info"), 0)
    h.out((mb, 0), (mb, 1), yb + 100)
    top = 58
    h.panel(RIGHT, top, 710, 160, "the mastering EQ (eq~) and the low "
            "band of a multiband compressor")
    fields = (("lowdb", 0, "low shelf at 120 Hz dB", "band 1 lowshelf 120 "
               "$1 0.707"), ("harshdb", 0, "bell at 3500 Hz dB (q 0.7)",
                             "band 2 bell 3500 $1 0.7"))
    for k, (c, v, label, msg) in enumerate(fields):
        h.number(512, top + 30 + 26 * k, c, v, -24, 24, label, msg, "$0-eq")
    h.toggle(512, top + 82, "eqbypass", 0, "EQ bypass", "bypass $1",
             "$0-eq")
    h.toggle(512, top + 108, "eqdelta", 0, "EQ delta", "delta $1", "$0-eq")
    h.number(830, top + 30, "mbthr", 0, -60, 0, "low band threshold dB",
             "threshold 1 $1", "$0-mb")
    h.number(830, top + 56, "mbratio", 1, 1, 20, "low band ratio",
             "ratio 1 $1", "$0-mb")
    h.toggle(830, top + 82, "mbdelta", 0, "multiband delta", "delta $1",
             "$0-mb")
    # the low end against the whole (the master's left channel)
    cv = h.measure_cv
    x, y = h.measure_flow.take(200, 40)
    src = h.o(x, y, "r~ $0-L", cv)
    band_level(h, src, 0, [LOWBAND], "$0-m-low", cv)
    band_level(h, src, 0, [], "$0-m-all", cv)
    h.measure_flow.take(900, 10)
    h.compute(["$0-m-low", "$0-m-all"], "$f1 - $f2", "$0-m-boom")
    h.compute(["$0-c-lowdb", "$0-c-harshdb"], "max(abs($f1), abs($f2))",
              "$0-m-move")
    mbgr = stage_readings(h, "gr 1")
    y = top + 186
    h.readout(RIGHT, y, "$0-m-boom", "dB: the low end (under 150 Hz) "
              "against the whole master", width=6)
    h.bar(RIGHT + 110, y + 34, 420, 18, mbgr, 0, -12, hs.RED, "low band gr",
          [(0, "0"), (-6, "-6"), (-12, "-12 dB")])
    # the master's spectrum (spectrum~, tilted 4.5 dB/oct: music looks
    # flat), a copy clipped to the graph's floor
    x, yy = h.measure_flow.take(420, 60)
    sp = h.o(x, yy + 30, "spectrum~ -ch 2 -array $0-raw -tilt 4.5", cv)
    h.c(h.o(x, yy, "r~ $0-L", cv), 0, sp, 0, cv)
    h.c(h.o(x + 100, yy, "r~ $0-R", cv), 0, sp, 1, cv)
    mkhelp.clipped_copy(h, "$0-raw", "$0-spec", -80)
    h.graph(RIGHT + 110, y + 96, "$0-spec", 256, 420, 80, -80, -20,
            [(0, "20"), (1 / 3, "200"), (2 / 3, "2k"), (1, "20k Hz")],
            [(-20, "-20"), (-50, "-50"), (-80, "-80 dB")],
            title="the master's spectrum (tilt 4.5 dB/oct)")
    y += 96 + 80 + 24
    y = try_listen(h, RIGHT, y + 4,
                   "turn the low shelf down 3 dB and listen with EQ "
                   "delta on: that is the boom you removed. It is not "
                   "enough: let the multiband's low band take the rest "
                   "(threshold -30, ratio 3).",
                   "the kick coming through the bass again, the mix "
                   "tighter and not thinner. Boosting 3500 Hz makes the "
                   "voice harsh fast: the ear is most sensitive there.")
    h.criterion("$0-m-boom", BOOM_LO, BOOM_HI, "the low end is $1 dB "
                "against the whole - thin now: bring the shelf up",
                "the low end is $1 dB against the whole: balanced",
                "the low end is $1 dB against the whole - boomy: turn the "
                "low shelf down (or let the multiband's low band work)")
    h.criterion("$0-m-move", 0, 4, "", "your largest EQ move is $1 dB: "
                "gentle", "your largest EQ move is $1 dB - mastering moves "
                "are gentle: 4 dB at most")
    h.check_panel(RIGHT, None, "is the low end back in balance, with "
                  "gentle moves?")
    h.course_footer()
    return h


def monitor(h, x, y, name, text, build):
    """a stereo subpatch [pd name] (two inlets, two outlets) made by
    build(cv), placed at x y; returns its name"""
    cv = Canvas("#N canvas 200 120 760 460 %s 0;" % name)
    cv.text(20, 10, hs.esc(text) + ", f 100")
    build(cv)
    n = h.uid()
    h.cv.sub(n, x, y, name, cv)
    return n


def mono_switch(cv):
    """L R -> (with $0-c-mono) both sides M = (L+R)/2, crossfaded over
    20 ms; the input also to [s~ $0-iL] [s~ $0-iR]"""
    cv.obj("iL", 20, 60, "inlet~")
    cv.obj("iR", 200, 60, "inlet~")
    cv.obj("sL", 380, 60, "s~ $0-iL")
    cv.obj("sR", 480, 60, "s~ $0-iR")
    cv.c("iL", 0, "sL", 0)
    cv.c("iR", 0, "sR", 0)
    cv.obj("m", 110, 100, "+~")
    cv.obj("m2", 110, 130, "*~ 0.5")
    cv.c("iL", 0, "m", 0)
    cv.c("iR", 0, "m", 1)
    cv.chain("m", "m2")
    switch_to(cv, "m2", "mono", 380, 120, 200)


def switch_to(cv, alt, cname, xc, yc, y):
    """the inlets "iL" "iR" -> outlets, crossfaded (20 ms) to the signal
    of box `alt` on both sides while $0-c-<cname> is 1:
    out = in + (alt - in) * k"""
    cv.obj("rc", xc, yc, "r $0-c-" + cname)
    cv.msg("rm", xc, yc + 30, "$1 20")
    cv.obj("ln", xc, yc + 60, "line~")
    cv.chain("rc", "rm", "ln")
    for side, X in (("L", 20), ("R", 200)):
        cv.obj("d" + side, X, y, "-~")
        cv.c(alt, 0, "d" + side, 0)
        cv.c("i" + side, 0, "d" + side, 1)
        cv.obj("k" + side, X, y + 30, "*~")
        cv.c("d" + side, 0, "k" + side, 0)
        cv.c("ln", 0, "k" + side, 1)
        cv.obj("a" + side, X, y + 60, "+~")
        cv.c("i" + side, 0, "a" + side, 0)
        cv.c("k" + side, 0, "a" + side, 1)
        cv.obj("o" + side, X, y + 100, "outlet~")
        cv.c("a" + side, 0, "o" + side, 0)


GONIO_DOTS = 12


def goniometer(h, x, y, size):
    """a goniometer: the image's mid (up) against its side (across), as
    a trail of dots ([cnv] boxes moved by [pd draw] every 30 ms from
    snapshots of M = (L+R)/2 and S = (L-R)/2 of the image before the mono
    switch): a vertical line is mono, a round cloud wide, a horizontal
    spread out of phase"""
    h.o(x, y, "cnv 1 %d %d empty empty empty 8 12 0 13 %s %s 0"
        % (size, size, hs.BAR_BG, hs.FG))
    c = size // 2
    for k in range(GONIO_DOTS):
        h.o(x + c - 2, y + c - 2, "cnv 1 4 4 empty $0-dot%d empty 8 12 0 "
            "13 %s %s 0" % (k, hs.GREEN, hs.GREEN))
    h.t(x, y + size + 4, "goniometer:", 12)
    h.t(x, y + size + 20, "M up - S across", 16)
    cv = h.draw
    X, Y = h.draw_flow.take(680, 290)
    rL = h.o(X, Y, "r~ $0-iL", cv)
    rR = h.o(X + 100, Y, "r~ $0-iR", cv)
    m = h.o(X, Y + 40, "expr~ ($v1 + $v2) / 2", cv)
    sd = h.o(X + 200, Y + 40, "expr~ ($v1 - $v2) / 2", cv)
    for src, k in ((rL, 0), (rR, 1)):
        h.c(src, 0, m, k, cv)
        h.c(src, 0, sd, k, cv)
    lb = h.o(X + 380, Y, "loadbang", cv)
    met = h.o(X + 380, Y + 30, "metro 30", cv)
    h.c(lb, 0, met, 0, cv)
    sm = h.o(X, Y + 80, "snapshot~", cv)
    ss = h.o(X + 200, Y + 80, "snapshot~", cv)
    h.c(m, 0, sm, 0, cv)
    h.c(sd, 0, ss, 0, cv)
    t = h.o(X + 380, Y + 60, "t b b b", cv)
    h.c(met, 0, t, 0, cv)
    # S first (cold), then the dot's name, then M (hot)
    h.c(t, 2, ss, 0, cv)
    h.c(t, 0, sm, 0, cv)
    pk = h.o(X, Y + 120, "pack f f", cv)
    h.c(ss, 0, pk, 1, cv)
    h.c(sm, 0, pk, 0, cv)
    ex = h.o(X, Y + 160, "expr %d + max(-%d, min(%d, $f2 * %d)) \\; %d - "
             "max(-%d, min(%d, $f1 * %d)), f 92"
             % (x + c - 2, c - 2, c - 2, 2 * size, y + c - 2, c - 2, c - 2,
                2 * size), cv)
    h.c(pk, 0, ex, 0, cv)
    py = h.o(X, Y + 200, "pack f f", cv)
    h.c(ex, 1, py, 1, cv)
    h.c(ex, 0, py, 0, cv)
    mm = h.m(X, Y + 230, "pos $1 $2", cv)
    h.c(py, 0, mm, 0, cv)
    snd = h.o(X, Y + 260, "send", cv)
    h.c(mm, 0, snd, 0, cv)
    # the next dot, in turn
    cnt = h.o(X + 380, Y + 100, "f", cv)
    inc = h.o(X + 420, Y + 100, "+ 1", cv)
    md = h.o(X + 420, Y + 130, "mod %d" % GONIO_DOTS, cv)
    h.c(t, 1, cnt, 0, cv)
    h.c(cnt, 0, inc, 0, cv)
    h.c(inc, 0, md, 0, cv)
    h.c(md, 0, cnt, 1, cv)
    name = h.o(X + 500, Y + 100, "makefilename $0-dot%d", cv)
    h.c(cnt, 0, name, 0, cv)
    h.c(name, 0, snd, 1, cv)


def lesson_stereo():
    h = Lesson(9, "09-stereo-and-mono", "stereo image and mono "
               "compatibility")
    h.course_header(["imager~", "loudness~", "mastering~"])
    h.intro("Width is the difference between left and right. Made wider "
            "in mastering it sounds big on headphones, but a phone, a club "
            "or a radio sums the two sides to mono: whatever is out of "
            "phase cancels. The correlation meter shows it: +1 is mono, 0 "
            "wide, below 0 parts vanish in mono. Keep the bass mono. Here "
            "the image starts at width 180.")
    yb = h.transport(30, 178)
    im, yb = mastered(h, yb + 4, "imager~ -width 180, f 20", "$0-im")
    mono = monitor(h, 100, yb + 34, "mono-check", "Listen in mono: both "
                   "sides get M = (L+R)/2 (what a phone plays). The meters "
                   "of the lesson read the image before this switch.",
                   mono_switch)
    h.c(im, 0, mono, 0)
    h.c(im, 1, mono, 1)
    h.c(im, 2, h.o(300, yb, "s $0-info"), 0)
    h.out((mono, 0), (mono, 1), yb + 68)
    top = 58
    h.panel(RIGHT, top, 710, 140, "the image (imager~)")
    h.number(512, top + 30, "width", 180, 0, 200, "width %", "width $1",
             "$0-im")
    h.number(512, top + 56, "monobass", 0, 0, 500, "mono bass below Hz "
             "(0 = off)", "monobass $1", "$0-im")
    h.toggle(512, top + 82, "bypass", 0, "bypass", "bypass $1", "$0-im")
    h.toggle(512, top + 108, "delta", 0, "delta (what the imager "
             "changes)", "delta $1", "$0-im")
    h.toggle(860, top + 30, "mono", 0, "listen in mono", "", "",
             route=False)
    corr = stage_readings(h, "correlation")
    h.hold(corr, "$0-m-corr", mode="min", init=1)
    cv = h.measure_cv
    x, y = h.measure_flow.take(420, 60)
    rL = h.o(x, y, "r~ $0-iL", cv)
    rR = h.o(x + 100, y, "r~ $0-iR", cv)
    sm = h.o(x, y + 30, "+~", cv)
    h.c(rL, 0, sm, 0, cv)
    h.c(rR, 0, sm, 1, cv)
    half = h.o(x + 200, y + 30, "*~ 0.5", cv)
    h.c(sm, 0, half, 0, cv)
    band_level(h, half, 0, [], "$0-m-mid", cv)
    band_level(h, rL, 0, [], "$0-m-left", cv)
    band_level(h, rR, 0, [], "$0-m-right", cv)
    h.measure_flow.take(900, 10)
    h.compute(["$0-m-mid", "$0-m-left", "$0-m-right"],
              "$f1 - max($f2, $f3)", "$0-m-monoloss")
    y = top + 166
    h.bar(RIGHT + 110, y, 420, 18, corr, -1, 1, hs.GREEN, "correlation",
          [(-1, "-1"), (0, "0"), (1, "+1")])
    h.readout(RIGHT, y + 44, "$0-m-monoloss", "dB: what the mix loses "
              "summed to mono (since the last check)", width=6)
    goniometer(h, 1090, y - 20, 120)
    y = output_bars(h, RIGHT, y + 84, "$0-o-samplepeak")
    y = try_listen(h, RIGHT, y + 4,
                   "switch listen in mono on and off at width 180, then "
                   "at 100; set mono bass to 120 Hz; try width 200 and "
                   "watch the correlation go under 0.",
                   "in mono at width 180 the pad and the reverb thin out "
                   "and the mix drops in level; at 100 the mono and "
                   "stereo versions sound like the same record.")
    h.criterion("$0-m-corr", 0, 1, "the correlation went down to $1 - "
                "parts cancel in mono: narrow the image",
                "the correlation stayed at $1 or above: mono-safe", "")
    h.criterion("$0-m-monoloss", -2, 3, "summed to mono the mix changes "
                "by $1 dB - it is too wide: bring the width towards 100",
                "summed to mono the mix changes by $1 dB: it holds "
                "together", "")
    h.check_panel(RIGHT, None, "does the master survive being summed "
                  "to mono?")
    h.course_footer()
    return h


def streaming(cv):
    """loudness normalisation as a streaming service does it: a
    loudness~ (target -14) on the input, its `gain` applied (ramped)
    while $0-c-norm is on"""
    cv.obj("iL", 20, 60, "inlet~")
    cv.obj("iR", 200, 60, "inlet~")
    cv.obj("ld", 380, 100, "loudness~ -ch 2 -target -14 -interval 100")
    cv.c("iL", 0, "ld", 0)
    cv.c("iR", 0, "ld", 1)
    cv.obj("rg", 380, 140, "route gain")
    cv.obj("sg", 560, 170, "s $0-i-sgain")
    cv.chain("ld", "rg")
    cv.c("rg", 0, "sg", 0)
    cv.obj("rn", 380, 200, "r $0-c-norm")
    cv.obj("ex", 380, 260, "expr if($f1 != 0 \\, min($f2 \\, 12) \\, 0)")
    cv.obj("tn", 380, 230, "t b f")
    cv.chain("rn", "tn")
    cv.c("tn", 1, "ex", 0)
    cv.c("rg", 0, "ex", 1)
    cv.obj("db", 380, 290, "+ 100")
    cv.obj("rms", 380, 320, "dbtorms")
    cv.msg("rm", 380, 350, "$1 200")
    cv.obj("ln", 380, 380, "line~")
    cv.chain("ex", "db", "rms", "rm", "ln")
    cv.obj("rr", 600, 200, "r $0-restart")
    cv.msg("rs", 600, 230, "reset")
    cv.chain("rr", "rs")
    cv.c("rs", 0, "ld", 0)
    for side, X in (("L", 20), ("R", 200)):
        cv.obj("m" + side, X, 300, "*~")
        cv.c("i" + side, 0, "m" + side, 0)
        cv.c("ln", 0, "m" + side, 1)
        cv.obj("o" + side, X, 420, "outlet~")
        cv.c("m" + side, 0, "o" + side, 0)


def lesson_loudness():
    h = Lesson(10, "10-loudness-war", "loudness, true peak and the "
               "loudness war")
    h.course_header(["limiter~", "loudness~", "ab~"])
    h.intro("Loudness is measured in LUFS (integrated: the whole song), "
            "its range in LU (LRA), peaks in dBTP (true peak, between the "
            "samples). PLR = true peak - loudness: how much the peaks "
            "stand out. Pushing a limiter makes a master louder and its "
            "PLR smaller. Streaming services turn every song to about -14 "
            "LUFS: the squashed master comes back quieter-sounding and "
            "flatter. Switch normalisation on and hear it.")
    yb = h.transport(30, 178)
    lim, yb = mastered(h, yb + 4, "limiter~ -ch 2, f 20", "$0-lim")
    nm = monitor(h, 100, yb + 34, "streaming", "A streaming service's "
                 "normalisation: measured loudness (integrated, since the "
                 "last check) turned to -14 LUFS while the switch is on "
                 "(up by 12 dB at most).", streaming)
    h.c(lim, 0, nm, 0)
    h.c(lim, 1, nm, 1)
    h.c(lim, 2, h.o(300, yb, "s $0-info"), 0)
    h.out((nm, 0), (nm, 1), yb + 68)
    top = 58
    h.panel(RIGHT, top, 710, 140, "the limiter (ceiling -1 dBTP) and the "
            "listener's streaming service")
    h.number(512, top + 30, "input", 0, -24, 24, "limiter input dB",
             "input $1", "$0-lim")
    h.toggle(512, top + 56, "ldelta", 0, "limiter delta", "delta $1",
             "$0-lim")
    h.toggle(512, top + 82, "norm", 0, "streaming normalisation to -14 "
             "LUFS (the listener's app)", "", "", route=False)
    gr = stage_readings(h, "gr")
    h.compute(["$0-i-sgain"], "$f1", "$0-m-sgain")
    y = top + 166
    for k, (src, unit, label) in enumerate((
            ("$0-o-integrated", "LUFS", "integrated"),
            ("$0-o-truepeak", "dBTP", "true peak"),
            ("$0-o-plr", "LU", "PLR"), ("$0-o-lra", "LU", "LRA"),
            ("$0-m-sgain", "dB", "streaming"))):
        h.readout(RIGHT + 140 * k, y + 20, src, unit, width=5,
                  label=label)
    h.bar(RIGHT + 110, y + 60, 420, 18, gr, 0, -12, hs.RED, "limiter gr",
          [(0, "0"), (-6, "-6"), (-12, "-12 dB")])
    y = output_bars(h, RIGHT, y + 104, "$0-o-samplepeak")
    y = try_listen(h, RIGHT, y + 4,
                   "push the limiter's input to +14 dB and watch PLR and "
                   "the gain reduction; then switch streaming "
                   "normalisation on and compare input +4 with +14.",
                   "without normalisation +14 wins by being louder; with "
                   "it, both play at -14 and the +14 master has lost its "
                   "kick and snare: flatter, smaller. ab~ makes the same "
                   "comparison at equal loudness.")
    h.criterion("$0-o-plr", 10, 40, "PLR $1 LU - squashed: the peaks "
                "hardly stand out any more; back off the limiter",
                "PLR $1 LU: the master keeps its dynamics", "")
    h.criterion("$0-m-sgain", -2, 40, "streaming would change this master "
                "by $1 dB - the loudness you bought with limiting is "
                "taken back", "streaming changes this master by $1 dB: "
                "nothing lost", "")
    h.check_panel(RIGHT, None, "does the master keep its dynamics, for a "
                  "world that normalises loudness?")
    h.course_footer()
    return h


DESTINATIONS = (("streaming", -14, -1), ("apple", -16, -1),
                ("ebu", -23, -1), ("cd", -9, -0.3))


def fade_test(cv):
    """L R in; while $0-c-fade is on, a 440 Hz sine fading from -6 to -66
    dBFS over 6 s (again and again) replaces them: truncation to few
    bits turns its quiet end into distortion"""
    cv.obj("iL", 20, 60, "inlet~")
    cv.obj("iR", 200, 60, "inlet~")
    cv.obj("lb", 380, 60, "loadbang")
    cv.obj("met", 380, 90, "metro 6500")
    cv.msg("env", 380, 120, "0.5 \\, 0.0005 6000")
    cv.obj("vl", 380, 150, "vline~")
    cv.obj("osc", 500, 150, "osc~ 440")
    cv.obj("mul", 380, 180, "*~")
    cv.chain("lb", "met", "env", "vl")
    cv.c("vl", 0, "mul", 0)
    cv.c("osc", 0, "mul", 1)
    switch_to(cv, "mul", "fade", 560, 60, 220)


def lesson_delivery():
    h = Lesson(11, "11-delivery", "delivery: targets, word length and "
               "dither")
    h.course_header(["dither~", "limiter~", "mastering~"])
    h.intro("Each destination has its target: streaming -14 LUFS at -1 "
            "dBTP, Apple -16, broadcast (EBU R128) -23, a loud CD about "
            "-9 at -0.3. A file of fewer bits rounds every sample: "
            "truncation turns a quiet fade into distortion, TPDF dither "
            "turns it into a steady hiss, noise shaping moves the hiss "
            "where the ear hears least. Dither comes last, once.")
    yb = h.transport(30, 178)
    lim, yb = mastered(h, yb + 4, "limiter~ -ch 2, f 20", "$0-lim")
    ft = monitor(h, 100, yb + 34, "fade-test", "The fade test: while it "
                 "is on, a 440 Hz sine fading from -6 to -66 dBFS over 6 s "
                 "replaces the master.", fade_test)
    h.c(lim, 0, ft, 0)
    h.c(lim, 1, ft, 1)
    h.c(lim, 2, h.o(300, yb, "s $0-info"), 0)
    dth = h.o(100, yb + 64, "dither~ -ch 2 -bits 24, f 24")
    h.c(ft, 0, dth, 0)
    h.c(ft, 1, dth, 1)
    h.c(h.o(30, yb + 64, "r $0-dth"), 0, dth, 0)
    h.out((dth, 0), (dth, 1), yb + 98)
    top = 58
    h.panel(RIGHT, top, 710, 170, "the destination - the limiter - the "
            "word length")
    h.t(512, top + 30, "destination", 12)
    h.choice(512, top + 50, "dest", [d[0] for d in DESTINATIONS],
             "streaming", "", "", route=False)
    for k, (d, t, c) in enumerate(DESTINATIONS):
        h.t(614, top + 51 + 18 * k, "%g LUFS %g dBTP" % (t, c), 18)
    h.number(760, top + 30, "input", 0, -24, 24, "limiter input dB",
             "input $1", "$0-lim")
    h.number(760, top + 56, "ceiling", -1, -24, 0, "ceiling dBTP",
             "ceiling $1", "$0-lim")
    h.number(760, top + 82, "bits", 24, 2, 24, "bits", "bits $1", "$0-dth")
    h.t(1060, top + 30, "dither type", 12)
    h.choice(1060, top + 50, "type", ["none", "tpdf"], "tpdf", "type $1",
             "$0-dth")
    h.t(1060, top + 96, "shape", 6)
    h.choice(1060, top + 116, "shape", ["off", "fweighted"], "off",
             "shape $1", "$0-dth")
    h.toggle(760, top + 108, "fade", 0, "the fade test", "", "",
             route=False)
    h.toggle(760, top + 134, "ddelta", 0, "dither delta (the error)",
             "delta $1", "$0-dth")
    # the figures against the destination's target and ceiling
    targets = " + ".join("($f2 == %d) * %g" % (k, t) for k, (d, t, c) in
                         enumerate(DESTINATIONS))
    ceilings = " + ".join("($f2 == %d) * %g" % (k, c) for k, (d, t, c) in
                          enumerate(DESTINATIONS))
    h.compute(["$0-o-integrated", "$0-c-dest"], "$f1 - (%s)" % targets,
              "$0-m-off", hot=False)
    h.compute(["$0-o-truepeak", "$0-c-dest"], "$f1 - (%s)" % ceilings,
              "$0-m-over", hot=False)
    gr = stage_readings(h, "gr")
    y = top + 196
    for k, (src, unit, label) in enumerate((
            ("$0-o-integrated", "LUFS", "integrated"),
            ("$0-o-truepeak", "dBTP", "true peak"),
            ("$0-m-off", "LU", "off target"),
            ("$0-m-over", "dB", "over the ceiling"))):
        h.readout(RIGHT + 160 * k, y + 20, src, unit, width=5, label=label)
    h.bar(RIGHT + 110, y + 60, 420, 18, gr, 0, -12, hs.RED, "limiter gr",
          [(0, "0"), (-6, "-6"), (-12, "-12 dB")])
    y = try_listen(h, RIGHT, y + 100,
                   "pick a destination and set the limiter's input until "
                   "the integrated loudness meets it. Then the fade test "
                   "at 8 bits: type none, then tpdf, then shape "
                   "fweighted (turn the volume up for the quiet end).",
                   "at 8 bits without dither the end of the fade turns "
                   "into a buzz that follows the tone: truncation "
                   "distortion. TPDF trades it for a steady hiss; shaped, "
                   "the hiss is quieter where the ear is keenest.")
    h.criterion("$0-m-off", -1, 1, "the master is $1 LU under the "
                "destination's target: raise the limiter's input",
                "the master is $1 LU from the destination's target: on "
                "target", "the master is $1 LU over the destination's "
                "target: lower the limiter's input")
    h.criterion("$0-m-over", -30, 0.1, "", "the true peak is $1 dB from "
                "the destination's ceiling: under it",
                "the true peak is $1 dB over the destination's ceiling - "
                "set the limiter's ceiling to it")
    h.check_panel(RIGHT, None, "does the master meet its destination's "
                  "loudness and true peak?")
    h.course_footer()
    return h


def album(cv):
    """two songs in sequence: the single (the lesson's mix, from the
    inlets) and a ballad (pad, lead and voice of a second demosong~),
    8 s each, with a gap and a crossfade; each one's loudness measured
    before the sequence (to $0-i-l1, $0-i-l2)"""
    cv.obj("iL", 20, 60, "inlet~")
    cv.obj("iR", 120, 60, "inlet~")
    cv.obj("rs", 240, 60, "r $0-song")
    cv.obj("sg", 240, 90, "demosong~ -loop 1, f 60")
    cv.c("rs", 0, "sg", 0)
    for side in (0, 1):
        acc = None
        for k, (outlet, g) in enumerate(((8, 0.7), (10, 0.6), (12, 1.0))):
            m = "b%d%d" % (side, k)
            cv.obj(m, 240 + 120 * k + 60 * side, 130 + 30 * side,
                   "*~ %g" % g)
            cv.c("sg", outlet + side, m, 0)
            if acc is None:
                acc = m
            else:
                a = "s%d%d" % (side, k)
                cv.obj(a, 240 + 120 * k + 60 * side, 200 + 30 * side, "+~")
                cv.c(acc, 0, a, 0)
                cv.c(m, 0, a, 1)
                acc = a
        cv.obj("g2%d" % side, 240 + 60 * side, 270, "*~")
        cv.c(acc, 0, "g2%d" % side, 0)
    cv.obj("rg", 600, 200, "r $0-c-gain2")
    cv.obj("gd", 600, 230, "+ 100")
    cv.obj("gr", 600, 260, "dbtorms")
    cv.msg("gm", 600, 290, "$1 20")
    cv.obj("gl", 600, 320, "line~")
    cv.chain("rg", "gd", "gr", "gm", "gl")
    cv.c("gl", 0, "g20", 1)
    cv.c("gl", 0, "g21", 1)
    # each song's loudness, always (not only while it plays)
    cv.obj("l1", 20, 360, "loudness~ -ch 2 -interval 100")
    cv.c("iL", 0, "l1", 0)
    cv.c("iR", 0, "l1", 1)
    cv.obj("l2", 240, 400, "loudness~ -ch 2 -interval 100")
    cv.c("g20", 0, "l2", 0)
    cv.c("g21", 0, "l2", 1)
    for k, l in enumerate(("l1", "l2")):
        r = "ri%d" % k
        cv.obj(r, 20 + 220 * k, 440, "route integrated")
        cv.c(l, 0, r, 0)
        cv.obj("si%d" % k, 20 + 220 * k, 470, "s $0-i-l%d" % (k + 1))
        cv.c(r, 0, "si%d" % k, 0)
    cv.obj("rr", 600, 360, "r $0-restart")
    cv.msg("rst", 600, 390, "reset")
    cv.chain("rr", "rst")
    cv.c("rst", 0, "l1", 0)
    cv.c("rst", 0, "l2", 0)
    # the sequence: every 8 s the other song; the one that starts waits
    # for the gap, both move over the crossfade time
    cv.obj("lb", 700, 60, "loadbang")
    cv.obj("met", 700, 90, "metro 8000")
    cv.obj("st", 700, 120, "f")
    cv.obj("nx", 740, 120, "== 0")
    cv.chain("lb", "met", "st", "nx")
    cv.c("nx", 0, "st", 1)
    cv.obj("sel", 700, 150, "sel 0 1")
    cv.c("st", 0, "sel", 0)
    cv.obj("rx", 860, 60, "r $0-c-xfade")
    cv.obj("rgap", 960, 60, "r $0-c-gap")
    for k, (on, off) in enumerate((("e1", "e2"), ("e2", "e1"))):
        X = 700 + 160 * k
        cv.obj("t%d" % k, X, 180, "t b b")
        cv.c("sel", k, "t%d" % k, 0)
        cv.msg("off%d" % k, X + 100, 210, "0")
        cv.obj("d%d" % k, X, 210, "delay 2000")
        cv.c("rgap", 0, "d%d" % k, 1)
        cv.msg("on%d" % k, X, 240, "1")
        cv.c("t%d" % k, 1, "off%d" % k, 0)
        cv.c("t%d" % k, 0, "d%d" % k, 0)
        cv.c("d%d" % k, 0, "on%d" % k, 0)
    for k, e in enumerate(("e1", "e2")):
        X = 700 + 160 * k
        cv.obj("pk" + e, X, 290, "pack f 0")
        cv.c("rx", 0, "pk" + e, 1)
        cv.obj("ln" + e, X, 320, "line~")
        cv.c("pk" + e, 0, "ln" + e, 0)
    # on0 starts song 1 (e1) and off0 stops song 2 (e2), and the other way
    cv.c("on0", 0, "pke1", 0)
    cv.c("off0", 0, "pke2", 0)
    cv.c("on1", 0, "pke2", 0)
    cv.c("off1", 0, "pke1", 0)
    for side, X in (("L", 20), ("R", 120)):
        cv.obj("x1" + side, X, 520, "*~")
        cv.obj("x2" + side, X + 240, 520, "*~")
        cv.c("i" + side, 0, "x1" + side, 0)
        cv.c("lne1", 0, "x1" + side, 1)
        cv.c("g2" + ("0" if side == "L" else "1"), 0, "x2" + side, 0)
        cv.c("lne2", 0, "x2" + side, 1)
        cv.obj("mx" + side, X, 560, "+~")
        cv.c("x1" + side, 0, "mx" + side, 0)
        cv.c("x2" + side, 0, "mx" + side, 1)
        cv.obj("o" + side, X, 600, "outlet~")
        cv.c("mx" + side, 0, "o" + side, 0)
    cv.header = "#N canvas 120 80 1100 640 album 0;"


def vinyl(cv):
    """L R -> with $0-c-vinyl on: what a vinyl cut asks of a master:
    mono bass (imager~ monobass 150), sibilance tamed (eq~ high shelf
    -4 dB at 6 kHz), 3 dB less loudness; off: imager~ and eq~ at rest
    (their outputs are their inputs) and unity gain"""
    cv.obj("iL", 20, 60, "inlet~")
    cv.obj("iR", 200, 60, "inlet~")
    cv.obj("im", 20, 120, "imager~")
    cv.obj("eq", 20, 170, "eq~ -ch 2 -bands 1")
    cv.c("iL", 0, "im", 0)
    cv.c("iR", 0, "im", 1)
    cv.c("im", 0, "eq", 0)
    cv.c("im", 1, "eq", 1)
    cv.obj("r", 380, 60, "r $0-c-vinyl")
    cv.obj("sel", 380, 90, "sel 0 1")
    cv.chain("r", "sel")
    cv.msg("off", 380, 130, "monobass 0")
    cv.msg("on", 500, 130, "monobass 150")
    cv.msg("eoff", 380, 160, "band 1 off")
    cv.msg("eon", 500, 160, "band 1 highshelf 6000 -4 0.7")
    cv.msg("goff", 380, 190, "1 50")
    cv.msg("gon", 500, 190, "0.708 50")
    for k, (a, b, c) in enumerate((("off", "eoff", "goff"),
                                   ("on", "eon", "gon"))):
        for m in (a, b, c):
            cv.c("sel", k, m, 0)
    cv.c("off", 0, "im", 0)
    cv.c("on", 0, "im", 0)
    cv.c("eoff", 0, "eq", 0)
    cv.c("eon", 0, "eq", 0)
    cv.obj("ln", 380, 230, "line~")
    cv.c("goff", 0, "ln", 0)
    cv.c("gon", 0, "ln", 0)
    for side, X, o in (("L", 20, 0), ("R", 200, 1)):
        cv.obj("g" + side, X, 270, "*~")
        cv.c("eq", o, "g" + side, 0)
        cv.c("ln", 0, "g" + side, 1)
        cv.obj("o" + side, X, 320, "outlet~")
        cv.c("g" + side, 0, "o" + side, 0)
    cv.msg("one", 600, 230, "1")
    cv.obj("lb", 600, 200, "loadbang")
    cv.chain("lb", "one")
    cv.c("one", 0, "ln", 0)


def lesson_album():
    h = Lesson(12, "12-album-and-formats", "an album, and other formats")
    h.course_header(["loudness~", "mastering~", "imager~"])
    h.intro("An album is mastered as a whole: the songs follow each other "
            "with a gap or a crossfade, and their loudness relative to "
            "each other is part of the music - a ballad is quieter than "
            "the single. Album normalisation keeps that; track "
            "normalisation (every song at -14) loses it. Vinyl asks for "
            "mono bass, tamed sibilance and less loudness. Here the ballad "
            "starts as loud as the single.")
    yb = h.transport(30, 178)
    song, mx, yb = h.song_and_mixer(yb + 4, info=False)
    alb = monitor(h, 100, yb + 30, "album", "The album: the single (the "
                  "mix, from the left inlets) and a ballad (pad, lead and "
                  "voice of the same song), 8 s each in turn.", album)
    h.c(mx, 0, alb, 0)
    h.c(mx, 1, alb, 1)
    h.t(210, yb + 31, "the single, then a ballad, 8 s each", 36)
    vy = monitor(h, 100, yb + 64, "vinyl", "Vinyl: mono bass under 150 Hz, "
                 "-4 dB above 6 kHz, 3 dB less loudness (with $0-c-vinyl).",
                 vinyl)
    h.c(alb, 0, vy, 0)
    h.c(alb, 1, vy, 1)
    h.out((vy, 0), (vy, 1), yb + 98)
    top = 58
    h.panel(RIGHT, top, 710, 120, "the sequence: the ballad's gain - the "
            "gap - the crossfade")
    h.number(512, top + 30, "gain2", 3, -24, 24, "the ballad's gain dB",
             "", "", route=False)
    h.number(512, top + 56, "gap", 2000, 0, 8000, "gap ms (silence "
             "before the next song)", "", "", route=False)
    h.number(512, top + 82, "xfade", 0, 0, 4000, "crossfade ms", "", "",
             route=False)
    # (an IEM label cannot hold a comma)
    h.toggle(840, top + 30, "vinyl", 0, "for vinyl: mono bass - softer "
             "highs - 3 dB less", "", "", route=False)
    h.compute(["$0-i-l2", "$0-i-l1"], "$f1 - $f2", "$0-m-rel")
    y = top + 146
    h.readout(RIGHT, y + 20, "$0-i-l1", "LUFS", width=5, label="the single")
    h.readout(RIGHT + 160, y + 20, "$0-i-l2", "LUFS", width=5,
              label="the ballad")
    h.readout(RIGHT + 320, y + 20, "$0-m-rel", "LU", width=5,
              label="ballad - single")
    y = output_bars(h, RIGHT, y + 70, "$0-o-samplepeak")
    y = try_listen(h, RIGHT, y + 4,
                   "bring the ballad's gain down until it sits 2 to 6 LU "
                   "under the single; try a gap of 0 with a crossfade of "
                   "3000 ms, then a gap of 2000 with none.",
                   "at the same loudness the ballad sounds pushed, as "
                   "loud as the single; a little quieter it sounds "
                   "intimate, as it should. A crossfade joins the two "
                   "songs, a gap lets the first one end. For vinyl: "
                   "the bass in the middle, the s softer.")
    h.criterion("$0-m-rel", -6, -2, "the ballad is $1 LU against the "
                "single - too quiet: the listener reaches for the volume",
                "the ballad is $1 LU against the single: it keeps its "
                "place on the album",
                "the ballad is $1 LU against the single - as loud as the "
                "single, it loses its intimacy: bring it down")
    h.check_panel(RIGHT, None, "does the ballad sit 2 to 6 LU under the "
                  "single?")
    h.course_footer()
    return h


def performer(cv):
    """the band plays on: the mix, with the performer's level jumping
    between loud (0 dB) and quiet (-20 dB) every 10 s"""
    cv.obj("iL", 20, 60, "inlet~")
    cv.obj("iR", 200, 60, "inlet~")
    cv.obj("lb", 380, 60, "loadbang")
    cv.obj("met", 380, 90, "metro 10000")
    cv.obj("f", 380, 120, "f")
    cv.obj("nx", 420, 120, "== 0")
    cv.chain("lb", "met", "f", "nx")
    cv.c("nx", 0, "f", 1)
    cv.obj("ex", 380, 150, "expr if($f1 \\, 0.1 \\, 1)")
    cv.msg("rm", 380, 180, "$1 500")
    cv.obj("ln", 380, 210, "line~")
    cv.chain("f", "ex", "rm", "ln")
    for side, X in (("L", 20), ("R", 200)):
        cv.obj("m" + side, X, 250, "*~")
        cv.c("i" + side, 0, "m" + side, 0)
        cv.c("ln", 0, "m" + side, 1)
        cv.obj("o" + side, X, 300, "outlet~")
        cv.c("m" + side, 0, "o" + side, 0)


def lesson_live():
    h = Lesson(13, "13-live", "live: automatic mastering, hands off")
    h.course_header(["livemaster~", "leveler~", "limiter~"])
    h.intro("Live, nobody can master each song: livemaster~ rides the "
            "level toward a loudness target like a hand on the fader, "
            "glues with a gentle multiband and keeps true peaks under the "
            "ceiling. Here the band plays on, jumping between loud and 20 "
            "dB quieter every 10 s. Keep your hands off and watch the "
            "short-term loudness hold near the target; bypass it to hear "
            "the raw performance.")
    yb = h.transport(30, 178)
    song, mx, yb = h.song_and_mixer(yb + 4, info=False)
    pf = monitor(h, 100, yb + 30, "performer", "The performance: the mix, "
                 "loud and 20 dB quieter in turn, every 10 s.", performer)
    h.c(mx, 0, pf, 0)
    h.c(mx, 1, pf, 1)
    lm = h.o(100, yb + 64, "livemaster~ -target -16 -ceiling -1, f 38")
    h.c(pf, 0, lm, 0)
    h.c(pf, 1, lm, 1)
    h.c(h.o(30, yb + 64, "r $0-lm"), 0, lm, 0)
    h.c(lm, 2, h.o(400, yb + 64, "s $0-info"), 0)
    h.out((lm, 0), (lm, 1), yb + 98)
    top = 58
    h.panel(RIGHT, top, 710, 120, "livemaster~: set it - then hands off")
    h.number(512, top + 30, "target", -16, -40, -5, "target LUFS",
             "target $1", "$0-lm")
    h.toggle(512, top + 56, "bypass", 0, "bypass (the raw performance)",
             "bypass $1", "$0-lm")
    h.toggle(512, top + 82, "freeze", 0, "freeze the leveler",
             "freeze $1", "$0-lm")
    h.t(860, top + 30, "character", 10)
    h.choice(860, top + 50, "character", ["gentle", "medium", "firm"],
             "gentle", "character $1", "$0-lm")
    lg = stage_readings(h, "leveler gain")
    h.compute(["$0-o-shortterm", "$0-c-target"],
              "if($f1 > -70, abs($f1 - $f2), -1)", "$0-m-devnow", hot=False)
    cv = h.measure_cv
    x, y = h.measure_flow.take(200, 90)
    r = h.o(x, y, "r $0-m-devnow", cv)
    mo = h.o(x, y + 30, "moses 0", cv)
    h.c(r, 0, mo, 0, cv)
    h.c(mo, 1, h.o(x, y + 60, "s $0-m-devok", cv), 0, cv)
    h.average("$0-m-devok", "$0-m-dev")
    y = top + 146
    h.bar(RIGHT + 110, y, 420, 18, "$0-o-shortterm", -40, 0, hs.BLUE,
          "short-term", [(-40, "-40"), (-30, "-30"), (-20, "-20"),
                         (-10, "-10"), (0, "0 LUFS")])
    h.marker(RIGHT + 110, y, 420, 18, "$0-c-target", -40, 0, "target",
             initial=-16)
    h.bar(RIGHT + 110, y + 44, 420, 18, lg, -24, 24, hs.GREEN,
          "leveler gain", [(-24, "-24"), (0, "0"), (24, "+24 dB")])
    h.readout(RIGHT, y + 90, "$0-m-dev", "LU: the short-term loudness's "
              "average distance from the target", width=5)
    h.readout(RIGHT, y + 116, "$0-o-truepeak", "dBTP: the true peak",
              width=5)
    y = try_listen(h, RIGHT, y + 150,
                   "let it play for 30 s, check; then bypass it for 30 s "
                   "and check again. Try target -23 (broadcast) and "
                   "character firm.",
                   "the jumps of the performance turned into slow, small "
                   "moves: the quiet part comes up over a few seconds, a "
                   "loud entry is caught at once by the limiter and "
                   "settled by the leveler.")
    h.criterion("$0-m-dev", 0, 3, "", "the short-term loudness stayed on "
                "average $1 LU from the target: hands off works",
                "the short-term loudness was on average $1 LU from the "
                "target - switch livemaster~ in (bypass off)")
    h.criterion("$0-o-truepeak", -60, -0.9, "", "true peak $1 dBTP: under "
                "the ceiling", "true peak $1 dBTP - over the -1 dBTP "
                "ceiling: a live stream distorts there")
    h.check_panel(RIGHT, None, "does the level hold near the target, "
                  "hands off?")
    h.course_footer()
    return h


# ---- the ear-training drills -----------------------------------------------------

def pink(cv):
    """pink noise (white noise~ through three one-pole filters, after
    Paul Kellet's economy pinking filter), about -20 dBFS RMS, the same
    on both sides; while $0-c-play is off, silence"""
    cv.obj("n", 20, 60, "noise~")
    acc = None
    for k, (pole, g) in enumerate(((0.99765, 0.0990460),
                                   (0.96300, 0.2965164),
                                   (0.57000, 1.0526913))):
        X = 20 + 120 * k
        cv.obj("g%d" % k, X, 100, "*~ %g" % g)
        cv.obj("p%d" % k, X, 130, "rpole~ %g" % pole)
        cv.c("n", 0, "g%d" % k, 0)
        cv.c("g%d" % k, 0, "p%d" % k, 0)
    cv.obj("w", 380, 100, "*~ 0.1848")
    cv.c("n", 0, "w", 0)
    cv.obj("a1", 20, 170, "+~")
    cv.obj("a2", 20, 200, "+~")
    cv.obj("a3", 20, 230, "+~")
    cv.c("p0", 0, "a1", 0)
    cv.c("p1", 0, "a1", 1)
    cv.c("a1", 0, "a2", 0)
    cv.c("p2", 0, "a2", 1)
    cv.c("a2", 0, "a3", 0)
    cv.c("w", 0, "a3", 1)
    cv.obj("lvl", 20, 260, "*~")
    cv.c("a3", 0, "lvl", 0)
    cv.obj("rp", 200, 200, "r $0-c-play")
    cv.obj("db", 200, 230, "* 0.05")
    cv.msg("rm", 200, 260, "$1 50")
    cv.obj("ln", 200, 290, "line~")
    cv.chain("rp", "db", "rm", "ln")
    cv.c("ln", 0, "lvl", 1)
    cv.obj("oL", 20, 330, "outlet~")
    cv.obj("oR", 120, 330, "outlet~")
    cv.c("lvl", 0, "oL", 0)
    cv.c("lvl", 0, "oR", 0)


class Drill(Lesson):
    """an ear-training drill: a hidden change picked by a seeded [random],
    the student's answer, a score and a level (3 right answers a level)"""

    def __init__(self, num, slug, title, options, levels=1):
        Lesson.__init__(self, num, slug, title)
        self.options, self.levels = options, levels
        self.quiz = Canvas("#N canvas 240 100 1200 760 quiz 0;")

    def panel_quiz(self, x, y, compare):
        """the drill's controls: seed, new question, compare (a toggle or
        nothing), the answer radio, answer; the score and the verdict.
        Returns the bottom."""
        h = 250 + 18 * len(self.options)
        self.panel(x, y, 710, h, "the drill: new question - listen - "
                   "answer")
        self.number(x + 12, y + 30, "seed", 1, 0, 100000, "seed (the same "
                    "seed gives the same questions)", "", "", route=False)
        self.o(x + 12, y + 58, "bng 18 250 50 0 $0-new empty new\\ question "
               "24 9 0 12 %s %s %s" % (hs.BG, hs.FG, hs.FG))
        if compare:
            compare(x + 12, y + 86)
        self.t(x + 12, y + 116, "your answer", 12)
        self.choice(x + 12, y + 136, "guess", self.options, self.options[0],
                    "", "", route=False)
        ya = y + 136 + 18 * len(self.options) + 10
        self.o(x + 12, ya, "bng 18 250 50 0 $0-answer empty answer 24 9 0 "
               "12 %s %s %s" % (hs.BG, hs.FG, hs.FG))
        self.readout(x + 300, y + 116, "$0-i-right", "right", width=4)
        self.readout(x + 300, y + 142, "$0-i-asked", "asked", width=4)
        if self.levels > 1:
            self.readout(x + 300, y + 168, "$0-i-level1", "level (3 right "
                         "answers: the next)", width=4)
        self.raw("#X listbox %d %d %d 0 0 0 - \\$0-v1 - 0;"
                 % (x + 12, ya + 30, CHECK_W))
        self.quiz_logic()
        return y + h

    def quiz_logic(self):
        cv = self.quiz
        n = len(self.options)
        # (every box 40 down: the comment on top)
        o = (lambda x, y, t: self.o(x, y + 40, t, cv))
        m = (lambda x, y, t: self.m(x, y + 40, t, cv))
        c = (lambda *a: self.c(*a, cv))
        names = o(20, 20, "text define -k $0-names")
        cv.data("#A set %s;" % " \\; ".join(self.options))
        # the seeded question: its index in [v $0-hid], to the stage
        rs = o(20, 60, "r $0-c-seed")
        sm = m(20, 90, "seed $1")
        rn = o(140, 60, "r $0-new")
        rnd = o(20, 130, "random %d" % n)
        c(rs, 0, sm, 0)
        c(sm, 0, rnd, 0)
        c(rn, 0, rnd, 0)
        th = o(20, 160, "t f f")
        c(rnd, 0, th, 0)
        c(th, 1, o(100, 200, "v $0-hidv"), 0)
        c(th, 0, o(20, 240, "s $0-apply"), 0)
        lb = o(260, 60, "loadbang")
        none = m(260, 90, "-1")
        c(lb, 0, none, 0)
        c(none, 0, o(260, 120, "v $0-hidv"), 0)
        zero = m(330, 90, "0")
        c(lb, 0, zero, 0)
        c(zero, 0, o(330, 120, "s $0-level"), 0)
        # asked, and the row cleared
        ask = o(140, 280, "f")
        inc = o(180, 280, "+ 1")
        c(rn, 0, ask, 0)
        c(ask, 0, inc, 0)
        c(inc, 0, ask, 1)
        c(inc, 0, o(140, 310, "s $0-i-asked"), 0)
        clear = m(440, 60, "listen - then answer")
        c(rn, 0, clear, 0)
        lst0 = o(440, 90, "list")
        c(clear, 0, lst0, 0)
        c(lst0, 0, o(440, 120, "s $0-v1"), 0)
        rg = o(640, 60, "r $0-c-guess")
        c(rg, 0, o(640, 90, "v $0-guessv"), 0)
        # the answer: (hidden, guess)
        ra = o(20, 360, "r $0-answer")
        ta = o(20, 390, "t b b")
        c(ra, 0, ta, 0)
        vg = o(120, 420, "v $0-guessv")
        vh = o(20, 450, "v $0-hidv")
        c(ta, 1, vg, 0)
        c(ta, 0, vh, 0)
        mo = o(20, 480, "moses 0")
        c(vh, 0, mo, 0)
        first = m(220, 510, "click new question first")
        c(mo, 0, first, 0)
        pk = o(20, 510, "pack f f")
        c(vg, 0, pk, 1)
        c(mo, 1, pk, 0)
        tl = o(20, 540, "t l l")
        c(pk, 0, tl, 0)
        # first the names (into two stores), then the result picks one
        un = o(200, 570, "unpack f f")
        c(tl, 1, un, 0)
        gget = o(380, 600, "text get $0-names")
        hget = o(200, 640, "text get $0-names")
        c(un, 1, gget, 0)
        c(un, 0, hget, 0)
        gs = o(380, 630, "symbol")
        hs_ = o(200, 670, "symbol")
        c(gget, 0, gs, 0)
        c(hget, 0, hs_, 0)
        pn = o(200, 700, "pack s s")
        c(gs, 0, pn, 1)
        c(hs_, 0, pn, 0)
        st1 = o(20, 730, "list append")
        st0 = o(120, 730, "list append")
        c(pn, 0, st1, 1)
        c(pn, 0, st0, 1)
        ex = o(20, 570, "expr $f1 == $f2")
        c(tl, 0, ex, 0)
        sel = o(20, 600, "sel 1 0")
        c(ex, 0, sel, 0)
        c(sel, 0, st1, 0)
        c(sel, 1, st0, 0)
        good = m(20, 770, "right - it was $1")
        bad = m(200, 770, "not this time - it was $1 - you said $2")
        c(st1, 0, good, 0)
        c(st0, 0, bad, 0)
        words = o(20, 810, "list")
        for w in (good, bad, first):
            c(w, 0, words, 0)
        c(words, 0, o(20, 840, "s $0-v1"), 0)
        tr = o(120, 840, "list trim")
        c(words, 0, tr, 0)
        pr = o(220, 870, "print drill")
        c(tr, 0, pr, 0)
        # the score and the level (3 right answers a level)
        sc = o(640, 600, "f")
        sci = o(680, 600, "+ 1")
        c(sel, 0, sc, 0)
        c(sc, 0, sci, 0)
        c(sci, 0, sc, 1)
        c(sci, 0, o(640, 630, "s $0-i-right"), 0)
        lv = o(640, 670, "expr min(%d, int($f1 / 3))" % (self.levels - 1))
        c(sci, 0, lv, 0)
        c(lv, 0, o(640, 700, "s $0-level"), 0)
        lv1 = o(840, 700, "+ 1")
        c(lv, 0, lv1, 0)
        c(lv1, 0, o(840, 730, "s $0-i-level1"), 0)
        # reveal (for a teacher, and the tests): the answer to the Pd
        # window
        rv = o(840, 360, "r $0-reveal")
        rvh = o(840, 390, "v $0-hidv")
        c(rv, 0, rvh, 0)
        rvm = o(840, 420, "moses 0")
        c(rvh, 0, rvm, 0)
        rvg = o(900, 450, "text get $0-names")
        c(rvm, 1, rvg, 0)
        rvt = m(900, 480, "the answer is $1")
        c(rvg, 0, rvt, 0)
        c(rvt, 0, pr, 0)
        c(rvm, 0, first, 0)

    def place_internals(self, x, y):
        for name, cv in (("open", opener()), ("controls", self.ctl),
                         ("draw", self.draw), ("measure", self.measure_cv),
                         ("quiz", self.quiz)):
            self.cv.sub(self.uid(), x, y, name, cv)
            x += len(name) * CW + 40

    def render(self):
        self.quiz.text(20, 10, hs.esc(
            "The quiz: new question picks a hidden answer with a seeded "
            "[random] and sends it to $0-apply (the drill's stage turns it "
            "into messages), answer compares it with your choice and keeps "
            "the score, reveal prints the answer.") + ", f 110")
        return Lesson.render(self)


def drill_page(h, intro, source, stage_box, compare, try_this, listen_for,
               apply_):
    """the layout every drill shares: the sound source (a builder for a
    [pd source] with two outlets, or 'song'), the hidden stage
    ([r $0-hid] into it), the quiz panel, try this / listen for"""
    h.intro(intro)
    if source == "song":
        yb = h.transport(30, 178)
        song, mx, yb = h.song_and_mixer(yb + 4, info=False)
        src = mx
        y = yb + 34
    else:
        src = monitor(h, 100, 190, "source", source[0], source[1])
        h.t(210, 191, source[2], 36)
        y = 230
    st = h.o(100, y, stage_box)
    h.c(src, 0, st, 0)
    h.c(src, 1, st, 1)
    h.c(h.o(30, y, "r $0-hid"), 0, st, 0)
    h.out((st, 0), (st, 1), y + 34)
    apply_()
    yq = h.panel_quiz(RIGHT, 58, compare)
    try_listen(h, RIGHT, yq + 16, try_this, listen_for)
    h.course_footer()
    return h


def inverted_bypass(h, cname, send):
    """in [pd controls]: a toggle that means 'the change on' sends
    bypass 0 when on, bypass 1 when off"""
    cv = h.ctl
    x, y = h.ctl_flow.take(200, 110)
    r = h.o(x, y, "r $0-c-" + cname, cv)
    e = h.o(x, y + 30, "== 0", cv)
    mm = h.m(x, y + 60, "bypass $1", cv)
    h.c(r, 0, e, 0, cv)
    h.c(e, 0, mm, 0, cv)
    h.c(mm, 0, h.o(x, y + 90, "s " + send, cv), 0, cv)


def play_toggle(h, x, y, what="the noise"):
    h.toggle(x, y, "play", 0, "play " + what, "", "", route=False)


def drill_eq():
    h = Drill(14, "14-drill-eq-band", "which octave band was boosted?",
              ["125Hz", "250Hz", "500Hz", "1kHz", "2kHz", "4kHz", "8kHz"],
              levels=3)
    h.course_header(["eq~", "spectrum~", "strip~"])

    def compare(x, y):
        h.toggle(x, y, "changed", 1, "the change on (off: flat - compare)",
                 "", "", route=False)
        play_toggle(h, x + 300, y)

    def apply_():
        cv = h.ctl
        x, y = h.ctl_flow.take(420, 200)
        ra = h.o(x, y, "r $0-apply", cv)
        t = h.o(x, y + 30, "t f b", cv)
        h.c(ra, 0, t, 0, cv)
        lv = h.o(x + 120, y + 60, "f", cv)
        h.c(h.o(x + 220, y + 30, "r $0-level", cv), 0, lv, 1, cv)
        h.c(t, 1, lv, 0, cv)
        g = h.o(x + 200, y + 90, "expr 12 / pow(2, $f1)", cv)
        h.c(lv, 0, g, 0, cv)
        f = h.o(x, y + 90, "expr 125 * pow(2, $f1)", cv)
        h.c(t, 0, f, 0, cv)
        pk = h.o(x, y + 120, "pack f f", cv)
        h.c(g, 0, pk, 1, cv)
        h.c(f, 0, pk, 0, cv)
        mm = h.m(x, y + 150, "band 1 bell $1 $2 1.4", cv)
        h.c(pk, 0, mm, 0, cv)
        h.c(mm, 0, h.o(x, y + 180, "s $0-hid", cv), 0, cv)
        inverted_bypass(h, "changed", "$0-hid")
    return drill_page(
        h, "Technical ear training: pink noise goes through a hidden EQ "
        "that boosts one octave band by 12 dB. Click new question, play, "
        "switch the change off and on to compare, pick the band you hear "
        "and click answer. Three right answers take you to the next level: "
        "6 dB, then 3 dB. The same seed gives the same questions.",
        ("The source: pink noise (equal energy per octave) while play is "
         "on.", pink, "pink noise (play it on the right)"),
        "eq~ -ch 2 -bands 1, f 24", compare,
        "start with 1kHz and 8kHz, which are easy to tell apart; then "
        "listen for the same colours in the song of lesson 3 (its pad "
        "and voice).",
        "low bands boom or thump, 500 Hz to 1 kHz sounds nasal or like a "
        "telephone, 2-4 kHz harsh and forward, 8 kHz hissy and airy.",
        apply_)


def apply_table(h, messages, send="$0-hid"):
    """in [pd controls]: the hidden answer's index -> its message"""
    cv = h.ctl
    w = sum(len(mm_) * CW + 30 for mm_ in messages)
    x, y = h.ctl_flow.take(max(w, 200), 130)
    ra = h.o(x, y, "r $0-apply", cv)
    sel = h.o(x, y + 30, "sel " + " ".join(str(i) for i in
                                            range(len(messages))), cv)
    h.c(ra, 0, sel, 0, cv)
    s_ = h.o(x, y + 100, "s " + send, cv)
    xx = x
    for i, text in enumerate(messages):
        mm = h.m(xx, y + 64, text, cv)
        h.c(sel, i, mm, 0, cv)
        h.c(mm, 0, s_, 0, cv)
        xx += len(text) * CW + 30


# drill 2's thresholds on the pink noise (peaks about -9 dBFS, ratio 4):
# comp~'s deepest gain reduction over each 500 ms reads about 0, 3 and 6 dB
COMP_THRESHOLDS = (0, -14, -18)


def drill_comp():
    h = Drill(15, "15-drill-compression", "how much compression?",
              ["0dB", "3dB", "6dB"])
    h.course_header(["comp~", "strip~", "multiband~"])

    def compare(x, y):
        h.toggle(x, y, "changed", 1, "the compressor on (off: compare)",
                 "", "", route=False)
        play_toggle(h, x + 300, y)

    def apply_():
        apply_table(h, ["threshold %g" % t for t in COMP_THRESHOLDS])
        inverted_bypass(h, "changed", "$0-hid")
    return drill_page(
        h, "Pink noise goes through a compressor (ratio 4) whose threshold "
        "is hidden: it takes no gain, about 3 dB or about 6 dB off the "
        "peaks (the deepest gain reduction a meter would show). Compare "
        "it on and off and answer how much it works. No meter here: "
        "that is the point.",
        ("The source: pink noise while play is on, peaks about -9 dBFS.",
         pink, "pink noise (play it on the right)"),
        "comp~ -ch 2 -ratio 4 -attack 5 -release 150 -knee 0, f 52",
        compare,
        "listen to the level first (compression makes it quieter: no "
        "makeup here), then to the texture: compressed noise loses its "
        "small jumps.",
        "at 3 dB the change is a slight drop and a smoother sound; at 6 "
        "dB the noise is audibly flatter and quieter; at 0 nothing "
        "changes when you switch.",
        apply_)


def versions(cv):
    """A or B (by $0-c-ab): the input, one of them louder by the hidden
    amount ($0-louder: the index of the louder one, $0-by: dB)"""
    cv.obj("iL", 20, 60, "inlet~")
    cv.obj("iR", 200, 60, "inlet~")
    cv.obj("rab", 380, 40, "r $0-c-ab")
    cv.obj("rl", 500, 40, "r $0-louder")
    cv.obj("rb", 620, 40, "r $0-by")
    cv.obj("ex", 380, 130, "expr if($f1 == $f2 \\, $f3 \\, 0)")
    cv.c("rab", 0, "ex", 0)
    cv.obj("tl", 500, 70, "t b f")
    cv.obj("tb", 620, 100, "t b f")
    cv.c("rl", 0, "tl", 0)
    cv.c("tl", 1, "ex", 1)
    cv.c("tl", 0, "ex", 0)
    cv.c("rb", 0, "tb", 0)
    cv.c("tb", 1, "ex", 2)
    cv.c("tb", 0, "ex", 0)
    cv.obj("db", 380, 160, "+ 100")
    cv.obj("rms", 380, 190, "dbtorms")
    cv.msg("rm", 380, 220, "$1 20")
    cv.obj("ln", 380, 250, "line~")
    cv.chain("ex", "db", "rms", "rm", "ln")
    for side, X in (("L", 20), ("R", 200)):
        cv.obj("m" + side, X, 280, "*~")
        cv.c("i" + side, 0, "m" + side, 0)
        cv.c("ln", 0, "m" + side, 1)
        cv.obj("o" + side, X, 320, "outlet~")
        cv.c("m" + side, 0, "o" + side, 0)


def drill_louder():
    h = Drill(16, "16-drill-louder", "which one is louder?", ["a", "b"],
              levels=2)
    h.course_header(["ab~", "loudness~", "mixer~"])

    def compare(x, y):
        h.t(x, y + 1, "hear", 5)
        h.choice(x + 50, y, "ab", ["a", "b"], "a", "", "", route=False,
                 horizontal=True)
        h.t(x + 100, y + 1, "left a - right b: switch and compare", 37)

    def apply_():
        cv = h.ctl
        x, y = h.ctl_flow.take(360, 160)
        ra = h.o(x, y, "r $0-apply", cv)
        t = h.o(x, y + 30, "t f b", cv)
        h.c(ra, 0, t, 0, cv)
        lv = h.o(x + 120, y + 60, "f", cv)
        h.c(h.o(x + 220, y + 30, "r $0-level", cv), 0, lv, 1, cv)
        h.c(t, 1, lv, 0, cv)
        by = h.o(x + 120, y + 90, "expr 1 / pow(2, $f1)", cv)
        h.c(lv, 0, by, 0, cv)
        h.c(by, 0, h.o(x + 120, y + 120, "s $0-by", cv), 0, cv)
        h.c(t, 0, h.o(x, y + 120, "s $0-louder", cv), 0, cv)
    h.intro("Two versions of the song, a and b: one is louder by 1 dB "
            "(after three right answers, 0.5 dB). Switch between them and "
            "answer which one is louder. This is why comparisons must be "
            "loudness-matched (ab~): a louder version sounds better, even "
            "when nothing else changed.")
    yb = h.transport(30, 178)
    song, mx, yb = h.song_and_mixer(yb + 4, info=False)
    st = monitor(h, 100, yb + 34, "versions", "a or b: the song, one of "
                 "them louder by the hidden amount.", versions)
    h.c(mx, 0, st, 0)
    h.c(mx, 1, st, 1)
    h.out((st, 0), (st, 1), yb + 68)
    apply_()
    yq = h.panel_quiz(RIGHT, 58, compare)
    try_listen(h, RIGHT, yq + 16,
               "switch every two seconds at the same place in the song "
               "(the chorus is easiest); close your eyes before you "
               "decide.",
               "the louder one seems closer, brighter and fuller, not "
               "louder: at 0.5 dB that impression is all you get.")
    h.course_footer()
    return h


def fade_source(cv):
    """a 440 Hz sine fading from -12 to -72 dBFS over 6 s, again and
    again, while $0-c-play is on"""
    cv.obj("lb", 20, 60, "metro 6500")
    cv.obj("rp", 20, 30, "r $0-c-play")
    cv.c("rp", 0, "lb", 0)
    cv.msg("env", 20, 90, "0.25 \\, 0.00025 6000")
    cv.obj("vl", 20, 120, "vline~")
    cv.obj("osc", 140, 120, "osc~ 440")
    cv.obj("mul", 20, 160, "*~")
    cv.chain("lb", "env", "vl")
    cv.c("vl", 0, "mul", 0)
    cv.c("osc", 0, "mul", 1)
    cv.obj("oL", 20, 220, "outlet~")
    cv.obj("oR", 140, 220, "outlet~")
    cv.c("mul", 0, "oL", 0)
    cv.c("mul", 0, "oR", 0)


def drill_dither():
    h = Drill(17, "17-drill-dither", "is the dither on?", ["off", "on"])
    h.course_header(["dither~", "limiter~", "mastering~"])

    def compare(x, y):
        play_toggle(h, x, y, "the tone")

    def apply_():
        apply_table(h, ["type none", "type tpdf"])
    return drill_page(
        h, "A fading tone is reduced to 8 bits, with TPDF dither or "
        "without (rounded). Listen to the quiet end of each fade and "
        "answer whether the dither is on. Turn the volume up: this is "
        "what a mastering engineer listens for on fades and reverb "
        "tails.",
        ("The source: a 440 Hz tone fading from -12 to -72 dBFS over 6 s, "
         "again and again, while play is on.", fade_source,
         "a fading tone (play it on the right)"),
        "dither~ -ch 2 -bits 8 -type none, f 34", compare,
        "listen to a few fades; at the end of each one, is there a "
        "steady hiss (dither) or a gritty buzz that changes with the "
        "tone and stops with it (no dither)?",
        "dither: the tone sinks into a constant hiss and can be heard "
        "below it. No dither: distortion, then sudden silence when the "
        "tone falls below the last step.",
        apply_)


def swap(cv):
    """four inlets (the soft master L R, the hard one L R), four outlets
    (a L R, b L R): while $0-hardisa is 1, a is the hard one"""
    for k, n in enumerate(("sL", "sR", "hL", "hR")):
        cv.obj(n, 20 + 100 * k, 60, "inlet~")
    cv.obj("r", 460, 60, "r $0-hardisa")
    cv.msg("rm", 460, 90, "$1 20")
    cv.obj("k", 460, 120, "line~")
    cv.chain("r", "rm", "k")
    for k, side in enumerate("LR"):
        X = 20 + 200 * k
        # a = soft + (hard - soft) k, b = hard - (hard - soft) k
        cv.obj("d" + side, X, 160, "-~")
        cv.c("h" + side, 0, "d" + side, 0)
        cv.c("s" + side, 0, "d" + side, 1)
        cv.obj("m" + side, X, 190, "*~")
        cv.c("d" + side, 0, "m" + side, 0)
        cv.c("k", 0, "m" + side, 1)
        cv.obj("a" + side, X, 230, "+~")
        cv.c("s" + side, 0, "a" + side, 0)
        cv.c("m" + side, 0, "a" + side, 1)
        cv.obj("b" + side, X + 100, 230, "-~")
        cv.c("h" + side, 0, "b" + side, 0)
        cv.c("m" + side, 0, "b" + side, 1)
    for k, n in enumerate(("aL", "aR", "bL", "bR")):
        cv.obj("o" + n, 20 + 100 * k, 300, "outlet~")
    cv.c("aL", 0, "oaL", 0)
    cv.c("aR", 0, "oaR", 0)
    cv.c("bL", 0, "obL", 0)
    cv.c("bR", 0, "obR", 0)


def drill_limited():
    h = Drill(18, "18-drill-limited", "at equal loudness, which one is "
              "limited harder?", ["a", "b"])
    h.course_header(["ab~", "limiter~", "loudness~"])

    def compare(x, y):
        h.t(x, y + 1, "hear", 5)
        h.choice(x + 50, y, "ab", ["a", "b"], "a", "select $1", "$0-ab",
                 horizontal=True)
        h.t(x + 100, y + 1, "left a - right b: ab~ matches their "
            "loudness", 46)

    def apply_():
        apply_table(h, ["1", "0"], "$0-hardisa")
    h.intro("Two masters of the song, matched in loudness by ab~: one "
            "limited gently (2 dB into the limiter), the other hard (10 "
            "dB). Louder cannot give it away here: listen to the drums. "
            "Switch a and b and answer which one is limited harder.")
    yb = h.transport(30, 178)
    song, mx, yb = h.song_and_mixer(yb + 4, info=False)
    soft = h.o(100, yb + 30, "limiter~ -ch 2 -input 2")
    hard = h.o(290, yb + 30, "limiter~ -ch 2 -input 10")
    for lim in (soft, hard):
        h.c(mx, 0, lim, 0)
        h.c(mx, 1, lim, 1)
    sw = monitor(h, 100, yb + 64, "swap", "a and b: the soft and the hard "
                 "master, in the order the question picked.", swap)
    h.c(soft, 0, sw, 0)
    h.c(soft, 1, sw, 1)
    h.c(hard, 0, sw, 2)
    h.c(hard, 1, sw, 3)
    ab = h.o(100, yb + 98, "ab~, f 24")
    for k in range(4):
        h.c(sw, k, ab, k)
    h.c(h.o(30, yb + 98, "r $0-ab"), 0, ab, 0)
    h.out((ab, 0), (ab, 1), yb + 132)
    apply_()
    yq = h.panel_quiz(RIGHT, 58, compare)
    try_listen(h, RIGHT, yq + 16,
               "play the chorus, switch every few seconds at the same "
               "place; listen to the kick and the snare, not to the "
               "level.",
               "the harder limited master has duller, shorter drum hits "
               "and a denser, flatter sound; at equal loudness it no "
               "longer wins by being louder.")
    h.course_footer()
    return h


# ---- the start page ----------------------------------------------------------------

def start_page():
    h = Help("00-start-here", "")
    declare_up(h)
    h.t(30, 15, "mixing vs mastering: a course in Pd, with lessons that "
        "listen to you", 90)
    h.rule(46)
    h.intro("Mixing balances many tracks into one stereo mix; mastering "
            "polishes that finished mix for release, with fresh ears. Each "
            "lesson below is a patch that makes its sound in Pd from the "
            "demo song's stems, teaches one idea, gives you the controls "
            "to try it, the meters that show it, and a check that measures "
            "what you did and tells you in words whether it meets the "
            "lesson's goal. Click a lesson's name to open it; switch DSP "
            "on in its listen panel. Work in order: a mastering lesson "
            "expects a finished mix, the way a mastering engineer does; "
            "every page also opens on its own. Each check measures since "
            "you last clicked it: play 10 s or more, then click check.",
            width=160)
    y0 = 160
    h.t(30, y0, "mixing: the balance engineer's job", 40)
    h.t(640, y0, "mastering: the finished mix, made ready for release", 60)
    mixing = [(slug, what) for slug, what, fn in LESSONS[:6]]
    mastering = [(slug, what) for slug, what, fn in LESSONS[6:]]
    h.messages(50, y0 + 30, mixing, "$0-open", step=36, note_x=230,
               note_w=52)
    h.messages(660, y0 + 30, mastering, "$0-open", step=36, note_x=850,
               note_w=50)
    y1 = y0 + 30 + 36 * 7 + 30
    h.t(30, y1, "ear training: drills that play a hidden change, check "
        "your answer and keep a score (seeded: a class can share a seed)",
        140)
    drills = [(slug, what) for slug, what, fn in DRILLS]
    h.messages(50, y1 + 30, drills[:3], "$0-open", step=36, note_x=250,
               note_w=44)
    h.messages(660, y1 + 30, drills[3:], "$0-open", step=36, note_x=850,
               note_w=50)
    h.cv.sub(h.uid(), 520, h.h - 72 + 13, "open", opener())
    h.o(610, h.h - 72 + 13, "declare -path ..")
    h.footer(["mixer~", "mastering~", "ab~", "livemaster~", "demosong~"])
    # (the verdict rows of the lessons are list boxes: Pd 0.52)
    h.cv.items[-1] = ("text", 830, h.h - 72 + 14, "updated for mixmaster "
                      "%s \\, needs Pd %s or newer, f 52" % (hs.VERSION,
                                                            PD_MIN))
    return h


LESSONS = [
    ("01-what-a-mix-is", "balance and pan the seven stems: every stem "
     "heard, the mix with headroom", lesson_mix),
    ("02-gain-staging", "trims and the master fader: peaks around -6 "
     "dBFS, nothing clipped", lesson_gain),
    ("03-eq-carves-space", "cut the pad where the voice lives, "
     "high-pass what is not bass: the voice unmasked, cut before boost",
     lesson_eq),
    ("04-compression", "set the voice's compressor: 3 to 9 dB of gain "
     "reduction at a musical ratio; the kick in parallel", lesson_comp),
    ("05-effects-and-depth", "sends and returns: the voice in front, the "
     "lead behind it", lesson_depth),
    ("06-the-mixdown", "the mix as handed over: no bus limiter, no "
     "normalising; compared with a reference at equal loudness",
     lesson_mixdown),
    ("07-what-mastering-is", "the mastering chain stage by stage with "
     "delta: the master on -14 LUFS without squashing it",
     lesson_mastering),
    ("08-mastering-eq", "a boomy mix: a gentle shelf and the multiband's "
     "low band bring the low end back", lesson_mastereq),
    ("09-stereo-and-mono", "width and mono bass: correlation above 0, "
     "little lost when summed to mono", lesson_stereo),
    ("10-loudness-war", "push the limiter, watch PLR fall, hear what "
     "streaming normalisation does to a loud master", lesson_loudness),
    ("11-delivery", "targets per destination, true peak, word length: "
     "hear truncation, TPDF and noise shaping", lesson_delivery),
    ("12-album-and-formats", "sequence a single and a ballad with a gap "
     "or a crossfade, keeping their relative loudness", lesson_album),
    ("13-live", "livemaster~ on a performance that jumps 20 dB: hands "
     "off, near the target, under the ceiling", lesson_live),
]


DRILLS = [
    ("14-drill-eq-band", "which octave band was boosted (12, 6, then 3 dB)",
     drill_eq),
    ("15-drill-compression", "how much compression: 0, 3 or 6 dB of gain "
     "reduction", drill_comp),
    ("16-drill-louder", "which of two versions is louder (1 dB, then "
     "0.5 dB)", drill_louder),
    ("17-drill-dither", "is the dither on (a fading tone at 8 bits)",
     drill_dither),
    ("18-drill-limited", "at equal loudness, which one is limited harder",
     drill_limited),
]
PAGES = LESSONS + DRILLS


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--out", default=OUTDIR)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    fails = 0
    pages = [("00-start-here", start_page)] + [(s, fn) for s, _w, fn in
                                                PAGES]
    for slug, fn in pages:
        if args.only and not any(slug.startswith(o) for o in args.only):
            continue
        text = fn().render()
        path = os.path.join(args.out, slug + ".pd")
        fails += not hs.write_or_check(path, text, args.check,
                                       "course " + slug, "scripts/mkcourse.py")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
