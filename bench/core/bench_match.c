/* bench_match: the match~ core (mm_match: two analysers, the FIR by
 * partitioned FFT convolution) on the stereo material in 64-frame
 * blocks, the reference being the material through a fixed EQ.
 *   bench_match flat material.wav      nothing learned: the delay line
 *   bench_match correct material.wav   a learned correction applied
 *   bench_match learn material.wav     learning both all along (analyses
 *                                      and a redesign every 250 ms)
 *   -> ns_per_sample <x> (per sample per programme channel)
 *   bench_match info material.wav -> fft <N> partition <B> latency <L> */
#include "material.h"
#include "mm_match.h"
#include "mm_eq.h"

static float *ref[2];
static long pos;

static void run(void *s, const float *const *in, int n)
{
    static float out[2][64];
    float *o[2] = {out[0], out[1]};
    const float *r[2] = {ref[0] + pos, ref[1] + pos};
    mm_match_process(s, in, r, o, n);
    pos += n;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 2 ? argv[1] : "correct";
    material m;
    if (material_load(argv[argc - 1], &m) || m.channels != 2)
        return 1;
    static mm_match mt;
    if (!strcmp(mode, "info")) {
        mm_match_init(&mt, 2, m.samplerate);
        printf("fft %d partition %d latency %d\n", mt.lp.n, mt.lp.conv.part,
               mm_match_latency(&mt));
        mm_match_free(&mt);
        return 0;
    }
    /* the reference: the material through a low shelf and a bell */
    mm_eq e;
    mm_eq_init(&e, 2, 2, m.samplerate);
    mm_eq_set_band(&e, 0, MM_FD_LOWSHELF, 100, -3, 0.7);
    mm_eq_set_band(&e, 1, MM_FD_BELL, 3000, 4, 1);
    mm_eq_snap(&e);
    for (int c = 0; c < 2; c++)
        ref[c] = malloc(sizeof(float) * (size_t)m.frames);
    mm_eq_process(&e, (const float *const *)m.ch, ref, (int)m.frames);
    mm_eq_free(&e);
    double t[5];
    for (int r = 0; r < 5; r++) {
        if (mm_match_init(&mt, 2, m.samplerate) != MM_OK)
            return 1;
        mm_match_snap(&mt);
        if (strcmp(mode, "flat")) {
            mm_match_learn(&mt, MM_MATCH_REFERENCE, 1);
            mm_match_learn(&mt, MM_MATCH_SOURCE, 1);
        }
        if (!strcmp(mode, "correct")) { /* learn first, untimed */
            pos = 0;
            material_time(&m, run, &mt);
            mm_match_learn(&mt, MM_MATCH_REFERENCE, 0);
            mm_match_learn(&mt, MM_MATCH_SOURCE, 0);
            mm_match_snap(&mt);
        }
        pos = 0;
        t[r] = material_time(&m, run, &mt);
        mm_match_free(&mt);
    }
    printf("ns_per_sample %.2f\n",
           median_of(t, 5) * 1e9 / ((double)m.frames * m.channels));
    return 0;
}
