/* test_filterdesign.c: mm_filterdesign against theory (the section that
 * runs the designs is tested in test_biquad.c).
 *
 * The analog prototypes are written here again, independently, in
 * complex arithmetic (RBJ cookbook s-domain forms). Printed: the worst
 * deviation up to fs/8 per type and rate, and the near-Nyquist figures
 * (10 kHz bell at 44.1/48 kHz, matched design vs the plain bilinear RBJ
 * design for comparison).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <complex.h>
#include <stdio.h>
#include <stdlib.h>

#include "mm_filterdesign.h"

static double complex proto(mm_fd_type t, double f0, double g, double q,
                            double f)
{
    double complex s = I * (f / f0);
    double A = pow(10.0, g / 40.0), sA = sqrt(A);
    double complex den = s * s + s / q + 1.0;
    switch (t) {
    case MM_FD_LOWPASS: return 1.0 / den;
    case MM_FD_HIGHPASS: return s * s / den;
    case MM_FD_BANDPASS: return (s / q) / den;
    case MM_FD_NOTCH: return (s * s + 1.0) / den;
    case MM_FD_ALLPASS: return (s * s - s / q + 1.0) / den;
    case MM_FD_BELL:
        return (s * s + s * (A / q) + 1.0) / (s * s + s / (A * q) + 1.0);
    case MM_FD_LOWSHELF:
        return A * (s * s + s * sA / q + A) / (A * s * s + s * sA / q + 1.0);
    case MM_FD_HIGHSHELF:
        return A * (A * s * s + s * sA / q + 1.0) / (s * s + s * sA / q + A);
    default: return 1.0;
    }
}

static double db(double v) { return 20.0 * log10(v); }

/* worst |dB| deviation of the design from the prototype over [flo, fhi],
 * where the prototype is above -30 dB */
static double worst_dev(mm_fd_type t, double f0, double g, double q,
                        double fs, double flo, double fhi)
{
    mm_biquad_coef c;
    double w = 0;
    assert_int_equal(mm_fd_design(t, f0, g, q, fs, &c), MM_OK);
    for (int k = 0; k < 300; k++) {
        double f = flo * pow(fhi / flo, k / 299.0);
        double p = cabs(proto(t, f0, g, q, f));
        if (db(p) < -30.0)
            continue;
        double e = fabs(db(mm_biquad_mag(&c, f / fs)) - db(p));
        if (e > w)
            w = e;
    }
    return w;
}

/* The q range each type's 0.1 dB guarantee covers (the help says so). */
static void q_range(mm_fd_type t, double *lo, double *hi)
{
    *lo = 0.1;
    *hi = 20.0;
    if (t == MM_FD_LOWSHELF || t == MM_FD_HIGHSHELF)
        *hi = 3.0;
    if (t == MM_FD_HIGHPASS || t == MM_FD_NOTCH)
        *lo = 0.3;
}

static void test_guarantee_to_fs8(void **state)
{
    (void)state;
    const double rates[] = {44100, 48000, 96000};
    const double gains[] = {-24, -12, -3, 3, 12, 24};
    for (int t = 0; t < MM_FD_NTYPES; t++) {
        double worst = 0, qlo, qhi;
        q_range((mm_fd_type)t, &qlo, &qhi);
        for (int r = 0; r < 3; r++) {
            double fs = rates[r];
            for (int fi = 0; fi < 24; fi++) {
                double f0 = 20.0 * pow(fs / 8 / 20.0, fi / 23.0);
                for (int qi = 0; qi < 8; qi++) {
                    double q = qlo * pow(qhi / qlo, qi / 7.0);
                    for (int gi = 0; gi < 6; gi++) {
                        double g = mm_fd_has_gain((mm_fd_type)t) ? gains[gi] : 0;
                        double w = worst_dev((mm_fd_type)t, f0, g, q, fs, 10.0,
                                             fs / 8);
                        if (w > worst)
                            worst = w;
                        if (!mm_fd_has_gain((mm_fd_type)t))
                            break;
                    }
                }
            }
        }
        fprintf(stderr, "  %-9s q %.1f..%.0f: worst deviation to fs/8 "
                "%.4f dB (44.1/48/96 kHz)\n", mm_fd_type_names[t], qlo, qhi,
                worst);
        assert_true(worst <= 0.1);
    }
}

/* plain RBJ bilinear bell (for the comparison figure only) */
static void rbj_bell(double f0, double g, double q, double fs,
                     mm_biquad_coef *c)
{
    double A = pow(10, g / 40), w = 2 * MM_PI * f0 / fs, al = sin(w) / (2 * q);
    double a0 = 1 + al / A;
    c->b0 = (1 + al * A) / a0;
    c->b1 = -2 * cos(w) / a0;
    c->b2 = (1 - al * A) / a0;
    c->a1 = -2 * cos(w) / a0;
    c->a2 = (1 - al / A) / a0;
}

