/* mm_spectrum.h: the spectrum analyser (spectrum~): a smoothed magnitude
 * spectrum in dB at log-spaced display points, on FFTW3 (single
 * precision). No output signal; latency none.
 *
 * Signal flow:
 *   input     each channel's samples go into a ring of `size` samples;
 *             NaN, inf and anything beyond 1e6 (+120 dBFS: garbage, not
 *             signal) as 0 and counted, below 1e-30 as 0 (no denormals).
 *   analysis  every hop = size/4 samples (75% overlap), whatever the
 *             block size: the last `size` samples of the viewed signal
 *             under a periodic Hann window, a real FFT (a plan made at
 *             init, executed on its own buffers: real-time safe), bin
 *             power P[k] = |X[k]|^2 (4/size)^2, so that a sine of
 *             amplitude A centred on a bin reads A^2 (0 dB at full
 *             scale). View: sum = the mean of the channels' powers,
 *             left = channel 1, right = channel 2, mid = (1 + 2)/2, side
 *             = (1 - 2)/2 (one channel: left, right, mid and sum are
 *             it, side is silence).
 *   points    point i of n at f_i = fmin (fmax/fmin)^(i/(n-1)). Its band
 *             is f_i 2^(+-w/2) with w = `smoothing` octaves, or the
 *             point's own spacing when smoothing is narrower (0 = none);
 *             its value is the mean of P over the band (bins cut at the
 *             band's edges count in part), or P interpolated at f_i when
 *             the band is narrower than a bin. Pink noise thus falls
 *             3 dB/oct (tilt 3 makes it flat) and the value is a power
 *             density, one bin wide.
 *   tones     a mean over a band would draw a steady tone
 *             10 log10(band bins / 1.5) dB low, so tones are found and
 *             drawn at their level: a bin that is a local maximum and
 *             MM_SPECTRUM_TONE_DB (20 dB) above the mean of the bins 3 to
 *             16 away on its quieter side is a tone; its power is the sum
 *             of P over its 5 central bins / 1.5 (the Hann window's
 *             equivalent noise bandwidth: within 0.01 dB wherever the
 *             tone falls between bins), its frequency k + d with
 *             d = 2 (b - a) / (a + 2c + b) on the magnitudes a, c, b of
 *             bins k-1, k, k+1 (exact for a Hann window), and the display
 *             point nearest that frequency reads at least that power.
 *             Noise is never taken for a tone (a bin 20 dB above the
 *             local mean has probability e^-100).
 *   display   in dB (-144 floor): rises at once, falls as a one-pole in
 *             dB toward the new value with 63% of the step in `decay` ms
 *             (0: follows each analysis); `hold 1` never falls; `freeze
 *             1` stops analysing (the display stays). `tilt` adds
 *             tilt log2(f / 1 kHz) dB when read.
 *   peak      the loudest display point: its frequency and dB (tilt
 *             included).
 *
 * Parameters (mm_spectrum_table, mm_param.h; mm_spectrum_set clamps and
 * returns the value applied): size (creation only: a choice among the
 * powers of 2 1024..32768, so no other value can be named; default 8192;
 * the table holds its index), points [256] (16..2048), fmin Hz [20]
 * (10..10000), fmax Hz [20000] (100..96000; the display spans at least an
 * octave above fmin; above fs/2 it reads the floor), smoothing octaves
 * [0.333] (0..2), tilt dB/oct [0] (-12..12, about 1 kHz), decay ms [300]
 * (0..10000), hold 0|1 [0], view sum|left|right|mid|side [sum], freeze
 * 0|1 [0].
 *
 * Measured (tests/unit/test_spectrum.c): a sine peaks at the point
 * nearest its frequency in all 376 cases (sizes 1024..32768, 44.1..96
 * kHz, 30 Hz..19 kHz from 3 bins up, smoothing 0 and 1/3, 0 and -20
 * dBFS), its level within 0.0022 dB (0.003 dB over white noise 40 dB
 * down); pink noise with tilt 3, smoothing 1/3, decay 0: the mean
 * display spans 0.52 dB (size 8192) and 0.62 dB (32768) from 50 Hz to
 * 15 kHz at 48 kHz, 0.76 dB at 16384 and 96 kHz (2.0 dB at decay 300 ms:
 * the display rides the noise's peaks where bands hold few bins); decay
 * 300 ms covers 65.6% of a fall in 320 ms; silence reads -144; identical
 * displays for any block cut.
 * Cost: one FFT of `size` per hop (per channel in the sum view, channel c
 * c hop/nch samples into the hop: the FFTs spread over the hop rather
 * than one block taking them all; the last one finishes the display) and a
 * pass over the bins: about 19 ns per sample per channel at size 8192,
 * 21 at 32768, 33 at 1024 (bench/core/bench_spectrum.c, -O2, stereo);
 * an 8192-point FFT is about 9 us. The plan is made with FFTW_ESTIMATE
 * at init (no trial runs): about 10 ms for the first of a size in a
 * process, 0.02..0.1 ms for the next (FFTW keeps what it planned).
 * Memory: nch x size floats of ring, size floats of frame and window,
 * (size/2 + 1) doubles three times (bin powers, their running sum, the
 * long-term sum), 6 x 2048 doubles of points: one block besides FFTW's.
 * Latency: none (no signal output).
 */
