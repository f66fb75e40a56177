#include "mm_peaklimiter.h"
#include "mm_kaiser.h"
#include <float.h>
#include <stdlib.h>

#define CHUNK MM_PEAKLIMITER_CHUNK

static const mm_paramdef limiter_rows[] = {
    {"ceiling", MM_PEAKLIMITER_CEILING, MM_P_FLOAT, "dBTP", -24, 0, -1, 0, 0,
     NULL, "output true-peak ceiling"},
    {"input", MM_PEAKLIMITER_INPUT, MM_P_FLOAT, "dB", -24, 24, 0, 0, 0, NULL,
     "drive before limiting"},
    {"release", MM_PEAKLIMITER_RELEASE, MM_P_FLOAT, "ms", 1, 1000, 50, 0, 0,
     NULL, "release time (63%)"},
    {"lookahead", MM_PEAKLIMITER_LOOKAHEAD, MM_P_FLOAT, "ms", 1, 20, 5, 0, 0,
     NULL, "lookahead = latency"},
    {"link", MM_PEAKLIMITER_LINK, MM_P_FLOAT, "%", 0, 100, 100, 0, 0, NULL,
     "stereo link of the gain reduction"},
    {"truepeak", MM_PEAKLIMITER_TRUEPEAK, MM_P_BOOL, "", 0, 1, 1, 0, 0, NULL,
     "1 limits true peaks, 0 sample peaks"},
};

const mm_paramtable mm_peaklimiter_table =
    MM_PARAMTABLE("peaklimiter", limiter_rows);

#define ROW(p) limiter_rows[MM_PEAKLIMITER_##p]
/* The lookahead range also sizes the delay lines (max) and the short
 * detector (min). */
#define MM_PEAKLIMITER_LOOKAHEAD_MIN (ROW(LOOKAHEAD).min)
#define MM_PEAKLIMITER_LOOKAHEAD_MAX (ROW(LOOKAHEAD).max)

static void configure(mm_peaklimiter *l);
static void resolve_all(mm_peaklimiter *l);
static void update_thresh_target(mm_peaklimiter *l, int snap);

double mm_peaklimiter_set(mm_peaklimiter *l, mm_peaklimiter_param p,
                          double v)
{
    if (!mm_param_take(&mm_peaklimiter_table, (int)p, &v))
        return 0.0;
    switch (p) {
    case MM_PEAKLIMITER_CEILING:
        l->ceiling_db = v;
        update_thresh_target(l, 0);
        break;
    case MM_PEAKLIMITER_INPUT:
        l->input_db = v;
        mm_smoother_set(&l->ingain, mm_db_to_gain(v));
        break;
    case MM_PEAKLIMITER_RELEASE:
        l->release_ms = v;
        l->relcoef = mm_onepole_coef(v, l->samplerate > 0.0 ? l->samplerate
                                                            : 48000.0);
        break;
    case MM_PEAKLIMITER_LOOKAHEAD:
        l->lookahead_ms = v;
        if (l->maxdelay > 0)
            configure(l);
        break;
    case MM_PEAKLIMITER_LINK:
        l->link_pct = v;
        mm_smoother_set(&l->link, v * 0.01);
        break;
    case MM_PEAKLIMITER_TRUEPEAK:
        resolve_all(l);
        l->truepeak = v != 0.0;
        update_thresh_target(l, 0);
        break;
    default:
        break;
    }
    return v;
}

int mm_peaklimiter_max_latency(const mm_peaklimiter *l)
{
    return l->maxdelay;
}

static void free_ch(mm_peaklimiter_ch *c)
{
    mm_delay_free(&c->audio);
    mm_delay_free(&c->spk);
    free(c->dq_t);
    free(c->dq_v);
    free(c->box1);
    free(c->box2);
    c->dq_t = NULL;
    c->dq_v = NULL;
    c->box1 = c->box2 = NULL;
}

/* Fill the envelope with gain v (fixed point), empty the min window. */
static void fill_env(mm_peaklimiter *l, mm_peaklimiter_ch *c, double v)
{
    int64_t q = (int64_t)floor(v * MM_PEAKLIMITER_ONE);
    c->rel = v;
    for (int i = 0; i < l->w1; i++)
        c->box1[i] = q;
    c->s1 = q * l->w1;
    for (int i = 0; i < l->w2; i++)
        c->box2[i] = c->s1;
    c->s2 = c->s1 * l->w2;
    c->b1 = c->b2 = 0;
    c->dq_head = c->dq_tail = 0;
}

static double current_gain(const mm_peaklimiter *l, const mm_peaklimiter_ch *c)
{
    if (!c->box2)
        return 1.0;
    return (double)c->s2 / ((double)l->w1 * l->w2 * MM_PEAKLIMITER_ONE);
}

static void update_thresh_target(mm_peaklimiter *l, int snap);
static void short_design(mm_peaklimiter *l, int d, int a, int hpre, int f);

/* Lookahead split: D = K + (W1 + W2 - 2) + H. */
static void configure(mm_peaklimiter *l)
{
    resolve_all(l); /* with the weights the lazy readings had */
    int d = (int)floor(l->lookahead_ms * 0.001 * l->samplerate + 0.5);
    if (d < 1)
        d = 1;
    if (d > l->maxdelay)
        d = l->maxdelay;
    /* the long detector when the lookahead holds it with a 16-sample
     * attack, else the short one */
    /* D = F + attack + hold before the peak. An eighth of the lookahead
     * for the attack (the detector accounts for the ramp, so it may be
     * short), up to 8 samples of hold before the peak, the rest for the
     * future taps F, up to SHORT_FMAX (beyond, the attack gets it). The
     * hold after the peak is long: the detector assumes the gain of a
     * peak for the part of the reconstruction it cannot see. */
    int a = d / 8, k, hold = MM_PEAKLIMITER_SHORT_POST;
    int hpre = d / 4 < MM_PEAKLIMITER_HOLD ? d / 4 : MM_PEAKLIMITER_HOLD;
    k = d - a - hpre;
    if (k > MM_PEAKLIMITER_SHORT_FMAX) {
        k = MM_PEAKLIMITER_SHORT_FMAX;
        a = d - k - hpre;
    }
    if (k < 1) {
        k = 1;
        hpre = 0;
        a = d - 1;
    }
    l->fut = k;
    update_thresh_target(l, 0);
    for (int c = 0; c < l->nch; c++)
        mm_delay_set(&l->ch[c].spk, k);
    double g[MM_PEAKLIMITER_MAXCH];
    for (int c = 0; c < l->nch; c++)
        g[c] = l->w1 > 0 ? current_gain(l, &l->ch[c]) : 1.0;
    l->delay = d;
    l->hold = hold;
    l->hpre = hpre;
    l->w1 = (a + 2) / 2;
    l->w2 = a + 2 - l->w1;
    l->mwin = l->w1 + l->w2 - 1 + hpre + hold;
    short_design(l, d, a, hpre, k);
    for (int c = 0; c < l->nch; c++) {
        mm_delay_set(&l->ch[c].audio, d);
        fill_env(l, &l->ch[c], g[c]);
    }
}

static void update_thresh_target(mm_peaklimiter *l, int snap)
{
    double m = l->truepeak ? pow(10.0, -MM_PEAKLIMITER_MARGIN_DB / 20.0)
                           : 1.0 - 1e-6;
    double t = mm_db_to_gain(l->ceiling_db) * m;
    if (snap)
        mm_smoother_snap(&l->thresh, t);
    else
        mm_smoother_set(&l->thresh, t);
}

/* The detector's weights for D = d, attack a (W1 + W2 - 2), hold before
 * the peak hpre and F = f future samples (d = f + a + hpre). Detector
 * time n reads the period p = n - F at t = p + phi, phi = 1/4, 1/2, 3/4,
 * through the meter's kernel h(tau) = sinc(tau) w(tau / 256) (Kaiser
 * beta 16), cut at |tau| < SHORT_K and normalised per phase:
 *   y(t) = A + g B,
 *   A = sum_m h o[n - d - m] (outputs already sent: exact)
 *       + g_c sum_i lam_i h x[n - d + i] (the attack ramp's share of the
 *       gain in force g_c),
 *   B = sum_i (1 - lam_i) h x[n - d + i] + c e (the gain g decided now;
 *       e the fs/2 component at the window's end, continued as
 *       e (-1)^j beyond it: a run of alternating samples goes on).
 * lam_i is the step response of the two moving averages: the share of
 * the old gain in the gain of the sample i places into the window when
 * the gain steps down at detector time n; it is 0 from i = a on, so the
 * peak (i = a + hpre) and its neighbours get g alone. Only the last
 * dw + 1 = min(d, f + K - 1) + 1 inputs are in reach of the kernel. */
