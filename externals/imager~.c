/* imager~: stereo width and mid/side (M/S) tools with a correlation meter.
 * The sound is dsp/mm_imager; flags, messages, bypass/delta and the info
 * outlet come from mm_pd. Its own: the xover and widths lists. */
#include "mm_pd.h"
#include "mm_imager.h"
#include <string.h>

#define NXOVER (MM_IMAGER_MAXBANDS - 1)

static void imager_emit(void *o)
{
    int valid;
    double r = mm_imager_take_correlation(mm_pd_core(o), &valid);
    mm_pd_info(o, "correlation", valid ? r : MM_FLOOR_DB);
}

/* xover f1 [f2 [f3]] Hz; `xover`, `xover 0` and `xover off` turn it off */
static void do_xover(void *o, int argc, t_atom *argv)
{
    const mm_paramdef *X = mm_imager_xover_args.defs;
    double hz[NXOVER];
    if (argc == 0 || (argc == 1 && argv[0].a_type == A_SYMBOL
                      && !strcmp(atom_getsymbol(argv)->s_name, "off"))
        || (argc == 1 && argv[0].a_type == A_FLOAT
            && atom_getfloat(argv) == 0)) {
        mm_imager_set_xover(mm_pd_core(o), 0, NULL);
        return;
    }
    if (argc > NXOVER)
        pd_error(o, "imager~: xover takes 1 to %d frequencies (Hz), or off",
                 NXOVER);
    else if (mm_pd_arg_floats(o, "xover", argc, argv, X->min, X->max,
                              X->unit, 1, hz))
        mm_imager_set_xover(mm_pd_core(o), argc, hz);
}

static void print_xover(void *o)
{
    double hz[NXOVER];
    int n = mm_imager_get_xover(mm_pd_core(o), hz);
    char buf[128] = "";
    for (int i = 0; i < n; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " %g", hz[i]);
    post("  xover%s", n ? strcat(buf, " Hz") : " off");
}

/* widths w1 w2 ...: each band's width, in width's range */
static void do_widths(void *o, int argc, t_atom *argv)
{
    const mm_paramdef *w = mm_imager_widths_args.defs;
    double pct[MM_IMAGER_MAXBANDS];
    if (argc < 1 || argc > MM_IMAGER_MAXBANDS)
        pd_error(o, "imager~: widths takes 1 to %d widths (%%, %g..%g)",
                 MM_IMAGER_MAXBANDS, w->min, w->max);
    else if (mm_pd_arg_floats(o, "widths", argc, argv, w->min, w->max,
                              w->unit, 0, pct))
        mm_imager_set_widths(mm_pd_core(o), argc, pct);
}

static void print_widths(void *o)
{
    char buf[128] = "";
    for (int b = 0; b < MM_IMAGER_MAXBANDS; b++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " %g",
                 mm_imager_get_width_band(mm_pd_core(o), b));
    post("  widths%s %%", buf);
}

static const mm_pdmethod imager_methods[] = {
    {"xover", do_xover, print_xover, "<Hz> [<Hz> [<Hz>]] | off",
     "split the side signal into 2..4 bands for widths", 0,
     &mm_imager_xover_args},
    {"widths", do_widths, print_widths, "<%> ...",
     "width of each side band (after xover)", 0, &mm_imager_widths_args},
    {0}};

static const mm_pdinfo imager_info[] = {
    {"correlation", "<-1..1>", "L/R correlation of the output over the "
     "last interval (-144: silence)"},
    {NULL, NULL, NULL}};

MM_PD_OBJECT(imager, mm_imager,
             "stereo width and mid/side tools with a correlation meter",
             .features = MM_OBJ_SOUND | MM_OBJ_METER,
             .ch_min = 2, .ch_max = 2, .ch_def = 2,
             .methods = imager_methods,
             .info = imager_info, .inlets_doc = "L and R in, L and R out",
             .emit = imager_emit);
