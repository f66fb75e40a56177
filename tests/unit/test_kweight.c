/* test_kweight.c: the K-weighting against BS.1770-4.
 * - at 48 kHz the sections equal the standard's published coefficients;
 * - the magnitude follows the analog prototype within 0.05 dB from 20 Hz
 *   to 10 kHz at 44.1, 48 and 96 kHz (+4 dB shelf, nothing at DC);
 * - calibration: a 0 dBFS 1 kHz sine in one channel reads -3.01 LUFS
 *   within 0.015 (0.03 at 22.05 kHz; in both channels of a stereo pair, 3.01 dB more: 0.00 LUFS);
 * - the loudness of pink-ish noise over 3 s agrees with libebur128's
 *   (ebur128_loudness_window) within 0.1 LU at 44.1, 48 and 96 kHz;
 * - block independence, in-place, NaN and denormal safety, bad rates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ebur128.h>

#include "mm_kweight.h"
#include "mmtest.h"

static void test_coefficients_48k(void **state)
{
    (void)state;
    mm_biquad_coef s, h;
    assert_int_equal(mm_kweight_design(48000.0, &s, &h), MM_OK);
    /* BS.1770-4, Tables 1 and 2 */
    CHECK_NEAR(s.b0, 1.53512485958697, 1e-9);
    CHECK_NEAR(s.b1, -2.69169618940638, 1e-9);
    CHECK_NEAR(s.b2, 1.19839281085285, 1e-9);
    CHECK_NEAR(s.a1, -1.69065929318241, 1e-9);
    CHECK_NEAR(s.a2, 0.73248077421585, 1e-9);
    CHECK_NEAR(h.b0, 1.0, 1e-9);
    CHECK_NEAR(h.b1, -2.0, 1e-9);
    CHECK_NEAR(h.b2, 1.0, 1e-9);
    CHECK_NEAR(h.a1, -1.99004745483398, 1e-9);
    CHECK_NEAR(h.a2, 0.99007225036621, 1e-9);
}

static void test_response(void **state)
{
    (void)state;
    const double rates[] = {44100, 48000, 96000};
    const double fs_hz[] = {20, 30, 50, 100, 200, 500, 1000, 1682,
                            2000, 3000, 5000, 8000, 10000};
    for (int r = 0; r < 3; r++) {
        mm_kweight k;
        assert_int_equal(mm_kweight_init(&k, rates[r]), MM_OK);
        double worst = 0;
        for (size_t i = 0; i < sizeof fs_hz / sizeof fs_hz[0]; i++) {
            double d = mm_kweight_mag_db(&k, fs_hz[i]);
            double a = mm_kweight_analog_db(fs_hz[i]);
            worst = fabs(d - a) > worst ? fabs(d - a) : worst;
            CHECK_NEAR(d, a, 0.05);
        }
        printf("  %g Hz: worst deviation from the analog prototype "
               "20 Hz..10 kHz %.4f dB\n", rates[r], worst);
        /* the shelf region (3.99 dB, and the RLB's passband +0.04 dB)
         * and the high-pass's stop band */
        double shelf = mmt_db(mm_biquad_mag(&k.shelf, 10000 / rates[r]));
        CHECK_NEAR(shelf, 3.99, 0.02);
        CHECK_NEAR(mm_kweight_mag_db(&k, 10000), 4.03, 0.02);
        assert_true(mm_kweight_mag_db(&k, 1.0) < -45.0);
        assert_true(mm_kweight_mag_db(&k, 0.0) == MM_FLOOR_DB);
        for (double f = 1; f < 1000; f *= 1.5)
            assert_true(mm_kweight_mag_db(&k, f * 1.5)
                        > mm_kweight_mag_db(&k, f));
    }
}

/* Loudness (our K-weighting) of nch equal channels of a sine: the mean
 * square over whole periods after the filter has settled. */
static double sine_lufs(double fs, int nch)
{
    mm_kweight k;
    mm_kweight_init(&k, fs);
    long n = (long)fs * 2, skip = (long)fs; /* 1 s settling */
    double sum = 0;
    for (long i = 0; i < n; i++) {
        double y = mm_kweight_tick(&k, sin(2 * MMT_PI * 1000.0 * i / fs));
        if (i >= skip)
            sum += y * y;
    }
    return mm_kweight_lufs(nch * sum / (n - skip));
}

static void test_calibration(void **state)
{
    (void)state;
    const double rates[] = {22050, 44100, 48000, 96000, 192000};
    for (int r = 0; r < 5; r++) {
        double mono = sine_lufs(rates[r], 1), stereo = sine_lufs(rates[r], 2);
        printf("  %g Hz: 0 dBFS 1 kHz sine, one channel %.4f LUFS, two "
               "%.4f LUFS\n", rates[r], mono, stereo);
        /* -3.01 is the standard's rounding of -3.0036 (48 kHz); the
         * bilinear warping moves 1 kHz by 0.004 dB at 96 kHz and 0.02 dB
         * at 22.05 kHz */
        double tol = rates[r] < 40000 ? 0.03 : 0.015;
        CHECK_NEAR(mono, -3.01, tol);
        CHECK_NEAR(stereo, 0.0, tol);
    }
    assert_true(mm_kweight_lufs(0.0) == MM_FLOOR_DB);
    assert_true(mm_kweight_lufs(1e-300) == MM_FLOOR_DB);
    assert_true(mm_kweight_lufs(NAN) == MM_FLOOR_DB);
}

