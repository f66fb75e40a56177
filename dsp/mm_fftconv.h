/* mm_fftconv.h: uniformly partitioned FFT convolution (overlap-save), on
 * FFTW3 (single precision), with click-free filter swaps: the engine of
 * match~ and of the linear-phase modes of eq~ and multiband~.
 *
 * Each of nch channels is convolved with each of nk kernels (one kernel
 * set shared by the channels), giving nk x nch outputs:
 *   y_kc[t] = sum_j h_k[j] x_c[t - B - j]
 * with B the partition size: the latency is exactly B samples.
 *
 * Method (uniformly partitioned overlap-save; e.g. Wefers, "Partitioned
 * convolution algorithms for real-time auralization", 2015, ch. 5): a
 * kernel of up to maxlen taps is cut into P = ceil(maxlen / B) partitions
 * of B taps; each is zero-padded to F = 2B and transformed once, when it
 * is loaded. Every B input samples, the last F samples of each channel
 * are transformed (one real FFT of F) and kept in a frequency-domain
 * delay line of the last P spectra; each output is the inverse FFT of
 * sum_p X[t - p] H_k,p (P complex multiply-adds per bin, B + 1 bins),
 * whose last B samples are the convolution over the block. Per sample and
 * channel that is 2/B FFTs of size 2B and nk P (B+1)/B complex
 * multiply-adds: bounded, whatever the kernel. All work happens when a
 * partition is complete, so one call of process may carry it (Pd blocks
 * of 64 with B = 1024: one block in 16 does the work).
 *
 * Kernels and swaps: three slots of nk kernels each: the one playing,
 * the one fading out, and a staging slot. mm_fftconv_stage* write the
 * staging slot (FFTs on preallocated buffers and the plans made at init:
 * no allocation, real-time safe); mm_fftconv_swap asks for the staged set
 * to replace the playing one. At the next partition boundary (after any
 * fade in progress) the outputs of the old and the new set are both
 * computed and crossfaded, sample by sample, with the raised cosine
 * g(t) = (1 - cos(pi t / T)) / 2 over T = `fade` partitions (at least
 * one): y = y_old + g (y_new - y_old), so a swap never clicks, and the
 * whole set swaps with one ramp (bands that sum to a delay keep summing
 * to it through the fade). A kernel staged as a pure delay (stage_delay)
 * plays from a time-domain delay line: exactly the input, delayed, with
 * no FFT rounding (the FFT of the input still runs, so a later kernel
 * starts with its history).
 *
 * Robustness: non-finite input samples, and samples beyond 1e6 (+120
 * dBFS: garbage, not signal, as in mm_spectrum), are taken as 0 and
 * counted; below 1e-30, 0 (no denormals in the spectra). Kernel taps
 * that are not finite refuse the kernel (MM_E_ARG).
 *
 * Measured (tests/unit/test_fftconv.c): every output within 8.3e-7 of
 * the direct convolution (double) for partitions of 16..1024 and
 * kernels of 1..5B + 3 taps; an impulse comes out exactly B + d later;
 * swaps follow the raised cosine to 2e-6.
 * Cost (bench: eq~ -phase linear, 16383 taps, B = 1024, stereo): about
 * 26 ns per sample per channel at -O2, against 9 for the same EQ as
 * four biquads; a pure-delay kernel costs the input's FFT alone (9 ns,
 * match~ with nothing learned). Memory, one block: per channel a delay
 * line of the next power of 2 above maxlen + 2B floats and P (B + 1)
 * complex; per slot nk P (B + 1) complex.
 * Latency: B samples (mm_fftconv_latency); a kernel's own delay (a
 * linear-phase FIR's centre) comes on top.
 */
#ifndef MM_FFTCONV_H
#define MM_FFTCONV_H

#include "mm_common.h"

#define MM_FFTCONV_MAXCH 8
#define MM_FFTCONV_MAXKERNELS 8
#define MM_FFTCONV_MINPART 16
#define MM_FFTCONV_MAXPART 16384

