#!/usr/bin/env python3
"""mkreference.py: the reference of every mixmaster object, from its tables.

One source: the description build/mmref writes (JSON, from each object's
declaration and its core's parameter table, see scripts/mmref.c) plus
doc/guarantees/<name>.md (what the object promises, and notes the tables
cannot say). From it this writes

  - the [pd reference] subpatch of help-patches/<name>-help.pd, in place
    (Pd 0.52+ layout: INLETS, OUTLETS, FLAGS, MESSAGES, INFO OUTPUTS, then
    NOTES and GUARANTEES; units, ranges and defaults from the table; every
    box placed from its text length so that nothing overlaps);
  - doc/<name>.md, one page per object, and doc/README.md, the index.

Objects that are not in the description (still built on mm_pdlegacy, or
abstractions) are skipped and listed.

  python3 scripts/mkreference.py                # build build/mmref, write all
  python3 scripts/mkreference.py --json d.json  # from a description file
  python3 scripts/mkreference.py --check        # compare only (exit 1 if stale)
  options: --mmref PATH  --help-dir DIR  --doc-dir DIR  --only NAME...

--check prints PASS:/FAIL: lines (tests/pd/test_reference.sh uses it): a
help patch's reference must say what the table says, a page must be
current, and no two boxes of a reference may overlap. Re-saving a help
patch in Pd (which re-wraps lines and re-formats numbers) does not make
it stale.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import textwrap

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
PD_MIN = "0.51"

# Pd's font metrics at the help patches' font size (12): character width
# and line height in pixels, rounded up so that estimates err on the
# roomy side.
FONT = {8: (6, 11), 10: (7, 14), 12: (7, 17), 16: (10, 21)}


# ---- the description ------------------------------------------------------

def load_description(args):
    if args.json:
        with open(args.json) as f:
            return json.load(f)
    mmref = args.mmref or os.path.join(ROOT, "build", "mmref")
    if not args.mmref:
        # let make decide whether the tool is stale
        subprocess.run(["make", "-s", "-C", ROOT,
                        os.path.relpath(mmref, ROOT)], check=True,
                       stdout=sys.stderr)
    out = subprocess.run([mmref], check=True, stdout=subprocess.PIPE)
    return json.loads(out.stdout.decode())


def read_guarantees(doc_dir, name):
    """doc/guarantees/<name>.md: '## Notes' and '## Guarantees' sections
    of '- ' items (continued by indented lines). Returns (intro, {section:
    [items]}); the intro is the text before the first section."""
    path = os.path.join(doc_dir, "guarantees", name + ".md")
    sections, intro, cur = {}, [], None
    if not os.path.exists(path):
        return "", sections
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"##\s+(.*)", line)
            if m:
                cur = m.group(1).strip()
                sections[cur] = []
            elif line.startswith("# "):
                continue
            elif cur is None:
                intro.append(line.strip())
            elif line.startswith("- "):
                sections[cur].append(line[2:].strip())
            elif line.strip() and sections[cur]:
                sections[cur][-1] += " " + line.strip()
            elif line.strip():
                sections[cur].append(line.strip())
    return " ".join(l for l in intro if l).strip(), sections


# ---- words from a row -------------------------------------------------------

def num(v):
    """a number as Pd prints it"""
    return "%g" % v


def arg_of(row):
    if row["type"] == "bool":
        return "<0|1>"
    if row["type"] == "choice":
        return "<" + "|".join(row["choices"]) + ">"
    if row["unit"]:
        return "<%s>" % row["unit"]
    return "<int>" if row["type"] == "int" else "<number>"


def range_of(row):
    """'-80..0 dB, default 0', 'peak|rms, default peak', ..."""
    unit = (" " + row["unit"]) if row["unit"] else ""
    if row["type"] == "choice":
        return "one of %s, default %s" % (", ".join(row["choices"]),
                                          row["default"])
    if row["type"] == "bool":
        return "0 or 1, default %s" % num(row["default"])
    r = "%s..%s%s" % (num(row["min"]), num(row["max"]), unit)
    if row["type"] == "int":
        r += " (whole numbers)"
    if row["off"] is not None:
        r += " or %s = off" % num(row["off"])
        if row["default"] == row["off"]:
            return r + ", default off"
    if row.get("per_instance"):
        return r + ", default: each instance its own"
    return r + ", default " + num(row["default"])


def arg_ranges(m):
    """a method's argument ranges from the core's rows: 'frequency
    10..96000 Hz; gain -24..24 dB' (no defaults: an argument has none)"""
    parts = []
    for r in m.get("arg_rows") or []:
        if r["type"] == "choice":
            parts.append("%s one of %s" % (r["name"], ", ".join(r["choices"])))
        elif r["type"] == "bool":
            parts.append("%s 0 or 1" % r["name"])
        else:
            parts.append("%s %s..%s%s" % (r["name"], num(r["min"]),
                                          num(r["max"]),
                                          (" " + r["unit"]) if r["unit"]
                                          else ""))
    return "; ".join(parts)


