"""The demo song's mix on [mixer~ -stereo 1 -ch 7]: one place for it, used
by `make demo` (scripts/demo.py) and by mixer~'s help patch
(scripts/mkhelp.py).

One stereo channel per stem of [demosong~], in its outlet order. The mix
is what an engineer would start from:
  - a high-pass on every channel but kick and bass (nothing of use lives
    down there, and their rumble only eats the limiter's headroom);
  - cuts that carve space: the kick's box (380 Hz), the bass's mud
    (300 Hz) and a little of its lowest octave where the kick's
    fundamental sits, the pad's mud (400 Hz) and the pad and lead around
    3 kHz, where the voice's presence is (the voice gets a little there);
  - compression on the drums (kick, snare: attack slow enough to keep the
    hit) and on the voice (evens out the phrases);
  - a reverb send on snare, pad, lead and voice, the delay (a dotted
    eighth at 120 bpm: 375 ms) on the lead and a little on the voice.
"""

# name, fader dB, balance (-100..100), strip~ messages, sends (bus, dB)
CHANNELS = (
    ("kick", 0, 0,
     ("lowmid 380 -4 1.4", "threshold -18", "ratio 3", "attack 15",
      "release 120", "makeup 2"), ()),
    ("snare", -2, 5,
     ("hpf 100", "lowmid 450 -3 1.5", "highmid 5000 2 1", "threshold -20",
      "ratio 3", "attack 8", "release 150", "makeup 2"), ((1, -12),)),
    ("hats", -4, 20,
     ("hpf 500",), ()),
    ("bass", -1, 0,
     ("low 60 -2", "lowmid 300 -3 1", "threshold -22", "ratio 2.5",
      "attack 20", "release 200", "makeup 1"), ()),
    ("pad", -4, 0,
     ("hpf 200", "lowmid 400 -3 1", "highmid 2800 -3 1.2"), ((1, -8),)),
    ("lead", -5, -25,
     ("hpf 300", "highmid 2800 -2 1.5"), ((1, -14), (2, -10))),
    ("voice", 0, 0,
     ("hpf 150", "lowmid 350 -2 1.2", "highmid 3200 2 1", "threshold -26",
      "ratio 3", "attack 5", "release 120", "makeup 3"), ((1, -10), (2, -18))),
)
BUSES = ("reverb size 65", "reverb damping 45", "return 1 -2",
         "delay time 375", "delay feedback 30", "return 2 -4")
MASTER_FADER = 0
MIXER = "mixer~ -stereo 1 -ch %d" % len(CHANNELS)


def send_db(k, bus):
    """channel k's (1-based) send to bus 1 or 2, dB (-100: none)"""
    return dict(CHANNELS[k - 1][4]).get(bus, -100)


def setup_messages():
    """the mix but for the faders and sends (what a console's controls
    show): every channel's strip~ settings and balance, the effects"""
    out = []
    for k, (name, fader, bal, strip, sends) in enumerate(CHANNELS, 1):
        out += ["%d %s" % (k, m) for m in strip]
        if bal:
            out.append("%d pan %g" % (k, bal))
    return out + list(BUSES)


def messages():
    """every message of the mix, in order, as mixer~ takes them"""
    out = setup_messages()
    for k, (name, fader, bal, strip, sends) in enumerate(CHANNELS, 1):
        out += ["%d send %d %g" % (k, b, db) for b, db in sends]
        out.append("%d fader %g" % (k, fader))
    return out + ["master fader %g" % MASTER_FADER]
