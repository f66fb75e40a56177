/* test_pan.c: mm_pan (pan laws and balance) against its formulas.
 *
 * - pan-law figures: each side drops exactly the law at the centre, hard
 *   left/right give (1, 0)/(0, 1), constant power at 3 dB everywhere;
 * - every position and law against the laws written out here from their
 *   definitions: 0 dB min(1, 2x), 3 dB sin(x pi/2), 6 dB x, geometric
 *   blends in between (centre figures 0, -3.0103, -4.5154, -6.0206 dB);
 * - mirror symmetry (left at p = right at -p), monotonic sides, clamping;
 * - balance: the side pointed to stays at unity, the other falls
 *   linearly to silence at +-100.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "mm_pan.h"
#include "mmtest.h"

static void test_pan_laws(void **state)
{
    (void)state;
    double l, r;
    const double laws[] = {0, 3, 4.5, 6};
    for (int k = 0; k < 4; k++) {
        mm_pan_law(0, laws[k], &l, &r);
        fprintf(stderr, "  panlaw %.1f: centre %.3f dB each side\n", laws[k],
                mmt_db(l));
        assert_float_equal(l, r, 1e-12);
        assert_float_equal(mmt_db(l), -laws[k], 0.03);
        mm_pan_law(100, laws[k], &l, &r);
        assert_true(l == 0.0 && r == 1.0);
        mm_pan_law(-100, laws[k], &l, &r);
        assert_true(l == 1.0 && r == 0.0);
    }
    /* constant power at 3 dB everywhere */
    for (double p = -100; p <= 100; p += 10) {
        mm_pan_law(p, 3, &l, &r);
        assert_float_equal(l * l + r * r, 1.0, 1e-12);
    }
    mm_pan_balance(50, &l, &r);
    assert_true(l == 0.5 && r == 1.0);
    mm_pan_balance(-100, &l, &r);
    assert_true(l == 1.0 && r == 0.0);
}

/* The right side's gain at x = (p + 100) / 200, written from the law's
 * definition (the left side is the same at 1 - x). */
static double law_right(double x, double law)
{
    double g0 = fmin(1.0, 2.0 * x);
    double g3 = sin(x * MMT_PI / 2.0);
    double g6 = x;
    if (law == 0.0)
        return g0;
    if (law == 3.0)
        return g3;
    if (law == 6.0)
        return g6;
    if (law < 3.0)
        return pow(g0, 1.0 - law / 3.0) * pow(g3, law / 3.0);
    return pow(g3, (6.0 - law) / 3.0) * pow(g6, (law - 3.0) / 3.0);
}

static void test_law_formula(void **state)
{
    (void)state;
    const double laws[] = {0, 1, 1.5, 3, 4.5, 5, 6};
    for (int k = 0; k < 7; k++) {
        for (double p = -100; p <= 100; p += 2.5) {
            double l, r, x = (p + 100) / 200;
            mm_pan_law(p, laws[k], &l, &r);
            CHECK_NEAR(r, law_right(x, laws[k]), 1e-12);
            CHECK_NEAR(l, law_right(1 - x, laws[k]), 1e-12);
        }
    }
    /* the centre figures of the header, to 0.1 mdB */
    const double centre_db[] = {0.0, -3.0103, -4.5154, -6.0206};
    const double claws[] = {0, 3, 4.5, 6};
    for (int k = 0; k < 4; k++) {
        double l, r;
        mm_pan_law(0, claws[k], &l, &r);
        CHECK_NEAR(mmt_db(l), centre_db[k], 1e-4);
        CHECK_NEAR(mmt_db(r), centre_db[k], 1e-4);
    }
    /* 0 dB law: no drop anywhere on the side panned towards */
    for (double p = 0; p <= 100; p += 5) {
        double l, r;
        mm_pan_law(p, 0, &l, &r);
        assert_true(r == 1.0);
        CHECK_NEAR(l, 1.0 - p / 100.0, 1e-12);
    }
}

static void test_symmetry_and_clamp(void **state)
{
    (void)state;
    const double laws[] = {0, 2, 3, 4.5, 6};
    for (int k = 0; k < 5; k++) {
        double prev_r = -1;
        for (double p = -100; p <= 100; p += 1) {
            double l, r, l2, r2;
            mm_pan_law(p, laws[k], &l, &r);
            mm_pan_law(-p, laws[k], &l2, &r2);
            CHECK_NEAR(l, r2, 1e-12);
            CHECK_NEAR(r, l2, 1e-12);
            assert_true(l >= 0.0 && l <= 1.0 && r >= 0.0 && r <= 1.0);
            assert_true(r >= prev_r); /* right rises as the pan goes right */
            prev_r = r;
        }
    }
    /* pan and law are clamped to their ranges */
    double l, r, l2, r2;
    mm_pan_law(250, 3, &l, &r);
    assert_true(l == 0.0 && r == 1.0);
    mm_pan_law(-1e9, 3, &l, &r);
    assert_true(l == 1.0 && r == 0.0);
    mm_pan_law(0, 20, &l, &r);
    mm_pan_law(0, 6, &l2, &r2);
    assert_true(l == l2 && r == r2);
    mm_pan_law(30, -5, &l, &r);
    mm_pan_law(30, 0, &l2, &r2);
    assert_true(l == l2 && r == r2);
}

static void test_balance_formula(void **state)
{
    (void)state;
    for (double p = -100; p <= 100; p += 2.5) {
        double l, r;
        mm_pan_balance(p, &l, &r);
        CHECK_NEAR(l, 1.0 - fmax(0.0, p) / 100.0, 1e-15);
        CHECK_NEAR(r, 1.0 + fmin(0.0, p) / 100.0, 1e-15);
    }
    double l, r;
    mm_pan_balance(0, &l, &r);
    assert_true(l == 1.0 && r == 1.0);
    mm_pan_balance(1000, &l, &r);
    assert_true(l == 0.0 && r == 1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pan_laws),
        cmocka_unit_test(test_law_formula),
        cmocka_unit_test(test_symmetry_and_clamp),
        cmocka_unit_test(test_balance_formula),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
