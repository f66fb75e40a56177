#!/usr/bin/env python3
"""pdlayout.py: checks how Pd patches will look, without Pd.

For each .pd file given, on every canvas (the main one and each subpatch):

  overlap   no two boxes overlap (objects, messages, comments, number
            boxes, GUIs and their labels, graphs, graph-on-parent
            subpatches; [cnv] backgrounds excepted). Widths are estimated
            from the text and the font (Pd 0.53, DejaVu Sans Mono).
  fits      the main window and everything in it fit a 1280 x 800 screen
            (a subpatch's content its width: it may scroll down)
  wires     on the main canvas, no wire crosses a box that is not one of
            its ends, and no inlet takes a fan of more than 8 wires
  comments  no comment is empty or reads "comment"
  files     no comment or message names a file or a command of the source
            tree (tests/..., scripts/..., foo.c, make demo): help patches
            are installed without them
  initial   every control (number box, slider, toggle, radio) whose value
            reaches a mixmaster object as a message shows, when the patch
            opens, the value the object has: its creation flag, else its
            table default (from build/mmref's description). Found by
            running the patch's message paths (loadbang, init GUIs, send/
            receive, msg, trigger, select, route, pack, float, + - * /).

Prints 'PASS: layout <file> <check>' or 'FAIL: layout <file> <check>'
followed by the reasons (indented).

  python3 tests/tools/pdlayout.py [--json desc.json | --mmref build/mmref]
                                  FILE.pd...
"""
import argparse
import json
import os
import re
import subprocess
import sys
import textwrap

SCREEN_W, SCREEN_H = 1280, 800
MAX_FAN = 8
LIMIT = int(os.environ.get("PDLAYOUT_LIMIT", "12"))
CW = {8: 5, 10: 6, 12: 7, 16: 10, 24: 14, 36: 22}
LH = {8: 11, 10: 14, 12: 16, 16: 19, 24: 29, 36: 44}
IEM = {"tgl", "bng", "nbx", "hsl", "vsl", "hradio", "vradio", "hdl", "vdl",
       "cnv", "vu", "my_canvas", "toggle", "hslider", "vslider"}
NUM = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
SOURCE_REF = re.compile(r"(\b(tests|scripts|dsp|externals|doc|bench|build)"
                        r"/[\w./~-]+|\b[\w~-]+\.(c|h|sh|py)\b|\bmake "
                        r"(demo|check|reference|stage|install|help|deken|"
                        r"bench|sanitize|valgrind|fuzz)\b)")


# ---- parsing --------------------------------------------------------------------

