"""Writes help-patches/mixer~-help.pd (generated: edit this, then run
`python3 scripts/mkmixer_help.py > help-patches/mixer~-help.pd`).

The patch mixes the demo song's stems ([demosong~]) on
[mixer~ -stereo 1 -ch 7], set up as scripts/demomix.py says (the mix that
`make demo` renders): faders, meters, mute, solo and sends for every
channel, a metered master."""
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdpatch import Canvas  # noqa: E402
import demomix  # noqa: E402

SUB = "#N canvas 80 60 {w} {h} {name} 0;"
BG = "#fcfcfc #000000 #000000"
NAMES = tuple(c[0] for c in demomix.CHANNELS)
N = len(NAMES)
VOLUME = -10                      # output volume at open, dB
PANEL_X = 470                     # the console
COL0 = PANEL_X + 96               # channel 1's column
COLW = 90                         # a channel's column
MASTER_X = COL0 + COLW * N + 10


def fatom(cv, name, x, y, w, label="-", rcv="-", snd="-", lo=0, hi=0, pos=1):
    return cv.raw(name, f"#X floatatom {x} {y} {w} {lo} {hi} {pos} {label} {rcv} {snd} 0;"
                  .replace("$", "\\$"))


def meters():
    cv = Canvas(SUB.format(w=720, h=300, name="meters"))
    cv.text(20, 10, "mixer~'s info outlet to the displays (by name \\, no "
            "wires across the patch), f 80")
    cv.obj("in", 20, 50, "inlet")
    cv.obj("rm", 20, 80, "route master")
    cv.obj("r", 120, 110, "route " + " ".join(str(k + 1) for k in range(N)))
    cv.text(240, 50, "([route] takes floats or symbols \\, not both: master first), f 40")
    cv.c("in", 0, "rm", 0)
    cv.c("rm", 1, "r", 0)
    for k in range(N):
        cv.obj(f"p{k}", 20 + 80 * k, 150, "route peak")
        cv.obj(f"s{k}", 20 + 80 * k, 180, f"s $0-pk{k + 1}")
        cv.c("r", k, f"p{k}", 0)
        cv.chain(f"p{k}", f"s{k}")
    cv.obj("mr", 20, 220, "route peak shortterm integrated")
    cv.c("rm", 0, "mr", 0)
    cv.obj("mu", 20, 250, "unpack f f")
    cv.c("mr", 0, "mu", 0)
    cv.obj("mL", 20, 280, "s $0-mpkL")
    cv.obj("mR", 120, 280, "s $0-mpkR")
    cv.c("mu", 0, "mL", 0)
    cv.c("mu", 1, "mR", 0)
    cv.obj("st", 250, 250, "s $0-st")
    cv.obj("it", 350, 250, "s $0-int")
    cv.c("mr", 1, "st", 0)
    cv.c("mr", 2, "it", 0)
    return cv


def controls():
    """every control's receive -> the message it means -> [s $0-mix]"""
    cv = Canvas(SUB.format(w=1000, h=560, name="controls"))
    cv.text(20, 10, "each control sends its value by name; here it becomes a "
            "mixer~ message (to [r $0-mix] at mixer~'s left inlet), f 100")
    for k in range(N):
        x = 20 + 130 * k
        ch = k + 1
        rows = (("f", "fader"), ("solo", "solo"), ("mute", "mute"),
                ("send1-", "send 1"), ("send2-", "send 2"))
        for j, (nm, msg) in enumerate(rows):
            cv.obj(f"r{nm}{ch}", x, 50 + 90 * j, f"r $0-{nm}{ch}")
            cv.msg(f"m{nm}{ch}", x, 75 + 90 * j, f"{ch} {msg} $1")
            cv.obj(f"s{nm}{ch}", x, 100 + 90 * j, "s $0-mix")
            cv.chain(f"r{nm}{ch}", f"m{nm}{ch}", f"s{nm}{ch}")
    for i, (nm, msg) in enumerate((("mf", "master fader $1"), ("mm", "master mute $1"))):
        x = 20 + 130 * N
        cv.obj(f"r{nm}", x, 50 + 90 * i, f"r $0-{nm}")
        cv.msg(f"m{nm}", x, 75 + 90 * i, msg)
        cv.obj(f"s{nm}", x, 100 + 90 * i, "s $0-mix")
        cv.chain(f"r{nm}", f"m{nm}", f"s{nm}")
    return cv


