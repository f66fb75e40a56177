/* bench_loudness: mm_loudness (libebur128 windows + our gating + our
 * true peak) against libebur128 doing integrated, LRA and its own true
 * peak, on the same material in 64-frame blocks.
 *   bench_loudness [--libebur128] material.wav  ->  ns_per_sample <x>
 * and the readings of the last run (the quality beside the cost):
 * integrated <LUFS>, lra <LU>, truepeak <dBTP>. */
#include "material.h"
#include "mm_loudness.h"
#include <ebur128.h>

int main(int argc, char **argv)
{
    int use_lib = argc > 2 && !strcmp(argv[1], "--libebur128");
    material m;
    if (material_load(argv[argc - 1], &m))
        return 1;
    double t[5], integ = 0.0, lra = 0.0, tp = 0.0;
    static float inter[64 * 8];
    for (int r = 0; r < 5; r++) {
        if (use_lib) {
            ebur128_state *st = ebur128_init(
                (unsigned)m.channels, (unsigned long)m.samplerate,
                EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK
                    | EBUR128_MODE_HISTOGRAM);
            double t0 = cpu_seconds();
            for (long i = 0; i < m.frames; i += 64) {
                int n = m.frames - i < 64 ? (int)(m.frames - i) : 64;
                for (int k = 0; k < n; k++)
                    for (int c = 0; c < m.channels; c++)
                        inter[k * m.channels + c] = m.ch[c][i + k];
                ebur128_add_frames_float(st, inter, (size_t)n);
            }
            t[r] = cpu_seconds() - t0;
            double peak = 0.0;
            for (int c = 0; c < m.channels; c++) {
                double p = 0.0;
                ebur128_true_peak(st, (unsigned)c, &p);
                peak = p > peak ? p : peak;
            }
            ebur128_loudness_global(st, &integ);
            ebur128_loudness_range(st, &lra);
            tp = 20.0 * log10(peak);
            ebur128_destroy(&st);
        } else {
            static mm_loudness l;
            mm_loudness_init(&l, m.channels, m.samplerate);
            const float *in[8];
            double t0 = cpu_seconds();
            for (long i = 0; i < m.frames; i += 64) {
                int n = m.frames - i < 64 ? (int)(m.frames - i) : 64;
                for (int c = 0; c < m.channels; c++)
                    in[c] = m.ch[c] + i;
                mm_loudness_process(&l, in, n);
            }
            t[r] = cpu_seconds() - t0;
            mm_loudness_readings rd;
            mm_loudness_read(&l, &rd);
            integ = rd.integrated;
            lra = rd.lra;
            tp = rd.truepeak;
            mm_loudness_free(&l);
        }
    }
    printf("ns_per_sample %.2f\n",
           median_of(t, 5) * 1e9 / ((double)m.frames * m.channels));
    printf("integrated %.2f\nlra %.2f\ntruepeak %.2f\n", integ, lra, tp);
    return 0;
}
