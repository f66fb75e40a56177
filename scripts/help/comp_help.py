# Writes help-patches/comp~-help.pd: python3 scripts/help/comp_help.py help-patches/comp~-help.pd
import sys
sys.path.insert(0, __import__('os').path.dirname(__file__))
from pdgen import *

m = Canvas(1150, 800)
m.text(20, 10, "comp~ - compressor with soft knee, sidechain key, detector high-pass and parallel mix", 90)
m.text(20, 36, "mixmaster | Pd 0.51 or newer | see also: gate~ strip~ multiband~ limiter~", 90)

m.text(20, 70, "1. switch DSP on (Pd window) and start the loop:", 60)
play = m.add("#X obj 20 95 tgl 18 0 empty comp-help-play play 22 9 0 12 #fcfcfc #000000 #000000 0 1;")
src = m.sub(20, 125, drums(), "drums-and-bass")
m.c(play, 0, src)
m.text(20, 160, "2. change the settings (drag or type) and watch the curve and the gain reduction", 60)

ctl = [("threshold", -24, 20, 200), ("ratio", 4, 20, 235), ("attack", 10, 20, 270),
       ("release", 120, 170, 200), ("knee", 6, 170, 235), ("makeup", 6, 170, 270),
       ("mix", 100, 320, 200), ("link", 100, 320, 235), ("schpf", 0, 320, 270)]
controls(m, "comp-help", ctl, 320, 305)
switches(m, "comp-help", 470, 200, ["detector peak", "detector rms", "print"])

rc = m.obj(200, 380, "r comp-help-c")
comp = m.obj(20, 410, "comp~ -ch 2 -threshold -24 -ratio 4 -release 120 -makeup 6")
m.c(rc, 0, comp)
m.c(src, 0, comp, 0); m.c(src, 1, comp, 1)

output_and_meter(m, comp, "gr", -30, "gr_dB", "comp-help-grhist",
                 "gain reduction over the last 5 s (0 top / -30 dB bottom)")

# curve graph
m.text(640, 70, "static curve: output dB (y / +12 top / -90 bottom) over input dB (x / -90 left / 0 right). the straight line is 1:1. comp~ redraws it whenever a setting changes (message curve <array>)", 62)
m.graph(640, 150, "comp-help-curve", 91, 440, 320, -90, 12, 0, 90)
m.graph(640, 150, "comp-help-unity", 91, 440, 320, -90, 12, 0, 90)
setup = Canvas(500, 300, "setup", 200, 200)
lb = setup.obj(10, 10, "loadbang")
cm = setup.msg(10, 50, "\\; comp-help-c curve comp-help-curve")
um = setup.msg(10, 100, "curve comp-help-unity")
uni = setup.obj(10, 130, "comp~ -ch 1 -ratio 1")
sets = setup_sets("comp-help", ctl)
sm = setup.msg(10, 180, sets)
setup.c(lb, 0, cm); setup.c(lb, 0, um); setup.c(um, 0, uni); setup.c(lb, 0, sm)
setup.text(200, 100, "a ratio-1 comp~ draws the 1:1 line", 20)
m.sub(640, 480, setup, "setup")

m.text(640, 530, "what a mixing engineer uses it for: evening out a vocal or a bass (ratio 3-4 / attack 5-20 ms / release 80-200 ms). gluing a drum bus (ratio 2 / attack 30 ms so the hits come through). parallel (New York) compression: heavy settings and mix 30-50. ducking music under a voice: -sidechain 1 with the voice as key. schpf 80-150 Hz keeps the kick from pumping the whole mix. makeup brings the level back up. watch gr: 2-6 dB on a bus is plenty.", 62)

ref = [
 "comp~ reference",
 "[comp~ -ch N -sidechain 0|1 -<parameter> value ...]: every parameter below is also a creation flag",
 "inlets: one signal inlet per channel (left to right). with -sidechain 1 one more signal inlet: the key (it drives the detector instead of the channels). the leftmost inlet takes every message",
 "outlets: one signal outlet per channel. rightmost: info messages for [route]",
 "creation only: -ch 1..8 [2] / -sidechain 0|1 [0]",
 "threshold dB [0] (-80..0): level where compression starts",
 "ratio [4] (1..100): N:1 above the threshold",
 "attack ms [10] (0.1..500): 63% of a gain drop takes this long",
 "release ms [100] (5..5000): 63% of the gain recovery takes this long",
 "knee dB [6] (0..24): soft knee width / 0 = hard knee",
 "makeup dB [0] (-24..24): gain after compression",
 "detector peak|rms [peak]: peak reads a sine at its peak. rms averages 10 ms (a sine reads 3 dB lower)",
 "link % [100] (0..100): 100 = every channel gets the largest reduction / 0 = each channel on its own",
 "schpf Hz [0 = off] (10..1000): high-pass on the detector (key or channels). the audio is not filtered",
 "mix % [100] (0..100): share of the compressed signal. 0 = the dry input exactly (parallel compression)",
 "bypass 0|1: output = input (crossfaded in 20 ms). delta 0|1: output = processed minus input",
 "interval ms [50] (0..60000): gr period. 0 = only on bang",
 "curve <array>: writes the static curve (91 points: point i = output dB for input i-90 dB / makeup and mix included) and redraws it whenever a setting changes",
 "latency: emits latency 0 (also at each DSP start). print: posts every parameter. reset: clears the detectors and meters (the gain in force releases from where it is: no click). bang: emits gr now",
 "info outlet: gr <dB> (0 or below: the deepest reduction since the last report) / latency <samples>",
 "static curve (x input / y output level dB / T threshold / R ratio / W knee): y = x below the knee. y = T + (x-T)/R above it. y = x + (1/R - 1)(x - T + W/2)^2/(2W) inside. a steady sine meets it within 0.5 dB (measured: 0.004 dB at worst)",
 "time constants follow the 63% convention. the peak detector holds the crest of each half-wave: a steady tone reads its peak without ripple and the release time holds for tones as for steps",
]
reference(m, ref, 20, 720)
open(sys.argv[1], 'w').write("\n".join(m.render()) + "\n")
