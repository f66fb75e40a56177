/* dyncheck: signals and measurements for the comp~/gate~ Pd tests.
 *
 *   dyncheck steps <out.wav> <sr> <freq> <seg_s> <dB>...
 *       mono sine, phase-continuous, one segment of seg_s seconds per
 *       level (dBFS peak; -200 = silence), 32-bit float
 *   dyncheck keyed <out.wav> <sr> <seg_s> <audio_dB> <key_dB>...
 *       2 channels: a steady 500 Hz sine at audio_dB, and a 1 kHz key
 *       whose level steps through the key levels (-200 = silent)
 *   dyncheck gain <rec.wav> <in_ch> <out_ch> <t0_s> <t1_s>
 *       gain in dB over the window: output peak over input peak
 *   dyncheck t63 <rec.wav> <in_ch> <out_ch> <t_step_s> <t_end_s>
 *       time (ms) after t_step for the gain to cover 63% of its change
 *       (before: the gain just before t_step; after: the gain at the
 *       end of the window), measured sample by sample where the input
 *       is above half its peak
 *   dyncheck below <rec.wav> <in_ch> <out_ch> <t0_s> <t1_s> <dB>
 *       time (ms) after t0 when the gain first falls below dB (-1: never)
 *   dyncheck jump <rec.wav> <ch> <t0_s> <t1_s>
 *       largest |x[n] - x[n-1]| and peak |x| in the window
 *   dyncheck diff <rec.wav> <ch_a> <ch_b>
 *       largest |a - b| over the file
 * Channels count from 0. Prints one line of numbers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmwav.h"
#include "mmtest.h"

static wav_data w;

static void load(const char *path)
{
    char err[256];
    if (wav_load(path, &w, err, sizeof err) != 0) {
        fprintf(stderr, "dyncheck: %s\n", err);
        exit(1);
    }
}

static float at(int ch, long i)
{
    return w.samples[i * w.channels + ch];
}

static long idx(const char *s)
{
    long i = (long)(atof(s) * w.samplerate + 0.5);
    return i < 0 ? 0 : (i > w.frames ? w.frames : i);
}

static double peak(int ch, long a, long b)
{
    double p = 0;
    for (long i = a; i < b; i++)
        p = fabs(at(ch, i)) > p ? fabs(at(ch, i)) : p;
    return p;
}

static double gain_db(int ic, int oc, long a, long b)
{
    double pi = peak(ic, a, b), po = peak(oc, a, b);
    if (pi <= 0)
        return -200;
    return po > 0 ? 20 * log10(po / pi) : -200;
}

static int save(const char *path, float *x, int ch, long n, double sr)
{
    if (wav_save(path, x, ch, n, sr, 32) != 0) {
        fprintf(stderr, "dyncheck: cannot write %s\n", path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    const char *cmd = argv[1];
    if (!strcmp(cmd, "steps") && argc >= 7) {
        double sr = atof(argv[3]), f = atof(argv[4]), seg = atof(argv[5]);
        int nl = argc - 6;
        long ns = (long)(seg * sr), n = ns * nl;
        float *x = malloc(sizeof *x * n);
        for (long i = 0; i < n; i++) {
            double db = atof(argv[6 + i / ns]);
            double a = db <= -200 ? 0 : pow(10, db / 20);
            x[i] = (float)(a * sin(2 * M_PI * f * i / sr + 0.1));
        }
        return save(argv[2], x, 1, n, sr);
    }
    if (!strcmp(cmd, "keyed") && argc >= 7) {
        double sr = atof(argv[3]), seg = atof(argv[4]);
        double aa = pow(10, atof(argv[5]) / 20);
        int nl = argc - 6;
        long ns = (long)(seg * sr), n = ns * nl;
        float *x = malloc(sizeof *x * n * 2);
        mmt_sine(x, n, 2, aa, 500, sr, 0);
        mmt_sine(x + 1, n, 2, 1.0, 1000, sr, 0);
        for (long i = 0; i < n; i++) {
            double db = atof(argv[6 + i / ns]);
            x[2 * i + 1] *= (float)(db <= -200 ? 0 : pow(10, db / 20));
        }
        return save(argv[2], x, 2, n, sr);
    }
    if (!strcmp(cmd, "gain") && argc == 7) {
        load(argv[2]);
        printf("%.4f\n", gain_db(atoi(argv[3]), atoi(argv[4]), idx(argv[5]),
                                 idx(argv[6])));
        return 0;
    }
    if (!strcmp(cmd, "t63") && argc == 7) {
        load(argv[2]);
        int ic = atoi(argv[3]), oc = atoi(argv[4]);
        long s = idx(argv[5]), e = idx(argv[6]);
        long win = (long)(0.01 * w.samplerate);
        double before = gain_db(ic, oc, s - win, s);
        double after = gain_db(ic, oc, e - win, e);
        double goal = before + (1 - exp(-1)) * (after - before);
        double half = 0.5 * peak(ic, s, e);
        for (long i = s; i < e; i++) {
            double x = at(ic, i);
            if (fabs(x) < half)
                continue;
            double g = 20 * log10(fabs(at(oc, i) / x) + 1e-30);
            if ((after < before && g <= goal) || (after > before && g >= goal)) {
                printf("%.3f %.3f %.3f\n", (i - s) * 1000.0 / w.samplerate,
                       before, after);
                return 0;
            }
        }
        printf("-1 %.3f %.3f\n", before, after);
        return 0;
    }
    if (!strcmp(cmd, "below") && argc == 8) {
        load(argv[2]);
        int ic = atoi(argv[3]), oc = atoi(argv[4]);
        long s = idx(argv[5]), e = idx(argv[6]);
        double lim = atof(argv[7]), half = 0.5 * peak(ic, s, e);
        for (long i = s; i < e; i++) {
            double x = at(ic, i);
            if (fabs(x) < half)
                continue;
            if (20 * log10(fabs(at(oc, i) / x) + 1e-30) < lim) {
                printf("%.3f\n", (i - s) * 1000.0 / w.samplerate);
                return 0;
            }
        }
        printf("-1\n");
        return 0;
    }
    if (!strcmp(cmd, "jump") && argc == 6) {
        load(argv[2]);
        int c = atoi(argv[3]);
        long s = idx(argv[4]), e = idx(argv[5]);
        double j = 0;
        for (long i = s + 1; i < e; i++) {
            double d = fabs(at(c, i) - at(c, i - 1));
            j = d > j ? d : j;
        }
        printf("%.6g %.6g\n", j, peak(c, s, e));
        return 0;
    }
    if (!strcmp(cmd, "diff") && argc == 5) {
        load(argv[2]);
        int a = atoi(argv[3]), b = atoi(argv[4]);
        double d = 0;
        for (long i = 0; i < w.frames; i++) {
            double v = fabs(at(a, i) - at(b, i));
            d = v > d ? v : d;
        }
        printf("%.9g\n", d);
        return 0;
    }
    fprintf(stderr, "dyncheck: bad arguments (see the source)\n");
    return 2;
}
