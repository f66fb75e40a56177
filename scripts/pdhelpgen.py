# pdhelpgen.py: a tiny Pd patch builder for the help patches of eq~ and
# strip~ (scripts/mkhelp_eq.py, scripts/mkhelp_strip.py write them:
# `python3 scripts/mkhelp_eq.py help-patches/eq~-help.pd`).
import re as _re


def _escape(text):
    """escape unescaped , and ; for the Pd file format"""
    return _re.sub(r'(?<!\\)([;,])', r' \\\1', text)


def esc(s):
    return _escape(s)


class Canvas:
    def __init__(self, x, y, w, h, name=None, font=12):
        self.lines = []
        self.n = 0
        self.head = "#N canvas %d %d %d %d %s;" % (
            x, y, w, h, (name + " 0") if name else str(font))
        self.conns = []

    def add(self, kind, x, y, text=""):
        text = text.replace("$", "\\$")
        self.lines.append("#X %s %d %d%s;" % (kind, x, y,
                                              (" " + text) if text else ""))
        self.n += 1
        return self.n - 1

    def obj(self, x, y, text):
        return self.add("obj", x, y, text)

    def msg(self, x, y, text):
        return self.add("msg", x, y, _escape(text))

    def text(self, x, y, text, width=None):
        # a ';' in a comment breaks the line in Pd: say it with ' -'
        text = _escape(_re.sub(r'\s*;', ' -', text.replace('\\;', ';')))
        i = self.add("text", x, y, text)
        if width is None and len(text) > 60:
            width = min(len(text), 110)
        if width:
            self.lines[-1] = self.lines[-1][:-1] + ", f %d;" % width
        return i

    def num(self, x, y, w=5, lo=0, hi=0, label="-", rcv="-"):
        return self.add("floatatom", x, y,
                        "%d %g %g 0 %s %s -" % (w, lo, hi, label, rcv))

    def sub(self, x, y, canvas, name):
        self.lines.append(canvas.render())
        self.lines.append("#X restore %d %d pd %s;" % (x, y, name))
        self.n += 1
        return self.n - 1

    def graph(self, x, y, arr, size, x0, x1, ytop, ybot, w, h):
        self.lines.append(
            "#N canvas 0 50 450 250 (subpatch) 0;\n#X array %s %d float 2;\n"
            "#X coords %g %g %g %g %d %d 1 0 0;"
            % (arr.replace("$", "\\$"), size, x0, ytop, x1, ybot, w, h))
        self.lines.append("#X restore %d %d graph;" % (x, y))
        self.n += 1
        return self.n - 1

    def c(self, a, ao, b, bi):
        self.conns.append("#X connect %d %d %d %d;" % (a, ao, b, bi))

    def render(self):
        return "\n".join([self.head] + self.lines + self.conns)


