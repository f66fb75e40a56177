#include "mm_outmix.h"

static void retarget(mm_outmix *m)
{
    double w = 1.0, d = 0.0;
    if (m->bypass)
        w = 0.0, d = 1.0;
    else if (m->delta)
        w = 1.0, d = -1.0;
    if (w == m->w_to && d == m->d_to)
        return;
    m->w_to = w;
    m->d_to = d;
    int len = (int)(MM_OUTMIX_FADE_MS * 0.001 * m->samplerate + 0.5);
    if (len < 1)
        len = 1;
    m->remaining = len;
    m->w_step = (w - m->w) / len;
    m->d_step = (d - m->d) / len;
}

void mm_outmix_init(mm_outmix *m, double samplerate)
{
    m->w = m->w_to = 1.0;
    m->d = m->d_to = 0.0;
    m->w_step = m->d_step = 0.0;
    m->remaining = 0;
    m->bypass = m->delta = 0;
    m->samplerate = samplerate > 0.0 && samplerate < 1e7 ? samplerate : 48000.0;
}

void mm_outmix_set_samplerate(mm_outmix *m, double samplerate)
{
    if (samplerate > 0.0 && samplerate < 1e7)
        m->samplerate = samplerate;
}

void mm_outmix_set_bypass(mm_outmix *m, int on)
{
    m->bypass = on != 0;
    retarget(m);
}

void mm_outmix_set_delta(mm_outmix *m, int on)
{
    m->delta = on != 0;
    retarget(m);
}

void mm_outmix_snap(mm_outmix *m)
{
    m->w = m->w_to;
    m->d = m->d_to;
    m->remaining = 0;
}

int mm_outmix_is_plain(const mm_outmix *m)
{
    return m->remaining == 0 && m->w == 1.0 && m->d == 0.0;
}

int mm_outmix_is_bypassed(const mm_outmix *m)
{
    return m->remaining == 0 && m->w == 0.0 && m->d == 1.0;
}

void mm_outmix_apply(const mm_outmix *m, const float *wet, const float *dry,
                     float *out, int n)
{
    double w = m->w, d = m->d;
    int ramp = m->remaining;
    /* Settled states copy, so a NaN on the unused path cannot leak
     * (0 * NaN is NaN) and bypass stays bit-exact. */
    if (ramp == 0 && d == 0.0 && w == 1.0) {
        if (out != wet)
            memmove(out, wet, (size_t)n * sizeof *out);
        return;
    }
    if (ramp == 0 && w == 0.0 && d == 1.0) {
        if (out != dry)
            memmove(out, dry, (size_t)n * sizeof *out);
        return;
    }
    for (int i = 0; i < n; i++) {
        if (ramp > 0) {
            /* from the samples left, so any block cutting gives the same
             * gains bit for bit */
            --ramp;
            w = m->w_to - m->w_step * ramp;
            d = m->d_to - m->d_step * ramp;
        }
        float a = wet[i], b = dry[i];
        /* a path at gain 0 is left out, as in the settled copies above:
         * once a fade ends mid-block, a NaN on the unused path must not
         * leak (0 * NaN is NaN) */
        out[i] = d == 0.0 ? (float)(w * a)
               : w == 0.0 ? (float)(d * b) : (float)(w * a + d * b);
    }
}

void mm_outmix_advance(mm_outmix *m, int n)
{
    if (m->remaining <= 0)
        return;
    if (n >= m->remaining) {
        m->w = m->w_to;
        m->d = m->d_to;
        m->remaining = 0;
    } else {
        m->remaining -= n;
        m->w = m->w_to - m->w_step * m->remaining;
        m->d = m->d_to - m->d_step * m->remaining;
    }
}

void mm_outmix_process(mm_outmix *m, const float *wet, const float *dry,
                       float *out, int n)
{
    mm_outmix_apply(m, wet, dry, out, n);
    mm_outmix_advance(m, n);
}