static void short_design(mm_peaklimiter *l, int d, int a, int hpre, int f)
{
    const int K = MM_PEAKLIMITER_SHORT_K, W = MM_PEAKLIMITER_SHORT_W;
    const int w1 = (a + 2) / 2, w2 = a + 2 - w1;
    const int dw = d < f + K - 1 ? d : f + K - 1;
    int son = 0;
    for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++) {
        const double phi = (q + 1) / 4.0;
        double sum = 0.0;
        for (int u = -K + 1; u <= K; u++) {
            double tau = phi - u;
            sum += mm_kaiser_sinc(tau, K, 0.0)
                   * mm_kaiser_window(tau / MM_PEAKLIMITER_SHORT_WK,
                                      MM_PEAKLIMITER_SHORT_BETA);
        }
#define SH(tau)                                                            \
    (mm_kaiser_sinc((tau), K, 0.0)                                         \
     * mm_kaiser_window((tau) / MM_PEAKLIMITER_SHORT_WK,                   \
                        MM_PEAKLIMITER_SHORT_BETA) / sum)
        for (int i = 0; i < W; i++) {
            double h = 0.0, lam = 0.0;
            if (i <= dw) {
                int fi = i + d - dw; /* place in the whole window */
                h = SH(phi - (fi - a - hpre));
                /* weights of the averaged v at offsets u > fi: pairs
                 * (x, y), x < w1, y < w2, x + y > fi */
                long cnt = 0;
                for (int x = 0; x < w1; x++) {
                    int ymin = fi - x + 1 < 0 ? 0 : fi - x + 1;
                    if (ymin < w2)
                        cnt += w2 - ymin;
                }
                lam = (double)cnt / ((double)w1 * w2);
            }
            l->sb[q][i] = (float)(h * (1.0 - lam));
            l->sa[q][i] = (float)(h * lam);
        }
        for (int m = 1; m <= K; m++) {
            double tau = phi + a + hpre + m;
            l->so[q][m - 1] = (float)SH(tau);
            if (tau < K && m > son)
                son = m;
        }
        double c = 0.0;
        for (int i = 1; i <= 2 * K; i++)
            c += (i & 1 ? -1.0 : 1.0) * SH(phi - f - i);
        l->sc[q] = (float)c;
#undef SH
    }
    /* outputs oldest first: so[q][k] weighs o[n - d - son + k] */
    for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++)
        for (int k = 0; k < son / 2; k++) {
            float t = l->so[q][k];
            l->so[q][k] = l->so[q][son - 1 - k];
            l->so[q][son - 1 - k] = t;
        }
    int san = 0;
    for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++)
        for (int i = 0; i <= dw; i++)
            if (l->sa[q][i] != 0.0f && i + 1 > san)
                san = i + 1;
    l->so_n = son;
    l->sa_n = san;
    l->dw = dw;
    /* front-pad to whole vectors of LANES (zeros weigh older samples,
     * which are in the histories and finite): nb <= SHORT_W, no <= K */
    const int LN = MM_PEAKLIMITER_LANES;
    const int nb = (dw + 1 + LN - 1) / LN * LN, pb = nb - (dw + 1);
    const int no = (son + LN - 1) / LN * LN, po = no - son;
    for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++) {
        memmove(l->sb[q] + pb, l->sb[q], (size_t)(dw + 1) * sizeof(float));
        memmove(l->sa[q] + pb, l->sa[q], (size_t)(dw + 1) * sizeof(float));
        memmove(l->so[q] + po, l->so[q], (size_t)son * sizeof(float));
        for (int j = 0; j < pb; j++)
            l->sb[q][j] = l->sa[q][j] = 0.0f;
        for (int j = 0; j < po; j++)
            l->so[q][j] = 0.0f;
        for (int j = nb; j < W; j++)
            l->sb[q][j] = l->sa[q][j] = 0.0f;
        for (int j = no; j < K; j++)
            l->so[q][j] = 0.0f;
    }
    l->nb = nb;
    l->na = san > 0 ? (pb + san + LN - 1) / LN * LN : 0;
    l->no = no;
    /* the lazy reading's tables (lazy_bound), rounded up */
    memset(l->lw, 0, sizeof l->lw);
    memset(l->lo, 0, sizeof l->lo);
    /* the CW samples around the period are weighed one by one (hc), the
     * rest by blocks */
    const int cw = nb < MM_PEAKLIMITER_LAZY_CW ? nb : MM_PEAKLIMITER_LAZY_CW;
    int jc0 = nb - 1 - f - MM_PEAKLIMITER_LAZY_CW / 2 + 1;
    if (jc0 > nb - cw)
        jc0 = nb - cw;
    if (jc0 < 0)
        jc0 = 0;
    l->cw = cw;
    l->jc0 = jc0;
    for (int j = 0; j < nb; j++) {
        double m = 0.0;
        for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++) {
            double v = fabs((double)l->sb[q][j]) + fabs((double)l->sa[q][j]);
            if (v > m)
                m = v;
        }
        if (j >= jc0 && j < jc0 + cw)
            l->hc[j - jc0] = (float)(m * (1.0 + 1e-6));
    }
    /* the tails by parts: sum W x = T x[edge] - sum T dx (left, T the
     * sums from the far end), U x[edge] + sum U dx (right); W = sb + gc sa,
     * so |T| <= |Tb| + |Ta| */
    double wd[MM_PEAKLIMITER_SHORT_W] = {0.0};
    double wbl = 0.0, wbr = 0.0;
    const int j1 = jc0 + cw;
    for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++) {
        double tb = 0.0, ta = 0.0;
        for (int j = 0; j < jc0; j++) {
            tb += l->sb[q][j];
            ta += l->sa[q][j];
            double v = fabs(tb) + fabs(ta);
            if (j < jc0 - 1) {
                if (v > wd[j + 1])
                    wd[j + 1] = v;
            } else if (v > wbl)
                wbl = v;
        }
        tb = ta = 0.0;
        for (int j = nb - 1; j >= j1; j--) {
            tb += l->sb[q][j];
            ta += l->sa[q][j];
            double v = fabs(tb) + fabs(ta);
            if (j > j1) {
                if (v > wd[j])
                    wd[j] = v;
            } else if (v > wbr)
                wbr = v;
        }
    }
    l->wbl = (float)(wbl * (1.0 + 1e-6));
    l->wbr = (float)(wbr * (1.0 + 1e-6));
    /* the outputs by parts too, from the oldest: weights on their first
     * differences, and the newest output */
    double wdo[MM_PEAKLIMITER_SHORT_K] = {0.0}, wob = 0.0;
    for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++) {
        double tq = 0.0;
        for (int j = 0; j < no; j++) {
            tq += l->so[q][j];
            if (j < no - 1) {
                if (fabs(tq) > wdo[j + 1])
                    wdo[j + 1] = fabs(tq);
            } else if (fabs(tq) > wob)
                wob = fabs(tq);
        }
    }
    l->wob = (float)(wob * (1.0 + 1e-6));
    for (int r = 0; r < LN; r++) {
        double acc[MM_PEAKLIMITER_SHORT_W / MM_PEAKLIMITER_LANES + 1] = {0.0};
        for (int j = 0; j < nb; j++)
            acc[(r + j) / LN] += wd[j];
        for (int k = 0; k <= nb / LN; k++)
            l->lw[r][k] = (float)(acc[k] * (1.0 + 1e-6));
        double aco[MM_PEAKLIMITER_SHORT_K / MM_PEAKLIMITER_LANES + 1] = {0.0};
        for (int j = 0; j < no; j++)
            aco[(r + j) / LN] += wdo[j];
        for (int k = 0; k <= no / LN; k++)
            l->lo[r][k] = (float)(aco[k] * (1.0 + 1e-6));
    }
    double scm = 0.0;
    for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++)
        if (fabs((double)l->sc[q]) > scm)
            scm = fabs((double)l->sc[q]);
    l->scmax = (float)(scm * (1.0 + 1e-6));
}

