/* mm_fftconv.c: uniformly partitioned FFT convolution (mm_fftconv.h). */
#include "mm_fftconv.h"
#include <fftw3.h>

typedef fftwf_complex cpx;

/* a sample beyond this (+120 dBFS) is no signal but garbage (1e30 from a
 * broken patch): taken as 0 like NaN (as mm_spectrum does), so its float
 * rounding does not linger in every block its spectra reach */
#define INPUT_LIMIT 1e6f

#define FDL(c, ch, p) ((cpx *)(c)->fdl + ((size_t)(ch) * (c)->nparts + (p)) \
                       * (c)->nbins)
#define KERNEL(c, s, k, p) ((cpx *)(c)->slot[s]                             \
                            + ((size_t)(k) * (c)->nparts + (p)) * (c)->nbins)
#define OUT(c, k, ch) ((c)->out + ((size_t)(k) * (c)->nch + (ch)) * (c)->part)
#define RING(c, ch) ((c)->ring + (size_t)(ch) * (c)->ringlen)

void mm_fftconv_free(mm_fftconv *c)
{
    if (c->fwd)
        fftwf_destroy_plan((fftwf_plan)c->fwd);
    if (c->inv)
        fftwf_destroy_plan((fftwf_plan)c->inv);
    free(c->fdl); /* the block slot[], ring and out are in */
    fftwf_free(c->time);
    fftwf_free(c->spec);
    fftwf_free(c->acc);
    fftwf_free(c->ynew);
    fftwf_free(c->yold);
    memset(c, 0, sizeof *c); /* a second free is harmless */
}

/* FFTW's aligned blocks for the buffers its plans run on */
static void *zalloc(size_t bytes)
{
    void *p = fftwf_malloc(bytes ? bytes : 1);
    if (p)
        memset(p, 0, bytes);
    return p;
}

int mm_fftconv_init(mm_fftconv *c, int nch, int nk, int part, int maxlen)
{
    memset(c, 0, sizeof *c);
    if (nch < 1 || nch > MM_FFTCONV_MAXCH || nk < 1
        || nk > MM_FFTCONV_MAXKERNELS || part < MM_FFTCONV_MINPART
        || part > MM_FFTCONV_MAXPART || (part & (part - 1)) || maxlen < 1
        || maxlen > (1 << 24))
        return MM_E_ARG;
    c->nch = nch;
    c->nk = nk;
    c->part = part;
    c->fft = 2 * part;
    c->nbins = part + 1;
    c->nparts = (maxlen + part - 1) / part;
    c->maxlen = maxlen;
    c->ringlen = 1;
    while (c->ringlen < maxlen + c->fft + 1)
        c->ringlen <<= 1;
    size_t nb = (size_t)c->nbins, np = (size_t)c->nparts;
    /* the big ones in one block from malloc (no plan runs on them): the
     * delay line of spectra, the three slots, then the ring and the
     * output blocks */
    size_t nspec = (size_t)nch * np * nb, nslot = (size_t)nk * np * nb;
    size_t nfloat = (size_t)nch * (size_t)c->ringlen
                    + (size_t)nk * (size_t)nch * (size_t)part;
    c->fdl = calloc(1, sizeof(cpx) * (nspec + 3 * nslot)
                           + sizeof(float) * nfloat);
    if (c->fdl) {
        for (int s = 0; s < 3; s++)
            c->slot[s] = (cpx *)c->fdl + nspec + (size_t)s * nslot;
        c->ring = (float *)((cpx *)c->fdl + nspec + 3 * nslot);
        c->out = c->ring + (size_t)nch * (size_t)c->ringlen;
    }
    c->time = zalloc(sizeof(float) * (size_t)c->fft);
    c->spec = zalloc(sizeof(cpx) * nb);
    c->acc = zalloc(sizeof(cpx) * nb);
    c->ynew = zalloc(sizeof(float) * (size_t)part);
    c->yold = zalloc(sizeof(float) * (size_t)part);
    if (!c->ring || !c->fdl || !c->slot[0] || !c->slot[1] || !c->slot[2]
        || !c->out || !c->time || !c->spec || !c->acc || !c->ynew
        || !c->yold) {
        mm_fftconv_free(c);
        return MM_E_NOMEM;
    }
    /* FFTW_ESTIMATE: no trial runs (no stall at creation); the planner is
     * not thread-safe, and Pd creates objects from one thread */
    c->fwd = fftwf_plan_dft_r2c_1d(c->fft, c->time, (cpx *)c->spec,
                                   FFTW_ESTIMATE);
    c->inv = fftwf_plan_dft_c2r_1d(c->fft, (cpx *)c->acc, c->time,
                                   FFTW_ESTIMATE);
    if (!c->fwd || !c->inv) {
        mm_fftconv_free(c);
        return MM_E_NOMEM;
    }
    c->cur = 0;
    c->old = 1;
    c->stage = 2;
    for (int s = 0; s < 3; s++)
        for (int k = 0; k < nk; k++) {
            c->delay[s][k] = 0;
            c->used[s][k] = 0;
        }
    c->fade_parts = 1;
    c->fade_len = part;
    return MM_OK;
}

