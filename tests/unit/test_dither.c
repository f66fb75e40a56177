/* test_dither.c: mm_random and mm_dither against theory.
 *
 * - generators: RPDF mean 0, variance 1/12, range [-1/2, 1/2); TPDF
 *   variance 1/6, range (-1, 1), triangular histogram; hp variance 1/6,
 *   zero at DC (lag-1 correlation -1/2); seeds reproducible and distinct;
 * - designs: every shape at 44.1..192 kHz is minimum phase (stable, NTF
 *   power averages to 1 on a log scale: Gerzon-Craven), fweighted puts
 *   < -10 dB between 1 and 5 kHz, simple < 0 dB there at 44.1 and 48;
 *   figures printed;
 * - quantiser: on the grid, range, TPDF error power 1/4 LSB^2 for any
 *   signal, bounded shaped error on clipping input, clip count, block
 *   independence, in == out, NaN, autoblank, reset.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm_dither.h"

#define N 200000

static void test_generators(void **state)
{
    (void)state;
    mm_random r;
    mm_random_seed(&r, 1);
    double s = 0, s2 = 0, mn = 1, mx = -1;
    for (int i = 0; i < N; i++) {
        double u = mm_random_rpdf(&r);
        s += u, s2 += u * u;
        if (u < mn) mn = u;
        if (u > mx) mx = u;
    }
    assert_true(fabs(s / N) < 0.005);
    assert_true(fabs(s2 / N - 1.0 / 12) < 0.002);
    assert_true(mn >= -0.5 && mx < 0.5);
    s = s2 = 0;
    int hist[4] = {0};
    for (int i = 0; i < N; i++) {
        double t = mm_random_tpdf(&r);
        assert_true(t > -1.0 && t < 1.0);
        s += t, s2 += t * t;
        hist[(int)((t + 1.0) * 2.0)]++;
    }
    assert_true(fabs(s2 / N - 1.0 / 6) < 0.003);
    /* triangular: the outer quarters hold 1/8 each, the inner 3/8 */
    assert_true(fabs(hist[0] / (double)N - 0.125) < 0.005);
    assert_true(fabs(hist[1] / (double)N - 0.375) < 0.005);
    double prev = 0, c1 = 0;
    s2 = 0;
    for (int i = 0; i < N; i++) {
        double h = mm_random_hp(&r);
        s2 += h * h;
        c1 += h * prev;
        prev = h;
    }
    assert_true(fabs(s2 / N - 1.0 / 6) < 0.003);
    assert_true(fabs(c1 / s2 + 0.5) < 0.02); /* 1 - z^-1: rho(1) = -1/2 */
    mm_random a, b, c;
    mm_random_seed(&a, 42);
    mm_random_seed(&b, 42);
    mm_random_seed(&c, 43);
    int same = 0;
    for (int i = 0; i < 1000; i++) {
        uint32_t x = mm_random_u32(&a);
        assert_true(x == mm_random_u32(&b));
        same += x == mm_random_u32(&c);
    }
    assert_true(same < 3);
}

static void test_designs(void **state)
{
    (void)state;
    const double rates[] = {44100, 48000, 88200, 96000, 176400, 192000};
    for (int shape = 1; shape <= 2; shape++) {
        for (int k = 0; k < 6; k++) {
            double fs = rates[k], a[MM_DITHER_MAXTAPS];
            int p = mm_dither_design(shape, fs, a);
            assert_int_equal(p, shape == 1 ? 2 : 9);
            /* minimum phase <=> mean of ln|NTF|^2 over the circle is 0
             * (Jensen / Gerzon-Craven noise-shaping theorem) */
            double lsum = 0, band = 0, total = 1;
            const int G = 20000;
            for (int g = 0; g < G; g++) {
                double f = (g + 0.5) * 0.5 * fs / G;
                lsum += log(mm_dither_ntf_power(a, p, f, fs));
            }
            for (int g = 0; g < 400; g++)
                band += mm_dither_ntf_power(a, p, 1000 + 10.0 * g, fs) / 400;
            for (int j = 0; j < p; j++)
                total += a[j] * a[j];
            print_message("%-9s %6.0f Hz: 1-5 kHz %+6.1f dB, total noise "
                          "power %+5.1f dB, mean log gain %+.4f dB\n",
                          shape == 1 ? "simple" : "fweighted", fs,
                          10 * log10(band), 10 * log10(total),
                          10 * log10(exp(lsum / G)));
            assert_true(fabs(10 * log10(exp(lsum / G))) < 0.05);
            assert_true(10 * log10(band) < (shape == 2 ? -10.0 : 0.0));
            assert_true(10 * log10(total) < 20.0);
        }
    }
    double a[MM_DITHER_MAXTAPS];
    assert_int_equal(mm_dither_design(MM_DITHER_SHAPE_OFF, 48000, a), 0);
}

