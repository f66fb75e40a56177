/* bench_spectrum: mm_spectrum (FFT every size/4 samples, bands, tones,
 * display) on the material in 64-frame blocks, sum view (one FFT per
 * channel per hop).
 *   bench_spectrum [--size N] material.wav  ->  ns_per_sample <x> */
#include "material.h"
#include "mm_spectrum.h"

static void run(void *s, const float *const *in, int n)
{
    mm_spectrum_process(s, in, n);
}

int main(int argc, char **argv)
{
    int size = 8192;
    if (argc > 3 && !strcmp(argv[1], "--size"))
        size = atoi(argv[2]);
    material m;
    if (material_load(argv[argc - 1], &m))
        return 1;
    double t[5];
    static mm_spectrum s;
    for (int r = 0; r < 5; r++) {
        if (mm_spectrum_init(&s, m.channels, size, m.samplerate) != MM_OK)
            return 1;
        t[r] = material_time(&m, run, &s);
        mm_spectrum_free(&s);
    }
    printf("ns_per_sample %.2f\n",
           median_of(t, 5) * 1e9 / ((double)m.frames * m.channels));
    return 0;
}
