#include "mm_dither.h"

#define GRID 4096

static const char *const type_words[] = {"none", "rpdf", "tpdf", "hp", NULL};
static const char *const shape_words[] = {"off", "simple", "fweighted",
                                          NULL};

static const mm_paramdef dither_rows[] = {
    {"bits", MM_DITHER_BITS, MM_P_INT, "", 2, 24, 16, 0, 0, NULL,
     "output word length"},
    {"type", MM_DITHER_TYPE, MM_P_CHOICE, "", 0, 3, MM_DITHER_TPDF, 0, 0,
     type_words, "dither: none (rounding), rpdf, tpdf, hp (high-passed tpdf)"},
    {"shape", MM_DITHER_SHAPE, MM_P_CHOICE, "", 0, 2, MM_DITHER_SHAPE_OFF, 0,
     0, shape_words, "noise shaping: off, simple, fweighted"},
    {"seed", MM_DITHER_SEED, MM_P_INT, "", -999999, 999999, 0,
     MM_P_PERINSTANCE, 0, NULL,
     "noise seed (same seed, same noise; by default every instance differs)"},
    {"autoblank", MM_DITHER_AUTOBLANK, MM_P_BOOL, "", 0, 1, 0, 0, 0, NULL,
     "1: no dither after 0.5 s of digital silence"},
};

const mm_paramtable mm_dither_table = MM_PARAMTABLE("dither", dither_rows);

/* Threshold of hearing in dB SPL (Terhardt 1979), f in Hz. */
static double ath_db(double f)
{
    double k = f * 0.001;
    return 3.64 * pow(k, -0.8) - 6.5 * exp(-0.6 * (k - 3.3) * (k - 3.3))
           + 1e-3 * k * k * k * k;
}

static double weight(int shape, double f, double fs)
{
    if (shape == MM_DITHER_SHAPE_SIMPLE) {
        double edge = 15000.0 < 0.45 * fs ? 15000.0 : 0.45 * fs;
        return f <= edge ? 1.0 : 1e-3;
    }
    /* fweighted */
    const double tmin = ath_db(3300.0 * 1.0) < ath_db(3500.0)
                            ? ath_db(3300.0) : ath_db(3500.0);
    double t = ath_db(f < 1000.0 ? 1000.0 : f);
    if (t > tmin + 50.0 || !mm_isfinite_d(t))
        t = tmin + 50.0;
    return pow(10.0, -(t - tmin) / 10.0);
}

int mm_dither_design(int shape, double samplerate, double *a)
{
    int p;
    if (shape == MM_DITHER_SHAPE_SIMPLE)
        p = 2;
    else if (shape == MM_DITHER_SHAPE_FWEIGHTED)
        p = 9;
    else
        return 0;
    double r[MM_DITHER_MAXTAPS + 1] = {0};
    for (int g = 0; g < GRID; g++) {
        double f = (g + 0.5) * 0.5 * samplerate / GRID;
        double w = weight(shape, f, samplerate);
        double ph = 2.0 * MM_PI * f / samplerate;
        for (int k = 0; k <= p; k++)
            r[k] += w * cos(ph * k);
    }
    r[0] *= 1.0 + 1e-9; /* white-noise correction: well conditioned */
    /* Levinson-Durbin: A(z) = 1 + sum a_k z^-k minimising E|A x|^2 */
    double aa[MM_DITHER_MAXTAPS + 1] = {1.0}, tmp[MM_DITHER_MAXTAPS + 1];
    double err = r[0];
    for (int m = 1; m <= p; m++) {
        double acc = r[m];
        for (int k = 1; k < m; k++)
            acc += aa[k] * r[m - k];
        double kref = -acc / err;
        for (int k = 0; k <= m; k++)
            tmp[k] = aa[k];
        for (int k = 1; k < m; k++)
            aa[k] = tmp[k] + kref * tmp[m - k];
        aa[m] = kref;
        err *= 1.0 - kref * kref;
    }
    for (int k = 1; k <= p; k++)
        a[k - 1] = aa[k];
    return p;
}

double mm_dither_ntf_power(const double *a, int p, double f,
                           double samplerate)
{
    double re = 1.0, im = 0.0, w = 2.0 * MM_PI * f / samplerate;
    for (int k = 1; k <= p; k++) {
        re += a[k - 1] * cos(w * k);
        im -= a[k - 1] * sin(w * k);
    }
    return re * re + im * im;
}

