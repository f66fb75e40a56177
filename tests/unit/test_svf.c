/* test_svf.c: the trapezoidal state-variable filter (dsp/mm_svf.h)
 * against theory.
 *
 * - the measured response of every output (DFT of a long impulse
 *   response) is the analog prototype at the prewarped frequency,
 *   H(j tan(pi f/fs) / g) with LP = 1/D, BP = s/D, HP = s^2/D,
 *   AP = (s^2 - k s + 1)/D, D = s^2 + k s + 1, within 1e-8 dB and
 *   1e-8 rad, for Q from 0.5 to 10, cutoffs 20 Hz .. 0.45 fs, 44.1 to
 *   192 kHz; mm_svf_response gives the same values;
 * - landmarks: LP 0 dB at DC; LP, BP and HP 20 log10(Q) dB at the cutoff;
 *   AP 0 dB everywhere with -180 degrees at the cutoff; Butterworth
 *   -3.01 dB at the cutoff and the prewarped 1/(1 + W^4) slope;
 * - per sample, LP + k BP + HP = x;
 * - the block size does not change the output; in == out works;
 * - mm_svf_ramp: g moves in equal steps and lands exactly on the new
 *   design; a fast glide stays bounded (stable while g moves);
 * - flush: tiny state goes to 0, non-finite state is cleared and reported.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "mmtest.h"
#include <stdlib.h>

#include "mm_svf.h"

#define MAXLEN (1 << 21)


/* the analog prototype at W = tan(pi f / fs) / g: re, im */
static void analog(mm_svf_output o, double W, double k, double *re,
                   double *im)
{
    double dr = 1.0 - W * W, di = k * W, nr, ni;
    switch (o) {
    case MM_SVF_LOW: nr = 1.0; ni = 0.0; break;
    case MM_SVF_BAND: nr = 0.0; ni = W; break;
    case MM_SVF_HIGH: nr = -W * W; ni = 0.0; break;
    default: nr = 1.0 - W * W; ni = -k * W; break;
    }
    double d = dr * dr + di * di;
    *re = (nr * dr + ni * di) / d;
    *im = (ni * dr - nr * di) / d;
}

/* impulse response of an output, in double (the float block path is
 * checked separately) */
static void impulse(const mm_svf_coef *c, mm_svf_output o, double *h, int n)
{
    mm_svf s = {0.0, 0.0};
    for (int i = 0; i < n; i++) {
        double x = i == 0 ? 1.0 : 0.0, low;
        double band = mm_svf_tick(&s, c, x, &low);
        switch (o) {
        case MM_SVF_LOW: h[i] = low; break;
        case MM_SVF_BAND: h[i] = band; break;
        case MM_SVF_HIGH: h[i] = x - c->k * band - low; break;
        default: h[i] = x - 2.0 * c->k * band; break;
        }
    }
}

/* DFT of h at f by a rotating phasor (renormalised every 4096 steps) */
static void dft(const double *h, int n, double f, double fs, double *re,
                double *im)
{
    const double w = 2.0 * MM_PI * f / fs, cw = cos(w), sw = sin(w);
    double pr = 1.0, pi = 0.0, c = 0.0, s = 0.0;
    for (int i = 0; i < n; i++) {
        c += h[i] * pr;
        s += h[i] * pi;
        double t = pr * cw + pi * sw; /* times e^{-jw} */
        pi = pi * cw - pr * sw;
        pr = t;
        if ((i & 4095) == 4095) {
            double m = 1.0 / hypot(pr, pi);
            pr *= m;
            pi *= m;
        }
    }
    *re = c;
    *im = s;
}

