/* test_peaklimiter.c: the limiter core against its contract.
 *
 * - latency exactly round(lookahead fs); a signal under the ceiling comes
 *   out bit-identical, delayed;
 * - truepeak 0: no sample above the ceiling (impulses, noise bursts);
 *   truepeak 1: output true peak (16x, 256-tap reference) within 0.1 dB
 *   of the ceiling on fs/4 sines at 45 degrees and loud noise bursts at
 *   44.1, 48 and 96 kHz, for several lookaheads;
 * - never late: a lone spike is fully reduced when it leaves the delay;
 * - release: 63% of the way back after about `release`;
 * - link 100 equal gains, link 0 independent;
 * - block-size independence, in == out, NaN/inf recovery, reset, gr;
 * - the torture matrix against the contract's meter (mmt_tp_ref: 16x,
 *   512 taps per phase, beta 16), whose convergence is checked on the
 *   same outputs (32x, and a longer kernel, agree within 0.02 dB).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm_peaklimiter.h"
#include "mmtest.h"

/* run a stereo signal (L, R arrays of n) through a limiter in blocks */
static void run(mm_peaklimiter *l, const float *L, const float *R, float *oL,
                float *oR, int n, int block)
{
    for (int i = 0; i < n; i += block) {
        int k = n - i < block ? n - i : block;
        const float *in[2] = {L + i, R + i};
        float *out[2] = {oL + i, oR + i};
        mm_peaklimiter_process(l, in, out, k);
    }
}

/* 16x true peak, 256-tap Kaiser (beta 10) reference, in dB */
static double tp16(const float *x, int n)
{
    mm_oversampler os = {0};
    assert_int_equal(mm_oversampler_init(&os, 16, 256, 10.0), MM_OK);
    float out[16], z = 0.0f, best = 0.0f;
    for (int i = 0; i < n + 256; i++) {
        mm_oversampler_process(&os, i < n ? x + i : &z, out, 1);
        for (int j = 0; j < 16; j++)
            if (fabsf(out[j]) > best)
                best = fabsf(out[j]);
    }
    mm_oversampler_free(&os);
    return 20.0 * log10(best);
}

static void test_latency_identity(void **state)
{
    (void)state;
    const double rates[] = {22050, 44100, 48000, 96000, 192000};
    for (int r = 0; r < 5; r++) {
        mm_peaklimiter l = {0};
        assert_int_equal(mm_peaklimiter_init(&l, 2, rates[r]), MM_OK);
        for (double la = 1; la <= 20; la += 3.5) {
            mm_peaklimiter_set(&l, MM_PEAKLIMITER_LOOKAHEAD, la);
            assert_int_equal(mm_peaklimiter_latency(&l),
                             (int)floor(la * rates[r] / 1000 + 0.5));
        }
        mm_peaklimiter_set(&l, MM_PEAKLIMITER_LOOKAHEAD, 5);
        mm_peaklimiter_reset(&l);
        int n = 20000, D = mm_peaklimiter_latency(&l);
        float *L = malloc(n * sizeof *L), *R = malloc(n * sizeof *R);
        float *oL = malloc(n * sizeof *oL), *oR = malloc(n * sizeof *oR);
        for (int i = 0; i < n; i++) { /* true peak < -2 dBTP */
            L[i] = (float)(0.3 * sin(0.01 * i) + 0.2 * mmt_frand());
            R[i] = (float)(0.7 * sin(0.3 * i + 1));
        }
        run(&l, L, R, oL, oR, n, 64);
        for (int i = D; i < n; i++) {
            assert_true(oL[i] == L[i - D]);
            assert_true(oR[i] == R[i - D]);
        }
        assert_true(mm_peaklimiter_take_gr(&l) == 0.0);
        free(L), free(R), free(oL), free(oR);
        mm_peaklimiter_free(&l);
    }
}

