/* test_loudness.c: the loudness meter (dsp/mm_loudness.h) against
 * ITU-R BS.1770-4 / EBU R128 theory.
 *
 * A 1 kHz sine of peak A in each of L and R reads 20 log10(A) LUFS (the
 * -0.691 offset cancels the K-weighting gain at 1 kHz; EBU Tech 3341
 * case 1), so -23 dBFS peak reads -23 LUFS momentary, short-term and
 * integrated. A single channel of it reads 3.01 LU less, a surround
 * channel (weight 1.41) 1.49 LU more than that, an unused one nothing.
 * Silence reads the floor (-144), never inf/NaN. A reset meter reads
 * bit for bit what a new one reads, and reset allocates nothing. Only the
 * public API of mm_loudness.h is used, except the non-finite counter (a
 * struct field: there is no accessor yet).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm_loudness.h"
#include "mmtest.h"

/* Allocation counting for the reset test: this binary's malloc, calloc
 * and realloc (which libebur128 calls too) count while `counting` is set.
 * glibc only, and not under AddressSanitizer (which owns malloc). */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MM_TEST_NO_ALLOC_COUNT
#endif
#endif
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) \
    && !defined(MM_TEST_NO_ALLOC_COUNT)
#define MM_TEST_ALLOC_COUNT 1
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
static int counting;
static long allocations;
void *malloc(size_t n)
{
    allocations += counting;
    return __libc_malloc(n);
}
void *calloc(size_t n, size_t size)
{
    allocations += counting;
    return __libc_calloc(n, size);
}
void *realloc(void *p, size_t n)
{
    allocations += counting;
    return __libc_realloc(p, n);
}
#endif

#define A_M23 0.0707945784384138   /* 10^(-23/20): -23 dBFS peak */
#define MONO_OFFSET (-3.010299956639812)      /* one of two channels */
#define SURROUND_GAIN_DB 1.4921441283041692   /* 10 log10(1.41) */

static mm_loudness *new_meter(int nch, double sr)
{
    /* large (histograms): on the heap */
    mm_loudness *l = calloc(1, sizeof *l);
    assert_non_null(l);
    assert_int_equal(mm_loudness_init(l, nch, sr), MM_OK);
    return l;
}

static void delete_meter(mm_loudness *l)
{
    mm_loudness_free(l);
    free(l);
}

/* A test signal: per channel a sine of peak amp[c] (0 = silent) at
 * freq[c] Hz; with `steps`, the amplitudes also step through a level
 * pattern every 1.3 s (a non-stationary signal for the block tests). */
typedef struct signal {
    int nch;
    double sr;
    double amp[MM_LOUDNESS_MAXCH];
    double freq[MM_LOUDNESS_MAXCH];
    int steps;
    long pos; /* samples generated so far */
} signal;

static void signal_init(signal *s, int nch, double sr, double amp,
                        double freq)
{
    memset(s, 0, sizeof *s);
    s->nch = nch;
    s->sr = sr;
    for (int c = 0; c < nch; c++) {
        s->amp[c] = amp;
        s->freq[c] = freq;
    }
}

static double signal_value(const signal *s, int c, long n)
{
    double a = s->amp[c];
    if (s->steps) {
        static const double pattern_db[] = {0, -12, -3, -30, -6, -80, -1};
        long seg = (long)((double)n / (1.3 * s->sr));
        a *= pow(10.0, pattern_db[seg % 7] / 20.0);
    }
    return a * sin(2.0 * MM_PI * s->freq[c] * (double)n / s->sr);
}

/* Feed `len` samples of the signal in blocks of `bs`. */
static void feed(mm_loudness *l, signal *s, long len, int bs)
{
    float *buf = malloc((size_t)s->nch * (size_t)bs * sizeof *buf);
    const float *in[MM_LOUDNESS_MAXCH];
    assert_non_null(buf);
    for (int c = 0; c < s->nch; c++)
        in[c] = buf + (size_t)c * (size_t)bs;
    while (len > 0) {
        int n = len < bs ? (int)len : bs;
        for (int c = 0; c < s->nch; c++)
            for (int i = 0; i < n; i++)
                buf[(size_t)c * (size_t)bs + (size_t)i] =
                    (float)signal_value(s, c, s->pos + i);
        mm_loudness_process(l, in, n);
        s->pos += n;
        len -= n;
    }
    free(buf);
}

static void feed_seconds(mm_loudness *l, signal *s, double seconds)
{
    feed(l, s, (long)(seconds * s->sr + 0.5), 64);
}

/* Every reading finite; the loudness ones at or above the floor. */
static void check_finite(const mm_loudness_readings *r)
{
    const double v[] = {r->momentary, r->shortterm, r->integrated, r->lra,
                        r->samplepeak, r->truepeak};
    const char *name[] = {"momentary", "shortterm", "integrated", "lra",
                          "samplepeak", "truepeak"};
    for (int i = 0; i < 6; i++) {
        if (!mm_isfinite_d(v[i]) || (i != 3 && v[i] < MM_FLOOR_DB)) {
            print_error("%s = %g: not finite or below the floor\n", name[i],
                        v[i]);
            fail();
        }
    }
}

