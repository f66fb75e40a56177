/* gate~: noise gate / expander with hysteresis and hold. The sound is
 * dsp/mm_gate (shared with strip~); flags, messages, bypass/delta and the
 * info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_gate.h"

typedef struct gate_tilde {
    mm_pdobj x_mm;
    mm_gate x_core;
} t_gate_tilde;

#define CORE(o) (&((t_gate_tilde *)(o))->x_core)

static int gate_create(void *o, double sr)
{
    return mm_gate_init(CORE(o), ((mm_pdobj *)o)->nch, sr) == MM_OK;
}

static void gate_destroy(void *o) { mm_gate_free(CORE(o)); }

static double gate_set(void *o, int id, double v)
{
    return mm_gate_set(CORE(o), (mm_gate_param)id, v);
}

static int gate_samplerate(void *o, double sr)
{
    mm_gate_set_samplerate(CORE(o), sr);
    return 1;
}

static void gate_process(void *o, const float *const *in, float *const *out,
                         const float *key, int n)
{
    mm_gate_process(CORE(o), in, out, key ? &key : NULL, 1, n);
}

static void gate_emit(void *o)
{
    mm_pd_info(o, "gating", mm_gate_gain_db(CORE(o)));
}

static void gate_reset(void *o) { mm_gate_reset(CORE(o)); }
static void gate_snap(void *o) { mm_gate_snap(CORE(o)); }

static const mm_pdinfo gate_info[] = {
    {"gating", "<dB>", "the gate's gain now (0 open, the range closed)"},
    {"latency", "<samples>", "always 0"},
    {NULL, NULL, NULL}};

static const mm_objdef gate_def = {
    .name = "gate~",
    .summary = "noise gate / expander with hysteresis and hold",
    .size = sizeof(t_gate_tilde),
    .features = MM_OBJ_SOUND | MM_OBJ_SIDECHAIN | MM_OBJ_METER,
    .ch_min = 1, .ch_max = MM_GATE_MAXCH, .ch_def = 1,
    .interval_def = 50,
    .table = &mm_gate_table,
    .info = gate_info,
    .create = gate_create,
    .destroy = gate_destroy,
    .set = gate_set,
    .samplerate = gate_samplerate,
    .process = gate_process,
    .emit = gate_emit,
    .reset = gate_reset,
    .snap = gate_snap,
};

MM_EXPORT void gate_tilde_setup(void)
{
    mm_pd_class_new(&gate_def);
}