static void test_samplepeak_brickwall(void **state)
{
    (void)state;
    mm_peaklimiter l = {0};
    assert_int_equal(mm_peaklimiter_init(&l, 2, 48000), MM_OK);
    mm_peaklimiter_set(&l, MM_PEAKLIMITER_TRUEPEAK, 0);
    mm_peaklimiter_set(&l, MM_PEAKLIMITER_CEILING, -6);
    mm_peaklimiter_set(&l, MM_PEAKLIMITER_LOOKAHEAD, 1);
    mm_peaklimiter_snap(&l);
    int n = 48000;
    float *L = calloc(n, sizeof *L), *R = calloc(n, sizeof *R);
    float *oL = malloc(n * sizeof *oL), *oR = malloc(n * sizeof *oR);
    for (int i = 0; i < n; i++) {
        if (i % 5000 == 100)
            L[i] = 8.0f; /* lone spikes */
        if ((i / 3000) % 2)
            R[i] = (float)(4.0 * mmt_frand()); /* loud noise bursts */
    }
    run(&l, L, R, oL, oR, n, 37);
    const float c = (float)pow(10.0, -6.0 / 20.0);
    for (int i = 0; i < n; i++) {
        assert_true(fabsf(oL[i]) <= c);
        assert_true(fabsf(oR[i]) <= c);
    }
    /* never late: the spike comes out reduced exactly to (just under)
     * the ceiling, at its own delayed time */
    int D = mm_peaklimiter_latency(&l);
    assert_true(oL[100 + D] > 0.999 * c);
    double gr = mm_peaklimiter_take_gr(&l);
    print_message("gr %.3f dB\n", gr);
    assert_true(gr < -17.0 && gr > -30.0); /* spikes: -18.1, noise deeper */
    free(L), free(R), free(oL), free(oR);
    mm_peaklimiter_free(&l);
}

static void test_truepeak_guarantee(void **state)
{
    (void)state;
    const double rates[] = {44100, 48000, 96000};
    const double looks[] = {1, 2, 5, 20};
    for (int r = 0; r < 3; r++) {
        if (MMT_SANITIZED && r != 1) /* under ASan: 48 kHz only */
            continue;
        for (int k = 0; k < 4; k++) {
            mm_peaklimiter l = {0};
            assert_int_equal(mm_peaklimiter_init(&l, 2, rates[r]), MM_OK);
            mm_peaklimiter_set(&l, MM_PEAKLIMITER_LOOKAHEAD, looks[k]);
            mm_peaklimiter_set(&l, MM_PEAKLIMITER_INPUT, 12);
            mm_peaklimiter_snap(&l);
            int n = (int)(rates[r] * 0.5);
            float *L = calloc(n, sizeof *L), *R = calloc(n, sizeof *R);
            float *oL = malloc(n * sizeof *oL), *oR = malloc(n * sizeof *oR);
            double lp = 0;
            for (int i = 0; i < n - 3000; i++) {
                L[i] = (float)sin(MM_PI / 2 * i + MM_PI / 4); /* +3 dBTP */
                lp += 0.5 * (mmt_frand() - lp);
                R[i] = (float)(((i / 2000) % 2 ? 1.0 : 0.2) * lp);
            }
            run(&l, L, R, oL, oR, n, 64);
            double tl = tp16(oL, n), tr = tp16(oR, n);
            print_message("fs %6.0f lookahead %4.1f ms: fs/4 sine %+.3f dBTP, "
                          "noise %+.3f dBTP (ceiling -1)\n", rates[r], looks[k],
                          tl, tr);
            assert_true(tl <= -0.9);
            assert_true(tr <= -0.9);
            free(L), free(R), free(oL), free(oR);
            mm_peaklimiter_free(&l);
        }
    }
}

