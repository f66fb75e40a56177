/* test_fftconv.c: partitioned FFT convolution against direct convolution.
 * - every output equals the direct convolution (double, y[t] = sum_j
 *   h[j] x[t - B - j]) within 1e-5: partitions 16, 64, 1024, kernels of
 *   1 .. 5B + 3 taps, 2 channels x 2 kernels, Pd blocks of 1, 7, 64, 1000;
 * - latency exactly B: an impulse through a one-tap kernel at d comes out
 *   at B + d; a pure-delay kernel is the input delayed, bit for bit;
 * - a swap crossfades: during the fade the output is exactly
 *   y_old + g (y_new - y_old), g the documented raised cosine, the step
 *   never exceeds what the ramp allows (a polarity flip of a sine, no
 *   click), and kernels that sum to a delay keep summing to it;
 * - the output does not depend on how the signal is cut into blocks,
 *   swaps included; outputs may share the inputs' buffers;
 * - NaN, inf and huge input: the output stays finite and is the direct
 *   convolution of the cleaned input again once it has passed (latency,
 *   kernel, and the two partitions whose spectra hold it);
 * - staging rules: a waiting swap locks the staging slot, unstaged sets
 *   and non-finite taps are refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "mm_fftconv.h"
#include "mmtest.h"

#define NCH 2
#define NK 2

/* a kernel of len taps: noise under an exponential decay, sum |h| ~ 2 */
static float *kernel(int len, unsigned seed)
{
    float *h = malloc(sizeof *h * (size_t)len);
    double tau = len / 4.0 + 1.0, sum = 0.0;
    mmt_seed(seed);
    for (int i = 0; i < len; i++) {
        h[i] = (float)(mmt_frand() * exp(-i / tau));
        sum += fabs(h[i]);
    }
    for (int i = 0; i < len; i++)
        h[i] = (float)(h[i] * 2.0 / sum);
    return h;
}

/* run x[NCH][n] through c in blocks of `block`, into y[NK * NCH][n] */
static void run(mm_fftconv *c, float **x, float **y, long n, int block)
{
    for (long i = 0; i < n; i += block) {
        int m = (int)(n - i < block ? n - i : block);
        const float *in[NCH];
        float *out[NK * NCH];
        for (int ch = 0; ch < c->nch; ch++)
            in[ch] = x[ch] + i;
        for (int o = 0; o < c->nk * c->nch; o++)
            out[o] = y[o] + i;
        mm_fftconv_process(c, in, out, m);
    }
}

static double direct(const float *h, int len, const float *x, long t,
                     int lat)
{
    double s = 0.0;
    for (int j = 0; j < len; j++) {
        long i = t - lat - j;
        if (i >= 0)
            s += (double)h[j] * x[i];
    }
    return s;
}

static float **buffers(int count, long n)
{
    /* room for the most pointers run() may read */
    float **b = calloc(NK * NCH > count ? NK * NCH : count, sizeof *b);
    for (int i = 0; i < count; i++)
        b[i] = calloc((size_t)n, sizeof(float));
    return b;
}

static void free_buffers(float **b, int count)
{
    for (int i = 0; i < count; i++)
        free(b[i]);
    free(b);
}

