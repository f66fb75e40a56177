/* test_gaincomp.c: the soft-knee gain computer against the contract's
 * formula, written out independently here; continuity of value and slope
 * at the knee edges; hard knee; ratio 1; the curve writer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "mm_gaincomp.h"
#include "dyn_formula.h"

static void test_formula(void **state)
{
    (void)state;
    const double Ts[] = {-40, -20, 0}, Rs[] = {1, 2, 4, 20, 100},
                 Ws[] = {0, 6, 12, 24};
    mm_gaincomp g;
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 5; b++)
            for (int c = 0; c < 4; c++) {
                mm_gaincomp_set(&g, Ts[a], Rs[b], Ws[c]);
                for (double x = -100; x <= 20; x += 0.25) {
                    double y = mm_gaincomp_out_db(&g, x);
                    assert_true(fabs(y - formula(x, Ts[a], Rs[b], Ws[c]))
                                < 1e-9);
                    assert_true(mm_gaincomp_gain_db(&g, x) <= 0.0);
                }
            }
}

static void test_continuity(void **state)
{
    (void)state;
    mm_gaincomp g;
    mm_gaincomp_set(&g, -20, 4, 12);
    const double e = 1e-7;
    double edges[] = {-26, -14};
    for (int k = 0; k < 2; k++) {
        double x = edges[k];
        double y0 = mm_gaincomp_out_db(&g, x - e),
               y1 = mm_gaincomp_out_db(&g, x + e);
        assert_true(fabs(y1 - y0) < 1e-6);
        double s0 = (mm_gaincomp_out_db(&g, x - e) -
                     mm_gaincomp_out_db(&g, x - 2 * e)) / e;
        double s1 = (mm_gaincomp_out_db(&g, x + 2 * e) -
                     mm_gaincomp_out_db(&g, x + e)) / e;
        assert_true(fabs(s1 - s0) < 1e-3);
    }
    /* slope 1 below, 1/R above */
    assert_true(fabs(mm_gaincomp_out_db(&g, -40) - -40) < 1e-12);
    assert_true(fabs(mm_gaincomp_out_db(&g, 0) - (-20 + 20 / 4.0)) < 1e-12);
}

static void test_edges(void **state)
{
    (void)state;
    mm_gaincomp g;
    mm_gaincomp_set(&g, -10, 1, 6); /* ratio 1: identity */
    for (double x = -60; x < 10; x += 1)
        assert_true(mm_gaincomp_gain_db(&g, x) == 0.0);
    assert_true(g.knee_lin > 1e30);
    mm_gaincomp_set(&g, -10, 0.5, -3); /* clamped to 1 and 0 */
    assert_true(g.ratio == 1.0 && g.knee_db == 0.0);
    mm_gaincomp_set(&g, -10, 1e9, 0); /* limiter-like */
    assert_true(fabs(mm_gaincomp_out_db(&g, 0) + 10) < 1e-6);
    assert_true(fabs(g.knee_lin - pow(10, -10 / 20.0)) < 1e-12);
    float y[121];
    mm_gaincomp_set(&g, -20, 4, 6);
    mm_gaincomp_curve(&g, y, 121, -60, 0);
    for (int i = 0; i < 121; i++)
        assert_true(fabs(y[i] - formula(-60 + i * 0.5, -20, 4, 6)) < 1e-4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula),
        cmocka_unit_test(test_continuity),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