#ifndef MM_SPECTRUM_H
#define MM_SPECTRUM_H

#include "mm_common.h"
#include "mm_core.h"
#include "mm_param.h"

#define MM_SPECTRUM_MAXCH 8
#define MM_SPECTRUM_MAXPOINTS 2048
#define MM_SPECTRUM_MINSIZE 1024
#define MM_SPECTRUM_MAXSIZE 32768
#define MM_SPECTRUM_TONE_DB 20.0

typedef enum mm_spectrum_param {
    MM_SPECTRUM_SIZE = 0,     /* creation: index into 1024 << k */
    MM_SPECTRUM_POINTS,
    MM_SPECTRUM_FMIN,
    MM_SPECTRUM_FMAX,
    MM_SPECTRUM_SMOOTHING,
    MM_SPECTRUM_TILT,
    MM_SPECTRUM_DECAY,
    MM_SPECTRUM_HOLD,
    MM_SPECTRUM_VIEW,
    MM_SPECTRUM_FREEZE,
    MM_SPECTRUM_NPARAMS
} mm_spectrum_param;

typedef enum mm_spectrum_view {
    MM_SPECTRUM_SUM = 0,
    MM_SPECTRUM_LEFT,
    MM_SPECTRUM_RIGHT,
    MM_SPECTRUM_MID,
    MM_SPECTRUM_SIDE
} mm_spectrum_view;

/* min, max, default */
#define MM_SPECTRUM_R_SIZE 0, 5, 3
#define MM_SPECTRUM_R_POINTS 16, MM_SPECTRUM_MAXPOINTS, 256
#define MM_SPECTRUM_R_FMIN 10, 10000, 20
#define MM_SPECTRUM_R_FMAX 100, 96000, 20000
#define MM_SPECTRUM_R_SMOOTHING 0, 2, 0.333
#define MM_SPECTRUM_R_TILT -12, 12, 0
#define MM_SPECTRUM_R_DECAY 0, 10000, 300
#define MM_SPECTRUM_R_BOOL 0, 1, 0
#define MM_SPECTRUM_R_VIEW 0, 4, 0

extern const mm_paramtable mm_spectrum_table;

/* The FFT size a `size` index names (1024 << index). */
int mm_spectrum_size_of(int index);

