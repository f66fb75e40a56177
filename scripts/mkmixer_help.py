"""Writes help-patches/mixer~-help.pd (generated: edit this, then run
`python3 scripts/mkmixer_help.py > help-patches/mixer~-help.pd`)."""
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdpatch import Canvas  # noqa: E402

SUB = "#N canvas 80 60 {w} {h} {name} 0;"
BG = "#fcfcfc #000000 #000000"
NAMES = ("drums", "bass", "pad", "lead")
FADERS = (0, -3, -8, -5)          # dB at open
SENDS = ((3, 1, -20), (4, 1, -22), (4, 2, -26))  # channel, bus, dB at open
VOLUME = -10                      # output volume at open, dB


def fatom(cv, name, x, y, w, label="-", rcv="-", snd="-", lo=0, hi=0, pos=1):
    return cv.raw(name, f"#X floatatom {x} {y} {w} {lo} {hi} {pos} {label} {rcv} {snd} 0;"
                  .replace("$", "\\$"))


def sources():
    cv = Canvas(SUB.format(w=1000, h=640, name="sources"))
    cv.text(20, 10, "A two-bar loop at 120 bpm from vanilla objects (a 16th-note "
            "clock \\, 32 steps): drums \\, bass \\, a three-note pad \\, a "
            "vowel-like lead. Same every time (noise~ is seeded the same at "
            "each load)., f 130")
    cv.obj("lb", 20, 60, "loadbang")
    cv.obj("m", 20, 90, "metro 125")
    cv.obj("f", 20, 120, "f")
    cv.obj("inc", 60, 120, "+ 1")
    cv.obj("mod", 20, 150, "mod 32")
    cv.obj("t", 20, 180, "t f f f f")
    cv.chain("lb", "m", "f", "inc")
    cv.c("inc", 0, "f", 1)
    cv.chain("f", "mod", "t")
    # drums
    cv.obj("d16", 20, 220, "mod 16")
    cv.c("t", 3, "d16", 0)
    cv.obj("ks", 20, 250, "sel 0 8 11")
    cv.obj("ss", 110, 250, "sel 4 12")
    cv.obj("hm", 190, 250, "mod 2")
    cv.obj("hs", 190, 280, "sel 0")
    cv.c("d16", 0, "ks", 0)
    cv.c("d16", 0, "ss", 0)
    cv.c("d16", 0, "hm", 0)
    cv.c("hm", 0, "hs", 0)
    cv.obj("kt", 20, 290, "t b b")
    for o in range(3):
        cv.c("ks", o, "kt", 0)
    cv.msg("ka", 20, 320, "0.3 \\, 0 260")
    cv.msg("kp", 70, 350, "150 \\, 45 70")
    cv.obj("kav", 20, 380, "vline~")
    cv.obj("kpv", 70, 380, "vline~")
    cv.obj("ko", 70, 410, "osc~")
    cv.obj("k", 20, 440, "*~")
    cv.c("kt", 0, "ka", 0)
    cv.c("kt", 1, "kp", 0)
    cv.chain("ka", "kav")
    cv.chain("kp", "kpv", "ko")
    cv.c("kav", 0, "k", 0)
    cv.c("ko", 0, "k", 1)
    cv.msg("sa", 110, 290, "0.2 \\, 0 150")
    cv.c("ss", 0, "sa", 0)
    cv.c("ss", 1, "sa", 0)
    cv.obj("sav", 110, 320, "vline~")
    cv.obj("sn", 170, 350, "noise~")
    cv.obj("sh", 170, 380, "hip~ 400")
    cv.obj("s", 110, 440, "*~")
    cv.chain("sa", "sav")
    cv.chain("sn", "sh")
    cv.c("sav", 0, "s", 0)
    cv.c("sh", 0, "s", 1)
    cv.msg("ha", 250, 290, "0.08 \\, 0 35")
    cv.c("hs", 0, "ha", 0)
    cv.obj("hav", 250, 320, "vline~")
    cv.obj("hn", 250, 350, "noise~")
    cv.obj("hh1", 250, 380, "hip~ 7000")
    cv.obj("hh2", 250, 410, "hip~ 7000")
    cv.obj("h", 250, 440, "*~")
    cv.chain("ha", "hav")
    cv.chain("hn", "hh1", "hh2")
    cv.c("hav", 0, "h", 0)
    cv.c("hh2", 0, "h", 1)
    cv.obj("d1", 20, 480, "+~")
    cv.obj("d2", 20, 510, "+~")
    cv.c("k", 0, "d1", 0)
    cv.c("s", 0, "d1", 1)
    cv.c("d1", 0, "d2", 0)
    cv.c("h", 0, "d2", 1)
    cv.obj("o1", 20, 590, "outlet~")
    cv.c("d2", 0, "o1", 0)
    # harmony: the chord index (0..3) every 8 steps
    cv.obj("hd", 380, 220, "div 8")
    cv.c("t", 2, "hd", 0)
    cv.obj("hc", 380, 250, "change -1")
    cv.obj("hsel", 380, 280, "sel 0 1 2 3")
    cv.chain("hd", "hc", "hsel")
    # bass: the root, one note every 8th
    cv.obj("bt", 380, 320, "t b b")
    roots = (33, 33, 29, 31)
    chords = ("57 60 64", "57 60 64", "57 60 65", "55 59 62")
    for i in range(4):
        cv.msg(f"r{i}", 380 + 40 * i, 350, str(roots[i]))
        cv.c("hsel", i, f"r{i}", 0)
    cv.obj("bm", 380, 380, "mtof")
    for i in range(4):
        cv.c(f"r{i}", 0, "bm", 0)
    cv.obj("bph", 380, 410, "phasor~")
    cv.obj("bc", 380, 440, "-~ 0.5")
    cv.obj("bl", 380, 470, "lop~ 700")
    cv.chain("bm", "bph", "bc", "bl")
    cv.obj("b8", 480, 190, "mod 2")
    cv.c("t", 2, "b8", 0)
    cv.obj("b8s", 480, 220, "sel 0")
    cv.chain("b8", "b8s")
    cv.msg("be", 540, 250, "0.7 \\, 0.4 60 \\, 0 80 160")
    cv.c("b8s", 0, "be", 0)
    cv.obj("bev", 540, 280, "vline~")
    cv.chain("be", "bev")
    cv.obj("b", 380, 510, "*~")
    cv.c("bl", 0, "b", 0)
    cv.c("bev", 0, "b", 1)
    cv.obj("o2", 380, 590, "outlet~")
    cv.c("b", 0, "o2", 0)
    # pad: the chord, three sines
    for i in range(4):
        cv.msg(f"c{i}", 560 + 70 * i, 320, chords[i])
        cv.c("hsel", i, f"c{i}", 0)
    cv.obj("cu", 560, 350, "unpack f f f")
    for i in range(4):
        cv.c(f"c{i}", 0, "cu", 0)
    for j in range(3):
        cv.obj(f"cm{j}", 560 + 60 * j, 380, "mtof")
        cv.obj(f"co{j}", 560 + 60 * j, 410, "osc~")
        cv.c("cu", j, f"cm{j}", 0)
        cv.chain(f"cm{j}", f"co{j}")
    cv.obj("cs1", 560, 450, "+~")
    cv.obj("cs2", 560, 480, "+~")
    cv.c("co0", 0, "cs1", 0)
    cv.c("co1", 0, "cs1", 1)
    cv.c("cs1", 0, "cs2", 0)
    cv.c("co2", 0, "cs2", 1)
    cv.obj("cg", 560, 510, "*~ 0.12")
    cv.chain("cs2", "cg")
    cv.obj("o3", 560, 590, "outlet~")
    cv.c("cg", 0, "o3", 0)
    # lead: a quarter-note melody, a sawtooth through two vowel formants
    cv.obj("lt", 780, 60, "t f f")
    cv.c("t", 0, "lt", 0)
    cv.obj("lq", 850, 90, "div 4")
    cv.c("lt", 1, "lq", 0)
    cv.obj("lsel", 850, 120, "sel 0 1 2 3 4 5 6 7")
    cv.c("lq", 0, "lsel", 0)
    mel = (76, 72, 69, 72, 72, 69, 71, 74)
    for i, n in enumerate(mel):
        cv.msg(f"n{i}", 780 + 26 * i, 150 + 22 * (i % 2), str(n))
        cv.c("lsel", i, f"n{i}", 0)
    cv.obj("lm", 780, 200, "mtof")
    for i in range(8):
        cv.c(f"n{i}", 0, "lm", 0)
    cv.msg("lg", 780, 230, "$1 40")
    cv.obj("ll", 780, 260, "line~")
    cv.chain("lm", "lg", "ll")
    cv.obj("vib", 880, 230, "osc~ 5")
    cv.obj("vibd", 880, 260, "*~ 0.006")
    cv.obj("vib1", 880, 290, "+~ 1")
    cv.chain("vib", "vibd", "vib1")
    cv.obj("lf", 780, 320, "*~")
    cv.c("ll", 0, "lf", 0)
    cv.c("vib1", 0, "lf", 1)
    cv.obj("lph", 780, 350, "phasor~")
    cv.obj("lc", 780, 380, "-~ 0.5")
    cv.chain("lf", "lph", "lc")
    cv.obj("f1", 780, 410, "bp~ 750 5")
    cv.obj("f2", 870, 410, "bp~ 1200 5")
    cv.c("lc", 0, "f1", 0)
    cv.c("lc", 0, "f2", 0)
    cv.obj("fs", 780, 440, "+~")
    cv.c("f1", 0, "fs", 0)
    cv.c("f2", 0, "fs", 1)
    cv.obj("l4", 680, 90, "mod 4")
    cv.c("lt", 0, "l4", 0)
    cv.obj("l4s", 680, 120, "sel 0")
    cv.chain("l4", "l4s")
    cv.msg("le", 680, 480, "0.5 20 \\, 0.3 150 20 \\, 0 150 300")
    cv.c("l4s", 0, "le", 0)
    cv.obj("lev", 680, 510, "vline~")
    cv.chain("le", "lev")
    cv.obj("l", 780, 540, "*~")
    cv.c("fs", 0, "l", 0)
    cv.c("lev", 0, "l", 1)
    cv.obj("o4", 780, 590, "outlet~")
    cv.c("l", 0, "o4", 0)
    return cv


