/* objcheck.h: the per-object check hook of the object fuzzers, an
 * extension point that no object uses yet.
 *
 * An object that promises a bound (candidates: limiter~'s ceiling,
 * dither~'s grid) may add tests/fuzz/check/<name>.c defining
 * mm_fuzz_check(); the Makefile links that file into the object's harness
 * when it exists. There is no tests/fuzz/check/ directory today, so every
 * harness uses the default in obj_harness.c, which checks nothing more
 * (the harness itself always checks finite output, the info outlet and
 * the perform routine's return value).
 *
 * A sketch (not in the tree, never run) of tests/fuzz/check/limiter~.c:
 *
 *   #include "objcheck.h"
 *   #include <math.h>
 *   const char *mm_fuzz_check(const mm_fuzz_block *b)
 *   {
 *       // a new ceiling or lookahead needs its latency plus a release
 *       if (b->since_change < b->samplerate)
 *           return NULL;
 *       if (mm_pd_get(b->obj, "truepeak") != 0)
 *           return NULL;       // sample-peak bound only with truepeak 0
 *       if (mm_pd_get(b->obj, "bypass") != 0
 *           || mm_pd_get(b->obj, "delta") != 0)
 *           return NULL;
 *       float lim = powf(10.f, mm_pd_get(b->obj, "ceiling") / 20.f);
 *       for (int c = 0; c < b->nout; c++)
 *           for (int i = 0; i < b->n; i++)
 *               if (b->clean[i] > b->latency + b->n
 *                   && fabsf(b->out[c][i]) > lim * 1.00001f)
 *                   return "a sample above the ceiling";
 *       return NULL;
 *   }
 */
#ifndef MM_OBJCHECK_H
#define MM_OBJCHECK_H

#include "mm_pd.h"

typedef struct mm_fuzz_block {
    const char *object;        /* "limiter~" */
    const void *obj;           /* mm_pd_get(b->obj, "ceiling") */
    int nin, nout;             /* signal inlets and outlets */
    int n;                     /* block size */
    double samplerate;
    const float *const *in;    /* this block's input (copied before perform) */
    const float *const *out;   /* this block's output */
    long since_change;         /* samples before this block since the last
                                  message or DSP restart (settling time) */
    const long *clean;         /* clean[i]: samples up to and including
                                  frame i whose every channel was finite
                                  and within +-1e6 */
    double latency;            /* largest latency the object reported */
} mm_fuzz_block;

/* Called after every block. Return NULL when every promise holds, or a
 * short text naming the broken one (the harness prints it and aborts). */
const char *mm_fuzz_check(const mm_fuzz_block *b);

#endif
