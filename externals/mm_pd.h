/* mm_pd.h: the backbone every mixmaster object is built on.
 *
 * An object is a declaration (mm_objdef): its core's lifecycle record
 * (dsp/mm_core.h: the parameter table and the verbs init, set, process,
 * reset...), the functions that are truly its own (emit, messages with
 * their own arguments, a callback where it does more than the core's
 * verb), and a few words for the reference. mm_pd_class_new() makes the
 * Pd class from it. Every object then has, with no code of its own:
 *   - creation flags `-name value...` and messages `name value...` for
 *     every table row, clamped with one warning naming object, parameter
 *     and range; unknown words, missing or non-numeric arguments are
 *     errors that change nothing; the object is always created; a
 *     choice row's words may be numbers (hpfslope 12|24 takes the float
 *     message `hpfslope 24`);
 *   - the common rows: -ch (creation), -sidechain (MM_OBJ_SIDECHAIN),
 *     bypass and delta (MM_OBJ_SOUND), interval (MM_OBJ_METER), and the
 *     messages reset, latency, print and bang;
 *   - `print` posting every value as applied by the core (never the
 *     request), the info outlet that never emits inf or NaN, the meter
 *     clock;
 *   - the signal plumbing: one inlet and outlet per channel (plus a key
 *     inlet), or on Pd 0.54+ one multichannel signal on the first inlet
 *     and outlet (found at run time: see "multichannel" in mm_pd.c), a
 *     reference inlet per channel (MM_OBJ_REFERENCE), the
 *     dry path delayed by the object's latency for bypass and
 *     delta (crossfaded by mm_outmix), per-DSP buffers, and one failure
 *     behaviour: outputs silent, one error naming the object, the object
 *     still created.
 *
 * A whole wrapper (externals/gate~.c):
 *     static void gate_emit(void *o)
 *     {
 *         mm_pd_info(o, "gating", mm_gate_gain_db(mm_pd_core(o)));
 *     }
 *     MM_PD_OBJECT(gate, mm_gate, "noise gate / expander ...",
 *                  .features = MM_OBJ_SOUND | MM_OBJ_SIDECHAIN | MM_OBJ_METER,
 *                  .ch_def = 1, .info = gate_info, .emit = gate_emit);
 * An object with state of its own (multiband~) declares its struct,
 * starting with an mm_pdobj, and its objdef itself.
 */
#ifndef MM_PD_H
#define MM_PD_H

#include "m_pd.h"
#include "mm_core.h"
#include "mm_param.h"
#include "mm_outmix.h"
#include "mm_delay.h"
#include <stddef.h>

#if PD_FLOATSIZE != 32
#error "mixmaster is built for 32-bit float Pd (PD_FLOATSIZE 32)"
#endif

/* Externals are built with -fvisibility=hidden, so the core's symbols in
 * one binary never bind to another binary's copy; only the class setup
 * function is exported for Pd to find. */
#if defined(__GNUC__) && !defined(_WIN32)
#define MM_EXPORT __attribute__((visibility("default")))
#else
#define MM_EXPORT
#endif

#define MM_PD_MAXCH 8
#define MM_PD_MAXPARAMS 64
#define MM_PD_NOOUT (-1)
/* With MM_OBJ_OWNDELTA, set() receives the delta switch with this id. */
#define MM_PD_ID_DELTA (-4)

enum {
    MM_OBJ_SOUND = 1 << 0,     /* changes the sound: bypass, delta, dry path */
    MM_OBJ_SIDECHAIN = 1 << 1, /* -sidechain 0|1: a key inlet after the channels */
    MM_OBJ_METER = 1 << 2,     /* interval: emit() every interval ms */
    MM_OBJ_OWNDELTA = 1 << 3,  /* the object makes its own delta signal */
    MM_OBJ_REFERENCE = 1 << 4  /* one more inlet per channel after the
                                  channels: a reference (mm_pdobj's key[]) */
};

typedef struct mm_pdobj mm_pdobj;

/* A message of the object's own with its own arguments (band 2 bell ...).
 * The handler refuses bad arguments itself (mm_arg_* help). One handler
 * (and print) may serve several rows: it reads the row it serves now from
 * its mm_pdobj's `method`. */
typedef struct mm_pdmethod {
    const char *name;
    void (*handler)(void *x, int argc, t_atom *argv);
    void (*print)(void *x);    /* optional: its lines for `print` */
    const char *args;          /* "<band> <type> <Hz> <dB> <q>" */
    const char *doc;
    unsigned flags;            /* MM_P_NOFLAG: message only */
    /* the core's rows for the arguments, in order (the handler clamps to
     * them, the reference shows them), or NULL */
    const mm_paramtable *args_table;
} mm_pdmethod;