static void test_response(void **state)
{
    (void)state;
    double *h = malloc(sizeof *h * MAXLEN);
    assert_non_null(h);
    const double rates[] = {44100, 48000, 96000, 192000};
    const double qs[] = {0.5, 0.7071067811865476, 2.0, 10.0};
    const double fracs[] = {0.0, 0.05, 0.2, 0.45}; /* 0: 20 Hz */
    double worst_db = 0.0, worst_ph = 0.0;
    for (int r = 0; r < 4; r++)
        for (int q = 0; q < 4; q++)
            for (int fi = 0; fi < 4; fi++) {
                double fs = rates[r], k = 1.0 / qs[q];
                double fc = fracs[fi] > 0.0 ? fracs[fi] * fs : 20.0;
                /* 45 time constants of the poles' decay, 2Q / w0 */
                int n = (int)(45.0 * 2.0 * qs[q] * fs / (2 * MM_PI * fc));
                n = n < 4096 ? 4096 : (n > MAXLEN ? MAXLEN : n);
                mm_svf_coef c;
                mm_svf_set(&c, fc, k, fs);
                for (int o = MM_SVF_LOW; o <= MM_SVF_ALL; o++) {
                    impulse(&c, (mm_svf_output)o, h, n);
                    for (double f = 10.0; f < 0.49 * fs; f *= 1.5) {
                        double mr, mi, ar, ai, rr, ri;
                        dft(h, n, f, fs, &mr, &mi);
                        analog((mm_svf_output)o, tan(MM_PI * f / fs) / c.g,
                               k, &ar, &ai);
                        mm_svf_response(&c, (mm_svf_output)o, f, fs, &rr,
                                        &ri);
                        double ma = hypot(ar, ai), mm = hypot(mr, mi);
                        if (ma < 1e-4) /* deep stopband: absolute */
                            CHECK_NEAR(mm, ma, 1e-10);
                        else {
                            double e = fabs(20 * log10(mm / ma));
                            double p = fabs(remainder(atan2(mi, mr)
                                                      - atan2(ai, ar),
                                                      2 * MM_PI));
                            if (e > worst_db)
                                worst_db = e;
                            if (p > worst_ph)
                                worst_ph = p;
                            CHECK_NEAR(e, 0.0, 1e-8);
                            CHECK_NEAR(p, 0.0, 1e-8);
                        }
                        CHECK_NEAR(rr, ar, 1e-12 * (1.0 + fabs(ar)));
                        CHECK_NEAR(ri, ai, 1e-12 * (1.0 + fabs(ai)));
                    }
                }
            }
    printf("svf: measured vs prewarped prototype within %.2g dB, %.2g rad\n",
           worst_db, worst_ph);
    free(h);
}

static double db_at(const mm_svf_coef *c, mm_svf_output o, double f,
                    double fs)
{
    double re, im;
    mm_svf_response(c, o, f, fs, &re, &im);
    return 10 * log10(re * re + im * im);
}

static void test_landmarks(void **state)
{
    (void)state;
    const double fs = 48000;
    const double qs[] = {0.5, 0.7071067811865476, 3.0};
    for (int q = 0; q < 3; q++) {
        mm_svf_coef c;
        mm_svf_set(&c, 1000.0, 1.0 / qs[q], fs);
        double qdb = 20 * log10(qs[q]);
        CHECK_NEAR(db_at(&c, MM_SVF_LOW, 0.0, fs), 0.0, 1e-12);
        CHECK_NEAR(db_at(&c, MM_SVF_LOW, 1000.0, fs), qdb, 1e-9);
        CHECK_NEAR(db_at(&c, MM_SVF_HIGH, 1000.0, fs), qdb, 1e-9);
        CHECK_NEAR(db_at(&c, MM_SVF_BAND, 1000.0, fs), qdb, 1e-9);
        double re, im;
        mm_svf_response(&c, MM_SVF_ALL, 1000.0, fs, &re, &im);
        CHECK_NEAR(re, -1.0, 1e-9);
        for (double f = 10.0; f < 24000.0; f *= 1.3)
            CHECK_NEAR(db_at(&c, MM_SVF_ALL, f, fs), 0.0, 1e-9);
    }
    /* Butterworth: -3.01 dB at the cutoff, -12 dB/oct an octave apart
     * well above it (at 4 and 8 kHz for a 500 Hz cutoff, prewarped) */
    mm_svf_coef c;
    mm_svf_set(&c, 500.0, sqrt(2.0), fs);
    CHECK_NEAR(db_at(&c, MM_SVF_LOW, 500.0, fs), -3.0103, 1e-4);
    double w4 = tan(MM_PI * 4000 / fs) / c.g, w8 = tan(MM_PI * 8000 / fs) / c.g;
    CHECK_NEAR(db_at(&c, MM_SVF_LOW, 4000.0, fs)
                   - db_at(&c, MM_SVF_LOW, 8000.0, fs),
               10 * log10((1 + pow(w8, 4)) / (1 + pow(w4, 4))), 1e-9);
}

static void test_outputs_sum(void **state)
{
    (void)state;
    mm_svf_coef c;
    mm_svf_set(&c, 2500.0, 0.3, 44100);
    mm_svf s = {0.0, 0.0};
    uint32_t u = 1;
    for (int i = 0; i < 10000; i++) {
        u = u * 1664525u + 1013904223u;
        double x = (double)(u >> 8) / 8388608.0 - 1.0, low;
        double band = mm_svf_tick(&s, &c, x, &low);
        double high = x - c.k * band - low;
        CHECK_NEAR(low + c.k * band + high, x, 1e-12);
    }
}

