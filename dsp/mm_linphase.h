/* mm_linphase.h: linear-phase FIR filters from a magnitude response, run
 * by partitioned FFT convolution (mm_fftconv), redesigned in the
 * background of the signal path with crossfades. The one design of
 * match~ and of the linear-phase modes of eq~ and multiband~.
 *
 * Design (frequency sampling with a window): the client gives the
 * magnitude |H| (linear, >= 0) at the N/2 + 1 bins k fs/N, k = 0..N/2.
 * Its zero-phase impulse response r[n] = (1/N) sum_k |H_k| e^(2 pi i k n/N)
 * (one inverse real FFT, double precision) is real and even; the FIR is
 *   h[m] = r[m - c] w[m],  m = 0 .. N - 2,  c = N/2 - 1,
 * with w the Kaiser window (mm_kaiser.h) of half-length N/2 and beta
 * MM_LINPHASE_BETA, centred on c: N - 1 taps, exactly symmetric about c
 * (each pair of taps takes the mean of r's two sides),
 * so the phase is linear (a pure delay of c samples) and the magnitude
 * is |H| smoothed by the window's transform. Beta 1 (nearly
 * rectangular) was measured best over smooth and narrow responses
 * alike: a response whose zero-phase impulse response dies out within
 * N/2 samples is met to a few thousandths of a dB, while features a few
 * bins wide (fs/N = 2.9 Hz at 48 kHz) are smeared: a 100 Hz bell of Q 8
 * by about 0.1 dB, a 30 Hz bell of Q 10 by 3 dB (test_linphase.c, and
 * the eq~ and multiband~ tests, measure it). The design is linear in |H|:
 * magnitudes that sum to 1 give taps that sum to a pure delay of c
 * (the window is 1 at c), to the float rounding of the taps.
 *
 * Sizes follow the rate, so times and the frequency resolution stay put:
 * the client's N at 44.1/48 kHz (eq~ and multiband~ 16384, match~ 8192),
 * half that at 22.05..32 kHz, twice at 88.2/96, four times at
 * 176.4/192, with partitions of B = N/16. Latency B + c: 9215 samples at
 * 48 kHz for N = 16384 (192 ms), 4607 for 8192 (96 ms).
 *
 * Redesign, paced: mm_linphase_request marks the settings changed; the
 * design then runs in the signal path (mm_linphase_process) one bounded
 * step every MM_LINPHASE_STEP samples, at the same samples whatever the
 * block size: the client's begin (snapshot its settings), then per kernel
 * the magnitude in chunks of MM_LINPHASE_CHUNK bins (the client's fill),
 * one inverse FFT, the window, the partitions' FFTs a few at a time
 * (mm_fftconv_stage), and the swap, which mm_fftconv crossfades over
 * MM_LINPHASE_FADE partitions. A kernel the client calls flat is staged
 * as a pure delay of c: exactly the input, delayed. A request during a
 * design runs once that one is done. Nothing allocates after init.
 */
#ifndef MM_LINPHASE_H
#define MM_LINPHASE_H

#include "mm_fftconv.h"

#define MM_LINPHASE_BETA 1.0
#define MM_LINPHASE_STEP 64      /* samples between design steps */
#define MM_LINPHASE_CHUNK 1024   /* bins filled per step */
#define MM_LINPHASE_LOADS 8      /* partitions transformed per step */
#define MM_LINPHASE_FADE 2       /* crossfade, partitions */

/* What a client gives: its context and callbacks (begin, flat and gain
 * may be NULL). Called only from mm_linphase_step/design_now. */
typedef struct mm_linphase_client {
    void *ctx;
    /* a design starts: take a snapshot of the settings it follows */
    void (*begin)(void *ctx);
    /* 1: kernel k is unity (staged as a pure delay, no FFT rounding) */
    int (*flat)(void *ctx, int k);
    /* |H| of kernel k at bins k0 .. k1 - 1 (bin j at j hz_per_bin Hz) */
    void (*fill)(void *ctx, int k, double *mag, int k0, int k1,
                 double hz_per_bin);
    /* once kernel k is filled: a factor for its whole magnitude */
    double (*gain)(void *ctx, int k);
} mm_linphase_client;

