/* mm_peaklimiter.h: lookahead true-peak brickwall limiter (the core of
 * limiter~), 1..MM_PEAKLIMITER_MAXCH linked channels.
 *
 * Signal flow per sample n, channel c (x = input times the `input` gain):
 *
 *   p_c[n]  peak of the reconstructed x_c over the sample period that
 *           left the detector: true peak (latency K) or, with truepeak 0,
 *           |x_c| delayed by the same K samples. The true peak is the
 *           larger of two readings of the same 2K-sample window:
 *           - 3x oversampling with parabolic refinement (mm_truepeak's
 *             rule) by a long Kaiser-windowed sinc (192 taps per phase,
 *             beta 6, K = 96), so content up to 0.48 fs is reconstructed
 *             as the 16x/256-tap reference meter does; 3 points per
 *             sample read sines up to 0.476 fs within 0.05 dB (the shared
 *             48-tap design under-reads content between 0.45 and 0.5 fs
 *             by up to 1.5 dB, which a limiter turns into overs);
 *           - the half-sample point y(m + 1/2) by a symmetric
 *             interpolator of the same support, sum over k < K of
 *             c_k (x[m-k] + x[m+1+k]), c_k = sinc(k + 1/2) w_k with a
 *             light Kaiser window (beta 2), normalised at DC. Why: a run
 *             of alternating samples (content at fs/2, switched on and
 *             off) peaks just outside its ends, near t = m + 1/2, where
 *             every sinc tail adds in phase: sum_k |h(k + 1/2)| ~
 *             (1/pi) ln(4 min(N, K)), so the reading is set by how much of
 *             the tail a filter keeps. A steep taper (beta 10) keeps too
 *             little: it read such edges 0.45 dB under the 256-tap beta-10
 *             reference. Beta 2 keeps nearly all of it (the edge of a long
 *             run reads 5.94 dB, the reference 5.21, an unwindowed sinc
 *             of this support 6.38) while its Gibbs overshoot stays small:
 *             no sine at any frequency up to fs/2 reads more than 0.60 dB
 *             high, so the pass-through guarantee (1 dB under the
 *             ceiling, 0.05 dB margin) still holds.
 *           The two phases 1/3 and 2/3 are mirror images, so all three
 *           points come from one pass over the K sample pairs
 *           (x[m+d], x[m+1-d]): u = sum, v = difference,
 *           y(m+1/3), y(m+2/3) = S +- D, S = sum s_d u, D = sum t_d v,
 *           y(m+1/2) = sum c_d u: 3 multiplies per pair (288 per sample)
 *           instead of 2 x 192 for two separate phases.
 *           When the lookahead cannot hold K + H + 16 samples (below about
 *           2.5 ms), a short detector of round(1 ms fs) taps (mm_truepeak,
 *           3x, beta 6) and a half-sample interpolator of the same length
 *           are used, with a larger margin.
 *   r_c[n]  = min(1, T / p_c[n]), T = ceiling * 10^(-margin/20) (the
 *           required gain; margin 0.05 dB with the long detector, 0.15 dB
 *           with the short one, 1e-6 relative with sample peaks, so float
 *           rounding cannot step over the ceiling).
 *   link:   r_c <- r_c + (link/100) (min_c r_c - r_c); never above r_c.
 *   h_c     sliding minimum of r_c over M = W1 + W2 - 1 + 2H samples
 *           (monotonic deque: O(1) amortised per sample).
 *   release instant attack, one-pole release towards h (63% time
 *           `release`): v = h if h < v, else v = h + a (v - h); never above h.
 *   g_c     two cascaded moving averages of v, lengths W1 and W2 (exact
 *           integer sums on 2^30 fixed point: no drift, exactly 1 at rest):
 *           the attack becomes a smooth S-curve of W1 + W2 - 2 samples.
 *   y_c[n]  = g_c[n] x_c[n - D].
 *
 * Why it is never late: a peak entering the min window at detector time k
 * keeps h <= r_k over [k, k + M - 1]; the two averages then stay <= r_k
 * over [k + W1 + W2 - 2, k + M - 1], i.e. H samples either side of the
 * peak's own output time, since the audio is delayed by
 *   D = K + (W1 + W2 - 2) + H  (= the lookahead, exactly the latency).
 * Holding the gain flat for H samples around each peak keeps the gain
 * change itself out of the reconstruction kernel's main lobe, so the
 * output's inter-sample peaks scale with the gain (measured 16x: see
 * tests/unit/test_peaklimiter.c and tests/pd/test_limiter.sh).
 * If lookahead is too short for K + H + 2, H shrinks first (down to 0).
 *
 * Limit: the true peak of an fs/2 burst grows with the length of the
 * reconstruction filter (the sinc tails add up, ~ln(length)/pi, without
 * bound), so it is only defined for a given meter. Against the 16x
 * 256-tap beta-10 reference (tests/tools/tpmeter, mastercheck tp), runs of
 * 1 to 2000 alternating full-scale samples driven +12 dB stay within
 * +0.054 dB of the ceiling at 44.1, 48 and 96 kHz. A 16x meter twice as
 * long (512 taps per phase, mastercheck tpk) reads the same outputs up to
 * +0.87 dB (44.1 kHz), +0.80 (48) and +0.58 (96) over: it sums tails over
 * +-256 samples, beyond the detector's +-96 and over samples where the
 * gain is still moving (5 ms of lookahead cannot hold the gain flat over
 * +-256 samples at 44.1 kHz).
 *
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
#define MM_PEAKLIMITER_SHORT_FMAX 128  /* future taps at most */
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
    int so_n;              /* committed-output taps in use */
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

#endif
