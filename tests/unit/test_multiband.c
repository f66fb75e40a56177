/* test_multiband.c: the multiband~ and imager~ cores against theory.
 *
 * multiband: with ratio 1 the bands sum to an allpass (DFT of the impulse
 * response flat within 1e-4 dB, 20 Hz..20 kHz) and delta's uncompressed
 * sum equals the output exactly; results independent of block size while
 * compressing and while a crossover glides; solo and mute gate bands;
 * mode ms with a side-only threshold leaves L+R alone for a mono input;
 * the curve picture is flat at 0 dB at rest and shows makeup; NaN/inf
 * input recovers; gr reads the reduction.
 * imager: the defaults are the identity bit for bit; width 0 gives L = R;
 * monobass keeps L+R; block-size independence with everything on; NaN.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm_multiband.h"
#include "mm_imager.h"
#include "mmtest.h"

#define N 32768
#define FS 48000.0

static float in[2][N], out[2][N], xs[2][N], out2[2][N];

static void run_mb(mm_multiband *m, float o[2][N], float x[2][N], int blk)
{
    for (int i = 0; i < N;) {
        int n = blk > 0 ? blk : (int)(mmt_frand() * 0.5 * 300 + 151);
        if (n < 1)
            n = 1;
        if (i + n > N)
            n = N - i;
        const float *ip[2] = {in[0] + i, in[1] + i};
        float *op[2] = {o[0] + i, o[1] + i};
        float *xp[2] = {x ? x[0] + i : NULL, x ? x[1] + i : NULL};
        mm_multiband_process(m, ip, op, x ? xp : NULL, n);
        i += n;
    }
}

static double dft_db(const float *h, double f)
{
    double c = 0, s = 0, w = 2 * MM_PI * f / FS;
    for (int i = 0; i < N; i++) {
        c += h[i] * cos(w * i);
        s -= h[i] * sin(w * i);
    }
    return 10 * log10(c * c + s * s);
}

static mm_multiband mb, mb2;

static void test_mb_flat_and_delta(void **state)
{
    (void)state;
    memset(in, 0, sizeof in);
    in[0][0] = in[1][0] = 1.0f;
    assert_int_equal(mm_multiband_init(&mb, 2, 4, FS), MM_OK);
    run_mb(&mb, out, xs, 64);
    double worst = 0;
    for (double f = 20; f <= 20000; f *= 1.07) {
        double d = fabs(dft_db(out[0], f));
        if (d > worst)
            worst = d;
    }
    assert_true(worst < 1e-4);
    assert_memory_equal(out, xs, sizeof out);
    assert_int_equal(mm_multiband_init(&mb, 9, 4, FS), MM_E_ARG);
    assert_int_equal(mm_multiband_init(&mb, 2, 7, FS), MM_E_ARG);
}

static void setup_comp(mm_multiband *m)
{
    mm_multiband_init(m, 2, 4, FS);
    mm_multiband_set_band(m, -1, -1, MM_COMP_THRESHOLD, -30);
    mm_multiband_set_band(m, -1, -1, MM_COMP_RATIO, 50); /* clamped: 20 */
    mm_multiband_set_band(m, 1, -1, MM_COMP_MAKEUP, 3);
    mm_multiband_snap(m);
}

static void test_mb_blocks(void **state)
{
    (void)state;
    for (int i = 0; i < N; i++) {
        in[0][i] = (float)(0.5 * mmt_frand());
        in[1][i] = (float)(0.5 * mmt_frand());
    }
    setup_comp(&mb);
    setup_comp(&mb2);
    assert_true(mm_multiband_get_band(&mb, 0, 0, MM_COMP_RATIO) == 20.0);
    double hz[3] = {200, 1500, 5000};
    mm_multiband_set_xover(&mb, 3, hz, 0);
    mm_multiband_set_xover(&mb2, 3, hz, 0);
    run_mb(&mb, out, NULL, 64);
    run_mb(&mb2, out2, NULL, 0);
    assert_memory_equal(out, out2, sizeof out);
    assert_true(mm_multiband_take_gr(&mb, 0) < -3.0);
    assert_true(mm_multiband_take_gr(&mb, 0) == 0.0); /* restarted */
}