def meters():
    cv = Canvas(SUB.format(w=620, h=300, name="meters"))
    cv.text(20, 10, "mixer~'s info outlet to the displays (by name \\, no "
            "wires across the patch), f 80")
    cv.obj("in", 20, 50, "inlet")
    cv.obj("rm", 20, 80, "route master")
    cv.obj("r", 120, 110, "route 1 2 3 4")
    cv.text(240, 50, "([route] takes floats or symbols \\, not both: master first), f 40")
    cv.c("in", 0, "rm", 0)
    cv.c("rm", 1, "r", 0)
    for k in range(4):
        cv.obj(f"p{k}", 20 + 90 * k, 150, "route peak")
        cv.obj(f"s{k}", 20 + 90 * k, 180, f"s $0-pk{k + 1}")
        cv.c("r", k, f"p{k}", 0)
        cv.chain(f"p{k}", f"s{k}")
    cv.obj("mr", 380, 120, "route peak shortterm integrated")
    cv.c("rm", 0, "mr", 0)
    cv.obj("mu", 380, 160, "unpack f f")
    cv.c("mr", 0, "mu", 0)
    cv.obj("mL", 380, 200, "s $0-mpkL")
    cv.obj("mR", 380, 230, "s $0-mpkR")
    cv.c("mu", 0, "mL", 0)
    cv.c("mu", 1, "mR", 0)
    cv.obj("st", 480, 200, "s $0-st")
    cv.obj("it", 480, 230, "s $0-int")
    cv.c("mr", 1, "st", 0)
    cv.c("mr", 2, "it", 0)
    return cv


