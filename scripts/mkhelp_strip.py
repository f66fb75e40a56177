import sys
exec(open(__import__("os").path.join(__import__("os").path.dirname(__file__), "pdhelpgen.py")).read())

c = Canvas(20, 40, 1250, 820)
c.text(20, 10, "strip~ - a console channel strip: trim, phase, filters, gate, EQ, compressor, pan, fader, mute")
c.text(20, 32, width=150, text=esc("Order: trim > phase > filters (hpf 12/24 dB/oct, lpf) > gate > EQ and compressor (order eq-comp or comp-eq) > pan > fader > mute. [strip~ -ch 1] is mono in, stereo out (pan law) and [strip~ -ch 2] is stereo in and out (pan is balance)."))
c.text(20, 80, "1. DSP on:")
c.msg(100, 80, "; pd dsp 1")
c.msg(180, 80, "; pd dsp 0")
c.text(20, 110, "2. play the loop:")
tg = c.obj(200, 110, "tgl 18 0 empty empty empty 17 7 0 10 #fcfcfc #000000 #000000 0 1")
src = c.sub(20, 140, drums_and_bass(), "drums-and-bass")
c.c(tg, 0, src, 0)
st = c.obj(20, 520, "strip~ -ch 1 -hpf 40 -lowmid 300 -3 1.5 -high 9000 3 -threshold -24 -ratio 4 -attack 5 -release 120 -makeup 3")
c.c(src, 0, st, 0)
rc = c.obj(20, 490, "r $0-sctl")
c.c(rc, 0, st, 0)
c.text(80, 570, "<- volume 0..1")
vol = c.num(20, 570, 5, 0, 1)
v1 = c.obj(20, 600, "*~ 0.3"); v2 = c.obj(100, 600, "*~ 0.3"); dac = c.obj(20, 630, "dac~")
c.c(st, 0, v1, 0); c.c(st, 1, v2, 0); c.c(vol, 0, v1, 1); c.c(vol, 0, v2, 1); c.c(v1, 0, dac, 0); c.c(v2, 0, dac, 1)
# meters
rt = c.obj(520, 570, "route inpeak outpeak gr gating latency")
c.c(st, 2, rt, 0)
c.text(520, 600, "inpeak"); m1 = c.num(520, 620, 6)
c.text(590, 600, "outpeak L R"); ul = c.obj(590, 645, "unpack f f"); m2 = c.num(590, 620, 6); m3 = c.num(650, 620, 6)
c.text(720, 600, "gr dB"); m4 = c.num(720, 620, 6)
c.text(790, 600, "gating dB"); m5 = c.num(790, 620, 6)
c.text(880, 600, "latency"); m6 = c.num(880, 620, 6)
c.c(rt, 0, m1, 0); c.c(rt, 1, ul, 0); c.c(ul, 0, m2, 0); c.c(ul, 1, m3, 0); c.c(rt, 2, m4, 0); c.c(rt, 3, m5, 0); c.c(rt, 4, m6, 0)
inits = []
def column(x, y, title, params):
    c.text(x, y, title)
    s = c.obj(x, y + 30 + 28 * len(params), "s $0-sctl")
    for i, (name, v, lo, hi, fmt) in enumerate(params):
        yy = y + 25 + 28 * i
        nb = c.num(x, yy, 6, lo, hi, "-", "$0-p%d%d" % (x, i))
        m = c.msg(x + 60, yy, fmt)
        c.c(nb, 0, m, 0); c.c(m, 0, s, 0)
        inits.append("$0-p%d%d set %g" % (x, i, v))
column(280, 80, "input and filters", [("trim", 0, -24, 24, "trim $1"), ("phase", 0, 0, 1, "phase $1"),
       ("hpf", 40, 0, 2000, "hpf $1"), ("hpfslope", 12, 12, 24, "hpfslope $1"), ("lpf", 0, 0, 22000, "lpf $1"),
       ("gate", -100, -100, 0, "gate $1"), ("gaterange", -80, -100, 0, "gaterange $1")])
column(480, 80, "EQ (Hz then dB)", [("low", 100, 20, 20000, "low $1 0"), ("lowmidg", -3, -24, 24, "lowmid 300 $1 1.5"),
       ("highmidg", 0, -24, 24, "highmid 2500 $1 1"), ("highg", 3, -24, 24, "high 9000 $1"), ("eq", 1, 0, 1, "eq $1")])
column(700, 80, "compressor", [("threshold", -24, -80, 0, "threshold $1"), ("ratio", 4, 1, 100, "ratio $1"),
       ("attack", 5, 0.1, 500, "attack $1"), ("release", 120, 5, 5000, "release $1"), ("knee", 6, 0, 24, "knee $1"),
       ("makeup", 3, -24, 24, "makeup $1"), ("comp", 1, 0, 1, "comp $1")])
column(900, 80, "output", [("pan", 0, -100, 100, "pan $1"), ("panlaw", 3, 0, 6, "panlaw $1"), ("fader", 0, -100, 12, "fader $1"),
       ("mute", 0, 0, 1, "mute $1")])
