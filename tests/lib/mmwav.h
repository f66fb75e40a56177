/* mmwav.h: the one WAV reader and writer of the unit tests, the test tools
 * (tests/tools) and the benchmarks (bench/core, bench/lv2). Header only.
 *
 * wav_load() reads a whole RIFF/WAVE file into interleaved floats (full
 * scale = 1.0):
 *   - format tags 1 (PCM: 8-bit unsigned, 16, 24, 32-bit signed),
 *     3 (IEEE float: 32 or 64-bit) and 0xFFFE (WAVE_FORMAT_EXTENSIBLE,
 *     whose sub-format GUID carries tag 1 or 3), as Pd's [writesf~]
 *     writes them (`-bytes 4` is 32-bit float);
 *   - any channel count; unknown chunks (fact, PEAK, LIST...) skipped;
 *   - a data chunk whose size is 0, 0xFFFFFFFF or runs past the end of the
 *     file (a recording not closed cleanly) is read to the end of the file.
 * wav_save() writes 16/24-bit PCM or 32-bit float (tag 3), for tools that
 * make test signals.
 * Planar (one array per channel) for processing loops:
 *   wav_split(w, pad)      a copy of w's channels, each followed by pad
 *                          zeroed frames (for whole blocks)
 *   wav_planar(ch, frames) channels x frames zeroed samples
 *   wav_save_planar(path, chans, channels, frames, samplerate, bits)
 * Each returns one allocation (the channel pointers, then the samples):
 * release it with free().
 *
 * Little-endian is parsed byte by byte, so it works on any host. Errors
 * are reported in a message buffer; nothing is printed.
 */
#ifndef MM_WAV_H
#define MM_WAV_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct wav_data {
    float *samples;     /* frames * channels, interleaved */
    int channels;
    long frames;
    double samplerate;
    int bits;           /* bits per sample in the file */
    int is_float;       /* 1 for IEEE float data */
} wav_data;

static inline uint32_t wav_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static inline unsigned wav_u16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static inline int wav_fail(char *err, size_t errlen, const char *path,
                           const char *why)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: %s", path, why);
    return -1;
}

static inline void wav_free(wav_data *w)
{
    free(w->samples);
    memset(w, 0, sizeof *w);
}

/* Load path into *w (allocated; free with wav_free). 0 or -1. */
static inline int wav_load(const char *path, wav_data *w, char *err,
                           size_t errlen)
{
    memset(w, 0, sizeof *w);
    FILE *f = fopen(path, "rb");
    if (!f)
        return wav_fail(err, errlen, path, "cannot open");
    unsigned char *buf = NULL;
    size_t size = 0, cap = 0, got;
    do { /* whole file (works on pipes too) */
        if (size == cap) {
            cap = cap ? cap * 2 : 1 << 16;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return wav_fail(err, errlen, path, "out of memory");
            }
            buf = nb;
        }
        got = fread(buf + size, 1, cap - size, f);
        size += got;
    } while (got > 0);
    fclose(f);

    int ret = -1;
    const char *why = "not a RIFF/WAVE file";
    if (size < 12 || memcmp(buf, "RIFF", 4) || memcmp(buf + 8, "WAVE", 4))
        goto done;
    unsigned tag = 0, channels = 0, bits = 0, align = 0;
    uint32_t rate = 0;
    const unsigned char *data = NULL;
    size_t datalen = 0;
    size_t pos = 12;
    while (pos + 8 <= size) {
        const unsigned char *ck = buf + pos;
        uint32_t cklen = wav_u32(ck + 4);
        size_t avail = size - pos - 8;
        if (!memcmp(ck, "fmt ", 4)) {
            if (cklen < 16 || cklen > avail) {
                why = "bad fmt chunk";
                goto done;
            }
            tag = wav_u16(ck + 8);
            channels = wav_u16(ck + 10);
            rate = wav_u32(ck + 12);
            align = wav_u16(ck + 20);
            bits = wav_u16(ck + 22);
            if (tag == 0xFFFEu) { /* extensible: sub-format GUID at 24 */
                if (cklen < 40) {
                    why = "bad WAVE_FORMAT_EXTENSIBLE fmt chunk";
                    goto done;
                }
                tag = wav_u16(ck + 8 + 24);
            }
        } else if (!memcmp(ck, "data", 4)) {
            data = ck + 8;
            datalen = (cklen == 0 || cklen == 0xFFFFFFFFu || cklen > avail)
                          ? avail : cklen;
            break; /* the samples are all we need */
        }
        pos += 8 + (size_t)cklen + (cklen & 1u);
    }
    if (!channels || !rate) {
        why = "no fmt chunk";
        goto done;
    }
    if (!data) {
        why = "no data chunk";
        goto done;
    }
    int ok = (tag == 1 && (bits == 8 || bits == 16 || bits == 24 ||
                           bits == 32)) ||
             (tag == 3 && (bits == 32 || bits == 64));
    if (!ok) {
        why = "unsupported sample format (PCM 8/16/24/32, float 32/64)";
        goto done;
    }
    unsigned bps = bits / 8;
    if (align != bps * channels) {
        why = "block align does not match channels and bits";
        goto done;
    }
    long frames = (long)(datalen / align);
    size_t count = (size_t)frames * channels;
    float *out = malloc((count ? count : 1) * sizeof *out);
    if (!out) {
        why = "out of memory";
        goto done;
    }
    for (size_t i = 0; i < count; i++) {
        const unsigned char *p = data + i * bps;
        double v;
        if (tag == 3 && bits == 32) {
            uint32_t u = wav_u32(p);
            float fv;
            memcpy(&fv, &u, sizeof fv);
            v = fv;
        } else if (tag == 3) {
            uint64_t u = (uint64_t)wav_u32(p) | (uint64_t)wav_u32(p + 4) << 32;
            double dv;
            memcpy(&dv, &u, sizeof dv);
            v = dv;
        } else if (bits == 8) {
            v = ((int)p[0] - 128) / 128.0;
        } else if (bits == 16) {
            v = (int16_t)wav_u16(p) / 32768.0;
        } else if (bits == 24) {
            int32_t s = (int32_t)((uint32_t)p[0] << 8 | (uint32_t)p[1] << 16 |
                                  (uint32_t)p[2] << 24) / 256;
            v = s / 8388608.0;
        } else {
            v = (int32_t)wav_u32(p) / 2147483648.0;
        }
        out[i] = (float)v;
    }
    w->samples = out;
    w->channels = (int)channels;
    w->frames = frames;
    w->samplerate = rate;
    w->bits = (int)bits;
    w->is_float = tag == 3;
    ret = 0;
