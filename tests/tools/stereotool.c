/* stereotool: signals and measurements for the imager~ and multiband~
 * integration tests.
 *
 *   stereotool gen <kind> <sr> <seconds> <out.wav> [freqs...]
 *     kinds: noise (independent L, R white noise), mono (L = R noise),
 *     anti (L = -R noise), impulse (a unit impulse at sample 0 in both
 *     channels), mix (mid: noise at 0.2, side: 0.1 sines at freqs),
 *     tones (L = R: sines at freqs, amplitude given as f:amp or 0.25),
 *     mstones (mid sine f1 amp a1, side sine f2 amp a2: args f1 a1 f2 a2)
 *   stereotool same <in.wav> <out.wav>           bit-exact, lag
 *   stereotool formula <in.wav> <out.wav> <w> [skip_s]  max |out - (M +- wS)|
 *   stereotool sum <in.wav> <out.wav>            max |(Lo+Ro) - (Li+Ri)|
 *   stereotool gain <in.wav> <out.wav> <L|R|M|S> <f> [skip_s]
 *     dB of the component's sine at f, out over in
 *   stereotool level <file.wav> <L|R|M|S> <f> [skip_s]   peak dB of a sine
 *   stereotool resp <out.wav> <f...>    magnitude (dB) of channel 1's
 *     impulse response at each frequency (one line per f)
 *   stereotool flat <out.wav> <flo> <fhi>  worst |dB| of channel 1's
 *     impulse response over flo..fhi (and of channel 2)
 *   stereotool peak <file.wav>                  max |sample| in dBFS
 *   stereotool rms <file.wav>                   RMS of both channels, dBFS
 *   stereotool hf <file.wav> <t0> <t1> <amp>
 *     peak of the 4th difference of channel 1 in t0..t1 in dB relative to
 *     amp: a sine below 1 kHz reads under -80 dB, a step (click) far above
 *   stereotool env <file.wav> <f> <t0> <t1>     min and max per-period peak
 *     (dBFS) of channel 1, periods of a sine at f
 *   stereotool mbexpect <sr> <f> <amp> <band> <T> <R> <xover...>
 *     the output gain (dB) a multiband~ with LR4 splits at xover... gives a
 *     sine of amplitude amp at f when band (1-based) compresses with a hard
 *     knee at T dB, ratio R (peak level = amp |H_band(f)|) and the other
 *     bands do not: |sum_b g_b H_b(f)|; also prints the band's own gain
 *     and the band's magnitude |H_band(f)| in dB
 *   stereotool edge <out.wav> <band> <fc> <f1> <f2> <xover...>
 *     the slope (dB/oct) of the impulse response of solo'd band over f1..f2,
 *     with the other splits' LR4 magnitudes taken out, beside the digital
 *     (bilinear) and analog LR4 slopes of the edge at fc, and the worst
 *     deviation from the LR4 product at f1 and f2
 *   stereotool clicks <out.wav> <t0> <t1> <tref0> <tref1>
 *     max |2nd difference| of channel 1 in t0..t1 over the max in the
 *     steady reference tref0..tref1
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmwav.h"
#include "mmtest.h"
#include "mm_crossover.h"

typedef struct {
    float *ch[2];
    long frames;
    int channels, samplerate;
} xwav;

/* load a WAV as planar channels 1 and 2 (a mono file gives both) */
static int xwav_read(const char *path, xwav *w)
{
    wav_data d;
    char err[256];
    if (wav_load(path, &d, err, sizeof err))
        return -1;
    w->frames = d.frames;
    w->channels = d.channels;
    w->samplerate = (int)d.samplerate;
    for (int c = 0; c < 2; c++) {
        w->ch[c] = malloc(sizeof(float) * (size_t)(d.frames + 1));
        for (long i = 0; i < d.frames; i++)
            w->ch[c][i] = d.samples[i * d.channels + (c < d.channels ? c : 0)];
    }
    wav_free(&d);
    return 0;
}

#define PI 3.14159265358979323846


