/* test_ms.c: mm_ms (mid/side) against its definition
 *   M = (L + R) / 2,  S = (L - R) / 2;   L = M + S,  R = M - S.
 *
 * - the block functions compute exactly that (in double, one rounding to
 *   float); decode(encode(x)) = x bit for bit when L and R lie on a
 *   common grid of 2^-23 times a power of two (24-bit audio at any
 *   level), and within one float step of max(|L|, |R|) for any floats;
 * - mono (L = R) is all mid at its own level (S = 0 exactly), anti-phase
 *   (L = -R) all side; L alone splits into M = S = L / 2;
 * - the one-sample functions agree with the block functions;
 * - in place: outputs may alias inputs (encode into l, r and back).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm_ms.h"
#include "mmtest.h"

#define N 4096

static float l[N], r[N], m[N], s[N], l2[N], r2[N];

static void test_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < N; i++)
        l[i] = (float)mmt_frand(), r[i] = (float)mmt_frand();
    mm_ms_encode(l, r, m, s, N);
    mm_ms_decode(m, s, l2, r2, N);
    for (int i = 0; i < N; i++) {
        assert_true(fabsf(l2[i] - l[i]) < 1e-6f);
        assert_true(fabsf(m[i] - 0.5f * (l[i] + r[i])) < 1e-6f);
    }
    /* exactly the definition, and the round trip exact, at three
     * power-of-two scales */
    const double scale[] = {1.0, 0x1p-100, 0x1p18};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < N; i++) {
            l[i] = (float)(scale[k] * mmt_frand());
            r[i] = (float)(scale[k] * mmt_frand());
        }
        mm_ms_encode(l, r, m, s, N);
        mm_ms_decode(m, s, l2, r2, N);
        for (int i = 0; i < N; i++) {
            CHECK_BITS_F(m[i], (float)(0.5 * ((double)l[i] + r[i])));
            CHECK_BITS_F(s[i], (float)(0.5 * ((double)l[i] - r[i])));
        }
        assert_memory_equal(l2, l, sizeof l);
        assert_memory_equal(r2, r, sizeof r);
    }
    /* any floats (channels of unrelated magnitudes): one float step */
    for (int i = 0; i < N; i++) {
        l[i] = (float)(mmt_frand() * pow(10.0, 6 * mmt_frand()));
        r[i] = (float)(mmt_frand() * pow(10.0, -6 * mmt_frand01()));
    }
    mm_ms_encode(l, r, m, s, N);
    mm_ms_decode(m, s, l2, r2, N);
    for (int i = 0; i < N; i++) {
        double big = fmax(fabs(l[i]), fabs(r[i])), step = big * 0x1p-23;
        CHECK_NEAR(l2[i], l[i], step);
        CHECK_NEAR(r2[i], r[i], step);
    }
}

static void test_mono_antiphase_one_side(void **state)
{
    (void)state;
    for (int i = 0; i < N; i++) {
        l[i] = (float)mmt_frand();
        r[i] = l[i];
    }
    mm_ms_encode(l, r, m, s, N);
    for (int i = 0; i < N; i++) {
        CHECK_BITS_F(m[i], l[i]);
        CHECK_BITS_F(s[i], 0.0f);
    }
    for (int i = 0; i < N; i++)
        r[i] = -l[i];
    mm_ms_encode(l, r, m, s, N);
    for (int i = 0; i < N; i++) {
        CHECK_BITS_F(m[i], 0.0f);
        CHECK_BITS_F(s[i], l[i]);
    }
    for (int i = 0; i < N; i++)
        r[i] = 0.0f;
    mm_ms_encode(l, r, m, s, N);
    for (int i = 0; i < N; i++) {
        CHECK_BITS_F(m[i], 0.5f * l[i]);
        CHECK_BITS_F(s[i], 0.5f * l[i]);
    }
}

static void test_one_sample_and_in_place(void **state)
{
    (void)state;
    for (int i = 0; i < N; i++)
        l[i] = (float)mmt_frand(), r[i] = (float)mmt_frand();
    mm_ms_encode(l, r, m, s, N);
    for (int i = 0; i < N; i++) {
        double mm, ss, ll, rr;
        mm_ms_encode1(l[i], r[i], &mm, &ss);
        CHECK_BITS_F(m[i], (float)mm);
        CHECK_BITS_F(s[i], (float)ss);
        mm_ms_decode1(mm, ss, &ll, &rr);
        CHECK_BITS_D(ll, (double)l[i]);
        CHECK_BITS_D(rr, (double)r[i]);
    }
    /* in place: (l, r) -> (m, s) in the same buffers, and back */
    memcpy(l2, l, sizeof l);
    memcpy(r2, r, sizeof r);
    mm_ms_encode(l2, r2, l2, r2, N);
    assert_memory_equal(l2, m, sizeof m);
    assert_memory_equal(r2, s, sizeof s);
    mm_ms_decode(l2, r2, l2, r2, N);
    assert_memory_equal(l2, l, sizeof l);
    assert_memory_equal(r2, r, sizeof r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_mono_antiphase_one_side),
        cmocka_unit_test(test_one_sample_and_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
