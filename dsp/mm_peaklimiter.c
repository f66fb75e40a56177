#include "mm_peaklimiter.h"
#include "mm_kaiser.h"
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
    mm_truepeak_free(&c->tp);
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

/* Lookahead split: D = K + (W1 + W2 - 2) + H. */
static void configure(mm_peaklimiter *l)
{
    int d = (int)floor(l->lookahead_ms * 0.001 * l->samplerate + 0.5);
    if (d < 1)
        d = 1;
    if (d > l->maxdelay)
        d = l->maxdelay;
    /* the long detector when the lookahead holds it with a 16-sample
     * attack, else the short one */
    int det = d >= l->kdet[0] + MM_PEAKLIMITER_HOLD + 16 ? 0 : 1;
    if (det != l->det) {
        l->det = det;
        for (int c = 0; c < l->nch; c++) {
            mm_truepeak_reset(&l->ch[c].tp);
            l->ch[c].prev3 = 0.0f;
        }
    }
    int k = l->kdet[det];
    update_thresh_target(l, 0);
    for (int c = 0; c < l->nch; c++)
        mm_delay_set(&l->ch[c].spk, k);
    int hold = MM_PEAKLIMITER_HOLD;
    if (d - k - hold < 2)
        hold = d - k - 2;
    if (hold < 0)
        hold = 0;
    int a = d - k - hold; /* attack, W1 + W2 - 2 */
    if (a < 0) {          /* cannot happen with the detector chosen */
        a = 0;
        d = k + hold;
    }
    double g[MM_PEAKLIMITER_MAXCH];
    for (int c = 0; c < l->nch; c++)
        g[c] = l->w1 > 0 ? current_gain(l, &l->ch[c]) : 1.0;
    l->delay = d;
    l->hold = hold;
    l->w1 = (a + 2) / 2;
    l->w2 = a + 2 - l->w1;
    l->mwin = l->w1 + l->w2 - 1 + 2 * hold;
    for (int c = 0; c < l->nch; c++) {
        mm_delay_set(&l->ch[c].audio, d);
        fill_env(l, &l->ch[c], g[c]);
    }
}

static void update_thresh_target(mm_peaklimiter *l, int snap)
{
    double mdb = l->det ? MM_PEAKLIMITER_MARGIN_SHORT_DB
                        : MM_PEAKLIMITER_MARGIN_DB;
    double m = l->truepeak ? pow(10.0, -mdb / 20.0) : 1.0 - 1e-6;
    double t = mm_db_to_gain(l->ceiling_db) * m;
    if (snap)
        mm_smoother_snap(&l->thresh, t);
    else
        mm_smoother_set(&l->thresh, t);
}

/* Taps of the short detector (mm_truepeak), used when the lookahead cannot
 * hold the long one (MM_PEAKLIMITER_TAPS taps in pair form, long_peaks):
 * round(1 ms * fs), even, 8 .. MM_PEAKLIMITER_TAPS, so the shortest
 * lookahead still holds it. */
static int short_taps(double sr)
{
    int dmin = (int)floor(MM_PEAKLIMITER_LOOKAHEAD_MIN * 0.001 * sr + 0.5);
    int s = dmin & ~1;
    return s < 8 ? 8 : (s > MM_PEAKLIMITER_TAPS ? MM_PEAKLIMITER_TAPS : s);
}

/* Half-sample interpolator of half-length K: y(m + 1/2) =
 * sum_{k<K} c_k (x[m - k] + x[m + 1 + k]), c_k = sinc(k + 1/2) w(k + 1/2),
 * w a Kaiser window (beta MM_PEAKLIMITER_HALF_BETA, 0 = rectangular),
 * normalised to unity gain at DC. */
static void half_design(float *c, int K)
{
    double h[MM_PEAKLIMITER_HALF_MAX], sum = 0.0;
    const double b = MM_PEAKLIMITER_HALF_BETA;
    for (int k = 0; k < K; k++) {
        h[k] = mm_kaiser_sinc(k + 0.5, K, b);
        sum += 2.0 * h[k];
    }
    for (int k = 0; k < MM_PEAKLIMITER_HALF_MAX; k++)
        c[k] = k < K ? (float)(h[k] / sum) : 0.0f;
}

