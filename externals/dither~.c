/* dither~: word-length reduction with dither and noise shaping. The
 * sound is dsp/mm_dither; flags, messages, bypass/delta (no latency: the
 * dry path is the input) and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_dither.h"
#include <time.h>

static unsigned long dither_instances;

/* Every instance its own noise unless -seed says otherwise; 0..99999, so
 * print shows the seed exactly and a render can be repeated. */
static int dither_create(void *o, double sr)
{
    int seed = (int)((++dither_instances * 2654435761ul
                      + (unsigned long)time(NULL)) % 100000ul);
    if (mm_dither_init(mm_pd_core(o), ((mm_pdobj *)o)->nch, sr,
                       (uint64_t)seed) != MM_OK)
        return 0;
    mm_pd_note(o, MM_DITHER_SEED, (t_float)seed);
    return 1;
}

static void dither_emit(void *o)
{
    mm_pd_info(o, "clip", (double)mm_dither_clips(mm_pd_core(o)));
}

static const mm_pdinfo dither_info[] = {
    {"clip", "<samples>", "samples clipped since reset"},
    {NULL, NULL, NULL}};

MM_PD_OBJECT(dither, mm_dither,
             "word-length reduction with dither and noise shaping",
             .features = MM_OBJ_SOUND | MM_OBJ_METER, .ch_def = 2,
             .info = dither_info,
             .create = dither_create, .emit = dither_emit);
