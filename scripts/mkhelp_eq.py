import sys
exec(open(__import__("os").path.join(__import__("os").path.dirname(__file__), "pdhelpgen.py")).read())

c = Canvas(40, 40, 1100, 800)
c.text(20, 10, "eq~ - parametric EQ: 1 to 16 bands over 1 to 8 channels")
c.text(20, 32, width=110, text=esc("Each band follows its analog prototype (RBJ cookbook s-domain forms): within 0.1 dB up to fs/8 for bands centred at or below fs/8, and no cramping near Nyquist (matched design, see [pd accuracy])."))
# source and chain
play = c.text(20, 80, "1. DSP on:")
don = c.msg(100, 80, "; pd dsp 1")
doff = c.msg(180, 80, "; pd dsp 0")
c.text(20, 110, "2. play the loop:")
tg = c.obj(200, 110, "tgl 18 0 empty empty empty 17 7 0 10 #fcfcfc #000000 #000000 0 1")
src = c.sub(20, 140, drums_and_bass(), "drums-and-bass")
eq = c.obj(20, 420, "eq~ -ch 2 -bands 4 -band 1 highpass 40 0 0.707 -band 2 bell 250 -3 1.5 -band 3 bell 3000 3 1 -band 4 highshelf 10000 2 0.707")
c.c(tg, 0, src, 0)
c.c(src, 0, eq, 0); c.c(src, 0, eq, 1)
c.text(80, 470, "<- volume 0..1")
vol = c.num(20, 470, 5, 0, 1)
v1 = c.obj(20, 500, "*~ 0.3")
v2 = c.obj(100, 500, "*~ 0.3")
dac = c.obj(20, 530, "dac~")
c.c(eq, 0, v1, 0); c.c(eq, 1, v2, 0); c.c(vol, 0, v1, 1); c.c(vol, 0, v2, 1)
c.c(v1, 0, dac, 0); c.c(v2, 0, dac, 1)
info = c.obj(520, 450, "print eq~")
c.c(eq, 2, info, 0)
inits = []
band_row(c, 20, 210 + 0, 1, "highpass", [40, 0.707], eq, with_gain=False, inits=inits)
band_row(c, 200, 210, 2, "bell", [250, -3, 1.5], eq, inits=inits)
band_row(c, 390, 210, 3, "bell", [3000, 3, 1], eq, inits=inits)
band_row(c, 580, 210, 4, "highshelf", [10000, 2, 0.707], eq, inits=inits)
# messages
mx = 800
for i, m in enumerate(["bypass 1", "bypass 0", "delta 1", "delta 0", "band 3 notch 3000 0 8",
                       "band 4 lowpass 8000 0 0.707", "band 1 off", "band 0 off", "latency", "print"]):
    mm = c.msg(mx, 150 + 28 * i, m)
    c.c(mm, 0, eq, 0)
c.text(800, 120, "try:")
# graph
c.text(20, 555, esc("the response of the settings: curve $0-eq writes dB at 256 log-spaced points 20 Hz..20 kHz and redraws when a band changes"), 100)
c.graph(20, 620, "$0-eq", 256, 0, 255, 24, -24, 500, 130)
c.text(525, 615, "+24 dB")
c.text(525, 680, "0 dB")
c.text(525, 740, "-24 dB")
for i, l in enumerate(["20 Hz", "200 Hz", "2 kHz", "20 kHz"]):
    c.text(20 + int(500 * i / 3) - (30 if i == 3 else 0), 755, l)
rc = c.obj(600, 395, "r $0-eqctl")
c.c(rc, 0, eq, 0)
ini = Canvas(100, 100, 600, 300, "init")
lb = ini.obj(10, 10, "loadbang")
f0 = ini.obj(10, 40, "f $0")
initm = ini.msg(10, 70, "; " + " ; ".join(i.replace("$0", "$1") for i in inits) + " ; $1-eqctl curve $1-eq")
ini.c(lb, 0, f0, 0); ini.c(f0, 0, initm, 0)
c.sub(600, 700, ini, "init")
# notes and reference
notes = Canvas(80, 80, 1000, 240, "what-a-mixing-engineer-uses-it-for")
y = 10
for l in ["- high-pass every track that has no business below 40-100 Hz (rumble and mic handling eat headroom).",
          "- cut before you boost: a narrow bell (q 4-8) at -3..-9 dB finds and tames a boxy or ringing resonance.",
          "- broad bells (q 0.5-1) and shelves shape tone: +2 dB high shelf for air, -3 dB around 250 Hz for mud.",
          "- notch a hum or a feedback frequency; band-pass a telephone voice; all-pass to align phase.",
          "- delta 1 lets you hear exactly what a band adds or removes; bypass 1 compares level-matched.",
          "- bands near Nyquist keep their analog shape (no cramping): a 10 kHz bell at 44.1 kHz stays within 0.6 dB."]:
    notes.text(10, y, esc(l), 130); y += 30
