/* mm_envelope.h: envelope follower (peak or RMS detection, then
 * attack/release ballistics), one channel per struct.
 *
 * Detection (mm_envelope_detect):
 *   peak: the crest of the current and the previous half-wave:
 *         d = max(max |x| since the last zero crossing,
 *                 max |x| of the half-wave before, held only as long
 *                 as that half-wave lasted)
 *         (a run of exact zeros is a half-wave of its own; a half-wave
 *         also ends after MM_ENVELOPE_HALFWAVE_MS = 25 ms without a
 *         crossing: the half period of 20 Hz). A steady sine reads its
 *         sample peak with no ripple at all; a rise is seen at once, a
 *         fall after at most about a period of the signal. So the
 *         ballistics below see the crest level, and release times hold
 *         for sines as for steps.
 *   rms:  m += (1 - a_rms)(x^2 - m), d = sqrt(m)
 *         (a one-pole mean square, 63% time MM_ENVELOPE_RMS_MS = 10 ms by
 *         default: a steady sine reads its RMS, 3.01 dB under its peak)
 *
 * Ballistics (mm_envelope_follow), a "decoupled" peak follower after
 * Giannoulis, Massberg and Reiss, "Digital Dynamic Range Compressor
 * Design: A Tutorial and Analysis", JAES 60(6), 2012, changed so that each
 * time constant acts alone (neither adds to the other):
 *   release stage  r = max(v, a_R r + (1 - a_R) v)
 *   attack stage   y = (r > y) ? a_A y + (1 - a_A) r : r
 * On a step up of v, y covers 63% of the step in `attack` ms; on a step
 * down, 63% in `release` ms (the library's 63% convention, mm_common.h).
 * v is any non-negative quantity: an amplitude (gate, meters) or an amount
 * of gain reduction in dB (the compressor smooths its gain this way).
 *
 * Parameters: attack ms (>= 0, 0 = instant) [10], release ms (>= 0) [100],
 * mode peak|rms [peak], rms ms (> 0) [10], samplerate Hz.
 * Latency: none.
 */
#ifndef MM_ENVELOPE_H
#define MM_ENVELOPE_H

#include <stdint.h>
#include <string.h>
#include "mm_common.h"

#define MM_ENVELOPE_RMS_MS 10.0
#define MM_ENVELOPE_HALFWAVE_MS 25.0

typedef enum mm_envelope_mode {
    MM_ENVELOPE_PEAK = 0,
    MM_ENVELOPE_RMS = 1
} mm_envelope_mode;

typedef struct mm_envelope {
    double a_att, a_rel, a_rms;
    double attack_ms, release_ms, rms_ms, samplerate;
    int mode;
    double ms;  /* mean square (rms detection) */
    double cur, prev; /* crest of this and the last half-wave (peak) */
    int sign;         /* sign of the last non-zero sample */
    int count, prev_len; /* samples in this and the last half-wave */
    int halfwave;        /* the longest half-wave */
    double r;   /* release stage */
    double y;   /* output */
} mm_envelope;

void mm_envelope_init(mm_envelope *e, double samplerate);
void mm_envelope_reset(mm_envelope *e);
void mm_envelope_set_samplerate(mm_envelope *e, double samplerate);
void mm_envelope_set_times(mm_envelope *e, double attack_ms,
                           double release_ms);
void mm_envelope_set_mode(mm_envelope *e, mm_envelope_mode mode);
void mm_envelope_set_rms_ms(mm_envelope *e, double rms_ms);
/* Once per block: flush denormal state; a non-finite state resets the
 * follower. Returns 1 if it had to reset. */
int mm_envelope_flush(mm_envelope *e);

/* Detection only (peak: half-wave crests; rms: running RMS). */
static inline double mm_envelope_detect(mm_envelope *e, double x)
{
    if (e->mode == MM_ENVELOPE_RMS) {
        e->ms = x * x + e->a_rms * (e->ms - x * x);
        return sqrt(e->ms);
    }
    int sg = x > 0.0 ? 1 : (x < 0.0 ? -1 : 0);
    if (sg != e->sign || e->count >= e->halfwave) {
        e->prev = e->cur;
        e->prev_len = e->count;
        e->cur = 0.0;
        e->count = 0;
        e->sign = sg;
    }
    e->count++;
    double a = fabs(x);
    if (a > e->cur)
        e->cur = a;
    double p = e->count <= e->prev_len ? e->prev : 0.0;
    return e->cur > p ? e->cur : p;
}

/* select by mask: m all ones -> a, 0 -> b (bits, no branch) */
static inline double mm_envelope_sel(uint64_t m, double a, double b)
{
    uint64_t ua, ub;
    memcpy(&ua, &a, sizeof ua);
    memcpy(&ub, &b, sizeof ub);
    ua = (ua & m) | (ub & ~m);
    memcpy(&a, &ua, sizeof a);
    return a;
}

/* Peak detection as mm_envelope_detect's peak mode, without branches:
 * zero crossings come at the signal's whim, and a mispredicted branch per
 * crossing costs more than the whole update. The same values and state,
 * bit for bit (test_envelope: test_peak_branchless). */
static inline double mm_envelope_detect_peak(mm_envelope *e, double x)
{
    int sg = (x > 0.0) - (x < 0.0);
    int nw = (sg != e->sign) | (e->count >= e->halfwave);
    uint64_t mnew = (uint64_t)0 - (uint64_t)nw;
    int keep = nw - 1; /* all ones unless a new half-wave starts */
    e->prev = mm_envelope_sel(mnew, e->cur, e->prev);
    e->prev_len = (e->count & ~keep) | (e->prev_len & keep);
    double cur = mm_envelope_sel(mnew, 0.0, e->cur);
    int cnt = (e->count & keep) + 1;
    e->count = cnt;
    e->sign = sg;
    double a = fabs(x);
    cur = a > cur ? a : cur;
    e->cur = cur;
    uint64_t mlen = (uint64_t)0 - (uint64_t)(cnt <= e->prev_len);
    double p = mm_envelope_sel(mlen, e->prev, 0.0);
    return cur > p ? cur : p;
}

/* Attack/release ballistics on a non-negative value v. */
static inline double mm_envelope_follow(mm_envelope *e, double v)
{
    double r = v + e->a_rel * (e->r - v);
    e->r = r = r > v ? r : v;
    e->y = r > e->y ? r + e->a_att * (e->y - r) : r;
    return e->y;
}

/* Both: the envelope of a signal sample. */
static inline double mm_envelope_tick(mm_envelope *e, double x)
{
    return mm_envelope_follow(e, mm_envelope_detect(e, x));
}

/* Process a block: env[i] = envelope after in[i] (in may alias env). */
void mm_envelope_process(mm_envelope *e, const float *in, float *env, int n);

#endif
