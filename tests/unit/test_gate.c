/* test_gate.c: the gate core against its definition.
 * - opens when the level rises above threshold, not below it;
 * - hysteresis: a level between threshold - hysteresis and threshold
 *   keeps it open (and keeps a closed gate closed);
 * - closes `hold` ms after the level fell below threshold - hysteresis;
 * - closed, attenuates by `range` exactly; attack/release 63% times;
 * - a steady low sine does not flutter with hold 0 (crest detector);
 * - the key decides; block independence; NaN recovery. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>

#include "mm_gate.h"

#define SR 48000.0

static mm_gate g;
static long t; /* running sample clock */

/* feed n samples of a sine at level db (dBFS peak); returns the gain
 * at the end; *open_at: first sample (relative) where the gate state is
 * open, *closed_at: first where closed (-1 if never) */
static double feed(double db, int n, long *open_at, long *closed_at)
{
    double amp = db <= -200 ? 0 : pow(10, db / 20);
    if (open_at)
        *open_at = -1;
    if (closed_at)
        *closed_at = -1;
    for (int i = 0; i < n; i++, t++) {
        float x = (float)(amp * sin(2 * MM_PI * 440 * t / SR)), y;
        const float *in[1] = {&x};
        float *out[1] = {&y};
        mm_gate_process(&g, in, out, NULL, 0, 1);
        int o = mm_gate_is_open(&g);
        if (o && open_at && *open_at < 0)
            *open_at = i;
        if (!o && closed_at && *closed_at < 0)
            *closed_at = i;
    }
    return g.gain;
}

static void setup_gate(double thr, double hyst, double hold)
{
    mm_gate_init(&g, 1, SR);
    mm_gate_set(&g, MM_GATE_THRESHOLD, thr);
    mm_gate_set(&g, MM_GATE_HYSTERESIS, hyst);
    mm_gate_set(&g, MM_GATE_HOLD, hold);
    t = 0;
}

static void test_threshold_hysteresis(void **state)
{
    (void)state;
    long o, c;
    setup_gate(-40, 6, 20);
    feed(-41, 9600, &o, NULL);
    assert_int_equal(o, -1);               /* below threshold: closed */
    feed(-39, 9600, &o, NULL);
    assert_true(o >= 0 && o < 110);        /* opens within a quarter period */
    feed(-44, 48000, NULL, &c);            /* within the hysteresis */
    assert_int_equal(c, -1);
    feed(-47, 48000, NULL, &c);            /* below T - hyst: closes */
    assert_true(c >= 0);
    feed(-43, 9600, &o, NULL);             /* closed, inside hysteresis */
    assert_int_equal(o, -1);
}

static void test_hold(void **state)
{
    (void)state;
    const double holds[] = {0, 10, 50, 300};
    for (int k = 0; k < 4; k++) {
        long c;
        setup_gate(-40, 3, holds[k]);
        feed(-20, 9600, NULL, NULL);
        feed(-200, 48000, NULL, &c);
        /* the crest detector sees the fall within a period (440 Hz) */
        double ms = c / SR * 1000;
        printf("  hold %g ms: closed %.2f ms after the signal stopped\n",
               holds[k], ms);
        assert_true(ms >= holds[k] - 0.1 && ms <= holds[k] + 1000 / 440.0);
    }
}

static void test_range_times(void **state)
{
    (void)state;
    const double ranges[] = {-100, -80, -40, -6, 0};
    for (int k = 0; k < 5; k++) {
        setup_gate(-40, 3, 0);
        mm_gate_set(&g, MM_GATE_RANGE, ranges[k]);
        mm_gate_snap(&g);
        double gc = feed(-60, 4800, NULL, NULL);
        assert_true(fabs(20 * log10(gc) - ranges[k]) < 1e-6);
        assert_true(fabs(mm_gate_gain_db(&g) - ranges[k]) < 1e-6);
    }
    /* 63% times on the linear gain */
    setup_gate(-40, 3, 0);
    mm_gate_set(&g, MM_GATE_ATTACK, 5);
    mm_gate_set(&g, MM_GATE_RELEASE, 200);
    mm_gate_set(&g, MM_GATE_RANGE, -100);
    mm_gate_snap(&g);
    double lo = 1e-5, goal = lo + (1 - exp(-1)) * (1 - lo);
    long i;
    for (i = 0; i < 48000; i++)
        if (feed(-20, 1, NULL, NULL) >= goal)
            break;
    double ta = i / SR * 1000;
    feed(-20, 48000, NULL, NULL);
    goal = 1 + (1 - exp(-1)) * (lo - 1);
    long c0 = -1;
    for (i = 0; i < 96000; i++) {
        double gn = feed(-200, 1, NULL, NULL);
        if (c0 < 0 && !mm_gate_is_open(&g))
            c0 = i;
        if (gn <= goal)
            break;
    }
    double tr = (i - c0) / SR * 1000;
    printf("  attack 5 ms: %.2f ms; release 200 ms: %.2f ms\n", ta, tr);
    assert_true(fabs(ta - 5) < 0.5 && fabs(tr - 200) < 2);
}

