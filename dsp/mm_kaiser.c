#include "mm_kaiser.h"

double mm_kaiser_i0(double x)
{
    double sum = 1.0, term = 1.0, q = 0.25 * x * x;
    for (int k = 1; k < 500; k++) {
        term *= q / ((double)k * (double)k);
        sum += term;
        if (term < 1e-17 * sum)
            break;
    }
    return sum;
}

double mm_kaiser_window(double r, double beta)
{
    if (!(fabs(r) < 1.0))
        return 0.0;
    return mm_kaiser_i0(beta * sqrt(1.0 - r * r)) / mm_kaiser_i0(beta);
}

double mm_kaiser_sinc(double tau, int half, double beta)
{
    if (!(fabs(tau) < (double)half))
        return 0.0;
    double s = fabs(tau) < 1e-12 ? 1.0 : sin(MM_PI * tau) / (MM_PI * tau);
    return s * mm_kaiser_window(tau / (double)half, beta);
}