/* The long 3x detector's phases 1/3 and 2/3 in pair form. They are
 * mirror images (h(2/3 - d) = h(1/3 - (1 - d))), so with a_d = x[m+d],
 * b_d = x[m+1-d] (d = 1..K), p_d = h(1/3 - d), q_d = h(1/3 - (1 - d)):
 *   y(m+1/3) = sum p a + q b,  y(m+2/3) = sum q a + p b,
 * i.e. S +- D with S = sum (p+q)/2 (a+b), D = sum (p-q)/2 (a-b): half the
 * multiplies of two separate phases, and a + b is shared with the
 * half-sample point. h is the oversampler's prototype (mm_kaiser_sinc,
 * beta MM_PEAKLIMITER_BETA), each phase normalised to unity DC gain. */
static void pair_design(float *cs, float *cd, int K, double beta)
{
    double p[MM_PEAKLIMITER_HALF_MAX], q[MM_PEAKLIMITER_HALF_MAX], sum = 0.0;
    for (int d = 1; d <= K; d++) {
        double t[2] = {1.0 / 3.0 - d, 1.0 / 3.0 - (1 - d)};
        double v[2];
        for (int j = 0; j < 2; j++)
            v[j] = mm_kaiser_sinc(t[j], K, beta);
        p[d - 1] = v[0];
        q[d - 1] = v[1];
        sum += v[0] + v[1];
    }
    for (int k = 0; k < K; k++) {
        cs[k] = (float)(0.5 * (p[k] + q[k]) / sum);
        cd[k] = (float)(0.5 * (p[k] - q[k]) / sum);
    }
}

