/* test_common.c: the helpers of dsp/mm_common.h against theory.
 *
 * dB conversions against their definitions (20 log10 for gains, 10 log10
 * for powers) and the library floor (-144 dB, never inf/NaN); finiteness
 * by bit pattern (must hold under -ffast-math -fno-finite-math-only);
 * denormal flushing; the one-pole coefficient against the 63% time
 * constant convention (a step reaches 1 - 1/e after tau).
 *
 * Special values are built from bit patterns through volatile objects so
 * the compiler cannot fold the checks away.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <stdio.h>

#include "mm_common.h"
#include "mmtest.h"

/* The special values every check below runs through. */
#define D_QNAN mmt_d_from_bits(0x7ff8000000000000ull)
#define D_NQNAN mmt_d_from_bits(0xfff8000000000000ull)
#define D_SNAN mmt_d_from_bits(0x7ff0000000000001ull)
#define D_NAN_PAYLOAD mmt_d_from_bits(0x7fffffffffffffffull)
#define D_INF mmt_d_from_bits(0x7ff0000000000000ull)
#define D_NINF mmt_d_from_bits(0xfff0000000000000ull)
#define D_DENORM_MIN mmt_d_from_bits(0x0000000000000001ull) /* 4.9e-324 */
#define D_DENORM_MAX mmt_d_from_bits(0x000fffffffffffffull) /* just < DBL_MIN */
#define D_NZERO mmt_d_from_bits(0x8000000000000000ull)

#define F_QNAN mmt_f_from_bits(0x7fc00000u)
#define F_NQNAN mmt_f_from_bits(0xffc00000u)
#define F_SNAN mmt_f_from_bits(0x7f800001u)
#define F_NAN_PAYLOAD mmt_f_from_bits(0x7fffffffu)
#define F_INF mmt_f_from_bits(0x7f800000u)
#define F_NINF mmt_f_from_bits(0xff800000u)
#define F_DENORM_MIN mmt_f_from_bits(0x00000001u) /* 1.4e-45 */
#define F_DENORM_MAX mmt_f_from_bits(0x007fffffu)  /* just < FLT_MIN */
#define F_NZERO mmt_f_from_bits(0x80000000u)

static int finite_by_value(double x)
{
    return x == x && x - x == 0.0;
}

/* ---- dB <-> gain -------------------------------------------------- */

static void test_db_gain_known_values(void **state)
{
    (void)state;
    CHECK_BITS_D(mm_db_to_gain(0.0), 1.0);
    CHECK_NEAR(mm_db_to_gain(20.0), 10.0, 1e-12);
    CHECK_NEAR(mm_db_to_gain(-20.0), 0.1, 1e-15);
    CHECK_NEAR(mm_db_to_gain(-6.020599913279624), 0.5, 1e-15);
    CHECK_NEAR(mm_db_to_gain(-120.0), 1e-6, 1e-20);
    CHECK_NEAR(mm_gain_to_db(1.0), 0.0, 1e-15);
    CHECK_NEAR(mm_gain_to_db(0.5), -6.020599913279624, 1e-12);
    CHECK_NEAR(mm_gain_to_db(10.0), 20.0, 1e-12);
    CHECK_NEAR(mm_gain_to_db(1e-7), -140.0, 1e-9);
    /* a magnitude: the sign does not matter */
    CHECK_NEAR(mm_gain_to_db(-0.5), -6.020599913279624, 1e-12);
    CHECK_NEAR(mm_gain_to_db(-2.0), 6.020599913279624, 1e-12);
    /* the floor constant is 10^(-144/20) */
    CHECK_NEAR(MM_FLOOR_GAIN, pow(10.0, -144.0 / 20.0),
               1e-14 * MM_FLOOR_GAIN);
    CHECK_BITS_D(MM_FLOOR_DB, -144.0);
}

