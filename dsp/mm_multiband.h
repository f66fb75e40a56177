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
 * Parameters: channels 1..8, bands 2..6 (creation); xover Hz (bands-1,
 * ascending); per band threshold dB [0] (-80..0), ratio [1] (1..20),
 * attack ms [10], release ms [100], knee dB [6], makeup dB [0], solo,
 * mute; link % [100]; mode stereo|ms. Latency: none.
 */
#ifndef MM_MULTIBAND_H
#define MM_MULTIBAND_H

#include "mm_common.h"
#include "mm_comp.h"
#include "mm_crossover.h"
#include "mm_smoother.h"

#define MM_MULTIBAND_MAXCH MM_CROSSOVER_MAXCH
#define MM_MULTIBAND_MAXBANDS MM_CROSSOVER_MAXBANDS
#define MM_MULTIBAND_CHUNK 64
#define MM_MULTIBAND_FADE_MS 10.0
#define MM_MULTIBAND_RATIO_MAX 20.0

typedef struct mm_multiband {
    int nch, bands;
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
    float band[MM_MULTIBAND_MAXBANDS][MM_MULTIBAND_MAXCH][MM_MULTIBAND_CHUNK];
    float cbuf[MM_MULTIBAND_MAXBANDS][MM_MULTIBAND_MAXCH][MM_MULTIBAND_CHUNK];
} mm_multiband;

int mm_multiband_init(mm_multiband *m, int nch, int bands, double samplerate);
void mm_multiband_free(mm_multiband *m);
void mm_multiband_reset(mm_multiband *m);
int mm_multiband_set_samplerate(mm_multiband *m, double samplerate);
/* Jump gliding values to their targets (creation arguments). */
void mm_multiband_snap(mm_multiband *m);

/* n frequencies for splits 1..n (sorted ascending inside); snap = no glide. */
void mm_multiband_set_xover(mm_multiband *m, int n, const double *hz,
                            int snap);
double mm_multiband_get_xover(const mm_multiband *m, int split);
/* A compressor parameter (MM_COMP_THRESHOLD .. MM_COMP_MAKEUP) of band b
 * (0-based, -1 = every band); half -1 = every channel, else the channel
 * (in ms mode 0 = mid, 1 = side). Returns the value applied. */
double mm_multiband_set_band(mm_multiband *m, int b, int half,
                             mm_comp_param p, double v);
double mm_multiband_get_band(const mm_multiband *m, int b, int half,
                             mm_comp_param p);
void mm_multiband_set_solo(mm_multiband *m, int b, int on);
void mm_multiband_set_mute(mm_multiband *m, int b, int on);
double mm_multiband_set_link(mm_multiband *m, double pct);
/* 0 stereo (independent channels, linked by `link`), 1 ms (2 ch only).
 * Returns the mode applied. */
int mm_multiband_set_mode(mm_multiband *m, int ms);

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

static inline int mm_multiband_latency(const mm_multiband *m)
{
    (void)m;
    return 0;
}

#endif