static void check_all_floor(const mm_loudness_readings *r, const char *when)
{
    const double v[] = {r->momentary, r->shortterm, r->integrated, r->lra,
                        r->samplepeak, r->truepeak};
    const char *name[] = {"momentary", "shortterm", "integrated", "lra",
                          "samplepeak", "truepeak"};
    for (int i = 0; i < 6; i++) {
        if (!(v[i] == MM_FLOOR_DB)) {
            print_error("%s: %s = %g, expected the floor %g\n", when,
                        name[i], v[i], MM_FLOOR_DB);
            fail();
        }
    }
}

static void check_msi(const mm_loudness_readings *r, double expect,
                      double tol)
{
    CHECK_NEAR(r->momentary, expect, tol);
    CHECK_NEAR(r->shortterm, expect, tol);
    CHECK_NEAR(r->integrated, expect, tol);
}

/* ---- calibration --------------------------------------------------- */

static void test_sine_minus23(void **state)
{
    (void)state;
    const double rates[] = {44100, 48000};
    for (int k = 0; k < 2; k++) {
        mm_loudness *l = new_meter(2, rates[k]);
        signal s;
        signal_init(&s, 2, rates[k], A_M23, 1000.0);
        feed_seconds(l, &s, 20.0);
        mm_loudness_readings r;
        mm_loudness_read(l, &r);
        check_finite(&r);
        check_msi(&r, -23.0, 0.1);
        /* a steady tone has no loudness range */
        CHECK_NEAR(r.lra, 0.0, 0.1);
        /* peaks: the sample peak of a 1 kHz sine is within 0.01 dB of
         * its amplitude at these rates, the true peak closer */
        CHECK_NEAR(r.samplepeak, -23.0, 0.02);
        CHECK_NEAR(r.truepeak, -23.0, 0.01);
        assert_true(r.truepeak >= r.samplepeak);
        delete_meter(l);
    }
}

static void test_level_tracks(void **state)
{
    (void)state;
    /* the same at other levels: 1 dB of signal is 1 LU */
    const double levels[] = {-40.0, -10.0, -3.0};
    for (int k = 0; k < 3; k++) {
        mm_loudness *l = new_meter(2, 48000);
        signal s;
        signal_init(&s, 2, 48000, pow(10.0, levels[k] / 20.0), 1000.0);
        feed_seconds(l, &s, 6.0);
        mm_loudness_readings r;
        mm_loudness_read(l, &r);
        check_msi(&r, levels[k], 0.1);
        delete_meter(l);
    }
}

static void test_set_samplerate(void **state)
{
    (void)state;
    /* made at one rate, run at another: the new rate's filters */
    mm_loudness *l = new_meter(2, 44100);
    assert_int_equal(mm_loudness_set_samplerate(l, 48000), MM_OK);
    signal s;
    signal_init(&s, 2, 48000, A_M23, 1000.0);
    feed_seconds(l, &s, 5.0);
    mm_loudness_readings r;
    mm_loudness_read(l, &r);
    check_msi(&r, -23.0, 0.1);
    assert_true(mm_loudness_set_samplerate(l, 0.0) < 0);
    delete_meter(l);
}

/* ---- silence, bad input ---------------------------------------------- */

static void test_silence_is_floor(void **state)
{
    (void)state;
    const double rates[] = {44100, 48000};
    for (int k = 0; k < 2; k++) {
        mm_loudness *l = new_meter(2, rates[k]);
        mm_loudness_readings r;
        mm_loudness_read(l, &r);
        check_all_floor(&r, "before any input");
        signal s;
        signal_init(&s, 2, rates[k], 0.0, 1000.0);
        feed_seconds(l, &s, 0.2);
        mm_loudness_read(l, &r);
        check_all_floor(&r, "0.2 s of silence");
        feed_seconds(l, &s, 5.0);
        mm_loudness_read(l, &r);
        check_all_floor(&r, "5 s of silence");
        delete_meter(l);
    }
    /* denormal "silence" reads the floor too */
    mm_loudness *l = new_meter(2, 48000);
    signal s;
    signal_init(&s, 2, 48000, 1e-40, 1000.0);
    feed_seconds(l, &s, 5.0);
    mm_loudness_readings r;
    mm_loudness_read(l, &r);
    check_all_floor(&r, "denormal input");
    delete_meter(l);
    /* before the windows are full a signal reads the floor, not a
     * partial window */
    l = new_meter(2, 48000);
    signal_init(&s, 2, 48000, A_M23, 1000.0);
    feed_seconds(l, &s, 0.3);
    mm_loudness_read(l, &r);
    check_finite(&r);
    assert_true(r.momentary == MM_FLOOR_DB);
    assert_true(r.shortterm == MM_FLOOR_DB);
    feed_seconds(l, &s, 0.2); /* 0.5 s: momentary, not yet short-term */
    mm_loudness_read(l, &r);
    CHECK_NEAR(r.momentary, -23.0, 0.1);
    assert_true(r.shortterm == MM_FLOOR_DB);
    delete_meter(l);
}