static void test_direct(void **state)
{
    (void)state;
    static const int parts[] = {16, 64, 1024};
    static const int blocks[] = {1, 7, 64, 1000};
    double worst = 0.0;
    for (int pi = 0; pi < 3; pi++) {
        const int B = parts[pi];
        const int lens[] = {1, B - 1, B, B + 1, 5 * B + 3};
        for (int li = 0; li < 5; li++) {
            int len = lens[li];
            if (len < 1)
                continue;
            long n = 3L * len + 8L * B + 100;
            if (n > 40000)
                n = 40000;
            float *h0 = kernel(len, 11u + (unsigned)li);
            float *h1 = kernel(len / 2 + 1, 99u + (unsigned)li);
            float **x = buffers(NCH, n);
            mmt_seed(5u + (unsigned)pi);
            for (int ch = 0; ch < NCH; ch++)
                for (long i = 0; i < n; i++)
                    x[ch][i] = (float)mmt_frand();
            for (int bi = 0; bi < 4; bi++) {
                mm_fftconv c;
                assert_int_equal(mm_fftconv_init(&c, NCH, NK, B, 5 * B + 3),
                                 MM_OK);
                assert_int_equal(mm_fftconv_latency(&c), B);
                assert_int_equal(mm_fftconv_stage_all(&c, 0, h0, len), MM_OK);
                assert_int_equal(mm_fftconv_stage_all(&c, 1, h1, len / 2 + 1),
                                 MM_OK);
                assert_int_equal(mm_fftconv_swap(&c, 0), MM_OK);
                float **y = buffers(NK * NCH, n);
                run(&c, x, y, n, blocks[bi]);
                double err = 0.0;
                for (int k = 0; k < NK; k++)
                    for (int ch = 0; ch < NCH; ch++)
                        for (long t = 0; t < n; t++) {
                            double want = k ? direct(h1, len / 2 + 1, x[ch], t, B)
                                            : direct(h0, len, x[ch], t, B);
                            double e = fabs(y[k * NCH + ch][t] - want);
                            err = e > err ? e : err;
                        }
                if (err > worst)
                    worst = err;
                if (err > 1e-5)
                    print_error("B %d len %d block %d: error %g\n", B, len,
                                blocks[bi], err);
                assert_true(err <= 1e-5);
                free_buffers(y, NK * NCH);
                mm_fftconv_free(&c);
            }
            free_buffers(x, NCH);
            free(h0);
            free(h1);
        }
    }
    printf("    largest error against direct convolution: %.3g\n", worst);
}

/* an impulse through a one-tap kernel at d comes out at B + d */
static void test_latency(void **state)
{
    (void)state;
    const int B = 256, n = 8192;
    for (int d = 0; d < 3 * B; d += 97) {
        mm_fftconv c;
        assert_int_equal(mm_fftconv_init(&c, 1, 1, B, 3 * B), MM_OK);
        float *h = calloc((size_t)d + 1, sizeof *h);
        h[d] = 1.0f;
        assert_int_equal(mm_fftconv_stage_all(&c, 0, h, d + 1), MM_OK);
        assert_int_equal(mm_fftconv_swap(&c, 0), MM_OK);
        float **x = buffers(1, n), **y = buffers(1, n);
        x[0][100] = 1.0f;
        run(&c, x, y, n, 64);
        for (int t = 0; t < n; t++)
            CHECK_NEAR(y[0][t], t == 100 + B + d ? 1.0 : 0.0, 1e-6);
        free_buffers(x, 1);
        free_buffers(y, 1);
        free(h);
        mm_fftconv_free(&c);
    }
}

/* a pure-delay kernel (and the initial state) is the input delayed, bit
 * for bit */
static void test_delay_exact(void **state)
{
    (void)state;
    const int B = 128, n = 10000, d = 300;
    mm_fftconv c;
    assert_int_equal(mm_fftconv_init(&c, NCH, 1, B, 1000), MM_OK);
    float **x = buffers(NCH, n), **y = buffers(NCH, n);
    for (int ch = 0; ch < NCH; ch++)
        for (int i = 0; i < n; i++)
            x[ch][i] = (float)mmt_frand();
    run(&c, x, y, 3000, 64); /* initial: delay 0 */
    for (int ch = 0; ch < NCH; ch++)
        for (int t = 0; t < 3000; t++)
            CHECK_BITS_F(y[ch][t], t >= B ? x[ch][t - B] : 0.0f);
    mm_fftconv_reset(&c);
    assert_int_equal(mm_fftconv_stage_delay(&c, 0, d), MM_OK);
    assert_int_equal(mm_fftconv_swap(&c, 0), MM_OK);
    run(&c, x, y, n, 33);
    for (int ch = 0; ch < NCH; ch++)
        for (int t = 0; t < n; t++)
            CHECK_BITS_F(y[ch][t], t >= B + d ? x[ch][t - B - d] : 0.0f);
    free_buffers(x, NCH);
    free_buffers(y, NCH);
    mm_fftconv_free(&c);
}

/* Swap from +delta(d) to -delta(d) on a 100 Hz sine (a polarity flip):
 * during the fade y = y_old + g (y_new - y_old) exactly, the largest step
 * stays within the sine's own plus what the ramp adds; before and after,
 * the old and the new filter. */