static void test_db_gain_round_trip(void **state)
{
    (void)state;
    /* dB -> gain -> dB from just above the floor to +100 dB */
    for (double db = -143.99; db <= 100.0; db += 0.37) {
        double g = mm_db_to_gain(db);
        assert_true(g > 0.0);
        CHECK_NEAR(mm_gain_to_db(g), db, 1e-9);
    }
    /* gain -> dB -> gain over 10^-7 .. 10^6, relative */
    for (double e = -7.0; e <= 6.0; e += 0.013) {
        double g = pow(10.0, e);
        double back = mm_db_to_gain(mm_gain_to_db(g));
        CHECK_NEAR(back / g, 1.0, 1e-12);
    }
    /* monotonic across the range */
    double prev = -1.0;
    for (double db = -143.5; db <= 40.0; db += 0.5) {
        double g = mm_db_to_gain(db);
        assert_true(g > prev);
        prev = g;
    }
}

static void test_db_to_gain_floor(void **state)
{
    (void)state;
    /* at and below the floor: silence, exactly 0 */
    CHECK_BITS_D(mm_db_to_gain(-144.0), 0.0);
    CHECK_BITS_D(mm_db_to_gain(-144.0000001), 0.0);
    CHECK_BITS_D(mm_db_to_gain(-200.0), 0.0);
    CHECK_BITS_D(mm_db_to_gain(-1e300), 0.0);
    CHECK_BITS_D(mm_db_to_gain(D_NINF), 0.0);
    /* just above it: the floor gain */
    CHECK_NEAR(mm_db_to_gain(-143.999999) / MM_FLOOR_GAIN, 1.0, 1e-6);
}

static void check_gain_floor(double g)
{
    double db = mm_gain_to_db(g);
    if (!(db == MM_FLOOR_DB)) {
        print_error("mm_gain_to_db(%g) = %.17g, expected the floor %g\n",
                    g, db, MM_FLOOR_DB);
        fail();
    }
}

static void test_gain_to_db_floor(void **state)
{
    (void)state;
    check_gain_floor(0.0);
    check_gain_floor(D_NZERO);
    check_gain_floor(D_DENORM_MIN);
    check_gain_floor(D_DENORM_MAX);
    check_gain_floor(-D_DENORM_MAX);
    check_gain_floor((double)F_DENORM_MIN);
    check_gain_floor((double)F_DENORM_MAX);
    check_gain_floor(1e-30);
    check_gain_floor(1e-10);
    check_gain_floor(MM_FLOOR_GAIN);
    check_gain_floor(MM_FLOOR_GAIN * 0.999);
    check_gain_floor(-MM_FLOOR_GAIN * 0.5);
    check_gain_floor(D_QNAN);
    check_gain_floor(D_NQNAN);
    check_gain_floor(D_SNAN);
    check_gain_floor(D_NAN_PAYLOAD);
    check_gain_floor((double)F_QNAN);
    check_gain_floor(D_INF);
    check_gain_floor(D_NINF);
    check_gain_floor((double)F_INF);
    /* just above the floor is above it, and finite */
    double db = mm_gain_to_db(MM_FLOOR_GAIN * 1.001);
    assert_true(db > MM_FLOOR_DB);
    CHECK_NEAR(db, -144.0 + 20.0 * log10(1.001), 1e-9);
}

static void test_gain_to_db_never_nonfinite(void **state)
{
    (void)state;
    /* the whole double range, positive and negative, stays finite and
     * at or above the floor */
    const double big[] = {1.0, 1e10, 1e30, 1e31, 1e100, 1e300, DBL_MAX,
                          FLT_MAX};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
        for (int s = -1; s <= 1; s += 2) {
            double db = mm_gain_to_db(s * big[i]);
            assert_true(finite_by_value(db));
            assert_true(mm_isfinite_d(db));
            assert_true(db >= MM_FLOOR_DB);
        }
    }
    for (double e = -330.0; e <= 308.0; e += 0.7) {
        double db = mm_gain_to_db(pow(10.0, e));
        assert_true(mm_isfinite_d(db));
        assert_true(db >= MM_FLOOR_DB);
    }
}

