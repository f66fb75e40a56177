/* mastergen: test signals for limiter~ and dither~.
 *
 *   mastergen <kind> <samplerate> <seconds> <out.wav> [level_dBFS] [freq]
 *
 * kinds (stereo unless said):
 *   fs4      sine at fs/4, phase 45 degrees: samples +-a/sqrt2, true peak a
 *            (a = 10^(level/20)); L and R identical
 *   alt      runs of 2000 alternating +-a samples (fs/2), 1000 silent
 *            (the abrupt edges ring far above a)
 *   altruns  runs of 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128,
 *            256, 500 and 1000 alternating +-a samples, each followed by
 *            1000 silent ones in L and by as many silent ones as the run
 *            is long in R (the sequence repeats)
 *   square   1 kHz and 3.1 kHz naive squares (L, R), hard-clipped sines
 *            mixed in: sample-level steps
 *   music    a music-like stereo mix: kick, snare noise bursts, bass, chords,
 *            hats, panned differently in L and R, band-limited to 0.45 fs
 *            like real material, peak normalised to a
 *   sine     mono sine at freq Hz, level dBFS (freq default 997)
 *   silence  mono digital silence
 *   fade     mono sine at freq, fading linearly in dB from level to -120
 *   burst    mono: 1 s silence, 1 s sine at level, 1 s silence...
 *   sections the music kind in sections `seconds` long, one per level
 *            given after out.wav (instead of level_dBFS and freq): each
 *            scaled to that loudness in LUFS (libebur128 on the whole
 *            unscaled music; -200 = silence); no silent tail
 *   torture  the limiter contract's torture signals (mmt_torture: fs/4
 *            at 45 degrees, squares, full-scale noise, near-Nyquist
 *            sines, alternating runs with sign flips), each seconds/5
 *            long, the last 0.1 s of each silent, at level
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <ebur128.h>
#include "mmwav.h"
#include "mmtest.h"


/* The music kind before normalising: d[2n] stereo, band-limited to
 * 0.45 fs; returns its sample peak. */