static void test_blocks(void **state)
{
    (void)state;
    static float in[4096], a[4096], b[4096];
    uint32_t u = 7;
    for (int i = 0; i < 4096; i++) {
        u = u * 1664525u + 1013904223u;
        in[i] = (float)((double)(u >> 8) / 8388608.0 - 1.0);
    }
    mm_svf_coef c;
    mm_svf_set(&c, 300.0, 0.8, 48000);
    for (int o = MM_SVF_LOW; o <= MM_SVF_ALL; o++) {
        mm_svf s1 = {0.0, 0.0}, s2 = {0.0, 0.0};
        mm_svf_process(&c, &s1, (mm_svf_output)o, in, a, 4096);
        memcpy(b, in, sizeof b);
        for (int i = 0, n = 1; i < 4096; i += n, n = n % 61 + 7) {
            int m = i + n > 4096 ? 4096 - i : n;
            mm_svf_process(&c, &s2, (mm_svf_output)o, b + i, b + i, m);
        }
        assert_memory_equal(a, b, sizeof a);
    }
}

static void test_ramp(void **state)
{
    (void)state;
    const double fs = 48000;
    mm_svf_coef from, to;
    mm_svf_set(&from, 100.0, sqrt(2.0), fs);
    mm_svf_set(&to, 10000.0, sqrt(2.0), fs);
    mm_svf_ramp r;
    mm_svf_ramp_snap(&r, &from);
    mm_svf_ramp_to(&r, &to, 16);
    double prev = r.c.g, step = (to.g - from.g) / 16;
    for (int i = 1; i < 16; i++) {
        mm_svf_ramp_tick(&r);
        CHECK_NEAR(r.c.g - prev, step, 1e-12);
        mm_svf_coef d;
        mm_svf_set_g(&d, r.c.g, r.c.k);
        assert_memory_equal(&d, &r.c, sizeof d);
        prev = r.c.g;
    }
    mm_svf_ramp_tick(&r);
    assert_memory_equal(&r.c, &to, sizeof to);
    assert_int_equal(r.remaining, 0);
    mm_svf_ramp_tick(&r); /* settled: stays */
    assert_memory_equal(&r.c, &to, sizeof to);
    /* n <= 1 snaps */
    mm_svf_ramp_to(&r, &from, 1);
    assert_memory_equal(&r.c, &from, sizeof from);
    /* a full-scale tone through glides 20 Hz <-> 0.45 fs every 64
     * samples, Q 10: bounded */
    mm_svf s = {0.0, 0.0};
    mm_svf_coef lo, hi;
    mm_svf_set(&lo, 20.0, 0.1, fs);
    mm_svf_set(&hi, 0.45 * fs, 0.1, fs);
    mm_svf_ramp_snap(&r, &lo);
    double peak = 0.0;
    for (int i = 0; i < 48000; i++) {
        if (i % 64 == 0)
            mm_svf_ramp_to(&r, (i / 64) & 1 ? &lo : &hi, 64);
        mm_svf_ramp_tick(&r);
        double low, x = sin(2 * MM_PI * 1000.0 * i / fs);
        double band = mm_svf_tick(&s, &r.c, x, &low);
        double m = fabs(low) + fabs(band);
        if (m > peak)
            peak = m;
    }
    assert_true(mm_isfinite_d(peak) && peak < 100.0);
}

static void test_flush(void **state)
{
    (void)state;
    mm_svf s = {1e-35, -1e-300};
    assert_int_equal(mm_svf_flush(&s), 0);
    assert_true(s.ic1 == 0.0 && s.ic2 == 0.0);
    s.ic1 = 0.5;
    s.ic2 = -0.25;
    assert_int_equal(mm_svf_flush(&s), 0);
    assert_true(s.ic1 == 0.5 && s.ic2 == -0.25);
    s.ic1 = NAN;
    assert_int_equal(mm_svf_flush(&s), 1);
    assert_true(s.ic1 == 0.0 && s.ic2 == 0.0);
    s.ic1 = 0.5;
    s.ic2 = INFINITY;
    assert_int_equal(mm_svf_flush(&s), 1);
    assert_true(s.ic1 == 0.0 && s.ic2 == 0.0);
    mm_svf_reset(&s);
    s.ic1 = 1.0;
    mm_svf_reset(&s);
    assert_true(s.ic1 == 0.0 && s.ic2 == 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_response),
        cmocka_unit_test(test_landmarks),
        cmocka_unit_test(test_outputs_sum),
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_ramp),
        cmocka_unit_test(test_flush),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
