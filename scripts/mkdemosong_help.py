#!/usr/bin/env python3
"""Writes help-patches/demosong~-help.pd (generated: edit this, then run
`python3 scripts/mkdemosong_help.py`)."""
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdpatch import Canvas  # noqa: E402
from mkdemosong import STEMS, SECTIONS, BARS  # noqa: E402
from mkmixer_help import fatom, volume  # noqa: E402

SUB = "#N canvas 80 60 {w} {h} {name} 0;"
BG = "#fcfcfc #000000 #000000"
VOLUME = -12   # dB at open
COLW = 64      # one stem's column in the console


def satom(cv, name, x, y, w, rcv):
    return cv.raw(name, f"#X symbolatom {x} {y} {w} 0 0 0 - {rcv} - 0;"
                  .replace("$", "\\$"))


def listen():
    """14 signal inlets (the stems) -> mute / solo gains (20 ms ramps) ->
    a level meter per stem -> the sum (two outlets)"""
    n = len(STEMS)
    cv = Canvas(SUB.format(w=1100, h=560, name="listen"))
    cv.text(20, 10, "each stem times its gain: 0 or 1 from the mute and solo "
            "toggles (while any stem is soloed \\, only soloed stems sound) "
            "\\, ramped over 20 ms; its level (RMS \\, dB) to the meter; then "
            "every stem summed, f 140")
    cv.obj("adef", 900, 60, "array define $0-solos %d" % n)
    cv.obj("any", 900, 120, "array sum $0-solos")
    cv.obj("anyg", 900, 145, "> 0")
    cv.obj("anys", 900, 170, "s $0-anysolo")
    cv.chain("any", "anyg", "anys")
    cv.obj("lb", 900, 220, "loadbang")
    cv.c("lb", 0, "any", 0)
    accL = accR = None
    for k, s in enumerate(STEMS):
        x = 20 + 120 * k
        iL = cv.obj("iL%d" % k, x, 60, "inlet~")
        iR = cv.obj("iR%d" % k, x + 55, 60, "inlet~")
        # solo: into the array and recount; mute: recompute
        cv.obj("rs%d" % k, x, 100, "r $0-solo-%s" % s)
        cv.obj("ts%d" % k, x, 125, "t b f")
        cv.obj("ps%d" % k, x + 35, 150, "list prepend %d" % k)
        cv.obj("ws%d" % k, x + 35, 175, "array set $0-solos")
        cv.c("rs%d" % k, 0, "ts%d" % k, 0)
        cv.c("ts%d" % k, 1, "ps%d" % k, 0)
        cv.c("ps%d" % k, 0, "ws%d" % k, 0)
        cv.c("ts%d" % k, 0, "any", 0)
        cv.obj("rm%d" % k, x, 210, "r $0-mute-%s" % s)
        cv.obj("tm%d" % k, x, 235, "t b f")
        cv.c("rm%d" % k, 0, "tm%d" % k, 0)
        cv.c("tm%d" % k, 0, "any", 0)
        cv.obj("ra%d" % k, x, 270, "r $0-anysolo")
        cv.obj("g%d" % k, x, 300, "expr if($f1 > 0 \\, $f2 != 0 \\, $f3 == 0)")
        cv.c("ra%d" % k, 0, "g%d" % k, 0)
        cv.c("ts%d" % k, 1, "g%d" % k, 1)
        cv.c("tm%d" % k, 1, "g%d" % k, 2)
        cv.msg("gm%d" % k, x, 330, "$1 20")
        cv.obj("gl%d" % k, x, 355, "line~")
        cv.chain("g%d" % k, "gm%d" % k, "gl%d" % k)
        cv.obj("mL%d" % k, x, 390, "*~")
        cv.obj("mR%d" % k, x + 55, 390, "*~")
        cv.c(iL, 0, "mL%d" % k, 0)
        cv.c(iR, 0, "mR%d" % k, 0)
        cv.c("gl%d" % k, 0, "mL%d" % k, 1)
        cv.c("gl%d" % k, 0, "mR%d" % k, 1)
        # level: RMS of the left and right, in dB (vu's scale: 0 = 0 dBFS)
        cv.obj("eL%d" % k, x, 420, "env~ 4096")
        cv.obj("eR%d" % k, x + 55, 420, "env~ 4096")
        cv.c("mL%d" % k, 0, "eL%d" % k, 0)
        cv.c("mR%d" % k, 0, "eR%d" % k, 0)
        cv.obj("em%d" % k, x, 445, "max")
        cv.c("eL%d" % k, 0, "em%d" % k, 0)
        cv.c("eR%d" % k, 0, "em%d" % k, 1)
        cv.obj("ed%d" % k, x, 470, "- 100")
        cv.obj("es%d" % k, x, 495, "s $0-vu-%s" % s)
        cv.chain("em%d" % k, "ed%d" % k, "es%d" % k)
        for side, m in (("L", "mL%d" % k), ("R", "mR%d" % k)):
            acc = accL if side == "L" else accR
            if acc is None:
                acc = m
            else:
                a = cv.obj("a%s%d" % (side, k), x + (0 if side == "L" else 55), 525, "+~")
                cv.c(acc, 0, a, 0)
                cv.c(m, 0, a, 1)
                acc = "a%s%d" % (side, k)
            if side == "L":
                accL = acc
            else:
                accR = acc
    cv.obj("oL", 20 + 120 * n, 525, "outlet~")
    cv.obj("oR", 80 + 120 * n, 525, "outlet~")
    cv.c(accL, 0, "oL", 0)
    cv.c(accR, 0, "oR", 0)
    return cv