def records(text):
    out, cur, i = [], [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur.append(text[i:i + 2])
            i += 2
            continue
        if c == ";":
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    return out


def atoms(rec):
    return re.findall(r"(?:\\.|\S)+", rec)


def unescape(w):
    return re.sub(r"\\(.)", r"\1", w)


def fnum(w):
    try:
        return float(w)
    except (TypeError, ValueError):
        return None


class Box:
    def __init__(self, canvas, index, kind, x, y, a):
        self.canvas, self.index, self.kind = canvas, index, kind
        self.x, self.y, self.a = x, y, a     # a: the atoms after x y
        self.width = None                     # ', f N'
        if len(a) >= 3 and a[-2] == "f" and fnum(a[-1]) is not None:
            if a[-3] in ("\\,", ","):
                self.width = int(float(a[-1]))
                self.a = a[:-3]
            elif a[-3].endswith(",") and not a[-3].endswith("\\,"):
                # 'word, f 40': Pd reads the comma as its own atom
                self.width = int(float(a[-1]))
                self.a = a[:-3] + [a[-3][:-1]]
        self.child = None    # subpatch canvas
        self.graph = False

    @property
    def cls(self):
        if self.kind != "obj" or not self.a:
            return self.kind
        return self.a[0].split("/")[-1]

    def text(self):
        return " ".join(unescape(w) for w in self.a).replace(" ,", ",") \
            .replace(" ;", ";")


class Canvas:
    def __init__(self, head, parent=None):
        self.head = head           # atoms of '#N canvas'
        self.parent = parent
        self.boxes = []
        self.conns = []            # (src, outlet, dst, inlet)
        self.coords = None
        self.font = 12
        self.name = head[6] if len(head) > 6 and parent else "main"

    def all(self):
        yield self
        for b in self.boxes:
            if b.child:
                yield from b.child.all()


def parse(text):
    root, stack = None, []
    for rec in records(text):
        a = atoms(rec)
        if not a:
            continue
        if a[0] == "#N" and a[1:2] == ["canvas"]:
            cv = Canvas(a, stack[-1] if stack else None)
            if not stack:
                root = cv
                cv.font = int(float(a[6])) if len(a) > 6 else 12
            else:
                cv.font = stack[-1].font
            stack.append(cv)
            continue
        if not stack:
            continue
        cv = stack[-1]
        if a[0] != "#X":
            continue
        k = a[1] if len(a) > 1 else ""
        if k in ("obj", "msg", "text", "floatatom", "symbolatom",
                 "listbox"):
            b = Box(cv, len(cv.boxes), k, int(float(a[2])), int(float(a[3])),
                    a[4:])
            b.raw = rec
            cv.boxes.append(b)
        elif k == "restore":
            child = stack.pop()
            parent = stack[-1]
            b = Box(parent, len(parent.boxes), "obj", int(float(a[2])),
                    int(float(a[3])), a[4:])
            b.child = child
            b.graph = a[4:5] == ["graph"]
            parent.boxes.append(b)
        elif k == "connect":
            cv.conns.append(tuple(int(w) for w in a[2:6]))
        elif k == "coords":
            cv.coords = [fnum(w) for w in a[2:]]
    return root


# ---- geometry ---------------------------------------------------------------------

def wrap_lines(text, width):
    return max(1, len(textwrap.wrap(text, max(1, width), break_long_words=True)
                      or [""]))


def label_rect(b, x, y, lab, lx, ly, fs):
    if lab in ("empty", "-", ""):
        return None
    lab = unescape(lab)
    cw = CW.get(int(fs), int(fs * 0.6))
    h = LH.get(int(fs), int(fs * 1.3))
    return (x + lx, y + ly - h // 2, x + lx + len(lab) * cw, y + ly + h // 2)


ABSTRACTIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "..", "..", "abstractions")
_GOP = {}


def abstraction_gop(cls):
    """(width, height) of the library's graph-on-parent abstraction `cls`
    (its '#X coords' line), else None"""
    if not cls or "/" in cls:
        return None
    if cls not in _GOP:
        _GOP[cls] = None
        path = os.path.join(ABSTRACTIONS, cls + ".pd")
        if os.path.exists(path):
            for line in open(path).read().split(";\n"):
                w = line.split()
                if w[:2] == ["#X", "coords"] and len(w) >= 9 and \
                        fnum(w[8]) not in (None, 0):
                    _GOP[cls] = (int(float(w[6])), int(float(w[7])))
    return _GOP[cls]


def geometry(b, font):
    """(rect, label rect or None, is_background)"""
    cw, lh = CW.get(font, 7), LH.get(font, 16)
    x, y, a = b.x, b.y, b.a
    if b.child is not None and (b.graph or (b.child.coords and
                                            len(b.child.coords) >= 7 and
                                            b.child.coords[6])):
        c = b.child.coords
        return (x, y, x + int(c[4]), y + int(c[5])), None, False
    gop = abstraction_gop(b.cls) if b.kind == "obj" else None
    if gop:
        return (x, y, x + gop[0], y + gop[1]), None, False
    if b.kind == "text":
        t = b.text()
        w = b.width or 60
        n = wrap_lines(t, w) if b.width else wrap_lines(t, 60)
        if not b.width:
            w = min(60, max(len(l) for l in textwrap.wrap(t, 60) or [""]))
        return (x, y, x + w * cw + 2, y + n * lh + 2), None, False
    if b.kind in ("floatatom", "symbolatom", "listbox"):
        w = int(float(a[0])) if a else 5
        w = w or 5
        r = (x, y, x + w * cw + 4, y + lh + 5)
        lab = None
        if len(a) > 4 and a[4] not in ("-", "empty"):
            pos = int(float(a[3]))
            ln = len(unescape(a[4])) * cw
            if pos == 0:
                lab = (x - ln - 4, y, x - 2, y + lh)
            elif pos == 1:
                lab = (r[2] + 2, y, r[2] + 4 + ln, y + lh)
            elif pos == 2:
                lab = (x, y - lh, x + ln, y)
            else:
                lab = (x, r[3], x + ln, r[3] + lh)
        return r, lab, False
    if b.kind == "obj" and a and a[0] in IEM:
        c = a[0]
        try:
            if c in ("tgl", "toggle", "bng"):
                s = int(float(a[1]))
                r = (x, y, x + s, y + s)
                li = 5 if c != "bng" else 7
            elif c == "nbx":
                d, hh = int(float(a[1])), int(float(a[2]))
                r = (x, y, x + d * 9 + 20, y + hh)
                li = 9
            elif c in ("hsl", "vsl", "hslider", "vslider"):
                r = (x, y, x + int(float(a[1])), y + int(float(a[2])))
                li = 9
            elif c in ("hradio", "hdl", "vradio", "vdl"):
                s, n = int(float(a[1])), int(float(a[4]))
                r = (x, y, x + s * n, y + s) if c[0] == "h" else \
                    (x, y, x + s, y + s * n)
                li = 7
            elif c in ("cnv", "my_canvas"):
                return (x, y, x + int(float(a[2])), y + int(float(a[3]))), \
                    label_rect(b, x, y, a[6], int(float(a[7])),
                               int(float(a[8])), int(float(a[10]))), True
            else:  # vu
                r = (x, y, x + int(float(a[1])), y + int(float(a[2])))
                li = 3
            lab = label_rect(b, x, y, a[li], int(float(a[li + 1])),
                             int(float(a[li + 2])), int(float(a[li + 4])))
            return r, lab, False
        except (IndexError, ValueError):
            return (x, y, x + 20, y + 20), None, False
    # object and message boxes: one line up to 60 characters, then wrapped
    t = b.text() if b.child is None else "pd " + " ".join(b.a[1:])
    w = b.width or min(60, max(3, len(t)))
    n = wrap_lines(t, w)
    extra = 10 if b.kind == "msg" else 4
    return (x, y, x + w * cw + extra, y + n * lh + 5), None, False


def overlap(r1, r2, tol=2):
    return (min(r1[2], r2[2]) - max(r1[0], r2[0]) > tol and
            min(r1[3], r2[3]) - max(r1[1], r2[1]) > tol)


def describe(b):
    t = b.text() if b.child is None or b.graph else "pd " + " ".join(b.a[1:])
    if b.graph:
        t = "graph"
    return "[%s %s]@%d,%d" % (b.kind if b.kind != "obj" else "",
                               t[:28], b.x, b.y) if b.kind != "obj" else \
        "[%s]@%d,%d" % (t[:30], b.x, b.y)


# ---- the checks ------------------------------------------------------------------

def check_overlap(root):
    bad = []
    for cv in root.all():
        items = []
        for b in cv.boxes:
            r, lab, bg = geometry(b, cv.font)
            if not bg:
                items.append((r, b, ""))
            if lab:
                items.append((lab, b, "label of "))
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                (r1, b1, w1), (r2, b2, w2) = items[i], items[j]
                if b1 is b2:
                    continue
                if overlap(r1, r2):
                    bad.append("%s: %s%s overlaps %s%s" % (
                        cv.name, w1, describe(b1), w2, describe(b2)))
    return bad


def check_fits(root):
    bad = []
    h = root.head
    if len(h) > 5 and (int(float(h[4])) > SCREEN_W or
                       int(float(h[5])) > SCREEN_H - 30):
        bad.append("main window %sx%s is larger than %dx%d" % (
            h[4], h[5], SCREEN_W, SCREEN_H - 30))
    for cv in root.all():
        if cv.parent is not None and cv.parent.boxes and any(
                b.child is cv and b.graph for b in cv.parent.boxes):
            continue
        # the main canvas fits the screen; a subpatch may scroll down
        maxh = SCREEN_H - 40 if cv is root else 1e9
        for b in cv.boxes:
            r, lab, _ = geometry(b, cv.font)
            for rr in (r, lab):
                if rr and (rr[2] > SCREEN_W - 10 or rr[3] > maxh):
                    bad.append("%s: %s reaches %d,%d (past %dx%d)" % (
                        cv.name, describe(b), rr[2], rr[3], SCREEN_W - 10,
                        SCREEN_H - 40))
                    break
    return bad


def n_outlets(b):
    c, a = b.cls, b.a
    if b.kind in ("msg", "floatatom", "symbolatom", "listbox"):
        return 1
    if b.kind == "text":
        return 0
    if c in ("s", "send", "dac~", "print", "throw~", "s~", "outlet",
             "outlet~", "cnv", "catch~") and c != "catch~":
        return 0
    if c in ("t", "trigger"):
        return max(1, len(a) - 1)
    if c in ("route", "sel", "select"):
        return len(a)
    if c in ("unpack",):
        return max(2, len(a) - 1)
    return None


def port_x(b, rect, k, n):
    if n is None or n <= 1:
        return rect[0] + 3 if k == 0 or n is None and k == 0 else \
            min(rect[0] + 3 + 30 * k, rect[2] - 4)
    return rect[0] + 3 + (rect[2] - rect[0] - 7) * k / (n - 1)


def seg_hits(p, q, r):
    """does the segment p-q pass through rectangle r (shrunk a little)?"""
    x0, y0, x1, y1 = r[0] + 3, r[1] + 3, r[2] - 3, r[3] - 3
    if x1 <= x0 or y1 <= y0:
        return False
    # Liang-Barsky clipping
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for pp, qq in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0),
                   (dy, y1 - p[1])):
        if pp == 0:
            if qq < 0:
                return False
        else:
            t = qq / pp
            if pp < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True


