#include "mm_multiband.h"
#include "mm_ms.h"

static const char *const mode_words[] = {"stereo", "ms", NULL};

/* Linear phase: the FIR engine (a kernel per band) and the splits of
 * the design it is making (taken when the design starts). */
struct mm_multiband_linear {
    mm_linphase lp; /* first: mm_linphase_attach */
    double hz[MM_CROSSOVER_MAXSPLITS];
    int splits;
};

static const mm_paramdef multiband_rows[] = {
    {"bands", MM_MULTIBAND_BANDS, MM_P_INT, "", 2, MM_MULTIBAND_MAXBANDS, 4,
     MM_P_CREATION, 0, NULL, "number of bands (creation only)"},
    {"link", MM_MULTIBAND_LINK, MM_P_FLOAT, "%", MM_COMP_R_LINK, 0, 0, NULL,
     "stereo link of the band compressors (stereo mode)"},
    {"mode", MM_MULTIBAND_MODE, MM_P_CHOICE, "", 0, 1, 0, 0, 0, mode_words,
     "stereo: per channel; ms: compress mid and side (-ch 2)"},
    {"phase", MM_MULTIBAND_PHASE, MM_P_CHOICE, "", 0, 1, 0, MM_P_CREATION, 0,
     mm_linphase_phase_words, "minimum: LR4 crossovers, no latency. "
     "linear: the same band magnitudes as linear-phase FIRs that sum to a "
     "pure delay, latency reported (creation only)"},
};

const mm_paramtable mm_multiband_table =
    MM_PARAMTABLE("multiband", multiband_rows);

static void gates(mm_multiband *m)
{
    int any = 0;
    for (int b = 0; b < m->bands; b++)
        any |= m->solo[b];
    for (int b = 0; b < m->bands; b++) {
        int on = any ? m->solo[b] : !m->mute[b];
        mm_smoother_set(&m->gate[b], on ? 1.0 : 0.0);
    }
}

static void apply_link(mm_multiband *m)
{
    for (int b = 0; b < m->bands; b++)
        mm_comp_set(&m->comp[b], MM_COMP_LINK, m->ms ? 0.0 : m->link);
}

int mm_multiband_init(mm_multiband *m, int nch, int bands, double samplerate)
{
    if (nch < 1 || nch > MM_MULTIBAND_MAXCH || bands < 2
        || bands > MM_MULTIBAND_MAXBANDS || !(samplerate > 0.0))
        return MM_E_ARG;
    memset(m, 0, sizeof *m);
    m->nch = nch;
    m->bands = bands;
    m->samplerate = samplerate;
    int r = mm_crossover_init(&m->xo, bands, nch, samplerate);
    if (r != MM_OK)
        return r;
    for (int b = 0; b < bands; b++) {
        if ((r = mm_comp_init(&m->comp[b], nch, samplerate)) != MM_OK)
            return r;
        mm_comp_set(&m->comp[b], MM_COMP_RATIO,
                    mm_multiband_band_def(MM_COMP_RATIO).def);
        mm_smoother_init(&m->gate[b], MM_SMOOTHER_TAU_MS, samplerate, 1.0);
    }
    m->link = multiband_rows[MM_MULTIBAND_LINK].def;
    m->fade = 1.0;
    m->fade_step = 1.0 / (MM_MULTIBAND_FADE_MS * 0.001 * samplerate);
    apply_link(m);
    return MM_OK;
}

void mm_multiband_free(mm_multiband *m)
{
    for (int b = 0; b < m->bands; b++)
        mm_comp_free(&m->comp[b]);
    mm_crossover_free(&m->xo);
    mm_linphase_detach(m->lin);
    m->lin = NULL;
}

/* ---- linear phase (mm_linphase's client) ---------------------------- */

/* |band b| of the LR4 tree at f (mm_multiband.h) */
static double band_mag(const double *hz, int splits, int b, double f,
                       double fs)
{
    double t = tan(MM_PI * (f < 0.4999 * fs ? f : 0.4999 * fs) / fs);
    double g = 1.0;
    for (int s = 0; s < splits && s <= b; s++) {
        double w = t / tan(MM_PI * hz[s] / fs), w4 = w * w * w * w;
        double lo = 1.0 / (1.0 + w4);
        g *= s == b ? lo : 1.0 - lo;
    }
    return g;
}

