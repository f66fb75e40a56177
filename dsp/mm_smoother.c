#include "mm_smoother.h"

static void update_coef(mm_smoother *s)
{
    s->coef = mm_onepole_coef(s->tau_ms, s->samplerate);
}

void mm_smoother_init(mm_smoother *s, double tau_ms, double samplerate,
                      double initial)
{
    s->tau_ms = tau_ms;
    s->samplerate = mm_samplerate_or_default(samplerate);
    s->value = s->target = initial;
    update_coef(s);
}

void mm_smoother_set_samplerate(mm_smoother *s, double samplerate)
{
    if (samplerate > 0.0) {
        s->samplerate = samplerate;
        update_coef(s);
    }
}

void mm_smoother_set_tau_ms(mm_smoother *s, double tau_ms)
{
    if (!mm_isfinite_d(tau_ms))
        return;
    s->tau_ms = tau_ms;
    update_coef(s);
}

void mm_smoother_set(mm_smoother *s, double target)
{
    if (!mm_isfinite_d(target))
        return;
    s->target = target;
    if (!mm_isfinite_d(s->value))
        s->value = target;
}

void mm_smoother_snap(mm_smoother *s, double value)
{
    if (!mm_isfinite_d(value))
        return;
    s->value = s->target = value;
}

double mm_smoother_skip(mm_smoother *s, int n)
{
    if (s->value != s->target && n > 0)
        s->value = mm_smoother_glide(s->value, s->target, pow(s->coef, n),
                                     MM_SMOOTHER_SNAP);
    return s->value;
}
