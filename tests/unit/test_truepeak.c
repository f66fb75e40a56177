/* test_truepeak.c: the true-peak detector against theory.
 *
 * Truth is either analytic (sines and sums of sines: their ideal
 * reconstruction is the signal itself, so the 16x truth is the signal on a
 * 16x grid and the true peak its continuous maximum) or a slow reference
 * written here: 16x oversampling with a 256-tap-per-phase Kaiser-windowed
 * sinc (beta 10, about 100 dB), itself checked against the analytic sines.
 *
 * Printed per rate: the worst under-/over-read of single sines (every
 * frequency from 20 Hz to 20 kHz and on to 0.45 fs, every crest position
 * between the samples), of sums of sines, and of full-band white noise.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm_truepeak.h"
#include "mmtest.h"

static const double rates[] = {44100, 48000, 88200, 96000, 176400, 192000};
#define NRATES 6

static double db(double g)
{
    return 20.0 * log10(g);
}

/* ---- slow reference: 16x, long Kaiser-windowed sinc ------------------ */

#define RK 128 /* half-length in input samples: 256 taps per phase */
#define RL 16
static double ref_h[RL][2 * RK];

static void ref_init(void)
{
    static int done = 0;
    if (!done)
        mmt_sinc_design(&ref_h[0][0], RL, RK, 10.0);
    done = 1;
}

/* y(m + i/16) from x[0..n-1] (zero outside). */
static double ref_point(const float *x, int n, int m, int i)
{
    double acc = 0.0;
    for (int t = 0; t < 2 * RK; t++) {
        int k = m - RK + 1 + t;
        if (k >= 0 && k < n)
            acc += ref_h[i][t] * x[k];
    }
    return acc;
}

/* max |y| over the 16x points of the periods [m0, m1). */
static double ref_max(const float *x, int n, int m0, int m1)
{
    double best = 0.0;
    for (int m = m0; m < m1; m++)
        for (int i = 0; i < RL; i++) {
            double v = fabs(ref_point(x, n, m, i));
            if (v > best)
                best = v;
        }
    return best;
}

/* max |y| over the 16x points p0..p1-1 (point p is y(p / 16)). */
static double ref_max_points(const float *x, int n, int p0, int p1)
{
    double best = 0.0;
    for (int p = p0; p < p1; p++) {
        int m = p >= 0 ? p / RL : -((-p + RL - 1) / RL);
        double v = fabs(ref_point(x, n, m, p - m * RL));
        if (v > best)
            best = v;
    }
    return best;
}

/* ---- helpers ---------------------------------------------------------- */

static void init_rate(mm_truepeak *tp, double fs)
{
    memset(tp, 0, sizeof *tp);
    assert_int_equal(mm_truepeak_init(tp, fs), MM_OK);
}

/* Detector output for a whole signal followed by `latency` zeros, so that
 * out[m + latency] belongs to input period m for every m < n. */
static float *run_all(mm_truepeak *tp, const float *x, int n)
{
    int lat = mm_truepeak_latency(tp);
    float *in = calloc((size_t)(n + lat), sizeof *in);
    float *out = malloc(sizeof *out * (size_t)(n + lat));
    memcpy(in, x, sizeof *x * (size_t)n);
    mm_truepeak_reset(tp);
    mm_truepeak_process(tp, in, out, n + lat);
    free(in);
    return out; /* period m is at out[m + lat] */
}

/* ---- single sines: every frequency, every crest position ------------- */

typedef struct {
    double under, over;     /* vs analytic amplitude, dB */
    double under16, over16; /* vs the 16x truth, dB */
    double fu;              /* frequency of the worst under-read */
} errs;

static void errs_init(errs *e)
{
    e->under = e->under16 = 1e9;
    e->over = e->over16 = -1e9;
    e->fu = 0.0;
}

/* A cosine with a crest at t0 = c + u (u swept through the period); the
 * detector's reading of that crest is the maximum over the one or two
 * periods its parabola can be attributed to. */
