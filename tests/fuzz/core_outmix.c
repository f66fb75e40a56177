/* Fuzz mm_outmix: gains stay within [-1, 1] and land exactly on their
 * targets, |out| <= |wet| + |dry|, a settled path never leaks the other
 * path's NaN, and the result does not depend on the block size (two
 * instances cut differently, switched at the same samples). */
#include "fuzz.h"
#include "mm_outmix.h"

#define MAXN 4096

static void run(mm_outmix *m, fz *f, const float *wet, const float *dry,
                float *out, int len)
{
    for (int done = 0; done < len;) {
        int n = fz_blocksize(f, len - done);
        mm_outmix_process(m, wet + done, dry + done, out + done, n);
        FZ_CHECK(m->remaining >= 0, "remaining %d", m->remaining);
        FZ_CHECK(m->w >= -1.0 - 1e-9 && m->w <= 1.0 + 1e-9 &&
                     m->d >= -1.0 - 1e-9 && m->d <= 1.0 + 1e-9,
                 "gains w %g d %g", m->w, m->d);
        if (m->remaining == 0)
            FZ_CHECK(m->w == m->w_to && m->d == m->d_to, "settled off target");
        done += n;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static float wet[MAXN], dry[MAXN], oa[MAXN], ob[MAXN];
    fz f;
    fz_init(&f, data, size);
    mm_outmix a, b;
    double sr = fz_samplerate(&f);
    mm_outmix_init(&a, sr);
    mm_outmix_init(&b, sr);
    for (int ops = 0; fz_left(&f) && ops < 64; ops++) {
        int op = fz_u8(&f) % 5;
        if (op == 0) {
            int on = fz_u8(&f) & 1;
            mm_outmix_set_bypass(&a, on);
            mm_outmix_set_bypass(&b, on);
        } else if (op == 1) {
            int on = fz_u8(&f) & 1;
            mm_outmix_set_delta(&a, on);
            mm_outmix_set_delta(&b, on);
        } else if (op == 2) {
            if (fz_u8(&f) < 128) {
                mm_outmix_snap(&a);
                mm_outmix_snap(&b);
            } else {
                /* any rate Pd can run at, including [block~] up- and
                 * down-sampling; absurd rates (1e36, inf) are not tried:
                 * set_samplerate keeps 48 kHz for any rate >= 1e7 */
                double r = fz_u8(&f) < 200 ? fz_samplerate(&f)
                                           : fz_double_in(&f, -1.0, 2e6);
                mm_outmix_set_samplerate(&a, r);
                mm_outmix_set_samplerate(&b, r);
            }
        } else {
            int len = fz_range(&f, 1, MAXN);
            int plain = mm_outmix_is_plain(&a), byp = mm_outmix_is_bypassed(&a);
            fz_signal(&f, wet, len);
            fz_signal(&f, dry, len);
            int alias = fz_u8(&f) % 3;
            if (alias == 1)
                memcpy(oa, wet, len * sizeof *oa);
            else if (alias == 2)
                memcpy(oa, dry, len * sizeof *oa);
            /* a: out aliases wet or dry; b: separate output */
            run(&a, &f, alias == 1 ? oa : wet, alias == 2 ? oa : dry, oa, len);
            run(&b, &f, wet, dry, ob, len);
            for (int i = 0; i < len; i++) {
                FZ_CHECK(fz_same_bits(oa[i], ob[i]) ||
                             (!fz_isfinite(oa[i]) && !fz_isfinite(ob[i])) ||
                             fabsf(oa[i] - ob[i]) <=
                                 1e-6f * (fabsf(wet[i]) + fabsf(dry[i])),
                         "block-size dependence at %d: %g vs %g", i, oa[i],
                         ob[i]);
                if (fz_isfinite(wet[i]) && fz_isfinite(dry[i]) &&
                    fabsf(wet[i]) < 1e30f && fabsf(dry[i]) < 1e30f)
                    FZ_CHECK(fabsf(ob[i]) <=
                                 (fabsf(wet[i]) + fabsf(dry[i])) * 1.000001f,
                             "|out| %g > |wet| %g + |dry| %g", ob[i], wet[i],
                             dry[i]);
                if (plain)
                    FZ_CHECK(fz_same_bits(ob[i], wet[i]), "plain != wet");
                if (byp)
                    FZ_CHECK(fz_same_bits(ob[i], dry[i]), "bypass != dry");
            }
        }
    }
    return 0;
}
