/* test_smoother.c: the gain smoother (dsp/mm_smoother.h) against theory.
 *
 * A one-pole with a 63% time constant tau: after a step, the output
 * covers 1 - 1/e of it in tau (10 ms by default) at every rate, whatever
 * the rate was when the smoother was made. Once within MM_SMOOTHER_SNAP
 * of the target it returns the target bit for bit. skip(n) is n samples
 * in one go. A non-finite target is ignored.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "mm_smoother.h"
#include "mmtest.h"

static const double rates[] = {44100, 48000, 96000, 192000};
#define NRATES 4

/* Calls of next() until the smoother has covered 63% (1 - 1/e) of the
 * step from `from` to `to`. */
static long samples_to_63(mm_smoother *s, double from, double to)
{
    const double goal = from + (to - from) * (1.0 - exp(-1.0));
    long n = 0;
    for (;;) {
        double v = mm_smoother_next(s);
        n++;
        if (to > from ? v >= goal : v <= goal)
            return n;
        if (n > 10000000L)
            return -1;
    }
}

static void check_63(double got, double tau_ms, double rate, const char *what)
{
    double expect = tau_ms * 0.001 * rate;
    if (!(fabs(got - expect) <= 1.0)) {
        print_error("%s: tau %g ms at %g Hz: 63%% after %.0f samples, "
                    "expected %.2f +- 1\n", what, tau_ms, rate, got, expect);
        fail();
    }
}

static void test_default_tau_63(void **state)
{
    (void)state;
    assert_true(MM_SMOOTHER_TAU_MS == 10.0);
    for (int r = 0; r < NRATES; r++) {
        mm_smoother s;
        /* rising step 0 -> 1 */
        mm_smoother_init(&s, MM_SMOOTHER_TAU_MS, rates[r], 0.0);
        assert_false(mm_smoother_moving(&s));
        mm_smoother_set(&s, 1.0);
        assert_true(mm_smoother_moving(&s));
        check_63((double)samples_to_63(&s, 0.0, 1.0), 10.0, rates[r], "up");
        /* falling step 1 -> 0.25 */
        mm_smoother_snap(&s, 1.0);
        mm_smoother_set(&s, 0.25);
        check_63((double)samples_to_63(&s, 1.0, 0.25), 10.0, rates[r],
                 "down");
        /* a large step, -40 .. +12 (dB values are smoothed too) */
        mm_smoother_snap(&s, -40.0);
        mm_smoother_set(&s, 12.0);
        check_63((double)samples_to_63(&s, -40.0, 12.0), 10.0, rates[r],
                 "large");
    }
}

static void test_other_taus_63(void **state)
{
    (void)state;
    const double taus[] = {0.5, 2.0, 50.0, 200.0};
    for (int r = 0; r < NRATES; r++) {
        for (int t = 0; t < 4; t++) {
            mm_smoother s;
            mm_smoother_init(&s, taus[t], rates[r], 0.0);
            mm_smoother_set(&s, 1.0);
            check_63((double)samples_to_63(&s, 0.0, 1.0), taus[t], rates[r],
                     "init");
            /* the same through set_tau_ms */
            mm_smoother_init(&s, 10.0, rates[r], 0.0);
            mm_smoother_set_tau_ms(&s, taus[t]);
            mm_smoother_set(&s, 1.0);
            check_63((double)samples_to_63(&s, 0.0, 1.0), taus[t], rates[r],
                     "set_tau_ms");
        }
    }
}

static void test_trajectory_is_exponential(void **state)
{
    (void)state;
    /* y[n] = target + (y0 - target) exp(-n / (tau fs)) while moving */
    mm_smoother s;
    const double fs = 48000.0, tau = 10.0;
    mm_smoother_init(&s, tau, fs, 0.2);
    mm_smoother_set(&s, 0.9);
    for (long n = 1; n <= 3000; n++) {
        double v = mm_smoother_next(&s);
        double ideal = 0.9 + (0.2 - 0.9) * exp(-(double)n / (tau * 1e-3 * fs));
        CHECK_NEAR(v, ideal, 1e-9);
    }
}

