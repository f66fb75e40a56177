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

/* After a block: keep every channel's ballistics where channel 0's are
 * (fast, linked), flush denormals, count non-finite state. */
static void finish_block(mm_comp *c, int fast)
{
    const int nch = c->nch;
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
}

/* The reference: one frame at a time. */
void mm_comp_process_plain(mm_comp *c, const float *const *in,
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

    finish_block(c, fast);
    (void)bad;
}

/* The same as mm_comp_process_plain, in passes over parts of up to
 * MM_COMP_PART frames: inputs, detection (channel by channel), the
 * reductions, the ballistics (the only serial recursion left), the gains
 * and the outputs. Every value goes through the same operations in the
 * same order as in the per-frame loop, so the output, the meters and the
 * state are the same bit for bit (test_comp: test_passes_equal_plain);
 * what changes is that the independent work (levels, logarithms,
 * exponentials) no longer waits on the recursion. */
#define MM_COMP_PART 64

/* Detection of one part: lev[k][i] for the ndet detectors, from the
 * keys or the inputs (read, not written). */
static void part_levels(mm_comp *c, const float *const *src, int ndet,
                        int i0, int n, double (*lev)[MM_COMP_PART])
{
    if (c->hp_on && c->hp.remaining > 0) {
        /* the high-pass glides: its coefficients step once per frame,
         * after every channel */
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < ndet; k++) {
                float v = src[k][i0 + i];
                mm_sanitize_f(&v);
                lev[k][i] = detect(c, &c->ch[k], v);
            }
            mm_biquad_ramp_tick(&c->hp);
        }
        return;
    }
    if (ndet == 2 && !c->hp_on && c->ch[0].det.mode != MM_ENVELOPE_RMS
        && c->ch[1].det.mode != MM_ENVELOPE_RMS) {
        /* stereo: both detectors side by side (two independent chains) */
        mm_envelope e0 = c->ch[0].det, e1 = c->ch[1].det;
        const float *s0 = src[0] + i0, *s1 = src[1] + i0;
        for (int i = 0; i < n; i++) {
            float v0 = s0[i], v1 = s1[i];
            mm_sanitize_f(&v0);
            mm_sanitize_f(&v1);
            lev[0][i] = mm_envelope_detect_peak(&e0, v0);
            lev[1][i] = mm_envelope_detect_peak(&e1, v1);
        }
        c->ch[0].det = e0;
        c->ch[1].det = e1;
        return;
    }
    for (int k = 0; k < ndet; k++) {
        mm_comp_chan *ch = &c->ch[k];
        const float *sp = src[k] + i0;
        double d[MM_COMP_PART];
        for (int i = 0; i < n; i++) {
            float v = sp[i];
            mm_sanitize_f(&v);
            d[i] = v;
        }
        if (c->hp_on)
            for (int i = 0; i < n; i++)
                d[i] = mm_biquad_tick(&c->hp.c, &ch->hp, d[i]);
        if (ch->det.mode == MM_ENVELOPE_RMS) {
            for (int i = 0; i < n; i++)
                lev[k][i] = mm_envelope_detect(&ch->det, d[i]);
        } else {
            mm_envelope e = ch->det;
            for (int i = 0; i < n; i++)
                lev[k][i] = mm_envelope_detect_peak(&e, d[i]);
            ch->det = e;
        }
    }
}

/* Linked (fast) case: the reduction asked for by the loudest detector,
 * before the ballistics. */
static void part_reduce(const mm_comp *c, int ndet, int n,
                        double (*lev)[MM_COMP_PART], double *v)
{
    const mm_gaincomp *gc = &c->ch[0].gc;
    for (int i = 0; i < n; i++) {
        double l = lev[0][i];
        for (int k = 1; k < ndet; k++)
            l = lev[k][i] > l ? lev[k][i] : l;
        v[i] = reduction(gc, l);
    }
}

/* Gains and outputs of one part: r[k] the reduction in force of channel
 * k (r[0] for every channel when fast), x the inputs. */
static void part_out(mm_comp *c, const double (*x)[MM_COMP_PART],
                     const double (*r)[MM_COMP_PART], int fast,
                     float *const *out, int i0, int n)
{
    const int nch = c->nch;
    int steady = !mm_smoother_moving(&c->mix);
    for (int k = 0; k < nch; k++)
        steady &= !mm_smoother_moving(&c->ch[k].makeup);
    if (fast && steady) {
        /* one reduction for every channel, settled makeup and mix */
        double gr[MM_COMP_PART], top = 0.0;
        const double *v = r[0];
        for (int i = 0; i < n; i++) {
            gr[i] = v[i] > 1e-9 ? mm_fast_db_to_gain(-v[i]) : 1.0;
            top = v[i] > top ? v[i] : top;
        }
        const double mix = c->mix.value;
        for (int k = 0; k < nch; k++) {
            mm_comp_chan *ch = &c->ch[k];
            const double mk = ch->makeup.value;
            float *op = out[k] + i0;
            if (top > ch->meter)
                ch->meter = top;
            if (mix == 1.0) {
                for (int i = 0; i < n; i++)
                    op[i] = (float)(x[k][i] * (mk * gr[i]));
            } else {
                for (int i = 0; i < n; i++) {
                    double w = x[k][i] * (mk * gr[i]);
                    op[i] = (float)(x[k][i] + mix * (w - x[k][i]));
                }
            }
        }
        return;
    }
    for (int i = 0; i < n; i++) {
        double mix = mm_smoother_next(&c->mix);
        double rprev = 0.0, gr = 1.0; /* gain of the last reduction seen */
        for (int k = 0; k < nch; k++) {
            mm_comp_chan *ch = &c->ch[k];
            double g = mm_smoother_next(&ch->makeup);
            double rk = r[fast ? 0 : k][i];
            if (rk != rprev) { /* linked channels share one exp */
                rprev = rk;
                gr = rk > 1e-9 ? mm_fast_db_to_gain(-rk) : 1.0;
            }
            g *= gr;
            if (rk > ch->meter)
                ch->meter = rk;
            double w = x[k][i] * g;
            out[k][i0 + i] =
                (float)(mix == 1.0 ? w : x[k][i] + mix * (w - x[k][i]));
        }
    }
}

