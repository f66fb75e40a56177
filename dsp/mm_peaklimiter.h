/* mm_peaklimiter.h: lookahead true-peak brickwall limiter (the core of
 * limiter~), 1..MM_PEAKLIMITER_MAXCH linked channels.
 *
 * Signal flow per sample n, channel c (x = input times the `input` gain,
 * o the output):
 *
 *   D = F + A + H  (the lookahead, exactly the latency): F future samples
 *           a reading sees (up to 128), A the attack (W1 + W2 - 2, an
 *           eighth of D or what F leaves), H = 8 samples of hold before
 *           a peak; 256 samples of hold after it.
 *   r_c[n]  the largest gain g that keeps the reconstructed output at or
 *           under T = ceiling * 10^(-margin/20) (margin 0.25 dB) around
 *           period p = n - F. The output there is read in the output
 *           domain, through the contract meter's own kernel
 *           (sinc(tau) Kaiser(tau/256, beta 16), cut at |tau| < 160) at
 *           t = p + 1/4, 1/2, 3/4:  y(t) = A_t + g B_t, where
 *             A_t  the outputs already sent (exact, whatever the gain
 *                  did), plus the attack ramp's share of the gain in
 *                  force (the ramp's shape is known: the two averages'
 *                  step response),
 *             B_t  the inputs still in the delay (gain g from the peak
 *                  on: the hold after it covers every sample the reading
 *                  sees), plus the part beyond the window it cannot see:
 *                  the window's fs/2 component e continued (c_t e: a run
 *                  of alternating samples goes on), e taken as anything
 *                  within +-E, E the largest |e| of the last 64 to 128
 *                  samples (a near-Nyquist sine's e is its envelope,
 *                  which keeps turning beyond the window);
 *           r = the largest g with |A_t + g b_t| + g |c_t| E <= T at
 *           every t (b_t the seen part of B_t: the worst continuation
 *           for each point), and |g x[p]| <= T,
 *           then refined by mm_truepeak's parabola through the period's
 *           four points. Why: a detector of the input assumes one gain
 *           over its whole support; at short lookahead the gain moves
 *           inside the kernel's reach (the tails of fs/2 content reach
 *           hundreds of samples) and the input's peak times the gain is
 *           not the output's peak. With truepeak 0, r = T / |x[p]|.
 *   link:   r_c <- r_c + (link/100) (min_c r_c - r_c); never above r_c.
 *   h_c     sliding minimum of r_c over M = W1 + W2 - 1 + H + 256 samples
 *           (monotonic deque: O(1) amortised per sample).
 *   release instant attack, one-pole release towards h (63% time
 *           `release`): v = h if h < v, else v = h + a (v - h); never above h.
 *   g_c     two cascaded moving averages of v, lengths W1 and W2 (exact
 *           integer sums on 2^30 fixed point: no drift, exactly 1 at rest).
 *   y_c[n]  = g_c[n] x_c[n - D].
 *
 * Measured worst output true peak over the ceiling, contract meter (16x,
 * 512 taps per phase, beta 16, parabola-refined; 32x reads within
 * 0.001 dB), tests/unit/test_peaklimiter.c: fs/4 at 45 degrees, squares
 * and clipped sines, full-scale noise (uniform and random signs),
 * near-Nyquist sines (0.49 fs, sweep 0.45-0.499 fs), alternating runs of
 * 1-500 samples with sign flips; ceilings -6, -3, -1, input 0 and +6 dB,
 * 44.1 and 48 kHz, release 50 ms (and 1 ms on the alternating runs):
 *
 *   lookahead        1 ms     2 ms     5 ms     20 ms
 *   this design     -0.30    -0.25    -0.13    -0.21   (dB)
 *   fs/2 constant   +0.09    -0.14    -0.11    -0.21   (e continued as is)
 *   input detector  +4.0     +2.7     +0.56    +0.26   (the first design)
 *
 * Harder cases (release 1 and 50 ms, 0.25 s, steady sines at 0.47, 0.49
 * and 0.499 fs starting abruptly): -0.22 dB at 1 ms, -0.05 at 2 ms, and
 * +0.10 at 5 ms on the 0.499 fs sine at 44.1 kHz, whose true peak is a
 * property of the meter (a kernel 1.5 or 2 times as long reads the same
 * output 0.7 or 1.1 dB higher). x42 dpl (1.2 ms, true-peak mode) lets
 * the torture material out +0.88 dB over on the same meter. Music and
 * sines (100 Hz to 0.45 fs) at 1 ms: under the ceiling (-0.23 worst).
 * What the bound costs: near-Nyquist content is limited 0.4 to 0.7 dB
 * further under the ceiling than the margin asks (sines at 0.45 fs read
 * -0.6 to -0.9 dBTP under a -1 ceiling at 1 ms); music's HF share is
 * small, so E is small and music is limited as before.
 * Limit: the unseen part is bounded by what the last 128 samples held, so
 * content that starts beyond the window is not: an input that jumps
 * to a full-scale fs/2 run just beyond the window can add up to
 * ceiling x sum_{k > F} |h(k + 1/2)| (0.17 at F = 44, 0.009 at F = 120)
 * before the detector sees it. The true peak of content inside the
 * meter's transition band (0.49-0.51 fs: fs/2 runs, random-sign noise)
 * is a property of the meter: a kernel 1.5 times as long reads such
 * outputs 0.1 to 0.8 dB higher.
 * Cost: 3 points x (inputs in reach + ramp + committed outputs)
 * multiply-adds per sample and channel, about 3 x 240 at 1.2 ms and
 * 3 x 430 at 5 ms (window and ramp padded to 16). Three things make it
 * cheaper without changing a bit of the output (four, with whole
 * chunks):
 *   vector dot products: the three points' sums run together in 16
 *     partial sums each (GCC vector extensions; an avx2 clone picked at
 *     run time; the plain loop, MM_PEAKLIMITER_PATH_PLAIN, does the same
 *     operations in the same order);
 *   lazy readings: with g = 1 every point is at most
 *     sum |so||o| + |sum (sb + gc sa) x| + |sc| E: the 32 inputs around
 *     the period taken one by one (|sb| + |sa|), the two tails summed by
 *     parts (weights: the tails' partial sums, on the first differences
 *     of x, which music keeps small), the outputs summed by parts the
 *     same way, the differences by blocks of 16 (largest of the block
 *     times the weights' sum);
 *     if 1.25 (the parabola's largest lift) x 1.0001 (float rounding of
 *     sums of at most 288 terms: under 2e-5) times that bound, and
 *     |x[p]|, are under T, the reading returns 1 and is skipped; if not,
 *     the medium bound takes the 32 inputs around the period with their
 *     signs (two short dot products per point: sb and sa), the rest as
 *     before: the lazy bound's absolute values read about 2.3 |x|
 *     around the period, so under hard limiting it failed for most
 *     periods that are under T on their own (hot music: 29% lazy before,
 *     75% with it; music 84% -> 99.9%);
 *     y(p + 3/4), which the next period's parabola uses, is computed
 *     only when the next reading is a full one. After a bound that
 *     fails, the next 8 readings are full without trying;
 *   readings ended after the sums: if every point at g = 1 (|A + b| +
 *     |c| E) and |x[p]|, times 1.25 x 1.0001, are under T, g = 1 and the
 *     constraints and the parabola are skipped;
 *   whole chunks: the lazy bound taken for all readings of a chunk at
 *     once (the inputs around each period as a short FIR of |x| in
 *     vectors across the readings; each block of differences at its
 *     largest over the blocks the chunk slides the window across; the
 *     chunk's own outputs are its delayed inputs, or, while the gain
 *     recovers, bounded by them and the release's largest step). If
 *     every reading passes, the chunk needs no reading: at rest (gain 1,
 *     nothing under 1 in the min window) it is the delayed input and the
 *     state moves as 64 steps at g = 1 would move it; else only the
 *     envelope runs. A reading the chunk's bound fails gets the medium
 *     bound below (the gain in force anywhere in [0, 1] unless at
 *     rest). 99% of the bench music's frames pass whole (65% without
 *     the medium bound), 50% of the hot music's.
 * The detector stays in float as before (weights, histories, sums); the
 * bounds carry the rounding margin above.
 * tests/unit/test_peaklimiter.c (test_fast_equals_plain) checks the fast
 * path against the plain one bit for bit, and a check path (every reading
 * full) that no shortcut the fast path takes is contradicted (a bound
 * left without its tails, or taken at half, fails it). On the bench
 * material (20 s, 5 and 1.2 ms) 99.9% of the music's readings are lazy
 * and 99.4% of its frames pass in whole chunks; hot (+12 dB), 75% lazy
 * (50% of the frames in whole chunks), 4% end after the sums, 21% are
 * full (before the medium bound and the chunks: music 84% lazy, 16%
 * after the sums; hot 29% and 52%; earlier still, before the outputs
 * were summed by parts, music 80% and hot 24% lazy at 1.2 ms; before the
 * tails were, 76% and 18% at 5 ms; with blocks alone, 70% and 12%).
 * make bench (20 s, the shared machine; the core built as the externals
 * are), core over x42 dpl, before the whole chunks and the medium bound
 * -> after (the range over four runs): music at 5 ms 0.85-1.06 ->
 * 0.22-0.29, 1.2 ms 0.82-0.90 -> 0.23-0.27; hot at 5 ms 1.26-1.72 ->
 * 0.92-1.26, 1.2 ms 1.08-1.48 -> 1.08-1.41. Under hard limiting a
 * fifth of the readings need g < 1 and so the full sums (3 x 432
 * multiply-adds at 5 ms, 3 x 224 at 1.2 ms), and the envelope runs at
 * every sample: that, not the bounds, is hot music's cost now.
 * Parameters (mm_peaklimiter_table, mm_param.h; mm_peaklimiter_set clamps
 * and returns the value applied): ceiling dBTP -24..0 [-1], input dB
 * -24..24 [0], release ms 1..1000 [50], lookahead ms 1..20 [5], link %
 * 0..100 [100], truepeak 0|1 [1]. input, ceiling and link are smoothed
 * (10 ms one-pole, 63%).
 * Latency: lookahead in samples, round(lookahead * fs / 1000), at most
 * mm_peaklimiter_max_latency (20 ms at the running rate).
 */
