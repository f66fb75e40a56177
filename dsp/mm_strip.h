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
 * Parameters (MM_STRIP_*; ranges enforced by the wrapper's table, set
 * clamps too): trim dB [0] (-24..24), phase 0|1 [0], hpf Hz [0 = off]
 * (10..2000), hpfslope 12|24 [12], lpf Hz [0 = off] (1000..22000), gate
 * dB [-100 = off] (-100..0), gate range/attack/hold/release as mm_gate,
 * EQ bands low/lowmid/highmid/high (freq, gain, q), eq 0|1 [1],
 * compressor parameters as mm_comp (ratio default 1 here), comp 0|1 [1],
 * order 0 eq-comp | 1 comp-eq [0], pan [0] (-100..100), panlaw dB [3]
 * (0..6), fader dB [0] (-100 = silent .. 12), mute 0|1 [0].
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
#include "mm_smoother.h"

#define MM_STRIP_CHUNK 64
#define MM_STRIP_DUCK_MS 5.0
/* inputs (and key) beyond +60 dBFS are clipped there; non-finite -> 0 */
#define MM_STRIP_MAXIN 1000.0f

enum { MM_STRIP_LOW = 0, MM_STRIP_LOWMID, MM_STRIP_HIGHMID, MM_STRIP_HIGH };

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

void mm_strip_set_trim(mm_strip *s, double db);
void mm_strip_set_phase(mm_strip *s, int on);
void mm_strip_set_hpf(mm_strip *s, double hz);      /* 0 = off */
void mm_strip_set_hpfslope(mm_strip *s, int db_per_oct); /* 12 | 24 */
void mm_strip_set_lpf(mm_strip *s, double hz);      /* 0 = off */
void mm_strip_set_gate(mm_strip *s, double db);     /* -100 = off */
void mm_strip_set_gate_param(mm_strip *s, mm_gate_param p, double v);
/* b: MM_STRIP_LOW .. MM_STRIP_HIGH; q ignored by the shelves (0.7071). */
void mm_strip_set_band(mm_strip *s, int b, double freq, double gain_db,
                       double q);
void mm_strip_set_eq(mm_strip *s, int on);
void mm_strip_set_comp_param(mm_strip *s, mm_comp_param p, double v);
void mm_strip_set_comp(mm_strip *s, int on);
void mm_strip_set_order(mm_strip *s, int comp_first);
void mm_strip_set_pan(mm_strip *s, double pan);
void mm_strip_set_panlaw(mm_strip *s, double db);
void mm_strip_set_fader(mm_strip *s, double db);
void mm_strip_set_mute(mm_strip *s, int on);

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

#endif