static void test_release(void **state)
{
    (void)state;
    mm_peaklimiter l = {0};
    assert_int_equal(mm_peaklimiter_init(&l, 1, 48000), MM_OK);
    mm_peaklimiter_set(&l, MM_PEAKLIMITER_TRUEPEAK, 0);
    mm_peaklimiter_set(&l, MM_PEAKLIMITER_RELEASE, 100);
    mm_peaklimiter_set(&l, MM_PEAKLIMITER_CEILING, 0);
    mm_peaklimiter_snap(&l);
    int n = 96000, D = mm_peaklimiter_latency(&l);
    float *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    for (int i = 0; i < n; i++)
        x[i] = i == 1000 ? 2.0f : 0.25f; /* one spike on a steady level */
    for (int i = 0; i < n; i += 64) {
        const float *in[1] = {x + i};
        float *out[1] = {y + i};
        mm_peaklimiter_process(&l, in, out, n - i < 64 ? n - i : 64);
    }
    /* gain 0.5 at the spike; the deficit (1 - g) is 1/e of 0.5 one
     * release time after the hold and smoothing end */
    double g0 = y[1000 + D] / 2.0;
    assert_true(g0 < 0.5 && g0 > 0.49);
    int after = 1000 + D + l.hold + (l.w1 + l.w2) / 2 + 4800;
    double g1 = y[after] / 0.25;
    double frac = (1.0 - g1) / (1.0 - g0);
    print_message("release 100 ms: deficit after 100 ms %.3f (1/e = 0.368)\n",
                  frac);
    assert_true(frac > 0.30 && frac < 0.44);
    assert_true(y[n - 1] == 0.25f); /* fully back, exactly */
    free(x), free(y);
    mm_peaklimiter_free(&l);
}

static void test_link(void **state)
{
    (void)state;
    for (int link = 0; link <= 100; link += 100) {
        mm_peaklimiter l = {0};
        assert_int_equal(mm_peaklimiter_init(&l, 2, 48000), MM_OK);
        mm_peaklimiter_set(&l, MM_PEAKLIMITER_LINK, link);
        mm_peaklimiter_snap(&l);
        int n = 24000, D = mm_peaklimiter_latency(&l);
        float *L = malloc(n * sizeof *L), *R = malloc(n * sizeof *R);
        float *oL = malloc(n * sizeof *oL), *oR = malloc(n * sizeof *oR);
        for (int i = 0; i < n; i++) {
            L[i] = (float)(2.0 * sin(0.05 * i));
            R[i] = (float)(0.1 * sin(0.07 * i + 0.3));
        }
        run(&l, L, R, oL, oR, n, 64);
        double maxd = 0;
        for (int i = D + 100; i < n; i++) {
            if (fabsf(L[i - D]) < 0.05f || fabsf(R[i - D]) < 0.05f)
                continue;
            double gl = (double)oL[i] / L[i - D], gr = (double)oR[i] / R[i - D];
            double d = fabs(20 * log10(gl) - 20 * log10(gr));
            if (d > maxd)
                maxd = d;
        }
        if (link == 100)
            assert_true(maxd < 1e-4);
        else
            assert_true(maxd > 6.0); /* R untouched, L reduced */
        free(L), free(R), free(oL), free(oR);
        mm_peaklimiter_free(&l);
    }
}

static void test_blocks_alias_nan(void **state)
{
    (void)state;
    int n = 9000;
    float *L = malloc(n * sizeof *L), *R = malloc(n * sizeof *R);
    float *a[2], *b[2];
    for (int i = 0; i < n; i++) {
        L[i] = (float)(3.0 * mmt_frand());
        R[i] = (float)(2.0 * sin(0.2 * i));
    }
    for (int k = 0; k < 2; k++) {
        a[k] = malloc(n * sizeof(float));
        b[k] = malloc(n * sizeof(float));
    }
    mm_peaklimiter l1 = {0}, l2 = {0};
    assert_int_equal(mm_peaklimiter_init(&l1, 2, 44100), MM_OK);
    assert_int_equal(mm_peaklimiter_init(&l2, 2, 44100), MM_OK);
    run(&l1, L, R, a[0], a[1], n, 64);
    /* in == out, odd block sizes */
    memcpy(b[0], L, n * sizeof(float));
    memcpy(b[1], R, n * sizeof(float));
    const int sizes[] = {1, 7, 64, 333, 1024};
    for (int i = 0, s = 0; i < n; s++) {
        int k = sizes[s % 5];
        if (k > n - i)
            k = n - i;
        const float *in[2] = {b[0] + i, b[1] + i};
        float *out[2] = {b[0] + i, b[1] + i};
        mm_peaklimiter_process(&l2, in, out, k);
        i += k;
    }
    for (int i = 0; i < n; i++) {
        assert_true(a[0][i] == b[0][i]);
        assert_true(a[1][i] == b[1][i]);
    }
    /* NaN and inf in, then finite again: finite output, keeps limiting */
    for (int i = 0; i < 64; i++)
        L[i] = i % 2 ? NAN : INFINITY;
    run(&l1, L, R, a[0], a[1], n, 64);
    for (int i = 0; i < n; i++)
        assert_true(mm_isfinite_f(a[0][i]) && fabsf(a[0][i]) < 1.0f);
    mm_peaklimiter_reset(&l1);
    assert_true(mm_peaklimiter_take_gr(&l1) == 0.0);
    for (int k = 0; k < 2; k++)
        free(a[k]), free(b[k]);
    free(L), free(R);
    mm_peaklimiter_free(&l1);
    mm_peaklimiter_free(&l2);
}