def mm_ports(b, desc):
    """(inlets, outlets) of a mixmaster object box, from its description
    scaled to its -ch (None if it is not one)"""
    o = desc.get(b.cls) if desc else None
    if not o or not o.get("instance"):
        return None
    inst = o["instance"]
    ch0 = next((r["default"] for r in o["rows"] if r["name"] == "ch"), None)
    words = [unescape(w) for w in b.a[1:]]
    ch = ch0
    if "-ch" in words:
        k = words.index("-ch")
        if k + 1 < len(words) and fnum(words[k + 1]) is not None:
            ch = fnum(words[k + 1])
    scale = (ch / ch0) if ch0 and ch else 1
    ins = max(1, int(round(inst["signal_inlets"] * scale)))
    outs = int(round(inst["signal_outlets"] * scale)) + \
        (1 if inst.get("info_outlet") else 0)
    return ins, outs


def check_wires(root, desc=None):
    bad = []
    cv = root
    geo = [geometry(b, cv.font) for b in cv.boxes]
    fan = {}
    # an object whose ports are not known here has at least as many as its
    # wires use: spread them over its width as Pd does (a wide
    # [spectrum~ -ch 2 ...] has its right inlet at its right edge)
    outs, ins = {}, {}
    for s, o, d, i in cv.conns:
        outs[s] = max(outs.get(s, 0), o + 1)
        ins[d] = max(ins.get(d, 0), i + 1)
    for k, b in enumerate(cv.boxes):
        ports = mm_ports(b, desc) if b.kind == "obj" else None
        if ports:
            ins[k], outs[k] = ports
    for s, o, d, i in cv.conns:
        if s >= len(cv.boxes) or d >= len(cv.boxes):
            continue
        fan[(d, i)] = fan.get((d, i), 0) + 1
        rs, rd = geo[s][0], geo[d][0]
        p = (port_x(cv.boxes[s], rs, o,
                    n_outlets(cv.boxes[s]) or (outs[s] if outs[s] > 1
                                               else None)), rs[3])
        q = (port_x(cv.boxes[d], rd, i, ins[d] if ins[d] > 1 else None),
             rd[1])
        for k, (r, lab, bg) in enumerate(geo):
            if k in (s, d) or bg:
                continue
            if seg_hits(p, q, r):
                bad.append("the wire %s -> %s crosses %s" % (
                    describe(cv.boxes[s]), describe(cv.boxes[d]),
                    describe(cv.boxes[k])))
    for (d, i), n in fan.items():
        if n > MAX_FAN:
            bad.append("%d wires into inlet %d of %s (at most %d: use "
                       "[s]/[r])" % (n, i, describe(cv.boxes[d]), MAX_FAN))
    return bad


