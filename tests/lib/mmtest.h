/* mmtest.h: the helpers shared by the unit tests (tests/unit), the test
 * tools (tests/tools) and the core benchmarks (bench/core). Header only,
 * no dependency but the C library (and cmocka for the CHECK_ macros,
 * which exist only when <cmocka.h> was included first).
 *
 * Test signals:
 *   mmt_seed(s), mmt_frand()   one deterministic pseudo-random stream:
 *       the linear congruential generator x' = 1664525 x + 1013904223
 *       (mod 2^32; Numerical Recipes' constants), top 24 bits out.
 *       mmt_frand() is uniform in [-1, 1) on a 2^-23 grid, mmt_frand01()
 *       in [0, 1) on a 2^-24 grid (same draw: (mmt_frand() + 1) / 2).
 *       Each program starts at seed 12345; mmt_seed() picks another.
 *   mmt_noise(n)               malloc'd n samples of mmt_frand() (free it)
 *   mmt_pink(p) with mmt_pink_state p = {0}   the next sample of pink
 *       noise (-3 dB/octave) of about unit rms: white mmt_frand() through
 *       Paul Kellett's "refined" pinking filter (seven first-order
 *       sections; within 0.05 dB of 1/f above 9.2 Hz at 44.1 kHz), from
 *       the one random stream
 *   mmt_sine(x, n, stride, amp, f, fs, phase)
 *       x[k * stride] = amp sin(2 pi f k / fs + phase), k = 0 .. n-1
 *   mmt_decay_probe(i, fs)     sample i of the denormal probe: 1 s of
 *       1 kHz at full scale decaying 60 dB per 100 ms from 0.2 s on (so it
 *       passes through the float and double denormal ranges), 1 s of
 *       silence, then constant 1e-40 (a denormal float); MMT_PROBE_SECONDS
 *       long. Recursive state driven by it, flushed once per block, must
 *       never be mmt_tiny().
 *   mmt_tiny(v)                0 < |v| < 1e-30 (the flush threshold)
 * Numbers:
 *   mmt_db(g)                  20 log10 |g|
 *   mmt_tp_ref(x, n, stride, L, K, beta)   the reference true peak
 *       (linear) of n samples x[k * stride], silence around them: every
 *       period read at L points by mmt_sinc_design(L, K, beta), each local
 *       maximum refined by a parabola through its neighbours. Periods are
 *       first read at 4 points; only those within 1.5 dB of the coarse
 *       maximum (or next to one) are read at L (the 4-point grid is at
 *       most 0.7 dB under a signal band-limited to 0.51 fs). The meter of
 *       the limiter's contract is L 16, K 256, beta 16 (MMT_TP_*).
 *   mmt_torture(kind, L, R, n, fs)   the limiter contract's torture
 *       signals, stereo, amplitude 1: 0 fs/4 at 45 degrees (R inverted),
 *       1 a naive 1 kHz square / a 440 Hz sine clipped by 12 dB, 2
 *       full-scale uniform noise / random signs, 3 a sweep 0.45 -> 0.499 fs
 *       / a 0.49 fs sine, 4 alternating runs of 1 to 500 samples with sign
 *       flips between them (the length changes every 150 samples) / an fs/2 tone whose sign flips every 97
 *       samples, silent one second in four (MMT_TORTURE_KINDS)
 *   mmt_sinc_design(h, L, K, beta)   the reference interpolator of the
 *       true-peak checks: L phases of 2K taps, h[i * 2K + t] the weight of
 *       x[m - K + 1 + t] in y(m + i/L); sinc(tau) under a Kaiser window
 *       I0(beta sqrt(1 - (tau/K)^2)) / I0(beta), tau = i/L + K - 1 - t,
 *       each phase normalised to unity DC gain (phase 0 is x[m] itself)
 *   mmt_bessel_i0(x)           I0, the modified Bessel function of the
 *       first kind of order 0 (its power series)
 *   mmt_d_from_bits(u), mmt_f_from_bits(u)
 *       a double/float from its bit pattern, through a volatile object so
 *       the compiler cannot fold checks on special values away
 * cmocka checks (print the values on failure):
 *   CHECK_NEAR(a, b, tol)      |a - b| <= tol
 *   CHECK_BITS_D(a, b), CHECK_BITS_F(a, b)   bit for bit (-0.0 != 0.0)
 */
