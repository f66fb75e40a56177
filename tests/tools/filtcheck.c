/* filtcheck: analyses for the eq~ and strip~ tests.
 *
 *   filtcheck response <out.wav> <ch> <type> <f0> <gain> <q> <fmax>
 *       The channel holds an impulse response. Its spectrum (exact DTFT
 *       at 400 log-spaced frequencies from 20 Hz to fmax) against the
 *       analog prototype written out here independently (RBJ cookbook
 *       s-domain forms, complex arithmetic). Prints
 *       `maxdev <dB> at <Hz> worst_proto <dB>`; frequencies where the
 *       prototype is below -30 dB are compared as "both below -30 dB".
 *   filtcheck jump <out.wav> <ch> <from_s> <to_s>
 *       largest |x[n] - x[n-1]| in the span: `jump <value>`
 *   filtcheck level <out.wav> <ch> <from_s> <to_s>
 *       `rms_db <dB> peak_db <dB>` of the span
 *   filtcheck compare <a.wav> <ch> <b.wav> <ch_b> <fmax>
 *       Both channels hold impulse responses: the largest difference of
 *       their magnitudes (exact DTFT, 400 log-spaced frequencies 20 Hz to
 *       fmax) where b's is above -30 dB: `maxdev <dB> at <Hz>`
 *   filtcheck symmetry <out.wav> <ch> <centre>
 *       an impulse response's largest |h[c + j] - h[c - j]| over its
 *       peak: `asym <ratio>`
 *   filtcheck delayed <out.wav> <ch> <in.wav> <D>
 *       the largest |out[t] - in[t - D]| on that channel: `maxerr <x>`
 */
#include <complex.h>
#include <math.h>
#include "mmwav.h"

static double complex proto(const char *t, double f0, double g, double q,
                            double f)
{
    double complex s = I * (f / f0);
    double A = pow(10.0, g / 40.0), sA = sqrt(A);
    double complex den = s * s + s / q + 1.0;
    if (!strcmp(t, "lowpass")) return 1.0 / den;
    if (!strcmp(t, "highpass")) return s * s / den;
    if (!strcmp(t, "bandpass")) return (s / q) / den;
    if (!strcmp(t, "notch")) return (s * s + 1.0) / den;
    if (!strcmp(t, "allpass")) return (s * s - s / q + 1.0) / den;
    if (!strcmp(t, "bell"))
        return (s * s + s * (A / q) + 1.0) / (s * s + s / (A * q) + 1.0);
    if (!strcmp(t, "lowshelf"))
        return A * (s * s + s * sA / q + A) / (A * s * s + s * sA / q + 1.0);
    if (!strcmp(t, "highshelf"))
        return A * (A * s * s + s * sA / q + 1.0) / (s * s + s * sA / q + A);
    return 1.0;
}

static double db(double v) { return 20.0 * log10(v > 1e-30 ? v : 1e-30); }

/* the DTFT of channel ch at f Hz */
static double complex dtft(const wav_data *w, int ch, double f)
{
    double complex acc = 0, rot = cexp(-I * 2 * M_PI * f / w->samplerate);
    double complex z = 1;
    for (long i = 0; i < w->frames; i++) {
        acc += w->samples[i * w->channels + ch] * z;
        z *= rot;
        if ((i & 1023) == 1023)
            z /= cabs(z);
    }
    return acc;
}

static float sample(const wav_data *w, int ch, long i)
{
    return i >= 0 && i < w->frames ? w->samples[i * w->channels + ch] : 0.0f;
}