static void test_nonfinite_input(void **state)
{
    (void)state;
    const float nan = mmt_f_from_bits(0x7fc00000u), inf = mmt_f_from_bits(0x7f800000u);
    mm_loudness *l = new_meter(2, 48000);
    signal s;
    signal_init(&s, 2, 48000, A_M23, 1000.0);
    feed_seconds(l, &s, 5.0);
    /* one 64-sample block with 10 NaN on the left, 5 +inf and 5 -inf on
     * the right; the rest is the sine */
    float left[64], right[64];
    for (int i = 0; i < 64; i++) {
        left[i] = (float)signal_value(&s, 0, s.pos + i);
        right[i] = (float)signal_value(&s, 1, s.pos + i);
    }
    for (int i = 0; i < 10; i++)
        left[3 + 6 * i] = i % 2 ? -nan : nan;
    for (int i = 0; i < 5; i++) {
        right[1 + 4 * i] = inf;
        right[30 + 4 * i] = -inf;
    }
    const float *in[2] = {left, right};
    unsigned long before = mm_loudness_nonfinite(l);
    mm_loudness_process(l, in, 64);
    s.pos += 64;
    assert_int_equal(mm_loudness_nonfinite(l) - before, 20);
    mm_loudness_readings r;
    mm_loudness_read(l, &r);
    check_finite(&r);
    CHECK_NEAR(r.samplepeak, -23.0, 0.02);
    feed_seconds(l, &s, 15.0);
    mm_loudness_read(l, &r);
    check_finite(&r);
    check_msi(&r, -23.0, 0.1);
    CHECK_NEAR(r.samplepeak, -23.0, 0.02);
    /* the true peak is that of the sanitised signal: zeroed samples in a
     * sine ring (sinc side lobes), so only bounds: at least the sample
     * peak, and nowhere near inf (20 zeroed samples of amplitude A add
     * at most about 20 x 0.22 A of side lobes: +14 dB) */
    assert_true(r.truepeak >= r.samplepeak);
    assert_true(r.truepeak < -23.0 + 14.0);
    assert_int_equal(mm_loudness_nonfinite(l) - before, 20);

    /* a whole second of NaN on both channels: counted, read as silence,
     * and the meter recovers */
    float *bad = malloc(48000 * sizeof *bad);
    assert_non_null(bad);
    for (int i = 0; i < 48000; i++)
        bad[i] = i % 3 ? nan : -inf;
    const float *bin[2] = {bad, bad};
    before = mm_loudness_nonfinite(l);
    for (int i = 0; i < 48000; i += 1000)
        mm_loudness_process(l, bin, 1000);
    assert_int_equal(mm_loudness_nonfinite(l) - before, 2 * 48000);
    mm_loudness_read(l, &r);
    check_finite(&r);
    assert_true(r.momentary == MM_FLOOR_DB); /* the last 400 ms were 0 */
    s.pos += 48000;
    feed_seconds(l, &s, 10.0);
    mm_loudness_read(l, &r);
    check_finite(&r);
    CHECK_NEAR(r.momentary, -23.0, 0.1);
    CHECK_NEAR(r.shortterm, -23.0, 0.1);
    /* a 1 s gap only adds a few partial blocks */
    CHECK_NEAR(r.integrated, -23.0, 0.3);
    CHECK_NEAR(r.samplepeak, -23.0, 0.02);
    free(bad);
    delete_meter(l);
}

/* ---- pause, reset ---------------------------------------------------- */

static void test_pause(void **state)
{
    (void)state;
    const double a13 = pow(10.0, -13.0 / 20.0);
    /* control: without pause, 10 s at -23 then 10 s at -13 */
    mm_loudness *l = new_meter(2, 48000);
    signal s;
    signal_init(&s, 2, 48000, A_M23, 1000.0);
    feed_seconds(l, &s, 10.0);
    s.amp[0] = s.amp[1] = a13;
    feed_seconds(l, &s, 10.0);
    mm_loudness_readings r;
    mm_loudness_read(l, &r);
    assert_true(r.integrated > -20.0);
    delete_meter(l);

    /* paused for the loud part: integrated stays at -23 */
    l = new_meter(2, 48000);
    signal_init(&s, 2, 48000, A_M23, 1000.0);
    feed_seconds(l, &s, 10.0);
    mm_loudness_set_paused(l, 1);
    s.amp[0] = s.amp[1] = a13;
    feed_seconds(l, &s, 10.0);
    mm_loudness_read(l, &r);
    check_finite(&r);
    CHECK_NEAR(r.integrated, -23.0, 0.1);
    /* the windows still show what plays */
    CHECK_NEAR(r.momentary, -13.0, 0.1);
    CHECK_NEAR(r.shortterm, -13.0, 0.1);
    /* the peaks are not loudness: they follow (max since reset) */
    CHECK_NEAR(r.samplepeak, -13.0, 0.02);

    /* resumed: 10 s more at -13 join the ~97 blocks at -23; both above
     * the relative gate, so integrated is their energy mean */
    mm_loudness_set_paused(l, 0);
    feed_seconds(l, &s, 10.0);
    mm_loudness_read(l, &r);
    double expect = -13.0 + 10.0 * log10((100.0 + 97.0 * 0.1) / 197.0);
    CHECK_NEAR(r.integrated, expect, 0.1);
    delete_meter(l);

    /* paused from the start: nothing integrated at all */
    l = new_meter(2, 48000);
    mm_loudness_set_paused(l, 1);
    signal_init(&s, 2, 48000, A_M23, 1000.0);
    feed_seconds(l, &s, 5.0);
    mm_loudness_read(l, &r);
    check_finite(&r);
    assert_true(r.integrated == MM_FLOOR_DB);
    assert_true(r.lra == MM_FLOOR_DB);
    CHECK_NEAR(r.momentary, -23.0, 0.1);
    delete_meter(l);
}

