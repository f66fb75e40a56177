/* mm_leveler.c: the loudness rider (mm_leveler.h). */
#include "mm_leveler.h"
#include <stdlib.h>

static const mm_paramdef leveler_rows[] = {
    {"target", MM_LEVELER_TARGET, MM_P_FLOAT, "LUFS", MM_LEVELER_R_TARGET,
     0, 0, NULL, "loudness the gain rides toward"},
    {"speed", MM_LEVELER_SPEED, MM_P_FLOAT, "dB/s", MM_LEVELER_R_SPEED, 0,
     0, NULL, "largest rate of gain change"},
    {"maxboost", MM_LEVELER_MAXBOOST, MM_P_FLOAT, "dB",
     MM_LEVELER_R_MAXBOOST, 0, 0, NULL, "most the gain rises"},
    {"maxcut", MM_LEVELER_MAXCUT, MM_P_FLOAT, "dB", MM_LEVELER_R_MAXCUT, 0,
     0, NULL, "most the gain falls"},
    {"window", MM_LEVELER_WINDOW, MM_P_FLOAT, "ms", MM_LEVELER_R_WINDOW, 0,
     0, NULL, "K-weighted loudness window it steers by"},
    {"gate", MM_LEVELER_GATE, MM_P_FLOAT, "LU", MM_LEVELER_R_GATE, 0, 0,
     NULL, "below target + gate the gain holds"},
    {"freeze", MM_LEVELER_FREEZE, MM_P_BOOL, "", MM_LEVELER_R_FREEZE, 0, 0,
     NULL, "1 holds the gain now"},
    {"gain", MM_LEVELER_GAIN, MM_P_FLOAT, "dB", MM_LEVELER_R_GAIN, 0, 0,
     NULL, "sets the gain at once, within the limits"},
};

const mm_paramtable mm_leveler_table = MM_PARAMTABLE("leveler", leveler_rows);

static inline int ring_at(const mm_leveler *l, int back)
{
    /* the entry written `back` sub-blocks before the next write */
    int i = l->head - back;
    return i < 0 ? i + l->cap : i;
}

static inline int imin(int a, int b) { return a < b ? a : b; }

/* The running sums, exactly, from the ring (after a threshold or window
 * change, when a large value left a sum, once per ring turn). */
static void remeasure(mm_leveler *l)
{
    int nw = imin(l->win, l->seen), nm = imin(l->moment, l->seen);
    l->sum_win = l->sum_moment = l->sum_gated = l->peak = 0.0;
    l->n_gated = 0;
    for (int j = 1; j <= nw; j++) {
        int o = ring_at(l, j);
        l->sum_win += l->plain[o];
        if (l->plain[o] > l->peak)
            l->peak = l->plain[o];
        if (j <= nm)
            l->sum_moment += l->plain[o];
        if (l->plain[o] >= l->thr) {
            l->sum_gated += l->robust[o];
            l->n_gated++;
        }
    }
}

/* Sub-block counts and the gate's energy for the current settings. */
static void configure(mm_leveler *l)
{
    double per_ms = l->samplerate / 1000.0 / l->sub; /* sub-blocks per ms */
    l->moment = (int)lround(MM_LEVELER_MOMENT_MS * per_ms);
    l->win = (int)lround(l->value[MM_LEVELER_WINDOW] * per_ms);
    if (l->moment < 1)
        l->moment = 1;
    if (l->win < l->moment)
        l->win = l->moment;
    if (l->win > l->cap - 1)
        l->win = l->cap - 1;
    double lg = l->value[MM_LEVELER_TARGET] + l->value[MM_LEVELER_GATE];
    l->thr = l->sub * pow(10.0, (lg - MM_KWEIGHT_OFFSET_DB) / 10.0);
    remeasure(l);
}

/* Ride from `from` to `to` dB over the next sub-block. */
static void ramp(mm_leveler *l, double from, double to)
{
    l->g_from = from;
    l->g_to = to;
    l->lin_to = mm_db_to_gain(to);
    l->ratio = to == from ? 1.0 : pow(10.0, (to - from) / (20.0 * l->sub));
}

static void jump_gain(mm_leveler *l, double db)
{
    ramp(l, db, db);
    l->lin = l->lin_to;
}

static double limit(const mm_leveler *l, double db)
{
    return mm_clamp_d(db, -l->value[MM_LEVELER_MAXCUT],
                      l->value[MM_LEVELER_MAXBOOST]);
}

void mm_leveler_reset(mm_leveler *l)
{
    for (int k = 0; k < l->nch; k++)
        mm_kweight_reset(&l->kw[k]);
    l->pos = 0;
    l->acc = 0.0;
    l->head = l->seen = 0;
    remeasure(l);
    jump_gain(l, mm_leveler_gain_db(l)); /* hold where it is */
}

