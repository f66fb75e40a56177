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
 *   stereotool clicks <out.wav> <t0> <t1> <tref0> <tref1>
 *     max |2nd difference| of channel 1 in t0..t1 over the max in the
 *     steady reference tref0..tref1
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wav.h"

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

static uint32_t rng = 2463534242u;
static double noise(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return (double)rng / 2147483648.0 - 1.0;
}

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
            l = 0.25 * noise();
            r = 0.25 * noise();
        } else if (!strcmp(kind, "mono")) {
            l = r = 0.25 * noise();
        } else if (!strcmp(kind, "anti")) {
            l = 0.25 * noise();
            r = -l;
        } else if (!strcmp(kind, "impulse")) {
            l = r = i == 0;
        } else if (!strcmp(kind, "mix")) {
            double m = 0.2 * noise(), s = 0;
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
    fprintf(stderr, "unknown command %s\n", cmd);
    return 1;
}
