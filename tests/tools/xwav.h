/* xwav.h: read a WAV file (PCM 16/24/32 or float 32) into planar floats.
 * Test tools only. */
#ifndef MM_XWAV_H
#define MM_XWAV_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    float *ch[8];
    long frames;
    int channels, samplerate;
} xwav;

static uint32_t xw_u32(const unsigned char *b)
{
    return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

static int xwav_read(const char *path, xwav *w)
{
    FILE *f = fopen(path, "rb");
    unsigned char h[12], ck[8], fmt[64];
    int format = 0, bits = 0;
    memset(w, 0, sizeof *w);
    if (!f)
        return -1;
    if (fread(h, 1, 12, f) != 12 || memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVE", 4))
        goto fail;
    while (fread(ck, 1, 8, f) == 8) {
        uint32_t size = xw_u32(ck + 4);
        if (!memcmp(ck, "fmt ", 4)) {
            if (size > sizeof fmt || fread(fmt, 1, size, f) != size)
                goto fail;
            format = fmt[0] | fmt[1] << 8;
            if (format == 0xFFFE && size >= 26)
                format = fmt[24] | fmt[25] << 8;
            w->channels = fmt[2] | fmt[3] << 8;
            w->samplerate = (int)xw_u32(fmt + 4);
            bits = fmt[14] | fmt[15] << 8;
        } else if (!memcmp(ck, "data", 4)) {
            if (!w->channels || w->channels > 8)
                goto fail;
            int bps = bits / 8;
            unsigned char *raw = malloc(size);
            if (!raw)
                goto fail;
            size = (uint32_t)fread(raw, 1, size, f);
            w->frames = size / (bps * w->channels);
            for (int c = 0; c < w->channels; c++)
                w->ch[c] = malloc(sizeof(float) * (w->frames + 1));
            for (long i = 0; i < w->frames; i++)
                for (int c = 0; c < w->channels; c++) {
                    const unsigned char *p = raw + (i * w->channels + c) * bps;
                    float v = 0;
                    if (format == 3 && bps == 4) {
                        uint32_t u = xw_u32(p);
                        memcpy(&v, &u, 4);
                    } else if (bps == 2) {
                        v = (int16_t)(p[0] | p[1] << 8) / 32768.0f;
                    } else if (bps == 3) {
                        int32_t s = (p[0] << 8 | p[1] << 16 | p[2] << 24);
                        v = (float)(s / 2147483648.0);
                    } else if (bps == 4) {
                        v = (float)((int32_t)xw_u32(p) / 2147483648.0);
                    }
                    w->ch[c][i] = v;
                }
            free(raw);
            fclose(f);
            return 0;
        } else {
            fseek(f, size + (size & 1), SEEK_CUR);
        }
    }
fail:
    fclose(f);
    return -1;
}
#endif