def controls():
    """every control's receive -> the message it means -> [s $0-mix]"""
    cv = Canvas(SUB.format(w=760, h=420, name="controls"))
    cv.text(20, 10, "each control sends its value by name; here it becomes a "
            "mixer~ message (to [r $0-mix] at mixer~'s left inlet), f 100")
    for k in range(4):
        x = 20 + 180 * k
        ch = k + 1
        for j, (nm, msg) in enumerate((("f", "fader"), ("solo", "solo"), ("mute", "mute"))):
            cv.obj(f"r{nm}{ch}", x, 50 + 90 * j, f"r $0-{nm}{ch}")
            cv.msg(f"m{nm}{ch}", x, 75 + 90 * j, f"{ch} {msg} $1")
            cv.obj(f"s{nm}{ch}", x, 100 + 90 * j, "s $0-mix")
            cv.chain(f"r{nm}{ch}", f"m{nm}{ch}", f"s{nm}{ch}")
    for i, (ch, bus, _) in enumerate(SENDS):
        x = 20 + 180 * i
        cv.obj(f"rs{i}", x, 320, f"r $0-send{ch}-{bus}")
        cv.msg(f"ms{i}", x, 345, f"{ch} send {bus} $1")
        cv.obj(f"ss{i}", x, 370, "s $0-mix")
        cv.chain(f"rs{i}", f"ms{i}", f"ss{i}")
    for i, (nm, msg) in enumerate((("mf", "master fader $1"), ("mm", "master mute $1"))):
        cv.obj(f"r{nm}", 560, 50 + 90 * i, f"r $0-{nm}")
        cv.msg(f"m{nm}", 560, 75 + 90 * i, msg)
        cv.obj(f"s{nm}", 560, 100 + 90 * i, "s $0-mix")
        cv.chain(f"r{nm}", f"m{nm}", f"s{nm}")
    return cv


