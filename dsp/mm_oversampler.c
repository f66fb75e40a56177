#include "mm_oversampler.h"
#include <stdlib.h>

/* Modified Bessel function of the first kind, order 0, by its power
 * series sum_k ((x/2)^k / k!)^2 (converges fast for the x <= 20 used). */
static double bessel_i0(double x)
{
    double sum = 1.0, term = 1.0, q = 0.25 * x * x;
    for (int k = 1; k < 500; k++) {
        term *= q / ((double)k * (double)k);
        sum += term;
        if (term < 1e-17 * sum)
            break;
    }
    return sum;
}

static double proto(double tau, int half, double beta)
{
    if (fabs(tau) >= (double)half)
        return 0.0;
    double r = tau / (double)half;
    double w = bessel_i0(beta * sqrt(1.0 - r * r)) / bessel_i0(beta);
    double s = fabs(tau) < 1e-12 ? 1.0 : sin(MM_PI * tau) / (MM_PI * tau);
    return s * w;
}

double mm_oversampler_prototype(const mm_oversampler *os, double tau)
{
    if (!os->coef)
        return 0.0;
    return proto(tau, os->taps / 2, os->beta);
}

int mm_oversampler_init(mm_oversampler *os, int factor, int taps,
                        double beta)
{
    if (factor < 1 || factor > MM_OVERSAMPLER_MAX_FACTOR || taps < 2 ||
        taps > MM_OVERSAMPLER_MAX_TAPS || (taps & 1) || !(beta >= 0.0) ||
        beta > 20.0)
        return MM_E_ARG;
    float *coef = malloc((size_t)taps * (size_t)factor * sizeof *coef);
    float *hist = calloc((size_t)taps * 2, sizeof *hist);
    if (!coef || !hist) {
        free(coef);
        free(hist);
        return MM_E_NOMEM;
    }
    int half = taps / 2;
    /* Window sample t holds x[m - K + 1 + t] when phase j computes
     * y(m + j/L): its coefficient is h(j/L + K - 1 - t). */
    for (int j = 0; j < factor; j++) {
        if (j == 0) { /* Nyquist filter: phase 0 is a pure delay */
            for (int t = 0; t < taps; t++)
                coef[t * factor] = t == half - 1 ? 1.0f : 0.0f;
            continue;
        }
        double h[MM_OVERSAMPLER_MAX_TAPS], sum = 0.0;
        for (int t = 0; t < taps; t++) {
            h[t] = proto((double)j / factor + half - 1 - t, half, beta);
            sum += h[t];
        }
        for (int t = 0; t < taps; t++)
            coef[t * factor + j] = (float)(h[t] / sum);
    }
    free(os->coef);
    free(os->hist);
    os->coef = coef;
    os->hist = hist;
    os->factor = factor;
    os->taps = taps;
    os->pos = 0;
    os->beta = beta;
    os->nonfinite = 0;
    return MM_OK;
}

void mm_oversampler_free(mm_oversampler *os)
{
    free(os->coef);
    free(os->hist);
    memset(os, 0, sizeof *os);
}

void mm_oversampler_reset(mm_oversampler *os)
{
    if (os->hist)
        memset(os->hist, 0, (size_t)os->taps * 2 * sizeof *os->hist);
    os->pos = 0;
}

int mm_oversampler_latency(const mm_oversampler *os)
{
    return os->taps / 2;
}

int mm_oversampler_factor(const mm_oversampler *os)
{
    return os->factor;
}

unsigned long mm_oversampler_nonfinite(const mm_oversampler *os)
{
    return os->nonfinite;
}

/* One FIR pass over the window for all L phases at once: the coefficient
 * layout puts the phases side by side, so the inner loop is a vector
 * multiply-add over phases with no reduction (vectorises without
 * -ffast-math). Called with a constant L so each case is specialised. */
static inline void kernel(const float *restrict c, const float *restrict w,
                          int taps, float *restrict out, const int L)
{
    float acc[MM_OVERSAMPLER_MAX_FACTOR];
    for (int j = 0; j < L; j++)
        acc[j] = 0.0f;
    for (int t = 0; t < taps; t++) {
        const float xv = w[t];
        const float *ct = c + t * L;
        for (int j = 0; j < L; j++)
            acc[j] += ct[j] * xv;
    }
    for (int j = 0; j < L; j++)
        out[j] = acc[j];
}

/* Sanitise by bit pattern: inf/NaN -> 0 (counted), |x| < ~1e-30 -> 0. */
static inline float clean(mm_oversampler *os, float x)
{
    uint32_t u;
    memcpy(&u, &x, sizeof u);
    uint32_t e = (u >> 23) & 0xffu;
    if (e == 0xffu) {
        os->nonfinite++;
        return 0.0f;
    }
    if (e < 27u) /* 2^(27-127) = 7.9e-31 */
        return 0.0f;
    return x;
}

void mm_oversampler_process(mm_oversampler *os, const float *in, float *out,
                            int n)
{
    if (!os->coef) /* not initialised: factor 0, nothing to write */
        return;
    const int L = os->factor, taps = os->taps;
    const float *c = os->coef;
    for (int i = 0; i < n; i++) {
        float x = clean(os, in[i]);
        int p = os->pos;
        os->hist[p] = x;
        os->hist[p + taps] = x;
        p = p + 1 == taps ? 0 : p + 1;
        os->pos = p;
        const float *w = os->hist + p;
        float *o = out + (size_t)i * L;
        switch (L) {
        case 2: kernel(c, w, taps, o, 2); break;
        case 4: kernel(c, w, taps, o, 4); break;
        case 8: kernel(c, w, taps, o, 8); break;
        case 16: kernel(c, w, taps, o, 16); break;
        default: kernel(c, w, taps, o, L); break;
        }
    }
}