static void test_mb_solo_mute_ms(void **state)
{
    (void)state;
    mmt_sine(in[0], N, 1, 0.5, 350, FS, 0);
    memcpy(in[1], in[0], sizeof in[0]);
    mm_multiband_init(&mb, 2, 4, FS);
    mm_multiband_set_solo(&mb, 0, 1); /* band 1: 350 Hz is 37 dB down */
    mm_multiband_snap(&mb);
    run_mb(&mb, out, NULL, 64);
    double p = 0;
    for (int i = N / 2; i < N; i++)
        p = fabs(out[0][i]) > p ? fabs(out[0][i]) : p;
    assert_true(20 * log10(p / 0.5) < -30);
    mm_multiband_init(&mb, 2, 4, FS);
    mm_multiband_set_mute(&mb, 1, 1); /* band 2 muted */
    mm_multiband_snap(&mb);
    run_mb(&mb, out, NULL, 64);
    p = 0;
    for (int i = N / 2; i < N; i++)
        p = fabs(out[0][i]) > p ? fabs(out[0][i]) : p;
    assert_true(20 * log10(p / 0.5) < -25);
    /* ms: a mono input has no side; compressing only the side changes
     * nothing (beyond the allpass) */
    mm_multiband_init(&mb, 2, 4, FS);
    mm_multiband_init(&mb2, 2, 4, FS);
    assert_int_equal(mm_multiband_set_mode(&mb, 1), 1);
    mm_multiband_set_band(&mb, -1, 1, MM_COMP_THRESHOLD, -40);
    mm_multiband_set_band(&mb, -1, 1, MM_COMP_RATIO, 10);
    mm_multiband_snap(&mb);
    run_mb(&mb, out, NULL, 64);
    run_mb(&mb2, out2, NULL, 64);
    for (int i = 0; i < N; i++)
        assert_true(fabsf(out[0][i] - out2[0][i]) < 1e-6f);
    mm_multiband_init(&mb, 1, 3, FS);
    assert_int_equal(mm_multiband_set_mode(&mb, 1), 0); /* 1 ch: no ms */
}

static void test_mb_curve_nan(void **state)
{
    (void)state;
    float y[64];
    mm_multiband_init(&mb, 2, 4, FS);
    mm_multiband_curve(&mb, y, 64, 20, 20000);
    for (int i = 0; i < 64; i++)
        assert_true(fabsf(y[i]) < 1e-4f);
    mm_multiband_set_band(&mb, 1, -1, MM_COMP_MAKEUP, 6);
    mm_multiband_snap(&mb);
    mm_multiband_curve(&mb, y, 64, 20, 20000);
    /* point nearest 350 Hz: 20 * 1000^(i/63) */
    int k = (int)(63 * log(350.0 / 20) / log(1000.0) + 0.5);
    assert_true(y[k] > 5.0f && y[k] < 6.1f);
    assert_true(fabsf(y[0]) < 0.05f);
    for (int i = 0; i < N; i++)
        in[0][i] = in[1][i] = (float)mmt_frand();
    in[0][100] = NAN;
    in[1][200] = INFINITY;
    run_mb(&mb, out, NULL, 64);
    for (int i = 0; i < N; i++)
        assert_true(mm_isfinite_f(out[0][i]) && mm_isfinite_f(out[1][i]));
}

static mm_imager im, im2;

static void run_im(mm_imager *m, float o[2][N], int blk)
{
    for (int i = 0; i < N;) {
        int n = blk > 0 ? blk : (int)((mmt_frand() + 1) * 150) + 1;
        if (i + n > N)
            n = N - i;
        const float *ip[2] = {in[0] + i, in[1] + i};
        float *op[2] = {o[0] + i, o[1] + i};
        mm_imager_process(m, ip, op, n);
        i += n;
    }
}

static void test_imager(void **state)
{
    (void)state;
    for (int i = 0; i < N; i++) {
        in[0][i] = (float)mmt_frand();
        in[1][i] = (float)(mmt_frand() * 1e-3);
    }
    mm_imager_init(&im, FS);
    run_im(&im, out, 64);
    assert_memory_equal(in, out, sizeof in);
    mm_imager_init(&im, FS);
    mm_imager_set_width(&im, 0);
    mm_imager_snap(&im);
    run_im(&im, out, 64);
    assert_memory_equal(out[0], out[1], sizeof out[0]);
    mm_imager_init(&im, FS);
    mm_imager_set_monobass(&im, 120);
    mm_imager_snap(&im);
    run_im(&im, out, 64);
    for (int i = 0; i < N; i++)
        assert_true(fabs((double)out[0][i] + out[1][i] - in[0][i] - in[1][i])
                    < 1e-6);
    /* everything on: block-size independent */
    double x[3] = {200, 1000, 5000}, w[4] = {0, 80, 120, 200};
    mm_imager *ims[2] = {&im, &im2};
    for (int k = 0; k < 2; k++) {
        mm_imager_init(ims[k], FS);
        mm_imager_set_width(ims[k], 140);
        mm_imager_set_monobass(ims[k], 100);
        mm_imager_set_xover(ims[k], 3, x);
        mm_imager_set_widths(ims[k], 4, w);
        mm_imager_set_balance(ims[k], -30);
        mm_imager_set_swap(ims[k], 1);
    }
    run_im(&im, out, 64);
    run_im(&im2, out2, 0);
    assert_memory_equal(out, out2, sizeof out);
    int valid;
    double r = mm_imager_take_correlation(&im, &valid);
    assert_true(valid && r >= -1.0 && r <= 1.0);
    in[0][5] = NAN;
    run_im(&im, out, 64);
    for (int i = 0; i < N; i++)
        assert_true(mm_isfinite_f(out[0][i]) && mm_isfinite_f(out[1][i]));
    assert_int_equal(mm_imager_init(&im, 0), MM_E_ARG);
}

int main(void)
{
    mmt_seed(777u);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mb_flat_and_delta),
        cmocka_unit_test(test_mb_blocks),
        cmocka_unit_test(test_mb_solo_mute_ms),
        cmocka_unit_test(test_mb_curve_nan),
        cmocka_unit_test(test_imager),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
