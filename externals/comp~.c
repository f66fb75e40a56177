/* comp~: compressor with soft knee, sidechain and parallel mix. The
 * sound is dsp/mm_comp (shared with strip~ and multiband~); flags,
 * messages, bypass/delta and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_comp.h"

/* `curve <array>`: element i is the output level (dB) for the input
 * level CURVE_LO + i dB */
#define CURVE_LO (-90.0)
#define CURVE_N 91

typedef struct comp_tilde {
    mm_pdobj x_mm;
    mm_comp x_core;
    t_symbol *x_curve;     /* array that follows the controls, or NULL */
} t_comp_tilde;

static void draw_curve(t_comp_tilde *x)
{
    float y[CURVE_N];
    if (!x->x_curve)
        return;
    mm_comp_curve(&x->x_core, 0, y, CURVE_N, CURVE_LO, CURVE_LO + CURVE_N - 1);
    if (!mm_pd_array_write(x, x->x_curve, y, CURVE_N))
        x->x_curve = NULL; /* reported once */
}

static int comp_create(void *o, double sr)
{
    t_comp_tilde *x = o;
    return mm_comp_init(&x->x_core, x->x_mm.nch, sr) == MM_OK;
}

static double comp_set(void *o, int id, double v)
{
    t_comp_tilde *x = o;
    v = mm_comp_set(&x->x_core, (mm_comp_param)id, v);
    draw_curve(x);
    return v;
}

static int comp_samplerate(void *o, double sr)
{
    mm_comp_set_samplerate(&((t_comp_tilde *)o)->x_core, sr);
    return 1;
}

static void comp_process(void *o, const float *const *in, float *const *out,
                         const float *key, int n)
{
    mm_comp_process(&((t_comp_tilde *)o)->x_core, in, out,
                    key ? &key : NULL, 1, n);
}

static void comp_emit(void *o)
{
    mm_pd_info(o, "gr", mm_comp_take_gr(&((t_comp_tilde *)o)->x_core));
}

static void comp_reset(void *o)
{
    mm_comp_reset(&((t_comp_tilde *)o)->x_core);
}

static void comp_snap(void *o)
{
    mm_comp_snap(&((t_comp_tilde *)o)->x_core);
}

static void do_curve(void *o, int argc, t_atom *argv)
{
    t_comp_tilde *x = o;
    t_symbol *name;
    if (mm_pd_arg_symbol(x, "curve", argc, argv, 0, &name)) {
        x->x_curve = name;
        draw_curve(x);
    }
}

static void print_curve(void *o)
{
    t_comp_tilde *x = o;
    post("  curve %s (%d points, input %g..%g dB)",
         x->x_curve ? x->x_curve->s_name : "(none)", CURVE_N, CURVE_LO,
         CURVE_LO + CURVE_N - 1);
}

static const mm_pdmethod comp_methods[] = {
    {"curve", do_curve, print_curve, "<array>",
     "draw the static curve (output dB for input -90..0 dB); follows the "
     "controls", MM_P_NOFLAG},
    {NULL, NULL, NULL, NULL, NULL, 0}};

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
    .methods = comp_methods,
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