typedef struct mm_spectrum {
    int nch, size, hop;
    double samplerate;
    double value[MM_SPECTRUM_NPARAMS];
    float *ring;           /* nch x size, written at `wpos` */
    int wpos, since;       /* next write; samples since the last analysis */
    int sum_next;          /* view sum: the next channel's FFT, 0 none */
    float *win, *frame;    /* Hann window; the windowed frame (FFTW's) */
    void *spec;            /* fftwf_complex[size/2 + 1] */
    void *plan;            /* fftwf_plan: frame -> spec */
    double *pw;            /* bin power, size/2 + 1 */
    double *cum;           /* cum[k] = sum of pw[0..k-1], size/2 + 2 */
    /* points: frequency, band edges in bins (continuous), dB */
    int npoints;
    double *freq, *blo, *bhi, *now, *disp, *tiltdb;
    double fall;           /* one-pole factor per analysis (decay) */
    /* the long-term mean (match~): the sum of every analysis's bin
     * powers while lt_on, and how many */
    double *lt, lt_frames;
    int lt_on, display;
    long analyses, nonfinite;
} mm_spectrum;

/* 1..MM_SPECTRUM_MAXCH channels, FFT size a power of 2 in
 * MM_SPECTRUM_MINSIZE..MM_SPECTRUM_MAXSIZE. Allocates and plans.
 * MM_OK, MM_E_ARG or MM_E_NOMEM (then nothing is held). */
int mm_spectrum_init(mm_spectrum *s, int nch, int size, double samplerate);
void mm_spectrum_free(mm_spectrum *s);
double mm_spectrum_set(mm_spectrum *s, mm_spectrum_param id, double v);
double mm_spectrum_get(const mm_spectrum *s, mm_spectrum_param id);
/* New point geometry for the rate; clears the display. MM_OK or
 * MM_E_ARG (bad rate, nothing changed). No allocation. */
int mm_spectrum_set_samplerate(mm_spectrum *s, double samplerate);
/* Clear the ring and the display (floor); keep the parameters. */
void mm_spectrum_reset(mm_spectrum *s);
/* Feed in[nch][n] (any n >= 1): the samples go into the ring, and an
 * analysis runs whenever a hop is complete (one FFT per viewed signal
 * on the preplanned buffers: no allocation, lock or I/O). */
void mm_spectrum_process(mm_spectrum *s, const float *const *in, int n);

int mm_spectrum_points(const mm_spectrum *s);
/* The display now, tilt included: dB at points 0..n-1 (n <= points),
 * never below -144, never inf or NaN. */
void mm_spectrum_read(const mm_spectrum *s, float *db, int n);
/* Frequency of display point i, Hz. */
double mm_spectrum_freq(const mm_spectrum *s, int i);
/* The loudest display point (tilt included): its Hz and dB. */
void mm_spectrum_peak(const mm_spectrum *s, double *hz, double *db);

/* The mean of the bin powers between bin positions lo and hi (bin k
 * covers k - 1/2 .. k + 1/2; cut bins count in part), from their running
 * sum cum[0..nb] (cum[k] = the sum of bins 0..k-1); narrower than a bin:
 * the powers interpolated at mid. 0 at or above bin nb - 1 (fs/2). The
 * fractional-octave smoothing of the display and of match~. */
double mm_spectrum_band_mean(const double *cum, int nb, double lo,
                             double hi, double mid);

/* The long-term mean spectrum (match~ learns with it). While on, every
 * analysis adds its bin powers (size/2 + 1 bins, P[k] as above) to a
 * running sum; mm_spectrum_longterm writes their mean over the analyses
 * learned into mean[] and returns how many. Off by default; reset keeps
 * it, clear forgets it, set replaces it (frames x mean: a loaded file). */
void mm_spectrum_set_longterm(mm_spectrum *s, int on);
double mm_spectrum_longterm(const mm_spectrum *s, double *mean);
void mm_spectrum_longterm_clear(mm_spectrum *s);
void mm_spectrum_longterm_set(mm_spectrum *s, const double *mean,
                              double frames);
/* 0: analyses only feed the long-term mean (no display points, no tone
 * search: cheaper); 1 (default): the display too. */
void mm_spectrum_set_display(mm_spectrum *s, int on);

extern const mm_core mm_spectrum_core;

#endif