static void lin_begin(void *ctx)
{
    mm_multiband *m = ctx;
    m->lin->splits = m->bands - 1;
    for (int s = 0; s < m->bands - 1; s++)
        m->lin->hz[s] = mm_crossover_get_hz(&m->xo, s);
}

static void lin_fill(void *ctx, int k, double *mag, int k0, int k1,
                     double hz)
{
    const mm_multiband *m = ctx;
    for (int j = k0; j < k1; j++)
        mag[j] = band_mag(m->lin->hz, m->lin->splits, k, j * hz,
                          m->samplerate);
}

int mm_multiband_init_phase(mm_multiband *m, int nch, int bands, int linear,
                            double samplerate)
{
    int r = mm_multiband_init(m, nch, bands, samplerate);
    if (r != MM_OK || !linear)
        return r;
    mm_linphase_client cl = {m, lin_begin, NULL, lin_fill, NULL};
    m->lin = mm_linphase_attach(sizeof *m->lin, nch, bands, samplerate,
                                MM_MULTIBAND_FIR, &cl, &r);
    if (!m->lin)
        mm_multiband_free(m);
    else
        mm_linphase_design_now(&m->lin->lp);
    return r;
}

int mm_multiband_latency(const mm_multiband *m)
{
    return m->lin ? mm_linphase_latency(&m->lin->lp) : 0;
}

int mm_multiband_max_latency(const mm_multiband *m)
{
    return mm_multiband_latency(m);
}

void mm_multiband_reset(mm_multiband *m)
{
    mm_crossover_reset(&m->xo);
    if (m->lin)
        mm_linphase_reset(&m->lin->lp);
    for (int b = 0; b < m->bands; b++)
        mm_comp_reset(&m->comp[b]);
}

int mm_multiband_set_samplerate(mm_multiband *m, double samplerate)
{
    if (!(samplerate > 0.0))
        return MM_E_ARG;
    m->samplerate = samplerate;
    mm_crossover_set_samplerate(&m->xo, samplerate);
    for (int b = 0; b < m->bands; b++) {
        mm_comp_set_samplerate(&m->comp[b], samplerate);
        mm_smoother_set_samplerate(&m->gate[b], samplerate);
    }
    m->fade_step = 1.0 / (MM_MULTIBAND_FADE_MS * 0.001 * samplerate);
    if (m->lin) /* new sizes and a design at once */
        return mm_linphase_set_samplerate(&m->lin->lp, samplerate);
    return MM_OK;
}

void mm_multiband_snap(mm_multiband *m)
{
    for (int b = 0; b < m->bands; b++) {
        mm_comp_snap(&m->comp[b]);
        mm_smoother_snap(&m->gate[b], m->gate[b].target);
    }
    for (int s = 0; s < m->bands - 1; s++)
        mm_crossover_set_hz(&m->xo, s, mm_crossover_get_hz(&m->xo, s), 1);
    if (m->ms != m->ms_target) {
        m->ms = m->ms_target;
        apply_link(m);
    }
    m->fade = 1.0;
    if (m->lin && mm_linphase_busy(&m->lin->lp))
        mm_linphase_design_now(&m->lin->lp);
}

void mm_multiband_xover_range(const mm_multiband *m, double *lo_hz,
                              double *hi_hz)
{
    double top = MM_CROSSOVER_MAXFRAC * m->samplerate;
    *lo_hz = MM_MULTIBAND_XOVER_MIN_HZ;
    *hi_hz = top < MM_MULTIBAND_XOVER_MAX_HZ ? top : MM_MULTIBAND_XOVER_MAX_HZ;
}

