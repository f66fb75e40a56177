/* mm_delay.h: a single-channel delay line (lookahead, latency
 * compensation of dry paths).
 *
 * A circular float buffer sized at init for the longest delay; the delay
 * in whole samples can be changed at any time up to that maximum. Reads
 * each input sample before writing it, so in == out is safe.
 *
 * Parameters: max_samples (allocation), delay samples (0..max_samples).
 * Latency: the delay.
 */
#ifndef MM_DELAY_H
#define MM_DELAY_H

#include "mm_common.h"

typedef struct mm_delay {
    float *buf;
    int size;     /* power of two > max delay */
    int mask;
    int pos;
    int delay;
    int max_delay;
} mm_delay;

/* Zero the struct before the first init (init frees an old buffer). */
int mm_delay_init(mm_delay *d, int max_samples);
void mm_delay_free(mm_delay *d);
void mm_delay_reset(mm_delay *d);
/* Returns the delay applied (clamped to 0..max). */
int mm_delay_set(mm_delay *d, int samples);
int mm_delay_latency(const mm_delay *d);
void mm_delay_process(mm_delay *d, const float *in, float *out, int n);

/* Per-sample form: push x, return the sample from `delay` samples ago. */
static inline float mm_delay_tick(mm_delay *d, float x)
{
    d->buf[d->pos] = x;
    float y = d->buf[(d->pos - d->delay) & d->mask];
    d->pos = (d->pos + 1) & d->mask;
    return y;
}

#endif