static void part_inputs(int nch, const float *const *in, int i0, int n,
                        double (*x)[MM_COMP_PART])
{
    for (int k = 0; k < nch; k++) {
        const float *ip = in[k] + i0;
        for (int i = 0; i < n; i++) {
            float v = ip[i];
            mm_sanitize_f(&v);
            x[k][i] = v;
        }
    }
}

static void part(mm_comp *c, const float *const *in, float *const *out,
                 const float *const *key, int ndet, int fast, int i0, int n)
{
    const int nch = c->nch;
    double x[MM_COMP_MAXCH][MM_COMP_PART];
    double lev[MM_COMP_MAXCH][MM_COMP_PART];
    double r[MM_COMP_MAXCH][MM_COMP_PART];

    /* every input of the part before any output */
    part_inputs(nch, in, i0, n, x);
    part_levels(c, key ? key : in, ndet, i0, n, lev);
    if (fast) {
        part_reduce(c, ndet, n, lev, r[0]);
        mm_envelope *bal = &c->ch[0].bal;
        for (int i = 0; i < n; i++)
            r[0][i] = mm_envelope_follow(bal, r[0][i]);
    } else {
        for (int i = 0; i < n; i++) {
            double rr[MM_COMP_MAXCH], m = 0.0;
            for (int k = 0; k < nch; k++) {
                rr[k] = reduction(&c->ch[k].gc, lev[ndet == 1 ? 0 : k][i]);
                m = rr[k] > m ? rr[k] : m;
            }
            for (int k = 0; k < nch; k++)
                r[k][i] = mm_envelope_follow(&c->ch[k].bal,
                                             rr[k] + c->link * (m - rr[k]));
        }
    }
    part_out(c, (const double (*)[MM_COMP_PART])x,
             (const double (*)[MM_COMP_PART])r, fast, out, i0, n);
}

static int is_fast(const mm_comp *c, int ndet)
{
    return c->uniform && (c->link >= 1.0 || ndet == 1);
}

void mm_comp_process(mm_comp *c, const float *const *in,
                     float *const *out, const float *const *key, int nkey,
                     int n)
{
    int ndet = c->nch;
    if (key) {
        if (nkey < 1)
            key = NULL;
        else
            ndet = nkey >= c->nch ? c->nch : 1;
    }
    const int fast = is_fast(c, ndet);
    for (int i = 0; i < n; i += MM_COMP_PART)
        part(c, in, out, key, ndet, fast, i,
             n - i < MM_COMP_PART ? n - i : MM_COMP_PART);
    finish_block(c, fast);
}

void mm_comp_process_many(mm_comp *const *cs, int ncomp,
                          const float *const *const *in,
                          float *const *const *out, int n)
{
    if (ncomp > MM_COMP_MANY)
        ncomp = MM_COMP_MANY;
    int fast[MM_COMP_MANY];
    for (int b = 0; b < ncomp; b++)
        fast[b] = is_fast(cs[b], cs[b]->nch);
    for (int i0 = 0; i0 < n; i0 += MM_COMP_PART) {
        const int m = n - i0 < MM_COMP_PART ? n - i0 : MM_COMP_PART;
        double v[MM_COMP_MANY][MM_COMP_PART];
        mm_envelope *bal[MM_COMP_MANY];
        int nf = 0, idx[MM_COMP_MANY];
        for (int b = 0; b < ncomp; b++) {
            mm_comp *c = cs[b];
            if (!fast[b]) { /* per-channel ballistics: alone */
                part(c, in[b], out[b], NULL, c->nch, 0, i0, m);
                continue;
            }
            double lev[MM_COMP_MAXCH][MM_COMP_PART];
            part_levels(c, in[b], c->nch, i0, m, lev);
            part_reduce(c, c->nch, m, lev, v[nf]);
            bal[nf] = &c->ch[0].bal;
            idx[nf++] = b;
        }
        /* the ballistics: one recursion per compressor, side by side */
        for (int i = 0; i < m; i++)
            for (int j = 0; j < nf; j++)
                v[j][i] = mm_envelope_follow(bal[j], v[j][i]);
        for (int j = 0; j < nf; j++) {
            mm_comp *c = cs[idx[j]];
            double x[MM_COMP_MAXCH][MM_COMP_PART];
            part_inputs(c->nch, in[idx[j]], i0, m, x);
            part_out(c, (const double (*)[MM_COMP_PART])x,
                     (const double (*)[MM_COMP_PART])&v[j], 1, out[idx[j]],
                     i0, m);
        }
    }
    for (int b = 0; b < ncomp; b++)
        finish_block(cs[b], fast[b]);
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
