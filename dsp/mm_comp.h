/* mm_comp.h: the compressor core (comp~, strip~, multiband~ per band).
 * One instance compresses 1..MM_COMP_MAXCH channels that form one link
 * group.
 *
 * Signal flow, per sample frame:
 *   detector signal  d_c = key (if given) or the channel's own input;
 *                    optional 2nd-order Butterworth high-pass (schpf;
 *                    mm_filterdesign + mm_biquad, gliding over 64
 *                    samples when its frequency changes)
 *   level            peak: the crest of the current and the previous
 *                    half-wave of d_c (mm_envelope_detect: a steady sine
 *                    reads its peak with no ripple), or RMS (10 ms)
 *   reduction        r_c = -gain of the soft-knee gain computer
 *                    (mm_gaincomp.h, the contract's static curve) at
 *                    the level in dB
 *   link             r_c += link (max_k r_k - r_c)   (link 0..1: 100%
 *                    gives every channel the largest reduction; done on
 *                    the reductions, so per-channel thresholds (M/S)
 *                    link correctly)
 *   ballistics       mm_envelope_follow on r_c in dB: 63% of a change of
 *                    gain in `attack` ms (more reduction) or `release`
 *                    ms (less), each time constant acting alone
 *   output           wet = x 10^((makeup - r_c)/20);
 *                    out = x + mix (wet - x)  (parallel compression)
 * makeup and mix glide (one-pole, 10 ms); changes of threshold, ratio,
 * knee and link pass through the ballistics, so they never click.
 *
 * Keys: process(..., key, nkey, ...) with key NULL (each channel detects
 * its own input), nkey 1 (one key drives every channel, e.g. comp~'s
 * sidechain inlet) or nkey == channels (one key per channel).
 *
 * Parameters (mm_comp_table, mm_param.h; set clamps and returns the
 * value applied). Per channel (mm_comp_set_ch):
 * threshold dB [0] (-80..0), ratio [4] (1..100), attack ms [10]
 * (0.1..500), release ms [100] (5..5000), knee dB [6] (0..24), makeup dB
 * [0] (-24..24). For the group: detector 0 peak | 1 rms [0], link %
 * [100] (0..100), schpf Hz [0 = off] (10..1000), mix % [100] (0..100).
 *
 * Static curve accuracy: a steady sine meets the formula within 0.5 dB
 * (peak: level = the sine's sample peak; rms: its RMS, 3 dB lower).
 * Measured (tests/unit/test_comp.c, tests/pd/test_comp.sh): 0.004 dB at
 * worst from -60 to 0 dBFS (knee 0 and 12, ratio 2, 4, 20); attack and
 * release 63% times within 1% (10, 50, 100, 500, 1000 ms) and 8% at 1 ms
 * (a 1 kHz test tone takes a quarter period to reach its crest).
 * Level and gain conversions use mm_fastmath (error below 1e-5 dB).
 * Processing runs in passes over parts of 64 frames: inputs, detection
 * channel by channel (a branchless peak detector: zero crossings come
 * at the signal's whim), reductions, the ballistics (the one serial
 * recursion), gains, outputs; mm_comp_process_many runs several
 * compressors with their ballistics side by side (multiband~'s bands).
 * Every value goes through the same operations in the same order as the
 * frame-by-frame reference, mm_comp_process_plain: the output is the
 * same bit for bit (tests/unit/test_comp.c).
 * Cost: core 14.8 -> 9.3 ns per sample per channel, stereo linked, with
 * the passes (bench_dyn comp, the same run); make bench, 20 s: the core
 * 0.27 x LSP's stereo compressor, 0.56 x ZamCompX2.
 * Latency: none.
 */
#ifndef MM_COMP_H
#define MM_COMP_H

#include "mm_common.h"
#include "mm_biquad.h"
#include "mm_envelope.h"
#include "mm_filterdesign.h"
#include "mm_gaincomp.h"
#include "mm_core.h"
#include "mm_param.h"
#include "mm_smoother.h"

#define MM_COMP_MAXCH 8

typedef enum mm_comp_param {
    MM_COMP_THRESHOLD = 0, /* per channel from here ... */
    MM_COMP_RATIO,
    MM_COMP_ATTACK,
    MM_COMP_RELEASE,
    MM_COMP_KNEE,
    MM_COMP_MAKEUP,        /* ... to here */
    MM_COMP_DETECTOR,
    MM_COMP_LINK,
    MM_COMP_SCHPF,
    MM_COMP_MIX,
    MM_COMP_NPARAMS
} mm_comp_param;

#define MM_COMP_NPERCH 6

/* min, max, default: for wrappers' parameter tables */
#define MM_COMP_R_THRESHOLD -80, 0, 0
#define MM_COMP_R_RATIO 1, 100, 4
#define MM_COMP_R_ATTACK 0.1, 500, 10
#define MM_COMP_R_RELEASE 5, 5000, 100
#define MM_COMP_R_KNEE 0, 24, 6
#define MM_COMP_R_MAKEUP -24, 24, 0
#define MM_COMP_R_DETECTOR 0, 1, 0
#define MM_COMP_R_LINK 0, 100, 100
#define MM_COMP_R_SCHPF 10, 1000, 0 /* 0 = off (outside the range) */
#define MM_COMP_R_MIX 0, 100, 100

