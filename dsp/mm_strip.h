/* mm_strip.h: a console channel strip, the core of strip~.
 *
 * Signal order (the contract): trim, phase, filters (hpf 12|24 dB/oct,
 * lpf 12 dB/oct), gate, EQ and compressor (order eq-comp or comp-eq),
 * pan (mono in) or balance (stereo in), fader, mute. Built on the shared
 * cores: mm_eq (filters and the four-band EQ: low shelf, two bells, high
 * shelf; matched designs of mm_filterdesign), mm_gate, mm_comp (the one
 * compressor core), mm_pan; nothing is re-implemented here.
 *
 * Smoothness: trim, phase, pan, fader and mute move one linear gain per
 * side (one-pole, 63% in MM_SMOOTHER_TAU_MS = 10 ms; phase flips by
 * gliding the trim gain through zero). Filter and EQ settings glide in
 * log-frequency/dB (mm_eq); switching a filter, the EQ (`eq 0|1`), the
 * gate (threshold -100 = off) or the compressor (`comp 0|1`) crossfades
 * over 20 ms; changing `order` dips the output to silence and back over
 * 2 x 5 ms (the sections keep their state).
 *
 * Parameters (mm_strip_table, mm_param.h; mm_strip_set clamps and
 * returns the value applied): trim dB [0] (-24..24), phase 0|1 [0], hpf
 * Hz [0 = off] (10..2000), hpfslope 12|24 [12] (a choice: set takes the
 * index, 0 = 12, 1 = 24 dB/oct), lpf Hz [0 = off] (1000..22000), gate
 * threshold dB [-100 = off] (gate's range), gaterange/gateattack/
 * gatehold/gaterelease as mm_gate's (same ranges and defaults), eq 0|1
 * [1], the compressor's threshold, attack, release, knee, makeup and
 * schpf as mm_comp's, ratio as mm_comp's but default 1 (no
 * compression), comp 0|1 [1], order eq-comp|comp-eq [eq-comp], pan [0]
 * (-100..100), panlaw dB [3] (0|3|4.5|6), fader dB [0] (-100 = silent .. 12),
 * mute 0|1 [0]. The rows shared with mm_comp and mm_gate are theirs
 * (MM_COMP_SHARED_ROWS, MM_GATE_SHARED_ROWS), written once.
 * EQ bands (mm_strip_set_band): low shelf [100 Hz 0 dB], bells lowmid
 * [400 Hz 0 dB q 1] and highmid [2500 Hz 0 dB q 1], high shelf [8000 Hz
 * 0 dB]; frequency MM_STRIP_BAND_FMIN..FMAX Hz, gain as mm_eq's, q of
 * the bells MM_STRIP_BAND_QMIN..QMAX (the shelves are Butterworth,
 * q 0.7071).
 *
 * Input: non-finite samples become 0, samples beyond +60 dBFS are clipped
 * to it (so a 1e30 glitch cannot hold the dynamics down for seconds).
 *
 * Channels: nin 1 (mono in, stereo out, pan law) or 2 (stereo in and
 * out, balance). Optional key for the compressor. Latency: none.
 */
#ifndef MM_STRIP_H
#define MM_STRIP_H

#include "mm_comp.h"
#include "mm_eq.h"
#include "mm_gate.h"
#include "mm_pan.h"
#include "mm_core.h"
#include "mm_param.h"
#include "mm_smoother.h"

#define MM_STRIP_CHUNK 64
#define MM_STRIP_DUCK_MS 5.0
/* inputs (and key) beyond +60 dBFS are clipped there; non-finite -> 0 */
#define MM_STRIP_MAXIN 1000.0f

enum { MM_STRIP_LOW = 0, MM_STRIP_LOWMID, MM_STRIP_HIGHMID, MM_STRIP_HIGH };

/* The ranges of the EQ bands (the wrapper's clamps, and set_band's). */
#define MM_STRIP_BAND_FMIN 20.0
#define MM_STRIP_BAND_FMAX 20000.0
#define MM_STRIP_BAND_GMIN MM_EQ_GMIN
#define MM_STRIP_BAND_GMAX MM_EQ_GMAX
#define MM_STRIP_BAND_QMIN MM_EQ_QMIN
#define MM_STRIP_BAND_QMAX 10.0
/* 1 for the bands that take a q (the bells), 0 for the shelves. */
#define MM_STRIP_BAND_HAS_Q(b) \
    ((b) == MM_STRIP_LOWMID || (b) == MM_STRIP_HIGHMID)

