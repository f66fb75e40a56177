/* mm_pdlegacy.h: the previous parameter backbone, kept only while the
 * wrappers move to mm_pd.h (deleted when the last one has moved).
 *
 * An object declares its parameters once, in a table of mm_param. From
 * that table it gets, with no further code:
 *   - creation flags `-name value...` and messages `name value...`, the
 *     same name, units and range (contract convention 1);
 *   - clamping with one warning naming object, parameter and range (3);
 *   - errors for unknown words, missing or non-numeric arguments, with
 *     nothing changed (3);
 *   - `print` posting every parameter and its value (10);
 *   - the info outlet helpers that never emit inf or NaN (5, 6).
 *
 * Kinds: FLOAT and INT (clamped to min..max; INT rounds), BOOL (0|1),
 * CHOICE (one word from `choices`; the setter receives its index), and
 * METHOD (a message with its own argument handling, e.g. `band 2 bell
 * 1000 3 1`; the handler must refuse bad arguments itself, and may use
 * the mm_arg_* helpers below).
 *
 * Flags: MM_PF_CREATION (a creation flag only, e.g. -ch: read by the
 * object with mm_flag_int before it allocates; as a message it is an
 * error), MM_PF_NOFLAG (a message only, e.g. reset), MM_PF_OFF (the value
 * `offval`, outside min..max, is accepted and means off, e.g. hpf 0).
 */
#ifndef MM_PDLEGACY_H
#define MM_PDLEGACY_H

#include "m_pd.h"

#if PD_FLOATSIZE != 32
#error "mixmaster is built for 32-bit float Pd (PD_FLOATSIZE 32)"
#endif

/* Externals are built with -fvisibility=hidden, so the core's symbols in
 * one binary never bind to another binary's copy; only the class setup
 * function is exported for Pd to find. */
#ifndef MM_EXPORT
#if defined(__GNUC__) && !defined(_WIN32)
#define MM_EXPORT __attribute__((visibility("default")))
#else
#define MM_EXPORT
#endif
#endif

#define MM_PARAMS_MAX 64

typedef enum mm_param_kind {
    MM_FLOAT,
    MM_INT,
    MM_BOOL,
    MM_CHOICE,
    MM_METHOD
} mm_param_kind;

enum {
    MM_PF_CREATION = 1 << 0,
    MM_PF_NOFLAG = 1 << 1,
    MM_PF_OFF = 1 << 2,
    MM_PF_NOPRINT = 1 << 3
};

typedef void (*mm_setter)(void *x, t_float value);
typedef void (*mm_handler)(void *x, t_symbol *s, int argc, t_atom *argv);
typedef void (*mm_printer)(void *x);

typedef struct mm_param {
    const char *name;
    mm_param_kind kind;
    const char *unit;             /* "dB", "ms", "Hz", "%", "LUFS", "" */
    t_float min, max, def;
    unsigned flags;
    t_float offval;               /* with MM_PF_OFF */
    const char *const *choices;   /* MM_CHOICE: NULL-terminated */
    mm_setter set;                /* FLOAT, INT, BOOL, CHOICE */
    mm_handler method;            /* METHOD */
    mm_printer print;             /* METHOD: optional, for `print` */
    const char *doc;              /* one line, for print and help */
} mm_param;

typedef struct mm_params {
    void *owner;                  /* the t_object, for pd_error */
    const char *objname;          /* "limiter~" */
    const mm_param *table;
    int count;
    t_float value[MM_PARAMS_MAX]; /* current value of scalar kinds */
} mm_params;

/* Bind a table; values start at their defaults (setters are not called:
 * use mm_params_apply_defaults once the core is ready). */
void mm_params_init(mm_params *p, void *owner, const char *objname,
                    const mm_param *table, int count);
/* Call every scalar setter with the default value. */
void mm_params_apply_defaults(mm_params *p);
/* Creation arguments: `-name value...` groups, routed like messages.
 * Unknown flags and stray arguments post errors; nothing else changes. */
void mm_params_parse_flags(mm_params *p, int argc, t_atom *argv);
/* A message to the leftmost inlet. Returns 1 when the name is known
 * (even if its arguments were refused), 0 after posting "unknown
 * message". `print` is built in. */
int mm_params_dispatch(mm_params *p, t_symbol *s, int argc, t_atom *argv);
/* Set a scalar parameter as a message would (with clamping). */
void mm_params_set(mm_params *p, const char *name, t_float value);
t_float mm_params_get(const mm_params *p, const char *name);
/* Record a value without calling the setter (creation-only flags read
 * with mm_flag_int, so that print shows them). */
void mm_params_note(mm_params *p, const char *name, t_float value);
void mm_params_print(mm_params *p);
const mm_param *mm_params_find(const mm_params *p, const char *name);

/* A creation-only integer flag read before allocation (e.g. -ch 2).
 * Clamped with one warning. */
int mm_flag_int(void *owner, const char *objname, int argc, t_atom *argv,
                const char *flag, int def, int min, int max);

/* Argument helpers for METHOD handlers: each posts a clear error and
 * returns 0 when the argument is missing or of the wrong type. */
int mm_arg_float(void *owner, const char *objname, const char *msg,
                 int argc, t_atom *argv, int i, t_float *out);
int mm_arg_symbol(void *owner, const char *objname, const char *msg,
                  int argc, t_atom *argv, int i, t_symbol **out);
/* Clamp with one warning; returns the value applied. */
t_float mm_clamp_warn(void *owner, const char *objname, const char *what,
                      t_float v, t_float min, t_float max, const char *unit);

/* Info outlet: `selector value...`; non-finite values become -144. */
void mm_info_float(t_outlet *o, const char *sel, double v);
void mm_info_list(t_outlet *o, const char *sel, int n, const double *v);

/* Write n values into the Pd array `name` (resized to n if needed) and
 * redraw it: for `curve <arrayname>` pictures. Posts an error naming the
 * object and returns 0 when there is no such array. */
int mm_array_write(void *owner, const char *objname, t_symbol *name,
                   const float *values, int n);

/* A meter clock: calls emit(owner) every interval ms (0 = only when the
 * object calls emit itself, e.g. on bang). */
typedef struct mm_meter {
    t_clock *clock;
    void *owner;
    void (*emit)(void *owner);
    double interval_ms;
} mm_meter;

void mm_meter_init(mm_meter *m, void *owner, void (*emit)(void *owner),
                   double interval_ms);
void mm_meter_set_interval(mm_meter *m, double interval_ms);
void mm_meter_free(mm_meter *m);

#endif
