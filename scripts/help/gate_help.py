# Writes help-patches/gate~-help.pd: python3 scripts/help/gate_help.py help-patches/gate~-help.pd
import sys
sys.path.insert(0, __import__('os').path.dirname(__file__))
from pdgen import *

m = Canvas(1150, 800)
m.text(20, 10, "gate~ - noise gate / expander with hysteresis, hold, range and a sidechain key", 90)
m.text(20, 36, "mixmaster | Pd 0.51 or newer | see also: comp~ strip~", 90)
m.text(20, 70, "1. switch DSP on (Pd window) and start the loop (drums with hiss and hum under them):", 60)
play = m.add("#X obj 20 110 tgl 18 0 empty gate-help-play play 22 9 0 12 #fcfcfc #000000 #000000 0 1;")
src = m.sub(20, 140, drums(noise_floor=True, bass=False), "drums-and-hiss")
m.c(play, 0, src)
m.text(20, 175, "2. change the settings: the gate opens on the hits and closes on the hiss between them", 60)

ctl = [("threshold", -40, 20, 215), ("hysteresis", 3, 20, 250), ("range", -80, 20, 285),
       ("attack", 1, 190, 215), ("hold", 10, 190, 250), ("release", 40, 190, 285)]
controls(m, "gate-help", ctl, 190, 320)
switches(m, "gate-help", 380, 215, ["print"])
m.text(470, 300, "delta: hear what the gate removes", 20)

rc = m.obj(200, 380, "r gate-help-c")
gate = m.obj(20, 410, "gate~ -ch 2 -threshold -40 -hold 10 -release 40")
m.c(rc, 0, gate)
m.c(src, 0, gate, 0); m.c(src, 1, gate, 1)

output_and_meter(m, gate, "gating", -80, "gating_dB", "gate-help-hist",
                 "gating over the last 5 s (0 dB = open at top / -80 dB bottom)")

# the gate's decision drawn: levels where it opens and closes
m.text(640, 70, "where it switches: above the upper line (threshold) the gate opens / it closes only below the lower line (threshold - hysteresis) and only after hold. the input's peak level (dBFS / 0 top / -80 bottom) is drawn over the last 5 s", 62)
m.graph(640, 160, "gate-help-level", 100, 440, 260, -80, 0)
m.graph(640, 160, "gate-help-open", 100, 440, 260, -80, 0)
m.graph(640, 160, "gate-help-close", 100, 440, 260, -80, 0)
lev = Canvas(600, 460, "level-and-thresholds", 200, 100)
li = lev.obj(10, 10, "inlet~")
lenv = lev.obj(10, 40, "env~ 2048 2400")
ldb = lev.obj(10, 70, "- 100")
lmx = lev.obj(10, 100, "max -80")
lev.c(li, 0, lenv); lev.c(lenv, 0, ldb); lev.c(ldb, 0, lmx)
lev.c(lmx, 0, rolling(lev, 10, 130, "gate-help-level"))
lev.text(200, 40, "env~ gives RMS in dB (100 = full scale): a rough picture of the level / the gate itself looks at the peak", 40)
rthr = lev.obj(300, 150, "r gate-help-s-threshold")
rhy = lev.obj(300, 180, "r gate-help-s-hysteresis")
lb = lev.obj(460, 120, "loadbang")
thr = lev.obj(300, 230, "f -40")
hy = lev.obj(420, 230, "f 3")
thy = lev.obj(460, 200, "t b f")
lev.c(lb, 0, thr); lev.c(rthr, 0, thr); lev.c(rhy, 0, thy); lev.c(thy, 1, hy); lev.c(thy, 0, thr)
tb = lev.obj(300, 260, "t f f")
lev.c(thr, 0, tb)
op = lev.msg(300, 330, "const \\$1")
lev.c(tb, 0, op)
aop = lev.obj(300, 360, "s gate-help-open")
lev.c(op, 0, aop)
sub = lev.obj(420, 300, "-")
lev.c(tb, 1, sub); lev.c(hy, 0, sub, 1)
cl = lev.msg(420, 330, "const \\$1")
lev.c(sub, 0, cl)
acl = lev.obj(420, 360, "s gate-help-close")
lev.c(cl, 0, acl)
lt2 = m.sub(640, 430, lev, "level-and-thresholds")
m.c(src, 0, lt2)

setup = Canvas(500, 300, "setup", 200, 200)
lb = setup.obj(10, 10, "loadbang")
sets = setup_sets("gate-help", ctl)
sm = setup.msg(10, 60, sets)
setup.c(lb, 0, sm)
m.sub(640, 460, setup, "setup")

m.text(640, 510, "what a mixing engineer uses it for: cutting hiss / hum and spill between the hits of a close-miked drum (tom and snare mics) / tightening a kick or a bass DI / range -10 to -20 dB for a gentle expander that only turns the bleed down instead of off. hysteresis stops chatter when the level hovers near the threshold. hold keeps it open through the tail of a note. the key inlet (-sidechain 1) lets one sound open another (a kick keying a sub-bass tone).", 62)

ref = [
 "gate~ reference",
 "[gate~ -ch N -sidechain 0|1 -<parameter> value ...]: every parameter below is also a creation flag",
 "inlets: one signal inlet per channel (left to right). with -sidechain 1 one more signal inlet: the key (it opens and closes the gate instead of the channels). the leftmost inlet takes every message",
 "outlets: one signal outlet per channel. rightmost: info messages for [route]",
 "creation only: -ch 1..8 [1] / -sidechain 0|1 [0]. every channel follows one decision (the loudest channel decides)",
 "threshold dB [-60] (-100..0): the gate opens when the peak level rises above it",
 "hysteresis dB [3] (0..24): it closes only when the level falls below threshold minus hysteresis",
 "hold ms [50] (0..5000): and only after the level stayed that low this long",
 "range dB [-80] (-100..0): the gain when closed (0 = no effect / -20 = gentle expander)",
 "attack ms [1] (0.01..500): opening: 63% of the way in this time",
 "release ms [100] (1..5000): closing: the gain falls 8.7 dB (63%) per release time down to the range",
 "bypass 0|1: output = input (crossfaded in 20 ms). delta 0|1: output = processed minus input (what the gate removes)",
 "interval ms [50] (0..60000): gating period. 0 = only on bang",
 "latency: emits latency 0 (also at each DSP start). print: posts every parameter. reset: closes the gate (by the release: no click) and clears the detector. bang: emits gating now",
 "info outlet: gating <dB> (the attenuation now: 0 open .. range closed) / latency <samples>",
 "level: the peak detector of comp~ (the crest of each half-wave): a steady tone reads its peak and does not chatter at its zero crossings. the gate closes between hold and hold + half a period after the sound stops",
]
reference(m, ref, 20, 720)
open(sys.argv[1], 'w').write("\n".join(m.render()) + "\n")
