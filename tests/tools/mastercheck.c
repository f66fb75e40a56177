/* mastercheck: analyses for the limiter~ and dither~ tests.
 *
 *   mastercheck tp out.wav [skip]         16x true peak (dBTP) and sample peak
 *   mastercheck tpk out.wav taps [beta]   the same with a double-precision
 *        meter of any length (taps per phase, even, up to 4096; beta [10]):
 *        shows how a reading depends on the meter's own length
 *   mastercheck same in.wav out.wav D     frames where out[i] != in[i-D]
 *   mastercheck link in.wav out.wav D     max |gain L - gain R| in dB
 *   mastercheck grid out.wav bits         samples off the grid / out of range
 *   mastercheck errpow in.wav out.wav bits [skip [end]]  error power in LSB^2, dB
 *   mastercheck spectrum in.wav out.wav bits freq   averaged FFTs of the output:
 *        fundamental, median noise bin, worst harmonic (2..9) over the floor
 *   mastercheck band in.wav out.wav f1 f2 [skip]    error power in f1..f2, dB
 *   mastercheck equal a.wav b.wav         frames that differ
 *   mastercheck maxabs out.wav            largest |sample| and finite check
 *   mastercheck overs out.wav ceiling_dB  samples above the ceiling
 *   mastercheck maxerr in.wav out.wav bits  largest |out - clip(in)| in LSB
 *   mastercheck shortterm out.wav [skip_frames] t0:t1...   BS.1770 short-term
 *        loudness (libebur128, 3 s window ending every 10 ms) over each
 *        span t0..t1 seconds, the file read from skip_frames on:
 *        `st <t0> <t1> <min> <max> <at t1>` (LUFS; -144 when silent)
 *
 * True peak: 16x polyphase interpolation (mm_oversampler, 256 taps per
 * phase, Kaiser beta 10, as main's tests/unit/test_truepeak.c reference), each local
 * maximum refined by a parabola: an ideal-reconstruction meter within
 * 0.01 dB for content below 0.47 fs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <ebur128.h>
#include "mmwav.h"
#include "mmtest.h"
#include "mm_oversampler.h"

static float *load(const char *p, long *n, int *ch, int *sr)
{
    wav_data w;
    char err[256];
    if (wav_load(p, &w, err, sizeof err)) {
        fprintf(stderr, "mastercheck: %s\n", err);
        exit(2);
    }
    *n = w.frames;
    *ch = w.channels;
    *sr = (int)w.samplerate;
    return w.samples;
}

static double db(double v) { return v > 1e-30 ? 20 * log10(v) : -600; }

static double tp16(const float *d, long n, int ch, int c, long skip)
{
    mm_oversampler os = {0};
    mm_oversampler_init(&os, 16, 256, 10.0);
    int K = mm_oversampler_latency(&os);
    enum { B = 256 };
    static float in[B], out[B * 16];
    double best = 0, p2 = 0, p1 = 0;
    long total = n + K + 1;
    for (long i0 = 0; i0 < total; i0 += B) {
        int cnt = total - i0 < B ? (int)(total - i0) : B;
        for (int k = 0; k < cnt; k++)
            in[k] = i0 + k < n ? d[(i0 + k) * ch + c] : 0.0f;
        mm_oversampler_process(&os, in, out, cnt);
        for (int k = 0; k < cnt; k++) {
            long src = i0 + k - K; /* out[k*16 + j] is y(src + j/16) */
            for (int j = 0; j < 16; j++) {
                double y = fabs(out[k * 16 + j]);
                if (src >= skip && p1 >= p2 && p1 >= y && p1 > 0) {
                    double dd = 2 * p1 - p2 - y, v = p1;
                    if (dd > 0) v = p1 + (y - p2) * (y - p2) / (8 * dd);
                    if (v > best) best = v;
                }
                if (src >= skip && y > best) best = y;
                p2 = p1;
                p1 = y;
            }
        }
    }
    mm_oversampler_free(&os);
    return best;
}

/* 16x, 'taps' per phase, Kaiser 'beta', double, parabola at each local
 * maximum, the channel padded with silence on both sides */