#ifndef MM_PEAKLIMITER_H
#define MM_PEAKLIMITER_H

#include "mm_delay.h"
#include "mm_core.h"
#include "mm_param.h"
#include "mm_smoother.h"
#include "mm_truepeak.h"

#define MM_PEAKLIMITER_MAXCH 8
#define MM_PEAKLIMITER_HOLD 8          /* samples of hold before a peak */
#define MM_PEAKLIMITER_MARGIN_DB 0.25  /* detector + unseen-tail margin */
#define MM_PEAKLIMITER_ONE (1 << 30)   /* fixed-point unity gain */
#define MM_PEAKLIMITER_CHUNK 64        /* frames per internal pass */
#define MM_PEAKLIMITER_SHORT_K 160     /* reconstruction half-length */
#define MM_PEAKLIMITER_SHORT_WK 256    /* window half-length (the meter's) */
#define MM_PEAKLIMITER_SHORT_BETA 16.0 /* window beta (the meter's) */
#define MM_PEAKLIMITER_SHORT_PH 3      /* points 1/4, 1/2, 3/4 */
#define MM_PEAKLIMITER_SHORT_POST 256  /* hold after a peak, samples */
#define MM_PEAKLIMITER_SHORT_NYQ 16    /* fs/2 estimate length */
#define MM_PEAKLIMITER_SHORT_NYQBIN 64 /* its amplitude: held 64..128 */
#define MM_PEAKLIMITER_SHORT_FMAX 128  /* future taps at most */
#define MM_PEAKLIMITER_LANES 16        /* partial sums per dot product */
#define MM_PEAKLIMITER_LAZY_CW 32      /* lazy bound: samples taken one by
                                        * one around the period */
