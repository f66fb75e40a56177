/* Fuzz mm_truepeak: readings are finite and >= 0, never below the sample
 * they cover (peak_out[m + latency] >= |x[m]|), bounded (<= 4 x the
 * largest sample in their context), independent of the block size
 * (bitwise), in == peak_out allowed, and process_max equals the maximum
 * of what process writes.
 *
 * Short signals: at most MAX_SAMPLES samples per input in all (three
 * detectors at 336 multiply-adds per sample each), so that one input
 * costs about a millisecond; the detector's history is 48 samples and
 * its chunks 32, so a few hundred samples reach every path. */
#include "fuzz.h"
#include "mm_truepeak.h"

#define MAXN 512         /* samples per signal */
#define MAX_SAMPLES 512  /* samples per input */
#define CTX (2 * MM_TRUEPEAK_TAPS / 2 + 2) /* context of a reading */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static float in[MAXN], pa[MAXN], pb[MAXN];
    static float hist[1 << 14], ctxmax[MAXN];
    fz f;
    fz_init(&f, data, size);
    mm_truepeak a = {0}, b = {0}, c = {0};
    double sr = fz_u8(&f) < 240 ? fz_samplerate(&f) : fz_param(&f, -1, 4e5);
    int r = mm_truepeak_init(&a, sr);
    if (!(sr > 0.0)) {
        FZ_CHECK(r == MM_E_ARG, "init(%g) = %d", sr, r);
        return 0;
    }
    if (r != MM_OK)
        return 0;
    if (mm_truepeak_init(&b, sr) != MM_OK || mm_truepeak_init(&c, sr) != MM_OK)
        abort();
    int lat = mm_truepeak_latency(&a);
    FZ_CHECK(lat == MM_TRUEPEAK_TAPS / 2, "latency %d", lat);
    long t0 = 0;
    int budget = MAX_SAMPLES;
    for (int ops = 0; fz_left(&f) && ops < 32 && budget > 0; ops++) {
        int op = fz_u8(&f);
        if (op < 8) {
            mm_truepeak_reset(&a);
            mm_truepeak_reset(&b);
            mm_truepeak_reset(&c);
            t0 = 0;
            continue;
        }
        if (op < 14) { /* change the rate: all three re-designed */
            sr = fz_samplerate(&f);
            if (mm_truepeak_init(&a, sr) || mm_truepeak_init(&b, sr) ||
                mm_truepeak_init(&c, sr))
                abort();
            t0 = 0;
            continue;
        }
        int len = fz_range(&f, 1, budget < MAXN ? budget : MAXN);
        budget -= len;
        fz_signal(&f, in, len);
        for (int i = 0; i < len; i++) {
            float x = in[i];
            hist[(t0 + i) & 16383] =
                fz_isfinite(x) && fabsf(x) >= 0x1p-100f ? fabsf(x) : 0.0f;
        }
        /* a: per sample, in place, one cut; b: another cut; c: max */
        memcpy(pa, in, len * sizeof *pa);
        for (int done = 0; done < len;) {
            int n = fz_blocksize(&f, len - done);
            mm_truepeak_process(&a, pa + done, pa + done, n);
            float mb;
            mm_truepeak_process(&b, in + done, pb + done, n);
            mb = mm_truepeak_process_max(&c, in + done, n);
            float m = 0.0f;
            for (int i = 0; i < n; i++)
                m = fmaxf(m, pb[done + i]);
            FZ_CHECK(fz_same_bits(m, mb) || (m == 0 && mb == 0),
                     "process_max %g, max of process %g", mb, m);
            done += n;
        }
        /* ctxmax[i]: the largest |x| of samples t0 + i - CTX .. t0 + i
         * (a sliding maximum: candidates kept in decreasing order) */
        {
            static long q[MAXN + CTX + 1];
            int head = 0, tail = 0;
            long from = t0 - CTX > 0 ? t0 - CTX : 0;
            for (long t = from; t < t0 + len; t++) {
                while (tail > head &&
                       hist[q[tail - 1] & 16383] <= hist[t & 16383])
                    tail--;
                q[tail++] = t;
                while (q[head] < t - CTX)
                    head++;
                if (t >= t0)
                    ctxmax[t - t0] = hist[q[head] & 16383];
            }
        }
        for (int i = 0; i < len; i++) {
            long t = t0 + i;
            FZ_CHECK(fz_same_bits(pa[i], pb[i]),
                     "block-size dependence at %ld: %g vs %g", t, pa[i],
                     pb[i]);
            double m = ctxmax[i];
            if (m < 1e30) {
                FZ_CHECK(fz_isfinite(pa[i]) && pa[i] >= 0.0f,
                         "reading %g at %ld", pa[i], t);
                FZ_CHECK(pa[i] <= 4.0 * m + 1e-30,
                         "reading %g > 4 x context max %g at %ld", pa[i], m,
                         t);
            }
            if (t - lat >= 0)
                FZ_CHECK(pa[i] >= hist[(t - lat) & 16383],
                         "reading %g at %ld below |x[%ld]| = %g", pa[i], t,
                         t - lat, hist[(t - lat) & 16383]);
        }
        t0 += len;
    }
    mm_truepeak_free(&a);
    mm_truepeak_free(&b);
    mm_truepeak_free(&c);
    return 0;
}
