/*
 * wavio.h: minimal RIFF/WAVE reader and writer for the benchmark tools.
 *
 * Reads PCM 16/24/32-bit and IEEE float 32/64-bit, plain (format 1 or 3)
 * or WAVE_FORMAT_EXTENSIBLE (0xFFFE) with a PCM or float sub-format.
 * Samples come back as float, de-interleaved: one array per channel.
 * Writes 32-bit IEEE float (format 3, with the fact chunk), which every
 * reader we use (sox, libsndfile, Pd's soundfiler) accepts.
 *
 * Byte order is decoded explicitly, so the code does not depend on the
 * host's endianness. Header-only: every function is static.
 *
 * Errors: functions return WAVIO_OK (0) or a negative WAVIO_E_* code;
 * wavio_strerror() names them.
 */
#ifndef WAVIO_H
#define WAVIO_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WAVIO_OK 0
#define WAVIO_E_OPEN (-1)     /* cannot open or read/write the file */
#define WAVIO_E_FORMAT (-2)   /* not a RIFF/WAVE file, or malformed */
#define WAVIO_E_UNSUPP (-3)   /* sample format we do not read */
#define WAVIO_E_NOMEM (-4)

typedef struct wavio_data {
    int channels;
    int rate;           /* Hz */
    long frames;
    float **data;       /* data[channel][frame] */
} wavio_data;

static const char *wavio_strerror(int err)
{
    switch (err) {
    case WAVIO_OK: return "ok";
    case WAVIO_E_OPEN: return "cannot open, read or write the file";
    case WAVIO_E_FORMAT: return "not a valid RIFF/WAVE file";
    case WAVIO_E_UNSUPP: return "unsupported sample format "
        "(want PCM 16/24/32 or float 32/64)";
    case WAVIO_E_NOMEM: return "out of memory";
    default: return "unknown error";
    }
}

static uint32_t wavio_u16(const unsigned char *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8);
}

static uint32_t wavio_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16)
        | ((uint32_t)p[3] << 24);
}

/* Free what wavio_read or wavio_alloc allocated; safe on a zeroed struct. */
static void wavio_free(wavio_data *w)
{
    int c;
    if (w->data) {
        for (c = 0; c < w->channels; c++)
            free(w->data[c]);
        free(w->data);
    }
    memset(w, 0, sizeof *w);
}

/* Allocate channels x frames zeroed samples, plus `pad` extra frames. */
static int wavio_alloc(wavio_data *w, int channels, long frames, long pad,
    int rate)
{
    int c;
    memset(w, 0, sizeof *w);
    w->data = (float **)calloc((size_t)(channels > 0 ? channels : 1),
        sizeof(float *));
    if (!w->data)
        return WAVIO_E_NOMEM;
    w->channels = channels;
    w->rate = rate;
    w->frames = frames;
    for (c = 0; c < channels; c++) {
        w->data[c] = (float *)calloc((size_t)(frames + pad + 1),
            sizeof(float));
        if (!w->data[c]) {
            wavio_free(w);
            return WAVIO_E_NOMEM;
        }
    }
    return WAVIO_OK;
}

/*
 * Read `path` into `w`. Each channel array gets `pad` extra zeroed frames
 * after the last one (so a caller can process whole blocks).
 */
