#include "mm_filterdesign.h"

#define MM_FD_GRID 32

const char *const mm_fd_type_names[] = {
    "bell", "lowshelf", "highshelf", "lowpass", "highpass",
    "notch", "bandpass", "allpass", NULL};

int mm_fd_has_gain(mm_fd_type t)
{
    return t == MM_FD_BELL || t == MM_FD_LOWSHELF || t == MM_FD_HIGHSHELF;
}

/* Normalised prototype: (n2 s^2 + n1 s + n0) / (d2 s^2 + d1 s + d0). */
typedef struct proto {
    double n2, n1, n0, d2, d1, d0;
} proto;

static proto prototype(mm_fd_type t, double gain_db, double q)
{
    double A = pow(10.0, gain_db / 40.0), sA = sqrt(A);
    proto p = {0, 0, 1, 1, 1.0 / q, 1};
    switch (t) {
    case MM_FD_LOWPASS: break;
    case MM_FD_HIGHPASS: p.n2 = 1; p.n0 = 0; break;
    case MM_FD_BANDPASS: p.n1 = 1.0 / q; p.n0 = 0; break;
    case MM_FD_NOTCH: p.n2 = 1; break;
    case MM_FD_ALLPASS: p.n2 = 1; p.n1 = -1.0 / q; break;
    case MM_FD_BELL:
        p.n2 = 1; p.n1 = A / q; p.n0 = 1; p.d1 = 1.0 / (A * q);
        break;
    case MM_FD_LOWSHELF:
        p.n2 = A; p.n1 = A * sA / q; p.n0 = A * A;
        p.d2 = A; p.d1 = sA / q; p.d0 = 1;
        break;
    case MM_FD_HIGHSHELF:
        p.n2 = A * A; p.n1 = A * sA / q; p.n0 = A;
        p.d2 = 1; p.d1 = sA / q; p.d0 = A;
        break;
    default: break;
    }
    return p;
}

/* |H(j W)|^2 of a normalised prototype, W = f / f0 */
static double proto_mag2(const proto *p, double W)
{
    double nr = p->n0 - p->n2 * W * W, ni = p->n1 * W;
    double dr = p->d0 - p->d2 * W * W, di = p->d1 * W;
    return (nr * nr + ni * ni) / (dr * dr + di * di);
}

double mm_fd_analog_mag(mm_fd_type t, double freq, double gain_db,
                        double q, double f)
{
    proto p = prototype(t, gain_db, q);
    return sqrt(proto_mag2(&p, f / freq));
}