void mm_multiband_set_xover(mm_multiband *m, int n, const double *hz,
                            int snap)
{
    double lo, hi;
    mm_multiband_xover_range(m, &lo, &hi);
    if (n > m->bands - 1)
        n = m->bands - 1;
    for (int s = 0; s < n; s++)
        mm_crossover_set_hz(&m->xo, s, mm_clamp_d(hz[s], lo, hi), snap);
    mm_crossover_sort(&m->xo);
    if (snap)
        for (int s = 0; s < m->bands - 1; s++)
            mm_crossover_set_hz(&m->xo, s, mm_crossover_get_hz(&m->xo, s), 1);
    if (m->lin)
        mm_linphase_request(&m->lin->lp);
}

double mm_multiband_get_xover(const mm_multiband *m, int split)
{
    return mm_crossover_get_hz(&m->xo, split);
}

mm_paramdef mm_multiband_band_def(mm_comp_param p)
{
    if ((int)p < 0 || p >= MM_COMP_NPERCH)
        p = MM_COMP_THRESHOLD;
    mm_paramdef d = mm_comp_table.defs[p];
    if (p == MM_COMP_RATIO) {
        d.max = MM_MULTIBAND_RATIO_MAX;
        d.def = 1.0;
    }
    return d;
}

double mm_multiband_set_band(mm_multiband *m, int b, int half,
                             mm_comp_param p, double v)
{
    if ((int)p < 0 || p >= MM_COMP_NPERCH)
        return 0.0;
    mm_paramdef d = mm_multiband_band_def(p);
    v = mm_param_apply(&d, v);
    double r = v;
    for (int k = 0; k < m->bands; k++)
        if (b < 0 || b == k)
            r = mm_comp_set_ch(&m->comp[k], half, p, v);
    return r;
}

double mm_multiband_get_band(const mm_multiband *m, int b, int half,
                             mm_comp_param p)
{
    if (b < 0 || b >= m->bands)
        return 0.0;
    return mm_comp_get(&m->comp[b], half < 0 ? 0 : half, p);
}

void mm_multiband_set_solo(mm_multiband *m, int b, int on)
{
    for (int k = 0; k < m->bands; k++)
        if (b < 0 || b == k)
            m->solo[k] = on != 0;
    gates(m);
}

void mm_multiband_set_mute(mm_multiband *m, int b, int on)
{
    for (int k = 0; k < m->bands; k++)
        if (b < 0 || b == k)
            m->mute[k] = on != 0;
    gates(m);
}

int mm_multiband_get_solo(const mm_multiband *m, int b)
{
    return b >= 0 && b < m->bands ? m->solo[b] : 0;
}

int mm_multiband_get_mute(const mm_multiband *m, int b)
{
    return b >= 0 && b < m->bands ? m->mute[b] : 0;
}

double mm_multiband_set(mm_multiband *m, int id, double v)
{
    if (!mm_param_take(&mm_multiband_table, (int)id, &v))
        return 0.0;
    switch ((mm_multiband_param)id) {
    case MM_MULTIBAND_LINK:
        m->link = v;
        apply_link(m);
        return v;
    case MM_MULTIBAND_MODE:
        m->ms_target = v != 0.0 && m->nch == 2;
        return m->ms_target;
    case MM_MULTIBAND_PHASE:
        return m->lin != NULL;
    default:
        return m->bands;
    }
}

