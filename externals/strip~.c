/* strip~: a console channel strip (trim, phase, filters, gate, EQ,
 * compressor, pan, fader, mute). The sound is dsp/mm_strip, built on the
 * shared mm_eq, mm_gate, mm_comp and mm_pan cores; flags, messages,
 * bypass/delta and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_strip.h"
#include <stdio.h>

#define COMP_CURVE_LO (-90.0) /* compcurve: output dB, input -90..0 dB */

static void eq_curve(void *o, float *y, int n)
{
    mm_strip_eq_curve(mm_pd_core(o), y, n, 20.0, 20000.0);
}

static void comp_curve(void *o, float *y, int n)
{
    mm_strip_comp_curve(mm_pd_core(o), y, n, COMP_CURVE_LO,
                        COMP_CURVE_LO + n - 1);
}

static void strip_emit(void *o)
{
    double lr[2];
    mm_pd_info(o, "inpeak", mm_strip_take_inpeak(mm_pd_core(o)));
    mm_strip_take_outpeak(mm_pd_core(o), &lr[0], &lr[1]);
    mm_pd_info_list(o, "outpeak", 2, lr);
    mm_pd_info(o, "gr", mm_strip_take_gr(mm_pd_core(o)));
    mm_pd_info(o, "gating", mm_strip_gating(mm_pd_core(o)));
}

/* low <Hz> <dB> | lowmid <Hz> <dB> <q> | highmid ... | high <Hz> <dB>;
 * index = MM_STRIP_LOW .. MM_STRIP_HIGH */
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
    t_float *v[3] = {&f, &g, &q};
    for (int a = 0; a < (has_q ? 3 : 2); a++) {
        const mm_paramdef *d = &mm_strip_band_args.defs[a];
        snprintf(what, sizeof what, "%s %s", name, d->name);
        *v[a] = mm_pd_clamp_warn(o, what, *v[a], (t_float)d->min,
                                 (t_float)d->max, d->unit);
    }
    mm_strip_set_band(mm_pd_core(o), b, f, g, q);
}

static void do_low(void *o, int c, t_atom *v) { band(o, 0, c, v); }
static void do_lowmid(void *o, int c, t_atom *v) { band(o, 1, c, v); }
static void do_highmid(void *o, int c, t_atom *v) { band(o, 2, c, v); }
static void do_high(void *o, int c, t_atom *v) { band(o, 3, c, v); }

static void print_bands(void *o)
{
    double f, g, q;
    for (int b = MM_STRIP_LOW; b <= MM_STRIP_HIGH; b++) {
        mm_strip_get_band(mm_pd_core(o), b, &f, &g, &q);
        if (MM_STRIP_BAND_HAS_Q(b))
            post("  %s %g Hz %g dB q %g", band_names[b], f, g, q);
        else
            post("  %s %g Hz %g dB", band_names[b], f, g);
    }
    post("  band ranges: %g..%g Hz, %g..%g dB, q of the bells %g..%g",
         MM_STRIP_BAND_FMIN, MM_STRIP_BAND_FMAX, MM_STRIP_BAND_GMIN,
         MM_STRIP_BAND_GMAX, MM_STRIP_BAND_QMIN, MM_STRIP_BAND_QMAX);
}

static const mm_pdmethod strip_methods[] = {
    {"low", do_low, print_bands, "<Hz> <dB>", "low shelf", 0,
     &mm_strip_shelf_args},
    {"lowmid", do_lowmid, NULL, "<Hz> <dB> <q>", "low-mid bell", 0,
     &mm_strip_band_args},
    {"highmid", do_highmid, NULL, "<Hz> <dB> <q>", "high-mid bell", 0,
     &mm_strip_band_args},
    {"high", do_high, NULL, "<Hz> <dB>", "high shelf", 0,
     &mm_strip_shelf_args},
    {0}};

static const mm_pdcurve strip_curves[] = {
    {"curve", 256, eq_curve, "the filters' and EQ's response: dB at 256 "
     "log-spaced points 20 Hz..20 kHz; follows the controls"},
    {"compcurve", 91, comp_curve, "the compressor's static curve: output dB "
     "for input -90..0 dB (91 points); follows the controls"},
    {NULL, 0, NULL, NULL}};

static const mm_pdinfo strip_info[] = {
    {"inpeak", "<dBFS>", "input peak since the last report"},
    {"outpeak", "<L dBFS> <R dBFS>", "output peaks since the last report"},
    {"gr", "<dB>", "deepest compressor gain reduction since the last report"},
    {"gating", "<dB>", "the gate's gain now (0 open or off)"},
    {NULL, NULL, NULL}};

MM_PD_OBJECT(strip, mm_strip,
             "console channel strip: trim, phase, filters, gate, EQ, "
             "compressor, pan, fader, mute",
             .features = MM_OBJ_SOUND | MM_OBJ_SIDECHAIN | MM_OBJ_METER,
             .ch_def = 1, /* mono or stereo in (the core's maxch) */
             .outs = 2,   /* stereo out */
             .methods = strip_methods,
             .curves = strip_curves, .info = strip_info,
             .inlets_doc = "-ch 1: mono in, panned (panlaw); -ch 2: stereo "
                           "in, pan acts as balance; always two signal "
                           "outlets",
             .emit = strip_emit);
