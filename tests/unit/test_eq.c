/* test_eq.c: mm_eq (the smoothed band cascade) against theory:
 * block-size independence, smooth sweeps (no sample step beyond the
 * signal's own), crossfaded type changes, settling on the design,
 * non-finite input recovery.
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
#include "mmtest.h"

#define FS 48000.0
#define N 48000

static float sine[N];

static void make_sine(double f, double a) { mmt_sine(sine, N, 1, a, f, FS, 0); }

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
    assert_float_equal(mmt_db(pk / 0.25), 6.0, 0.01);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocksize_independent),
        cmocka_unit_test(test_sweep_no_clicks),
        cmocka_unit_test(test_settles_to_design),
        cmocka_unit_test(test_nonfinite_recovers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