static void sine_case(mm_truepeak *tp, double fn, double u, errs *e,
                      float *x, float *o)
{
    const int L = mm_truepeak_factor(tp), K = mm_truepeak_latency(tp);
    const int c = 2 * K + 8, n = c + K + 4;
    const double A = 0.5, t0 = c + u;
    for (int k = 0; k < n; k++)
        x[k] = (float)(A * cos(2.0 * MM_PI * fn * (k - t0)));
    mm_truepeak_reset(tp);
    mm_truepeak_process(tp, x, o, n);
    int mlo = (int)floor(t0 - 0.5 / L), mhi = (int)floor(t0 + 0.5 / L);
    double r = 0.0, t16 = 0.0;
    for (int m = mlo; m <= mhi; m++)
        if (o[m + K] > r)
            r = o[m + K];
    for (int i = 0; i < 16 * (mhi + 1 - mlo); i++) {
        double v = fabs(A * cos(2.0 * MM_PI * fn * (mlo + i / 16.0 - t0)));
        if (v > t16)
            t16 = v;
    }
    double ea = db(r / A), e16 = db(r / t16);
    if (ea < e->under) {
        e->under = ea;
        e->fu = fn;
    }
    if (ea > e->over)
        e->over = ea;
    if (e16 < e->under16)
        e->under16 = e16;
    if (e16 > e->over16)
        e->over16 = e16;
}

static void test_sines(void **state)
{
    (void)state;
    float x[512], o[512];
    for (int ri = 0; ri < NRATES; ri++) {
        double fs = rates[ri];
        mm_truepeak tp;
        init_rate(&tp, fs);
        errs audio, top;
        errs_init(&audio);
        errs_init(&top);
        /* 20 Hz..20 kHz log-spaced, then linear up to the top: 0.45 fs,
         * or 20 kHz where that is higher (0.4535 fs at 44.1 kHz) */
        double ftop = 0.45 * fs > 20000.0 ? 0.45 * fs : 20000.0;
        for (int fi = 0; fi <= 300; fi++) {
            double f = fi <= 200 ? 20.0 * pow(1000.0, fi / 200.0)
                                 : 20000.0 + (ftop - 20000.0) * (fi - 200) / 100.0;
            for (int ui = 0; ui < 64; ui++) {
                double u = (ui + mmt_frand01()) / 64.0;
                sine_case(&tp, f / fs, u, f <= 20000.0 ? &audio : &top, x, o);
            }
        }
        if (top.under > audio.under) { /* top = whole range */
            top.under = audio.under;
            top.fu = audio.fu;
        }
        if (audio.over > top.over)
            top.over = audio.over;
        if (audio.under16 < top.under16)
            top.under16 = audio.under16;
        if (audio.over16 > top.over16)
            top.over16 = audio.over16;
        printf("sines %6.0f Hz, %dx, %d taps: 20 Hz-20 kHz %+.4f/%+.4f dB "
               "vs amplitude; to %.0f Hz %+.4f/%+.4f dB (worst at %.0f Hz), "
               "vs 16x truth %+.4f/%+.4f dB\n",
               fs, mm_truepeak_factor(&tp), 2 * mm_truepeak_latency(&tp),
               audio.under, audio.over, ftop, top.under, top.over,
               top.fu * fs, top.under16, top.over16);
        assert_true(audio.under > -0.01);
        assert_true(top.under > -0.05);
        assert_true(top.over < 0.01);
        assert_true(top.under16 > -0.05);
        assert_true(top.over16 < 0.05);
        mm_truepeak_free(&tp);
    }
}

/* The slow reference agrees with the analytic sines (checks the test). */
static void test_reference_vs_analytic(void **state)
{
    (void)state;
    ref_init();
    const double fns[] = {0.01, 0.1, 0.21, 0.3333, 0.4, 0.45, 0.4535};
    enum { N = 1200 };
    static float x[N];
    double worst = 0.0;
    for (size_t fi = 0; fi < sizeof fns / sizeof *fns; fi++) {
        double fn = fns[fi], ph = 0.123 + fi;
        for (int k = 0; k < N; k++)
            x[k] = (float)(0.8 * sin(2.0 * MM_PI * fn * k + ph));
        double r = ref_max(x, N, 400, 500), a = 0.0;
        for (int m = 400; m < 500; m++)
            for (int i = 0; i < 16; i++) {
                double v = fabs(0.8 * sin(2.0 * MM_PI * fn * (m + i / 16.0) + ph));
                if (v > a)
                    a = v;
            }
        if (fabs(db(r / a)) > worst)
            worst = fabs(db(r / a));
    }
    printf("slow 16x reference vs analytic 16x grid: within %.5f dB\n", worst);
    assert_true(worst < 0.001);
}

/* ---- sums of sines ---------------------------------------------------- */

