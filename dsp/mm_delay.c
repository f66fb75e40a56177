#include "mm_delay.h"
#include <stdlib.h>

int mm_delay_init(mm_delay *d, int max_samples)
{
    int size = 1;
    if (max_samples < 0)
        max_samples = 0;
    while (size <= max_samples)
        size <<= 1;
    if (mm_renew_zeroed(&d->buf, (size_t)size, sizeof *d->buf) != MM_OK)
        return MM_E_NOMEM;
    d->size = size;
    d->mask = size - 1;
    d->pos = 0;
    d->max_delay = max_samples;
    if (d->delay > max_samples || d->delay < 0)
        d->delay = max_samples;
    return MM_OK;
}

void mm_delay_free(mm_delay *d)
{
    free(d->buf);
    d->buf = NULL;
    d->size = d->mask = d->pos = d->delay = d->max_delay = 0;
}

void mm_delay_reset(mm_delay *d)
{
    if (d->buf)
        memset(d->buf, 0, (size_t)d->size * sizeof *d->buf);
    d->pos = 0;
}

int mm_delay_set(mm_delay *d, int samples)
{
    if (samples < 0)
        samples = 0;
    if (samples > d->max_delay)
        samples = d->max_delay;
    d->delay = samples;
    return samples;
}

int mm_delay_latency(const mm_delay *d)
{
    return d->delay;
}

void mm_delay_process(mm_delay *d, const float *in, float *out, int n)
{
    if (!d->buf) { /* not initialised: behave as a wire */
        if (out != in)
            memmove(out, in, (size_t)n * sizeof *out);
        return;
    }
    for (int i = 0; i < n; i++)
        out[i] = mm_delay_tick(d, in[i]);
}
