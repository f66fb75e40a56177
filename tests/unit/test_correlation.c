/* test_correlation.c: mm_correlation against its definition
 *   r = sum(L R) / sqrt(sum(L^2) sum(R^2))   over the interval.
 *
 * - identical signals read +1 at any gains of one sign, inverted ones -1;
 * - independent noises read 0 within 4 standard deviations of the sample
 *   correlation (1 / sqrt(n));
 * - two sines of one frequency phase-shifted by phi read cos(phi) over
 *   whole periods;
 * - a silent side is "not measured" (valid = 0); take restarts the sums;
 *   non-finite samples count as 0;
 * - the reading does not depend on how the interval is cut into blocks;
 * - the scope holds the last samples, oldest first.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm_correlation.h"
#include "mmtest.h"

#define N 48000

static float l[N], r[N], r2[N];

static void test_mono_antiphase_noise_scope(void **state)
{
    (void)state;
    for (int i = 0; i < 4096; i++)
        l[i] = (float)mmt_frand(), r[i] = (float)mmt_frand();
    mm_correlation c;
    mm_correlation_init(&c);
    int valid;
    mm_correlation_process(&c, l, l, 4096);
    assert_true(fabs(mm_correlation_take(&c, &valid) - 1.0) < 1e-9);
    assert_true(valid);
    for (int i = 0; i < 4096; i++)
        r2[i] = -l[i];
    mm_correlation_process(&c, l, r2, 4096);
    assert_true(fabs(mm_correlation_take(&c, &valid) + 1.0) < 1e-9);
    mm_correlation_process(&c, l, r, 4096);
    assert_true(fabs(mm_correlation_take(&c, &valid)) < 0.05);
    memset(r2, 0, sizeof r2);
    mm_correlation_process(&c, l, r2, 4096);
    mm_correlation_take(&c, &valid);
    assert_false(valid);
    mm_correlation_take(&c, &valid);
    assert_false(valid);
    float sl[8], sr[8];
    mm_correlation_process(&c, l, r, 4096);
    mm_correlation_scope(&c, sl, sr, 8);
    assert_true(sl[7] == l[4095] && sr[0] == r[4088]);
}

static double reading(const float *a, const float *b, int n, int *valid)
{
    mm_correlation c;
    mm_correlation_init(&c);
    mm_correlation_process(&c, a, b, n);
    return mm_correlation_take(&c, valid);
}

static void test_identical_inverted_independent(void **state)
{
    (void)state;
    int valid;
    for (int i = 0; i < N; i++)
        l[i] = (float)mmt_frand();
    const double gains[] = {1.0, 0.5, 1e-3, 4.0};
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i < N; i++)
            r[i] = (float)(gains[k] * l[i]);
        CHECK_NEAR(reading(l, r, N, &valid), 1.0, 1e-9);
        assert_true(valid);
        for (int i = 0; i < N; i++)
            r[i] = -r[i];
        CHECK_NEAR(reading(l, r, N, &valid), -1.0, 1e-9);
        assert_true(valid);
    }
    /* independent noises: the sample correlation has deviation 1/sqrt(n) */
    for (int k = 0; k < 5; k++) {
        for (int i = 0; i < N; i++)
            l[i] = (float)mmt_frand(), r[i] = (float)mmt_frand();
        double v = reading(l, r, N, &valid);
        fprintf(stderr, "  independent noise, %d samples: r = %+.4f\n", N, v);
        assert_true(valid);
        assert_true(fabs(v) < 4.0 / sqrt(N));
    }
}

static void test_phase_shifted_sines(void **state)
{
    (void)state;
    int valid;
    /* 1 kHz at 48 kHz: 48 samples a period, N = 1000 whole periods */
    for (int d = 0; d <= 180; d += 15) {
        double phi = d * MMT_PI / 180.0;
        mmt_sine(l, N, 1, 0.5, 1000, 48000, 0);
        mmt_sine(r, N, 1, 0.25, 1000, 48000, phi);
        double v = reading(l, r, N, &valid);
        assert_true(valid);
        CHECK_NEAR(v, cos(phi), 1e-6);
    }
}

static void test_silence_take_nonfinite(void **state)
{
    (void)state;
    int valid = 1;
    mm_correlation c;
    mm_correlation_init(&c);
    /* nothing processed: not measured */
    assert_true(mm_correlation_take(&c, &valid) == 0.0);
    assert_false(valid);
    /* one silent side */
    for (int i = 0; i < N; i++)
        l[i] = (float)mmt_frand(), r[i] = 0.0f;
    mm_correlation_process(&c, l, r, N);
    assert_true(mm_correlation_take(&c, &valid) == 0.0);
    assert_false(valid);
    mm_correlation_process(&c, r, l, N);
    mm_correlation_take(&c, &valid);
    assert_false(valid);
    /* take restarts: an anti-phase interval after a mono one reads -1 */
    mm_correlation_process(&c, l, l, N);
    CHECK_NEAR(mm_correlation_take(&c, &valid), 1.0, 1e-9);
    for (int i = 0; i < N; i++)
        r[i] = -l[i];
    mm_correlation_process(&c, l, r, N);
    CHECK_NEAR(mm_correlation_take(&c, &valid), -1.0, 1e-9);
    assert_true(valid);
    /* non-finite samples count as silence, the reading stays finite */
    memcpy(r, l, sizeof r);
    r[10] = NAN;
    l[20] = INFINITY;
    r[30] = -INFINITY;
    mm_correlation_process(&c, l, r, N);
    double v = mm_correlation_take(&c, &valid);
    assert_true(valid && mm_isfinite_d(v));
    CHECK_NEAR(v, 1.0, 1e-3);
    mm_correlation_reset(&c);
    mm_correlation_take(&c, &valid);
    assert_false(valid);
}

static void test_blocks_and_scope(void **state)
{
    (void)state;
    int valid;
    for (int i = 0; i < N; i++) {
        l[i] = (float)mmt_frand();
        r[i] = (float)(0.6 * l[i] + 0.4 * mmt_frand());
    }
    double whole = reading(l, r, N, &valid);
    const int sizes[] = {1, 7, 64, 1000};
    for (int k = 0; k < 4; k++) {
        mm_correlation c;
        mm_correlation_init(&c);
        for (int i = 0, n; i < N; i += n) {
            n = N - i < sizes[k] ? N - i : sizes[k];
            mm_correlation_process(&c, l + i, r + i, n);
        }
        CHECK_NEAR(mm_correlation_take(&c, &valid), whole, 1e-12);
        /* the scope: the last MM_CORRELATION_SCOPE samples, oldest first */
        static float sl[MM_CORRELATION_SCOPE], sr[MM_CORRELATION_SCOPE];
        mm_correlation_scope(&c, sl, sr, MM_CORRELATION_SCOPE);
        assert_memory_equal(sl, l + N - MM_CORRELATION_SCOPE, sizeof sl);
        assert_memory_equal(sr, r + N - MM_CORRELATION_SCOPE, sizeof sr);
        /* a request beyond the scope's length gets the whole scope */
        static float bl[2 * MM_CORRELATION_SCOPE], br[2 * MM_CORRELATION_SCOPE];
        mm_correlation_scope(&c, bl, br, 2 * MM_CORRELATION_SCOPE);
        assert_memory_equal(bl, sl, sizeof sl);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mono_antiphase_noise_scope),
        cmocka_unit_test(test_identical_inverted_independent),
        cmocka_unit_test(test_phase_shifted_sines),
        cmocka_unit_test(test_silence_take_nonfinite),
        cmocka_unit_test(test_blocks_and_scope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
