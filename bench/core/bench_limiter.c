/* bench_limiter: the mm_peaklimiter core on the bench material, ceiling
 * -1 dBTP, defaults otherwise, 64-frame blocks, median of 5 runs.
 *   bench_limiter [--truepeak 0|1] [--lookahead ms] [--out out.wav] material.wav
 *   -> ns_per_sample <x>  (and latency <samples>) */
#include "material.h"
#include "mm_peaklimiter.h"

int main(int argc, char **argv)
{
    const char *outp = NULL;
    int tp = 1;
    double la = 5.0;
    for (int i = 1; i + 1 < argc; i++) {
        if (!strcmp(argv[i], "--out"))
            outp = argv[++i];
        else if (!strcmp(argv[i], "--truepeak"))
            tp = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--lookahead"))
            la = atof(argv[++i]);
    }
    material m;
    if (material_load(argv[argc - 1], &m))
        return 1;
    float *out[8];
    for (int c = 0; c < m.channels; c++)
        out[c] = malloc((size_t)m.frames * sizeof(float));
    double t[5];
    int lat = 0;
    for (int r = 0; r < 5; r++) {
        static mm_peaklimiter l;
        if (mm_peaklimiter_init(&l, m.channels, m.samplerate) != MM_OK)
            return 1;
        mm_peaklimiter_set(&l, MM_PEAKLIMITER_CEILING, -1.0);
        mm_peaklimiter_set(&l, MM_PEAKLIMITER_TRUEPEAK, tp);
        mm_peaklimiter_set(&l, MM_PEAKLIMITER_LOOKAHEAD, la);
        mm_peaklimiter_snap(&l);
        lat = mm_peaklimiter_latency(&l);
        const float *in[8];
        float *o[8];
        double t0 = cpu_seconds();
        for (long i = 0; i < m.frames; i += 64) {
            int n = m.frames - i < 64 ? (int)(m.frames - i) : 64;
            for (int c = 0; c < m.channels; c++) {
                in[c] = m.ch[c] + i;
                o[c] = out[c] + i;
            }
            mm_peaklimiter_process(&l, in, o, n);
        }
        t[r] = cpu_seconds() - t0;
        mm_peaklimiter_free(&l);
    }
    if (outp)
        wav_save_planar(outp, out, m.channels, m.frames, m.samplerate, 32);
    printf("latency %d\n", lat);
    printf("ns_per_sample %.2f\n",
           median_of(t, 5) * 1e9 / ((double)m.frames * m.channels));
    return 0;
}
