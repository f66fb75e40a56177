#include "mm_correlation.h"

void mm_correlation_init(mm_correlation *c)
{
    memset(c, 0, sizeof *c);
}

void mm_correlation_reset(mm_correlation *c)
{
    mm_correlation_init(c);
}

void mm_correlation_process(mm_correlation *c, const float *l, const float *r,
                            int n)
{
    double slr = 0, sll = 0, srr = 0;
    int p = c->scope_pos;
    for (int i = 0; i < n; i++) {
        float a = l[i], b = r[i];
        if (!mm_isfinite_f(a))
            a = 0.0f;
        if (!mm_isfinite_f(b))
            b = 0.0f;
        slr += (double)a * b;
        sll += (double)a * a;
        srr += (double)b * b;
        c->scope_l[p] = a;
        c->scope_r[p] = b;
        p = (p + 1) & (MM_CORRELATION_SCOPE - 1);
    }
    c->scope_pos = p;
    c->slr += slr;
    c->sll += sll;
    c->srr += srr;
    c->count += n;
}

double mm_correlation_take(mm_correlation *c, int *valid)
{
    double floor = (double)c->count * MM_FLOOR_GAIN * MM_FLOOR_GAIN;
    double r = 0.0;
    int ok = c->count > 0 && c->sll > floor && c->srr > floor;
    if (ok) {
        r = c->slr / sqrt(c->sll * c->srr);
        r = mm_clamp_d(r, -1.0, 1.0);
        if (!mm_isfinite_d(r))
            r = 0.0, ok = 0;
    }
    c->slr = c->sll = c->srr = 0.0;
    c->count = 0;
    if (valid)
        *valid = ok;
    return r;
}

void mm_correlation_scope(const mm_correlation *c, float *l, float *r, int n)
{
    if (n > MM_CORRELATION_SCOPE)
        n = MM_CORRELATION_SCOPE;
    int p = (c->scope_pos - n) & (MM_CORRELATION_SCOPE - 1);
    for (int i = 0; i < n; i++) {
        l[i] = c->scope_l[p];
        r[i] = c->scope_r[p];
        p = (p + 1) & (MM_CORRELATION_SCOPE - 1);
    }
}
