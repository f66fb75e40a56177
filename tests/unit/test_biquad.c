/* test_biquad.c: mm_biquad (the second-order section) against theory.
 *
 * - the TDF-II section against a direct-form I reference written here
 *   (y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2, in long double) on noise,
 *   for designs of every type and for random stable sections; in place;
 *   cut into blocks of any size;
 * - its impulse response's DTFT equals mm_biquad_mag; mm_biquad_mag and
 *   mm_biquad_phase equal B(e^jw) / A(e^jw) evaluated here in complex;
 * - mm_biquad_is_stable agrees with the pole radius (roots of
 *   z^2 + a1 z + a2);
 * - a 20 Hz high-pass at 192 kHz in double keeps its DC rejection; flush
 *   and reset of non-finite state; ramps between stable sections stay
 *   stable and land exactly on the target;
 * - no denormal state after a decay into and through the denormal range
 *   (mmt_decay_probe), with the per-block flush.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <complex.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>

#include "mm_biquad.h"
#include "mm_filterdesign.h"
#include "mmtest.h"

#define N 8192

/* Direct form I in long double: the textbook difference equation. */
static void df1(const mm_biquad_coef *c, const float *in, double *out, int n)
{
    long double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
    for (int i = 0; i < n; i++) {
        long double x = in[i];
        long double y = c->b0 * x + c->b1 * x1 + c->b2 * x2 - c->a1 * y1
                        - c->a2 * y2;
        x2 = x1, x1 = x, y2 = y1, y1 = y;
        out[i] = (double)y;
    }
}

/* worst |mm_biquad_process - df1| over n samples of noise, relative to
 * the reference's peak */
static double worst_vs_df1(const mm_biquad_coef *c, int blk)
{
    static float x[N], y[N];
    static double ref[N];
    for (int i = 0; i < N; i++)
        x[i] = (float)(0.5 * mmt_frand());
    mm_biquad_state s;
    mm_biquad_state_reset(&s);
    memcpy(y, x, sizeof y);
    for (int i = 0, n; i < N; i += n) { /* in place, in blocks */
        n = N - i < blk ? N - i : blk;
        mm_biquad_process(c, &s, y + i, y + i, n);
    }
    df1(c, x, ref, N);
    double worst = 0, peak = 1e-30;
    for (int i = 0; i < N; i++) {
        worst = fmax(worst, fabs(y[i] - ref[i]));
        peak = fmax(peak, fabs(ref[i]));
    }
    return worst / peak;
}

static void test_against_direct_form(void **state)
{
    (void)state;
    const int blocks[] = {1, 7, 64, N};
    /* every designed type at a few settings */
    for (int t = 0; t < MM_FD_NTYPES; t++)
        for (int k = 0; k < 3; k++) {
            const double f[] = {40, 1000, 15000}, g[] = {12, -6, 3},
                         q[] = {0.5, 0.7071, 4};
            mm_biquad_coef c;
            assert_int_equal(mm_fd_design((mm_fd_type)t, f[k], g[k], q[k],
                                          48000, &c), MM_OK);
            double w = worst_vs_df1(&c, blocks[k % 4]);
            if (w > 1e-6)
                print_error("type %d f %g: %.3g off the direct form\n", t,
                            f[k], w);
            assert_true(w <= 1e-6); /* float output: 2^-24 ~ 6e-8 */
        }
    /* random stable sections: poles of radius < 0.99 */
    for (int k = 0; k < 200; k++) {
        double rad = 0.99 * mmt_frand01(), th = MMT_PI * mmt_frand01();
        mm_biquad_coef c = {mmt_frand(), mmt_frand(), mmt_frand(),
                            -2 * rad * cos(th), rad * rad};
        double w = worst_vs_df1(&c, blocks[k % 4]);
        assert_true(w <= 1e-5);
    }
}

/* B(e^jw) / A(e^jw), written here from the transfer function */
static double complex h_of(const mm_biquad_coef *c, double f_over_fs)
{
    double complex z1 = cexp(-I * 2 * MMT_PI * f_over_fs);
    return (c->b0 + c->b1 * z1 + c->b2 * z1 * z1)
           / (1 + c->a1 * z1 + c->a2 * z1 * z1);
}

