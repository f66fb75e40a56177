/* test_outmix.c: the normal/bypass/delta switch (dsp/mm_outmix.h)
 * against its definition.
 *
 *   out = w wet + d dry;  normal (1, 0), bypass (0, 1), delta (1, -1)
 *
 * Settled states are exact (normal = wet and bypass = dry bit for bit,
 * delta = wet - dry). A change moves w and d linearly over
 * MM_OUTMIX_FADE_MS: it lasts that long within one sample, is monotonic,
 * steps by at most 1/len per sample, and keeps w + d = 1 between normal
 * and bypass (equal gain: coherent paths sum to the input). The unused
 * path of a settled state never leaks, not even as NaN.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "mm_outmix.h"
#include "mmtest.h"

static float *noise(int n)
{
    float *x = mmt_noise(n);
    assert_non_null(x);
    return x;
}

static float *filled(int n, float v)
{
    float *x = malloc((size_t)n * sizeof *x);
    assert_non_null(x);
    for (int i = 0; i < n; i++)
        x[i] = v;
    return x;
}

static void check_bits(const float *got, const float *want, int n,
                       const char *what)
{
    for (int i = 0; i < n; i++) {
        if (memcmp(&got[i], &want[i], sizeof *got) != 0) {
            print_error("%s: out[%d] = %.9g, expected exactly %.9g\n", what,
                        i, (double)got[i], (double)want[i]);
            fail();
        }
    }
}

/* in blocks of `bs` (Pd's 64 by default) */
static void run(mm_outmix *m, const float *wet, const float *dry, float *out,
                int n, int bs)
{
    for (int i = 0; i < n; i += bs) {
        int len = n - i < bs ? n - i : bs;
        mm_outmix_process(m, wet + i, dry + i, out + i, len);
    }
}

static int fade_len(double sr)
{
    return (int)(MM_OUTMIX_FADE_MS * 0.001 * sr + 0.5);
}

static void test_normal_is_wet(void **state)
{
    (void)state;
    const int n = 10000;
    float *wet = noise(n), *dry = noise(n), *out = filled(n, 9.0f);
    mm_outmix m;
    mm_outmix_init(&m, 48000);
    assert_true(mm_outmix_is_plain(&m));
    assert_false(mm_outmix_is_bypassed(&m));
    run(&m, wet, dry, out, n, 64);
    check_bits(out, wet, n, "normal");
    /* delta off, bypass off again: still nothing moves */
    mm_outmix_set_delta(&m, 0);
    mm_outmix_set_bypass(&m, 0);
    assert_true(mm_outmix_is_plain(&m));
    run(&m, wet, dry, out, n, 1);
    check_bits(out, wet, n, "normal, blocks of 1");
    free(wet);
    free(dry);
    free(out);
}

static void test_bypass_settles_to_dry(void **state)
{
    (void)state;
    const double rates[] = {44100, 48000, 96000};
    for (int r = 0; r < 3; r++) {
        const int len = fade_len(rates[r]);
        const int n = 3 * len + 1000;
        float *wet = noise(n), *dry = noise(n), *out = filled(n, 9.0f);
        mm_outmix m;
        mm_outmix_init(&m, rates[r]);
        mm_outmix_set_bypass(&m, 1);
        assert_false(mm_outmix_is_bypassed(&m));
        run(&m, wet, dry, out, n, 64);
        /* after the fade: dry, bit for bit */
        check_bits(out + len, dry + len, n - len, "bypass");
        assert_true(mm_outmix_is_bypassed(&m));
        assert_false(mm_outmix_is_plain(&m));
        /* and back: wet, bit for bit */
        mm_outmix_set_bypass(&m, 0);
        run(&m, wet, dry, out, n, 64);
        check_bits(out + len, wet + len, n - len, "back to normal");
        assert_true(mm_outmix_is_plain(&m));
        /* bypass wins over delta */
        mm_outmix_set_delta(&m, 1);
        mm_outmix_set_bypass(&m, 1);
        run(&m, wet, dry, out, n, 64);
        check_bits(out + len, dry + len, n - len, "bypass + delta");
        assert_true(mm_outmix_is_bypassed(&m));
        /* snap: no fade at all (creation flags) */
        mm_outmix_init(&m, rates[r]);
        mm_outmix_set_bypass(&m, 1);
        mm_outmix_snap(&m);
        assert_true(mm_outmix_is_bypassed(&m));
        run(&m, wet, dry, out, n, 64);
        check_bits(out, dry, n, "snapped bypass");
        free(wet);
        free(dry);
        free(out);
    }
}

