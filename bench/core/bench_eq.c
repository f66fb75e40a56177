/* bench_eq: mm_eq with four bells (the fil4 comparison settings of
 * bench/lv2/README.md: 160/400/1250/2500 Hz, q 0.6, +3/-3/+3/-3 dB) over
 * the material in 64-frame blocks.
 *   bench_eq [--linear] material.wav  ->  ns_per_sample <x>
 *   bench_eq --info material.wav  ->  fft <N> partition <B> latency <L>
 * (--linear: phase linear, the FIR of the same magnitude) */
#include "material.h"
#include "mm_eq.h"

int main(int argc, char **argv)
{
    material m;
    int linear = argc > 2 && strcmp(argv[1], "--linear") == 0;
    if (argc < 2 || material_load(argv[argc - 1], &m))
        return 1;
    if (argc > 2 && !strcmp(argv[1], "--info")) {
        mm_eq e;
        if (mm_eq_init_phase(&e, m.channels, 4, 1, m.samplerate) != MM_OK)
            return 1;
        printf("fft %d partition %d latency %d\n",
               mm_linphase_size(m.samplerate, MM_EQ_FIR),
               mm_linphase_part(m.samplerate, MM_EQ_FIR), mm_eq_latency(&e));
        mm_eq_free(&e);
        return 0;
    }
    static const double f[4] = {160, 400, 1250, 2500}, g[4] = {3, -3, 3, -3};
    static float outb[8][64];
    double t[5];
    for (int r = 0; r < 5; r++) {
        mm_eq e;
        if (mm_eq_init_phase(&e, m.channels, 4, linear, m.samplerate)
            != MM_OK)
            return 1;
        for (int b = 0; b < 4; b++)
            mm_eq_set_band(&e, b, MM_FD_BELL, f[b], g[b], 0.6);
        mm_eq_snap(&e);
        const float *in[8];
        float *out[8];
        for (int c = 0; c < m.channels; c++)
            out[c] = outb[c];
        double t0 = cpu_seconds();
        for (long i = 0; i < m.frames; i += 64) {
            int n = m.frames - i < 64 ? (int)(m.frames - i) : 64;
            for (int c = 0; c < m.channels; c++)
                in[c] = m.ch[c] + i;
            mm_eq_process(&e, in, out, n);
        }
        t[r] = cpu_seconds() - t0;
        mm_eq_free(&e);
    }
    printf("ns_per_sample %.2f\n",
           median_of(t, 5) * 1e9 / ((double)m.frames * m.channels));
    return 0;
}
