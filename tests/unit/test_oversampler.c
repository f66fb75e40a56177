/* test_oversampler.c: the polyphase interpolator against theory.
 *
 * - phase 0 is the input delayed by exactly the latency, bit for bit;
 * - the impulse response is the prototype, centred on the latency and
 *   symmetric (linear phase);
 * - frequency response (DFT of the impulse response): flat passband to
 *   0.4535 fs (20 kHz at 44.1 kHz), images rejected from 0.5465 fs;
 * - sines up to 0.4535 fs are reconstructed between the samples;
 * - DC gain 1 on every phase, block-size independence, NaN/inf and
 *   denormal input, argument checks, re-init.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm_oversampler.h"
#include "mmtest.h"

#define TAPS 48
#define BETA 7.0

static void test_args(void **state)
{
    (void)state;
    mm_oversampler os = {0};
    assert_int_equal(mm_oversampler_init(&os, 0, TAPS, BETA), MM_E_ARG);
    assert_int_equal(mm_oversampler_init(&os, 17, TAPS, BETA), MM_E_ARG);
    assert_int_equal(mm_oversampler_init(&os, 8, 47, BETA), MM_E_ARG);
    assert_int_equal(mm_oversampler_init(&os, 8, 0, BETA), MM_E_ARG);
    assert_int_equal(mm_oversampler_init(&os, 8, 258, BETA), MM_E_ARG);
    assert_int_equal(mm_oversampler_init(&os, 8, TAPS, -1.0), MM_E_ARG);
    assert_int_equal(mm_oversampler_init(&os, 8, TAPS, NAN), MM_E_ARG);
    assert_null(os.coef);
    assert_int_equal(mm_oversampler_init(&os, 8, TAPS, BETA), MM_OK);
    /* a failed re-init leaves the working filter alone */
    assert_int_equal(mm_oversampler_init(&os, 99, TAPS, BETA), MM_E_ARG);
    assert_int_equal(mm_oversampler_factor(&os), 8);
    assert_int_equal(mm_oversampler_latency(&os), TAPS / 2);
    /* re-init with another design frees the old one (ASan checks) */
    assert_int_equal(mm_oversampler_init(&os, 4, 32, 6.0), MM_OK);
    assert_int_equal(mm_oversampler_factor(&os), 4);
    assert_int_equal(mm_oversampler_latency(&os), 16);
    mm_oversampler_free(&os);
    assert_null(os.coef);
    /* processing a freed (zeroed) oversampler writes nothing, no crash */
    float in[4] = {1, 2, 3, 4}, out[4] = {9, 9, 9, 9};
    mm_oversampler_process(&os, in, out, 4);
    assert_true(out[0] == 9.0f);
}

/* Phase 0 is the input delayed by K samples, exactly, for every factor. */
static void test_phase0_exact(void **state)
{
    (void)state;
    const int factors[] = {1, 2, 3, 4, 5, 8, 16};
    for (size_t fi = 0; fi < sizeof factors / sizeof *factors; fi++) {
        int L = factors[fi];
        mm_oversampler os = {0};
        assert_int_equal(mm_oversampler_init(&os, L, TAPS, BETA), MM_OK);
        int K = mm_oversampler_latency(&os), n = 1000;
        float *in = malloc(sizeof *in * n);
        float *out = malloc(sizeof *out * n * L);
        for (int i = 0; i < n; i++)
            in[i] = (float)mmt_frand();
        mm_oversampler_process(&os, in, out, n);
        for (int i = 0; i < n; i++) {
            float want = i >= K ? in[i - K] : 0.0f;
            assert_true(out[i * L] == want);
        }
        free(in);
        free(out);
        mm_oversampler_free(&os);
    }
}

/* Impulse response: centred on K L output samples, symmetric, equal to
 * the documented prototype up to the per-phase normalisation. */
static void test_impulse(void **state)
{
    (void)state;
    const int L = 8;
    mm_oversampler os = {0};
    assert_int_equal(mm_oversampler_init(&os, L, TAPS, BETA), MM_OK);
    int K = mm_oversampler_latency(&os), n = 2 * K + 4;
    float in[256] = {0}, out[256 * 8];
    in[0] = 1.0f;
    mm_oversampler_process(&os, in, out, n);
    int c = K * L;
    assert_true(out[c] == 1.0f);
    double maxasym = 0.0, maxproto = 0.0;
    for (int k = 1; k < c; k++) {
        double a = out[c + k], b = out[c - k];
        if (fabs(a - b) > maxasym)
            maxasym = fabs(a - b);
        double p = mm_oversampler_prototype(&os, (double)k / L);
        if (fabs(a - p) > maxproto)
            maxproto = fabs(a - p);
        if (k % L == 0) /* Nyquist filter: zero at whole samples */
            assert_true(out[c + k] == 0.0f && out[c - k] == 0.0f);
    }
    for (int k = 2 * c; k < n * L; k++) /* support is 2K samples */
        assert_true(out[k] == 0.0f);
    printf("impulse: asymmetry %.2e, max deviation from prototype %.2e\n",
           maxasym, maxproto);
    assert_true(maxasym < 1e-6);
    assert_true(maxproto < 1e-3); /* per-phase DC normalisation only */
    mm_oversampler_free(&os);
}