def info():
    cv = Canvas(SUB.format(w=520, h=260, name="info"))
    cv.text(20, 10, "demosong~'s info outlet to the displays, f 60")
    cv.obj("in", 20, 50, "inlet")
    cv.obj("r", 20, 80, "route bar section play end")
    cv.c("in", 0, "r", 0)
    cv.obj("sb", 20, 120, "s $0-bar")
    cv.obj("ss", 110, 150, "s $0-section")
    cv.obj("sp", 200, 120, "s $0-playing")
    cv.msg("e", 290, 120, "symbol end")
    cv.c("r", 0, "sb", 0)
    cv.obj("sy", 110, 120, "symbol")
    cv.c("r", 1, "sy", 0)
    cv.c("sy", 0, "ss", 0)
    cv.c("r", 2, "sp", 0)
    cv.c("r", 3, "e", 0)
    cv.c("e", 0, "ss", 0)
    cv.obj("pr", 290, 180, "print demosong~-help")
    cv.c("r", 4, "pr", 0)
    return cv


def init():
    cv = Canvas(SUB.format(w=420, h=200, name="init"))
    cv.text(20, 10, "at load: the volume (the slider without output \\, "
            "the value to [pd volume] and the number box), f 50")
    cv.obj("lb", 20, 60, "loadbang")
    cv.msg("vs", 20, 90, "set %d" % VOLUME)
    cv.obj("vss", 20, 115, "s $0-volset")
    cv.msg("vv", 140, 90, str(VOLUME))
    cv.obj("vvs", 140, 115, "s $0-vol")
    cv.c("lb", 0, "vs", 0)
    cv.c("lb", 0, "vv", 0)
    cv.chain("vs", "vss")
    cv.chain("vv", "vvs")
    return cv