def drums_and_bass():
    """[pd drums-and-bass]: kick, hat and a saw bass at 120 bpm; the inlet
    takes the on/off toggle, one outlet~"""
    d = Canvas(50, 50, 720, 460, "drums-and-bass")
    inl = d.obj(20, 20, "inlet")
    tog = d.obj(20, 50, "metro 125")
    cnt = d.obj(20, 80, "f")
    add = d.obj(60, 80, "+ 1")
    mod = d.obj(20, 110, "mod 16")
    d.c(inl, 0, tog, 0); d.c(tog, 0, cnt, 0); d.c(cnt, 0, add, 0)
    d.c(add, 0, cnt, 1); d.c(cnt, 0, mod, 0)
    sel = d.obj(20, 140, "sel 0 4 8 10 12")
    d.c(mod, 0, sel, 0)
    kt = d.obj(20, 180, "t b b")
    for o in (0, 1, 2, 4):
        d.c(sel, o, kt, 0)
    kenv = d.msg(20, 210, "1, 0 250")
    kpit = d.msg(90, 210, "150, 45 60")
    kv1 = d.obj(20, 240, "vline~")
    kv2 = d.obj(90, 240, "vline~")
    kosc = d.obj(90, 270, "osc~")
    ksq = d.obj(20, 270, "*~")
    kmul = d.obj(20, 300, "*~")
    d.c(kt, 0, kenv, 0); d.c(kt, 1, kpit, 0); d.c(kenv, 0, kv1, 0)
    d.c(kpit, 0, kv2, 0); d.c(kv2, 0, kosc, 0); d.c(kv1, 0, ksq, 0)
    d.c(kv1, 0, ksq, 1); d.c(ksq, 0, kmul, 0); d.c(kosc, 0, kmul, 1)
    hsel = d.obj(250, 140, "mod 2")
    d.c(mod, 0, hsel, 0)
    hs = d.obj(250, 170, "sel 1")
    d.c(hsel, 0, hs, 0)
    henv = d.msg(250, 200, "0.3, 0 40")
    hv = d.obj(250, 230, "vline~")
    hn = d.obj(330, 230, "noise~")
    hh = d.obj(330, 260, "hip~ 6000")
    hm = d.obj(250, 290, "*~")
    d.c(hs, 0, henv, 0); d.c(henv, 0, hv, 0); d.c(hn, 0, hh, 0)
    d.c(hv, 0, hm, 0); d.c(hh, 0, hm, 1)
    bsel = d.obj(450, 140, "tabread $0-notes")
    d.c(mod, 0, bsel, 0)
    bt = d.obj(450, 170, "t f b")
    bm = d.obj(450, 200, "mtof")
    bosc = d.obj(450, 230, "phasor~")
    bsub = d.obj(450, 260, "-~ 0.5")
    blop = d.obj(450, 290, "lop~ 600")
    benv = d.msg(560, 200, "0.5 5, 0.2 80 5, 0 30 100")
    bv = d.obj(560, 230, "vline~")
    bmul = d.obj(450, 320, "*~")
    d.c(bsel, 0, bt, 0); d.c(bt, 0, bm, 0); d.c(bm, 0, bosc, 0)
    d.c(bosc, 0, bsub, 0); d.c(bsub, 0, blop, 0); d.c(bt, 1, benv, 0)
    d.c(benv, 0, bv, 0); d.c(blop, 0, bmul, 0); d.c(bv, 0, bmul, 1)
    d.obj(560, 20, "table $0-notes 16")
    lb = d.obj(560, 50, "loadbang")
    f0 = d.obj(560, 80, "f $0")
    nm = d.msg(560, 110, "; $1-notes 0 33 33 45 33 36 36 48 36 31 31 43 31 "
               "28 28 40 40")
    d.c(lb, 0, f0, 0); d.c(f0, 0, nm, 0)
    mix = d.obj(20, 380, "*~ 0.5")
    out = d.obj(20, 410, "outlet~")
    for s in (kmul, hm, bmul):
        d.c(s, 0, mix, 0)
    d.c(mix, 0, out, 0)
    return d


def band_row(c, x, y, n, typ, vals, target, with_gain=True, with_q=True,
             inits=None):
    """number boxes Hz [dB] [q] -> [band n typ ...( -> target; every box
    hot; initial values appended to inits as 'receiver set value'"""
    c.text(x, y - 20, "band %d %s" % (n, typ))
    c.text(x, y + 18, "Hz" + ("      dB" if with_gain else "")
           + ("    q" if with_q else ""))
    names = ["$0-b%d%s" % (n, s) for s in "fgq"]
    boxes = [c.num(x, y, 6, 10, 24000, "-", names[0])]
    if with_gain:
        boxes.append(c.num(x + 60, y, 4, -24, 24, "-", names[1]))
    if with_q:
        boxes.append(c.num(x + 105, y, 4, 0.1, 20, "-", names[2]))
    k = len(boxes)
    args = "$1" + (" $2" if with_gain else " 0") + (
        (" $%d" % k) if with_q else " 0.707")
    m = c.msg(x, y + 90, "band %d %s %s" % (n, typ, args))
    if k == 1:
        c.c(boxes[0], 0, m, 0)
    else:
        pk = c.obj(x, y + 65, "pack" + " f" * k)
        c.c(boxes[0], 0, pk, 0)
        for i in range(1, k):
            t = c.obj(x + 45 * i, y + 40, "t b f")
            c.c(boxes[i], 0, t, 0); c.c(t, 1, pk, i); c.c(t, 0, pk, 0)
        c.c(pk, 0, m, 0)
    c.c(m, 0, target, 0)
    used = [names[0]] + ([names[1]] if with_gain else []) + (
        [names[2]] if with_q else [])
    if inits is not None:
        inits.extend("%s set %g" % (nm, v) for nm, v in zip(used, vals))


def reference(lines, name="reference"):
    r = Canvas(60, 60, 860, 40 + 22 * len(lines), name)
    y = 10
    for l in lines:
        r.text(10, y, l, width=130)
        y += 22 if l else 10
    return r
