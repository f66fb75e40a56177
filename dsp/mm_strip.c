#include "mm_strip.h"

#define BUTTER_Q 0.7071067811865476
#define C MM_STRIP_CHUNK

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
    s->panlaw = MM_PAN_LAW_DEFAULT;
    s->hpfslope = 12;
    s->eq_on = s->comp_on = 1;
    s->gate_db = -100.0;
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
    mm_comp_set(&s->comp, MM_COMP_RATIO, 1.0);
    mm_smoother_init(&s->trim, MM_SMOOTHER_TAU_MS, samplerate, 1.0);
    mm_smoother_init(&s->gl, MM_SMOOTHER_TAU_MS, samplerate, 1.0);
    mm_smoother_init(&s->gr, MM_SMOOTHER_TAU_MS, samplerate, 1.0);
    mm_smoother_init(&s->gate_mix, MM_SMOOTHER_TAU_MS, samplerate, 0.0);
    mm_smoother_init(&s->comp_mix, MM_SMOOTHER_TAU_MS, samplerate, 1.0);
    s->duck_len = (int)(MM_STRIP_DUCK_MS * 0.001 * samplerate + 0.5);
    update_filters(s);
    update_eq(s);
    update_trim(s);
    update_out(s);
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

void mm_strip_set_trim(mm_strip *s, double db)
{
    s->trim_db = mm_clamp_d(db, -24.0, 24.0);
    update_trim(s);
}

void mm_strip_set_phase(mm_strip *s, int on)
{
    s->phase = on != 0;
    update_trim(s);
}

void mm_strip_set_hpf(mm_strip *s, double hz)
{
    s->hpf = hz <= 0.0 ? 0.0 : mm_clamp_d(hz, 10.0, 2000.0);
    update_filters(s);
}

void mm_strip_set_hpfslope(mm_strip *s, int db_per_oct)
{
    s->hpfslope = db_per_oct >= 18 ? 24 : 12;
    update_filters(s);
}

void mm_strip_set_lpf(mm_strip *s, double hz)
{
    s->lpf = hz <= 0.0 ? 0.0 : mm_clamp_d(hz, 1000.0, 22000.0);
    update_filters(s);
}

void mm_strip_set_gate(mm_strip *s, double db)
{
    s->gate_db = mm_clamp_d(db, -100.0, 0.0);
    if (s->gate_db > -100.0) {
        mm_gate_set(&s->gate, MM_GATE_THRESHOLD, s->gate_db);
        mm_smoother_set(&s->gate_mix, 1.0);
    } else {
        mm_smoother_set(&s->gate_mix, 0.0);
    }
}

void mm_strip_set_gate_param(mm_strip *s, mm_gate_param p, double v)
{
    if (p != MM_GATE_THRESHOLD)
        mm_gate_set(&s->gate, p, v);
}

void mm_strip_set_band(mm_strip *s, int b, double freq, double gain_db,
                       double q)
{
    if (b < 0 || b > 3)
        return;
    s->band[b].freq = freq;
    s->band[b].gain = gain_db;
    if (q > 0.0)
        s->band[b].q = q;
    update_eq(s);
}

void mm_strip_set_eq(mm_strip *s, int on)
{
    s->eq_on = on != 0;
    update_eq(s);
}

void mm_strip_set_comp_param(mm_strip *s, mm_comp_param p, double v)
{
    mm_comp_set(&s->comp, p, v);
}

void mm_strip_set_comp(mm_strip *s, int on)
{
    s->comp_on = on != 0;
    mm_smoother_set(&s->comp_mix, s->comp_on ? 1.0 : 0.0);
}

void mm_strip_set_order(mm_strip *s, int comp_first)
{
    s->order = comp_first != 0;
}

void mm_strip_set_pan(mm_strip *s, double pan)
{
    s->pan = mm_clamp_d(pan, -100.0, 100.0);
    update_out(s);
}

void mm_strip_set_panlaw(mm_strip *s, double db)
{
    s->panlaw = mm_clamp_d(db, 0.0, 6.0);
    update_out(s);
}

void mm_strip_set_fader(mm_strip *s, double db)
{
    s->fader_db = mm_clamp_d(db, -100.0, 12.0);
    update_out(s);
}

void mm_strip_set_mute(mm_strip *s, int on)
{
    s->mute = on != 0;
    update_out(s);
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
