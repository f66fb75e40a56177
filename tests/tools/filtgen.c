/* filtgen: test signals for the filter tests (32-bit float WAV, mono).
 *   filtgen impulse <sr> <frames> <out.wav>      1 at sample 0, then 0
 *   filtgen sine <sr> <frames> <Hz> <amp> <out.wav>
 *   filtgen sweep <sr> <frames> <Hz0> <Hz1> <amp> <out.wav>  (log sweep)
 *   filtgen sine2 <sr> <frames> <Hz> <amp> <Hz> <amp> <out.wav>  (stereo:
 *       one sine per channel, e.g. a signal and a sidechain key)
 *   filtgen pink <sr> <frames> <channels> <rms> <out.wav>  pink noise
 *       (mmt_pink), independent channels, about that rms
 */
#include <math.h>
#include "mmwav.h"
#include "mmtest.h"

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: filtgen impulse|sine|sweep sr frames ... out.wav\n");
        return 2;
    }
    double sr = atof(argv[2]);
    long n = atol(argv[3]);
    float *x = calloc((size_t)n, sizeof *x);
    if (!x || sr <= 0 || n < 1)
        return 1;
    if (!strcmp(argv[1], "impulse")) {
        x[0] = 1.0f;
    } else if (!strcmp(argv[1], "sine") && argc >= 7) {
        double f = atof(argv[4]), a = atof(argv[5]);
        mmt_sine(x, n, 1, a, f, sr, 0);
    } else if (!strcmp(argv[1], "sweep") && argc >= 8) {
        double f0 = atof(argv[4]), f1 = atof(argv[5]), a = atof(argv[6]);
        double T = n / sr, k = log(f1 / f0), ph;
        for (long i = 0; i < n; i++) {
            double t = i / sr;
            ph = 2.0 * M_PI * f0 * T / k * (exp(t / T * k) - 1.0);
            x[i] = (float)(a * sin(ph));
        }
    } else if (!strcmp(argv[1], "pink") && argc >= 7) {
        int nch = atoi(argv[4]);
        double rms = atof(argv[5]);
        mmt_pink_state p[8];
        float *y = calloc((size_t)n * (nch > 0 ? nch : 1), sizeof *y);
        if (!y || nch < 1 || nch > 8)
            return 1;
        memset(p, 0, sizeof p);
        for (long i = 0; i < n; i++)
            for (int c = 0; c < nch; c++)
                y[i * nch + c] = (float)(rms * mmt_pink(&p[c]));
        int r = wav_save(argv[argc - 1], y, nch, n, sr, 32);
        free(y);
        free(x);
        return r ? 1 : 0;
    } else if (!strcmp(argv[1], "sine2") && argc >= 9) {
        float *y = calloc((size_t)(2 * n), sizeof *y);
        if (!y)
            return 1;
        for (int c = 0; c < 2; c++)
            mmt_sine(y + c, n, 2, atof(argv[5 + 2 * c]), atof(argv[4 + 2 * c]),
                     sr, 0);
        int r = wav_save(argv[argc - 1], y, 2, n, sr, 32);
        free(y);
        free(x);
        return r ? 1 : 0;
    } else {
        fprintf(stderr, "filtgen: bad arguments\n");
        return 2;
    }
    if (wav_save(argv[argc - 1], x, 1, n, sr, 32)) {
        fprintf(stderr, "filtgen: cannot write %s\n", argv[argc - 1]);
        return 1;
    }
    free(x);
    return 0;
}
