/* test_delay.c: the delay line (dsp/mm_delay.h) against its definition.
 *
 * y[n] = x[n - D] (0 before the start), exactly, for every D in 0..max,
 * whether the buffer is processed in place or not and however the signal
 * is cut into blocks. set clamps to 0..max; reset clears the history and
 * keeps the delay.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "mm_delay.h"
#include "mmtest.h"

/* n samples uniform in (-1, 1), never 0 (an odd multiple of 2^-24) */
static float *noise(int n)
{
    float *x = malloc((size_t)n * sizeof *x);
    assert_non_null(x);
    for (int i = 0; i < n; i++)
        x[i] = (float)(mmt_frand() + 0x1p-24);
    return x;
}

/* out == in delayed by d, zeros before, bit for bit */
static void check_delayed(const float *in, const float *out, int n, int d)
{
    for (int i = 0; i < n; i++) {
        float want = i >= d ? in[i - d] : 0.0f;
        if (memcmp(&out[i], &want, sizeof want) != 0) {
            print_error("delay %d: out[%d] = %.9g, expected %.9g\n", d, i,
                        (double)out[i], (double)want);
            fail();
        }
    }
}

static void test_impulse(void **state)
{
    (void)state;
    /* maxima around the power-of-two sizes of the ring buffer */
    const int maxes[] = {0, 1, 7, 8, 1000, 1023, 1024, 1025};
    for (int m = 0; m < 8; m++) {
        const int max = maxes[m];
        const int delays[] = {0, 1, 2, max / 2, max - 1, max};
        for (int k = 0; k < 6; k++) {
            int d = delays[k];
            if (d < 0 || d > max)
                continue;
            mm_delay dl = {0};
            assert_int_equal(mm_delay_init(&dl, max), MM_OK);
            assert_int_equal(mm_delay_set(&dl, d), d);
            assert_int_equal(mm_delay_latency(&dl), d);
            const int n = 3 * max + 50;
            float *in = calloc((size_t)n, sizeof *in);
            float *out = calloc((size_t)n, sizeof *out);
            assert_non_null(in);
            assert_non_null(out);
            in[0] = 1.0f;
            mm_delay_process(&dl, in, out, n);
            for (int i = 0; i < n; i++) {
                float want = i == d ? 1.0f : 0.0f;
                if (out[i] != want) {
                    print_error("max %d delay %d: out[%d] = %g\n", max, d, i,
                                (double)out[i]);
                    fail();
                }
            }
            /* any signal: y[n] = x[n - d], past several wraps */
            mm_delay_reset(&dl);
            float *x = noise(n);
            mm_delay_process(&dl, x, out, n);
            check_delayed(x, out, n, d);
            /* the per-sample form agrees */
            mm_delay_reset(&dl);
            for (int i = 0; i < n; i++)
                out[i] = mm_delay_tick(&dl, x[i]);
            check_delayed(x, out, n, d);
            free(x);
            free(in);
            free(out);
            mm_delay_free(&dl);
        }
    }
}

static void test_in_place(void **state)
{
    (void)state;
    const int delays[] = {0, 1, 5, 64, 999, 1000};
    const int n = 4000;
    float *x = noise(n);
    float *buf = malloc((size_t)n * sizeof *buf);
    assert_non_null(buf);
    for (int k = 0; k < 6; k++) {
        mm_delay dl = {0};
        assert_int_equal(mm_delay_init(&dl, 1000), MM_OK);
        mm_delay_set(&dl, delays[k]);
        memcpy(buf, x, (size_t)n * sizeof *buf);
        /* in Pd's 64-sample blocks, in == out */
        for (int i = 0; i < n; i += 64) {
            int len = n - i < 64 ? n - i : 64;
            mm_delay_process(&dl, buf + i, buf + i, len);
        }
        check_delayed(x, buf, n, delays[k]);
        mm_delay_free(&dl);
    }
    free(buf);
    free(x);
}

static void test_block_sizes(void **state)
{
    (void)state;
    const int sizes[] = {1, 3, 64, 1000, 4999};
    const int n = 5000;
    const int delays[] = {0, 37, 512, 1000};
    float *x = noise(n);
    float *ref = malloc((size_t)n * sizeof *ref);
    float *out = malloc((size_t)n * sizeof *out);
    assert_non_null(ref);
    assert_non_null(out);
    for (int k = 0; k < 4; k++) {
        mm_delay dl = {0};
        assert_int_equal(mm_delay_init(&dl, 1000), MM_OK);
        mm_delay_set(&dl, delays[k]);
        mm_delay_process(&dl, x, ref, n); /* one block */
        check_delayed(x, ref, n, delays[k]);
        for (int s = 0; s < 5; s++) {
            mm_delay_reset(&dl);
            memset(out, 0xff, (size_t)n * sizeof *out); /* NaN fill */
            for (int i = 0; i < n; i += sizes[s]) {
                int len = n - i < sizes[s] ? n - i : sizes[s];
                mm_delay_process(&dl, x + i, out + i, len);
            }
            if (memcmp(out, ref, (size_t)n * sizeof *out) != 0) {
                print_error("delay %d: blocks of %d differ from one block\n",
                            delays[k], sizes[s]);
                fail();
            }
        }
        mm_delay_free(&dl);
    }
    free(out);
    free(ref);
    free(x);
}

