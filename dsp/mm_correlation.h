/* mm_correlation.h: stereo phase-correlation meter.
 *
 *   r = sum(L R) / sqrt(sum(L^2) sum(R^2))
 *
 * over the samples since the last take (the meter interval): +1 for mono
 * (L = R, any gains of the same sign), -1 for L = -R, near 0 for
 * independent signals; what a correlation meter on a mastering desk shows
 * (mono compatibility: towards -1, the mono sum cancels). Sums in double.
 * When either channel is silent (energy below the -144 dB floor per
 * sample) over the interval, the reading is "not measured" (returns 0 and
 * sets *valid = 0; the Pd side reports the floor -144).
 *
 * Also keeps the last MM_CORRELATION_SCOPE samples of L and R for a
 * goniometer picture. Latency: none (a meter).
 */
#ifndef MM_CORRELATION_H
#define MM_CORRELATION_H

#include "mm_common.h"

#define MM_CORRELATION_SCOPE 512

typedef struct mm_correlation {
    double slr, sll, srr;
    long count;
    float scope_l[MM_CORRELATION_SCOPE];
    float scope_r[MM_CORRELATION_SCOPE];
    int scope_pos;
} mm_correlation;

void mm_correlation_init(mm_correlation *c);
void mm_correlation_reset(mm_correlation *c);
void mm_correlation_process(mm_correlation *c, const float *l, const float *r,
                            int n);
/* Read the correlation since the last take and restart. */
double mm_correlation_take(mm_correlation *c, int *valid);
/* Copy the last n (<= MM_CORRELATION_SCOPE) samples, oldest first. */
void mm_correlation_scope(const mm_correlation *c, float *l, float *r, int n);

#endif