done:
    free(buf);
    return ret == 0 ? 0 : wav_fail(err, errlen, path, why);
}

static inline void wav_put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)(v >> 8 & 0xff);
}

static inline void wav_put32(unsigned char *p, uint32_t v)
{
    wav_put16(p, v & 0xffff);
    wav_put16(p + 2, v >> 16);
}

/* Write interleaved floats as 16 or 24-bit PCM (rounded, clipped) or,
 * with bits == 32, 32-bit float. 0 or -1. */
static inline int wav_save(const char *path, const float *samples,
                           int channels, long frames, double samplerate,
                           int bits)
{
    if (channels < 1 || frames < 0 || !(bits == 16 || bits == 24 ||
                                        bits == 32))
        return -1;
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    unsigned bps = (unsigned)bits / 8;
    uint32_t datalen = (uint32_t)((size_t)frames * channels * bps);
    unsigned char h[44];
    memcpy(h, "RIFF", 4);
    wav_put32(h + 4, 36 + datalen + (datalen & 1u));
    memcpy(h + 8, "WAVEfmt ", 8);
    wav_put32(h + 16, 16);
    wav_put16(h + 20, bits == 32 ? 3 : 1);
    wav_put16(h + 22, (unsigned)channels);
    wav_put32(h + 24, (uint32_t)(samplerate + 0.5));
    wav_put32(h + 28, (uint32_t)(samplerate + 0.5) * channels * bps);
    wav_put16(h + 32, channels * bps);
    wav_put16(h + 34, (unsigned)bits);
    memcpy(h + 36, "data", 4);
    wav_put32(h + 40, datalen);
    int ok = fwrite(h, 1, 44, f) == 44;
    for (size_t i = 0; ok && i < (size_t)frames * channels; i++) {
        unsigned char p[4];
        double v = samples[i];
        if (bits == 32) {
            float fv = samples[i];
            uint32_t u;
            memcpy(&u, &fv, sizeof u);
            wav_put32(p, u);
        } else {
            double full = bits == 16 ? 32768.0 : 8388608.0;
            double s = v * full;
            s = s < 0 ? s - 0.5 : s + 0.5;
            if (s > full - 1)
                s = full - 1;
            if (s < -full)
                s = -full;
            uint32_t u = (uint32_t)(int32_t)s;
            wav_put32(p, u);
        }
        ok = fwrite(p, 1, bps, f) == bps;
    }
    if (ok && (datalen & 1u))
        ok = fputc(0, f) != EOF;
    if (fclose(f) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

/* channels x (frames + pad) zeroed floats in one allocation; NULL when
 * out of memory */
static inline float **wav_planar(int channels, long frames)
{
    if (channels < 1 || frames < 0)
        return NULL;
    size_t head = ((size_t)channels * sizeof(float *) + sizeof(float) - 1)
                  / sizeof(float) * sizeof(float);
    char *mem = calloc(1, head + (size_t)channels * (size_t)(frames + 1)
                              * sizeof(float));
    if (!mem)
        return NULL;
    float **ch = (float **)(void *)mem;
    for (int c = 0; c < channels; c++)
        ch[c] = (float *)(void *)(mem + head) + (size_t)c * (size_t)(frames + 1);
    return ch;
}

/* w's channels, each followed by pad zeroed frames (free() it) */
static inline float **wav_split(const wav_data *w, long pad)
{
    float **ch = wav_planar(w->channels, w->frames + (pad > 0 ? pad : 0));
    if (ch)
        for (int c = 0; c < w->channels; c++)
            for (long i = 0; i < w->frames; i++)
                ch[c][i] = w->samples[i * w->channels + c];
    return ch;
}

/* wav_save from one array per channel. 0 or -1. */
static inline int wav_save_planar(const char *path, float *const *chans,
                                  int channels, long frames,
                                  double samplerate, int bits)
{
    if (channels < 1 || frames < 0)
        return -1;
    float *il = malloc(((size_t)frames * channels + 1) * sizeof *il);
    if (!il)
        return -1;
    for (long i = 0; i < frames; i++)
        for (int c = 0; c < channels; c++)
            il[i * channels + c] = chans[c][i];
    int r = wav_save(path, il, channels, frames, samplerate, bits);
    free(il);
    return r;
}

#endif