static void test_snaps_bit_exact(void **state)
{
    (void)state;
    /* values chosen to be inexact in binary */
    const double from[] = {0.0, 1.0, 0.1, -3.7, 1e-3};
    const double to[] = {1.0, 0.0, 0.7, 2.3, 0.3333333333333333};
    for (int r = 0; r < NRATES; r++) {
        for (int k = 0; k < 5; k++) {
            mm_smoother s;
            mm_smoother_init(&s, MM_SMOOTHER_TAU_MS, rates[r], from[k]);
            mm_smoother_set(&s, to[k]);
            /* the snap comes when |error| < 1e-6: after
             * tau fs ln(|step| / 1e-6) samples */
            double expect = MM_SMOOTHER_TAU_MS * 1e-3 * rates[r]
                            * log(fabs(to[k] - from[k]) / MM_SMOOTHER_SNAP);
            long n = 0;
            double v = from[k];
            while (mm_smoother_moving(&s) && n < 10000000L) {
                v = mm_smoother_next(&s);
                n++;
            }
            CHECK_BITS_D(v, to[k]);
            if (!(fabs((double)n - expect) <= 2.0)) {
                print_error("settled after %ld samples, expected %.1f\n", n,
                            expect);
                fail();
            }
            /* and stays there exactly */
            for (int i = 0; i < 1000; i++)
                CHECK_BITS_D(mm_smoother_next(&s), to[k]);
            assert_false(mm_smoother_moving(&s));
        }
    }
    /* unity gain is exactly 1.0 (bit-exact pass-through downstream) */
    mm_smoother s;
    mm_smoother_init(&s, 10.0, 48000, 0.5);
    mm_smoother_set(&s, 1.0);
    for (int i = 0; i < 48000; i++)
        mm_smoother_next(&s);
    CHECK_BITS_D(mm_smoother_next(&s), 1.0);
    /* nothing moves before the snap distance is reached */
    mm_smoother_init(&s, 10.0, 48000, 0.0);
    mm_smoother_set(&s, 1.0);
    for (int i = 0; i < 100; i++) {
        double v = mm_smoother_next(&s);
        assert_true(v > 0.0 && v < 1.0);
    }
}

static void test_skip_equals_next(void **state)
{
    (void)state;
    const int ns[] = {0, 1, 2, 7, 16, 64, 100, 480, 1000, 5000, 20000};
    for (int r = 0; r < NRATES; r++) {
        for (int k = 0; k < 11; k++) {
            mm_smoother a, b;
            mm_smoother_init(&a, MM_SMOOTHER_TAU_MS, rates[r], 0.3);
            mm_smoother_init(&b, MM_SMOOTHER_TAU_MS, rates[r], 0.3);
            mm_smoother_set(&a, -0.8);
            mm_smoother_set(&b, -0.8);
            double va = 0.3;
            for (int i = 0; i < ns[k]; i++)
                va = mm_smoother_next(&a);
            double vb = mm_smoother_skip(&b, ns[k]);
            CHECK_NEAR(vb, va, 1e-9);
            assert_int_equal(mm_smoother_moving(&a),
                             mm_smoother_moving(&b));
        }
        /* a run of control-rate skips (16 samples) against per-sample
         * calls, through the snap and beyond */
        mm_smoother a, b;
        mm_smoother_init(&a, MM_SMOOTHER_TAU_MS, rates[r], 1.0);
        mm_smoother_init(&b, MM_SMOOTHER_TAU_MS, rates[r], 1.0);
        mm_smoother_set(&a, 0.0);
        mm_smoother_set(&b, 0.0);
        for (int blk = 0; blk < 20000; blk++) {
            double va = 0.0;
            for (int i = 0; i < 16; i++)
                va = mm_smoother_next(&a);
            double vb = mm_smoother_skip(&b, 16);
            CHECK_NEAR(vb, va, 1e-9);
        }
        CHECK_BITS_D(mm_smoother_skip(&b, 16), 0.0);
        assert_false(mm_smoother_moving(&b));
    }
    /* skip of a negative count does nothing */
    mm_smoother s;
    mm_smoother_init(&s, 10.0, 48000, 0.0);
    mm_smoother_set(&s, 1.0);
    CHECK_BITS_D(mm_smoother_skip(&s, -5), 0.0);
    CHECK_BITS_D(mm_smoother_skip(&s, 0), 0.0);
}

