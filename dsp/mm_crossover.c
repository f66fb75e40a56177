#include "mm_crossover.h"
#include "mm_smoother.h"

#define SQRT2 1.41421356237309504880

void mm_crossover_default_hz(int bands, double *hz)
{
    /* 120 Hz .. 6 kHz, log-spaced; 4 bands: 120, 1000(ish), 6000 */
    static const double four[3] = {120.0, 1000.0, 6000.0};
    int n = bands - 1;
    if (n == 3) {
        for (int s = 0; s < 3; s++)
            hz[s] = four[s];
        return;
    }
    for (int s = 0; s < n; s++) {
        double t = n > 1 ? (double)s / (n - 1) : 0.5;
        hz[s] = n > 1 ? 120.0 * pow(50.0, t) : 1000.0;
    }
}

static double max_hz(const mm_crossover *x)
{
    return MM_CROSSOVER_MAXFRAC * x->samplerate;
}

/* Split s's sections at its current (smoothed) frequency. */
static void design(const mm_crossover *x, int s, mm_svf_coef *c)
{
    mm_svf_set(c, exp2(x->log2_hz[s]), SQRT2, x->samplerate);
}

/* Jump split s's sections to its current frequency. */
static void snap_split(mm_crossover *x, int s)
{
    mm_svf_coef c;
    design(x, s, &c);
    mm_svf_ramp_snap(&x->coef[s], &c);
}

static void clear_split(mm_crossover *x, int s)
{
    for (int c = 0; c < MM_CROSSOVER_MAXCH; c++) {
        mm_crossover_ch *h = &x->ch[c];
        mm_svf_reset(&h->a[s]);
        mm_svf_reset(&h->lo[s]);
        for (int b = 0; b < MM_CROSSOVER_MAXSPLITS; b++)
            mm_svf_reset(&h->ap[b][s]);
    }
}

int mm_crossover_init(mm_crossover *x, int bands, int channels,
                      double samplerate)
{
    if (bands < 2 || bands > MM_CROSSOVER_MAXBANDS || channels < 1
        || channels > MM_CROSSOVER_MAXCH || !(samplerate > 0.0))
        return MM_E_ARG;
    memset(x, 0, sizeof *x);
    x->maxbands = x->bands = bands;
    x->channels = channels;
    x->samplerate = samplerate;
    double hz[MM_CROSSOVER_MAXSPLITS];
    mm_crossover_default_hz(bands, hz);
    for (int s = 0; s < bands - 1; s++)
        x->target_hz[s] = hz[s];
    for (int s = bands - 1; s < MM_CROSSOVER_MAXSPLITS; s++)
        x->target_hz[s] = 1000.0;
    mm_crossover_set_samplerate(x, samplerate);
    for (int s = 0; s < MM_CROSSOVER_MAXSPLITS; s++) {
        x->log2_hz[s] = log2(x->target_hz[s]);
        snap_split(x, s);
    }
    x->moving = 0;
    return MM_OK;
}

void mm_crossover_free(mm_crossover *x)
{
    (void)x; /* nothing allocated */
}

void mm_crossover_reset(mm_crossover *x)
{
    memset(x->ch, 0, sizeof x->ch);
}

int mm_crossover_set_samplerate(mm_crossover *x, double samplerate)
{
    if (!(samplerate > 0.0))
        return MM_E_ARG;
    x->samplerate = samplerate;
    x->smooth_coef = mm_onepole_coef(MM_CROSSOVER_TAU_MS,
                                     samplerate / MM_CROSSOVER_CTRL);
    /* targets may now be above the new limit: clamp, snap, redesign */
    for (int s = 0; s < MM_CROSSOVER_MAXSPLITS; s++) {
        x->target_hz[s] = mm_clamp_d(x->target_hz[s], MM_CROSSOVER_MINHZ,
                                     max_hz(x));
        x->log2_hz[s] = log2(x->target_hz[s]);
        snap_split(x, s);
    }
    x->moving = 0;
    x->ramp = 0;
    return MM_OK;
}

