/* mm_biquad.h: the second-order section every filter in mixmaster runs.
 *
 *   H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)
 *
 * Transposed direct form II in double precision (state and coefficients):
 *   y = b0 x + s1;  s1 = b1 x - a1 y + s2;  s2 = b2 x - a2 y
 * TDF-II in double keeps a 20 Hz high-pass at 192 kHz accurate to far
 * below the float output's resolution.
 *
 * Coefficients in, samples out: the designs live in mm_filterdesign (and
 * in whatever module needs its own, e.g. Linkwitz-Riley crossovers).
 *
 * Gliding coefficients: mm_biquad_ramp sets a target reached linearly
 * over n samples. The stability region of (a1, a2) (the triangle
 * |a2| < 1, |a1| < 1 + a2) is convex, so every point on the straight line
 * between two stable sections is stable: interpolating coefficients
 * between designs never blows up. Callers redesign at control rate (every
 * MM_BIQUAD_CTRL samples) and ramp to the new design over that span.
 *
 * Parameters: the five coefficients (no units). Latency: none.
 */
#ifndef MM_BIQUAD_H
#define MM_BIQUAD_H

#include "mm_common.h"

#define MM_BIQUAD_CTRL 16

typedef struct mm_biquad_coef {
    double b0, b1, b2, a1, a2;
} mm_biquad_coef;

typedef struct mm_biquad_state {
    double s1, s2;
} mm_biquad_state;

/* A section whose coefficients may glide. */
typedef struct mm_biquad_ramp {
    mm_biquad_coef c;      /* current */
    mm_biquad_coef step;   /* per-sample increment while ramping */
    mm_biquad_coef to;     /* target */
    int remaining;         /* samples left in the ramp */
} mm_biquad_ramp;

/* y = x */
void mm_biquad_identity(mm_biquad_coef *c);
void mm_biquad_state_reset(mm_biquad_state *s);
/* 1 when the poles are inside the unit circle. */
int mm_biquad_is_stable(const mm_biquad_coef *c);

/* Magnitude (linear) and phase (radians) at frequency f/fs. */
double mm_biquad_mag(const mm_biquad_coef *c, double f_over_fs);
double mm_biquad_phase(const mm_biquad_coef *c, double f_over_fs);

static inline double mm_biquad_tick(const mm_biquad_coef *c,
                                    mm_biquad_state *s, double x)
{
    double y = c->b0 * x + s->s1;
    s->s1 = c->b1 * x - c->a1 * y + s->s2;
    s->s2 = c->b2 * x - c->a2 * y;
    return y;
}

/* Flush denormal/non-finite state (once per block); returns 1 if the
 * state was non-finite (and has been reset). */
int mm_biquad_state_flush(mm_biquad_state *s);

/* Fixed coefficients over a block; in may equal out. */
void mm_biquad_process(const mm_biquad_coef *c, mm_biquad_state *s,
                       const float *in, float *out, int n);

void mm_biquad_ramp_snap(mm_biquad_ramp *r, const mm_biquad_coef *c);
/* Glide linearly to c over n samples (n <= 0: snap). */
void mm_biquad_ramp_to(mm_biquad_ramp *r, const mm_biquad_coef *c, int n);
/* Advance the glide by one sample (call once per sample frame, after
 * processing every channel with r->c). */
static inline void mm_biquad_ramp_tick(mm_biquad_ramp *r)
{
    if (r->remaining > 0) {
        if (--r->remaining == 0) {
            r->c = r->to;
        } else {
            r->c.b0 += r->step.b0;
            r->c.b1 += r->step.b1;
            r->c.b2 += r->step.b2;
            r->c.a1 += r->step.a1;
            r->c.a2 += r->step.a2;
        }
    }
}

#endif
