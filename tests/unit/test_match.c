/* test_match.c: the matching EQ against its contract.
 * - before anything is learned, and at amount 0 after learning, the
 *   output is the input delayed by the latency (bit for bit);
 * - pink noise as the programme and the same noise through a known EQ
 *   (mm_eq: shelves and bells) as the reference, learned 12 s: the
 *   applied filter (its measured impulse response) recovers the EQ
 *   within 1 dB at 1/3-octave points from 50 Hz to 15 kHz, at 48 and
 *   44.1 kHz; with normalize 1 up to the level difference of the two
 *   spectra (their power ratio between fmin and fmax), with normalize 0
 *   as it is; the curve agrees with the applied filter; the impulse
 *   response is symmetric about the latency;
 * - limit, amount and fmin/fmax shape the curve as documented;
 * - learning, updating and clearing on a steady sine never click: the
 *   output's second difference stays that of a sine of the output's
 *   largest amplitude;
 * - identical output for any block cut (learning included);
 * - a saved pair (get/set_learned) and a rate change carry the curve;
 * - NaN and inf in either input: finite output, finite curve. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "mm_match.h"
#include "mm_eq.h"
#include "mmtest.h"

#define NCH 2

static mm_match *make(double fs)
{
    mm_match *m = malloc(sizeof *m);
    assert_non_null(m);
    assert_int_equal(mm_match_init(m, NCH, fs), MM_OK);
    mm_match_snap(m);
    return m;
}

static void destroy(mm_match *m)
{
    mm_match_free(m);
    free(m);
}

/* x, r (or NULL), y: NCH buffers each; samples [from, to) in blocks */
static void run(mm_match *m, float **x, float **r, float **y, long from,
                long to, int block)
{
    for (long i = from; i < to; i += block) {
        int k = (int)(to - i < block ? to - i : block);
        const float *in[NCH], *ref[NCH];
        float *out[NCH];
        for (int c = 0; c < NCH; c++) {
            in[c] = x[c] + i;
            out[c] = y[c] + i;
            ref[c] = r ? r[c] + i : NULL;
        }
        mm_match_process(m, in, r ? ref : NULL, out, k);
    }
}

static float **alloc2(long n)
{
    float **b = malloc(sizeof *b * NCH);
    for (int c = 0; c < NCH; c++)
        b[c] = calloc((size_t)n, sizeof(float));
    return b;
}

static void free2(float **b)
{
    for (int c = 0; c < NCH; c++)
        free(b[c]);
    free(b);
}

/* the known EQ of the reference */
static void the_eq(mm_eq *e, double fs)
{
    assert_int_equal(mm_eq_init(e, NCH, 4, fs), MM_OK);
    mm_eq_set_band(e, 0, MM_FD_LOWSHELF, 80.0, 4.0, 0.7);
    mm_eq_set_band(e, 1, MM_FD_BELL, 250.0, -3.0, 1.4);
    mm_eq_set_band(e, 2, MM_FD_BELL, 2500.0, 5.0, 1.0);
    mm_eq_set_band(e, 3, MM_FD_HIGHSHELF, 10000.0, -4.0, 0.7);
    mm_eq_snap(e);
}

/* n samples of stereo pink noise (independent channels) and the same
 * through the EQ */
static void programme(double fs, long n, float ***x, float ***r)
{
    mm_eq e;
    mmt_pink_state p[NCH];
    memset(p, 0, sizeof p);
    *x = alloc2(n);
    *r = alloc2(n);
    mmt_seed(2024);
    for (long i = 0; i < n; i++)
        for (int c = 0; c < NCH; c++)
            (*x)[c][i] = (float)(0.25 * mmt_pink(&p[c]));
    the_eq(&e, fs);
    mm_eq_process(&e, (const float *const *)*x, *r, n);
    mm_eq_free(&e);
}

/* The applied filter's impulse response: learning off, settled, the
 * history cleared, an impulse in channel 0; h gets len samples. */
static void impulse_response(mm_match *m, float *h, long len)
{
    long settle = 30000;
    float **z = alloc2(settle > len ? settle : len), **y = alloc2(settle > len ? settle : len);
    run(m, z, NULL, y, 0, settle, 64);
    assert_false(mm_linphase_busy(&m->lp));
    mm_match_reset(m);
    z[0][0] = 1.0f;
    run(m, z, NULL, y, 0, len, 64);
    memcpy(h, y[0], sizeof(float) * (size_t)len);
    free2(z);
    free2(y);
}