static void test_reset(void **state)
{
    (void)state;
    mm_loudness *l = new_meter(2, 48000);
    signal s;
    signal_init(&s, 2, 48000, pow(10.0, -10.0 / 20.0), 1000.0);
    feed_seconds(l, &s, 5.0);
    mm_loudness_readings r;
    mm_loudness_read(l, &r);
    CHECK_NEAR(r.integrated, -10.0, 0.1);
    assert_int_equal(mm_loudness_reset(l), MM_OK);
    mm_loudness_read(l, &r);
    check_all_floor(&r, "just after reset");
    /* a new measurement with no memory of the -10 LUFS part */
    signal_init(&s, 2, 48000, pow(10.0, -30.0 / 20.0), 1000.0);
    feed_seconds(l, &s, 20.0);
    mm_loudness_read(l, &r);
    check_msi(&r, -30.0, 0.1);
    CHECK_NEAR(r.samplepeak, -30.0, 0.02);
    CHECK_NEAR(r.truepeak, -30.0, 0.02);
    CHECK_NEAR(r.lra, 0.0, 0.1);

    /* reset keeps the roles: right unused stays unused */
    assert_int_equal(mm_loudness_set_role(l, 1, MM_ROLE_UNUSED), MM_OK);
    assert_int_equal(mm_loudness_reset(l), MM_OK);
    signal_init(&s, 2, 48000, A_M23, 1000.0);
    feed_seconds(l, &s, 5.0);
    mm_loudness_read(l, &r);
    check_msi(&r, -23.0 + MONO_OFFSET, 0.1);

    /* reset keeps pause */
    mm_loudness_set_paused(l, 1);
    assert_int_equal(mm_loudness_reset(l), MM_OK);
    feed_seconds(l, &s, 5.0);
    mm_loudness_read(l, &r);
    assert_true(r.integrated == MM_FLOOR_DB);
    CHECK_NEAR(r.momentary, -23.0 + MONO_OFFSET, 0.1);
    delete_meter(l);
}

/* reset, counting the allocations it makes (0 expected) */
static void reset_counted(mm_loudness *l)
{
#ifdef MM_TEST_ALLOC_COUNT
    allocations = 0;
    counting = 1;
#endif
    assert_int_equal(mm_loudness_reset(l), MM_OK);
#ifdef MM_TEST_ALLOC_COUNT
    counting = 0;
    assert_int_equal(allocations, 0);
#endif
}

/* the same signal into two meters, compared bit for bit every 0.5 s */
static void feed_both_equal(mm_loudness *a, mm_loudness *b, signal *s,
                            double seconds)
{
    for (int k = 0; k < (int)(seconds * 2.0 + 0.5); k++) {
        signal t = *s;
        feed_seconds(a, s, 0.5);
        feed_seconds(b, &t, 0.5);
        mm_loudness_readings ra, rb;
        mm_loudness_read(a, &ra);
        mm_loudness_read(b, &rb);
        assert_memory_equal(&ra, &rb, sizeof ra);
    }
}

static void test_reset_is_new(void **state)
{
    (void)state;
    /* After loud 40 Hz (the K-filter's longest memory), a reset meter and
     * a new one read the same signal bit for bit; again after a second
     * reset (the spare state then is the one that measured the loud part,
     * cleaned meanwhile). 44101 Hz: a window ring that is not 30 hops. */
    const double rates[] = {48000, 44101};
    for (int k = 0; k < 2; k++) {
        double sr = rates[k];
        mm_loudness *a = new_meter(2, sr);
        /* as the dsp method does before processing: makes the spare */
        assert_int_equal(mm_loudness_set_samplerate(a, sr), MM_OK);
        signal loud, s;
        signal_init(&loud, 2, sr, 0.9, 40.0);
        feed_seconds(a, &loud, 3.0);
        reset_counted(a);
        mm_loudness *b = new_meter(2, sr);
        signal_init(&s, 2, sr, A_M23, 1000.0);
        s.steps = 1;
        feed_both_equal(a, b, &s, 2.5);
        delete_meter(b);
        feed_seconds(a, &loud, 1.0);
        reset_counted(a);
        b = new_meter(2, sr);
        feed_both_equal(a, b, &s, 3.0);
        delete_meter(b);
        /* two resets 10 ms apart: the second keeps the state in use (see
         * mm_loudness.h); its readings stay within rounding of the level */
        reset_counted(a);
        feed_seconds(a, &s, 0.01);
        reset_counted(a);
        signal_init(&s, 2, sr, A_M23, 1000.0);
        feed_seconds(a, &s, 5.0);
        mm_loudness_readings r;
        mm_loudness_read(a, &r);
        check_msi(&r, -23.0, 0.1);
        delete_meter(a);
    }
}