int mm_peaklimiter_set_samplerate(mm_peaklimiter *l, double sr)
{
    if (!(sr > 0.0) || !mm_isfinite_d(sr))
        return MM_E_ARG;
    int maxdelay = (int)ceil(MM_PEAKLIMITER_LOOKAHEAD_MAX * 0.001 * sr) + 1;
    int cap = 1;
    while (cap < maxdelay + 2)
        cap <<= 1;
    for (int c = 0; c < l->nch; c++) {
        mm_peaklimiter_ch *ch = &l->ch[c];
        if (mm_delay_init(&ch->audio, maxdelay) != MM_OK
            || mm_delay_init(&ch->spk, MM_PEAKLIMITER_SHORT_FMAX) != MM_OK)
            return MM_E_NOMEM;
        uint32_t *t = realloc(ch->dq_t, (size_t)cap * sizeof *t);
        if (t)
            ch->dq_t = t;
        double *v = realloc(ch->dq_v, (size_t)cap * sizeof *v);
        if (v)
            ch->dq_v = v;
        int64_t *b1 = realloc(ch->box1, (size_t)(maxdelay + 2) * sizeof *b1);
        if (b1)
            ch->box1 = b1;
        int64_t *b2 = realloc(ch->box2, (size_t)(maxdelay + 2) * sizeof *b2);
        if (b2)
            ch->box2 = b2;
        if (!t || !v || !b1 || !b2)
            return MM_E_NOMEM;
    }
    l->samplerate = sr;
    l->maxdelay = maxdelay;
    l->dq_mask = cap - 1;
    mm_smoother_set_samplerate(&l->ingain, sr);
    mm_smoother_set_samplerate(&l->thresh, sr);
    mm_smoother_set_samplerate(&l->link, sr);
    mm_peaklimiter_set(l, MM_PEAKLIMITER_RELEASE, l->release_ms);
    l->w1 = 0; /* fresh envelope */
    configure(l);
    mm_peaklimiter_reset(l);
    return MM_OK;
}

int mm_peaklimiter_init(mm_peaklimiter *l, int nch, double sr)
{
    if (nch < 1 || nch > MM_PEAKLIMITER_MAXCH)
        return MM_E_ARG;
    memset(l, 0, sizeof *l);
    l->nch = nch;
    l->ceiling_db = ROW(CEILING).def;
    l->input_db = ROW(INPUT).def;
    l->release_ms = ROW(RELEASE).def;
    l->lookahead_ms = ROW(LOOKAHEAD).def;
    l->link_pct = ROW(LINK).def;
    l->truepeak = ROW(TRUEPEAK).def != 0.0;
    l->gmin = 1.0;
    mm_smoother_init(&l->ingain, MM_SMOOTHER_TAU_MS, sr,
                     mm_db_to_gain(l->input_db));
    mm_smoother_init(&l->thresh, MM_SMOOTHER_TAU_MS, sr, 1.0);
    mm_smoother_init(&l->link, MM_SMOOTHER_TAU_MS, sr, l->link_pct * 0.01);
    update_thresh_target(l, 1);
    int r = mm_peaklimiter_set_samplerate(l, sr);
    if (r != MM_OK)
        mm_peaklimiter_free(l);
    return r;
}

void mm_peaklimiter_free(mm_peaklimiter *l)
{
    for (int c = 0; c < l->nch; c++)
        free_ch(&l->ch[c]);
}

void mm_peaklimiter_reset(mm_peaklimiter *l)
{
    for (int c = 0; c < l->nch; c++) {
        mm_peaklimiter_ch *ch = &l->ch[c];
        mm_delay_reset(&ch->audio);
        mm_delay_reset(&ch->spk);
        memset(ch->hx, 0, sizeof ch->hx);
        memset(ch->oh, 0, sizeof ch->oh);
        ch->on = 0;
        ch->sprev = 0.0f;
        ch->stale = 0;
        ch->lazy_wait = 0;
        memset(ch->bmx, 0, sizeof ch->bmx);
        memset(ch->bmo, 0, sizeof ch->bmo);
        ch->bm_shift = 0;
        ch->nyq[0] = ch->nyq[1] = 0.0f;
        fill_env(l, ch, 1.0);
    }
    l->t = 0;
    l->gmin = 1.0;
}

void mm_peaklimiter_snap(mm_peaklimiter *l)
{
    mm_smoother_snap(&l->ingain, l->ingain.target);
    mm_smoother_snap(&l->thresh, l->thresh.target);
    mm_smoother_snap(&l->link, l->link.target);
}

int mm_peaklimiter_latency(const mm_peaklimiter *l)
{
    return l->delay;
}

double mm_peaklimiter_take_gr(mm_peaklimiter *l)
{
    double g = l->gmin;
    l->gmin = 1.0;
    return g >= 1.0 ? 0.0 : mm_gain_to_db(g);
}

/* The detector's three dot products (points 1/4, 1/2, 3/4) of n
 * weights (rows w, w + stride, w + 2 stride) against the same samples x,
 * n a multiple of LANES. Each runs in LANES partial sums, lane k taking
 * products k, k + LANES, ..., reduced by one fixed tree (sum16): the
 * plain loop and the vector loops do the same operations in the same
 * order (no contraction into fused multiply-adds: C99 mode), so they
 * agree bit for bit; tests/unit/test_peaklimiter.c checks it. */
#define LANES MM_PEAKLIMITER_LANES

static inline float sum16(const float *a)
{
    float t[8], u[4];
    for (int k = 0; k < 8; k++)
        t[k] = a[k] + a[k + 8];
    for (int k = 0; k < 4; k++)
        u[k] = t[k] + t[k + 4];
    return (u[0] + u[2]) + (u[1] + u[3]);
}

static void dot3_plain(const float *w, int stride, const float *x, int n,
                       float *out)
{
    for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++) {
        float acc[LANES] = {0.0f};
        const float *wq = w + q * stride;
        for (int i = 0; i < n; i += LANES)
            for (int k = 0; k < LANES; k++)
                acc[k] += wq[i + k] * x[i + k];
        out[q] = sum16(acc);
    }
}

#if defined(__GNUC__) && !defined(MM_PEAKLIMITER_NO_VECTOR)
#define MM_PEAKLIMITER_VECTOR 1
/* GCC vector extensions: 8 floats (two SSE registers on plain x86-64,
 * one AVX register in the avx2 clone, NEON pairs on arm64); two per
 * point make the 16 lanes, six independent sums in flight. */
typedef float mm_v8sf __attribute__((vector_size(32)));
/* an unaligned load of 8 floats */
typedef float mm_v8sf_u
    __attribute__((vector_size(32), aligned(4), may_alias));
#define v8_load(p) (*(const mm_v8sf_u *)(const void *)(p))

static inline __attribute__((always_inline)) void
dot3_vec_body(const float *w, int stride, const float *x, int n, float *out)
{
    const float *w0 = w, *w1 = w + stride, *w2 = w + 2 * stride;
    mm_v8sf a0 = {0}, b0 = {0}, a1 = {0}, b1 = {0}, a2 = {0}, b2 = {0};
    for (int i = 0; i < n; i += LANES) {
        const mm_v8sf xl = v8_load(x + i), xh = v8_load(x + i + 8);
        a0 += v8_load(w0 + i) * xl;
        b0 += v8_load(w0 + i + 8) * xh;
        a1 += v8_load(w1 + i) * xl;
        b1 += v8_load(w1 + i + 8) * xh;
        a2 += v8_load(w2 + i) * xl;
        b2 += v8_load(w2 + i + 8) * xh;
    }
    float acc[LANES];
    memcpy(acc, &a0, sizeof a0);
    memcpy(acc + 8, &b0, sizeof b0);
    out[0] = sum16(acc);
    memcpy(acc, &a1, sizeof a1);
    memcpy(acc + 8, &b1, sizeof b1);
    out[1] = sum16(acc);
    memcpy(acc, &a2, sizeof a2);
    memcpy(acc + 8, &b2, sizeof b2);
    out[2] = sum16(acc);
}

