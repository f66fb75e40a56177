/* mm_match.h: the reference matching EQ (match~). It learns the
 * long-term average spectrum of a reference and of the programme and
 * corrects the programme toward the reference with a smooth linear-phase
 * EQ.
 *
 * Signal flow:
 *   learn      two analysers (mm_spectrum, display off): one on the
 *              reference inputs, one on the programme. While `learn
 *              reference` / `learn source` is on, every analysis (a Hann
 *              frame of S samples every S/4, S = min(N, 32768)) adds its
 *              bin powers to a long-term sum (the mean over the channels,
 *              mm_spectrum's `sum` view); R(f) and P(f) are the means
 *              over everything learned. Learning more later adds to it;
 *              `clear` forgets.
 *   correct    C(f) dB = a/100 x 10 log10( R~(f) / (P~(f) x L) ), with
 *              R~ and P~ the fractional-octave means of R and P over
 *              f 2^(+-w/2) (w = `smoothing` octaves; mm_spectrum_band_mean),
 *              a = `amount` %, L = 1 or, with `normalize 1`, the ratio of
 *              R's to P's power between fmin and fmax (the spectra are
 *              compared at equal level: the correction matches the tonal
 *              balance, and the corrected programme keeps its power there
 *              at amount 100 when the limit is not reached). C is clamped
 *              to +-`limit` dB and, outside fmin..fmax, faded to 0 dB
 *              over one octave with a raised cosine in log frequency.
 *              Before both spectra hold something, or at amount 0, C = 0.
 *   apply      the FIR of magnitude 10^(C/20) from mm_linphase (N - 1
 *              taps, linear phase, N = 8192 at 44.1/48 kHz), by
 *              partitioned FFT convolution (mm_fftconv); with C = 0 the
 *              output is exactly the input delayed by the latency. While
 *              learning the correction is redesigned every
 *              MM_MATCH_UPDATE_MS, and after every parameter change; each
 *              new filter is crossfaded in (mm_fftconv: 2 partitions,
 *              21 ms at 48 kHz), so learning, clearing and loading never
 *              click.
 *
 * Parameters (mm_match_table; mm_match_set clamps and returns the value
 * applied): amount % [100] (0..150), smoothing octaves [0.333] (0..2; 0:
 * bin by bin), limit dB [12] (0..24), fmin Hz [20] (10..10000), fmax Hz
 * [20000] (100..96000; below fmin it is taken as fmin), normalize 0|1 [0] (0: the correction is the
 * plain ratio, as the contract's recovery of a known EQ asks; 1: the
 * tonal balance alone).
 * Channels 1..8 (one correction for all); the reference has as many.
 * Measured (tests/unit/test_match.c, tests/pd/test_match.sh): pink noise
 * through a known EQ (shelves and bells) is recovered within 0.11 dB at
 * every 1/3-octave point from 50 Hz to 15 kHz; flat = the input delayed
 * bit for bit. Cost (bench/core/bench_match.c, stereo, 48 kHz): 9 ns per
 * sample per channel with nothing learned, 26 correcting, 59 while
 * learning both sides (analyses and a redesign every 250 ms).
 * Latency: mm_linphase's, B + N/2 - 1 = 512 + 4095 = 4607 samples at
 * 44.1/48 kHz (104/96 ms), 9215 at 88.2/96 kHz.
 */
#ifndef MM_MATCH_H
#define MM_MATCH_H

#include "mm_common.h"
#include "mm_core.h"
#include "mm_param.h"
#include "mm_spectrum.h"
#include "mm_linphase.h"

#define MM_MATCH_MAXCH 8
#define MM_MATCH_UPDATE_MS 250.0
#define MM_MATCH_FIR 8192         /* the FIR's N at 44.1/48 kHz */
#define MM_MATCH_REFERENCE 0
#define MM_MATCH_SOURCE 1

typedef enum mm_match_param {
    MM_MATCH_AMOUNT = 0,
    MM_MATCH_SMOOTHING,
    MM_MATCH_LIMIT,
    MM_MATCH_FMIN,
    MM_MATCH_FMAX,
    MM_MATCH_NORMALIZE,
    MM_MATCH_NPARAMS
} mm_match_param;