def check_comments(root):
    bad = []
    for cv in root.all():
        for b in cv.boxes:
            if b.kind == "text" and b.text().strip().lower() in ("",
                                                                 "comment"):
                bad.append("%s: an empty comment %s" % (cv.name, describe(b)))
    return bad


IEM = ("nbx", "tgl", "bng", "hsl", "vsl", "hradio", "vradio", "cnv", "vu")


def check_fields(root):
    """an IEM GUI whose saved line has an empty field (two spaces): Pd
    reads one field fewer, so every later field (colours, the initial
    value) lands one place early"""
    bad = []
    for cv in root.all():
        for b in cv.boxes:
            raw = getattr(b, "raw", "")
            if b.kind == "obj" and b.a[:1] and b.a[0] in IEM \
                    and re.search(r"\S  +\S", raw):
                bad.append("%s: an empty field in %s" % (cv.name, describe(b)))
    return bad


def check_files(root):
    bad = []
    for cv in root.all():
        for b in cv.boxes:
            if b.kind not in ("text", "msg"):
                continue
            m = SOURCE_REF.search(b.text())
            if m:
                bad.append("%s: %s names '%s', which is not installed" % (
                    cv.name, describe(b), m.group(0)))
    return bad


# ---- running the message paths ---------------------------------------------------