#ifndef MM_TEST_H
#define MM_TEST_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MMT_PI 3.14159265358979323846

/* 1 when built with AddressSanitizer (make check's asan pass runs every
 * unit test again to find memory errors). The release pass checks every
 * case's numbers; a sweep whose cases all take the same code paths may
 * take fewer of them here (each sweep says which). */
#if defined(__SANITIZE_ADDRESS__)
#define MMT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MMT_SANITIZED 1
#endif
#endif
#ifndef MMT_SANITIZED
#define MMT_SANITIZED 0
#endif

static inline uint32_t *mmt_rng_state(void)
{
    static uint32_t s = 12345u;
    return &s;
}

static inline void mmt_seed(uint32_t s) { *mmt_rng_state() = s; }

/* uniform in [-1, 1) */
static inline double mmt_frand(void)
{
    uint32_t *s = mmt_rng_state();
    *s = *s * 1664525u + 1013904223u;
    return (double)(*s >> 8) / 8388608.0 - 1.0;
}

/* uniform in [0, 1) */
static inline double mmt_frand01(void) { return 0.5 * (mmt_frand() + 1.0); }

static inline float *mmt_noise(long n)
{
    float *x = malloc((size_t)(n > 0 ? n : 1) * sizeof *x);
    if (x)
        for (long i = 0; i < n; i++)
            x[i] = (float)mmt_frand();
    return x;
}

typedef struct mmt_pink_state {
    double b[7];
} mmt_pink_state;

static inline double mmt_pink(mmt_pink_state *p)
{
    double w = mmt_frand(), *b = p->b;
    b[0] = 0.99886 * b[0] + w * 0.0555179;
    b[1] = 0.99332 * b[1] + w * 0.0750759;
    b[2] = 0.96900 * b[2] + w * 0.1538520;
    b[3] = 0.86650 * b[3] + w * 0.3104856;
    b[4] = 0.55000 * b[4] + w * 0.5329522;
    b[5] = -0.7616 * b[5] - w * 0.0168980;
    double y = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + w * 0.5362;
    b[6] = w * 0.115926;
    return 0.569 * y; /* about unit rms from uniform white of rms 0.577 */
}

static inline void mmt_sine(float *x, long n, int stride, double amp,
                            double f, double fs, double phase)
{
    for (long k = 0; k < n; k++)
        x[k * stride] = (float)(amp * sin(2.0 * MMT_PI * f * k / fs + phase));
}

#define MMT_PROBE_SECONDS 3

static inline float mmt_decay_probe(long i, double fs)
{
    double t = i / fs;
    if (t < 1.0) {
        double g = t < 0.2 ? 1.0 : pow(10.0, -600.0 * (t - 0.2) / 20.0);
        return (float)(g * sin(2 * MMT_PI * 1000.0 * t));
    }
    return t < 2.0 ? 0.0f : 1e-40f;
}

static inline int mmt_tiny(double v) { return v != 0.0 && fabs(v) < 1e-30; }

static inline double mmt_db(double g) { return 20.0 * log10(fabs(g)); }

static inline double mmt_bessel_i0(double x)
{
    double sum = 1.0, term = 1.0;
    for (int k = 1; k < 500 && term > 1e-18 * sum; k++) {
        term *= (x * x / 4.0) / ((double)k * k);
        sum += term;
    }
    return sum;
}