/* A picture the object draws into a Pd array: `<name> <array>` writes
 * `points` values now, and the backbone redraws it whenever a parameter,
 * a method or the sample rate changes. */
typedef struct mm_pdcurve {
    const char *name;          /* the message: "curve" */
    int points;
    void (*draw)(void *x, float *y, int n);
    const char *doc;           /* what the values are */
} mm_pdcurve;

#define MM_PD_MAXCURVES 2

/* One selector of the info outlet, for the reference. */
typedef struct mm_pdinfo {
    const char *selector;
    const char *args;          /* "<dB>" */
    const char *doc;
} mm_pdinfo;

/* The gain-reduction meter of comp~ and limiter~ (the core's take_gr). */
#define MM_PD_INFO_GR                                                      \
    {"gr", "<dB>", "deepest gain reduction since the last report (0 or "  \
     "below)"}

typedef struct mm_objdef {
    const char *name;          /* "comp~" */
    const char *summary;       /* one line */
    size_t size;               /* sizeof the wrapper's struct */
    unsigned features;         /* MM_OBJ_* */
    int ch_min, ch_max, ch_def;   /* -ch; min == max: fixed, no flag;
                                     0: 1, the core's maxch, ch_min */
    int outs;                  /* signal outlets: 0 = one per channel,
                                  N = N, MM_PD_NOOUT = none (a meter) */
    double interval_def;       /* MM_OBJ_METER: ms; 0: 50 */
    /* The core (dsp/mm_core.h): its table and verbs, and where its state
     * sits in the wrapper's struct. The backbone calls the verbs with
     * that state; a wrapper sets a callback below only where its object
     * does more than the core's verb (each callback replaces the verb). */
    const mm_core *core;
    size_t core_offset;
    const mm_pdmethod *methods;   /* NULL-name terminated, or NULL */
    const mm_pdinfo *info;        /* NULL-selector terminated */
    const mm_pdcurve *curves;     /* NULL-name terminated, or NULL */
    const char *inlets_doc;    /* extra words for the reference */
    /* Allocate and initialise the core when its init needs creation
     * arguments (read with mm_pd_value); 0 on failure (then the object is
     * created silent).
     * A row whose starting value differs per instance (dither~'s seed)
     * gets it here with mm_pd_note: the table's defaults are applied
     * next, with these values, then the creation flags. */
    int (*create)(void *x, double samplerate);
    void (*destroy)(void *x);
    /* Apply a table row to the core; return the value applied. */
    double (*set)(void *x, int id, double v);
    /* Set the sample rate (from the dsp method); 0 on failure. */
    int (*samplerate)(void *x, double samplerate);
    /* Per DSP start, after samplerate: allocate the object's own
     * block-sized buffers with mm_pd_buffer (optional). */
    int (*prepare)(void *x, int blocksize);
    void (*process)(void *x, const float *const *in, float *const *out,
                    const float *key, int n);
    void (*emit)(void *x);     /* meters to the info outlet */
    void (*reset)(void *x);
    int (*latency)(const void *x);    /* samples; NULL = 0 */
    int (*max_latency)(const void *x); /* the dry path's size; NULL = 0 */
    void (*snap)(void *x);     /* jump glides to targets (creation) */
} mm_objdef;

struct mm_pdobj {
    t_object obj;
    t_float f;
    const mm_objdef *def;
    int nch, sidechain, ok, creating;
    int nkeys;                 /* inlets after the channels: the key (1) or
                                  the reference (nch) */
    t_canvas *canvas;          /* the patch it was made in (for files) */
    const float *key[MM_PD_MAXCH]; /* their signals in perform */
    double samplerate;
    int blocksize;
    t_outlet *info;
    t_clock *clock;
    double interval_ms;
    mm_outmix mix;
    int bypass, delta;
    mm_delay dry[MM_PD_MAXCH];
    int drymax, latency;
    float *drybuf;             /* nch * blocksize */
    size_t drybytes;
    const float *in[MM_PD_MAXCH];
    float *out[MM_PD_MAXCH];
    t_float value[MM_PD_MAXPARAMS]; /* applied value of each table row */
    const mm_pdmethod *method; /* the row whose handler or print runs */
    t_symbol *curve[MM_PD_MAXCURVES]; /* arrays the curves follow */
};

/* The class, from the declaration (call from the setup function). */
t_class *mm_pd_class_new(const mm_objdef *def);

/* A wrapper's declaration, its struct and its Pd setup function in one:
 *     MM_PD_OBJECT(gate, mm_gate, "noise gate ...", .ch_def = 1, ...);
 * declares the class "gate~" on the core mm_gate (its state and the
 * record mm_gate_core), the struct t_gate_tilde (mm_pdobj, then the
 * core's state), and gate_tilde_setup(), which Pd calls when it loads
 * gate~. The rest are mm_objdef fields. An object with state of its own
 * beside the core's declares its struct and objdef itself. */
