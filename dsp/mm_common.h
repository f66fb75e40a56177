/* mm_common.h: small helpers every core module uses.
 *
 * - Result codes: MM_OK (0) or a negative MM_E_* code.
 * - dB <-> linear gain (20 log10), with the library floor MM_FLOOR_DB
 *   (-144 dB) standing in for silence, never -inf.
 * - Finiteness by bit pattern: pd-lib-builder compiles with -ffast-math,
 *   under which isnan()/isfinite() may be folded to constants.
 * - Denormal flushing of recursive state, once per block (Pd's
 *   PD_BIGORSMALL idea, without relying on FTZ/DAZ).
 *
 * Time constants in this library are 63% times: a one-pole with time
 * constant tau covers 1 - 1/e of a step in tau.
 */
#ifndef MM_COMMON_H
#define MM_COMMON_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MM_OK 0
#define MM_E_NOMEM (-1)
#define MM_E_RANGE (-2)
#define MM_E_ARG (-3)

#define MM_FLOOR_DB (-144.0)
/* 10^(-144/20): linear gain of the floor */
#define MM_FLOOR_GAIN 6.30957344480193e-08

#define MM_PI 3.14159265358979323846

static inline double mm_db_to_gain(double db)
{
    if (!(db > MM_FLOOR_DB)) /* also NaN */
        return 0.0;
    return pow(10.0, (db > 600.0 ? 600.0 : db) / 20.0);
}

static inline int mm_isfinite_d(double d);

/* Linear magnitude to dB, never below the floor, never inf/NaN: a value
 * that is not a number (NaN, inf) was not measured and reads the floor. */
static inline double mm_gain_to_db(double g)
{
    g = fabs(g);
    if (!(g > MM_FLOOR_GAIN) || !mm_isfinite_d(g))
        return MM_FLOOR_DB;
    if (g > 1e30)
        return 600.0;
    return 20.0 * log10(g);
}

/* Power (mean square) to dB (10 log10), with the same floor. */
static inline double mm_power_to_db(double p)
{
    if (!(p > MM_FLOOR_GAIN * MM_FLOOR_GAIN) || !mm_isfinite_d(p))
        return MM_FLOOR_DB;
    if (p > 1e60)
        return 600.0;
    return 10.0 * log10(p);
}

static inline int mm_isfinite_f(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return (u & 0x7f800000u) != 0x7f800000u;
}

static inline int mm_isfinite_d(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return (u & 0x7ff0000000000000ull) != 0x7ff0000000000000ull;
}

/* Zero a value whose magnitude is below 1e-30 (denormal territory and the
 * long tails before it) or that is not finite. Call once per block on
 * recursive state; returns the flushed value. */
static inline double mm_flush_d(double d)
{
    if (!mm_isfinite_d(d) || fabs(d) < 1e-30)
        return 0.0;
    return d;
}

static inline float mm_flush_f(float f)
{
    if (!mm_isfinite_f(f) || fabsf(f) < 1e-30f)
        return 0.0f;
    return f;
}

/* Sanitize one input sample: non-finite becomes 0. Returns 1 if it was
 * non-finite, so callers can count and reset. */
static inline int mm_sanitize_f(float *f)
{
    if (!mm_isfinite_f(*f)) {
        *f = 0.0f;
        return 1;
    }
    return 0;
}

static inline double mm_clamp_d(double v, double lo, double hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

/* *slot (a pointer to any object pointer) becomes a new zeroed block of
 * count x size bytes and the old block is freed; on failure *slot is
 * kept and MM_E_NOMEM returned. */
static inline int mm_renew_zeroed(void *slot, size_t count, size_t size)
{
    void *fresh = calloc(count, size), *old;
    if (!fresh)
        return MM_E_NOMEM;
    memcpy(&old, slot, sizeof old);
    free(old);
    memcpy(slot, &fresh, sizeof fresh);
    return MM_OK;
}

/* A rate a module can run at: a positive finite one as given, anything
 * else (0, negative, NaN, inf) the 48 kHz a module falls back to. */
static inline double mm_samplerate_or_default(double samplerate)
{
    return samplerate > 0.0 && mm_isfinite_d(samplerate) ? samplerate
                                                         : 48000.0;
}

/* One-pole coefficient for a 63% time constant in ms at a sample rate:
 * y += (1 - a) (x - y) with a = exp(-1 / (tau * fs)). tau <= 0 gives 0
 * (instant). */
static inline double mm_onepole_coef(double tau_ms, double samplerate)
{
    if (tau_ms <= 0.0 || samplerate <= 0.0)
        return 0.0;
    return exp(-1000.0 / (tau_ms * samplerate));
}

#endif
