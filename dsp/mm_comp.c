#include "mm_comp.h"
#include "mm_fastmath.h"

static const char *const detector_words[] = {"peak", "rms", NULL};

#define ROW(name, id, unit, range, flags, doc)                                \
    {name, MM_COMP_##id, MM_P_FLOAT, unit, range, flags, 0, NULL, doc},

static const mm_paramdef comp_rows[] = {
    {"threshold", MM_COMP_THRESHOLD, MM_P_FLOAT, "dB", MM_COMP_R_THRESHOLD,
     0, 0, NULL, "level where compression starts"},
    {"ratio", MM_COMP_RATIO, MM_P_FLOAT, "", MM_COMP_R_RATIO, 0, 0, NULL,
     "N:1 above the threshold"},
    MM_COMP_SHARED_ROWS(ROW)
    {"detector", MM_COMP_DETECTOR, MM_P_CHOICE, "", MM_COMP_R_DETECTOR, 0,
     0, detector_words, "peak (sine: its peak) or rms (10 ms)"},
    {"link", MM_COMP_LINK, MM_P_FLOAT, "%", MM_COMP_R_LINK, 0, 0, NULL,
     "100: every channel gets the largest reduction"},
    MM_COMP_SCHPF_ROW(ROW)
    {"mix", MM_COMP_MIX, MM_P_FLOAT, "%", MM_COMP_R_MIX, 0, 0, NULL,
     "wet share: parallel compression"},
};

#undef ROW

const mm_paramtable mm_comp_table = MM_PARAMTABLE("comp", comp_rows);


/* Detector high-pass: 2nd-order Butterworth (Q = 1/sqrt 2) from
 * mm_filterdesign; a new frequency glides over MM_COMP_HP_GLIDE samples
 * (mm_biquad_ramp). */
#define MM_COMP_HP_GLIDE 64

static void hp_design(mm_comp *c, int glide)
{
    double f = c->value[MM_COMP_SCHPF];
    c->hp_on = f > 0.0;
    if (!c->hp_on)
        return;
    mm_biquad_coef k;
    if (mm_fd_design(MM_FD_HIGHPASS, f, 0.0, mm_fd_butterworth_q(2, 0),
                     c->samplerate, &k) != MM_OK)
        mm_biquad_identity(&k);
    if (glide)
        mm_biquad_ramp_to(&c->hp, &k, MM_COMP_HP_GLIDE);
    else
        mm_biquad_ramp_snap(&c->hp, &k);
}

static void update_uniform(mm_comp *c)
{
    c->uniform = 1;
    for (int k = 1; k < c->nch; k++)
        for (int p = 0; p < MM_COMP_NPERCH; p++)
            if (c->ch[k].value[p] != c->ch[0].value[p])
                c->uniform = 0;
}

static void apply_ch(mm_comp *c, int k)
{
    mm_comp_chan *ch = &c->ch[k];
    mm_gaincomp_set(&ch->gc, ch->value[MM_COMP_THRESHOLD],
                    ch->value[MM_COMP_RATIO], ch->value[MM_COMP_KNEE]);
    mm_envelope_set_times(&ch->bal, ch->value[MM_COMP_ATTACK],
                          ch->value[MM_COMP_RELEASE]);
    mm_smoother_set(&ch->makeup, mm_db_to_gain(ch->value[MM_COMP_MAKEUP]));
}

int mm_comp_init(mm_comp *c, int nch, double samplerate)
{
    if (nch < 1 || nch > MM_COMP_MAXCH)
        return MM_E_ARG;
    samplerate = mm_samplerate_or_default(samplerate);
    *c = (mm_comp){.nch = nch, .samplerate = samplerate};
    mm_param_defaults(&mm_comp_table, c->value, MM_COMP_NPARAMS);
    for (int k = 0; k < nch; k++) {
        mm_comp_chan *ch = &c->ch[k];
        mm_param_defaults(&mm_comp_table, ch->value, MM_COMP_NPERCH);
        mm_envelope_init(&ch->det, samplerate);
        mm_envelope_init(&ch->bal, samplerate);
        mm_smoother_init(&ch->makeup, MM_SMOOTHER_TAU_MS, samplerate, 1.0);
        apply_ch(c, k);
    }
    mm_smoother_init(&c->mix, MM_SMOOTHER_TAU_MS, samplerate, 1.0);
    c->link = 1.0;
    c->uniform = 1;
    hp_design(c, 0);
    mm_comp_snap(c);
    return MM_OK;
}

void mm_comp_free(mm_comp *c)
{
    (void)c;
}

void mm_comp_reset(mm_comp *c)
{
    for (int k = 0; k < c->nch; k++) {
        mm_comp_chan *ch = &c->ch[k];
        mm_envelope_reset(&ch->det);
        mm_biquad_state_reset(&ch->hp);
        ch->meter = 0.0;
    }
}

int mm_comp_set_samplerate(mm_comp *c, double samplerate)
{
    if (!(samplerate > 0.0) || !mm_isfinite_d(samplerate))
        return MM_E_RANGE;
    c->samplerate = samplerate;
    for (int k = 0; k < c->nch; k++) {
        mm_envelope_set_samplerate(&c->ch[k].det, samplerate);
        mm_envelope_set_samplerate(&c->ch[k].bal, samplerate);
        mm_smoother_set_samplerate(&c->ch[k].makeup, samplerate);
    }
    mm_smoother_set_samplerate(&c->mix, samplerate);
    hp_design(c, 0);
    return MM_OK;
}

static double clamp_param(mm_comp_param p, double v)
{
    return mm_param_apply(&comp_rows[p], v);
}

double mm_comp_set_ch(mm_comp *c, int ch, mm_comp_param p, double v)
{
    if ((int)p < 0 || p >= MM_COMP_NPARAMS)
        return 0.0;
    v = clamp_param(p, v);
    if (p < MM_COMP_NPERCH) {
        if (ch < 0) {
            c->value[p] = v;
            for (int k = 0; k < c->nch; k++) {
                c->ch[k].value[p] = v;
                apply_ch(c, k);
            }
        } else if (ch < c->nch) {
            c->ch[ch].value[p] = v;
            apply_ch(c, ch);
        }
        update_uniform(c);
        return v;
    }
    c->value[p] = v;
    switch (p) {
    case MM_COMP_DETECTOR:
        for (int k = 0; k < c->nch; k++)
            mm_envelope_set_mode(&c->ch[k].det, v > 0.5 ? MM_ENVELOPE_RMS
                                                        : MM_ENVELOPE_PEAK);
        break;
    case MM_COMP_LINK:
        c->link = v / 100.0;
        break;
    case MM_COMP_SCHPF: {
        int was = c->hp_on;
        hp_design(c, was);
        if (!was)
            for (int k = 0; k < c->nch; k++)
                mm_biquad_state_reset(&c->ch[k].hp);
        break;
    }
    case MM_COMP_MIX:
        mm_smoother_set(&c->mix, v / 100.0);
        break;
    default:
        break;
    }
    return v;
}

double mm_comp_set(mm_comp *c, mm_comp_param p, double v)
{
    return mm_comp_set_ch(c, -1, p, v);
}

double mm_comp_get(const mm_comp *c, int ch, mm_comp_param p)
{
    if ((int)p < 0 || p >= MM_COMP_NPARAMS)
        return 0.0;
    if (p < MM_COMP_NPERCH && ch >= 0 && ch < c->nch)
        return c->ch[ch].value[p];
    return c->value[p];
}

void mm_comp_snap(mm_comp *c)
{
    for (int k = 0; k < c->nch; k++)
        mm_smoother_snap(&c->ch[k].makeup, c->ch[k].makeup.target);
    mm_smoother_snap(&c->mix, c->mix.target);
}

int mm_comp_latency(const mm_comp *c)
{
    (void)c;
    return 0;
}

/* Reduction (dB, >= 0) the gain computer asks for at a linear level. */
static inline double reduction(const mm_gaincomp *g, double level)
{
    if (level <= g->knee_lin) /* also 0, so the log sees x > 0 only */
        return 0.0;
    return -mm_gaincomp_gain_db(g, mm_fast_gain_to_db(level));
}

static inline double detect(mm_comp *c, mm_comp_chan *ch, float x)
{
    double d = x;
    if (c->hp_on)
        d = mm_biquad_tick(&c->hp.c, &ch->hp, d);
    return mm_envelope_detect(&ch->det, d);
}

void mm_comp_process(mm_comp *c, const float *const *in,
                     float *const *out, const float *const *key, int nkey,
                     int n)
{
    const int nch = c->nch;
    int ndet = nch;
    if (key) {
        if (nkey < 1)
            key = NULL;
        else
            ndet = nkey >= nch ? nch : 1;
    }
    const int fast = c->uniform && (c->link >= 1.0 || ndet == 1);
    double x[MM_COMP_MAXCH], lev[MM_COMP_MAXCH], r[MM_COMP_MAXCH];
    int bad = 0;

    for (int i = 0; i < n; i++) {
        /* read every input of the frame before writing */
        for (int k = 0; k < nch; k++) {
            float v = in[k][i];
            bad |= mm_sanitize_f(&v);
            x[k] = v;
        }
        for (int k = 0; k < ndet; k++) {
            float v;
            if (key) {
                v = key[k][i];
                bad |= mm_sanitize_f(&v);
            } else {
                v = (float)x[k];
            }
            lev[k] = detect(c, &c->ch[k], v);
        }
        if (c->hp_on)
            mm_biquad_ramp_tick(&c->hp);
        if (fast) {
            double l = lev[0];
            for (int k = 1; k < ndet; k++)
                l = lev[k] > l ? lev[k] : l;
            double y = mm_envelope_follow(&c->ch[0].bal,
                                          reduction(&c->ch[0].gc, l));
            for (int k = 0; k < nch; k++)
                r[k] = y;
        } else {
            double m = 0.0;
            for (int k = 0; k < nch; k++) {
                r[k] = reduction(&c->ch[k].gc, lev[ndet == 1 ? 0 : k]);
                m = r[k] > m ? r[k] : m;
            }
            for (int k = 0; k < nch; k++)
                r[k] = mm_envelope_follow(&c->ch[k].bal,
                                          r[k] + c->link * (m - r[k]));
        }
        double mix = mm_smoother_next(&c->mix);
        double rprev = 0.0, gr = 1.0; /* gain of the last reduction seen */
        for (int k = 0; k < nch; k++) {
            mm_comp_chan *ch = &c->ch[k];
            double g = mm_smoother_next(&ch->makeup);
            if (r[k] != rprev) { /* linked channels share one exp */
                rprev = r[k];
                gr = r[k] > 1e-9 ? mm_fast_db_to_gain(-r[k]) : 1.0;
            }
            g *= gr;
            if (r[k] > ch->meter)
                ch->meter = r[k];
            double w = x[k] * g;
            out[k][i] = (float)(mix == 1.0 ? w : x[k] + mix * (w - x[k]));
        }
    }

    if (fast) /* keep every channel's ballistics where channel 0's are */
        for (int k = 1; k < nch; k++) {
            c->ch[k].bal.r = c->ch[0].bal.r;
            c->ch[k].bal.y = c->ch[0].bal.y;
        }
    for (int k = 0; k < nch; k++) {
        mm_comp_chan *ch = &c->ch[k];
        int nf = mm_envelope_flush(&ch->det) | mm_envelope_flush(&ch->bal);
        nf |= mm_biquad_state_flush(&ch->hp);
        if (!mm_isfinite_d(ch->meter))
            ch->meter = 0.0;
        c->nonfinite += nf;
    }
    (void)bad;
}

double mm_comp_gr_db(const mm_comp *c, int ch)
{
    if (ch < 0 || ch >= c->nch)
        return 0.0;
    double y = c->ch[ch].bal.y;
    return y > 0.0 ? -y : 0.0;
}

double mm_comp_take_gr_ch(mm_comp *c, int ch)
{
    if (ch < 0 || ch >= c->nch)
        return 0.0;
    double m = c->ch[ch].meter;
    c->ch[ch].meter = 0.0;
    return m > 0.0 ? -m : 0.0;
}

double mm_comp_take_gr(mm_comp *c)
{
    double m = 0.0;
    for (int k = 0; k < c->nch; k++) {
        double g = mm_comp_take_gr_ch(c, k);
        m = g < m ? g : m;
    }
    return m;
}

void mm_comp_curve(const mm_comp *c, int ch, float *y, int n, double lo_db,
                   double hi_db)
{
    if (ch < 0 || ch >= c->nch)
        ch = 0;
    const mm_comp_chan *cc = &c->ch[ch];
    double makeup = mm_db_to_gain(cc->value[MM_COMP_MAKEUP]);
    double mix = c->value[MM_COMP_MIX] / 100.0;
    for (int i = 0; i < n; i++) {
        double x = n > 1 ? lo_db + (hi_db - lo_db) * i / (n - 1) : lo_db;
        double g = mm_db_to_gain(mm_gaincomp_gain_db(&cc->gc, x)) * makeup;
        y[i] = (float)(x + mm_gain_to_db(1.0 - mix + mix * g));
    }
}

/* ---- the lifecycle record (mm_core.h) ---- */

MM_CORE_VERBS(comp)
MM_CORE_SNAP(comp)

/* comp~'s sidechain inlet is one key for every channel */
static void comp_core_process(void *s, const float *const *in,
                              float *const *out, const float *key, int n)
{
    mm_comp_process(s, in, out, key ? &key : NULL, 1, n);
}

const mm_core mm_comp_core = {MM_CORE_FIELDS(comp), .maxch = MM_COMP_MAXCH,
                              .snap = comp_core_snap,
                              .process = comp_core_process};