static void test_near_nyquist(void **state)
{
    (void)state;
    const double rates[] = {44100, 48000};
    for (int r = 0; r < 2; r++) {
        double fs = rates[r], wm = 0, wr = 0;
        mm_biquad_coef c;
        for (int gi = 0; gi < 2; gi++) {
            double g = gi ? -12 : 12;
            wm = fmax(wm, worst_dev(MM_FD_BELL, 10000, g, 1, fs, 20, 20000));
            rbj_bell(10000, g, 1, fs, &c);
            for (int k = 0; k < 300; k++) {
                double f = 20 * pow(1000, k / 299.0);
                double e = fabs(db(mm_biquad_mag(&c, f / fs))
                                - db(cabs(proto(MM_FD_BELL, 10000, g, 1, f))));
                wr = fmax(wr, e);
            }
        }
        fprintf(stderr, "  10 kHz bell q 1 +-12 dB at %g Hz, 20 Hz..20 kHz: "
                "matched %.3f dB, bilinear RBJ %.3f dB\n", fs, wm, wr);
        assert_true(wm < 1.0);
        assert_true(wm < wr);
    }
    /* every type, centre fs/8..0.45 fs, q 0.5..2, +-12 dB: worst to 20 kHz */
    for (int t = 0; t < MM_FD_NTYPES; t++) {
        double w = 0;
        for (double f0 = 5512.5; f0 <= 0.45 * 44100; f0 *= 1.15)
            for (double q = 0.5; q <= 2.01; q *= 2)
                for (int gi = 0; gi < 2; gi++)
                    w = fmax(w, worst_dev((mm_fd_type)t, f0,
                                          mm_fd_has_gain((mm_fd_type)t)
                                              ? (gi ? -12 : 12) : 0,
                                          q, 44100, 20, 20000));
        fprintf(stderr, "  %-9s centred fs/8..0.45 fs at 44.1 kHz (q 0.5..2, "
                "+-12 dB): worst %.3f dB to 20 kHz\n", mm_fd_type_names[t], w);
    }
}

static void test_stable_everywhere(void **state)
{
    (void)state;
    for (int t = 0; t < MM_FD_NTYPES; t++)
        for (double f0 = 10; f0 < 0.5 * 44100; f0 *= 1.3)
            for (double q = 0.1; q <= 20; q *= 1.7)
                for (double g = -24; g <= 24; g += 12) {
                    mm_biquad_coef c;
                    mm_fd_design((mm_fd_type)t, f0, g, q, 44100, &c);
                    assert_true(mm_biquad_is_stable(&c));
                    assert_true(mm_isfinite_d(c.b0) && mm_isfinite_d(c.b1)
                                && mm_isfinite_d(c.b2));
                }
}

static void test_exact_points(void **state)
{
    (void)state;
    mm_biquad_coef c;
    /* bell: gain exact at DC and at the centre */
    mm_fd_design(MM_FD_BELL, 3000, 9, 2, 48000, &c);
    assert_float_equal(db(mm_biquad_mag(&c, 3000.0 / 48000)), 9.0, 1e-6);
    assert_float_equal(db(mm_biquad_mag(&c, 0.0)), 0.0, 1e-9);
    /* 0 dB bell is the identity */
    mm_fd_design(MM_FD_BELL, 3000, 0, 2, 48000, &c);
    assert_float_equal(c.b0, 1.0, 1e-12);
    assert_float_equal(c.b1, c.a1, 1e-12);
    assert_float_equal(c.b2, c.a2, 1e-12);
    /* allpass: |H| = 1 */
    mm_fd_design(MM_FD_ALLPASS, 500, 0, 0.7, 48000, &c);
    for (double f = 10; f < 24000; f *= 2)
        assert_float_equal(mm_biquad_mag(&c, f / 48000), 1.0, 1e-12);
    /* notch: zero at the centre */
    mm_fd_design(MM_FD_NOTCH, 1000, 0, 2, 48000, &c);
    assert_true(mm_biquad_mag(&c, 1000.0 / 48000) < 1e-9);
    /* highpass: zero at DC; Butterworth -3.01 dB at the corner */
    mm_fd_design(MM_FD_HIGHPASS, 100, 0, mm_fd_butterworth_q(2, 0), 48000, &c);
    assert_true(mm_biquad_mag(&c, 0.0) < 1e-12);
    assert_float_equal(db(mm_biquad_mag(&c, 100.0 / 48000)), -3.0103, 1e-3);
    /* Butterworth Qs */
    assert_float_equal(mm_fd_butterworth_q(2, 0), 0.70710678, 1e-7);
    assert_float_equal(mm_fd_butterworth_q(4, 0), 0.54119610, 1e-7);
    assert_float_equal(mm_fd_butterworth_q(4, 1), 1.30656296, 1e-7);
    /* bad arguments: identity and an error */
    assert_int_equal(mm_fd_design(MM_FD_BELL, -1, 0, 1, 48000, &c), MM_E_ARG);
    assert_float_equal(c.b0, 1.0, 0);
    assert_int_equal(mm_fd_design(MM_FD_BELL, NAN, 0, 1, 48000, &c), MM_E_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guarantee_to_fs8),
        cmocka_unit_test(test_near_nyquist),
        cmocka_unit_test(test_stable_everywhere),
        cmocka_unit_test(test_exact_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
