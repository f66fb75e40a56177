/* mm_leveler.h: the slow loudness rider (leveler~): one gain for all
 * channels, moved toward a loudness target as a hand on the fader would.
 * Feed-forward (the gain steers by the input's loudness, so a steady
 * programme settles exactly), no lookahead.
 *
 * Signal flow:
 *   measure   each channel K-weighted (mm_kweight, BS.1770-4); the sum
 *             over channels (weight 1) of the squares, integrated over
 *             sub-blocks of MM_LEVELER_SUB_MS (5 ms, a whole number of
 *             samples), kept in a ring as long as the longest window.
 *   loudness  L = -0.691 + 10 log10(mean over the last `window` ms): the
 *             BS.1770 loudness of the input over the window (reading
 *             `loudness`); M the same over the last 400 ms.
 *   steering  Ls, the loudness the gain steers by: the window's mean over
 *             the sub-blocks louder than target + gate only (a pause
 *             inside the window neither lowers it nor, at the next entry,
 *             makes the gain rise), each sub-block counted at most
 *             MM_LEVELER_SPIKE_DB (8 dB) above the larger of the window's
 *             and the last 400 ms's mean (a drum hit or a click moves it
 *             little; a real rise passes within about 60 ms, as the
 *             400 ms mean follows).
 *   gain      at each sub-block's end: desired d = target - Ls clamped
 *             to [-maxcut, +maxboost]; the gain moves toward d by at most
 *             speed x 5 ms, linearly in dB over the next sub-block (a
 *             constant per-sample factor, exact at its end: no zipper).
 *             It holds while frozen, while L or M is below target + gate
 *             (pauses, silence and fade-outs are not pumped up), and
 *             until 400 ms are measured (after init, reset or a rate
 *             change) and the window holds 200 ms above the gate.
 *   output    out_c = in_c 10^(g/20), all channels alike.
 * NaN/inf input counts as silence (output 0 for that sample); the
 * measurement's running sums are recomputed from the ring whenever one
 * falls below 1e-6 of the largest entry it held (what is left may be
 * rounding residue) and once per ring turn, so no residue or bad value
 * stays. Denormals: the filters are flushed per sub-block.
 *
 * Parameters (mm_leveler_table, mm_param.h; mm_leveler_set clamps and
 * returns the value applied): target LUFS [-16] (-40..-5), speed dB/s
 * [1] (0.1..10), maxboost dB [12] (0..30), maxcut dB [12] (0..30),
 * window ms [3000] (400..10000; rounded to whole 5 ms sub-blocks), gate
 * LU [-15] (-40..0, relative to target), freeze 0|1 [0], gain dB [0]
 * (-30..30: jumps the gain at once; applied within [-maxcut, +maxboost],
 * the value returned). A change of maxboost or maxcut that leaves the
 * gain outside the limits brings it inside at once (the limits win).
 *
 * Measured (tests/unit/test_leveler.c, stereo pink-ish noise, output
 * metered by libebur128): settles within 0.012 LU of the target from
 * -30 LUFS (+14 dB) and 0.007 LU from -6 LUFS at 48 kHz, within 0.05 LU
 * at 22.05..192 kHz (libebur128's K-weighting drifts that much with the
 * rate); the largest gain step seen sample by sample is speed itself
 * (1.000000 dB/s); 10 ms bursts 20 dB above a steady programme dip the
 * gain 0.13 dB at worst (0.03 dB of wander without them); 0 dB of rise
 * once a fade-out is below the gate; the `loudness` reading within
 * 0.01 LU of libebur128's over the same 3 s at 44.1/48 kHz (0.05 LU at
 * 22.05 to 192 kHz, its rate drift). Output identical for any block cut.
 * Cost: about 21 ns per stereo frame at 48 kHz (-O2, including the test
 * signal; two K-weighting biquads per channel dominate); memory two
 * rings of 10 s / 5 ms + 1 = 2001 doubles (32 KB).
 * Latency: none.
 */
#ifndef MM_LEVELER_H
#define MM_LEVELER_H

#include "mm_common.h"
#include "mm_kweight.h"
#include "mm_core.h"
#include "mm_param.h"