int mm_crossover_set_bands(mm_crossover *x, int bands)
{
    if (bands < 2)
        bands = 2;
    if (bands > x->maxbands)
        bands = x->maxbands;
    for (int s = x->bands - 1; s < bands - 1; s++) {
        /* an added split starts clean where its glide stopped (a
         * ramp interrupted by an earlier set_bands lands first) and
         * glides on to its target */
        clear_split(x, s);
        snap_split(x, s);
        if (x->log2_hz[s] != log2(x->target_hz[s]))
            x->moving = 1;
    }
    if (bands != x->bands) /* compensation paths change: start clean */
        for (int s = 0; s < MM_CROSSOVER_MAXSPLITS; s++)
            for (int c = 0; c < MM_CROSSOVER_MAXCH; c++)
                for (int b = 0; b < MM_CROSSOVER_MAXSPLITS; b++)
                    mm_svf_reset(&x->ch[c].ap[b][s]);
    x->bands = bands;
    return bands;
}

double mm_crossover_set_hz(mm_crossover *x, int split, double hz, int snap)
{
    if (split < 0 || split >= MM_CROSSOVER_MAXSPLITS || !mm_isfinite_d(hz))
        return 0.0;
    hz = mm_clamp_d(hz, MM_CROSSOVER_MINHZ, max_hz(x));
    x->target_hz[split] = hz;
    if (snap) {
        x->log2_hz[split] = log2(hz);
        snap_split(x, split);
    } else {
        x->moving = 1;
    }
    return hz;
}

int mm_crossover_sort(mm_crossover *x)
{
    int changed = 0;
    const double step = pow(2.0, 1.0 / 12.0);
    for (int s = 1; s < x->bands - 1; s++) {
        if (x->target_hz[s] < x->target_hz[s - 1] * step) {
            x->target_hz[s] = x->target_hz[s - 1] * step;
            changed = 1;
        }
    }
    /* pushed past the top: pull down from above */
    for (int s = x->bands - 2; s >= 0; s--) {
        double lim = s == x->bands - 2 ? max_hz(x)
                                       : x->target_hz[s + 1] / step;
        if (x->target_hz[s] > lim) {
            x->target_hz[s] = lim;
            changed = 1;
        }
    }
    if (changed)
        x->moving = 1;
    return changed;
}

double mm_crossover_get_hz(const mm_crossover *x, int split)
{
    return split >= 0 && split < MM_CROSSOVER_MAXSPLITS ? x->target_hz[split]
                                                        : 0.0;
}

double mm_crossover_current_hz(const mm_crossover *x, int split)
{
    return split >= 0 && split < MM_CROSSOVER_MAXSPLITS
               ? exp2(x->log2_hz[split])
               : 0.0;
}

/* One control step: glide every moving split in log-frequency; g then
 * ramps linearly to the new value over the next control period. */
static void control(mm_crossover *x)
{
    int still = 0;
    for (int s = 0; s < x->bands - 1; s++) {
        double t = log2(x->target_hz[s]);
        if (x->log2_hz[s] == t)
            continue;
        x->log2_hz[s] = mm_smoother_glide(x->log2_hz[s], t, x->smooth_coef,
                                          MM_SMOOTHER_GLIDE_SNAP);
        still = 1; /* one more period to finish the ramp */
        mm_svf_coef c;
        design(x, s, &c);
        mm_svf_ramp_to(&x->coef[s], &c, MM_CROSSOVER_CTRL);
    }
    x->ramp = MM_CROSSOVER_CTRL;
    x->moving = still;
}

/* Per sample while in a control period: step every split's g. */
static void ramp_step(mm_crossover *x)
{
    for (int s = 0; s < x->bands - 1; s++)
        mm_svf_ramp_tick(&x->coef[s]);
    x->ramp--;
}

static void flush_state(mm_crossover *x)
{
    for (int c = 0; c < x->channels; c++) {
        mm_svf *p = (mm_svf *)&x->ch[c];
        int n = (int)(sizeof x->ch[c] / sizeof(mm_svf));
        int bad = 0;
        for (int i = 0; i < n; i++)
            bad |= mm_svf_flush(&p[i]);
        if (bad) {
            memset(&x->ch[c], 0, sizeof x->ch[c]);
            x->resets++;
        }
    }
}