static void process_chunk(mm_multiband *m, const float *const *in,
                          float *const *out, float *const *xsum, int n)
{
    const int nch = m->nch, nb = m->bands;
    float enc[2][MM_MULTIBAND_CHUNK];
    const float *xin[MM_MULTIBAND_MAXCH];
    for (int c = 0; c < nch; c++)
        xin[c] = in[c];
    if (m->ms) {
        mm_ms_encode(in[0], in[1], enc[0], enc[1], n);
        xin[0] = enc[0];
        xin[1] = enc[1];
    }
    float *bp[MM_MULTIBAND_MAXBANDS][MM_MULTIBAND_MAXCH];
    float *cp[MM_MULTIBAND_MAXBANDS][MM_MULTIBAND_MAXCH];
    float *const *bo[MM_MULTIBAND_MAXBANDS];
    for (int b = 0; b < nb; b++) {
        for (int c = 0; c < nch; c++) {
            bp[b][c] = m->band[b][c];
            cp[b][c] = m->cbuf[b][c];
        }
        bo[b] = bp[b];
    }
    if (m->lin) { /* the band FIRs: out[b * nch + c] */
        float *lo[MM_MULTIBAND_MAXBANDS * MM_MULTIBAND_MAXCH];
        for (int b = 0; b < nb; b++)
            for (int c = 0; c < nch; c++)
                lo[b * nch + c] = bp[b][c];
        mm_linphase_process(&m->lin->lp, xin, lo, n);
    } else {
        mm_crossover_process(&m->xo, xin, bo, n);
    }
    if (m->plain) { /* the reference: band by band, frame by frame */
        for (int b = 0; b < nb; b++)
            mm_comp_process_plain(&m->comp[b], (const float *const *)bp[b],
                                  cp[b], NULL, 0, n);
    } else { /* every band's compressor, their ballistics side by side */
        mm_comp *cs[MM_MULTIBAND_MAXBANDS];
        const float *const *ci[MM_MULTIBAND_MAXBANDS];
        float *const *co[MM_MULTIBAND_MAXBANDS];
        for (int b = 0; b < nb; b++) {
            cs[b] = &m->comp[b];
            ci[b] = (const float *const *)bp[b];
            co[b] = cp[b];
        }
        mm_comp_process_many(cs, nb, ci, co, n);
    }
    /* sum: gates per sample (shared by channels), mode fade */
    double wet[MM_MULTIBAND_MAXCH][MM_MULTIBAND_CHUNK];
    double dry[MM_MULTIBAND_MAXCH][MM_MULTIBAND_CHUNK];
    int settled = m->fade == 1.0 && m->ms == m->ms_target && !m->plain;
    for (int b = 0; b < nb; b++)
        settled &= !mm_smoother_moving(&m->gate[b]);
    if (settled) {
        /* gates and mode at rest: band by band, the same sums in the
         * same order as the per-frame loop below (bit for bit); the
         * uncompressed sum only when asked for */
        for (int c = 0; c < nch; c++)
            for (int i = 0; i < n; i++)
                wet[c][i] = dry[c][i] = 0.0;
        for (int b = 0; b < nb; b++) {
            double g = m->gate[b].value;
            if (g == 0.0)
                continue;
            for (int c = 0; c < nch; c++) {
                const float *cb = m->cbuf[b][c], *bb = m->band[b][c];
                for (int i = 0; i < n; i++)
                    wet[c][i] += g * cb[i];
                if (xsum)
                    for (int i = 0; i < n; i++)
                        dry[c][i] += g * bb[i];
            }
        }
    }
    for (int i = 0; i < n && !settled; i++) {
        for (int c = 0; c < nch; c++)
            wet[c][i] = dry[c][i] = 0.0;
        for (int b = 0; b < nb; b++) {
            double g = mm_smoother_next(&m->gate[b]);
            if (g == 0.0)
                continue;
            for (int c = 0; c < nch; c++) {
                wet[c][i] += g * m->cbuf[b][c][i];
                dry[c][i] += g * m->band[b][c][i];
            }
        }
        if (m->fade < 1.0 || m->ms != m->ms_target) {
            if (m->ms != m->ms_target) {
                m->fade -= m->fade_step;
                if (m->fade <= 0.0)
                    m->fade = 0.0; /* switched below, after this chunk */
            } else {
                m->fade += m->fade_step;
                if (m->fade > 1.0)
                    m->fade = 1.0;
            }
            for (int c = 0; c < nch; c++)
                wet[c][i] = dry[c][i] + m->fade * (wet[c][i] - dry[c][i]);
        }
    }
    if (m->ms) {
        for (int i = 0; i < n; i++) {
            double l, r;
            mm_ms_decode1(wet[0][i], wet[1][i], &l, &r);
            wet[0][i] = l, wet[1][i] = r;
            mm_ms_decode1(dry[0][i], dry[1][i], &l, &r);
            dry[0][i] = l, dry[1][i] = r;
        }
    }
    for (int c = 0; c < nch; c++)
        for (int i = 0; i < n; i++) {
            out[c][i] = (float)wet[c][i];
            if (xsum)
                xsum[c][i] = (float)dry[c][i];
        }
    if (m->ms != m->ms_target && m->fade <= 0.0) {
        /* faded to the (mode independent) uncompressed sum: switch. The
         * crossover is linear and the same on both channels, so its state
         * converts exactly: (L, R) -> ((L+R)/2, (L-R)/2) and back. */
        double *sa = (double *)&m->xo.ch[0], *sb = (double *)&m->xo.ch[1];
        int k = (int)(sizeof m->xo.ch[0] / sizeof(double));
        for (int i = 0; i < k; i++) {
            double p, q;
            if (m->ms_target)
                mm_ms_encode1(sa[i], sb[i], &p, &q);
            else
                mm_ms_decode1(sa[i], sb[i], &p, &q);
            sa[i] = p;
            sb[i] = q;
        }
        if (m->lin) { /* the same for the FIRs' history */
            float h = m->ms_target ? 0.5f : 1.0f;
            mm_fftconv_mix2(&m->lin->lp.conv, h, h, h, -h);
        }
        m->ms = m->ms_target;
        apply_link(m);
        for (int b = 0; b < nb; b++)
            mm_comp_reset(&m->comp[b]);
    }
}

