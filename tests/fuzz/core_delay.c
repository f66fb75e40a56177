/* Fuzz mm_delay against a model: out[t] = in[t - delay] (0 before the
 * start or a reset), bit for bit, whatever the block sizes, delay changes,
 * re-inits and in == out aliasing. */
#include "fuzz.h"
#include "mm_delay.h"

#define MAXN 4096
#define HIST 16384 /* > the largest delay tried */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static float hist[HIST], buf[MAXN], out[MAXN];
    fz f;
    fz_init(&f, data, size);
    mm_delay d = {0};
    int max = fz_range(&f, -3, 9000);
    if (mm_delay_init(&d, max) != MM_OK)
        return 0;
    if (max < 0)
        max = 0;
    long t = 0; /* samples since init/reset */
    for (int ops = 0; fz_left(&f) && ops < 64; ops++) {
        int op = fz_u8(&f) % 6;
        if (op == 0) {
            int want = fz_range(&f, -20, max + 20);
            int got = mm_delay_set(&d, want);
            FZ_CHECK(got >= 0 && got <= max, "set %d -> %d (max %d)", want,
                     got, max);
            FZ_CHECK(got == mm_delay_latency(&d), "latency");
        } else if (op == 1) {
            mm_delay_reset(&d);
            t = 0;
        } else if (op == 2) {
            max = fz_range(&f, 0, 9000);
            if (mm_delay_init(&d, max) != MM_OK)
                break;
            t = 0;
        } else {
            int n = fz_blocksize(&f, MAXN);
            int alias = fz_u8(&f) & 1, tick = op == 5;
            fz_signal(&f, buf, n);
            for (int i = 0; i < n; i++)
                hist[(t + i) % HIST] = buf[i];
            float *o = alias ? buf : out;
            if (tick) {
                for (int i = 0; i < n; i++)
                    o[i] = mm_delay_tick(&d, buf[i]);
            } else {
                mm_delay_process(&d, buf, o, n);
            }
            int dl = mm_delay_latency(&d);
            FZ_CHECK(dl >= 0 && dl <= max, "delay %d", dl);
            for (int i = 0; i < n; i++) {
                long src = t + i - dl;
                float want = src >= 0 ? hist[src % HIST] : 0.0f;
                FZ_CHECK(fz_same_bits(o[i], want),
                         "out[%ld] = %g, want in[%ld] = %g (delay %d)",
                         t + i, o[i], src, want, dl);
            }
            t += n;
        }
    }
    mm_delay_free(&d);
    return 0;
}