/* One channel, one frame: split x into bands (with compensation).
 * Per split two sections: `a` on the rest gives LP2, BP and AP2 = x -
 * 2k BP; `lo` on LP2 gives LP4; HP4 = AP2 - LP4 (mm_crossover.h). */
static inline void split_frame(const mm_crossover *x, mm_crossover_ch *h,
                               double in, double *band)
{
    const int ns = x->bands - 1;
    double rest = in;
    for (int s = 0; s < ns; s++) {
        const mm_svf_coef *k = &x->coef[s].c;
        double lp2, lp4;
        double bp = mm_svf_tick(&h->a[s], k, rest, &lp2);
        double ap = rest - 2.0 * k->k * bp;
        mm_svf_tick(&h->lo[s], k, lp2, &lp4);
        band[s] = lp4;
        rest = ap - lp4;
    }
    band[ns] = rest;
    for (int b = 0; b < ns - 1; b++) {
        double y = band[b], lo;
        for (int s = b + 1; s < ns; s++) {
            double bp = mm_svf_tick(&h->ap[b][s], &x->coef[s].c, y, &lo);
            y = y - 2.0 * x->coef[s].c.k * bp;
        }
        band[b] = y;
    }
}

/* Two channels at once (mm_svf_tick2), same coefficients. */
static inline void split_frame2(const mm_crossover *x, mm_crossover_ch *h0,
                                mm_crossover_ch *h1, const double in[2],
                                double band[][2])
{
    const int ns = x->bands - 1;
    double rest[2] = {in[0], in[1]};
    for (int s = 0; s < ns; s++) {
        const mm_svf_coef *k = &x->coef[s].c;
        double bp[2], lp2[2], bpl[2], lp4[2];
        mm_svf_tick2(&h0->a[s], &h1->a[s], k, rest, bp, lp2);
        mm_svf_tick2(&h0->lo[s], &h1->lo[s], k, lp2, bpl, lp4);
        for (int c = 0; c < 2; c++) {
            band[s][c] = lp4[c];
            rest[c] = rest[c] - 2.0 * k->k * bp[c] - lp4[c];
        }
    }
    band[ns][0] = rest[0];
    band[ns][1] = rest[1];
    for (int b = 0; b < ns - 1; b++) {
        double y[2] = {band[b][0], band[b][1]};
        for (int s = b + 1; s < ns; s++) {
            double bp[2], lo[2];
            mm_svf_tick2(&h0->ap[b][s], &h1->ap[b][s], &x->coef[s].c, y, bp,
                         lo);
            for (int c = 0; c < 2; c++)
                y[c] = y[c] - 2.0 * x->coef[s].c.k * bp[c];
        }
        band[b][0] = y[0];
        band[b][1] = y[1];
    }
}

#if defined(__GNUC__)
/* Steady coefficients, a channel pair, a block, in GCC vector extensions
 * (one lane per channel: SSE2 on any x86-64): split_frame2 with the split
 * count a constant (each caller below passes one), the states in vector
 * locals for the whole block and the coefficients broadcast once. The
 * same arithmetic as mm_svf_tick lane by lane, in the same order, so the
 * output is split_frame's bit for bit (test_crossover: test_pair_path);
 * other compilers take split_frame2. */
typedef double mm_xo_v2 __attribute__((vector_size(16)));

typedef struct {
    mm_xo_v2 a1, a2, a3, k2; /* k2 = 2k */
} pair_coef;

static inline __attribute__((always_inline)) mm_xo_v2
pair_tick(mm_xo_v2 *s1, mm_xo_v2 *s2, const pair_coef *k, mm_xo_v2 x,
          mm_xo_v2 *low)
{
    const mm_xo_v2 two = {2.0, 2.0};
    mm_xo_v2 v3 = x - *s2;
    mm_xo_v2 v1 = k->a1 * *s1 + k->a2 * v3;
    mm_xo_v2 v2 = *s2 + k->a2 * *s1 + k->a3 * v3;
    *s1 = two * v1 - *s1;
    *s2 = two * v2 - *s2;
    *low = v2;
    return v1;
}

