/* mmwavread.h: read a WAV file (32-bit float or 16/24/32-bit PCM) into
 * interleaved floats (test tools only). */
#ifndef MM_WAVREAD_H
#define MM_WAVREAD_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t wavr_u32(const unsigned char *b)
{
    return b[0] | (b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}

/* Returns interleaved data (malloc) or NULL; sets frames, channels, rate. */
static float *wav_read(const char *path, long *frames, int *channels, int *rate)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char h[12], ck[8];
    int fmt = 0, bits = 0, ch = 0, sr = 0;
    float *data = NULL;
    if (fread(h, 1, 12, f) != 12 || memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVE", 4))
        goto fail;
    while (fread(ck, 1, 8, f) == 8) {
        uint32_t len = wavr_u32(ck + 4);
        if (!memcmp(ck, "fmt ", 4)) {
            unsigned char b[40] = {0};
            size_t r = len < 40 ? len : 40;
            if (fread(b, 1, r, f) != r)
                goto fail;
            if (len > r)
                fseek(f, (long)(len - r), SEEK_CUR);
            fmt = b[0] | (b[1] << 8);
            ch = b[2] | (b[3] << 8);
            sr = (int)wavr_u32(b + 4);
            bits = b[14] | (b[15] << 8);
            if (fmt == 0xfffe && len >= 26)
                fmt = b[24] | (b[25] << 8);
        } else if (!memcmp(ck, "data", 4)) {
            if (!ch || !bits)
                goto fail;
            int bps = bits / 8;
            long n = (long)(len / (uint32_t)(bps * ch));
            unsigned char *raw = malloc((size_t)n * bps * ch);
            data = malloc((size_t)(n * ch + 1) * sizeof *data);
            if (!raw || !data) { free(raw); goto fail; }
            n = (long)fread(raw, (size_t)(bps * ch), (size_t)n, f);
            for (long i = 0; i < n * ch; i++) {
                const unsigned char *p = raw + i * bps;
                if (fmt == 3 && bits == 32) {
                    float v; memcpy(&v, p, 4); data[i] = v;
                } else if (bits == 16) {
                    data[i] = (int16_t)(p[0] | (p[1] << 8)) / 32768.0f;
                } else if (bits == 24) {
                    int32_t v = (p[0] << 8) | (p[1] << 16) | ((uint32_t)p[2] << 24);
                    data[i] = (float)(v / 2147483648.0);
                } else if (bits == 32) {
                    int32_t v = (int32_t)wavr_u32(p);
                    data[i] = (float)(v / 2147483648.0);
                }
            }
            free(raw);
            *frames = n;
            *channels = ch;
            *rate = sr;
            fclose(f);
            return data;
        } else {
            fseek(f, (long)(len + (len & 1)), SEEK_CUR);
        }
    }
fail:
    free(data);
    fclose(f);
    return NULL;
}
#endif
