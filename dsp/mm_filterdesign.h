/* mm_filterdesign.h: second-order filter designs from their analog
 * prototypes (the RBJ Audio EQ Cookbook s-domain forms), matched so they
 * do not cramp near Nyquist.
 *
 * Prototypes, s normalised to the centre/corner frequency w0, A =
 * 10^(gain/40), Q the quality factor:
 *   lowpass    1 / (s^2 + s/Q + 1)
 *   highpass   s^2 / (s^2 + s/Q + 1)
 *   bandpass   (s/Q) / (s^2 + s/Q + 1)            (0 dB at w0)
 *   notch      (s^2 + 1) / (s^2 + s/Q + 1)
 *   allpass    (s^2 - s/Q + 1) / (s^2 + s/Q + 1)
 *   bell       (s^2 + s A/Q + 1) / (s^2 + s/(A Q) + 1)
 *   lowshelf   A (s^2 + s sqrt(A)/Q + A) / (A s^2 + s sqrt(A)/Q + 1)
 *   highshelf  A (A s^2 + s sqrt(A)/Q + 1) / (s^2 + s sqrt(A)/Q + A)
 *
 * Design (after M. Vicanek, "Matched Second Order Digital Filters",
 * 2016): the poles are the analog poles mapped by z = exp(sT) (impulse
 * invariance of the poles: exact resonance frequency and damping, no
 * frequency warping); the numerator is then chosen so that the digital
 * magnitude equals the analog one exactly at three frequencies: DC,
 * Nyquist and w0 (Vicanek's phi-form of |B|^2, factored back into a
 * minimum-phase b0, b1, b2). Allpass: the mirrored denominator (|H| = 1
 * exactly). Notch: zeros exactly on the unit circle at w0, DC gain
 * matched. Unlike the bilinear transform, a 10 kHz bell at 44.1 kHz keeps
 * its analog width and its analog gain at Nyquist.
 *
 * Measured deviation from the prototype (tests/unit/test_filterdesign.c
 * prints it): below 0.1 dB up to fs/8 for bands centred at or below fs/8
 * (44.1, 48, 96 kHz; every type, gains -24..24 dB, Q 0.1..20); near
 * Nyquist see the test output and the eq~ help.
 *
 * Where a pole's damped frequency would lie beyond Nyquist (a high shelf
 * with much boost close to fs/2) it is placed at Nyquist; the magnitude
 * still matches at DC, Nyquist and w0.
 *
 * Parameters: freq Hz (> 0, < fs/2), gain dB (bell, shelves), q (> 0).
 * Latency: none.
 */
#ifndef MM_FILTERDESIGN_H
#define MM_FILTERDESIGN_H

#include "mm_biquad.h"

typedef enum mm_fd_type {
    MM_FD_BELL = 0,
    MM_FD_LOWSHELF,
    MM_FD_HIGHSHELF,
    MM_FD_LOWPASS,
    MM_FD_HIGHPASS,
    MM_FD_NOTCH,
    MM_FD_BANDPASS,
    MM_FD_ALLPASS,
    MM_FD_NTYPES
} mm_fd_type;

/* "bell", "lowshelf", ... (index = mm_fd_type); NULL-terminated. */
extern const char *const mm_fd_type_names[];

/* 1 for types whose gain argument matters. */
int mm_fd_has_gain(mm_fd_type t);

/* The analog prototype's magnitude (linear) at frequency f (Hz). */
double mm_fd_analog_mag(mm_fd_type t, double freq, double gain_db,
                        double q, double f);

/* The matched digital design. Returns MM_OK, or MM_E_ARG (coefficients
 * then set to identity) for a non-positive or non-finite argument. freq
 * is limited to 0.499 fs. */
int mm_fd_design(mm_fd_type t, double freq, double gain_db, double q,
                 double samplerate, mm_biquad_coef *c);

/* The Q of section k (0-based) of an order-N Butterworth cascade (N
 * even): 1 / (2 cos((2k+1) pi / (2N))). N = 2: 0.7071; N = 4: 0.5412,
 * 1.3066. */
double mm_fd_butterworth_q(int order, int k);

#endif