def sentence(doc):
    doc = (doc or "").strip()
    if doc and doc[-1] not in ".!?":
        doc += "."
    return doc[:1].upper() + doc[1:]


def message_rows(obj):
    return [r for r in obj["rows"] if r["message"]]


def creation_rows(obj):
    return [r for r in obj["rows"] if r["creation"]]


def not_flags(obj):
    """names that are messages only: everything else is also a flag"""
    return [m["name"] for m in obj["methods"]
            if not m["flag"] and m["origin"] != "common"] + \
           [r["name"] for r in obj["rows"] if not r["flag"]]


def usage(obj):
    parts = [obj["name"]]
    for r in creation_rows(obj):
        if r["name"] == "ch":
            parts.append("-ch %s" % num(r["default"]))
    core = [r for r in obj["rows"] if r["origin"] != "common" and r["flag"]
            and not r["creation"] and r["type"] != "bool"]
    for r in core[:1]:
        v = r["default"] if r["type"] == "choice" else num(r["default"])
        parts.append("-%s %s" % (r["name"], v))
    return "[" + " ".join(parts) + "]"


def core_file(obj):
    mods = {r["origin"] for r in obj["rows"] if r["origin"] != "common"}
    return ["dsp/mm_%s.c" % m for m in sorted(mods)]


def wrapper_file(obj):
    return "externals/%s.c" % obj["name"]


# ---- Pd patch text -----------------------------------------------------------

PD_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def pd_words(text):
    """text as Pd keeps it in a comment: words that read as numbers are
    stored as floats (so '50.' becomes '50'), ',' and ';' are separate
    escaped atoms, '$' is escaped, braces are not allowed."""
    text = text.replace("{", "(").replace("}", ")").replace("\\", "/")
    text = text.replace(";", " -")
    out = []
    for w in text.replace(",", " , ").split():
        if w == ",":
            out.append("\\,")
            continue
        if PD_NUMBER.match(w):
            f = float(w)
            w = "%g" % f
        out.append(w.replace("$", "\\$"))
    return " ".join(out)


def display(text):
    """what Pd shows for a comment (for wrapping): commas close up"""
    return pd_words(text).replace(" \\,", ",").replace("\\$", "$")


def wrap(text, width):
    """Pd breaks a comment at the last space before `width` characters
    (one less than width on a broken line, to be safe)."""
    lines = textwrap.wrap(display(text), width - 1, break_long_words=True,
                          break_on_hyphens=False)
    return max(1, len(lines))