CONTROL = {"nbx": (7, 8), "hsl": (7, 8), "vsl": (7, 8), "tgl": (3, 4),
           "hradio": (5, 6), "vradio": (5, 6), "hdl": (5, 6), "vdl": (5, 6),
           "bng": (5, 6)}


DOLLAR0 = "1000"


def norm(name):
    """a send/receive name with $0 as the machine's one patch id"""
    return unescape(name.replace("\\$0", DOLLAR0))


class Machine:
    def __init__(self, root, desc):
        self.desc = desc
        self.boxes = [b for cv in root.all() for b in cv.boxes]
        self.out = {}
        for cv in root.all():
            for s, o, d, i in cv.conns:
                if s < len(cv.boxes) and d < len(cv.boxes):
                    self.out.setdefault((id(cv.boxes[s]), o), []).append(
                        (cv.boxes[d], i))
        self.recv = {}
        for b in self.boxes:
            for name in self.receive_names(b):
                self.recv.setdefault(name, []).append(b)
        self.display = {}
        self.state = {}
        self.reached = []      # (object box, message)
        self.steps = 0

    def names(self, b):
        """(send, receive) of a GUI"""
        if b.kind == "floatatom":
            a = b.a
            return (norm(a[6]) if len(a) > 6 else "-",
                    norm(a[5]) if len(a) > 5 else "-")
        if b.kind == "obj" and b.a and b.a[0] in CONTROL:
            si, ri = CONTROL[b.a[0]]
            try:
                return norm(b.a[si]), norm(b.a[ri])
            except IndexError:
                return "empty", "empty"
        return "empty", "empty"

    def receive_names(self, b):
        if b.kind == "obj" and b.cls in ("r", "receive") and len(b.a) > 1:
            return [norm(b.a[1])]
        s, r = self.names(b)
        return [r] if r not in ("empty", "-") else []

    def is_control(self, b):
        return b.kind == "floatatom" or (b.kind == "obj" and b.a and
                                         b.a[0] in CONTROL and
                                         b.a[0] != "bng")

    def init_value(self, b):
        """(value shown before anything arrives, sent at load?)"""
        a = b.a
        c = a[0] if b.kind == "obj" else "floatatom"
        try:
            if c == "tgl":
                on = float(a[2]) != 0
                v = float(a[-2]) if on else 0.0
                return (float(a[-1]) if on and v else v), on
            if c == "nbx":
                return float(a[-2]), float(a[6]) != 0
            if c in ("hsl", "vsl"):
                lo, hi, w = float(a[3]), float(a[4]), float(a[1] if c ==
                                                             "hsl" else a[2])
                on = float(a[6]) != 0
                pos = float(a[-2]) if on else 0
                return lo + (hi - lo) * pos / (100.0 * (w - 1)), on
            if c in ("hradio", "vradio", "hdl", "vdl"):
                on = float(a[3]) != 0
                return (float(a[-1]) if on else 0.0), on
        except (IndexError, ValueError):
            pass
        return 0.0, False

    # messages are lists: [float] | ['bang'] | [selector, args...]
    def send(self, name, msg, depth):
        for b in self.recv.get(name, []):
            if b.kind == "obj" and b.cls in ("r", "receive"):
                self.output(b, 0, msg, depth + 1)
            else:
                self.gui_in(b, msg, depth + 1)

    def output(self, b, outlet, msg, depth):
        for d, i in self.out.get((id(b), outlet), []):
            self.deliver(d, i, msg, depth + 1)

    def gui_in(self, b, msg, depth):
        if msg and msg[0] == "set" and len(msg) > 1 and \
                isinstance(msg[1], float):
            self.display[id(b)] = msg[1]
            return
        if msg and isinstance(msg[0], float):
            self.display[id(b)] = msg[0]
            self.gui_out(b, msg[0], depth)

    def gui_out(self, b, v, depth):
        self.output(b, 0, [v], depth + 1)
        s, r = self.names(b)
        if s not in ("empty", "-") and s != r:
            self.send(s, [v], depth + 1)

    def deliver(self, b, inlet, msg, depth):
        self.steps += 1
        if depth > 60 or self.steps > 20000:
            return
        if self.is_control(b) and inlet == 0:
            self.gui_in(b, msg, depth)
            return
        if b.kind == "msg":
            if msg and msg[0] == "set":
                return
            self.msgbox(b, msg, depth)
            return
        if b.kind != "obj" or not b.a:
            return
        c, args = b.cls, b.a[1:]
        if c in self.desc:
            if inlet == 0:
                self.reached.append((b, msg))
            return
        if c in ("s", "send") and args:
            self.send(norm(args[0]), msg, depth)
        elif c in ("t", "trigger"):
            for k in range(len(args) - 1, -1, -1):
                t = args[k]
                if t in ("b", "bang"):
                    self.output(b, k, ["bang"], depth)
                elif t in ("f", "float"):
                    if msg and isinstance(msg[0], float):
                        self.output(b, k, [msg[0]], depth)
                else:
                    self.output(b, k, msg, depth)
        elif c in ("sel", "select"):
            v = msg[0] if msg else None
            for k, w in enumerate(args):
                if (fnum(w) is not None and v == fnum(w)) or v == w:
                    self.output(b, k, ["bang"], depth)
                    return
            self.output(b, len(args), msg, depth)
        elif c == "route":
            for k, w in enumerate(args):
                if msg and (msg[0] == w or (isinstance(msg[0], float) and
                                            msg[0] == fnum(w))):
                    rest = msg[1:] or ["bang"]
                    self.output(b, k, rest, depth)
                    return
            self.output(b, len(args), msg, depth)
        elif c == "pack":
            st = self.state.setdefault(id(b), [fnum(w) if fnum(w) is not None
                                               else (0.0 if w in ("f", "float")
                                                     else w) for w in args])
            if msg and msg[0] != "bang" and inlet < len(st):
                st[inlet] = msg[0]
            if inlet == 0:
                self.output(b, 0, list(st), depth)
        elif c in ("f", "float", "i", "int"):
            a0 = norm(args[0]) if args else "0"
            st = self.state.setdefault(id(b), [fnum(a0) if fnum(a0)
                                               is not None else 0.0])
            if msg and isinstance(msg[0], float):
                st[0] = msg[0] if c[0] == "f" else float(int(msg[0]))
            if inlet == 0:
                self.output(b, 0, [st[0]], depth)
        elif c in ("+", "-", "*", "/") and inlet == 0 and msg and \
                isinstance(msg[0], float):
            k = fnum(args[0]) if args else 0.0
            v = msg[0]
            v = {"+": v + k, "-": v - k, "*": v * k,
                 "/": v / k if k else 0.0}[c]
            self.output(b, 0, [v], depth)
        elif c == "loadbang":
            pass

    def msgbox(self, b, msg, depth):
        words = []
        for w in b.a:
            m = re.match(r"^\\\$(\d)$", w)
            if m:
                k = int(m.group(1))
                vals = msg if msg and msg[0] != "bang" else []
                words.append(vals[k - 1] if k - 1 < len(vals) else 0.0)
            elif w == "\\,":
                words.append(",")
            elif w == "\\;":
                words.append(";")
            else:
                vals = msg if msg and msg[0] != "bang" else []

                def sub(m):
                    k = int(m.group(1))
                    if k == 0:
                        return DOLLAR0
                    v = vals[k - 1] if k - 1 < len(vals) else 0.0
                    return "%g" % v if isinstance(v, float) else str(v)
                u = unescape(re.sub(r"\\\$(\d)", sub, w))
                words.append(fnum(u) if fnum(u) is not None else u)
        target, cur = None, []

        def flush():
            if cur:
                if target is None:
                    self.output(b, 0, list(cur), depth)
                elif len(cur) > 0:
                    self.send(target, list(cur), depth)

        expect_target = False
        for w in words:
            if w == ",":
                flush()
                cur = []
            elif w == ";":
                flush()
                cur = []
                expect_target = True
            elif expect_target:
                target, expect_target = str(w), False
            else:
                cur.append(w)
        flush()

    def load(self):
        for b in self.boxes:
            if b.kind == "obj" and b.cls == "loadbang":
                self.output(b, 0, ["bang"], 0)
        for b in self.boxes:
            if self.is_control(b):
                v, sends = self.init_value(b)
                if sends:
                    self.display[id(b)] = v
                    self.gui_out(b, v, 0)


