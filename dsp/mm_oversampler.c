#include "mm_oversampler.h"
#include "mm_kaiser.h"
#include <stdlib.h>

double mm_oversampler_prototype(const mm_oversampler *os, double tau)
{
    if (!os->coef)
        return 0.0;
    return mm_kaiser_sinc(tau, os->taps / 2, os->beta);
}

int mm_oversampler_init(mm_oversampler *os, int factor, int taps,
                        double beta)
{
    if (factor < 1 || factor > MM_OVERSAMPLER_MAX_FACTOR || taps < 2 ||
        taps > MM_OVERSAMPLER_MAX_TAPS || (taps & 1) || !(beta >= 0.0) ||
        beta > 20.0)
        return MM_E_ARG;
    float *coef = malloc((size_t)taps * (size_t)factor * sizeof *coef);
    /* (8 more: block_peaks reads whole blocks past the staged inputs) */
    float *hist = calloc((size_t)(taps + MM_OVERSAMPLER_CHUNK + 8),
                         sizeof *hist);
    if (!coef || !hist) {
        free(coef);
        free(hist);
        return MM_E_NOMEM;
    }
    int half = taps / 2;
    /* Window sample t holds x[m - K + 1 + t] when phase j computes
     * y(m + j/L): its coefficient is h(j/L + K - 1 - t). */
    for (int j = 0; j < factor; j++) {
        if (j == 0) { /* Nyquist filter: phase 0 is a pure delay (this row
                       * is documentation; process copies the sample) */
            for (int t = 0; t < taps; t++)
                coef[t] = t == half - 1 ? 1.0f : 0.0f;
            continue;
        }
        double h[MM_OVERSAMPLER_MAX_TAPS], sum = 0.0;
        for (int t = 0; t < taps; t++) {
            h[t] = mm_kaiser_sinc((double)j / factor + half - 1 - t, half, beta);
            sum += h[t];
        }
        for (int t = 0; t < taps; t++)
            coef[j * taps + t] = (float)(h[t] / sum);
    }
    free(os->coef);
    free(os->hist);
    os->coef = coef;
    os->hist = hist;
    os->factor = factor;
    os->taps = taps;
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
        memset(os->hist, 0,
               (size_t)(os->taps + MM_OVERSAMPLER_CHUNK + 8) * sizeof *os->hist);
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

/* Phases 1..L-1 for eight consecutive inputs at once: h points at the
 * oldest sample of the first window. Eight independent sums over the taps
 * in ascending order (the same arithmetic for every output, however the
 * input is cut into blocks); the fixed 8-lane inner loop keeps the sums in
 * vector registers at -O2 and -O3 alike. */
static void phases8(const float *restrict coef, const float *restrict h,
                    int taps, int L, float *restrict out, int nout)
{
    for (int j = 1; j < L; j++) {
        const float *c = coef + j * taps;
        /* eight named sums, not an array: an instrumented build (ASan)
         * keeps them in registers too */
        float a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f;
        float a4 = 0.0f, a5 = 0.0f, a6 = 0.0f, a7 = 0.0f;
        for (int t = 0; t < taps; t++) {
            const float ct = c[t], *x = h + t;
            a0 += ct * x[0];
            a1 += ct * x[1];
            a2 += ct * x[2];
            a3 += ct * x[3];
            a4 += ct * x[4];
            a5 += ct * x[5];
            a6 += ct * x[6];
            a7 += ct * x[7];
        }
        const float a[8] = {a0, a1, a2, a3, a4, a5, a6, a7};
        for (int l = 0; l < nout; l++)
            out[l * L + j] = a[l];
    }
}

/* hist[0] is one sample older than the windows of the staged inputs
 * need: w = hist + 1 is where input 0's window starts. */
void mm_oversampler_stage(mm_oversampler *os, const float *in, int n)
{
    float *w = os->hist + os->taps;
    for (int i = 0; i < n; i++)
        w[i] = clean(os, in[i]);
}

void mm_oversampler_block_peaks(const mm_oversampler *os, int n, float *M)
{
    const float *w = os->hist + 1;
    int nq = (n - 1) / 8 + (os->taps + 7) / 8 + 1;
    for (int q = 0; q < nq; q++) {
        float m = 0.0f;
        for (int k = 0; k < 8; k++) {
            float v = fabsf(w[8 * q + k]);
            m = v > m ? v : m;
        }
        M[q] = m;
    }
}

void mm_oversampler_compute(const mm_oversampler *os, int i, int nout,
                            float *out)
{
    const int L = os->factor, K = os->taps / 2;
    const float *w = os->hist + 1 + i;
    /* phase 0 is the input K samples ago, copied */
    for (int l = 0; l < nout; l++)
        out[l * L] = w[l + K - 1];
    phases8(os->coef, w, os->taps, L, out, nout);
}

void mm_oversampler_advance(mm_oversampler *os, int n)
{
    memmove(os->hist, os->hist + n, (size_t)os->taps * sizeof *os->hist);
}

int mm_oversampler_segment_gains(const mm_oversampler *os, double *S)
{
    int ns = (os->taps + 7) / 8;
    for (int j = 0; j < os->factor; j++)
        for (int s = 0; s < ns; s++) {
            double a = 0.0;
            for (int t = 8 * s; t < 8 * s + 8 && t < os->taps; t++)
                a += fabs((double)os->coef[j * os->taps + t]);
            S[j * ns + s] = a;
        }
    return ns;
}

double mm_oversampler_step_bound(const mm_oversampler *os)
{
    const int L = os->factor, T = os->taps;
    double worst = 0.0;
    /* point j of an input against the point before it, both as taps over
     * the T + 1 samples from the earlier input's window on */
    for (int j = 0; j < L; j++) {
        const float *a = os->coef + j * T; /* over samples 1..T */
        const float *b = os->coef + (j > 0 ? j - 1 : L - 1) * T;
        int shift = j > 0 ? 1 : 0;        /* b over samples shift.. */
        double d = 0.0;
        for (int t = 0; t <= T; t++) {
            double ca = t >= 1 ? a[t - 1] : 0.0;
            double cb = t - shift >= 0 && t - shift < T ? b[t - shift] : 0.0;
            d += fabs(ca - cb);
        }
        worst = d > worst ? d : worst;
    }
    return worst;
}

void mm_oversampler_process(mm_oversampler *os, const float *in, float *out,
                            int n)
{
    if (!os->coef) /* not initialised: factor 0, nothing to write */
        return;
    const int L = os->factor;
    while (n > 0) {
        int cnt = n < MM_OVERSAMPLER_CHUNK ? n : MM_OVERSAMPLER_CHUNK;
        mm_oversampler_stage(os, in, cnt);
        /* groups of 8 (the last may read stale, finite samples past the
         * chunk: those lanes are not stored) */
        for (int g = 0; g < cnt; g += 8)
            mm_oversampler_compute(os, g, cnt - g < 8 ? cnt - g : 8,
                                   out + g * L);
        mm_oversampler_advance(os, cnt);
        in += cnt;
        out += (size_t)cnt * (size_t)L;
        n -= cnt;
    }
}