static int design(mm_fd_type t, double freq, double gain_db, double q,
                  double samplerate, mm_biquad_coef *c)
{
    if (!(freq > 0) || !(q > 0) || !(samplerate > 0) || !mm_isfinite_d(freq)
        || !mm_isfinite_d(q) || !mm_isfinite_d(gain_db) || (int)t < 0
        || t >= MM_FD_NTYPES) {
        mm_biquad_identity(c);
        return MM_E_ARG;
    }
    if (freq > 0.499 * samplerate)
        freq = 0.499 * samplerate;
    proto p = prototype(t, gain_db, q);
    double w0 = 2.0 * MM_PI * freq / samplerate;

    /* poles: z = exp(s T) of the analog pair */
    double wp = w0 * sqrt(p.d0 / p.d2);
    double zeta = p.d1 / (2.0 * sqrt(p.d0 * p.d2));
    double a1, a2 = exp(-2.0 * zeta * wp);
    if (zeta < 1.0) {
        double wd = wp * sqrt(1.0 - zeta * zeta);
        if (wd > MM_PI)
            wd = MM_PI;
        a1 = -2.0 * exp(-zeta * wp) * cos(wd);
    } else {
        double r = sqrt(zeta * zeta - 1.0);
        a1 = -(exp(-wp * (zeta - r)) + exp(-wp * (zeta + r)));
    }
    c->a1 = a1;
    c->a2 = a2;

    if (t == MM_FD_ALLPASS) {
        c->b0 = a2;
        c->b1 = a1;
        c->b2 = 1.0;
        return MM_OK;
    }
    if (t == MM_FD_HIGHPASS) {
        /* double zero at DC: k (1 - z^-1)^2, |H| matched at w0 (= Q) */
        double s = sin(0.5 * w0);
        double ph1 = s * s, ph0 = 1.0 - ph1, ph2 = 4.0 * ph0 * ph1;
        double Am = (1.0 + a1 + a2) * (1.0 + a1 + a2) * ph0
                    + (1.0 - a1 + a2) * (1.0 - a1 + a2) * ph1 - 4.0 * a2 * ph2;
        double k = sqrt(Am * proto_mag2(&p, 1.0)) / (4.0 * ph1);
        c->b0 = k;
        c->b1 = -2.0 * k;
        c->b2 = k;
        return MM_OK;
    }
    if (t == MM_FD_NOTCH) {
        double cw = cos(w0);
        double g = (1.0 + a1 + a2) / (2.0 - 2.0 * cw);
        c->b0 = g;
        c->b1 = -2.0 * cw * g;
        c->b2 = g;
        return MM_OK;
    }

    /* |A(e^jw)|^2 = A0 phi0 + A1 phi1 + A2 phi2, phi1 = sin^2(w/2),
     * phi0 = 1 - phi1, phi2 = 4 phi0 phi1 (Vicanek); |B|^2 likewise with
     * B0 = (b0+b1+b2)^2, B1 = (b0-b1+b2)^2, B2 = -4 b0 b2. */
    double A0 = (1.0 + a1 + a2) * (1.0 + a1 + a2);
    double A1 = (1.0 - a1 + a2) * (1.0 - a1 + a2);
    double A2 = -4.0 * a2;
    double fscale = samplerate / (2.0 * MM_PI * freq); /* w -> W */
    double B0 = A0 * proto_mag2(&p, 0.0);
    double B1, B2;
    {
        /* |H| matched exactly at DC (B0) and at w0 (a linear constraint
         * on B1, B2), the remaining freedom (B1) by least squares on the
         * relative error of |H|^2 over MM_FD_GRID log-spaced frequencies
         * from w0/16 up to fs/8 for bands centred at or below fs/8 (the
         * range of the guarantee), up to Nyquist for bands above fs/4,
         * gliding in between. */
        double sm = sin(0.5 * w0);
        double p1m = sm * sm, p0m = 1.0 - p1m, p2m = 4.0 * p0m * p1m;
        double Tm = (A0 * p0m + A1 * p1m + A2 * p2m) * proto_mag2(&p, 1.0);
        double sxx = 0, sxy = 0;
        double top = MM_PI;
        if (w0 <= 0.25 * MM_PI)
            top = 0.25 * MM_PI;
        else if (w0 < 0.5 * MM_PI) /* glide to Nyquist, log in w0 */
            top = 0.25 * MM_PI * pow(4.0, log(w0 / (0.25 * MM_PI)) / log(2.0));
        double wlo = w0 / 16.0, ratio = log(top / wlo);
        for (int i = 0; i < MM_FD_GRID; i++) {
            double w = wlo * exp(ratio * i / (MM_FD_GRID - 1));
            if (w > MM_PI)
                w = MM_PI;
            double s = sin(0.5 * w);
            double ph1 = s * s, ph0 = 1.0 - ph1, ph2 = 4.0 * ph0 * ph1;
            double T = (A0 * ph0 + A1 * ph1 + A2 * ph2)
                       * proto_mag2(&p, w * fscale);
            if (!(T > 1e-30))
                continue;
            double x = (ph1 - p1m * ph2 / p2m) / T;
            double y = 1.0 - (B0 * ph0 + (Tm - B0 * p0m) * ph2 / p2m) / T;
            sxx += x * x;
            sxy += x * y;
        }
        B1 = sxx > 0.0 ? sxy / sxx
                       : A1 * proto_mag2(&p, 0.5 * samplerate / freq);
        if (B1 < 0.0)
            B1 = 0.0;
        B2 = (Tm - B0 * p0m - B1 * p1m) / p2m;
    }
    double sB0 = sqrt(B0), sB1 = sqrt(B1);
    double W = 0.5 * (sB0 + sB1);
    double disc = W * W + B2;
    double b0 = 0.5 * (W + sqrt(disc > 0.0 ? disc : 0.0));
    c->b0 = b0;
    c->b1 = 0.5 * (sB0 - sB1);
    c->b2 = b0 != 0.0 ? -B2 / (4.0 * b0) : 0.0;
    return MM_OK;
}

