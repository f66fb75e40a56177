/* mm_dither.h: word-length reduction with dither and noise shaping.
 *
 * Each sample is rounded to the grid k / 2^(bits-1), k an integer in
 * [-2^(bits-1), 2^(bits-1) - 1] (values outside are clipped and counted).
 * Working in LSB units (u = x 2^(bits-1)):
 *
 *   w[n] = u[n] - sum_{k=1..p} h_k e[n-k]      error feedback
 *   q[n] = floor(w[n] + d[n] + 1/2)             dithered rounding
 *   e[n] = q[n] - w[n]                          total error (dither incl.)
 *   y[n] = clip(q[n]) / 2^(bits-1)
 *
 * so q = u + (1 - H(z)) e: the noise transfer function NTF(z) = 1 - H(z)
 * = 1 + a_1 z^-1 + ... + a_p z^-p (h_k = -a_k). The error fed back is
 * taken before clipping, so |e| <= 1/2 + max|d| (1.5 LSB with TPDF) and
 * the loop is stable whatever the input, clipping included: |w - u| <=
 * 1.5 sum|h_k| LSB.
 *
 * Dither d: none (plain rounding), rpdf, tpdf, hp (high-passed TPDF).
 * rpdf and hp come from mm_random.h; tpdf from a xorshift128+ generator
 * per channel (S. Vigna, "Further scramblings of Marsaglia's xorshift
 * generators", 2017), the two 32-bit halves of each output summed: the
 * same triangular density at 2^-32 resolution, and only shifts, xors and
 * adds, so two channels run in one vector. Non-subtractive TPDF makes the first two moments
 * of the total error independent of the signal (Lipshitz, Wannamaker,
 * Vanderkooy, JAES 1992): error power = 1/12 + 1/6 = 1/4 LSB^2 (flat),
 * i.e. -101.1 dBFS... at 16 bits: 10 log10(2^-30 / 4) = -96.3 dB re 1.
 *
 * Noise shaping: NTF designed at set_samplerate for the running rate.
 * Gerzon & Craven ("Optimal noise shaping and dither of digital signals",
 * AES 87th conv., 1989) showed that the monic minimum-phase NTF that
 * minimises the weighted noise power int W(f)|NTF(f)|^2 df is the
 * prediction-error (whitening) filter of a process whose spectrum is
 * W(f). We compute it as linear prediction: the autocorrelation
 *   r[k] = sum_f W(f) cos(2 pi f k / fs)  over a dense grid 0..fs/2,
 * then Levinson-Durbin gives a_1..a_p; the result is minimum phase by
 * construction (all zeros inside the unit circle), so the shaped error is
 * as small as the weighting allows and |NTF|^2 ~ 1/W for a high order.
 *   simple     p = 2, W = 1 from 0 to min(15 kHz, 0.45 fs), -30 dB above:
 *              lowers the noise across the audio band a little, raises it
 *              above 15 kHz (at 96 kHz and up, everything goes ultrasonic).
 *   fweighted  p = 9, W(f) = 10^(-T(f)/10), T the threshold of hearing
 *              (E. Terhardt, "Calculating virtual pitch", Hear. Res. 1,
 *              1979: T = 3.64 f^-0.8 - 6.5 exp(-0.6 (f-3.3)^2) + 1e-3 f^4,
 *              f in kHz), taken flat below 1 kHz (no low-frequency noise
 *              boost) and capped at 50 dB over its minimum (bounds the
 *              noise gain near Nyquist). The idea follows Wannamaker's
 *              F-weighted shaper ("Psychoacoustically optimal noise
 *              shaping", JAES 40(7/8), 1992), with our own curve.
 * The designed figures (NTF gain at 1-5 kHz, total noise gain) are in
 * tests/unit/test_dither.c.
 *
 * autoblank: once every channel's input has been exactly 0 for 0.5 s,
 * output exactly 0 (no dither, error state cleared); dither resumes on the
 * first non-zero input sample of any channel.
 *
 * Cost (make bench, stereo 48 kHz, 64-frame blocks, the shared 2-core
 * machine, sox's cost being `sox dither` over `sox -D`; BENCH_SECONDS=20):
 *   fweighted  core 3.9 ns per sample (was 6.1 in the run before these
 *              changes): 0.69x sox's unshaped TPDF dither (was 1.16x),
 *              0.13x its shaped one; the dither~ object 0.54x (was 1.50x;
 *              the Pd rows are the noisiest);
 *   tpdf       core 2.4 ns.
 * Stereo TPDF runs both channels in one vector of two doubles (GCC vector
 * extensions; the plain path, used for rpdf/hp, an odd last channel,
 * other compilers or with MM_DITHER_PLAIN, gives the same output bit for
 * bit), with SSE4.1's roundpd where the CPU has it (checked at run time).
 * A pass whose frames are all dithered and whose input cannot reach the
 * clip (max|u| + 3/2 sum|h_k| + 5/2 under the top code) runs without the
 * per-frame mode and clip tests.
 * What bounds it is the error feedback: each sample's rounding waits for
 * the previous sample's error (multiply, subtract, floor, subtract),
 * however many channels share the vector; and the loop's instruction
 * count (9 multiplies and subtracts of the feedback, the generator).
 * Rewriting the feedback as (c + h_0 t') - h_0 q' (shorter chain, two
 * more operations) measured slower: the loop is throughput-bound.
 * Parameters (mm_dither_table, mm_param.h; mm_dither_set clamps and
 * returns the value applied): bits 2..24 [16], type none|rpdf|tpdf|hp
 * [tpdf], shape off|simple|fweighted [off], seed integer -999999..999999
 * [the one given to init], autoblank 0|1 [0].
 * Latency: none. in == out allowed (each frame is read before written).
 */