/* Frequency response from the impulse response, in input-rate cycles per
 * sample; normalised so that DC is 0 dB. */
static double response_db(const float *g, int len, int L, double f)
{
    double re = 0.0, im = 0.0;
    for (int k = 0; k < len; k++) {
        double ph = -2.0 * MM_PI * f * k / L;
        re += g[k] * cos(ph);
        im += g[k] * sin(ph);
    }
    return 20.0 * log10(sqrt(re * re + im * im) / L + 1e-300);
}

static void test_frequency_response(void **state)
{
    (void)state;
    const int factors[] = {4, 8};
    for (size_t fi = 0; fi < 2; fi++) {
        int L = factors[fi];
        mm_oversampler os = {0};
        assert_int_equal(mm_oversampler_init(&os, L, TAPS, BETA), MM_OK);
        int K = mm_oversampler_latency(&os), n = 2 * K + 2;
        float in[256] = {0}, out[256 * 8];
        in[0] = 1.0f;
        mm_oversampler_process(&os, in, out, n);
        int len = n * L;
        double ripple = 0.0, stop = -300.0, dc = response_db(out, len, L, 0);
        for (double f = 0.0; f <= 0.4535; f += 0.0005) {
            double db = response_db(out, len, L, f);
            if (fabs(db) > ripple)
                ripple = fabs(db);
        }
        for (double f = 0.5465; f <= L / 2.0; f += 0.0005) {
            double db = response_db(out, len, L, f);
            if (db > stop)
                stop = db;
        }
        double half = response_db(out, len, L, 0.5);
        printf("L=%d taps=%d: DC %.5f dB, passband (to 0.4535 fs) within "
               "+-%.4f dB, images (from 0.5465 fs) <= %.1f dB, at fs/2 "
               "%.2f dB\n", L, TAPS, dc, ripple, stop, half);
        assert_true(fabs(dc) < 1e-5);
        assert_true(ripple < 0.01);
        assert_true(stop < -60.0);
        assert_true(fabs(half + 6.02) < 0.1); /* Nyquist filter: -6 dB */
        mm_oversampler_free(&os);
    }
}

/* Sines are reconstructed between the samples: the output matches the
 * analytic sine at the output times, within the filter's error. */
static double sine_error(int L, double f, double phase)
{
    mm_oversampler os = {0};
    assert_int_equal(mm_oversampler_init(&os, L, TAPS, BETA), MM_OK);
    int K = mm_oversampler_latency(&os), n = 400;
    float in[400], *out = malloc(sizeof *out * n * L);
    mmt_sine(in, n, 1, 1.0, f, 1.0, phase); /* f in cycles per sample */
    mm_oversampler_process(&os, in, out, n);
    double err = 0.0;
    for (int i = 3 * K; i < n; i++)
        for (int j = 0; j < L; j++) {
            double t = i - K + (double)j / L;
            double e = fabs(out[i * L + j] - sin(2.0 * MM_PI * f * t + phase));
            if (e > err)
                err = e;
        }
    free(out);
    mm_oversampler_free(&os);
    return err;
}

static void test_sine_reconstruction(void **state)
{
    (void)state;
    const int factors[] = {2, 3, 4, 5, 8, 16};
    for (size_t fi = 0; fi < sizeof factors / sizeof *factors; fi++) {
        int L = factors[fi];
        double worst = 0.0, wf = 0.0, low = 0.0;
        for (double f = 0.0005; f <= 0.4535; f += 0.0037) {
            double e = sine_error(L, f, 0.3 + 7.0 * f);
            if (e > worst) {
                worst = e;
                wf = f;
            }
            if (f < 0.4 && e > low)
                low = e;
        }
        double e = sine_error(L, 0.4535, 1.1);
        if (e > worst) {
            worst = e;
            wf = 0.4535;
        }
        printf("L=%2d: sine reconstruction error <= %.2e (%.1f dB re "
               "amplitude, worst at %.4f fs), below 0.4 fs %.2e\n",
               L, worst, 20.0 * log10(worst), wf, low);
        assert_true(worst < 1e-3);  /* -60 dB to the band edge */
        assert_true(low < 4e-4);    /* -68 dB below 0.4 fs */
    }
}