def init():
    cv = Canvas(SUB.format(w=760, h=300, name="init"))
    cv.text(20, 10, "at load: every control shows the value mixer~ really "
            "has. A value sent to a control's own name reaches mixer~ (by "
            "[pd controls]) and the number box under it; [set ...( moves "
            "the slider without output., f 100")
    cv.obj("lb", 20, 70, "loadbang")
    x = 20
    for k, db in enumerate(FADERS):
        ch = k + 1
        cv.msg(f"fs{ch}", x, 110, f"set {db}")
        cv.obj(f"fss{ch}", x, 140, f"s $0-f{ch}set")
        cv.msg(f"fv{ch}", x, 180, str(db))
        cv.obj(f"fvs{ch}", x, 210, f"s $0-f{ch}")
        for a in ("fs", "fv"):
            cv.c("lb", 0, f"{a}{ch}", 0)
        cv.c(f"fs{ch}", 0, f"fss{ch}", 0)
        cv.c(f"fv{ch}", 0, f"fvs{ch}", 0)
        x += 90
    cv.msg("ms", x, 110, "set 0")
    cv.obj("mss", x, 140, "s $0-mfset")
    cv.msg("mv", x, 180, "0")
    cv.obj("mvs", x, 210, "s $0-mf")
    cv.c("lb", 0, "ms", 0)
    cv.c("lb", 0, "mv", 0)
    cv.chain("ms", "mss")
    cv.chain("mv", "mvs")
    x += 90
    for i, (ch, bus, db) in enumerate(SENDS):
        cv.msg(f"sv{i}", x, 110, str(db))
        cv.obj(f"svs{i}", x, 140, f"s $0-send{ch}-{bus}set")
        cv.c("lb", 0, f"sv{i}", 0)
        cv.chain(f"sv{i}", f"svs{i}")
        x += 110
    cv.msg("vs", 20, 250, f"set {VOLUME}")
    cv.obj("vss", 20, 275, "s $0-volset")
    cv.msg("vv", 120, 250, str(VOLUME))
    cv.obj("vvs", 120, 275, "s $0-vol")
    for a in ("vs", "vv"):
        cv.c("lb", 0, a, 0)
    cv.chain("vs", "vss")
    cv.chain("vv", "vvs")
    return cv


