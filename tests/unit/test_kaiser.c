/* test_kaiser.c: the Kaiser window and windowed sinc (dsp/mm_kaiser.h)
 * against their definitions.
 *
 * - I0 by its power series equals the integral form
 *   I0(x) = (1/pi) int_0^pi exp(x cos t) dt (Simpson, 4000 panels) to
 *   1e-13 relative over the betas the library uses and beyond (0..30),
 *   and is even;
 * - w(0) = 1, w(+-1) tends to 1/I0(beta), w = 0 outside, w is even and
 *   falls monotonically from the centre; beta 0 is the rectangle;
 * - h(0) = 1 and h(n) = 0 at every other integer (a Nyquist filter),
 *   h = sinc w inside, 0 outside;
 * - as the prototype of a 2x interpolator (taps h(k + 1/2)), the
 *   stopband holds the attenuation Kaiser's rule promises,
 *   A = beta / 0.1102 + 8.7 dB (less 1 dB) beyond the transition band.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "mmtest.h"

#include "mm_kaiser.h"


/* (1/pi) int_0^pi exp(x cos t) dt by Simpson's rule */
static double i0_integral(double x)
{
    const int n = 4000;
    const double h = MM_PI / n;
    double s = exp(x) + exp(-x);
    for (int k = 1; k < n; k++)
        s += (k & 1 ? 4.0 : 2.0) * exp(x * cos(k * h));
    return s * h / 3.0 / MM_PI;
}

static void test_i0(void **state)
{
    (void)state;
    CHECK_NEAR(mm_kaiser_i0(0.0), 1.0, 0.0);
    for (double x = 0.25; x <= 30.0; x += 0.25) {
        double ref = i0_integral(x);
        CHECK_NEAR(mm_kaiser_i0(x) / ref, 1.0, 1e-13);
        CHECK_NEAR(mm_kaiser_i0(-x), mm_kaiser_i0(x), 0.0);
    }
}

static void test_window(void **state)
{
    (void)state;
    const double betas[] = {0.0, 2.0, 6.0, 7.0, 10.0, 20.0};
    for (int b = 0; b < 6; b++) {
        double beta = betas[b];
        CHECK_NEAR(mm_kaiser_window(0.0, beta), 1.0, 1e-15);
        CHECK_NEAR(mm_kaiser_window(1.0 - 1e-12, beta),
                   1.0 / mm_kaiser_i0(beta), 1e-9);
        CHECK_NEAR(mm_kaiser_window(1.0, beta), 0.0, 0.0);
        CHECK_NEAR(mm_kaiser_window(-1.5, beta), 0.0, 0.0);
        double prev = 1.0;
        for (double r = 0.01; r < 1.0; r += 0.01) {
            double w = mm_kaiser_window(r, beta);
            CHECK_NEAR(mm_kaiser_window(-r, beta), w, 0.0);
            if (beta == 0.0)
                CHECK_NEAR(w, 1.0, 0.0);
            else
                assert_true(w < prev);
            prev = w;
        }
    }
}

static void test_sinc(void **state)
{
    (void)state;
    const int halves[] = {4, 24, 96};
    for (int i = 0; i < 3; i++) {
        int K = halves[i];
        CHECK_NEAR(mm_kaiser_sinc(0.0, K, 7.0), 1.0, 0.0);
        for (int n = 1; n < K; n++) {
            CHECK_NEAR(mm_kaiser_sinc(n, K, 7.0), 0.0, 1e-15);
            CHECK_NEAR(mm_kaiser_sinc(-n, K, 7.0), 0.0, 1e-15);
        }
        CHECK_NEAR(mm_kaiser_sinc(K, K, 7.0), 0.0, 0.0);
        CHECK_NEAR(mm_kaiser_sinc(-K - 0.5, K, 7.0), 0.0, 0.0);
        for (double t = -K + 0.3; t < K; t += 0.77) {
            double ref = sin(MM_PI * t) / (MM_PI * t)
                         * mm_kaiser_window(t / K, 7.0);
            CHECK_NEAR(mm_kaiser_sinc(t, K, 7.0), ref, 1e-15);
        }
    }
}

/* The prototype as a 2x interpolator's low-pass: taps h(n/2), n = -2K..2K,
 * at the doubled rate; H(f) = sum_n h(n/2) e^{-j pi f n}, f in units of
 * that rate's Nyquist (0.5 = the input's fs/2), normalised at DC. The
 * stopband starts half a transition width past the cutoff: Kaiser's
 * order rule N = (A - 8) / (2.285 dw) with N = 4K gives dw. */
static void test_stopband(void **state)
{
    (void)state;
    const double betas[] = {6.0, 7.0, 10.0};
    const int K = 24;
    for (int b = 0; b < 3; b++) {
        double beta = betas[b];
        double A = beta / 0.1102 + 8.7;
        double dc = 0.0;
        for (int n = -2 * K; n <= 2 * K; n++)
            dc += mm_kaiser_sinc(0.5 * n, K, beta);
        double edge = 0.5 + 0.5 * (A - 8.0) / (2.285 * 4 * K * MM_PI);
        double worst = -400.0;
        /* f in units of the 2x rate's Nyquist: stopband edge..1 */
        for (double f = edge; f <= 1.0; f += 0.001) {
            double re = 0.0, im = 0.0;
            for (int n = -2 * K; n <= 2 * K; n++) {
                double h = mm_kaiser_sinc(0.5 * n, K, beta);
                re += h * cos(MM_PI * f * n);
                im -= h * sin(MM_PI * f * n);
            }
            double db = 20.0 * log10(sqrt(re * re + im * im) / dc + 1e-300);
            if (db > worst)
                worst = db;
        }
        printf("kaiser beta %4.1f, 2K = %d: stopband from %.3f fs2/2 "
               "%.1f dB (rule %.1f dB)\n", beta, 2 * K, edge, worst, -A);
        assert_true(worst < -(A - 1.0));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_i0),
        cmocka_unit_test(test_window),
        cmocka_unit_test(test_sinc),
        cmocka_unit_test(test_stopband),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