/* detector paths: fast (vector dot products, lazy readings), plain
 * (scalar loops, every reading full: the reference), full (vector dot
 * products, every reading full), check (every reading full, counting
 * the fast path's shortcuts the full reading contradicts: wrong) */
enum { MM_PEAKLIMITER_PATH_FAST = 0, MM_PEAKLIMITER_PATH_PLAIN = 1,
       MM_PEAKLIMITER_PATH_FULL = 2, MM_PEAKLIMITER_PATH_CHECK = 3 };
/* input samples a reading uses at most: x[n - W + 1 .. n] */
#define MM_PEAKLIMITER_SHORT_W                                              \
    (MM_PEAKLIMITER_SHORT_FMAX + MM_PEAKLIMITER_SHORT_K)

typedef enum mm_peaklimiter_param {
    MM_PEAKLIMITER_CEILING = 0,
    MM_PEAKLIMITER_INPUT,
    MM_PEAKLIMITER_RELEASE,
    MM_PEAKLIMITER_LOOKAHEAD,
    MM_PEAKLIMITER_LINK,
    MM_PEAKLIMITER_TRUEPEAK,
    MM_PEAKLIMITER_NPARAMS
} mm_peaklimiter_param;

/* The table (mm_param.h): rows in mm_peaklimiter_param order. */
extern const mm_paramtable mm_peaklimiter_table;