/* Table rows, in print order (ids of mm_strip_set). */
typedef enum mm_strip_param {
    MM_STRIP_TRIM = 0,
    MM_STRIP_PHASE,
    MM_STRIP_HPF,
    MM_STRIP_HPFSLOPE,
    MM_STRIP_LPF,
    MM_STRIP_GATE,
    MM_STRIP_GATERANGE,
    MM_STRIP_GATEATTACK,
    MM_STRIP_GATEHOLD,
    MM_STRIP_GATERELEASE,
    MM_STRIP_EQ,
    MM_STRIP_THRESHOLD,
    MM_STRIP_RATIO,
    MM_STRIP_ATTACK,
    MM_STRIP_RELEASE,
    MM_STRIP_KNEE,
    MM_STRIP_MAKEUP,
    MM_STRIP_SCHPF,
    MM_STRIP_COMP,
    MM_STRIP_ORDER,
    MM_STRIP_PAN,
    MM_STRIP_PANLAW,
    MM_STRIP_FADER,
    MM_STRIP_MUTE,
    MM_STRIP_NPARAMS
} mm_strip_param;

extern const mm_paramtable mm_strip_table;
/* The arguments of a band message: <Hz> <dB> [<q>] (shelves: no q). */
typedef enum mm_strip_band_arg {
    MM_STRIP_ARG_FREQ,
    MM_STRIP_ARG_GAIN,
    MM_STRIP_ARG_Q
} mm_strip_band_arg;
extern const mm_paramtable mm_strip_band_args, mm_strip_shelf_args;

typedef struct mm_strip_eqband {
    double freq, gain, q;
} mm_strip_eqband;

typedef struct mm_strip {
    int nin;
    double samplerate;
    /* settings */
    double trim_db, pan, panlaw, fader_db;
    int phase, mute, hpfslope, eq_on, comp_on, order;
    double hpf, lpf, gate_db;
    mm_strip_eqband band[4];
    /* sections */
    mm_eq filt;            /* bands: hpf 1, hpf 2, lpf */
    mm_eq eq;              /* bands: low, lowmid, highmid, high */
    mm_gate gate;
    mm_comp comp;
    mm_smoother trim;      /* signed linear trim (phase) */
    mm_smoother gl, gr;    /* pan/balance x fader x mute */
    mm_smoother gate_mix, comp_mix; /* section on (1) / off (0) */
    int cur_order;         /* order running now */
    int duck;              /* samples left in the order dip (down+up) */
    int duck_len;          /* samples per half */
    /* meters (peaks since the last take) */
    double inpeak, outpeak[2];
    long nonfinite;
} mm_strip;

int mm_strip_init(mm_strip *s, int nin, double samplerate);
void mm_strip_free(mm_strip *s);
void mm_strip_reset(mm_strip *s);
int mm_strip_set_samplerate(mm_strip *s, double samplerate);
/* Jump every gliding value to its target (creation arguments). */
void mm_strip_snap(mm_strip *s);

/* Set a table row (mm_strip_param); returns the value applied. */
double mm_strip_set(mm_strip *s, int id, double v);
/* EQ band b (MM_STRIP_LOW .. MM_STRIP_HIGH), clamped to the band ranges
 * above; q ignored by the shelves, and q <= 0 keeps the bell's q. */
void mm_strip_set_band(mm_strip *s, int b, double freq, double gain_db,
                       double q);
/* The band's settings as applied (q of a shelf: its Butterworth q). */
void mm_strip_get_band(const mm_strip *s, int b, double *freq,
                       double *gain_db, double *q);

/* in[nin] -> out[2]; key NULL or one key channel. in and out may alias
 * (every input frame is read before the outputs are written). */
void mm_strip_process(mm_strip *s, const float *const *in,
                      float *const *out, const float *key, int n);

/* Meters: peak input (dBFS, largest channel), peak outputs, deepest
 * compressor reduction (dB <= 0) since the last take; restart them. */
double mm_strip_take_inpeak(mm_strip *s);
void mm_strip_take_outpeak(mm_strip *s, double *l, double *r);
double mm_strip_take_gr(mm_strip *s);
/* Gate attenuation now (dB <= 0; 0 when the gate is off). */
double mm_strip_gating(const mm_strip *s);

/* Pictures: magnitude (dB) of filters + EQ at n log-spaced frequencies
 * (fmin..fmax), and the compressor's static curve (output dB for inputs
 * lo_db..hi_db). */
void mm_strip_eq_curve(const mm_strip *s, float *db, int n, double fmin,
                       double fmax);
void mm_strip_comp_curve(const mm_strip *s, float *y, int n, double lo_db,
                         double hi_db);

/* The lifecycle record: the table and the verbs above (mm_core.h). */
extern const mm_core mm_strip_core;

#endif