def reference():
    cv = Canvas(SUB.format(w=1000, h=700, name="reference"))
    t = [(20, "[mixer~] reference (an abstraction \\, generated by "
          "scripts/mkmixer.py)", 60),
         (50, "flags: -ch N (channels: 1..16 mono [8] \\, 1..8 stereo) \\, "
          "-stereo 0|1 [0]: every channel a stereo pair (strip~ -ch 2 \\, pan "
          "acts as balance). The channels are made at load: re-create the "
          "object to change them. An unknown flag is printed and ignored.", 120),
         (105, "inlets 1..16 (signal): always 16 (a Pd vanilla abstraction "
          "cannot choose its inlet count at creation). Mono: channel k reads "
          "inlet k. Stereo: channel k reads inlets 2k-1 (left) and 2k (right). "
          "Inlets past the channels are ignored. Inlet 1 also takes every "
          "message.", 120),
         (175, "outlets 1 \\, 2 (signal): the master bus L and R. Latency 0 "
          "unless a strip~ reports some (then every channel is delayed to "
          "the largest). outlet 3 (info): see below.", 120),
         (230, "channel messages: <ch> <strip~ message> (any strip~ "
          "parameter: [3 hpf 80( [2 pan -30( [1 threshold -18( [4 eq 0( ...) "
          "; <ch> fader <dB> (-100..12 \\, -100 = off) [0]; <ch> mute 0|1 "
          "[0]; <ch> solo 0|1 [0] (solo in place: while any channel is "
          "soloed only soloed channels reach the master \\, with their sends) "
          "; <ch> send <n> <dB> (bus 1 reverb \\, 2 delay; -100..12 [-100 = "
          "off]); <ch> sendpre <n> 0|1 [0: post-fader; 1: pre-fader \\, "
          "the fader does not change the send]; <ch> defaults; <ch> print. "
          "Fader \\, mute \\, solo and sends are ramped over 20 ms (no clicks).", 120),
         (350, "returns: return <n> <dB> (or return <n> level <dB>) "
          "(-100..12 [0]); return <n> mute 0|1 [0]. reverb size 0..100 "
          "[50] (room: RT60 0.4..3 s); reverb damping 0..100 [50] (loop "
          "lowpass 12 kHz..1.8 kHz); delay time 1..2000 ms [350] (right "
          "side 1.25 x); delay feedback 0..95 % [35] (ping-pong \\, through "
          "a 5 kHz lowpass).", 120),
         (440, "master fader <dB> (-100..12 [0]); master mute 0|1 [0]. No "
          "processing on the master (mastering is another stage: "
          "[mastering~]).", 120),
         (480, "whole mixer: save <file> \\, load <file> (every setting made "
          "since load \\, as lines of messages; relative names are beside "
          "the patch holding mixer~; load resets everything to defaults "
          "first); print (every channel and the state); latency ; "
          "interval <ms>; bang (meters now); reset (clear every strip~'s "
          "state).", 120),
         (560, "info outlet: <ch> peak <dBFS> (after the channel's fader \\, "
          "mute and solo \\, every 50 ms; -144 = silence); master peak "
          "<L> <R> (dBFS); master shortterm <LUFS>; master integrated "
          "<LUFS> (every 100 ms); <ch> <strip~ reading> (gr \\, gating ...) "
          "; latency <samples>; saved <path>.", 120),
         (640, "see also: [strip~] (one channel) [loudness~] [mastering~] "
          "[ab~]. Needs Pd 0.51 or newer (tested on 0.53.1).", 120)]
    for y, s, w in t:
        cv.text(20, y, f"{s}, f {w}")
    return cv


def volume():
    cv = Canvas(SUB.format(w=400, h=240, name="volume"))
    cv.obj("r", 20, 20, "r $0-vol")
    cv.obj("x", 20, 50, "expr if($f1 <= -60 \\, 0 \\, pow(10 \\, $f1 / 20))")
    cv.msg("m", 20, 80, "$1 30")
    cv.obj("l", 20, 110, "line~")
    cv.obj("o", 20, 150, "outlet~")
    cv.chain("r", "x", "m", "l", "o")
    cv.text(120, 80, "dB to gain \\, 30 ms ramp; -60 = off, f 30")
    return cv


