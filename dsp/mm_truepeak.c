#include "mm_truepeak.h"

/* Points handled per pass: the oversampler writes a chunk to the stack
 * (MM_TRUEPEAK_CHUNK * 16 floats at most), then the peak pass reads it. */
#define MM_TRUEPEAK_CHUNK 32

void mm_truepeak_design(double samplerate, int *factor, int *taps,
                        double *beta)
{
    /* Below 80 kHz the audio band reaches 0.4535 fs (20 kHz at 44.1 kHz):
     * 8x. Above, 20 kHz is under 0.23 fs and 4x with the parabolic
     * refinement keeps even 0.45 fs sines within 0.05 dB. */
    *factor = samplerate < 80000.0 ? MM_TRUEPEAK_FACTOR_LOW
                                   : MM_TRUEPEAK_FACTOR_HIGH;
    *taps = MM_TRUEPEAK_TAPS;
    *beta = MM_TRUEPEAK_BETA;
}

int mm_truepeak_init_custom(mm_truepeak *tp, double samplerate, int factor,
                            int taps, double beta)
{
    if (!(samplerate > 0.0) || !mm_isfinite_d(samplerate))
        return MM_E_ARG;
    int r = mm_oversampler_init(&tp->os, factor, taps, beta);
    if (r != MM_OK)
        return r;
    tp->samplerate = samplerate;
    tp->prev = 0.0f;
    return MM_OK;
}

int mm_truepeak_init(mm_truepeak *tp, double samplerate)
{
    int factor, taps;
    double beta;
    mm_truepeak_design(samplerate, &factor, &taps, &beta);
    return mm_truepeak_init_custom(tp, samplerate, factor, taps, beta);
}

void mm_truepeak_free(mm_truepeak *tp)
{
    mm_oversampler_free(&tp->os);
    tp->prev = 0.0f;
    tp->samplerate = 0.0;
}

void mm_truepeak_reset(mm_truepeak *tp)
{
    mm_oversampler_reset(&tp->os);
    tp->prev = 0.0f;
}

int mm_truepeak_latency(const mm_truepeak *tp)
{
    return mm_oversampler_latency(&tp->os);
}

int mm_truepeak_factor(const mm_truepeak *tp)
{
    return mm_oversampler_factor(&tp->os);
}

unsigned long mm_truepeak_nonfinite(const mm_truepeak *tp)
{
    return mm_oversampler_nonfinite(&tp->os);
}

/* Peak of one input period from its L reconstructed points p[0..L-1]
 * (p[0] is the input sample), the last point of the period before (prev)
 * and the first of the next one (next). Every local maximum of |y| is
 * refined by the vertex of the parabola through it and its neighbours:
 * with a = |y_k| and b, c the neighbours signed like y_k,
 *   peak = a + (c - b)^2 / (8 (2a - b - c)),
 * which is at most a/4 above a and exact for a parabola. */
static inline float period_peak(const float *p, int L, float prev,
                                float next)
{
    float best = 0.0f;
    for (int k = 0; k < L; k++) {
        float y = p[k];
        float l = k > 0 ? p[k - 1] : prev;
        float r = k + 1 < L ? p[k + 1] : next;
        float a = fabsf(y);
        if (a > best)
            best = a;
        /* (below 1e-15 the refinement is irrelevant and its squares
         * would underflow into denormals) */
        if (a >= fabsf(l) && a >= fabsf(r) && a > 1e-15f) {
            float b = y > 0.0f ? l : -l;
            float c = y > 0.0f ? r : -r;
            /* in double: in float the square overflows to inf from
             * |y| ~ 1e19 */
            double d = 2.0 * a - b - c;
            if (d > 0.0) {
                double cb = (double)c - b;
                float v = (float)(a + cb * cb / (8.0 * d));
                if (v > best)
                    best = v;
            }
        }
    }
    return best;
}

/* Shared loop: per-sample peaks to out (if not NULL), returns the max. */
static float run(mm_truepeak *tp, const float *in, float *out, int n)
{
    float buf[MM_TRUEPEAK_CHUNK * MM_OVERSAMPLER_MAX_FACTOR];
    float blockmax = 0.0f;
    if (!tp->os.coef) {
        if (out)
            for (int i = 0; i < n; i++)
                out[i] = 0.0f;
        return 0.0f;
    }
    const int L = mm_oversampler_factor(&tp->os);
    const int K = mm_oversampler_latency(&tp->os);
    float prev = tp->prev;
    for (int done = 0; done < n;) {
        int cnt = n - done < MM_TRUEPEAK_CHUNK ? n - done : MM_TRUEPEAK_CHUNK;
        /* all inputs of the chunk are read here, before any output is
         * written: in == out is safe */
        mm_oversampler_process(&tp->os, in + done, buf, cnt);
        for (int i = 0; i < cnt; i++) {
            const float *p = buf + i * L;
            float next = i + 1 < cnt ? p[L]
                                     : mm_oversampler_delayed(&tp->os, K - 1);
            float pk = period_peak(p, L, prev, next);
            prev = p[L - 1];
            if (out)
                out[done + i] = pk;
            if (pk > blockmax)
                blockmax = pk;
        }
        done += cnt;
    }
    tp->prev = prev;
    return blockmax;
}

void mm_truepeak_process(mm_truepeak *tp, const float *in, float *peak_out,
                         int n)
{
    run(tp, in, peak_out, n);
}

float mm_truepeak_process_max(mm_truepeak *tp, const float *in, int n)
{
    return run(tp, in, NULL, n);
}
