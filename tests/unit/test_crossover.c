/* test_crossover.c: the LR4 crossover against theory.
 *
 * - the sum of the bands is an allpass: the DFT of the summed impulse
 *   response is flat within 1e-4 dB from 20 Hz to 20 kHz (2..6 bands,
 *   44.1/48/96 kHz);
 * - each band's measured response matches the LR4 formula (magnitude
 *   1/(1 + W^4) on each side, W the prewarped frequency ratio): -6.02 dB
 *   at its crossover points, 24 dB/oct beyond;
 * - mm_crossover_response agrees with the measured band response;
 * - block-size independence, gliding crossovers stay bounded and smooth,
 *   NaN input recovers, ascending sort; a split taken away and given
 *   back during its glide still reaches its target;
 * - the two-section split agrees with the three-section form within 1e-7;
 *   the vector channel-pair path equals the plain C path bit for bit;
 * - no denormal state after a decay into and through the denormal range
 *   (mmt_decay_probe), with the per-block flush.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm_crossover.h"
#include "mmtest.h"

#define N 32768

static float bandbuf[MM_CROSSOVER_MAXBANDS][N];

/* impulse response of every band (mono) */
static void impulse(mm_crossover *x)
{
    static float in[N];
    memset(in, 0, sizeof in);
    in[0] = 1.0f;
    float *bp[MM_CROSSOVER_MAXBANDS][1];
    float *const *bo[MM_CROSSOVER_MAXBANDS];
    for (int b = 0; b < MM_CROSSOVER_MAXBANDS; b++) {
        bp[b][0] = bandbuf[b];
        bo[b] = bp[b];
    }
    const float *ip[1] = {in};
    mm_crossover_process(x, ip, bo, N);
}

/* DFT magnitude in dB of h at f */
static double dft_db(const float *h, int n, double f, double fs, double *re,
                     double *im)
{
    double c = 0, s = 0, w = 2 * MM_PI * f / fs;
    for (int i = 0; i < n; i++) {
        c += h[i] * cos(w * i);
        s -= h[i] * sin(w * i);
    }
    if (re)
        *re = c, *im = s;
    return 10 * log10(c * c + s * s);
}

static void test_flat_sum(void **state)
{
    (void)state;
    static float sum[N];
    double rates[3] = {44100, 48000, 96000};
    for (int r = 0; r < 3; r++) {
        for (int nb = 2; nb <= 6; nb++) {
            mm_crossover x;
            assert_int_equal(mm_crossover_init(&x, nb, 1, rates[r]), MM_OK);
            impulse(&x);
            for (int i = 0; i < N; i++) {
                double s = 0;
                for (int b = 0; b < nb; b++)
                    s += bandbuf[b][i];
                sum[i] = (float)s;
            }
            double worst = 0;
            for (double f = 20; f <= 20000; f *= 1.05) {
                double d = fabs(dft_db(sum, N, f, rates[r], NULL, NULL));
                if (d > worst)
                    worst = d;
            }
            if (worst > 1e-4)
                fprintf(stderr, "bands %d at %g: %g dB\n", nb, rates[r], worst);
            assert_true(worst < 1e-4);
        }
    }
}

static double lr4_db(double f, double fc, double fs, int low)
{
    double w = tan(MM_PI * f / fs) / tan(MM_PI * fc / fs);
    double w4 = w * w * w * w;
    return low ? -10 * log10((1 + w4) * (1 + w4)) + 0 * w
               : -10 * log10((1 + 1 / w4) * (1 + 1 / w4));
}