static const char *const torture_name[] = {"fs/4 45deg", "squares",
                                           "noise", "near-Nyquist",
                                           "alt flips"};

/* worst overshoot (dB over the ceiling) of both channels of a limited
 * torture signal */
static double torture_over(int kind, double fs, double la, double ceil,
                           double input, double release, float **keep)
{
    int n = (int)(fs * 0.06), tail = 1200, N = n + tail;
    float *L = calloc(N, sizeof *L), *R = calloc(N, sizeof *R);
    float *oL = malloc(N * sizeof *oL), *oR = malloc(N * sizeof *oR);
    mmt_torture(kind, L, R, n, fs);
    mm_peaklimiter l = {0};
    assert_int_equal(mm_peaklimiter_init(&l, 2, fs), MM_OK);
    mm_peaklimiter_set(&l, MM_PEAKLIMITER_LOOKAHEAD, la);
    mm_peaklimiter_set(&l, MM_PEAKLIMITER_CEILING, ceil);
    mm_peaklimiter_set(&l, MM_PEAKLIMITER_INPUT, input);
    mm_peaklimiter_set(&l, MM_PEAKLIMITER_RELEASE, release);
    mm_peaklimiter_snap(&l);
    run(&l, L, R, oL, oR, N, 64);
    double a = mmt_tp_ref(oL, N, 1, MMT_TP_L, MMT_TP_K, MMT_TP_BETA);
    double b = mmt_tp_ref(oR, N, 1, MMT_TP_L, MMT_TP_K, MMT_TP_BETA);
    mm_peaklimiter_free(&l);
    if (keep) {
        keep[0] = oL;
        keep[1] = oR;
    } else
        free(oL), free(oR);
    free(L), free(R);
    return mmt_db(a > b ? a : b) - ceil;
}

/* Every torture signal at lookahead 1, 2, 5, 20 ms, ceilings -6, -3, -1,
 * input 0 and +6 dB, 44.1 and 48 kHz: within 0.1 dB of the ceiling, at
 * 1 ms too (the contract asks 1 ms only to beat x42 dpl at 1.2 ms: 0.88
 * on the same meter). */
static void test_torture_matrix(void **state)
{
    (void)state;
    const double rates[] = {44100, 48000}, looks[] = {1, 2, 5, 20};
    const double ceils[] = {-6, -3, -1}, inputs[] = {0, 6};
    for (int kind = 0; kind < 5; kind++) {
        double worst[4] = {-99, -99, -99, -99};
        for (int r = 0; r < 2; r++)
            for (int k = 0; k < 4; k++)
                for (int c = 0; c < 3; c++)
                    for (int g = 0; g < 2; g++) {
                        /* under ASan: 48 kHz, ceiling -1, every kind,
                         * lookahead and input */
                        if (MMT_SANITIZED && (r != 1 || c != 2))
                            continue;
                        double o = torture_over(kind, rates[r], looks[k],
                                                ceils[c], inputs[g], 50,
                                                NULL);
                        if (o > worst[k])
                            worst[k] = o;
                        const double bound = 0.1;
                        if (o > bound)
                            print_message("%s fs %.0f la %.0f ceiling %.0f "
                                          "input %.0f: %+.3f dB\n",
                                          torture_name[kind], rates[r],
                                          looks[k], ceils[c], inputs[g], o);
                        assert_true(o <= bound);
                    }
        print_message("%-13s worst over the ceiling: 1 ms %+.3f, 2 ms %+.3f, "
                      "5 ms %+.3f, 20 ms %+.3f dB\n", torture_name[kind],
                      worst[0], worst[1], worst[2], worst[3]);
    }
    /* the cases: release 1 ms */
    double o1 = torture_over(4, 44100, 1, -6, 0, 1, NULL);
    double o2 = torture_over(4, 44100, 2, -3, 6, 1, NULL);
    print_message("alt flips, release 1: -ceiling -6 -lookahead 1 %+.3f dB, "
                  "-ceiling -3 -lookahead 2 -input 6 %+.3f dB\n", o1, o2);
    assert_true(o1 <= 0.1);
    assert_true(o2 <= 0.1);
}

