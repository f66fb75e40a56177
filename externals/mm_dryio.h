/* mm_dryio.h: the signal plumbing of a zero-latency, sound-changing
 * wrapper with one inlet and outlet per channel and an optional key
 * inlet after the channels (comp~, gate~): copies of the inputs (the dry
 * path for bypass and delta; Pd may hand an outlet the same buffer as an
 * inlet), the pointers the core wants, and the output switch.
 *
 *   perform:  if (mm_dryio_begin(&io, &mix, w + 3, n)) core(io.in, io.out,
 *             io.key ? &io.key : NULL, ...); mm_dryio_end(&io, &mix, n);
 * Header only (static functions): wrappers include it, Pd-side only. */
#ifndef MM_DRYIO_H
#define MM_DRYIO_H

#include "m_pd.h"
#include "mm_outmix.h"

#define MM_DRYIO_MAXCH 8

typedef struct mm_dryio {
    int nch, sidechain;
    float *buf; /* nch * n copies of the inputs */
    int n;
    const float *in[MM_DRYIO_MAXCH];
    float *out[MM_DRYIO_MAXCH];
    const float *key;
} mm_dryio;

static void mm_dryio_init(mm_dryio *d, int nch, int sidechain)
{
    d->nch = nch;
    d->sidechain = sidechain;
    d->buf = NULL;
    d->n = 0;
    d->key = NULL;
}

/* In the new method: the signal inlets after the first (channels, then
 * the key) and one signal outlet per channel. */
static void mm_dryio_iolets(mm_dryio *d, t_object *obj)
{
    for (int c = 1; c < d->nch + d->sidechain; c++)
        inlet_new(obj, &obj->ob_pd, &s_signal, &s_signal);
    for (int c = 0; c < d->nch; c++)
        outlet_new(obj, &s_signal);
}

/* From the dsp method: (re)allocate for blocks of n. Adds the perform
 * routine with args [x, n, inlets..., outlets...]. */
static void mm_dryio_dsp(mm_dryio *d, void *x, t_perfroutine perform,
                         t_signal **sp)
{
    int n = sp[0]->s_n, nsig = 2 * d->nch + d->sidechain;
    if (n != d->n) {
        d->buf = resizebytes(d->buf, sizeof(float) * (size_t)d->nch * d->n,
                             sizeof(float) * (size_t)d->nch * n);
        d->n = n;
    }
    t_int args[2 + 2 * MM_DRYIO_MAXCH + 1];
    args[0] = (t_int)x;
    args[1] = (t_int)n;
    for (int i = 0; i < nsig; i++)
        args[2 + i] = (t_int)sp[i]->s_vec;
    dsp_addv(perform, 2 + nsig, args);
}

static void mm_dryio_free(mm_dryio *d)
{
    if (d->buf)
        freebytes(d->buf, sizeof(float) * (size_t)d->nch * d->n);
    d->buf = NULL;
}

/* Copy the inputs, point in/out/key. Returns 0 when settled in bypass
 * (the outputs already hold the inputs: skip the core). */
static int mm_dryio_begin(mm_dryio *d, const mm_outmix *m, t_int *sig,
                          int n)
{
    int nch = d->nch;
    for (int c = 0; c < nch; c++) {
        float *b = d->buf + (size_t)c * n;
        memcpy(b, (const float *)sig[c], (size_t)n * sizeof *b);
        d->in[c] = b;
        d->out[c] = (float *)sig[nch + d->sidechain + c];
    }
    d->key = d->sidechain ? (const float *)sig[nch] : NULL;
    if (mm_outmix_is_bypassed(m)) {
        for (int c = 0; c < nch; c++)
            memcpy(d->out[c], d->in[c], (size_t)n * sizeof(float));
        return 0;
    }
    return 1;
}

/* After the core wrote out[]: bypass/delta crossfades. */
static void mm_dryio_end(mm_dryio *d, mm_outmix *m, int n)
{
    if (mm_outmix_is_plain(m) || mm_outmix_is_bypassed(m))
        return;
    for (int c = 0; c < d->nch; c++)
        mm_outmix_apply(m, d->out[c], d->in[c], d->out[c], n);
    mm_outmix_advance(m, n);
}

/* The t_int words the perform routine consumes after w[2]. */
static int mm_dryio_nargs(const mm_dryio *d)
{
    return 2 * d->nch + d->sidechain;
}

#endif
