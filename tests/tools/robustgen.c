/* robustgen: signals for the robustness suite (3 s, any rate/channels).
 *
 *   robustgen <kind> <samplerate> <channels> <out.wav>
 *
 * kinds:
 *   clean     1 kHz at -12 dBFS plus 110 Hz at -12 dBFS (a reference)
 *   bad       the clean signal with 64-sample blocks of NaN (at 0.5 s),
 *             +inf (1.0 s), -inf (1.5 s) and a mix of NaN, inf, 1e30 and
 *             denormals (2.0 s) in every channel
 *   denormal  the clean signal decaying 60 dB per 100 ms from 0.5 s into
 *             the denormal range, then constant 1e-40, then zeros
 *   extreme   DC +1 then -1, a +24 dBFS sine, a single full-scale impulse
 *             at 2.0 s, then silence
 * For `bad`, prints one line per event: `event <first> <end>` (frames).
 */
#include "mmwav.h"
#include <math.h>

#define PI 3.14159265358979323846

static double clean(long i, int sr)
{
    double t = (double)i / sr;
    return 0.2512 * sin(2 * PI * 1000 * t) + 0.2512 * sin(2 * PI * 110 * t);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: robustgen <kind> <sr> <channels> <out.wav>\n");
        return 2;
    }
    const char *kind = argv[1];
    int sr = atoi(argv[2]), nch = atoi(argv[3]);
    if (sr < 8000 || nch < 1 || nch > 16)
        return 2;
    long n = 3L * sr;
    float *x = calloc((size_t)(n * nch), sizeof *x);
    if (!x)
        return 2;
    uint32_t u;
    float nan_f, inf_f;
    u = 0x7fc00000u; memcpy(&nan_f, &u, 4);
    u = 0x7f800000u; memcpy(&inf_f, &u, 4);
    for (long i = 0; i < n; i++) {
        double t = (double)i / sr, v = clean(i, sr);
        if (!strcmp(kind, "denormal") && t >= 0.5) {
            double db = -600.0 * (t - 0.5);           /* -60 dB per 100 ms */
            v = t < 1.5 ? v * pow(10.0, db / 20.0) : (t < 2.0 ? 1e-40 : 0.0);
        } else if (!strcmp(kind, "extreme")) {
            if (t < 0.5) v = 1.0;
            else if (t < 1.0) v = -1.0;
            else if (t < 1.5) v = 15.85 * sin(2 * PI * 1000 * t);
            else v = i == 2L * sr ? 1.0 : 0.0;
        }
        for (int c = 0; c < nch; c++)
            x[i * nch + c] = (float)v;
    }
    if (!strcmp(kind, "bad")) {
        for (int e = 0; e < 4; e++) {
            long start = (long)((0.5 + 0.5 * e) * sr);
            for (long i = start; i < start + 64; i++) {
                for (int c = 0; c < nch; c++) {
                    float v = e == 0 ? nan_f : e == 1 ? inf_f : e == 2 ? -inf_f : 0;
                    if (e == 3) {
                        int k = (int)((i + c) % 4);
                        v = k == 0 ? nan_f : k == 1 ? inf_f : k == 2 ? 1e30f : 1e-42f;
                    }
                    x[i * nch + c] = v;
                }
            }
            printf("event %ld %ld\n", start, start + 64);
        }
    } else if (strcmp(kind, "clean") && strcmp(kind, "denormal")
               && strcmp(kind, "extreme")) {
        fprintf(stderr, "robustgen: unknown kind %s\n", kind);
        return 2;
    }
    if (wav_save(argv[4], x, nch, n, sr, 32)) {
        fprintf(stderr, "robustgen: cannot write %s\n", argv[4]);
        return 1;
    }
    free(x);
    return 0;
}
