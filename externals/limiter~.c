/* limiter~: lookahead true-peak brickwall limiter. The sound is
 * dsp/mm_peaklimiter; flags, messages, bypass/delta with the dry path
 * delayed by the lookahead, and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_peaklimiter.h"

static void limiter_emit(void *o)
{
    mm_pd_info(o, "gr", mm_peaklimiter_take_gr(mm_pd_core(o)));
}

static const mm_pdinfo limiter_info[] = {
    MM_PD_INFO_GR,
    {"latency", "<samples>", "the lookahead in samples"},
    {NULL, NULL, NULL}};

MM_PD_OBJECT(limiter, mm_peaklimiter,
             "lookahead true-peak brickwall limiter",
             .features = MM_OBJ_SOUND | MM_OBJ_METER, .ch_def = 2,
             .info = limiter_info, .emit = limiter_emit);
