#include "mm_biquad.h"

void mm_biquad_identity(mm_biquad_coef *c)
{
    c->b0 = 1.0;
    c->b1 = c->b2 = c->a1 = c->a2 = 0.0;
}

void mm_biquad_state_reset(mm_biquad_state *s)
{
    s->s1 = s->s2 = 0.0;
}

int mm_biquad_is_stable(const mm_biquad_coef *c)
{
    return fabs(c->a2) < 1.0 && fabs(c->a1) < 1.0 + c->a2;
}

static void eval(const mm_biquad_coef *c, double f, double *re, double *im)
{
    /* H(e^jw) = B(e^jw)/A(e^jw) as a complex ratio */
    double w = 2.0 * MM_PI * f;
    double c1 = cos(w), s1 = sin(w), c2 = cos(2 * w), s2 = sin(2 * w);
    double br = c->b0 + c->b1 * c1 + c->b2 * c2;
    double bi = -(c->b1 * s1 + c->b2 * s2);
    double ar = 1.0 + c->a1 * c1 + c->a2 * c2;
    double ai = -(c->a1 * s1 + c->a2 * s2);
    double den = ar * ar + ai * ai;
    *re = (br * ar + bi * ai) / den;
    *im = (bi * ar - br * ai) / den;
}

double mm_biquad_mag(const mm_biquad_coef *c, double f_over_fs)
{
    double re, im;
    eval(c, f_over_fs, &re, &im);
    return sqrt(re * re + im * im);
}

double mm_biquad_phase(const mm_biquad_coef *c, double f_over_fs)
{
    double re, im;
    eval(c, f_over_fs, &re, &im);
    return atan2(im, re);
}

int mm_biquad_state_flush(mm_biquad_state *s)
{
    if (!mm_isfinite_d(s->s1) || !mm_isfinite_d(s->s2)) {
        s->s1 = s->s2 = 0.0;
        return 1;
    }
    s->s1 = mm_flush_d(s->s1);
    s->s2 = mm_flush_d(s->s2);
    return 0;
}

void mm_biquad_process(const mm_biquad_coef *c, mm_biquad_state *s,
                       const float *in, float *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = (float)mm_biquad_tick(c, s, in[i]);
}

void mm_biquad_ramp_snap(mm_biquad_ramp *r, const mm_biquad_coef *c)
{
    r->c = r->to = *c;
    r->remaining = 0;
    r->step.b0 = r->step.b1 = r->step.b2 = r->step.a1 = r->step.a2 = 0.0;
}

void mm_biquad_ramp_to(mm_biquad_ramp *r, const mm_biquad_coef *c, int n)
{
    if (n <= 1) {
        mm_biquad_ramp_snap(r, c);
        return;
    }
    r->to = *c;
    r->remaining = n;
    double k = 1.0 / n;
    r->step.b0 = (c->b0 - r->c.b0) * k;
    r->step.b1 = (c->b1 - r->c.b1) * k;
    r->step.b2 = (c->b2 - r->c.b2) * k;
    r->step.a1 = (c->a1 - r->c.a1) * k;
    r->step.a2 = (c->a2 - r->c.a2) * k;
}