static void test_swap_clickfree(void **state)
{
    (void)state;
    const int B = 512, d = 700, n = 20000, fades[] = {1, 3};
    const double fs = 48000.0, A = 0.9, f = 100.0;
    for (int fi = 0; fi < 2; fi++) {
        const int T = fades[fi] * B;
        mm_fftconv c;
        assert_int_equal(mm_fftconv_init(&c, 1, 1, B, 1024), MM_OK);
        mm_fftconv_set_fade(&c, fades[fi]);
        float *h = calloc(d + 1, sizeof *h);
        h[d] = 1.0f;
        assert_int_equal(mm_fftconv_stage_all(&c, 0, h, d + 1), MM_OK);
        assert_int_equal(mm_fftconv_swap(&c, 0), MM_OK);
        float **x = buffers(1, n), **y = buffers(1, n);
        mmt_sine(x[0], n, 1, A, f, fs, 0.0);
        const long at = 5000; /* the swap is asked for here */
        run(&c, x, y, at, 64);
        h[d] = -1.0f;
        assert_int_equal(mm_fftconv_stage_all(&c, 0, h, d + 1), MM_OK);
        assert_int_equal(mm_fftconv_swap(&c, 1), MM_OK);
        assert_true(mm_fftconv_busy(&c));
        float *rest[1] = {x[0] + at}, *yr[1] = {y[0] + at};
        run(&c, rest, yr, n - at, 64);
        assert_false(mm_fftconv_swapping(&c));
        /* the fade's first output sample: the block computed at the next
         * partition boundary plays from there on */
        long b0 = (at / B + 1) * B;
        double maxstep = 0.0, sinestep = 2.0 * sin(MM_PI * f / fs) * A;
        for (long t = B + d; t < n; t++) {
            double xo = x[0][t - B - d], g;
            if (t < b0)
                g = 0.0;
            else if (t - b0 + 1 >= T)
                g = 1.0;
            else
                g = 0.5 - 0.5 * cos(MM_PI * (double)(t - b0 + 1) / T);
            double want = xo + g * (-xo - xo);
            CHECK_NEAR(y[0][t], want, 2e-6);
            if (t > B + d) {
                double s = fabs(y[0][t] - y[0][t - 1]);
                maxstep = s > maxstep ? s : maxstep;
            }
        }
        /* the ramp's steepest slope is pi/2 x (2A)/T per sample */
        double bound = sinestep + MM_PI / 2.0 * 2.0 * A / T;
        printf("    fade %d partition(s): largest step %.4g (sine %.4g, "
               "bound %.4g; a hard switch: %.2g)\n", fades[fi], maxstep,
               sinestep, bound, 2.0 * A);
        assert_true(maxstep <= bound);
        free(h);
        free_buffers(x, 1);
        free_buffers(y, 1);
        mm_fftconv_free(&c);
    }
}

/* two kernels that sum to a delay, swapped for another such pair: the
 * sum of the outputs stays the delayed input through the fade */
static void test_swap_sum(void **state)
{
    (void)state;
    const int B = 256, len = 1001, c0 = 500, n = 30000;
    mm_fftconv c;
    assert_int_equal(mm_fftconv_init(&c, 1, 2, B, len), MM_OK);
    mm_fftconv_set_fade(&c, 2);
    float *a = kernel(len, 3), *b = calloc(len, sizeof *b);
    for (int pair = 0; pair < 4; pair++) {
        for (int i = 0; i < len; i++)
            b[i] = (i == c0 ? 1.0f : 0.0f) - a[i];
        assert_int_equal(mm_fftconv_stage_all(&c, 0, a, len), MM_OK);
        assert_int_equal(mm_fftconv_stage_all(&c, 1, b, len), MM_OK);
        assert_int_equal(mm_fftconv_swap(&c, pair > 0), MM_OK);
        float **x = buffers(1, n), **y = buffers(2, n);
        mmt_seed(40u + (unsigned)pair);
        for (int i = 0; i < n; i++)
            x[0][i] = (float)mmt_frand();
        run(&c, x, y, n, 100);
        double err = 0.0;
        for (int t = B + c0; t < n; t++) {
            double want = t >= B + c0 ? x[0][t - B - c0] : 0.0;
            double e = fabs(y[0][t] + y[1][t] - want);
            err = e > err ? e : err;
        }
        if (pair)
            printf("    swap %d: the pair sums to the delay within %.3g\n",
                   pair, err);
        assert_true(err <= 1e-5);
        free_buffers(x, 1);
        free_buffers(y, 2);
        free(a);
        a = kernel(len, 100u + (unsigned)pair); /* the next pair */
    }
    free(a);
    free(b);
    mm_fftconv_free(&c);
}

