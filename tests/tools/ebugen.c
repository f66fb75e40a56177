/* ebugen: synthesize the EBU Tech 3341 and Tech 3342 test signals.
 *
 *   ebugen <case> <samplerate> <out.wav>
 *
 * Cases (levels are sine peak amplitudes in dBFS, 1 kHz, in every channel
 * unless said): 3341-1 .. 3341-6 (6b: 5.1 with a silent LFE), 3341-9
 * (short-term constant), 3341-12 (momentary constant), 3341-15 .. 3341-23
 * (true peak), 3342-1 .. 3342-4 (loudness range). Prints the expected
 * value and tolerance on stdout: `expect <what> <value> <lo> <hi>`.
 */
#include "mmwav.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

typedef struct {
    double seconds;
    double dbfs;
} segment;

static float *buf;
static long frames;
static int nch;
static int sr;

static void alloc_frames(double seconds, int channels)
{
    nch = channels;
    frames = (long)(seconds * sr + 0.5);
    buf = calloc((size_t)(frames * nch), sizeof *buf);
    if (!buf)
        exit(2);
}

/* A 1 kHz sine through a sequence of levels, phase continuous. gains[c]
 * scales channel c (dB), NULL for all 0 dB. */
static void tone_segments(const segment *seg, int nseg, const double *ch_db,
                          int channels)
{
    double total = 0;
    for (int k = 0; k < nseg; k++)
        total += seg[k].seconds;
    alloc_frames(total, channels);
    long i = 0;
    double t0 = 0;
    for (int k = 0; k < nseg; k++) {
        long end = (long)((t0 + seg[k].seconds) * sr + 0.5);
        if (end > frames)
            end = frames;
        double a = pow(10.0, seg[k].dbfs / 20.0);
        for (; i < end; i++) {
            double s = a * sin(2 * PI * 1000.0 * i / sr);
            for (int c = 0; c < nch; c++) {
                double g = ch_db ? pow(10.0, ch_db[c] / 20.0) : 1.0;
                buf[i * nch + c] = (float)(s * g);
            }
        }
        t0 += seg[k].seconds;
    }
}

/* Repeat a pattern of segments for `seconds`. */
static void tone_pattern(const segment *seg, int nseg, double seconds)
{
    segment all[512];
    int n = 0;
    double t = 0;
    while (t < seconds && n < 510) {
        for (int k = 0; k < nseg && n < 510; k++) {
            all[n++] = seg[k];
            t += seg[k].seconds;
        }
    }
    tone_segments(all, n, NULL, 2);
}

/* fs/div sine with amplitude amp and phase offset deg, 10 s stereo. A
 * 50 ms raised-cosine fade at each end: an abrupt start would itself
 * ring above the amplitude in the reconstructed waveform. */
static void tp_sine(double div, double amp, double deg)
{
    alloc_frames(10.0, 2);
    long fade = sr / 20;
    for (long i = 0; i < frames; i++) {
        double g = 1.0;
        if (i < fade)
            g = 0.5 - 0.5 * cos(PI * i / fade);
        else if (i >= frames - fade)
            g = 0.5 - 0.5 * cos(PI * (frames - 1 - i) / fade);
        double s = g * amp * sin(2 * PI * i / div + deg * PI / 180.0);
        buf[i * 2] = buf[i * 2 + 1] = (float)s;
    }
}

/* Inter-sample peaks: a band-limited pulse (Kaiser-windowed sinc at
 * 0.45 fs) whose continuous peak is 1.0 (0 dBTP), centred `offset`
 * quarter samples after a sample instant, repeated every 0.25 s. */
static double bessel_i0(double x)
{
    double s = 1, t = 1;
    for (int k = 1; k < 40; k++) {
        t *= (x / (2 * k)) * (x / (2 * k));
        s += t;
    }
    return s;
}

static double pulse(double t)
{
    const double fc = 0.45, half = 32.0, beta = 8.0;
    if (fabs(t) >= half)
        return 0.0;
    double x = 2 * fc * t;
    double sinc = fabs(x) < 1e-12 ? 1.0 : sin(PI * x) / (PI * x);
    double r = t / half;
    return sinc * bessel_i0(beta * sqrt(1 - r * r)) / bessel_i0(beta);
}

