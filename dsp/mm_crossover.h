/* mm_crossover.h: Linkwitz-Riley 24 dB/oct crossover, 2 to 6 bands,
 * phase-compensated so the bands sum to an allpass (flat magnitude).
 *
 * Each split is an LR4 pair: LP4 = LP2 * LP2 and HP4 = HP2 * HP2, with LP2
 * and HP2 second-order Butterworth (Q = 1/sqrt 2) sharing one pole pair.
 * Analog: LP2 = 1/D, HP2 = s^2/D, D = s^2 + sqrt2 s + 1, and
 *   LP4 + HP4 = (1 + s^4)/D^2 = D(-s)/D(s) = AP2,
 * a second-order allpass with the same poles (Linkwitz 1976, Linkwitz-Riley
 * "Active crossover networks for noncoincident drivers", JAES 1976).
 * The bilinear transform (prewarped at the crossover frequency) keeps
 * this identity exactly, so the digital sum is an allpass too.
 *
 * Tree: split 1 at f1 gives band 1 = LP4(f1) and the rest HP4(f1); the rest
 * is split at f2, and so on; the last band is what remains. Band b has
 * gone through splits 1..b only, so it is passed through the allpass AP2
 * of every later split b+1 .. bands-1 (the splits it did not take): every
 * band then carries the same phase, and the sum is the product of all
 * the splits' allpasses: |sum| = 1 at every frequency.
 *
 * Each split takes two sections, not three: the first on the split's
 * input gives LP2 and AP2, the second on LP2 gives LP4, and the high
 * side is HP4 = AP2 - LP4, the identity above (exact in the bilinear
 * form; in double the two sides differ from LP2*LP2 and HP2*HP2 by their
 * rounding: tests/unit/test_crossover.c, within 1e-7 of the
 * three-section form at the float output). The pair then sums to the
 * split's allpass by construction, also while a frequency glides.
 *
 * At rest (no frequency moving) a channel pair runs in GCC vector
 * extensions, one lane per channel, its states in vector locals for the
 * block; the plain C path (x->plain, and other compilers) gives the same
 * output bit for bit (test_pair_path).
 *
 * Sections are mm_svf (trapezoidal state-variable form): one section
 * yields LP2, BP2, HP2 and AP2 = x - 2k BP2 from one state pair, and its
 * state stays meaningful while the coefficients move, so crossover
 * frequencies can glide under running audio without clicks. Frequencies
 * are smoothed in log2 Hz at a control rate of MM_CROSSOVER_CTRL samples
 * (mm_smoother_glide: one-pole, 63% time constant MM_CROSSOVER_TAU_MS,
 * as in mm_eq); between control points the prewarped
 * g = tan(pi f / fs) moves linearly sample by sample (mm_svf_ramp: steps
 * of the coefficients every 16 samples would leave a faint buzz at
 * -64 dB on a fast glide), and sections are redesigned only while a
 * frequency moves. A 2-octave jump across a steady tone keeps its level
 * within 0.2 dB and adds nothing above -100 dB (4th difference).
 *
 * Parameters: bands 2..6 (creation; the active count may be lowered at
 * run time), frequency of each split in Hz (10 .. 0.45 fs, kept
 * ascending), channels 1..8. Latency: none (minimum-phase IIR).
 */
#ifndef MM_CROSSOVER_H
#define MM_CROSSOVER_H

#include "mm_svf.h"

#define MM_CROSSOVER_MAXBANDS 6
#define MM_CROSSOVER_MAXSPLITS (MM_CROSSOVER_MAXBANDS - 1)
#define MM_CROSSOVER_MAXCH 8
#define MM_CROSSOVER_CTRL 16
#define MM_CROSSOVER_TAU_MS 50.0
#define MM_CROSSOVER_MINHZ 10.0
/* highest split as a fraction of the sample rate */
#define MM_CROSSOVER_MAXFRAC 0.45

/* Per channel, per split: the first section (gives LP2 and AP2) and the
 * second LP2; plus the compensation allpasses. */
typedef struct mm_crossover_ch {
    mm_svf a[MM_CROSSOVER_MAXSPLITS];
    mm_svf lo[MM_CROSSOVER_MAXSPLITS];
    /* ap[b][s]: band b through the allpass of split s (s > b) */
    mm_svf ap[MM_CROSSOVER_MAXSPLITS][MM_CROSSOVER_MAXSPLITS];
} mm_crossover_ch;

typedef struct mm_crossover {
    int maxbands;            /* allocation (creation) */
    int bands;               /* active */
    int channels;
    double samplerate;
    double target_hz[MM_CROSSOVER_MAXSPLITS];
    double log2_hz[MM_CROSSOVER_MAXSPLITS];  /* smoothed log2 f (octaves) */
    double smooth_coef;      /* per control period */
    int moving;
    mm_svf_ramp coef[MM_CROSSOVER_MAXSPLITS]; /* each split's sections */
    int ramp;                /* samples left in the control period */
    mm_crossover_ch ch[MM_CROSSOVER_MAXCH];
    long resets;             /* non-finite state recoveries */
    int plain;               /* tests set 1: channel pairs through the
                                plain C path, not the vector one (the
                                same output bit for bit) */
} mm_crossover;

/* Default split frequencies for n bands (log-spaced 120 Hz .. 6 kHz,
 * for 4 bands exactly 120, 1000, 6000). */
void mm_crossover_default_hz(int bands, double *hz);

int mm_crossover_init(mm_crossover *x, int bands, int channels,
                      double samplerate);
void mm_crossover_free(mm_crossover *x);
void mm_crossover_reset(mm_crossover *x);
int mm_crossover_set_samplerate(mm_crossover *x, double samplerate);
/* Active band count 2..maxbands (state of added splits cleared; they
 * glide on from where they stopped to their targets). */
int mm_crossover_set_bands(mm_crossover *x, int bands);
/* Set split s (0-based) to hz: clamped to 10 .. 0.45 fs. Call
 * mm_crossover_sort after setting several; snap = jump without gliding.
 * Returns the value applied. */
double mm_crossover_set_hz(mm_crossover *x, int split, double hz, int snap);
/* Make the targets ascending (each at least 1/12 octave above the
 * previous); returns 1 if anything changed. */
int mm_crossover_sort(mm_crossover *x);
double mm_crossover_get_hz(const mm_crossover *x, int split);
/* Current (smoothed) frequency of a split. */
double mm_crossover_current_hz(const mm_crossover *x, int split);

/* Split n samples: out[b][c] receives band b of channel c. in[c] may be
 * the same buffer as out[b][c] for one b (the same channel); it must not
 * alias another channel's outputs. */
void mm_crossover_process(mm_crossover *x, const float *const *in,
                          float *const *const *out, int n);

/* Complex response of band b (with its compensation) at f Hz, for the
 * current coefficients: writes re, im. */
void mm_crossover_response(const mm_crossover *x, int band, double f,
                           double *re, double *im);

static inline int mm_crossover_latency(const mm_crossover *x)
{
    (void)x;
    return 0;
}

#endif