/* The meter decides no test by its own error: on every limited torture
 * output 32x reads within 0.02 dB. A kernel 1.5 times as long (same beta,
 * so a narrower transition band) agrees within 0.02 dB on fs/4 and
 * squares; on full-band noise, content at 0.49..0.5 fs and fs/2 runs it
 * reads more (0.1 to 0.8 dB: their content inside the transition band is
 * weighted more): their true peak is a property of the meter (printed). */
static void test_meter_convergence(void **state)
{
    (void)state;
    for (int kind = 0; kind < 5; kind++) {
        float *o[2];
        (void)torture_over(kind, 48000, 2, -1, 6, 50, o);
        int N = (int)(48000 * 0.06) + 1200;
        for (int c = 0; c < 2; c++) {
            double m = mmt_db(mmt_tp_ref(o[c], N, 1, 16, 256, 16.0));
            double m32 = mmt_db(mmt_tp_ref(o[c], N, 1, 32, 256, 16.0));
            double ml = mmt_db(mmt_tp_ref(o[c], N, 1, 16, 384, 16.0));
            print_message("%-13s ch %d: 16x %+.4f, 32x %+.4f, K 384 %+.4f "
                          "dBTP\n", torture_name[kind], c + 1, m, m32, ml);
            CHECK_NEAR(m32, m, 0.02);
            if (kind < 2)
                CHECK_NEAR(ml, m, 0.02);
            free(o[c]);
        }
    }
}

