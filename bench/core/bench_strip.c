/* bench_strip: mm_strip (stereo) with every section engaged: trim, hpf
 * 24 dB/oct, lpf, gate, four EQ bands, compressor (-20 dB, 4:1, 10/100
 * ms), balance, fader; 64-frame blocks.
 *   bench_strip material.wav  ->  ns_per_sample <x> */
#include "material.h"
#include "mm_strip.h"

int main(int argc, char **argv)
{
    material m;
    if (argc < 2 || material_load(argv[argc - 1], &m) || m.channels < 2)
        return 1;
    static float ol[64], orr[64];
    double t[5];
    for (int r = 0; r < 5; r++) {
        static mm_strip s;
        if (mm_strip_init(&s, 2, m.samplerate) != MM_OK)
            return 1;
        mm_strip_set(&s, MM_STRIP_TRIM, 1);
        mm_strip_set(&s, MM_STRIP_HPF, 80);
        mm_strip_set(&s, MM_STRIP_HPFSLOPE, 1); /* 24 dB/oct */
        mm_strip_set(&s, MM_STRIP_LPF, 18000);
        mm_strip_set(&s, MM_STRIP_GATE, -60);
        mm_strip_set_band(&s, MM_STRIP_LOW, 100, 3, 0);
        mm_strip_set_band(&s, MM_STRIP_LOWMID, 400, -3, 1);
        mm_strip_set_band(&s, MM_STRIP_HIGHMID, 2500, 2, 1);
        mm_strip_set_band(&s, MM_STRIP_HIGH, 8000, 2, 0);
        mm_strip_set(&s, MM_STRIP_THRESHOLD, -20);
        mm_strip_set(&s, MM_STRIP_RATIO, 4);
        mm_strip_set(&s, MM_STRIP_ATTACK, 10);
        mm_strip_set(&s, MM_STRIP_RELEASE, 100);
        mm_strip_set(&s, MM_STRIP_PAN, 10);
        mm_strip_set(&s, MM_STRIP_FADER, -1);
        mm_strip_snap(&s);
        const float *in[2];
        float *out[2] = {ol, orr};
        double t0 = cpu_seconds();
        for (long i = 0; i < m.frames; i += 64) {
            int n = m.frames - i < 64 ? (int)(m.frames - i) : 64;
            in[0] = m.ch[0] + i;
            in[1] = m.ch[1] + i;
            mm_strip_process(&s, in, out, NULL, n);
        }
        t[r] = cpu_seconds() - t0;
        mm_strip_free(&s);
    }
    printf("ns_per_sample %.2f\n", median_of(t, 5) * 1e9 / ((double)m.frames * 2));
    return 0;
}
