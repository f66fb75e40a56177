#include "mm_truepeak.h"
#include <stdlib.h>


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
    tp->prev_ok = 1;
    /* the lazy path's bound, with its rounding margin (mm_truepeak.h) */
    double S[MM_OVERSAMPLER_MAX_FACTOR * MM_OVERSAMPLER_MAX_SEGMENTS];
    int ns = mm_oversampler_segment_gains(&tp->os, S);
    float *seg = realloc(tp->seg, (size_t)(factor * ns) * sizeof *seg);
    if (!seg) {
        mm_truepeak_free(tp);
        return MM_E_NOMEM;
    }
    double G = 0.0;
    for (int j = 0; j < factor; j++) {
        double g = 0.0;
        for (int k = 0; k < ns; k++) {
            seg[j * ns + k] = (float)(S[j * ns + k] * (1.0 + 1e-5));
            g += S[j * ns + k];
        }
        G = g > G ? g : G;
    }
    tp->gain = (float)(G * (1.0 + 1e-5));
    tp->seg = seg;
    tp->nseg = ns;
    tp->lift = (float)(mm_oversampler_step_bound(&tp->os) / 8.0 * (1.0 + 1e-5));
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
    free(tp->seg);
    tp->seg = NULL;
    tp->nseg = 0;
    tp->prev = 0.0f;
    tp->samplerate = 0.0;
}

void mm_truepeak_reset(mm_truepeak *tp)
{
    mm_oversampler_reset(&tp->os);
    tp->prev = 0.0f;
    tp->prev_ok = 1;
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

/* The lazy bound of the group of staged inputs g..g+7 (mm_truepeak.h),
 * m = its block peaks; from floor up only as exact as needed to tell it
 * is under floor (the coarse bound G W first: it settles most groups). */
static float group_bound(const mm_truepeak *tp, const float *m, int g,
                         float floor)
{
    const int ns = tp->nseg, L = mm_oversampler_factor(&tp->os);
    float pk[MM_OVERSAMPLER_MAX_SEGMENTS];
    /* W: the blocks, and the sample before them (the first point's left
     * neighbour's window starts there) */
    float W = fabsf(tp->os.hist[1 + g - 1]);
    for (int s = 0; s < ns; s++) {
        pk[s] = m[s] > m[s + 1] ? m[s] : m[s + 1];
        W = m[s] > W ? m[s] : W;
    }
    W = m[ns] > W ? m[ns] : W;
    float lift = tp->lift * W;
    if (tp->gain * W + lift <= floor)
        return tp->gain * W + lift;
    float best = 0.0f;
    for (int j = 0; j < L; j++) {
        const float *S = tp->seg + j * ns;
        float b = 0.0f;
        for (int s = 0; s < ns; s++)
            b += S[s] * pk[s];
        best = b > best ? b : best;
    }
    return best + lift;
}

/* Shared loop: per-sample peaks to out (if not NULL, every period), the
 * max returned; without out, periods whose bound is under floor are
 * skipped (floor < 0: none). */
static float run(mm_truepeak *tp, const float *in, float *out, int n,
                 float floor)
{
    float buf[8 * MM_OVERSAMPLER_MAX_FACTOR];
    float blockmax = 0.0f;
    if (!tp->os.coef) {
        if (out)
            for (int i = 0; i < n; i++)
                out[i] = 0.0f;
        return 0.0f;
    }
    mm_oversampler *os = &tp->os;
    const int L = mm_oversampler_factor(os);
    const int lazy = !out && floor >= 0.0f;
    float M[MM_OVERSAMPLER_CHUNK / 8 + MM_OVERSAMPLER_MAX_SEGMENTS + 1];
    float prev = tp->prev;
    int prev_ok = tp->prev_ok;
    for (int done = 0; done < n;) {
        int cnt = n - done < MM_OVERSAMPLER_CHUNK ? n - done
                                                  : MM_OVERSAMPLER_CHUNK;
        /* all inputs of the chunk are read here, before any output is
         * written: in == out is safe */
        mm_oversampler_stage(os, in + done, cnt);
        if (lazy) {
            mm_oversampler_block_peaks(os, cnt, M);
            /* the whole chunk at once when even its coarse bound is under
             * floor (most chunks of music, once the maximum is found) */
            int nq = (cnt - 1) / 8 + tp->nseg + 1;
            float W = fabsf(os->hist[0]);
            for (int q = 0; q < nq; q++)
                W = M[q] > W ? M[q] : W;
            if ((tp->gain + tp->lift) * W <= floor) {
                prev_ok = 0;
                mm_oversampler_advance(os, cnt);
                done += cnt;
                continue;
            }
        }
        for (int g = 0; g < cnt; g += 8) {
            int nout = cnt - g < 8 ? cnt - g : 8;
            if (lazy && group_bound(tp, M + g / 8, g, floor) <= floor) {
                prev_ok = 0;
                continue;
            }
            if (!prev_ok) { /* the period before, skipped: its last point */
                mm_oversampler_compute(os, g - 1, 1, buf);
                prev = buf[L - 1];
            }
            mm_oversampler_compute(os, g, nout, buf);
            for (int i = 0; i < nout; i++) {
                const float *p = buf + i * L;
                float next = mm_oversampler_phase0(os, g + i + 1);
                float pk = mm_truepeak_period_peak(p, L, prev, next);
                prev = p[L - 1];
                if (out)
                    out[done + g + i] = pk;
                if (pk > blockmax)
                    blockmax = pk;
            }
            prev_ok = 1;
        }
        mm_oversampler_advance(os, cnt);
        done += cnt;
    }
    tp->prev = prev;
    tp->prev_ok = prev_ok;
    return blockmax;
}

void mm_truepeak_process(mm_truepeak *tp, const float *in, float *peak_out,
                         int n)
{
    run(tp, in, peak_out, n, -1.0f);
}

float mm_truepeak_process_max(mm_truepeak *tp, const float *in, int n)
{
    return run(tp, in, NULL, n, -1.0f);
}

float mm_truepeak_process_max_above(mm_truepeak *tp, const float *in, int n,
                                    float floor)
{
    return run(tp, in, NULL, n, floor);
}
