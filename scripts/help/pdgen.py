# tiny Pd patch writer: objects get indices in creation order per canvas
def esc(t):
    return t.replace('$', '\\$').replace(',', ' \\,').replace(';', ' \\;')

class Canvas:
    def __init__(self, w, h, name=None, x=0, y=0, font=12):
        self.lines = []
        self.n = 0
        self.conns = []
        self.head = ("#N canvas %d %d %d %d %s 0;" % (x, y, w, h, name)) if name else ("#N canvas %d %d %d %d %d;" % (x, y, w, h, font))
        self.name = name
    def add(self, line):
        self.lines.append(line)
        i = self.n
        self.n += 1
        return i
    def obj(self, x, y, text):
        return self.add("#X obj %d %d %s;" % (x, y, text))
    def msg(self, x, y, text):
        return self.add("#X msg %d %d %s;" % (x, y, text))
    def text(self, x, y, text, width=None):
        t = "#X text %d %d %s" % (x, y, esc(text))
        if width:
            t += ", f %d" % width
        return self.add(t + ";")
    def atom(self, x, y, width=5, lo=0, hi=0, label='-', rcv='-', pos=1):
        return self.add("#X floatatom %d %d %d %g %g %d %s %s - 0;" % (x, y, width, lo, hi, pos, label, rcv))
    def tgl(self, x, y, label='empty', init=0):
        return self.add("#X obj %d %d tgl 18 0 empty empty %s 22 9 0 12 #fcfcfc #000000 #000000 %d 1;" % (x, y, label, init))
    def bng(self, x, y, label='empty'):
        return self.add("#X obj %d %d bng 18 250 50 0 empty empty %s 22 9 0 12 #fcfcfc #000000 #000000;" % (x, y, label))
    def vsl(self, x, y, lo, hi, h=120, label='empty'):
        return self.add("#X obj %d %d vsl 18 %d %g %g 0 0 empty empty %s 0 -9 0 12 #fcfcfc #000000 #000000 0 1;" % (x, y, h, lo, hi, label))
    def hsl(self, x, y, lo, hi, w=128, label='empty', init=0):
        return self.add("#X obj %d %d hsl %d 15 %g %g 0 %d empty empty %s -2 -8 0 12 #fcfcfc #000000 #000000 %d 1;" % (x, y, w, lo, hi, 1 if init else 0, label, init))
    def sub(self, x, y, canvas, label):
        # a subpatch: returns index; canvas lines embedded
        self.lines.append(canvas)
        i = self.n
        self.n += 1
        self.lines.append("#X restore %d %d pd %s;" % (x, y, label))
        return i
    def graph(self, x, y, arr, size, w, h, ylo, yhi, xlo=0, xhi=None, style=1, save=0):
        xhi = size if xhi is None else xhi
        g = ["#N canvas 0 50 450 250 (subpatch) 0;",
             "#X array %s %d float %d;" % (arr, size, save | 8),
             "#X coords %g %g %g %g %d %d 1 0 0;" % (xlo, yhi, xhi, ylo, w, h),
             "#X restore %d %d graph;" % (x, y)]
        self.lines.append(g)
        i = self.n
        self.n += 1
        return i
    def c(self, a, ao, b, bi=0):
        self.conns.append("#X connect %d %d %d %d;" % (a, ao, b, bi))
    def render(self):
        out = [self.head]
        for l in self.lines:
            if isinstance(l, Canvas):
                out.extend(l.render())
            elif isinstance(l, list):
                out.extend(l)
            else:
                out.append(l)
        out.extend(self.conns)
        return out

