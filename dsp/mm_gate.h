/* mm_gate.h: noise gate / downward expander core (gate~, strip~'s gate).
 * One instance gates 1..MM_GATE_MAXCH channels with one decision (linked:
 * the stereo image never shifts).
 *
 * Level: the peak detector's, like mm_comp's (mm_envelope_detect, peak:
 * the crest of the current and last half-wave, so a steady sine reads its
 * peak without dipping at zero crossings), the largest over the detector
 * channels: the key(s) if given, else the inputs.
 *
 * State machine (mm_gatesm), per sample, O = 10^(T/20),
 * C = 10^((T - hysteresis)/20):
 *   closed  -> open     when level > O
 *   open    -> hold     when level < C (the hold timer starts)
 *   hold    -> open     when level >= C again (timer dropped)
 *   hold    -> closed   after `hold` ms below C
 * so the gate opens above the threshold, closes only below threshold
 * minus hysteresis, and only after `hold`. The detector sees a fall of
 * level within half a period of the signal (25 ms at most), so the gate
 * closes between hold and hold + half a period after the signal stops.
 *
 * Gain: target 1 (open) or 10^(range/20) (closed). Opening, a one-pole
 * on the linear gain toward 1: 63% of the way in `attack` ms. Closing,
 * an exponential decay g *= exp(-1/(release fs)) that stops exactly at
 * the range: the gain falls 63% (8.7 dB) per `release` ms, a constant
 * rate in dB, and reaches the range in finite time (mm_common.h's 63%
 * convention). Changes of range and threshold move through the same
 * paths: no clicks.
 *
 * Parameters (mm_gate_table, mm_param.h; set clamps and returns the
 * value applied): threshold dB [-60] (-100..0), range dB [-80] (-100..0),
 * attack ms [1] (0.01..500), hold ms [50] (0..5000), release ms [100]
 * (1..5000), hysteresis dB [3] (0..24).
 * Latency: none.
 */
#ifndef MM_GATE_H
#define MM_GATE_H

#include "mm_common.h"
#include "mm_envelope.h"
#include "mm_core.h"
#include "mm_param.h"

#define MM_GATE_MAXCH 8

typedef enum mm_gate_param {
    MM_GATE_THRESHOLD = 0,
    MM_GATE_RANGE,
    MM_GATE_ATTACK,
    MM_GATE_HOLD,
    MM_GATE_RELEASE,
    MM_GATE_HYSTERESIS,
    MM_GATE_NPARAMS
} mm_gate_param;

/* min, max, default: for wrappers' parameter tables */
#define MM_GATE_R_THRESHOLD -100, 0, -60
#define MM_GATE_R_RANGE -100, 0, -80
#define MM_GATE_R_ATTACK 0.01, 500, 1
#define MM_GATE_R_HOLD 0, 5000, 50
#define MM_GATE_R_RELEASE 1, 5000, 100
#define MM_GATE_R_HYSTERESIS 0, 24, 3

/* The rows strip~ shares with gate~ (there prefixed "gate"), each written
 * once here as ROW(name, id suffix, unit, range, flags, doc). */
#define MM_GATE_SHARED_ROWS(ROW)                                              \
    ROW("range", RANGE, "dB", MM_GATE_R_RANGE, 0, "gain when closed")         \
    ROW("attack", ATTACK, "ms", MM_GATE_R_ATTACK, 0, "63% time of opening")   \
    ROW("hold", HOLD, "ms", MM_GATE_R_HOLD, 0,                                \
        "stays open this long after the level fell")                          \
    ROW("release", RELEASE, "ms", MM_GATE_R_RELEASE, 0, "63% time of closing")

/* The table (mm_param.h): rows in mm_gate_param order. */
extern const mm_paramtable mm_gate_table;

typedef enum mm_gatesm_state {
    MM_GATESM_CLOSED = 0,
    MM_GATESM_OPEN,
    MM_GATESM_HOLD
} mm_gatesm_state;

/* The state machine alone (threshold, hysteresis, hold). */
typedef struct mm_gatesm {
    int state;
    long hold_left;
    long hold_samples;
    double open_lin, close_lin;
} mm_gatesm;

void mm_gatesm_init(mm_gatesm *s);
void mm_gatesm_set(mm_gatesm *s, double threshold_db, double hysteresis_db,
                   double hold_ms, double samplerate);

/* One sample of level (linear, >= 0); returns 1 while open (or holding). */
static inline int mm_gatesm_tick(mm_gatesm *s, double level)
{
    switch (s->state) {
    case MM_GATESM_CLOSED:
        if (level > s->open_lin)
            s->state = MM_GATESM_OPEN;
        break;
    case MM_GATESM_OPEN:
        if (level < s->close_lin) {
            s->hold_left = s->hold_samples;
            s->state = s->hold_left > 0 ? MM_GATESM_HOLD : MM_GATESM_CLOSED;
        }
        break;
    default: /* hold */
        if (level >= s->close_lin)
            s->state = MM_GATESM_OPEN;
        else if (--s->hold_left <= 0)
            s->state = MM_GATESM_CLOSED;
        break;
    }
    return s->state != MM_GATESM_CLOSED;
}

typedef struct mm_gate {
    int nch;
    double samplerate;
    double value[MM_GATE_NPARAMS];
    mm_gatesm sm;
    mm_envelope det[MM_GATE_MAXCH]; /* level detection per key channel */
    double a_att, a_rel;
    double closed_gain; /* 10^(range/20) */
    double gain;        /* current linear gain */
    long nonfinite;
} mm_gate;

int mm_gate_init(mm_gate *g, int nch, double samplerate);
void mm_gate_free(mm_gate *g);
/* Close the gate and clear the detector; parameters kept. The gain is
 * not jumped: it glides to the range with the release (no click). */
void mm_gate_reset(mm_gate *g);
/* Jump the gain to where the state says (creation: closed at range). */
void mm_gate_snap(mm_gate *g);
int mm_gate_set_samplerate(mm_gate *g, double samplerate);
double mm_gate_set(mm_gate *g, mm_gate_param p, double v);
double mm_gate_get(const mm_gate *g, mm_gate_param p);
int mm_gate_latency(const mm_gate *g);
/* in[nch] -> out[nch] (out may alias in, key may alias anything);
 * key NULL or key[nkey] (any number of key channels; the loudest
 * decides). */
void mm_gate_process(mm_gate *g, const float *const *in, float *const *out,
                     const float *const *key, int nkey, int n);
/* Attenuation now, dB (0 open .. range closed). */
double mm_gate_gain_db(const mm_gate *g);
int mm_gate_is_open(const mm_gate *g);

/* The lifecycle record: the table and the verbs above (mm_core.h). */
extern const mm_core mm_gate_core;

#endif