void mm_fftconv_reset(mm_fftconv *c)
{
    if (!c->ring)
        return;
    memset(c->ring, 0, sizeof(float) * (size_t)c->nch * (size_t)c->ringlen);
    memset(c->fdl, 0, sizeof(cpx) * (size_t)c->nch * (size_t)c->nparts
                          * (size_t)c->nbins);
    memset(c->out, 0, sizeof(float) * (size_t)c->nk * (size_t)c->nch
                          * (size_t)c->part);
    c->w = c->pos = c->head = 0;
    c->fading = 0;
}

void mm_fftconv_set_fade(mm_fftconv *c, int parts)
{
    c->fade_parts = parts < 1 ? 1 : parts;
    if (!c->fading)
        c->fade_len = c->fade_parts * c->part;
}

int mm_fftconv_busy(const mm_fftconv *c)
{
    return c->swap_wanted;
}

int mm_fftconv_swapping(const mm_fftconv *c)
{
    return c->swap_wanted || c->fading;
}

int mm_fftconv_parts(const mm_fftconv *c, int len)
{
    return (len + c->part - 1) / c->part;
}

int mm_fftconv_stage(mm_fftconv *c, int k, const float *h, int len,
                     int from, int count)
{
    const int B = c->part, nb = c->nbins, s = c->stage;
    const int parts = mm_fftconv_parts(c, len);
    if (c->swap_wanted || k < 0 || k >= c->nk || len < 1 || len > c->maxlen
        || from < 0 || count < 0 || from + count > parts)
        return MM_E_ARG;
    if (from == 0) { /* a new kernel: staged once its last part is in */
        c->staged[k] = 0;
        c->delay[s][k] = -1;
        c->used[s][k] = parts;
    } else if (c->delay[s][k] >= 0 || c->used[s][k] != parts) {
        return MM_E_ARG; /* parts of another kernel */
    }
    const float scale = 1.0f / (float)c->fft;
    for (int p = from; p < from + count; p++) {
        int m = len - p * B < B ? len - p * B : B;
        for (int i = 0; i < m; i++) {
            float v = h[(size_t)p * B + i];
            if (!mm_isfinite_f(v)) {
                c->used[s][k] = 0;
                return MM_E_ARG;
            }
            c->time[i] = fabsf(v) < 1e-30f ? 0.0f : v;
        }
        memset(c->time + m, 0, sizeof(float) * (size_t)(c->fft - m));
        fftwf_execute((fftwf_plan)c->fwd);
        const cpx *X = (const cpx *)c->spec;
        cpx *H = KERNEL(c, s, k, p);
        for (int b = 0; b < nb; b++) {
            H[b][0] = mm_flush_f(X[b][0] * scale);
            H[b][1] = mm_flush_f(X[b][1] * scale);
        }
    }
    if (from + count == parts)
        c->staged[k] = 1;
    return MM_OK;
}

int mm_fftconv_stage_all(mm_fftconv *c, int k, const float *h, int len)
{
    return mm_fftconv_stage(c, k, h, len, 0, mm_fftconv_parts(c, len));
}

int mm_fftconv_stage_delay(mm_fftconv *c, int k, int d)
{
    if (c->swap_wanted || k < 0 || k >= c->nk || d < 0 || d >= c->maxlen)
        return MM_E_ARG;
    c->delay[c->stage][k] = d;
    c->used[c->stage][k] = 0;
    c->staged[k] = 1;
    return MM_OK;
}

int mm_fftconv_swap(mm_fftconv *c, int fade)
{
    for (int k = 0; k < c->nk; k++)
        if (!c->staged[k])
            return MM_E_ARG;
    for (int k = 0; k < c->nk; k++)
        c->staged[k] = 0;
    if (!fade) {
        int t = c->cur;
        c->cur = c->stage;
        c->stage = t;
        c->fading = 0;
        c->swap_wanted = 0;
        return MM_OK;
    }
    c->swap_wanted = 1;
    return MM_OK;
}

void mm_fftconv_settle(mm_fftconv *c)
{
    if (c->swap_wanted) {
        int t = c->cur;
        c->cur = c->stage;
        c->stage = t;
        c->swap_wanted = 0;
    }
    c->fading = 0;
}

/* (p, q) <- (a p + b q, c p + d q) over n floats */
static void mix_pair(float *p, float *q, size_t n, const float *m)
{
    for (size_t i = 0; i < n; i++) {
        float x = p[i], y = q[i];
        p[i] = m[0] * x + m[1] * y;
        q[i] = m[2] * x + m[3] * y;
    }
}