/* Make the numerator b0 + b1 z^-1 + b2 z^-2 minimum phase with its zeros
 * strictly inside the unit circle (radius <= MM_FD_RMAX), keeping the
 * magnitude (a zero r outside becomes 1/r*, the gain grows by |r|): the
 * inverse of the section (a cut) is then stable. */
#define MM_FD_RMAX 0.99999
static void min_phase(mm_biquad_coef *c)
{
    double b0 = c->b0, b1 = c->b1, b2 = c->b2;
    if (b0 == 0.0)
        return;
    double d = b1 * b1 - 4.0 * b0 * b2;
    if (d >= 0.0) {
        double sd = sqrt(d);
        double r1 = (-b1 + (b1 >= 0 ? -sd : sd)) / (2.0 * b0);
        double r2 = r1 != 0.0 ? (b2 / b0) / r1 : -b1 / b0;
        double g = b0, r[2] = {r1, r2};
        for (int k = 0; k < 2; k++) {
            if (fabs(r[k]) > 1.0) {
                g *= fabs(r[k]);
                r[k] = 1.0 / r[k];
            }
            if (fabs(r[k]) > MM_FD_RMAX)
                r[k] = r[k] > 0 ? MM_FD_RMAX : -MM_FD_RMAX;
        }
        c->b0 = g;
        c->b1 = -g * (r[0] + r[1]);
        c->b2 = g * r[0] * r[1];
    } else {
        double rr = b2 / b0; /* |r|^2 of the complex pair */
        if (rr > 1.0) {      /* reflect: the reversed polynomial */
            c->b0 = b2;
            c->b2 = b0;
            b0 = c->b0;
            b2 = c->b2;
            rr = b2 / b0;
        }
        if (rr > MM_FD_RMAX * MM_FD_RMAX) {
            double k = MM_FD_RMAX / sqrt(rr);
            c->b1 *= k;
            c->b2 = b0 * MM_FD_RMAX * MM_FD_RMAX;
        }
    }
}

int mm_fd_design(mm_fd_type t, double freq, double gain_db, double q,
                 double samplerate, mm_biquad_coef *c)
{
    /* A cut is the exact inverse of the boost of the same size (bell and
     * shelves), and its poles are the boost's zeros: heavily damped poles
     * map poorly through exp(sT), so design the boost (its zeros are
     * fitted, not mapped) and invert it. */
    if (mm_fd_has_gain(t) && gain_db < 0.0 && mm_isfinite_d(gain_db)) {
        mm_biquad_coef u;
        int r = design(t, freq, -gain_db, q, samplerate, &u);
        if (r == MM_OK)
            min_phase(&u);
        if (r != MM_OK || !(u.b0 > 0.0)) {
            mm_biquad_identity(c);
            return r != MM_OK ? r : MM_E_ARG;
        }
        c->b0 = 1.0 / u.b0;
        c->b1 = u.a1 / u.b0;
        c->b2 = u.a2 / u.b0;
        c->a1 = u.b1 / u.b0;
        c->a2 = u.b2 / u.b0;
        return MM_OK;
    }
    return design(t, freq, gain_db, q, samplerate, c);
}

double mm_fd_butterworth_q(int order, int k)
{
    if (order < 2)
        order = 2;
    return 1.0 / (2.0 * cos((2.0 * k + 1.0) * MM_PI / (2.0 * order)));
}
