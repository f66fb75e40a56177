/* mm_match.c: the reference matching EQ (mm_match.h). */
#include "mm_match.h"
#include <stdlib.h>

static const mm_paramdef match_rows[] = {
    {"amount", MM_MATCH_AMOUNT, MM_P_FLOAT, "%", MM_MATCH_R_AMOUNT, 0, 0,
     NULL, "how much of the correction is applied (dB scaled)"},
    {"smoothing", MM_MATCH_SMOOTHING, MM_P_FLOAT, "octaves",
     MM_MATCH_R_SMOOTHING, 0, 0, NULL,
     "fractional-octave smoothing of both spectra (0 = bin by bin)"},
    {"limit", MM_MATCH_LIMIT, MM_P_FLOAT, "dB", MM_MATCH_R_LIMIT, 0, 0, NULL,
     "the largest boost or cut"},
    {"fmin", MM_MATCH_FMIN, MM_P_FLOAT, "Hz", MM_MATCH_R_FMIN, 0, 0, NULL,
     "below, the correction fades to 0 dB over an octave"},
    {"fmax", MM_MATCH_FMAX, MM_P_FLOAT, "Hz", MM_MATCH_R_FMAX, 0, 0, NULL,
     "above, the correction fades to 0 dB over an octave"},
    {"normalize", MM_MATCH_NORMALIZE, MM_P_BOOL, "", MM_MATCH_R_NORMALIZE, 0,
     0, NULL, "1: compare the spectra at equal level between fmin and fmax "
     "(match the tonal balance, keep the programme's level). 0: match the "
     "level too"},
};

const mm_paramtable mm_match_table = MM_PARAMTABLE("match", match_rows);

static int valid_rate(double sr)
{
    return mm_isfinite_d(sr) && sr > 4000.0 && sr <= 1e7;
}

static int analyser_size(double samplerate)
{
    int n = mm_linphase_size(samplerate, MM_MATCH_FIR);
    return n < MM_SPECTRUM_MAXSIZE ? n : MM_SPECTRUM_MAXSIZE;
}

/* ---- the correction ------------------------------------------------------ */

/* The two views' running sums, one block. */
static void views_free(mm_match *m)
{
    free(m->views);
    m->views = NULL;
    m->design.cum[0] = m->design.cum[1] = NULL;
    m->view.cum[0] = m->view.cum[1] = NULL;
}

static int views_alloc(mm_match *m, int nb)
{
    views_free(m);
    m->views = calloc(4 * ((size_t)nb + 1), sizeof(double));
    if (!m->views)
        return MM_E_NOMEM;
    mm_match_view *v[2] = {&m->design, &m->view};
    for (int i = 0; i < 2; i++) {
        v[i]->cum[0] = m->views + (size_t)(2 * i) * (nb + 1);
        v[i]->cum[1] = v[i]->cum[0] + nb + 1;
        v[i]->nb = nb;
        v[i]->flat = 1;
    }
    return MM_OK;
}

/* Take the learned spectra and the settings now. */
static void view_take(const mm_match *m, mm_match_view *v)
{
    const double *p = m->value;
    const int nb = v->nb;
    double power[2];
    v->per_hz = m->an[0].size / m->an[0].samplerate;
    v->edge = pow(2.0, 0.5 * p[MM_MATCH_SMOOTHING]);
    v->gain = p[MM_MATCH_AMOUNT] / 100.0;
    v->limit = p[MM_MATCH_LIMIT];
    v->fmin = p[MM_MATCH_FMIN];
    v->fmax = p[MM_MATCH_FMAX] > v->fmin ? p[MM_MATCH_FMAX] : v->fmin;
    int k0 = (int)ceil(v->fmin * v->per_hz), k1 = (int)(v->fmax * v->per_hz);
    if (k1 > nb - 1)
        k1 = nb - 1;
    if (k0 > k1)
        k0 = k1;
    v->frames[0] = m->an[0].lt_frames;
    v->frames[1] = m->an[1].lt_frames;
    if (!(v->frames[0] > 0.0 && v->frames[1] > 0.0 && v->gain > 0.0)) {
        v->flat = 1; /* nothing to compare */
        return;
    }
    for (int w = 0; w < 2; w++) {
        double *c = v->cum[w];
        v->frames[w] = mm_spectrum_longterm(&m->an[w], c + 1);
        c[0] = 0.0;
        for (int k = 0; k < nb; k++)
            c[k + 1] += c[k];
        power[w] = c[k1 + 1] - c[k0];
    }
    v->norm = p[MM_MATCH_NORMALIZE] != 0.0 && power[1] > 0.0
              ? power[0] / power[1] : 1.0;
    v->flat = !(v->frames[0] > 0.0 && v->frames[1] > 0.0 && v->gain > 0.0
                && power[0] > 0.0 && power[1] > 0.0 && mm_isfinite_d(v->norm));
}