static double dft_db(const float *h, long n, double f, double fs)
{
    double c = 0.0, s = 0.0, w = 2.0 * MM_PI * f / fs;
    for (long i = 0; i < n; i++) {
        c += h[i] * cos(w * i);
        s -= h[i] * sin(w * i);
    }
    return 10.0 * log10(c * c + s * s);
}

static void test_flat(void **state)
{
    (void)state;
    const double fs = 48000.0;
    const long n = 96000;
    float **x, **r, **y = alloc2(n);
    programme(fs, n, &x, &r);
    mm_match *m = make(fs);
    const int lat = mm_match_latency(m);
    assert_int_equal(lat, 512 + 4095);
    /* nothing learned: a pure delay, even while learning one side */
    mm_match_learn(m, MM_MATCH_REFERENCE, 1);
    run(m, x, r, y, 0, n, 64);
    for (int c = 0; c < NCH; c++)
        for (long t = 0; t < n; t++)
            CHECK_BITS_F(y[c][t], t >= lat ? x[c][t - lat] : 0.0f);
    /* both learned, amount 0: a pure delay again once swapped */
    mm_match_learn(m, MM_MATCH_SOURCE, 1);
    run(m, x, r, y, 0, n, 64);
    mm_match_learn(m, MM_MATCH_REFERENCE, 0);
    mm_match_learn(m, MM_MATCH_SOURCE, 0);
    assert_true(mm_match_learned_seconds(m, MM_MATCH_SOURCE) > 1.5);
    mm_match_set(m, MM_MATCH_AMOUNT, 0.0);
    run(m, x, r, y, 0, n, 64);
    for (int c = 0; c < NCH; c++)
        for (long t = n / 2; t < n; t++)
            CHECK_BITS_F(y[c][t], x[c][t - lat]);
    free2(x);
    free2(r);
    free2(y);
    destroy(m);
}

/* The recovered EQ at 1/3-octave points 50 Hz .. 15 kHz. */
static void recover(double fs, int normalize, int block)
{
    const long n = (long)(12.0 * fs);
    float **x, **r, **y = alloc2(n);
    programme(fs, n, &x, &r);
    mm_match *m = make(fs);
    mm_match_set(m, MM_MATCH_NORMALIZE, normalize);
    mm_match_learn(m, MM_MATCH_REFERENCE, 1);
    mm_match_learn(m, MM_MATCH_SOURCE, 1);
    run(m, x, r, y, 0, n, block);
    mm_match_learn(m, MM_MATCH_REFERENCE, 0);
    mm_match_learn(m, MM_MATCH_SOURCE, 0);
    const int lat = mm_match_latency(m);
    const long len = 2L * lat + 2;
    float *h = malloc(sizeof *h * len);
    impulse_response(m, h, len);
    /* symmetric about the latency */
    double asym = 0.0, peak = 0.0;
    for (long j = 1; j <= lat; j++) {
        double d = fabs(h[lat + j] - h[lat - j]);
        asym = d > asym ? d : asym;
    }
    for (long j = 0; j < len; j++)
        peak = fabs(h[j]) > peak ? fabs(h[j]) : peak;
    /* the level offset normalize leaves: the power ratio of the learned
     * spectra between fmin and fmax */
    double offset = 0.0;
    if (normalize) {
        double *mr = malloc(sizeof(double) * mm_match_bins(m));
        double *ms = malloc(sizeof(double) * mm_match_bins(m));
        mm_match_get_learned(m, MM_MATCH_REFERENCE, mr);
        mm_match_get_learned(m, MM_MATCH_SOURCE, ms);
        double sr = 0.0, ss = 0.0, bin = mm_match_bin_hz(m);
        for (int k = 0; k < mm_match_bins(m); k++)
            if (k * bin >= 20.0 && k * bin <= 20000.0) {
                sr += mr[k];
                ss += ms[k];
            }
        offset = 10.0 * log10(sr / ss);
        free(mr);
        free(ms);
    }
    mm_eq e;
    the_eq(&e, fs);
    double worst = 0.0, worst_curve = 0.0;
    printf("    %g kHz, normalize %d (offset %.2f dB): error per 1/3 octave:\n   ",
           fs / 1000, normalize, offset);
    for (int k = 0; k <= 25; k++) {
        double f = k < 25 ? 50.0 * pow(2.0, k / 3.0) : 15000.0;
        double want = mm_eq_response_db(&e, f) - offset;
        double got = dft_db(h, len, f, fs);
        float cv;
        mm_match_curve(m, &cv, 1, f, f);
        double err = got - want;
        if (fabs(err) > worst)
            worst = fabs(err);
        if (fabs(cv - got) > worst_curve)
            worst_curve = fabs(cv - got);
        printf(" %.0f:%+.2f", f, err);
    }
    printf("\n    largest %.3f dB; curve vs applied %.3f dB; asymmetry %.2g "
           "(peak %.3g)\n", worst, worst_curve, asym, peak);
    assert_true(worst <= 1.0);
    assert_true(worst_curve <= 0.1);
    assert_true(asym <= 1e-6 * peak);
    mm_eq_free(&e);
    free(h);
    free2(x);
    free2(r);
    free2(y);
    destroy(m);
}