/* identical output for any cut, swaps asked for at the same samples */
static void test_blocks(void **state)
{
    (void)state;
    const int B = 128, len = 700, n = 12000;
    static const int cuts[] = {1, 5, 64, 128, 129, 4096};
    float *h1 = kernel(len, 1), *h2 = kernel(len, 2);
    float **x = buffers(NCH, n), **ref = NULL;
    for (int ch = 0; ch < NCH; ch++)
        for (int i = 0; i < n; i++)
            x[ch][i] = (float)mmt_frand();
    for (int ci = 0; ci < 6; ci++) {
        mm_fftconv c;
        assert_int_equal(mm_fftconv_init(&c, NCH, 1, B, len), MM_OK);
        assert_int_equal(mm_fftconv_stage_all(&c, 0, h1, len), MM_OK);
        assert_int_equal(mm_fftconv_swap(&c, 0), MM_OK);
        float **y = buffers(NCH, n);
        /* the swap at sample 3000, then at 7000 */
        long marks[] = {0, 3000, 7000, n};
        for (int s = 0; s < 3; s++) {
            if (s > 0) {
                assert_int_equal(
                    mm_fftconv_stage_all(&c, 0, s == 1 ? h2 : h1, len), MM_OK);
                assert_int_equal(mm_fftconv_swap(&c, 1), MM_OK);
            }
            float *xi[NCH], *yo[NCH];
            for (int ch = 0; ch < NCH; ch++) {
                xi[ch] = x[ch] + marks[s];
                yo[ch] = y[ch] + marks[s];
            }
            run(&c, xi, yo, marks[s + 1] - marks[s], cuts[ci]);
        }
        if (!ref) {
            ref = y;
        } else {
            for (int ch = 0; ch < NCH; ch++)
                for (int t = 0; t < n; t++)
                    CHECK_BITS_F(y[ch][t], ref[ch][t]);
            free_buffers(y, NCH);
        }
        mm_fftconv_free(&c);
    }
    free_buffers(ref, NCH);
    free_buffers(x, NCH);
    free(h1);
    free(h2);
}

/* outputs in the inputs' buffers: the same result */
static void test_alias(void **state)
{
    (void)state;
    const int B = 64, len = 300, n = 5000;
    float *h = kernel(len, 8);
    float **x = buffers(NCH, n), **y = buffers(NCH, n), **z = buffers(NCH, n);
    for (int ch = 0; ch < NCH; ch++)
        for (int i = 0; i < n; i++)
            z[ch][i] = x[ch][i] = (float)mmt_frand();
    mm_fftconv c1, c2;
    assert_int_equal(mm_fftconv_init(&c1, NCH, 1, B, len), MM_OK);
    assert_int_equal(mm_fftconv_init(&c2, NCH, 1, B, len), MM_OK);
    assert_int_equal(mm_fftconv_stage_all(&c1, 0, h, len), MM_OK);
    assert_int_equal(mm_fftconv_stage_all(&c2, 0, h, len), MM_OK);
    mm_fftconv_swap(&c1, 0);
    mm_fftconv_swap(&c2, 0);
    run(&c1, x, y, n, 64);
    /* crossed: channel 0's output into channel 1's input buffer */
    for (long i = 0; i < n; i += 64) {
        const float *in[NCH] = {z[0] + i, z[1] + i};
        float *out[NCH] = {z[1] + i, z[0] + i};
        mm_fftconv_process(&c2, in, out, n - i < 64 ? (int)(n - i) : 64);
    }
    for (int t = 0; t < n; t++) {
        CHECK_BITS_F(z[1][t], y[0][t]);
        CHECK_BITS_F(z[0][t], y[1][t]);
    }
    free_buffers(x, NCH);
    free_buffers(y, NCH);
    free_buffers(z, NCH);
    free(h);
    mm_fftconv_free(&c1);
    mm_fftconv_free(&c2);
}

