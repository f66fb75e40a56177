/* mm_param.h: how a core module declares its parameters, once.
 *
 * Every module that has user parameters exports one table of
 * mm_paramdef rows (name, id, type, unit, range, default, flags, doc) and
 * one entry `double mm_<module>_set(state, id, value)` that clamps with
 * mm_param_apply and returns the value applied. The Pd layer (flags,
 * messages, print), the fuzzers, the reference pages and the help
 * generator all read the same table, so no range is written twice.
 *
 * Types: FLOAT and INT (clamped to min..max; INT rounds to the nearest
 * integer), BOOL (0 or 1), CHOICE (an index into `choices`; Pd shows the
 * word). Flags: MM_P_CREATION (fixed at creation, e.g. bands), MM_P_OFF
 * (`offval`, outside min..max, means off: hpf 0), MM_P_NOFLAG (a message,
 * never a creation flag), MM_P_PERINSTANCE (the host picks each instance's
 * starting value; `def` is only what the core takes without one).
 */
#ifndef MM_PARAM_H
#define MM_PARAM_H

typedef enum mm_ptype {
    MM_P_FLOAT,
    MM_P_INT,
    MM_P_BOOL,
    MM_P_CHOICE
} mm_ptype;

enum {
    MM_P_CREATION = 1 << 0,
    MM_P_OFF = 1 << 1,
    MM_P_NOFLAG = 1 << 2,
    MM_P_PERINSTANCE = 1 << 3 /* its default differs per instance (a seed) */
};

typedef struct mm_paramdef {
    const char *name;
    int id;                     /* passed to the module's set */
    mm_ptype type;
    const char *unit;           /* "dB", "ms", "Hz", "%", "" */
    double min, max, def;
    unsigned flags;
    double offval;              /* with MM_P_OFF */
    const char *const *choices; /* CHOICE: NULL-terminated words */
    const char *doc;            /* one line: what it does */
} mm_paramdef;

typedef struct mm_paramtable {
    const char *module;         /* "comp" */
    const mm_paramdef *defs;
    int count;
} mm_paramtable;

#define MM_PARAMTABLE(module, rows) \
    {module, rows, (int)(sizeof rows / sizeof rows[0])}

/* The value a request turns into: clamped, rounded (INT), 0|1 (BOOL), a
 * valid index (CHOICE), offval kept (OFF). NaN gives the default. */
double mm_param_apply(const mm_paramdef *d, double v);
/* 1 when mm_param_apply changes v beyond rounding (out of range). */
int mm_param_out_of_range(const mm_paramdef *d, double v);
/* The start of every module's set: when id is a row of t, clamp *v with
 * it (mm_param_apply) and return 1; else 0. */
int mm_param_take(const mm_paramtable *t, int id, double *v);
const mm_paramdef *mm_param_find(const mm_paramtable *t, const char *name);
const mm_paramdef *mm_param_by_id(const mm_paramtable *t, int id);
int mm_param_nchoices(const mm_paramdef *d);
/* value[id] = the row's default, for every row of t with id < n: a
 * module's starting state, read from its table. */
void mm_param_defaults(const mm_paramtable *t, double *value, int n);

#endif