typedef struct mm_fftconv {
    int nch, nk, part, fft, nbins, nparts, maxlen;
    /* the input of each channel, a ring of `ring` (a power of 2) samples
     * at absolute positions mod ring; w: the next write */
    float *ring;            /* nch x ring */
    int ringlen, w, pos;    /* pos: samples into the current partition */
    void *fdl;              /* fftwf_complex[nch][nparts][nbins] */
    int head;               /* newest spectrum in the delay line */
    void *slot[3];          /* fftwf_complex[nk][nparts][nbins] */
    int delay[3][MM_FFTCONV_MAXKERNELS];  /* >= 0: a pure delay */
    int used[3][MM_FFTCONV_MAXKERNELS];   /* partitions in use */
    int staged[MM_FFTCONV_MAXKERNELS];
    int cur, old, stage;    /* slot indices, all different */
    int swap_wanted, swap_fade;
    int fade_parts, fade_len, fade_pos, fading;
    float *out;             /* nk x nch x part: the block playing now */
    float *time;            /* fft floats (FFTW's) */
    void *spec, *acc;       /* fftwf_complex[nbins] */
    float *ynew, *yold;     /* part floats */
    void *fwd, *inv;        /* fftwf_plan: time -> spec, acc -> time */
    long nonfinite;
} mm_fftconv;

/* nch 1..MM_FFTCONV_MAXCH channels, nk 1..MM_FFTCONV_MAXKERNELS kernels
 * of up to maxlen >= 1 taps, partition size `part` a power of 2 in
 * MM_FFTCONV_MINPART..MM_FFTCONV_MAXPART. Allocates and plans; every
 * kernel starts as a pure delay of 0 (the output is the input delayed by
 * `part`). MM_OK, MM_E_ARG or MM_E_NOMEM (then nothing is held). */
int mm_fftconv_init(mm_fftconv *c, int nch, int nk, int part, int maxlen);
void mm_fftconv_free(mm_fftconv *c);
/* Clear the signal state (input history, outputs); the kernels stay and
 * a fade in progress ends (the new set plays). */
void mm_fftconv_reset(mm_fftconv *c);
/* Crossfade length in partitions (>= 1, default 1). */
void mm_fftconv_set_fade(mm_fftconv *c, int parts);

/* in[nch] -> out[k * nch + c] (nk x nch outputs), any n >= 1; an output
 * may be the same buffer as an input (every input of a stretch is read
 * before any output of it is written). No allocation, lock or I/O. */
void mm_fftconv_process(mm_fftconv *c, const float *const *in,
                        float *const *out, int n);

/* Channels 0 and 1's history (input, spectra, the block playing) become
 * (a x0 + b x1, c x0 + d x1): the state of the same filters run on the
 * mixed input (multiband~'s switch between L/R and M/S). Needs nch 2. */
void mm_fftconv_mix2(mm_fftconv *c, float a, float b, float cc, float d);

/* busy: 1 while the staging slot may not be written (a swap was asked
 * for and has not started yet). swapping: 1 while a swap is waiting or
 * fading. parts: the partitions a kernel of len taps takes. */
int mm_fftconv_busy(const mm_fftconv *c);
int mm_fftconv_swapping(const mm_fftconv *c);
int mm_fftconv_parts(const mm_fftconv *c, int len);

/* Load partitions [from, from + count) of kernel k (h: len taps, len <=
 * maxlen) into the staging slot; the kernel is staged once all of its
 * ceil(len / B) partitions are loaded (loads in any number of calls, in
 * order). MM_OK; MM_E_ARG for a bad kernel, length, range, non-finite
 * taps, or while busy. stage_all: the whole kernel at once. stage_delay:
 * kernel k is a pure delay of d samples (0 <= d < maxlen). */
int mm_fftconv_stage(mm_fftconv *c, int k, const float *h, int len,
                     int from, int count);
int mm_fftconv_stage_all(mm_fftconv *c, int k, const float *h, int len);
int mm_fftconv_stage_delay(mm_fftconv *c, int k, int d);

/* swap: ask for the staged set (every kernel staged since the last swap)
 * to play: with fade 1, crossfaded from the next partition boundary
 * after any fade in progress; with fade 0 at once (no fade: for creation
 * and tests). MM_OK, or MM_E_ARG when a kernel is not staged.
 * settle: end any fade, and play a waiting swap now, without a fade. */
int mm_fftconv_swap(mm_fftconv *c, int fade);
void mm_fftconv_settle(mm_fftconv *c);

static inline int mm_fftconv_latency(const mm_fftconv *c)
{
    return c->part;
}

#endif
