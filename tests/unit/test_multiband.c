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
 * Both tables: rows in id order, set clamps to each row's range and
 * returns the value applied; multiband's per-band rows are comp~'s with
 * the ratio 1..20; the list settings (xover, widths) clamp to the core's
 * ranges.
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
    assert_int_equal((int)mm_multiband_set(&mb, MM_MULTIBAND_MODE, 1), 1);
    mm_multiband_set_band(&mb, -1, 1, MM_COMP_THRESHOLD, -40);
    mm_multiband_set_band(&mb, -1, 1, MM_COMP_RATIO, 10);
    mm_multiband_snap(&mb);
    run_mb(&mb, out, NULL, 64);
    run_mb(&mb2, out2, NULL, 64);
    for (int i = 0; i < N; i++)
        assert_true(fabsf(out[0][i] - out2[0][i]) < 1e-6f);
    mm_multiband_init(&mb, 1, 3, FS);
    /* 1 ch: no ms */
    assert_int_equal((int)mm_multiband_set(&mb, MM_MULTIBAND_MODE, 1), 0);
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
    mm_imager_set(&im, MM_IMAGER_WIDTH, 0);
    mm_imager_snap(&im);
    run_im(&im, out, 64);
    assert_memory_equal(out[0], out[1], sizeof out[0]);
    mm_imager_init(&im, FS);
    mm_imager_set(&im, MM_IMAGER_MONOBASS, 120);
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
        mm_imager_set(ims[k], MM_IMAGER_WIDTH, 140);
        mm_imager_set(ims[k], MM_IMAGER_MONOBASS, 100);
        mm_imager_set_xover(ims[k], 3, x);
        mm_imager_set_widths(ims[k], 4, w);
        mm_imager_set(ims[k], MM_IMAGER_BALANCE, -30);
        mm_imager_set(ims[k], MM_IMAGER_SWAP, 1);
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

/* set(id) clamps to the row and returns the value applied */
static void check_table(const mm_paramtable *t, void *core,
                        double (*set)(void *, int, double))
{
    for (int i = 0; i < t->count; i++) {
        const mm_paramdef *d = &t->defs[i];
        assert_int_equal(d->id, i);
        if (d->flags & MM_P_CREATION)
            continue;
        assert_true(set(core, i, d->def) == d->def);
        assert_true(set(core, i, NAN) == d->def);
        if (d->type == MM_P_BOOL) { /* any non-zero is 1 */
            assert_true(set(core, i, 5) == 1 && set(core, i, 0) == 0);
            continue;
        }
        assert_true(set(core, i, d->max + 1000) == d->max);
        assert_true(set(core, i, d->min - 1000)
                    == ((d->flags & MM_P_OFF) ? d->offval : d->min));
    }
}

static double mb_set(void *m, int id, double v)
{
    return mm_multiband_set(m, id, v);
}

static double im_set(void *im, int id, double v)
{
    return mm_imager_set(im, id, v);
}

static void test_tables(void **state)
{
    (void)state;
    static mm_imager im;
    double hz[3] = {5, 1000, 30000}, w[4] = {-5, 50, 300, 100}, got[3];
    mm_multiband_init(&mb, 2, 4, FS);
    check_table(&mm_multiband_table, &mb, mb_set);
    assert_true(mm_multiband_set(&mb, MM_MULTIBAND_BANDS, 6) == 4);
    for (int p = 0; p < MM_COMP_NPERCH; p++) {
        mm_paramdef d = mm_multiband_band_def((mm_comp_param)p);
        const mm_paramdef *c = &mm_comp_table.defs[p];
        assert_string_equal(d.name, c->name);
        assert_true(d.min == c->min);
        assert_true(d.max == (p == MM_COMP_RATIO ? 20.0 : c->max));
        assert_true(mm_multiband_set_band(&mb, 1, -1, (mm_comp_param)p,
                                          d.max + 100) == d.max);
        assert_true(mm_multiband_get_band(&mb, 1, 0, (mm_comp_param)p)
                    == d.max);
        assert_true(mm_multiband_get_band(&mb, 2, 0, (mm_comp_param)p)
                    == d.def);
    }
    double lo, hi;
    mm_multiband_xover_range(&mb, &lo, &hi);
    assert_true(lo == 20.0 && hi == 20000.0);
    mm_multiband_set_samplerate(&mb, 22050);
    mm_multiband_xover_range(&mb, &lo, &hi);
    assert_true(hi == 0.45 * 22050);
    mm_multiband_set_xover(&mb, 3, hz, 1);
    assert_true(mm_multiband_get_xover(&mb, 0) == 20.0);
    assert_true(mm_multiband_get_xover(&mb, 2) == hi);
    mm_multiband_free(&mb);

    mm_imager_init(&im, FS);
    check_table(&mm_imager_table, &im, im_set);
    assert_int_equal(mm_imager_get_xover(&im, got), 0);
    assert_int_equal(mm_imager_set_xover(&im, 3, hz), 3);
    assert_int_equal(mm_imager_get_xover(&im, got), 3);
    assert_true(got[0] == 20.0 && got[1] == 1000.0 && got[2] == 20000.0);
    mm_imager_set_widths(&im, 4, w);
    assert_true(mm_imager_get_width_band(&im, 0) == 0.0);
    assert_true(mm_imager_get_width_band(&im, 1) == 50.0);
    assert_true(mm_imager_get_width_band(&im, 2) == 200.0);
    assert_int_equal(mm_imager_set_xover(&im, 0, NULL), 0);
    assert_int_equal(mm_imager_get_xover(&im, got), 0);
    mm_imager_free(&im);
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
        cmocka_unit_test(test_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
