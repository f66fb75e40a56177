/* bench_multiband: the multiband~ core (4 or 3 LR4 bands, every band
 * compressing: threshold -20 dB, ratio 4, attack 10, release 100, hard
 * knee, peak, linked) on the stereo material in 64-frame blocks, the
 * settings bench/lv2 gives LSP's and Zam's multiband compressors.
 *   bench_multiband <bands> [--linear] material.wav  ->  ns_per_sample <x>
 *   (--linear: phase linear, one FIR per band)
 *   bench_multiband <bands> --info material.wav -> fft <N> partition <B>
 *   latency <L>
 * (bands 4: splits 100, 632, 3984 Hz like LSP's defaults; 3: 160, 1400 Hz
 * like ZaMultiCompX2). Also prints the output RMS (dBFS) for comparison. */
#include "material.h"
#include "mm_multiband.h"

int main(int argc, char **argv)
{
    int bands = argc > 2 ? atoi(argv[1]) : 4;
    int linear = argc > 3 && !strcmp(argv[2], "--linear");
    material m;
    if (bands < 2 || bands > 6 || material_load(argv[argc - 1], &m)
        || m.channels != 2)
        return 1;
    if (argc > 3 && !strcmp(argv[2], "--info")) {
        static mm_multiband x;
        if (mm_multiband_init_phase(&x, 2, bands, 1, m.samplerate) != MM_OK)
            return 1;
        printf("fft %d partition %d latency %d\n",
               mm_linphase_size(m.samplerate, MM_MULTIBAND_FIR),
               mm_linphase_part(m.samplerate, MM_MULTIBAND_FIR),
               mm_multiband_latency(&x));
        mm_multiband_free(&x);
        return 0;
    }
    static const double x4[3] = {100, 632, 3984}, x3[2] = {160, 1400};
    static mm_multiband mb;
    static float o[2][64];
    double t[5], rms = 0;
    for (int r = 0; r < 5; r++) {
        mm_multiband_init_phase(&mb, 2, bands, linear, m.samplerate);
        mm_multiband_set_xover(&mb, bands - 1, bands == 3 ? x3 : x4, 1);
        mm_multiband_set_band(&mb, -1, -1, MM_COMP_THRESHOLD, -20);
        mm_multiband_set_band(&mb, -1, -1, MM_COMP_RATIO, 4);
        mm_multiband_set_band(&mb, -1, -1, MM_COMP_KNEE, 0);
        mm_multiband_snap(&mb);
        double t0 = cpu_seconds(), acc = 0;
        for (long i = 0; i < m.frames; i += 64) {
            int n = m.frames - i < 64 ? (int)(m.frames - i) : 64;
            const float *in[2] = {m.ch[0] + i, m.ch[1] + i};
            float *out[2] = {o[0], o[1]};
            mm_multiband_process(&mb, in, out, NULL, n);
            acc += o[0][0] * o[0][0]; /* keep the work observable */
        }
        t[r] = cpu_seconds() - t0;
        mm_multiband_free(&mb);
        if (r == 0) { /* output RMS, outside the timing */
            mm_multiband_init_phase(&mb, 2, bands, linear, m.samplerate);
            mm_multiband_set_xover(&mb, bands - 1, bands == 3 ? x3 : x4, 1);
            mm_multiband_set_band(&mb, -1, -1, MM_COMP_THRESHOLD, -20);
            mm_multiband_set_band(&mb, -1, -1, MM_COMP_RATIO, 4);
            mm_multiband_set_band(&mb, -1, -1, MM_COMP_KNEE, 0);
            mm_multiband_snap(&mb);
            double s = 0;
            for (long i = 0; i < m.frames; i += 64) {
                int n = m.frames - i < 64 ? (int)(m.frames - i) : 64;
                const float *in[2] = {m.ch[0] + i, m.ch[1] + i};
                float *out[2] = {o[0], o[1]};
                mm_multiband_process(&mb, in, out, NULL, n);
                for (int k = 0; k < n; k++)
                    s += o[0][k] * o[0][k] + o[1][k] * o[1][k];
            }
            rms = 10 * log10(s / (2.0 * m.frames) + 1e-30);
            mm_multiband_free(&mb);
        }
        (void)acc;
    }
    printf("out_rms_db %.2f\n", rms);
    printf("ns_per_sample %.2f\n",
           median_of(t, 5) * 1e9 / ((double)m.frames * m.channels));
    return 0;
}
