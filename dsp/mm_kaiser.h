/* mm_kaiser.h: the Kaiser window and the Kaiser-windowed sinc, the
 * prototype of every FIR interpolator in mixmaster (mm_oversampler, the
 * detectors of mm_peaklimiter).
 *
 *   I0(x)      = sum_{k>=0} ((x/2)^k / k!)^2     (modified Bessel function
 *                of the first kind, order 0; power series, summed until a
 *                term adds less than 1e-17 of the sum: fast for x <= 20)
 *   w(r)       = I0(beta sqrt(1 - r^2)) / I0(beta),  |r| < 1, else 0
 *   h(tau)     = sinc(tau) w(tau / K),  sinc(tau) = sin(pi tau) / (pi tau)
 *
 * w is 1 at the centre and 1/I0(beta) at the edges; beta 0 is the
 * rectangular window. beta sets the trade between main-lobe width and
 * side-lobe level: about 0.1102 (A - 8.7) for A dB of stopband
 * attenuation. h is a low-pass cut off at half the sample rate of tau
 * (a Nyquist filter: 1 at tau = 0, 0 at every other integer), 2K samples
 * long. Reference: J. F. Kaiser, "Nonrecursive digital filter design
 * using the I0-sinh window function", ISCAS 1974.
 *
 * Parameters: beta 0..20 (no unit), K > 0 half-length in samples.
 * Pure functions (design time, double precision); no state, no latency.
 */
#ifndef MM_KAISER_H
#define MM_KAISER_H

#include "mm_common.h"

/* I0(x). */
double mm_kaiser_i0(double x);
/* w(r): the window at r = position / half-length, 0 outside |r| < 1. */
double mm_kaiser_window(double r, double beta);
/* h(tau): sinc(tau) w(tau / half), 0 outside |tau| < half. */
double mm_kaiser_sinc(double tau, int half, double beta);

#endif