class Layout:
    """boxes of one canvas, with their estimated extent; a subpatch is a
    child Layout whose lines are nested in this one's"""

    def __init__(self, font=12):
        self.font = font
        self.cw, self.lh = FONT.get(font, FONT[12])
        self.lines = []
        self.boxes = []   # (x0, y0, x1, y1, what)
        self.children = []

    def box(self, x0, y0, x1, y1, what):
        self.boxes.append((x0, y0, x1, y1, what))

    def text(self, x, y, text, width):
        """a comment `width` characters wide; returns its bottom"""
        n = wrap(text, width)
        h = n * self.lh + 4
        self.lines.append("#X text %d %d %s, f %d;" % (x, y, pd_words(text),
                                                        width))
        self.box(x, y, x + width * self.cw + 4, y + h, text[:30])
        return y + h

    def obj(self, x, y, text):
        self.lines.append("#X obj %d %d %s;" % (x, y, text))
        h = self.lh + 6
        self.box(x, y, x + (len(text) + 2) * self.cw, y + h, text[:30])
        return y + h

    def subpatch(self, x, y, name, child, head):
        """[pd name] at x y holding the canvas of the Layout `child`, whose
        '#N canvas' record is `head`; returns the box's bottom"""
        self.lines.append(head)
        self.lines += child.lines
        self.lines.append("#X restore %d %d pd %s;" % (x, y, name))
        self.children.append(child)
        h = self.lh + 6
        self.box(x, y, x + (len(name) + 5) * self.cw, y + h, "pd " + name)
        return y + h

    def bar(self, x, y, w, label, major=True):
        """a Pd 0.52 section bar (a 2 px canvas, or 1 px for a sub-bar)
        with its label under its left end; returns the label's bottom"""
        h, color = (2, "#202020") if major else (1, "#7c7c7c")
        self.lines.append(
            "#X obj %d %d cnv 1 %d %d empty empty %s 8 12 0 13 %s #000000 "
            "0;" % (x, y, w, h, label, color))
        self.box(x, y, x + w, y + h, "bar " + label)
        # the label: 13 px font, drawn from about y + 4 to y + 20
        nchar = len(label.replace("\\", ""))
        self.box(x + 6, y + h + 1, x + 10 + nchar * 9, y + 22,
                 "label " + label)
        return y + 22

    def bottom(self):
        return max([b[3] for b in self.boxes] or [0])

    def overlaps(self):
        bad = []
        b = self.boxes
        for i in range(len(b)):
            for j in range(i + 1, len(b)):
                if (b[i][0] < b[j][2] and b[j][0] < b[i][2]
                        and b[i][1] < b[j][3] and b[j][1] < b[i][3]):
                    bad.append((b[i][4], b[j][4]))
        for c in self.children:
            bad += c.overlaps()
        return bad


COLW = 560          # a column's width in pixels
GAP = 6             # between entries
CANVAS_W = 2 * COLW + 30
# A reference taller than this (in pixels, the canvas's content) moves its
# messages into a [pd messages] subpatch of its own: the window should fit
# a laptop screen without scrolling.
MAX_H = 800


# A column is made of sections: (label, [piece, ...]). A section is drawn
# as a bar with its label, then its pieces; a piece is a function (lay, x,
# y) -> bottom that draws one entry of the column at x (the column's left
# edge) and y.

