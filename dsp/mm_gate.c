#include "mm_gate.h"

#define ROW(name, id, unit, range, flags, doc)                                \
    {name, MM_GATE_##id, MM_P_FLOAT, unit, range, flags, 0, NULL, doc},

static const mm_paramdef gate_rows[] = {
    {"threshold", MM_GATE_THRESHOLD, MM_P_FLOAT, "dB", MM_GATE_R_THRESHOLD,
     0, 0, NULL, "opens above this peak level"},
    MM_GATE_SHARED_ROWS(ROW)
    {"hysteresis", MM_GATE_HYSTERESIS, MM_P_FLOAT, "dB",
     MM_GATE_R_HYSTERESIS, 0, 0, NULL, "closes below threshold minus this"},
};

#undef ROW

const mm_paramtable mm_gate_table = MM_PARAMTABLE("gate", gate_rows);

void mm_gatesm_init(mm_gatesm *s)
{
    s->state = MM_GATESM_CLOSED;
    s->hold_left = 0;
    s->hold_samples = 0;
    s->open_lin = s->close_lin = 0.0;
}

void mm_gatesm_set(mm_gatesm *s, double threshold_db, double hysteresis_db,
                   double hold_ms, double samplerate)
{
    s->open_lin = mm_db_to_gain(threshold_db);
    s->close_lin = mm_db_to_gain(threshold_db - hysteresis_db);
    s->hold_samples = (long)(hold_ms * 0.001 * samplerate + 0.5);
    if (s->state == MM_GATESM_HOLD && s->hold_left > s->hold_samples)
        s->hold_left = s->hold_samples;
}

static void update(mm_gate *g)
{
    mm_gatesm_set(&g->sm, g->value[MM_GATE_THRESHOLD],
                  g->value[MM_GATE_HYSTERESIS], g->value[MM_GATE_HOLD],
                  g->samplerate);
    g->a_att = mm_onepole_coef(g->value[MM_GATE_ATTACK], g->samplerate);
    g->a_rel = mm_onepole_coef(g->value[MM_GATE_RELEASE], g->samplerate);
    g->closed_gain = mm_db_to_gain(g->value[MM_GATE_RANGE]);
}

int mm_gate_init(mm_gate *g, int nch, double samplerate)
{
    if (nch < 1 || nch > MM_GATE_MAXCH)
        return MM_E_ARG;
    samplerate = mm_samplerate_or_default(samplerate);
    *g = (mm_gate){.nch = nch, .samplerate = samplerate};
    mm_param_defaults(&mm_gate_table, g->value, MM_GATE_NPARAMS);
    mm_gatesm_init(&g->sm);
    for (int k = 0; k < MM_GATE_MAXCH; k++)
        mm_envelope_init(&g->det[k], samplerate);
    update(g);
    mm_gate_reset(g);
    g->gain = g->closed_gain;
    return MM_OK;
}

void mm_gate_free(mm_gate *g)
{
    (void)g;
}

void mm_gate_reset(mm_gate *g)
{
    g->sm.state = MM_GATESM_CLOSED;
    g->sm.hold_left = 0;
    for (int k = 0; k < MM_GATE_MAXCH; k++)
        mm_envelope_reset(&g->det[k]);
}

int mm_gate_set_samplerate(mm_gate *g, double samplerate)
{
    if (!(samplerate > 0.0) || !mm_isfinite_d(samplerate))
        return MM_E_RANGE;
    g->samplerate = samplerate;
    for (int k = 0; k < MM_GATE_MAXCH; k++)
        mm_envelope_set_samplerate(&g->det[k], samplerate);
    update(g);
    return MM_OK;
}

double mm_gate_set(mm_gate *g, mm_gate_param p, double v)
{
    if (!mm_param_take(&mm_gate_table, (int)p, &v))
        return 0.0;
    g->value[p] = v;
    update(g);
    return v;
}

double mm_gate_get(const mm_gate *g, mm_gate_param p)
{
    if ((int)p < 0 || p >= MM_GATE_NPARAMS)
        return 0.0;
    return g->value[p];
}

int mm_gate_latency(const mm_gate *g)
{
    (void)g;
    return 0;
}

void mm_gate_process(mm_gate *g, const float *const *in, float *const *out,
                     const float *const *key, int nkey, int n)
{
    const int nch = g->nch;
    if (!key || nkey < 1) {
        key = NULL;
        nkey = nch;
    }
    if (nkey > MM_GATE_MAXCH)
        nkey = MM_GATE_MAXCH;
    float x[MM_GATE_MAXCH];
    double gain = g->gain;
    for (int i = 0; i < n; i++) {
        double level = 0.0;
        for (int k = 0; k < nch; k++) {
            x[k] = in[k][i];
            mm_sanitize_f(&x[k]);
        }
        for (int k = 0; k < nkey; k++) {
            float v = key ? key[k][i] : x[k];
            mm_sanitize_f(&v);
            double a = mm_envelope_detect(&g->det[k], v);
            level = a > level ? a : level;
        }
        double target = mm_gatesm_tick(&g->sm, level) ? 1.0 : g->closed_gain;
        if (gain < target) { /* opening (or a shallower range) */
            gain = target + g->a_att * (gain - target);
            if (target - gain < 1e-9)
                gain = target;
        } else if (gain > target) { /* closing: an exponential decay */
            gain *= g->a_rel;
            if (gain < target)
                gain = target;
        }
        for (int k = 0; k < nch; k++)
            out[k][i] = (float)(x[k] * gain);
    }
    int nf = 0;
    for (int k = 0; k < nkey; k++)
        nf |= mm_envelope_flush(&g->det[k]);
    if (nf || !mm_isfinite_d(gain)) {
        mm_gate_reset(g);
        g->gain = g->closed_gain;
        g->nonfinite++;
        return;
    }
    g->gain = gain;
}

void mm_gate_snap(mm_gate *g)
{
    g->gain = g->sm.state != MM_GATESM_CLOSED ? 1.0 : g->closed_gain;
}

double mm_gate_gain_db(const mm_gate *g)
{
    return mm_gain_to_db(g->gain);
}

int mm_gate_is_open(const mm_gate *g)
{
    return g->sm.state != MM_GATESM_CLOSED;
}

/* ---- the lifecycle record (mm_core.h) ---- */

MM_CORE_VERBS(gate)
MM_CORE_SNAP(gate)

static void gate_core_process(void *s, const float *const *in,
                              float *const *out, const float *key, int n)
{
    mm_gate_process(s, in, out, key ? &key : NULL, 1, n); /* one key */
}

const mm_core mm_gate_core = {MM_CORE_FIELDS(gate), .maxch = MM_GATE_MAXCH,
                              .snap = gate_core_snap,
                              .process = gate_core_process};