static inline void mmt_sinc_design(double *h, int L, int K, double beta)
{
    for (int i = 0; i < L; i++) {
        double sum = 0.0, *p = h + (size_t)i * 2 * K;
        for (int t = 0; t < 2 * K; t++) {
            double tau = (double)i / L + K - 1 - t, r = tau / K, v = 0.0;
            if (fabs(r) < 1.0) {
                double s = tau == 0.0 ? 1.0
                                      : sin(MMT_PI * tau) / (MMT_PI * tau);
                v = s * mmt_bessel_i0(beta * sqrt(1.0 - r * r))
                    / mmt_bessel_i0(beta);
            }
            p[t] = v;
            sum += v;
        }
        for (int t = 0; t < 2 * K; t++)
            p[t] /= sum;
    }
}

static inline double mmt_tp_dot(const double *a, const double *b, int n)
{
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    int t = 0;
    for (; t + 4 <= n; t += 4) {
        s0 += a[t] * b[t];
        s1 += a[t + 1] * b[t + 1];
        s2 += a[t + 2] * b[t + 2];
        s3 += a[t + 3] * b[t + 3];
    }
    for (; t < n; t++)
        s0 += a[t] * b[t];
    return (s0 + s1) + (s2 + s3);
}

/* the contract's reference meter: 16x, 512 taps per phase, beta 16 */
#define MMT_TP_L 16
#define MMT_TP_K 256
#define MMT_TP_BETA 16.0

static inline double mmt_tp_ref(const float *x, long n, int stride, int L,
                                int K, double beta)
{
    double *h = malloc((size_t)L * 2 * K * sizeof *h);
    long pad = 2 * (long)K + 2, len = n + 2 * pad;
    double *xp = calloc((size_t)len, sizeof *xp);
    /* coarse reading per period m (index m + K), periods -K .. n + K - 1 */
    long np = n + 2 * (long)K;
    double *coarse = malloc((size_t)np * sizeof *coarse);
    double best = 0.0, cmax = 0.0;
    if (!h || !xp || !coarse) {
        free(h), free(xp), free(coarse);
        return -1.0;
    }
    mmt_sinc_design(h, L, K, beta);
    for (long k = 0; k < n; k++)
        xp[pad + k] = x[k * stride];
    /* y(m + i/L) from the window starting at x[m - K + 1] */
#define MMT_TP_Y(m, i)                                                     \
    ((i) == 0 ? xp[pad + (m)] : mmt_tp_dot(h + (size_t)(i) * 2 * K,        \
                                           xp + pad + (m) - K + 1, 2 * K))
    for (long m = -K; m < n + K; m++) {
        double c = 0.0;
        for (int j = 0; j < 4; j++) {
            double v = fabs(MMT_TP_Y(m, j * L / 4));
            c = v > c ? v : c;
        }
        coarse[m + K] = c;
        cmax = c > cmax ? c : cmax;
    }
    double p1 = 0.0, p2 = 0.0; /* the last two points read */
    long last = -K - 2;        /* period they belong to */
    for (long m = -K; m < n + K; m++) {
        double c = coarse[m + K];
        if (m > -K && coarse[m + K - 1] > c)
            c = coarse[m + K - 1];
        if (m + 1 < n + K && coarse[m + K + 1] > c)
            c = coarse[m + K + 1];
        if (c < 0.84 * cmax || cmax == 0.0)
            continue;
        if (last != m - 1) { /* the last point of the period before */
            p2 = fabs(MMT_TP_Y(m - 1, L - 2));
            p1 = fabs(MMT_TP_Y(m - 1, L - 1));
        }
        for (int i = 0; i <= L; i++) { /* one point into the next period */
            double y = i < L ? fabs(MMT_TP_Y(m, i)) : fabs(xp[pad + m + 1]);
            if (p1 >= p2 && p1 >= y && p1 > 0.0) {
                double d = 2.0 * p1 - p2 - y, v = p1;
                if (d > 0.0)
                    v = p1 + (y - p2) * (y - p2) / (8.0 * d);
                best = v > best ? v : best;
            }
            best = y > best ? y : best;
            if (i < L) {
                p2 = p1;
                p1 = y;
            }
        }
        last = m;
    }
#undef MMT_TP_Y
    free(h), free(xp), free(coarse);
    return best;
}