/* At 1 ms, music-like material and sines: within 0.1 dB. */
static void test_music_sines_1ms(void **state)
{
    (void)state;
    const double rates[] = {44100, 48000};
    for (int r = 0; r < 2; r++) {
        double fs = rates[r];
        int n = (int)(fs * 0.25), N = n + 1200;
        float *L = calloc(N, sizeof *L), *R = calloc(N, sizeof *R);
        float *oL = malloc(N * sizeof *oL), *oR = malloc(N * sizeof *oR);
        mmt_seed(99);
        double lp = 0, lp2 = 0;
        for (int i = 0; i < n; i++) { /* kick, bass, chord, noise bursts */
            double t = i / fs, tb = fmod(t, 0.25);
            double kick = exp(-tb * 18) * sin(2 * MMT_PI * (50 + 120 * exp(-tb * 40)) * tb);
            lp += 0.3 * (mmt_frand() - lp);
            lp2 += 0.8 * (mmt_frand() - lp2);
            double sn = fmod(t, 0.5) > 0.25 ? exp(-fmod(t, 0.25) * 25) * lp : 0;
            double ch = 0.15 * (sin(2 * MMT_PI * 220 * t) + sin(2 * MMT_PI * 277 * t)
                                + sin(2 * MMT_PI * 330 * t));
            L[i] = (float)(0.6 * kick + 0.5 * tanh(3 * sin(2 * MMT_PI * 55 * t))
                           + sn + ch + 0.1 * lp2);
            R[i] = (float)(0.6 * kick + 0.4 * sn + ch - 0.1 * lp2
                           + 0.3 * sin(2 * MMT_PI * 5000 * t));
        }
        for (int g = 0; g < 2; g++) {
            mm_peaklimiter l = {0};
            assert_int_equal(mm_peaklimiter_init(&l, 2, fs), MM_OK);
            mm_peaklimiter_set(&l, MM_PEAKLIMITER_LOOKAHEAD, 1);
            mm_peaklimiter_set(&l, MM_PEAKLIMITER_INPUT, g ? 12 : 3);
            mm_peaklimiter_snap(&l);
            run(&l, L, R, oL, oR, N, 64);
            double a = mmt_db(mmt_tp_ref(oL, N, 1, 16, 256, 16.0)) + 1;
            double b = mmt_db(mmt_tp_ref(oR, N, 1, 16, 256, 16.0)) + 1;
            print_message("music fs %.0f input %+d dB, 1 ms: %+.3f %+.3f dB\n",
                          fs, g ? 12 : 3, a, b);
            assert_true(a <= 0.1 && b <= 0.1);
            mm_peaklimiter_free(&l);
        }
        const double fr[] = {100, 997, 5000, 15000, 0.45 * fs};
        for (int f = 0; f < 5; f++) {
            memset(L, 0, N * sizeof *L);
            mmt_sine(L, n, 1, 1.0, fr[f], fs, 0.3);
            mmt_sine(R, n, 1, 1.0, fr[f], fs, 1.3);
            mm_peaklimiter l = {0};
            assert_int_equal(mm_peaklimiter_init(&l, 2, fs), MM_OK);
            mm_peaklimiter_set(&l, MM_PEAKLIMITER_LOOKAHEAD, 1);
            mm_peaklimiter_set(&l, MM_PEAKLIMITER_INPUT, 6);
            mm_peaklimiter_snap(&l);
            run(&l, L, R, oL, oR, N, 64);
            double a = mmt_db(mmt_tp_ref(oL, N, 1, 16, 256, 16.0)) + 1;
            double b = mmt_db(mmt_tp_ref(oR, N, 1, 16, 256, 16.0)) + 1;
            print_message("sine %.0f Hz fs %.0f, 1 ms: %+.3f %+.3f dB\n",
                          fr[f], fs, a, b);
            assert_true(a <= 0.1 && b <= 0.1);
            mm_peaklimiter_free(&l);
        }
        free(L), free(R), free(oL), free(oR);
    }
}

/* The fast path (vector dot products, lazy readings) against the plain
 * reference (scalar loops, every reading full): the same output bit for
 * bit on the torture signals and on music at several levels, at 1, 1.2,
 * 5 and 20 ms, the fast one in odd blocks, with the lookahead and the
 * mode changed on the way (the lazy state is settled across both). */
static void music(float *L, float *R, int n, double fs, double gain)
{
    double lp = 0, lp2 = 0;
    mmt_seed(7);
    for (int i = 0; i < n; i++) {
        double t = i / fs, tb = fmod(t, 0.25);
        double kick = exp(-tb * 18)
                      * sin(2 * MMT_PI * (50 + 120 * exp(-tb * 40)) * tb);
        lp += 0.3 * (mmt_frand() - lp);
        lp2 += 0.8 * (mmt_frand() - lp2);
        double sn = fmod(t, 0.5) > 0.25 ? exp(-fmod(t, 0.25) * 25) * lp : 0;
        double ch = 0.15 * (sin(2 * MMT_PI * 220 * t)
                            + sin(2 * MMT_PI * 277 * t)
                            + sin(2 * MMT_PI * 330 * t));
        double swell = 0.5 + 0.5 * sin(2 * MMT_PI * 0.7 * t);
        L[i] = (float)(gain * swell * (0.6 * kick + sn + ch + 0.1 * lp2));
        R[i] = (float)(gain * swell * (0.6 * kick + 0.4 * sn + ch - 0.1 * lp2
                                       + 0.3 * sin(2 * MMT_PI * 5000 * t)));
    }
}