/* ---- block sizes ----------------------------------------------------- */

static void test_block_sizes(void **state)
{
    (void)state;
    /* a non-stationary stereo signal (level steps, two frequencies), read
     * once a second: the same readings whatever the block size */
    const int sizes[] = {1, 64, 1000, 3, 257};
    enum { NS = 5, SECONDS = 12 };
    static mm_loudness_readings got[NS][SECONDS];
    for (int k = 0; k < NS; k++) {
        mm_loudness *l = new_meter(2, 48000);
        signal s;
        signal_init(&s, 2, 48000, pow(10.0, -6.0 / 20.0), 1000.0);
        s.freq[1] = 3100.0;
        s.steps = 1;
        for (int t = 0; t < SECONDS; t++) {
            feed(l, &s, 48000, sizes[k]);
            mm_loudness_read(l, &got[k][t]);
            check_finite(&got[k][t]);
        }
        delete_meter(l);
    }
    /* the signal must make every reading move, or the test proves
     * little */
    assert_true(got[0][SECONDS - 1].lra > 1.0);
    assert_true(got[0][SECONDS - 1].integrated > -30.0);
    for (int k = 1; k < NS; k++) {
        for (int t = 0; t < SECONDS; t++) {
            const mm_loudness_readings *a = &got[0][t], *b = &got[k][t];
            const double va[] = {a->momentary, a->shortterm, a->integrated,
                                 a->lra, a->samplepeak, a->truepeak};
            const double vb[] = {b->momentary, b->shortterm, b->integrated,
                                 b->lra, b->samplepeak, b->truepeak};
            for (int i = 0; i < 6; i++) {
                if (!(fabs(va[i] - vb[i]) <= 1e-9)) {
                    print_error("blocks of %d, %d s, reading %d: %.12f, "
                                "blocks of 1: %.12f\n", sizes[k], t + 1, i,
                                vb[i], va[i]);
                    fail();
                }
            }
        }
    }
}

/* ---- true peak: the lazy detector reads as the full one ------------- */

/* The meter runs its detectors lazily (mm_truepeak_process_max_above with
 * its running maximum as the floor): its true-peak reading must be the
 * one full detectors give, bit for bit, on the limiter contract's torture
 * signals and EBU Tech 3341 style true-peak signals, in blocks of 64 and
 * of 37. */
static void check_tp_matches_full(const float *l, const float *r, int n,
                                  double sr, int bs, const char *name)
{
    mm_loudness *m = new_meter(2, sr);
    mm_truepeak full[2];
    memset(full, 0, sizeof full);
    float best = 0.0f, sp = 0.0f;
    for (int c = 0; c < 2; c++)
        assert_int_equal(mm_truepeak_init(&full[c], sr), MM_OK);
    for (int i = 0; i < n; i += bs) {
        int len = n - i < bs ? n - i : bs;
        const float *in[2] = {l + i, r + i};
        mm_loudness_process(m, in, len);
        for (int c = 0; c < 2; c++) {
            float v = mm_truepeak_process_max(&full[c], in[c], len);
            best = v > best ? v : best;
            for (int k = 0; k < len; k++)
                sp = fabsf(in[c][k]) > sp ? fabsf(in[c][k]) : sp;
        }
    }
    best = best > sp ? best : sp;
    mm_loudness_readings rd;
    mm_loudness_read(m, &rd);
    if (rd.truepeak != mm_gain_to_db(best)) {
        print_error("%s, blocks of %d: meter %.9f dBTP, full detector "
                    "%.9f\n", name, bs, rd.truepeak, mm_gain_to_db(best));
        fail();
    }
    for (int c = 0; c < 2; c++)
        mm_truepeak_free(&full[c]);
    delete_meter(m);
}

