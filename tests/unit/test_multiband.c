/* test_multiband.c: the multiband~ and imager~ cores against theory.
 *
 * multiband: with ratio 1 the bands sum to an allpass (DFT of the impulse
 * response flat within 1e-4 dB, 20 Hz..20 kHz) and delta's uncompressed
 * sum equals the output exactly; results independent of block size while
 * compressing and while a crossover glides; solo and mute gate bands;
 * mode ms with a side-only threshold leaves L+R alone for a mono input;
 * the curve picture is flat at 0 dB at rest and shows makeup; NaN/inf
 * input recovers; gr reads the reduction; the fast paths (compressors
 * side by side, the sum at rest) equal the reference paths bit for bit.
 * multiband, phase linear: with ratio 1 the output is the input delayed
 * by the latency within 1e-5 (2..6 bands, 44.1/48/96 kHz), through
 * crossover changes and an M/S switch too; each band's magnitude (solo)
 * within 0.1 dB of the minimum-phase band's where it is above -30 dB;
 * the impulse response is symmetric about the latency; block cuts give
 * the same output.
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

/* ---- linear phase -------------------------------------------------- */

static mm_multiband *lin_mb(int bands, double fs)
{
    mm_multiband *m = malloc(sizeof *m);
    assert_int_equal(mm_multiband_init_phase(m, 2, bands, 1, fs), MM_OK);
    mm_multiband_snap(m);
    return m;
}

static void lin_free(mm_multiband *m)
{
    mm_multiband_free(m);
    free(m);
}

/* x[2][n] through m in blocks of blk into y */
static void lin_run(mm_multiband *m, float *const *x, float *const *y,
                    long n, int blk)
{
    for (long i = 0; i < n; i += blk) {
        int k = (int)(n - i < blk ? n - i : blk);
        const float *ip[2] = {x[0] + i, x[1] + i};
        float *op[2] = {y[0] + i, y[1] + i};
        mm_multiband_process(m, ip, op, NULL, k);
    }
}

/* the largest |y[t] - x[t - lat]| from t0 on */
static double delay_error(float *const *x, float *const *y, long n, long lat,
                          long t0)
{
    double e = 0.0;
    for (int c = 0; c < 2; c++)
        for (long t = t0 > lat ? t0 : lat; t < n; t++) {
            double d = fabs(y[c][t] - x[c][t - lat]);
            e = d > e ? d : e;
        }
    return e;
}

static void test_mb_linear_sum(void **state)
{
    (void)state;
    static const double rates[] = {44100, 48000, 96000};
    const long n = 60000;
    float *x[2] = {mmt_noise(n), mmt_noise(n)};
    float *y[2] = {calloc(n, 4), calloc(n, 4)};
    double worst = 0.0;
    for (int r = 0; r < 3; r++)
        for (int bands = 2; bands <= 6; bands++) {
            mm_multiband *m = lin_mb(bands, rates[r]);
            long lat = mm_multiband_latency(m);
            assert_int_equal(lat, mm_linphase_part(rates[r], MM_MULTIBAND_FIR)
                                  + mm_linphase_size(rates[r], MM_MULTIBAND_FIR) / 2 - 1);
            lin_run(m, x, y, n, 64);
            double e = delay_error(x, y, n, lat, 0);
            worst = e > worst ? e : worst;
            assert_true(e <= 1e-5);
            lin_free(m);
        }
    printf("    2..6 bands at 44.1, 48, 96 kHz: the input delayed within "
           "%.3g\n", worst);
    /* crossover changes and M/S switches while it runs */
    mm_multiband *m = lin_mb(4, 48000);
    long lat = mm_multiband_latency(m);
    const double xo[3][3] = {{200, 2000, 8000}, {80, 500, 3000},
                             {120, 1000, 6000}};
    for (int k = 0; k < 4; k++) {
        long a = k * n / 4, b = (k + 1) * n / 4;
        float *xi[2] = {x[0] + a, x[1] + a}, *yo[2] = {y[0] + a, y[1] + a};
        if (k > 0)
            mm_multiband_set_xover(m, 3, xo[k - 1], 0);
        if (k == 2)
            mm_multiband_set(m, MM_MULTIBAND_MODE, 1);
        if (k == 3)
            mm_multiband_set(m, MM_MULTIBAND_MODE, 0);
        lin_run(m, xi, yo, b - a, 100);
    }
    double e = delay_error(x, y, n, lat, 0);
    printf("    through 3 crossover changes and 2 M/S switches: within "
           "%.3g\n", e);
    assert_true(e <= 1e-5);
    lin_free(m);
    free(x[0]), free(x[1]), free(y[0]), free(y[1]);
}