static void test_delta_is_difference(void **state)
{
    (void)state;
    const int len = fade_len(48000);
    const int n = 2 * len + 5000;
    float *wet = noise(n), *dry = noise(n), *out = filled(n, 9.0f);
    float *diff = malloc((size_t)n * sizeof *diff);
    assert_non_null(diff);
    for (int i = 0; i < n; i++)
        diff[i] = wet[i] - dry[i];
    mm_outmix m;
    mm_outmix_init(&m, 48000);
    mm_outmix_set_delta(&m, 1);
    run(&m, wet, dry, out, n, 64);
    check_bits(out + len, diff + len, n - len, "delta");
    assert_false(mm_outmix_is_plain(&m));
    assert_false(mm_outmix_is_bypassed(&m));
    /* identical paths cancel exactly */
    run(&m, wet, wet, out, n, 64);
    for (int i = 0; i < n; i++)
        assert_true(out[i] == 0.0f);
    /* delta off: wet again */
    mm_outmix_set_delta(&m, 0);
    run(&m, wet, dry, out, n, 64);
    check_bits(out + len, wet + len, n - len, "delta off");
    assert_true(mm_outmix_is_plain(&m));
    free(diff);
    free(wet);
    free(dry);
    free(out);
}

/* One switch with constant paths; checks the ramp of out from `from` to
 * `to`: duration, monotonic, no step above 1/len. */
static void check_ramp(const float *out, int n, double from, double to,
                       double sr, const char *what)
{
    const double expect = MM_OUTMIX_FADE_MS * 0.001 * sr;
    const double maxstep = fabs(to - from) / expect;
    const double sign = to > from ? 1.0 : -1.0;
    int done = -1;
    double prev = from;
    for (int i = 0; i < n; i++) {
        double v = out[i];
        double step = (v - prev) * sign;
        if (step < -1e-7) {
            print_error("%s at %g Hz: not monotonic at %d (%.9g after "
                        "%.9g)\n", what, sr, i, v, prev);
            fail();
        }
        if (step > maxstep * (1.0 + 1e-3) + 1e-7) {
            print_error("%s at %g Hz: step %.9g at %d, more than 1/len = "
                        "%.9g\n", what, sr, step, i, maxstep);
            fail();
        }
        if (done < 0 && v == to)
            done = i;
        if (done >= 0 && v != to) {
            print_error("%s at %g Hz: left the target at %d\n", what, sr, i);
            fail();
        }
        prev = v;
    }
    /* the first sample after the switch has moved already */
    if (!(out[0] != from)) {
        print_error("%s at %g Hz: the fade did not start at once\n", what,
                    sr);
        fail();
    }
    /* samples until the target is reached, counting the one reaching it */
    double dur = done + 1;
    if (done < 0 || !(fabs(dur - expect) <= 1.0)) {
        print_error("%s at %g Hz: fade of %.0f samples, expected %.1f "
                    "(%g ms) +- 1\n", what, sr, dur, expect,
                    MM_OUTMIX_FADE_MS);
        fail();
    }
}