#define MM_LEVELER_MAXCH 8
#define MM_LEVELER_SUB_MS 5.0
#define MM_LEVELER_MOMENT_MS 400.0
#define MM_LEVELER_WINDOW_MAX_MS 10000.0
#define MM_LEVELER_SPIKE_DB 8.0

typedef enum mm_leveler_param {
    MM_LEVELER_TARGET = 0,
    MM_LEVELER_SPEED,
    MM_LEVELER_MAXBOOST,
    MM_LEVELER_MAXCUT,
    MM_LEVELER_WINDOW,
    MM_LEVELER_GATE,
    MM_LEVELER_FREEZE,
    MM_LEVELER_GAIN,
    MM_LEVELER_NPARAMS
} mm_leveler_param;

/* min, max, default */
#define MM_LEVELER_R_TARGET -40, -5, -16
#define MM_LEVELER_R_SPEED 0.1, 10, 1
#define MM_LEVELER_R_MAXBOOST 0, 30, 12
#define MM_LEVELER_R_MAXCUT 0, 30, 12
#define MM_LEVELER_R_WINDOW 400, 10000, 3000
#define MM_LEVELER_R_GATE -40, 0, -15
#define MM_LEVELER_R_FREEZE 0, 1, 0
#define MM_LEVELER_R_GAIN -30, 30, 0

/* The table (mm_param.h): rows in mm_leveler_param order. */
extern const mm_paramtable mm_leveler_table;

typedef struct mm_leveler {
    int nch;
    double samplerate;
    double value[MM_LEVELER_NPARAMS];
    mm_kweight kw[MM_LEVELER_MAXCH];
    /* measurement, in sub-blocks of `sub` samples */
    int sub, pos;          /* samples per sub-block; into the current one */
    double acc;            /* its K-weighted energy so far */
    double *plain;         /* ring: energy of each sub-block */
    double *robust;        /* ring: the same, spikes limited (in plain's block) */
    int alloc, cap;        /* ring entries allocated, in use */
    int head, seen;        /* next write; entries written (<= cap) */
    int win, moment;       /* window and 400 ms, in sub-blocks */
    double sum_win, sum_moment; /* plain, over win / moment entries */
    double sum_gated;      /* robust, over window entries above thr */
    int n_gated;
    double peak;           /* largest entry added since remeasured */
    double thr;            /* energy of a sub-block at target + gate */
    double spike;          /* 10^(MM_LEVELER_SPIKE_DB / 10) */
    /* gain: from g_from to g_to dB over the current sub-block */
    double g_from, g_to;
    double lin, lin_to, ratio; /* linear now, at the end; per sample */
    long nonfinite;
} mm_leveler;

/* 1..MM_LEVELER_MAXCH channels; allocates the rings for the longest
 * window at this rate. MM_OK, MM_E_ARG or MM_E_NOMEM. */
int mm_leveler_init(mm_leveler *l, int nch, double samplerate);
void mm_leveler_free(mm_leveler *l);
double mm_leveler_set(mm_leveler *l, mm_leveler_param id, double v);
/* The value in force (gain: the gain now, dB). */
double mm_leveler_get(const mm_leveler *l, mm_leveler_param id);
/* Redesign, reallocate if the rate needs longer rings (not real-time),
 * clear the measurement; the gain is kept. MM_OK, MM_E_ARG (bad rate,
 * nothing changed) or MM_E_NOMEM (nothing changed). */
int mm_leveler_set_samplerate(mm_leveler *l, double samplerate);
/* Clear the measurement (filters, window); keep the parameters and the
 * gain in force (it holds until 400 ms are measured again). Real-time
 * safe. */
void mm_leveler_reset(mm_leveler *l);
int mm_leveler_latency(const mm_leveler *l);
/* in[nch] -> out[nch]; out may alias in. */
void mm_leveler_process(mm_leveler *l, const float *const *in,
                        float *const *out, int n);

/* Gain now, dB. */
double mm_leveler_gain_db(const mm_leveler *l);
/* Input loudness over the window, LUFS; -144 when nothing is measured. */
double mm_leveler_loudness(const mm_leveler *l);
int mm_leveler_frozen(const mm_leveler *l);

/* The lifecycle record: the table and the verbs above (mm_core.h). */
extern const mm_core mm_leveler_core;

#endif