static void test_truepeak_lazy_is_full(void **state)
{
    (void)state;
    enum { N = 48000 };
    static float l[N], r[N];
    for (int kind = 0; kind < MMT_TORTURE_KINDS; kind++) {
        mmt_torture(kind, l, r, N, 48000.0);
        for (int i = 0; i < N; i++) { /* loud, quiet, loud again */
            float g = i < N / 4 ? 0.5f : i < N / 2 ? 0.05f : 1.0f;
            l[i] *= g;
            r[i] *= g;
        }
        check_tp_matches_full(l, r, N, 48000.0, 64, "torture");
        check_tp_matches_full(l, r, N, 48000.0, 37, "torture");
    }
    const double rates[] = {44100.0, 48000.0, 96000.0, 192000.0};
    for (int k = 0; k < 4; k++) {
        /* 15-19: fs/4, fs/6, fs/8 sines, +3 dBTP +1 +1 -1 -1 */
        const double div[] = {4, 4, 6, 8, 4}, ph[] = {0, 45, 60, 67.5, 45};
        const double amp[] = {0.5, 0.5, 0.5, 0.5, M_SQRT2};
        for (int c = 0; c < 5; c++) {
            for (int i = 0; i < N; i++)
                l[i] = r[i] = (float)(amp[c] * sin(2.0 * MM_PI * i / div[c]
                                                   + ph[c] * MM_PI / 180.0));
            check_tp_matches_full(l, r, N, rates[k], 64, "3341 15-19");
        }
        /* 20-23 style: a band-limited pulse every 800 samples, its crest
         * 0, 1/4, 1/2, 3/4 sample after a sample, one per channel pair */
        for (int off = 0; off < 4; off++) {
            for (int i = 0; i < N; i++) {
                double t = (i % 800) - 400.0 - off / 4.0, u = t / 60.0, v = 0;
                if (fabs(u) < 1.0)
                    v = (t == 0.0 ? 1.0 : sin(0.8 * MM_PI * t) / (0.8 * MM_PI * t))
                        * mmt_bessel_i0(8.0 * sqrt(1.0 - u * u))
                        / mmt_bessel_i0(8.0);
                l[i] = (float)v;
                r[i] = (float)(0.5 * v);
            }
            check_tp_matches_full(l, r, N, rates[k], 64, "3341 20-23");
        }
    }
}

/* truepeak 0: the sample peak stands for the true peak (fs/4 at 45
 * degrees: samples at 0.5, true peak 0.707, -3.01 dB apart), loudness
 * unchanged to the bit; switched on again, the detector's history is
 * current and it reads the true peak, not a step from stale samples. */
static void test_truepeak_off(void **state)
{
    (void)state;
    enum { N = 48000 };
    static float x[N];
    for (int i = 0; i < N; i++)
        x[i] = (float)(0.70710678 * sin(2.0 * MM_PI * i / 4.0 + MM_PI / 4.0));
    mm_loudness *on = new_meter(2, 48000), *off = new_meter(2, 48000);
    CHECK_NEAR(mm_loudness_get(on, MM_LOUDNESS_TRUEPEAK), 1.0, 0.0);
    CHECK_NEAR(mm_loudness_set(off, MM_LOUDNESS_TRUEPEAK, 0.0), 0.0, 0.0);
    for (int i = 0; i < N; i += 64) {
        const float *in[2] = {x + i, x + i};
        mm_loudness_process(on, in, 64);
        mm_loudness_process(off, in, 64);
    }
    mm_loudness_readings a, b;
    mm_loudness_read(on, &a);
    mm_loudness_read(off, &b);
    /* from silence the onset's reconstruction reads about 0.1 dB over */
    assert_true(a.truepeak > -3.06 && a.truepeak < -2.8);
    CHECK_NEAR(b.truepeak, mm_gain_to_db(0.5), 0.001);
    CHECK_NEAR(b.truepeak, b.samplepeak, 0.0);
    CHECK_NEAR(b.integrated, a.integrated, 0.0);
    CHECK_NEAR(b.momentary, a.momentary, 0.0);
    /* on again, mid-signal (a reset would clear the history too) */
    mm_loudness_set(off, MM_LOUDNESS_TRUEPEAK, 1.0);
    for (int i = 0; i < N / 2; i += 64) {
        const float *in[2] = {x + i, x + i};
        mm_loudness_process(off, in, 64);
    }
    mm_loudness_read(off, &b);
    CHECK_NEAR(b.truepeak, -3.0103, 0.01); /* no onset: history current */
    delete_meter(on);
    delete_meter(off);
}

/* ---- channel roles --------------------------------------------------- */

static void test_default_roles(void **state)
{
    (void)state;
    assert_int_equal(mm_loudness_default_role(1, 0), MM_ROLE_CENTER);
    assert_int_equal(mm_loudness_default_role(2, 0), MM_ROLE_LEFT);
    assert_int_equal(mm_loudness_default_role(2, 1), MM_ROLE_RIGHT);
    const mm_loudness_role five[] = {MM_ROLE_LEFT, MM_ROLE_RIGHT,
                                     MM_ROLE_CENTER, MM_ROLE_LEFTSURROUND,
                                     MM_ROLE_RIGHTSURROUND};
    for (int c = 0; c < 5; c++)
        assert_int_equal(mm_loudness_default_role(5, c), five[c]);
    const mm_loudness_role six[] = {MM_ROLE_LEFT, MM_ROLE_RIGHT,
                                    MM_ROLE_CENTER, MM_ROLE_UNUSED,
                                    MM_ROLE_LEFTSURROUND,
                                    MM_ROLE_RIGHTSURROUND};
    for (int c = 0; c < 6; c++)
        assert_int_equal(mm_loudness_default_role(6, c), six[c]);
    /* 7.1: L R C LFE Ls Rs and the two back surrounds */
    assert_int_equal(mm_loudness_default_role(8, 3), MM_ROLE_UNUSED);
    assert_int_equal(mm_loudness_default_role(8, 6), MM_ROLE_LEFTSURROUND);
    assert_int_equal(mm_loudness_default_role(8, 7), MM_ROLE_RIGHTSURROUND);
    /* out of range */
    assert_int_equal(mm_loudness_default_role(2, 2), MM_ROLE_UNUSED);
    assert_int_equal(mm_loudness_default_role(2, -1), MM_ROLE_UNUSED);
    assert_int_equal(mm_loudness_default_role(1, 1), MM_ROLE_UNUSED);
}