static void test_nonfinite(void **state)
{
    (void)state;
    const int B = 128, len = 500, n = 20000;
    float *h = kernel(len, 21);
    float **x = buffers(1, n), **y = buffers(1, n);
    for (int i = 0; i < n; i++)
        x[0][i] = (float)mmt_frand();
    x[0][3000] = mmt_f_from_bits(0x7fc00000u); /* NaN */
    x[0][3001] = mmt_f_from_bits(0x7f800000u); /* inf */
    x[0][3002] = -mmt_f_from_bits(0x7f800000u);
    x[0][3003] = 3e38f; /* garbage: taken as 0 */
    x[0][3004] = mmt_f_from_bits(0x00000100u); /* a denormal */
    mm_fftconv c;
    assert_int_equal(mm_fftconv_init(&c, 1, 1, B, len), MM_OK);
    assert_int_equal(mm_fftconv_stage_all(&c, 0, h, len), MM_OK);
    mm_fftconv_swap(&c, 0);
    run(&c, x, y, n, 64);
    for (int t = 0; t < n; t++)
        assert_true(mm_isfinite_f(y[0][t]));
    assert_true(c.nonfinite >= 4);
    for (int i = 3000; i <= 3004; i++)
        x[0][i] = 0.0f;
    /* past: the latency, the kernel and the frame that still holds it
     * (its float rounding reaches every sample of the blocks it is in) */
    for (int t = 3004 + len + 4 * B; t < n; t++)
        CHECK_NEAR(y[0][t], direct(h, len, x[0], t, B), 1e-5);
    free(h);
    free_buffers(x, 1);
    free_buffers(y, 1);
    mm_fftconv_free(&c);
}

static void test_staging_rules(void **state)
{
    (void)state;
    mm_fftconv c;
    float h[300] = {1.0f};
    assert_int_equal(mm_fftconv_init(&c, 1, 1, 100, 300), MM_E_ARG);
    assert_int_equal(mm_fftconv_init(&c, 0, 1, 64, 300), MM_E_ARG);
    assert_int_equal(mm_fftconv_init(&c, 1, 0, 64, 300), MM_E_ARG);
    assert_int_equal(mm_fftconv_init(&c, 1, 1, 64, 0), MM_E_ARG);
    assert_int_equal(mm_fftconv_init(&c, 1, 2, 64, 300), MM_OK);
    mm_fftconv_set_fade(&c, 2);
    assert_int_equal(mm_fftconv_parts(&c, 300), 5);
    /* nothing staged: no swap */
    assert_int_equal(mm_fftconv_swap(&c, 1), MM_E_ARG);
    assert_int_equal(mm_fftconv_stage_all(&c, 0, h, 300), MM_OK);
    assert_int_equal(mm_fftconv_swap(&c, 1), MM_E_ARG); /* kernel 1 not */
    assert_int_equal(mm_fftconv_stage_all(&c, 1, h, 301), MM_E_ARG);
    assert_int_equal(mm_fftconv_stage_delay(&c, 1, 300), MM_E_ARG);
    assert_int_equal(mm_fftconv_stage_delay(&c, 1, 299), MM_OK);
    /* in parts, in order */
    assert_int_equal(mm_fftconv_stage(&c, 0, h, 300, 0, 2), MM_OK);
    assert_int_equal(mm_fftconv_swap(&c, 1), MM_E_ARG); /* 0 half loaded */
    assert_int_equal(mm_fftconv_stage(&c, 0, h, 300, 2, 3), MM_OK);
    assert_int_equal(mm_fftconv_swap(&c, 1), MM_OK);
    assert_true(mm_fftconv_busy(&c));
    assert_int_equal(mm_fftconv_stage_all(&c, 0, h, 300), MM_E_ARG);
    float z[64] = {0}, *io[2] = {z, z};
    const float *in[1] = {z};
    mm_fftconv_process(&c, in, io, 64); /* the fade starts */
    assert_false(mm_fftconv_busy(&c));
    assert_true(mm_fftconv_swapping(&c));
    mm_fftconv_process(&c, in, io, 64); /* and ends */
    assert_false(mm_fftconv_swapping(&c));
    h[7] = mmt_f_from_bits(0x7fc00000u);
    assert_int_equal(mm_fftconv_stage_all(&c, 0, h, 300), MM_E_ARG);
    mm_fftconv_free(&c);
    mm_fftconv_free(&c); /* twice is harmless */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_direct),
        cmocka_unit_test(test_latency),
        cmocka_unit_test(test_delay_exact),
        cmocka_unit_test(test_swap_clickfree),
        cmocka_unit_test(test_swap_sum),
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_alias),
        cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_staging_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