def drums(noise_floor=False, bass=True):
    """subpatch: inlet (1 plays / 0 stops), outlet~ L, outlet~ R"""
    s = Canvas(720, 520, "drums-and-bass", 60, 60)
    inl = s.obj(20, 10, "inlet")
    s.text(200, 10, "a 120 bpm pattern: kick on 1 and 3, snare on 2 and 4, hats on the off-beats, a plucked saw bass in 16ths", 50)
    met = s.obj(20, 40, "metro 125")
    f = s.obj(20, 70, "f")
    p1 = s.obj(60, 70, "+ 1")
    md = s.obj(20, 100, "mod 16")
    t = s.obj(20, 130, "t f f f f")
    s.c(inl, 0, met); s.c(met, 0, f); s.c(f, 0, p1); s.c(p1, 0, f, 1); s.c(f, 0, md); s.c(md, 0, t)
    # kick
    sk = s.obj(20, 170, "sel 0 8")
    kenv = s.msg(20, 200, "1 \\, 0 300")
    kfr = s.msg(100, 200, "160 \\, 45 80")
    kv = s.obj(20, 240, "vline~")
    kfv = s.obj(100, 240, "vline~")
    ko = s.obj(100, 270, "osc~")
    kx = s.obj(20, 300, "*~")
    s.c(t, 3, sk); s.c(sk, 0, kenv); s.c(sk, 0, kfr); s.c(sk, 1, kenv); s.c(sk, 1, kfr)
    s.c(kenv, 0, kv); s.c(kfr, 0, kfv); s.c(kfv, 0, ko); s.c(kv, 0, kx); s.c(ko, 0, kx, 1)
    # snare
    ss = s.obj(200, 170, "sel 4 12")
    senv = s.msg(200, 200, "0.5 \\, 0 150")
    sv = s.obj(200, 240, "vline~")
    nz = s.obj(290, 240, "noise~")
    sbp = s.obj(290, 270, "bp~ 1800 1")
    sx = s.obj(200, 300, "*~")
    s.c(t, 2, ss); s.c(ss, 0, senv); s.c(ss, 1, senv); s.c(senv, 0, sv); s.c(nz, 0, sbp); s.c(sv, 0, sx); s.c(sbp, 0, sx, 1)
    # hats
    hm = s.obj(400, 170, "mod 2")
    hs = s.obj(400, 200, "sel 1")
    henv = s.msg(400, 230, "0.25 \\, 0 40")
    hv = s.obj(400, 260, "vline~")
    hh = s.obj(480, 260, "hip~ 7000")
    hx = s.obj(400, 300, "*~")
    s.c(t, 1, hm); s.c(hm, 0, hs); s.c(hs, 0, henv); s.c(henv, 0, hv); s.c(nz, 0, hh); s.c(hv, 0, hx); s.c(hh, 0, hx, 1)
    # bass
    bd = s.obj(560, 170, "div 4")
    bsel = s.obj(560, 200, "sel 0 1 2 3")
    notes = [55, 55, 73.42, 49]
    nm = [s.msg(560 + 40 * k, 230, "%g" % notes[k]) for k in range(4)]
    bph = s.obj(560, 270, "phasor~")
    blp = s.obj(560, 300, "lop~ 500")
    bsub = s.obj(560, 330, "-~ 0.5")
    s.c(t, 0, bd); s.c(bd, 0, bsel)
    for k in range(4):
        s.c(bsel, k, nm[k]); s.c(nm[k], 0, bph)
    s.c(bph, 0, bsub); s.c(bsub, 0, blp)
    benv = s.msg(660, 330, "0.6 \\, 0 120")
    bv = s.obj(660, 360, "vline~")
    bx = s.obj(560, 360, "*~")
    s.c(t, 0, benv); s.c(benv, 0, bv)
    s.c(blp, 0, bx); s.c(bv, 0, bx, 1)
    # mix
    mixl = s.obj(20, 420, "*~ 0.7")
    mixr = s.obj(200, 420, "*~ 0.7")
    for src in ((kx, sx, bx) if bass else (kx, sx)):
        s.c(src, 0, mixl); s.c(src, 0, mixr)
    s.c(hx, 0, mixr)
    hl = s.obj(400, 380, "*~ 0.5")
    s.c(hx, 0, hl); s.c(hl, 0, mixl)
    if noise_floor:
        s.text(400, 420, "hiss and hum at about -50 dBFS: the noise a gate removes between the hits", 40)
        hn = s.obj(400, 470, "*~ 0.004")
        hum = s.obj(520, 440, "osc~ 60")
        hu = s.obj(520, 470, "*~ 0.002")
        s.c(nz, 0, hn); s.c(hum, 0, hu)
        for src in (hn, hu):
            s.c(src, 0, mixl); s.c(src, 0, mixr)
    ol = s.obj(20, 480, "outlet~")
    orr = s.obj(200, 480, "outlet~")
    s.c(mixl, 0, ol); s.c(mixr, 0, orr)
    return s


# ---- pieces both help patches use

