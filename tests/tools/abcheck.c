/* abcheck: measurements for the ab~ and mastering~ tests.
 *
 *   abcheck lufs <file.wav> [t0 [t1]]   integrated loudness (LUFS, BS.1770
 *        gated, libebur128) of the file's first two channels from t0 to t1
 *        seconds (default: the whole file); -144 for silence
 *   abcheck lufs <file.wav> t0:t1...    the same for each span, one line
 *        each (the file is read once)
 *   abcheck jump <file.wav> <t0> <t1>   the largest |x[n] - x[n-1]| over
 *        every channel from t0 to t1 s (a click shows as a jump far above
 *        the signal's own)
 *   abcheck merge <a.wav> <b.wav> <out.wav> [dB_b] [shift_s]
 *        a 4-channel file: a's two channels, then b's two channels scaled
 *        by dB_b [0] and delayed by shift_s [0] seconds (32-bit float)
 *   abcheck bdiff <in4.wav> <out.wav> <t0>   the largest |out ch c - in ch
 *        2+c| from t0 s on: how far ab~'s output is from its B input
 *   abcheck pad <in.wav> <out.wav> <seconds>   in followed by that much
 *        silence (32-bit float)
 */
#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmwav.h"

static wav_data load(const char *p)
{
    wav_data w;
    char err[256];
    if (wav_load(p, &w, err, sizeof err)) {
        fprintf(stderr, "abcheck: %s\n", err);
        exit(2);
    }
    return w;
}

/* frames a..b of w for t0..t1 seconds, clamped to the file */
static void frames(const wav_data *w, double t0, double t1, long *a, long *b)
{
    *a = (long)(t0 * w->samplerate);
    *b = (long)(t1 * w->samplerate);
    if (*a < 0)
        *a = 0;
    if (*b > w->frames)
        *b = w->frames;
    if (*b < *a)
        *b = *a;
}

/* the span from argv[at] and argv[at + 1] (seconds; default the file) */
static void span(const wav_data *w, int argc, char **argv, int at, long *a,
                 long *b)
{
    frames(w, argc > at ? atof(argv[at]) : 0.0,
           argc > at + 1 ? atof(argv[at + 1]) : (double)w->frames / w->samplerate + 1,
           a, b);
}

/* integrated loudness of frames a..b of w's first two channels, LUFS */
static double lufs(const wav_data *w, long a, long b)
{
    int ch = w->channels < 2 ? w->channels : 2;
    ebur128_state *st = ebur128_init((unsigned)ch, (unsigned long)w->samplerate,
                                     EBUR128_MODE_I);
    float *buf = malloc(sizeof(float) * 2 * 4096);
    if (!st || !buf)
        exit(2);
    for (long i = a; i < b; i += 4096) {
        long n = b - i < 4096 ? b - i : 4096;
        for (long k = 0; k < n; k++)
            for (int c = 0; c < ch; c++)
                buf[k * ch + c] = w->samples[(i + k) * w->channels + c];
        ebur128_add_frames_float(st, buf, (size_t)n);
    }
    double l;
    if (ebur128_loudness_global(st, &l) != EBUR128_SUCCESS || !(l > -144))
        l = -144;
    ebur128_destroy(&st);
    free(buf);
    return l;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "lufs") && strchr(argv[3], ':')) {
        wav_data w = load(argv[2]);
        for (int k = 3; k < argc; k++) {
            double t0, t1;
            if (sscanf(argv[k], "%lf:%lf", &t0, &t1) != 2) {
                fprintf(stderr, "abcheck: span %s is not t0:t1\n", argv[k]);
                return 2;
            }
            long a, b;
            frames(&w, t0, t1, &a, &b);
            printf("%.3f\n", lufs(&w, a, b));
        }
        return 0;
    }
    if (argc >= 3 && !strcmp(argv[1], "lufs")) {
        wav_data w = load(argv[2]);
        long a, b;
        span(&w, argc, argv, 3, &a, &b);
        printf("%.3f\n", lufs(&w, a, b));
        return 0;
    }
    if (argc >= 5 && !strcmp(argv[1], "jump")) {
        wav_data w = load(argv[2]);
        long a, b;
        span(&w, argc, argv, 3, &a, &b);
        double m = 0;
        for (long i = a > 0 ? a : 1; i < b; i++)
            for (int c = 0; c < w.channels; c++) {
                double d = fabs((double)w.samples[i * w.channels + c]
                                - w.samples[(i - 1) * w.channels + c]);
                if (d > m)
                    m = d;
            }
        printf("%.6f\n", m);
        return 0;
    }
    if (argc >= 5 && !strcmp(argv[1], "merge")) {
        wav_data x = load(argv[2]), y = load(argv[3]);
        double g = argc > 5 ? pow(10.0, atof(argv[5]) / 20.0) : 1.0;
        long shift = argc > 6 ? (long)(atof(argv[6]) * y.samplerate) : 0;
        long n = x.frames;
        float *o = calloc((size_t)n * 4, sizeof *o);
        for (long i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                o[i * 4 + c] = x.samples[i * x.channels + c % x.channels];
                long j = i - shift;
                if (j >= 0 && j < y.frames)
                    o[i * 4 + 2 + c] =
                        (float)(g * y.samples[j * y.channels + c % y.channels]);
            }
        }
        return wav_save(argv[4], o, 4, n, x.samplerate, 32) ? 1 : 0;
    }
    if (argc >= 5 && !strcmp(argv[1], "bdiff")) {
        wav_data x = load(argv[2]), y = load(argv[3]);
        long a = (long)(atof(argv[4]) * x.samplerate);
        long n = x.frames < y.frames ? x.frames : y.frames;
        double m = 0;
        if (x.channels < 4 || y.channels < 2)
            return 2;
        for (long i = a > 0 ? a : 0; i < n; i++)
            for (int c = 0; c < 2; c++) {
                double d = fabs((double)y.samples[i * y.channels + c]
                                - x.samples[i * x.channels + 2 + c]);
                if (d > m)
                    m = d;
            }
        printf("%.9g\n", m);
        return 0;
    }
    if (argc >= 5 && !strcmp(argv[1], "pad")) {
        wav_data x = load(argv[2]);
        long extra = (long)(atof(argv[4]) * x.samplerate);
        long n = x.frames + (extra > 0 ? extra : 0);
        float *o = calloc((size_t)n * x.channels, sizeof *o);
        memcpy(o, x.samples, sizeof *o * (size_t)x.frames * x.channels);
        return wav_save(argv[3], o, x.channels, n, x.samplerate, 32) ? 1 : 0;
    }
    fprintf(stderr, "usage: abcheck lufs|jump|merge ... (see the source)\n");
    return 2;
}