static void test_crossfade_shape(void **state)
{
    (void)state;
    assert_true(MM_OUTMIX_FADE_MS == 20.0);
    const double rates[] = {48000, 44100, 96000, 192000};
    const int sizes[] = {64, 1, 1000};
    for (int r = 0; r < 4; r++) {
        for (int s = 0; s < 3; s++) {
            const double sr = rates[r];
            const int n = 3 * fade_len(sr);
            float *one = filled(n, 1.0f), *zero = filled(n, 0.0f);
            float *out = filled(n, 9.0f);
            mm_outmix m;
            mm_outmix_init(&m, sr);
            /* wet = 1, dry = 0: out is w */
            mm_outmix_set_bypass(&m, 1);
            run(&m, one, zero, out, n, sizes[s]);
            check_ramp(out, n, 1.0, 0.0, sr, "w, normal -> bypass");
            mm_outmix_set_bypass(&m, 0);
            run(&m, one, zero, out, n, sizes[s]);
            check_ramp(out, n, 0.0, 1.0, sr, "w, bypass -> normal");
            /* wet = 0, dry = 1: out is d */
            mm_outmix_set_bypass(&m, 1);
            run(&m, zero, one, out, n, sizes[s]);
            check_ramp(out, n, 0.0, 1.0, sr, "d, normal -> bypass");
            mm_outmix_set_bypass(&m, 0);
            mm_outmix_set_delta(&m, 1);
            /* bypass -> delta: d goes 1 -> -1 in the same time */
            run(&m, zero, one, out, n, sizes[s]);
            check_ramp(out, n, 1.0, -1.0, sr, "d, bypass -> delta");
            mm_outmix_set_delta(&m, 0);
            run(&m, zero, one, out, n, sizes[s]);
            check_ramp(out, n, -1.0, 0.0, sr, "d, delta -> normal");
            free(one);
            free(zero);
            free(out);
        }
    }
}

static void test_crossfade_equal_gain(void **state)
{
    (void)state;
    /* coherent paths (wet == dry): normal <-> bypass never changes the
     * level, w + d = 1 all along */
    const int len = fade_len(48000);
    const int n = 3 * len;
    float *x = noise(n), *out = filled(n, 9.0f);
    mm_outmix m;
    mm_outmix_init(&m, 48000);
    mm_outmix_set_bypass(&m, 1);
    run(&m, x, x, out, n, 64);
    for (int i = 0; i < n; i++)
        assert_true(fabsf(out[i] - x[i]) <= 1e-6f);
    /* reversed half-way: still equal gain, and back to exactly wet */
    mm_outmix_set_bypass(&m, 0);
    run(&m, x, x, out, len / 2, 64);
    mm_outmix_set_bypass(&m, 1);
    run(&m, x, x, out, len / 3, 64);
    mm_outmix_set_bypass(&m, 0);
    run(&m, x, x, out, n, 64);
    for (int i = 0; i < n; i++)
        assert_true(fabsf(out[i] - x[i]) <= 1e-6f);
    check_bits(out + len, x + len, n - len, "after reversals");
    free(x);
    free(out);
}

static void test_crossfade_reversal(void **state)
{
    (void)state;
    /* a change back during a fade turns round where it is: no jump, no
     * step larger than 1/len, and it ends at the target exactly */
    const double sr = 48000;
    const int len = fade_len(sr);
    const int n = 3 * len;
    float *one = filled(n, 1.0f), *zero = filled(n, 0.0f);
    float *out = filled(n, 9.0f);
    mm_outmix m;
    mm_outmix_init(&m, sr);
    mm_outmix_set_bypass(&m, 1);
    run(&m, one, zero, out, 300, 64);
    float at = out[299];
    mm_outmix_set_bypass(&m, 0);
    run(&m, one, zero, out, n, 64);
    assert_true(out[0] >= at);
    assert_true(out[0] - at <= 1.0 / len + 1e-7);
    for (int i = 1; i < n; i++) {
        assert_true(out[i] >= out[i - 1]);
        assert_true(out[i] - out[i - 1] <= 1.0 / len + 1e-7);
    }
    assert_true(out[n - 1] == 1.0f);
    assert_true(mm_outmix_is_plain(&m));
    free(one);
    free(zero);
    free(out);
}