static void dot3_vec(const float *w, int stride, const float *x, int n,
                     float *out)
{
    dot3_vec_body(w, stride, x, n, out);
}

#if defined(__x86_64__) || defined(__i386__)
#define MM_PEAKLIMITER_AVX2 1
/* the same body for AVX2 CPUs (checked at run time: the externals are
 * built for any x86-64); avx2 without fma, so no contraction */
__attribute__((target("avx2"))) static void
dot3_avx2(const float *w, int stride, const float *x, int n, float *out)
{
    dot3_vec_body(w, stride, x, n, out);
}
#endif
#endif

typedef void (*dot3_fn)(const float *, int, const float *, int, float *);

static dot3_fn pick_dot3(int path)
{
    if (path == MM_PEAKLIMITER_PATH_PLAIN)
        return dot3_plain;
#if MM_PEAKLIMITER_AVX2
    if (__builtin_cpu_supports("avx2"))
        return dot3_avx2;
#endif
#if MM_PEAKLIMITER_VECTOR
    return dot3_vec;
#else
    return dot3_plain;
#endif
}

/* a history value: finite (an overflowed input gain, or 0 x inf), so
 * the zero-weighted padding never meets an inf */
static inline float finite_or_clamped(float v)
{
    if (mm_isfinite_f(v))
        return v;
    return v > 0.0f ? FLT_MAX : v < 0.0f ? -FLT_MAX : 0.0f;
}

/* mm_truepeak_period_peak for a period of four points, without
 * branches on the signal (the same arithmetic; they mispredict on
 * limited noise): the largest |y|, every local maximum lifted to its
 * parabola's vertex. */
static inline float period_peak4(const float *p, float prev, float next)
{
    float best = 0.0f;
    for (int k = 0; k < 4; k++) {
        const float y = p[k], l = k > 0 ? p[k - 1] : prev;
        const float r = k < 3 ? p[k + 1] : next;
        const float a = fabsf(y);
        best = a > best ? a : best;
        const float b = y > 0.0f ? l : -l, c = y > 0.0f ? r : -r;
        const double d = 2.0 * a - b - c, cb = (double)c - b;
        const int ok = (a >= fabsf(l)) & (a >= fabsf(r)) & (a > 1e-15f)
                       & (d > 0.0);
        const float v = (float)(a + cb * cb / (8.0 * (ok ? d : 1.0)));
        best = ok && v > best ? v : best;
    }
    return best;
}

#define LAZY_WAIT 8

/* The three points' dot products for the window ending at xn (newest)
 * and the outputs ending at ow[-1] (o[n - d - 1]). */
static void short_dots(const mm_peaklimiter *l, const float *xn,
                       const float *ow, float *bv, float *av, float *ov)
{
    const dot3_fn dot3 = pick_dot3(l->path);
    /* the ramp's share is 0 past na; the outputs are stored oldest
     * first so every sum runs forwards */
    const float *xs = xn - l->nb + 1;
    dot3(l->sb[0], MM_PEAKLIMITER_SHORT_W, xs, l->nb, bv);
    if (l->na > 0)
        dot3(l->sa[0], MM_PEAKLIMITER_SHORT_W, xs, l->na, av);
    else
        av[0] = av[1] = av[2] = 0.0f;
    dot3(l->so[0], MM_PEAKLIMITER_SHORT_K, ow - l->no, l->no, ov);
}

/* Lazy reading (the fast path). With g = 1 every point is
 *   |y| = |o + gc a + b + c e| <= |sum so o| + |sum (sb + gc sa) x|
 *                                 + |c| E          (0 <= gc <= 1),
 * the inputs' part taken sample by sample (|sb| + |sa|) for the LAZY_CW inputs around the period (hc);
 * the tails on either side summed by parts: with T the tail's partial
 * sums from its far end, sum W x = T x[edge] -+ sum T (x[j] - x[j - 1]),
 * so they weigh the first differences (small for music) and the edge
 * samples (wbl, wbr); the outputs by parts the same way (from the
 * oldest: the newest output weighs wob); the differences bounded by the
 * largest of each block of 16 samples times the weights' absolute sum
 * over the block (lw, lo: one table per alignment of the window on the
 * blocks). mm_truepeak's parabola lifts the period's largest point by at
 * most a quarter, and float rounding of the sums (at most 288 terms) by
 * far less than 1e-4 of the bound; so if
 *   1.25 (1 + 1e-4) max(bound, |x[p]|) <= t,
 * the full reading returns g = 1 exactly and is skipped. */
/* lazy_bound's two parts: *near the inputs around the period sample by
 * sample (sum hc |x|), the return value the rest (the tails' edges and
 * differences, the outputs, the continuation). */
static float lazy_parts(const mm_peaklimiter *l, const mm_peaklimiter_ch *ch,
                        const float *xn, const float *ow, double E,
                        float *near)
{
    const int LN = MM_PEAKLIMITER_LANES;
    const int s0 = (int)(xn - ch->hx) - l->nb + 1;
    const int so = (int)(ow - ch->oh) - l->no;
    const float *lw = l->lw[s0 % LN], *bx = ch->bmx + s0 / LN;
    const float *lo = l->lo[so % LN], *bo = ch->bmo + so / LN;
    float u0 = (float)(l->scmax * E), u1 = 0.0f;
    const int kx = l->nb / LN + 1, ko = l->no / LN + 1;
    int k = 0;
    for (; k + 1 < kx; k += 2) {
        u0 += lw[k] * bx[k];
        u1 += lw[k + 1] * bx[k + 1];
    }
    if (k < kx)
        u0 += lw[k] * bx[k];
    for (k = 0; k + 1 < ko; k += 2) {
        u0 += lo[k] * bo[k];
        u1 += lo[k + 1] * bo[k + 1];
    }
    if (k < ko)
        u0 += lo[k] * bo[k];
    u1 += l->wob * fabsf(ow[-1]);
    const float *xc = xn - l->nb + 1 + l->jc0;
    float c0 = 0.0f, c1 = 0.0f;
    for (k = 0; k + 1 < l->cw; k += 2) {
        c0 += l->hc[k] * fabsf(xc[k]);
        c1 += l->hc[k + 1] * fabsf(xc[k + 1]);
    }
    if (k < l->cw)
        c0 += l->hc[k] * fabsf(xc[k]);
    if (l->jc0 > 0)
        u0 += l->wbl * fabsf(xc[-1]);
    if (l->jc0 + l->cw < l->nb)
        u1 += l->wbr * fabsf(xc[l->cw]);
    *near = c0 + c1;
    return u0 + u1;
}

static float lazy_bound(const mm_peaklimiter *l, const mm_peaklimiter_ch *ch,
                        const float *xn, const float *ow, double E, float xp,
                        float *far, float *near)
{
    *far = lazy_parts(l, ch, xn, ow, E, near);
    float u = *far + *near;
    if (fabsf(xp) > u)
        u = fabsf(xp);
    return u * (1.25f * 1.0001f);
}

/* The medium bound's sums: the LAZY_CW inputs around the period from
 * xc on, weighed by sb (sv) and by sa (av: 0 past the ramp's reach). */
static inline void near_sums(const mm_peaklimiter *l, dot3_fn dot3,
                             const float *xc, float *sv, float *av)
{
    dot3(l->sb[0] + l->jc0, MM_PEAKLIMITER_SHORT_W, xc, l->cw, sv);
    if (l->jc0 < l->na)
        dot3(l->sa[0] + l->jc0, MM_PEAKLIMITER_SHORT_W, xc, l->cw, av);
    else
        av[0] = av[1] = av[2] = 0.0f;
}

/* The medium reading, when the lazy bound fails: the inputs around the
 * period summed with their signs, for each point (sum (sb + gc sa) x
 * over the LAZY_CW samples: two short dot products), the rest bounded
 * as before (far); 1e-5 of sum hc |x| covers the short sums' rounding.
 * Under hard limiting most periods are under the threshold on their
 * own, but the lazy bound's absolute values (about 2.3 |x| around the
 * period) cannot show it. */