c.sub(800, 470, notes, "what-a-mixing-engineer-uses-it-for")
acc = Canvas(80, 80, 1000, 340, "accuracy")
y = 10
for l in ["Design: poles of the analog prototype mapped by z = exp(sT) (exact resonance and damping); the numerator",
          "fitted so the digital magnitude equals the analog one exactly at DC and at the centre frequency and in the",
          "least-squares sense over the band (after M. Vicanek 'Matched Second Order Digital Filters' 2016).",
          "A cut is the exact inverse of the boost (as in the analog prototypes).",
          "Measured (tests/unit/test_filterdesign.c and tests/pd/test_eq_response.sh):",
          "- bands centred at or below fs/8 at 44.1/48/96 kHz: within 0.1 dB of the prototype up to fs/8 for",
          "  bell (q 0.1..20) lowpass bandpass allpass (q 0.1..20) shelves (q 0.1..3) highpass notch (q 0.3..20).",
          "- near Nyquist: a 10 kHz bell (q 1 +-12 dB) deviates at most 0.56 dB (44.1 kHz) / 0.42 dB (48 kHz)",
          "  from 20 Hz to 20 kHz (the bilinear RBJ design: 3.8 / 3.3 dB). Bands centred between fs/8 and 0.45 fs:",
          "  within about 1-1.5 dB (bells shelves lowpass bandpass) up to 20 kHz; a notch's width there up to 6.7 dB.",
          "Smoothing: settings glide in log-frequency and dB (10 ms) redesigned every 16 samples with linear",
          "coefficient ramps (stable: the stability region is convex); type changes crossfade over 20 ms."]:
    acc.text(10, y, esc(l), 130); y += 25
c.sub(800, 500, acc, "accuracy")
ref = reference([
    "eq~ - reference",
    "",
    "inlets: one signal inlet per channel (-ch); the leftmost also takes the messages below.",
    "outlets: one signal outlet per channel; rightmost: info (latency <samples>).",
    "",
    "creation flags (creation only): -ch <1..8> [2]   -bands <1..16> [4]",
    "every message below is also a creation flag: [eq~ -band 1 bell 1000 3 1 -bypass 0]",
    "",
    "band <n> <type> <freq Hz> <gain dB> <q>  n 1..bands (0 = every band); all bands start off (flat)",
    "   type: bell lowshelf highshelf lowpass highpass notch bandpass allpass",
    "   freq 10..96000 Hz (runs at most at 0.49 fs) gain -24..24 dB (bell and shelves only) q 0.1..20 (shelves to 3, highpass notch from 0.3)",
    "   out-of-range values are clamped with one warning; changes glide (no clicks or zipper noise)",
    "band <n> off   switches a band out (crossfaded)",
    "curve <array>  writes the magnitude response (dB) at 256 log-spaced points 20 Hz..20 kHz into the",
    "   array (resized to 256) and redraws it whenever a band changes",
    "bypass 0|1 [0]  output = input (crossfaded 20 ms)",
    "delta 0|1 [0]   output = processed minus input (what the EQ adds or removes)",
    "latency         emits latency 0 (also at each DSP start)",
    "reset           clears the filter state; print   posts every setting",
    "",
    "info outlet: latency <samples>",
])
c.sub(800, 530, ref, "reference")
c.text(800, 570, "see also: [strip~] [comp~] [gate~]")
c.text(800, 590, "Pd 0.51 or newer - mixmaster")
open(sys.argv[1], "w").write(c.render() + "\n")