tx = 900
c.text(tx, 250, "try:")
for i, m in enumerate(["order comp-eq", "order eq-comp", "bypass 1", "bypass 0", "delta 1", "delta 0", "reset", "print"]):
    mm = c.msg(tx, 275 + 26 * i, m)
    sx = c.obj(tx + 130, 275 + 26 * i, "s $0-sctl") if i == 0 else None
    c.c(mm, 0, sx if sx is not None else first_s, 0) if False else None
    if i == 0:
        first_s = sx
    else:
        c.c(mm, 0, first_s, 0)
    if i == 0:
        c.c(mm, 0, sx, 0)
# graphs
c.text(20, 680, "EQ and filters (curve): dB 20 Hz..20 kHz")
c.graph(20, 710, "$0-eq", 256, 0, 255, 18, -18, 300, 90)
c.text(325, 705, "+18"); c.text(325, 790, "-18")
c.text(400, 680, "compressor (compcurve): out dB vs in dB -90..0")
c.graph(400, 710, "$0-comp", 91, 0, 90, 0, -90, 150, 90)
c.text(555, 705, "0"); c.text(555, 790, "-90")
ini = Canvas(100, 100, 600, 300, "init")
lb = ini.obj(10, 10, "loadbang"); f0 = ini.obj(10, 40, "f $0")
initm = ini.msg(10, 70, "; " + " ; ".join(i.replace("$0", "$1") for i in inits) + " ; $1-sctl curve $1-eq ; $1-sctl compcurve $1-comp")
ini.c(lb, 0, f0, 0); ini.c(f0, 0, initm, 0)
c.sub(620, 700, ini, "init")
notes = Canvas(80, 80, 1000, 300, "what-a-mixing-engineer-uses-it-for")
y = 10
for l in ["- one strip per track, as on a console: trim to a healthy level, flip the phase of a bottom snare mic,",
          "  high-pass everything that needs no lows (hpf 80-120 on vocals and guitars, 30-40 on bass and kick).",
          "- the gate tidies a tom or kick mic between hits (gate -40 gaterange -20 keeps some room; -80 is hard).",
          "- EQ before compression (eq-comp) makes the compressor react to the tone you chose; comp-eq keeps",
          "  an EQ boost from driving the compressor harder (a bright vocal: compress then add air).",
          "- pan with the law of your console: 3 dB (constant power) is the common choice, 4.5 dB a compromise,",
          "  6 dB sums to mono without a level jump, 0 dB is a balance knob. fader -100 is silence.",
          "- sidechain: [strip~ -ch 1 -sidechain 1] ducks a bass under the kick fed to the key inlet.",
          "- watch inpeak/outpeak and gr: a strip that always shows 10 dB of gr is probably set too hard."]:
    notes.text(10, y, esc(l), 130); y += 28
c.sub(900, 500, notes, "what-a-mixing-engineer-uses-it-for")
ref = reference([
    "strip~ - reference",
    "inlets: -ch 1: one signal (mono); -ch 2: two (L R); with -sidechain 1 one more: the compressor's key.",
    "   The leftmost inlet takes the messages. outlets: L R signal; rightmost: info.",
    "creation flags (creation only): -ch 1|2 [1]   -sidechain 0|1 [0]; every message is also a flag (-hpf 80).",
    "trim dB [0] (-24..24)   phase 0|1 [0]   hpf Hz [0 = off] (10..2000)   hpfslope 12|24 [12]",
    "lpf Hz [0 = off] (1000..22000, 12 dB/oct)  (filters: Butterworth, matched designs)",
    "gate dB [-100 = off] (-100..0)   gaterange dB [-80] (-100..0)   gateattack ms [1] (0.01..500)",
    "gatehold ms [50] (0..5000)   gaterelease ms [100] (1..5000)   (hysteresis 3 dB as gate~)",
    "low <Hz> <dB>: shelf [100 0]   lowmid <Hz> <dB> <q>: bell [400 0 1]   highmid <Hz> <dB> <q>: bell [2500 0 1]",
    "high <Hz> <dB>: shelf [8000 0]   (Hz 20..20000, dB -24..24, q 0.1..10)   eq 0|1 [1]",
    "threshold dB [0] (-80..0)   ratio [1] (1..100)   attack ms [10] (0.1..500)   release ms [100] (5..5000)",
    "knee dB [6] (0..24)   makeup dB [0] (-24..24)   schpf Hz [0 = off] (10..1000)   comp 0|1 [1]",
    "order eq-comp|comp-eq [eq-comp]  (a change dips the output for 10 ms)",
    "pan [0] (-100..100)   panlaw dB [3] (0 3 4.5 6: drop of each side at the centre; any value 0..6 blends)",
    "fader dB [0] (-100 = silent .. 12)   mute 0|1 [0]",
    "curve <array>: filters+EQ response dB at 256 log-spaced points 20 Hz..20 kHz (follows the controls)",
    "compcurve <array>: compressor static curve: output dB for input -90..0 dB (91 points)",
    "bypass 0|1   delta 0|1   interval ms [50] (0 = only on bang)   latency   reset   print   bang",
    "info outlet: inpeak <dBFS>   outpeak <L dBFS> <R dBFS>   gr <dB>   gating <dB>   latency <samples>",
    "Every change is smoothed (gains 10 ms one-pole, filters in log-frequency/dB, switches crossfade 20 ms).",
])
c.sub(900, 530, ref, "reference")
c.text(900, 560, "see also: [eq~] [comp~] [gate~]")
c.text(900, 580, "Pd 0.51 or newer - mixmaster")
open(sys.argv[1], "w").write(c.render() + "\n")