static inline __attribute__((always_inline)) void
pair_block(mm_crossover *x, const int ns, int c, const float *i0,
           const float *i1, float *const *const *out, int n)
{
    mm_crossover_ch *h0 = &x->ch[c], *h1 = &x->ch[c + 1];
    pair_coef k[MM_CROSSOVER_MAXSPLITS];
    mm_xo_v2 a1[MM_CROSSOVER_MAXSPLITS], a2[MM_CROSSOVER_MAXSPLITS];
    mm_xo_v2 l1[MM_CROSSOVER_MAXSPLITS], l2[MM_CROSSOVER_MAXSPLITS];
    mm_xo_v2 p1[MM_CROSSOVER_MAXSPLITS][MM_CROSSOVER_MAXSPLITS];
    mm_xo_v2 p2[MM_CROSSOVER_MAXSPLITS][MM_CROSSOVER_MAXSPLITS];
    for (int s = 0; s < ns; s++) {
        const mm_svf_coef *q = &x->coef[s].c;
        k[s].a1 = (mm_xo_v2){q->a1, q->a1};
        k[s].a2 = (mm_xo_v2){q->a2, q->a2};
        k[s].a3 = (mm_xo_v2){q->a3, q->a3};
        k[s].k2 = (mm_xo_v2){2.0 * q->k, 2.0 * q->k};
        a1[s] = (mm_xo_v2){h0->a[s].ic1, h1->a[s].ic1};
        a2[s] = (mm_xo_v2){h0->a[s].ic2, h1->a[s].ic2};
        l1[s] = (mm_xo_v2){h0->lo[s].ic1, h1->lo[s].ic1};
        l2[s] = (mm_xo_v2){h0->lo[s].ic2, h1->lo[s].ic2};
        for (int b = 0; b < s; b++) {
            p1[b][s] = (mm_xo_v2){h0->ap[b][s].ic1, h1->ap[b][s].ic1};
            p2[b][s] = (mm_xo_v2){h0->ap[b][s].ic2, h1->ap[b][s].ic2};
        }
    }
    for (int i = 0; i < n; i++) {
        float f0 = i0[i], f1 = i1[i];
        mm_xo_v2 rest = {mm_isfinite_f(f0) ? f0 : 0.0,
                         mm_isfinite_f(f1) ? f1 : 0.0};
        mm_xo_v2 band[MM_CROSSOVER_MAXBANDS];
        for (int s = 0; s < ns; s++) {
            mm_xo_v2 lp2, lp4;
            mm_xo_v2 bp = pair_tick(&a1[s], &a2[s], &k[s], rest, &lp2);
            pair_tick(&l1[s], &l2[s], &k[s], lp2, &lp4);
            band[s] = lp4;
            rest = rest - k[s].k2 * bp - lp4;
        }
        band[ns] = rest;
        for (int b = 0; b < ns - 1; b++)
            for (int s = b + 1; s < ns; s++) {
                mm_xo_v2 lo;
                mm_xo_v2 bp = pair_tick(&p1[b][s], &p2[b][s], &k[s], band[b],
                                        &lo);
                band[b] = band[b] - k[s].k2 * bp;
            }
        for (int b = 0; b <= ns; b++) {
            out[b][c][i] = (float)band[b][0];
            out[b][c + 1][i] = (float)band[b][1];
        }
    }
    for (int s = 0; s < ns; s++) {
        h0->a[s].ic1 = a1[s][0], h1->a[s].ic1 = a1[s][1];
        h0->a[s].ic2 = a2[s][0], h1->a[s].ic2 = a2[s][1];
        h0->lo[s].ic1 = l1[s][0], h1->lo[s].ic1 = l1[s][1];
        h0->lo[s].ic2 = l2[s][0], h1->lo[s].ic2 = l2[s][1];
        for (int b = 0; b < s; b++) {
            h0->ap[b][s].ic1 = p1[b][s][0], h1->ap[b][s].ic1 = p1[b][s][1];
            h0->ap[b][s].ic2 = p2[b][s][0], h1->ap[b][s].ic2 = p2[b][s][1];
        }
    }
}
#endif

