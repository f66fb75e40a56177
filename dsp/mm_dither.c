#include "mm_dither.h"

#define GRID 4096

static const char *const type_words[] = {"none", "rpdf", "tpdf", "hp", NULL};
static const char *const shape_words[] = {"off", "simple", "fweighted",
                                          NULL};

static const mm_paramdef dither_rows[] = {
    {"bits", MM_DITHER_BITS, MM_P_INT, "", 2, 24, 16, 0, 0, NULL,
     "output word length"},
    {"type", MM_DITHER_TYPE, MM_P_CHOICE, "", 0, 3, MM_DITHER_TPDF, 0, 0,
     type_words, "dither: none (rounding), rpdf, tpdf, hp (high-passed tpdf)"},
    {"shape", MM_DITHER_SHAPE, MM_P_CHOICE, "", 0, 2, MM_DITHER_SHAPE_OFF, 0,
     0, shape_words, "noise shaping: off, simple, fweighted"},
    {"seed", MM_DITHER_SEED, MM_P_INT, "", -999999, 999999, 0,
     MM_P_PERINSTANCE, 0, NULL,
     "noise seed (same seed, same noise; by default every instance differs)"},
    {"autoblank", MM_DITHER_AUTOBLANK, MM_P_BOOL, "", 0, 1, 0, 0, 0, NULL,
     "1: no dither after 0.5 s of digital silence"},
};

const mm_paramtable mm_dither_table = MM_PARAMTABLE("dither", dither_rows);

/* Threshold of hearing in dB SPL (Terhardt 1979), f in Hz. */
static double ath_db(double f)
{
    double k = f * 0.001;
    return 3.64 * pow(k, -0.8) - 6.5 * exp(-0.6 * (k - 3.3) * (k - 3.3))
           + 1e-3 * k * k * k * k;
}

static double weight(int shape, double f, double fs)
{
    if (shape == MM_DITHER_SHAPE_SIMPLE) {
        double edge = 15000.0 < 0.45 * fs ? 15000.0 : 0.45 * fs;
        return f <= edge ? 1.0 : 1e-3;
    }
    /* fweighted */
    const double tmin = ath_db(3300.0 * 1.0) < ath_db(3500.0)
                            ? ath_db(3300.0) : ath_db(3500.0);
    double t = ath_db(f < 1000.0 ? 1000.0 : f);
    if (t > tmin + 50.0 || !mm_isfinite_d(t))
        t = tmin + 50.0;
    return pow(10.0, -(t - tmin) / 10.0);
}

int mm_dither_design(int shape, double samplerate, double *a)
{
    int p;
    if (shape == MM_DITHER_SHAPE_SIMPLE)
        p = 2;
    else if (shape == MM_DITHER_SHAPE_FWEIGHTED)
        p = 9;
    else
        return 0;
    double r[MM_DITHER_MAXTAPS + 1] = {0};
    for (int g = 0; g < GRID; g++) {
        double f = (g + 0.5) * 0.5 * samplerate / GRID;
        double w = weight(shape, f, samplerate);
        double ph = 2.0 * MM_PI * f / samplerate;
        for (int k = 0; k <= p; k++)
            r[k] += w * cos(ph * k);
    }
    r[0] *= 1.0 + 1e-9; /* white-noise correction: well conditioned */
    /* Levinson-Durbin: A(z) = 1 + sum a_k z^-k minimising E|A x|^2 */
    double aa[MM_DITHER_MAXTAPS + 1] = {1.0}, tmp[MM_DITHER_MAXTAPS + 1];
    double err = r[0];
    for (int m = 1; m <= p; m++) {
        double acc = r[m];
        for (int k = 1; k < m; k++)
            acc += aa[k] * r[m - k];
        double kref = -acc / err;
        for (int k = 0; k <= m; k++)
            tmp[k] = aa[k];
        for (int k = 1; k < m; k++)
            aa[k] = tmp[k] + kref * tmp[m - k];
        aa[m] = kref;
        err *= 1.0 - kref * kref;
    }
    for (int k = 1; k <= p; k++)
        a[k - 1] = aa[k];
    return p;
}

double mm_dither_ntf_power(const double *a, int p, double f,
                           double samplerate)
{
    double re = 1.0, im = 0.0, w = 2.0 * MM_PI * f / samplerate;
    for (int k = 1; k <= p; k++) {
        re += a[k - 1] * cos(w * k);
        im -= a[k - 1] * sin(w * k);
    }
    return re * re + im * im;
}

static void clear_state(mm_dither *d)
{
    for (int c = 0; c < d->nch; c++) {
        memset(d->ch[c].err, 0, sizeof d->ch[c].err);
        d->ch[c].pos = 0;
    }
}

static void reseed(mm_dither *d)
{
    for (int c = 0; c < d->nch; c++) {
        /* decorrelated streams per channel from one seed */
        mm_random_seed(&d->ch[c].rng,
                       d->seed * 0x100000001b3ull + (uint64_t)c * 0x9e37ull);
    }
}

static void redesign(mm_dither *d)
{
    double a[MM_DITHER_MAXTAPS];
    int p = mm_dither_design(d->shape, d->samplerate, a);
    for (int k = 0; k < p; k++)
        d->h[k] = -a[k];
    d->ntaps = p;
    clear_state(d);
}

