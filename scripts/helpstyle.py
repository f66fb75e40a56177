"""helpstyle: the house style of mixmaster's help patches, as code.

doc/help-style.md says what goes where; this module draws it, so that every
help patch written by scripts/mkhelp.py
has the same header, panels, controls, meters, graphs and footer.

A help patch is a Help: its main canvas (1240 x 740, font 12) plus three
subpatches every patch has in the same places:

  [pd reference]  top right: generated from the object's table by
                  scripts/mkreference.py (or, for an abstraction, drawn here
                  in the same format from hand-written sections)
  [pd controls]   how the controls reach the object: each control sends to
                  $0-c-<name>; here [r $0-c-<name>] -> [<message> $1( ->
                  [s $0-<object>]
  [pd draw]       what drives the live pictures (bars and markers)

Controls are IEM GUIs whose initial value is the object's own (init on,
saved value = the creation flag or the table default), so they show the real
value when the patch opens and send it once (changing nothing).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdpatch import Canvas  # noqa: E402

VERSION = "0.1.0"
PD_MIN = "0.51"
W, H = 1240, 740          # the main canvas: fits a 1280 x 800 screen
CW, LH = 7, 16            # font 12: character width, line height (pixels)



def is_panel(name):
    """the library's help panels ([mm-demo~], [mm-dsp~]) draw a
    graph-on-parent panel: as a title their box would cover the text
    around it, so their own help names them in a comment"""
    return name.startswith("mm-")


def iemlabel(label):
    """an IEM GUI's label field: spaces escaped, and `empty` for none (an
    empty field would shift every later field of the box by one)"""
    return label.replace(" ", "\\ ") if label else "empty"

def NBX_W(digits):
    """an IEM number box's width in pixels (font 12, height 18), as Pd
    0.53 draws it"""
    return digits * 9 + 20
BOXH = LH + 5             # an object box's height
FG = "#000000"
BG = "#fcfcfc"
# panel colours: the sound (source, listen) and the object's controls
SOURCE_BG = "#dce6f0"
LISTEN_BG = "#e6e6da"
CONTROL_BG = "#eeeeee"
BAR_BG = "#303030"
GREEN, BLUE, ORANGE, RED = "#3cb371", "#2e8bd8", "#ff8c00", "#e04040"


def esc(text):
    """a comment's words as Pd stores them: commas and semicolons are
    escaped atoms ($ is escaped by pdpatch)"""
    return (text.replace(";", ",").replace(",", " \\,")
            .replace("  \\", " \\"))


def msgesc(text):
    """a message box: ',' separates messages, ';' starts a send"""
    return text.replace(",", " \\,").replace(";", "\\;").replace("  ", " ")


def num(v):
    return "%g" % v


def text_w(*texts):
    """the width of the widest box of these texts (pdlayout's estimate: 7
    px a character at font 12, 4 px of border)"""
    return max(len(t) for t in texts) * CW + 6


class Flow:
    """places blocks of boxes in a subpatch ([pd controls], [pd draw]):
    down a column, then the next column to the right, then (past the
    screen's width) a new band of columns under the ones before"""

    def __init__(self, x=20, y=50, height=540, width=1240, gap=24):
        self.x0, self.top, self.height, self.width = x, y, height, width
        self.gap = gap
        self.x, self.y, self.colw, self.bottom = x, y, 0, y

    def take(self, w, h):
        if self.y > self.top and self.y + h > self.top + self.height:
            self.x += self.colw
            self.y, self.colw = self.top, 0
        if self.x > self.x0 and self.x + w > self.width:
            self.top = self.bottom + self.gap
            self.x, self.y, self.colw = self.x0, self.top, 0
        x, y = self.x, self.y
        self.y += h + self.gap
        self.colw = max(self.colw, w + self.gap)
        self.bottom = max(self.bottom, y + h)
        return x, y


class Help:
    def __init__(self, name, summary, height=H, pos=(40, 40)):
        self.name = name
        self.summary = summary
        self.h = height
        self.cv = Canvas("#N canvas %d %d %d %d 12;" % (pos[0], pos[1], W,
                                                        height))
        self.ctl = Canvas("#N canvas 200 100 900 600 controls 0;")
        self.ctl_flow = Flow()
        self.draw = Canvas("#N canvas 240 120 900 600 draw 0;")
        self.draw_flow = Flow()
        self.n = 0
        self.tail = []

    # ---- names --------------------------------------------------------------
    def uid(self, prefix="o"):
        self.n += 1
        return "%s%d" % (prefix, self.n)

    # ---- primitive boxes ------------------------------------------------------
    def o(self, x, y, text, cv=None):
        """an object box; returns its name for connections (commas are
        escaped: [expr max(1, $f1)], and ', f 40' sets the width)"""
        n = self.uid()
        m = re.match(r"^(.*?)(, f \d+)?$", text)
        body = m.group(1).replace(",", " \\,").replace("  \\,", " \\,")
        (cv or self.cv).obj(n, x, y, body + (m.group(2) or ""))
        return n

    def m(self, x, y, text, cv=None):
        n = self.uid()
        (cv or self.cv).msg(n, x, y, msgesc(text))
        return n

    def t(self, x, y, text, width=None, cv=None):
        """a comment, `width` characters wide (default: its length, at most
        60)"""
        width = width or min(60, len(text) + 1)
        (cv or self.cv).text(x, y, "%s, f %d" % (esc(text), width))

    def c(self, a, ao, b, bi, cv=None):
        (cv or self.cv).c(a, ao, b, bi)

    def raw(self, line, cv=None):
        n = self.uid()
        (cv or self.cv).raw(n, line)
        return n

    # ---- the header and the footer -------------------------------------------
    def header(self, title_box=None, reference=None):
        """the title as an object box, the summary, [pd reference] with
        '<= click', and the rule under them. `reference`: the subpatch's
        canvas (an abstraction's, see reference_canvas); an object's is
        filled from its table afterwards (scripts/mkreference.py)"""
        title = title_box or self.name
        if is_panel(title):
            self.t(30, 15, title)
        else:
            self.o(30, 14, title)
        x = 30 + (len(title) + 2) * CW + 12
        self.t(x, 15, "- " + self.summary, (960 - x) // CW)
        ref = reference
        if ref is None:
            ref = Canvas("#N canvas 60 40 1180 700 reference 0;")
            ref.text(20, 20, "(generated by scripts/mkreference.py), f 40")
        self.cv.sub("reference", 990, 14, "reference", ref)
        self.t(1098, 15, "<= click", 9)
        self.rule(46)

    def rule(self, y):
        self.o(10, y, "cnv 1 %d 1 empty empty empty 8 12 0 13 %s %s 0"
               % (W - 40, FG, FG))

    def intro(self, text, x=30, y=58, width=62):
        self.t(x, y, text, width)

    def footer(self, see_also, words="", y=None):
        """the rule, 'see also:' with clickable object boxes (and words
        after them), the version line"""
        y = y or self.h - 72
        self.rule(y)
        self.t(30, y + 14, "see also:", 10)
        x = 110
        for name in see_also:
            self.o(x, y + 13, name)
            x += (len(name) + 2) * CW + 10
        if words:
            self.t(x + 4, y + 14, words, max(10, (780 - x) // CW))
        self.t(830, y + 14, "updated for mixmaster %s, needs Pd %s or newer"
               % (VERSION, PD_MIN), 52)

    # ---- panels -----------------------------------------------------------------
    def panel(self, x, y, w, h, title, color=CONTROL_BG):
        """a coloured background with its title at the top left"""
        self.o(x, y, "cnv 1 %d %d empty empty %s 8 10 0 12 %s %s 0"
               % (w, h, title.replace(",", "").replace(" ", "\\ ") or
                  "empty", color, FG))

    def source(self, x, y):
        """the demo loop, [mm-demo~]: 300 x 64 on the parent"""
        return self.o(x, y, "mm-demo~")

    def listen(self, x, y):
        """DSP switch and volume, [mm-dsp~]: 240 x 56 on the parent"""
        return self.o(x, y, "mm-dsp~")

    # ---- controls ---------------------------------------------------------------
    def _route(self, cname, message, send):
        """[r $0-c-<cname>] -> [message( -> [s send] in [pd controls]"""
        cv = self.ctl
        x, y = self.ctl_flow.take(
            text_w("r $0-c-" + cname, message, "s " + send), 72)
        r = self.o(x, y, "r $0-c-" + cname, cv)
        mm = self.m(x, y + 24, message, cv)
        s = self.o(x, y + 48, "s " + send, cv)
        self.c(r, 0, mm, 0, cv)
        self.c(mm, 0, s, 0, cv)
        return r

    def number(self, x, y, cname, value, lo, hi, label, message, send,
               digits=5, route=True):
        """an IEM number box showing `value` at load (init on), labelled on
        its right; sends `message` ($1 = its value) to `send`"""
        self.o(x, y, "nbx %d 18 %s %s 0 1 $0-c-%s empty %s %d 9 0 12 %s %s "
               "%s %s 256" % (digits, num(lo), num(hi), cname,
                              iemlabel(label), NBX_W(digits) + 8,
                              BG, FG, FG, num(value)))
        if route:
            self._route(cname, message, send)

    def toggle(self, x, y, cname, value, label, message, send, route=True):
        """a toggle labelled on its right; with route=False the value only
        goes to $0-c-<cname> (a subpatch of the patch receives it)"""
        self.o(x, y, "tgl 18 1 $0-c-%s empty %s 24 9 0 12 %s %s %s %s 1"
               % (cname, iemlabel(label), BG, FG, FG,
                  num(value)))
        if route:
            self._route(cname, message, send)

    def choice(self, x, y, cname, choices, value, message, send,
               horizontal=False, cell=18, route=True):
        """a radio with the choices' names beside (vertical) or above
        (horizontal) its cells; sends `message` with $1 replaced by the
        chosen word"""
        k = choices.index(value)
        kind = "hradio" if horizontal else "vradio"
        self.o(x, y, "%s %d 1 1 %d $0-c-%s empty empty 0 -8 0 12 %s %s %s "
               "%d" % (kind, cell, len(choices), cname, BG, FG, FG, k))
        for i, ch in enumerate(choices):
            if horizontal:
                pass
            else:
                self.t(x + cell + 6, y + i * cell + 1, ch, len(ch) + 1)
        if not route:
            return None
        cv = self.ctl
        msgs = [message.replace("$1", ch) for ch in choices]
        sel_text = "sel " + " ".join(str(i) for i in range(len(choices)))
        w = max(sum((len(m_) + 3) * CW for m_ in msgs),
                text_w("r $0-c-" + cname, sel_text))
        x0, y0 = self.ctl_flow.take(w, 120)
        r = self.o(x0, y0, "r $0-c-" + cname, cv)
        sel = self.o(x0, y0 + 24, sel_text, cv)
        self.c(r, 0, sel, 0, cv)
        s = self.o(x0, y0 + 96, "s " + send, cv)
        xx = x0
        for i, mt in enumerate(msgs):
            mm = self.m(xx, y0 + 60, mt, cv)
            xx += (len(mt) + 3) * CW
            self.c(sel, i, mm, 0, cv)
            self.c(mm, 0, s, 0, cv)
        return r

    def messages(self, x, y, items, send, step=26, indent=0, note_x=None,
                 note_w=24):
        """a column of message boxes (with a note each) into one [s send]
        below them: the wires run down their left edges"""
        names = []
        for i, (text, note) in enumerate(items):
            mx = x + indent * i
            names.append(self.m(mx, y + i * step, text))
            if note:
                self.t(note_x or (x + 150), y + i * step + 1, note, note_w)
        s = self.o(x - 20, y + len(items) * step + 4, "s " + send)
        for n in names:
            self.c(n, 0, s, 0)
        return s

    # ---- readouts and meters ----------------------------------------------------
    def readout(self, x, y, recv, unit, width=6, label=None):
        """a number box fed by [s recv], its unit on its right"""
        self.raw("#X floatatom %d %d %d 0 0 0 - %s - 0;" % (
            x, y, width, recv.replace("$", "\\$")))
        if unit:
            self.t(x + width * CW + 8, y, unit, len(unit) + 1)
        if label:
            self.t(x, y - 20, label, len(label) + 1)

    def info_route(self, x, y, src, selectors, spacing=90, units=None,
                   width=6):
        """[r $0-info] (or the outlet src = (box, outlet)), a [route
        sel...] as wide as the row of number boxes under it, each number
        box's selector and unit below it; each number box passes its
        reading on to $0-i-<selector> (the pictures listen there).
        Returns the bottom."""
        if src is None:
            src = (self.o(x, y, "r $0-info"), 0)
            y += 30
        n = len(selectors) + 1
        chars = max(len("route " + " ".join(selectors)) + 1,
                    (spacing * (n - 1) + 10) // CW)
        r = self.o(x, y, "route %s, f %d" % (" ".join(selectors), chars))
        self.c(src[0], src[1], r, 0)
        boxw = chars * CW + 4
        for i, sel in enumerate(selectors):
            ox = x + int(i * (boxw - 7) / (n - 1))
            a = self.raw("#X floatatom %d %d %d 0 0 0 - - \\$0-i-%s 0;"
                         % (ox, y + 36, width, sel))
            self.c(r, i, a, 0)
            words = sel + ((" " + units[i]) if units and units[i] else "")
            self.t(ox, y + 60, words, max(8, (spacing - 8) // CW))
        return y + 60 + 2 * LH + 4

    def bar(self, x, y, w, h, src, lo, hi, color, label=None, ticks=(),
            unit="", vertical=False):
        """a live bar: the value received on `src`, from lo (empty) to hi
        (full), drawn by resizing a [cnv] in [pd draw]"""
        self.o(x, y, "cnv 1 %d %d empty empty empty 8 12 0 13 %s %s 0"
               % (w, h, BAR_BG, FG))
        bname = "$0-bar%d" % self.n
        if vertical:
            self.o(x, y + h - 1, "cnv 1 %d 1 empty %s empty 8 12 0 13 %s %s 0"
                   % (w, bname, color, FG))
        else:
            self.o(x, y, "cnv 1 1 %d empty %s empty 8 12 0 13 %s %s 0"
                   % (h, bname, color, FG))
        if label:
            if vertical:
                self.t(x - 4, y + h + 4, label, len(label) + 1)
            else:
                self.t(x - len(label) * CW - 14, y + (h - LH) // 2, label,
                       len(label) + 1)
        length = h if vertical else w
        for v, word in ticks:
            f = (v - lo) / (hi - lo)
            if vertical:
                self.t(x + w + 6, int(y + h - f * h - LH / 2), word,
                       len(word) + 1)
            else:
                self.t(int(x + f * w - len(word) * CW / 2), y + h + 2, word,
                       len(word) + 1)
        if unit:
            if vertical:
                self.t(x - 4, y - 20, unit, len(unit) + 1)
            else:
                self.t(x + w + 10, y + (h - LH) // 2, unit, len(unit) + 1)
        cv = self.draw
        e_text = ("expr max(1, min(%d, ($f1 - (%s)) / (%s) * %d))"
                  % (length, num(lo), num(hi - lo), length))
        if vertical:
            ex_text = "expr %d - $f1" % (y + h)
            m2_text = "pos %d $1" % x
            dx = text_w(e_text[:20], "t f f", "vis_size %d $1" % w) + 20
            X, Y = self.draw_flow.take(
                max(text_w(e_text, "r " + src), dx + text_w(ex_text,
                                                            m2_text)), 172)
            r = self.o(X, Y, "r " + src, cv)
            e = self.o(X, Y + 30, e_text, cv)
            mv = self.o(X, Y + 60, "t f f", cv)
            m1 = self.m(X, Y + 120, "vis_size %d $1" % w, cv)
            ex = self.o(X + dx, Y + 90, ex_text, cv)
            m2 = self.m(X + dx, Y + 120, m2_text, cv)
            s = self.o(X, Y + 150, "s " + bname, cv)
            self.c(r, 0, e, 0, cv)
            self.c(e, 0, mv, 0, cv)
            self.c(mv, 1, m1, 0, cv)
            self.c(mv, 0, ex, 0, cv)
            self.c(ex, 0, m2, 0, cv)
            self.c(m1, 0, s, 0, cv)
            self.c(m2, 0, s, 0, cv)
        else:
            self._draw_steps(src, e_text, "vis_size $1 %d" % h, bname)

    def _draw_steps(self, src, e_text, m_text, dest):
        """in [pd draw]: [r src] -> [expr] -> [message( -> [s dest]"""
        cv = self.draw
        X, Y = self.draw_flow.take(
            text_w("r " + src, e_text, m_text, "s " + dest), 112)
        r = self.o(X, Y, "r " + src, cv)
        e = self.o(X, Y + 30, e_text, cv)
        m1 = self.m(X, Y + 60, m_text, cv)
        s = self.o(X, Y + 90, "s " + dest, cv)
        self.c(r, 0, e, 0, cv)
        self.c(e, 0, m1, 0, cv)
        self.c(m1, 0, s, 0, cv)

    def marker(self, x, y, w, h, src, lo, hi, label, color=ORANGE,
               initial=None):
        """a thin vertical mark over a horizontal bar of width w at x,
        placed at the value received on `src` (e.g. a target or a
        threshold)"""
        f = ((initial if initial is not None else lo) - lo) / (hi - lo)
        mx = int(x + f * w)
        mname = "$0-mark%d" % self.n
        self.o(mx, y - 4, "cnv 1 2 %d empty %s %s -20 -8 0 12 %s %s 0"
               % (h + 8, mname, iemlabel(label), color, color))
        e_text = ("expr %d + max(0, min(1, ($f1 - (%s)) / (%s))) * %d"
                  % (x, num(lo), num(hi - lo), w))
        self._draw_steps(src, e_text, "pos $1 %d" % (y - 4), mname)

    def graph(self, x, y, name, size, w, h, ylo, yhi, xticks=(), yticks=(),
              style=2, title=None):
        """an array graph (name hidden), with tick words under it and on
        its right"""
        g = Canvas("#N canvas 0 50 450 250 (subpatch) 0;")
        g.raw(None, "#X array %s %d float %d;" % (name.replace("$", "\\$"),
                                                  size, style + 8))
        g.raw(None, "#X coords 0 %s %d %s %d %d 1 0 0;" % (
            num(yhi), size - 1, num(ylo), w, h))
        self.cv.sub(self.uid(), x, y, "graph", g)
        # the restore line reads 'pd graph': fix to 'graph'
        self._graphs = getattr(self, "_graphs", []) + [(x, y)]
        for f, word in xticks:
            self.t(int(x + f * w - len(word) * CW / 2), y + h + 4, word,
                   len(word) + 1)
        for v, word in yticks:
            f = (yhi - v) / (yhi - ylo)
            yy = min(max(int(y + f * h - LH / 2), y), y + h - LH)
            self.t(x + w + 6, yy, word, len(word) + 1)
        if title:
            self.t(x, y - 22, title, len(title) + 1)

    def about(self, x, y, name, paragraphs, width=84, title=None):
        """a subpatch of words: one comment per paragraph (a '- ' item list
        or plain paragraphs)"""
        cv = Canvas("#N canvas 100 80 %d 600 %s 0;" % (width * CW + 60, name))
        yy = 16
        if title:
            cv.text(20, yy, esc(title) + ", f %d" % width)
            yy += 30
        for p in paragraphs:
            lines = wrapped_lines(p, width)
            cv.text(20, yy, "%s, f %d" % (esc(p), width))
            yy += lines * LH + 14
        cv.header = "#N canvas 100 80 %d %d %s 0;" % (width * CW + 60,
                                                       yy + 20, name)
        self.cv.sub(self.uid(), x, y, name, cv)

    # ---- writing ------------------------------------------------------------------
    def render(self):
        # [pd controls] and [pd draw] at the bottom right, above the footer
        self.ctl.text(20, 10, esc("Each control sends its value to "
                                  "$0-c-<name>: here it becomes a message "
                                  "to the object.") + ", f 80")
        self.draw.text(20, 10, esc("The pictures: readings from the info "
                                   "outlet (sent to $0-info) resize and "
                                   "move [cnv] boxes.") + ", f 80")
        text = self.cv.render()
        text = text.replace("pd graph;", "graph;")
        return text + "\n"

    def place_internals(self, x, y):
        """[pd controls] and [pd draw] boxes (where the reader can open
        them)"""
        if self.ctl.items:
            self.cv.sub(self.uid(), x, y, "controls", self.ctl)
            x += 120
        if self.draw.items:
            self.cv.sub(self.uid(), x, y, "draw", self.draw)


def wrapped_lines(text, width):
    import textwrap
    return max(1, len(textwrap.wrap(text, width - 1)))


def packed(h, x, y, cname, fields, message, send, step=26):
    """number boxes whose values form one message ('band 2 bell $1 $2 $3'):
    fields are (label, value, lo, hi); in [pd controls] the first is the
    hot inlet of a [pack] holding every field's value (so moving one box
    keeps the others), each other one stores and bangs. Returns the
    bottom."""
    cv = h.ctl
    for i, (label, v, lo, hi) in enumerate(fields):
        h.o(x, y + i * step, "nbx 5 18 %s %s 0 1 $0-c-%s-%d empty %s %d 9 0 "
            "12 %s %s %s %s 256" % (num(lo), num(hi), cname, i,
                                    iemlabel(label), NBX_W(5) + 8,
                                    BG, FG, FG, num(v)))
    pack_block(h, cname, fields, message, send)
    return y + len(fields) * step


def pack_block(h, cname, fields, message, send):
    """in [pd controls]: [r $0-c-<cname>-<i>] for each field into one
    [pack] (the first hot, the others stored and banged), then the
    message to `send`"""
    cv = h.ctl
    recv = ["r $0-c-%s-%d" % (cname, i) for i in range(len(fields))]
    colw = text_w(*recv) + 10
    pk_text = "pack " + " ".join(num(f[1]) for f in fields)
    w = max(colw * len(fields), text_w(pk_text, message, "s " + send))
    cx, cy = h.ctl_flow.take(w, 172)
    pk = h.o(cx, cy + 90, pk_text, cv)
    for i, rt in enumerate(recv):
        r = h.o(cx + colw * i, cy, rt, cv)
        if i == 0:
            h.c(r, 0, pk, 0, cv)
        else:
            t = h.o(cx + colw * i, cy + 40, "t b f", cv)
            h.c(r, 0, t, 0, cv)
            h.c(t, 1, pk, i, cv)
            h.c(t, 0, pk, 0, cv)
    mm = h.m(cx, cy + 120, message, cv)
    s = h.o(cx, cy + 150, "s " + send, cv)
    h.c(pk, 0, mm, 0, cv)
    h.c(mm, 0, s, 0, cv)


def reference_canvas(name, summary, left, right, footer):
    """[pd reference] of an abstraction (no table to generate it from),
    drawn like an object's: the title row, then two columns of sections.
    A section is (HEADING, items); an item is (key, words) or words."""
    cv = Canvas("#N canvas 60 40 1180 700 reference 0;")
    if is_panel(name):
        cv.text(20, 14, name)
    else:
        cv.obj(None, 20, 14, name)
    x = 20 + (len(name) + 2) * CW + 12
    cv.text(x, 15, "%s, f %d" % (esc("- " + summary), (1160 - x) // CW))
    bottoms = []
    for x0, sections in ((10, left), (600, right)):
        y = 56
        for head, items in sections:
            cv.obj(None, x0, y + 10, "cnv 1 560 2 empty empty %s 8 12 0 13 "
                   "#202020 #000000 0" % head.replace(",", "").replace(" ", "\\ "))
            y += 40
            for it in items:
                if isinstance(it, tuple):
                    key, words = it
                    cv.text(x0 + 20, y, "%s, f 22" % esc(key))
                    cv.text(x0 + 190, y, "%s, f 52" % esc(words))
                    lines = max(wrapped_lines(key, 22),
                                wrapped_lines(words, 52))
                else:
                    cv.text(x0 + 20, y, "%s, f 76" % esc(it))
                    lines = wrapped_lines(it, 76)
                y += lines * LH + 12
        bottoms.append(y)
    yb = max(bottoms) + 10
    cv.obj(None, 10, yb, "cnv 1 1150 1 empty empty empty 8 12 0 13 "
           "#202020 #000000 0")
    cv.text(20, yb + 8, "%s, f 150" % esc(footer))
    cv.header = "#N canvas 60 40 1180 %d reference 0;" % min(740, yb + 40)
    return cv


def write_or_check(path, text, check, what, generator):
    """writes a generated patch, or with check compares it with the file
    and prints PASS/FAIL; returns 1 when it is (or now is) as written"""
    if not check:
        with open(path, "w") as f:
            f.write(text)
        return 1
    cur = open(path).read() if os.path.exists(path) else ""
    print("%s: %s: the patch is what %s writes"
          % ("PASS" if cur == text else "FAIL", what, generator))
    return cur == text