def expected(desc, box, msg):
    """the value(s) the object created from `box` has for the message's
    parameter: (what, [values]) or None when it cannot be known"""
    obj = desc[box.cls]
    sel = msg[0] if msg else None
    if not isinstance(sel, str):
        return None
    flags = {}
    cur = None
    occurrences = []
    for w in box.a[1:]:
        u = unescape(w)
        if re.match(r"^-[a-z]", u):
            cur = [u[1:]]
            occurrences.append(cur)
        elif cur is not None:
            cur.append(fnum(u) if fnum(u) is not None else u)
    for occ in occurrences:
        flags[occ[0]] = occ[1:]
    rows = {r["name"]: r for r in obj["rows"]}
    if sel in rows and len(msg) == 2:
        if sel in flags and len(flags[sel]) == 1:
            return [flags[sel][0]]
        d = rows[sel]["default"]
        return [fnum(d) if fnum(d) is not None else d]
    # a method with a leading index (band 2 ..., threshold 3 ...): the
    # last creation flag for that index (or for 0 = every band)
    best = None
    for occ in occurrences:
        if occ[0] == sel and len(occ) == len(msg) and \
                (occ[1] == msg[1] or occ[1] == 0.0):
            best = occ[1:]
    if best is not None:
        return [msg[1]] + best[1:]
    for m in obj["methods"]:
        if m["name"] == sel and m.get("arg_rows") and \
                len(m["arg_rows"]) == len(msg) - 2 and len(msg) >= 3:
            return [msg[1]] + [r["default"] for r in m["arg_rows"]]
    return None