/* DC: every phase has unity gain. */
static void test_dc(void **state)
{
    (void)state;
    mm_oversampler os = {0};
    assert_int_equal(mm_oversampler_init(&os, 8, TAPS, BETA), MM_OK);
    float in[200], out[200 * 8];
    for (int i = 0; i < 200; i++)
        in[i] = 0.75f;
    mm_oversampler_process(&os, in, out, 200);
    for (int k = TAPS * 8; k < 200 * 8; k++)
        assert_float_equal(out[k], 0.75f, 1e-6f);
    mm_oversampler_free(&os);
}

static void test_block_independence(void **state)
{
    (void)state;
    const int L = 8, n = 10000;
    const int sizes[] = {1, 7, 64, 4096};
    float *in = malloc(sizeof *in * n);
    float *ref = malloc(sizeof *ref * n * L);
    float *out = malloc(sizeof *out * n * L);
    for (int i = 0; i < n; i++)
        in[i] = (float)(0.9 * mmt_frand());
    mm_oversampler os = {0};
    assert_int_equal(mm_oversampler_init(&os, L, TAPS, BETA), MM_OK);
    mm_oversampler_process(&os, in, ref, n);
    for (int s = 0; s < 4; s++) {
        mm_oversampler_reset(&os);
        for (int i = 0; i < n; i += sizes[s]) {
            int cnt = n - i < sizes[s] ? n - i : sizes[s];
            mm_oversampler_process(&os, in + i, out + (size_t)i * L, cnt);
        }
        assert_memory_equal(out, ref, sizeof *out * n * L);
    }
    free(in);
    free(ref);
    free(out);
    mm_oversampler_free(&os);
}

/* NaN/inf become zeros (counted): output finite throughout, and equal to
 * the run with zeros in their place, so clean again after `taps`. */
static void test_nonfinite(void **state)
{
    (void)state;
    const int L = 8, n = 600;
    float in[600], clean[600], *a = malloc(sizeof *a * n * L),
                              *b = malloc(sizeof *b * n * L);
    for (int i = 0; i < n; i++)
        in[i] = clean[i] = (float)(0.5 * sin(0.05 * i));
    for (int i = 200; i < 210; i++) {
        in[i] = i % 3 == 0 ? NAN : (i % 3 == 1 ? INFINITY : -INFINITY);
        clean[i] = 0.0f;
    }
    in[300] = 1e-39f; /* denormal input is flushed too */
    clean[300] = 0.0f;
    mm_oversampler os = {0};
    assert_int_equal(mm_oversampler_init(&os, L, TAPS, BETA), MM_OK);
    mm_oversampler_process(&os, in, a, n);
    assert_int_equal(mm_oversampler_nonfinite(&os), 10);
    mm_oversampler_reset(&os);
    mm_oversampler_process(&os, clean, b, n);
    for (int k = 0; k < n * L; k++) {
        assert_true(mm_isfinite_f(a[k]));
        assert_true(a[k] == b[k]);
    }
    /* and after the bad block has left the window, output is the sine */
    for (int i = 210 + TAPS; i < 300; i++)
        assert_float_equal(a[i * L], in[i - TAPS / 2], 0.0f);
    free(a);
    free(b);
    mm_oversampler_free(&os);
}

/* Tiny inputs never produce denormal outputs. */
static void test_denormal(void **state)
{
    (void)state;
    const int L = 8, n = 200;
    float in[200], out[200 * 8];
    for (int i = 0; i < n; i++)
        in[i] = (i & 1 ? 1.0f : -1.0f) * 1e-37f * (float)(i % 5);
    mm_oversampler os = {0};
    assert_int_equal(mm_oversampler_init(&os, L, TAPS, BETA), MM_OK);
    mm_oversampler_process(&os, in, out, n);
    for (int k = 0; k < n * L; k++)
        assert_true(out[k] == 0.0f || fabsf(out[k]) >= 1.17549435e-38f);
    mm_oversampler_free(&os);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_args),
        cmocka_unit_test(test_phase0_exact),
        cmocka_unit_test(test_impulse),
        cmocka_unit_test(test_frequency_response),
        cmocka_unit_test(test_sine_reconstruction),
        cmocka_unit_test(test_dc),
        cmocka_unit_test(test_block_independence),
        cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_denormal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