static float medium_bound(const mm_peaklimiter *l, const float *xn,
                          double gc, float xp, float far, float near)
{
    float sv[MM_PEAKLIMITER_SHORT_PH], av[MM_PEAKLIMITER_SHORT_PH];
    near_sums(l, pick_dot3(l->path), xn - l->nb + 1 + l->jc0, sv, av);
    float m = 0.0f;
    for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++) {
        const float v = fabsf((float)(sv[q] + gc * av[q]));
        m = v > m ? v : m;
    }
    float u = m + 1e-5f * near + far;
    if (fabsf(xp) > u)
        u = fabsf(xp);
    return u * (1.25f * 1.0001f);
}

/* y(p + 3/4) of a lazy reading (g = 1), at the window it had: xn and ow
 * one sample back, e and the gain in force it saw (as short_gain). */
static void resolve_sprev(const mm_peaklimiter *l, mm_peaklimiter_ch *ch,
                          const float *xn, const float *ow)
{
    float bv[MM_PEAKLIMITER_SHORT_PH], av[MM_PEAKLIMITER_SHORT_PH];
    float ov[MM_PEAKLIMITER_SHORT_PH];
    short_dots(l, xn, ow, bv, av, ov);
    const double g = 1.0;
    const double A2 = ov[2] + ch->gc_prev * av[2];
    const double B2 = bv[2] + l->sc[2] * ch->e_prev;
    ch->sprev = (float)(A2 + g * B2);
    ch->stale = 0;
}

/* Between two process calls (the last reading's window ends at the
 * histories' ends): settle every due sprev, before the weights or the
 * mode change. */
static void resolve_all(mm_peaklimiter *l)
{
    for (int c = 0; c < l->nch; c++) {
        mm_peaklimiter_ch *ch = &l->ch[c];
        if (ch->stale)
            resolve_sprev(l, ch, ch->hx + MM_PEAKLIMITER_SHORT_W - 1,
                          ch->oh + MM_PEAKLIMITER_SHORT_K + ch->on - 1);
    }
}

/* The fs/2 component at the window's end: the alternating mean of the
 * newest min(d + 1, SHORT_NYQ) inputs (xn[0] the newest). */
static inline float nyq_estimate(const float *xn, int d)
{
    const int ne = d + 1 < MM_PEAKLIMITER_SHORT_NYQ ? d + 1
                                                    : MM_PEAKLIMITER_SHORT_NYQ;
    float e = 0.0f;
    if (ne == MM_PEAKLIMITER_SHORT_NYQ) { /* a tree: a short chain */
        float s4[4];
        for (int k = 0; k < 4; k++)
            s4[k] = (xn[-4 * k] - xn[-4 * k - 1])
                    + (xn[-4 * k - 2] - xn[-4 * k - 3]);
        e = (s4[0] + s4[1]) + (s4[2] + s4[3]);
    } else
        for (int k = 0; k < ne; k++)
            e += (k & 1) ? -xn[-k] : xn[-k];
    return e / (float)ne;
}

/* nyq_track for cnt readings from detector time t: E[i] for e[i]. */
static void nyq_track_many(float *nyq, const float *e, float *E, int cnt,
                           uint32_t t)
{
    float n0 = nyq[0], n1 = nyq[1];
    for (int i = 0; i < cnt; i++) {
        if ((t + (uint32_t)i) % MM_PEAKLIMITER_SHORT_NYQBIN == 0) {
            n1 = n0;
            n0 = 0.0f;
        }
        const float a = fabsf(e[i]);
        n0 = a > n0 ? a : n0;
        E[i] = n0 > n1 ? n0 : n1;
    }
    nyq[0] = n0;
    nyq[1] = n1;
}

/* nyq_estimate for the cnt windows ending at xn[0 .. cnt - 1], the
 * same sums in the same order, in loops across the windows. */
static void nyq_estimates(const float *xn, int d, int cnt, float *e)
{
    if (d + 1 < MM_PEAKLIMITER_SHORT_NYQ) {
        for (int i = 0; i < cnt; i++)
            e[i] = nyq_estimate(xn + i, d);
        return;
    }
    /* p[m] = x[m] - x[m - 1], q: s4 = p[m] + p[m - 2], r: s4[0] + s4[1],
     * for m from xn - 14 (index 0) on */
    float p[CHUNK + 15], q[CHUNK + 15], r[CHUNK + 15];
    const float *x = xn - 14;
    const int n = cnt + 14;
    for (int m = 0; m < n; m++)
        p[m] = x[m] - x[m - 1];
    for (int m = 2; m < n; m++)
        q[m] = p[m] + p[m - 2];
    for (int m = 6; m < n; m++)
        r[m] = q[m] + q[m - 4];
    for (int i = 0; i < cnt; i++)
        e[i] = (r[i + 14] + r[i + 6]) / (float)MM_PEAKLIMITER_SHORT_NYQ;
}

/* The unseen continuation's amplitude E at detector time now: the
 * largest |e| of the last 64 to 128 samples (bins on the sample clock,
 * so independent of the block size; nyq[0] this bin, nyq[1] the one
 * before). A near-Nyquist sine's e is its envelope, which keeps turning
 * beyond the window: the continuation is taken as anything between -E
 * and E, the worst for each point. */
static inline double nyq_track(float *nyq, float e, uint32_t now)
{
    if (now % MM_PEAKLIMITER_SHORT_NYQBIN == 0) {
        nyq[1] = nyq[0];
        nyq[0] = 0.0f;
    }
    if (fabsf(e) > nyq[0])
        nyq[0] = fabsf(e);
    return nyq[0] > nyq[1] ? nyq[0] : nyq[1];
}

/* The short path's required gain for detector time n (the newest
 * sample is xn[0], x[n - d] is xn[-d]), given the gain in force gc and
 * the threshold t: the largest g with |A + g B| <= t at the three points
 * (short_design), and |g x[p]| <= t at the sample, then refined by
 * mm_truepeak's parabola through the four points of the period. */