/* solo each band: its magnitude against the minimum-phase band's; the
 * impulse response symmetric about the latency */
static void test_mb_linear_bands(void **state)
{
    (void)state;
    const double fs = 48000;
    mm_multiband *m = lin_mb(4, fs), *mp = malloc(sizeof *mp);
    assert_int_equal(mm_multiband_init_phase(mp, 2, 4, 0, fs), MM_OK);
    mm_multiband_snap(mp);
    const long lat = mm_multiband_latency(m), len = 2 * lat + 1;
    float *x[2] = {calloc(len, 4), calloc(len, 4)};
    float *y[2] = {calloc(len, 4), calloc(len, 4)};
    float *z[2] = {calloc(len, 4), calloc(len, 4)};
    x[0][0] = 1.0f;
    double worst = 0.0, asym = 0.0;
    for (int b = 0; b < 4; b++) {
        mm_multiband_set_solo(m, -1, 0);
        mm_multiband_set_solo(mp, -1, 0);
        mm_multiband_set_solo(m, b, 1);
        mm_multiband_set_solo(mp, b, 1);
        mm_multiband_snap(m);
        mm_multiband_snap(mp);
        mm_multiband_reset(m);
        mm_multiband_reset(mp);
        lin_run(m, x, y, len, 64);
        lin_run(mp, x, z, len, 64);
        double peak = 0.0, a = 0.0;
        for (long j = 0; j < len; j++)
            peak = fabs(y[0][j]) > peak ? fabs(y[0][j]) : peak;
        for (long j = 1; j <= lat; j++) {
            double d = fabs(y[0][lat + j] - y[0][lat - j]);
            a = d > a ? d : a;
        }
        asym = a / peak > asym ? a / peak : asym;
        for (int i = 0; i < 200; i++) {
            double f = 20.0 * pow(1000.0, i / 199.0), w = 2 * MM_PI * f / fs;
            double c1 = 0, s1 = 0, c2 = 0, s2 = 0;
            for (long j = 0; j < len; j++) {
                c1 += y[0][j] * cos(w * j);
                s1 -= y[0][j] * sin(w * j);
                c2 += z[0][j] * cos(w * j);
                s2 -= z[0][j] * sin(w * j);
            }
            double want = 10 * log10(c2 * c2 + s2 * s2);
            if (want < -30.0)
                continue;
            double e = fabs(10 * log10(c1 * c1 + s1 * s1) - want);
            worst = e > worst ? e : worst;
        }
    }
    printf("    4 bands soloed: within %.4f dB of the minimum-phase bands; "
           "asymmetry %.2g of the peak\n", worst, asym);
    assert_true(worst <= 0.1);
    assert_true(asym <= 1e-6);
    for (int c = 0; c < 2; c++)
        free(x[c]), free(y[c]), free(z[c]);
    lin_free(m);
    lin_free(mp);
}

