/* mm_pan.h: pan laws (mono to stereo) and balance (stereo).
 *
 * Pan p in -100 (left) .. 100 (right), x = (p + 100) / 200 in 0..1.
 * The law L (dB, 0..6) is the drop of each side at the centre:
 *   L = 0:   gL = min(1, 2(1-x)),       gR = min(1, 2x)   (no drop)
 *   L = 3:   gL = cos(x pi/2),          gR = sin(x pi/2)  (constant power,
 *                                                          -3.01 dB)
 *   L = 6:   gL = 1 - x,                gR = x            (linear, -6.02)
 *   between: geometric blends of the neighbouring laws, e.g. L = 4.5:
 *            gL = sqrt((1-x) cos(x pi/2)) (-4.52 dB at the centre).
 *   In general for 0 <= L <= 3: g = g0^(1-L/3) g3^(L/3); for 3 < L <= 6:
 *   g = g3^((6-L)/3) g6^((L-3)/3). Hard left/right give (1, 0)/(0, 1).
 *
 * Balance (a stereo source): the side pan points to keeps unity gain,
 * the other falls linearly to silence at +-100:
 *   gL = 1 - max(0, p)/100,  gR = 1 + min(0, p)/100.
 *
 * Parameters: pan (-100..100) [0], law dB (0..6) [3]. Latency: none.
 */
#ifndef MM_PAN_H
#define MM_PAN_H

#include "mm_common.h"

#define MM_PAN_LAW_DEFAULT 3.0

/* Gains of a mono source panned to stereo. */
void mm_pan_law(double pan, double law_db, double *gl, double *gr);
/* Gains of a stereo source under balance. */
void mm_pan_balance(double pan, double *gl, double *gr);

#endif