static void test_recover_48k(void **state)
{
    (void)state;
    recover(48000.0, 1, 64);
    recover(48000.0, 0, 1000);
}

static void test_recover_44k(void **state)
{
    (void)state;
    recover(44100.0, 1, 64);
}

/* learned pair -> curve; the settings shape it */
static mm_match *learned(double fs)
{
    const long n = (long)(4.0 * fs);
    float **x, **r, **y = alloc2(n);
    programme(fs, n, &x, &r);
    mm_match *m = make(fs);
    mm_match_learn(m, MM_MATCH_REFERENCE, 1);
    mm_match_learn(m, MM_MATCH_SOURCE, 1);
    run(m, x, r, y, 0, n, 256);
    mm_match_learn(m, MM_MATCH_REFERENCE, 0);
    mm_match_learn(m, MM_MATCH_SOURCE, 0);
    free2(x);
    free2(r);
    free2(y);
    return m;
}

#define NPTS 256

static void test_settings(void **state)
{
    (void)state;
    const double fs = 48000.0;
    mm_match *m = learned(fs);
    float full[NPTS], c[NPTS];
    mm_match_set(m, MM_MATCH_NORMALIZE, 0);
    mm_match_curve(m, full, NPTS, 20.0, 20000.0);
    /* amount scales the dB */
    mm_match_set(m, MM_MATCH_AMOUNT, 50.0);
    mm_match_curve(m, c, NPTS, 20.0, 20000.0);
    for (int i = 0; i < NPTS; i++)
        CHECK_NEAR(c[i], 0.5 * full[i], 1e-4);
    /* limit */
    mm_match_set(m, MM_MATCH_AMOUNT, 100.0);
    mm_match_set(m, MM_MATCH_LIMIT, 2.0);
    mm_match_curve(m, c, NPTS, 20.0, 20000.0);
    for (int i = 0; i < NPTS; i++) {
        assert_true(fabs(c[i]) <= 2.0 + 1e-6);
        if (fabs(full[i]) < 2.0)
            CHECK_NEAR(c[i], full[i], 1e-4);
    }
    /* fmin/fmax: 0 dB an octave out, full inside */
    mm_match_set(m, MM_MATCH_LIMIT, 12.0);
    mm_match_set(m, MM_MATCH_FMIN, 200.0);
    mm_match_set(m, MM_MATCH_FMAX, 2000.0);
    float at[4];
    mm_match_curve(m, at, 1, 99.0, 99.0);
    mm_match_curve(m, at + 1, 1, 4100.0, 4100.0);
    CHECK_NEAR(at[0], 0.0, 1e-9);
    CHECK_NEAR(at[1], 0.0, 1e-9);
    mm_match_curve(m, at + 2, 1, 250.0, 250.0);
    mm_match_set(m, MM_MATCH_FMIN, 20.0);
    mm_match_set(m, MM_MATCH_FMAX, 20000.0);
    mm_match_curve(m, at + 3, 1, 250.0, 250.0);
    CHECK_NEAR(at[2], at[3], 1e-6);
    assert_true(at[2] < -1.5); /* the 250 Hz cut */
    /* the table */
    assert_true(mm_match_set(m, MM_MATCH_AMOUNT, 500.0) == 150.0);
    assert_true(mm_match_set(m, MM_MATCH_LIMIT, -3.0) == 0.0);
    assert_true(mm_match_get(m, MM_MATCH_LIMIT) == 0.0);
    assert_true(mm_match_set(m, MM_MATCH_NPARAMS, 1.0) == 0.0);
    /* clear: flat */
    mm_match_clear(m, MM_MATCH_SOURCE);
    mm_match_set(m, MM_MATCH_LIMIT, 12.0);
    mm_match_curve(m, c, NPTS, 20.0, 20000.0);
    for (int i = 0; i < NPTS; i++)
        assert_true(c[i] == 0.0f);
    assert_true(mm_match_learned_seconds(m, MM_MATCH_SOURCE) == 0.0);
    assert_true(mm_match_learned_seconds(m, MM_MATCH_REFERENCE) > 3.0);
    destroy(m);
}