static int gen(int argc, char **argv)
{
    const char *kind = argv[2];
    int sr = atoi(argv[3]);
    long n = (long)(atof(argv[4]) * sr);
    int nf = argc - 6;
    float *d = calloc((size_t)n * 2, sizeof(float));
    for (long i = 0; i < n; i++) {
        double l = 0, r = 0, t = (double)i / sr;
        if (!strcmp(kind, "noise")) {
            l = 0.25 * mmt_frand();
            r = 0.25 * mmt_frand();
        } else if (!strcmp(kind, "mono")) {
            l = r = 0.25 * mmt_frand();
        } else if (!strcmp(kind, "anti")) {
            l = 0.25 * mmt_frand();
            r = -l;
        } else if (!strcmp(kind, "impulse")) {
            l = r = i == 0;
        } else if (!strcmp(kind, "mix")) {
            double m = 0.2 * mmt_frand(), s = 0;
            for (int k = 0; k < nf; k++)
                s += 0.1 * sin(2 * PI * atof(argv[6 + k]) * t);
            l = m + s;
            r = m - s;
        } else if (!strcmp(kind, "tones")) {
            for (int k = 0; k < nf; k++) {
                double f = atof(argv[6 + k]), a = 0.25;
                const char *c = strchr(argv[6 + k], ':');
                if (c)
                    a = atof(c + 1);
                l += a * sin(2 * PI * f * t);
            }
            r = l;
        } else if (!strcmp(kind, "mstones")) {
            double m = atof(argv[7]) * sin(2 * PI * atof(argv[6]) * t);
            double s = atof(argv[9]) * sin(2 * PI * atof(argv[8]) * t);
            l = m + s;
            r = m - s;
        } else {
            fprintf(stderr, "unknown kind %s\n", kind);
            return 1;
        }
        d[2 * i] = (float)l;
        d[2 * i + 1] = (float)r;
    }
    return wav_save(argv[5], d, 2, n, sr, 32);
}

static void load2(const char *p, xwav *w)
{
    if (xwav_read(p, w) || w->channels < 1) {
        fprintf(stderr, "cannot read %s\n", p);
        exit(2);
    }
    if (w->channels == 1)
        w->ch[1] = w->ch[0];
}

static double comp(const xwav *w, long i, char which)
{
    double l = w->ch[0][i], r = w->ch[1][i];
    switch (which) {
    case 'L': return l;
    case 'R': return r;
    case 'M': return 0.5 * (l + r);
    default: return 0.5 * (l - r);
    }
}

/* amplitude of the sine at f in component `which`, over whole cycles */
static double sine_amp(const xwav *w, char which, double f, double skip)
{
    long a = (long)(skip * w->samplerate);
    long len = w->frames - a;
    long cyc = (long)(len * f / w->samplerate);
    len = (long)(cyc * w->samplerate / f);
    double c = 0, s = 0;
    for (long i = 0; i < len; i++) {
        double ph = 2 * PI * f * (double)(a + i) / w->samplerate;
        double v = comp(w, a + i, which);
        c += v * cos(ph);
        s += v * sin(ph);
    }
    return 2 * sqrt(c * c + s * s) / len;
}

