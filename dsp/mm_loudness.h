/* mm_loudness.h: EBU R128 / ITU-R BS.1770-4 loudness measurement.
 *
 * K-weighting is the core's own (mm_kweight: BS.1770-4's two sections at
 * any rate, equal to the published coefficients at 48 kHz, within
 * 0.004 LU of libebur128 at 44.1 and 48 kHz). Each frame's weighted energy
 *   z[n] = sum_c G_c y_c[n]^2      (y_c the K-weighted channel c)
 * is summed per 100 ms hop (hop = (rate + 5) / 10 frames, as libebur128)
 * and kept per frame for the last 30 hops. The momentary window is the
 * last 4 hops' frames (400 ms), the short-term window the last 30 (3 s):
 * at a hop boundary each is a sum of hop sums, between boundaries the
 * oldest hop contributes its tail (read from the frame ring), so a
 * reading at any instant is the sliding window libebur128 gives, summed
 * in another order. The hop sums are double; the ring keeps frames as
 * float (half the memory: 0.58 MB at 48 kHz), so between boundaries the
 * oldest hop's tail is exact to float rounding (a relative 6e-8 of the
 * tail: below 1e-6 LU). At every boundary the
 * momentary window is one BS.1770 gating block (400 ms, 75% overlap) and
 * the short-term window one EBU Tech 3342 LRA value (3 s at 10 Hz). Both
 * go into fixed histograms of 0.01 LU bins over -70..+10 LUFS that keep
 * each bin's exact energy sum, so:
 *   - memory is constant however long it runs (hours of live use);
 *   - integrated loudness is exact but for blocks falling in the very bin
 *     of the relative gate (libebur128's own histogram mode rounds every
 *     block to 0.1 LU, up to 0.05 LU off on a steady tone);
 *   - `pause` simply stops adding blocks (EBU mode start/pause), and
 *     nothing is allocated while running.
 * Integrated: absolute gate -70 LUFS, relative gate -10 LU (BS.1770-4).
 * LRA: absolute gate -70 LUFS, relative gate -20 LU, 95th minus 10th
 * percentile of short-term loudness (EBU Tech 3342).
 * True peak comes from the core's own detector (mm_truepeak, 8x below
 * 80 kHz, 4x above, far finer than BS.1770's 4x), run lazily: a block
 * whose bound (mm_truepeak_process_max_above) is under the running
 * maximum is not interpolated, with the same reading bit for bit
 * (tests/unit/test_truepeak.c, test_loudness.c). Sample peak is exact.
 * truepeak 0 skips the interpolation (the detector's history is still
 * kept, so switching it on reads no false step): the truepeak reading is
 * then the sample peak; for meters that only read loudness. (The lazy
 * detector is cheap once the running maximum is found: on music this
 * saves little; it saves most on rising material.)
 * Input is sanitized (NaN/inf become 0 and are counted) so a bad block
 * never poisons the measurement.
 *
 * Channel roles follow BS.1770: left, right, center weight 1, surrounds
 * 1.41 (+1.5 dB), dual mono counts twice, unused is left out (LFE).
 * Defaults: 1 ch: center; 2: L R; 5: L R C Ls Rs; 6: L R C LFE Ls Rs;
 * 7 and 8 add back surrounds (weight 1.0, as BS.1770-4 gives 1.41 only
 * between 60 and 120 degrees).
 *
 * Reset clears the filters and the measurement (no allocation): a reset
 * meter reads bit for bit what a new one reads.
 *
 * Cost (make bench, stereo 48 kHz music, 64-frame blocks, one run on the
 * shared 2-core machine): the core 13.4 ns per sample, 0.29x libebur128
 * doing I+LRA+TP (46 ns; before this design, on libebur128's K-weighting
 * and windows and an always-on 8x detector: 2.2-2.5x). Per sample: the
 * two K-weighting sections in double (two channels per loop), one square,
 * the frame ring; the detector only where a new maximum can occur (about
 * 8% of the periods on music). Worst case, a steady tone near full
 * scale: every period's bound reaches the maximum, all are interpolated
 * (336 multiply-adds a sample at 8x): 76 ns a sample, 1.6x libebur128.
 *
 * Parameters (mm_loudness_table, mm_param.h; mm_loudness_set clamps and
 * returns the value applied): target LUFS [-14] (-70..0: the level the
 * `gain` reading, target minus integrated, aims at), pause 0|1 [0] (1
 * stops adding blocks to the integrated and LRA measurement). Channel
 * roles are set per channel with mm_loudness_set_role; their words are
 * mm_loudness_role_words, indexed by mm_loudness_role.
 *
 * Readings are in LUFS / LU / dBFS / dBTP, MM_FLOOR_DB (-144) when not
 * measured yet or silent. Latency: none (a meter).
 */
#ifndef MM_LOUDNESS_H
#define MM_LOUDNESS_H

#include "mm_common.h"
#include "mm_core.h"
#include "mm_param.h"
#include "mm_truepeak.h"
#include "mm_biquad.h"

