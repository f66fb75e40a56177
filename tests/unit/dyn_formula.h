/* dyn_formula.h: the contract's static compressor curve (objects.md,
 * comp~), written out plainly for the tests to check the cores against. */
#ifndef MM_TEST_DYN_FORMULA_H
#define MM_TEST_DYN_FORMULA_H

static double formula(double x, double T, double R, double W)
{
    if (2 * (x - T) < -W)
        return x;
    if (2 * (x - T) > W || W == 0)
        return x > T ? T + (x - T) / R : x;
    double d = x - T + W / 2;
    return x + (1 / R - 1) * d * d / (2 * W);
}

#endif