static void test_power_to_db(void **state)
{
    (void)state;
    CHECK_NEAR(mm_power_to_db(1.0), 0.0, 1e-15);
    CHECK_NEAR(mm_power_to_db(0.5), -3.010299956639812, 1e-12);
    CHECK_NEAR(mm_power_to_db(100.0), 20.0, 1e-12);
    CHECK_NEAR(mm_power_to_db(1e-6), -60.0, 1e-12);
    /* a power is the square of a gain: the same dB */
    for (double e = -7.0; e <= 6.0; e += 0.11) {
        double g = pow(10.0, e);
        CHECK_NEAR(mm_power_to_db(g * g), mm_gain_to_db(g), 1e-9);
    }
    /* the floor: -144 dB is a power of 10^-14.4 */
    const double floor_p = MM_FLOOR_GAIN * MM_FLOOR_GAIN;
    const double low[] = {0.0,  D_NZERO,     D_DENORM_MIN, D_DENORM_MAX,
                          1e-20, floor_p,    floor_p * 0.99, -1.0,
                          -1e-3, D_QNAN,     D_NQNAN,      D_SNAN,
                          D_INF, D_NINF};
    for (size_t i = 0; i < sizeof low / sizeof low[0]; i++) {
        double db = mm_power_to_db(low[i]);
        if (!(db == MM_FLOOR_DB)) {
            print_error("mm_power_to_db(%g) = %.17g, expected %g\n", low[i],
                        db, MM_FLOOR_DB);
            fail();
        }
    }
    double above = mm_power_to_db(floor_p * 1.01);
    assert_true(above > MM_FLOOR_DB);
    CHECK_NEAR(above, -144.0 + 10.0 * log10(1.01), 1e-9);
    /* huge powers stay finite */
    const double big[] = {1e30, 1e60, 1e61, 1e300, DBL_MAX};
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
        double db = mm_power_to_db(big[i]);
        assert_true(mm_isfinite_d(db));
        assert_true(db > 0.0);
    }
}

/* ---- finiteness by bit pattern -------------------------------------- */

static void test_isfinite_f(void **state)
{
    (void)state;
    const float yes[] = {0.0f, F_NZERO, 1.0f, -1.0f, 0.5f, 1e-30f,
                         F_DENORM_MIN, F_DENORM_MAX, -F_DENORM_MAX, FLT_MIN,
                         1e30f, 3e38f, FLT_MAX, -FLT_MAX};
    const float no[] = {F_QNAN, F_NQNAN, F_SNAN, F_NAN_PAYLOAD, F_INF,
                        F_NINF, mmt_f_from_bits(0xff800001u),
                        mmt_f_from_bits(0x7fbfffffu)};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (mm_isfinite_f(yes[i]) != 1) {
            print_error("mm_isfinite_f(%g) should be 1\n", (double)yes[i]);
            fail();
        }
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        uint32_t u;
        memcpy(&u, &no[i], sizeof u);
        if (mm_isfinite_f(no[i]) != 0) {
            print_error("mm_isfinite_f(0x%08x) should be 0\n", (unsigned)u);
            fail();
        }
    }
    /* computed at run time: overflow to inf, inf - inf (each operand
     * read from a volatile, so even -ffinite-math-only cannot fold) */
    volatile float big = FLT_MAX, two = 2.0f, vinf;
    float inf = big * two;
    vinf = inf;
    assert_int_equal(mm_isfinite_f(inf), 0);
    assert_int_equal(mm_isfinite_f(-inf), 0);
    assert_int_equal(mm_isfinite_f(vinf - vinf), 0);
    assert_int_equal(mm_isfinite_f(big * 0.5f), 1);
    /* every float exponent below the top one is finite */
    for (uint32_t e = 0; e < 255; e++) {
        assert_int_equal(mm_isfinite_f(mmt_f_from_bits(e << 23 | 0x12345u)), 1);
        assert_int_equal(
            mm_isfinite_f(mmt_f_from_bits(0x80000000u | e << 23 | 0x400000u)),
            1);
    }
}