/* 1 inside fmin..fmax, a raised cosine in log2 f to 0 an octave out */
static double weight(const mm_match_view *v, double f)
{
    double t = f < v->fmin ? log2(v->fmin / f)
             : f > v->fmax ? log2(f / v->fmax) : 0.0;
    return t <= 0.0 ? 1.0 : t >= 1.0 ? 0.0 : 0.5 + 0.5 * cos(MM_PI * t);
}

static double correction_db(const mm_match_view *v, double f)
{
    if (v->flat || !(f > 0.0))
        return 0.0;
    double w = weight(v, f), u = f * v->per_hz;
    if (w <= 0.0 || u >= v->nb - 1)
        return 0.0;
    double R = mm_spectrum_band_mean(v->cum[0], v->nb, u / v->edge,
                                     u * v->edge, u);
    double S = mm_spectrum_band_mean(v->cum[1], v->nb, u / v->edge,
                                     u * v->edge, u);
    if (!(R > 0.0 && S > 0.0))
        return 0.0;
    double db = v->gain * 10.0 * log10(R / (S * v->norm));
    if (!mm_isfinite_d(db))
        return 0.0;
    return w * mm_clamp_d(db, -v->limit, v->limit);
}

/* the FIR design's callbacks (mm_linphase_client) */
static void lp_begin(void *ctx)
{
    mm_match *m = ctx;
    view_take(m, &m->design);
}

static int lp_flat(void *ctx, int k)
{
    (void)k;
    return ((mm_match *)ctx)->design.flat;
}

static void lp_fill(void *ctx, int k, double *mag, int k0, int k1,
                    double hz)
{
    const mm_match_view *v = &((mm_match *)ctx)->design;
    (void)k;
    for (int j = k0; j < k1; j++)
        mag[j] = pow(10.0, correction_db(v, j * hz) / 20.0);
}

/* ---- lifecycle ------------------------------------------------------------ */

static void learning_changed(mm_match *m)
{
    for (int w = 0; w < 2; w++) {
        mm_spectrum_set_longterm(&m->an[w], m->learning[w]);
        /* no analysis while not learning: the ring alone runs */
        mm_spectrum_set(&m->an[w], MM_SPECTRUM_FREEZE, !m->learning[w]);
    }
}

/* Analysers and views for the rate into *m (which holds none). */
static int build(mm_match *m, double samplerate)
{
    const int size = analyser_size(samplerate);
    for (int w = 0; w < 2; w++) {
        int err = mm_spectrum_init(&m->an[w], m->nch, size, samplerate);
        if (err != MM_OK)
            return err;
        mm_spectrum_set_display(&m->an[w], 0);
        mm_spectrum_set(&m->an[w], MM_SPECTRUM_POINTS, 16);
    }
    if (views_alloc(m, size / 2 + 1) != MM_OK)
        return MM_E_NOMEM;
    m->update = (int)(MM_MATCH_UPDATE_MS * 0.001 * samplerate + 0.5);
    m->since = 0;
    return MM_OK;
}

static void release(mm_match *m)
{
    mm_spectrum_free(&m->an[0]);
    mm_spectrum_free(&m->an[1]);
    views_free(m);
}

void mm_match_free(mm_match *m)
{
    release(m);
    mm_linphase_free(&m->lp);
    memset(m, 0, sizeof *m);
}

int mm_match_init(mm_match *m, int nch, double samplerate)
{
    memset(m, 0, sizeof *m);
    if (nch < 1 || nch > MM_MATCH_MAXCH)
        return MM_E_ARG;
    if (!valid_rate(samplerate))
        samplerate = 48000.0;
    m->nch = nch;
    m->samplerate = samplerate;
    mm_param_defaults(&mm_match_table, m->value, MM_MATCH_NPARAMS);
    mm_linphase_client cl = {m, lp_begin, lp_flat, lp_fill, NULL};
    int err = build(m, samplerate);
    if (err == MM_OK)
        err = mm_linphase_init(&m->lp, nch, 1, samplerate, MM_MATCH_FIR,
                               &cl);
    if (err != MM_OK) {
        mm_match_free(m);
        return err;
    }
    learning_changed(m);
    return MM_OK;
}

int mm_match_bins(const mm_match *m)
{
    return m->an[0].size / 2 + 1;
}

double mm_match_bin_hz(const mm_match *m)
{
    return m->an[0].samplerate / m->an[0].size;
}

static double frames_per_second(const mm_match *m)
{
    return m->an[0].samplerate / m->an[0].hop;
}

