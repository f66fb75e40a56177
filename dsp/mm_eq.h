/* mm_eq.h: a cascade of second-order bands over several channels, with
 * smooth changes; the core of eq~ and of strip~'s filters and EQ.
 *
 * Each band is one mm_filterdesign section (bell, shelves, pass filters,
 * notch, band-pass, all-pass) running in mm_biquad (TDF-II, double).
 *
 * Smoothing: the settings of a band glide in log2 Hz, dB and log2 Q
 * (mm_smoother_glide: a one-pole with a 63% time constant of
 * MM_EQ_TAU_MS, evaluated every MM_BIQUAD_CTRL = 16 samples); while they
 * move, the band is redesigned every 16 samples and its coefficients ramp
 * linearly to the new design over those 16 samples (stable: see
 * mm_biquad.h). A change of type, or a band switched on or off,
 * crossfades (equal gain, MM_EQ_FADE_MS) from the old section to the new
 * one. A band whose settings rest costs only
 * its biquad. Results do not depend on the block size.
 *
 * Parameters (mm_eq_table, mm_param.h): bands [4] (1..MM_EQ_MAXBANDS,
 * fixed by mm_eq_init). Per band (mm_eq_set_band): type (mm_fd_type),
 * freq Hz (MM_EQ_FMIN..MM_EQ_FMAX = 10..96000, run at most at 0.49 fs:
 * the setting is kept, so a rate change restores it), gain dB
 * (MM_EQ_GMIN..MM_EQ_GMAX = -24..24), q (mm_eq_q_range: 0.1..20, by
 * type). All bands start off (flat). phase minimum|linear [minimum],
 * resolution low|medium|high|max [medium] (creation only,
 * mm_eq_init_resolution).
 *
 * Linear phase (phase linear): the same bands' magnitude, without phase
 * shift. The product of the bands' |H| (the biquads above, designed at
 * their targets) is sampled at N/2 + 1 bins and made a linear-phase FIR
 * of N - 1 taps by mm_linphase (N = MM_EQ_FIR = 16384 at 44.1/48 kHz
 * for resolution medium, 8192 .. 65536 for low .. max, scaled with the
 * rate), run by partitioned FFT convolution. A change
 * redesigns the FIR in the background (bounded steps) and crossfades to
 * it over two partitions (43 ms at 48 kHz) instead of gliding; with
 * every band off the output is the input delayed, exactly. Measured
 * (tests/unit/test_eq.c): the magnitude is the minimum-phase design's
 * within 0.008 dB for typical and mastering settings at 44.1, 48 and
 * 96 kHz; a band narrower than mm_eq_linear_width (below) is smeared by
 * the FIR's length (fs/N = 2.9 Hz at 48 kHz, medium): a 100 Hz bell of
 * +12 dB is 0.06 dB off at 20 Hz wide, 0.3 dB at 10 Hz, 1.8 dB at 5 Hz;
 * each step of resolution halves the width resolved (eq~ warns when a
 * band is too narrow, naming the resolution that would do).
 * Latency: none in minimum phase; B + N/2 - 1 = 1024 + 8191 = 9215
 * samples at 48 kHz in linear phase, medium (low 4607, high 18431, max
 * 36863; mm_eq_latency).
 */
#ifndef MM_EQ_H
#define MM_EQ_H

#include "mm_filterdesign.h"
#include "mm_core.h"
#include "mm_param.h"
#include "mm_linphase.h"

#define MM_EQ_MAXCH 8
#define MM_EQ_MAXBANDS 16
#define MM_EQ_TAU_MS 10.0
#define MM_EQ_FADE_MS 20.0
#define MM_EQ_FMIN 10.0
#define MM_EQ_FMAX_RATIO 0.49
#define MM_EQ_FMAX 96000.0
#define MM_EQ_GMIN (-24.0)
#define MM_EQ_GMAX 24.0
#define MM_EQ_QMIN 0.1
#define MM_EQ_QMAX 20.0
/* Q range per type where the band stays within 0.1 dB of its analog
 * prototype up to fs/8 (measured: shelves above Q 3 and high-pass/notch
 * below Q 0.3 drift to 0.12..1 dB), so eq~ keeps its guarantee for every
 * value it accepts. */
static inline void mm_eq_q_range(int type, double *lo, double *hi)
{
    *lo = MM_EQ_QMIN;
    *hi = MM_EQ_QMAX;
    if (type == MM_FD_LOWSHELF || type == MM_FD_HIGHSHELF)
        *hi = 3.0;
    else if (type == MM_FD_HIGHPASS || type == MM_FD_NOTCH)
        *lo = 0.3;
}

/* Table rows (ids of mm_eq_set). */
typedef enum mm_eq_param {
    MM_EQ_BANDS = 0,       /* creation: the number of bands */
    MM_EQ_PHASE,           /* creation: 0 minimum, 1 linear */
    MM_EQ_RESOLUTION,      /* creation: linear mode's FIR, 0 low .. 3 max */
    MM_EQ_NPARAMS
} mm_eq_param;

