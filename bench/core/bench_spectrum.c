/* bench_spectrum: mm_spectrum (FFT every size/4 samples, bands, tones,
 * display) on the material in 64-frame blocks, sum view (one FFT per
 * channel per hop).
 *   bench_spectrum [--size N] material.wav  ->  ns_per_sample <x> */
#include "material.h"
#include "mm_spectrum.h"

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
        const float *in[8];
        double t0 = cpu_seconds();
        for (long i = 0; i < m.frames; i += 64) {
            int n = m.frames - i < 64 ? (int)(m.frames - i) : 64;
            for (int c = 0; c < m.channels; c++)
                in[c] = m.ch[c] + i;
            mm_spectrum_process(&s, in, n);
        }
        t[r] = cpu_seconds() - t0;
        mm_spectrum_free(&s);
    }
    printf("ns_per_sample %.2f\n",
           median_of(t, 5) * 1e9 / ((double)m.frames * m.channels));
    return 0;
}
