/* mm_linphase.c: linear-phase FIRs from magnitudes, paced redesign
 * (mm_linphase.h). */
#include "mm_linphase.h"
#include "mm_kaiser.h"
#include <fftw3.h>

enum { IDLE, FILL, IFFT, WINDOW, LOAD };

const char *const mm_linphase_phase_words[] = {"minimum", "linear", NULL};
const char *const mm_linphase_resolution_words[] = {"low", "medium", "high",
                                                     "max", NULL};

static int scale_of(double samplerate)
{
    /* 0 at 44.1/48 kHz, -1 below 36 kHz, +1 from 72, +2 from 144 */
    double r = samplerate / 48000.0;
    return r < 0.75 ? -1 : r < 1.5 ? 0 : r < 3.0 ? 1 : 2;
}

int mm_linphase_size(double samplerate, int base)
{
    return base << (scale_of(samplerate) + 1) >> 1;
}

int mm_linphase_part(double samplerate, int base)
{
    return mm_linphase_size(samplerate, base) / 16;
}

static void release(mm_linphase *lp)
{
    if (lp->plan)
        fftw_destroy_plan((fftw_plan)lp->plan);
    fftw_free(lp->spec);
    fftw_free(lp->r);
    free(lp->mag); /* the block win and h are in */
    lp->plan = lp->spec = NULL;
    lp->r = lp->mag = lp->win = NULL;
    lp->h = NULL;
    mm_fftconv_free(&lp->conv);
}

void mm_linphase_free(mm_linphase *lp)
{
    release(lp);
    memset(lp, 0, sizeof *lp);
}

/* Everything for the rate into *lp (which holds nothing yet). */
static int build(mm_linphase *lp, int nch, int nk, double samplerate)
{
    const int n = mm_linphase_size(samplerate, lp->base);
    int err = mm_fftconv_init(&lp->conv, nch, nk,
                              mm_linphase_part(samplerate, lp->base), n - 1);
    if (err != MM_OK)
        return err;
    mm_fftconv_set_fade(&lp->conv, MM_LINPHASE_FADE);
    lp->n = n;
    lp->nbins = n / 2 + 1;
    lp->taps = n - 1;
    lp->center = n / 2 - 1;
    lp->nk = nk;
    lp->samplerate = samplerate;
    /* one block: mag, the window's half, the taps */
    lp->mag = calloc(1, sizeof(double) * ((size_t)lp->nbins + lp->center + 1)
                            + sizeof(float) * (size_t)lp->taps);
    /* FFTW's own blocks, out of place: an in-place or unaligned inverse
     * FFT may get a buffered plan, which allocates on every execution */
    lp->spec = fftw_malloc(sizeof(fftw_complex) * (size_t)lp->nbins);
    lp->r = fftw_malloc(sizeof(double) * (size_t)n);
    if (!lp->mag || !lp->spec || !lp->r) {
        release(lp);
        return MM_E_NOMEM;
    }
    lp->win = lp->mag + lp->nbins;
    lp->h = (float *)(lp->win + lp->center + 1);
    /* FFTW_ESTIMATE: no trial runs; Pd plans from one thread */
    lp->plan = fftw_plan_dft_c2r_1d(n, (fftw_complex *)lp->spec, lp->r,
                                    FFTW_ESTIMATE);
    if (!lp->plan) {
        release(lp);
        return MM_E_NOMEM;
    }
    /* the Kaiser window (mm_kaiser.h), symmetric: w[c + j] = win[j] */
    const double norm = 1.0 / mm_kaiser_i0(MM_LINPHASE_BETA);
    for (int j = 0; j <= lp->center; j++) {
        double r = (double)j / (n / 2);
        lp->win[j] = mm_kaiser_i0(MM_LINPHASE_BETA * sqrt(1.0 - r * r)) * norm;
    }
    for (int k = 0; k < nk; k++) /* flat: a pure delay of c */
        mm_fftconv_stage_delay(&lp->conv, k, lp->center);
    mm_fftconv_swap(&lp->conv, 0);
    lp->state = IDLE;
    lp->fade = 1;
    lp->until = MM_LINPHASE_STEP;
    return MM_OK;
}

int mm_linphase_init(mm_linphase *lp, int nch, int nk, double samplerate,
                     int base, const mm_linphase_client *client)
{
    memset(lp, 0, sizeof *lp);
    if (!client || !client->fill || base < 256 || base > 65536
        || (base & (base - 1)))
        return MM_E_ARG;
    lp->client = *client;
    lp->base = base;
    return build(lp, nch, nk, mm_samplerate_or_default(samplerate));
}

void *mm_linphase_attach(size_t size, int nch, int nk, double samplerate,
                         int base, const mm_linphase_client *client,
                         int *err)
{
    mm_linphase *lp = size >= sizeof *lp ? calloc(1, size) : NULL;
    *err = lp ? mm_linphase_init(lp, nch, nk, samplerate, base, client)
              : MM_E_NOMEM;
    if (*err != MM_OK) {
        free(lp);
        return NULL;
    }
    return lp;
}

void mm_linphase_detach(void *state)
{
    if (state)
        mm_linphase_free(state);
    free(state);
}

int mm_linphase_set_samplerate(mm_linphase *lp, double samplerate)
{
    if (!(samplerate > 0.0) || !mm_isfinite_d(samplerate))
        return MM_E_ARG;
    if (lp->n == mm_linphase_size(samplerate, lp->base) && lp->plan) {
        lp->samplerate = samplerate;
    } else {
        mm_linphase fresh;
        memset(&fresh, 0, sizeof fresh);
        fresh.client = lp->client;
        fresh.base = lp->base;
        int err = build(&fresh, lp->conv.nch, lp->conv.nk, samplerate);
        if (err != MM_OK)
            return err;
        release(lp);
        *lp = fresh;
    }
    mm_linphase_reset(lp);
    mm_linphase_design_now(lp);
    return MM_OK;
}