/* min, max, default */
#define MM_EQ_R_BANDS 1, MM_EQ_MAXBANDS, 4
#define MM_EQ_R_PHASE 0, 1, 0
#define MM_EQ_R_RESOLUTION 0, 3, 1
/* The FIR's N at 44.1/48 kHz in linear mode (mm_linphase): resolution
 * medium (1); low .. max are 8192 .. 65536. */
#define MM_EQ_FIR 16384
#define MM_EQ_FIR_OF(resolution) (MM_LINPHASE_N_LOW << (resolution))

extern const mm_paramtable mm_eq_table;
/* The arguments of a band setting: band <n> <type> <Hz> <dB> <q>. */
typedef enum mm_eq_band_arg {
    MM_EQ_ARG_BAND,
    MM_EQ_ARG_TYPE,
    MM_EQ_ARG_FREQ,
    MM_EQ_ARG_GAIN,
    MM_EQ_ARG_Q
} mm_eq_band_arg;
extern const mm_paramtable mm_eq_band_args;

typedef struct mm_eq_band {
    /* targets */
    int on, type;
    double freq, gain, q;
    /* what runs now */
    int cur_on, cur_type;
    double lf, g, lq;          /* smoothed log2 Hz, dB, log2 q */
    mm_biquad_ramp ramp;
    mm_biquad_state st[MM_EQ_MAXCH];
    /* crossfade from an old section after a type or on/off change */
    int fading;                /* samples left */
    double fade_step;
    mm_biquad_coef old;
    mm_biquad_state old_st[MM_EQ_MAXCH];
} mm_eq_band;

/* linear mode's state (mm_eq.c) */
struct mm_eq_linear;

typedef struct mm_eq {
    int nch, nbands;
    struct mm_eq_linear *lin;  /* NULL: minimum phase */
    int resolution;            /* linear mode's (MM_EQ_RESOLUTION) */
    double samplerate;
    double smooth;             /* one-pole factor per control period */
    int fade_len;
    int phase;                 /* samples into the control period */
    long nonfinite;            /* count of non-finite inputs/states */
    mm_eq_band *band;
} mm_eq;

int mm_eq_init(mm_eq *e, int nch, int nbands, double samplerate);
/* The same, in linear-phase mode when linear is 1 (see above). */
int mm_eq_init_phase(mm_eq *e, int nch, int nbands, int linear,
                     double samplerate);
/* Linear phase at a resolution (0 low .. 3 max, MM_EQ_FIR_OF); < 0:
 * minimum phase. */
int mm_eq_init_resolution(mm_eq *e, int nch, int nbands, int resolution,
                          double samplerate);
/* Samples: 0 in minimum phase, mm_linphase's in linear. */
int mm_eq_latency(const mm_eq *e);
int mm_eq_max_latency(const mm_eq *e);
void mm_eq_free(mm_eq *e);
/* Clear filter state (keeps settings). */
void mm_eq_reset(mm_eq *e);
/* New rate: redesign, snap to the targets. */
int mm_eq_set_samplerate(mm_eq *e, double samplerate);
/* Band b (0-based): settings are clamped to the ranges above. Returns MM_E_RANGE for a bad band or
 * type, else MM_OK. */
int mm_eq_set_band(mm_eq *e, int b, mm_fd_type type, double freq,
                   double gain_db, double q);
void mm_eq_band_off(mm_eq *e, int b);
/* Band b's settings as applied; returns 1 when it is on, 0 when it is off
 * (or does not exist). */
int mm_eq_get_band(const mm_eq *e, int b, mm_fd_type *type, double *freq,
                   double *gain_db, double *q);
/* Set a table row (mm_eq_param); returns the value applied. bands is
 * fixed by mm_eq_init: set returns the number the EQ has. */
double mm_eq_set(mm_eq *e, int id, double v);
/* Jump to every target now (creation arguments). */
void mm_eq_snap(mm_eq *e);
/* 1 while any band glides or fades. */
int mm_eq_moving(const mm_eq *e);

void mm_eq_process(mm_eq *e, const float *const *in, float *const *out,
                   int n);

/* Magnitude (dB) of the settings' targets at f Hz: what the EQ will do
 * once settled (the curve picture). */
double mm_eq_response_db(const mm_eq *e, double f);
/* Linear phase's limit: the FIR resolves a band within 0.1 dB of the
 * minimum-phase response when its width, freq/q (or freq, when smaller:
 * a broad band near DC is as hard), is at least MM_EQ_LINEAR_BINS bins of
 * fs/N times 10^(|gain|/40) (a boost or cut's poles are narrower than
 * its q says). Measured for bells of +-6..24 dB at 30 Hz..1 kHz at every
 * resolution (tests/unit/test_eq.c). The width needed at a resolution,
 * in Hz: */
#define MM_EQ_LINEAR_BINS 3.9
double mm_eq_linear_width(int resolution, mm_fd_type type, double gain_db,
                          double samplerate);
/* The lowest resolution (0..3) that resolves band b as above, 4 if none
 * does; -1 for a band that is off. */
int mm_eq_linear_needs(const mm_eq *e, int b);
/* n values of mm_eq_response_db at log-spaced frequencies fmin..fmax. */
void mm_eq_curve(const mm_eq *e, float *db, int n, double fmin, double fmax);

/* The lifecycle record: the table and the verbs above (mm_core.h). */
extern const mm_core mm_eq_core;

#endif
