/* strip~: a console channel strip (trim, phase, filters, gate, EQ,
 * compressor, pan, fader, mute). The sound is dsp/mm_strip, built on the
 * shared mm_eq, mm_gate, mm_comp and mm_pan cores; flags, messages,
 * bypass/delta and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_strip.h"
#include <stdio.h>

#define EQ_CURVE_N 256         /* curve: dB at 256 points 20 Hz..20 kHz */
#define COMP_CURVE_LO (-90.0)  /* compcurve: output dB, input -90..0 dB */
#define COMP_CURVE_N 91

typedef struct strip_tilde {
    mm_pdobj x_mm;
    mm_strip x_core;
    t_symbol *x_curve, *x_compcurve; /* arrays that follow the controls */
    t_clock *x_redraw;     /* one redraw after a burst of changes */
} t_strip_tilde;

#define X(o) ((t_strip_tilde *)(o))
#define CORE(o) (&X(o)->x_core)

static void draw_curves(t_strip_tilde *x)
{
    float v[EQ_CURVE_N];
    if (!x->x_mm.ok)
        return;
    if (x->x_curve) {
        mm_strip_eq_curve(&x->x_core, v, EQ_CURVE_N, 20.0, 20000.0);
        if (!mm_pd_array_write(x, x->x_curve, v, EQ_CURVE_N))
            x->x_curve = NULL; /* reported once */
    }
    if (x->x_compcurve) {
        mm_strip_comp_curve(&x->x_core, v, COMP_CURVE_N, COMP_CURVE_LO,
                            COMP_CURVE_LO + COMP_CURVE_N - 1);
        if (!mm_pd_array_write(x, x->x_compcurve, v, COMP_CURVE_N))
            x->x_compcurve = NULL;
    }
}

static void changed(void *o)
{
    if (X(o)->x_curve || X(o)->x_compcurve)
        clock_delay(X(o)->x_redraw, 0);
}

static int strip_create(void *o, double sr)
{
    X(o)->x_redraw = clock_new(o, (t_method)draw_curves);
    return mm_strip_init(CORE(o), X(o)->x_mm.nch, sr) == MM_OK;
}

static void strip_destroy(void *o)
{
    clock_free(X(o)->x_redraw);
    mm_strip_free(CORE(o));
}

static double strip_set(void *o, int id, double v)
{
    changed(o);
    return mm_strip_set(CORE(o), id, v);
}

static int strip_samplerate(void *o, double sr)
{
    changed(o);
    return mm_strip_set_samplerate(CORE(o), sr) == MM_OK;
}

static void strip_process(void *o, const float *const *in,
                          float *const *out, const float *key, int n)
{
    mm_strip_process(CORE(o), in, out, key, n);
}

static void strip_emit(void *o)
{
    double lr[2];
    mm_pd_info(o, "inpeak", mm_strip_take_inpeak(CORE(o)));
    mm_strip_take_outpeak(CORE(o), &lr[0], &lr[1]);
    mm_pd_info_list(o, "outpeak", 2, lr);
    mm_pd_info(o, "gr", mm_strip_take_gr(CORE(o)));
    mm_pd_info(o, "gating", mm_strip_gating(CORE(o)));
}

static void strip_reset(void *o) { mm_strip_reset(CORE(o)); }
static void strip_snap(void *o) { mm_strip_snap(CORE(o)); }

/* low <Hz> <dB> | lowmid <Hz> <dB> <q> | highmid ... | high <Hz> <dB> */
static const char *const band_names[] = {"low", "lowmid", "highmid", "high"};

static void band(void *o, int b, int argc, t_atom *argv)
{
    const char *name = band_names[b];
    int has_q = MM_STRIP_BAND_HAS_Q(b);
    t_float f, g, q = 0;
    char what[32];
    if (!mm_pd_arg_float(o, name, argc, argv, 0, &f)
        || !mm_pd_arg_float(o, name, argc, argv, 1, &g)
        || (has_q && !mm_pd_arg_float(o, name, argc, argv, 2, &q)))
        return;
    snprintf(what, sizeof what, "%s frequency", name);
    f = mm_pd_clamp_warn(o, what, f, MM_STRIP_BAND_FMIN, MM_STRIP_BAND_FMAX,
                         "Hz");
    snprintf(what, sizeof what, "%s gain", name);
    g = mm_pd_clamp_warn(o, what, g, MM_STRIP_BAND_GMIN, MM_STRIP_BAND_GMAX,
                         "dB");
    snprintf(what, sizeof what, "%s q", name);
    if (has_q)
        q = mm_pd_clamp_warn(o, what, q, MM_STRIP_BAND_QMIN,
                             MM_STRIP_BAND_QMAX, "");
    mm_strip_set_band(CORE(o), b, f, g, q);
    changed(o);
}