#ifndef MM_DITHER_H
#define MM_DITHER_H

#include "mm_core.h"
#include "mm_param.h"
#include "mm_random.h"

#define MM_DITHER_MAXCH 16
#define MM_DITHER_MAXTAPS 12
#define MM_DITHER_BLANK_S 0.5

enum { MM_DITHER_NONE, MM_DITHER_RPDF, MM_DITHER_TPDF, MM_DITHER_HP };
enum { MM_DITHER_SHAPE_OFF, MM_DITHER_SHAPE_SIMPLE, MM_DITHER_SHAPE_FWEIGHTED };

typedef enum mm_dither_param {
    MM_DITHER_BITS = 0,
    MM_DITHER_TYPE,        /* MM_DITHER_NONE ... MM_DITHER_HP */
    MM_DITHER_SHAPE,       /* MM_DITHER_SHAPE_OFF ... _FWEIGHTED */
    MM_DITHER_SEED,
    MM_DITHER_AUTOBLANK,
    MM_DITHER_NPARAMS
} mm_dither_param;

/* The table (mm_param.h): rows in mm_dither_param order. */
extern const mm_paramtable mm_dither_table;

typedef struct mm_dither_ch {
    mm_random rng;                     /* rpdf and hp dither */
    uint64_t tpdf[2];                  /* xorshift128+ state: tpdf dither */
    double err[2 * MM_DITHER_MAXTAPS]; /* doubled ring of past errors */
    int pos;
    long zeros;                        /* consecutive exact-0 inputs */
} mm_dither_ch;

typedef struct mm_dither {
    int nch;
    double samplerate;
    int bits, type, shape, autoblank;
    uint64_t seed;
    double scale;                      /* 2^(bits-1) */
    int ntaps;                         /* p of the active shape */
    double h[MM_DITHER_MAXTAPS];       /* active feedback taps h_1..h_p */
    double hbound;                     /* 3/2 sum|h| + 5/2: a pass with
                                        * max|u| under 2^(bits-1) - 1 less
                                        * this cannot clip */
    long blank_len;                    /* 0.5 s in samples */
    int blanked;
    unsigned long clips;
    unsigned long nonfinite;
    mm_dither_ch ch[MM_DITHER_MAXCH];
} mm_dither;

/* nch 1..MM_DITHER_MAXCH; MM_OK or MM_E_ARG. No allocation at all. */
int mm_dither_init(mm_dither *d, int nch, double samplerate, uint64_t seed);
void mm_dither_free(mm_dither *d);
/* Clear the error state and the clip count; reseed with the seed. */
void mm_dither_reset(mm_dither *d);
int mm_dither_set_samplerate(mm_dither *d, double samplerate);
/* Set a parameter; clamps and returns the value applied. A new seed
 * restarts the noise; a new shape clears the error state. */
double mm_dither_set(mm_dither *d, mm_dither_param p, double v);
int mm_dither_latency(const mm_dither *d);
void mm_dither_process(mm_dither *d, const float *const *in,
                       float *const *out, int n);
unsigned long mm_dither_clips(const mm_dither *d);

/* Design the NTF for a shape at a rate: writes a_1..a_p to a (NTF = 1 +
 * sum a_k z^-k) and returns p (0 for off). Double, not real-time. */
int mm_dither_design(int shape, double samplerate, double *a);
/* |NTF(f)|^2 for taps a_1..a_p (for tests and help). */
double mm_dither_ntf_power(const double *a, int p, double f,
                           double samplerate);

/* The lifecycle record: the table and the verbs above (mm_core.h). */
extern const mm_core mm_dither_core;

#endif