static double music(float *d, long n, double sr)
{
    const double pi = 3.14159265358979323846;
    double bpm = 124, beat = 60.0 / bpm, peak = 0;
    double chord[4] = {220.0, 261.63, 329.63, 392.0};
    double lp1 = 0, lp2 = 0, hp = 0, prevn = 0;
    for (long i = 0; i < n; i++) {
        double t = i / sr, tb = fmod(t, beat), tbar = fmod(t, 4 * beat);
        double kick = exp(-tb * 18) * sin(2 * pi * (50 + 120 * exp(-tb * 40)) * tb);
        double nz = mmt_frand();
        lp1 += 0.3 * (nz - lp1);
        hp = nz - prevn; prevn = nz;
        double snare = (fabs(tbar - beat) < beat && tbar > beat) || (tbar > 3 * beat)
                           ? exp(-fmod(tbar, 2 * beat) * 25) * lp1 * 1.5 : 0.0;
        double hat = exp(-fmod(t, beat / 2) * 60) * hp * 0.4;
        int bar = (int)(t / (4 * beat)) % 4;
        double bf = (bar == 0 ? 55.0 : bar == 1 ? 43.65 : bar == 2 ? 49.0 : 41.2);
        double bass = 0.5 * tanh(3 * sin(2 * pi * bf * t));
        double ch1 = 0, ch2 = 0;
        for (int k = 0; k < 4; k++) {
            double f = chord[k] * (bar == 1 ? 0.891 : bar == 2 ? 1.122 : 1.0);
            ch1 += sin(2 * pi * f * t + k) * 0.12;
            ch2 += sin(2 * pi * f * 1.003 * t + 2 * k) * 0.12;
            ch1 += 0.04 * sin(2 * pi * 3 * f * t);
        }
        lp2 += 0.05 * (mmt_frand() - lp2);
        double L = kick + 0.8 * snare + 0.9 * hat + bass + ch1 + 0.3 * lp2;
        double R = kick + 0.7 * snare + 0.5 * hat + bass + ch2 - 0.3 * lp2;
        d[2 * i] = (float)L;
        d[2 * i + 1] = (float)R;
        if (fabs(L) > peak) peak = fabs(L);
        if (fabs(R) > peak) peak = fabs(R);
    }
    /* as it comes out of an ADC or a resampler: band-limited to
     * 0.45 fs (127-tap Blackman-windowed sinc), then normalised */
    {
        float *t = malloc((size_t)(2 * n) * sizeof *t);
        const int K = 63;
        double h[127], fc = 0.45;
        for (int k = -K; k <= K; k++) {
            double w = 0.42 + 0.5 * cos(pi * k / (K + 1)) + 0.08 * cos(2 * pi * k / (K + 1));
            h[k + K] = w * (k ? sin(2 * pi * fc * k) / (pi * k) : 2 * fc);
        }
        peak = 0;
        for (long i = 0; i < n; i++)
            for (int c = 0; c < 2; c++) {
                double acc = 0;
                for (int k = -K; k <= K; k++) {
                    long j = i - k;
                    if (j >= 0 && j < n) acc += h[k + K] * d[2 * j + c];
                }
                t[2 * i + c] = (float)acc;
                if (fabs(acc) > peak) peak = fabs(acc);
            }
        memcpy(d, t, (size_t)(2 * n) * sizeof *t);
        free(t);
    }
    return peak;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: mastergen kind samplerate seconds out.wav [level_dBFS] [freq]\n");
        return 2;
    }
    const char *kind = argv[1];
    double sr = atof(argv[2]), secs = atof(argv[3]);
    double lev = argc > 5 ? atof(argv[5]) : 0.0;
    double fq = argc > 6 ? atof(argv[6]) : 997.0;
    double a = pow(10.0, lev / 20.0);
    long n = (long)(sr * secs);
    int ch = 2;
    if (!strcmp(kind, "sine") || !strcmp(kind, "silence") || !strcmp(kind, "fade")
        || !strcmp(kind, "burst"))
        ch = 1;
    float *d = calloc((size_t)(n * ch), sizeof *d);
    const double pi = 3.14159265358979323846;
    if (!strcmp(kind, "fs4")) {
        for (long i = 0; i < n; i++)
            d[2 * i] = d[2 * i + 1] = (float)(a * sin(pi / 2 * i + pi / 4));
    } else if (!strcmp(kind, "alt")) {
        /* runs of alternating +-a samples (a tone at exactly fs/2) starting
         * and stopping abruptly: 2000 samples on, 1000 off; R inverted */
        for (long i = 0; i < n; i++) {
            int on = (i % 3000) < 2000;
            double v = on ? ((i & 1) ? -a : a) : 0.0;
            d[2 * i] = (float)v;
            d[2 * i + 1] = (float)-v;
        }
    } else if (!strcmp(kind, "altruns")) {
        static const int len[] = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64,
                                  96, 128, 256, 500, 1000};
        const int nl = (int)(sizeof len / sizeof len[0]);
        for (int c = 0; c < 2; c++) {
            long i = 0;
            for (int r = 0; i < n; r = (r + 1) % nl) {
                int gap = c == 0 ? 1000 : len[r];
                for (int k = 0; k < len[r] && i < n; k++, i++)
                    d[2 * i + c] = (float)((k & 1) ? -a : a);
                i += gap;
            }
        }
    } else if (!strcmp(kind, "square")) {
        for (long i = 0; i < n; i++) {
            double t = i / sr;
            double sq1 = fmod(t * 1000.0, 1.0) < 0.5 ? 1.0 : -1.0;
            double sq2 = fmod(t * 3100.0, 1.0) < 0.5 ? 1.0 : -1.0;
            double cs = 4.0 * sin(2 * pi * 440.0 * t);
            cs = cs > 1 ? 1 : (cs < -1 ? -1 : cs);
            double seg = fmod(t, 1.0) < 0.5;
            d[2 * i] = (float)(a * (seg ? sq1 : cs));
            d[2 * i + 1] = (float)(a * (seg ? cs : sq2));
        }
    } else if (!strcmp(kind, "music")) {
        double peak = music(d, n, sr);
        for (long i = 0; i < 2 * n; i++)
            d[i] = (float)(d[i] * a / peak);
    } else if (!strcmp(kind, "sections")) {
        /* the music in sections of `seconds` each, one per level given
         * after out.wav, each scaled to that BS.1770 loudness (LUFS,
         * measured by libebur128 over the whole unscaled music, which is
         * steady); -200 = digital silence. Prints each section's start,
         * loudness and sample peak. */
        int ns = argc - 5;
        if (ns < 1) {
            fprintf(stderr, "mastergen: sections needs levels\n");
            return 2;
        }
        long per = n;
        n = per * ns;
        free(d);
        d = calloc((size_t)(n * 2), sizeof *d);
        if (!d)
            return 1;
        music(d, n, sr);
        ebur128_state *st = ebur128_init(2, (unsigned long)sr, EBUR128_MODE_I);
        double L = -200;
        if (!st || ebur128_add_frames_float(st, d, (size_t)n) != EBUR128_SUCCESS
            || ebur128_loudness_global(st, &L) != EBUR128_SUCCESS) {
            fprintf(stderr, "mastergen: libebur128 failed\n");
            return 1;
        }
        ebur128_destroy(&st);
        for (int k = 0; k < ns; k++) {
            double lv = atof(argv[5 + k]), pk = 0;
            double g = lv <= -199 ? 0.0 : pow(10.0, (lv - L) / 20.0);
            for (long i = k * per * 2; i < (k + 1) * per * 2; i++) {
                d[i] = (float)(d[i] * g);
                if (fabs(d[i]) > pk) pk = fabs(d[i]);
            }
            printf("section %d start %.3f loudness %.2f peak_dbfs %.2f\n", k + 1,
                   (double)k * per / sr, lv, pk > 0 ? 20 * log10(pk) : -200.0);
        }
        if (wav_save(argv[4], d, 2, n, sr, 32)) {
            fprintf(stderr, "mastergen: cannot write %s\n", argv[4]);
            return 1;
        }
        free(d);
        return 0;
    } else if (!strcmp(kind, "sine")) {
        mmt_sine(d, n, 1, a, fq, sr, 0);
    } else if (!strcmp(kind, "torture")) {
        long seg = n / MMT_TORTURE_KINDS, on = seg - (long)(0.1 * sr);
        float *L = calloc((size_t)seg, sizeof *L), *R = calloc((size_t)seg, sizeof *R);
        for (int k = 0; k < MMT_TORTURE_KINDS && on > 0; k++) {
            memset(L, 0, (size_t)seg * sizeof *L);
            memset(R, 0, (size_t)seg * sizeof *R);
            mmt_torture(k, L, R, (int)on, sr);
            for (long i = 0; i < seg; i++) {
                d[2 * (k * seg + i)] = (float)(a * L[i]);
                d[2 * (k * seg + i) + 1] = (float)(a * R[i]);
            }
        }
        free(L);
        free(R);
    } else if (!strcmp(kind, "silence")) {
        /* zeros */
    } else if (!strcmp(kind, "fade")) {
        for (long i = 0; i < n; i++) {
            double db = lev + (-120.0 - lev) * i / (double)n;
            d[i] = (float)(pow(10.0, db / 20.0) * sin(2 * pi * fq * i / sr));
        }
    } else if (!strcmp(kind, "burst")) {
        for (long i = 0; i < n; i++)
            d[i] = ((long)(i / sr) % 2) ? (float)(a * sin(2 * pi * fq * i / sr)) : 0.0f;
    } else {
        fprintf(stderr, "mastergen: unknown kind %s\n", kind);
        return 2;
    }
    /* every kind ends abruptly and is followed by 0.1 s of silence, so a
     * processor's latency never truncates it */
    long tail = (long)(0.1 * sr);
    if (n > 2 * tail)
        memset(d + (n - tail) * ch, 0, (size_t)(tail * ch) * sizeof *d);
    if (wav_save(argv[4], d, ch, n, sr, 32)) {
        fprintf(stderr, "mastergen: cannot write %s\n", argv[4]);
        return 1;
    }
    free(d);
    return 0;
}