/* The rows strip~ shares with comp~, each written once here as
 * ROW(name, id suffix, unit, range, flags, doc); comp and strip expand
 * them with their own ids. */
#define MM_COMP_SHARED_ROWS(ROW)                                              \
    ROW("attack", ATTACK, "ms", MM_COMP_R_ATTACK, 0,                          \
        "63% time of gain going down")                                        \
    ROW("release", RELEASE, "ms", MM_COMP_R_RELEASE, 0,                       \
        "63% time of gain coming back")                                       \
    ROW("knee", KNEE, "dB", MM_COMP_R_KNEE, 0, "soft knee width, 0 = hard")   \
    ROW("makeup", MAKEUP, "dB", MM_COMP_R_MAKEUP, 0, "gain after compression")
#define MM_COMP_SCHPF_ROW(ROW)                                                \
    ROW("schpf", SCHPF, "Hz", MM_COMP_R_SCHPF, MM_P_OFF,                      \
        "high-pass on the detector, 0 = off")

/* The table (mm_param.h): rows in mm_comp_param order. */
extern const mm_paramtable mm_comp_table;

typedef struct mm_comp_chan {
    double value[MM_COMP_NPERCH];
    mm_gaincomp gc;
    mm_envelope det;     /* level detection (RMS state) of detector c */
    mm_envelope bal;     /* ballistics on the reduction in dB */
    mm_smoother makeup;  /* linear makeup gain */
    mm_biquad_state hp;  /* detector high-pass state */
    double meter;        /* largest reduction (dB, >= 0) since take */
} mm_comp_chan;

typedef struct mm_comp {
    int nch;
    double samplerate;
    mm_comp_chan ch[MM_COMP_MAXCH];
    double value[MM_COMP_NPARAMS]; /* group values; per-channel ones
                                      hold the last value set for all */
    double link;                   /* 0..1 */
    int uniform;                   /* every channel's settings equal */
    mm_biquad_ramp hp;             /* detector high-pass (schpf) */
    int hp_on;
    mm_smoother mix;               /* 0..1 */
    long nonfinite;                /* resets after non-finite state */
} mm_comp;

/* 1..MM_COMP_MAXCH channels; every parameter at its default. No
 * allocation: mm_comp_free exists for symmetry. */
int mm_comp_init(mm_comp *c, int nch, double samplerate);
void mm_comp_free(mm_comp *c);
/* Clear the level detectors, the detector filters and the meters; keep
 * parameters. The gain reduction in force is not jumped: it releases
 * (release time) from where it is, so a reset never clicks. */
void mm_comp_reset(mm_comp *c);
int mm_comp_set_samplerate(mm_comp *c, double samplerate);
/* Set a parameter for every channel; returns the value applied. */
double mm_comp_set(mm_comp *c, mm_comp_param p, double v);
/* Set a per-channel parameter (p < MM_COMP_NPERCH) of channel ch
 * (0-based); group parameters ignore ch. */
double mm_comp_set_ch(mm_comp *c, int ch, mm_comp_param p, double v);
double mm_comp_get(const mm_comp *c, int ch, mm_comp_param p);
/* Jump gliding values (makeup, mix) to their targets (creation). */
void mm_comp_snap(mm_comp *c);
int mm_comp_latency(const mm_comp *c);

/* in[nch] -> out[nch] (out may alias in, key may alias anything);
 * key NULL or key[nkey] with nkey 1 or nch. */
void mm_comp_process(mm_comp *c, const float *const *in,
                     float *const *out, const float *const *key, int nkey,
                     int n);
/* The same one frame at a time: the reference mm_comp_process (which
 * works in passes) is tested against bit for bit. */
void mm_comp_process_plain(mm_comp *c, const float *const *in,
                           float *const *out, const float *const *key,
                           int nkey, int n);

/* Several compressors (up to MM_COMP_MANY, no keys) over the same n
 * frames, each on its own channels: in[b] -> out[b], every output
 * buffer distinct from every input. The same result as mm_comp_process
 * on each in turn, bit for bit; linked compressors run their ballistics
 * side by side (multiband~'s bands). */
#define MM_COMP_MANY 8
void mm_comp_process_many(mm_comp *const *cs, int ncomp,
                          const float *const *const *in,
                          float *const *const *out, int n);

/* Current gain reduction of channel ch in dB (0 or below). */
double mm_comp_gr_db(const mm_comp *c, int ch);
/* Deepest reduction (dB, 0 or below) of any channel since the last take;
 * restarts the meter. */
double mm_comp_take_gr(mm_comp *c);
double mm_comp_take_gr_ch(mm_comp *c, int ch);

/* The static curve of channel ch with makeup and mix: output dB for n
 * input levels from lo_db to hi_db. */
void mm_comp_curve(const mm_comp *c, int ch, float *y, int n, double lo_db,
                   double hi_db);

/* The lifecycle record: the table and the verbs above (mm_core.h). */
extern const mm_core mm_comp_core;

#endif