static void test_band_shapes(void **state)
{
    (void)state;
    const double fs = 48000;
    mm_crossover x;
    assert_int_equal(mm_crossover_init(&x, 4, 1, fs), MM_OK);
    double fc[3] = {120, 1000, 6000};
    for (int s = 0; s < 3; s++)
        assert_true(fabs(mm_crossover_get_hz(&x, s) - fc[s]) < 1e-9);
    impulse(&x);
    for (int b = 0; b < 4; b++) {
        for (double f = 30; f < 20000; f *= 1.19) {
            double want = 0;
            for (int s = 0; s < b; s++) /* every split it went above */
                want += lr4_db(f, fc[s], fs, 0);
            if (b < 3)
                want += lr4_db(f, fc[b], fs, 1);
            double re, im, are, aim;
            double got = dft_db(bandbuf[b], N, f, fs, &re, &im);
            if (want > -60 && fabs(got - want) >= 0.01)
                fprintf(stderr, "band %d f %g got %g want %g\n", b, f, got, want);
            if (want > -60)
                assert_true(fabs(got - want) < 0.01);
            mm_crossover_response(&x, b, f, &are, &aim);
            if (want > -60) {
                assert_true(fabs(are - re) < 1e-4);
                assert_true(fabs(aim - im) < 1e-4);
            }
        }
    }
    /* -6.02 dB at each crossover point of the lowest band, the slope in
     * the second octave beyond (theory 23.6 dB), third (24.0) */
    double at = dft_db(bandbuf[0], N, 120, fs, NULL, NULL);
    assert_true(fabs(at - (-6.0206)) < 0.01);
    double o2 = dft_db(bandbuf[0], N, 480, fs, NULL, NULL);
    double o3 = dft_db(bandbuf[0], N, 960, fs, NULL, NULL);
    double o1 = dft_db(bandbuf[0], N, 240, fs, NULL, NULL);
    assert_true(fabs((o1 - o2) - 23.6) < 0.2);
    assert_true(fabs((o2 - o3) - 24.0) < 0.2);
}

static void test_blocks_and_glide(void **state)
{
    (void)state;
    static float in[N], a[4][N], b[4][N];
    for (int i = 0; i < N; i++)
        in[i] = (float)mmt_frand();
    mm_crossover x, y;
    mm_crossover_init(&x, 4, 1, 48000);
    mm_crossover_init(&y, 4, 1, 48000);
    mm_crossover_set_hz(&x, 1, 3000, 0);
    mm_crossover_set_hz(&y, 1, 3000, 0);
    float *ap[4][1] = {{a[0]}, {a[1]}, {a[2]}, {a[3]}};
    float *bp[4][1] = {{b[0]}, {b[1]}, {b[2]}, {b[3]}};
    float *const *ao[4] = {ap[0], ap[1], ap[2], ap[3]};
    float *const *bo[4] = {bp[0], bp[1], bp[2], bp[3]};
    const float *ip[1] = {in};
    mm_crossover_process(&x, ip, ao, N);
    int i = 0;
    unsigned k = 1;
    while (i < N) {
        int n = (int)(k % 97u) + 1;
        if (i + n > N)
            n = N - i;
        const float *p[1] = {in + i};
        float *q[4][1] = {{b[0] + i}, {b[1] + i}, {b[2] + i}, {b[3] + i}};
        float *const *qo[4] = {q[0], q[1], q[2], q[3]};
        (void)bo;
        mm_crossover_process(&y, p, qo, n);
        i += n;
        k = k * 7 + 3;
    }
    for (int bnd = 0; bnd < 4; bnd++)
        assert_memory_equal(a[bnd], b[bnd], sizeof a[bnd]);
    assert_true(fabs(mm_crossover_current_hz(&x, 1) - 3000) < 0.1);
    /* glide on a sine: output sum stays bounded (allpass at every step) */
    mm_crossover_init(&x, 4, 1, 48000);
    mmt_sine(in, N, 1, 1.0, 100, 48000.0, 0);
    mm_crossover_set_hz(&x, 0, 400, 0);
    mm_crossover_process(&x, ip, ao, N);
    for (int j = 0; j < N; j++) {
        double s = a[0][j] + a[1][j] + a[2][j] + a[3][j];
        assert_true(fabs(s) < 1.05);
    }
}

