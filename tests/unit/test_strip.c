/* test_strip.c: mm_strip (the console channel strip) against theory.
 *
 * - signal order: a +12 dB bell before (eq-comp) or after (comp-eq) a
 *   100:1 compressor at -20 dB gives -19.9 or -8 dBFS for -20 dBFS in;
 * - phase inverts, trim scales (+6.02 dB doubles);
 * - pan (mono in) settles on the gains of mm_pan's law, balance (stereo
 *   in) on its balance, the fader on its dB, mute on silence;
 * - block-size independence (1, 7, 64, 1000-sample blocks bit for bit).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm_strip.h"
#include "mmtest.h"

#define FS 48000.0
#define N 48000

static double strip_peak(mm_strip *s, double f, double a, int side)
{
    static float x[N], o0[N], o1[N];
    mmt_sine(x, N, 1, a, f, FS, 0);
    const float *in[1] = {x};
    float *out[2] = {o0, o1};
    mm_strip_process(s, in, out, NULL, N);
    double pk = 0;
    for (int i = N / 2; i < N; i++)
        pk = fmax(pk, fabs(side ? o1[i] : o0[i]));
    return mmt_db(pk);
}

static void test_strip_order_and_phase(void **state)
{
    (void)state;
    mm_strip s;
    /* eq-comp: a +12 dB bell before a 100:1 compressor at -20 dB */
    for (int order = 0; order < 2; order++) {
        assert_int_equal(mm_strip_init(&s, 1, FS), MM_OK);
        mm_strip_set(&s, MM_STRIP_PANLAW, 0);
        mm_strip_set_band(&s, MM_STRIP_LOWMID, 1000, 12, 1);
        mm_strip_set(&s, MM_STRIP_THRESHOLD, -20);
        mm_strip_set(&s, MM_STRIP_RATIO, 100);
        mm_strip_set(&s, MM_STRIP_KNEE, 0);
        mm_strip_set(&s, MM_STRIP_ORDER, order);
        mm_strip_snap(&s);
        double p = strip_peak(&s, 1000, 0.1, 0);
        fprintf(stderr, "  order %s: -20 dBFS in, +12 dB bell, 100:1 at -20: "
                "%.2f dBFS out\n", order ? "comp-eq" : "eq-comp", p);
        assert_float_equal(p, order ? -8.0 : -19.88, 0.3);
        mm_strip_free(&s);
    }
    /* phase inverts, trim scales */
    static float o0[256], o1[256], x[256];
    for (int i = 0; i < 256; i++)
        x[i] = 0.25f;
    mm_strip_init(&s, 1, FS);
    mm_strip_set(&s, MM_STRIP_PANLAW, 0);
    mm_strip_set(&s, MM_STRIP_PHASE, 1);
    mm_strip_set(&s, MM_STRIP_TRIM, 6.0206);
    mm_strip_snap(&s);
    const float *in[1] = {x};
    float *out[2] = {o0, o1};
    mm_strip_process(&s, in, out, NULL, 256);
    assert_float_equal(o0[255], -0.5, 1e-4);
    assert_float_equal(o1[255], -0.5, 1e-4);
    mm_strip_free(&s);
}

/* Constant input v on every channel, n samples; the last output frame. */
static void settle(mm_strip *s, float v, int n, double *l, double *r)
{
    static float x[2][N], o[2][N];
    for (int i = 0; i < n; i++)
        x[0][i] = x[1][i] = v;
    const float *in[2] = {x[0], x[1]};
    float *out[2] = {o[0], o[1]};
    mm_strip_process(s, in, out, NULL, n);
    *l = o[0][n - 1];
    *r = o[1][n - 1];
}

static void test_pan_balance_fader_mute(void **state)
{
    (void)state;
    mm_strip s;
    double l, r, gl, gr;
    /* mono in: the pan law's gains, after the 10 ms glide has settled */
    const double pans[] = {-100, -40, 0, 25, 100};
    const double laws[] = {0, 3, 4.5, 6};
    for (int k = 0; k < 4; k++)
        for (int p = 0; p < 5; p++) {
            assert_int_equal(mm_strip_init(&s, 1, FS), MM_OK);
            mm_strip_set(&s, MM_STRIP_PANLAW, k);
            mm_strip_snap(&s);
            mm_strip_set(&s, MM_STRIP_PAN, pans[p]);
            settle(&s, 0.5f, N / 2, &l, &r);
            mm_pan_law(pans[p], laws[k], &gl, &gr);
            CHECK_NEAR(l, 0.5 * gl, 1e-5);
            CHECK_NEAR(r, 0.5 * gr, 1e-5);
            mm_strip_free(&s);
        }
    /* stereo in: balance */
    for (int p = 0; p < 5; p++) {
        assert_int_equal(mm_strip_init(&s, 2, FS), MM_OK);
        mm_strip_set(&s, MM_STRIP_PAN, pans[p]);
        mm_strip_snap(&s);
        settle(&s, 0.5f, 256, &l, &r);
        mm_pan_balance(pans[p], &gl, &gr);
        CHECK_NEAR(l, 0.5 * gl, 1e-5);
        CHECK_NEAR(r, 0.5 * gr, 1e-5);
        mm_strip_free(&s);
    }
    /* fader -6.02 dB halves, mute silences (after its glide) */
    assert_int_equal(mm_strip_init(&s, 2, FS), MM_OK);
    mm_strip_set(&s, MM_STRIP_FADER, -6.0206);
    mm_strip_snap(&s);
    settle(&s, 0.5f, 256, &l, &r);
    CHECK_NEAR(l, 0.25, 1e-5);
    CHECK_NEAR(r, 0.25, 1e-5);
    mm_strip_set(&s, MM_STRIP_MUTE, 1);
    settle(&s, 0.5f, N / 2, &l, &r);
    assert_true(fabs(l) < 1e-6 && fabs(r) < 1e-6);
    mm_strip_free(&s);
}