void mm_multiband_process(mm_multiband *m, const float *const *in,
                          float *const *out, float *const *xsum, int n)
{
    const int nch = m->nch;
    for (int i = 0; i < n; i += MM_MULTIBAND_CHUNK) {
        int k = n - i < MM_MULTIBAND_CHUNK ? n - i : MM_MULTIBAND_CHUNK;
        const float *ip[MM_MULTIBAND_MAXCH];
        float *op[MM_MULTIBAND_MAXCH], *xp[MM_MULTIBAND_MAXCH];
        for (int c = 0; c < nch; c++) {
            ip[c] = in[c] + i;
            op[c] = out[c] + i;
            if (xsum)
                xp[c] = xsum[c] + i;
        }
        process_chunk(m, ip, op, xsum ? xp : NULL, k);
    }
}

double mm_multiband_take_gr(mm_multiband *m, int b)
{
    if (b < 0 || b >= m->bands)
        return 0.0;
    return mm_comp_take_gr(&m->comp[b]);
}

void mm_multiband_curve(const mm_multiband *m, float *db, int n, double lo,
                        double hi)
{
    double g[MM_MULTIBAND_MAXBANDS];
    for (int b = 0; b < m->bands; b++) {
        double s = 0.0;
        for (int c = 0; c < m->nch; c++)
            s += mm_db_to_gain(mm_comp_gr_db(&m->comp[b], c)
                               + mm_comp_get(&m->comp[b], c, MM_COMP_MAKEUP));
        g[b] = m->gate[b].target * s / m->nch;
    }
    double hz[MM_CROSSOVER_MAXSPLITS];
    for (int s = 0; s < m->bands - 1; s++)
        hz[s] = mm_crossover_get_hz(&m->xo, s);
    for (int i = 0; i < n; i++) {
        double f = n > 1 ? lo * pow(hi / lo, (double)i / (n - 1)) : lo;
        double re = 0.0, im = 0.0;
        for (int b = 0; b < m->bands; b++) {
            double r, j;
            if (m->lin) { /* every band in phase */
                r = band_mag(hz, m->bands - 1, b, f, m->samplerate);
                j = 0.0;
            } else {
                mm_crossover_response(&m->xo, b, f, &r, &j);
            }
            re += g[b] * r;
            im += g[b] * j;
        }
        db[i] = (float)mm_power_to_db(re * re + im * im);
    }
}

/* ---- the lifecycle record (mm_core.h) ---- */

/* init takes the band count and process a crossover-sum output:
 * multiband~ calls both itself */
MM_CORE_VERBS_NOINIT(multiband)
MM_CORE_SNAP(multiband)
MM_CORE_LATENCY(multiband)

const mm_core mm_multiband_core = {MM_CORE_FIELDS_NOINIT(multiband),
                                   .maxch = MM_MULTIBAND_MAXCH,
                                   .snap = multiband_core_snap,
                                   .latency = multiband_core_latency,
                                   .max_latency = multiband_core_max_latency};