static void test_isfinite_d(void **state)
{
    (void)state;
    const double yes[] = {0.0, D_NZERO, 1.0, -1.0, 1e-300, D_DENORM_MIN,
                          D_DENORM_MAX, -D_DENORM_MAX, DBL_MIN, 1e300,
                          DBL_MAX, -DBL_MAX, (double)FLT_MAX * 1e10};
    const double no[] = {D_QNAN, D_NQNAN, D_SNAN, D_NAN_PAYLOAD, D_INF,
                         D_NINF, mmt_d_from_bits(0xfff0000000000001ull),
                         (double)F_QNAN, (double)F_INF, (double)F_NINF};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (mm_isfinite_d(yes[i]) != 1) {
            print_error("mm_isfinite_d(%g) should be 1\n", yes[i]);
            fail();
        }
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        uint64_t u;
        memcpy(&u, &no[i], sizeof u);
        if (mm_isfinite_d(no[i]) != 0) {
            print_error("mm_isfinite_d(0x%016llx) should be 0\n",
                        (unsigned long long)u);
            fail();
        }
    }
    volatile double big = DBL_MAX, two = 2.0, zero = 0.0, vinf;
    double inf = big * two;
    vinf = inf;
    assert_int_equal(mm_isfinite_d(inf), 0);
    assert_int_equal(mm_isfinite_d(-inf), 0);
    assert_int_equal(mm_isfinite_d(vinf - vinf), 0);
    assert_int_equal(mm_isfinite_d(vinf * zero), 0);
    assert_int_equal(mm_isfinite_d(big), 1);
    for (uint64_t e = 0; e < 2047; e++) {
        assert_int_equal(mm_isfinite_d(mmt_d_from_bits(e << 52 | 0x123ull)), 1);
    }
}

/* ---- denormal flushing ---------------------------------------------- */

static void test_flush_d(void **state)
{
    (void)state;
    const double zero[] = {0.0,     D_NZERO,  D_DENORM_MIN, D_DENORM_MAX,
                           -D_DENORM_MAX, DBL_MIN, 1e-300, 1e-31,
                           -1e-31, 9.99e-31,
                           D_QNAN,  D_NQNAN,  D_SNAN,  D_INF, D_NINF};
    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++) {
        double r = mm_flush_d(zero[i]);
        if (!(r == 0.0)) {
            print_error("mm_flush_d(%g) = %g, expected 0\n", zero[i], r);
            fail();
        }
    }
    /* kept bit for bit */
    const double keep[] = {1e-30, -1e-30, 1.0000001e-30, 1e-29, 1e-10,
                           -0.5, 1.0, 0.1, 1e300, DBL_MAX, -DBL_MAX};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        CHECK_BITS_D(mm_flush_d(keep[i]), keep[i]);
}

static void test_flush_f(void **state)
{
    (void)state;
    const float zero[] = {0.0f,   F_NZERO, F_DENORM_MIN, F_DENORM_MAX,
                          -F_DENORM_MAX, FLT_MIN, -FLT_MIN, 1e-31f,
                          -1e-31f, 9.9e-31f,
                          F_QNAN, F_NQNAN, F_SNAN, F_INF, F_NINF};
    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++) {
        float r = mm_flush_f(zero[i]);
        if (!(r == 0.0f)) {
            print_error("mm_flush_f(%g) = %g, expected 0\n",
                        (double)zero[i], (double)r);
            fail();
        }
    }
    const float keep[] = {1.01e-30f, -1.01e-30f, 1e-29f, 1e-10f,
                          -0.5f, 1.0f, 0.1f, FLT_MAX, -FLT_MAX};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        CHECK_BITS_F(mm_flush_f(keep[i]), keep[i]);
}