def rolling(c, x, y, arr, size=100):
    """a float in -> written at the next index of arr (wrapping); returns
    the index of the [t f b] that takes the float"""
    t = c.obj(x, y, "t f b")
    f = c.obj(x + 90, y + 30, "f")
    p1 = c.obj(x + 130, y + 30, "+ 1")
    md = c.obj(x + 90, y + 60, "mod %d" % size)
    w = c.obj(x, y + 100, "tabwrite " + arr)
    c.c(t, 1, f); c.c(f, 0, p1); c.c(p1, 0, md); c.c(md, 0, f, 1)
    c.c(md, 0, w, 1); c.c(t, 0, w)
    return t


def controls(m, prefix, ctl, x, y):
    """number boxes (name, init, x, y) sending <prefix>-s-<name>, and a
    [pd controls] at x, y turning them into messages to [s <prefix>-c]"""
    ctrl = Canvas(600, 400, "controls", 200, 200)
    ctrl.text(10, 10, "each number box sends to %s-s-<name>: formatted here as a message to the object" % prefix, 60)
    sc = ctrl.obj(10, 360, "s %s-c" % prefix)
    for k, (name, v, ax, ay) in enumerate(ctl):
        m.add("#X floatatom %d %d 6 0 0 1 %s %s-r-%s %s-s-%s 0;" % (ax, ay, name, prefix, name, prefix, name))
        rr = ctrl.obj(10 + 70 * (k % 5), 60 + 120 * (k // 5), "r %s-s-%s" % (prefix, name))
        mm = ctrl.msg(10 + 70 * (k % 5), 90 + 120 * (k // 5), "%s \\$1" % name)
        ctrl.c(rr, 0, mm); ctrl.c(mm, 0, sc)
    m.sub(x, y, ctrl, "controls")


def switches(m, prefix, x, y, msgs):
    """message boxes and bypass/delta toggles to [s <prefix>-c]"""
    sc = m.obj(x, y + 25 * len(msgs) + 110, "s %s-c" % prefix)
    for k, t in enumerate(msgs):
        m.c(m.msg(x, y + 25 * k, t), 0, sc)
    yy = y + 25 * len(msgs) + 10
    for k, name in enumerate(("bypass", "delta")):
        tg = m.tgl(x + 90 * k, yy, name)
        mm = m.msg(x + 90 * k, yy + 25, "%s \\$1" % name)
        m.c(tg, 0, mm); m.c(mm, 0, sc)


def output_and_meter(m, obj, sel, lo, label, arr, caption):
    """volume, dac~, the info outlet routed to a number box, a slider and
    a 5 s history graph of `sel`"""
    ol = m.obj(20, 480, "*~")
    orr = m.obj(80, 480, "*~")
    vol = m.hsl(20, 455, 0, 1, 100, "empty", 0)
    m.text(125, 452, "volume")
    dac = m.obj(20, 515, "dac~ 1 2")
    m.c(obj, 0, ol); m.c(obj, 1, orr); m.c(vol, 0, ol, 1); m.c(vol, 0, orr, 1)
    m.c(ol, 0, dac); m.c(orr, 0, dac, 1)
    rt = m.obj(300, 455, "route %s latency" % sel)
    m.c(obj, 2, rt)
    m.c(rt, 0, m.atom(300, 490, 7, 0, 0, label))
    m.c(rt, 1, m.atom(300, 520, 4, 0, 0, "latency"))
    m.c(rt, 0, m.vsl(470, 455, lo, 0, 90))
    m.text(495, 455, "0", 3)
    m.text(495, 530, "%g" % lo, 3)
    m.text(20, 570, caption, 75)
    m.graph(20, 595, arr, 100, 400, 100, lo, 0)
    hist = Canvas(400, 300, "history", 200, 200)
    hist.c(hist.obj(10, 10, "inlet"), 0, rolling(hist, 10, 40, arr))
    m.c(rt, 0, m.sub(300, 545, hist, "history"))


def reference(m, lines, x, y):
    r = Canvas(900, 760, "reference", 100, 60)
    yy = 10
    for t in lines:
        r.text(10, yy, t, 110)
        yy += 25 if len(t) < 105 else 45
    m.sub(x, y, r, "reference")


def setup_sets(prefix, ctl):
    """the loadbang message that shows the initial values"""
    return " ".join("\\; %s-r-%s set %g" % (prefix, n, v) for n, v, _, _ in ctl)