/* min, max, default */
#define MM_MATCH_R_AMOUNT 0, 150, 100
#define MM_MATCH_R_SMOOTHING 0, 2, 0.333
#define MM_MATCH_R_LIMIT 0, 24, 12
#define MM_MATCH_R_FMIN 10, 10000, 20
#define MM_MATCH_R_FMAX 100, 96000, 20000
#define MM_MATCH_R_NORMALIZE 0, 1, 0

extern const mm_paramtable mm_match_table;

/* What a correction is computed from: the learned spectra (as running
 * sums of their means) and the settings, taken at one moment. */
typedef struct mm_match_view {
    double *cum[2];        /* nb + 1 each: cum[k] = sum of bins 0..k-1 */
    double frames[2];
    double norm;           /* L */
    double per_hz;         /* analyser bins per Hz */
    double edge;           /* 2^(w/2) */
    double gain;           /* a / 100 */
    double limit, fmin, fmax;
    int nb, flat;
} mm_match_view;

typedef struct mm_match {
    int nch;
    double samplerate;
    double value[MM_MATCH_NPARAMS];
    mm_spectrum an[2];     /* reference, source */
    int learning[2];
    double asked[2];       /* frames the last design was asked for with */
    mm_linphase lp;
    mm_match_view design;  /* the snapshot the running design follows */
    mm_match_view view;    /* for curves, made when asked */
    double *views;         /* the block both views' arrays are in */
    int update, since;     /* samples between learning updates */
} mm_match;

/* init: 1..MM_MATCH_MAXCH channels; MM_OK, MM_E_ARG or MM_E_NOMEM (then
 * nothing is held); starts flat (the input delayed).
 * set_samplerate: new sizes for the rate, the learned spectra carried
 * over (resampled in frequency); MM_OK, MM_E_ARG (bad rate), MM_E_NOMEM
 * (nothing changed).
 * reset: clear the signal state (the filter's history); learned spectra
 * and parameters stay.
 * snap: play the correction the settings and spectra call for now,
 * without a fade (creation). */
int mm_match_init(mm_match *m, int nch, double samplerate);
int mm_match_set_samplerate(mm_match *m, double samplerate);
void mm_match_reset(mm_match *m);
void mm_match_snap(mm_match *m);
void mm_match_free(mm_match *m);
/* A table row (mm_match_param), clamped; returns the value applied. */
double mm_match_set(mm_match *m, mm_match_param id, double v);
double mm_match_get(const mm_match *m, mm_match_param id);

/* Learn the reference (MM_MATCH_REFERENCE) or the programme
 * (MM_MATCH_SOURCE): on 1 adds to what is learned, 0 stops. */
void mm_match_learn(mm_match *m, int which, int on);
int mm_match_learning(const mm_match *m, int which);
/* Forget what was learned: which, or both with -1. */
void mm_match_clear(mm_match *m, int which);
/* Seconds of signal learned. */
double mm_match_learned_seconds(const mm_match *m, int which);

/* The learned spectrum at the analyser's bins: mean bin power at k hz
 * (k = 0..bins-1, hz = mm_match_bin_hz); returns the analyses learned. */
int mm_match_bins(const mm_match *m);
double mm_match_bin_hz(const mm_match *m);
double mm_match_get_learned(const mm_match *m, int which, double *mean);
/* Replace what is learned with a spectrum given at count ascending
 * frequencies hz[] (powers pw[], linear), worth `seconds` of learning
 * (a loaded file): interpolated onto the bins (0 below the first point,
 * the last point's power above it). MM_OK or MM_E_ARG (nothing changed). */
int mm_match_set_learned(mm_match *m, int which, const double *hz,
                         const double *pw, int count, double seconds);

/* in[nch] (the programme) and ref[nch] (the reference, or NULL) ->
 * out[nch]. Any n >= 1; outputs may share the inputs' buffers (both
 * are read before any output of the same samples is written). */
void mm_match_process(mm_match *m, const float *const *in,
                      const float *const *ref, float *const *out, int n);

int mm_match_latency(const mm_match *m);
int mm_match_max_latency(const mm_match *m);

/* The correction the settings and learned spectra call for now, dB, at
 * n log-spaced frequencies lo..hi Hz (0 above fs/2). */
void mm_match_curve(mm_match *m, float *db, int n, double lo, double hi);

extern const mm_core mm_match_core;

#endif
