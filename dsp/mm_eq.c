#include "mm_eq.h"
#include "mm_smoother.h"
#include <stdlib.h>

#define CTRL MM_BIQUAD_CTRL

/* Linear phase: the FIR engine and the sections of the design it is
 * making (the bands' targets, taken when the design starts). */
struct mm_eq_linear {
    mm_linphase lp; /* first: mm_linphase_attach */
    mm_biquad_coef c[MM_EQ_MAXBANDS];
    int n;
};

/* the frequency a band runs at: its setting, at most 0.49 fs */
static double run_freq(const mm_eq *e, const mm_eq_band *b)
{
    double m = MM_EQ_FMAX_RATIO * e->samplerate;
    return b->freq < m ? b->freq : m;
}

static void design_band(const mm_eq *e, const mm_eq_band *b,
                        mm_biquad_coef *c)
{
    if (!b->cur_on) {
        mm_biquad_identity(c);
        return;
    }
    mm_fd_design((mm_fd_type)b->cur_type, exp2(b->lf), b->g, exp2(b->lq),
                 e->samplerate, c);
}

static void snap_band(mm_eq *e, mm_eq_band *b)
{
    mm_biquad_coef c;
    b->cur_on = b->on;
    b->cur_type = b->type;
    b->lf = log2(run_freq(e, b));
    b->g = b->gain;
    b->lq = log2(b->q);
    b->fading = 0;
    design_band(e, b, &c);
    mm_biquad_ramp_snap(&b->ramp, &c);
}

int mm_eq_init(mm_eq *e, int nch, int nbands, double samplerate)
{
    memset(e, 0, sizeof *e);
    if (nch < 1 || nch > MM_EQ_MAXCH || nbands < 1
        || nbands > MM_EQ_MAXBANDS)
        return MM_E_RANGE;
    e->band = calloc((size_t)nbands, sizeof *e->band);
    if (!e->band)
        return MM_E_NOMEM;
    e->nch = nch;
    e->nbands = nbands;
    for (int i = 0; i < nbands; i++) {
        mm_eq_band *b = &e->band[i];
        b->on = 0;
        b->type = MM_FD_BELL;
        b->freq = 1000.0;
        b->gain = 0.0;
        b->q = 0.7071067811865476;
    }
    return mm_eq_set_samplerate(e, samplerate);
}

void mm_eq_free(mm_eq *e)
{
    free(e->band);
    e->band = NULL;
    mm_linphase_detach(e->lin);
    e->lin = NULL;
}

void mm_eq_reset(mm_eq *e)
{
    for (int i = 0; i < e->nbands; i++)
        for (int c = 0; c < MM_EQ_MAXCH; c++) {
            mm_biquad_state_reset(&e->band[i].st[c]);
            mm_biquad_state_reset(&e->band[i].old_st[c]);
        }
    if (e->lin)
        mm_linphase_reset(&e->lin->lp);
}

int mm_eq_set_samplerate(mm_eq *e, double samplerate)
{
    if (!(samplerate > 0.0))
        return MM_E_ARG;
    e->samplerate = samplerate;
    e->smooth = mm_onepole_coef(MM_EQ_TAU_MS, samplerate / CTRL);
    e->fade_len = (int)(MM_EQ_FADE_MS * 0.001 * samplerate + 0.5);
    if (e->fade_len < CTRL)
        e->fade_len = CTRL;
    mm_eq_snap(e);
    if (e->lin) /* new sizes and a design at once */
        return mm_linphase_set_samplerate(&e->lin->lp, samplerate);
    return MM_OK;
}

int mm_eq_set_band(mm_eq *e, int bi, mm_fd_type type, double freq,
                   double gain_db, double q)
{
    if (bi < 0 || bi >= e->nbands || (int)type < 0 || type >= MM_FD_NTYPES)
        return MM_E_RANGE;
    if (!mm_isfinite_d(freq) || !mm_isfinite_d(gain_db) || !mm_isfinite_d(q))
        return MM_E_ARG;
    mm_eq_band *b = &e->band[bi];
    b->on = 1;
    b->type = (int)type;
    b->freq = mm_clamp_d(freq, MM_EQ_FMIN, MM_EQ_FMAX);
    b->gain = mm_clamp_d(gain_db, MM_EQ_GMIN, MM_EQ_GMAX);
    b->q = mm_clamp_d(q, MM_EQ_QMIN, MM_EQ_QMAX);
    if (e->lin)
        mm_linphase_request(&e->lin->lp);
    return MM_OK;
}

