#include "mm_strip.h"

#define BUTTER_Q 0.7071067811865476
#define C MM_STRIP_CHUNK

/* The min or the max of a module's range macro (min, max, default), for
 * the rows that share a range with mm_comp or mm_gate but have a default
 * of their own here. */
#define RMIN_(lo, hi, def) lo
#define RMAX_(lo, hi, def) hi
#define RMIN(r) RMIN_(r)
#define RMAX(r) RMAX_(r)

static const char *const slope_words[] = {"12", "24", NULL};
static const char *const order_words[] = {"eq-comp", "comp-eq", NULL};
/* the pan laws a console offers: the drop of each side at the centre */
static const char *const panlaw_words[] = {"0", "3", "4.5", "6", NULL};
static const double panlaw_db[] = {0.0, 3.0, 4.5, 6.0};

/* rows defined once in mm_comp.h and mm_gate.h, with strip's ids (the
 * gate's names prefixed: gaterange, gateattack, ...) */
#define COMP_ROW(name, id, unit, range, flags, doc)                           \
    {name, MM_STRIP_##id, MM_P_FLOAT, unit, range, flags, 0, NULL, doc},
#define GATE_ROW(name, id, unit, range, flags, doc)                           \
    {"gate" name, MM_STRIP_GATE##id, MM_P_FLOAT, unit, range, flags, 0, NULL, \
     doc},

static const mm_paramdef strip_rows[] = {
    {"trim", MM_STRIP_TRIM, MM_P_FLOAT, "dB", -24, 24, 0, 0, 0, NULL,
     "input gain"},
    {"phase", MM_STRIP_PHASE, MM_P_BOOL, "", 0, 1, 0, 0, 0, NULL,
     "1 inverts the polarity"},
    {"hpf", MM_STRIP_HPF, MM_P_FLOAT, "Hz", 10, 2000, 0, MM_P_OFF, 0, NULL,
     "high-pass corner, 0 = off (Butterworth)"},
    {"hpfslope", MM_STRIP_HPFSLOPE, MM_P_CHOICE, "dB/oct", 0, 1, 0, 0, 0,
     slope_words, "high-pass slope, 12 or 24 dB/oct"},
    {"lpf", MM_STRIP_LPF, MM_P_FLOAT, "Hz", 1000, 22000, 0, MM_P_OFF, 0,
     NULL, "low-pass corner, 0 = off (12 dB/oct Butterworth)"},
    {"gate", MM_STRIP_GATE, MM_P_FLOAT, "dB", RMIN(MM_GATE_R_THRESHOLD),
     RMAX(MM_GATE_R_THRESHOLD), RMIN(MM_GATE_R_THRESHOLD), 0, 0, NULL,
     "gate threshold, the bottom (-100) = off"},
    MM_GATE_SHARED_ROWS(GATE_ROW)
    {"eq", MM_STRIP_EQ, MM_P_BOOL, "", 0, 1, 1, 0, 0, NULL,
     "0 switches the EQ out (crossfaded)"},
    {"threshold", MM_STRIP_THRESHOLD, MM_P_FLOAT, "dB", MM_COMP_R_THRESHOLD,
     0, 0, NULL, "compressor threshold"},
    {"ratio", MM_STRIP_RATIO, MM_P_FLOAT, "", RMIN(MM_COMP_R_RATIO),
     RMAX(MM_COMP_R_RATIO), 1, 0, 0, NULL,
     "compressor ratio N:1 (1 = no compression)"},
    MM_COMP_SHARED_ROWS(COMP_ROW)
    MM_COMP_SCHPF_ROW(COMP_ROW)
    {"comp", MM_STRIP_COMP, MM_P_BOOL, "", 0, 1, 1, 0, 0, NULL,
     "0 switches the compressor out (crossfaded)"},
    {"order", MM_STRIP_ORDER, MM_P_CHOICE, "", 0, 1, 0, 0, 0, order_words,
     "EQ then compressor, or the other way round"},
    {"pan", MM_STRIP_PAN, MM_P_FLOAT, "", -100, 100, 0, 0, 0, NULL,
     "pan (mono strip) or balance (stereo strip), -100 left .. 100 right"},
    {"panlaw", MM_STRIP_PANLAW, MM_P_CHOICE, "dB", 0, 3, 1, 0, 0,
     panlaw_words, "drop of each side at the centre"},
    {"fader", MM_STRIP_FADER, MM_P_FLOAT, "dB", -100, 12, 0, 0, 0, NULL,
     "output level, -100 = silent"},
    {"mute", MM_STRIP_MUTE, MM_P_BOOL, "", 0, 1, 0, 0, 0, NULL,
     "1 silences the output (ramped)"},
};

#undef COMP_ROW
#undef GATE_ROW

const mm_paramtable mm_strip_table = MM_PARAMTABLE("strip", strip_rows);

/* The arguments of the EQ band messages (low, lowmid, highmid, high):
 * <Hz> <dB>, and <q> for the bells. */
static const mm_paramdef band_arg_rows[] = {
    {"frequency", MM_STRIP_ARG_FREQ, MM_P_FLOAT, "Hz", MM_STRIP_BAND_FMIN,
     MM_STRIP_BAND_FMAX, 1000, 0, 0, NULL, "centre or corner"},
    {"gain", MM_STRIP_ARG_GAIN, MM_P_FLOAT, "dB", MM_STRIP_BAND_GMIN,
     MM_STRIP_BAND_GMAX, 0, 0, 0, NULL, "boost or cut"},
    {"q", MM_STRIP_ARG_Q, MM_P_FLOAT, "", MM_STRIP_BAND_QMIN,
     MM_STRIP_BAND_QMAX, 1, 0, 0, NULL, "the bells' bandwidth"},
};

const mm_paramtable mm_strip_band_args =
    MM_PARAMTABLE("strip band", band_arg_rows);
/* the shelves take no q */
const mm_paramtable mm_strip_shelf_args = {"strip band", band_arg_rows, 2};

/* the comp and gate parameter behind a strip row */
static const mm_comp_param comp_of[] = {
    MM_COMP_THRESHOLD, MM_COMP_RATIO, MM_COMP_ATTACK, MM_COMP_RELEASE,
    MM_COMP_KNEE, MM_COMP_MAKEUP, MM_COMP_SCHPF};
static const mm_gate_param gate_of[] = {
    MM_GATE_RANGE, MM_GATE_ATTACK, MM_GATE_HOLD, MM_GATE_RELEASE};

static void update_filters(mm_strip *s)
{
    if (s->hpf > 0.0) {
        if (s->hpfslope >= 24) {
            mm_eq_set_band(&s->filt, 0, MM_FD_HIGHPASS, s->hpf, 0,
                           mm_fd_butterworth_q(4, 0));
            mm_eq_set_band(&s->filt, 1, MM_FD_HIGHPASS, s->hpf, 0,
                           mm_fd_butterworth_q(4, 1));
        } else {
            mm_eq_set_band(&s->filt, 0, MM_FD_HIGHPASS, s->hpf, 0, BUTTER_Q);
            mm_eq_band_off(&s->filt, 1);
        }
    } else {
        mm_eq_band_off(&s->filt, 0);
        mm_eq_band_off(&s->filt, 1);
    }
    if (s->lpf > 0.0)
        mm_eq_set_band(&s->filt, 2, MM_FD_LOWPASS, s->lpf, 0, BUTTER_Q);
    else
        mm_eq_band_off(&s->filt, 2);
}

static const mm_fd_type band_type[4] = {MM_FD_LOWSHELF, MM_FD_BELL,
                                        MM_FD_BELL, MM_FD_HIGHSHELF};

static void update_eq(mm_strip *s)
{
    for (int b = 0; b < 4; b++) {
        if (!s->eq_on) {
            mm_eq_band_off(&s->eq, b);
            continue;
        }
        const mm_strip_eqband *e = &s->band[b];
        mm_eq_set_band(&s->eq, b, band_type[b], e->freq, e->gain,
                       b == MM_STRIP_LOW || b == MM_STRIP_HIGH ? BUTTER_Q
                                                               : e->q);
    }
}

static void update_trim(mm_strip *s)
{
    double g = mm_db_to_gain(s->trim_db);
    mm_smoother_set(&s->trim, s->phase ? -g : g);
}

static void update_out(mm_strip *s)
{
    double l, r;
    if (s->nin == 1)
        mm_pan_law(s->pan, s->panlaw, &l, &r);
    else
        mm_pan_balance(s->pan, &l, &r);
    double f = s->fader_db <= -100.0 ? 0.0 : mm_db_to_gain(s->fader_db);
    if (s->mute)
        f = 0.0;
    mm_smoother_set(&s->gl, l * f);
    mm_smoother_set(&s->gr, r * f);
}

int mm_strip_init(mm_strip *s, int nin, double samplerate)
{
    memset(s, 0, sizeof *s);
    if (nin < 1 || nin > 2 || !(samplerate > 0.0))
        return MM_E_RANGE;
    s->nin = nin;
    s->samplerate = samplerate;
    s->band[0] = (mm_strip_eqband){100.0, 0.0, BUTTER_Q};
    s->band[1] = (mm_strip_eqband){400.0, 0.0, 1.0};
    s->band[2] = (mm_strip_eqband){2500.0, 0.0, 1.0};
    s->band[3] = (mm_strip_eqband){8000.0, 0.0, BUTTER_Q};
    int r = mm_eq_init(&s->filt, nin, 3, samplerate);
    if (r != MM_OK)
        return r;
    r = mm_eq_init(&s->eq, nin, 4, samplerate);
    if (r != MM_OK) {
        mm_eq_free(&s->filt);
        return r;
    }
    mm_gate_init(&s->gate, nin, samplerate);
    mm_comp_init(&s->comp, nin, samplerate);
    mm_smoother_init(&s->trim, MM_SMOOTHER_TAU_MS, samplerate, 1.0);
    mm_smoother_init(&s->gl, MM_SMOOTHER_TAU_MS, samplerate, 1.0);
    mm_smoother_init(&s->gr, MM_SMOOTHER_TAU_MS, samplerate, 1.0);
    mm_smoother_init(&s->gate_mix, MM_SMOOTHER_TAU_MS, samplerate, 0.0);
    mm_smoother_init(&s->comp_mix, MM_SMOOTHER_TAU_MS, samplerate, 1.0);
    s->duck_len = (int)(MM_STRIP_DUCK_MS * 0.001 * samplerate + 0.5);
    for (int p = 0; p < MM_STRIP_NPARAMS; p++) /* the table's defaults */
        mm_strip_set(s, p, strip_rows[p].def);
    mm_strip_snap(s);
    return MM_OK;
}

void mm_strip_free(mm_strip *s)
{
    mm_eq_free(&s->filt);
    mm_eq_free(&s->eq);
    mm_gate_free(&s->gate);
    mm_comp_free(&s->comp);
}

void mm_strip_reset(mm_strip *s)
{
    mm_eq_reset(&s->filt);
    mm_eq_reset(&s->eq);
    mm_gate_reset(&s->gate);
    mm_comp_reset(&s->comp);
    s->inpeak = s->outpeak[0] = s->outpeak[1] = 0.0;
}

int mm_strip_set_samplerate(mm_strip *s, double samplerate)
{
    if (!(samplerate > 0.0))
        return MM_E_ARG;
    s->samplerate = samplerate;
    mm_eq_set_samplerate(&s->filt, samplerate);
    mm_eq_set_samplerate(&s->eq, samplerate);
    mm_gate_set_samplerate(&s->gate, samplerate);
    mm_comp_set_samplerate(&s->comp, samplerate);
    mm_smoother_set_samplerate(&s->trim, samplerate);
    mm_smoother_set_samplerate(&s->gl, samplerate);
    mm_smoother_set_samplerate(&s->gr, samplerate);
    mm_smoother_set_samplerate(&s->gate_mix, samplerate);
    mm_smoother_set_samplerate(&s->comp_mix, samplerate);
    s->duck_len = (int)(MM_STRIP_DUCK_MS * 0.001 * samplerate + 0.5);
    return MM_OK;
}

void mm_strip_snap(mm_strip *s)
{
    mm_eq_snap(&s->filt);
    mm_eq_snap(&s->eq);
    mm_comp_snap(&s->comp);
    mm_smoother_snap(&s->trim, s->trim.target);
    mm_smoother_snap(&s->gl, s->gl.target);
    mm_smoother_snap(&s->gr, s->gr.target);
    mm_smoother_snap(&s->gate_mix, s->gate_mix.target);
    mm_smoother_snap(&s->comp_mix, s->comp_mix.target);
    s->cur_order = s->order;
    s->duck = 0;
}

static void set_gate(mm_strip *s, double db)
{
    s->gate_db = db;
    if (s->gate_db > RMIN(MM_GATE_R_THRESHOLD)) {
        mm_gate_set(&s->gate, MM_GATE_THRESHOLD, s->gate_db);
        mm_smoother_set(&s->gate_mix, 1.0);
    } else {
        mm_smoother_set(&s->gate_mix, 0.0);
    }
}

double mm_strip_set(mm_strip *s, int id, double v)
{
    if (!mm_param_take(&mm_strip_table, (int)id, &v))
        return 0.0;
    switch ((mm_strip_param)id) {
    case MM_STRIP_TRIM: s->trim_db = v; update_trim(s); break;
    case MM_STRIP_PHASE: s->phase = v != 0; update_trim(s); break;
    case MM_STRIP_HPF: s->hpf = v; update_filters(s); break;
    case MM_STRIP_HPFSLOPE:
        s->hpfslope = v > 0 ? 24 : 12;
        update_filters(s);
        break;
    case MM_STRIP_LPF: s->lpf = v; update_filters(s); break;
    case MM_STRIP_GATE: set_gate(s, v); break;
    case MM_STRIP_GATERANGE:
    case MM_STRIP_GATEATTACK:
    case MM_STRIP_GATEHOLD:
    case MM_STRIP_GATERELEASE:
        return mm_gate_set(&s->gate, gate_of[id - MM_STRIP_GATERANGE], v);
    case MM_STRIP_EQ: s->eq_on = v != 0; update_eq(s); break;
    case MM_STRIP_THRESHOLD:
    case MM_STRIP_RATIO:
    case MM_STRIP_ATTACK:
    case MM_STRIP_RELEASE:
    case MM_STRIP_KNEE:
    case MM_STRIP_MAKEUP:
    case MM_STRIP_SCHPF:
        return mm_comp_set(&s->comp, comp_of[id - MM_STRIP_THRESHOLD], v);
    case MM_STRIP_COMP:
        s->comp_on = v != 0;
        mm_smoother_set(&s->comp_mix, s->comp_on ? 1.0 : 0.0);
        break;
    case MM_STRIP_ORDER: s->order = v != 0; break;
    case MM_STRIP_PAN: s->pan = v; update_out(s); break;
    case MM_STRIP_PANLAW:
        s->panlaw = panlaw_db[(int)v];
        update_out(s);
        break;
    case MM_STRIP_FADER: s->fader_db = v; update_out(s); break;
    case MM_STRIP_MUTE: s->mute = v != 0; update_out(s); break;
    default: break;
    }
    return v;
}

void mm_strip_set_band(mm_strip *s, int b, double freq, double gain_db,
                       double q)
{
    if (b < 0 || b > 3 || !mm_isfinite_d(freq) || !mm_isfinite_d(gain_db)
        || !mm_isfinite_d(q))
        return;
    s->band[b].freq = mm_clamp_d(freq, MM_STRIP_BAND_FMIN,
                                 MM_STRIP_BAND_FMAX);
    s->band[b].gain = mm_clamp_d(gain_db, MM_STRIP_BAND_GMIN,
                                 MM_STRIP_BAND_GMAX);
    if (MM_STRIP_BAND_HAS_Q(b) && q > 0.0)
        s->band[b].q = mm_clamp_d(q, MM_STRIP_BAND_QMIN, MM_STRIP_BAND_QMAX);
    update_eq(s);
}

void mm_strip_get_band(const mm_strip *s, int b, double *freq,
                       double *gain_db, double *q)
{
    if (b < 0 || b > 3)
        b = 0;
    *freq = s->band[b].freq;
    *gain_db = s->band[b].gain;
    *q = s->band[b].q;
}

/* a section (gate or compressor) blended in by its on/off smoother */
static void blend(mm_smoother *mix, float *const *x, float *const *y,
                  int nch, int n)
{
    if (mix->value == 1.0 && mix->target == 1.0) {
        for (int c = 0; c < nch; c++)
            memcpy(x[c], y[c], sizeof(float) * n);
        return;
    }
    for (int i = 0; i < n; i++) {
        double m = mm_smoother_next(mix);
        for (int c = 0; c < nch; c++)
            x[c][i] += (float)(m * (y[c][i] - x[c][i]));
    }
}

static int section_idle(const mm_smoother *mix)
{
    return mix->value == 0.0 && mix->target == 0.0;
}

static void run_eq(mm_strip *s, float *const *b, int m)
{
    mm_eq_process(&s->eq, (const float *const *)b, b, m);
}

static void run_comp(mm_strip *s, float *const *b, float *const *t,
                     const float *key, int m)
{
    if (section_idle(&s->comp_mix))
        return;
    const float *k[1] = {key};
    mm_comp_process(&s->comp, (const float *const *)b, t,
                    key ? k : NULL, key ? 1 : 0, m);
    blend(&s->comp_mix, b, t, s->nin, m);
}

void mm_strip_process(mm_strip *s, const float *const *in,
                      float *const *out, const float *key, int n)
{
    float buf[2][C], tmp[2][C], kbuf[C];
    float *b[2] = {buf[0], buf[1]}, *t[2] = {tmp[0], tmp[1]};
    int nch = s->nin;
    for (int done = 0; done < n; done += C) {
        int m = n - done < C ? n - done : C;
        /* input, meter, trim and phase */
        for (int c = 0; c < nch; c++)
            for (int i = 0; i < m; i++) {
                float x = in[c][done + i];
                if (!mm_isfinite_f(x)) {
                    x = 0.0f;
                    s->nonfinite++;
                } else if (fabsf(x) > MM_STRIP_MAXIN) {
                    /* absurd levels (a 1e30 glitch) would make the
                     * compressor and gate take seconds to recover */
                    x = x > 0 ? MM_STRIP_MAXIN : -MM_STRIP_MAXIN;
                    s->nonfinite++;
                }
                double a = fabs(x);
                if (a > s->inpeak)
                    s->inpeak = a;
                buf[c][i] = x;
            }
        const float *kp = NULL;
        if (key) {
            for (int i = 0; i < m; i++) {
                float x = key[done + i];
                kbuf[i] = !mm_isfinite_f(x) ? 0.0f
                          : (x > MM_STRIP_MAXIN ? MM_STRIP_MAXIN
                             : (x < -MM_STRIP_MAXIN ? -MM_STRIP_MAXIN : x));
            }
            kp = kbuf;
        }
        if (mm_smoother_moving(&s->trim) || s->trim.value != 1.0) {
            for (int i = 0; i < m; i++) {
                double g = mm_smoother_next(&s->trim);
                for (int c = 0; c < nch; c++)
                    buf[c][i] = (float)(buf[c][i] * g);
            }
        }
        /* filters, gate */
        mm_eq_process(&s->filt, (const float *const *)b, b, m);
        if (!section_idle(&s->gate_mix)) {
            mm_gate_process(&s->gate, (const float *const *)b, t, NULL, 0, m);
            blend(&s->gate_mix, b, t, nch, m);
        }
        /* EQ and compressor */
        if (s->duck == 0 && s->cur_order != s->order)
            s->duck = 2 * s->duck_len;
        if (s->cur_order == 0) {
            run_eq(s, b, m);
            run_comp(s, b, t, kp, m);
        } else {
            run_comp(s, b, t, kp, m);
            run_eq(s, b, m);
        }
        /* pan or balance, fader, mute (and the order dip) */
        for (int i = 0; i < m; i++) {
            double gl = mm_smoother_next(&s->gl);
            double gr = mm_smoother_next(&s->gr);
            if (s->duck > 0) {
                double d = s->duck > s->duck_len
                               ? (double)(s->duck - s->duck_len) / s->duck_len
                               : 1.0 - (double)s->duck / s->duck_len;
                if (s->duck == s->duck_len)
                    s->cur_order = s->order; /* at the bottom of the dip */
                s->duck--;
                gl *= d;
                gr *= d;
            }
            float xl = buf[0][i], xr = nch == 2 ? buf[1][i] : buf[0][i];
            float yl = (float)(xl * gl), yr = (float)(xr * gr);
            if (fabsf(yl) > s->outpeak[0])
                s->outpeak[0] = fabsf(yl);
            if (fabsf(yr) > s->outpeak[1])
                s->outpeak[1] = fabsf(yr);
            out[0][done + i] = yl;
            out[1][done + i] = yr;
        }
    }
}

double mm_strip_take_inpeak(mm_strip *s)
{
    double v = mm_gain_to_db(s->inpeak);
    s->inpeak = 0.0;
    return v;
}

void mm_strip_take_outpeak(mm_strip *s, double *l, double *r)
{
    *l = mm_gain_to_db(s->outpeak[0]);
    *r = mm_gain_to_db(s->outpeak[1]);
    s->outpeak[0] = s->outpeak[1] = 0.0;
}

double mm_strip_take_gr(mm_strip *s)
{
    double g = mm_comp_take_gr(&s->comp);
    return section_idle(&s->comp_mix) ? 0.0 : g;
}

double mm_strip_gating(const mm_strip *s)
{
    if (section_idle(&s->gate_mix))
        return 0.0;
    return mm_gate_gain_db(&s->gate) * s->gate_mix.value;
}

void mm_strip_eq_curve(const mm_strip *s, float *db, int n, double fmin,
                       double fmax)
{
    float tmp[1024];
    if (n > 1024)
        n = 1024;
    mm_eq_curve(&s->filt, db, n, fmin, fmax);
    mm_eq_curve(&s->eq, tmp, n, fmin, fmax);
    for (int i = 0; i < n; i++)
        db[i] += tmp[i];
}

void mm_strip_comp_curve(const mm_strip *s, float *y, int n, double lo_db,
                         double hi_db)
{
    if (s->comp_on) {
        mm_comp_curve(&s->comp, 0, y, n, lo_db, hi_db);
    } else {
        for (int i = 0; i < n; i++)
            y[i] = (float)(n > 1 ? lo_db + (hi_db - lo_db) * i / (n - 1)
                                 : lo_db);
    }
}

/* ---- the lifecycle record (mm_core.h) ---- */

MM_CORE_VERBS(strip)
MM_CORE_SNAP(strip)

static void strip_core_process(void *s, const float *const *in,
                               float *const *out, const float *key, int n)
{
    mm_strip_process(s, in, out, key, n);
}

const mm_core mm_strip_core = {MM_CORE_FIELDS(strip), .maxch = 2,
                               .snap = strip_core_snap,
                               .process = strip_core_process};
