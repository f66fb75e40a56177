/* Fuzz mm_oversampler: bad designs are refused and leave the struct as it
 * was; phase 0 is the sanitised input delayed by taps/2, bit for bit; the
 * output is finite (for inputs below 1e30) and bounded by the filter's
 * absolute sum; and it does not depend on how the input is cut into
 * blocks (two instances, different cuts, bitwise equal).
 *
 * Short signals: the samples per input are capped so that samples x
 * factor x taps (the multiply-adds, and the checks' window scans) stay
 * under MAX_WORK, about a millisecond per input however large the design. */
#include "fuzz.h"
#include "mm_oversampler.h"

#define MAXN 2048
#define MAXL MM_OVERSAMPLER_MAX_FACTOR
#define MAX_WORK (1L << 17)

/* as documented: non-finite -> 0, |x| below ~1e-30 -> 0 (the module
 * flushes exponents below 2^-100 = 7.9e-31) */
static float sanitised(float x)
{
    if (!fz_isfinite(x) || fabsf(x) < 0x1p-100f)
        return 0.0f;
    return x;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static float in[MAXN], oa[MAXN * MAXL], ob[MAXN * MAXL];
    static float hist[1 << 14]; /* sanitised input, by sample index */
    fz f;
    fz_init(&f, data, size);
    mm_oversampler a = {0}, b = {0};
    int factor = fz_range(&f, -1, 18);
    int taps = fz_u8(&f) < 230 ? 2 * fz_range(&f, 1, 128) : fz_range(&f, -2, 300);
    double beta = fz_u8(&f) < 230 ? fz_double_in(&f, 0.0, 20.0) : fz_special(&f);
    int valid = factor >= 1 && factor <= MAXL && taps >= 2 &&
                taps <= MM_OVERSAMPLER_MAX_TAPS && taps % 2 == 0 &&
                beta >= 0.0 && beta <= 20.0;
    int ra = mm_oversampler_init(&a, factor, taps, beta);
    if (!valid) {
        FZ_CHECK(ra == MM_E_ARG, "init(%d, %d, %g) accepted", factor, taps,
                 beta);
        FZ_CHECK(a.coef == NULL && a.hist == NULL, "struct changed");
        return 0;
    }
    if (ra != MM_OK)
        return 0;
    FZ_CHECK(mm_oversampler_init(&b, factor, taps, beta) == MM_OK, "init b");
    int lat = mm_oversampler_latency(&a);
    FZ_CHECK(lat == taps / 2, "latency %d, taps %d", lat, taps);
    FZ_CHECK(mm_oversampler_factor(&a) == factor, "factor");
    double gain = 0.0; /* the largest absolute sum over the phases */
    for (int j = 0; j < factor; j++) {
        double g = 0.0;
        for (int t = 0; t < taps; t++)
            g += fabs(a.coef[j * taps + t]);
        gain = fmax(gain, g);
    }
    long t0 = 0;
    long budget = MAX_WORK / ((long)factor * taps); /* samples */
    if (budget < 64)
        budget = 64;
    for (int ops = 0; fz_left(&f) && ops < 32 && budget > 0; ops++) {
        if (fz_u8(&f) < 12) {
            mm_oversampler_reset(&a);
            mm_oversampler_reset(&b);
            t0 = 0;
            continue;
        }
        int len = fz_range(&f, 1, budget < MAXN ? (int)budget : MAXN);
        budget -= len;
        fz_signal(&f, in, len);
        for (int i = 0; i < len; i++)
            hist[(t0 + i) & 16383] = sanitised(in[i]);
        for (int done = 0; done < len;) {
            int n = fz_blocksize(&f, len - done);
            mm_oversampler_process(&a, in + done, oa + done * factor, n);
            done += n;
        }
        for (int done = 0; done < len;) {
            int n = fz_blocksize(&f, len - done);
            mm_oversampler_process(&b, in + done, ob + done * factor, n);
            done += n;
        }
        for (int i = 0; i < len; i++) {
            long t = t0 + i;
            float want = t - lat >= 0 ? hist[(t - lat) & 16383] : 0.0f;
            FZ_CHECK(fz_same_bits(oa[i * factor], want),
                     "phase 0 at %ld: %g, want in[%ld] = %g", t,
                     oa[i * factor], t - lat, want);
            double m = 0.0; /* input window magnitude */
            for (int k = 0; k <= taps && t - k >= 0; k++)
                m = fmax(m, fabs(hist[(t - k) & 16383]));
            for (int j = 0; j < factor; j++) {
                float va = oa[i * factor + j], vb = ob[i * factor + j];
                FZ_CHECK(fz_same_bits(va, vb),
                         "block-size dependence at %ld phase %d: %g vs %g",
                         t, j, va, vb);
                if (m < 1e30) {
                    FZ_CHECK(fz_isfinite(va), "non-finite at %ld/%d", t, j);
                    FZ_CHECK(fabs(va) <= gain * m * 1.0001 + 1e-30,
                             "|y| %g > %g x window max %g", va, gain, m);
                }
            }
        }
        t0 += len;
    }
    mm_oversampler_free(&a);
    mm_oversampler_free(&b);
    return 0;
}