static void clear_state(mm_dither *d)
{
    for (int c = 0; c < d->nch; c++) {
        memset(d->ch[c].err, 0, sizeof d->ch[c].err);
        d->ch[c].pos = 0;
    }
}

static void reseed(mm_dither *d)
{
    for (int c = 0; c < d->nch; c++) {
        /* decorrelated streams per channel from one seed */
        uint64_t k = d->seed * 0x100000001b3ull + (uint64_t)c * 0x9e37ull;
        mm_random_seed(&d->ch[c].rng, k);
        uint64_t x = k ^ 0x5851f42d4c957f2dull;
        d->ch[c].tpdf[0] = mm_random_splitmix64(&x);
        d->ch[c].tpdf[1] = mm_random_splitmix64(&x) | 1u; /* never all 0 */
    }
}

static void redesign(mm_dither *d)
{
    double a[MM_DITHER_MAXTAPS];
    int p = mm_dither_design(d->shape, d->samplerate, a);
    double hs = 0.0;
    for (int k = 0; k < p; k++) {
        d->h[k] = -a[k];
        hs += fabs(a[k]);
    }
    d->hbound = (1.5 * hs + 2.5) * (1.0 + 1e-9) + 1e-6;
    d->ntaps = p;
    clear_state(d);
}

int mm_dither_init(mm_dither *d, int nch, double samplerate, uint64_t seed)
{
    if (nch < 1 || nch > MM_DITHER_MAXCH)
        return MM_E_ARG;
    memset(d, 0, sizeof *d);
    d->nch = nch;
    d->samplerate = samplerate > 0.0 ? samplerate : 48000.0;
    d->type = (int)dither_rows[MM_DITHER_TYPE].def;
    d->shape = (int)dither_rows[MM_DITHER_SHAPE].def;
    d->autoblank = dither_rows[MM_DITHER_AUTOBLANK].def != 0.0;
    d->seed = seed;
    mm_dither_set(d, MM_DITHER_BITS, dither_rows[MM_DITHER_BITS].def);
    d->blank_len = (long)(MM_DITHER_BLANK_S * d->samplerate + 0.5);
    reseed(d);
    redesign(d);
    return MM_OK;
}

void mm_dither_free(mm_dither *d)
{
    (void)d;
}

void mm_dither_reset(mm_dither *d)
{
    clear_state(d);
    reseed(d);
    for (int c = 0; c < d->nch; c++)
        d->ch[c].zeros = 0;
    d->blanked = 0;
    d->clips = 0;
}

int mm_dither_set_samplerate(mm_dither *d, double samplerate)
{
    if (!(samplerate > 0.0) || !mm_isfinite_d(samplerate))
        return MM_E_ARG;
    if (samplerate != d->samplerate) {
        d->samplerate = samplerate;
        d->blank_len = (long)(MM_DITHER_BLANK_S * samplerate + 0.5);
        redesign(d);
    }
    return MM_OK;
}

double mm_dither_set(mm_dither *d, mm_dither_param p, double v)
{
    if (!mm_param_take(&mm_dither_table, (int)p, &v))
        return 0.0;
    switch (p) {
    case MM_DITHER_BITS:
        d->bits = (int)v;
        d->scale = ldexp(1.0, d->bits - 1);
        break;
    case MM_DITHER_TYPE:
        d->type = (int)v;
        break;
    case MM_DITHER_SHAPE:
        if ((int)v != d->shape) {
            d->shape = (int)v;
            redesign(d);
        }
        break;
    case MM_DITHER_SEED:
        d->seed = (uint64_t)(int64_t)v;
        reseed(d);
        break;
    case MM_DITHER_AUTOBLANK:
        d->autoblank = v != 0.0;
        if (!d->autoblank)
            d->blanked = 0;
        break;
    default:
        break;
    }
    return v;
}

int mm_dither_latency(const mm_dither *d)
{
    (void)d;
    return 0;
}

unsigned long mm_dither_clips(const mm_dither *d)
{
    return d->clips;
}

/* Frames per pass: the inputs of a pass are all read (and the autoblank
 * decisions made) before any output is written. */
#define CHUNK 64

enum { LIVE = 0, BLANK, BLANK_CLEAR }; /* per frame, from autoblank */

/* The quantizers are written once for any order p and channel count and
 * called with constants: inlined, their loops unroll and the error
 * histories stay in registers (GCC and clang need the attribute for a
 * body this large; elsewhere it is only slower). */