void mm_fftconv_mix2(mm_fftconv *c, float a, float b, float cc, float d)
{
    const float m[4] = {a, b, cc, d};
    if (c->nch != 2)
        return;
    mix_pair(RING(c, 0), RING(c, 1), (size_t)c->ringlen, m);
    mix_pair((float *)FDL(c, 0, 0), (float *)FDL(c, 1, 0),
             2 * (size_t)c->nparts * (size_t)c->nbins, m);
    for (int k = 0; k < c->nk; k++)
        mix_pair(OUT(c, k, 0), OUT(c, k, 1), (size_t)c->part, m);
}

/* ---- processing ---------------------------------------------------------- */

/* Kernel k of slot s over the block just completed, channel ch, into y
 * (part samples). */
static void convolve(mm_fftconv *c, int s, int k, int ch, float *y)
{
    const int B = c->part, P = c->nparts, nb = c->nbins;
    const int d = c->delay[s][k];
    if (d >= 0) { /* x[t - d] for the block's t */
        const float *r = RING(c, ch);
        const int mask = c->ringlen - 1, t0 = c->w - B - d + c->ringlen;
        for (int i = 0; i < B; i++)
            y[i] = r[(t0 + i) & mask];
        return;
    }
    cpx *acc = (cpx *)c->acc;
    memset(acc, 0, sizeof(cpx) * (size_t)nb);
    for (int p = 0; p < c->used[s][k]; p++) {
        int q = c->head - p;
        if (q < 0)
            q += P;
        const cpx *X = FDL(c, ch, q), *H = KERNEL(c, s, k, p);
        for (int b = 0; b < nb; b++) {
            float xr = X[b][0], xi = X[b][1], hr = H[b][0], hi = H[b][1];
            acc[b][0] += xr * hr - xi * hi;
            acc[b][1] += xr * hi + xi * hr;
        }
    }
    fftwf_execute((fftwf_plan)c->inv);
    memcpy(y, c->time + B, sizeof(float) * (size_t)B);
}

/* A partition is complete: transform it, compute the next output block. */
static void block(mm_fftconv *c)
{
    const int B = c->part, F = c->fft, mask = c->ringlen - 1;
    if (c->swap_wanted && !c->fading) {
        int t = c->old;
        c->old = c->cur;
        c->cur = c->stage;
        c->stage = t;
        c->swap_wanted = 0;
        c->fading = 1;
        c->fade_pos = 0;
        c->fade_len = c->fade_parts * B;
    }
    if (++c->head >= c->nparts)
        c->head = 0;
    const double T = c->fade_len;
    for (int ch = 0; ch < c->nch; ch++) {
        const float *r = RING(c, ch);
        for (int i = 0; i < F; i++)
            c->time[i] = r[(c->w - F + i + c->ringlen) & mask];
        fftwf_execute((fftwf_plan)c->fwd);
        memcpy(FDL(c, ch, c->head), c->spec, sizeof(cpx) * (size_t)c->nbins);
        for (int k = 0; k < c->nk; k++) {
            float *o = OUT(c, k, ch);
            convolve(c, c->cur, k, ch, c->ynew);
            if (!c->fading) {
                memcpy(o, c->ynew, sizeof(float) * (size_t)B);
            } else {
                convolve(c, c->old, k, ch, c->yold);
                for (int i = 0; i < B; i++) {
                    double t = c->fade_pos + i + 1;
                    double g = t >= T ? 1.0 : 0.5 - 0.5 * cos(MM_PI * t / T);
                    o[i] = (float)(c->yold[i] + g * (c->ynew[i] - c->yold[i]));
                }
            }
            for (int i = 0; i < B; i++) /* never inf or NaN out */
                if (!mm_isfinite_f(o[i])) {
                    o[i] = 0.0f;
                    c->nonfinite++;
                }
        }
    }
    if (c->fading) {
        c->fade_pos += B;
        if (c->fade_pos >= c->fade_len)
            c->fading = 0;
    }
}

void mm_fftconv_process(mm_fftconv *c, const float *const *in,
                        float *const *out, int n)
{
    const int B = c->part, mask = c->ringlen - 1;
    int done = 0;
    while (done < n) {
        int m = B - c->pos < n - done ? B - c->pos : n - done;
        /* every input of the stretch first: an output may share its
         * buffer */
        for (int ch = 0; ch < c->nch; ch++) {
            float *r = RING(c, ch);
            const float *x = in[ch] + done;
            for (int i = 0; i < m; i++) {
                float v = x[i];
                if (mm_sanitize_f(&v) || fabsf(v) > INPUT_LIMIT) {
                    c->nonfinite++;
                    v = 0.0f;
                }
                r[(c->w + i) & mask] = fabsf(v) < 1e-30f ? 0.0f : v;
            }
        }
        for (int k = 0; k < c->nk; k++)
            for (int ch = 0; ch < c->nch; ch++)
                memcpy(out[k * c->nch + ch] + done, OUT(c, k, ch) + c->pos,
                       sizeof(float) * (size_t)m);
        c->w = (c->w + m) & mask;
        c->pos += m;
        done += m;
        if (c->pos == B) {
            c->pos = 0;
            block(c);
        }
    }
}