def reference():
    cv = Canvas(SUB.format(w=900, h=540, name="reference"))
    stems = " \\, ".join(STEMS)
    t = [(20, "[demosong~] reference (an abstraction \\, generated by "
          "scripts/mkdemosong.py)", 80),
         (50, "inlet 1: messages. play (from where it stopped \\, at first "
          "from the top); stop (every sounding note is released \\, "
          "the position kept); bang (from the top: pos 0 \\, play); "
          "pos <bar> (0..%d: the next step played is that bar's first; "
          "sounding notes are released); section intro|verse|chorus|outro "
          "(pos %s); loop 0|1 [0] (after the last bar \\, bar 0 again); "
          "reset (stop \\, back to the top); "
          "print (the position \\, play and loop state to the Pd window). "
          "An unknown message is named in the Pd window." % (
              BARS - 1, " \\, ".join(str(b) for _, b in SECTIONS)), 110),
         (185, "flags: -loop 0|1 (the message loop at load)., f 110", 110),
         (215, "outlets 1..14 (signal): a pair \\, left and right \\, per "
          "stem: %s. Kick \\, snare \\, bass and voice are mono (the same "
          "on both); hats \\, pad and lead are stereo of their own. "
          "Each stem is at a tracking level (about -30..-22 LUFS \\, peaks "
          "under -6 dBFS): faders at 0 dB sum to about -20 LUFS." % stems, 110),
         (290, "outlet 15 (info): play 0|1; bar <n> (at each bar); "
          "section <name> (at each section's first bar); end (after "
          "the last bar \\, then play 0 \\, or bar 0 when looping).", 110),
         (365, "the song: 120 bpm \\, %d bars of 16 sixteenths (40 s) in "
          "A minor: intro (bars 0-3 \\, quiet) \\, verse (4-7) \\, chorus "
          "(8-15 \\, loud) \\, outro (16-19 \\, fades by 39.5 s). A 16th-note "
          "clock steps through a score: each stem's subpatch holds its "
          "part in a [text define -k] (one line per step). Note starts "
          "are exact to the sample ([vline~])." % BARS, 110),
         (425, "deterministic: its only noise is a table filled at load by "
          "[random] with a fixed seed \\, and every oscillator's phase is "
          "reset on play: two renders from the top are equal sample for "
          "sample (tests/pd/test_demosong.sh).", 110),
         (475, "see also: [mixer~] (its help mixes these stems) \\, "
          "[mastering~] \\, and `make demo` (this song through mixer~ and "
          "mastering~ \\, with a report). Needs Pd 0.51 or newer (tested on "
          "0.53.1).", 110)]
    for y, s, w in t:
        cv.text(20, y, s if s.endswith(", f %d" % w) else f"{s}, f {w}")
    return cv