static void test_multitone(void **state)
{
    (void)state;
    enum { N = 700, NT = 5 };
    static float x[N];
    for (int ri = 0; ri < NRATES; ri++) {
        double fs = rates[ri];
        mm_truepeak tp;
        init_rate(&tp, fs);
        int K = mm_truepeak_latency(&tp), a = 3 * K, b = N - 2 * K;
        double under = 1e9, over = -1e9, under16 = 1e9, over16 = -1e9;
        double ftop = (0.45 * fs > 20000.0 ? 0.45 * fs : 20000.0) / fs;
        int used = 0;
        for (int trial = 0; trial < 60; trial++) {
            double f[NT], amp[NT], ph[NT];
            for (int j = 0; j < NT; j++) {
                f[j] = 20.0 / fs + (ftop - 20.0 / fs) * mmt_frand01();
                amp[j] = 0.05 + 0.2 * mmt_frand01();
                ph[j] = 2.0 * MM_PI * mmt_frand01();
            }
#define SIG(t) (amp[0] * sin(2 * MM_PI * f[0] * (t) + ph[0]) + \
                amp[1] * sin(2 * MM_PI * f[1] * (t) + ph[1]) + \
                amp[2] * sin(2 * MM_PI * f[2] * (t) + ph[2]) + \
                amp[3] * sin(2 * MM_PI * f[3] * (t) + ph[3]) + \
                amp[4] * sin(2 * MM_PI * f[4] * (t) + ph[4]))
            for (int k = 0; k < N; k++)
                x[k] = (float)SIG((double)k);
            /* continuous truth on a 256x grid (error < 0.0003 dB), over
             * [a, b) and over a margin around it */
            double truth = 0.0, wide = 0.0, t16 = 0.0, tstar = 0.0;
            for (int k = (a - 1) * 256; k < (b + 1) * 256; k++) {
                double t = k / 256.0, v = fabs(SIG(t));
                if (t >= a - 0.2 && t < b + 0.2 && v > wide)
                    wide = v;
                if (t >= a && t < b) {
                    if (v > truth) {
                        truth = v;
                        tstar = t;
                    }
                    if (k % 16 == 0 && v > t16)
                        t16 = v;
                }
            }
#undef SIG
            /* skip trials whose peak sits on the window edge */
            if (tstar < a + 0.2 || tstar > b - 0.2 || wide > truth)
                continue;
            used++;
            mm_truepeak_reset(&tp);
            float *o = run_all(&tp, x, N);
            double r = 0.0;
            for (int m = a; m < b; m++)
                if (o[m + K] > r)
                    r = o[m + K];
            free(o);
            double e = db(r / truth), e16 = db(r / t16);
            under = e < under ? e : under;
            over = e > over ? e : over;
            under16 = e16 < under16 ? e16 : under16;
            over16 = e16 > over16 ? e16 : over16;
        }
        printf("5-tone sums %6.0f Hz (%d trials): %+.4f/%+.4f dB vs "
               "continuous peak, %+.4f/%+.4f dB vs 16x truth\n",
               fs, used, under, over, under16, over16);
        assert_true(used > 30);
        assert_true(under > -0.05 && over < 0.02);
        assert_true(under16 > -0.05 && over16 < 0.05);
        mm_truepeak_free(&tp);
    }
}

/* Signals with content right up to fs/2, beyond the detector's band
 * (flat to 0.4535 fs, -6 dB at fs/2): full-band white noise and a
 * hard-clipped sine. Reported per 32-sample window against the slow
 * reference (whose band reaches about 0.49 fs); bounded loosely: this is
 * the detector's known limit, documented in mm_truepeak.h. */
static void fullband_case(const char *name, const float *x, int n,
                          double fs, double bound)
{
    enum { W = 32 };
    mm_truepeak tp;
    init_rate(&tp, fs);
    int K = mm_truepeak_latency(&tp), L = mm_truepeak_factor(&tp);
    float *o = run_all(&tp, x, n);
    double under = 1e9, over = -1e9, gd = 0.0, gr = 0.0;
    for (int w0 = 2 * RK; w0 + W <= n - 2 * RK; w0 += W) {
        double r = 0.0;
        for (int m = w0; m < w0 + W; m++)
            r = o[m + K] > r ? o[m + K] : r;
        /* a crest is reported in the period of its nearest detector
         * point: shift the reference window by half a detector step */
        double t = ref_max_points(x, n, RL * w0 - RL / (2 * L),
                                  RL * (w0 + W) - RL / (2 * L));
        double e = db(r / t);
        under = e < under ? e : under;
        over = e > over ? e : over;
        gd = r > gd ? r : gd;
        gr = t > gr ? t : gr;
    }
    free(o);
    printf("%-18s %6.0f Hz: per 32-sample window %+.3f/%+.3f dB, overall "
           "peak %+.3f dB vs 16x reference\n", name, fs, under, over,
           db(gd / gr));
    assert_true(under > -bound && over < bound);
    assert_true(fabs(db(gd / gr)) < bound);
    mm_truepeak_free(&tp);
}