/* A steady 1 kHz sine through learning, updates and a clear: every
 * change is a crossfade between linear-phase filters, so the output stays
 * a sine whose amplitude moves slowly: its second difference never
 * exceeds (2 sin(pi f/fs))^2 times the largest amplitude, plus a little
 * for the amplitude's own motion (a click would be a step). */
static void test_no_clicks(void **state)
{
    (void)state;
    const double fs = 48000.0, f = 1000.0;
    const long n = (long)(6.0 * fs);
    float **x, **r, **y = alloc2(n);
    programme(fs, n, &x, &r);
    for (int c = 0; c < NCH; c++)
        mmt_sine(x[c], n, 1, 0.5, f, fs, 0.3 * c);
    mm_match *m = make(fs);
    mm_match_set(m, MM_MATCH_NORMALIZE, 0);
    const long marks[] = {0, 12000, (long)(2.5 * fs), (long)(4.0 * fs), n};
    for (int s = 0; s < 4; s++) {
        if (s == 1) {
            mm_match_learn(m, MM_MATCH_REFERENCE, 1);
            mm_match_learn(m, MM_MATCH_SOURCE, 1);
        } else if (s == 2) {
            mm_match_learn(m, MM_MATCH_REFERENCE, 0);
            mm_match_learn(m, MM_MATCH_SOURCE, 0);
        } else if (s == 3) {
            mm_match_clear(m, -1);
        }
        run(m, x, r, y, marks[s], marks[s + 1], 64);
    }
    const int lat = mm_match_latency(m);
    /* the local amplitude: the largest |y| within 240 samples */
    double d2max = 0.0, ratio = 0.0, w = 2.0 * sin(MM_PI * f / fs);
    double before = 0.0, during = 0.0;
    for (int c = 0; c < NCH; c++)
        for (long t = lat + 242; t < n - 240; t++) {
            double a = 0.0;
            for (long j = t - 240; j <= t + 240; j++)
                a = fabs(y[c][j]) > a ? fabs(y[c][j]) : a;
            double d2 = fabs(y[c][t] - 2.0 * y[c][t - 1] + y[c][t - 2]);
            d2max = d2 > d2max ? d2 : d2max;
            if (d2 / (w * w * a) > ratio)
                ratio = d2 / (w * w * a);
            if (t < marks[1] + lat)
                before = a > before ? a : before;
            else if (t > marks[2] - fs / 4 && t < marks[2])
                during = a > during ? a : during;
        }
    printf("    learned: the sine moved %+.2f dB; largest second difference "
           "%.3f x that of a sine of the local amplitude\n",
           mmt_db(during / before), ratio);
    assert_true(fabs(mmt_db(during / before)) > 1.0);
    assert_true(ratio <= 1.05);
    (void)d2max;
    /* after the clear the input comes out again, delayed */
    for (int c = 0; c < NCH; c++)
        for (long t = n - 2000; t < n; t++)
            CHECK_BITS_F(y[c][t], x[c][t - lat]);
    free2(x);
    free2(r);
    free2(y);
    destroy(m);
}

static void test_blocks(void **state)
{
    (void)state;
    const double fs = 44100.0;
    const long n = (long)(2.0 * fs);
    static const int cuts[] = {64, 1, 1000, 4096};
    float **x, **r, **ref = NULL;
    programme(fs, n, &x, &r);
    for (int ci = 0; ci < 4; ci++) {
        float **y = alloc2(n);
        mm_match *m = make(fs);
        mm_match_learn(m, MM_MATCH_REFERENCE, 1);
        mm_match_learn(m, MM_MATCH_SOURCE, 1);
        run(m, x, r, y, 0, n / 2, cuts[ci]);
        mm_match_learn(m, MM_MATCH_SOURCE, 0);
        run(m, x, r, y, n / 2, n, cuts[ci]);
        if (!ref) {
            ref = y;
        } else {
            for (int c = 0; c < NCH; c++)
                for (long t = 0; t < n; t++)
                    CHECK_BITS_F(y[c][t], ref[c][t]);
            free2(y);
        }
        destroy(m);
    }
    free2(ref);
    free2(x);
    free2(r);
}

