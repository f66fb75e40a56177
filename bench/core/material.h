/* material.h: load the bench material (a WAV written by tests/tools/mixgen,
 * read by the tests' one WAV reader) and time a processing loop. Bench
 * programs only. */
#ifndef MM_BENCH_MATERIAL_H
#define MM_BENCH_MATERIAL_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
/* relative: bench/run.sh compiles with -Idsp -Itests/tools only */
#include "../../tests/lib/mmwav.h"

typedef struct {
    float *ch[8];     /* planar */
    long frames;
    int channels;
    int samplerate;
} material;

static int material_load(const char *path, material *m)
{
    wav_data w;
    char err[256];
    memset(m, 0, sizeof *m);
    if (wav_load(path, &w, err, sizeof err)) {
        fprintf(stderr, "bench: %s\n", err);
        return -1;
    }
    float **ch = w.channels <= 8 ? wav_split(&w, 0) : NULL;
    if (!ch) {
        fprintf(stderr, "bench: %s: want 1 to 8 channels\n", path);
        wav_free(&w);
        return -1;
    }
    m->frames = w.frames;
    m->channels = w.channels;
    m->samplerate = (int)w.samplerate;
    for (int c = 0; c < w.channels; c++)
        m->ch[c] = ch[c]; /* one allocation, kept for the program's life */
    wav_free(&w);
    return 0;
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Median of n timings. */
static double median_of(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    return t[n / 2];
}
/* CPU seconds of process(state, in, n) over the whole material in
 * 64-frame blocks (in[c] points into channel c). */
typedef void (*material_process)(void *state, const float *const *in,
                                 int n);
static inline double material_time(const material *m,
                                   material_process process, void *state)
{
    const float *in[8];
    double t0 = cpu_seconds();
    for (long i = 0; i < m->frames; i += 64) {
        int n = m->frames - i < 64 ? (int)(m->frames - i) : 64;
        for (int c = 0; c < m->channels; c++)
            in[c] = m->ch[c] + i;
        process(state, in, n);
    }
    return cpu_seconds() - t0;
}
#endif