static void run(mm_dither *d, const float *x, float *y, int n, int block)
{
    for (int i = 0; i < n; i += block) {
        int k = n - i < block ? n - i : block;
        const float *in[1] = {x + i};
        float *out[1] = {y + i};
        mm_dither_process(d, in, out, k);
    }
}

static void test_grid_power(void **state)
{
    (void)state;
    float *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    const int bits[] = {2, 8, 16, 24};
    for (int b = 0; b < 4; b++) {
        for (int lev = 0; lev < 3; lev++) {
            double amp = lev == 0 ? 0 : lev == 1 ? 3e-5 : 0.89;
            for (int i = 0; i < N; i++)
                x[i] = (float)(amp * sin(0.0123 * i));
            mm_dither d;
            assert_int_equal(mm_dither_init(&d, 1, 48000, 5), MM_OK);
            mm_dither_set(&d, MM_DITHER_BITS, bits[b]);
            run(&d, x, y, N, 64);
            double s = ldexp(1.0, bits[b] - 1), p = 0;
            for (int i = 0; i < N; i++) {
                double k = y[i] * s;
                assert_true(k == floor(k) && k >= -s && k <= s - 1);
                double e = ((double)y[i] - x[i]) * s;
                p += e * e;
            }
            p /= N;
            if (bits[b] >= 8) /* 2 bits: a 0.89 sine clips; skip */
                assert_true(fabs(10 * log10(p / 0.25)) < 0.1);
            if (bits[b] == 16)
                print_message("16-bit TPDF, amplitude %g: error power %.4f "
                              "LSB^2 (theory 0.25)\n", amp, p);
        }
    }
    free(x), free(y);
}

static void test_shaped_bounded(void **state)
{
    (void)state;
    float *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    for (int shape = 1; shape <= 2; shape++) {
        for (int lev = 0; lev < 2; lev++) {
            double amp = lev ? 8.0 : 1.0; /* full scale and heavy clipping */
            for (int i = 0; i < N; i++)
                x[i] = (float)(amp * sin(0.05 * i));
            mm_dither d;
            assert_int_equal(mm_dither_init(&d, 1, 44100, 5), MM_OK);
            mm_dither_set(&d, MM_DITHER_SHAPE, shape);
            run(&d, x, y, N, 64);
            double s = 32768, worst = 0;
            for (int i = 0; i < N; i++) {
                double c = x[i] > 1 - 1 / s ? 1 - 1 / s : (x[i] < -1 ? -1 : x[i]);
                double e = fabs(y[i] - c) * s;
                if (e > worst)
                    worst = e;
                assert_true(y[i] * s == floor(y[i] * s));
            }
            double bound = 1.5; /* |e| <= 1.5 LSB: |w - u| <= 1.5 sum|h| */
            for (int k = 0; k < d.ntaps; k++)
                bound += 1.5 * fabs(d.h[k]);
            print_message("shape %d, amplitude %g: worst |out - clip(in)| "
                          "%.2f LSB (bound %.2f), clips %lu\n", shape, amp,
                          worst, bound, mm_dither_clips(&d));
            assert_true(worst <= bound);
            assert_true(mm_dither_clips(&d) > 0);
        }
    }
    free(x), free(y);
}