void mm_eq_band_off(mm_eq *e, int bi)
{
    if (bi >= 0 && bi < e->nbands)
        e->band[bi].on = 0;
    if (e->lin)
        mm_linphase_request(&e->lin->lp);
}

void mm_eq_snap(mm_eq *e)
{
    for (int i = 0; i < e->nbands; i++)
        snap_band(e, &e->band[i]);
    e->phase = 0;
    if (e->lin && mm_linphase_busy(&e->lin->lp))
        mm_linphase_design_now(&e->lin->lp);
}

/* ---- linear phase (mm_linphase's client) ---------------------------- */

static void lin_begin(void *ctx)
{
    mm_eq *e = ctx;
    struct mm_eq_linear *l = e->lin;
    l->n = 0;
    for (int i = 0; i < e->nbands; i++) {
        const mm_eq_band *b = &e->band[i];
        if (b->on)
            mm_fd_design((mm_fd_type)b->type, run_freq(e, b), b->gain, b->q,
                         e->samplerate, &l->c[l->n++]);
    }
}

static int lin_flat(void *ctx, int k)
{
    (void)k;
    return ((mm_eq *)ctx)->lin->n == 0;
}

/* |H|^2 of a section at w from cos w and cos 2w:
 * (b0^2 + b1^2 + b2^2 + 2 (b0 b1 + b1 b2) cos w + 2 b0 b2 cos 2w) /
 * (1 + a1^2 + a2^2 + 2 (a1 + a1 a2) cos w + 2 a2 cos 2w) */
static double power_at(const mm_biquad_coef *c, double c1, double c2)
{
    double num = c->b0 * c->b0 + c->b1 * c->b1 + c->b2 * c->b2
                 + 2.0 * (c->b0 * c->b1 + c->b1 * c->b2) * c1
                 + 2.0 * c->b0 * c->b2 * c2;
    double den = 1.0 + c->a1 * c->a1 + c->a2 * c->a2
                 + 2.0 * (c->a1 + c->a1 * c->a2) * c1 + 2.0 * c->a2 * c2;
    return num > 0.0 && den > 0.0 ? num / den : 0.0;
}

static void lin_fill(void *ctx, int k, double *mag, int k0, int k1,
                     double hz)
{
    const mm_eq *e = ctx;
    const struct mm_eq_linear *l = e->lin;
    (void)k;
    for (int j = k0; j < k1; j++) {
        double w = 2.0 * MM_PI * j * hz / e->samplerate, p = 1.0;
        double c1 = cos(w), c2 = cos(2.0 * w);
        for (int i = 0; i < l->n; i++)
            p *= power_at(&l->c[i], c1, c2);
        mag[j] = sqrt(p);
    }
}

int mm_eq_init_resolution(mm_eq *e, int nch, int nbands, int resolution,
                          double samplerate)
{
    const mm_linphase_client cl = {e, lin_begin, lin_flat, lin_fill, NULL};
    int r = mm_eq_init(e, nch, nbands, samplerate);
    if (r != MM_OK || resolution < 0)
        return r;
    e->resolution = resolution > 3 ? 3 : resolution;
    if (!(e->lin = mm_linphase_attach(sizeof *e->lin, nch, 1, e->samplerate,
                                      MM_EQ_FIR_OF(e->resolution), &cl,
                                      &r)))
        mm_eq_free(e); /* nothing is held */
    return r;
}

int mm_eq_init_phase(mm_eq *e, int nch, int nbands, int linear,
                     double samplerate)
{
    return mm_eq_init_resolution(e, nch, nbands, linear ? 1 : -1,
                                 samplerate);
}

