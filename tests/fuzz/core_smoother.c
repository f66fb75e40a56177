/* Fuzz mm_smoother: the value stays finite and between where it was and
 * its target (no overshoot), snaps exactly onto the target, and n calls of
 * next() agree with skip(n). Parameters are finite (the wrappers refuse
 * non-finite values before they reach the core). */
#include "fuzz.h"
#include "mm_smoother.h"

static double finite_param(fz *f, double lo, double hi)
{
    double v = fz_param(f, lo, hi);
    return isfinite(v) ? v : lo;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz f;
    fz_init(&f, data, size);
    mm_smoother a, b;
    double tau = finite_param(&f, -1.0, 2000.0);
    double sr = fz_u8(&f) < 240 ? fz_samplerate(&f) : fz_double_in(&f, -1, 2e6);
    double v0 = finite_param(&f, -10.0, 10.0);
    mm_smoother_init(&a, tau, sr, v0);
    b = a;
    for (int ops = 0; fz_left(&f) && ops < 64; ops++) {
        int op = fz_u8(&f) % 6;
        if (op == 0) {
            double t = fz_param(&f, -10.0, 10.0);
            mm_smoother_set(&a, t);
            mm_smoother_set(&b, t);
        } else if (op == 1) {
            double v = fz_param(&f, -10.0, 10.0);
            mm_smoother_snap(&a, v);
            mm_smoother_snap(&b, v);
        } else if (op == 2) {
            double r = fz_u8(&f) < 200 ? fz_samplerate(&f)
                                       : fz_double_in(&f, -1.0, 2e6);
            mm_smoother_set_samplerate(&a, r);
            mm_smoother_set_samplerate(&b, r);
        } else if (op == 3) {
            double t = finite_param(&f, -1.0, 2000.0);
            mm_smoother_set_tau_ms(&a, t);
            mm_smoother_set_tau_ms(&b, t);
        } else {
            int n = fz_range(&f, 1, 20000);
            double start = a.value, tgt = a.target;
            double lo = fmin(start, tgt), hi = fmax(start, tgt);
            double span = hi - lo;
            for (int i = 0; i < n; i++) {
                double v = mm_smoother_next(&a);
                FZ_CHECK(isfinite(v), "value %g", v);
                FZ_CHECK(v >= lo - 1e-12 * span && v <= hi + 1e-12 * span,
                         "value %.17g outside [%.17g, %.17g]", v, lo, hi);
            }
            double s = mm_smoother_skip(&b, n);
            FZ_CHECK(isfinite(s), "skip value %g", s);
            FZ_CHECK(fabs(s - a.value) <= 1e-9 * span + 2.0 * MM_SMOOTHER_SNAP
                         + 1e-10 * (fabs(start) + fabs(tgt)),
                     "skip(%d) %.17g, next x%d %.17g (from %.17g to %.17g, "
                     "coef %.17g)", n, s, n, a.value, start, tgt, a.coef);
            FZ_CHECK(a.value == a.target ||
                         fabs(a.value - a.target) >= MM_SMOOTHER_SNAP,
                     "not snapped: %.17g vs %.17g", a.value, a.target);
            b = a; /* continue from the per-sample path */
        }
        FZ_CHECK(isfinite(a.value) && isfinite(a.target) && isfinite(a.coef),
                 "state value %g target %g coef %g", a.value, a.target,
                 a.coef);
        FZ_CHECK(a.coef >= 0.0 && a.coef <= 1.0,
                 "coef %.17g (tau %g, sr %g)", a.coef, a.tau_ms,
                 a.samplerate);
    }
    return 0;
}