static double tpk(const float *d, long n, int ch, int c, int taps, double beta)
{
    const int L = 16, K = taps / 2;
    double *co = malloc(sizeof *co * L * taps);
    mmt_sinc_design(co, L, K, beta);
    long pad = 2 * (long)K;
    double *xp = calloc((size_t)(n + 2 * pad + 8), sizeof *xp);
    for (long k = 0; k < n; k++)
        xp[pad + k] = d[k * ch + c];
    double best = 0, p1 = 0, p2 = 0;
    for (long m = -K; m < n + K; m++) {
        const double *h = xp + pad + m - K + 1;
        for (int i = 0; i < L; i++) {
            double a = 0;
            if (i == 0)
                a = xp[pad + m];
            else
                for (int t = 0; t < taps; t++)
                    a += co[i * taps + t] * h[t];
            double y = fabs(a);
            if (p1 >= p2 && p1 >= y && p1 > 0) {
                double dd = 2 * p1 - p2 - y, v = p1;
                if (dd > 0) v = p1 + (y - p2) * (y - p2) / (8 * dd);
                if (v > best) best = v;
            }
            if (y > best) best = y;
            p2 = p1;
            p1 = y;
        }
    }
    free(xp);
    free(co);
    return best;
}

/* in-place radix-2 complex FFT */
static void fft(double *re, double *im, long n)
{
    for (long i = 1, j = 0; i < n; i++) {
        long bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) {
            double t = re[i]; re[i] = re[j]; re[j] = t;
            t = im[i]; im[i] = im[j]; im[j] = t;
        }
    }
    for (long len = 2; len <= n; len <<= 1) {
        double ang = -2 * M_PI / len;
        for (long i = 0; i < n; i += len)
            for (long k = 0; k < len / 2; k++) {
                double wr = cos(ang * k), wi = sin(ang * k);
                double ur = re[i + k], ui = im[i + k];
                double vr = re[i + k + len / 2] * wr - im[i + k + len / 2] * wi;
                double vi = re[i + k + len / 2] * wi + im[i + k + len / 2] * wr;
                re[i + k] = ur + vr; im[i + k] = ui + vi;
                re[i + k + len / 2] = ur - vr; im[i + k + len / 2] = ui - vi;
            }
    }
}

