/* comp~: compressor with soft knee, sidechain and parallel mix. The
 * sound is dsp/mm_comp (shared with strip~ and multiband~); flags,
 * messages, bypass/delta and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_comp.h"

/* `curve <array>`: element i is the output level (dB) for the input
 * level CURVE_LO + i dB */
#define CURVE_LO (-90.0)

static void comp_curve(void *o, float *y, int n)
{
    mm_comp_curve(mm_pd_core(o), 0, y, n, CURVE_LO, CURVE_LO + n - 1);
}

static void comp_emit(void *o)
{
    mm_pd_info(o, "gr", mm_comp_take_gr(mm_pd_core(o)));
}

static const mm_pdcurve comp_curves[] = {
    {"curve", 91, comp_curve,
     "the static curve: output dB for input -90..0 dB (91 points); follows "
     "the controls"},
    {NULL, 0, NULL, NULL}};

static const mm_pdinfo comp_info[] = {MM_PD_INFO_GR, {NULL, NULL, NULL}};

MM_PD_OBJECT(comp, mm_comp,
             "compressor with soft knee, sidechain and parallel mix",
             .features = MM_OBJ_SOUND | MM_OBJ_SIDECHAIN | MM_OBJ_METER,
             .ch_def = 2, .curves = comp_curves, .info = comp_info,
             .emit = comp_emit);
