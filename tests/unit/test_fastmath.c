/* test_fastmath.c: the fast dB conversions against libm over their whole
 * working range: below 2e-5 dB (log) and 2e-7 relative (exp). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>

#include "mm_fastmath.h"

static void test_log(void **state)
{
    (void)state;
    double worst = 0;
    for (double db = -300; db <= 300; db += 0.0137) {
        double x = pow(10, db / 20);
        double e = fabs(mm_fast_gain_to_db(x) - 20 * log10(x));
        worst = e > worst ? e : worst;
    }
    printf("  fast gain_to_db: worst %.2e dB\n", worst);
    assert_true(worst < 2e-5);
}

static void test_exp(void **state)
{
    (void)state;
    double worst = 0;
    for (double db = -600; db <= 600; db += 0.0113) {
        double g = mm_fast_db_to_gain(db), ref = pow(10, db / 20);
        double e = fabs(g / ref - 1);
        worst = e > worst ? e : worst;
    }
    printf("  fast db_to_gain: worst relative %.2e\n", worst);
    assert_true(worst < 2e-7);
    assert_true(mm_fast_exp2(-2000) == 0.0);
    assert_true(mm_fast_exp2(0) == 1.0);
    assert_true(mm_fast_exp2(3) == 8.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_log),
        cmocka_unit_test(test_exp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
