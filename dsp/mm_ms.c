#include "mm_ms.h"

void mm_ms_encode(const float *l, const float *r, float *m, float *s, int n)
{
    for (int i = 0; i < n; i++) {
        double a = l[i], b = r[i], mm, ss;
        mm_ms_encode1(a, b, &mm, &ss);
        m[i] = (float)mm;
        s[i] = (float)ss;
    }
}

void mm_ms_decode(const float *m, const float *s, float *l, float *r, int n)
{
    for (int i = 0; i < n; i++) {
        double a = m[i], b = s[i], ll, rr;
        mm_ms_decode1(a, b, &ll, &rr);
        l[i] = (float)ll;
        r[i] = (float)rr;
    }
}
