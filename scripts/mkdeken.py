#!/usr/bin/env python3
"""mkdeken.py: the package Pd's package manager (deken) installs.

From the staged libdir (make stage: build/pd/mixmaster, the externals,
help patches, abstractions, the course/ folder, README.md and LICENSE)
this writes to OUTDIR
(default build/deken):

  mixmaster[vVERSION](OS-MARCH-32).dek         a zip holding mixmaster/
  mixmaster[vVERSION](OS-MARCH-32).dek.sha256  its SHA-256
  mixmaster[vVERSION](OS-MARCH-32).dek.txt     the objects list deken
                                               searches: 'name<TAB>what'

named by deken's rules (docs/filename.md and docs/object-list.md of
deken): LIBNAME[vVERSION](OS-MARCH-BIT).dek, OS Linux|Darwin|Windows,
MARCH amd64|i386|arm64|armv7l..., BIT the size of Pd's float (32). The
version is the VERSION line of mixmaster-meta.pd. The description of each
object comes from its help patch's title line.

  python3 scripts/mkdeken.py [--stage build/pd/mixmaster] [--out build/deken]
"""
import argparse
import hashlib
import os
import platform
import re
import sys
import zipfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
MARCH = {"x86_64": "amd64", "amd64": "amd64", "i386": "i386", "i686": "i386",
         "aarch64": "arm64", "arm64": "arm64", "armv7l": "armv7l",
         "armv6l": "armv6l", "ppc64le": "ppc64le"}


# abstractions whose help patch has no house-style title line
ABSTRACTIONS = {
    "ab~": "loudness-matched A/B comparison (abstraction)",
    "mastering~": "stereo mastering chain: eq~, multiband~, imager~, "
                  "limiter~, dither~, metered by loudness~ (abstraction)",
    "mixer~": "a mixing console of channel strips with buses (abstraction)",
    "mixer-channel~": "one mono channel of mixer~ (abstraction)",
    "mixer-channel-stereo~": "one stereo channel of mixer~ (abstraction)",
}


def arch():
    osname = {"Linux": "Linux", "Darwin": "Darwin"}.get(platform.system(),
                                                        "Windows")
    m = platform.machine()
    return "%s-%s-32" % (osname, MARCH.get(m, m))


def version(stage):
    with open(os.path.join(stage, "mixmaster-meta.pd")) as f:
        m = re.search(r"VERSION\s+([^\s;]+)", f.read())
    return m.group(1) if m else "0"


def summary(help_path):
    """the words after the title box of a help patch: '#X text ... - what'"""
    with open(help_path) as f:
        text = f.read()
    m = re.search(r"#X text \d+ \d+ - (.*?)(?:\\?, f \d+)?;", text, re.S)
    if not m:
        name = os.path.basename(help_path)[:-len("-help.pd")]
        return ABSTRACTIONS.get(name, "mixmaster object")
    words = m.group(1).replace("\\,", ",").replace("\\$", "$")
    return " ".join(words.split()).replace(" ,", ",")


def objects(stage):
    """(name, description) of every object and abstraction with a help
    patch (the shared panels of the help patches, mm-*, are listed too:
    they can be used in patches)"""
    out = []
    for fn in sorted(os.listdir(stage)):
        if fn.endswith("-help.pd"):
            name = fn[:-len("-help.pd")]
            out.append((name, summary(os.path.join(stage, fn))))
        elif fn.startswith("mm-") and fn.endswith(".pd"):
            out.append((fn[:-3], "a panel of the mixmaster help patches"))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stage", default=os.path.join(ROOT, "build", "pd",
                                                    "mixmaster"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "deken"))
    args = ap.parse_args()
    stage = os.path.normpath(args.stage)
    if not os.path.isdir(stage):
        print("mkdeken: no %s (run make stage)" % stage, file=sys.stderr)
        return 1
    name = "mixmaster[v%s](%s).dek" % (version(stage), arch())
    os.makedirs(args.out, exist_ok=True)
    dek = os.path.join(args.out, name)
    with zipfile.ZipFile(dek, "w", zipfile.ZIP_DEFLATED) as z:
        for top, dirs, files in os.walk(stage):
            dirs.sort()
            for fn in sorted(files):
                p = os.path.join(top, fn)
                z.write(p, "mixmaster/" + os.path.relpath(p, stage))
    with open(dek, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    with open(dek + ".sha256", "w") as f:
        f.write("%s  %s\n" % (digest, name))
    with open(dek + ".txt", "w") as f:
        for n, d in objects(stage):
            f.write("%s\t%s\n" % (n, d))
    print(dek)
    return 0


if __name__ == "__main__":
    sys.exit(main())