def msgrow(cv, tag, x, y, label, msgs):
    cv.text(x, y, label + ", f 86")
    for j, m in enumerate(msgs):
        cv.msg(f"{tag}{j}", x, y + 18, m)
        cv.obj(f"{tag}s{j}", x, y + 42, "s $0-mix")
        cv.c(f"{tag}{j}", 0, f"{tag}s{j}", 0)
        x += 7 * max(8, len(m.replace("\\", ""))) + 24


def main():
    cv = Canvas("#N canvas 0 0 1260 770 12;")
    # backgrounds first (drawn behind)
    cv.obj("bgo", 20, 236, "cnv 15 520 150 empty empty output 6 10 0 12 #e8e8e8 #404040 0")
    cv.obj("bgc", 640, 112, "cnv 15 620 460 empty empty empty 20 12 0 14 #ececec #404040 0")
    cv.obj(None, 20, 12, "cnv 1 1240 1 empty empty empty 8 12 0 13 #000000 #000000 0")
    cv.text(20, 20, "[mixer~] - a mixing console (abstraction): channel "
            "strips \\, two effect sends \\, a reverb and a delay return \\, "
            "a metered master, f 140")
    cv.text(20, 46, "Each channel is a [strip~] (trim \\, filters \\, gate \\, "
            "EQ \\, compressor \\, pan) followed by a fader \\, mute \\, solo and "
            "two sends: bus 1 feeds a reverb \\, bus 2 a stereo delay. Every "
            "message starts with the channel number: [2 fader -6( [3 hpf 80(. "
            "mixer~ always has 16 signal inlets (a vanilla abstraction cannot "
            "change its inlet count at creation): channel k reads inlet k \\, "
            "the rest are ignored., f 175")
    # the signal path
    cv.sub("src", 100, 120, "sources", sources())
    cv.text(190, 120, "<- open it: drums \\, bass \\, pad \\, lead (Pd vanilla), f 50")
    cv.obj("rmix", 20, 150, "r $0-mix")
    cv.obj("mixer", 100, 190, "mixer~ -ch 4, f 66")
    for k in range(4):
        cv.c("src", k, "mixer", k)
    cv.c("rmix", 0, "mixer", 0)
    cv.sub("meters", 559, 240, "meters", meters())
    cv.c("mixer", 2, "meters", 0)
    cv.text(559, 264, "info, f 6")
    # output panel
    cv.text(160, 246, "volume dB")
    cv.obj("vol", 160, 268, "hsl 128 18 -60 0 0 0 $0-vol $0-volset empty -2 -10 0 12 " + BG + " 0 1")
    fatom(cv, "vola", 300, 268, 4, rcv="$0-vol")
    cv.sub("volsub", 160, 300, "volume", volume())
    cv.obj("oL", 100, 336, "*~")
    cv.obj("oR", 329, 336, "*~")
    cv.c("mixer", 0, "oL", 0)
    cv.c("mixer", 1, "oR", 0)
    cv.c("volsub", 0, "oL", 1)
    cv.c("volsub", 0, "oR", 1)
    cv.obj("dac", 100, 362, "dac~")
    cv.c("oL", 0, "dac", 0)
    cv.c("oR", 0, "dac", 1)
    cv.msg("dsp1", 400, 262, "\\; pd dsp 1")
    cv.msg("dsp0", 470, 262, "\\; pd dsp 0")
    cv.text(400, 304, "DSP on / off, f 16")
    # channel strips
    cv.text(650, 118, "channels: drag a fader (-60..+6 dB); the bar is the "
            "channel's peak after fader \\, mute and solo, f 85")
    for k in range(4):
        ch = k + 1
        x = 660 + 118 * k
        cv.text(x, 146, f"{ch} {NAMES[k]}")
        cv.obj(f"vsl{ch}", x, 176, f"vsl 18 160 -60 6 0 0 $0-f{ch} $0-f{ch}set empty 0 -9 0 12 "
               + BG + " 0 1")
        cv.obj(f"vu{ch}", x + 42, 176, f"vu 15 160 $0-pk{ch} empty -1 -8 0 12 #404040 #000000 1 0")
        fatom(cv, f"fa{ch}", x, 346, 5, rcv=f"$0-f{ch}")
        fatom(cv, f"pa{ch}", x + 42, 346, 5, rcv=f"$0-pk{ch}")
        cv.obj(f"solo{ch}", x, 378, f"tgl 18 0 $0-solo{ch} empty solo 22 9 0 12 " + BG + " 0 1")
        cv.obj(f"mute{ch}", x, 404, f"tgl 18 0 $0-mute{ch} empty mute 22 9 0 12 " + BG + " 0 1")
    for i, (ch, bus, _) in enumerate(SENDS):
        x = 660 + 118 * (ch - 1)
        y = 436 + 44 * (bus - 1)
        cv.text(x, y - 2, "reverb send" if bus == 1 else "delay send")
        fatom(cv, f"snd{i}", x, y + 16, 5, label="-",
              rcv=f"$0-send{ch}-{bus}set", snd=f"$0-send{ch}-{bus}", lo=-100, hi=12)
    cv.text(660, 436, "fader dB \\, peak dBFS, f 12")
    cv.text(660, 516, "sends in dB (-100 = off): drag or type, f 60")
    # master
    x = 1140
    cv.text(x, 146, "master")
    cv.obj("mvsl", x, 176, "vsl 18 160 -60 6 0 0 $0-mf $0-mfset empty 0 -9 0 12 " + BG + " 0 1")
    cv.obj("mvuL", x + 36, 176, "vu 15 160 $0-mpkL empty -1 -8 0 12 #404040 #000000 0 0")
    cv.obj("mvuR", x + 56, 176, "vu 15 160 $0-mpkR empty -1 -8 0 12 #404040 #000000 1 0")
    fatom(cv, "mfa", x, 346, 5, rcv="$0-mf")
    cv.obj("mmute", x, 378, "tgl 18 0 $0-mm empty mute 22 9 0 12 " + BG + " 0 1")
    cv.text(x, 410, "short-term")
    fatom(cv, "sta", x, 430, 6, rcv="$0-st")
    cv.text(x, 456, "integrated")
    fatom(cv, "ita", x, 476, 6, rcv="$0-int")
    cv.text(x, 500, "LUFS")
    cv.sub("controls", 660, 542, "controls", controls())
    cv.sub("init", 760, 542, "init", init())
    cv.text(820, 542, "<- controls to messages; the values at load, f 50")
    # messages
    cv.text(20, 400, "more messages (the controls above send the same kind):, f 80")
    msgrow(cv, "a", 20, 425, "a channel's strip~ (any strip~ message after the channel)",
           ("1 hpf 40", "2 lpf 1500", "3 pan -40", "4 pan 40", "1 threshold -20 \\, 1 ratio 3"))
    msgrow(cv, "b", 20, 495, "sends: pre-fader (does not follow the fader) or post",
           ("4 sendpre 1 1", "4 sendpre 1 0", "1 send 1 -20", "1 send 1 -100"))
    msgrow(cv, "c", 20, 565, "returns (1 reverb \\, 2 delay)",
           ("return 1 -6", "return 1 mute 1", "return 1 mute 0", "return 2 -100", "return 2 0"))
    msgrow(cv, "d", 650, 585, "the effects (defaults: size 50 \\, damping 50 \\, time 350 \\, feedback 35)",
           ("reverb size 85", "reverb damping 20", "delay time 375", "delay feedback 60"))
    msgrow(cv, "e", 650, 655, "the whole mixer (save: beside this patch)",
           ("save mixer-help.txt", "load mixer-help.txt", "print", "2 defaults"))
    cv.text(20, 640, "solo is in place: a soloed channel keeps its sends \\, so "
            "you hear it in its room. load and defaults change mixer~ \\, not "
            "the controls of this patch., f 85")
    cv.sub("ref", 20, 700, "reference", reference())
    cv.text(120, 700, "<- flags \\, inlets \\, outlets \\, every message and "
            "info output, f 60")
    cv.text(20, 736, "see also: [strip~] [loudness~] [mastering~] [ab~]. "
            "Needs Pd 0.51 or newer (tested on 0.53.1). The patch never "
            "switches DSP on by itself., f 150")
    print(cv.render())


main()