static void test_fullband(void **state)
{
    (void)state;
    ref_init();
    enum { N = 2400 };
    static float x[N];
    for (int k = 0; k < N; k++)
        x[k] = (float)(mmt_frand01() - 0.5);
    fullband_case("white noise", x, N, 48000, 1.5);
    fullband_case("white noise", x, N, 96000, 1.5);
    for (int k = 0; k < N; k++) { /* 997 Hz at 48 kHz, clipped 12 dB */
        double v = 4.0 * sin(2.0 * MM_PI * 997.0 / 48000.0 * k);
        x[k] = (float)(v > 1.0 ? 1.0 : (v < -1.0 ? -1.0 : v));
    }
    fullband_case("clipped sine", x, N, 48000, 1.5);
}

/* ---- EBU Tech 3341 cases 15-23 style -------------------------------- */

/* Steady sine, returns detector max over the middle, checks the slow
 * reference and the analytic value agree with it. */
static void ebu_sine(double fs, double fdiv, double amp, double phase_deg,
                     double want_sp_db, double want_tp_db, const char *name)
{
    enum { N = 1600 };
    static float x[N];
    mm_truepeak tp;
    init_rate(&tp, fs);
    int K = mm_truepeak_latency(&tp);
    double sp = 0.0;
    for (int k = 0; k < N; k++) {
        x[k] = (float)(amp * sin(2.0 * MM_PI * k / fdiv + phase_deg * MM_PI / 180.0));
        if (k >= 300 && k < 600 && fabs(x[k]) > sp)
            sp = fabs(x[k]);
    }
    float *o = run_all(&tp, x, N);
    double r = 0.0;
    for (int m = 300; m < 600; m++)
        r = o[m + K] > r ? o[m + K] : r;
    double ref = ref_max(x, N, 300, 600);
    free(o);
    printf("%-32s %6.0f Hz: sample peak %+.3f dBFS, detector %+.3f dBTP, "
           "16x reference %+.3f dBTP (expected %+.2f)\n", name, fs, db(sp),
           db(r), db(ref), want_tp_db);
    assert_true(fabs(db(sp) - want_sp_db) < 0.01);
    assert_true(fabs(db(r) - want_tp_db) < 0.05);
    assert_true(fabs(db(r) - db(ref)) < 0.05);
    mm_truepeak_free(&tp);
}

static void test_ebu_sines(void **state)
{
    (void)state;
    ref_init();
    const double half = db(0.5);
    for (int ri = 0; ri < NRATES; ri++) {
        double fs = rates[ri];
        /* 15: fs/4, 0 deg: the samples hit the crests */
        ebu_sine(fs, 4, 0.5, 0, half, half, "15: fs/4, 0.5, 0 deg");
        /* 16: fs/4, 45 deg: samples 3 dB under the true peak */
        ebu_sine(fs, 4, 0.5, 45, half - db(sqrt(2.0)), half,
                 "16: fs/4, 0.5, 45 deg");
        ebu_sine(fs, 6, 0.5, 60, half + db(cos(MM_PI / 6)), half,
                 "17: fs/6, 0.5, 60 deg");
        ebu_sine(fs, 8, 0.5, 67.5, half + db(cos(MM_PI / 8)), half,
                 "18: fs/8, 0.5, 67.5 deg");
        /* 19: full-scale samples +1 +1 -1 -1: +3 dBTP */
        ebu_sine(fs, 4, sqrt(2.0), 45, 0.0, db(sqrt(2.0)),
                 "19: fs/4, 1.41, 45 deg (+3 dBTP)");
    }
}

/* 20-23 style: a band-limited pulse (0.4 fs, windowed sinc) whose crest
 * sits 0, 1/4, 1/2 and 3/4 sample after a sample; true peak 0 dBTP. */