static void test_mb_linear_blocks(void **state)
{
    (void)state;
    static const int cuts[] = {64, 1, 1000, 4096};
    const long n = 30000;
    float *x[2] = {mmt_noise(n), mmt_noise(n)}, *ref[2] = {NULL, NULL};
    for (int k = 0; k < 4; k++) {
        mm_multiband *m = lin_mb(3, 44100);
        mm_multiband_set_band(m, -1, -1, MM_COMP_THRESHOLD, -20);
        mm_multiband_set_band(m, -1, -1, MM_COMP_RATIO, 4);
        float *y[2] = {calloc(n, 4), calloc(n, 4)};
        lin_run(m, x, y, n / 2, cuts[k]);
        const double xo[2] = {300, 4000};
        mm_multiband_set_xover(m, 2, xo, 0);
        float *xi[2] = {x[0] + n / 2, x[1] + n / 2};
        float *yo[2] = {y[0] + n / 2, y[1] + n / 2};
        lin_run(m, xi, yo, n - n / 2, cuts[k]);
        if (!ref[0]) {
            ref[0] = y[0], ref[1] = y[1];
        } else {
            for (int c = 0; c < 2; c++) {
                for (long t = 0; t < n; t++)
                    CHECK_BITS_F(y[c][t], ref[c][t]);
                free(y[c]);
            }
        }
        lin_free(m);
    }
    for (int c = 0; c < 2; c++)
        free(ref[c]), free(x[c]);
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

/* The fast paths (mm_comp_process_many, the band-by-band sum at rest)
 * against the reference paths (m->plain: each band's compressor frame
 * by frame, the per-frame sum), bit for bit: outputs and uncompressed
 * sums through solo/mute glides, an M/S switch and back, a link change,
 * per-half thresholds, 2..6 bands, odd blocks. */
static void test_mb_fast_equals_plain(void **state)
{
    (void)state;
    static float o1[2][N], o2[2][N], x1[2][N], x2[2][N];
    for (int i = 0; i < N; i++) {
        double env = (i / 4000) % 3 ? 1.0 : 0.1;
        in[0][i] = (float)(env * (0.4 * sin(i * 0.01) + 0.3 * mmt_frand()));
        in[1][i] = (float)(env * (0.3 * sin(i * 0.23) + 0.3 * mmt_frand()));
    }
    for (int nb = 2; nb <= 6; nb++) {
        for (int with_x = 0; with_x < 2; with_x++) {
            mm_multiband *ms[2] = {&mb, &mb2};
            for (int j = 0; j < 2; j++) {
                mm_multiband_init(ms[j], 2, nb, FS);
                mm_multiband_set_band(ms[j], -1, -1, MM_COMP_THRESHOLD, -24);
                mm_multiband_set_band(ms[j], -1, -1, MM_COMP_RATIO, 4);
                mm_multiband_set_band(ms[j], 0, -1, MM_COMP_ATTACK, 1);
                mm_multiband_set_band(ms[j], 1, 1, MM_COMP_THRESHOLD, -12);
                mm_multiband_set_band(ms[j], nb - 1, -1, MM_COMP_MAKEUP, 3);
                mm_multiband_snap(ms[j]);
            }
            mb2.plain = 1;
            for (int i = 0, n = 1; i < N; i += n, n = n * 7 % 157 + 1) {
                int k = i + n > N ? N - i : n;
                for (int j = 0; j < 2; j++) {
                    mm_multiband *m = ms[j];
                    if (i <= 4000 && i + k > 4000)
                        mm_multiband_set_solo(m, 1, 1);
                    if (i <= 8000 && i + k > 8000)
                        mm_multiband_set_solo(m, 1, 0);
                    if (i <= 11000 && i + k > 11000)
                        mm_multiband_set_mute(m, nb - 1, 1);
                    if (i <= 14000 && i + k > 14000)
                        mm_multiband_set(m, MM_MULTIBAND_MODE, 1);
                    if (i <= 20000 && i + k > 20000)
                        mm_multiband_set(m, MM_MULTIBAND_LINK, 30);
                    if (i <= 24000 && i + k > 24000)
                        mm_multiband_set(m, MM_MULTIBAND_MODE, 0);
                    float(*o)[N] = j ? o2 : o1, (*x)[N] = j ? x2 : x1;
                    const float *ip[2] = {in[0] + i, in[1] + i};
                    float *op[2] = {o[0] + i, o[1] + i};
                    float *xp[2] = {x[0] + i, x[1] + i};
                    mm_multiband_process(m, ip, op, with_x ? xp : NULL, k);
                }
            }
            assert_memory_equal(o1, o2, sizeof o1);
            if (with_x)
                assert_memory_equal(x1, x2, sizeof x1);
            for (int b = 0; b < nb; b++)
                assert_true(mm_multiband_take_gr(&mb, b)
                            == mm_multiband_take_gr(&mb2, b));
            mm_multiband_free(&mb);
            mm_multiband_free(&mb2);
        }
    }
}

int main(void)
{
    mmt_seed(777u);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mb_flat_and_delta),
        cmocka_unit_test(test_mb_blocks),
        cmocka_unit_test(test_mb_fast_equals_plain),
        cmocka_unit_test(test_mb_solo_mute_ms),
        cmocka_unit_test(test_mb_curve_nan),
        cmocka_unit_test(test_mb_linear_sum),
        cmocka_unit_test(test_mb_linear_bands),
        cmocka_unit_test(test_mb_linear_blocks),
        cmocka_unit_test(test_imager),
        cmocka_unit_test(test_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