static void test_mag_phase_stability(void **state)
{
    (void)state;
    for (int k = 0; k < 300; k++) {
        double rad = 1.2 * mmt_frand01(), th = MMT_PI * mmt_frand01();
        mm_biquad_coef c = {mmt_frand(), mmt_frand(), mmt_frand(),
                            -2 * rad * cos(th), rad * rad};
        /* complex-conjugate poles of radius rad; real poles too */
        if (k % 3 == 2) {
            double p1 = 1.2 * mmt_frand(), p2 = 1.2 * mmt_frand();
            c.a1 = -(p1 + p2);
            c.a2 = p1 * p2;
            rad = fmax(fabs(p1), fabs(p2));
        }
        if (fabs(rad - 1.0) > 1e-9)
            assert_int_equal(mm_biquad_is_stable(&c), rad < 1.0);
        for (double f = 0.001; f < 0.5; f *= 1.7) {
            double complex h = h_of(&c, f);
            if (cabs(h) > 1e4)
                continue; /* on top of a pole */
            CHECK_NEAR(mm_biquad_mag(&c, f), cabs(h), 1e-9 * (1 + cabs(h)));
            double dph = remainder(mm_biquad_phase(&c, f) - carg(h),
                                   2 * MMT_PI);
            CHECK_NEAR(dph, 0.0, 1e-9);
        }
    }
    mm_biquad_coef id;
    mm_biquad_identity(&id);
    assert_true(mm_biquad_is_stable(&id));
    CHECK_NEAR(mm_biquad_mag(&id, 0.1), 1.0, 1e-15);
    CHECK_NEAR(mm_biquad_phase(&id, 0.1), 0.0, 1e-15);
}

/* The biquad: its impulse response's DTFT equals mm_biquad_mag; a 20 Hz
 * high-pass at 192 kHz in double keeps its DC rejection; flush and reset
 * of non-finite state; ramps between stable sections stay stable. */
static void test_biquad(void **state)
{
    (void)state;
    mm_biquad_coef c;
    mm_biquad_state s;
    mm_fd_design(MM_FD_BELL, 1000, 6, 1, 48000, &c);
    mm_biquad_state_reset(&s);
    static float h[16384];
    h[0] = 1;
    mm_biquad_process(&c, &s, h, h, 16384);
    for (double f = 50; f < 20000; f *= 3) {
        double complex acc = 0;
        for (int i = 0; i < 16384; i++)
            acc += h[i] * cexp(-I * 2 * MM_PI * f / 48000 * i);
        assert_float_equal(cabs(acc), mm_biquad_mag(&c, f / 48000), 1e-5);
    }
    /* DC through a 20 Hz high-pass at 192 kHz: below -120 dB after 1 s */
    mm_fd_design(MM_FD_HIGHPASS, 20, 0, 0.7071, 192000, &c);
    mm_biquad_state_reset(&s);
    double y = 0;
    for (int i = 0; i < 192000; i++)
        y = mm_biquad_tick(&c, &s, 1.0);
    assert_true(fabs(y) < 1e-6);
    /* non-finite state is reset by the flush */
    s.s1 = NAN;
    assert_int_equal(mm_biquad_state_flush(&s), 1);
    assert_true(s.s1 == 0.0 && s.s2 == 0.0);
    s.s1 = 1e-35;
    assert_int_equal(mm_biquad_state_flush(&s), 0);
    assert_true(s.s1 == 0.0);
    /* a ramp from a near-Nyquist resonance to a low one: every step
     * stable */
    mm_biquad_coef a, b;
    mm_biquad_ramp r;
    mm_fd_design(MM_FD_BELL, 20000, 24, 20, 44100, &a);
    mm_fd_design(MM_FD_LOWPASS, 20, 0, 20, 44100, &b);
    mm_biquad_ramp_snap(&r, &a);
    mm_biquad_ramp_to(&r, &b, 1000);
    for (int i = 0; i < 1000; i++) {
        assert_true(mm_biquad_is_stable(&r.c));
        mm_biquad_ramp_tick(&r);
    }
    assert_true(r.c.a1 == b.a1 && r.c.a2 == b.a2);
}

/* Denormals in the state, not only the output: every designed type
 * driven by the decay probe in 64-sample blocks with the per-block flush
 * its users call; no state variable may then hold a subnormal value or
 * anything below the 1e-30 flush threshold but exact zero. */
static void test_biquad_state(void **state)
{
    (void)state;
    const double sr = 48000.0;
    for (int type = 0; type < MM_FD_NTYPES; type++) {
        mm_biquad_coef c;
        mm_biquad_state s;
        float buf[64];
        mm_fd_design((mm_fd_type)type, 1000.0, 6.0, 0.7, sr, &c);
        mm_biquad_state_reset(&s);
        for (long i = 0; i < MMT_PROBE_SECONDS * (long)sr; i += 64) {
            for (int k = 0; k < 64; k++)
                buf[k] = mmt_decay_probe(i + k, sr);
            mm_biquad_process(&c, &s, buf, buf, 64);
            mm_biquad_state_flush(&s);
            assert_false(mmt_tiny(s.s1) || mmt_tiny(s.s2));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_direct_form),
        cmocka_unit_test(test_mag_phase_stability),
        cmocka_unit_test(test_biquad),
        cmocka_unit_test(test_biquad_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