static void test_ebu_pulses(void **state)
{
    (void)state;
    ref_init();
    enum { N = 800 };
    static float x[N];
    for (int ri = 0; ri < NRATES; ri++) {
        for (int off = 0; off < 4; off++) {
            double u = off / 4.0, c = 400.0 + u, sp = 0.0;
            for (int k = 0; k < N; k++) {
                double t = k - c, r = t / 60.0, v = 0.0;
                if (fabs(r) < 1.0) {
                    double s = t == 0.0 ? 1.0 : sin(0.8 * MM_PI * t) / (0.8 * MM_PI * t);
                    v = s * mmt_bessel_i0(8.0 * sqrt(1.0 - r * r)) / mmt_bessel_i0(8.0);
                }
                x[k] = (float)v;
                sp = fabs(v) > sp ? fabs(v) : sp;
            }
            mm_truepeak tp;
            init_rate(&tp, rates[ri]);
            int K = mm_truepeak_latency(&tp);
            float *o = run_all(&tp, x, N);
            double r = 0.0;
            for (int m = 0; m < N; m++)
                r = o[m + K] > r ? o[m + K] : r;
            free(o);
            double ref = ref_max(x, N, 330, 470);
            if (ri == 1 || ri == 5)
                printf("%d: pulse, crest +%.2f sample %6.0f Hz: sample peak "
                       "%+.3f dBFS, detector %+.3f dBTP, 16x reference %+.3f "
                       "dBTP\n", 20 + off, u, rates[ri], db(sp), db(r), db(ref));
            assert_true(fabs(db(ref)) < 0.02);       /* the pulse's peak: 1 */
            assert_true(fabs(db(r) - db(ref)) < 0.05);
            if (off == 2)
                assert_true(db(sp) < -2.0); /* samples well under it */
            mm_truepeak_free(&tp);
        }
    }
}

/* Alternating full-scale samples +1 -1 (fs/2): the samples are the
 * crests, 0 dBTP; +1 +1 -1 -1 is case 19 (+3 dBTP). */
static void test_alternating(void **state)
{
    (void)state;
    enum { N = 400 };
    float x[N];
    for (int ri = 0; ri < NRATES; ri++) {
        mm_truepeak tp;
        init_rate(&tp, rates[ri]);
        int K = mm_truepeak_latency(&tp);
        for (int k = 0; k < N; k++)
            x[k] = k & 1 ? -1.0f : 1.0f;
        float *o = run_all(&tp, x, N);
        double r = 0.0;
        for (int m = 100; m < 300; m++)
            r = o[m + K] > r ? o[m + K] : r;
        free(o);
        assert_true(fabs(db(r)) < 0.01);
        for (int k = 0; k < N; k++)
            x[k] = (k & 2) ? -1.0f : 1.0f;
        o = run_all(&tp, x, N);
        double r2 = 0.0;
        for (int m = 100; m < 300; m++)
            r2 = o[m + K] > r2 ? o[m + K] : r2;
        free(o);
        if (ri == 1)
            printf("alternating +1-1: %+.4f dBTP; +1+1-1-1: %+.4f dBTP "
                   "(theory 0 and +3.0103)\n", db(r), db(r2));
        assert_true(fabs(db(r2) - db(sqrt(2.0))) < 0.02);
        mm_truepeak_free(&tp);
    }
}

/* ---- mechanics --------------------------------------------------------- */

static void test_design_per_rate(void **state)
{
    (void)state;
    const int want[NRATES] = {8, 8, 4, 4, 4, 4};
    for (int ri = 0; ri < NRATES; ri++) {
        mm_truepeak tp;
        init_rate(&tp, rates[ri]);
        assert_int_equal(mm_truepeak_factor(&tp), want[ri]);
        assert_int_equal(mm_truepeak_latency(&tp), MM_TRUEPEAK_TAPS / 2);
        mm_truepeak_free(&tp);
    }
    mm_truepeak tp = {0};
    assert_int_equal(mm_truepeak_init(&tp, 0.0), MM_E_ARG);
    assert_int_equal(mm_truepeak_init(&tp, NAN), MM_E_ARG);
    /* re-init changes the rate and frees the old filter (ASan checks) */
    assert_int_equal(mm_truepeak_init(&tp, 48000), MM_OK);
    assert_int_equal(mm_truepeak_init(&tp, 96000), MM_OK);
    assert_int_equal(mm_truepeak_factor(&tp), 4);
    assert_int_equal(mm_truepeak_init(&tp, 22050), MM_OK);
    assert_int_equal(mm_truepeak_factor(&tp), 8);
    mm_truepeak_free(&tp);
    /* a freed detector reads 0 and does not crash */
    float in[3] = {1, 1, 1}, out[3] = {5, 5, 5};
    mm_truepeak_process(&tp, in, out, 3);
    assert_true(out[0] == 0.0f && mm_truepeak_process_max(&tp, in, 3) == 0.0f);
}