double mm_match_learned_seconds(const mm_match *m, int which)
{
    if (which < 0 || which > 1)
        return 0.0;
    return m->an[which].lt_frames / frames_per_second(m);
}

double mm_match_get_learned(const mm_match *m, int which, double *mean)
{
    if (which < 0 || which > 1)
        return 0.0;
    return mm_spectrum_longterm(&m->an[which], mean);
}

/* The spectrum hz[]/pw[] interpolated onto the bins of a (worth
 * `seconds`). */
static void resample(mm_spectrum *a, const double *hz, const double *pw,
                     int count, double seconds, double *mean)
{
    const int nb = a->size / 2 + 1;
    const double bin = a->samplerate / a->size;
    int j = 0;
    for (int k = 0; k < nb; k++) {
        double f = k * bin;
        while (j < count - 1 && hz[j + 1] <= f)
            j++;
        if (f < hz[0])
            mean[k] = 0.0;
        else if (j >= count - 1)
            mean[k] = pw[count - 1];
        else {
            double t = (f - hz[j]) / (hz[j + 1] - hz[j]);
            mean[k] = pw[j] + t * (pw[j + 1] - pw[j]);
        }
    }
    mm_spectrum_longterm_set(a, mean, seconds * a->samplerate / a->hop);
}

int mm_match_set_learned(mm_match *m, int which, const double *hz,
                         const double *pw, int count, double seconds)
{
    if (which < 0 || which > 1 || count < 1 || !(seconds >= 0.0)
        || !mm_isfinite_d(seconds))
        return MM_E_ARG;
    for (int i = 0; i < count; i++)
        if (!mm_isfinite_d(hz[i]) || !mm_isfinite_d(pw[i]) || pw[i] < 0.0
            || (i > 0 && !(hz[i] > hz[i - 1])))
            return MM_E_ARG;
    /* the design's snapshot buffer is free between designs; a design
     * running now starts again */
    resample(&m->an[which], hz, pw, count, seconds, m->view.cum[0]);
    mm_linphase_request(&m->lp);
    return MM_OK;
}

int mm_match_set_samplerate(mm_match *m, double samplerate)
{
    if (!valid_rate(samplerate))
        return MM_E_ARG;
    if (samplerate == m->samplerate)
        return MM_OK;
    const int nb = mm_match_bins(m);
    if (analyser_size(samplerate) == m->an[0].size) {
        /* the same sizes: no allocation; the views' buffers carry the
         * learned spectra over to the new bins */
        int err = mm_linphase_set_samplerate(&m->lp, samplerate);
        if (err != MM_OK)
            return err;
        double *hz = m->view.cum[1], *mean = m->view.cum[0];
        double *scratch = m->design.cum[0], bin = mm_match_bin_hz(m);
        for (int k = 0; k < nb; k++)
            hz[k] = k * bin;
        for (int w = 0; w < 2; w++) {
            double seconds = mm_match_learned_seconds(m, w);
            mm_spectrum_longterm(&m->an[w], scratch);
            mm_spectrum_set_samplerate(&m->an[w], samplerate);
            if (seconds > 0.0)
                resample(&m->an[w], hz, scratch, nb, seconds, mean);
        }
        m->update = (int)(MM_MATCH_UPDATE_MS * 0.001 * samplerate + 0.5);
        m->since = 0;
        m->samplerate = samplerate;
        mm_linphase_design_now(&m->lp);
        return MM_OK;
    }
    /* new sizes: carry what is learned over from the old bins' frequencies
     * and means */
    double *hz = malloc(sizeof(double) * (size_t)nb);
    double *pw = malloc(sizeof(double) * 2 * (size_t)nb);
    double seconds[2];
    mm_match fresh;
    int err = hz && pw ? MM_OK : MM_E_NOMEM;
    memset(&fresh, 0, sizeof fresh);
    if (err == MM_OK) {
        for (int k = 0; k < nb; k++)
            hz[k] = k * mm_match_bin_hz(m);
        for (int w = 0; w < 2; w++) {
            mm_spectrum_longterm(&m->an[w], pw + (size_t)w * nb);
            seconds[w] = mm_match_learned_seconds(m, w);
        }
        fresh.nch = m->nch;
        err = build(&fresh, samplerate);
    }
    if (err == MM_OK)
        err = mm_linphase_set_samplerate(&m->lp, samplerate);
    if (err != MM_OK) {
        release(&fresh);
        free(hz);
        free(pw);
        return err;
    }
    release(m);
    for (int w = 0; w < 2; w++) {
        m->an[w] = fresh.an[w];
        if (seconds[w] > 0.0)
            resample(&m->an[w], hz, pw + (size_t)w * nb, nb, seconds[w],
                     fresh.view.cum[0]);
    }
    m->design = fresh.design;
    m->view = fresh.view;
    m->views = fresh.views;
    m->update = fresh.update;
    m->since = 0;
    m->samplerate = samplerate;
    free(hz);
    free(pw);
    learning_changed(m);
    mm_linphase_design_now(&m->lp); /* the spectra moved to new bins */
    return MM_OK;
}

