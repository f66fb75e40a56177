/* test_eq.c: mm_eq (the smoothed band cascade), mm_pan and mm_strip
 * against theory: block-size independence, smooth sweeps (no sample
 * step beyond the signal's own), crossfaded type changes, non-finite
 * input recovery, pan-law figures, strip signal order and polarity.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm_eq.h"
#include "mm_pan.h"
#include "mm_strip.h"

#define FS 48000.0
#define N 48000

static float sine[N];

static void make_sine(double f, double a)
{
    for (int i = 0; i < N; i++)
        sine[i] = (float)(a * sin(2 * MM_PI * f * i / FS));
}

static double db(double v) { return 20 * log10(v); }

/* run eq over sine with block size bs, changing band 0 every 480 samples
 * through the list of frequencies when sweep is set */
static void run_eq(mm_eq *e, float *out, int bs, int sweep)
{
    float *o[1] = {out};
    const float *in[1];
    for (int i = 0, k = 0, n; i < N; i += n) {
        n = N - i < bs ? N - i : bs;
        if ((i / 480 + 1) * 480 - i < n) /* changes land on the same sample */
            n = (i / 480 + 1) * 480 - i;
        if (sweep && i / 480 != k) {
            k = i / 480;
            mm_eq_set_band(e, 0, k % 20 < 10 ? MM_FD_BELL : MM_FD_NOTCH,
                           100 * pow(1.5, k % 10), 12, 2);
        }
        in[0] = sine + i;
        o[0] = out + i;
        mm_eq_process(e, in, o, n);
    }
}

static void test_blocksize_independent(void **state)
{
    (void)state;
    static float a[N], b[N];
    mm_eq e;
    make_sine(440, 0.5);
    int sizes[] = {1, 7, 64, 1000};
    for (int s = 0; s < 4; s++) {
        assert_int_equal(mm_eq_init(&e, 1, 3, FS), MM_OK);
        mm_eq_set_band(&e, 0, MM_FD_BELL, 100, 12, 2);
        mm_eq_set_band(&e, 1, MM_FD_HIGHSHELF, 5000, -6, 0.7);
        mm_eq_snap(&e);
        run_eq(&e, s == 0 ? a : b, sizes[s], 1);
        mm_eq_free(&e);
        if (s > 0)
            assert_memory_equal(a, b, sizeof a);
    }
}

static void test_sweep_no_clicks(void **state)
{
    (void)state;
    static float out[N];
    mm_eq e;
    make_sine(440, 0.5);
    assert_int_equal(mm_eq_init(&e, 1, 1, FS), MM_OK);
    mm_eq_set_band(&e, 0, MM_FD_BELL, 100, 12, 2);
    mm_eq_snap(&e);
    run_eq(&e, out, 64, 1);
    double jump = 0, pk = 0;
    for (int i = 2400; i < N; i++) {
        jump = fmax(jump, fabs(out[i] - out[i - 1]));
        pk = fmax(pk, fabs(out[i]));
    }
    double own = 2 * pk * sin(MM_PI * 440 / FS);
    fprintf(stderr, "  sweep with type changes: largest step %.5f, the "
            "sine's own at its peak %.5f\n", jump, own);
    assert_true(jump <= 1.05 * own);
    mm_eq_free(&e);
}

static void test_settles_to_design(void **state)
{
    (void)state;
    /* after a glide the band runs exactly its design: 1 kHz bell +6 dB
     * gives +6 dB on a 1 kHz sine */
    static float out[N];
    mm_eq e;
    make_sine(1000, 0.25);
    mm_eq_init(&e, 1, 1, FS);
    mm_eq_snap(&e);
    mm_eq_set_band(&e, 0, MM_FD_BELL, 1000, 6, 1);
    const float *in[1] = {sine};
    float *o[1] = {out};
    mm_eq_process(&e, in, o, N);
    assert_false(mm_eq_moving(&e));
    double pk = 0;
    for (int i = N / 2; i < N; i++)
        pk = fmax(pk, fabs(out[i]));
    assert_float_equal(db(pk / 0.25), 6.0, 0.01);
    mm_eq_free(&e);
}

static void test_nonfinite_recovers(void **state)
{
    (void)state;
    static float buf[4096];
    mm_eq e;
    mm_eq_init(&e, 1, 2, FS);
    mm_eq_set_band(&e, 0, MM_FD_LOWPASS, 30, 0, 10);
    mm_eq_snap(&e);
    for (int i = 0; i < 4096; i++)
        buf[i] = i == 100 ? NAN : (i == 200 ? INFINITY : 0.1f);
    const float *in[1] = {buf};
    float *o[1] = {buf};
    mm_eq_process(&e, in, o, 4096);
    for (int i = 0; i < 4096; i++)
        assert_true(mm_isfinite_f(buf[i]));
    assert_true(e.nonfinite >= 2);
    /* tails flush to zero, not denormals */
    mm_eq_set_band(&e, 0, MM_FD_LOWPASS, 300, 0, 1);
    for (int k = 0; k < 2000; k++) {
        memset(buf, 0, sizeof buf);
        mm_eq_process(&e, in, o, 64);
    }
    assert_true(e.band[0].st[0].s1 == 0.0 && e.band[0].st[0].s2 == 0.0);
    mm_eq_free(&e);
}

static void test_pan_laws(void **state)
{
    (void)state;
    double l, r;
    const double laws[] = {0, 3, 4.5, 6};
    for (int k = 0; k < 4; k++) {
        mm_pan_law(0, laws[k], &l, &r);
        fprintf(stderr, "  panlaw %.1f: centre %.3f dB each side\n", laws[k],
                db(l));
        assert_float_equal(l, r, 1e-12);
        assert_float_equal(db(l), -laws[k], 0.03);
        mm_pan_law(100, laws[k], &l, &r);
        assert_true(l == 0.0 && r == 1.0);
        mm_pan_law(-100, laws[k], &l, &r);
        assert_true(l == 1.0 && r == 0.0);
    }
    /* constant power at 3 dB everywhere */
    for (double p = -100; p <= 100; p += 10) {
        mm_pan_law(p, 3, &l, &r);
        assert_float_equal(l * l + r * r, 1.0, 1e-12);
    }
    mm_pan_balance(50, &l, &r);
    assert_true(l == 0.5 && r == 1.0);
    mm_pan_balance(-100, &l, &r);
    assert_true(l == 1.0 && r == 0.0);
}

static double strip_peak(mm_strip *s, double f, double a, int side)
{
    static float o0[N], o1[N];
    make_sine(f, a);
    const float *in[1] = {sine};
    float *out[2] = {o0, o1};
    mm_strip_process(s, in, out, NULL, N);
    double pk = 0;
    for (int i = N / 2; i < N; i++)
        pk = fmax(pk, fabs(side ? o1[i] : o0[i]));
    return db(pk);
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
        cmocka_unit_test(test_blocksize_independent),
        cmocka_unit_test(test_sweep_no_clicks),
        cmocka_unit_test(test_settles_to_design),
        cmocka_unit_test(test_nonfinite_recovers),
        cmocka_unit_test(test_pan_laws),
        cmocka_unit_test(test_strip_order_and_phase),
        cmocka_unit_test(test_strip_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