/* Latency: the period of input m is reported at m + latency and includes
 * the sample itself, so peak_out[m + lat] >= |x[m]| exactly; one sample
 * early it is not. */
static void test_latency(void **state)
{
    (void)state;
    enum { N = 3000 };
    static float x[N];
    for (int k = 0; k < N; k++)
        x[k] = (float)(mmt_frand01() - 0.5) * (k % 97 == 0 ? 1.8f : 0.6f);
    for (int ri = 0; ri < NRATES; ri++) {
        mm_truepeak tp;
        init_rate(&tp, rates[ri]);
        int K = mm_truepeak_latency(&tp);
        float *o = run_all(&tp, x, N);
        for (int m = 0; m < N; m++)
            assert_true(o[m + K] >= fabsf(x[m]));
        free(o);
        /* an impulse: its period is the maximum, at n0 + latency */
        float imp[200] = {0}, out[200];
        imp[50] = 1.0f;
        mm_truepeak_reset(&tp);
        mm_truepeak_process(&tp, imp, out, 200);
        int arg = 0;
        for (int k = 0; k < 200; k++)
            if (out[k] > out[arg])
                arg = k;
        assert_int_equal(arg, 50 + K);
        assert_float_equal(out[arg], 1.0f, 1e-4f);
        mm_truepeak_free(&tp);
    }
}

static void test_block_independence(void **state)
{
    (void)state;
    enum { N = 20000 };
    const int sizes[] = {1, 7, 64, 4096};
    float *in = malloc(sizeof *in * N), *ref = malloc(sizeof *ref * N),
          *out = malloc(sizeof *out * N);
    for (int k = 0; k < N; k++)
        in[k] = (float)(0.9 * sin(0.37 * k) * (mmt_frand01() < 0.01 ? 1.2 : 0.8) +
                        0.05 * (mmt_frand01() - 0.5));
    for (int ri = 0; ri < NRATES; ri += 2) {
        mm_truepeak tp;
        init_rate(&tp, rates[ri]);
        mm_truepeak_process(&tp, in, ref, N);
        for (int s = 0; s < 4; s++) {
            mm_truepeak_reset(&tp);
            for (int k = 0; k < N; k += sizes[s]) {
                int cnt = N - k < sizes[s] ? N - k : sizes[s];
                mm_truepeak_process(&tp, in + k, out + k, cnt);
            }
            assert_memory_equal(out, ref, sizeof *out * N);
            /* process_max: the maximum of what process writes */
            mm_truepeak_reset(&tp);
            for (int k = 0; k < N; k += sizes[s]) {
                int cnt = N - k < sizes[s] ? N - k : sizes[s];
                float mx = mm_truepeak_process_max(&tp, in + k, cnt), want = 0;
                for (int j = k; j < k + cnt; j++)
                    want = ref[j] > want ? ref[j] : want;
                assert_true(mx == want);
            }
        }
        /* in place (Pd may pass the same buffer) */
        mm_truepeak_reset(&tp);
        memcpy(out, in, sizeof *out * N);
        for (int k = 0; k < N; k += 64)
            mm_truepeak_process(&tp, out + k, out + k, N - k < 64 ? N - k : 64);
        assert_memory_equal(out, ref, sizeof *out * N);
        /* reset gives a fresh detector */
        mm_truepeak_reset(&tp);
        mm_truepeak_process(&tp, in, out, N);
        assert_memory_equal(out, ref, sizeof *out * N);
        mm_truepeak_free(&tp);
    }
    free(in);
    free(ref);
    free(out);
}

/* NaN/inf: counted and read as silence; every output finite; once the bad
 * samples are a filter length behind, the output is exactly that of the
 * clean signal with zeros in their place. */
