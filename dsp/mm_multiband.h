/* mm_multiband.h: multiband compressor core (multiband~).
 *
 *   x --(M/S encode, mode ms)--> mm_crossover (LR4, 2..6 bands, phase-
 *   compensated) --> per band: mm_comp (the compressor core of comp~, one
 *   instance per band, every channel in its link group) --> band gate
 *   (solo/mute) --> sum --(M/S decode)--> out
 *
 * With no compression the bands sum to an allpass of the input (flat
 * magnitude, mm_crossover). Each band's static curve is comp~'s
 * (mm_gaincomp): the band's own level drives its gain. The uncompressed
 * sum of the same (gated) bands is available for `delta`: processed minus
 * it is exactly what the compressors do (silence when not compressing).
 *
 * Mode ms (2 channels): channel 1 carries mid, channel 2 side; per-band
 * settings may address either half. In ms mode mid and side are not
 * linked (each half has its own gain; link applies in stereo mode).
 * Switching mode fades to the uncompressed sum, switches, and fades back
 * (MM_MULTIBAND_FADE_MS each way): no click, no level dip.
 * Solo/mute gates glide (10 ms); crossovers glide in log-frequency.
 *
 * Parameters (mm_multiband_table, mm_param.h; mm_multiband_set clamps
 * and returns the value applied): bands 2..6 [4] (creation), link %
 * [100] (comp~'s range), mode stereo|ms [stereo]. Channels 1..8
 * (creation). Lists and per band: xover Hz (bands-1, ascending, in
 * mm_multiband_xover_range); per band comp~'s per-channel rows of
 * mm_comp_table (threshold dB [0], ratio, attack ms [10], release ms
 * [100], knee dB [6], makeup dB [0]) with the ratio 1..20 [1]
 * (mm_multiband_band_def), solo, mute. phase minimum|linear [minimum]
 * (creation only, mm_multiband_init_phase).
 *
 * Linear phase (phase linear): the crossover becomes one linear-phase
 * FIR per band (mm_linphase, N = MM_MULTIBAND_FIR = 16384 at 44.1/48 kHz,
 * scaled with the rate), all run on one FFT of the input per partition
 * (mm_fftconv with a kernel per band). Band b's magnitude is the LR4
 * tree's: with W_s = tan(pi f/fs) / tan(pi f_s/fs) and lo_s = 1/(1 +
 * W_s^4), hi_s = 1 - lo_s (|LP4| and |HP4| of split s, which the
 * bilinear LR4 meets exactly), band b = hi_1 ... hi_(b-1) lo_b (the last
 * band: every hi). These sum to 1 at every frequency, so the bands sum
 * to a pure delay (the taps to a unit impulse, to the float rounding of
 * the taps). A crossover change redesigns every band and crossfades the
 * whole set at once (the sum stays a delay through the fade).
 * Cost (minimum phase): the crossover (two sections per split, channel
 * pairs in vector lanes), the band compressors through
 * mm_comp_process_many (ballistics side by side), the sum band by band
 * while gates and mode rest (m->plain: the reference paths, the same
 * output bit for bit). 4 bands stereo, 20 s of the bench material, the
 * same run: multiband~ in Pd 90 -> 50 ns per sample per channel (A/B
 * of the two builds); make bench: multiband~ 4 bands 0.47 x
 * ZaMultiCompX2 with 3 (was 0.82-0.94), the core 0.45 (was 0.87); 3
 * bands 0.41 (was 1.04).
 * Latency: none in minimum phase; B + N/2 - 1 = 9215 samples at 48 kHz
 * in linear phase (mm_multiband_latency).
 */
#ifndef MM_MULTIBAND_H
#define MM_MULTIBAND_H

#include "mm_common.h"
#include "mm_comp.h"
#include "mm_crossover.h"
#include "mm_smoother.h"
#include "mm_linphase.h"

#define MM_MULTIBAND_MAXCH MM_CROSSOVER_MAXCH
#define MM_MULTIBAND_MAXBANDS MM_CROSSOVER_MAXBANDS
#define MM_MULTIBAND_CHUNK 64
#define MM_MULTIBAND_FADE_MS 10.0
#define MM_MULTIBAND_RATIO_MAX 20.0
#define MM_MULTIBAND_XOVER_MIN_HZ 20.0
#define MM_MULTIBAND_XOVER_MAX_HZ 20000.0

typedef enum mm_multiband_param {
    MM_MULTIBAND_BANDS = 0, /* creation only: mm_multiband_init */
    MM_MULTIBAND_LINK,
    MM_MULTIBAND_MODE,      /* 0 stereo, 1 ms (2 channels only) */
    MM_MULTIBAND_PHASE,     /* creation only: 0 minimum, 1 linear */
    MM_MULTIBAND_NPARAMS
} mm_multiband_param;

/* The table (mm_param.h): rows in mm_multiband_param order. */
extern const mm_paramtable mm_multiband_table;