int main(int argc, char **argv)
{
    wav_data w;
    char err[256];
    if (argc < 4 || wav_load(argv[2], &w, err, sizeof err)) {
        fprintf(stderr, "filtcheck: %s\n", argc < 4 ? "usage" : err);
        return 2;
    }
    int ch = atoi(argv[3]);
    if (ch < 0 || ch >= w.channels) {
        fprintf(stderr, "filtcheck: no channel %d\n", ch);
        return 2;
    }
    double sr = w.samplerate;
    if (!strcmp(argv[1], "response") && argc >= 9) {
        const char *t = argv[4];
        double f0 = atof(argv[5]), g = atof(argv[6]), q = atof(argv[7]);
        double fmax = atof(argv[8]), worst = 0, wf = 0, wp = 0;
        for (int k = 0; k < 400; k++) {
            double f = 20.0 * pow(fmax / 20.0, k / 399.0);
            double m = db(cabs(dtft(&w, ch, f)));
            double p = db(cabs(proto(t, f0, g, q, f)));
            double d = fabs(m - p);
            if (p < -30.0)
                d = m < -30.0 ? 0.0 : fabs(m + 30.0);
            if (d > worst) {
                worst = d;
                wf = f;
                wp = p;
            }
        }
        printf("maxdev %.4f at %.1f worst_proto %.2f\n", worst, wf, wp);
    } else if ((!strcmp(argv[1], "jump") || !strcmp(argv[1], "level"))
               && argc >= 6) {
        long a = (long)(atof(argv[4]) * sr), b = (long)(atof(argv[5]) * sr);
        if (a < 1) a = 1;
        if (b > w.frames) b = w.frames;
        double jump = 0, ss = 0, pk = 0;
        for (long i = a; i < b; i++) {
            double x = w.samples[i * w.channels + ch];
            double d = fabs(x - w.samples[(i - 1) * w.channels + ch]);
            if (d > jump) jump = d;
            ss += x * x;
            if (fabs(x) > pk) pk = fabs(x);
        }
        if (!strcmp(argv[1], "jump"))
            printf("jump %.6f\n", jump);
        else
            printf("rms_db %.3f peak_db %.3f\n",
                   b > a ? 10.0 * log10(ss / (b - a) + 1e-300) : -300.0,
                   db(pk));
    } else if (!strcmp(argv[1], "compare") && argc >= 7) {
        wav_data b;
        int chb = atoi(argv[5]);
        double fmax = atof(argv[6]), worst = 0, wf = 0;
        if (wav_load(argv[4], &b, err, sizeof err) || chb < 0
            || chb >= b.channels) {
            fprintf(stderr, "filtcheck: %s\n", err);
            return 2;
        }
        for (int k = 0; k < 400; k++) {
            double f = 20.0 * pow(fmax / 20.0, k / 399.0);
            double want = db(cabs(dtft(&b, chb, f)));
            double d = fabs(db(cabs(dtft(&w, ch, f))) - want);
            if (want >= -30.0 && d > worst) {
                worst = d;
                wf = f;
            }
        }
        printf("maxdev %.4f at %.1f\n", worst, wf);
        wav_free(&b);
    } else if (!strcmp(argv[1], "symmetry") && argc >= 5) {
        long c = atol(argv[4]);
        double peak = 0, a = 0;
        for (long i = 0; i < w.frames; i++)
            peak = fabs(sample(&w, ch, i)) > peak ? fabs(sample(&w, ch, i))
                                                   : peak;
        for (long j = 1; j <= c; j++) {
            double d = fabs(sample(&w, ch, c + j) - sample(&w, ch, c - j));
            a = d > a ? d : a;
        }
        printf("asym %.3g\n", peak > 0 ? a / peak : 1.0);
    } else if (!strcmp(argv[1], "delayed") && argc >= 6) {
        wav_data in;
        long D = atol(argv[5]);
        double e = 0;
        if (wav_load(argv[4], &in, err, sizeof err) || ch >= in.channels) {
            fprintf(stderr, "filtcheck: %s\n", err);
            return 2;
        }
        for (long t = D; t < w.frames; t++) {
            double d = fabs(sample(&w, ch, t) - sample(&in, ch, t - D));
            e = d > e ? d : e;
        }
        printf("maxerr %.3g\n", e);
        wav_free(&in);
    } else {
        fprintf(stderr, "filtcheck: bad arguments\n");
        return 2;
    }
    wav_free(&w);
    return 0;
}
