/* leveler~: a slow, gated loudness rider toward a target (zero latency),
 * the first stage of live mastering. The sound is dsp/mm_leveler (on the
 * BS.1770 K-weighting of dsp/mm_kweight); flags, messages, bypass/delta
 * and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_leveler.h"

static void leveler_emit(void *o)
{
    const mm_leveler *l = mm_pd_core(o);
    mm_pd_info(o, "gain", mm_leveler_gain_db(l));
    mm_pd_info(o, "loudness", mm_leveler_loudness(l));
    mm_pd_info(o, "frozen", mm_leveler_frozen(l));
}

static const mm_pdinfo leveler_info[] = {
    {"gain", "<dB>", "the gain applied now"},
    {"loudness", "<LUFS>", "the input's K-weighted loudness over `window` "
     "(-144: not measured yet)"},
    {"frozen", "<0|1>", "1 while `freeze` holds the gain"},
    {NULL, NULL, NULL}};

MM_PD_OBJECT(leveler, mm_leveler,
             "automatic gain rider toward a loudness target (slow, gated, "
             "zero latency)",
             .features = MM_OBJ_SOUND | MM_OBJ_METER, .ch_def = 2,
             .info = leveler_info, .emit = leveler_emit);
