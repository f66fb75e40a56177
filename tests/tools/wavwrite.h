/* wavwrite.h: write a 32-bit float WAV (test tools only). */
#ifndef MM_WAVWRITE_H
#define MM_WAVWRITE_H
#include <stdint.h>
#include <stdio.h>

static void wavw_u32(FILE *f, uint32_t v)
{
    unsigned char b[4] = {v & 255, (v >> 8) & 255, (v >> 16) & 255, v >> 24};
    fwrite(b, 1, 4, f);
}

static void wavw_u16(FILE *f, unsigned v)
{
    unsigned char b[2] = {v & 255, (v >> 8) & 255};
    fwrite(b, 1, 2, f);
}

/* data: interleaved frames * channels floats. Returns 0 on success. */
static int wav_write_float(const char *path, const float *data, long frames,
                           int channels, int samplerate)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    uint32_t bytes = (uint32_t)(frames * channels * 4);
    fwrite("RIFF", 1, 4, f);
    wavw_u32(f, 36 + bytes);
    fwrite("WAVEfmt ", 1, 8, f);
    wavw_u32(f, 16);
    wavw_u16(f, 3); /* IEEE float */
    wavw_u16(f, (unsigned)channels);
    wavw_u32(f, (uint32_t)samplerate);
    wavw_u32(f, (uint32_t)(samplerate * channels * 4));
    wavw_u16(f, (unsigned)(channels * 4));
    wavw_u16(f, 32);
    fwrite("data", 1, 4, f);
    wavw_u32(f, bytes);
    size_t n = fwrite(data, 4, (size_t)(frames * channels), f);
    fclose(f);
    return n == (size_t)(frames * channels) ? 0 : -1;
}
#endif