/* The loudness of a -23 dBFS 1 kHz sine in channel `ch` alone (peak
 * `amp` there, the others silent). */
static void measure_one_channel(int nch, int ch, double amp,
                                mm_loudness_readings *r)
{
    mm_loudness *l = new_meter(nch, 48000);
    signal s;
    signal_init(&s, nch, 48000, 0.0, 1000.0);
    s.amp[ch] = amp;
    feed_seconds(l, &s, 4.0);
    mm_loudness_read(l, r);
    check_finite(r);
    delete_meter(l);
}

static void test_role_weights(void **state)
{
    (void)state;
    const double one = -23.0 + MONO_OFFSET;           /* -26.01 */
    const double sur = one + SURROUND_GAIN_DB;        /* -24.52 */
    mm_loudness_readings r;
    /* mono: center, weight 1 */
    measure_one_channel(1, 0, A_M23, &r);
    check_msi(&r, one, 0.1);
    /* stereo: each side weight 1 */
    measure_one_channel(2, 0, A_M23, &r);
    check_msi(&r, one, 0.1);
    measure_one_channel(2, 1, A_M23, &r);
    check_msi(&r, one, 0.1);
    /* 5.0: L R C weight 1, Ls Rs 1.41 */
    for (int c = 0; c < 5; c++) {
        measure_one_channel(5, c, A_M23, &r);
        check_msi(&r, c < 3 ? one : sur, 0.1);
    }
    /* 5.1: the LFE (channel 4 of 6, index 3) is left out, even at full
     * scale; the surrounds move to 5 and 6 */
    measure_one_channel(6, 3, 1.0, &r);
    assert_true(r.momentary == MM_FLOOR_DB);
    assert_true(r.shortterm == MM_FLOOR_DB);
    assert_true(r.integrated == MM_FLOOR_DB);
    CHECK_NEAR(r.samplepeak, 0.0, 0.02); /* peaks watch every channel */
    for (int c = 0; c < 6; c++) {
        if (c == 3)
            continue;
        measure_one_channel(6, c, A_M23, &r);
        check_msi(&r, c < 3 ? one : sur, 0.1);
    }
    /* 7.1: BS.1770-4 table 4 weighs by position, 1.41 only for 60-120
     * degrees of azimuth: the side surrounds (channels 5, 6) get it, the
     * back surrounds (7, 8: 135-150 degrees) weigh 1 */
    measure_one_channel(8, 4, A_M23, &r);
    check_msi(&r, sur, 0.1);
    measure_one_channel(8, 5, A_M23, &r);
    check_msi(&r, sur, 0.1);
    measure_one_channel(8, 6, A_M23, &r);
    check_msi(&r, one, 0.1);
    measure_one_channel(8, 7, A_M23, &r);
    check_msi(&r, one, 0.1);

    /* the LFE does not add to a 5.1 programme */
    mm_loudness *l = new_meter(6, 48000);
    signal s;
    signal_init(&s, 6, 48000, A_M23, 1000.0);
    s.amp[3] = 1.0;
    feed_seconds(l, &s, 4.0);
    mm_loudness_read(l, &r);
    /* L R C at weight 1, Ls Rs at 1.41: 3 + 2.82 single channels */
    double expect = one + 10.0 * log10(3.0 + 2.0 * 1.41);
    check_msi(&r, expect, 0.1);
    delete_meter(l);
}

static void test_set_role(void **state)
{
    (void)state;
    mm_loudness *l = new_meter(1, 48000);
    /* dual mono: the one channel counts twice (+3.01 LU) */
    assert_int_equal(mm_loudness_set_role(l, 0, MM_ROLE_DUALMONO), MM_OK);
    signal s;
    signal_init(&s, 1, 48000, A_M23, 1000.0);
    feed_seconds(l, &s, 4.0);
    mm_loudness_readings r;
    mm_loudness_read(l, &r);
    check_msi(&r, -23.0, 0.1);
    /* its peaks are the signal's own, not the doubled energy's */
    CHECK_NEAR(r.samplepeak, -23.0, 0.02);
    /* bad arguments */
    assert_true(mm_loudness_set_role(l, 1, MM_ROLE_LEFT) < 0);
    assert_true(mm_loudness_set_role(l, -1, MM_ROLE_LEFT) < 0);
    assert_true(mm_loudness_set_role(l, 0, (mm_loudness_role)99) < 0);
    delete_meter(l);
    /* a stereo channel made a surround gains 1.49 LU */
    l = new_meter(2, 48000);
    assert_int_equal(mm_loudness_set_role(l, 0, MM_ROLE_LEFTSURROUND),
                     MM_OK);
    signal_init(&s, 2, 48000, 0.0, 1000.0);
    s.amp[0] = A_M23;
    feed_seconds(l, &s, 4.0);
    mm_loudness_read(l, &r);
    check_msi(&r, -23.0 + MONO_OFFSET + SURROUND_GAIN_DB, 0.1);
    delete_meter(l);
    /* bad init arguments */
    mm_loudness *bad = calloc(1, sizeof *bad);
    assert_non_null(bad);
    assert_true(mm_loudness_init(bad, 0, 48000) < 0);
    mm_loudness_free(bad);
    assert_true(mm_loudness_init(bad, MM_LOUDNESS_MAXCH + 1, 48000) < 0);
    mm_loudness_free(bad);
    free(bad);
}