void mm_linphase_reset(mm_linphase *lp)
{
    mm_fftconv_reset(&lp->conv);
}

void mm_linphase_request(mm_linphase *lp)
{
    lp->dirty = 1;
}

int mm_linphase_busy(const mm_linphase *lp)
{
    return lp->dirty || lp->state != IDLE || mm_fftconv_swapping(&lp->conv);
}

int mm_linphase_latency(const mm_linphase *lp)
{
    return mm_fftconv_latency(&lp->conv) + lp->center;
}

/* the inverse FFT of the magnitude (times g) into r */
static void zero_phase(mm_linphase *lp, const double *mag, double g)
{
    fftw_complex *s = (fftw_complex *)lp->spec;
    for (int k = 0; k < lp->nbins; k++) {
        double v = mag[k] * g;
        s[k][0] = mm_isfinite_d(v) && v > 0.0 ? v : 0.0;
        s[k][1] = 0.0;
    }
    fftw_execute((fftw_plan)lp->plan);
}

/* r, centred on c and windowed, into h: h[c + j] = h[c - j] exactly
 * (r is even up to the FFT's rounding; both sides take the mean) */
static void window(mm_linphase *lp, float *h)
{
    const int n = lp->n, c = lp->center;
    const double inv = 1.0 / n;
    for (int j = 0; j <= c; j++) {
        double v = (j ? 0.5 * (lp->r[j] + lp->r[n - j]) : lp->r[0]) * inv
                   * lp->win[j];
        float f = fabs(v) < 1e-30 ? 0.0f : (float)v;
        h[c + j] = h[c - j] = f;
    }
}

void mm_linphase_fir(mm_linphase *lp, const double *mag, float *h)
{
    zero_phase(lp, mag, 1.0);
    window(lp, h);
}

static void start_kernel(mm_linphase *lp);

static void next_kernel(mm_linphase *lp)
{
    if (++lp->kernel < lp->nk) {
        start_kernel(lp);
        return;
    }
    mm_fftconv_swap(&lp->conv, lp->fade);
    lp->state = IDLE;
}

static void start_kernel(mm_linphase *lp)
{
    const mm_linphase_client *cl = &lp->client;
    if (cl->flat && cl->flat(cl->ctx, lp->kernel)) {
        mm_fftconv_stage_delay(&lp->conv, lp->kernel, lp->center);
        next_kernel(lp);
        return;
    }
    lp->state = FILL;
    lp->pos = 0;
}

/* One bounded piece of the design. */
static void step(mm_linphase *lp)
{
    const mm_linphase_client *cl = &lp->client;
    switch (lp->state) {
    case IDLE:
        if (!lp->dirty || mm_fftconv_busy(&lp->conv))
            return;
        lp->dirty = 0;
        if (cl->begin)
            cl->begin(cl->ctx);
        lp->kernel = 0;
        start_kernel(lp);
        return;
    case FILL: {
        int k1 = lp->pos + MM_LINPHASE_CHUNK;
        if (k1 > lp->nbins)
            k1 = lp->nbins;
        cl->fill(cl->ctx, lp->kernel, lp->mag, lp->pos, k1,
                 lp->samplerate / lp->n);
        lp->pos = k1;
        if (k1 == lp->nbins)
            lp->state = IFFT;
        return;
    }
    case IFFT:
        zero_phase(lp, lp->mag, cl->gain ? cl->gain(cl->ctx, lp->kernel)
                                         : 1.0);
        lp->state = WINDOW;
        return;
    case WINDOW:
        window(lp, lp->h);
        lp->state = LOAD;
        lp->pos = 0;
        return;
    default: { /* LOAD */
        int parts = mm_fftconv_parts(&lp->conv, lp->taps);
        int count = parts - lp->pos < MM_LINPHASE_LOADS ? parts - lp->pos
                                                        : MM_LINPHASE_LOADS;
        mm_fftconv_stage(&lp->conv, lp->kernel, lp->h, lp->taps, lp->pos,
                         count);
        lp->pos += count;
        if (lp->pos == parts)
            next_kernel(lp);
        return;
    }
    }
}

void mm_linphase_design_now(mm_linphase *lp)
{
    /* whatever is waiting or fading is overtaken: the new design plays */
    mm_fftconv_settle(&lp->conv);
    lp->dirty = 1;
    lp->state = IDLE;
    lp->fade = 0;
    do
        step(lp);
    while (lp->state != IDLE);
    lp->fade = 1;
}

void mm_linphase_process(mm_linphase *lp, const float *const *in,
                         float *const *out, int n)
{
    const int nout = lp->conv.nk * lp->conv.nch;
    int done = 0;
    while (done < n) {
        int m = lp->until < n - done ? lp->until : n - done;
        const float *ip[MM_FFTCONV_MAXCH];
        float *op[MM_FFTCONV_MAXCH * MM_FFTCONV_MAXKERNELS];
        for (int c = 0; c < lp->conv.nch; c++)
            ip[c] = in[c] + done;
        for (int o = 0; o < nout; o++)
            op[o] = out[o] + done;
        mm_fftconv_process(&lp->conv, ip, op, m);
        done += m;
        lp->until -= m;
        if (lp->until == 0) {
            lp->until = MM_LINPHASE_STEP;
            step(lp);
        }
    }
}