#if defined(__GNUC__)
#define ALWAYS_INLINE __attribute__((always_inline))
#else
#define ALWAYS_INLINE
#endif

/* floor(t), exactly, without the libm call (which -O2 on plain x86-64
 * does not inline) and without a branch on the sign (half the samples
 * are negative: a branch there mispredicts all the time); beyond 2^52
 * every double is an integer already. */
static inline double fast_floor(double t)
{
    if (!(fabs(t) < 4503599627370496.0))
        return floor(t);
    int64_t i = (int64_t)t; /* toward zero */
    i -= (double)i > t;     /* setcc, no jump */
    return (double)i;
}

/* TPDF dither from one step of a xorshift128+ generator (Vigna 2017;
 * shifts, xors and one add: the same steps vectorise on two channels):
 * its two 32-bit halves are two uniforms, their sum less 2^32, over
 * 2^32, is triangular in [-1, 1), exactly in double. */
static inline uint64_t tpdf_step(uint64_t *s)
{
    uint64_t a = s[0];
    const uint64_t b = s[1];
    s[0] = b;
    a ^= a << 23;
    s[1] = a ^ b ^ (a >> 17) ^ (b >> 26);
    return s[1] + b;
}

static inline double tpdf_of(uint64_t r)
{
    return ((double)((r & 0xffffffffu) + (r >> 32)) - 4294967296.0)
           * (1.0 / 4294967296.0);
}

/* n dither values of a type (the generator advances only for frames that
 * are dithered: blanked frames take none). */
static void make_noise(mm_dither_ch *ch, int type, double *v, int n)
{
    switch (type) {
    case MM_DITHER_RPDF:
        for (int i = 0; i < n; i++)
            v[i] = mm_random_rpdf(&ch->rng);
        break;
    case MM_DITHER_TPDF:
        for (int i = 0; i < n; i++)
            v[i] = tpdf_of(tpdf_step(ch->tpdf));
        break;
    case MM_DITHER_HP:
        for (int i = 0; i < n; i++)
            v[i] = mm_random_hp(&ch->rng);
        break;
    default:
        for (int i = 0; i < n; i++)
            v[i] = 0.0;
    }
}

/* Channels c .. c + lanes - 1 (lanes 1 or 2) over a pass, p feedback
 * taps; lanes and p are constants where inlined, so the error histories
 * live in registers. Each channel's loop-carried chain (newest error ->
 * feedback -> rounding -> error) is long; two channels in one loop run
 * their chains side by side. The feedback sum runs from the oldest
 * error to the newest, so the newest enters last (one multiply-add on
 * the chain), and the dither and the 1/2 are added before it:
 *   t = (u - sum_{k>=1} h_k e_k + d + 1/2) - h_0 e_0,  q = floor(t),
 *   w = t - d - 1/2,  e = q - w. */
static inline ALWAYS_INLINE void quantize(mm_dither *d, int c, const int lanes,
                            const int p, float (*x)[CHUNK],
                            const unsigned char *mode,
                            double (*dn)[CHUNK], float *const *out,
                            int off, int n)
{
    const double scale = d->scale, inv = 1.0 / scale;
    const double qmax = scale - 1.0, qmin = -scale;
    double e[2][MM_DITHER_MAXTAPS] = {{0.0}}, h[MM_DITHER_MAXTAPS] = {0.0};
    unsigned long clips = 0;
#pragma GCC unroll 12
    for (int k = 0; k < p; k++)
        h[k] = d->h[k];
#pragma GCC unroll 2
    for (int l = 0; l < lanes; l++) {
        const mm_dither_ch *ch = &d->ch[c + l];
#pragma GCC unroll 12
        for (int k = 0; k < p; k++)
            e[l][k] = ch->err[ch->pos + k]; /* e[0] newest */
    }
    for (int i = 0, j = 0; i < n; i++) {
        if (mode[i] != LIVE) {
#pragma GCC unroll 2
            for (int l = 0; l < lanes; l++) {
                if (mode[i] == BLANK_CLEAR)
#pragma GCC unroll 12
                    for (int k = 0; k < p; k++)
                        e[l][k] = 0.0;
                out[c + l][off + i] = 0.0f;
            }
            continue;
        }
#pragma GCC unroll 2
        for (int l = 0; l < lanes; l++) {
            double dh = dn[l][j] + 0.5;
            double t = (double)x[c + l][i] * scale + dh;
#pragma GCC unroll 12
            for (int k = p - 1; k >= 1; k--)
                t -= h[k] * e[l][k];
            if (p > 0)
                t -= h[0] * e[l][0];
            double q = fast_floor(t);
#pragma GCC unroll 12
            for (int k = p - 1; k > 0; k--)
                e[l][k] = e[l][k - 1];
            if (p > 0)
                e[l][0] = q - (t - dh);
            if (q > qmax) {
                q = qmax;
                clips++;
            } else if (q < qmin) {
                q = qmin;
                clips++;
            }
            out[c + l][off + i] = (float)(q * inv);
        }
        j++;
    }
    /* back in the doubled ring, newest first from slot 0 */
#pragma GCC unroll 2
    for (int l = 0; l < lanes; l++) {
        mm_dither_ch *ch = &d->ch[c + l];
#pragma GCC unroll 12
        for (int k = 0; k < p; k++)
            ch->err[k] = ch->err[k + p] = mm_flush_d(e[l][k]);
        ch->pos = 0;
    }
    d->clips += clips;
}