/* samples [from, to) in blocks of the pattern (plain: 64) */
static void run_span(mm_peaklimiter *l, const float *L, const float *R,
                     float **o, int from, int to, int plain)
{
    const int sizes[] = {64, 7, 333, 1, 100};
    for (int i = from, s = 0; i < to; s++) {
        int k = plain ? 64 : sizes[s % 5];
        if (k > to - i)
            k = to - i;
        const float *in[2] = {L + i, R + i};
        float *out[2] = {o[0] + i, o[1] + i};
        mm_peaklimiter_process(l, in, out, k);
        i += k;
    }
}

static unsigned long quick_total; /* readings ended after the sums */
static unsigned long check_total; /* shortcuts checked against full */
static unsigned long rest_total;  /* frames passed whole (rest_chunk) */
static unsigned long medium_total; /* lazy by the medium bound */

static unsigned long lazy_vs_plain(const float *L, const float *R, int n,
                                   double fs, double la, double ceil)
{
    float *o[3][2];
    for (int p = 0; p < 3; p++)
        for (int c = 0; c < 2; c++)
            o[p][c] = malloc(n * sizeof(float));
    /* fast, plain, and check: every reading full, and every shortcut
     * the fast path would take checked against it */
    mm_peaklimiter l[3] = {{0}};
    const int paths[3] = {MM_PEAKLIMITER_PATH_FAST, MM_PEAKLIMITER_PATH_PLAIN,
                          MM_PEAKLIMITER_PATH_CHECK};
    for (int p = 0; p < 3; p++) {
        assert_int_equal(mm_peaklimiter_init(&l[p], 2, fs), MM_OK);
        l[p].path = paths[p];
        mm_peaklimiter_set(&l[p], MM_PEAKLIMITER_LOOKAHEAD, la);
        mm_peaklimiter_set(&l[p], MM_PEAKLIMITER_CEILING, ceil);
        mm_peaklimiter_snap(&l[p]);
        /* a lookahead change and a sample of truepeak 0 on the way */
        const int pl = p == 1;
        run_span(&l[p], L, R, o[p], 0, n / 2, pl);
        mm_peaklimiter_set(&l[p], MM_PEAKLIMITER_LOOKAHEAD, la + 0.5);
        run_span(&l[p], L, R, o[p], n / 2, 3 * n / 4, pl);
        mm_peaklimiter_set(&l[p], MM_PEAKLIMITER_TRUEPEAK, 0);
        run_span(&l[p], L, R, o[p], 3 * n / 4, 3 * n / 4 + 1, pl);
        mm_peaklimiter_set(&l[p], MM_PEAKLIMITER_TRUEPEAK, 1);
        run_span(&l[p], L, R, o[p], 3 * n / 4 + 1, n, pl);
    }
    int same = 1;
    for (int p = 0; p < 3; p += 2)
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < n; i++)
                if (memcmp(&o[p][c][i], &o[1][c][i], sizeof(float)) != 0) {
                    if (same)
                        print_message("path %d != plain at %d ch %d: %.9g "
                                      "%.9g\n", p, i, c, o[p][c][i],
                                      o[1][c][i]);
                    same = 0;
                }
    assert_true(same);
    /* no shortcut the fast path would take is contradicted by the full
     * reading (g would be 1 there, exactly) */
    assert_true(l[2].wrong == 0);
    /* the check path claims the chunks the fast one passes whole */
    assert_true(l[2].rest == l[0].rest);
    assert_true(l[2].lazy + 2 * l[2].rest >= l[0].lazy && l[2].quick > 0);
    check_total += l[2].lazy + l[2].quick + 2 * l[2].rest;
    rest_total += l[0].rest;
    medium_total += l[0].medium;
    assert_true(l[2].medium >= l[0].medium); /* check tries them all */
    assert_true(l[1].lazy == 0 && l[1].quick == 0);
    unsigned long skipped = l[0].lazy;
    quick_total += l[0].quick;
    for (int p = 0; p < 3; p++) {
        mm_peaklimiter_free(&l[p]);
        for (int c = 0; c < 2; c++)
            free(o[p][c]);
    }
    return skipped;
}