void mm_crossover_process(mm_crossover *x, const float *const *in,
                          float *const *const *out, int n)
{
    const int nb = x->bands, nch = x->channels;
    double band[MM_CROSSOVER_MAXBANDS];
    if (!x->moving && x->ramp == 0) {
        /* steady coefficients: channel by channel. Every output of a
         * channel is written after its input sample is read; an input
         * may alias an output of the same channel only (documented). */
        int c = 0;
        for (; c + 1 < nch; c += 2) {
            const float *i0 = in[c], *i1 = in[c + 1];
#if defined(__GNUC__)
            if (!x->plain) {
                switch (nb - 1) { /* a constant split count for each */
                case 1: pair_block(x, 1, c, i0, i1, out, n); break;
                case 2: pair_block(x, 2, c, i0, i1, out, n); break;
                case 3: pair_block(x, 3, c, i0, i1, out, n); break;
                case 4: pair_block(x, 4, c, i0, i1, out, n); break;
                default: pair_block(x, 5, c, i0, i1, out, n); break;
                }
                continue;
            }
#endif
            double b2[MM_CROSSOVER_MAXBANDS][2];
            for (int i = 0; i < n; i++) {
                float f0 = i0[i], f1 = i1[i];
                double xx[2] = {mm_isfinite_f(f0) ? f0 : 0.0,
                                mm_isfinite_f(f1) ? f1 : 0.0};
                split_frame2(x, &x->ch[c], &x->ch[c + 1], xx, b2);
                for (int b = 0; b < nb; b++) {
                    out[b][c][i] = (float)b2[b][0];
                    out[b][c + 1][i] = (float)b2[b][1];
                }
            }
        }
        for (; c < nch; c++) {
            mm_crossover_ch *h = &x->ch[c];
            const float *ip = in[c];
            for (int i = 0; i < n; i++) {
                float f = ip[i];
                split_frame(x, h, mm_isfinite_f(f) ? f : 0.0, band);
                for (int b = 0; b < nb; b++)
                    out[b][c][i] = (float)band[b];
            }
        }
        flush_state(x);
        return;
    }
    double xin[MM_CROSSOVER_MAXCH];
    for (int i = 0; i < n; i++) {
        if (x->moving || x->ramp > 0) {
            if (x->ramp <= 0)
                control(x);
            ramp_step(x);
        }
        for (int c = 0; c < nch; c++) {
            float f = in[c][i];
            xin[c] = mm_isfinite_f(f) ? f : 0.0;
        }
        for (int c = 0; c < nch; c++) {
            split_frame(x, &x->ch[c], xin[c], band);
            for (int b = 0; b < nb; b++)
                out[b][c][i] = (float)band[b];
        }
    }
    flush_state(x);
}

typedef struct { double re, im; } cplx;

static cplx cmul(cplx a, cplx b)
{
    return (cplx){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}

static cplx section(const mm_svf_coef *c, mm_svf_output o, double f,
                    double fs)
{
    cplx h;
    mm_svf_response(c, o, f, fs, &h.re, &h.im);
    return h;
}

void mm_crossover_response(const mm_crossover *x, int band, double f,
                           double *re, double *im)
{
    const int ns = x->bands - 1;
    const double fs = x->samplerate, fc = mm_clamp_d(f, 0.0, 0.4999 * fs);
    cplx h = {1.0, 0.0};
    for (int s = 0; s < ns && s <= band; s++) {
        cplx p = section(&x->coef[s].c, s == band ? MM_SVF_LOW : MM_SVF_HIGH,
                         fc, fs);
        h = cmul(h, cmul(p, p));
    }
    for (int s = band + 1; s < ns; s++)
        h = cmul(h, section(&x->coef[s].c, MM_SVF_ALL, fc, fs));
    *re = h.re;
    *im = h.im;
}
