/* comp~: compressor with soft knee, sidechain and parallel mix. The
 * sound is dsp/mm_comp (shared with strip~ and multiband~); flags,
 * messages, bypass/delta and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_comp.h"

/* `curve <array>`: element i is the output level (dB) for the input
 * level CURVE_LO + i dB */
#define CURVE_LO (-90.0)

typedef struct comp_tilde {
    mm_pdobj x_mm;
    mm_comp x_core;
} t_comp_tilde;

#define CORE(o) (&((t_comp_tilde *)(o))->x_core)

static void comp_curve(void *o, float *y, int n)
{
    mm_comp_curve(CORE(o), 0, y, n, CURVE_LO, CURVE_LO + n - 1);
}

static int comp_create(void *o, double sr)
{
    return mm_comp_init(CORE(o), ((mm_pdobj *)o)->nch, sr) == MM_OK;
}

static double comp_set(void *o, int id, double v)
{
    return mm_comp_set(CORE(o), (mm_comp_param)id, v);
}

static int comp_samplerate(void *o, double sr)
{
    mm_comp_set_samplerate(CORE(o), sr);
    return 1;
}

static void comp_process(void *o, const float *const *in, float *const *out,
                         const float *key, int n)
{
    mm_comp_process(CORE(o), in, out,
                    key ? &key : NULL, 1, n);
}

static void comp_emit(void *o)
{
    mm_pd_info(o, "gr", mm_comp_take_gr(CORE(o)));
}

static void comp_reset(void *o)
{
    mm_comp_reset(CORE(o));
}

static void comp_snap(void *o)
{
    mm_comp_snap(CORE(o));
}

static const mm_pdcurve comp_curves[] = {
    {"curve", 91, comp_curve,
     "the static curve: output dB for input -90..0 dB (91 points); follows "
     "the controls"},
    {NULL, 0, NULL, NULL}};

static const mm_pdinfo comp_info[] = {
    {"gr", "<dB>", "deepest gain reduction since the last report (0 or "
     "below)"},
    {"latency", "<samples>", "always 0"},
    {NULL, NULL, NULL}};

static const mm_objdef comp_def = {
    .name = "comp~",
    .summary = "compressor with soft knee, sidechain and parallel mix",
    .size = sizeof(t_comp_tilde),
    .features = MM_OBJ_SOUND | MM_OBJ_SIDECHAIN | MM_OBJ_METER,
    .ch_min = 1, .ch_max = MM_COMP_MAXCH, .ch_def = 2,
    .interval_def = 50,
    .table = &mm_comp_table,
    .curves = comp_curves,
    .info = comp_info,
    .create = comp_create,
    .set = comp_set,
    .samplerate = comp_samplerate,
    .process = comp_process,
    .emit = comp_emit,
    .reset = comp_reset,
    .snap = comp_snap,
};

MM_EXPORT void comp_tilde_setup(void)
{
    mm_pd_class_new(&comp_def);
}
