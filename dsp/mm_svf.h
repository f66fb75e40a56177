/* mm_svf.h: second-order state-variable filter in the trapezoidal
 * (topology-preserving, "zero-delay feedback") form: one section gives
 * the low-pass, band-pass, high-pass and all-pass outputs of one pole
 * pair, and its state stays meaningful while its coefficients move, so
 * the frequency can glide under running audio without clicks.
 *
 * Analog prototype, s normalised to the cutoff w0, k = 1/Q:
 *   D  = s^2 + k s + 1
 *   LP = 1/D,  BP = s/D,  HP = s^2/D,   x = HP + k BP + LP
 *   AP = x - 2k BP = (s^2 - k s + 1)/D   (|AP| = 1)
 * Discretised by the trapezoidal rule with the cutoff prewarped,
 *   g = tan(pi f / fs),  a1 = 1 / (1 + g (g + k)),  a2 = g a1,  a3 = g a2,
 * and run per sample on the integrators' trapezoidal states ic1, ic2:
 *   v3 = x - ic2
 *   v1 = a1 ic1 + a2 v3            (band)
 *   v2 = ic2 + a2 ic1 + a3 v3      (low)
 *   ic1 = 2 v1 - ic1,  ic2 = 2 v2 - ic2
 *   high = x - k v1 - v2,  all = x - 2k v1.
 * This is the bilinear transform of the prototype, so the digital
 * response is the analog one at the prewarped frequency, exactly:
 *   H(e^{j 2 pi f/fs}) = H_analog(j tan(pi f/fs) / g).
 * Stable for every g > 0, k > 0, including while g moves.
 * References: V. Zavalishin, "The Art of VA Filter Design" (2012), ch. 3-4;
 * A. Simper, "Linear trapezoidal integrated state variable filter" (2013).
 *
 * Gliding: mm_svf_ramp moves g linearly sample by sample from the
 * current design to a new one over n samples (the caller redesigns at a
 * control rate, see mm_crossover) and lands exactly on the new design.
 *
 * Parameters: f Hz (0 < f < fs/2), k = 1/Q (> 0; sqrt 2 = Butterworth),
 * fs Hz. Double precision state and coefficients. Latency: none.
 */
#ifndef MM_SVF_H
#define MM_SVF_H

#include "mm_common.h"

typedef enum mm_svf_output {
    MM_SVF_LOW = 0,
    MM_SVF_BAND,
    MM_SVF_HIGH,
    MM_SVF_ALL
} mm_svf_output;

/* One section's coefficients. */
typedef struct mm_svf_coef {
    double g, k, a1, a2, a3;
} mm_svf_coef;

/* One section's state. */
typedef struct mm_svf {
    double ic1, ic2;
} mm_svf;

/* Coefficients whose g may glide. */
typedef struct mm_svf_ramp {
    mm_svf_coef c;         /* current */
    mm_svf_coef to;        /* target */
    double dg;             /* g step per sample */
    int remaining;         /* samples left */
} mm_svf_ramp;

/* Design for f Hz, damping k = 1/Q, sample rate fs. */
void mm_svf_set(mm_svf_coef *c, double f, double k, double fs);
/* The same from a prewarped g = tan(pi f / fs). */
static inline void mm_svf_set_g(mm_svf_coef *c, double g, double k)
{
    c->g = g;
    c->k = k;
    c->a1 = 1.0 / (1.0 + g * (g + k));
    c->a2 = g * c->a1;
    c->a3 = g * c->a2;
}
void mm_svf_reset(mm_svf *s);
/* Flush denormal state (once per block); returns 1, with the state
 * cleared, if it was not finite. */
int mm_svf_flush(mm_svf *s);

/* One sample: returns the band output, writes the low output. */
static inline double mm_svf_tick(mm_svf *s, const mm_svf_coef *c, double x,
                                 double *low)
{
    double v3 = x - s->ic2;
    double v1 = c->a1 * s->ic1 + c->a2 * v3;
    double v2 = s->ic2 + c->a2 * s->ic1 + c->a3 * v3;
    s->ic1 = 2.0 * v1 - s->ic1;
    s->ic2 = 2.0 * v2 - s->ic2;
    *low = v2;
    return v1;
}

/* mm_svf_tick on two sections with the same coefficients (two channels):
 * two independent chains the compiler can pair up (SLP) and the CPU can
 * overlap; the same arithmetic per section as mm_svf_tick. */
static inline void mm_svf_tick2(mm_svf *s0, mm_svf *s1, const mm_svf_coef *c,
                                const double x[2], double band[2],
                                double low[2])
{
    double i1[2] = {s0->ic1, s1->ic1}, i2[2] = {s0->ic2, s1->ic2};
    for (int j = 0; j < 2; j++) {
        double v3 = x[j] - i2[j];
        band[j] = c->a1 * i1[j] + c->a2 * v3;
        low[j] = i2[j] + c->a2 * i1[j] + c->a3 * v3;
        i1[j] = 2.0 * band[j] - i1[j];
        i2[j] = 2.0 * low[j] - i2[j];
    }
    s0->ic1 = i1[0], s1->ic1 = i1[1];
    s0->ic2 = i2[0], s1->ic2 = i2[1];
}

/* One output over a block; in may equal out. */
void mm_svf_process(const mm_svf_coef *c, mm_svf *s, mm_svf_output o,
                    const float *in, float *out, int n);

/* Complex response of an output at f Hz (0 <= f < fs/2). */
void mm_svf_response(const mm_svf_coef *c, mm_svf_output o, double f,
                     double fs, double *re, double *im);

void mm_svf_ramp_snap(mm_svf_ramp *r, const mm_svf_coef *c);
/* Glide g linearly to c's over n samples (n <= 1: snap). */
void mm_svf_ramp_to(mm_svf_ramp *r, const mm_svf_coef *c, int n);
/* Advance the glide by one sample (before the sample is processed). */
static inline void mm_svf_ramp_tick(mm_svf_ramp *r)
{
    if (r->remaining <= 0)
        return;
    if (--r->remaining == 0)
        r->c = r->to;
    else
        mm_svf_set_g(&r->c, r->c.g + r->dg, r->c.k);
}

#endif