/* Rate-dependent state: filters, sub-block length, rings. */
static int use_rate(mm_leveler *l, double samplerate)
{
    if (!mm_isfinite_d(samplerate) || !(samplerate > 4000.0)
        || samplerate > 1e7)
        return MM_E_ARG;
    int sub = (int)lround(samplerate * MM_LEVELER_SUB_MS / 1000.0);
    int cap = (int)ceil(MM_LEVELER_WINDOW_MAX_MS * samplerate / 1000.0 / sub)
              + 1;
    if (cap > l->alloc) { /* both rings in one block: plain, then robust */
        double *rings = calloc(2 * (size_t)cap, sizeof *rings);
        if (!rings)
            return MM_E_NOMEM;
        free(l->plain);
        l->plain = rings;
        l->robust = rings + cap;
        l->alloc = cap;
    }
    l->samplerate = samplerate;
    l->sub = sub;
    l->cap = cap;
    for (int k = 0; k < l->nch; k++)
        mm_kweight_set_samplerate(&l->kw[k], samplerate);
    l->head = l->seen = 0;
    configure(l);
    mm_leveler_reset(l);
    return MM_OK;
}

int mm_leveler_init(mm_leveler *l, int nch, double samplerate)
{
    memset(l, 0, sizeof *l);
    if (nch < 1 || nch > MM_LEVELER_MAXCH)
        return MM_E_ARG;
    if (!mm_isfinite_d(samplerate) || !(samplerate > 4000.0)
        || samplerate > 1e7)
        samplerate = 48000.0;
    l->nch = nch;
    mm_param_defaults(&mm_leveler_table, l->value, MM_LEVELER_NPARAMS);
    l->spike = pow(10.0, MM_LEVELER_SPIKE_DB / 10.0);
    for (int k = 0; k < nch; k++)
        mm_kweight_init(&l->kw[k], samplerate);
    jump_gain(l, l->value[MM_LEVELER_GAIN]);
    int rc = use_rate(l, samplerate);
    if (rc != MM_OK)
        mm_leveler_free(l);
    return rc;
}

void mm_leveler_free(mm_leveler *l)
{
    free(l->plain); /* the robust ring lives in the same block */
    l->plain = l->robust = NULL;
    l->alloc = l->cap = 0;
}

int mm_leveler_set_samplerate(mm_leveler *l, double samplerate)
{
    return use_rate(l, samplerate);
}

double mm_leveler_set(mm_leveler *l, mm_leveler_param id, double v)
{
    if (!mm_param_take(&mm_leveler_table, (int)id, &v))
        return 0.0;
    if (id == MM_LEVELER_GAIN) {
        v = limit(l, v);
        jump_gain(l, v);
    }
    l->value[id] = v;
    switch (id) {
    case MM_LEVELER_TARGET:
    case MM_LEVELER_GATE:
    case MM_LEVELER_WINDOW:
        configure(l);
        break;
    case MM_LEVELER_MAXBOOST:
    case MM_LEVELER_MAXCUT: {
        double now = mm_leveler_gain_db(l);
        if (limit(l, now) != now || limit(l, l->g_to) != l->g_to)
            jump_gain(l, limit(l, now));
        break;
    }
    default:
        break;
    }
    return v;
}

double mm_leveler_get(const mm_leveler *l, mm_leveler_param id)
{
    if ((int)id < 0 || id >= MM_LEVELER_NPARAMS)
        return 0.0;
    return id == MM_LEVELER_GAIN ? mm_leveler_gain_db(l) : l->value[id];
}

int mm_leveler_latency(const mm_leveler *l)
{
    (void)l;
    return 0;
}

/* The gain for the next sub-block, from the measurement. */
static void decide(mm_leveler *l)
{
    double g = l->g_to, next = g;
    const double *v = l->value;
    /* enough to go by: 400 ms measured, 200 ms of it above the gate */
    if (!v[MM_LEVELER_FREEZE] && l->seen >= l->moment
        && 2 * l->n_gated >= l->moment) {
        int nw = imin(l->win, l->seen), nm = imin(l->moment, l->seen);
        double gate = v[MM_LEVELER_TARGET] + v[MM_LEVELER_GATE];
        double lw = mm_kweight_lufs(l->sum_win / ((double)nw * l->sub));
        double lm = mm_kweight_lufs(l->sum_moment / ((double)nm * l->sub));
        if (lw >= gate && lm >= gate) {
            double ls = mm_kweight_lufs(l->sum_gated
                                        / ((double)l->n_gated * l->sub));
            double d = limit(l, v[MM_LEVELER_TARGET] - ls);
            double step = v[MM_LEVELER_SPEED] * l->sub / l->samplerate;
            next = limit(l, g + mm_clamp_d(d - g, -step, step));
        }
    }
    ramp(l, g, next);
}