def piece_text(text):
    return lambda lay, x, y: lay.text(x + 20, y, text,
                                      (COLW - 30) // lay.cw) + GAP


def piece_entry(left, right, lw):
    """a two-part entry: `left` words (lw characters wide), `right` words
    in the rest of the column"""
    def draw(lay, x, y):
        dw = (COLW - 20 - lw * lay.cw - 14 - 8) // lay.cw
        b1 = lay.text(x + 20, y, left, lw)
        b2 = lay.text(x + 20 + lw * lay.cw + 14, y, right, dw)
        return max(b1, b2) + GAP
    return draw


def piece_port(p):
    """Pd 0.52 style: a sub-bar labelled 1st:, 2nd.. with the words to
    its right"""
    def draw(lay, x, y):
        lab = lay.bar(x + 2, y, COLW - 2, p["label"] + ":", major=False)
        t = lay.text(x + 110, y + 6, "%s - %s" % (p["type"], p["doc"]),
                     (COLW - 120) // lay.cw)
        return max(lab, t) + GAP
    return draw


def draw_column(lay, x, y, sections):
    """the sections one under the other; returns the bottom"""
    for k, (label, pieces) in enumerate(sections):
        y = lay.bar(x, y + (6 if k else 0), COLW, label) + 4
        for p in pieces:
            y = p(lay, x, y)
    return y


def column_height(sections, font):
    if not sections:
        return 0
    return draw_column(Layout(font), 0, 0, sections)


def split_columns(sections, font):
    """the sections flowed into two columns of about the same height, in
    reading order (down the left column, then down the right one). A
    column breaks between two pieces, best between two sections; a
    section broken in two repeats its bar, labelled '(cont.)', at the top
    of the right column. Returns (left, right)."""
    flat = [(i, p) for i, (_, ps) in enumerate(sections) for p in ps]

    def group(part, cont):
        out = []
        for i, p in part:
            if out and out[-1][0] == i:
                out[-1][2].append(p)
            else:
                label = sections[i][0]
                if cont is not None and not out and i == cont:
                    label = label[:-1] + "\\ (cont.):"
                out.append((i, label, [p]))
        return [(label, ps) for _, label, ps in out]

    best = None
    for k in range(len(flat) + 1):
        left, right = flat[:k], flat[k:]
        # a section broken by this split continues on the right
        broken = left and right and left[-1][0] == right[0][0]
        lcol = group(left, None)
        rcol = group(right, right[0][0] if broken else None)
        h = max(column_height(lcol, font), column_height(rcol, font))
        # a break inside a section reads worse than one between sections
        score = h + (80 if broken else 0)
        if best is None or score < best[0]:
            best = (score, lcol, rcol)
    return best[1], best[2]


def header(lay, title, summary):
    """the object box and its summary; returns where the columns start"""
    lay.obj(20, 14, title)
    x = 20 + (len(title) + 2) * lay.cw + 16
    lay.text(x, 15, summary, (CANVAS_W - x) // lay.cw)
    return lay.bottom() + 14


def port_sections(obj):
    ins = [piece_port(p) for p in obj["inlets"]]
    if obj.get("inlets_doc"):
        ins.append(piece_text(obj["inlets_doc"]))
    return [("INLETS:", ins),
            ("OUTLETS:", [piece_port(p) for p in obj["outlets"]])]


def flag_section(obj):
    items = []
    for r in creation_rows(obj):
        doc = sentence(r["doc"])[:-1]
        if "creation only" not in doc:
            doc += ", creation only"
        items.append(("-%s %s" % (r["name"], arg_of(r)), with_range(doc, r)))
    lw = label_width(items)
    items = [piece_entry(l, r, lw) for l, r in items]
    also = "Every message is also a creation flag, -name value..."
    nf = not_flags(obj)
    if nf:
        also += " (except %s)" % ", ".join(nf)
    also += ": flags are read left to right after the object is made, " \
            "e.g. %s." % usage(obj)
    items.append(piece_text(also))
    return ("FLAGS:", items)


def label_width(items, lo=14, hi=24):
    """the width in characters of the label part of (left, right) entries:
    the longest label's, within lo..hi (longer ones wrap)"""
    return max(lo, min(hi, max([len(l) for l, _ in items] or [0]) + 1))


def with_range(doc, row):
    """a row's words and its range: 'Input gain. -24..24 dB, default 0';
    in parentheses after words that end on a number, whose period Pd
    would drop ('... 4.5 or 6 (0..6 dB, default 3)')"""
    doc = sentence(doc)
    rng = sentence(range_of(row))[:-1]
    if doc.endswith(".") and PD_NUMBER.match(doc[:-1].split()[-1]):
        return "%s (%s)" % (doc[:-1], rng[:1].lower() + rng[1:])
    return "%s %s" % (doc, rng)


def message_items(obj, common):
    """(left, right) words of the messages: the object's own (common
    False) or those every object has (common True)"""
    items = []
    for r in message_rows(obj):
        if (r["origin"] == "common") != common:
            continue
        items.append(("%s %s" % (r["name"], arg_of(r)),
                      with_range(r["doc"], r)))
    for m in obj["methods"]:
        if (m["origin"] == "common") != common:
            continue
        left = m["name"] + ((" " + m["args"]) if m["args"] else "")
        right = sentence(m["doc"])
        if arg_ranges(m):
            right += " (%s)" % arg_ranges(m)
        if not m["flag"] and m["origin"] != "common":
            right += " Message only."
        items.append((left, right))
    return items


CLAMP_NOTE = ("Values out of range are clamped with one warning. Unknown "
              "words and missing or non-numeric arguments are refused with "
              "an error and change nothing.")


def message_sections(obj):
    own, common = message_items(obj, False), message_items(obj, True)
    lw = label_width(own + common)
    own = [piece_entry(l, r, lw) for l, r in own]
    common = [piece_entry(l, r, lw) for l, r in common]
    common.append(piece_text(CLAMP_NOTE))
    out = []
    if own:
        out.append(("MESSAGES:", own))
    out.append(("COMMON\\ MESSAGES:" if own else "MESSAGES:", common))
    return out


def info_section(obj):
    items = [("%s %s" % (i["selector"], i["args"]), sentence(i["doc"]))
             for i in obj["info"]]
    lw = label_width(items)
    items = [piece_entry(l, r, lw) for l, r in items]
    if "meter" in obj["features"]:
        note = ("Readings come every interval ms (default %s) and on bang." %
                num(obj["interval_default"]))
    else:
        note = "Readings come on bang."
    note += (" -144 means silence or not measured yet: never inf or NaN."
             " latency is also sent each time DSP starts.")
    items.append(piece_text(note))
    return ("INFO\\ OUTPUTS:", items)


SOURCE_PATHS = re.compile(r"\b(tests|bench)/[\w./~-]*\w"
                          r"(\s+and\s+(tests|bench)/[\w./~-]*\w)*")


def for_patch(text):
    """a note as the help patch says it: the source tree is not installed
    with the patch, so its files are named by what they are"""
    return SOURCE_PATHS.sub(lambda m: "the benchmark" if
                            m.group(1) == "bench" else "the tests", text)


def text_sections(sections):
    out = []
    for title in ("Notes", "Guarantees"):
        if sections.get(title):
            out.append((title.upper() + ":",
                        [piece_text(for_patch(t)) for t in sections[title]]))
    return out


def messages_pointer(obj, pos, font):
    """the MESSAGES section of a reference whose messages are in their own
    [pd messages]: the names, and the subpatch"""
    names = [r["name"] for r in message_rows(obj)] + \
        [m["name"] for m in obj["methods"]]
    sub = Layout(font)
    top = header(sub, obj["name"], "- messages to the left inlet, with "
                 "their units, ranges and defaults. Each is also a creation "
                 "flag (see the reference's FLAGS).")
    left, right = split_columns(message_sections(obj), font)
    yl = draw_column(sub, 10, top, left)
    yr = draw_column(sub, COLW + 40, top, right)
    h = max(yl, yr) + 10
    head = "#N canvas %d %d %d %d messages 0;" % (pos[0] + 30, pos[1] + 30,
                                                   CANVAS_W + 30, h + 10)

    def draw(lay, x, y):
        y = lay.text(x + 20, y, "%d messages (%s), each with its unit, "
                     "range and default in" % (len(names), " ".join(names)),
                     (COLW - 30) // lay.cw)
        return lay.subpatch(x + 20, y + 4, "messages", sub, head) + GAP
    return ("MESSAGES:", [draw])


def reference_canvas(obj, sections, pos, font=12):
    """the lines of the [pd reference] subpatch (from '#N canvas' to
    before '#X restore')"""
    def build(messages):
        lay = Layout(font)
        top = header(lay, obj["name"], "- " + obj["summary"])
        secs = port_sections(obj) + [flag_section(obj)] + messages + \
            [info_section(obj)] + text_sections(sections)
        left, right = split_columns(secs, font)
        yl = draw_column(lay, 10, top, left)
        yr = draw_column(lay, COLW + 40, top, right)
        y = max(yl, yr) + 10
        lay.lines.append("#X obj 10 %d cnv 1 %d 1 empty empty empty 8 12 0 "
                         "13 #202020 #000000 0;" % (y, CANVAS_W))
        lay.box(10, y, 10 + CANVAS_W, y + 2, "footer bar")
        foot = ("mixmaster, Pd %s or newer. Generated from the object's "
                "own parameter table: it says what the code does." % PD_MIN)
        y = lay.text(20, y + 8, foot, (CANVAS_W - 20) // lay.cw)
        return lay, y

    lay, y = build(message_sections(obj))
    if y > MAX_H:
        lay, y = build([messages_pointer(obj, pos, font)])
    head = "#N canvas %d %d %d %d reference 0;" % (pos[0], pos[1],
                                                   CANVAS_W + 30, y + 20)
    return [head] + lay.lines, lay


# ---- reading and writing patches ---------------------------------------------

def records(text):
    """split a Pd file into records: (text, start, end) with the ';' and
    newline; escaped semicolons stay inside"""
    out, start, i = [], 0, 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == ";":
            end = i + 1
            if end < len(text) and text[end] == "\n":
                end += 1
            out.append((text[start:i], start, end))
            start = end
        i += 1
    return out


def atoms(rec):
    """a record's atoms, normalised as Pd would save them"""
    out = []
    for w in re.findall(r"(?:\\.|\S)+", rec):
        if PD_NUMBER.match(w):
            w = "%g" % float(w)
        out.append(w)
    return out


def find_reference(text):
    """(start, end, x, y of the window, restore record) of the [pd
    reference] subpatch, or None"""
    recs = records(text)
    for k, (r, s, e) in enumerate(recs):
        a = atoms(r)
        if a[:2] == ["#N", "canvas"] and len(a) >= 7 and a[6] == "reference":
            depth = 0
            for (r2, s2, e2) in recs[k:]:
                b = atoms(r2)
                if b[:2] == ["#N", "canvas"]:
                    depth += 1
                elif b[:2] == ["#X", "restore"]:
                    depth -= 1
                    if depth == 0:
                        if b[-2:] != ["pd", "reference"]:
                            break
                        return s, s2, (int(float(a[2])), int(float(a[3]))), e2
            return None
    return None


def top_font(text):
    a = atoms(records(text)[0][0])
    try:
        return int(float(a[6]))
    except (IndexError, ValueError):
        return 12


def new_help_text(text, obj, sections):
    """the help patch with its reference subpatch regenerated (appended at
    the end of the main canvas when it has none)"""
    found = find_reference(text)
    font = top_font(text)
    if found:
        start, rstart, pos, _ = found
        lines, lay = reference_canvas(obj, sections, pos, font)
        return text[:start] + "\n".join(lines) + "\n" + text[rstart:], lay
    # no reference yet: before the main canvas's connections
    lines, lay = reference_canvas(obj, sections, (60, 60), font)
    recs = records(text)
    cut = len(text)
    depth = 0  # the main canvas is depth 1: its own records only
    for r, s, e in recs:
        a = atoms(r)
        if a[:2] == ["#N", "canvas"]:
            depth += 1
        elif a[:2] == ["#X", "restore"]:
            depth -= 1
        elif a[:2] == ["#X", "connect"] and depth == 1:
            cut = s
            break
    maxy = 0
    depth = 0
    for r, s, e in recs:
        a = atoms(r)
        if a[:2] == ["#N", "canvas"]:
            depth += 1
        elif a[:2] == ["#X", "restore"]:
            depth -= 1
        if depth != 1:  # a subpatch's own records
            continue
        if len(a) > 3 and a[0] == "#X" and a[1] in ("obj", "msg", "text",
                                                    "restore"):
            try:
                maxy = max(maxy, int(float(a[3])))
            except ValueError:
                pass
    block = "\n".join(lines) + "\n#X restore 20 %d pd reference;\n" % (
        maxy + 60)
    return text[:cut] + block + text[cut:], lay


def reference_atoms(text):
    """the reference subpatch as normalised records (the window position
    and size left out), for comparison"""
    found = find_reference(text)
    if not found:
        return None
    start, _, _, end = found
    out = []
    for r, s, e in records(text[start:end]):
        a = atoms(r)
        if a[:2] == ["#N", "canvas"]:
            a = a[:2] + a[6:]
        elif a[:2] == ["#X", "restore"]:
            a = a[:2] + a[4:]
        out.append(" ".join(a))
    return out


# ---- doc pages -------------------------------------------------------------------

def md_escape(s):
    return (s or "").replace("|", "\\|")


def doc_page(obj, intro, sections):
    n = obj["name"]
    L = ["# %s" % n, "", sentence(obj["summary"]), ""]
    if intro:
        L += [intro, ""]
    L += ["`%s`" % usage(obj), ""]
    L += ["## Inlets", ""]
    for p in obj["inlets"]:
        L.append("- **%s** (%s): %s" % (p["label"], p["type"], p["doc"]))
    if obj.get("inlets_doc"):
        L.append("- %s" % obj["inlets_doc"])
    L += ["", "## Outlets", ""]
    for p in obj["outlets"]:
        L.append("- **%s** (%s): %s" % (p["label"], p["type"], p["doc"]))
    L += ["", "## Creation flags", "",
          "| flag | range | default | |", "|---|---|---|---|"]
    for r in creation_rows(obj):
        rng = range_of(r).rsplit(", default", 1)[0]
        d = r["default"] if r["type"] == "choice" else num(r["default"])
        L.append("| `-%s %s` | %s | %s | %s |" % (
            r["name"], md_escape(arg_of(r)), md_escape(rng), d,
            md_escape(sentence(r["doc"]))))
    nf = not_flags(obj)
    L += ["", "Every message below is also a creation flag, `-name value...`"
          + (" (except %s)" % ", ".join("`%s`" % x for x in nf) if nf else "")
          + ", read left to right once the object is made.", ""]
    L += ["## Messages", "", "| message | range | default | |",
          "|---|---|---|---|"]
    for r in message_rows(obj):
        rng = range_of(r).rsplit(", default", 1)[0]
        d = r["default"] if r["type"] == "choice" else num(r["default"])
        if r["off"] is not None and r["default"] == r["off"]:
            d = "off"
        if r.get("per_instance"):
            d = "each instance its own"
        L.append("| `%s %s` | %s | %s | %s |" % (
            r["name"], md_escape(arg_of(r)), md_escape(rng), d,
            md_escape(sentence(r["doc"]))))
    for m in obj["methods"]:
        left = m["name"] + ((" " + m["args"]) if m["args"] else "")
        doc = sentence(m["doc"])
        if not m["flag"] and m["origin"] != "common":
            doc += " Message only."
        L.append("| `%s` | %s | | %s |" % (md_escape(left),
                                          md_escape(arg_ranges(m)),
                                          md_escape(doc)))
    L += ["", "Values out of range are clamped with one warning naming the "
          "object, the parameter and the range. Unknown words and missing or "
          "non-numeric arguments are refused with an error and change "
          "nothing; the object is always created.", ""]
    L += ["## Info outputs", "", "| selector | |", "|---|---|"]
    for i in obj["info"]:
        L.append("| `%s %s` | %s |" % (i["selector"], md_escape(i["args"]),
                                       md_escape(sentence(i["doc"]))))
    every = ("every `interval` ms (default %s) and on `bang`" %
             num(obj["interval_default"])) if "meter" in obj["features"] \
        else "on `bang`"
    L += ["", "Readings come %s. -144 means silence or not measured yet: "
          "never inf or NaN. `latency` is also sent each time DSP starts."
          % every, ""]
    for title in ("Notes", "Guarantees"):
        if sections.get(title):
            L += ["## " + title, ""]
            L += ["- " + t for t in sections[title]]
            L.append("")
    L += ["---", "",
          "Generated by `scripts/mkreference.py` from the declaration in "
          "`%s`%s and `doc/guarantees/%s.md`: edit those, then run "
          "`make reference`." % (
              wrapper_file(obj),
              "".join(", the table in `%s`" % f for f in core_file(obj)), n),
          ""]
    return "\n".join(L)


def doc_index(desc, pages):
    L = ["# mixmaster object reference", "",
         "One page per object, generated from the object's own declaration "
         "and its core's parameter table (`make reference`, or "
         "`python3 scripts/mkreference.py`), with the guarantees in "
         "`doc/guarantees/`. The same words make the `[pd reference]` "
         "subpatch of each help patch.", "",
         "| object | what it does |", "|---|---|"]
    for o in desc["objects"]:
        if o["name"] in pages:
            L.append("| [%s](%s.md) | %s |" % (o["name"], o["name"],
                                               md_escape(o["summary"])))
    if desc.get("legacy"):
        L += ["", "Not generated yet (still on the old parameter layer, "
              "see their help patches): " +
              ", ".join("`%s`" % n for n in desc["legacy"]) + ".", ""]
    L.append("")
    return "\n".join(L)


# ---- main ------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", help="the description (default: run mmref)")
    ap.add_argument("--mmref", help="the tool (default: make build/mmref)")
    ap.add_argument("--help-dir", default=os.path.join(ROOT, "help-patches"))
    ap.add_argument("--doc-dir", default=os.path.join(ROOT, "doc"))
    ap.add_argument("--only", nargs="*", help="these objects only")
    ap.add_argument("--check", action="store_true",
                    help="compare, write nothing; PASS:/FAIL: lines")
    args = ap.parse_args()

    desc = load_description(args)
    names = [o["name"] for o in desc["objects"]]
    fails = 0

    def report(ok, what):
        nonlocal fails
        if args.check:
            print(("PASS: " if ok else "FAIL: ") + what)
        fails += not ok

    done, pages = [], set()
    for obj in desc["objects"]:
        n = obj["name"]
        if args.only and n not in args.only:
            continue
        intro, sections = read_guarantees(args.doc_dir, n)
        add_multichannel_note(obj, sections)
        if not sections.get("Guarantees"):
            print("note: %s has no doc/guarantees/%s.md Guarantees section"
                  % (n, n), file=sys.stderr)
        help_path = os.path.join(args.help_dir, n + "-help.pd")
        if os.path.exists(help_path):
            with open(help_path) as f:
                old = f.read()
            new, lay = new_help_text(old, obj, sections)
            bad = lay.overlaps()
            for a, b in bad:
                print("error: %s reference: '%s' overlaps '%s'" % (n, a, b),
                      file=sys.stderr)
            if bad and not args.check:
                fails += 1
            if args.check:
                report(not bad, "reference %s: no boxes overlap" % n)
                report(reference_atoms(old) == reference_atoms(new),
                       "reference %s: the help patch's [pd reference] says "
                       "what the table says" % n)
            elif new != old:
                with open(help_path, "w") as f:
                    f.write(new)
        else:
            print("note: %s has no help patch %s" % (n, help_path),
                  file=sys.stderr)
            report(False, "reference %s: help patch exists" % n)
        page = doc_page(obj, intro, sections)
        pages.add(n)
        page_path = os.path.join(args.doc_dir, n + ".md")
        if args.check:
            cur = open(page_path).read() if os.path.exists(page_path) else ""
            report(cur == page, "reference %s: doc/%s.md is current" % (n, n))
        else:
            os.makedirs(args.doc_dir, exist_ok=True)
            with open(page_path, "w") as f:
                f.write(page)
        done.append(n)

    if not args.only:
        index = doc_index(desc, pages)
        index_path = os.path.join(args.doc_dir, "README.md")
        if args.check:
            cur = open(index_path).read() if os.path.exists(index_path) else ""
            report(cur == index, "reference: doc/README.md is current")
        else:
            with open(index_path, "w") as f:
                f.write(index)

    if not args.only:
        readme = os.path.join(os.path.dirname(os.path.abspath(args.doc_dir)),
                              "README.md")
        cur = open(readme).read() if os.path.exists(readme) else ""
        new = readme_with_objects(cur, desc)
        if args.check:
            report(cur == new, "reference: README.md's object table is current")
        elif new != cur:
            with open(readme, "w") as f:
                f.write(new)
        listed = robust_listed(os.path.join(
            os.path.dirname(os.path.abspath(args.doc_dir)), "tests", "robust",
            "objects.list"))
        for n in names:
            report(n in listed, "reference %s: in tests/robust/objects.list "
                   "(robustness, sanitizers, fuzzing)" % n)

    skipped = []
    for fn in sorted(os.listdir(args.help_dir)):
        if fn.endswith("-help.pd") and fn[:-8] not in names:
            why = ("still on mm_pdlegacy" if fn[:-8] in desc.get("legacy", [])
                   else "not an object in the description (an abstraction?)")
            skipped.append("%s (%s)" % (fn[:-8], why))
    print("%s: %s" % ("checked" if args.check else "generated",
                      " ".join(done) or "nothing"), file=sys.stderr)
    if skipped:
        print("skipped: " + ", ".join(skipped), file=sys.stderr)
    return 1 if fails else 0


MC_NOTE = ("Multichannel signals (Pd 0.54 and newer): made with -ch N, the "
           "object also takes one N-channel signal on its first inlet (from "
           "[snake~ in N], [clone] or another multichannel object); its "
           "first signal outlet then carries all its output channels and "
           "the other signal outlets are silent. Before Pd 0.54, and "
           "whenever N one-channel signals come in: one inlet and one outlet "
           "per channel.")


def add_multichannel_note(obj, sections):
    """objects made with -ch N take multichannel signals (externals/mm_pd.c,
    multichannel section): say so in their notes"""
    if any(r["name"] == "ch" for r in creation_rows(obj)):
        sections["Notes"] = list(sections.get("Notes", [])) + [MC_NOTE]


README_BEGIN = "<!-- objects: generated by scripts/mkreference.py -->"
README_END = "<!-- end of objects -->"


def readme_with_objects(text, desc):
    """README.md with its object table rewritten from the declarations."""
    rows = ["| object | what it does |", "|---|---|"]
    for o in desc["objects"]:
        rows.append("| [`%s`](doc/%s.md) | %s |" % (o["name"], o["name"],
                                                   o.get("summary", "")))
    table = README_BEGIN + "\n" + "\n".join(rows) + "\n" + README_END
    if README_BEGIN in text and README_END in text:
        a = text.index(README_BEGIN)
        b = text.index(README_END) + len(README_END)
        return text[:a] + table + text[b:]
    return text


def robust_listed(path):
    """The object names tests/robust/objects.list covers."""
    names = set()
    if os.path.exists(path):
        for line in open(path):
            line = line.strip()
            if line and not line.startswith("#"):
                names.add(line.split("|")[0].strip())
    return names


if __name__ == "__main__":
    sys.exit(main())