static void tp_pulses(int offset)
{
    alloc_frames(10.0, 2);
    long period = sr / 4;
    double frac = offset / 4.0;
    for (long start = period; start + 64 < frames; start += period) {
        for (long i = start - 40; i <= start + 40; i++) {
            double s = pulse((double)(i - start) - frac);
            buf[i * 2] = buf[i * 2 + 1] = (float)s;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: ebugen <case> <samplerate> <out.wav>\n");
        return 2;
    }
    const char *c = argv[1];
    sr = atoi(argv[2]);
    if (sr < 8000) {
        fprintf(stderr, "ebugen: bad sample rate\n");
        return 2;
    }
    if (!strcmp(c, "3341-1")) {
        segment s[] = {{20, -23}};
        tone_segments(s, 1, NULL, 2);
        printf("expect momentary -23 -23.1 -22.9\nexpect shortterm -23 -23.1 -22.9\n"
               "expect integrated -23 -23.1 -22.9\n");
    } else if (!strcmp(c, "3341-2")) {
        segment s[] = {{20, -33}};
        tone_segments(s, 1, NULL, 2);
        printf("expect momentary -33 -33.1 -32.9\nexpect shortterm -33 -33.1 -32.9\n"
               "expect integrated -33 -33.1 -32.9\n");
    } else if (!strcmp(c, "3341-3")) {
        segment s[] = {{10, -36}, {60, -23}, {10, -36}};
        tone_segments(s, 3, NULL, 2);
        printf("expect integrated -23 -23.1 -22.9\n");
    } else if (!strcmp(c, "3341-4")) {
        segment s[] = {{10, -72}, {10, -36}, {60, -23}, {10, -36}, {10, -72}};
        tone_segments(s, 5, NULL, 2);
        printf("expect integrated -23 -23.1 -22.9\n");
    } else if (!strcmp(c, "3341-5")) {
        segment s[] = {{20, -26}, {20.1, -20}, {20, -26}};
        tone_segments(s, 3, NULL, 2);
        printf("expect integrated -23 -23.1 -22.9\n");
    } else if (!strcmp(c, "3341-6")) {
        /* 5.0: L R -28, C -24, Ls Rs -30 dBFS */
        segment s[] = {{20, 0}};
        double g[5] = {-28, -28, -24, -30, -30};
        tone_segments(s, 1, g, 5);
        printf("expect integrated -23 -23.1 -22.9\n");
    } else if (!strcmp(c, "3341-6b")) {
        /* 5.1 in ITU order L R C LFE Ls Rs, LFE silent */
        segment s[] = {{20, 0}};
        double g[6] = {-28, -28, -24, -200, -30, -30};
        tone_segments(s, 1, g, 6);
        printf("expect integrated -23 -23.1 -22.9\n");
    } else if (!strcmp(c, "3341-9")) {
        segment s[] = {{1.34, -20}, {1.66, -30}};
        tone_pattern(s, 2, 30.0);
        printf("expect shortterm_all -23 -23.1 -22.9\n");
    } else if (!strcmp(c, "3341-12")) {
        segment s[] = {{0.18, -20}, {0.22, -30}};
        tone_pattern(s, 2, 20.0);
        printf("expect momentary_all -23 -23.1 -22.9\n");
    } else if (!strcmp(c, "3341-15")) {
        tp_sine(4, 0.5, 0);
        printf("expect truepeak %.4f -6.4 -5.8\n", 20 * log10(0.5));
    } else if (!strcmp(c, "3341-16")) {
        tp_sine(4, 0.5, 45);
        printf("expect truepeak %.4f -6.4 -5.8\n", 20 * log10(0.5));
    } else if (!strcmp(c, "3341-17")) {
        tp_sine(6, 0.5, 60);
        printf("expect truepeak %.4f -6.4 -5.8\n", 20 * log10(0.5));
    } else if (!strcmp(c, "3341-18")) {
        tp_sine(8, 0.5, 67.5);
        printf("expect truepeak %.4f -6.4 -5.8\n", 20 * log10(0.5));
    } else if (!strcmp(c, "3341-19")) {
        tp_sine(4, 1.41, 45);
        printf("expect truepeak %.4f 2.6 3.2\n", 20 * log10(1.41));
    } else if (!strncmp(c, "3341-2", 6) && c[6] >= '0' && c[6] <= '3'
               && !c[7]) {
        tp_pulses(c[6] - '0');
        printf("expect truepeak 0 -0.4 0.2\n");
    } else if (!strncmp(c, "3342-", 5)) {
        static const segment l1[] = {{20, -20}, {20, -30}};
        static const segment l2[] = {{20, -20}, {20, -15}};
        static const segment l3[] = {{20, -40}, {20, -20}};
        static const segment l4[] = {{20, -50}, {20, -35}, {20, -20},
                                     {20, -35}, {20, -50}};
        int k = atoi(c + 5);
        const double lra[] = {0, 10, 5, 20, 15};
        if (k == 1) tone_segments(l1, 2, NULL, 2);
        else if (k == 2) tone_segments(l2, 2, NULL, 2);
        else if (k == 3) tone_segments(l3, 2, NULL, 2);
        else if (k == 4) tone_segments(l4, 5, NULL, 2);
        else {
            fprintf(stderr, "ebugen: unknown case %s\n", c);
            return 2;
        }
        printf("expect lra %g %g %g\n", lra[k], lra[k] - 1, lra[k] + 1);
    } else {
        fprintf(stderr, "ebugen: unknown case %s\n", c);
        return 2;
    }
    printf("channels %d\nseconds %g\n", nch, (double)frames / sr);
    if (wav_save(argv[3], buf, nch, frames, sr, 32)) {
        fprintf(stderr, "ebugen: cannot write %s\n", argv[3]);
        return 1;
    }
    free(buf);
    return 0;
}
