/* wavgain: wavgain in.wav out.wav dB -- scale a WAV (written as 32-bit
 * float, no clipping): hot material for limiter comparisons. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "mmwav.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: wavgain in.wav out.wav dB\n");
        return 2;
    }
    wav_data w;
    char err[256];
    if (wav_load(argv[1], &w, err, sizeof err)) {
        fprintf(stderr, "wavgain: %s\n", err);
        return 1;
    }
    double g = pow(10.0, atof(argv[3]) / 20.0);
    for (long i = 0; i < w.frames * w.channels; i++)
        w.samples[i] = (float)(w.samples[i] * g);
    if (wav_save(argv[2], w.samples, w.channels, w.frames, w.samplerate, 32)) {
        fprintf(stderr, "wavgain: cannot write %s\n", argv[2]);
        return 1;
    }
    wav_free(&w);
    return 0;
}
