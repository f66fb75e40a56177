/* dither~: word-length reduction with dither and noise shaping. The
 * sound is dsp/mm_dither; flags, messages, bypass/delta (no latency: the
 * dry path is the input) and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_dither.h"
#include <time.h>

typedef struct dither_tilde {
    mm_pdobj x_mm;
    mm_dither x_core;
} t_dither_tilde;

#define CORE(o) (&((t_dither_tilde *)(o))->x_core)

static unsigned long dither_instances;

/* Every instance its own noise unless -seed says otherwise; 0..99999, so
 * print shows the seed exactly and a render can be repeated. */
static int dither_create(void *o, double sr)
{
    int seed = (int)((++dither_instances * 2654435761ul
                      + (unsigned long)time(NULL)) % 100000ul);
    if (mm_dither_init(CORE(o), ((mm_pdobj *)o)->nch, sr, (uint64_t)seed)
        != MM_OK)
        return 0;
    mm_pd_note(o, MM_DITHER_SEED, (t_float)seed);
    return 1;
}

static void dither_destroy(void *o) { mm_dither_free(CORE(o)); }

static double dither_set(void *o, int id, double v)
{
    return mm_dither_set(CORE(o), (mm_dither_param)id, v);
}

static int dither_samplerate(void *o, double sr)
{
    return mm_dither_set_samplerate(CORE(o), sr) == MM_OK;
}

static void dither_process(void *o, const float *const *in,
                           float *const *out, const float *key, int n)
{
    (void)key;
    mm_dither_process(CORE(o), in, out, n);
}

static void dither_emit(void *o)
{
    mm_pd_info(o, "clip", (double)mm_dither_clips(CORE(o)));
}

static void dither_reset(void *o) { mm_dither_reset(CORE(o)); }

static const mm_pdinfo dither_info[] = {
    {"clip", "<samples>", "samples clipped since reset"},
    {"latency", "<samples>", "always 0"},
    {NULL, NULL, NULL}};

static const mm_objdef dither_def = {
    .name = "dither~",
    .summary = "word-length reduction with dither and noise shaping",
    .size = sizeof(t_dither_tilde),
    .features = MM_OBJ_SOUND | MM_OBJ_METER,
    .ch_min = 1, .ch_max = MM_PD_MAXCH, .ch_def = 2,
    .interval_def = 50,
    .table = &mm_dither_table,
    .info = dither_info,
    .create = dither_create,
    .destroy = dither_destroy,
    .set = dither_set,
    .samplerate = dither_samplerate,
    .process = dither_process,
    .emit = dither_emit,
    .reset = dither_reset,
};

MM_EXPORT void dither_tilde_setup(void)
{
    mm_pd_class_new(&dither_def);
}