/* A 1 s run of a mono strip with everything on, pan moving at 0.5 s, cut
 * into blocks of bs samples. */
static void run_blocks(float *o0, float *o1, int bs)
{
    static float x[N];
    mmt_seed(4242u);
    for (int i = 0; i < N; i++)
        x[i] = (float)(0.3 * mmt_frand() + 0.4 * sin(2 * MMT_PI * 220 * i / FS));
    mm_strip s;
    assert_int_equal(mm_strip_init(&s, 1, FS), MM_OK);
    mm_strip_set(&s, MM_STRIP_HPF, 80);
    mm_strip_set(&s, MM_STRIP_GATE, -40);
    mm_strip_set_band(&s, MM_STRIP_HIGHMID, 3000, -6, 2);
    mm_strip_set(&s, MM_STRIP_THRESHOLD, -20);
    mm_strip_set(&s, MM_STRIP_RATIO, 4);
    mm_strip_snap(&s);
    for (int i = 0, n; i < N; i += n) {
        n = N - i < bs ? N - i : bs;
        if (i < N / 2 && i + n > N / 2) /* the change lands on one sample */
            n = N / 2 - i;
        if (i == N / 2) {
            mm_strip_set(&s, MM_STRIP_PAN, 60);
            mm_strip_set_band(&s, MM_STRIP_LOW, 100, 6, 0.7);
        }
        const float *in[1] = {x + i};
        float *out[2] = {o0 + i, o1 + i};
        mm_strip_process(&s, in, out, NULL, n);
    }
    mm_strip_free(&s);
}

static void test_blocksize_independent(void **state)
{
    (void)state;
    static float a0[N], a1[N], b0[N], b1[N];
    const int sizes[] = {1, 7, 64, 1000};
    run_blocks(a0, a1, sizes[0]);
    for (int k = 1; k < 4; k++) {
        run_blocks(b0, b1, sizes[k]);
        assert_memory_equal(a0, b0, sizeof a0);
        assert_memory_equal(a1, b1, sizeof a1);
    }
}

/* mm_strip_set clamps with the table and returns the value applied; the
 * rows shared with the compressor and the gate have their ranges; the
 * table's defaults are what init applies. */
static void test_strip_table(void **state)
{
    (void)state;
    mm_strip s;
    assert_int_equal(mm_strip_init(&s, 1, FS), MM_OK);
    assert_int_equal(mm_strip_table.count, MM_STRIP_NPARAMS);
    for (int i = 0; i < mm_strip_table.count; i++) {
        const mm_paramdef *d = &mm_strip_table.defs[i];
        assert_int_equal(d->id, i);
        const mm_paramdef *c = mm_param_find(&mm_comp_table, d->name);
        const mm_paramdef *g = !strncmp(d->name, "gate", 4)
            ? mm_param_find(&mm_gate_table, d->name[4] ? d->name + 4
                                                       : "threshold")
            : NULL;
        if (c && strcmp(d->name, "detector") && strcmp(d->name, "mix")) {
            assert_true(c->min == d->min && c->max == d->max);
            if (strcmp(d->name, "ratio"))
                assert_true(c->def == d->def);
        }
        if (g)
            assert_true(g->min == d->min && g->max == d->max);
    }
    assert_float_equal(mm_strip_set(&s, MM_STRIP_TRIM, 30), 24, 0);
    assert_float_equal(mm_strip_set(&s, MM_STRIP_HPF, 5), 10, 0);
    assert_float_equal(mm_strip_set(&s, MM_STRIP_HPF, -5), 0, 0);
    assert_float_equal(mm_strip_set(&s, MM_STRIP_HPFSLOPE, 1), 1, 0);
    assert_float_equal(mm_strip_set(&s, MM_STRIP_HPFSLOPE, 7), 1, 0);
    assert_float_equal(mm_strip_set(&s, MM_STRIP_RATIO, 0), 1, 0);
    assert_float_equal(mm_strip_set(&s, MM_STRIP_GATERELEASE, 0), 1, 0);
    assert_float_equal(mm_strip_set(&s, MM_STRIP_SCHPF, 5), 10, 0);
    assert_float_equal(mm_strip_set(&s, MM_STRIP_NPARAMS, 5), 0, 0);
    double f, g, q;
    mm_strip_set_band(&s, MM_STRIP_LOWMID, 5, 40, 50);
    mm_strip_get_band(&s, MM_STRIP_LOWMID, &f, &g, &q);
    assert_true(f == MM_STRIP_BAND_FMIN && g == MM_STRIP_BAND_GMAX
                && q == MM_STRIP_BAND_QMAX);
    mm_strip_free(&s);

    mm_eq e;
    assert_int_equal(mm_eq_init(&e, 1, 3, FS), MM_OK);
    assert_float_equal(mm_eq_set(&e, MM_EQ_BANDS, 8), 3, 0);
    mm_fd_type t;
    assert_int_equal(mm_eq_get_band(&e, 0, &t, &f, &g, &q), 0);
    mm_eq_set_band(&e, 1, MM_FD_NOTCH, 1e6, 3, 2);
    assert_int_equal(mm_eq_get_band(&e, 1, &t, &f, &g, &q), 1);
    assert_true(t == MM_FD_NOTCH && f == MM_EQ_FMAX && g == 3 && q == 2);
    assert_int_equal(mm_eq_get_band(&e, 3, &t, &f, &g, &q), 0);
    mm_eq_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strip_table),
        cmocka_unit_test(test_strip_order_and_phase),
        cmocka_unit_test(test_pan_balance_fader_mute),
        cmocka_unit_test(test_blocksize_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