static void test_unused_path_nan(void **state)
{
    (void)state;
    const int len = fade_len(48000);
    const int n = 3 * len;
    const float bad[] = {mmt_f_from_bits(0x7fc00000u), mmt_f_from_bits(0xffc00000u),
                         mmt_f_from_bits(0x7f800000u), mmt_f_from_bits(0xff800000u)};
    float *wet = noise(n), *dry = noise(n), *out = filled(n, 9.0f);
    float *nan = malloc((size_t)n * sizeof *nan);
    assert_non_null(nan);
    for (int i = 0; i < n; i++)
        nan[i] = bad[i % 4];
    mm_outmix m;
    mm_outmix_init(&m, 48000);
    /* settled normal: dry is not used */
    run(&m, wet, nan, out, n, 64);
    check_bits(out, wet, n, "normal, NaN dry");
    /* after a round trip through bypass too */
    mm_outmix_set_bypass(&m, 1);
    run(&m, wet, dry, out, n, 64);
    mm_outmix_set_bypass(&m, 0);
    run(&m, wet, dry, out, n, 64);
    assert_true(mm_outmix_is_plain(&m));
    run(&m, wet, nan, out, n, 1);
    check_bits(out, wet, n, "normal again, NaN dry");
    /* settled bypass: wet is not used (the caller may skip processing) */
    mm_outmix_set_bypass(&m, 1);
    mm_outmix_snap(&m);
    run(&m, nan, dry, out, n, 64);
    check_bits(out, dry, n, "bypass, NaN wet");
    free(nan);
    free(wet);
    free(dry);
    free(out);
}

static void test_aliasing(void **state)
{
    (void)state;
    /* out may be wet or dry itself, in every state and during fades */
    const int len = fade_len(48000);
    const int n = 3 * len;
    float *wet = noise(n), *dry = noise(n);
    float *ref = malloc((size_t)n * sizeof *ref);
    float *buf = malloc((size_t)n * sizeof *buf);
    assert_non_null(ref);
    assert_non_null(buf);
    for (int alias = 0; alias < 2; alias++) {
        mm_outmix a, b;
        mm_outmix_init(&a, 48000);
        mm_outmix_init(&b, 48000);
        for (int step = 0; step < 4; step++) {
            int byp = step == 1 || step == 3, del = step >= 2;
            mm_outmix_set_bypass(&a, byp);
            mm_outmix_set_delta(&a, del);
            mm_outmix_set_bypass(&b, byp);
            mm_outmix_set_delta(&b, del);
            run(&a, wet, dry, ref, n, 64);
            memcpy(buf, alias ? dry : wet, (size_t)n * sizeof *buf);
            if (alias)
                run(&b, wet, buf, buf, n, 64);
            else
                run(&b, buf, dry, buf, n, 64);
            check_bits(buf, ref, n, alias ? "out == dry" : "out == wet");
        }
    }
    free(buf);
    free(ref);
    free(wet);
    free(dry);
}