/* ---- the parameter table (mm_param.h) --------------------------------- */

static void test_table(void **state)
{
    (void)state;
    const mm_paramtable *t = &mm_loudness_table;
    assert_int_equal(t->count, MM_LOUDNESS_NPARAMS);
    for (int i = 0; i < t->count; i++)
        assert_int_equal(t->defs[i].id, i); /* rows in enum order */
    assert_string_equal(t->defs[MM_LOUDNESS_TARGET].name, "target");
    assert_string_equal(t->defs[MM_LOUDNESS_PAUSE].name, "pause");
    assert_string_equal(t->defs[MM_LOUDNESS_TRUEPEAK].name, "truepeak");

    mm_loudness *l = new_meter(2, 48000);
    /* defaults from the table at init */
    CHECK_NEAR(mm_loudness_get(l, MM_LOUDNESS_TARGET), -14.0, 0.0);
    CHECK_NEAR(mm_loudness_get(l, MM_LOUDNESS_PAUSE), 0.0, 0.0);
    /* set clamps and returns the value applied */
    CHECK_NEAR(mm_loudness_set(l, MM_LOUDNESS_TARGET, -23.0), -23.0, 0.0);
    CHECK_NEAR(mm_loudness_get(l, MM_LOUDNESS_TARGET), -23.0, 0.0);
    CHECK_NEAR(mm_loudness_set(l, MM_LOUDNESS_TARGET, 5.0), 0.0, 0.0);
    CHECK_NEAR(mm_loudness_set(l, MM_LOUDNESS_TARGET, -100.0), -70.0, 0.0);
    CHECK_NEAR(mm_loudness_set(l, MM_LOUDNESS_TARGET, mmt_f_from_bits(0x7fc00000u)),
               -14.0, 0.0);
    CHECK_NEAR(mm_loudness_set(l, MM_LOUDNESS_PAUSE, 7.0), 1.0, 0.0);
    CHECK_NEAR(mm_loudness_get(l, MM_LOUDNESS_PAUSE), 1.0, 0.0);
    CHECK_NEAR(mm_loudness_set(l, (mm_loudness_param)99, 1.0), 0.0, 0.0);

    /* pause through the table: nothing is integrated */
    mm_loudness_readings r;
    signal s;
    signal_init(&s, 2, 48000, A_M23, 1000.0);
    feed_seconds(l, &s, 2.0);
    mm_loudness_read(l, &r);
    CHECK_NEAR(r.integrated, MM_FLOOR_DB, 0.0);
    CHECK_NEAR(mm_loudness_set(l, MM_LOUDNESS_PAUSE, 0.0), 0.0, 0.0);
    feed_seconds(l, &s, 2.0);
    mm_loudness_read(l, &r);
    CHECK_NEAR(r.integrated, -23.0, 0.1);

    /* the role words, indexed by role */
    assert_string_equal(mm_loudness_role_words[MM_ROLE_UNUSED], "unused");
    assert_string_equal(mm_loudness_role_words[MM_ROLE_LEFT], "left");
    assert_string_equal(mm_loudness_role_words[MM_ROLE_LEFTSURROUND],
                        "leftsurround");
    assert_string_equal(mm_loudness_role_words[MM_ROLE_DUALMONO],
                        "dualmono");
    assert_null(mm_loudness_role_words[MM_ROLE_DUALMONO + 1]);
    assert_int_equal(mm_loudness_get_role(l, 1), MM_ROLE_RIGHT);
    assert_int_equal(mm_loudness_set_role(l, 1, MM_ROLE_DUALMONO), MM_OK);
    assert_int_equal(mm_loudness_get_role(l, 1), MM_ROLE_DUALMONO);
    assert_int_equal(mm_loudness_get_role(l, 2), MM_ROLE_UNUSED);
    assert_int_equal(mm_loudness_get_role(l, -1), MM_ROLE_UNUSED);
    delete_meter(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sine_minus23),
        cmocka_unit_test(test_level_tracks),
        cmocka_unit_test(test_set_samplerate),
        cmocka_unit_test(test_silence_is_floor),
        cmocka_unit_test(test_nonfinite_input),
        cmocka_unit_test(test_pause),
        cmocka_unit_test(test_reset),
        cmocka_unit_test(test_reset_is_new),
        cmocka_unit_test(test_block_sizes),
        cmocka_unit_test(test_truepeak_lazy_is_full),
        cmocka_unit_test(test_truepeak_off),
        cmocka_unit_test(test_default_roles),
        cmocka_unit_test(test_role_weights),
        cmocka_unit_test(test_set_role),
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