static void test_nonfinite(void **state)
{
    (void)state;
    enum { N = 1000 };
    float in[N], clean[N], a[N], b[N];
    for (int k = 0; k < N; k++)
        in[k] = clean[k] = (float)(0.7 * sin(0.21 * k));
    for (int k = 300; k < 364; k++) {
        in[k] = k % 3 == 0 ? NAN : (k % 3 == 1 ? INFINITY : -INFINITY);
        clean[k] = 0.0f;
    }
    mm_truepeak tp;
    init_rate(&tp, 48000);
    int K = mm_truepeak_latency(&tp);
    mm_truepeak_process(&tp, in, a, N);
    assert_int_equal(mm_truepeak_nonfinite(&tp), 64);
    mm_truepeak_reset(&tp);
    mm_truepeak_process(&tp, clean, b, N);
    for (int k = 0; k < N; k++) {
        assert_true(mm_isfinite_f(a[k]));
        assert_true(a[k] == b[k]);
    }
    /* a filter length (2K samples: period m reads x[m-K..m+K]) after the
     * last bad input, the output is that of the sine that never had one */
    for (int k = 300; k < 364; k++)
        clean[k] = (float)(0.7 * sin(0.21 * k));
    mm_truepeak_reset(&tp);
    mm_truepeak_process(&tp, clean, b, N);
    for (int k = 364 + 2 * K; k < N; k++)
        assert_true(a[k] == b[k]);
    assert_true(a[364 + K] != b[364 + K]);
    /* a NaN-only block through process_max reads 0, then recovers */
    float nan_block[64];
    for (int k = 0; k < 64; k++)
        nan_block[k] = NAN;
    mm_truepeak_reset(&tp);
    assert_true(mm_truepeak_process_max(&tp, nan_block, 64) == 0.0f);
    float mx = mm_truepeak_process_max(&tp, clean, 500);
    assert_true(mm_isfinite_f(mx) && fabs(db(mx / 0.7)) < 0.05);
    mm_truepeak_free(&tp);
}

/* Tiny input never yields denormal peaks; silence reads exactly 0. */
static void test_denormal_silence(void **state)
{
    (void)state;
    enum { N = 300 };
    float in[N], out[N];
    for (int k = 0; k < N; k++)
        in[k] = (k & 1 ? 1e-38f : -3e-39f) * (float)(k % 4);
    mm_truepeak tp;
    init_rate(&tp, 44100);
    mm_truepeak_process(&tp, in, out, N);
    for (int k = 0; k < N; k++)
        assert_true(out[k] == 0.0f || out[k] >= 1.17549435e-38f);
    for (int k = 0; k < N; k++)
        in[k] = 1e-25f * (float)sin(0.3 * k);
    mm_truepeak_process(&tp, in, out, N);
    for (int k = 0; k < N; k++)
        assert_true(out[k] == 0.0f || out[k] >= 1.17549435e-38f);
    for (int k = 0; k < N; k++)
        in[k] = 0.0f;
    mm_truepeak_process(&tp, in, out, N);
    assert_true(out[N - 1] == 0.0f);
    mm_truepeak_free(&tp);
}

/* ---- the lazy meter path against the full one ------------------------ */

/* One signal through two detectors in blocks of `bs`: the full path
 * (process_max) and the lazy one fed the running maximum as its floor,
 * as loudness~ does; and a third, lazy against a fixed floor. After every
 * block the running maxima must be equal bit for bit, and max(lazy,
 * floor) must equal max(full, floor). Returns the final maximum. */
static float lazy_vs_full(const float *x, int n, double fs, int bs,
                          float fixed)
{
    mm_truepeak full, lazy, fix, fixfull;
    init_rate(&full, fs);
    init_rate(&lazy, fs);
    init_rate(&fix, fs);
    init_rate(&fixfull, fs);
    float mf = 0.0f, ml = 0.0f;
    for (int i = 0; i < n; i += bs) {
        int len = n - i < bs ? n - i : bs;
        float a = mm_truepeak_process_max(&full, x + i, len);
        float b = mm_truepeak_process_max_above(&lazy, x + i, len, ml);
        mf = a > mf ? a : mf;
        ml = b > ml ? b : ml;
        if (mf != ml) {
            print_error("block %d of %d at %.0f Hz: full %.9g, lazy %.9g\n",
                        i / bs, bs, fs, mf, ml);
            fail();
        }
        float c = mm_truepeak_process_max(&fixfull, x + i, len);
        float d = mm_truepeak_process_max_above(&fix, x + i, len, fixed);
        assert_true((c > fixed ? c : fixed) == (d > fixed ? d : fixed));
    }
    mm_truepeak_free(&full);
    mm_truepeak_free(&lazy);
    mm_truepeak_free(&fix);
    mm_truepeak_free(&fixfull);
    return mf;
}