static void test_sort_nan(void **state)
{
    (void)state;
    mm_crossover x;
    mm_crossover_init(&x, 4, 2, 48000);
    mm_crossover_set_hz(&x, 0, 5000, 1);
    mm_crossover_set_hz(&x, 1, 100, 1);
    mm_crossover_sort(&x);
    assert_true(mm_crossover_get_hz(&x, 1) > mm_crossover_get_hz(&x, 0));
    assert_true(mm_crossover_get_hz(&x, 2) > mm_crossover_get_hz(&x, 1));
    assert_true(mm_crossover_set_hz(&x, 2, 1e6, 1) <= 0.45 * 48000 + 1e-9);
    static float in[2][256], o[4][2][256];
    for (int i = 0; i < 256; i++)
        in[0][i] = in[1][i] = (float)mmt_frand();
    in[0][10] = NAN;
    in[1][20] = INFINITY;
    const float *ip[2] = {in[0], in[1]};
    float *op[4][2];
    float *const *oo[4];
    for (int b = 0; b < 4; b++) {
        op[b][0] = o[b][0];
        op[b][1] = o[b][1];
        oo[b] = op[b];
    }
    mm_crossover_process(&x, ip, oo, 256);
    for (int b = 0; b < 4; b++)
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 256; i++)
                assert_true(mm_isfinite_f(o[b][c][i]));
    assert_int_equal(mm_crossover_init(&x, 7, 1, 48000), MM_E_ARG);
    assert_int_equal(mm_crossover_init(&x, 4, 0, 48000), MM_E_ARG);
}

/* Denormals in the state: 6 bands, stereo, driven by the decay probe in
 * 64-sample blocks; no state variable may then hold a subnormal value or
 * anything below the 1e-30 flush threshold but exact zero. */
static void test_crossover_state(void **state)
{
    (void)state;
    const double sr = 48000.0;
    static mm_crossover x;
    memset(&x, 0, sizeof x);
    assert_int_equal(mm_crossover_init(&x, 6, 2, sr), MM_OK);
    static float in[2][64], band[6][2][64];
    const float *ins[2] = {in[0], in[1]};
    float *outs_b[6][2];
    float *const *outs[6];
    for (int b = 0; b < 6; b++) {
        outs_b[b][0] = band[b][0];
        outs_b[b][1] = band[b][1];
        outs[b] = outs_b[b];
    }
    for (long i = 0; i < MMT_PROBE_SECONDS * (long)sr; i += 64) {
        for (int k = 0; k < 64; k++)
            in[0][k] = in[1][k] = mmt_decay_probe(i + k, sr);
        mm_crossover_process(&x, ins, outs, 64);
        for (int c = 0; c < 2; c++)
            for (int s = 0; s < MM_CROSSOVER_MAXSPLITS; s++) {
                const mm_crossover_ch *ch = &x.ch[c];
                assert_false(mmt_tiny(ch->a[s].ic1) || mmt_tiny(ch->a[s].ic2));
                assert_false(mmt_tiny(ch->lo[s].ic1) || mmt_tiny(ch->lo[s].ic2));
                for (int t = 0; t < MM_CROSSOVER_MAXSPLITS; t++)
                    assert_false(mmt_tiny(ch->ap[s][t].ic1)
                                 || mmt_tiny(ch->ap[s][t].ic2));
            }
    }
    mm_crossover_free(&x);
}

/* A split taken away and given back while it glides lands on its
 * target like the others (it glides on from where it stopped). */