static void test_blocks_alias_nan_blank(void **state)
{
    (void)state;
    int n = 60000;
    float *x[2], *a[2], *b[2];
    for (int c = 0; c < 2; c++) {
        x[c] = malloc(n * sizeof(float));
        a[c] = malloc(n * sizeof(float));
        b[c] = malloc(n * sizeof(float));
        for (int i = 0; i < n; i++)
            x[c][i] = (float)(0.3 * sin(0.01 * i + c));
    }
    mm_dither d1, d2;
    mm_dither_init(&d1, 2, 48000, 77);
    mm_dither_init(&d2, 2, 48000, 77);
    mm_dither_set(&d1, MM_DITHER_SHAPE, MM_DITHER_SHAPE_FWEIGHTED);
    mm_dither_set(&d2, MM_DITHER_SHAPE, MM_DITHER_SHAPE_FWEIGHTED);
    {
        const float *in[2] = {x[0], x[1]};
        float *out[2] = {a[0], a[1]};
        mm_dither_process(&d1, in, out, n);
    }
    for (int c = 0; c < 2; c++)
        memcpy(b[c], x[c], n * sizeof(float));
    for (int i = 0, k = 1; i < n; i += k, k = k * 3 % 997 + 1) {
        int m = n - i < k ? n - i : k;
        const float *in[2] = {b[0] + i, b[1] + i};
        float *out[2] = {b[0] + i, b[1] + i};
        mm_dither_process(&d2, in, out, m);
    }
    for (int c = 0; c < 2; c++)
        for (int i = 0; i < n; i++)
            assert_true(a[c][i] == b[c][i]);
    /* NaN in: finite out */
    x[0][5] = NAN;
    x[1][6] = INFINITY;
    {
        const float *in[2] = {x[0], x[1]};
        float *out[2] = {a[0], a[1]};
        mm_dither_process(&d1, in, out, n);
    }
    for (int c = 0; c < 2; c++)
        for (int i = 0; i < n; i++)
            assert_true(mm_isfinite_f(a[c][i]));
    /* autoblank: both channels silent for 0.5 s -> exact zeros; one
     * channel's signal brings the dither back at once */
    mm_dither_set(&d1, MM_DITHER_AUTOBLANK, 1);
    for (int i = 0; i < n; i++)
        x[0][i] = x[1][i] = 0.0f;
    x[1][50000] = 0.25f;
    {
        const float *in[2] = {x[0], x[1]};
        float *out[2] = {a[0], a[1]};
        mm_dither_process(&d1, in, out, n);
    }
    int early = 0, late = 0;
    for (int i = 0; i < 20000; i++)
        early += a[0][i] != 0.0f;
    for (int i = 24000; i < 50000; i++)
        late += a[0][i] != 0.0f || a[1][i] != 0.0f;
    assert_true(early > 1000);
    assert_int_equal(late, 0);
    assert_true(a[1][50000] != 0.0f);
    int after = 0;
    for (int i = 50001; i < 50101; i++)
        after += a[0][i] != 0.0f;
    assert_true(after > 5); /* dither again on the silent channel */
    mm_dither_reset(&d1);
    assert_true(mm_dither_clips(&d1) == 0);
    for (int c = 0; c < 2; c++)
        free(x[c]), free(a[c]), free(b[c]);
}

