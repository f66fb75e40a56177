/* bench_dyn: the dynamics cores on the bench material, 64-frame blocks.
 *   bench_dyn comp material.wav  ->  ns_per_sample <x>
 *     mm_comp, stereo linked: threshold -20, ratio 4, attack 10 ms,
 *     release 100 ms, hard knee, peak (LSP/Zam settings of bench/lv2)
 *   bench_dyn gate material.wav  ->  ns_per_sample <x>
 *     mm_gate, stereo: threshold -40, range -80, hold 50, release 100
 * Also prints `output_rms_db <x>` (comp) to compare with the LV2 rows. */
#include "material.h"
#include "mm_comp.h"
#include "mm_gate.h"
#include <math.h>

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    int gate = !strcmp(argv[1], "gate");
    material m;
    if (material_load(argv[argc - 1], &m))
        return 1;
    double t[5], rms = 0;
    static float out[8][64];
    for (int r = 0; r < 5; r++) {
        static mm_comp c;
        static mm_gate g;
        if (gate) {
            mm_gate_init(&g, m.channels, m.samplerate);
            mm_gate_set(&g, MM_GATE_THRESHOLD, -40);
        } else {
            mm_comp_init(&c, m.channels, m.samplerate);
            mm_comp_set(&c, MM_COMP_THRESHOLD, -20);
            mm_comp_set(&c, MM_COMP_RATIO, 4);
            mm_comp_set(&c, MM_COMP_KNEE, 0);
        }
        const float *in[8];
        float *o[8];
        for (int k = 0; k < m.channels; k++)
            o[k] = out[k];
        double acc = 0;
        double t0 = cpu_seconds();
        for (long i = 0; i < m.frames; i += 64) {
            int n = m.frames - i < 64 ? (int)(m.frames - i) : 64;
            for (int k = 0; k < m.channels; k++)
                in[k] = m.ch[k] + i;
            if (gate)
                mm_gate_process(&g, in, o, NULL, 0, n);
            else
                mm_comp_process(&c, in, o, NULL, 0, n);
            if (r == 0)
                for (int k = 0; k < m.channels; k++)
                    for (int j = 0; j < n; j++)
                        acc += (double)o[k][j] * o[k][j];
        }
        t[r] = cpu_seconds() - t0;
        if (r == 0)
            rms = acc / ((double)m.frames * m.channels);
    }
    if (!gate)
        printf("output_rms_db %.2f\n", 10 * log10(rms + 1e-30));
    printf("ns_per_sample %.2f\n",
           median_of(t, 5) * 1e9 / ((double)m.frames * m.channels));
    return 0;
}