def init():
    cv = Canvas(SUB.format(w=1120, h=500, name="init"))
    cv.text(20, 10, "at load: the demo song's mix (scripts/demomix.py \\, "
            "the one make demo renders). The strip~ settings and the "
            "effects go to mixer~ from the message box \\, the faders and "
            "sends through the controls \\, so that each shows the value "
            "mixer~ really has: a value sent to a control's own name reaches "
            "mixer~ (by [pd controls]) and the number box under it \\, [set ...( "
            "moves the slider without output., f 130")
    cv.obj("lb", 20, 75, "loadbang")
    cv.obj("t", 20, 105, "t b b")
    cv.c("lb", 0, "t", 0)
    cv.msg("mix", 20, 380, " \\, ".join(demomix.setup_messages()) + ", f 150")
    cv.obj("smix", 20, 460, "s $0-mix")
    cv.c("t", 1, "mix", 0)
    cv.chain("mix", "smix")
    x = 20
    for k, c in enumerate(demomix.CHANNELS):
        ch, db = k + 1, c[1]
        cv.msg(f"fs{ch}", x, 140, f"set {db}")
        cv.obj(f"fss{ch}", x, 165, f"s $0-f{ch}set")
        cv.msg(f"fv{ch}", x, 195, str(db))
        cv.obj(f"fvs{ch}", x, 220, f"s $0-f{ch}")
        for a in ("fs", "fv"):
            cv.c("t", 0, f"{a}{ch}", 0)
        cv.c(f"fs{ch}", 0, f"fss{ch}", 0)
        cv.c(f"fv{ch}", 0, f"fvs{ch}", 0)
        for bus in (1, 2):
            y = 250 + 55 * (bus - 1)
            cv.msg(f"sv{ch}{bus}", x, y, "%g" % demomix.send_db(ch, bus))
            cv.obj(f"svs{ch}{bus}", x, y + 25, f"s $0-send{bus}-{ch}set")
            cv.c("t", 0, f"sv{ch}{bus}", 0)
            cv.chain(f"sv{ch}{bus}", f"svs{ch}{bus}")
        x += 120
    cv.msg("ms", x, 140, "set %g" % demomix.MASTER_FADER)
    cv.obj("mss", x, 165, "s $0-mfset")
    cv.msg("mv", x, 195, "%g" % demomix.MASTER_FADER)
    cv.obj("mvs", x, 220, "s $0-mf")
    cv.c("t", 0, "ms", 0)
    cv.c("t", 0, "mv", 0)
    cv.chain("ms", "mss")
    cv.chain("mv", "mvs")
    cv.msg("vs", x, 250, f"set {VOLUME}")
    cv.obj("vss", x, 275, "s $0-volset")
    cv.msg("vv", x, 305, str(VOLUME))
    cv.obj("vvs", x, 330, "s $0-vol")
    for a in ("vs", "vv"):
        cv.c("t", 0, a, 0)
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
    cv = Canvas("#N canvas 0 0 %d 850 12;" % (MASTER_X + 150))
    W = MASTER_X + 90
    # backgrounds first (drawn behind)
    cv.obj("bgo", 20, 400, "cnv 15 430 110 empty empty output 6 10 0 12 #e8e8e8 #404040 0")
    cv.obj("bgc", PANEL_X, 132, "cnv 15 %d 470 empty empty empty 20 12 0 14 #ececec #404040 0"
           % (W - PANEL_X + 40))
    cv.obj(None, 20, 12, "cnv 1 %d 1 empty empty empty 8 12 0 13 #000000 #000000 0" % (W - 20))
    cv.text(20, 20, "[mixer~] - a mixing console (abstraction): channel "
            "strips \\, two effect sends \\, a reverb and a delay return \\, "
            "a metered master, f 140")
    cv.text(20, 46, "Each channel is a [strip~] (trim \\, filters \\, gate \\, "
            "EQ \\, compressor \\, pan) followed by a fader \\, mute \\, solo and "
            "two sends: bus 1 feeds a reverb \\, bus 2 a stereo delay. Every "
            "message starts with the channel number: [2 fader -6( [3 hpf 80(. "
            "Here it mixes the demo song's seven stems ([demosong~]) as "
            "stereo channels \\, set up as make demo mixes them: high-pass "
            "filters \\, EQ cuts that make room \\, compressors on drums \\, "
            "bass and voice \\, reverb and delay sends. Grab a fader., f 165")
    cv.msg("dsp1", 20, 112, "\\; pd dsp 1")
    cv.msg("dsp0", 110, 112, "\\; pd dsp 0")
    cv.text(200, 117, "<- DSP on / off, f 20")
    # the song
    cv.text(20, 160, "the song (40 s \\, it loops):, f 40")
    x = 20
    for k, m in enumerate(("bang", "stop", "play", "section chorus")):
        cv.msg(f"sg{k}", x, 182, m)
        cv.obj(f"sgs{k}", x, 207, "s $0-song")
        cv.c(f"sg{k}", 0, f"sgs{k}", 0)
        x += 7 * max(8, len(m)) + 30
    cv.text(x, 186, "<- bang: from the top, f 12")
    cv.obj("rsong", 100, 240, "r $0-song")
    cv.obj("song", 100, 280, "demosong~ -loop 1, f 48")
    cv.c("rsong", 0, "song", 0)
    cv.obj("rmix", 20, 310, "r $0-mix")
    cv.obj("mixer", 100, 340, demomix.MIXER + ", f 48")
    for k in range(2 * N):
        cv.c("song", k, "mixer", k)
    cv.c("rmix", 0, "mixer", 0)
    cv.sub("meters", 370, 372, "meters", meters())
    cv.c("mixer", 2, "meters", 0)
    cv.text(200, 234, "stems: kick \\, snare \\, hats \\, bass \\, pad \\, "
            "lead \\, voice (a pair each), f 32")
    # output panel
    cv.text(300, 416, "volume dB")
    cv.obj("vol", 300, 438, "hsl 128 18 -60 0 0 0 $0-vol $0-volset empty -2 -10 0 12 " + BG + " 0 1")
    fatom(cv, "vola", 300, 464, 4, rcv="$0-vol")
    cv.sub("volsub", 150, 400, "volume", volume())
    cv.obj("oL", 100, 440, "*~")
    cv.obj("oR", 262, 440, "*~")
    cv.c("mixer", 0, "oL", 0)
    cv.c("mixer", 1, "oR", 0)
    cv.c("volsub", 0, "oL", 1)
    cv.c("volsub", 0, "oR", 1)
    cv.obj("dac", 100, 475, "dac~")
    cv.c("oL", 0, "dac", 0)
    cv.c("oR", 0, "dac", 1)
    # channel strips
    cv.text(PANEL_X + 10, 138, "channels: drag a fader (-60..+6 dB) \\, the bar is the "
            "channel's peak after fader \\, mute and solo, f 100")
    rows = ((346, "dB \\, peak"), (378, "solo"), (404, "mute"),
            (440, "reverb"), (470, "delay"))
    for y, label in rows:
        cv.text(PANEL_X + 8, y, label + ", f 11")
    cv.text(PANEL_X + 8, 500, "sends dB (-100 = off): drag or type, f 60")
    for k in range(N):
        ch = k + 1
        x = COL0 + COLW * k
        cv.text(x, 160, f"{ch} {NAMES[k]}")
        cv.obj(f"vsl{ch}", x, 180, f"vsl 18 150 -60 6 0 0 $0-f{ch} $0-f{ch}set empty 0 -9 0 12 "
               + BG + " 0 1")
        cv.obj(f"vu{ch}", x + 40, 180, f"vu 15 150 $0-pk{ch} empty -1 -8 0 12 #404040 #000000 0 0")
        fatom(cv, f"fa{ch}", x, 346, 4, rcv=f"$0-f{ch}")
        fatom(cv, f"pa{ch}", x + 40, 346, 5, rcv=f"$0-pk{ch}")
        cv.obj(f"solo{ch}", x, 378, f"tgl 18 0 $0-solo{ch} empty empty 22 9 0 12 " + BG + " 0 1")
        cv.obj(f"mute{ch}", x, 404, f"tgl 18 0 $0-mute{ch} empty empty 22 9 0 12 " + BG + " 0 1")
        for bus in (1, 2):
            fatom(cv, f"snd{ch}{bus}", x, 440 + 30 * (bus - 1), 5,
                  rcv=f"$0-send{bus}-{ch}set", snd=f"$0-send{bus}-{ch}", lo=-100, hi=12)
    # master
    x = MASTER_X
    cv.text(x, 160, "master")
    cv.obj("mvsl", x, 180, "vsl 18 150 -60 6 0 0 $0-mf $0-mfset empty 0 -9 0 12 " + BG + " 0 1")
    cv.obj("mvuL", x + 32, 180, "vu 15 150 $0-mpkL empty -1 -8 0 12 #404040 #000000 0 0")
    cv.obj("mvuR", x + 50, 180, "vu 15 150 $0-mpkR empty -1 -8 0 12 #404040 #000000 1 0")
    fatom(cv, "mfa", x, 346, 4, rcv="$0-mf")
    cv.obj("mmute", x, 404, "tgl 18 0 $0-mm empty mute 22 9 0 12 " + BG + " 0 1")
    cv.text(x, 440, "short-term")
    fatom(cv, "sta", x, 460, 6, rcv="$0-st")
    cv.text(x, 490, "integrated")
    fatom(cv, "ita", x, 510, 6, rcv="$0-int")
    cv.text(x, 536, "LUFS")
    cv.sub("controls", PANEL_X + 10, 560, "controls", controls())
    cv.sub("init", PANEL_X + 110, 560, "init", init())
    cv.text(PANEL_X + 170, 560, "<- controls to messages; the demo mix at load, f 50")
    # messages
    cv.text(20, 620, "more messages (the controls above send the same kind):, f 80")
    msgrow(cv, "a", 20, 645, "a channel's strip~ (any strip~ message after the channel)",
           ("7 hpf 400", "5 lpf 1200", "3 pan -70", "6 pan 70", "1 threshold -30 \\, 1 ratio 8"))
    msgrow(cv, "b", 20, 715, "sends: pre-fader (does not follow the fader) or post",
           ("6 sendpre 2 1", "6 sendpre 2 0", "7 send 1 -4", "7 send 1 -10"))
    msgrow(cv, "c", PANEL_X + 140, 645, "returns (1 reverb \\, 2 delay) and the effects",
           ("return 1 -6", "return 1 mute 1", "return 1 mute 0", "reverb size 90",
            "delay feedback 60"))
    msgrow(cv, "e", PANEL_X + 140, 715, "the whole mixer (save: beside this patch)",
           ("save mixer-help.txt", "load mixer-help.txt", "print", "7 defaults"))
    cv.text(20, 785, "solo is in place: a soloed channel keeps its sends \\, so "
            "you hear it in its room. load and defaults change mixer~ \\, not "
            "the controls of this patch., f 78")
    cv.sub("ref", PANEL_X + 140, 785, "reference", reference())
    cv.text(PANEL_X + 240, 785, "<- flags \\, inlets \\, outlets \\, every message and "
            "info output. See also: [strip~] [loudness~] [mastering~] "
            "[demosong~] [ab~]. Needs Pd 0.51 or newer (tested on 0.53.1). "
            "The patch never switches DSP on by itself., f 90")
    print(cv.render())


if __name__ == "__main__":
    main()