static void test_low_sine_no_flutter(void **state)
{
    (void)state;
    mm_gate_init(&g, 1, SR);
    mm_gate_set(&g, MM_GATE_HOLD, 0);
    mm_gate_set(&g, MM_GATE_THRESHOLD, -30);
    int closes = 0, was = 0;
    for (long i = 0; i < 96000; i++) {
        float x = (float)(0.1 * sin(2 * MM_PI * 41 * i / SR)), y;
        const float *in[1] = {&x};
        float *out[1] = {&y};
        mm_gate_process(&g, in, out, NULL, 0, 1);
        int o = mm_gate_is_open(&g);
        closes += was && !o;
        was = o;
    }
    assert_int_equal(closes, 0);
}

static void test_key_blocks_nan(void **state)
{
    (void)state;
    enum { N = 20000 };
    static float x[2][N], k[N], a[2][N], b[2][N];
    for (int i = 0; i < N; i++) {
        x[0][i] = (float)(0.5 * sin(i * 0.03));
        x[1][i] = (float)(0.5 * sin(i * 0.05));
        k[i] = (i / 3000) % 2 ? (float)sin(i * 0.2) : 0.0f;
    }
    mm_gate g1, g2;
    mm_gate_init(&g1, 2, SR);
    mm_gate_init(&g2, 2, SR);
    mm_gate_set(&g1, MM_GATE_HOLD, 5);
    mm_gate_set(&g2, MM_GATE_HOLD, 5);
    const float *in[2] = {x[0], x[1]};
    float *out[2] = {a[0], a[1]};
    const float *key[1] = {k};
    mm_gate_process(&g1, in, out, key, 1, N);
    memcpy(b, x, sizeof b);
    for (int i = 0, n = 1; i < N; i += n, n = n * 5 % 89 + 1) {
        int m = i + n > N ? N - i : n;
        const float *ii[2] = {b[0] + i, b[1] + i};
        float *oo[2] = {b[0] + i, b[1] + i};
        const float *kk[1] = {k + i};
        mm_gate_process(&g2, ii, oo, kk, 1, m);
    }
    for (int i = 0; i < N; i++)
        assert_true(a[0][i] == b[0][i] && a[1][i] == b[1][i]);
    /* the key decides: closed where the key is silent */
    assert_true(fabs(a[0][2500]) < 1e-3 && fabs(a[0][5900]) > 0.0);
    assert_true(fabs(a[0][5900] - x[0][5900]) < 1e-6);
    /* NaN in, finite out; poisoned state recovers */
    float z[64], o[64];
    for (int i = 0; i < 64; i++)
        z[i] = i % 2 ? NAN : INFINITY;
    const float *zi[1] = {z};
    float *zo[1] = {o};
    mm_gate g3;
    mm_gate_init(&g3, 1, SR);
    mm_gate_process(&g3, zi, zo, NULL, 0, 64);
    for (int i = 0; i < 64; i++)
        assert_true(mm_isfinite_f(o[i]));
    g3.gain = NAN;
    mm_gate_process(&g3, zi, zo, NULL, 0, 64);
    assert_true(mm_isfinite_d(g3.gain) && g3.nonfinite == 1);
    /* reset while open: closes by the release, no jump */
    mm_gate g4;
    mm_gate_init(&g4, 1, SR);
    float one[480], o4[480];
    for (int i = 0; i < 480; i++)
        one[i] = (float)(0.5 * sin(i * 0.2));
    const float *i4[1] = {one};
    float *oo4[1] = {o4};
    for (int r = 0; r < 5; r++)
        mm_gate_process(&g4, i4, oo4, NULL, 0, 480);
    assert_true(g4.gain == 1.0);
    mm_gate_reset(&g4);
    assert_true(g4.gain == 1.0 && !mm_gate_is_open(&g4));
    float zero[48] = {0};
    const float *iz[1] = {zero};
    mm_gate_process(&g4, iz, oo4, NULL, 0, 48);
    assert_true(g4.gain < 1.0 && g4.gain > 0.9); /* 1 ms of a 100 ms release */
    assert_int_equal(mm_gate_init(&g3, 9, SR), MM_E_ARG);
    assert_true(mm_gate_set(&g3, MM_GATE_RANGE, 5) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threshold_hysteresis),
        cmocka_unit_test(test_hold),
        cmocka_unit_test(test_range_times),
        cmocka_unit_test(test_low_sine_no_flutter),
        cmocka_unit_test(test_key_blocks_nan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