#define MM_LOUDNESS_MAXCH 8
#define MM_LOUDNESS_CHUNK 256
/* histogram: 0.01 LU bins from -70 LUFS up to +10 LUFS */
#define MM_LOUDNESS_HIST_MIN (-70.0)
#define MM_LOUDNESS_HIST_BINS 8000
#define MM_LOUDNESS_HIST_STEP 0.01

typedef struct mm_loudness_hist {
    double energy[MM_LOUDNESS_HIST_BINS];
    uint32_t count[MM_LOUDNESS_HIST_BINS];
    double total_energy;   /* of blocks above the absolute gate */
    uint64_t total_count;
} mm_loudness_hist;

typedef enum mm_loudness_role {
    MM_ROLE_UNUSED = 0,
    MM_ROLE_LEFT,
    MM_ROLE_RIGHT,
    MM_ROLE_CENTER,
    MM_ROLE_LEFTSURROUND,
    MM_ROLE_RIGHTSURROUND,
    MM_ROLE_DUALMONO
} mm_loudness_role;

/* "unused", "left", ... "dualmono", NULL: the words of the roles above */
extern const char *const mm_loudness_role_words[];

typedef enum mm_loudness_param {
    MM_LOUDNESS_TARGET = 0,
    MM_LOUDNESS_PAUSE,
    MM_LOUDNESS_TRUEPEAK,
    MM_LOUDNESS_NPARAMS
} mm_loudness_param;

/* The table (mm_param.h): rows in mm_loudness_param order. */
extern const mm_paramtable mm_loudness_table;

typedef struct mm_loudness_readings {
    double momentary;   /* LUFS */
    double shortterm;   /* LUFS */
    double integrated;  /* LUFS */
    double lra;         /* LU */
    double samplepeak;  /* dBFS, max since reset */
    double truepeak;    /* dBTP, max since reset */
} mm_loudness_readings;

#define MM_LOUDNESS_HOPS 32  /* ring of hop sums: 30 are read */

typedef struct mm_loudness {
    mm_biquad_coef shelf, hp;     /* K-weighting (mm_kweight_design) */
    mm_biquad_state kw[MM_LOUDNESS_MAXCH][2];
    double weight[MM_LOUDNESS_MAXCH]; /* G_c of each channel's role */
    float *frames;                /* z per frame, the last 30 hops */
    long ring;                    /* its length: 30 hops */
    long ring_alloc;              /* frames allocated (>= ring) */
    long ring_pos;                /* where the next frame goes */
    double hopsum[MM_LOUDNESS_HOPS]; /* z summed per completed hop */
    int hop_next;                 /* hopsum slot of the current hop */
    double hop_acc;               /* z summed over the current hop */
    long hop;                     /* samples in 100 ms */
    long hop_pos;                 /* samples since the last boundary */
    long hops;                    /* boundaries since reset (saturates) */
    mm_loudness_hist gating;      /* 400 ms blocks: integrated */
    mm_loudness_hist shortterm;   /* 3 s values: LRA */
    mm_truepeak tp[MM_LOUDNESS_MAXCH];
    int nch;
    double samplerate;
    int paused;
    int truepeak_on;              /* 0: the sample peak stands for it */
    double target;                /* LUFS, for the gain reading */
    int role[MM_LOUDNESS_MAXCH];
    float samplepeak;             /* linear, max since reset */
    float truepeak;
    unsigned long nonfinite;      /* input samples that were NaN/inf */
    double z[MM_LOUDNESS_CHUNK];  /* the chunk's frame energies */
    float scratch[2][MM_LOUDNESS_CHUNK]; /* two channels, sanitized */
} mm_loudness;

/* Allocates (call from the dsp method or creation, never perform). */
int mm_loudness_init(mm_loudness *l, int nch, double samplerate);
void mm_loudness_free(mm_loudness *l);
/* Call before processing (allocates): re-creates the measurement if the
 * rate changed. */
int mm_loudness_set_samplerate(mm_loudness *l, double samplerate);
/* Clear every measurement, keep roles and pause. Real-time safe (no
 * allocation); always MM_OK. */
int mm_loudness_reset(mm_loudness *l);
int mm_loudness_set_role(mm_loudness *l, int channel, mm_loudness_role r);
mm_loudness_role mm_loudness_get_role(const mm_loudness *l, int channel);
void mm_loudness_set_paused(mm_loudness *l, int paused);
/* A table row (target, pause); returns the value applied. */
double mm_loudness_set(mm_loudness *l, mm_loudness_param p, double v);
double mm_loudness_get(const mm_loudness *l, mm_loudness_param p);
/* Real-time safe. in[c][i], c < nch. */
void mm_loudness_process(mm_loudness *l, const float *const *in, int n);
void mm_loudness_read(mm_loudness *l, mm_loudness_readings *r);
mm_loudness_role mm_loudness_default_role(int nch, int channel);
/* Input samples that were NaN or inf since reset. */
unsigned long mm_loudness_nonfinite(const mm_loudness *l);

/* The lifecycle record: the table and the verbs above (mm_core.h). */
extern const mm_core mm_loudness_core;

#endif