static void test_apply_advance_multichannel(void **state)
{
    (void)state;
    /* one mixer for 3 channels (apply each, then advance) against one
     * mixer per channel (process), through every kind of change */
    enum { NCH = 3, BS = 64 };
    const int len = fade_len(48000);
    const int n = 12 * len;
    float *wet[NCH], *dry[NCH], *o1[NCH], *o2[NCH];
    for (int c = 0; c < NCH; c++) {
        wet[c] = noise(n);
        dry[c] = noise(n);
        o1[c] = filled(n, 9.0f);
        o2[c] = filled(n, 9.0f);
    }
    mm_outmix shared, per[NCH];
    mm_outmix_init(&shared, 48000);
    for (int c = 0; c < NCH; c++)
        mm_outmix_init(&per[c], 48000);
    /* changes at these samples (some mid-fade): bypass, delta */
    const int at[] = {640, 1280, 2048, 4096, 5120, 7040};
    const int byp[] = {1, 0, 0, 1, 0, 0};
    const int del[] = {0, 0, 1, 1, 1, 0};
    int next = 0;
    for (int i = 0; i < n; i += BS) {
        if (next < 6 && i == at[next]) {
            mm_outmix_set_bypass(&shared, byp[next]);
            mm_outmix_set_delta(&shared, del[next]);
            for (int c = 0; c < NCH; c++) {
                mm_outmix_set_bypass(&per[c], byp[next]);
                mm_outmix_set_delta(&per[c], del[next]);
            }
            next++;
        }
        int bl = n - i < BS ? n - i : BS;
        for (int c = 0; c < NCH; c++)
            mm_outmix_apply(&shared, wet[c] + i, dry[c] + i, o1[c] + i, bl);
        mm_outmix_advance(&shared, bl);
        for (int c = 0; c < NCH; c++)
            mm_outmix_process(&per[c], wet[c] + i, dry[c] + i, o2[c] + i,
                              bl);
    }
    assert_int_equal(next, 6);
    for (int c = 0; c < NCH; c++) {
        check_bits(o1[c], o2[c], n, "apply+advance vs process");
        /* and the final state (normal) is reached by both */
        check_bits(o1[c] + n - 100, wet[c] + n - 100, 100, "final normal");
        free(wet[c]);
        free(dry[c]);
        free(o1[c]);
        free(o2[c]);
    }
    assert_true(mm_outmix_is_plain(&shared));
}

static void test_block_size_independence(void **state)
{
    (void)state;
    /* the same changes at the same samples, cut into blocks of 1, 3, 64,
     * 1000: the same output. Within float rounding for now: apply()
     * accumulates the ramp per sample while advance() adds n steps at
     * once, so fades differ by an ulp between block sizes; computing the
     * gains from the samples left (w = w_to - w_step * remaining) in both
     * makes them bit-exact, and this check can then use == */
    const int sizes[] = {1, 3, 64, 1000};
    const int n = 24000;
    const int at[] = {3000, 3300, 9000, 15000, 15500};
    const int byp[] = {1, 0, 0, 1, 0};
    const int del[] = {0, 0, 1, 1, 0};
    float *wet = noise(n), *dry = noise(n);
    float *out[4];
    for (int s = 0; s < 4; s++) {
        out[s] = filled(n, 9.0f);
        mm_outmix m;
        mm_outmix_init(&m, 48000);
        int pos = 0;
        for (int k = 0; k <= 5; k++) {
            int end = k < 5 ? at[k] : n;
            run(&m, wet + pos, dry + pos, out[s] + pos, end - pos, sizes[s]);
            pos = end;
            if (k < 5) {
                mm_outmix_set_bypass(&m, byp[k]);
                mm_outmix_set_delta(&m, del[k]);
            }
        }
    }
    for (int s = 1; s < 4; s++) {
        for (int i = 0; i < n; i++) {
            if (out[s][i] != out[0][i]) { /* bit-exact */
                print_error("blocks of %d: out[%d] = %.9g, blocks of 1: "
                            "%.9g\n", sizes[s], i, (double)out[s][i],
                            (double)out[0][i]);
                fail();
            }
        }
    }
    for (int s = 0; s < 4; s++)
        free(out[s]);
    free(wet);
    free(dry);
}

int main(void)
{
    mmt_seed(24681357u);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normal_is_wet),
        cmocka_unit_test(test_bypass_settles_to_dry),
        cmocka_unit_test(test_delta_is_difference),
        cmocka_unit_test(test_crossfade_shape),
        cmocka_unit_test(test_crossfade_equal_gain),
        cmocka_unit_test(test_crossfade_reversal),
        cmocka_unit_test(test_unused_path_nan),
        cmocka_unit_test(test_aliasing),
        cmocka_unit_test(test_apply_advance_multichannel),
        cmocka_unit_test(test_block_size_independence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
