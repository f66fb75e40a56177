/* mm_ms.h: mid/side encoding and decoding.
 *
 *   M = (L + R) / 2,  S = (L - R) / 2;   L = M + S,  R = M - S.
 *
 * With this scaling a mono signal (L = R) is all mid at its own level and
 * decode(encode(x)) = x. Stateless. Computed in double, so for ordinary
 * audio the round trip is exact (it is exact whenever L+R and L-R are
 * exact in double, i.e. whenever the two channels are within 2^29 of each
 * other in magnitude). in == out allowed. Latency: none.
 */
#ifndef MM_MS_H
#define MM_MS_H

#include "mm_common.h"

static inline void mm_ms_encode1(double l, double r, double *m, double *s)
{
    *m = 0.5 * (l + r);
    *s = 0.5 * (l - r);
}

static inline void mm_ms_decode1(double m, double s, double *l, double *r)
{
    *l = m + s;
    *r = m - s;
}

/* Blocks: (l, r) -> (m, s) and back; outputs may alias inputs. */
void mm_ms_encode(const float *l, const float *r, float *m, float *s, int n);
void mm_ms_decode(const float *m, const float *s, float *l, float *r, int n);

#endif