static double ir_db(const xwav *w, int ch, double f)
{
    double c = 0, s = 0, om = 2 * PI * f / w->samplerate;
    for (long i = 0; i < w->frames; i++) {
        c += w->ch[ch][i] * cos(om * i);
        s -= w->ch[ch][i] * sin(om * i);
    }
    return 10 * log10(c * c + s * s + 1e-300);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 1;
    const char *cmd = argv[1];
    xwav a, b;
    if (!strcmp(cmd, "gen"))
        return argc < 6 ? 1 : gen(argc, argv);
    if (!strcmp(cmd, "same")) {
        load2(argv[2], &a);
        load2(argv[3], &b);
        long n = a.frames < b.frames ? a.frames : b.frames, diff = 0;
        double mx = 0;
        for (long i = 0; i < n; i++)
            for (int c = 0; c < 2; c++) {
                if (memcmp(&a.ch[c][i], &b.ch[c][i], 4))
                    diff++;
                double d = fabs(a.ch[c][i] - b.ch[c][i]);
                if (d > mx)
                    mx = d;
            }
        printf("frames %ld differing_samples %ld maxdiff %g\n", n, diff, mx);
        return 0;
    }
    if (!strcmp(cmd, "formula") || !strcmp(cmd, "sum")) {
        load2(argv[2], &a);
        load2(argv[3], &b);
        double wd = argc > 4 ? atof(argv[4]) : 1, mx = 0, lr = 0;
        long n = a.frames < b.frames ? a.frames : b.frames;
        long i0 = argc > 5 ? (long)(atof(argv[5]) * a.samplerate) : 0;
        for (long i = i0; i < n; i++) {
            double m = comp(&a, i, 'M'), s = comp(&a, i, 'S');
            if (!strcmp(cmd, "sum")) {
                double d = fabs((b.ch[0][i] + (double)b.ch[1][i])
                                - (a.ch[0][i] + (double)a.ch[1][i]));
                if (d > mx)
                    mx = d;
            } else {
                double dl = fabs(b.ch[0][i] - (m + wd * s));
                double dr = fabs(b.ch[1][i] - (m - wd * s));
                if (dl > mx)
                    mx = dl;
                if (dr > mx)
                    mx = dr;
                if (fabs(b.ch[0][i] - b.ch[1][i]) > lr)
                    lr = fabs(b.ch[0][i] - b.ch[1][i]);
            }
        }
        printf("maxerr %g maxLminusR %g\n", mx, lr);
        return 0;
    }
    if (!strcmp(cmd, "gain")) {
        load2(argv[2], &a);
        load2(argv[3], &b);
        double f = atof(argv[5]), skip = argc > 6 ? atof(argv[6]) : 0.25;
        double ai = sine_amp(&a, argv[4][0], f, skip);
        double ao = sine_amp(&b, argv[4][0], f, skip);
        printf("%.4f\n", 20 * log10((ao + 1e-30) / (ai + 1e-30)));
        return 0;
    }
    if (!strcmp(cmd, "level")) {
        load2(argv[2], &a);
        double f = atof(argv[4]), skip = argc > 5 ? atof(argv[5]) : 0.25;
        printf("%.4f\n", 20 * log10(sine_amp(&a, argv[3][0], f, skip) + 1e-30));
        return 0;
    }
    if (!strcmp(cmd, "resp")) {
        load2(argv[2], &a);
        for (int k = 3; k < argc; k++)
            printf("%s %.4f\n", argv[k], ir_db(&a, 0, atof(argv[k])));
        return 0;
    }
    if (!strcmp(cmd, "flat")) {
        load2(argv[2], &a);
        double lo = atof(argv[3]), hi = atof(argv[4]);
        for (int c = 0; c < 2; c++) {
            double worst = 0, wf = lo;
            for (double f = lo; f <= hi * 1.0001; f *= 1.02) {
                double d = ir_db(&a, c, f);
                if (fabs(d) > fabs(worst))
                    worst = d, wf = f;
            }
            printf("ch%d worst %.6f dB at %.1f Hz\n", c + 1, worst, wf);
        }
        return 0;
    }
    if (!strcmp(cmd, "clicks")) {
        load2(argv[2], &a);
        double sr = a.samplerate, t[4];
        for (int k = 0; k < 4; k++)
            t[k] = atof(argv[3 + k]);
        double m[2] = {0, 0};
        for (int k = 0; k < 2; k++) {
            long i0 = (long)(t[2 * k] * sr), i1 = (long)(t[2 * k + 1] * sr);
            if (i1 > a.frames - 1)
                i1 = a.frames - 1;
            for (long i = i0 < 1 ? 1 : i0; i < i1; i++) {
                double d = fabs(a.ch[0][i + 1] - 2.0 * a.ch[0][i] + a.ch[0][i - 1]);
                if (d > m[k])
                    m[k] = d;
            }
        }
        printf("ratio %.4f move %g steady %g\n", m[0] / (m[1] + 1e-30), m[0], m[1]);
        return 0;
    }
    if (!strcmp(cmd, "rms")) {
        load2(argv[2], &a);
        double e = 0;
        for (long i = 0; i < a.frames; i++)
            e += (double)a.ch[0][i] * a.ch[0][i] + (double)a.ch[1][i] * a.ch[1][i];
        printf("%.2f\n", 10 * log10(e / (2.0 * a.frames) + 1e-30));
        return 0;
    }
    if (!strcmp(cmd, "peak")) {
        load2(argv[2], &a);
        double mx = 0;
        for (long i = 0; i < a.frames; i++)
            for (int c = 0; c < 2; c++)
                if (fabs(a.ch[c][i]) > mx)
                    mx = fabs(a.ch[c][i]);
        printf("%.2f\n", 20 * log10(mx + 1e-30));
        return 0;
    }
    if (!strcmp(cmd, "hf")) {
        load2(argv[2], &a);
        long i0 = (long)(atof(argv[3]) * a.samplerate);
        long i1 = (long)(atof(argv[4]) * a.samplerate);
        double amp = atof(argv[5]), mx = 0;
        if (i0 < 2)
            i0 = 2;
        if (i1 > a.frames - 2)
            i1 = a.frames - 2;
        const float *x = a.ch[0];
        for (long i = i0; i < i1; i++) {
            double d = x[i - 2] - 4.0 * x[i - 1] + 6.0 * x[i] - 4.0 * x[i + 1] + x[i + 2];
            if (fabs(d) > mx)
                mx = fabs(d);
        }
        printf("%.2f\n", 20 * log10(mx / amp + 1e-30));
        return 0;
    }
    if (!strcmp(cmd, "env")) {
        load2(argv[2], &a);
        long per = (long)(a.samplerate / atof(argv[3]) + 0.999);
        long i0 = (long)(atof(argv[4]) * a.samplerate);
        long i1 = (long)(atof(argv[5]) * a.samplerate);
        double lo = 1e30, hi = 0;
        for (long i = i0; i + per <= i1 && i + per <= a.frames; i += per) {
            double m = 0;
            for (long k = i; k < i + per; k++)
                if (fabs(a.ch[0][k]) > m)
                    m = fabs(a.ch[0][k]);
            if (m < lo)
                lo = m;
            if (m > hi)
                hi = m;
        }
        printf("%.3f %.3f\n", 20 * log10(lo + 1e-30), 20 * log10(hi + 1e-30));
        return 0;
    }
    if (!strcmp(cmd, "mbexpect") || !strcmp(cmd, "edge")) {
        int isedge = !strcmp(cmd, "edge");
        int first = isedge ? 7 : 8;
        int ns = argc - first;
        mm_crossover xo;
        double sr;
        if (isedge) {
            load2(argv[2], &a);
            sr = a.samplerate;
        } else {
            sr = atof(argv[2]);
        }
        if (ns < 1 || mm_crossover_init(&xo, ns + 1, 1, sr))
            return 1;
        for (int k = 0; k < ns; k++)
            mm_crossover_set_hz(&xo, k, atof(argv[first + k]), 1);
        if (!isedge) {
            double f = atof(argv[3]), amp = atof(argv[4]);
            int band = atoi(argv[5]) - 1;
            double T = atof(argv[6]), R = atof(argv[7]), re = 0, im = 0, gb = 0, hb = 0;
            for (int b = 0; b <= ns; b++) {
                double r, j, g = 1;
                mm_crossover_response(&xo, b, f, &r, &j);
                if (b == band) {
                    hb = 20 * log10(sqrt(r * r + j * j));
                    double x = 20 * log10(amp) + hb;
                    gb = x > T ? (1 / R - 1) * (x - T) : 0;
                    g = pow(10, gb / 20);
                }
                re += g * r;
                im += g * j;
            }
            printf("%.3f %.3f %.3f\n", 10 * log10(re * re + im * im), gb, hb);
            return 0;
        }
        int band = atoi(argv[3]) - 1;
        double fc = atof(argv[4]), f[2] = {atof(argv[5]), atof(argv[6])};
        double meas[2], theo[2], edge[2], an[2], dev = 0;
        double tc = tan(PI * fc / sr);
        for (int k = 0; k < 2; k++) {
            double r, j, w = tan(PI * f[k] / sr) / tc, v = f[k] / fc;
            meas[k] = ir_db(&a, 0, f[k]);
            mm_crossover_response(&xo, band, f[k], &r, &j);
            theo[k] = 10 * log10(r * r + j * j);
            /* the edge alone: LR4 low-pass above fc, high-pass below */
            edge[k] = f[k] > fc ? -20 * log10(1 + w * w * w * w)
                                : -20 * log10(1 + 1 / (w * w * w * w));
            an[k] = f[k] > fc ? -20 * log10(1 + v * v * v * v)
                              : -20 * log10(1 + 1 / (v * v * v * v));
            if (fabs(meas[k] - theo[k]) > dev)
                dev = fabs(meas[k] - theo[k]);
        }
        double oct = fabs(log2(f[1] / f[0]));
        double ms = fabs(meas[0] - meas[1]) / oct;
        double corr = fabs((meas[0] - (theo[0] - edge[0])) - (meas[1] - (theo[1] - edge[1]))) / oct;
        printf("slope %.2f corrected %.2f digital %.2f analog %.2f maxdev %.4f\n", ms, corr,
               fabs(edge[0] - edge[1]) / oct, fabs(an[0] - an[1]) / oct, dev);
        return 0;
    }
    fprintf(stderr, "unknown command %s\n", cmd);
    return 1;
}