static int cmpd(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Blackman-Harris power spectrum of n points (pow2), normalised so a
 * full-scale sine reads 0 dB in its peak bin; returns power per bin. */
static double *spectrum(const float *d, int ch, long start, long n)
{
    double *re = calloc(n, sizeof *re), *im = calloc(n, sizeof *im);
    double wsum = 0;
    for (long i = 0; i < n; i++) {
        double x = 2 * M_PI * i / n;
        double w = 0.35875 - 0.48829 * cos(x) + 0.14128 * cos(2 * x) - 0.01168 * cos(3 * x);
        re[i] = w * d[(start + i) * ch];
        wsum += w;
    }
    fft(re, im, n);
    double *p = malloc((n / 2) * sizeof *p);
    for (long k = 0; k < n / 2; k++)
        p[k] = (re[k] * re[k] + im[k] * im[k]) * 4 / (wsum * wsum);
    free(re);
    free(im);
    return p;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: see the source\n");
        return 2;
    }
    const char *cmd = argv[1];
    long n, n2;
    int ch, ch2, sr, sr2;
    if (!strcmp(cmd, "shortterm")) {
        float *d = load(argv[2], &n, &ch, &sr);
        int a0 = 3;
        long skip = 0;
        if (argc > 3 && !strchr(argv[3], ':')) {
            skip = atol(argv[3]);
            a0 = 4;
        }
        int nsp = argc - a0;
        double *t0 = calloc((size_t)nsp + 1, sizeof *t0), *t1 = calloc((size_t)nsp + 1, sizeof *t1);
        double *mn = calloc((size_t)nsp + 1, sizeof *mn), *mx = calloc((size_t)nsp + 1, sizeof *mx);
        double *at = calloc((size_t)nsp + 1, sizeof *at);
        for (int k = 0; k < nsp; k++) {
            if (sscanf(argv[a0 + k], "%lf:%lf", &t0[k], &t1[k]) != 2) {
                fprintf(stderr, "mastercheck: span %s is not t0:t1\n", argv[a0 + k]);
                return 2;
            }
            mn[k] = 1e9;
            mx[k] = -1e9;
            at[k] = -144;
        }
        ebur128_state *st = ebur128_init((unsigned)ch, (unsigned long)sr, EBUR128_MODE_S);
        if (!st)
            return 2;
        long hop = sr / 100;
        for (long i = skip; i + hop <= n; i += hop) {
            ebur128_add_frames_float(st, d + i * ch, (size_t)hop);
            double t = (double)(i + hop - skip) / sr, v = -144;
            if (ebur128_loudness_shortterm(st, &v) != EBUR128_SUCCESS || !(v > -144))
                v = -144;
            for (int k = 0; k < nsp; k++)
                if (t >= t0[k] - 1e-9 && t <= t1[k] + 1e-9) {
                    if (v < mn[k]) mn[k] = v;
                    if (v > mx[k]) mx[k] = v;
                    at[k] = v;
                }
        }
        ebur128_destroy(&st);
        for (int k = 0; k < nsp; k++)
            printf("st %.3f %.3f %.3f %.3f %.3f\n", t0[k], t1[k], mn[k], mx[k], at[k]);
    } else if (!strcmp(cmd, "tp")) {
        float *d = load(argv[2], &n, &ch, &sr);
        long skip = argc > 3 ? atol(argv[3]) : 0;
        double tp = 0, sp = 0;
        for (int c = 0; c < ch; c++) {
            double v = tp16(d, n, ch, c, skip);
            if (v > tp) tp = v;
        }
        for (long i = skip * ch; i < n * ch; i++)
            if (fabs(d[i]) > sp) sp = fabs(d[i]);
        printf("truepeak %.4f samplepeak %.4f\n", db(tp), db(sp));
    } else if (!strcmp(cmd, "tpk")) {
        float *d = load(argv[2], &n, &ch, &sr);
        int taps = argc > 3 ? atoi(argv[3]) : 256;
        double beta = argc > 4 ? atof(argv[4]) : 10.0;
        if (taps < 2 || taps > 4096 || (taps & 1)) {
            fprintf(stderr, "mastercheck: taps must be even, 2..4096\n");
            return 2;
        }
        double tp = 0;
        for (int c = 0; c < ch; c++) {
            double v = tpk(d, n, ch, c, taps, beta);
            if (v > tp) tp = v;
        }
        printf("truepeak %.4f taps %d beta %.1f\n", db(tp), taps, beta);
    } else if (!strcmp(cmd, "same") || !strcmp(cmd, "link")) {
        float *a = load(argv[2], &n, &ch, &sr);
        float *b = load(argv[3], &n2, &ch2, &sr2);
        long D = atol(argv[4]), bad = 0, cnt = 0;
        double worst = 0;
        for (long i = D; i < n2 && i - D < n; i++) {
            if (!strcmp(cmd, "same")) {
                for (int c = 0; c < ch2 && c < ch; c++)
                    if (b[i * ch2 + c] != a[(i - D) * ch + c]) bad++;
                cnt++;
            } else {
                double xl = a[(i - D) * ch], xr = a[(i - D) * ch + 1];
                if (fabs(xl) < 0.01 || fabs(xr) < 0.01) continue;
                double gl = b[i * ch2] / xl, gr = b[i * ch2 + 1] / xr;
                double dd = fabs(db(gl) - db(gr));
                if (dd > worst) worst = dd;
                cnt++;
            }
        }
        if (!strcmp(cmd, "same"))
            printf("differ %ld frames %ld\n", bad, cnt);
        else
            printf("lrdiff %.6f frames %ld\n", worst, cnt);
    } else if (!strcmp(cmd, "grid")) {
        float *d = load(argv[2], &n, &ch, &sr);
        int bits = atoi(argv[3]);
        double s = ldexp(1.0, bits - 1);
        long off = 0, out = 0;
        for (long i = 0; i < n * ch; i++) {
            double k = d[i] * s;
            if (k != floor(k)) off++;
            if (k < -s || k > s - 1) out++;
        }
        printf("offgrid %ld outofrange %ld samples %ld\n", off, out, n * ch);
    } else if (!strcmp(cmd, "errpow")) {
        float *a = load(argv[2], &n, &ch, &sr);
        float *b = load(argv[3], &n2, &ch2, &sr2);
        int bits = atoi(argv[4]);
        long skip = argc > 5 ? atol(argv[5]) : 0;
        long end = argc > 6 ? atol(argv[6]) : n;
        double s = ldexp(1.0, bits - 1), acc = 0;
        long cnt = 0;
        for (long i = skip; i < n && i < n2 && i < end; i++) {
            double e = ((double)b[i * ch2] - a[i * ch]) * s;
            acc += e * e;
            cnt++;
        }
        acc /= cnt > 0 ? cnt : 1;
        printf("errpow_lsb2 %.5f errpow_db %.3f\n", acc, 10 * log10(acc / (s * s)));
    } else if (!strcmp(cmd, "spectrum")) {
        float *b = load(argv[3], &n2, &ch2, &sr2);
        double f = atof(argv[5]);
        /* Welch: the average of 65536-point spectra */
        long N = 65536;
        if (n2 < N) { fprintf(stderr, "mastercheck: file too short\n"); return 2; }
        long segs = n2 / N;
        double *p = calloc(N / 2, sizeof *p);
        for (long sg = 0; sg < segs; sg++) {
            double *q = spectrum(b, ch2, sg * N, N);
            for (long k = 0; k < N / 2; k++) p[k] += q[k] / segs;
            free(q);
        }
        long k0 = lround(f * N / sr2);
        double fund = 0;
        for (long k = k0 - 3; k <= k0 + 3; k++) if (p[k] > fund) fund = p[k];
        /* noise floor: median bin power, away from DC */
        double *tmp = malloc(N / 2 * sizeof *tmp);
        long m = 0;
        for (long k = 10; k < N / 2; k++) tmp[m++] = p[k];
        qsort(tmp, m, sizeof *tmp, cmpd);
        double floor_ = tmp[m / 2];
        double worst = -600;
        int wh = 0;
        for (int h = 2; h <= 9; h++) {
            long kh = lround(h * f * N / sr2);
            if (kh + 3 >= N / 2) break;
            double ph = 0;
            for (long k = kh - 3; k <= kh + 3; k++) if (p[k] > ph) ph = p[k];
            double rel = 10 * log10(ph / floor_);
            if (rel > worst) { worst = rel; wh = h; }
        }
        printf("fundamental_db %.2f floor_db %.2f worst_harmonic %d over_floor_db %.2f\n",
               10 * log10(fund + 1e-300), 10 * log10(floor_ + 1e-300), wh, worst);
    } else if (!strcmp(cmd, "band")) {
        float *a = load(argv[2], &n, &ch, &sr);
        float *b = load(argv[3], &n2, &ch2, &sr2);
        double f1 = atof(argv[4]), f2 = atof(argv[5]);
        long skip = argc > 6 ? atol(argv[6]) : 0;
        long N = 1;
        while (N * 2 <= n2 - skip && N < 65536) N *= 2;
        long segs = (n2 - skip) / N;
        float *e = malloc((size_t)n2 * sizeof *e);
        for (long i = 0; i < n2; i++)
            e[i] = (float)(b[i * ch2] - (i < n ? a[i * ch] : 0.0f));
        double acc = 0;
        long cnt = 0;
        for (long s = 0; s < segs; s++) {
            double *p = spectrum(e, 1, skip + s * N, N);
            for (long k = lround(f1 * N / sr2); k <= lround(f2 * N / sr2); k++) {
                acc += p[k];
                cnt++;
            }
            free(p);
        }
        printf("band_db %.3f\n", 10 * log10(acc / (cnt ? cnt : 1) + 1e-300));
    } else if (!strcmp(cmd, "equal")) {
        float *a = load(argv[2], &n, &ch, &sr);
        float *b = load(argv[3], &n2, &ch2, &sr2);
        long bad = 0;
        for (long i = 0; i < n * ch && i < n2 * ch2; i++)
            if (memcmp(&a[i], &b[i], 4)) bad++;
        printf("differ %ld of %ld\n", bad, n * ch);
    } else if (!strcmp(cmd, "overs")) {
        float *d = load(argv[2], &n, &ch, &sr);
        float c = (float)pow(10.0, atof(argv[3]) / 20.0);
        long over = 0;
        double m = 0;
        for (long i = 0; i < n * ch; i++) {
            if (fabsf(d[i]) > c) over++;
            if (fabs(d[i]) > m) m = fabs(d[i]);
        }
        printf("overs %ld samplepeak %.6f\n", over, db(m));
    } else if (!strcmp(cmd, "maxerr")) {
        /* largest |out - clip(in)| in LSB (clip to the grid's range) */
        float *a = load(argv[2], &n, &ch, &sr);
        float *b = load(argv[3], &n2, &ch2, &sr2);
        double s = ldexp(1.0, atoi(argv[4]) - 1), m = 0;
        for (long i = 0; i < n && i < n2; i++) {
            double x = a[i * ch];
            if (x > 1 - 1 / s) x = 1 - 1 / s;
            if (x < -1) x = -1;
            double e = fabs(b[i * ch2] - x) * s;
            if (e > m) m = e;
        }
        printf("maxerr_lsb %.3f\n", m);
    } else if (!strcmp(cmd, "maxabs")) {
        float *d = load(argv[2], &n, &ch, &sr);
        double m = 0;
        long nonfinite = 0;
        for (long i = 0; i < n * ch; i++) {
            uint32_t u; memcpy(&u, &d[i], 4);
            if ((u & 0x7f800000u) == 0x7f800000u) { nonfinite++; continue; }
            if (fabs(d[i]) > m) m = fabs(d[i]);
        }
        printf("maxabs %.6f nonfinite %ld\n", m, nonfinite);
    } else {
        fprintf(stderr, "mastercheck: unknown command %s\n", cmd);
        return 2;
    }
    return 0;
}