double mm_eq_linear_width(int resolution, mm_fd_type type, double gain_db,
                          double samplerate)
{
    double a = 1.0;
    if (type == MM_FD_BELL || type == MM_FD_LOWSHELF
        || type == MM_FD_HIGHSHELF)
        a = pow(10.0, fabs(gain_db) / 40.0);
    else if (type == MM_FD_NOTCH)
        a = pow(10.0, MM_EQ_GMAX / 40.0); /* as deep as the deepest cut */
    return MM_EQ_LINEAR_BINS * a * samplerate
           / mm_linphase_size(samplerate, MM_EQ_FIR_OF(resolution));
}

int mm_eq_linear_needs(const mm_eq *e, int b)
{
    if (b < 0 || b >= e->nbands || !e->band[b].on)
        return -1;
    const mm_eq_band *band = &e->band[b];
    double f = run_freq(e, band), w = f / band->q;
    if (f < w)
        w = f;
    int r = 0;
    while (r < 4 && w < mm_eq_linear_width(r, (mm_fd_type)band->type,
                                           band->gain, e->samplerate))
        r++;
    return r;
}

int mm_eq_latency(const mm_eq *e)
{
    return e->lin ? mm_linphase_latency(&e->lin->lp) : 0;
}

int mm_eq_max_latency(const mm_eq *e)
{
    return mm_eq_latency(e);
}

static int band_moving(const mm_eq *e, const mm_eq_band *b)
{
    return b->fading > 0 || b->ramp.remaining > 0 || b->on != b->cur_on
           || (b->on && (b->type != b->cur_type || b->lf != log2(run_freq(e, b))
                         || b->g != b->gain || b->lq != log2(b->q)));
}

int mm_eq_moving(const mm_eq *e)
{
    if (e->lin && mm_linphase_busy(&e->lin->lp))
        return 1;
    for (int i = 0; i < e->nbands; i++)
        if (band_moving(e, &e->band[i]))
            return 1;
    return 0;
}

/* At the start of a control period: move settings, start fades, set up
 * the coefficient ramp for the next CTRL samples. */
static void control(mm_eq *e, mm_eq_band *b)
{
    if (b->fading > 0)
        return; /* finish the fade first; changes wait for it */
    if (b->on != b->cur_on || (b->on && b->type != b->cur_type)) {
        /* crossfade old section -> new section (fresh state) */
        b->old = b->ramp.c;
        for (int c = 0; c < e->nch; c++) {
            b->old_st[c] = b->st[c];
            mm_biquad_state_reset(&b->st[c]);
        }
        int was_on = b->cur_on;
        b->cur_on = b->on;
        b->cur_type = b->type;
        if (!was_on || !b->on) { /* from/to flat: start at the target */
            b->lf = log2(run_freq(e, b));
            b->g = b->gain;
            b->lq = log2(b->q);
        }
        mm_biquad_coef c;
        design_band(e, b, &c);
        mm_biquad_ramp_snap(&b->ramp, &c);
        b->fading = e->fade_len;
        b->fade_step = 1.0 / e->fade_len;
        return;
    }
    if (!b->cur_on)
        return;
    double tf = log2(run_freq(e, b)), tq = log2(b->q);
    if (b->lf == tf && b->g == b->gain && b->lq == tq)
        return;
    b->lf = mm_smoother_glide(b->lf, tf, e->smooth, MM_SMOOTHER_GLIDE_SNAP);
    b->g = mm_smoother_glide(b->g, b->gain, e->smooth, MM_SMOOTHER_GLIDE_SNAP);
    b->lq = mm_smoother_glide(b->lq, tq, e->smooth, MM_SMOOTHER_GLIDE_SNAP);
    mm_biquad_coef c;
    design_band(e, b, &c);
    mm_biquad_ramp_to(&b->ramp, &c, CTRL);
}

/* One chunk (n <= CTRL samples, inside one control period) of one band
 * over the work buffers. */