/* Pass 1: read and sanitize every input of the pass, decide autoblank per
 * frame (as the frame-by-frame rule: 0.5 s of all-zero frames, then
 * blank until any channel is non-zero). Returns the frames dithered. */
static int read_frames(mm_dither *d, const float *const *in, int off,
                       float (*x)[CHUNK], unsigned char *mode, int n)
{
    const int nch = d->nch;
    /* channel by channel: a loop the compiler vectorises */
    for (int c = 0; c < nch; c++) {
        const float *src = in[c] + off;
        unsigned long bad = 0;
        for (int i = 0; i < n; i++) {
            float v = src[i];
            int ok = mm_isfinite_f(v);
            bad += !ok;
            x[c][i] = ok ? v : 0.0f;
        }
        d->nonfinite += bad;
    }
    if (!d->autoblank) {
        memset(mode, LIVE, (size_t)n);
        return n;
    }
    int live = 0;
    for (int i = 0; i < n; i++) {
        int any = 0;
        for (int c = 0; c < nch; c++)
            any |= x[c][i] != 0.0f;
        mode[i] = LIVE;
        if (any) {
            d->blanked = 0;
            for (int c = 0; c < nch; c++)
                d->ch[c].zeros = 0;
        } else if (!d->blanked) {
            if (++d->ch[0].zeros >= d->blank_len) {
                d->blanked = 1;
                mode[i] = BLANK_CLEAR;
            }
        }
        if (d->blanked && mode[i] == LIVE)
            mode[i] = BLANK;
        live += mode[i] == LIVE;
    }
    return live;
}

#if defined(__GNUC__) && !defined(MM_DITHER_PLAIN)
#define MM_DITHER_VECTOR 1
#if defined(__x86_64__) || defined(__i386__)
#define MM_DITHER_ROUND 1 /* SSE4.1 rounding, picked at run time */
#endif
/* Two channels of TPDF dither in one vector of two doubles (GCC vector
 * extensions: SSE2 on x86-64, NEON on arm64, plain code elsewhere). The
 * same arithmetic as quantize on each lane, so the outputs are the same
 * bit for bit (tests/unit/test_dither.c compares them; MM_DITHER_PLAIN
 * builds without it). */
typedef double v2d __attribute__((vector_size(16)));
typedef uint64_t v2u __attribute__((vector_size(16)));
typedef int64_t v2l __attribute__((vector_size(16)));
typedef int32_t v2i __attribute__((vector_size(8)));