int mm_dither_init(mm_dither *d, int nch, double samplerate, uint64_t seed)
{
    if (nch < 1 || nch > MM_DITHER_MAXCH)
        return MM_E_ARG;
    memset(d, 0, sizeof *d);
    d->nch = nch;
    d->samplerate = samplerate > 0.0 ? samplerate : 48000.0;
    d->type = (int)dither_rows[MM_DITHER_TYPE].def;
    d->shape = (int)dither_rows[MM_DITHER_SHAPE].def;
    d->autoblank = dither_rows[MM_DITHER_AUTOBLANK].def != 0.0;
    d->seed = seed;
    mm_dither_set(d, MM_DITHER_BITS, dither_rows[MM_DITHER_BITS].def);
    d->blank_len = (long)(MM_DITHER_BLANK_S * d->samplerate + 0.5);
    reseed(d);
    redesign(d);
    return MM_OK;
}

void mm_dither_free(mm_dither *d)
{
    (void)d;
}

void mm_dither_reset(mm_dither *d)
{
    clear_state(d);
    reseed(d);
    for (int c = 0; c < d->nch; c++)
        d->ch[c].zeros = 0;
    d->blanked = 0;
    d->clips = 0;
}

int mm_dither_set_samplerate(mm_dither *d, double samplerate)
{
    if (!(samplerate > 0.0) || !mm_isfinite_d(samplerate))
        return MM_E_ARG;
    if (samplerate != d->samplerate) {
        d->samplerate = samplerate;
        d->blank_len = (long)(MM_DITHER_BLANK_S * samplerate + 0.5);
        redesign(d);
    }
    return MM_OK;
}

double mm_dither_set(mm_dither *d, mm_dither_param p, double v)
{
    if (!mm_param_take(&mm_dither_table, (int)p, &v))
        return 0.0;
    switch (p) {
    case MM_DITHER_BITS:
        d->bits = (int)v;
        d->scale = ldexp(1.0, d->bits - 1);
        break;
    case MM_DITHER_TYPE:
        d->type = (int)v;
        break;
    case MM_DITHER_SHAPE:
        if ((int)v != d->shape) {
            d->shape = (int)v;
            redesign(d);
        }
        break;
    case MM_DITHER_SEED:
        d->seed = (uint64_t)(int64_t)v;
        reseed(d);
        break;
    case MM_DITHER_AUTOBLANK:
        d->autoblank = v != 0.0;
        if (!d->autoblank)
            d->blanked = 0;
        break;
    default:
        break;
    }
    return v;
}

int mm_dither_latency(const mm_dither *d)
{
    (void)d;
    return 0;
}

unsigned long mm_dither_clips(const mm_dither *d)
{
    return d->clips;
}

static inline double noise(mm_random *r, int type)
{
    switch (type) {
    case MM_DITHER_RPDF: return mm_random_rpdf(r);
    case MM_DITHER_TPDF: return mm_random_tpdf(r);
    case MM_DITHER_HP: return mm_random_hp(r);
    default: return 0.0;
    }
}

void mm_dither_process(mm_dither *d, const float *const *in,
                       float *const *out, int n)
{
    const int nch = d->nch, p = d->ntaps, type = d->type;
    const double scale = d->scale, inv = 1.0 / scale;
    const double qmax = scale - 1.0, qmin = -scale;
    float x[MM_DITHER_MAXCH];
    for (int i = 0; i < n; i++) {
        int any = 0;
        for (int c = 0; c < nch; c++) { /* read the whole frame first */
            float v = in[c][i];
            if (!mm_isfinite_f(v)) {
                v = 0.0f;
                d->nonfinite++;
            }
            x[c] = v;
            if (v != 0.0f)
                any = 1;
        }
        if (d->autoblank) {
            if (any) {
                d->blanked = 0;
                for (int c = 0; c < nch; c++)
                    d->ch[c].zeros = 0;
            } else if (!d->blanked) {
                long z = ++d->ch[0].zeros;
                if (z >= d->blank_len) {
                    d->blanked = 1;
                    clear_state(d);
                }
            }
            if (d->blanked) {
                for (int c = 0; c < nch; c++)
                    out[c][i] = 0.0f;
                continue;
            }
        }
        for (int c = 0; c < nch; c++) {
            mm_dither_ch *ch = &d->ch[c];
            double u = (double)x[c] * scale;
            double fb = 0.0;
            const double *e = ch->err + ch->pos; /* e[0] newest */
            for (int k = 0; k < p; k++)
                fb += d->h[k] * e[k];
            double w = u - fb;
            double q = floor(w + noise(&ch->rng, type) + 0.5);
            if (p > 0) {
                int pos = ch->pos - 1 < 0 ? p - 1 : ch->pos - 1;
                double err = q - w;
                ch->err[pos] = err;
                ch->err[pos + p] = err;
                ch->pos = pos;
            }
            if (q > qmax) {
                q = qmax;
                d->clips++;
            } else if (q < qmin) {
                q = qmin;
                d->clips++;
            }
            out[c][i] = (float)(q * inv);
        }
    }
    for (int c = 0; c < nch; c++)
        for (int k = 0; k < 2 * p; k++)
            d->ch[c].err[k] = mm_flush_d(d->ch[c].err[k]);
}

/* ---- the lifecycle record (mm_core.h) ---- */

/* init takes the seed: dither~ calls mm_dither_init itself */
MM_CORE_VERBS_NOINIT(dither)
MM_CORE_PROCESS(dither)

const mm_core mm_dither_core = {MM_CORE_FIELDS_NOINIT(dither),
                                .maxch = MM_DITHER_MAXCH,
                                .process = dither_core_process};
