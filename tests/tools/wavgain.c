/* wavgain: wavgain in.wav out.wav dB -- scale a WAV (written as 32-bit
 * float, no clipping): hot material for limiter comparisons. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "mmwavread.h"
#include "wav.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: wavgain in.wav out.wav dB\n");
        return 2;
    }
    long n;
    int ch, sr;
    float *d = wav_read(argv[1], &n, &ch, &sr);
    if (!d) {
        fprintf(stderr, "wavgain: cannot read %s\n", argv[1]);
        return 1;
    }
    double g = pow(10.0, atof(argv[3]) / 20.0);
    for (long i = 0; i < n * ch; i++)
        d[i] = (float)(d[i] * g);
    if (wav_save(argv[2], d, ch, n, sr, 32)) {
        fprintf(stderr, "wavgain: cannot write %s\n", argv[2]);
        return 1;
    }
    free(d);
    return 0;
}