int mm_peaklimiter_set_samplerate(mm_peaklimiter *l, double sr)
{
    if (!(sr > 0.0) || !mm_isfinite_d(sr))
        return MM_E_ARG;
    const int taps = short_taps(sr);
    int maxdelay = (int)ceil(MM_PEAKLIMITER_LOOKAHEAD_MAX * 0.001 * sr) + 1;
    int cap = 1;
    while (cap < maxdelay + 2)
        cap <<= 1;
    for (int c = 0; c < l->nch; c++) {
        mm_peaklimiter_ch *ch = &l->ch[c];
        if (mm_truepeak_init_custom(&ch->tp, sr, MM_PEAKLIMITER_FACTOR, taps,
                                    MM_PEAKLIMITER_BETA) != MM_OK)
            return MM_E_NOMEM;
        if (mm_delay_init(&ch->audio, maxdelay) != MM_OK
            || mm_delay_init(&ch->spk, MM_PEAKLIMITER_HALF_MAX) != MM_OK)
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
    l->kdet[0] = MM_PEAKLIMITER_HALF_MAX;
    l->kdet[1] = mm_truepeak_latency(&l->ch[0].tp);
    half_design(l->hc[0], l->kdet[0]);
    half_design(l->hc[1], l->kdet[1]);
    pair_design(l->cs, l->cd, l->kdet[0], MM_PEAKLIMITER_BETA);
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
        mm_truepeak_reset(&ch->tp);
        mm_delay_reset(&ch->audio);
        mm_delay_reset(&ch->spk);
        memset(ch->hx, 0, sizeof ch->hx);
        ch->prev3 = 0.0f;
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

/* Half-sample interpolation of a chunk, max'ed into pk: the reading at
 * m + 1/2 lands where the detector reports period [m, m + 1), K samples
 * later. hx holds HALF_MAX*2-1 past samples, then the chunk. */
static void half_peaks(const float *restrict hx, const float *restrict c,
                       int K, float *restrict pk, int cnt)
{
    const int P = 2 * MM_PEAKLIMITER_HALF_MAX - 1;
    for (int g = 0; g < cnt; g += 8) {
        /* newest sample of output g + l is hx[P + g + l]; x[m] is
         * hx[P + g + l - K], x[m + 1] the one after */
        const float *lo = hx + P + g - K, *hi = hx + P + g - K + 1;
        float a[8] = {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
        for (int k = 0; k < K; k++) {
            const float ck = c[k];
            for (int l = 0; l < 8; l++)
                a[l] += ck * (lo[l - k] + hi[l + k]);
        }
        int m = cnt - g < 8 ? cnt - g : 8;
        for (int l = 0; l < m; l++) {
            float v = fabsf(a[l]);
            if (v > pk[g + l])
                pk[g + l] = v;
        }
    }
}

/* The long detector on a chunk: 3x points with parabolas (mm_truepeak's
 * rule) and the half-sample point, all from one pass over the pairs
 * (x[m+d], x[m+1-d]); pk[i] is the peak of the period K samples back. */
static void long_peaks(const mm_peaklimiter *l, mm_peaklimiter_ch *ch,
                       float *restrict pk, int cnt)
{
    const int P = 2 * MM_PEAKLIMITER_HALF_MAX - 1, K = l->kdet[0];
    const float *restrict hx = ch->hx;
    const float *restrict cs = l->cs, *restrict cd = l->cd;
    const float *restrict ch_ = l->hc[0];
    float prev = ch->prev3;
    for (int g = 0; g < cnt; g += 8) {
        /* x[m] of output g + l is hx[P + g + l - K] */
        const float *xm = hx + P + g - K;
        float S[8], D[8], H[8];
        for (int l8 = 0; l8 < 8; l8++)
            S[l8] = D[l8] = H[l8] = 0.0f;
        for (int d = 1; d <= K; d++) {
            const float s = cs[d - 1], t = cd[d - 1], h = ch_[d - 1];
            for (int l8 = 0; l8 < 8; l8++) {
                const float a = xm[l8 + d], b = xm[l8 + 1 - d];
                const float u = a + b, v = a - b;
                S[l8] += s * u;
                D[l8] += t * v;
                H[l8] += h * u;
            }
        }
        int m = cnt - g < 8 ? cnt - g : 8;
        for (int l8 = 0; l8 < m; l8++) {
            float y[3] = {xm[l8], S[l8] + D[l8], S[l8] - D[l8]};
            float p = mm_truepeak_period_peak(y, 3, prev, xm[l8 + 1]);
            float hv = fabsf(H[l8]);
            pk[g + l8] = hv > p ? hv : p;
            prev = y[2];
        }
    }
    ch->prev3 = prev;
}

/* The detector on a chunk of one channel: pk[i] is the peak of the
 * period K samples back, read by the detector in use (true peak), or the
 * sample delayed by K (truepeak 0). With truepeak 0 the histories (hx,
 * the short detector) are still fed, so switching it on finds them
 * current. */
static void detect(const mm_peaklimiter *l, mm_peaklimiter_ch *ch,
                   const float *x, float *pk, int cnt)
{
    const int P = 2 * MM_PEAKLIMITER_HALF_MAX - 1;
    for (int i = 0; i < cnt; i++)
        ch->hx[P + i] = fabsf(x[i]) < 1e-30f ? 0.0f : x[i];
    if (l->det == 0) {
        if (l->truepeak)
            long_peaks(l, ch, pk, cnt);
    } else {
        mm_truepeak_process(&ch->tp, x, pk, cnt);
        if (l->truepeak)
            half_peaks(ch->hx, l->hc[1], l->kdet[1], pk, cnt);
    }
    memmove(ch->hx, ch->hx + cnt, (size_t)P * sizeof(float));
    if (!l->truepeak)
        for (int i = 0; i < cnt; i++)
            pk[i] = fabsf(mm_delay_tick(&ch->spk, x[i]));
    else
        for (int i = 0; i < cnt; i++)
            (void)mm_delay_tick(&ch->spk, x[i]);
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
        for (int i = 0; i < cnt; i++) {
            double r[MM_PEAKLIMITER_MAXCH], rmin = 1.0;
            const double t = th[i];
            for (int c = 0; c < nch; c++) {
                double p = pk[c][i];
                r[c] = p > t ? t / p : 1.0;
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
                out[c][done + i] = g == 1.0 ? xd : (float)(g * xd);
            }
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
