#include "mm_ms.h"

/* One of the two per-sample maps over a block: reads a[i] and b[i]
 * before writing p[i] and q[i], so outputs may alias inputs. */
static void each(void (*f)(double, double, double *, double *),
                 const float *a, const float *b, float *p, float *q, int n)
{
    for (int i = 0; i < n; i++) {
        double u, v;
        f(a[i], b[i], &u, &v);
        p[i] = (float)u;
        q[i] = (float)v;
    }
}

void mm_ms_encode(const float *l, const float *r, float *m, float *s, int n)
{
    each(mm_ms_encode1, l, r, m, s, n);
}

void mm_ms_decode(const float *m, const float *s, float *l, float *r, int n)
{
    each(mm_ms_decode1, m, s, l, r, n);
}