#define MM_PD_OBJECT(obj, core_type, summary_text, ...)                    \
    typedef struct obj##_tilde {                                           \
        mm_pdobj x_mm;                                                     \
        core_type x_core;                                                  \
    } t_##obj##_tilde;                                                     \
    static const mm_objdef obj##_def = {                                   \
        .name = #obj "~", .summary = (summary_text),                       \
        .size = sizeof(t_##obj##_tilde), .core = &core_type##_core,        \
        .core_offset = offsetof(t_##obj##_tilde, x_core), __VA_ARGS__};    \
    MM_EXPORT void obj##_tilde_setup(void) { mm_pd_class_new(&obj##_def); } \
    MM_EXPORT void obj##_tilde_setup(void)

/* The core's state inside an object (for callbacks and emit). */
static inline void *mm_pd_core(const void *x)
{
    const mm_pdobj *o = x;
    return (char *)x + o->def->core_offset;
}
/* Every declaration made in this binary (the reference tool, fuzzers). */
int mm_pd_registry(const mm_objdef *const **defs);

/* The rows the backbone adds before (ch, sidechain) and after (bypass,
 * delta, interval) the core's rows; `reset`, `latency`, `print` and
 * `bang` are messages of every object. Returns the number of rows. */
int mm_pd_common_rows(const mm_objdef *def, mm_paramdef *head, int *nhead,
                      mm_paramdef *tail, int *ntail);

/* The messages every object has besides its rows and methods (reset,
 * latency, print, bang), with their words for the reference; NULL-name
 * terminated. */
const mm_pdmethod *mm_pd_common_methods(void);

/* The applied value of a table row, by id (creation flags too). */
t_float mm_pd_value(const void *x, int id);
/* The value of any row by name, the common ones too (bypass, delta,
 * interval, ch, sidechain); 0 for a name the object does not have. For
 * tools and tests that read an object back. */
t_float mm_pd_get(const void *x, const char *name);
/* Set a table row as a message would (clamping, warning, print value). */
void mm_pd_set(void *x, int id, t_float v);
/* Record a value the core changed by itself (e.g. refused a mode), or,
 * in create, a row's starting value for this instance. */
void mm_pd_note(void *x, int id, t_float v);
/* Mark the object failed: outputs silent from now on, one error. */
void mm_pd_fail(void *x, const char *why);
/* A block-sized (or any) buffer of floats kept across DSP restarts and
 * freed with the object: (re)allocated here, in prepare(), never in
 * perform. Returns 0 (and fails the object) when out of memory. */
typedef struct mm_pdbuf {
    float *data;
    size_t count;
} mm_pdbuf;
int mm_pd_buffer(void *x, mm_pdbuf *b, size_t count);
void mm_pd_buffer_free(mm_pdbuf *b);
/* Draw every curve into its array now (an object whose picture changes
 * without a message, e.g. while it learns, calls this from emit). */
void mm_pd_redraw_curves(void *x);
/* The latency changed (e.g. a lookahead message): re-time the dry path
 * and report it. */
void mm_pd_latency_changed(void *x);

/* Argument helpers for methods: each posts a clear error and returns 0
 * when the argument is missing or of the wrong type. */
int mm_pd_arg_float(void *x, const char *msg, int argc, t_atom *argv, int i,
                 t_float *out);
int mm_pd_arg_symbol(void *x, const char *msg, int argc, t_atom *argv, int i,
                  t_symbol **out);
/* A list of numbers (`xover 120 1000 6000`): argv[0..argc) into out,
 * each clamped to min..max with one warning naming msg; with `ascending`
 * each must be above the one before. Returns 0 after one error (nothing
 * to apply) when one is missing, not a number or out of order; the
 * caller checks the count. */
int mm_pd_arg_floats(void *x, const char *msg, int argc, t_atom *argv,
                     double min, double max, const char *unit,
                     int ascending, double *out);
/* Clamp with one warning naming the object; returns the value applied. */
t_float mm_pd_clamp_warn(void *x, const char *what, t_float v, t_float min,
                      t_float max, const char *unit);

/* Info outlet: `selector value...`; non-finite values become -144. */
void mm_pd_info(void *x, const char *sel, double v);
void mm_pd_info_list(void *x, const char *sel, int n, const double *v);

/* Write n values into the Pd array `name` (resized to n) and redraw it:
 * for `curve <array>` pictures. Posts an error naming the object and
 * returns 0 when there is no such array. */
int mm_pd_array_write(void *x, t_symbol *name, const float *values, int n);

/* The object's name, for messages ("comp~"). */
const char *mm_pd_name(const void *x);

#endif