static double short_gain(mm_peaklimiter *l, mm_peaklimiter_ch *ch,
                         const float *xn, double gc, double t, uint32_t now)
{
    const int d = l->delay, f = l->fut;
    /* o[n - d - m] = ow[-m] */
    const float *restrict ow = ch->oh + MM_PEAKLIMITER_SHORT_K + ch->on;
    const float e = nyq_estimate(xn, d);
    const double E = nyq_track(ch->nyq, e, now);
    const float xp = xn[-f], xp1 = xn[-f + 1];
    int skip = 0;
    /* after a bound that failed, the next LAZY_WAIT readings are full
     * without trying (under hard limiting it fails every time) */
    const int check = l->path == MM_PEAKLIMITER_PATH_CHECK;
    if (l->path == MM_PEAKLIMITER_PATH_FAST && ch->lazy_wait > 0)
        ch->lazy_wait--;
    else if (l->path == MM_PEAKLIMITER_PATH_FAST || check) {
        float far, near;
        skip = fabsf(xp) * (1.25f * 1.0001f) <= t
               && lazy_bound(l, ch, xn, ow, E, xp, &far, &near) <= t;
        if (!skip && fabsf(xp) * (1.25f * 1.0001f) <= t) {
            skip = medium_bound(l, xn, gc, xp, far, near) <= t;
            l->medium += skip;
        }
        if (!skip)
            ch->lazy_wait = LAZY_WAIT;
    }
    if (check) { /* decide as the fast path, then read in full */
        l->lazy += skip;
        ch->stale = 0;
    } else if (skip) {
        /* g = 1 whatever the dot products say: what the full reading
         * would leave behind (y(p + 3/4) for the next period's parabola)
         * is computed only if the next reading is a full one */
        ch->stale = 1;
        l->lazy++;
        ch->e_prev = e;
        ch->gc_prev = gc;
        return 1.0;
    }
    if (ch->stale)
        resolve_sprev(l, ch, xn - 1, ow - 1);
    double A[MM_PEAKLIMITER_SHORT_PH], B[MM_PEAKLIMITER_SHORT_PH];
    float bv[MM_PEAKLIMITER_SHORT_PH], av[MM_PEAKLIMITER_SHORT_PH];
    float ov[MM_PEAKLIMITER_SHORT_PH];
    short_dots(l, xn, ow, bv, av, ov);
    int quick = 0;
    if (l->path == MM_PEAKLIMITER_PATH_FAST || check) {
        /* g = 1 seen on the sums themselves: if every point at g = 1,
         * |A + b| + |c| E, and |x[p]| are under t / 1.25 (the parabola's
         * largest lift; 1.0001 for the rounding of the reciprocals and
         * the parabola), the constraints and the parabola leave g = 1:
         * skip them (the chain through the gain in force is the longer
         * part of a full reading). */
        float m = fabsf(xp);
        for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++) {
            A[q] = ov[q] + gc * av[q];
            B[q] = bv[q] + l->sc[q] * e;
            const float yq = (float)(fabs(A[q] + bv[q])
                                     + fabs(l->sc[q]) * E);
            m = yq > m ? yq : m;
        }
        quick = m * (1.25f * 1.0001f) <= t;
        if (quick && check)
            l->quick++;
        else if (quick) {
            const double g1 = 1.0;
            ch->sprev = (float)(A[2] + g1 * B[2]);
            l->quick++;
            return 1.0;
        }
    }
    double g = 1.0;
    for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++) {
        const float b = bv[q], a = av[q], o = ov[q];
        A[q] = o + gc * a;
        B[q] = b + l->sc[q] * e;
        /* |A + g b| + g |c| E <= t: both signs of A + g b */
        const double ce = fabs(l->sc[q]) * E;
        /* the reciprocals do not wait for the gain in force */
        const double dp = b + ce, dm = ce - b;
        const double ip = 1.0 / (dp > 1e-20 ? dp : 1.0);
        const double im = 1.0 / (dm > 1e-20 ? dm : 1.0);
        const double gp = dp > 1e-20 ? (t - A[q]) * ip : g;
        const double gm = dm > 1e-20 ? (t + A[q]) * im : g;
        g = gp < g ? gp : g;
        g = gm < g ? gm : g;
    }
    if (fabsf(xp) * g > t)
        g = t / fabsf(xp);
    if (g < 0.0)
        g = 0.0;
    float y[4] = {(float)(g * xp), (float)(A[0] + g * B[0]),
                  (float)(A[1] + g * B[1]), (float)(A[2] + g * B[2])};
    float p = period_peak4(y, ch->sprev, (float)(g * xp1));
    if (p > t) {
        g *= t / p;
        y[3] = (float)(A[2] + g * B[2]);
    }
    ch->sprev = y[3];
    if (check && (skip || quick) && g != 1.0)
        l->wrong++;
    return g;
}

/* The detector on a chunk of one channel: pk[i] is the peak of the
 * period K samples back, read by the long detector (true peak), or the
 * sample delayed by K (truepeak 0); the short path reads its own in the
 * sample loop (short_gain). With truepeak 0 the histories are still fed,
 * so switching it on finds them current. */
static void detect(const mm_peaklimiter *l, mm_peaklimiter_ch *ch,
                   const float *x, float *pk, int cnt)
{
    const int P = MM_PEAKLIMITER_SHORT_W;
    for (int i = 0; i < cnt; i++)
        ch->hx[P + i] = fabsf(x[i]) < 1e-30f ? 0.0f : finite_or_clamped(x[i]);
    mm_delay_process(&ch->spk, x, pk, cnt); /* kept current either way */
    if (!l->truepeak)
        for (int i = 0; i < cnt; i++)
            pk[i] = fabsf(pk[i]);
}

/* The lazy reading's block maxima for a chunk: hx's up to its first
 * nx samples (whole blocks: past nx they hold older samples, finite,
 * which only loosen the bound), oh's history; oh's blocks past the
 * history start empty and grow as the outputs are written. When the
 * last chunk was whole blocks long (bm_shift), the history's blocks were
 * shifted from the last chunk's (the oldest block then also weighs the
 * step into it, which only loosens the bound): only the new samples'
 * blocks are computed. */
static void block_maxima(mm_peaklimiter_ch *ch, int nx)
{
    const int LN = MM_PEAKLIMITER_LANES;
    const int nbo = (int)(sizeof ch->bmo / sizeof ch->bmo[0]);
    const int hist = ch->bm_shift;
    for (int b = hist ? MM_PEAKLIMITER_SHORT_W / LN : 0; b * LN < nx; b++) {
        float m = 0.0f;
        for (int k = 0; k < LN; k++) {
            const int i = b * LN + k;
            float v = i > 0 ? fabsf(ch->hx[i] - ch->hx[i - 1]) : 0.0f;
            m = v > m ? v : m;
        }
        ch->bmx[b] = m;
    }
    for (int b = hist ? MM_PEAKLIMITER_SHORT_K / LN : 0; b < nbo; b++) {
        float m = 0.0f;
        if (b * LN < MM_PEAKLIMITER_SHORT_K)
            for (int k = 0; k < LN; k++) {
                const int i = b * LN + k;
                float v = i > 0 ? fabsf(ch->oh[i] - ch->oh[i - 1]) : 0.0f;
                m = v > m ? v : m;
            }
        ch->bmo[b] = m;
    }
}

/* After a chunk of cnt samples, the histories moved by cnt: move their
 * block maxima with them if cnt is whole blocks and they are complete
 * (lazy: the outputs' grew as they were written). */
static void shift_maxima(mm_peaklimiter_ch *ch, int cnt, int lazy)
{
    const int LN = MM_PEAKLIMITER_LANES, s = cnt / LN;
    ch->bm_shift = lazy && cnt % LN == 0;
    if (!ch->bm_shift)
        return;
    memmove(ch->bmx, ch->bmx + s,
            (size_t)(MM_PEAKLIMITER_SHORT_W / LN) * sizeof(float));
    memmove(ch->bmo, ch->bmo + s,
            (size_t)(MM_PEAKLIMITER_SHORT_K / LN) * sizeof(float));
}

/* One envelope step: required gain r in, gain out. */
static inline double envelope(mm_peaklimiter *l, mm_peaklimiter_ch *c,
                              double r, uint32_t t)
{
    const int mask = l->dq_mask;
    /* sliding minimum over the last mwin values */
    int tail = c->dq_tail;
    while (tail != c->dq_head && c->dq_v[(tail - 1) & mask] >= r)
        tail--;
    c->dq_t[tail & mask] = t;
    c->dq_v[tail & mask] = r;
    c->dq_tail = tail + 1;
    if ((uint32_t)(t - c->dq_t[c->dq_head & mask]) >= (uint32_t)l->mwin)
        c->dq_head++;
    double h = c->dq_v[c->dq_head & mask];
    /* instant attack, one-pole release, never above h */
    double v = c->rel;
    if (h <= v)
        v = h;
    else {
        v = h + l->relcoef * (v - h);
        if (h - v < 1e-6) /* -0.00001 dB: snap */
            v = h;
    }
    c->rel = v;
    /* two moving averages in exact fixed point */
    int64_t q = v >= 1.0 ? MM_PEAKLIMITER_ONE
                         : (int64_t)(v * MM_PEAKLIMITER_ONE); /* floor */
    c->s1 += q - c->box1[c->b1];
    c->box1[c->b1] = q;
    if (++c->b1 == l->w1)
        c->b1 = 0;
    c->s2 += c->s1 - c->box2[c->b2];
    c->box2[c->b2] = c->s1;
    if (++c->b2 == l->w2)
        c->b2 = 0;
    return c->s2;
}

/* u[i] += sum_k w[k] a[i + k] for i < cnt (a padded to CHUNK + nw - 1;
 * lanes past cnt get garbage, unread): the chunk's near-period bounds,
 * in vectors across the readings when the compiler has them. */