#define MMT_TORTURE_KINDS 5

/* The limiter contract's torture signals, stereo, amplitude 1, n
 * samples (see the header comment). */
static inline void mmt_torture(int kind, float *L, float *R, int n, double fs)
{
    static const int len[] = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96,
                              128, 256, 500};
    mmt_seed(777);
    float s = 1.0f;
    int k = 0;
    for (int i = 0; i < n; i++) {
        double t = i / fs;
        switch (kind) {
        case 0: /* fs/4 at 45 degrees */
            L[i] = (float)sin(MMT_PI / 2 * i + MMT_PI / 4);
            R[i] = -L[i];
            break;
        case 1: { /* naive square, clipped sine */
            double cs = 4.0 * sin(2 * MMT_PI * 440.0 * t);
            L[i] = fmod(t * 1000.0, 1.0) < 0.5 ? 1.0f : -1.0f;
            R[i] = (float)(cs > 1 ? 1 : (cs < -1 ? -1 : cs));
            break;
        }
        case 2: /* full-scale noise: uniform, and random signs */
            L[i] = (float)mmt_frand();
            R[i] = mmt_frand() > 0.0 ? 1.0f : -1.0f;
            break;
        case 3: /* near-Nyquist: a sweep 0.45 -> 0.499 fs, a 0.49 fs sine */
            L[i] = (float)sin(2 * MMT_PI * (0.45 * i + 0.049 * (double)i * i
                                                           / (2.0 * n)));
            R[i] = (float)sin(2 * MMT_PI * 0.49 * i + 0.3);
            break;
        default: /* alternating runs with sign flips (fs/2 phase jumps) */
            L[i] = s;
            s = -s;
            if (++k >= len[(i / 150) % 16]) {
                k = 0;
                s = -s;
            }
            R[i] = (i & 1 ? -1.0f : 1.0f) * (float)((i / 97) % 2 ? 1 : -1);
            if ((i / 1000) % 4 == 3)
                R[i] = 0.0f;
            break;
        }
    }
}

static inline double mmt_d_from_bits(uint64_t u)
{
    volatile double v;
    double d;
    memcpy(&d, &u, sizeof d);
    v = d;
    return v;
}

static inline float mmt_f_from_bits(uint32_t u)
{
    volatile float v;
    float f;
    memcpy(&f, &u, sizeof f);
    v = f;
    return v;
}

#ifdef cmocka_unit_test
#define CHECK_NEAR(a, b, tol)                                              \
    do {                                                                   \
        double a_ = (a), b_ = (b), t_ = (tol);                             \
        if (!(fabs(a_ - b_) <= t_)) {                                      \
            print_error("%s = %.17g, expected %.17g +- %g\n", #a, a_, b_,  \
                        t_);                                               \
            fail();                                                        \
        }                                                                  \
    } while (0)

#define CHECK_BITS_D(a, b)                                                 \
    do {                                                                   \
        double a_ = (a), b_ = (b);                                         \
        if (memcmp(&a_, &b_, sizeof a_) != 0) {                            \
            print_error("%s = %.17g, expected exactly %.17g\n", #a, a_,    \
                        b_);                                               \
            fail();                                                        \
        }                                                                  \
    } while (0)

#define CHECK_BITS_F(a, b)                                                 \
    do {                                                                   \
        float a_ = (a), b_ = (b);                                          \
        if (memcmp(&a_, &b_, sizeof a_) != 0) {                            \
            print_error("%s = %.9g, expected exactly %.9g\n", #a,          \
                        (double)a_, (double)b_);                           \
            fail();                                                        \
        }                                                                  \
    } while (0)
#endif

#endif