/* The FIR's N at 44.1/48 kHz in linear mode (mm_linphase). */
#define MM_MULTIBAND_FIR 16384

/* linear mode's state (mm_multiband.c) */
struct mm_multiband_linear;

typedef struct mm_multiband {
    int nch, bands;
    struct mm_multiband_linear *lin; /* NULL: minimum phase (LR4 IIR) */
    double samplerate;
    mm_crossover xo;
    mm_comp comp[MM_MULTIBAND_MAXBANDS];
    mm_smoother gate[MM_MULTIBAND_MAXBANDS];
    int solo[MM_MULTIBAND_MAXBANDS], mute[MM_MULTIBAND_MAXBANDS];
    double link;            /* % */
    int ms;                 /* mode in use */
    int ms_target;          /* mode asked for */
    double fade;            /* 1 = compressed path, 0 = uncompressed sum */
    double fade_step;
    int plain;              /* tests set 1: the reference paths (each
                               band's mm_comp_process_plain, the sum frame
                               by frame); the output is the same bit for
                               bit (test_multiband) */
    float band[MM_MULTIBAND_MAXBANDS][MM_MULTIBAND_MAXCH][MM_MULTIBAND_CHUNK];
    float cbuf[MM_MULTIBAND_MAXBANDS][MM_MULTIBAND_MAXCH][MM_MULTIBAND_CHUNK];
} mm_multiband;

int mm_multiband_init(mm_multiband *m, int nch, int bands, double samplerate);
/* The same, with linear-phase crossovers when linear is 1 (above). */
int mm_multiband_init_phase(mm_multiband *m, int nch, int bands, int linear,
                            double samplerate);
void mm_multiband_free(mm_multiband *m);
void mm_multiband_reset(mm_multiband *m);
int mm_multiband_set_samplerate(mm_multiband *m, double samplerate);
/* Jump gliding values to their targets (creation arguments). */
void mm_multiband_snap(mm_multiband *m);

/* A table row (mm_multiband_param); returns the value applied. Mode ms
 * on other than 2 channels stays stereo (returns 0). bands is fixed by
 * mm_multiband_init (returns the number of bands). */
double mm_multiband_set(mm_multiband *m, int id, double v);

/* The range of each crossover frequency: MM_MULTIBAND_XOVER_MIN_HZ to
 * MM_MULTIBAND_XOVER_MAX_HZ or 0.45 fs, whichever is lower. */
void mm_multiband_xover_range(const mm_multiband *m, double *lo_hz,
                              double *hi_hz);
/* n frequencies for splits 1..n (clamped to the range, sorted ascending
 * inside); snap = no glide. */
void mm_multiband_set_xover(mm_multiband *m, int n, const double *hz,
                            int snap);
double mm_multiband_get_xover(const mm_multiband *m, int split);
/* The row of a per-band compressor parameter p (MM_COMP_THRESHOLD ..
 * MM_COMP_MAKEUP): comp~'s (mm_comp_table), the ratio limited to
 * 1..MM_MULTIBAND_RATIO_MAX with default 1. */
mm_paramdef mm_multiband_band_def(mm_comp_param p);
/* A compressor parameter (MM_COMP_THRESHOLD .. MM_COMP_MAKEUP) of band b
 * (0-based, -1 = every band); half -1 = every channel, else the channel
 * (in ms mode 0 = mid, 1 = side). Clamped to its mm_multiband_band_def
 * row; returns the value applied. */
double mm_multiband_set_band(mm_multiband *m, int b, int half,
                             mm_comp_param p, double v);
double mm_multiband_get_band(const mm_multiband *m, int b, int half,
                             mm_comp_param p);
void mm_multiband_set_solo(mm_multiband *m, int b, int on);
void mm_multiband_set_mute(mm_multiband *m, int b, int on);
int mm_multiband_get_solo(const mm_multiband *m, int b);
int mm_multiband_get_mute(const mm_multiband *m, int b);

/* in[nch] -> out[nch]; xsum[nch] (or NULL) receives the uncompressed
 * sum of the gated bands. out and xsum may alias in. */
void mm_multiband_process(mm_multiband *m, const float *const *in,
                          float *const *out, float *const *xsum, int n);

/* Deepest reduction of band b (dB, 0 or below) since the last take. */
double mm_multiband_take_gr(mm_multiband *m, int b);
/* The summed magnitude response (dB) with each band's present gain
 * (makeup minus reduction, averaged over channels, and its gate) at n
 * log-spaced frequencies from lo to hi Hz. */
void mm_multiband_curve(const mm_multiband *m, float *db, int n, double lo,
                        double hi);

/* Samples: 0 in minimum phase, mm_linphase's in linear. */
int mm_multiband_latency(const mm_multiband *m);
int mm_multiband_max_latency(const mm_multiband *m);

/* The lifecycle record: the table and the verbs above (mm_core.h). */
extern const mm_core mm_multiband_core;

#endif
