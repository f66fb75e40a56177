/* mm_outmix.h: the output switch every sound-changing object shares:
 * normal, bypass and delta, crossfaded without clicks.
 *
 *   out = w * processed + d * dry
 *   normal: (w, d) = (1, 0);  bypass: (0, 1);  delta: (1, -1)
 *   (bypass wins over delta.)
 *
 * `dry` must be the input delayed by the object's latency, so every state
 * stays time-aligned. On a change, w and d move linearly to their new
 * values over MM_OUTMIX_FADE_MS (an equal-gain crossfade: the paths are
 * coherent, so gains, not powers, must sum). Settled, the gains are exact
 * 0/1/-1, so bypass is bit-exact and normal costs no precision.
 *
 * Parameters: samplerate (Hz). Latency: none of its own.
 */
#ifndef MM_OUTMIX_H
#define MM_OUTMIX_H

#include "mm_common.h"

#define MM_OUTMIX_FADE_MS 20.0

typedef struct mm_outmix {
    double w, d;          /* current gains */
    double w_to, d_to;    /* targets */
    double w_step, d_step;
    int remaining;        /* samples left in the fade */
    int bypass, delta;
    double samplerate;
} mm_outmix;

void mm_outmix_init(mm_outmix *m, double samplerate);
void mm_outmix_set_samplerate(mm_outmix *m, double samplerate);
void mm_outmix_set_bypass(mm_outmix *m, int on);
void mm_outmix_set_delta(mm_outmix *m, int on);
/* Jump to the current targets (creation flags). */
void mm_outmix_snap(mm_outmix *m);
/* 1 when settled in normal mode: the caller may skip the dry path. */
int mm_outmix_is_plain(const mm_outmix *m);
/* 1 when settled in bypass: the caller may skip processing (but should
 * keep its state sensible, e.g. by resetting when bypass ends). */
int mm_outmix_is_bypassed(const mm_outmix *m);
/* out may alias wet or dry. */
void mm_outmix_process(mm_outmix *m, const float *wet, const float *dry,
                       float *out, int n);
/* Several channels with one fade: apply to each channel, then
 * advance(n) once. */
void mm_outmix_apply(const mm_outmix *m, const float *wet, const float *dry,
                     float *out, int n);
void mm_outmix_advance(mm_outmix *m, int n);

#endif
