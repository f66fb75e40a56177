/* mm_oversampler.h: polyphase FIR interpolator (upsampling by L), one
 * channel per struct.
 *
 * Reconstructs the band-limited signal y(t) between the input samples on
 * a grid of L points per input period:
 *
 *   y(m + j/L) = sum_{d=-K+1..K} x[m + d] h(j/L - d),   j = 0..L-1
 *
 * with the prototype a Kaiser-windowed sinc cut off at the input Nyquist
 * frequency (fs/2):
 *
 *   h(tau) = sinc(tau) I0(beta sqrt(1 - (tau/K)^2)) / I0(beta),  |tau| < K
 *
 * (mm_kaiser_sinc, see mm_kaiser.h)
 * sinc(tau) = sin(pi tau)/(pi tau). This is a Nyquist (L-th band) filter:
 * h is 1 at tau = 0 and 0 at every other integer, so phase 0 is the input
 * itself, delayed (copied, bit for bit, not computed). Each other phase is
 * a 2K-tap FIR normalised to unity gain at DC. Coefficients are designed
 * in double precision at init; processing is float (about 1e-7 relative
 * error, far below the filter's own), eight outputs at a time.
 * Measured (tests/unit/test_oversampler.c) with beta = 7 and 2K = 48, the
 * design mm_truepeak uses: passband flat within 0.0026 dB to 0.4535 fs
 * (20 kHz at 44.1 kHz), -6.02 dB at fs/2, images at least 71 dB down from
 * 0.5465 fs; a sine up to 0.4535 fs is reconstructed within -65 dB of its
 * amplitude (-71 dB below 0.4 fs).
 * Cost: (L - 1) 2K multiply-adds per input sample (only for the inputs
 * asked for, with the lazy calls below).
 * Reference: ITU-R BS.1770-4 Annex 2 (true-peak by oversampling); the
 * Kaiser window: J. F. Kaiser, "Nonrecursive digital filter design using
 * the I0-sinh window function", ISCAS 1974.
 *
 * Parameters (init only, not real-time):
 *   factor  L, 1..MM_OVERSAMPLER_MAX_FACTOR (16). L = 1 is a plain delay.
 *   taps    2K, taps per phase, even, 2..MM_OVERSAMPLER_MAX_TAPS (256).
 *   beta    Kaiser window shape, 0..20 (about 0.1102 (A - 8.7) for A dB
 *           stopband attenuation).
 *
 * Latency: K = taps/2 input samples: out[i L + j] = y(i - K + j/L), so
 * out[i L] == in[i - K].
 *
 * Input is sanitised by bit pattern (NaN/inf become 0 and are counted,
 * magnitudes below 1e-30 become 0), so the history never holds a
 * non-finite or denormal value and recovers as soon as the bad samples
 * leave the window (taps samples).
 *
 * Zero the struct (mm_oversampler os = {0}) before the first init; init
 * may be called again (it frees the old buffers). Only init allocates.
 */
#ifndef MM_OVERSAMPLER_H
#define MM_OVERSAMPLER_H

#include "mm_common.h"

#define MM_OVERSAMPLER_MAX_FACTOR 16
#define MM_OVERSAMPLER_MAX_TAPS 256

/* Input samples per internal pass (outputs are computed 8 at a time). */
#define MM_OVERSAMPLER_CHUNK 32

typedef struct mm_oversampler {
    float *coef;        /* factor * taps, per phase: coef[j * taps + t] */
    float *hist;        /* taps past samples, then a chunk of input (the
                         * oldest is read only by mm_oversampler_compute
                         * for the input before the staged ones) */
    int factor;         /* L */
    int taps;           /* 2K, taps per phase */
    double beta;
    unsigned long nonfinite; /* non-finite input samples seen */
} mm_oversampler;

/* Design the filter and allocate. MM_OK, MM_E_ARG (bad factor, taps or
 * beta; the struct is left unchanged) or MM_E_NOMEM. */
int mm_oversampler_init(mm_oversampler *os, int factor, int taps,
                        double beta);
void mm_oversampler_free(mm_oversampler *os);
/* Clear the history (the filter stays). */
void mm_oversampler_reset(mm_oversampler *os);
/* K = taps/2, in input samples. */
int mm_oversampler_latency(const mm_oversampler *os);
int mm_oversampler_factor(const mm_oversampler *os);
/* Reads n input samples, writes n * factor output samples:
 * out[i * factor + j] = y(i - latency + j / factor). out must not overlap
 * in. Never allocates. */
void mm_oversampler_process(mm_oversampler *os, const float *in, float *out,
                            int n);
/* Non-finite input samples seen since init (reset keeps the count). */
unsigned long mm_oversampler_nonfinite(const mm_oversampler *os);
/* Prototype response at tau input samples (double, for tests and docs);
 * 0 outside |tau| < K. Not normalised per phase. */
double mm_oversampler_prototype(const mm_oversampler *os, double tau);

/* The sanitised input from k samples ago (0 = newest, k < taps - 1), for
 * modules built on the oversampler. */
static inline float mm_oversampler_delayed(const mm_oversampler *os, int k)
{
    return os->hist[os->taps - 1 - k];
}

/* Lazy use, for detectors that need the outputs of only some inputs
 * (mm_truepeak's meter path skips periods that cannot reach a running
 * maximum). The outputs are bit for bit those of process:
 *   stage(os, in, n)          sanitise and append n <= MM_OVERSAMPLER_CHUNK
 *                             inputs (staged inputs 0..n-1);
 *   block_peaks(os, n, M)     M[q] = max |x| over the 8 samples that start
 *                             the window of staged input 8q, q up to
 *                             (n - 1) / 8 + (taps + 7) / 8 (the windows of
 *                             all n);
 *   compute(os, i, nout, out) out[l * factor + j] for staged inputs
 *                             i..i+nout-1, -1 <= i, i + 8 <= CHUNK,
 *                             nout <= 8 (input -1 is the one before the
 *                             staged ones: the history still holds its
 *                             window);
 *   phase0(os, i)             out[i * factor] of staged input i <= n;
 *   advance(os, n)            the staged inputs become history.
 * process(os, in, out, n) is stage, compute everything, advance. */
void mm_oversampler_stage(mm_oversampler *os, const float *in, int n);
void mm_oversampler_compute(const mm_oversampler *os, int i, int nout,
                            float *out);
void mm_oversampler_advance(mm_oversampler *os, int n);
static inline float mm_oversampler_phase0(const mm_oversampler *os, int i)
{
    return os->hist[i + os->taps / 2];
}
void mm_oversampler_block_peaks(const mm_oversampler *os, int n, float *M);
/* Sums of |coefficients| per phase and per 8 taps: S[j * ns + s] = sum
 * of |coef| over taps 8s..8s+7 of phase j (phase 0: the identity);
 * returns ns = (taps + 7) / 8. The output of staged input 8q + l (l < 8)
 * at phase j is at most sum_s S[j ns + s] max(M[q + s], M[q + s + 1])
 * with M from block_peaks: a bound that follows where in the window the
 * signal is loud. S holds factor * ns values. */
int mm_oversampler_segment_gains(const mm_oversampler *os, double *S);
/* The largest sum of |differences| between the coefficients of two
 * neighbouring points (j-1 and j of one input, or factor-1 of input i-1
 * and 0 of input i, over the taps + 1 samples they span): two neighbouring
 * outputs differ by at most this times the largest |x| under them. */
double mm_oversampler_step_bound(const mm_oversampler *os);
#define MM_OVERSAMPLER_MAX_SEGMENTS (MM_OVERSAMPLER_MAX_TAPS / 8)

#endif
