/* mm_core.h: a core module's lifecycle as one record.
 *
 * Every module that processes sound speaks the same verbs:
 *   init(state, nch, samplerate)   allocate for nch channels; MM_OK
 *   free(state)
 *   set(state, id, v)              a row of the module's table; returns
 *                                  the value applied
 *   set_samplerate(state, sr)      may reallocate (never in process); MM_OK
 *   reset(state)                   clear envelopes and meters, keep
 *                                  parameters; real-time safe
 *   snap(state)                    jump gliding values to their targets
 *   process(state, in, out, key, n)
 *   latency(state), max_latency(state)   samples
 * An mm_core holds them with the module's table, so a host (the Pd
 * backbone, a tool) drives every module the same way and no wrapper
 * restates them. The MM_CORE_* macros below turn a module's typed verbs
 * (mm_gate_init(mm_gate *, ...)) into the record's untyped ones; a module
 * whose verb differs (extra creation arguments, a key of its own shape)
 * writes that one adapter by hand or leaves it NULL.
 */
#ifndef MM_CORE_H
#define MM_CORE_H

#include "mm_param.h"

typedef struct mm_core {
    const mm_paramtable *table;
    int maxch;
    /* NULL: the module needs creation arguments; its host calls the
     * module's own init */
    int (*init)(void *state, int nch, double samplerate);
    void (*free)(void *state);
    double (*set)(void *state, int id, double v);
    int (*set_samplerate)(void *state, double samplerate);
    void (*reset)(void *state);
    void (*snap)(void *state);            /* NULL: nothing glides */
    /* in[nch] -> out[nch]; key: one sidechain channel or NULL */
    void (*process)(void *state, const float *const *in, float *const *out,
                    const float *key, int n);
    int (*latency)(const void *state);    /* NULL: always 0 */
    int (*max_latency)(const void *state); /* NULL: latency() */
} mm_core;

/* The verbs every module has, named mm_<mod>_<verb>: init, free, set,
 * set_samplerate (returning MM_OK), reset. */
#define MM_CORE_VERBS(mod)                                                  \
    static int mod##_core_init(void *s, int nch, double sr)                 \
    { return mm_##mod##_init((mm_##mod *)s, nch, sr); }                     \
    MM_CORE_VERBS_NOINIT(mod)

#define MM_CORE_VERBS_NOINIT(mod)                                           \
    static void mod##_core_free(void *s) { mm_##mod##_free((mm_##mod *)s); } \
    static double mod##_core_set(void *s, int id, double v)                 \
    { return mm_##mod##_set((mm_##mod *)s, (mm_##mod##_param)id, v); }      \
    static int mod##_core_rate(void *s, double sr)                          \
    { return mm_##mod##_set_samplerate((mm_##mod *)s, sr); }                \
    static void mod##_core_reset(void *s)                                   \
    { (void)mm_##mod##_reset((mm_##mod *)s); }

/* Optional verbs, each when the module has it. */
#define MM_CORE_SNAP(mod)                                                   \
    static void mod##_core_snap(void *s) { mm_##mod##_snap((mm_##mod *)s); }
#define MM_CORE_LATENCY(mod)                                                \
    static int mod##_core_latency(const void *s)                            \
    { return mm_##mod##_latency((const mm_##mod *)s); }                     \
    static int mod##_core_max_latency(const void *s)                        \
    { return mm_##mod##_max_latency((const mm_##mod *)s); }
/* process(state, in, out, n): no key */
#define MM_CORE_PROCESS(mod)                                                \
    static void mod##_core_process(void *s, const float *const *in,         \
                                   float *const *out, const float *key,     \
                                   int n)                                   \
    { (void)key; mm_##mod##_process((mm_##mod *)s, in, out, n); }

/* The record's fields for the verbs above. */
#define MM_CORE_FIELDS(mod)                                                 \
    .init = mod##_core_init, MM_CORE_FIELDS_NOINIT(mod)
#define MM_CORE_FIELDS_NOINIT(mod)                                          \
    .table = &mm_##mod##_table, .free = mod##_core_free,                    \
    .set = mod##_core_set, .set_samplerate = mod##_core_rate,               \
    .reset = mod##_core_reset

#endif