static inline ALWAYS_INLINE void quantize_pair(mm_dither *d, int c,
                                               const int p, const int round,
                                               const int general,
                                 float (*x)[CHUNK],
                                 const unsigned char *mode,
                                 float *const *out, int off, int n)
{
    const double scale = d->scale, inv = 1.0 / scale;
    const double qmax = scale - 1.0, qmin = -scale;
    mm_dither_ch *A = &d->ch[c], *B = &d->ch[c + 1];
    v2d e[MM_DITHER_MAXTAPS] = {{0.0}}, h[MM_DITHER_MAXTAPS] = {{0.0}};
    unsigned long clips = 0;
#pragma GCC unroll 12
    for (int k = 0; k < p; k++) {
        e[k] = (v2d){A->err[A->pos + k], B->err[B->pos + k]};
        h[k] = (v2d){d->h[k], d->h[k]};
    }
    v2u s0 = {A->tpdf[0], B->tpdf[0]}, s1 = {A->tpdf[1], B->tpdf[1]};
    /* a 32-bit integer v as a double: the bits of 2^52 + v, less 2^52 */
    const v2u low = {0xffffffffu, 0xffffffffu};
    const v2u exp52 = {0x4330000000000000ull, 0x4330000000000000ull};
    const v2d two53p32 = {9007203549708288.0, 9007203549708288.0};
    const v2d unit = {1.0 / 4294967296.0, 1.0 / 4294967296.0};
    const v2d half = {0.5, 0.5}, vs = {scale, scale};
    const v2d vmax = {qmax, qmax}, vmin = {qmin, qmin}, vinv = {inv, inv};
    const v2d one = {1.0, 1.0};
    const v2d vlim = {2147483647.0, 2147483647.0}; /* int32 range */
    for (int i = 0; i < n; i++) {
        if (general && mode[i] != LIVE) {
            if (mode[i] == BLANK_CLEAR)
#pragma GCC unroll 12
                for (int k = 0; k < p; k++)
                    e[k] = (v2d){0.0, 0.0};
            out[c][off + i] = out[c + 1][off + i] = 0.0f;
            continue;
        }
        /* tpdf_step on both lanes */
        v2u a = s0;
        const v2u b = s1;
        s0 = b;
        a ^= a << 23;
        s1 = a ^ b ^ (a >> 17) ^ (b >> 26);
        const v2u r = s1 + b;
        /* (2^52 + lo - (2^53 + 2^32)) + (2^52 + hi) = lo + hi - 2^32,
         * every step exact (integers under 2^53) */
        v2d ulo = (v2d)((r & low) | exp52) - two53p32;
        v2d uhi = (v2d)((r >> 32) | exp52);
        v2d dh = (ulo + uhi) * unit + half;
        v2d t = (v2d){x[c][i], x[c + 1][i]} * vs + dh;
#pragma GCC unroll 12
        for (int k = p - 1; k >= 1; k--)
            t -= h[k] * e[k];
        if (p > 0)
            t -= h[0] * e[0];
        v2d q;
        const v2l big = (v2l)(t >= vlim) | (v2l)(t <= -vlim);
        if (round) { /* SSE4.1 roundpd (toward -inf, no exceptions):
                      * exact, and a shorter chain */
#if MM_DITHER_ROUND
            /* (only reached in pairs_round, built for SSE4.1) */
            __asm__("roundpd $9, %1, %0" : "=x"(q) : "x"(t));
#else
            q = (v2d){__builtin_floor(t[0]), __builtin_floor(t[1])};
#endif
        } else if (!(big[0] | big[1])) { /* (no NaN: finite input) */
            /* floor: truncate, and one less where that went up */
            v2d z = __builtin_convertvector(__builtin_convertvector(t, v2i),
                                            v2d);
            q = z - (v2d)((v2l)(z > t) & (v2l)one);
        } else {
            q = (v2d){fast_floor(t[0]), fast_floor(t[1])};
        }
#pragma GCC unroll 12
        for (int k = p - 1; k > 0; k--)
            e[k] = e[k - 1];
        if (p > 0)
            e[0] = q - (t - dh);
        v2l over = (v2l)(q > vmax) | (v2l)(q < vmin);
        if (general && (over[0] | over[1])) { /* rare: clip, count */
            for (int l = 0; l < 2; l++) {
                clips += over[l] != 0;
                q[l] = q[l] > qmax ? qmax : q[l] < qmin ? qmin : q[l];
            }
        }
        const v2d y = q * vinv;
        out[c][off + i] = (float)y[0];
        out[c + 1][off + i] = (float)y[1];
    }
    A->tpdf[0] = s0[0];
    A->tpdf[1] = s1[0];
    B->tpdf[0] = s0[1];
    B->tpdf[1] = s1[1];
#pragma GCC unroll 12
    for (int k = 0; k < p; k++) {
        A->err[k] = A->err[k + p] = mm_flush_d(e[k][0]);
        B->err[k] = B->err[k + p] = mm_flush_d(e[k][1]);
    }
    A->pos = B->pos = 0;
    d->clips += clips;
}

/* general 0 where every frame of the pass is dithered and no sample can
 * reach the clip (noclip): no per-sample tests */
