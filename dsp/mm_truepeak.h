/* mm_truepeak.h: true-peak detector (ITU-R BS.1770-4 Annex 2, done more
 * accurately), one channel per struct.
 *
 * The signal is reconstructed between the samples by the polyphase
 * interpolator of mm_oversampler.h (L points per input period: the sample
 * itself and L-1 interpolated points). For each input period m the
 * detector reports
 *
 *   peak[m] = max over k of |y_k|, refined at each local maximum of |y|
 *             by the vertex of the parabola through it and its two
 *             neighbours:  a + (c - b)^2 / (8 (2a - b - c))
 *             (a = |y_k|, b and c the neighbours signed like y_k)
 *
 * which removes most of the grid error (for a sine, from
 * 1 - cos(pi f / L) to about (2 pi f / L)^4 / 43). The refinement can only
 * raise a reading, and by at most a/4.
 *
 * Design per rate (mm_truepeak_design):
 *   below 80 kHz   L = 8, 48 taps per phase (Kaiser beta 7)
 *   80 kHz and up  L = 4, 48 taps per phase
 * The filter is flat within 0.003 dB to 0.4535 fs (20 kHz at 44.1 kHz)
 * and rejects images by 71 dB from 0.5465 fs.
 * Cost per input sample: (L-1) x 48 multiply-adds = 336 (8x) or 144 (4x),
 * plus L compares; measured 40 ns (8x) and 14 ns (4x) per sample with the
 * externals' flags (-O3 -ffast-math -march=core2, AMD EPYC), i.e. about
 * 0.2% of one core per channel at 48 kHz. A meter that only needs the
 * maximum (mm_loudness) uses mm_truepeak_process_max_above below: on the
 * bench music it interpolates about 8% of the periods once the running
 * maximum has settled, with the same reading bit for bit
 * (tests/unit/test_truepeak.c: EBU Tech 3341 cases 15-23 at six rates,
 * the limiter contract's torture signals, four block sizes).
 *
 * Accuracy, measured by tests/unit/test_truepeak.c (sines, every crest
 * position between two samples, read over the period(s) holding the
 * crest; under/over in dB):
 *
 *   rate     L   20 Hz-20 kHz    to 0.45 fs        vs the 16x truth
 *            vs the amplitude    vs the amplitude  (whole range)
 *   44.1k    8   -0.007/+0.003   (20 kHz = 0.4535) -0.007/+0.033
 *   48k      8   -0.003/+0.002   -0.005/+0.005     -0.005/+0.037
 *   88.2k    4   -0.003/+0.002   -0.046/+0.005     -0.046/+0.033
 *   96k      4   -0.002/+0.001   -0.047/+0.005     -0.046/+0.031
 *   176.4k   4   -0.000/+0.001   -0.046/+0.005     -0.046/+0.031
 *   192k     4   -0.000/+0.001   -0.046/+0.005     -0.046/+0.032
 *
 * "Over" against the 16x truth is the 16x grid's own shortfall (up to
 * 0.034 dB at 0.45 fs), not a high reading: against the exact amplitude
 * the detector is never more than 0.005 dB high. Sums of five random sines
 * read within -0.024/+0.006 dB of their continuous peak. EBU Tech 3341
 * cases 15-19 (fs/4, fs/6, fs/8 sines at 0.5 and +3 dBTP) read exact to
 * 0.001 dB, their 20-23 style (band-limited pulses, crest 0, 1/4, 1/2, 3/4
 * sample after a sample) within 0.001 dB of 0 dBTP.
 *
 * Limit: content between 0.4535 and 0.5 fs lies in the filter's
 * transition band (-6 dB at fs/2) and is under-weighted. Programme and
 * clipped material read as above (a sine clipped by 12 dB: within
 * +0.011 dB), but full-band white noise reads within -0.95/+0.65 dB of a
 * long 16x reference per 32-sample window (its overall peak within
 * 0.07 dB). Tracking that band would take about five times the taps.
 *
 * Latency: MM_TRUEPEAK_TAPS / 2 = 24 samples at every rate (0.54 ms at
 * 44.1 kHz, 0.125 ms at 192 kHz, 1.09 ms at 22.05 kHz): peak_out[m + 24]
 * is the peak of the period [m, m+1) (its parabolas may reach half a
 * step, 1/(2L) sample, before m). peak_out[m + latency] >= |x[m]| always.
 *
 * Input is sanitised (NaN/inf read as 0 and counted, |x| < 1e-30 as 0),
 * so the state is always finite: a period is clean again once its
 * 2 x 24 + 1 samples of context are. No denormals: the history holds
 * none and the parabola is skipped below 1e-15. Per-sample results do not
 * depend on the block size; in == peak_out is allowed.
 *
 * Zero the struct before the first init. Only init allocates.
 */
#ifndef MM_TRUEPEAK_H
#define MM_TRUEPEAK_H

#include "mm_oversampler.h"

#define MM_TRUEPEAK_FACTOR_LOW 8   /* below 80 kHz */
#define MM_TRUEPEAK_FACTOR_HIGH 4  /* 80 kHz and above */
#define MM_TRUEPEAK_TAPS 48        /* taps per phase: latency 24 samples */
#define MM_TRUEPEAK_BETA 7.0