typedef struct mm_linphase {
    mm_fftconv conv;
    int n, nbins, taps, center, nk;
    double samplerate;
    double *mag;           /* nbins */
    double *r;             /* n: the zero-phase response (FFTW's) */
    void *spec, *plan;     /* fftw_complex[nbins]; spec -> r */
    double *win;           /* the window's half: w[c + j] = win[j] */
    float *h;              /* taps */
    mm_linphase_client client;
    int base;              /* N at 44.1/48 kHz */
    int state, kernel, pos, dirty, until;
    int fade;              /* the next swap fades (0: design_now) */
} mm_linphase;

/* The words of the `phase` row of eq~ and multiband~: minimum|linear. */
extern const char *const mm_linphase_phase_words[];
/* A client's FIR length as a choice: low, medium, high, max are N =
 * MM_LINPHASE_N_LOW times 1, 2, 4, 8 at 44.1/48 kHz (8192 .. 65536:
 * latency 4607 .. 36863 samples at 48 kHz). A longer FIR resolves
 * narrower features (fs/N per bin) and costs latency and memory; the cost
 * per sample grows only with log N (partitions of N/16). */
#define MM_LINPHASE_N_LOW 8192
extern const char *const mm_linphase_resolution_words[];

/* The FIR size N and the partition size B = N/16 for a rate, for a
 * client whose N at 44.1/48 kHz is base. */
int mm_linphase_size(double samplerate, int base);
int mm_linphase_part(double samplerate, int base);

/* nch channels, nk kernels (mm_fftconv's limits) at the rate, N = base
 * at 44.1/48 kHz (a power of 2, 256..65536; scaled with the rate as
 * above); every kernel starts flat (a pure delay of c). MM_OK, MM_E_ARG,
 * MM_E_NOMEM (then nothing is held). */
int mm_linphase_init(mm_linphase *lp, int nch, int nk, double samplerate,
                     int base, const mm_linphase_client *client);
void mm_linphase_free(mm_linphase *lp);
/* A module's linear-phase state: a zeroed block of `size` bytes that
 * starts with an mm_linphase, initialised as above; NULL on failure
 * (*err says why, nothing is held). detach frees it (NULL is fine). */
void *mm_linphase_attach(size_t size, int nch, int nk, double samplerate,
                         int base, const mm_linphase_client *client,
                         int *err);
void mm_linphase_detach(void *state);
/* New sizes for the rate (allocates: not in the signal path), then a
 * design at once. On failure the old state is kept and MM_E_NOMEM or
 * MM_E_ARG returned. */
int mm_linphase_set_samplerate(mm_linphase *lp, double samplerate);
/* Clear the signal state; the filters stay. */
void mm_linphase_reset(mm_linphase *lp);
/* The client's settings changed: design again (paced, crossfaded). */
void mm_linphase_request(mm_linphase *lp);
/* Design now, every step at once, and play it from the next partition
 * without a fade (creation, a new rate, tests). */
void mm_linphase_design_now(mm_linphase *lp);
/* 1 while a design is asked for, running, waiting or fading. */
int mm_linphase_busy(const mm_linphase *lp);
/* in[nch] -> out[k * nch + c]; the design steps run inside, every
 * MM_LINPHASE_STEP samples. Outputs may share the inputs' buffers. */
void mm_linphase_process(mm_linphase *lp, const float *const *in,
                         float *const *out, int n);
/* B + c samples. */
int mm_linphase_latency(const mm_linphase *lp);

/* The design alone: h (N - 1 taps) from mag (N/2 + 1 bins), with lp's
 * plan and window (not in the signal path: tools and tests). */
void mm_linphase_fir(mm_linphase *lp, const double *mag, float *h);

#endif