typedef struct mm_peaklimiter_ch {
    mm_delay audio;        /* D */
    mm_delay spk;          /* K: sample peak aligned with the detector */
    /* detector input: SHORT_W past samples, then a chunk */
    float hx[MM_PEAKLIMITER_SHORT_W + MM_PEAKLIMITER_CHUNK];
    /* the output's last SHORT_K samples, then a chunk */
    float oh[MM_PEAKLIMITER_SHORT_K + MM_PEAKLIMITER_CHUNK];
    int on;                /* outputs appended in this chunk */
    float sprev;           /* y(m - 1/4) of the last period read */
    int stale;             /* the last reading was lazy: sprev is due */
    int lazy_wait;         /* full readings before the bound is tried */
    float e_prev;          /* what it saw: the fs/2 estimate, */
    double gc_prev;        /* and the gain in force */
    /* largest first difference |x[i] - x[i - 1]| of each block of
     * LANES samples of hx, and |o[i] - o[i - 1]| of oh */
    float bmx[(MM_PEAKLIMITER_SHORT_W + MM_PEAKLIMITER_CHUNK)
              / MM_PEAKLIMITER_LANES + 1];
    float bmo[(MM_PEAKLIMITER_SHORT_K + MM_PEAKLIMITER_CHUNK)
              / MM_PEAKLIMITER_LANES + 1];
    int bm_shift;          /* bmx, bmo history blocks are current */
    float nyq[2];          /* largest |fs/2 estimate| in this and the
                            * previous bin of SHORT_NYQBIN samples */
    uint32_t *dq_t;        /* sliding-min deque: times and values */
    double *dq_v;
    int dq_head, dq_tail;  /* free-running, masked on access */
    double rel;            /* released gain v */
    int64_t *box1, *box2;
    int b1, b2;            /* write positions */
    int64_t s1, s2;
} mm_peaklimiter_ch;

