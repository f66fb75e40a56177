"""pdpatch: a tiny Pd patch writer (objects and connections by name),
used by scripts/mklivemaster.py, mkmixer.py, mkhelp.py (helpstyle.py),
mkdemosong.py and demo.py."""


import re


def escape(text):
    """a box's text as a .pd file holds it: $ as \\$, and a comma or
    semicolon not escaped yet as Pd saves it (" \\," and " \\;"), so a
    generator may write either; a last ", f <width>" is the box's width
    and stays as it is"""
    text = text.replace("$", "\\$")
    m = re.search(r",\s*f\s+\d+\s*$", text)
    head, width = (text[:m.start()], text[m.start():]) if m else (text, "")
    return re.sub(r"(?<!\\)\s*([,;])", r" \\\1", head) + width


class Canvas:
    def __init__(self, header, name=None):
        self.header = header  # "#N canvas x y w h 12;" or subpatch form
        self.items = []       # (kind, x, y, text) or ("sub", canvas, x, y, label)
        self.names = {}
        self.conns = []
        self.restore = None
        self.count = 0        # objects so far (what a connection counts)

    def _add(self, name, item):
        idx = self.count
        self.count += 1
        self.items.append(item)
        if name:
            assert name not in self.names, name
            self.names[name] = idx
        return idx

    def obj(self, name, x, y, text):
        return self._add(name, ("obj", x, y, text))

    def msg(self, name, x, y, text):
        return self._add(name, ("msg", x, y, text))

    def text(self, x, y, text):
        return self._add(None, ("text", x, y, text))

    def raw(self, name, line):
        return self._add(name, ("raw", line))

    def data(self, line):
        """a line that belongs to the object before it and is no object
        itself (the `#A set ...;` contents of a [text define -k]): written
        as it is, counted by no connection"""
        self.items.append(("data", line))

    def sub(self, name, x, y, label, canvas, width=None):
        """a subpatch [pd label]; width: its box's width in characters
        (saved as Pd does, a `#X f` line after the restore: a `, f` on
        the restore line would reach the subpatch, not its box)"""
        return self._add(name, ("sub", canvas, x, y, label, width))

    def c(self, a, ao, b, bi=0):
        self.conns.append((a, ao, b, bi))

    def chain(self, *names):
        for a, b in zip(names, names[1:]):
            self.c(a, 0, b, 0)

    def idx(self, n):
        return n if isinstance(n, int) else self.names[n]

    def render(self):
        out = [self.header.replace("$", "\\$")]
        for it in self.items:
            if it[0] == "sub":
                _, cv, x, y, label, width = it
                out.append(cv.render())
                out.append(f"#X restore {x} {y} pd {label};".replace("$", "\\$"))
                if width:
                    out.append(f"#X f {width};")
            elif it[0] in ("raw", "data"):
                out.append(it[1])
            else:
                kind, x, y, t = it
                out.append(f"#X {kind} {x} {y} {escape(t)};")
        for a, ao, b, bi in self.conns:
            out.append(f"#X connect {self.idx(a)} {ao} {self.idx(b)} {bi};")
        return "\n".join(out)