/* pink-ish noise: white plus two low-passed copies (-3 dB/octave-ish
 * over the midrange); deterministic */
typedef struct pinkish {
    double l1, l2;
} pinkish;

static double pinkish_next(pinkish *p, double fs)
{
    double w = mmt_frand();
    p->l1 += (1 - exp(-2 * MMT_PI * 200 / fs)) * (w - p->l1);
    p->l2 += (1 - exp(-2 * MMT_PI * 2000 / fs)) * (w - p->l2);
    return 0.25 * (0.3 * w + 2.0 * p->l1 + 0.8 * p->l2);
}

static void test_vs_libebur128(void **state)
{
    (void)state;
    const double rates[] = {44100, 48000, 96000};
    for (int r = 0; r < 3; r++) {
        double fs = rates[r];
        long n = (long)(fs * 5), win = (long)(fs * 3);
        float *x = malloc(sizeof *x * 2 * n);
        assert_non_null(x);
        pinkish p0 = {0, 0}, p1 = {0, 0};
        for (long i = 0; i < n; i++) {
            x[2 * i] = (float)pinkish_next(&p0, fs);
            x[2 * i + 1] = (float)(0.5 * pinkish_next(&p1, fs));
        }
        ebur128_state *st = ebur128_init(2, (unsigned long)fs,
                                         EBUR128_MODE_S);
        assert_non_null(st);
        int rc = ebur128_set_max_window(st, 3000); /* S mode has 3 s */
        assert_true(rc == EBUR128_SUCCESS || rc == EBUR128_ERROR_NO_CHANGE);
        assert_int_equal(ebur128_add_frames_float(st, x, (size_t)n),
                         EBUR128_SUCCESS);
        double ref;
        assert_int_equal(ebur128_loudness_window(st, 3000, &ref),
                         EBUR128_SUCCESS);
        ebur128_destroy(&st);

        mm_kweight k[2];
        double sum = 0;
        for (int c = 0; c < 2; c++) {
            mm_kweight_init(&k[c], fs);
            for (long i = 0; i < n; i++) {
                double y = mm_kweight_tick(&k[c], x[2 * i + c]);
                if (i >= n - win)
                    sum += y * y;
            }
        }
        double ours = mm_kweight_lufs(sum / win);
        printf("  %g Hz: pink-ish noise over 3 s: ours %.4f, libebur128 "
               "%.4f LUFS (%+.4f LU)\n", fs, ours, ref, ours - ref);
        CHECK_NEAR(ours, ref, 0.1);
        free(x);
    }
}

static void test_blocks_robust(void **state)
{
    (void)state;
    enum { N = 20000 };
    static float x[N], a[N], b[N];
    for (int i = 0; i < N; i++)
        x[i] = (float)(0.5 * mmt_frand());
    mm_kweight k1, k2;
    mm_kweight_init(&k1, 44100);
    mm_kweight_init(&k2, 44100);
    mm_kweight_process(&k1, x, a, N);
    memcpy(b, x, sizeof b);
    for (int i = 0, n = 1; i < N; i += n, n = n * 7 % 131 + 1) {
        int m = i + n > N ? N - i : n;
        mm_kweight_process(&k2, b + i, b + i, m); /* in place */
    }
    for (int i = 0; i < N; i++)
        CHECK_BITS_F(a[i], b[i]);

    /* NaN and inf: output finite, the next block is as after silence */
    for (int i = 0; i < 64; i++)
        a[i] = i % 2 ? mmt_f_from_bits(0x7fc00000u)
                     : mmt_f_from_bits(0x7f800000u);
    mm_kweight_process(&k1, a, a, 64);
    for (int i = 0; i < 64; i++)
        assert_true(mm_isfinite_f(a[i]));
    k1.s_hp.s1 = mmt_d_from_bits(0x7ff8000000000000ull); /* poisoned */
    mm_kweight_process(&k1, x, a, 64);
    assert_true(k1.nonfinite == 1);
    mm_kweight_process(&k1, x, a, 64);
    for (int i = 0; i < 64; i++)
        assert_true(mm_isfinite_f(a[i]));

    /* denormals: the decay probe never leaves tiny state behind */
    mm_kweight_reset(&k1);
    long total = (long)(MMT_PROBE_SECONDS * 44100.0);
    for (long i = 0; i < total; i += 64) {
        float blk[64];
        for (int j = 0; j < 64; j++)
            blk[j] = mmt_decay_probe(i + j, 44100.0);
        mm_kweight_process(&k1, blk, blk, 64);
        assert_false(mmt_tiny(k1.s_shelf.s1) || mmt_tiny(k1.s_shelf.s2)
                     || mmt_tiny(k1.s_hp.s1) || mmt_tiny(k1.s_hp.s2));
    }

    /* bad rates */
    assert_int_equal(mm_kweight_init(&k1, 0.0), MM_E_ARG);
    assert_true(k1.samplerate == 48000.0);
    assert_int_equal(mm_kweight_set_samplerate(&k1, NAN), MM_E_ARG);
    assert_int_equal(mm_kweight_set_samplerate(&k1, 3000.0), MM_E_ARG);
    assert_true(k1.samplerate == 48000.0);
    assert_int_equal(mm_kweight_set_samplerate(&k1, 22050.0), MM_OK);
    assert_true(k1.samplerate == 22050.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coefficients_48k),
        cmocka_unit_test(test_response),
        cmocka_unit_test(test_calibration),
        cmocka_unit_test(test_vs_libebur128),
        cmocka_unit_test(test_blocks_robust),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