static void test_sanitize_clamp(void **state)
{
    (void)state;
    float f = F_QNAN;
    assert_int_equal(mm_sanitize_f(&f), 1);
    CHECK_BITS_F(f, 0.0f);
    f = F_NINF;
    assert_int_equal(mm_sanitize_f(&f), 1);
    CHECK_BITS_F(f, 0.0f);
    f = F_DENORM_MIN; /* finite: left alone (flushing is another job) */
    assert_int_equal(mm_sanitize_f(&f), 0);
    CHECK_BITS_F(f, F_DENORM_MIN);
    f = -0.25f;
    assert_int_equal(mm_sanitize_f(&f), 0);
    CHECK_BITS_F(f, -0.25f);
    CHECK_BITS_D(mm_clamp_d(-5.0, -1.0, 1.0), -1.0);
    CHECK_BITS_D(mm_clamp_d(5.0, -1.0, 1.0), 1.0);
    CHECK_BITS_D(mm_clamp_d(0.3, -1.0, 1.0), 0.3);
}

/* ---- one-pole coefficient: the 63% convention --------------------- */

/* Samples a step through y += (1 - a)(x - y) takes to reach 1 - 1/e. */
static long steps_to_63(double a)
{
    const double goal = 1.0 - exp(-1.0);
    double y = 0.0;
    long n = 0;
    while (y < goal && n < 100000000L) {
        y += (1.0 - a) * (1.0 - y);
        n++;
    }
    return n;
}

static void test_onepole_coef_63(void **state)
{
    (void)state;
    const double rates[] = {22050, 44100, 48000, 88200, 96000, 192000};
    const double taus[] = {0.1, 1.0, 5.0, 10.0, 50.0, 300.0, 2000.0};
    for (size_t r = 0; r < sizeof rates / sizeof rates[0]; r++) {
        for (size_t t = 0; t < sizeof taus / sizeof taus[0]; t++) {
            double a = mm_onepole_coef(taus[t], rates[r]);
            assert_true(a > 0.0 && a < 1.0);
            CHECK_NEAR(a, exp(-1000.0 / (taus[t] * rates[r])), 1e-15);
            double expect = taus[t] * 0.001 * rates[r];
            long n = steps_to_63(a);
            if (!(fabs((double)n - expect) <= 1.0)) {
                print_error("tau %g ms at %g Hz: 63%% after %ld samples, "
                            "expected %.2f\n", taus[t], rates[r], n, expect);
                fail();
            }
        }
    }
    /* a longer tau is a slower pole */
    assert_true(mm_onepole_coef(20.0, 48000) > mm_onepole_coef(10.0, 48000));
    assert_true(mm_onepole_coef(10.0, 96000) > mm_onepole_coef(10.0, 48000));
    /* doubling the rate squares-roots the pole: same time constant */
    CHECK_NEAR(mm_onepole_coef(10.0, 96000) * mm_onepole_coef(10.0, 96000),
               mm_onepole_coef(10.0, 48000), 1e-14);
}

static void test_onepole_coef_instant(void **state)
{
    (void)state;
    CHECK_BITS_D(mm_onepole_coef(0.0, 48000), 0.0);
    CHECK_BITS_D(mm_onepole_coef(-3.0, 48000), 0.0);
    CHECK_BITS_D(mm_onepole_coef(10.0, 0.0), 0.0);
    CHECK_BITS_D(mm_onepole_coef(10.0, -48000), 0.0);
    /* a = 0 reaches the step in one sample */
    assert_int_equal(steps_to_63(mm_onepole_coef(0.0, 48000)), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_db_gain_known_values),
        cmocka_unit_test(test_db_gain_round_trip),
        cmocka_unit_test(test_db_to_gain_floor),
        cmocka_unit_test(test_gain_to_db_floor),
        cmocka_unit_test(test_gain_to_db_never_nonfinite),
        cmocka_unit_test(test_power_to_db),
        cmocka_unit_test(test_isfinite_f),
        cmocka_unit_test(test_isfinite_d),
        cmocka_unit_test(test_flush_d),
        cmocka_unit_test(test_flush_f),
        cmocka_unit_test(test_sanitize_clamp),
        cmocka_unit_test(test_onepole_coef_63),
        cmocka_unit_test(test_onepole_coef_instant),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