def main():
    n = len(STEMS)
    cv = Canvas("#N canvas 0 0 1000 800 12;")
    cv.obj(None, 20, 12, "cnv 1 960 1 empty empty empty 8 12 0 13 #000000 #000000 0")
    cv.text(20, 20, "[demosong~] - the mixmaster demo song: 40 s made in Pd \\, "
            "as seven stems (abstraction), f 120")
    cv.text(20, 46, "A song for trying mixing and mastering with no audio "
            "files: drums (kick \\, snare \\, hats) \\, bass \\, a pad \\, "
            "a lead and a singing voice (formant synthesis) \\, each on its "
            "own pair of outlets. A quiet intro \\, a verse \\, a loud "
            "chorus \\, an outro. The same every time. Mix it in "
            "[mixer~]'s help \\, master it with [mastering~]., f 130")
    cv.msg("dsp1", 20, 110, "\\; pd dsp 1")
    cv.msg("dsp0", 110, 110, "\\; pd dsp 0")
    cv.text(200, 115, "<- DSP on / off (this patch never switches it on), f 50")
    # transport: each message box sends by name (no fan of wires)
    cv.text(20, 160, "play (the song loops: -loop 1):, f 40")

    def msgrow(tag, y, msgs):
        x = 20
        for k, m in enumerate(msgs):
            cv.msg("%s%d" % (tag, k), x, y, m)
            cv.obj("%ss%d" % (tag, k), x, y + 25, "s $0-song")
            cv.c("%s%d" % (tag, k), 0, "%ss%d" % (tag, k), 0)
            x += 7 * max(8, len(m)) + 30
        return x
    x = msgrow("t", 185, ("bang", "play", "stop", "loop 1", "loop 0", "pos 12", "print"))
    cv.text(x, 189, "<- bang: from the top, f 24")
    x = msgrow("sec", 245, ["section " + n for n, _ in SECTIONS])
    cv.text(x, 249, "<- jump to a section, f 24")
    cv.text(20, 300, "bars 0-3 intro (quiet) \\, 4-7 verse \\, 8-15 chorus "
            "(loud) \\, 16-19 outro: 2 s a bar, f 80")
    # position and volume: the displays
    cv.text(800, 160, "bar")
    fatom(cv, "bar", 800, 180, 4, rcv="$0-bar")
    cv.text(850, 160, "section")
    satom(cv, "sec", 850, 180, 8, rcv="$0-section")
    cv.text(800, 205, "playing")
    fatom(cv, "pl", 870, 205, 2, rcv="$0-playing")
    cv.text(800, 245, "volume dB")
    cv.obj("vsl", 800, 265, "hsl 128 18 -60 0 0 0 $0-vol $0-volset empty -2 -10 0 12 "
           + BG + " 0 1")
    fatom(cv, "vola", 935, 265, 4, rcv="$0-vol")
    # the song, what you hear
    cv.obj("rsong", 20, 330, "r $0-song")
    cv.obj("song", 20, 360, "demosong~ -loop 1, f 116")
    cv.c("rsong", 0, "song", 0)
    cv.sub("listen", 20, 410, "listen", listen(), width=114)
    for k in range(2 * n):
        cv.c("song", k, "listen", k)
    cv.sub("info", 860, 410, "info", info())
    cv.c("song", 2 * n, "info", 0)
    cv.sub("vol", 400, 445, "volume", volume())
    cv.sub("init", 500, 445, "init", init())
    cv.obj("oL", 20, 475, "*~")
    cv.obj("oR", 790, 475, "*~")
    cv.c("listen", 0, "oL", 0)
    cv.c("listen", 1, "oR", 0)
    cv.c("vol", 0, "oL", 1)
    cv.c("vol", 0, "oR", 1)
    cv.obj("dac", 400, 510, "dac~")
    cv.c("oL", 0, "dac", 0)
    cv.c("oR", 0, "dac", 1)
    # the stems: meter, mute, solo
    y0 = 550
    cv.obj("bgc", 20, y0, "cnv 15 %d 200 empty empty empty 20 12 0 14 #ececec #404040 0"
           % (COLW * n + 100))
    cv.text(28, y0 + 6, "each stem: its level (RMS dB) \\, mute \\, solo, f 70")
    for k, s in enumerate(STEMS):
        x = 40 + COLW * k
        cv.text(x, y0 + 32, s)
        cv.obj("vu%d" % k, x + 4, y0 + 56, "vu 15 80 $0-vu-%s empty -1 -8 0 12 #404040 #000000 0 0" % s)
        cv.obj("mu%d" % k, x, y0 + 150, "tgl 15 0 $0-mute-%s empty empty 17 7 0 12 %s 0 1" % (s, BG))
        cv.obj("so%d" % k, x, y0 + 172, "tgl 15 0 $0-solo-%s empty empty 17 7 0 12 %s 0 1" % (s, BG))
    cv.text(40 + COLW * n, y0 + 148, "mute")
    cv.text(40 + COLW * n, y0 + 170, "solo")
    cv.text(COLW * n + 140, y0 + 20, "solo: while any stem is soloed \\, only "
            "the soloed ones sound. Listen to the voice alone: it is a "
            "sawtooth through four resonant band-passes at a singer's "
            "formants. The meters show what you hear., f 34")
    cv.sub("ref", 20, y0 + 215, "reference", reference())
    cv.text(120, y0 + 215, "<- inlets \\, outlets \\, messages \\, info \\, how "
            "it is made. See also: [mixer~] [mastering~] \\, make demo. "
            "Pd 0.51 or newer (tested on 0.53.1)., f 120")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "help-patches", "demosong~-help.pd")
    with open(path, "w") as f:
        f.write(cv.render() + "\n")


main()
