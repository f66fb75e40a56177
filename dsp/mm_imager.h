/* mm_imager.h: stereo width and mid/side processing (imager~'s core).
 *
 * With M = (L+R)/2 and S = (L-R)/2 (mm_ms):
 *   out L = gm M + w gs S',  out R = gm M - w gs S'
 * then the balance gains. w = width/100, gm and gs the mid and side gains
 * (dB, -100 = off), S' the side after `monobass` and the per-band widths:
 *   - monobass f: S' = HP4(S), the Linkwitz-Riley high-pass at f (the
 *     side below f removed: -6 dB at f, -24.6 dB an octave below); the
 *     mid is untouched, so L+R is unchanged.
 *   - xover f1 [f2 [f3]]: S is split into 2..4 bands with mm_crossover
 *     (phase-compensated LR4) and S' = sum_k (widths_k/100) band_k.
 * Swap exchanges L and R at the input. Balance b (-100..100): the side
 * it points to keeps gain 1, the other gets 1 - |b|/100.
 *
 * Every gain is smoothed (mm_smoother, 10 ms); swap, monobass on/off and
 * per-band on/off crossfade over the same time; crossover frequencies
 * glide in log-frequency (mm_crossover). At defaults, once settled, the
 * output is the input, bit for bit (the M/S round trip is skipped).
 * Correlation (mm_correlation) is measured on the output.
 *
 * Parameters (mm_imager_table, mm_param.h; mm_imager_set clamps and
 * returns the value applied): width % [100] (0..200), mid dB [0], side
 * dB [0] (-100..12, -100 = off), balance [0] (-100..100), swap 0|1 [0],
 * monobass Hz [0 = off] (20..500). Lists: xover Hz (up to 3, ascending,
 * MM_IMAGER_XOVER_MIN_HZ..MM_IMAGER_XOVER_MAX_HZ), widths % [100 each]
 * (each in width's range). Latency: none.
 */
#ifndef MM_IMAGER_H
#define MM_IMAGER_H

#include "mm_common.h"
#include "mm_smoother.h"
#include "mm_crossover.h"
#include "mm_correlation.h"
#include "mm_core.h"
#include "mm_param.h"

#define MM_IMAGER_MAXBANDS 4
#define MM_IMAGER_OFF_DB (-100.0)
#define MM_IMAGER_XOVER_MIN_HZ 20.0
#define MM_IMAGER_XOVER_MAX_HZ 20000.0

typedef enum mm_imager_param {
    MM_IMAGER_WIDTH = 0,
    MM_IMAGER_MID,
    MM_IMAGER_SIDE,
    MM_IMAGER_BALANCE,
    MM_IMAGER_SWAP,
    MM_IMAGER_MONOBASS,
    MM_IMAGER_NPARAMS
} mm_imager_param;

/* The table (mm_param.h): rows in mm_imager_param order. */
extern const mm_paramtable mm_imager_table;
/* The arguments of xover (<Hz>...) and widths (<%>...): each one's row. */
extern const mm_paramtable mm_imager_xover_args, mm_imager_widths_args;

typedef struct mm_imager {
    double samplerate;
    mm_smoother width, mid, side, gl, gr, swap, mb, pb;
    mm_smoother bw[MM_IMAGER_MAXBANDS];
    mm_crossover mono;        /* 2 bands: band 2 is the high-passed side */
    mm_crossover split;       /* per-band widths */
    double monobass_hz;       /* 0 = off */
    int nbands;               /* per-band: 0 = off, else 2..4 */
    int mb_on, pb_on;
    double widths[MM_IMAGER_MAXBANDS]; /* % as applied */
    mm_correlation corr;
} mm_imager;

int mm_imager_init(mm_imager *im, double samplerate);
void mm_imager_free(mm_imager *im);
int mm_imager_set_samplerate(mm_imager *im, double samplerate);
void mm_imager_reset(mm_imager *im);
/* Jump every smoothed value to its target (creation arguments). */
void mm_imager_snap(mm_imager *im);

/* A table row (mm_imager_param); returns the value applied. */
double mm_imager_set(mm_imager *im, int id, double v);
/* n = 0 turns per-band widths off; n = 1..3 frequencies (clamped to
 * MM_IMAGER_XOVER_MIN_HZ..MM_IMAGER_XOVER_MAX_HZ, sorted). */
int mm_imager_set_xover(mm_imager *im, int n, const double *hz);
/* The frequencies in use into hz; returns how many (0 = off). */
int mm_imager_get_xover(const mm_imager *im, double *hz);
/* widths of bands 1..n in % (clamped like width) */
void mm_imager_set_widths(mm_imager *im, int n, const double *pct);
double mm_imager_get_width_band(const mm_imager *im, int b);

/* in[0], in[1] -> out[0], out[1]; out may alias in. */
void mm_imager_process(mm_imager *im, const float *const *in,
                       float *const *out, int n);
/* Correlation of the output since the last take (valid = 0: silence). */
double mm_imager_take_correlation(mm_imager *im, int *valid);

static inline int mm_imager_latency(const mm_imager *im)
{
    (void)im;
    return 0;
}

/* The lifecycle record: the table and the verbs above (mm_core.h). */
extern const mm_core mm_imager_core;

#endif