static void fir_abs(float *u, const float *a, const float *w, int nw,
                    int cnt)
{
#if MM_PEAKLIMITER_VECTOR
    /* SSE-sized vectors: 32-byte ones go through memory without AVX */
    typedef float v4 __attribute__((vector_size(16)));
    typedef float v4u __attribute__((vector_size(16), aligned(4), may_alias));
#define V4(p) (*(const v4u *)(const void *)(p))
    (void)cnt;
    for (int v = 0; v < CHUNK; v += 16) {
        v4 a0 = V4(u + v), a1 = V4(u + v + 4), a2 = V4(u + v + 8),
           a3 = V4(u + v + 12);
        for (int k = 0; k < nw; k++) {
            const float *p = a + v + k;
            a0 += w[k] * V4(p);
            a1 += w[k] * V4(p + 4);
            a2 += w[k] * V4(p + 8);
            a3 += w[k] * V4(p + 12);
        }
        memcpy(u + v, &a0, sizeof a0);
        memcpy(u + v + 4, &a1, sizeof a1);
        memcpy(u + v + 8, &a2, sizeof a2);
        memcpy(u + v + 12, &a3, sizeof a3);
    }
#undef V4
#else
    for (int k = 0; k < nw; k++)
        for (int i = 0; i < cnt; i++)
            u[i] += w[k] * a[i + k];
#endif
}

/* A chunk at rest. When every channel's gain is 1 with nothing under 1
 * in its min window (rel == 1 and the averages full), and every reading
 * of the chunk is shown to give g = 1, the chunk is the delayed input
 * and the state moves as cnt lazy readings and envelope steps at g = 1
 * would move it; the per-sample loop is skipped. The readings are shown
 * by lazy_bound taken for all of them at once: the inputs around each
 * period sample by sample (hc and the two edge samples: a short FIR of
 * |x| over the chunk), and the tails' and outputs' differences by
 * blocks, each block's largest taken over every block one of the
 * chunk's windows puts there (the chunk slides a window by at most cnt
 * - 1 samples). A reading that fails it gets the medium bound (the
 * inputs around its period with their signs), the gain in force taken
 * anywhere in [0, 1] unless at rest. The chunk's own outputs are the
 * delayed inputs (g = 1), known before they are sent. Music spends
 * most of its time here: 99% of the bench material's frames at 0 dB
 * (65% without the medium bound), 50% at +12 dB. Returns 1 if it took the
 * chunk (outputs written, state moved), 0 with nothing changed but the
 * scratch tail of oh, which the sample loop writes before it reads. */
static int rest_chunk(mm_peaklimiter *l, float x[][CHUNK], const double *th,
                      int cnt, float *const *out, int done, int64_t full,
                      int check)
{
    const int LN = MM_PEAKLIMITER_LANES, P = MM_PEAKLIMITER_SHORT_W;
    const int K = MM_PEAKLIMITER_SHORT_K;
    const int nb = l->nb, no = l->no, d = l->delay, f = l->fut;
    const int span = (14 + cnt) / LN; /* blocks a position slides over */
    const dot3_fn dot3 = pick_dot3(l->path);
    float nyq[MM_PEAKLIMITER_MAXCH][2], elast[MM_PEAKLIMITER_MAXCH];
    /* the outputs' block maxima with the chunk's (at rest: exact) */
    float bos[MM_PEAKLIMITER_MAXCH]
             [(MM_PEAKLIMITER_SHORT_K + CHUNK) / MM_PEAKLIMITER_LANES + 1];
    int atrest = 1;
    for (int c = 0; c < l->nch; c++) {
        mm_peaklimiter_ch *ch = &l->ch[c];
        /* at rest, the outputs are the delayed inputs; else, with every
         * new reading at g = 1, the gain only rises (the min window's
         * values expire, v <= h climbs towards it, the averages follow),
         * by at most 1 - relcoef a sample (+ the snap and the fixed
         * point), so |o[m] - o[m - 1]| <= |xd[m] - xd[m - 1]|
         * + dg |xd[m - 1]|, and |o[m]| <= |xd[m]| */
        const int still = ch->rel == 1.0 && ch->s2 == full;
        const float dg = still ? 0.0f : (float)(1.0 - l->relcoef) + 1e-5f;
        atrest &= still;
        const float *hx = ch->hx;
        float *oh = ch->oh;
        float u[CHUNK], nr[CHUNK], ax[CHUNK + MM_PEAKLIMITER_LAZY_CW + 2];
        for (int i = 0; i < CHUNK; i++)
            nr[i] = 0.0f;
        /* the chunk's outputs, if it passes: x delayed by d */
        const mm_delay *dl = &ch->audio;
        const float xprev = still ? oh[K - 1]
            : finite_or_clamped(dl->buf[(dl->pos - d - 1) & dl->mask]);
        for (int i = 0; i < cnt; i++) {
            const float xd = i < d ? dl->buf[(dl->pos - d + i) & dl->mask]
                                   : x[c][i - d];
            oh[K + i] = finite_or_clamped(xd);
        }
        /* tails and outputs by blocks, the largest over each slide */
        float tail = 0.0f;
        const int s0 = P - nb + 1, lastx = (P + cnt - 1) / LN;
        const float *lw = l->lw[s0 % LN];
        for (int k = 0; k <= nb / LN; k++) {
            const int b = s0 / LN + k;
            float m = 0.0f;
            for (int j = b; j <= b + span && j <= lastx; j++)
                m = ch->bmx[j] > m ? ch->bmx[j] : m;
            tail += lw[k] * m;
        }
        float *bo = bos[c], dv[CHUNK];
        dv[0] = fabsf(oh[K] - xprev) + dg * fabsf(xprev);
        for (int i = 1; i < cnt; i++)
            dv[i] = fabsf(oh[K + i] - oh[K + i - 1]) + dg * fabsf(oh[K + i - 1]);
        const int lasto = (K + cnt - 1) / LN;
        for (int b = 0; b <= lasto; b++) {
            if (b * LN < K) {
                bo[b] = ch->bmo[b];
                continue;
            }
            float m = 0.0f;
            for (int k = 0; k < LN && b * LN + k < K + cnt; k++) {
                const float v = dv[b * LN + k - K];
                m = v > m ? v : m;
            }
            bo[b] = m;
        }
        const int so0 = K - no;
        const float *lo = l->lo[so0 % LN];
        for (int k = 0; k <= no / LN; k++) {
            const int b = so0 / LN + k;
            float m = 0.0f;
            for (int j = b; j <= b + span && j <= lasto; j++)
                m = bo[j] > m ? bo[j] : m;
            tail += lo[k] * m;
        }
        /* per reading: E, the newest output, then the inputs around the
         * period (edge, hc, edge) */
        float ev[CHUNK], Ev[CHUNK];
        nyq_estimates(hx + P, d, cnt, ev);
        nyq[c][0] = ch->nyq[0];
        nyq[c][1] = ch->nyq[1];
        nyq_track_many(nyq[c], ev, Ev, cnt, l->t);
        elast[c] = ev[cnt - 1];
        const float scmax = l->scmax, wob = l->wob;
        for (int i = 0; i < cnt; i++)
            u[i] = tail + scmax * Ev[i] + wob * fabsf(oh[K + i - 1]);
        const int a0 = s0 + l->jc0 - 1; /* the left edge sample of i = 0 */
        const int na = cnt + l->cw + 2;
        for (int m = 0; m < na; m++) /* a0 >= 0: s0 > LAZY_CW */
            ax[m] = fabsf(hx[a0 + m]);
        for (int m = na; m < CHUNK + MM_PEAKLIMITER_LAZY_CW + 2; m++)
            ax[m] = 0.0f;
        const float wl = l->jc0 > 0 ? l->wbl : 0.0f;
        const float wr = l->jc0 + l->cw < nb ? l->wbr : 0.0f;
        for (int i = 0; i < cnt; i++)
            u[i] += wl * ax[i] + wr * ax[i + l->cw + 1];
        fir_abs(nr, ax + 1, l->hc, l->cw, cnt);
        /* the lazy bound for every reading, then the medium one for
         * those it fails (th to float: the 1e-4 margin covers it) */
        int fails = 0;
        float vx[CHUNK];
        for (int i = 0; i < cnt; i++) {
            const float xp = fabsf(hx[P + i - f]);
            vx[i] = xp;
            float v = u[i] + nr[i];
            v = xp > v ? xp : v;
            fails += v * (1.25f * 1.0001f) > (float)th[i];
        }
        for (int i = 0; fails && i < cnt; i++) {
            const float xp = vx[i];
            float v = u[i] + nr[i];
            v = xp > v ? xp : v;
            if (v * (1.25f * 1.0001f) <= (float)th[i])
                continue;
            /* the medium bound for this reading (medium_bound), the gain
             * in force anywhere in [0, 1] (1 at rest): the sum is linear
             * in it, so the largest of the two ends */
            float sv[MM_PEAKLIMITER_SHORT_PH], av[MM_PEAKLIMITER_SHORT_PH];
            near_sums(l, dot3, hx + s0 + i + l->jc0, sv, av);
            float m = 0.0f;
            for (int q = 0; q < MM_PEAKLIMITER_SHORT_PH; q++) {
                const float one = fabsf(sv[q] + av[q]);
                const float any = fabsf(sv[q]) > one ? fabsf(sv[q]) : one;
                const float w = still ? one : any;
                m = w > m ? w : m;
            }
            v = m + 1e-5f * nr[i] + u[i];
            v = xp > v ? xp : v;
            if (v * (1.25f * 1.0001f) > (float)th[i])
                return 0;
        }
    }
    l->rest += (unsigned long)cnt;
    if (check) /* the sample loop reads in full and checks the claim */
        return atrest ? 1 : 2;
    l->lazy += (unsigned long)cnt * (unsigned long)l->nch;
    /* taken: the readings' state as cnt lazy readings leave it (the
     * gain in force the last one saw: the sample loop sets it) */
    for (int c = 0; c < l->nch; c++) {
        mm_peaklimiter_ch *ch = &l->ch[c];
        ch->nyq[0] = nyq[c][0];
        ch->nyq[1] = nyq[c][1];
        ch->e_prev = elast[c];
        ch->gc_prev = 1.0;
        ch->stale = 1;
        ch->lazy_wait = 0;
    }
    if (!atrest)
        return 2;
    /* and the rest as cnt envelope steps at g = 1 leave it */
    for (int c = 0; c < l->nch; c++) {
        mm_peaklimiter_ch *ch = &l->ch[c];
        mm_delay_process(&ch->audio, x[c], out[c] + done, cnt);
        memcpy(ch->bmo + K / LN, bos[c] + K / LN,
               (size_t)((cnt + LN - 1) / LN) * sizeof(float));
        ch->on = cnt;
        /* the min window holds one entry: the newest 1 */
        const int mask = l->dq_mask;
        ch->dq_t[ch->dq_head & mask] = l->t + (uint32_t)(cnt - 1);
        ch->dq_v[ch->dq_head & mask] = 1.0;
        ch->dq_tail = ch->dq_head + 1;
        ch->b1 = (ch->b1 + cnt) % l->w1;
        ch->b2 = (ch->b2 + cnt) % l->w2;
    }
    l->t += (uint32_t)cnt;
    return 1;
}