static void test_bands_during_glide(void **state)
{
    (void)state;
    static float in[1024], o[4][1024];
    float *op[4][1] = {{o[0]}, {o[1]}, {o[2]}, {o[3]}};
    float *const *oo[4] = {op[0], op[1], op[2], op[3]};
    const float *ip[1] = {in};
    for (int i = 0; i < 1024; i++)
        in[i] = (float)mmt_frand();
    mm_crossover x;
    mm_crossover_init(&x, 4, 1, 48000);
    mm_crossover_set_hz(&x, 2, 12000, 0);
    mm_crossover_process(&x, ip, oo, 40); /* mid control period */
    double stopped = mm_crossover_current_hz(&x, 2);
    assert_true(stopped > 6000 && stopped < 12000);
    assert_int_equal(mm_crossover_set_bands(&x, 3), 3);
    for (int k = 0; k < 4; k++)
        mm_crossover_process(&x, ip, oo, 1024);
    assert_true(mm_crossover_current_hz(&x, 2) == stopped);
    assert_int_equal(mm_crossover_set_bands(&x, 4), 4);
    for (int k = 0; k < 48; k++) /* 1 s: 20 time constants */
        mm_crossover_process(&x, ip, oo, 1024);
    assert_true(fabs(mm_crossover_current_hz(&x, 2) - 12000.0) < 1e-6);
    /* and its sections run at the target: the response reads -6.02 dB */
    double re, im;
    mm_crossover_response(&x, 3, 12000, &re, &im);
    assert_true(fabs(10 * log10(re * re + im * im) + 6.0206) < 0.01);
    for (int b = 0; b < 4; b++)
        for (int i = 0; i < 1024; i++)
            assert_true(mm_isfinite_f(o[b][i]));
}

/* The split as it was first written, three sections per split (LP2 of
 * LP2, HP2 of HP2), as a reference for the two-section form (HP4 = AP2
 * - LP4): one channel, steady coefficients. */
typedef struct {
    mm_svf a[MM_CROSSOVER_MAXSPLITS], lo[MM_CROSSOVER_MAXSPLITS],
        hi[MM_CROSSOVER_MAXSPLITS];
    mm_svf ap[MM_CROSSOVER_MAXSPLITS][MM_CROSSOVER_MAXSPLITS];
} three_sections;

static void three_frame(const mm_crossover *x, three_sections *h, double in,
                        double *band)
{
    const int ns = x->bands - 1;
    double rest = in;
    for (int s = 0; s < ns; s++) {
        const mm_svf_coef *k = &x->coef[s].c;
        double lp2, lp4, l2;
        double bp = mm_svf_tick(&h->a[s], k, rest, &lp2);
        double hp2 = rest - k->k * bp - lp2;
        mm_svf_tick(&h->lo[s], k, lp2, &lp4);
        double bp2 = mm_svf_tick(&h->hi[s], k, hp2, &l2);
        band[s] = lp4;
        rest = hp2 - k->k * bp2 - l2;
    }
    band[ns] = rest;
    for (int b = 0; b < ns - 1; b++) {
        double y = band[b], lo;
        for (int s = b + 1; s < ns; s++) {
            double bp = mm_svf_tick(&h->ap[b][s], &x->coef[s].c, y, &lo);
            y = y - 2.0 * x->coef[s].c.k * bp;
        }
        band[b] = y;
    }
}

/* The two-section split (mm_crossover) against the three-section one:
 * the same filters in exact arithmetic; on a loud mix of sines, noise
 * and steps every band agrees within 1e-7 (measured 3e-8: the float
 * output's rounding; the double states differ only by their rounding),
 * 2..6 bands, 44.1 and 96 kHz, stereo and mono paths. */