/* 1 when a sum may be mostly rounding residue of the largest value it
 * has held (what is left after loud entries went is that much smaller) */
static inline int residue(const mm_leveler *l, double sum)
{
    return sum < 0.0 || sum < 1e-6 * l->peak;
}

/* Spike limit for the next sub-block: `spike` x the larger of the
 * window's and the last 400 ms's mean, both without the last
 * MM_LEVELER_SPIKE_LAG sub-blocks (a burst does not raise its own
 * limit; a new loud passage raises it within the 400 ms). */
#define MM_LEVELER_SPIKE_LAG 4

static double spike_limit(const mm_leveler *l)
{
    int nw = imin(l->win, l->seen), nm = imin(l->moment, l->seen);
    int lag = imin(MM_LEVELER_SPIKE_LAG, nm - 1);
    double recent = 0.0;
    for (int j = 1; j <= lag; j++)
        recent += l->plain[ring_at(l, j)];
    double mw = (l->sum_win - recent) / (nw - lag);
    double mm = (l->sum_moment - recent) / (nm - lag);
    return l->spike * (mw > mm ? mw : mm);
}

static void end_subblock(mm_leveler *l)
{
    double e = l->acc, r = e;
    int redo = 0;
    l->acc = 0.0;
    for (int k = 0; k < l->nch; k++)
        redo |= mm_kweight_flush(&l->kw[k]);
    if (!mm_isfinite_d(e) || redo) { /* count it as silence */
        e = r = 0.0;
        l->nonfinite++;
    }
    if (l->seen > 0) {
        double ref = spike_limit(l);
        r = e > ref ? ref : e;
    }
    if (l->seen >= l->win) { /* the oldest entry leaves the window */
        int o = ring_at(l, l->win);
        l->sum_win -= l->plain[o];
        if (l->plain[o] >= l->thr) {
            l->sum_gated -= l->robust[o];
            l->n_gated--;
        }
    }
    if (l->seen >= l->moment) { /* and one leaves the last 400 ms */
        int o = ring_at(l, l->moment);
        l->sum_moment -= l->plain[o];
    }
    l->plain[l->head] = e;
    l->robust[l->head] = r;
    l->sum_win += e;
    l->sum_moment += e;
    if (e > l->peak)
        l->peak = e;
    if (e >= l->thr) {
        l->sum_gated += r;
        l->n_gated++;
    }
    if (++l->head == l->cap) {
        l->head = 0;
        redo = 1; /* once per turn: no drift */
    }
    if (l->seen < l->cap)
        l->seen++;
    redo |= residue(l, l->sum_win) | residue(l, l->sum_moment);
    redo |= l->n_gated > 0 && residue(l, l->sum_gated);
    if (redo || !mm_isfinite_d(l->sum_win + l->sum_moment + l->sum_gated))
        remeasure(l);
    decide(l);
}

void mm_leveler_process(mm_leveler *l, const float *const *in,
                        float *const *out, int n)
{
    const int nch = l->nch;
    float x[MM_LEVELER_MAXCH];
    for (int i = 0; i < n; i++) {
        double e = 0.0;
        for (int k = 0; k < nch; k++) { /* every input before any output */
            x[k] = in[k][i];
            mm_sanitize_f(&x[k]);
            double y = mm_kweight_tick(&l->kw[k], x[k]);
            e += y * y;
        }
        l->acc += e;
        /* linear in dB: a constant factor per sample, exact at the end */
        l->lin = l->pos + 1 == l->sub ? l->lin_to : l->lin * l->ratio;
        for (int k = 0; k < nch; k++)
            out[k][i] = (float)(x[k] * l->lin);
        if (++l->pos == l->sub) {
            l->pos = 0;
            end_subblock(l);
        }
    }
}

double mm_leveler_gain_db(const mm_leveler *l)
{
    return l->g_from + (l->g_to - l->g_from) * l->pos / l->sub;
}

double mm_leveler_loudness(const mm_leveler *l)
{
    int nw = imin(l->win, l->seen);
    if (nw < 1)
        return MM_FLOOR_DB;
    return mm_kweight_lufs(l->sum_win / ((double)nw * l->sub));
}

int mm_leveler_frozen(const mm_leveler *l)
{
    return l->value[MM_LEVELER_FREEZE] != 0.0;
}

/* ---- the lifecycle record (mm_core.h) ---- */

MM_CORE_VERBS(leveler)
MM_CORE_PROCESS(leveler)

const mm_core mm_leveler_core = {MM_CORE_FIELDS(leveler),
                                 .maxch = MM_LEVELER_MAXCH,
                                 .process = leveler_core_process};
