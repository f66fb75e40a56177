#include "mm_svf.h"

void mm_svf_set(mm_svf_coef *c, double f, double k, double fs)
{
    mm_svf_set_g(c, tan(MM_PI * f / fs), k);
}

void mm_svf_reset(mm_svf *s)
{
    s->ic1 = s->ic2 = 0.0;
}

int mm_svf_flush(mm_svf *s)
{
    if (!mm_isfinite_d(s->ic1) || !mm_isfinite_d(s->ic2)) {
        mm_svf_reset(s);
        return 1;
    }
    s->ic1 = mm_flush_d(s->ic1);
    s->ic2 = mm_flush_d(s->ic2);
    return 0;
}

void mm_svf_process(const mm_svf_coef *c, mm_svf *s, mm_svf_output o,
                    const float *in, float *out, int n)
{
    for (int i = 0; i < n; i++) {
        double x = in[i], low, band = mm_svf_tick(s, c, x, &low), y;
        switch (o) {
        case MM_SVF_LOW: y = low; break;
        case MM_SVF_BAND: y = band; break;
        case MM_SVF_HIGH: y = x - c->k * band - low; break;
        default: y = x - 2.0 * c->k * band; break;
        }
        out[i] = (float)y;
    }
}

void mm_svf_response(const mm_svf_coef *c, mm_svf_output o, double f,
                     double fs, double *re, double *im)
{
    /* s = j w at the prewarped frequency; H = N / D, D = 1 - w^2 + j k w */
    double w = tan(MM_PI * f / fs) / c->g, k = c->k;
    double dr = 1.0 - w * w, di = k * w, nr, ni;
    switch (o) {
    case MM_SVF_LOW: nr = 1.0, ni = 0.0; break;
    case MM_SVF_BAND: nr = 0.0, ni = w; break;
    case MM_SVF_HIGH: nr = -w * w, ni = 0.0; break;
    default: nr = 1.0 - w * w, ni = -k * w; break;
    }
    double d = dr * dr + di * di;
    *re = (nr * dr + ni * di) / d;
    *im = (ni * dr - nr * di) / d;
}

void mm_svf_ramp_snap(mm_svf_ramp *r, const mm_svf_coef *c)
{
    r->c = r->to = *c;
    r->dg = 0.0;
    r->remaining = 0;
}

void mm_svf_ramp_to(mm_svf_ramp *r, const mm_svf_coef *c, int n)
{
    if (n <= 1) {
        mm_svf_ramp_snap(r, c);
        return;
    }
    r->to = *c;
    r->dg = (c->g - r->c.g) / n;
    r->remaining = n;
}
