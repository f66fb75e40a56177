/* material.h: load the bench material (a 32-bit float WAV written by
 * tests/tools/mixgen) and time a processing loop. Bench programs only. */
#ifndef MM_BENCH_MATERIAL_H
#define MM_BENCH_MATERIAL_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    float *ch[8];     /* planar */
    long frames;
    int channels;
    int samplerate;
} material;

static uint32_t mat_u32(const unsigned char *b)
{
    return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

static int material_load(const char *path, material *m)
{
    FILE *f = fopen(path, "rb");
    unsigned char h[12], ck[8];
    int fmt_ok = 0;
    memset(m, 0, sizeof *m);
    if (!f || fread(h, 1, 12, f) != 12 || memcmp(h, "RIFF", 4)
        || memcmp(h + 8, "WAVE", 4))
        goto fail;
    while (fread(ck, 1, 8, f) == 8) {
        uint32_t size = mat_u32(ck + 4);
        if (!memcmp(ck, "fmt ", 4)) {
            unsigned char fmt[40];
            if (size > sizeof fmt || fread(fmt, 1, size, f) != size)
                goto fail;
            m->channels = fmt[2] | fmt[3] << 8;
            m->samplerate = (int)mat_u32(fmt + 4);
            fmt_ok = (fmt[0] | fmt[1] << 8) == 3 && (fmt[14] | fmt[15] << 8) == 32;
        } else if (!memcmp(ck, "data", 4)) {
            if (!fmt_ok || m->channels < 1 || m->channels > 8)
                goto fail;
            m->frames = size / (4 * m->channels);
            float *il = malloc(size);
            if (!il || fread(il, 4, m->frames * m->channels, f)
                           != (size_t)(m->frames * m->channels))
                goto fail;
            for (int c = 0; c < m->channels; c++) {
                m->ch[c] = malloc(m->frames * sizeof(float));
                for (long i = 0; i < m->frames; i++)
                    m->ch[c][i] = il[i * m->channels + c];
            }
            free(il);
            fclose(f);
            return 0;
        } else {
            fseek(f, size + (size & 1), SEEK_CUR);
        }
    }
fail:
    if (f)
        fclose(f);
    fprintf(stderr, "bench: cannot read %s (float WAV expected)\n", path);
    return -1;
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
#endif