static int wavio_read(const char *path, wavio_data *w, long pad)
{
    FILE *f;
    unsigned char *buf = NULL, *p, *end, *fmt = NULL, *dat = NULL;
    long size;
    uint32_t fmtlen = 0, datlen = 0, tag, bits, bytes, ch, rate;
    long frames, i;
    int err, c, isfloat;

    memset(w, 0, sizeof *w);
    f = fopen(path, "rb");
    if (!f)
        return WAVIO_E_OPEN;
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0
        || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return WAVIO_E_OPEN;
    }
    buf = (unsigned char *)malloc((size_t)size + 1);
    if (!buf) {
        fclose(f);
        return WAVIO_E_NOMEM;
    }
    if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        free(buf);
        return WAVIO_E_OPEN;
    }
    fclose(f);

    err = WAVIO_E_FORMAT;
    if (size < 12 || memcmp(buf, "RIFF", 4) != 0
        || memcmp(buf + 8, "WAVE", 4) != 0)
        goto out;
    end = buf + size;
    for (p = buf + 12; end - p >= 8; ) {
        uint32_t len = wavio_u32(p + 4);
        unsigned char *body = p + 8;
        uint32_t avail = (uint32_t)(end - body);
        if (!memcmp(p, "fmt ", 4)) {
            if (len > avail)
                goto out;
            fmt = body;
            fmtlen = len;
        } else if (!memcmp(p, "data", 4)) {
            dat = body;
            /* streamed files may carry 0 or 0xFFFFFFFF: take what is there */
            datlen = (len == 0 || len > avail) ? avail : len;
            if (fmt)
                break;
        }
        if (len > avail)
            break;
        p = body + len + (len & 1);
    }
    if (!fmt || !dat || fmtlen < 16)
        goto out;

    tag = wavio_u16(fmt);
    ch = wavio_u16(fmt + 2);
    rate = wavio_u32(fmt + 4);
    bits = wavio_u16(fmt + 14);
    if (tag == 0xFFFE) {
        if (fmtlen < 40)
            goto out;
        tag = wavio_u16(fmt + 24); /* first two bytes of the sub-format GUID */
    }
    err = WAVIO_E_UNSUPP;
    if (tag == 1 && (bits == 16 || bits == 24 || bits == 32))
        isfloat = 0;
    else if (tag == 3 && (bits == 32 || bits == 64))
        isfloat = 1;
    else
        goto out;
    if (ch < 1 || ch > 64 || rate < 1) {
        err = WAVIO_E_FORMAT;
        goto out;
    }
    bytes = bits / 8;
    frames = (long)(datlen / (bytes * ch));

    err = wavio_alloc(w, (int)ch, frames, pad, (int)rate);
    if (err != WAVIO_OK)
        goto out;
    for (i = 0; i < frames; i++) {
        for (c = 0; c < (int)ch; c++) {
            const unsigned char *s = dat + ((size_t)i * ch + (size_t)c) * bytes;
            float v;
            if (isfloat && bits == 32) {
                uint32_t u = wavio_u32(s);
                float x;
                memcpy(&x, &u, 4);
                v = x;
            } else if (isfloat) {
                uint64_t u = (uint64_t)wavio_u32(s)
                    | ((uint64_t)wavio_u32(s + 4) << 32);
                double x;
                memcpy(&x, &u, 8);
                v = (float)x;
            } else if (bits == 16) {
                int32_t x = (int32_t)(wavio_u16(s) << 16);
                v = (float)((double)x / 2147483648.0);
            } else if (bits == 24) {
                int32_t x = (int32_t)(((uint32_t)s[0] << 8)
                    | ((uint32_t)s[1] << 16) | ((uint32_t)s[2] << 24));
                v = (float)((double)x / 2147483648.0);
            } else {
                int32_t x = (int32_t)wavio_u32(s);
                v = (float)((double)x / 2147483648.0);
            }
            w->data[c][i] = v;
        }
    }
    err = WAVIO_OK;
out:
    free(buf);
    return err;
}

static void wavio_put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)((v >> 8) & 0xff);
    p[2] = (unsigned char)((v >> 16) & 0xff);
    p[3] = (unsigned char)((v >> 24) & 0xff);
}

static void wavio_put16(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)((v >> 8) & 0xff);
}

/* Write the first `frames` frames of data[0..channels-1] as 32-bit float. */
static int wavio_write(const char *path, float *const *data, int channels,
    long frames, int rate)
{
    unsigned char h[58], s[4];
    uint32_t datlen = (uint32_t)((unsigned long)frames * (unsigned)channels
        * 4u);
    FILE *f;
    long i;
    int c, ok;

    if (channels < 1 || frames < 0)
        return WAVIO_E_FORMAT;
    memcpy(h, "RIFF", 4);
    wavio_put32(h + 4, 50u + datlen);
    memcpy(h + 8, "WAVEfmt ", 8);
    wavio_put32(h + 16, 18);                      /* fmt chunk length */
    wavio_put16(h + 20, 3);                       /* IEEE float */
    wavio_put16(h + 22, (uint32_t)channels);
    wavio_put32(h + 24, (uint32_t)rate);
    wavio_put32(h + 28, (uint32_t)rate * (uint32_t)channels * 4u);
    wavio_put16(h + 32, (uint32_t)channels * 4u);  /* block align */
    wavio_put16(h + 34, 32);                      /* bits per sample */
    wavio_put16(h + 36, 0);                       /* cbSize */
    memcpy(h + 38, "fact", 4);
    wavio_put32(h + 42, 4);
    wavio_put32(h + 46, (uint32_t)frames);
    memcpy(h + 50, "data", 4);
    wavio_put32(h + 54, datlen);

    f = fopen(path, "wb");
    if (!f)
        return WAVIO_E_OPEN;
    ok = fwrite(h, 1, sizeof h, f) == sizeof h;
    for (i = 0; ok && i < frames; i++) {
        for (c = 0; c < channels; c++) {
            uint32_t u;
            memcpy(&u, &data[c][i], 4);
            wavio_put32(s, u);
            if (fwrite(s, 1, 4, f) != 4) {
                ok = 0;
                break;
            }
        }
    }
    if (fclose(f) != 0)
        ok = 0;
    return ok ? WAVIO_OK : WAVIO_E_OPEN;
}

#endif /* WAVIO_H */
