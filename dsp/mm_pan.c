#include "mm_pan.h"

static double blend(double a, double b, double t) /* a^(1-t) b^t */
{
    if (t <= 0.0)
        return a;
    if (t >= 1.0)
        return b;
    if (a <= 0.0 || b <= 0.0)
        return 0.0;
    return exp((1.0 - t) * log(a) + t * log(b));
}

static double side(double x, double law_db) /* gain of the side at x */
{
    double g0 = 2.0 * x < 1.0 ? 2.0 * x : 1.0;
    double g3 = sin(0.5 * MM_PI * x);
    double g6 = x;
    if (law_db <= 3.0)
        return blend(g0, g3, law_db / 3.0);
    return blend(g3, g6, (law_db - 3.0) / 3.0);
}

void mm_pan_law(double pan, double law_db, double *gl, double *gr)
{
    double x = (mm_clamp_d(pan, -100.0, 100.0) + 100.0) / 200.0;
    law_db = mm_clamp_d(law_db, 0.0, 6.0);
    *gr = side(x, law_db);
    *gl = side(1.0 - x, law_db);
}

void mm_pan_balance(double pan, double *gl, double *gr)
{
    pan = mm_clamp_d(pan, -100.0, 100.0);
    *gl = pan > 0.0 ? 1.0 - pan / 100.0 : 1.0;
    *gr = pan < 0.0 ? 1.0 + pan / 100.0 : 1.0;
}