/* get/set_learned (what save/load carry), then a rate change */
static void test_carry(void **state)
{
    (void)state;
    const double fs = 48000.0;
    mm_match *m = learned(fs), *m2 = make(fs);
    float a[NPTS], b[NPTS];
    mm_match_curve(m, a, NPTS, 20.0, 20000.0);
    int nb = mm_match_bins(m);
    double *hz = malloc(sizeof(double) * nb), *pw = malloc(sizeof(double) * nb);
    for (int k = 0; k < nb; k++)
        hz[k] = k * mm_match_bin_hz(m);
    for (int w = 0; w < 2; w++) {
        mm_match_get_learned(m, w, pw);
        assert_int_equal(mm_match_set_learned(m2, w, hz, pw, nb,
                                              mm_match_learned_seconds(m, w)),
                         MM_OK);
        CHECK_NEAR(mm_match_learned_seconds(m2, w),
                   mm_match_learned_seconds(m, w), 1e-9);
    }
    mm_match_curve(m2, b, NPTS, 20.0, 20000.0);
    for (int i = 0; i < NPTS; i++)
        CHECK_NEAR(b[i], a[i], 1e-6);
    /* bad spectra are refused */
    hz[5] = hz[4];
    assert_int_equal(mm_match_set_learned(m2, 0, hz, pw, nb, 1.0), MM_E_ARG);
    assert_int_equal(mm_match_set_learned(m2, 2, hz, pw, nb, 1.0), MM_E_ARG);
    /* 96 kHz: bigger FFTs, the same curve within 0.2 dB up to 15 kHz */
    assert_int_equal(mm_match_set_samplerate(m, 96000.0), MM_OK);
    assert_int_equal(mm_match_latency(m), 1024 + 8191);
    mm_match_curve(m, b, NPTS, 20.0, 20000.0);
    double worst = 0.0;
    for (int i = 0; i < NPTS; i++) {
        double f = 20.0 * pow(1000.0, i / (NPTS - 1.0));
        if (f >= 50.0 && f <= 15000.0 && fabs(b[i] - a[i]) > worst)
            worst = fabs(b[i] - a[i]);
    }
    printf("    after 48 -> 96 kHz the curve moved %.3f dB at most\n", worst);
    assert_true(worst <= 0.2);
    assert_int_equal(mm_match_set_samplerate(m, -1.0), MM_E_ARG);
    free(hz);
    free(pw);
    destroy(m);
    destroy(m2);
}

static void test_nonfinite(void **state)
{
    (void)state;
    const double fs = 48000.0;
    const long n = (long)(3.0 * fs);
    float **x, **r, **y = alloc2(n);
    programme(fs, n, &x, &r);
    for (int c = 0; c < NCH; c++)
        for (long t = 30000; t < 30100; t++) {
            x[c][t] = mmt_f_from_bits(0x7fc00000u);
            r[c][t] = t & 1 ? mmt_f_from_bits(0x7f800000u) : 1e30f;
        }
    mm_match *m = make(fs);
    mm_match_learn(m, MM_MATCH_REFERENCE, 1);
    mm_match_learn(m, MM_MATCH_SOURCE, 1);
    run(m, x, r, y, 0, n, 64);
    for (int c = 0; c < NCH; c++)
        for (long t = 0; t < n; t++)
            assert_true(mm_isfinite_f(y[c][t]));
    float cv[NPTS];
    mm_match_curve(m, cv, NPTS, 20.0, 20000.0);
    for (int i = 0; i < NPTS; i++)
        assert_true(mm_isfinite_f(cv[i]) && fabs(cv[i]) <= 12.0);
    free2(x);
    free2(r);
    free2(y);
    destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flat),
        cmocka_unit_test(test_recover_48k),
        cmocka_unit_test(test_recover_44k),
        cmocka_unit_test(test_settings),
        cmocka_unit_test(test_no_clicks),
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_carry),
        cmocka_unit_test(test_nonfinite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