static void test_two_sections_equal_three(void **state)
{
    (void)state;
    enum { L = 48000 };
    static float in[2][L], out[MM_CROSSOVER_MAXBANDS][2][L];
    unsigned r = 1;
    for (int i = 0; i < L; i++) {
        r = r * 1664525u + 1013904223u;
        double noise = (double)(r >> 8) / (1 << 24) - 0.5;
        double x = 0.4 * sin(i * 0.013) + 0.2 * sin(i * 0.41)
                   + 0.3 * noise * ((i / 3000) % 2) + ((i / 5000) % 3 == 1 ? 0.1 : 0);
        in[0][i] = (float)x;
        in[1][i] = (float)(0.7 * x - 0.2 * sin(i * 0.002));
    }
    double worst = 0;
    const double rates[2] = {44100, 96000};
    for (int ri = 0; ri < 2; ri++)
        for (int nb = 2; nb <= MM_CROSSOVER_MAXBANDS; nb++)
            for (int nch = 1; nch <= 2; nch++) {
                mm_crossover x;
                assert_int_equal(mm_crossover_init(&x, nb, nch, rates[ri]),
                                 MM_OK);
                for (int i = 0; i < L; i += 64) {
                    float *bp[MM_CROSSOVER_MAXBANDS][2];
                    float *const *bo[MM_CROSSOVER_MAXBANDS];
                    for (int b = 0; b < nb; b++) {
                        bp[b][0] = out[b][0] + i;
                        bp[b][1] = out[b][1] + i;
                        bo[b] = bp[b];
                    }
                    const float *ip[2] = {in[0] + i, in[1] + i};
                    mm_crossover_process(&x, ip, bo, 64);
                }
                for (int c = 0; c < nch; c++) {
                    three_sections h;
                    memset(&h, 0, sizeof h);
                    for (int i = 0; i < L; i++) {
                        double band[MM_CROSSOVER_MAXBANDS];
                        three_frame(&x, &h, in[c][i], band);
                        for (int b = 0; b < nb; b++) {
                            double d = fabs(band[b] - out[b][c][i]);
                            worst = d > worst ? d : worst;
                        }
                    }
                }
            }
    printf("    two sections vs three: bands within %.3g\n", worst);
    assert_true(worst < 1e-7);
}

/* The vector channel-pair path against the plain C one (x->plain),
 * bit for bit: 2..6 bands, 2 and 3 channels (a pair and a single), a
 * glide in the middle (both leave the pair path and come back), NaN
 * input. */
static void test_pair_path(void **state)
{
    (void)state;
    enum { L = 20000 };
    static float in[3][L], o[2][MM_CROSSOVER_MAXBANDS][3][L];
    unsigned r = 7;
    for (int i = 0; i < L; i++)
        for (int c = 0; c < 3; c++) {
            r = r * 1664525u + 1013904223u;
            double noise = (double)(r >> 8) / (1 << 24) - 0.5;
            in[c][i] = (float)(0.5 * sin(i * (0.01 + 0.03 * c)) + 0.4 * noise);
        }
    in[1][777] = NAN;
    in[0][5000] = INFINITY;
    for (int nb = 2; nb <= MM_CROSSOVER_MAXBANDS; nb++)
        for (int nch = 2; nch <= 3; nch++) {
            static mm_crossover_ch st[2][3];
            for (int v = 0; v < 2; v++) {
                mm_crossover x;
                assert_int_equal(mm_crossover_init(&x, nb, nch, 48000), MM_OK);
                x.plain = v;
                for (int i = 0, n = 64; i < L; i += n, n = n % 97 + 31) {
                    int m = i + n > L ? L - i : n;
                    if (i <= L / 2 && i + m > L / 2) {
                        memcpy(st[v], x.ch, sizeof st[v]);
                        mm_crossover_set_hz(&x, 0, 300, 0);
                    }
                    float *bp[MM_CROSSOVER_MAXBANDS][3];
                    float *const *bo[MM_CROSSOVER_MAXBANDS];
                    for (int b = 0; b < nb; b++) {
                        for (int c = 0; c < nch; c++)
                            bp[b][c] = o[v][b][c] + i;
                        bo[b] = bp[b];
                    }
                    const float *ip[3] = {in[0] + i, in[1] + i, in[2] + i};
                    mm_crossover_process(&x, ip, bo, m);
                }
            }
            /* the states before the glide too (doubles: a difference in
             * the last bit rarely reaches a float output, and decays) */
            assert_memory_equal(st[0], st[1], sizeof st[0]);
            for (int b = 0; b < nb; b++)
                for (int c = 0; c < nch; c++)
                    assert_memory_equal(o[0][b][c], o[1][b][c], sizeof o[0][b][c]);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flat_sum),
        cmocka_unit_test(test_band_shapes),
        cmocka_unit_test(test_blocks_and_glide),
        cmocka_unit_test(test_sort_nan),
        cmocka_unit_test(test_crossover_state),
        cmocka_unit_test(test_bands_during_glide),
        cmocka_unit_test(test_two_sections_equal_three),
        cmocka_unit_test(test_pair_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
