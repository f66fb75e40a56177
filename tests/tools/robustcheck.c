/* robustcheck: figures of an object's output for the robustness suite.
 *
 *   robustcheck <out.wav> [first end]...
 *
 * Prints:
 *   nonfinite <count>        non-finite samples in the whole file
 *   denormal <count>         samples with 0 < |x| < FLT_MIN
 *   maxabs <x>               largest finite magnitude
 *   rms_tail_db <x>          RMS of the last 0.5 s over all channels, dB
 *   recover <k> <frames>     for each event [first, end): frames after `end`
 *                            until the output stays finite up to the next
 *                            event (0 if finite right away)
 */
#include "mmwav.h"
#include <float.h>
#include <math.h>

static int finite_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return (u & 0x7f800000u) != 0x7f800000u;
}

int main(int argc, char **argv)
{
    wav_data w;
    char err[256];
    if (argc < 2 || (argc - 2) % 2) {
        fprintf(stderr, "usage: robustcheck <out.wav> [first end]...\n");
        return 2;
    }
    if (wav_load(argv[1], &w, err, sizeof err)) {
        fprintf(stderr, "robustcheck: %s\n", err);
        return 1;
    }
    long total = w.frames * w.channels, nonfinite = 0, denormal = 0;
    double maxabs = 0;
    for (long i = 0; i < total; i++) {
        float v = w.samples[i];
        if (!finite_bits(v)) {
            nonfinite++;
            continue;
        }
        double a = fabs(v);
        if (a > 0 && a < FLT_MIN)
            denormal++;
        if (a > maxabs)
            maxabs = a;
    }
    long tail = (long)(0.5 * w.samplerate);
    if (tail > w.frames)
        tail = w.frames;
    double sum = 0;
    long cnt = 0;
    for (long i = (w.frames - tail) * w.channels; i < total; i++)
        if (finite_bits(w.samples[i])) {
            sum += (double)w.samples[i] * w.samples[i];
            cnt++;
        }
    printf("nonfinite %ld\ndenormal %ld\nmaxabs %g\n", nonfinite, denormal,
           maxabs);
    printf("rms_tail_db %.3f\n",
           cnt && sum > 0 ? 10 * log10(sum / cnt) : -144.0);
    int nev = (argc - 2) / 2;
    for (int e = 0; e < nev; e++) {
        long end = atol(argv[3 + 2 * e]);
        long next = e + 1 < nev ? atol(argv[2 + 2 * (e + 1)]) : w.frames;
        long last_bad = -1;
        for (long i = end; i < next && i < w.frames; i++)
            for (int c = 0; c < w.channels; c++)
                if (!finite_bits(w.samples[i * w.channels + c]))
                    last_bad = i;
        printf("recover %d %ld\n", e, last_bad < 0 ? 0 : last_bad - end + 1);
    }
    wav_free(&w);
    return 0;
}