typedef struct mm_peaklimiter {
    int nch;
    double samplerate;
    int maxdelay;          /* samples for 20 ms */
    int dq_mask;
    int delay, hold, w1, w2, mwin;
    int hpre;              /* hold before a peak (hold is the one after) */
    int fut;               /* F: future samples a reading sees (latency) */
    int dw;                /* input window x[n - dw .. n] */
    /* per point phi: weights of the input window for the gain being
     * decided (sb) and for the gain in force (sa, the attack ramp's
     * share), of the committed outputs o[n - D - 1], o[n - D - 2] ...
     * (so), and of the fs/2 continuation (sc) */
    float sb[MM_PEAKLIMITER_SHORT_PH][MM_PEAKLIMITER_SHORT_W];
    float sa[MM_PEAKLIMITER_SHORT_PH][MM_PEAKLIMITER_SHORT_W];
    float so[MM_PEAKLIMITER_SHORT_PH][MM_PEAKLIMITER_SHORT_K];
    float sc[MM_PEAKLIMITER_SHORT_PH];
    /* the three weight sets are stored front-padded with zeros to
     * multiples of MM_PEAKLIMITER_LANES: sb and sa weigh the nb samples
     * x[n - nb + 1 .. n] (sa only its first na), so the no outputs
     * o[n - d - no .. n - d - 1] */
    int nb, na, no;
    /* the lazy reading's bound: absolute weights summed per block of
     * LANES samples, one row per alignment of the window on the blocks
     * (the largest over the three points), and the largest |sc| */
    float lw[MM_PEAKLIMITER_LANES]
            [MM_PEAKLIMITER_SHORT_W / MM_PEAKLIMITER_LANES + 1];
    float lo[MM_PEAKLIMITER_LANES]
            [MM_PEAKLIMITER_SHORT_K / MM_PEAKLIMITER_LANES + 1];
    float scmax;
    float hc[MM_PEAKLIMITER_LAZY_CW]; /* ... sample by sample around */
    int jc0, cw;           /* the period: window indices jc0 .. + cw */
    float wbl, wbr;        /* the tails' edge samples (by parts) */
    float wob;             /* and the newest output's */
    int so_n;              /* committed-output taps in use */
    int sa_n;              /* window indices the ramp's share reaches */
    int path;              /* MM_PEAKLIMITER_PATH_*: tests pick the plain
                            * reference; 0 (fast) otherwise */
    unsigned long lazy;    /* readings the fast path skipped (tests) */
    unsigned long quick;   /* readings it ended after the sums (tests) */
    unsigned long medium;  /* lazy ones the medium bound showed (tests) */
    unsigned long wrong;   /* check path: shortcuts with g != 1 (tests) */
    unsigned long rest;    /* frames passed through at rest (tests; the
                            * check path: frames claimed) */
    uint32_t t;            /* detector time */
    mm_smoother ingain, thresh, link;
    double ceiling_db, input_db, release_ms, lookahead_ms, link_pct;
    int truepeak;
    double relcoef;
    double gmin;           /* deepest gain since take_gr */
    unsigned long nonfinite;
    mm_peaklimiter_ch ch[MM_PEAKLIMITER_MAXCH];
} mm_peaklimiter;

/* Zero-initialise, then init. MM_OK, MM_E_ARG or MM_E_NOMEM. */
int mm_peaklimiter_init(mm_peaklimiter *l, int nch, double samplerate);
void mm_peaklimiter_free(mm_peaklimiter *l);
void mm_peaklimiter_reset(mm_peaklimiter *l);
/* Reallocates for the new rate (not real-time); keeps parameters. */
int mm_peaklimiter_set_samplerate(mm_peaklimiter *l, double samplerate);
/* Set a parameter (units as in the table); clamps and returns the value
 * applied. A new lookahead changes the latency at once. */
double mm_peaklimiter_set(mm_peaklimiter *l, mm_peaklimiter_param p,
                          double v);
/* Jump the smoothed parameters to their targets (creation arguments). */
void mm_peaklimiter_snap(mm_peaklimiter *l);
int mm_peaklimiter_latency(const mm_peaklimiter *l);
/* The longest latency at the running rate (the largest lookahead): what
 * a latency-compensating dry path must hold. */
int mm_peaklimiter_max_latency(const mm_peaklimiter *l);
void mm_peaklimiter_process(mm_peaklimiter *l, const float *const *in,
                            float *const *out, int n);
/* Deepest gain reduction since the last call, in dB (<= 0); restarts. */
double mm_peaklimiter_take_gr(mm_peaklimiter *l);

/* The lifecycle record: the table and the verbs above (mm_core.h). */
extern const mm_core mm_peaklimiter_core;

#endif