static void test_set_clamps(void **state)
{
    (void)state;
    mm_delay dl = {0};
    assert_int_equal(mm_delay_init(&dl, 480), MM_OK);
    assert_int_equal(mm_delay_set(&dl, -1), 0);
    assert_int_equal(mm_delay_latency(&dl), 0);
    assert_int_equal(mm_delay_set(&dl, INT_MIN), 0);
    assert_int_equal(mm_delay_latency(&dl), 0);
    assert_int_equal(mm_delay_set(&dl, 481), 480);
    assert_int_equal(mm_delay_latency(&dl), 480);
    assert_int_equal(mm_delay_set(&dl, INT_MAX), 480);
    assert_int_equal(mm_delay_latency(&dl), 480);
    assert_int_equal(mm_delay_set(&dl, 480), 480);
    assert_int_equal(mm_delay_set(&dl, 17), 17);
    assert_int_equal(mm_delay_latency(&dl), 17);
    /* the clamped delay is the one applied */
    const int n = 2000;
    float *x = noise(n);
    float *out = malloc((size_t)n * sizeof *out);
    assert_non_null(out);
    mm_delay_set(&dl, 100000);
    mm_delay_reset(&dl);
    mm_delay_process(&dl, x, out, n);
    check_delayed(x, out, n, 480);
    mm_delay_set(&dl, -100000);
    mm_delay_reset(&dl);
    mm_delay_process(&dl, x, out, n);
    check_delayed(x, out, n, 0);
    free(out);
    free(x);
    mm_delay_free(&dl);
    /* a zero maximum: only 0 */
    assert_int_equal(mm_delay_init(&dl, 0), MM_OK);
    assert_int_equal(mm_delay_set(&dl, 5), 0);
    mm_delay_free(&dl);
}

static void test_change_delay(void **state)
{
    (void)state;
    /* after a change, y[n] = x[n - new delay] once the line holds it */
    const int n = 3000;
    float *x = noise(n);
    float *out = malloc((size_t)n * sizeof *out);
    assert_non_null(out);
    mm_delay dl = {0};
    assert_int_equal(mm_delay_init(&dl, 500), MM_OK);
    mm_delay_set(&dl, 300);
    mm_delay_process(&dl, x, out, 1000);
    mm_delay_set(&dl, 20);
    mm_delay_process(&dl, x + 1000, out + 1000, n - 1000);
    for (int i = 1000; i < n; i++)
        assert_true(memcmp(&out[i], &x[i - 20], sizeof *out) == 0);
    free(out);
    free(x);
    mm_delay_free(&dl);
}

static void test_reset_clears(void **state)
{
    (void)state;
    const int n = 1500;
    float *x = noise(n);
    float *out = malloc((size_t)n * sizeof *out);
    float *zeros = calloc((size_t)n, sizeof *zeros);
    assert_non_null(out);
    assert_non_null(zeros);
    mm_delay dl = {0};
    assert_int_equal(mm_delay_init(&dl, 1000), MM_OK);
    mm_delay_set(&dl, 700);
    mm_delay_process(&dl, x, out, n);
    mm_delay_reset(&dl);
    /* the delay is kept */
    assert_int_equal(mm_delay_latency(&dl), 700);
    /* nothing of the old signal comes out: exact zeros */
    mm_delay_process(&dl, zeros, out, n);
    for (int i = 0; i < n; i++) {
        if (out[i] != 0.0f) {
            print_error("after reset out[%d] = %g\n", i, (double)out[i]);
            fail();
        }
    }
    /* and it delays as new */
    mm_delay_reset(&dl);
    mm_delay_process(&dl, x, out, n);
    check_delayed(x, out, n, 700);
    free(zeros);
    free(out);
    free(x);
    mm_delay_free(&dl);
}

static void test_uninitialised_is_wire(void **state)
{
    (void)state;
    /* a zeroed, never initialised (or freed) line passes its input */
    const int n = 256;
    float *x = noise(n);
    float *out = calloc((size_t)n, sizeof *out);
    assert_non_null(out);
    mm_delay dl = {0};
    mm_delay_process(&dl, x, out, n);
    check_delayed(x, out, n, 0);
    assert_int_equal(mm_delay_init(&dl, 100), MM_OK);
    mm_delay_free(&dl);
    memset(out, 0, (size_t)n * sizeof *out);
    mm_delay_process(&dl, x, out, n);
    check_delayed(x, out, n, 0);
    mm_delay_free(&dl); /* twice is harmless */
    free(out);
    free(x);
}

int main(void)
{
    mmt_seed(123456789u);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_impulse),
        cmocka_unit_test(test_in_place),
        cmocka_unit_test(test_block_sizes),
        cmocka_unit_test(test_set_clamps),
        cmocka_unit_test(test_change_delay),
        cmocka_unit_test(test_reset_clears),
        cmocka_unit_test(test_uninitialised_is_wire),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