static void do_low(void *o, int c, t_atom *v) { band(o, MM_STRIP_LOW, c, v); }
static void do_lowmid(void *o, int c, t_atom *v) { band(o, MM_STRIP_LOWMID, c, v); }
static void do_highmid(void *o, int c, t_atom *v) { band(o, MM_STRIP_HIGHMID, c, v); }
static void do_high(void *o, int c, t_atom *v) { band(o, MM_STRIP_HIGH, c, v); }

static void print_bands(void *o)
{
    double f, g, q;
    for (int b = MM_STRIP_LOW; b <= MM_STRIP_HIGH; b++) {
        mm_strip_get_band(CORE(o), b, &f, &g, &q);
        if (MM_STRIP_BAND_HAS_Q(b))
            post("  %s %g Hz %g dB q %g", band_names[b], f, g, q);
        else
            post("  %s %g Hz %g dB", band_names[b], f, g);
    }
    post("  band ranges: %g..%g Hz, %g..%g dB, q of the bells %g..%g",
         MM_STRIP_BAND_FMIN, MM_STRIP_BAND_FMAX, MM_STRIP_BAND_GMIN,
         MM_STRIP_BAND_GMAX, MM_STRIP_BAND_QMIN, MM_STRIP_BAND_QMAX);
}

static void curve_to(void *o, t_symbol **where, const char *msg, int argc,
                     t_atom *argv)
{
    t_symbol *name;
    if (mm_pd_arg_symbol(o, msg, argc, argv, 0, &name)) {
        *where = name;
        draw_curves(X(o));
    }
}

static void do_curve(void *o, int c, t_atom *v) { curve_to(o, &X(o)->x_curve, "curve", c, v); }
static void do_compcurve(void *o, int c, t_atom *v) { curve_to(o, &X(o)->x_compcurve, "compcurve", c, v); }

static const mm_pdmethod strip_methods[] = {
    {"low", do_low, print_bands, "<Hz> <dB>", "low shelf", 0},
    {"lowmid", do_lowmid, NULL, "<Hz> <dB> <q>", "low-mid bell", 0},
    {"highmid", do_highmid, NULL, "<Hz> <dB> <q>", "high-mid bell", 0},
    {"high", do_high, NULL, "<Hz> <dB>", "high shelf", 0},
    {"curve", do_curve, NULL, "<array>", "draw the filters' and EQ's "
     "response (dB, 256 points 20 Hz..20 kHz); follows the controls",
     MM_P_NOFLAG},
    {"compcurve", do_compcurve, NULL, "<array>", "draw the compressor's "
     "static curve (output dB for input -90..0 dB, 91 points)", MM_P_NOFLAG},
    {NULL, NULL, NULL, NULL, NULL, 0}};

static const mm_pdinfo strip_info[] = {
    {"inpeak", "<dBFS>", "input peak since the last report"},
    {"outpeak", "<L dBFS> <R dBFS>", "output peaks since the last report"},
    {"gr", "<dB>", "deepest compressor gain reduction since the last report"},
    {"gating", "<dB>", "the gate's gain now (0 open or off)"},
    {"latency", "<samples>", "always 0"},
    {NULL, NULL, NULL}};

static const mm_objdef strip_def = {
    .name = "strip~",
    .summary = "console channel strip: trim, phase, filters, gate, EQ, "
               "compressor, pan, fader, mute",
    .size = sizeof(t_strip_tilde),
    .features = MM_OBJ_SOUND | MM_OBJ_SIDECHAIN | MM_OBJ_METER,
    .ch_min = 1, .ch_max = 2, .ch_def = 1, /* mono or stereo in */
    .outs = 2,                             /* stereo out */
    .interval_def = 50,
    .table = &mm_strip_table,
    .methods = strip_methods,
    .info = strip_info,
    .create = strip_create,
    .destroy = strip_destroy,
    .set = strip_set,
    .samplerate = strip_samplerate,
    .process = strip_process,
    .emit = strip_emit,
    .reset = strip_reset,
    .snap = strip_snap,
};

MM_EXPORT void strip_tilde_setup(void)
{
    mm_pd_class_new(&strip_def);
}
