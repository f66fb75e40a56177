#include "mm_gaincomp.h"

void mm_gaincomp_set(mm_gaincomp *g, double threshold_db, double ratio,
                     double knee_db)
{
    if (!mm_isfinite_d(threshold_db))
        threshold_db = 0.0;
    if (!(ratio >= 1.0) || !mm_isfinite_d(ratio))
        ratio = 1.0;
    if (!(knee_db >= 0.0) || !mm_isfinite_d(knee_db))
        knee_db = 0.0;
    g->threshold_db = threshold_db;
    g->ratio = ratio;
    g->knee_db = knee_db;
    g->slope = 1.0 / ratio - 1.0;
    g->lo = threshold_db - 0.5 * knee_db;
    g->hi = threshold_db + 0.5 * knee_db;
    /* ratio 1: nothing is ever reduced */
    g->knee_lin = g->slope == 0.0 ? HUGE_VAL : mm_db_to_gain(g->lo);
}

void mm_gaincomp_curve(const mm_gaincomp *g, float *y, int n, double lo_db,
                       double hi_db)
{
    for (int i = 0; i < n; i++) {
        double x = n > 1 ? lo_db + (hi_db - lo_db) * i / (n - 1) : lo_db;
        y[i] = (float)mm_gaincomp_out_db(g, x);
    }
}
