/* bench_imager: the imager~ core on the stereo material in 64-frame
 * blocks: `defaults` (the bit-exact identity path), `width` (width 130,
 * side -1 dB), `full` (width 130, monobass 120, xover 300 3000 with
 * widths 50 100 140, balance 10).
 *   bench_imager <defaults|width|full> material.wav -> ns_per_sample <x> */
#include "material.h"
#include "mm_imager.h"

int main(int argc, char **argv)
{
    const char *mode = argc > 2 ? argv[1] : "full";
    material m;
    if (material_load(argv[argc - 1], &m) || m.channels != 2)
        return 1;
    static mm_imager im;
    static float o[2][64];
    double t[5];
    for (int r = 0; r < 5; r++) {
        mm_imager_init(&im, m.samplerate);
        if (strcmp(mode, "defaults")) {
            mm_imager_set(&im, MM_IMAGER_WIDTH, 130);
            mm_imager_set(&im, MM_IMAGER_SIDE, -1);
        }
        if (!strcmp(mode, "full")) {
            double x[2] = {300, 3000}, w[3] = {50, 100, 140};
            mm_imager_set(&im, MM_IMAGER_MONOBASS, 120);
            mm_imager_set_xover(&im, 2, x);
            mm_imager_set_widths(&im, 3, w);
            mm_imager_set(&im, MM_IMAGER_BALANCE, 10);
        }
        mm_imager_snap(&im);
        double t0 = cpu_seconds();
        for (long i = 0; i < m.frames; i += 64) {
            int n = m.frames - i < 64 ? (int)(m.frames - i) : 64;
            const float *in[2] = {m.ch[0] + i, m.ch[1] + i};
            float *out[2] = {o[0], o[1]};
            mm_imager_process(&im, in, out, n);
        }
        t[r] = cpu_seconds() - t0;
        mm_imager_free(&im);
    }
    printf("ns_per_sample %.2f\n",
           median_of(t, 5) * 1e9 / ((double)m.frames * m.channels));
    return 0;
}
