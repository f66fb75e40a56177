/* fuzz.h: shared helpers for the libFuzzer harnesses in tests/fuzz/.
 *
 * A tiny data provider over the fuzzer's input (every take returns a
 * defined value, zero once the input is used up), signal generators that
 * mix plain audio with the hostile values real patches produce (NaN,
 * +-inf, denormals, huge magnitudes, DC, raw bit patterns), and FZ_CHECK,
 * which prints the broken invariant and aborts so libFuzzer records the
 * input as a crash.
 *
 * A core harness is one small file tests/fuzz/core_<module>.c defining
 * LLVMFuzzerTestOneInput; the Makefile (make fuzzers, run by
 * tests/fuzz/run.sh) links every core_*.c with the core built for
 * fuzzing, and builds one object harness per line of
 * tests/robust/objects.list (obj_harness.c + pdstub.c). Keep each input
 * cheap (about a millisecond: short signals, few large allocations) so
 * that a 5 s run executes thousands of inputs.
 */
#ifndef MM_FUZZ_H
#define MM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#define FZ_CHECK(cond, ...)                                                 \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "FUZZ INVARIANT FAILED %s:%d: %s: ", __FILE__,  \
                    __LINE__, #cond);                                       \
            fprintf(stderr, __VA_ARGS__);                                   \
            fprintf(stderr, "\n");                                          \
            abort();                                                        \
        }                                                                   \
    } while (0)

typedef struct fz {
    const uint8_t *p;
    size_t n;
    uint32_t rng; /* for long signals: seeded from the input */
} fz;

static inline void fz_init(fz *f, const uint8_t *data, size_t size)
{
    f->p = data;
    f->n = size;
    f->rng = 0x9e3779b9u;
}

static inline int fz_left(const fz *f) { return f->n > 0; }

static inline uint8_t fz_u8(fz *f)
{
    if (!f->n)
        return 0;
    f->n--;
    return *f->p++;
}

static inline uint32_t fz_u32(fz *f)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v = v << 8 | fz_u8(f);
    return v;
}

/* lo..hi inclusive */
static inline int fz_range(fz *f, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    uint32_t span = (uint32_t)(hi - lo) + 1u;
    uint32_t v = span <= 256 ? fz_u8(f) : fz_u32(f);
    return lo + (int)(v % span);
}

static inline double fz_unit(fz *f) /* 0..1 */
{
    return (fz_u32(f) >> 8) / (double)(1u << 24);
}

static inline double fz_double_in(fz *f, double lo, double hi)
{
    return lo + (hi - lo) * fz_unit(f);
}

static inline uint32_t fz_rand(fz *f) /* xorshift, for bulk noise */
{
    uint32_t x = f->rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return f->rng = x;
}

static inline float fz_bits_f(uint32_t u)
{
    float v;
    memcpy(&v, &u, sizeof v);
    return v;
}

/* One hostile value. */
static inline float fz_special(fz *f)
{
    switch (fz_u8(f) % 12) {
    case 0: return NAN;
    case 1: return -NAN;
    case 2: return INFINITY;
    case 3: return -INFINITY;
    case 4: return 1e-40f;                     /* denormal */
    case 5: return -1.4e-45f;                  /* smallest denormal */
    case 6: return 3.4e38f;                    /* huge */
    case 7: return -1e30f;
    case 8: return 1e6f;
    case 9: return 0.0f;
    case 10: return -0.0f;
    default: return fz_bits_f(fz_u32(f));      /* any bit pattern */
    }
}

/* A float parameter value: mostly in lo..hi, sometimes anything. */
static inline double fz_param(fz *f, double lo, double hi)
{
    uint8_t k = fz_u8(f);
    if (k < 200)
        return fz_double_in(f, lo, hi);
    if (k < 230)
        return fz_double_in(f, -1e9, 1e9);
    return fz_special(f);
}

enum { FZ_SIG_KINDS = 9 };

/* Fill n samples with one kind of signal chosen by the input. Returns the
 * kind used. Kinds: 0 silence, 1 sine, 2 noise, 3 noise with sparse
 * hostile values, 4 raw bit patterns, 5 a decay into denormals, 6 DC (up
 * to far above full scale), 7 a full-scale impulse, 8 loud noise. */
static inline int fz_signal(fz *f, float *buf, int n)
{
    int kind = fz_u8(f) % FZ_SIG_KINDS;
    f->rng ^= fz_u32(f) | 1u;
    if (!f->rng)
        f->rng = 1;
    double amp = pow(10.0, fz_double_in(f, -8.0, 1.5));
    switch (kind) {
    case 0:
        memset(buf, 0, (size_t)n * sizeof *buf);
        break;
    case 1: {
        double w = fz_double_in(f, 0.0, 3.14159265358979), ph = fz_unit(f) * 6.28;
        for (int i = 0; i < n; i++)
            buf[i] = (float)(amp * sin(ph + w * i));
        break;
    }
    case 2:
    case 8:
        if (kind == 8)
            amp *= 30.0;
        for (int i = 0; i < n; i++)
            buf[i] = (float)(amp * ((int32_t)fz_rand(f) / 2147483648.0));
        break;
    case 3: {
        int every = fz_range(f, 1, 256);
        for (int i = 0; i < n; i++)
            buf[i] = (float)(amp * ((int32_t)fz_rand(f) / 2147483648.0));
        for (int i = fz_rand(f) % (unsigned)every; i < n; i += every)
            buf[i] = fz_special(f);
        break;
    }
    case 4:
        for (int i = 0; i < n; i++) {
            uint32_t u = f->n >= 4 ? fz_u32(f) : fz_rand(f);
            buf[i] = fz_bits_f(u);
        }
        break;
    case 5: {
        double v = 1e-30 * amp, k = fz_double_in(f, 0.5, 0.9999);
        for (int i = 0; i < n; i++, v *= k)
            buf[i] = (float)((i & 1) ? -v : v);
        break;
    }
    case 6: {
        float dc = (float)(amp * (fz_u8(f) & 1 ? -1 : 1) *
                           (fz_u8(f) < 16 ? 1e20 : 1.0));
        for (int i = 0; i < n; i++)
            buf[i] = dc;
        break;
    }
    default:
        memset(buf, 0, (size_t)n * sizeof *buf);
        buf[fz_rand(f) % (unsigned)n] = (fz_u8(f) & 1) ? 1.0f : -1.0f;
        break;
    }
    return kind;
}

/* A block size: 1..max, biased towards Pd's powers of two. */
static inline int fz_blocksize(fz *f, int max)
{
    if (fz_u8(f) < 160) {
        int n = 1 << fz_range(f, 0, 13);
        return n > max ? max : n;
    }
    return fz_range(f, 1, max);
}

static inline double fz_samplerate(fz *f)
{
    static const double rates[] = {22050, 32000, 44100, 48000, 88200,
                                   96000, 176400, 192000};
    if (fz_u8(f) < 220)
        return rates[fz_u8(f) % 8];
    return fz_double_in(f, 22050.0, 192000.0);
}

static inline int fz_isfinite(float v)
{
    uint32_t u;
    memcpy(&u, &v, sizeof u);
    return (u & 0x7f800000u) != 0x7f800000u;
}

static inline int fz_same_bits(float a, float b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

#endif
