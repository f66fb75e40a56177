/* mm_random.h: fast seedable pseudo-random numbers and dither noise.
 *
 * Generator: xorshift64* (G. Marsaglia, "Xorshift RNGs", J. Stat. Softw.
 * 8(14), 2003: the 64-bit shift triple (12, 25, 27); S. Vigna, "An
 * experimental exploration of Marsaglia's xorshift generators, scrambled",
 * ACM TOMS 42(4), 2016: the output multiplier). Period 2^64 - 1; the upper
 * 32 bits of the product pass BigCrush. One shift-xor round and one
 * multiply per number. Seeds go through splitmix64 (Steele, Lea, Flood,
 * OOPSLA 2014) so that seeds 0, 1, 2 ... give unrelated streams and the
 * state is never 0.
 *
 * Dither noise, in units of one quantisation step (LSB), zero mean
 * (Lipshitz, Wannamaker, Vanderkooy, "Quantization and dither: a
 * theoretical survey", JAES 40(5), 1992):
 *   rpdf  u, uniform in [-1/2, 1/2)           variance 1/12
 *   tpdf  u1 + u2, triangular in (-1, 1)      variance 1/6
 *   hp    u[n] - u[n-1]: triangular PDF, spectrum 4 sin^2(pi f/fs) (rising
 *         6 dB/oct, zero at DC), variance 1/6; successive values are
 *         correlated but each has the TPDF distribution, so the first two
 *         error moments are still signal independent (Wannamaker 1992).
 *
 * No allocation, no globals. Latency: none.
 */
#ifndef MM_RANDOM_H
#define MM_RANDOM_H

#include "mm_common.h"

typedef struct mm_random {
    uint64_t s;      /* never 0 */
    double hp_prev;  /* last uniform, for the high-passed TPDF */
} mm_random;

static inline uint64_t mm_random_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Seed (any value, 0 included); also clears the hp memory. */
static inline void mm_random_seed(mm_random *r, uint64_t seed)
{
    uint64_t x = seed;
    r->s = mm_random_splitmix64(&x);
    if (r->s == 0)
        r->s = 0x9e3779b97f4a7c15ull;
    r->hp_prev = 0.0;
}

static inline uint32_t mm_random_u32(mm_random *r)
{
    uint64_t x = r->s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->s = x;
    return (uint32_t)((x * 0x2545f4914f6cdd1dull) >> 32);
}

/* Uniform in [-1/2, 1/2), resolution 2^-32. */
static inline double mm_random_rpdf(mm_random *r)
{
    return ((double)mm_random_u32(r) - 2147483648.0) * (1.0 / 4294967296.0);
}

static inline double mm_random_tpdf(mm_random *r)
{
    double a = mm_random_rpdf(r);
    return a + mm_random_rpdf(r);
}

static inline double mm_random_hp(mm_random *r)
{
    double u = mm_random_rpdf(r);
    double d = u - r->hp_prev;
    r->hp_prev = u;
    return d;
}

#endif