/* The signal cut into three level steps (0, -20, -6 dB), so the lazy path
 * skips the quiet part and must wake up for the loud one. */
static void steps(float *x, int n)
{
    for (int k = 0; k < n; k++)
        x[k] *= k < n / 3 ? 1.0f : k < 2 * n / 3 ? 0.1f : 0.5f;
}

/* A signal as it is and in level steps, in blocks of 64, 1, 37 and 500,
 * with fixed floors 0, 0.3, 0.9, 1.2; returns the runs made. */
static int variants(const float *x, int n, double fs)
{
    static float y[12000];
    const int sizes[] = {64, 1, 37, 500};
    const float fixed[] = {0.0f, 0.3f, 0.9f, 1.2f};
    assert_true(n <= 12000);
    for (int s = 0; s < 4; s++) {
        memcpy(y, x, (size_t)n * sizeof *y);
        if (s & 1)
            steps(y, n);
        lazy_vs_full(y, n, fs, sizes[s], fixed[s]);
    }
    return 4;
}

static void test_lazy_equals_full(void **state)
{
    (void)state;
    enum { N = 12000 };
    static float x[N];
    int cases = 0;
    for (int ri = 0; ri < NRATES; ri++) {
        double fs = rates[ri];
        /* EBU Tech 3341 cases 15-19: fs/4, fs/6, fs/8 sines */
        const double div[] = {4, 4, 6, 8, 4}, ph[] = {0, 45, 60, 67.5, 45};
        const double amp[] = {0.5, 0.5, 0.5, 0.5, M_SQRT2};
        for (int c = 0; c < 5; c++) {
            for (int k = 0; k < N; k++)
                x[k] = (float)(amp[c] * sin(2.0 * MM_PI * k / div[c]
                                            + ph[c] * MM_PI / 180.0));
            cases += variants(x, N, fs);
        }
        /* cases 20-23 style: band-limited pulses, crest 0..3/4 sample
         * after a sample, repeated with silence between */
        for (int off = 0; off < 4; off++) {
            for (int k = 0; k < N; k++) {
                double t = (k % 800) - 400.0 - off / 4.0, r = t / 60.0;
                double v = 0.0;
                if (fabs(r) < 1.0) {
                    double sn = t == 0.0 ? 1.0
                                         : sin(0.8 * MM_PI * t) / (0.8 * MM_PI * t);
                    v = sn * mmt_bessel_i0(8.0 * sqrt(1.0 - r * r))
                        / mmt_bessel_i0(8.0);
                }
                x[k] = (float)v;
            }
            cases += variants(x, N, fs);
        }
    }
    /* the limiter contract's torture signals, both channels, against the
     * contract's meter (printed: the detector's own accuracy is tested
     * above; here only lazy == full matters) */
    enum { T = 48000 };
    static float l[T], r[T];
    for (int kind = 0; kind < MMT_TORTURE_KINDS; kind++) {
        mmt_torture(kind, l, r, T, 48000.0);
        for (int c = 0; c < 2; c++) {
            float *v = c ? r : l;
            cases += variants(v, N, 48000.0);
            float best = lazy_vs_full(v, N, 48000.0, 64, -1.0f);
            double ref = mmt_tp_ref(v, N, 1, MMT_TP_L, MMT_TP_K, MMT_TP_BETA);
            printf("torture %d %s: lazy = full %+.4f dBTP, contract meter "
                   "%+.4f dBTP\n", kind, c ? "R" : "L", db(best), db(ref));
        }
    }
    printf("lazy true peak: %d signals x block sizes, bit-identical\n", cases);
}

int main(void)
{
    mmt_seed(987654321u);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_design_per_rate),
        cmocka_unit_test(test_reference_vs_analytic),
        cmocka_unit_test(test_sines),
        cmocka_unit_test(test_multitone),
        cmocka_unit_test(test_fullband),
        cmocka_unit_test(test_ebu_sines),
        cmocka_unit_test(test_ebu_pulses),
        cmocka_unit_test(test_alternating),
        cmocka_unit_test(test_latency),
        cmocka_unit_test(test_block_independence),
        cmocka_unit_test(test_lazy_equals_full),
        cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_denormal_silence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