static void test_args(void **state)
{
    (void)state;
    mm_dither d;
    assert_int_equal(mm_dither_init(&d, 0, 48000, 1), MM_E_ARG);
    assert_int_equal(mm_dither_init(&d, 17, 48000, 1), MM_E_ARG);
    assert_int_equal(mm_dither_init(&d, 1, 48000, 1), MM_OK);
    assert_int_equal(mm_dither_set(&d, MM_DITHER_BITS, 1), 2);
    assert_int_equal(mm_dither_set(&d, MM_DITHER_BITS, 30), 24);
    assert_int_equal(mm_dither_set(&d, MM_DITHER_TYPE, 9), MM_DITHER_HP);
    assert_int_equal(mm_dither_set(&d, MM_DITHER_SHAPE, -1),
                     MM_DITHER_SHAPE_OFF);
    assert_int_equal(mm_dither_set(&d, MM_DITHER_SEED, 12.6), 13);
    assert_int_equal(mm_dither_set(&d, MM_DITHER_BITS, NAN), 16);
    /* the table: rows in mm_dither_param order, set applies its ranges */
    assert_int_equal(mm_dither_table.count, MM_DITHER_NPARAMS);
    for (int i = 0; i < mm_dither_table.count; i++)
        assert_int_equal(mm_dither_table.defs[i].id, i);
    assert_int_equal(mm_dither_set_samplerate(&d, 0), MM_E_ARG);
    assert_int_equal(mm_dither_latency(&d), 0);
}

/* Stereo TPDF runs two channels in one vector (mm_dither.c); a mono
 * dither with the same seed runs channel 0 on the plain path. Channel 0
 * must come out bit for bit the same, for every shape, at 16 and 24 bits,
 * with clipping input, non-finite samples and autoblank, in odd blocks. */
static void test_vector_equals_plain(void **state)
{
    (void)state;
    enum { M = 80000 };
    static float x0[M], x1[M], s0[M], s1[M], m0[M];
    for (int i = 0; i < M; i++) { /* then 0.5 s of silence and more */
        double env = i < M / 4 ? 0.5 : i < M / 2 ? 3.0 : 0.0;
        x0[i] = (float)(env * sin(0.031 * i));
        x1[i] = (float)(env * 0.3 * sin(0.017 * i));
    }
    x0[M - 1000] = 0.1f; /* dither back */
    x0[100] = NAN;
    for (int shape = 0; shape <= 2; shape++) {
        for (int bits = 16; bits <= 24; bits += 8) {
            for (int blank = 0; blank <= 1; blank++) {
                mm_dither st, mo;
                mm_dither_init(&st, 2, 44100, 9);
                mm_dither_init(&mo, 1, 44100, 9);
                mm_dither *both[2] = {&st, &mo};
                for (int k = 0; k < 2; k++) {
                    mm_dither_set(both[k], MM_DITHER_SHAPE, shape);
                    mm_dither_set(both[k], MM_DITHER_BITS, bits);
                    mm_dither_set(both[k], MM_DITHER_AUTOBLANK, blank);
                }
                for (int i = 0, b = 1; i < M; i += b, b = b * 7 % 300 + 1) {
                    int len = M - i < b ? M - i : b;
                    const float *in2[2] = {x0 + i, x1 + i}, *in1[1] = {x0 + i};
                    float *o2[2] = {s0 + i, s1 + i}, *o1[1] = {m0 + i};
                    mm_dither_process(&st, in2, o2, len);
                    mm_dither_process(&mo, in1, o1, len);
                }
                int differ = 0;
                for (int i = 0; i < M; i++)
                    differ += memcmp(&s0[i], &m0[i], sizeof(float)) != 0;
                if (differ)
                    print_error("shape %d, %d bits, autoblank %d: %d samples "
                                "differ\n", shape, bits, blank, differ);
                assert_int_equal(differ, 0);
                assert_true(st.clips > 0);
                int nonzero = 0; /* after 0.5 s of silence (and some) */
                for (int i = M / 2 + 23000; i < M - 1000; i++)
                    nonzero += s0[i] != 0.0f || s1[i] != 0.0f;
                assert_true(blank ? nonzero == 0 : nonzero > 1000);
                assert_true(s0[M - 1000] != 0.0f);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_args),
        cmocka_unit_test(test_vector_equals_plain),
        cmocka_unit_test(test_generators),
        cmocka_unit_test(test_designs),
        cmocka_unit_test(test_grid_power),
        cmocka_unit_test(test_shaped_bounded),
        cmocka_unit_test(test_blocks_alias_nan_blank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