void mm_match_reset(mm_match *m)
{
    mm_linphase_reset(&m->lp);
    mm_spectrum_reset(&m->an[0]);
    mm_spectrum_reset(&m->an[1]);
    m->since = 0;
}

void mm_match_snap(mm_match *m)
{
    if (mm_linphase_busy(&m->lp))
        mm_linphase_design_now(&m->lp);
}

double mm_match_set(mm_match *m, mm_match_param id, double v)
{
    if (!mm_param_take(&mm_match_table, (int)id, &v))
        return 0.0;
    if (m->value[id] != v) {
        m->value[id] = v;
        mm_linphase_request(&m->lp);
    }
    return v;
}

double mm_match_get(const mm_match *m, mm_match_param id)
{
    return (int)id >= 0 && id < MM_MATCH_NPARAMS ? m->value[id] : 0.0;
}

void mm_match_learn(mm_match *m, int which, int on)
{
    if (which < 0 || which > 1)
        return;
    m->learning[which] = on != 0;
    learning_changed(m);
    if (!on) /* the last frames count */
        mm_linphase_request(&m->lp);
}

int mm_match_learning(const mm_match *m, int which)
{
    return which >= 0 && which <= 1 && m->learning[which];
}

void mm_match_clear(mm_match *m, int which)
{
    for (int w = 0; w < 2; w++)
        if (which < 0 || which == w) {
            mm_spectrum_longterm_clear(&m->an[w]);
            m->asked[w] = 0.0;
        }
    mm_linphase_request(&m->lp);
}

/* ---- processing ----------------------------------------------------------- */

void mm_match_process(mm_match *m, const float *const *in,
                      const float *const *ref, float *const *out, int n)
{
    int done = 0;
    while (done < n) {
        /* up to the next learning update or design step, so that a
         * design's snapshot sees the same analyses for any block cut */
        int k = m->update - m->since < n - done ? m->update - m->since
                                                : n - done;
        if (m->lp.until < k)
            k = m->lp.until;
        const float *ip[MM_MATCH_MAXCH], *rp[MM_MATCH_MAXCH];
        float *op[MM_MATCH_MAXCH];
        for (int c = 0; c < m->nch; c++) {
            ip[c] = in[c] + done;
            op[c] = out[c] + done;
            if (ref)
                rp[c] = ref[c] + done;
        }
        /* both analysers read before the filter writes (shared buffers) */
        if (ref)
            mm_spectrum_process(&m->an[MM_MATCH_REFERENCE], rp, k);
        mm_spectrum_process(&m->an[MM_MATCH_SOURCE], ip, k);
        mm_linphase_process(&m->lp, ip, op, k);
        done += k;
        m->since += k;
        if (m->since >= m->update) {
            m->since = 0;
            /* while learning: a new correction when something was
             * learned since the last one was asked for */
            int changed = 0;
            for (int w = 0; w < 2; w++)
                if (m->an[w].lt_frames != m->asked[w]) {
                    m->asked[w] = m->an[w].lt_frames;
                    changed = 1;
                }
            if (changed)
                mm_linphase_request(&m->lp);
        }
    }
}

int mm_match_latency(const mm_match *m)
{
    return mm_linphase_latency(&m->lp);
}

int mm_match_max_latency(const mm_match *m)
{
    return mm_linphase_latency(&m->lp);
}

void mm_match_curve(mm_match *m, float *db, int n, double lo, double hi)
{
    view_take(m, &m->view);
    for (int i = 0; i < n; i++) {
        double f = n > 1 ? lo * pow(hi / lo, (double)i / (n - 1)) : lo;
        db[i] = f < 0.5 * m->samplerate ? (float)correction_db(&m->view, f)
                                        : 0.0f;
    }
}

/* ---- the lifecycle record (mm_core.h) ---- */

MM_CORE_VERBS(match)
MM_CORE_SNAP(match)
MM_CORE_LATENCY(match)

/* the record's process has no reference (the wrapper passes its own) */
static void match_core_process(void *st, const float *const *in,
                               float *const *out, const float *key, int n)
{
    (void)key;
    mm_match_process((mm_match *)st, in, NULL, out, n);
}

const mm_core mm_match_core = {MM_CORE_FIELDS(match),
                               .maxch = MM_MATCH_MAXCH,
                               .snap = match_core_snap,
                               .process = match_core_process,
                               .latency = match_core_latency,
                               .max_latency = match_core_max_latency};