static void run_band(mm_eq *e, mm_eq_band *b, double (*w)[CTRL], int n)
{
    const mm_biquad_ramp *r = &b->ramp;
    if (b->fading > 0) {
        int left = b->fading;
        for (int c = 0; c < e->nch; c++) {
            mm_biquad_state *s = &b->st[c], *o = &b->old_st[c];
            mm_biquad_coef k = r->c;
            double g = 1.0 - left * b->fade_step;
            for (int i = 0; i < n; i++) {
                double x = w[c][i];
                double yn = mm_biquad_tick(&k, s, x);
                double yo = mm_biquad_tick(&b->old, o, x);
                g = i < left ? g + b->fade_step : 1.0;
                w[c][i] = yo + g * (yn - yo);
            }
        }
        b->fading = left > n ? left - n : 0;
        return;
    }
    if (r->remaining > 0) {
        for (int c = 0; c < e->nch; c++) {
            mm_biquad_ramp tmp = *r;
            mm_biquad_state *s = &b->st[c];
            for (int i = 0; i < n; i++) {
                w[c][i] = mm_biquad_tick(&tmp.c, s, w[c][i]);
                mm_biquad_ramp_tick(&tmp);
            }
        }
        for (int i = 0; i < n; i++)
            mm_biquad_ramp_tick(&b->ramp);
        return;
    }
    if (!b->cur_on)
        return;
    for (int c = 0; c < e->nch; c++) {
        mm_biquad_state *s = &b->st[c];
        for (int i = 0; i < n; i++)
            w[c][i] = mm_biquad_tick(&r->c, s, w[c][i]);
    }
}

void mm_eq_process(mm_eq *e, const float *const *in, float *const *out,
                   int n)
{
    double w[MM_EQ_MAXCH][CTRL];
    int done = 0;
    if (e->lin) { /* the FIR of the bands' magnitude */
        mm_linphase_process(&e->lin->lp, in, out, n);
        return;
    }
    while (done < n) {
        if (e->phase == 0)
            for (int b = 0; b < e->nbands; b++)
                control(e, &e->band[b]);
        int m = CTRL - e->phase;
        if (m > n - done)
            m = n - done;
        for (int c = 0; c < e->nch; c++)
            for (int i = 0; i < m; i++) {
                float x = in[c][done + i];
                if (!mm_isfinite_f(x)) {
                    x = 0.0f;
                    e->nonfinite++;
                }
                w[c][i] = x;
            }
        for (int b = 0; b < e->nbands; b++)
            run_band(e, &e->band[b], w, m);
        for (int c = 0; c < e->nch; c++)
            for (int i = 0; i < m; i++)
                out[c][done + i] = (float)w[c][i];
        done += m;
        e->phase = (e->phase + m) % CTRL;
    }
    for (int b = 0; b < e->nbands; b++)
        for (int c = 0; c < e->nch; c++) {
            e->nonfinite += mm_biquad_state_flush(&e->band[b].st[c]);
            mm_biquad_state_flush(&e->band[b].old_st[c]);
        }
}

double mm_eq_response_db(const mm_eq *e, double f)
{
    double db = 0.0;
    for (int i = 0; i < e->nbands; i++) {
        const mm_eq_band *b = &e->band[i];
        if (!b->on)
            continue;
        mm_biquad_coef c;
        mm_fd_design((mm_fd_type)b->type, run_freq(e, b), b->gain, b->q,
                     e->samplerate, &c);
        db += mm_gain_to_db(mm_biquad_mag(&c, f / e->samplerate));
    }
    return db;
}

void mm_eq_curve(const mm_eq *e, float *db, int n, double fmin, double fmax)
{
    mm_biquad_coef c[MM_EQ_MAXBANDS];
    int on[MM_EQ_MAXBANDS];
    for (int i = 0; i < e->nbands; i++) {
        const mm_eq_band *b = &e->band[i];
        on[i] = b->on;
        if (on[i])
            mm_fd_design((mm_fd_type)b->type, run_freq(e, b), b->gain,
                         b->q, e->samplerate, &c[i]);
    }
    for (int k = 0; k < n; k++) {
        double f = n > 1 ? fmin * pow(fmax / fmin, (double)k / (n - 1)) : fmin;
        double v = 0.0;
        if (f < 0.5 * e->samplerate)
            for (int i = 0; i < e->nbands; i++)
                if (on[i])
                    v += mm_gain_to_db(mm_biquad_mag(&c[i], f / e->samplerate));
        db[k] = (float)v;
    }
}