void mm_peaklimiter_process(mm_peaklimiter *l, const float *const *in,
                            float *const *out, int n)
{
    const int nch = l->nch;
    float x[MM_PEAKLIMITER_MAXCH][CHUNK];
    float pk[MM_PEAKLIMITER_MAXCH][CHUNK];
    double ig[CHUNK], th[CHUNK], lk[CHUNK];
    const int64_t full = (int64_t)l->w1 * l->w2 * MM_PEAKLIMITER_ONE;
    const double inv = 1.0 / (double)full;
    double gmin = l->gmin;
    for (int done = 0; done < n;) {
        int cnt = n - done < CHUNK ? n - done : CHUNK;
        for (int i = 0; i < cnt; i++) {
            ig[i] = mm_smoother_next(&l->ingain);
            th[i] = mm_smoother_next(&l->thresh);
            lk[i] = mm_smoother_next(&l->link);
        }
        /* read every input of the chunk before writing any output */
        for (int c = 0; c < nch; c++) {
            const float *src = in[c] + done;
            for (int i = 0; i < cnt; i++) {
                float v = src[i];
                if (!mm_isfinite_f(v)) {
                    v = 0.0f;
                    l->nonfinite++;
                }
                x[c][i] = ig[i] == 1.0 ? v : (float)(v * ig[i]);
            }
        }
        for (int c = 0; c < nch; c++)
            detect(l, &l->ch[c], x[c], pk[c], cnt);
        const int shortp = l->truepeak;
        const int P = MM_PEAKLIMITER_SHORT_W;
        const int check = l->path == MM_PEAKLIMITER_PATH_CHECK;
        const int lazy = shortp && (l->path == MM_PEAKLIMITER_PATH_FAST
                                    || check);
        if (lazy)
            for (int c = 0; c < nch; c++)
                block_maxima(&l->ch[c], P + cnt);
        /* 1: the chunk passed at rest; 2: every reading is g = 1, the
         * envelope moves (check: claimed, read in full below) */
        int rest = 0;
        if (lazy)
            rest = rest_chunk(l, x, th, cnt, out, done, full, check);
        if (rest == 1 && !check)
            goto next;
        const int proven = rest == 2 && !check;
        for (int i = 0; i < cnt; i++) {
            double r[MM_PEAKLIMITER_MAXCH], rmin = 1.0;
            const double t = th[i];
            for (int c = 0; c < nch; c++) {
                if (proven) {
                    r[c] = 1.0;
                    if (i == cnt - 1)
                        l->ch[c].gc_prev = l->ch[c].rel;
                } else if (shortp) {
                    mm_peaklimiter_ch *ch = &l->ch[c];
                    r[c] = short_gain(l, ch, ch->hx + P + i, ch->rel, t,
                                      l->t);
                } else {
                    double p = pk[c][i];
                    r[c] = p > t ? t / p : 1.0;
                }
                if (r[c] < rmin)
                    rmin = r[c];
            }
            const uint32_t tt = l->t++;
            for (int c = 0; c < nch; c++) {
                mm_peaklimiter_ch *ch = &l->ch[c];
                double rc = r[c];
                if (rc > rmin)
                    rc += lk[i] * (rmin - rc);
                double s2 = envelope(l, ch, rc, tt);
                float xd = mm_delay_tick(&ch->audio, x[c][i]);
                double g = s2 == (double)full ? 1.0 : s2 * inv;
                if (g < gmin)
                    gmin = g;
                float o = g == 1.0 ? xd : (float)(g * xd);
                if (rest && (r[c] != 1.0 || (rest == 1 && g != 1.0)))
                    l->wrong++;
                out[c][done + i] = o;
                const float oc = finite_or_clamped(o);
                if (lazy) {
                    const int at = MM_PEAKLIMITER_SHORT_K + ch->on;
                    float *bm = &ch->bmo[at / MM_PEAKLIMITER_LANES];
                    const float dv = fabsf(oc - ch->oh[at - 1]);
                    if (dv > *bm)
                        *bm = dv;
                }
                ch->oh[MM_PEAKLIMITER_SHORT_K + ch->on++] = oc;
            }
        }
    next:
        for (int c = 0; c < nch; c++) {
            mm_peaklimiter_ch *ch = &l->ch[c];
            memmove(ch->hx, ch->hx + cnt, (size_t)P * sizeof(float));
            memmove(ch->oh, ch->oh + cnt,
                    MM_PEAKLIMITER_SHORT_K * sizeof(float));
            shift_maxima(ch, cnt, lazy);
            ch->on = 0;
        }
        done += cnt;
    }
    l->gmin = gmin;
}

/* ---- the lifecycle record (mm_core.h) ---- */

MM_CORE_VERBS(peaklimiter)
MM_CORE_SNAP(peaklimiter)
MM_CORE_PROCESS(peaklimiter)
MM_CORE_LATENCY(peaklimiter)

const mm_core mm_peaklimiter_core = {
    MM_CORE_FIELDS(peaklimiter), .maxch = MM_PEAKLIMITER_MAXCH,
    .snap = peaklimiter_core_snap, .process = peaklimiter_core_process,
    .latency = peaklimiter_core_latency,
    .max_latency = peaklimiter_core_max_latency};
