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
    /* a run of k inputs is written, then k outputs read, in at most two
     * copies each; k <= size - delay keeps every slot a read needs from
     * being written over first (and in may be out: it is read first) */
    while (n > 0) {
        const int room = d->size - d->delay;
        const int k = n < room ? n : room;
        int a = d->size - d->pos < k ? d->size - d->pos : k;
        memcpy(d->buf + d->pos, in, (size_t)a * sizeof *in);
        memcpy(d->buf, in + a, (size_t)(k - a) * sizeof *in);
        const int rp = (d->pos - d->delay) & d->mask;
        a = d->size - rp < k ? d->size - rp : k;
        memmove(out, d->buf + rp, (size_t)a * sizeof *out);
        memmove(out + a, d->buf, (size_t)(k - a) * sizeof *out);
        d->pos = (d->pos + k) & d->mask;
        in += k;
        out += k;
        n -= k;
    }
}