#define QUANTIZE_PAIR2(round, ck)                                          \
    (p == 9   ? quantize_pair(d, c, 9, round, ck, x, mode, out, done, len) \
     : p == 2 ? quantize_pair(d, c, 2, round, ck, x, mode, out, done, len) \
     : p == 0 ? quantize_pair(d, c, 0, round, ck, x, mode, out, done, len) \
              : quantize_pair(d, c, p, round, ck, x, mode, out, done, len))
#define QUANTIZE_PAIR(round)                                               \
    (live == len && noclip(d, x, c, len) ? QUANTIZE_PAIR2(round, 0)        \
                                         : QUANTIZE_PAIR2(round, 1))

/* No sample of channels c, c + 1 in this pass can be clipped: with
 * |e| <= 3/2 (TPDF), |q| <= |u| + 3/2 + 3/2 sum|h_k| + 1 < 2^(bits-1) - 1
 * (d->hbound is 3/2 sum|h_k| + 5/2, rounded up). */
static int noclip(const mm_dither *d, float (*x)[CHUNK], int c, int len)
{
    float m = 0.0f;
    for (int i = 0; i < len; i++) {
        float a = fabsf(x[c][i]), b = fabsf(x[c + 1][i]);
        a = a > b ? a : b;
        m = a > m ? a : m;
    }
    return (double)m * d->scale + d->hbound < d->scale - 1.0;
}

static void pairs(mm_dither *d, int c, float (*x)[CHUNK],
                  const unsigned char *mode, float *const *out, int done,
                  int len, int live)
{
    const int p = d->ntaps;
    QUANTIZE_PAIR(0);
}

/* On x86 the rounding is the longest step of each sample's chain (see
 * mm_dither.h): with SSE4.1 (checked at run time; the externals are built
 * for older CPUs) floor is one instruction. Same result, bit for bit. */
#if MM_DITHER_ROUND
__attribute__((target("sse4.1"))) static void
pairs_round(mm_dither *d, int c, float (*x)[CHUNK], const unsigned char *mode,
            float *const *out, int done, int len, int live)
{
    const int p = d->ntaps;
    QUANTIZE_PAIR(1);
}
#endif
#endif

/* quantize with lanes and p as constants for the designs' orders */
#define QUANTIZE(lanes)                                                    \
    (p == 9   ? quantize(d, c, lanes, 9, x, mode, dn, out, done, len)      \
     : p == 2 ? quantize(d, c, lanes, 2, x, mode, dn, out, done, len)      \
     : p == 0 ? quantize(d, c, lanes, 0, x, mode, dn, out, done, len)      \
              : quantize(d, c, lanes, p, x, mode, dn, out, done, len))

void mm_dither_process(mm_dither *d, const float *const *in,
                       float *const *out, int n)
{
    const int nch = d->nch, p = d->ntaps;
    float x[MM_DITHER_MAXCH][CHUNK];
    unsigned char mode[CHUNK];
    double dn[2][CHUNK];
#if MM_DITHER_ROUND
    const int round = __builtin_cpu_supports("sse4.1");
#endif
    for (int done = 0; done < n; done += CHUNK) {
        int len = n - done < CHUNK ? n - done : CHUNK;
        int live = read_frames(d, in, done, x, mode, len);
        for (int c = 0; c < nch; c += 2) {
#if MM_DITHER_VECTOR
            if (c + 1 < nch && d->type == MM_DITHER_TPDF) {
#if MM_DITHER_ROUND
                if (round) {
                    pairs_round(d, c, x, mode, out, done, len, live);
                    continue;
                }
#endif
                pairs(d, c, x, mode, out, done, len, live);
                continue;
            }
#endif
            make_noise(&d->ch[c], d->type, dn[0], live);
            if (c + 1 < nch) {
                make_noise(&d->ch[c + 1], d->type, dn[1], live);
                QUANTIZE(2);
            } else {
                QUANTIZE(1);
            }
        }
    }
}

/* ---- the lifecycle record (mm_core.h) ---- */

/* init takes the seed: dither~ calls mm_dither_init itself */
MM_CORE_VERBS_NOINIT(dither)
MM_CORE_PROCESS(dither)

const mm_core mm_dither_core = {MM_CORE_FIELDS_NOINIT(dither),
                                .maxch = MM_DITHER_MAXCH,
                                .process = dither_core_process};