static const mm_paramdef eq_rows[] = {
    {"bands", MM_EQ_BANDS, MM_P_INT, "", MM_EQ_R_BANDS, MM_P_CREATION, 0,
     NULL, "number of bands (creation only)"},
    {"phase", MM_EQ_PHASE, MM_P_CHOICE, "", MM_EQ_R_PHASE, MM_P_CREATION, 0,
     mm_linphase_phase_words, "minimum: IIR, no latency. linear: the same "
     "magnitude as a linear-phase FIR, latency reported (creation only)"},
    {"resolution", MM_EQ_RESOLUTION, MM_P_CHOICE, "", MM_EQ_R_RESOLUTION,
     MM_P_CREATION, 0, mm_linphase_resolution_words, "linear phase's FIR: "
     "low, medium, high, max = 8192 .. 65536 taps at 48 kHz (latency 96 ms "
     ".. 0.77 s); each step resolves bands half as wide (creation only)"},
};

const mm_paramtable mm_eq_table = MM_PARAMTABLE("eq", eq_rows);

/* The arguments of eq~'s `band` message, in order: the ranges its
 * handler clamps to and the reference shows. The q range narrows by type
 * (mm_eq_q_range). */
static const mm_paramdef band_arg_rows[] = {
    {"n", MM_EQ_ARG_BAND, MM_P_INT, "", 0, MM_EQ_MAXBANDS, 1, 0, 0, NULL,
     "the band, 1..bands (0 = every band)"},
    {"type", MM_EQ_ARG_TYPE, MM_P_CHOICE, "", 0, 0, 0, 0, 0,
     mm_fd_type_names, "the filter, or off"},
    {"frequency", MM_EQ_ARG_FREQ, MM_P_FLOAT, "Hz", MM_EQ_FMIN, MM_EQ_FMAX,
     1000, 0, 0, NULL, "runs at most at 0.49 fs"},
    {"gain", MM_EQ_ARG_GAIN, MM_P_FLOAT, "dB", MM_EQ_GMIN, MM_EQ_GMAX, 0, 0,
     0, NULL, "bells and shelves"},
    {"q", MM_EQ_ARG_Q, MM_P_FLOAT, "", MM_EQ_QMIN, MM_EQ_QMAX, 0.707, 0, 0,
     NULL, "narrower for shelves, highpass and notch (print shows)"},
};

const mm_paramtable mm_eq_band_args = MM_PARAMTABLE("eq band", band_arg_rows);

double mm_eq_set(mm_eq *e, int id, double v)
{
    if (id == MM_EQ_BANDS)
        return e->nbands;
    if (id == MM_EQ_PHASE)
        return e->lin != NULL;
    if (id == MM_EQ_RESOLUTION)
        return e->lin ? e->resolution : 1;
    (void)v;
    return 0.0;
}

int mm_eq_get_band(const mm_eq *e, int bi, mm_fd_type *type, double *freq,
                   double *gain_db, double *q)
{
    if (bi < 0 || bi >= e->nbands)
        return 0;
    const mm_eq_band *b = &e->band[bi];
    *type = (mm_fd_type)b->type;
    *freq = b->freq;
    *gain_db = b->gain;
    *q = b->q;
    return b->on;
}

/* ---- the lifecycle record (mm_core.h) ---- */

/* init takes the band count: eq~ calls mm_eq_init itself */
MM_CORE_VERBS_NOINIT(eq)
MM_CORE_SNAP(eq)
MM_CORE_PROCESS(eq)
MM_CORE_LATENCY(eq)

const mm_core mm_eq_core = {MM_CORE_FIELDS_NOINIT(eq), .maxch = MM_EQ_MAXCH,
                            .snap = eq_core_snap, .process = eq_core_process,
                            .latency = eq_core_latency,
                            .max_latency = eq_core_max_latency};
