/* mm_gaincomp.h: the static soft-knee gain computer of a compressor.
 *
 * With x the input level in dB, T the threshold, R the ratio and W the
 * knee width (dB), the output level y (contract, objects.md "comp~";
 * Giannoulis, Massberg and Reiss, JAES 2012, eq. 4):
 *
 *   y = x                                        2(x - T) < -W
 *   y = x + (1/R - 1)(x - T + W/2)^2 / (2W)      |2(x - T)| <= W
 *   y = T + (x - T)/R                            2(x - T) > W
 *
 * W = 0 is the hard knee. The curve is continuous with a continuous slope.
 * mm_gaincomp_gain_db returns y - x (0 or below): the gain to apply.
 * Below the knee no logarithm is needed: callers may compare the linear
 * level with `knee_lin` (the linear level where the knee starts) first.
 *
 * Parameters: threshold dB, ratio (>= 1, N:1), knee dB (>= 0).
 * Latency: none (static).
 */
#ifndef MM_GAINCOMP_H
#define MM_GAINCOMP_H

#include "mm_common.h"

typedef struct mm_gaincomp {
    double threshold_db, ratio, knee_db;
    double slope;     /* 1/R - 1 (0 or below) */
    double lo, hi;    /* T - W/2, T + W/2 */
    double knee_lin;  /* 10^(lo/20): levels below this are untouched */
} mm_gaincomp;

/* Ratio below 1 is taken as 1, knee below 0 as 0. */
void mm_gaincomp_set(mm_gaincomp *g, double threshold_db, double ratio,
                     double knee_db);

static inline double mm_gaincomp_gain_db(const mm_gaincomp *g, double x)
{
    if (x <= g->lo)
        return 0.0;
    if (x >= g->hi)
        return g->slope * (x - g->threshold_db);
    double d = x - g->lo;
    return g->slope * d * d / (2.0 * g->knee_db);
}

static inline double mm_gaincomp_out_db(const mm_gaincomp *g, double x)
{
    return x + mm_gaincomp_gain_db(g, x);
}

/* The static curve at n points from lo_db to hi_db (inclusive): y[i] is
 * the output level in dB for input lo_db + i (hi_db - lo_db)/(n - 1). */
void mm_gaincomp_curve(const mm_gaincomp *g, float *y, int n, double lo_db,
                       double hi_db);

#endif
