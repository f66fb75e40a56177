/* limiter~: lookahead true-peak brickwall limiter. The sound is
 * dsp/mm_peaklimiter; flags, messages, bypass/delta with the dry path
 * delayed by the lookahead, and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_peaklimiter.h"

typedef struct limiter_tilde {
    mm_pdobj x_mm;
    mm_peaklimiter x_core;
} t_limiter_tilde;

#define CORE(o) (&((t_limiter_tilde *)(o))->x_core)

static int limiter_create(void *o, double sr)
{
    return mm_peaklimiter_init(CORE(o), ((mm_pdobj *)o)->nch, sr) == MM_OK;
}

static void limiter_destroy(void *o) { mm_peaklimiter_free(CORE(o)); }

static double limiter_set(void *o, int id, double v)
{
    return mm_peaklimiter_set(CORE(o), (mm_peaklimiter_param)id, v);
}

static int limiter_samplerate(void *o, double sr)
{
    return mm_peaklimiter_set_samplerate(CORE(o), sr) == MM_OK;
}

static void limiter_process(void *o, const float *const *in,
                            float *const *out, const float *key, int n)
{
    (void)key;
    mm_peaklimiter_process(CORE(o), in, out, n);
}

static void limiter_emit(void *o)
{
    mm_pd_info(o, "gr", mm_peaklimiter_take_gr(CORE(o)));
}

static void limiter_reset(void *o) { mm_peaklimiter_reset(CORE(o)); }
static void limiter_snap(void *o) { mm_peaklimiter_snap(CORE(o)); }

static int limiter_latency(const void *o)
{
    return mm_peaklimiter_latency(&((const t_limiter_tilde *)o)->x_core);
}

static int limiter_max_latency(const void *o)
{
    return mm_peaklimiter_max_latency(&((const t_limiter_tilde *)o)->x_core);
}

static const mm_pdinfo limiter_info[] = {
    {"gr", "<dB>", "deepest gain reduction since the last report (0 or "
     "below)"},
    {"latency", "<samples>", "the lookahead in samples"},
    {NULL, NULL, NULL}};

static const mm_objdef limiter_def = {
    .name = "limiter~",
    .summary = "lookahead true-peak brickwall limiter",
    .size = sizeof(t_limiter_tilde),
    .features = MM_OBJ_SOUND | MM_OBJ_METER,
    .ch_min = 1, .ch_max = MM_PEAKLIMITER_MAXCH, .ch_def = 2,
    .interval_def = 50,
    .table = &mm_peaklimiter_table,
    .info = limiter_info,
    .create = limiter_create,
    .destroy = limiter_destroy,
    .set = limiter_set,
    .samplerate = limiter_samplerate,
    .process = limiter_process,
    .emit = limiter_emit,
    .reset = limiter_reset,
    .latency = limiter_latency,
    .max_latency = limiter_max_latency,
    .snap = limiter_snap,
};

MM_EXPORT void limiter_tilde_setup(void)
{
    mm_pd_class_new(&limiter_def);
}