def same(a, b):
    fa, fb = fnum(a), fnum(b)
    if fa is not None and fb is not None:
        return abs(fa - fb) <= 1e-3 * max(1.0, abs(fb))
    return str(a) == str(b)


def check_initial(root, desc):
    bad = []
    mach = Machine(root, desc)
    mach.load()
    state = {k: list(v) for k, v in mach.state.items()}
    for b in mach.boxes:
        if not mach.is_control(b):
            continue
        shown = mach.display.get(id(b))
        if shown is None:
            shown, _ = mach.init_value(b)
            shown = 0.0 if b.kind == "floatatom" else shown
        probe = Machine.__new__(Machine)
        probe.__dict__.update(mach.__dict__)
        probe.state = {k: list(v) for k, v in state.items()}
        probe.display = dict(mach.display)
        probe.reached = []
        probe.steps = 0
        probe.gui_out(b, shown, 0)
        for obj, msg in probe.reached:
            exp = expected(desc, obj, msg)
            if exp is None:
                continue
            got = msg[1:]
            if len(got) != len(exp) or not all(same(g, e) for g, e in
                                                zip(got, exp)):
                bad.append("%s: %s shows %s at load, so it means '%s', but "
                           "%s starts with %s" % (
                               b.canvas.name, describe(b), "%g" % shown,
                               " ".join("%g" % v if isinstance(v, float)
                                        else str(v) for v in msg),
                               describe(obj),
                               " ".join("%g" % v if isinstance(v, float)
                                        else str(v) for v in [msg[0]] + exp)))
    return bad