static void test_fast_equals_plain(void **state)
{
    (void)state;
    const double looks[] = {1, 1.2, 5, 20};
    const double fs = 48000;
    int n = (int)(fs * 0.5);
    float *L = calloc(n, sizeof *L), *R = calloc(n, sizeof *R);
    for (int k = 0; k < 4; k++) {
        unsigned long lazy = 0;
        for (int kind = 0; kind < 5; kind++) {
            memset(L, 0, n * sizeof *L);
            memset(R, 0, n * sizeof *R);
            mmt_torture(kind, L, R, n / 2, fs);
            lazy += lazy_vs_plain(L, R, n, fs, looks[k], -1);
        }
        const double gains[] = {0.05, 0.3, 1.0, 4.0};
        unsigned long ml = 0;
        for (int g = MMT_SANITIZED ? 2 : 0; g < 4; g++) { /* ASan: 2 */
            music(L, R, n, fs, gains[g]);
            ml += lazy_vs_plain(L, R, n, fs, looks[k], g == 3 ? -6 : -1);
        }
        print_message("lookahead %.1f ms: fast == plain; lazy readings "
                      "%lu of %d (torture), %lu of %d (music); %lu ended "
                      "after the sums; %lu lazy by the medium bound; %lu "
                      "frames passed whole; %lu shortcuts checked, none "
                      "wrong\n",
                      looks[k], lazy, 5 * 2 * n, ml,
                      (MMT_SANITIZED ? 2 : 4) * 2 * n, quick_total,
                      medium_total, rest_total, check_total);
        assert_true(medium_total > 0);
        medium_total = 0;
        check_total = 0;
        assert_true(rest_total > 0);
        rest_total = 0;
        assert_true(ml > 0);
        assert_true(quick_total > 0);
        quick_total = 0;
    }
    free(L), free(R);
}

static void test_args(void **state)
{
    (void)state;
    mm_peaklimiter l = {0};
    assert_int_equal(mm_peaklimiter_init(&l, 0, 48000), MM_E_ARG);
    assert_int_equal(mm_peaklimiter_init(&l, 9, 48000), MM_E_ARG);
    assert_int_equal(mm_peaklimiter_init(&l, 1, 48000), MM_OK);
    assert_true(mm_peaklimiter_set(&l, MM_PEAKLIMITER_CEILING, 3) == 0.0);
    assert_true(mm_peaklimiter_set(&l, MM_PEAKLIMITER_CEILING, -30) == -24.0);
    assert_true(mm_peaklimiter_set(&l, MM_PEAKLIMITER_RELEASE, 0) == 1.0);
    assert_true(mm_peaklimiter_set(&l, MM_PEAKLIMITER_LOOKAHEAD, 50) == 20.0);
    assert_true(mm_peaklimiter_set(&l, MM_PEAKLIMITER_LINK, 150) == 100.0);
    assert_true(mm_peaklimiter_set(&l, MM_PEAKLIMITER_TRUEPEAK, 7) == 1.0);
    assert_true(mm_peaklimiter_set(&l, MM_PEAKLIMITER_INPUT, NAN) == 0.0);
    assert_int_equal(mm_peaklimiter_table.count, MM_PEAKLIMITER_NPARAMS);
    for (int i = 0; i < mm_peaklimiter_table.count; i++)
        assert_int_equal(mm_peaklimiter_table.defs[i].id, i);
    assert_int_equal(mm_peaklimiter_set_samplerate(&l, 96000), MM_OK);
    assert_int_equal(mm_peaklimiter_latency(&l), 1920);
    assert_int_equal(mm_peaklimiter_max_latency(&l), 1921);
    assert_int_equal(mm_peaklimiter_set_samplerate(&l, -1), MM_E_ARG);
    mm_peaklimiter_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_args),
        cmocka_unit_test(test_latency_identity),
        cmocka_unit_test(test_samplepeak_brickwall),
        cmocka_unit_test(test_truepeak_guarantee),
        cmocka_unit_test(test_release),
        cmocka_unit_test(test_link),
        cmocka_unit_test(test_blocks_alias_nan),
        cmocka_unit_test(test_torture_matrix),
        cmocka_unit_test(test_meter_convergence),
        cmocka_unit_test(test_music_sines_1ms),
        cmocka_unit_test(test_fast_equals_plain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
