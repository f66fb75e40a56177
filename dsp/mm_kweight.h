/* mm_kweight.h: the ITU-R BS.1770-4 K-weighting filter, at any sample rate.
 *
 * Two second-order sections in cascade (one channel per instance):
 *   1. pre-filter, a high shelf (the acoustic effect of the head):
 *        H1(s) = (Vh s^2 + (Vb/Q1) s + 1) / (s^2 + s/Q1 + 1)
 *      s normalised to 2 pi f1, f1 = 1681.97 Hz, Q1 = 0.70718,
 *      Vh = 10^(G/20), G = 3.99984 dB (the shelf's top), Vb = Vh^0.49967;
 *   2. RLB weighting, a high-pass:
 *        H2(s) = c2 s^2 / (s^2 + s/Q2 + 1)
 *      s normalised to 2 pi f2, f2 = 38.1355 Hz, Q2 = 0.50033.
 * BS.1770 publishes only the 48 kHz coefficients. The analog parameters
 * above are the ones that give back exactly those coefficients through
 * the bilinear transform prewarped at f1 and f2 (the fit BS.1770
 * implementations use); here every rate is designed the same way, so at
 * 48 kHz the sections equal the published ones (within 1e-9; tested).
 * The standard's RLB numerator is (1, -2, 1) unscaled, a passband gain
 * of 1 + K/Q2 + K^2 (K = tan(pi f2 / 48000): +0.043 dB); c2 is that
 * gain, kept at every rate, so the weighting (and the -0.691 calibration)
 * is the same at 44.1 or 96 kHz as at 48 (libebur128 keeps (1, -2, 1),
 * whose gain then drifts with the rate by up to 0.05 dB at 22.05 kHz).
 *
 * Loudness (BS.1770): L = -0.691 + 10 log10(sum_c G_c ms_c), ms_c the
 * mean square of channel c's K-weighted signal; a 0 dBFS 1 kHz sine in
 * one channel reads -3.01 LUFS (mm_kweight_lufs does the sum's
 * conversion, with the -144 floor).
 *
 * Measured (tests/unit/test_kweight.c): within 0.01 dB of the analog
 * prototype H1 H2 from 20 Hz to 10 kHz at 44.1, 48 and 96 kHz (the
 * bilinear transform's warping, largest near 10 kHz); 10 kHz reads
 * +4.03 dB (shelf 3.99, RLB passband 0.04); a 0 dBFS 1 kHz sine in one
 * channel -3.004 LUFS at 48 kHz, -3.025 at 22.05, -2.999 at 96; the
 * loudness of pink-ish noise over 3 s agrees with libebur128's within
 * 0.004 LU at 44.1 and 48 kHz, 0.022 LU at 96 (its RLB gain drift).
 *
 * Double precision state and coefficients (mm_biquad, TDF-II); input
 * sanitized (NaN/inf count as 0); state flushed once per block.
 * Parameters: the sample rate only (Hz, above 4 kHz). Latency: none.
 */
#ifndef MM_KWEIGHT_H
#define MM_KWEIGHT_H

#include "mm_biquad.h"

#define MM_KWEIGHT_OFFSET_DB (-0.691)

typedef struct mm_kweight {
    double samplerate;
    mm_biquad_coef shelf, hp;
    mm_biquad_state s_shelf, s_hp;
    long nonfinite; /* state resets after non-finite state */
} mm_kweight;

/* The two sections for a rate (fs > 4 kHz, else MM_E_ARG and 48 kHz). */
int mm_kweight_design(double samplerate, mm_biquad_coef *shelf,
                      mm_biquad_coef *hp);

/* MM_OK, or MM_E_ARG for a rate not above 4 kHz (48 kHz then used). */
int mm_kweight_init(mm_kweight *k, double samplerate);
/* Redesign and clear the state; MM_E_ARG (nothing changed) if invalid. */
int mm_kweight_set_samplerate(mm_kweight *k, double samplerate);
void mm_kweight_reset(mm_kweight *k);

/* One sample through both sections; the caller sanitizes x and calls
 * mm_kweight_flush once per block. */
static inline double mm_kweight_tick(mm_kweight *k, double x)
{
    return mm_biquad_tick(&k->hp, &k->s_hp,
                          mm_biquad_tick(&k->shelf, &k->s_shelf, x));
}

/* Flush denormal state; on non-finite state reset it (counted) and
 * return 1. */
int mm_kweight_flush(mm_kweight *k);

/* One channel, n samples; out may equal in. */
void mm_kweight_process(mm_kweight *k, const float *in, float *out, int n);

/* Magnitude in dB of the digital filter at f Hz. */
double mm_kweight_mag_db(const mm_kweight *k, double f_hz);
/* Magnitude in dB of the analog prototype H1 H2 at f Hz. */
double mm_kweight_analog_db(double f_hz);

/* LUFS of a channel sum of mean squares: -0.691 + 10 log10(p), the
 * floor -144 for silence (never inf or NaN). */
double mm_kweight_lufs(double p);

#endif