typedef struct mm_truepeak {
    mm_oversampler os;
    float prev;          /* last reconstructed point of the last period */
    int prev_ok;         /* 0 when the lazy path skipped that period */
    float *seg;          /* factor x nseg: segment gains (lazy bound) */
    int nseg;
    float gain;          /* G: the largest sum over a phase, with margin */
    float lift;          /* step bound / 8: the parabola's largest lift */
    double samplerate;
} mm_truepeak;

/* Allocates; MM_OK, MM_E_NOMEM or MM_E_ARG (samplerate <= 0). May be
 * called again to change the rate (frees the old filter). Zero the struct
 * before the first call. */
int mm_truepeak_init(mm_truepeak *tp, double samplerate);
void mm_truepeak_free(mm_truepeak *tp);
/* Clear the history (keeps the filter). */
void mm_truepeak_reset(mm_truepeak *tp);
/* Samples by which peak_out[] lags the input (taps/2). */
int mm_truepeak_latency(const mm_truepeak *tp);
/* Per input sample m: max |y| over the reconstructed points of the period
 * [m, m+1) (the sample itself and L-1 points after it, each local maximum
 * refined by a parabola), written to peak_out[m + latency]. in == peak_out
 * is allowed. */
void mm_truepeak_process(mm_truepeak *tp, const float *in, float *peak_out,
                         int n);
/* Same computation, returns only the maximum of the n values peak_out
 * would have held (for meters). */
float mm_truepeak_process_max(mm_truepeak *tp, const float *in, int n);
/* The lazy meter path: the same maximum where it matters, at a fraction of
 * the cost when little does. Returns m with
 *   max(m, floor) == max(process_max(in), floor), bit for bit,
 * computing only the periods that might read above floor (a running
 * maximum). For a group of 8 periods (inputs 8q..8q+7) the bound is
 *   (1 + 1e-5) (max_j sum_s S[j][s] max(M[q+s], M[q+s+1]) + D/8 W)
 *   - every interpolated point is at most sum_t |h_t| |x_t|, bounded per
 *     phase j and per 8 taps s by the segment gains S and the peaks M of
 *     the 8-sample blocks of the group's windows
 *     (mm_oversampler_segment_gains);
 *   - the parabola lifts a local maximum a with neighbours b, c by
 *     (u - v)^2 / (8 (u + v)) <= max(u, v) / 8, u = a - b and v = a - c
 *     being at most the step between two neighbouring points, at most
 *     D W (D = mm_oversampler_step_bound, W the largest |x| under the
 *     group's points and their neighbours);
 *   - 1e-5 covers float rounding (48 products: under 3e-6 of the sum of
 *     |products|, which the bound exceeds).
 * For the 48-tap design at 8x: G = max_j sum_s S = 2.69, D = 0.72, so at
 * worst 2.78 x the windows' sample peak (+8.9 dB), and far less when the
 * loud samples are off the centre taps. On the bench music 8% of the
 * periods are interpolated once the running maximum has settled (all of
 * them on a steady full-scale tone). A skipped group keeps the filter
 * history, and a computed group after a skipped one first recomputes the
 * last point of the period before it (the parabola's left neighbour), so
 * whatever is computed equals the full path bit for bit. Mixing it with
 * the other calls on one detector is allowed. floor < 0 computes
 * everything. */
float mm_truepeak_process_max_above(mm_truepeak *tp, const float *in, int n,
                                    float floor);

/* The oversampling factor in use. */
int mm_truepeak_factor(const mm_truepeak *tp);
/* Non-finite input samples seen since init (treated as 0). */
unsigned long mm_truepeak_nonfinite(const mm_truepeak *tp);
/* The design mm_truepeak_init uses for a rate. */
void mm_truepeak_design(double samplerate, int *factor, int *taps,
                        double *beta);
/* Init with an explicit design (tests, benchmarks). */
int mm_truepeak_init_custom(mm_truepeak *tp, double samplerate, int factor,
                            int taps, double beta);

/* The rule every reading uses, public for detectors that compute their
 * points otherwise (mm_peaklimiter). Peak of one input period from its L
 * reconstructed points p[0..L-1] (p[0] is the input sample), the last
 * point of the period before (prev) and the first of the next one (next). Every local maximum of |y| is
 * refined by the vertex of the parabola through it and its neighbours:
 * with a = |y_k| and b, c the neighbours signed like y_k,
 *   peak = a + (c - b)^2 / (8 (2a - b - c)),
 * which is at most a/4 above a and exact for a parabola. */
static inline float mm_truepeak_period_peak(const float *p, int L,
                                            float prev, float next)
{
    float best = 0.0f;
    for (int k = 0; k < L; k++) {
        float y = p[k];
        float l = k > 0 ? p[k - 1] : prev;
        float r = k + 1 < L ? p[k + 1] : next;
        float a = fabsf(y);
        if (a > best)
            best = a;
        /* (below 1e-15 the refinement is irrelevant and its squares
         * would underflow into denormals) */
        if (a >= fabsf(l) && a >= fabsf(r) && a > 1e-15f) {
            float b = y > 0.0f ? l : -l;
            float c = y > 0.0f ? r : -r;
            /* in double: in float the square overflows to inf from
             * |y| ~ 1e19 (found by the fuzzer) */
            double d = 2.0 * a - b - c;
            if (d > 0.0) {
                double cb = (double)c - b;
                float v = (float)(a + cb * cb / (8.0 * d));
                if (v > best)
                    best = v;
            }
        }
    }
    return best;
}

#endif