static void test_nonfinite_target_ignored(void **state)
{
    (void)state;
    const double bad[] = {mmt_d_from_bits(0x7ff8000000000000ull),
                          mmt_d_from_bits(0xfff8000000000000ull),
                          mmt_d_from_bits(0x7ff0000000000001ull),
                          mmt_d_from_bits(0x7ff0000000000000ull),
                          mmt_d_from_bits(0xfff0000000000000ull)};
    for (int k = 0; k < 5; k++) {
        /* s gets the bad target, twin does not: they must not differ */
        mm_smoother s, twin;
        mm_smoother_init(&s, 10.0, 48000, 0.0);
        mm_smoother_init(&twin, 10.0, 48000, 0.0);
        mm_smoother_set(&s, 1.0);
        mm_smoother_set(&twin, 1.0);
        for (int i = 0; i < 100; i++) {
            mm_smoother_next(&s);
            mm_smoother_next(&twin);
        }
        mm_smoother_set(&s, bad[k]);
        assert_true(mm_smoother_moving(&s));
        /* it carries on to the old target, finite, sample for sample */
        double v = 0.0;
        for (int i = 0; i < 48000; i++) {
            v = mm_smoother_next(&s);
            CHECK_BITS_D(v, mm_smoother_next(&twin));
        }
        CHECK_BITS_D(v, 1.0);
        /* snap ignores it too */
        mm_smoother_snap(&s, bad[k]);
        CHECK_BITS_D(mm_smoother_next(&s), 1.0);
        assert_false(mm_smoother_moving(&s));
        CHECK_BITS_D(mm_smoother_skip(&s, 64), 1.0);
        /* and a bad target while settled leaves it settled */
        mm_smoother_set(&s, bad[k]);
        assert_false(mm_smoother_moving(&s));
        CHECK_BITS_D(mm_smoother_next(&s), 1.0);
    }
}

static void test_samplerate_keeps_ms(void **state)
{
    (void)state;
    for (int r0 = 0; r0 < NRATES; r0++) {
        for (int r1 = 0; r1 < NRATES; r1++) {
            mm_smoother s;
            mm_smoother_init(&s, 10.0, rates[r0], 0.0);
            mm_smoother_set_samplerate(&s, rates[r1]);
            mm_smoother_set(&s, 1.0);
            check_63((double)samples_to_63(&s, 0.0, 1.0), 10.0, rates[r1],
                     "after set_samplerate");
        }
    }
    /* a non-custom tau survives the change as well */
    mm_smoother s;
    mm_smoother_init(&s, 10.0, 44100, 0.0);
    mm_smoother_set_tau_ms(&s, 25.0);
    mm_smoother_set_samplerate(&s, 96000);
    mm_smoother_set(&s, 1.0);
    check_63((double)samples_to_63(&s, 0.0, 1.0), 25.0, 96000, "25 ms");
    /* a bad rate is ignored: the old one stays */
    mm_smoother_init(&s, 10.0, 48000, 0.0);
    mm_smoother_set_samplerate(&s, 0.0);
    mm_smoother_set_samplerate(&s, -44100.0);
    mm_smoother_set(&s, 1.0);
    check_63((double)samples_to_63(&s, 0.0, 1.0), 10.0, 48000, "bad rate");
    /* and init without a rate works at 48 kHz rather than dividing by 0 */
    mm_smoother_init(&s, 10.0, 0.0, 0.0);
    mm_smoother_set(&s, 1.0);
    check_63((double)samples_to_63(&s, 0.0, 1.0), 10.0, 48000, "no rate");
}

static void test_instant(void **state)
{
    (void)state;
    mm_smoother s;
    mm_smoother_init(&s, 0.0, 48000, 0.0);
    mm_smoother_set(&s, 0.7);
    CHECK_BITS_D(mm_smoother_next(&s), 0.7);
    assert_false(mm_smoother_moving(&s));
    mm_smoother_set(&s, -0.1);
    CHECK_BITS_D(mm_smoother_skip(&s, 1), -0.1);
    /* snap: no glide at all */
    mm_smoother_init(&s, 10.0, 48000, 0.0);
    mm_smoother_snap(&s, 0.6);
    assert_false(mm_smoother_moving(&s));
    CHECK_BITS_D(mm_smoother_next(&s), 0.6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_tau_63),
        cmocka_unit_test(test_other_taus_63),
        cmocka_unit_test(test_trajectory_is_exponential),
        cmocka_unit_test(test_snaps_bit_exact),
        cmocka_unit_test(test_skip_equals_next),
        cmocka_unit_test(test_nonfinite_target_ignored),
        cmocka_unit_test(test_samplerate_keeps_ms),
        cmocka_unit_test(test_instant),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
