/* bench_dither: the mm_dither core on the bench material, 16 bits TPDF,
 * 64-frame blocks, median of 5 runs.
 *   bench_dither [--shape off|simple|fweighted] material.wav
 *   -> ns_per_sample <x> */
#include "material.h"
#include "mm_dither.h"

int main(int argc, char **argv)
{
    int shape = MM_DITHER_SHAPE_OFF;
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--shape")) {
            const char *s = argv[++i];
            shape = !strcmp(s, "simple") ? MM_DITHER_SHAPE_SIMPLE
                    : !strcmp(s, "fweighted") ? MM_DITHER_SHAPE_FWEIGHTED
                                              : MM_DITHER_SHAPE_OFF;
        }
    material m;
    if (material_load(argv[argc - 1], &m))
        return 1;
    float *out[8];
    for (int c = 0; c < m.channels; c++)
        out[c] = malloc((size_t)m.frames * sizeof(float));
    double t[5];
    for (int r = 0; r < 5; r++) {
        static mm_dither d;
        mm_dither_init(&d, m.channels, m.samplerate, 1);
        mm_dither_set(&d, MM_DITHER_SHAPE, shape);
        const float *in[8];
        float *o[8];
        double t0 = cpu_seconds();
        for (long i = 0; i < m.frames; i += 64) {
            int n = m.frames - i < 64 ? (int)(m.frames - i) : 64;
            for (int c = 0; c < m.channels; c++) {
                in[c] = m.ch[c] + i;
                o[c] = out[c] + i;
            }
            mm_dither_process(&d, in, o, n);
        }
        t[r] = cpu_seconds() - t0;
        mm_dither_free(&d);
    }
    printf("ns_per_sample %.2f\n",
           median_of(t, 5) * 1e9 / ((double)m.frames * m.channels));
    return 0;
}
