/* mm_smoother.h: parameter smoothing: the library's one glide rule.
 *
 * Gains: a one-pole low-pass on the linear value, run per sample:
 * y += (1 - a)(target - y), a = exp(-1 / (tau fs)), tau the 63% time
 * constant (10 ms by default, so a change is 99% done after about 46 ms
 * and inaudible as a step). Snaps to the target once within 1e-6, so a
 * settled smoother costs one compare per sample and returns exactly the
 * target (bit-exact unity).
 *
 * Filter settings (mm_eq, mm_crossover): the same one-pole step,
 * mm_smoother_glide, run at a control rate (once per period of P
 * samples, a = mm_onepole_coef(tau, fs / P)) on log2 of the frequency
 * (octaves), on dB and on log2 Q, snapping within MM_SMOOTHER_GLIDE_SNAP
 * (1e-5: 0.0007% in frequency); the module redesigns its filter at each
 * step and ramps the coefficients in between.
 *
 * Parameters: tau_ms (0 = instant), samplerate (Hz). Latency: none.
 */
#ifndef MM_SMOOTHER_H
#define MM_SMOOTHER_H

#include "mm_common.h"

#define MM_SMOOTHER_TAU_MS 10.0
#define MM_SMOOTHER_SNAP 1e-6
#define MM_SMOOTHER_GLIDE_SNAP 1e-5

typedef struct mm_smoother {
    double value;
    double target;
    double coef;
    double tau_ms;
    double samplerate;
} mm_smoother;

void mm_smoother_init(mm_smoother *s, double tau_ms, double samplerate,
                      double initial);
void mm_smoother_set_samplerate(mm_smoother *s, double samplerate);
void mm_smoother_set_tau_ms(mm_smoother *s, double tau_ms);
/* A new target to glide to. */
void mm_smoother_set(mm_smoother *s, double target);
/* Jump to a value at once (creation arguments, first sample rate). */
void mm_smoother_snap(mm_smoother *s, double value);

/* One step of the glide: v moves towards `to` by the factor a,
 * v' = to + a (v - to), and lands exactly on `to` once within eps. */
static inline double mm_smoother_glide(double v, double to, double a,
                                       double eps)
{
    if (v == to)
        return v;
    v = to + a * (v - to);
    return fabs(v - to) < eps ? to : v;
}

static inline int mm_smoother_moving(const mm_smoother *s)
{
    return s->value != s->target;
}

static inline double mm_smoother_next(mm_smoother *s)
{
    s->value = mm_smoother_glide(s->value, s->target, s->coef,
                                 MM_SMOOTHER_SNAP);
    return s->value;
}

/* Advance n samples at once (for control-rate smoothing of settings). */
double mm_smoother_skip(mm_smoother *s, int n);

#endif