# ---- main -----------------------------------------------------------------------

def load_desc(args):
    if args.json:
        with open(args.json) as f:
            d = json.load(f)
    elif args.mmref:
        d = json.loads(subprocess.run([args.mmref], check=True,
                                      stdout=subprocess.PIPE).stdout)
    else:
        return {}
    return {o["name"]: o for o in d["objects"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json")
    ap.add_argument("--mmref")
    ap.add_argument("--only", help="comma-separated checks")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    desc = load_desc(args)
    checks = [("overlap", check_overlap), ("fits", check_fits),
              ("wires", lambda r: check_wires(r, desc)),
              ("comments", check_comments), ("fields", check_fields),
              ("files", check_files)]
    if desc:
        checks.append(("initial", lambda r: check_initial(r, desc)))
    if args.only:
        keep = args.only.split(",")
        checks = [c for c in checks if c[0] in keep]
    fails = 0
    for path in args.files:
        with open(path) as f:
            root = parse(f.read())
        name = os.path.basename(path)
        for cname, fn in checks:
            bad = fn(root)
            if bad:
                fails += 1
                print("FAIL: layout %s %s (%d)" % (name, cname, len(bad)))
                for line in bad[:LIMIT]:
                    print("    " + line)
                if len(bad) > LIMIT:
                    print("    ... and %d more" % (len(bad) - LIMIT))
            else:
                print("PASS: layout %s %s" % (name, cname))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
