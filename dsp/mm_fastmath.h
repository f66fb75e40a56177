/* mm_fastmath.h: dB conversions fast enough for every sample of a gain
 * computer, accurate far below what a meter or an ear resolves.
 *
 *   mm_fast_log2(x)  x > 0 and normal: exponent from the bits, mantissa m
 *                    in [1, 2) by the series
 *                    log2 m = (2/ln 2)(t + t^3/3 + ... + t^9/9),
 *                    t = (m - 1)/(m + 1) <= 1/3: error below 1.7e-6
 *                    (1e-5 dB in mm_fast_gain_to_db).
 *   mm_fast_exp2(x)  x in [-1000, 1000]: 2^i (i the nearest integer) from
 *                    the bits times 2^f (|f| <= 1/2) by the Taylor series
 *                    of e^(f ln 2) to degree 6: relative error below
 *                    2e-7 (2e-6 dB).
 * No table, no libm call. Latency: none.
 */
#ifndef MM_FASTMATH_H
#define MM_FASTMATH_H

#include "mm_common.h"

static inline double mm_fast_log2(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    int e = (int)((u >> 52) & 0x7ff) - 1023;
    u = (u & 0x000fffffffffffffull) | 0x3ff0000000000000ull;
    double m;
    memcpy(&m, &u, sizeof m);
    double t = (m - 1.0) / (m + 1.0), t2 = t * t;
    double s = t * (1.0 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7
                                                     + t2 * (1.0 / 9)))));
    return e + 2.8853900817779268 * s; /* 2 / ln 2 */
}

static inline double mm_fast_exp2(double x)
{
    if (x < -1000.0)
        return 0.0;
    if (x > 1000.0)
        x = 1000.0;
    int i = (int)(x + (x >= 0.0 ? 0.5 : -0.5)); /* nearest: |f| <= 1/2 */
    double f = (x - i) * 0.69314718055994531;    /* ln 2 */
    double p = 1.0 + f * (1.0 + f * (1.0 / 2 + f * (1.0 / 6 + f * (1.0 / 24
               + f * (1.0 / 120 + f * (1.0 / 720))))));
    uint64_t u = (uint64_t)(i + 1023) << 52;
    double s;
    memcpy(&s, &u, sizeof s);
    return p * s;
}

/* 20 log10(x) for a normal x > 0 */
static inline double mm_fast_gain_to_db(double x)
{
    return 6.0205999132796239 * mm_fast_log2(x); /* 20 log10 2 */
}

/* 10^(db/20), db in about -6000..6000 */
static inline double mm_fast_db_to_gain(double db)
{
    return mm_fast_exp2(db * 0.16609640474436813); /* log2(10) / 20 */
}

#endif
