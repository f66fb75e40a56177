/* mm_truepeak.h: true-peak detector, one channel per struct.
 *
 * (filled in after measurement)
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

#endif
