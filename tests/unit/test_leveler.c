/* test_leveler.c: the loudness rider against its contract.
 * Programmes are stereo pink-ish noise at a set loudness (calibrated
 * with libebur128); the output is metered with libebur128 too.
 * - a steady programme at -30 LUFS (target -16) and one at -6 settle
 *   within 0.5 LU (short-term loudness of the output); the gain never
 *   moves faster than `speed` per sample (read after every sample) and
 *   never leaves [-maxcut, +maxboost]; the reading is the applied gain;
 * - the same at 22.05, 44.1, 96 and 192 kHz; the limits hold;
 * - the `loudness` reading agrees with libebur128 over the window;
 * - silence after music and a fade-out: no rise below the gate;
 * - 10 ms bursts 20 dB above the programme dip the gain < 0.2 dB;
 * - freeze, gain (at once, within the limits), reset (keeps the gain);
 * - NaN/inf bursts: finite output, the measurement recovers;
 * - block sizes 1, 64, 1000 and ragged ones, in place: identical;
 * - denormals, parameter table, bad arguments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ebur128.h>

#include "mm_leveler.h"
#include "mmtest.h"

/* stereo pink-ish noise (white plus two low-passed copies), scaled */
typedef struct prog {
    double fs, amp;
    double lp[2][2];
} prog;

static double prog_chan(prog *g, int c)
{
    double w = mmt_frand();
    g->lp[c][0] += (1 - exp(-2 * MMT_PI * 200 / g->fs)) * (w - g->lp[c][0]);
    g->lp[c][1] += (1 - exp(-2 * MMT_PI * 2000 / g->fs)) * (w - g->lp[c][1]);
    return 0.25 * (0.3 * w + 2.0 * g->lp[c][0] + 0.8 * g->lp[c][1]);
}

static void prog_next(prog *g, float *l, float *r)
{
    *l = (float)(g->amp * prog_chan(g, 0));
    *r = (float)(g->amp * 0.7 * prog_chan(g, 1));
}

/* a programme at `lufs`: its amplitude from 6 s metered by libebur128 */
static prog prog_make(double fs, double lufs)
{
    prog g = {fs, 1.0, {{0, 0}, {0, 0}}};
    long n = (long)(fs * 6);
    ebur128_state *st = ebur128_init(2, (unsigned long)fs, EBUR128_MODE_I);
    assert_non_null(st);
    float *fr = malloc(sizeof *fr * 2 * n);
    assert_non_null(fr);
    for (long i = 0; i < n; i++)
        prog_next(&g, &fr[2 * i], &fr[2 * i + 1]);
    ebur128_add_frames_float(st, fr, (size_t)n);
    free(fr);
    double l;
    ebur128_loudness_global(st, &l);
    ebur128_destroy(&st);
    g.amp = pow(10, (lufs - l) / 20);
    return g;
}

static ebur128_state *meter(double fs)
{
    ebur128_state *st = ebur128_init(2, (unsigned long)fs, EBUR128_MODE_S);
    assert_non_null(st);
    return st; /* its 3 s window (set_max_window takes seconds here) */
}

static double meter_window(ebur128_state *st, unsigned long ms)
{
    double v;
    assert_int_equal(ebur128_loudness_window(st, ms, &v), EBUR128_SUCCESS);
    return v;
}

/* What a run saw, sample by sample (process with n = 1). */
typedef struct watch {
    double maxslope;     /* dB/s, largest |gain step| x fs */
    double gmin, gmax;   /* dB */
    double worst_apply;  /* dB, |20 log10(out/in) - reading| */
    double gprev;
    int started;
} watch;

static void watch_init(watch *w) { memset(w, 0, sizeof *w); }

/* one frame through l, checked against the contract */
static void step(mm_leveler *l, watch *w, float a, float b, float *oa,
                 float *ob)
{
    const float *in[2] = {&a, &b};
    float *out[2] = {oa, ob};
    mm_leveler_process(l, in, out, 1);
    double g = mm_leveler_gain_db(l), fs = l->samplerate;
    if (w->started) {
        double s = fabs(g - w->gprev) * fs;
        w->maxslope = s > w->maxslope ? s : w->maxslope;
        if (s > l->value[MM_LEVELER_SPEED] * (1 + 1e-9) + 1e-9) {
            print_error("gain step %.3g dB/s > speed\n", s);
            fail();
        }
        w->gmin = g < w->gmin ? g : w->gmin;
        w->gmax = g > w->gmax ? g : w->gmax;
    } else {
        w->gmin = w->gmax = g;
        w->started = 1;
    }
    assert_true(g >= -l->value[MM_LEVELER_MAXCUT] - 1e-12
                && g <= l->value[MM_LEVELER_MAXBOOST] + 1e-12);
    if (fabs(a) > 0.01) {
        double e = fabs(mmt_db(*oa / (double)a) - g);
        w->worst_apply = e > w->worst_apply ? e : w->worst_apply;
    }
    w->gprev = g;
}

/* `seconds` of a programme through l, every frame checked */
static void ride(mm_leveler *l, watch *w, prog *g, double seconds)
{
    float a, b, oa, ob;
    for (long i = 0; i < (long)(g->fs * seconds); i++) {
        prog_next(g, &a, &b);
        step(l, w, a, b, &oa, &ob);
    }
}

/* a stereo leveler at fs and a programme at `level` LUFS for it */
static prog start(mm_leveler *l, watch *w, double fs, double level)
{
    assert_int_equal(mm_leveler_init(l, 2, fs), MM_OK);
    watch_init(w);
    return prog_make(fs, level);
}

/* settle a programme at `level` toward `target`; returns the output's
 * loudness over the last 3 s minus the target */
static double settle(double fs, double level, double target, double boost,
                     double seconds, watch *w, double *meter_err)
{
    mm_leveler l;
    assert_int_equal(mm_leveler_init(&l, 2, fs), MM_OK);
    mm_leveler_set(&l, MM_LEVELER_TARGET, target);
    mm_leveler_set(&l, MM_LEVELER_MAXBOOST, boost);
    prog g = prog_make(fs, level);
    ebur128_state *mo = meter(fs), *mi = meter(fs);
    watch_init(w);
    enum { CH = 1024 }; /* libebur128 is slow one frame at a time */
    float fi[2 * CH], fo[2 * CH];
    long n = (long)(fs * seconds);
    for (long i = 0; i < n; i++) {
        int j = (int)(i % CH);
        prog_next(&g, &fi[2 * j], &fi[2 * j + 1]);
        step(&l, w, fi[2 * j], fi[2 * j + 1], &fo[2 * j], &fo[2 * j + 1]);
        if (j == CH - 1 || i == n - 1) {
            ebur128_add_frames_float(mi, fi, (size_t)j + 1);
            ebur128_add_frames_float(mo, fo, (size_t)j + 1);
        }
    }
    double out = meter_window(mo, 3000);
    /* the window (3 s) is a whole number of 5 ms sub-blocks: within
     * 2 ms of libebur128's */
    *meter_err = mm_leveler_loudness(&l) - meter_window(mi, 3000);
    ebur128_destroy(&mo);
    ebur128_destroy(&mi);
    mm_leveler_free(&l);
    return out - target;
}

static void test_settle(void **state)
{
    (void)state;
    const double level[] = {-30, -6}, boost[] = {20, 12};
    for (int k = 0; k < 2; k++) {
        watch w;
        double merr;
        double err = settle(48000, level[k], -16, boost[k], 24, &w, &merr);
        printf("  %g LUFS -> -16: output %+.3f LU off, gain %.2f..%.2f dB, "
               "max slope %.6f dB/s, reading vs applied %.1e dB, loudness "
               "reading vs libebur128 %+.4f LU\n", level[k], err, w.gmin,
               w.gmax, w.maxslope, w.worst_apply, merr);
        assert_true(fabs(err) < 0.5);
        assert_true(w.worst_apply < 1e-4);
        CHECK_NEAR(merr, 0.0, 0.1);
    }
}

static void test_rates(void **state)
{
    (void)state;
    const double rates[] = {22050, 44100, 96000, 192000};
    for (int r = 0; r < 4; r++) {
        watch w;
        double merr;
        double err = settle(rates[r], -27, -16, 12, 17, &w, &merr);
        printf("  %g Hz, -27 LUFS -> -16: %+.3f LU, max slope %.6f dB/s, "
               "loudness reading %+.4f LU\n", rates[r], err, w.maxslope,
               merr);
        assert_true(fabs(err) < 0.5);
        CHECK_NEAR(merr, 0.0, 0.1);
    }
}

static void test_limits(void **state)
{
    (void)state;
    /* -36 LUFS wants +20 dB: maxboost 12 holds (gate lowered to let it
     * ride); then -2 LUFS wants -14: maxcut 5 holds */
    mm_leveler l;
    mm_leveler_init(&l, 2, 48000);
    mm_leveler_set(&l, MM_LEVELER_GATE, -30);
    mm_leveler_set(&l, MM_LEVELER_SPEED, 10);
    mm_leveler_set(&l, MM_LEVELER_MAXCUT, 5);
    watch w;
    watch_init(&w);
    prog g = prog_make(48000, -36), h = prog_make(48000, -2);
    ride(&l, &w, &g, 6);
    CHECK_NEAR(mm_leveler_gain_db(&l), 12, 1e-12);
    ride(&l, &w, &h, 8);
    CHECK_NEAR(mm_leveler_gain_db(&l), -5, 1e-12);
    printf("  limits: gain %.3f..%.3f dB (maxboost 12, maxcut 5)\n", w.gmin,
           w.gmax);
    mm_leveler_free(&l);
}

/* music (at -22) then silence, then music fading out over 6 s */
static void test_pauses(void **state)
{
    (void)state;
    const double fs = 48000;
    mm_leveler l;
    watch w;
    prog g = start(&l, &w, fs, -22);
    float a, b, oa, ob;
    ride(&l, &w, &g, 12);
    double g0 = mm_leveler_gain_db(&l), gmax = g0;
    CHECK_NEAR(g0, 6, 0.2);
    for (long i = 0; i < fs * 15; i++) {
        step(&l, &w, 0, 0, &oa, &ob);
        double gg = mm_leveler_gain_db(&l);
        gmax = gg > gmax ? gg : gmax;
    }
    printf("  silence after music: gain %.4f dB before, at most %.4f, "
           "%.4f after 15 s\n", g0, gmax, mm_leveler_gain_db(&l));
    assert_true(gmax <= g0 + 0.02);
    CHECK_NEAR(mm_leveler_gain_db(&l), g0, 0.02);
    assert_true(mm_leveler_loudness(&l) == MM_FLOOR_DB);

    /* music again (at -22), then a 6 s linear-in-dB fade to -60 */
    ride(&l, &w, &g, 6);
    double g1 = mm_leveler_gain_db(&l), rise = 0, below_rise = 0;
    double gate = -16 - 15, gbelow = 0;
    int below = 0;
    double amp = g.amp;
    for (long i = 0; i < fs * 10; i++) {
        double t = i / fs, db = t < 6 ? -38 * t / 6 : -38;
        g.amp = amp * pow(10, db / 20);
        prog_next(&g, &a, &b);
        step(&l, &w, a, b, &oa, &ob);
        double gg = mm_leveler_gain_db(&l);
        rise = gg - g1 > rise ? gg - g1 : rise;
        if (!below && mm_leveler_loudness(&l) < gate) {
            below = 1;
            gbelow = gg;
        }
        if (below && gg - gbelow > below_rise)
            below_rise = gg - gbelow;
    }
    printf("  fade-out over 6 s: gain rose %.3f dB in all, %.4f dB once "
           "the loudness was below the gate\n", rise, below_rise);
    assert_true(below);
    assert_true(below_rise == 0.0);
    mm_leveler_free(&l);
}

static void test_transient(void **state)
{
    (void)state;
    const double fs = 48000;
    mm_leveler l;
    watch w;
    prog g = start(&l, &w, fs, -20);
    float a, b, oa, ob;
    ride(&l, &w, &g, 10);
    /* the gain's own wander on the steady programme, for comparison */
    double g0 = mm_leveler_gain_db(&l), lo = g0, hi = g0;
    for (long i = 0; i < fs * 4; i++) {
        prog_next(&g, &a, &b);
        step(&l, &w, a, b, &oa, &ob);
        double gg = mm_leveler_gain_db(&l);
        lo = gg < lo ? gg : lo;
        hi = gg > hi ? gg : hi;
    }
    /* 10 ms bursts 20 dB above, 4 s apart, at offsets across a 5 ms
     * sub-block */
    double worst = 0;
    long burst = (long)(fs * 0.010);
    for (int k = 0; k < 5; k++) {
        double before = mm_leveler_gain_db(&l), min = before;
        long start = (long)(fs * 0.5) + k * 53;
        for (long i = 0; i < fs * 4; i++) {
            prog_next(&g, &a, &b);
            if (i >= start && i < start + burst) {
                a *= 10;
                b *= 10;
            }
            step(&l, &w, a, b, &oa, &ob);
            double gg = mm_leveler_gain_db(&l);
            min = gg < min ? gg : min;
        }
        worst = before - min > worst ? before - min : worst;
    }
    printf("  steady programme: gain wanders %.4f dB over 4 s; 10 ms "
           "bursts +20 dB: dip %.4f dB at worst\n", hi - lo, worst);
    assert_true(worst < 0.2);
    mm_leveler_free(&l);
}

static void test_freeze_gain_reset(void **state)
{
    (void)state;
    const double fs = 44100;
    mm_leveler l;
    watch w;
    prog g = start(&l, &w, fs, -26);
    float a, b, oa, ob;
    ride(&l, &w, &g, 3); /* riding up */
    double g0 = mm_leveler_gain_db(&l);
    assert_true(g0 > 1.0);
    assert_true(mm_leveler_set(&l, MM_LEVELER_FREEZE, 5) == 1);
    assert_true(mm_leveler_frozen(&l));
    double gf = mm_leveler_gain_db(&l);
    ride(&l, &w, &g, 3);
    /* at most the rest of the sub-block it was in */
    CHECK_NEAR(mm_leveler_gain_db(&l), gf, 0.005 + 1e-9);
    mm_leveler_set(&l, MM_LEVELER_FREEZE, 0);
    assert_false(mm_leveler_frozen(&l));
    ride(&l, &w, &g, 1);
    assert_true(mm_leveler_gain_db(&l) > gf + 0.9);

    /* gain: at once, within the limits, applied to the next sample */
    assert_true(mm_leveler_set(&l, MM_LEVELER_GAIN, -4.5) == -4.5);
    assert_true(mm_leveler_gain_db(&l) == -4.5);
    assert_true(mm_leveler_get(&l, MM_LEVELER_GAIN) == -4.5);
    prog_next(&g, &a, &b);
    w.started = 0; /* the jump is not a ride */
    step(&l, &w, a, b, &oa, &ob);
    CHECK_NEAR(mmt_db(oa / (double)a), -4.5, 2e-3);
    assert_true(mm_leveler_set(&l, MM_LEVELER_GAIN, 40) == 12);
    mm_leveler_set(&l, MM_LEVELER_MAXCUT, 3);
    assert_true(mm_leveler_set(&l, MM_LEVELER_GAIN, -10) == -3);
    mm_leveler_set(&l, MM_LEVELER_GAIN, 8);
    mm_leveler_set(&l, MM_LEVELER_MAXBOOST, 2); /* the limits win */
    assert_true(mm_leveler_gain_db(&l) == 2);

    /* reset: measurement cleared, gain kept, holds 400 ms */
    mm_leveler_set(&l, MM_LEVELER_MAXBOOST, 12);
    mm_leveler_set(&l, MM_LEVELER_GAIN, 6);
    mm_leveler_reset(&l);
    assert_true(mm_leveler_gain_db(&l) == 6);
    assert_true(mm_leveler_loudness(&l) == MM_FLOOR_DB);
    assert_true(mm_leveler_get(&l, MM_LEVELER_TARGET) == -16);
    w.started = 0;
    ride(&l, &w, &g, 0.39);
    assert_true(mm_leveler_gain_db(&l) == 6);
    ride(&l, &w, &g, 5);
    CHECK_NEAR(mm_leveler_gain_db(&l), 10, 0.2); /* -26 -> -16 */
    mm_leveler_free(&l);
}

static void test_nonfinite(void **state)
{
    (void)state;
    const double fs = 48000;
    mm_leveler l;
    mm_leveler_init(&l, 2, fs);
    prog g = prog_make(fs, -20);
    float a[64], b[64];
    const float *in[2] = {a, b};
    float *out[2] = {a, b};
    for (long i = 0; i < fs * 10 / 64; i++) {
        for (int j = 0; j < 64; j++)
            prog_next(&g, &a[j], &b[j]);
        mm_leveler_process(&l, in, out, 64);
    }
    double l0 = mm_leveler_loudness(&l), g0 = mm_leveler_gain_db(&l);
    /* 100 ms of NaN, inf and huge values */
    const float bad[4] = {mmt_f_from_bits(0x7fc00000u),
                          mmt_f_from_bits(0x7f800000u),
                          mmt_f_from_bits(0xff800000u), 3e38f};
    for (int r = 0; r < 75; r++) {
        for (int j = 0; j < 64; j++)
            a[j] = b[j] = bad[(r + j) % 4];
        mm_leveler_process(&l, in, out, 64);
        assert_true(mm_isfinite_d(mm_leveler_gain_db(&l)));
        assert_true(mm_isfinite_d(mm_leveler_loudness(&l)));
    }
    l.kw[1].s_shelf.s2 = mmt_d_from_bits(0x7ff8000000000000ull);
    /* the next block after the input is finite again is finite */
    for (long i = 0; i < fs * 12 / 64; i++) {
        for (int j = 0; j < 64; j++)
            prog_next(&g, &a[j], &b[j]);
        mm_leveler_process(&l, in, out, 64);
        for (int j = 0; j < 64; j++)
            assert_true(mm_isfinite_f(a[j]) && mm_isfinite_f(b[j]));
    }
    printf("  NaN/inf burst: loudness %.3f -> %.3f LUFS, gain %.3f -> "
           "%.3f dB, %ld non-finite sub-blocks\n", l0,
           mm_leveler_loudness(&l), g0, mm_leveler_gain_db(&l),
           l.nonfinite);
    CHECK_NEAR(mm_leveler_loudness(&l), l0, 0.1);
    CHECK_NEAR(mm_leveler_gain_db(&l), g0, 0.1);
    assert_true(l.nonfinite >= 1);
    /* a poisoned sum is recomputed at the next sub-block */
    l.sum_gated = mmt_d_from_bits(0x7ff8000000000000ull);
    for (int r = 0; r < 8; r++) { /* past the next sub-block's end */
        for (int j = 0; j < 64; j++)
            prog_next(&g, &a[j], &b[j]);
        mm_leveler_process(&l, in, out, 64);
    }
    assert_true(mm_isfinite_d(l.sum_gated));
    mm_leveler_free(&l);
}

/* 6 s that make the gain move both ways, with parameter changes */
static void run_cut(float *x0, float *x1, long n, int mode)
{
    mm_leveler l;
    mm_leveler_init(&l, 2, 48000);
    long i = 0, m = 1;
    while (i < n) {
        long len = mode == 0 ? 1 : mode == 1 ? 64 : mode == 2 ? 1000 : m;
        if (i + len > n)
            len = n - i;
        /* changes at multiples of 64000 samples, met by every mode (the
         * ragged one stops there) */
        if (i == 64000)
            mm_leveler_set(&l, MM_LEVELER_WINDOW, 700);
        if (i == 128000)
            mm_leveler_set(&l, MM_LEVELER_SPEED, 6);
        if (i == 192000)
            mm_leveler_set(&l, MM_LEVELER_TARGET, -30);
        long next = (i / 64000 + 1) * 64000;
        if (i + len > next)
            len = next - i;
        const float *in[2] = {x0 + i, x1 + i};
        float *out[2] = {x0 + i, x1 + i};
        mm_leveler_process(&l, in, out, (int)len);
        i += len;
        m = m * 7 % 1013 + 1;
    }
    mm_leveler_free(&l);
}

static void test_blocks(void **state)
{
    (void)state;
    enum { N = 288000 };
    float *ref0 = malloc(N * sizeof(float)), *ref1 = malloc(N * sizeof(float));
    float *x0 = malloc(N * sizeof(float)), *x1 = malloc(N * sizeof(float));
    assert_true(ref0 && ref1 && x0 && x1);
    prog g = prog_make(48000, -30), h = prog_make(48000, -8);
    for (long i = 0; i < N; i++) {
        if ((i / 72000) % 2)
            prog_next(&h, &ref0[i], &ref1[i]);
        else
            prog_next(&g, &ref0[i], &ref1[i]);
    }
    float *src0 = malloc(N * sizeof(float)), *src1 = malloc(N * sizeof(float));
    assert_true(src0 && src1);
    memcpy(src0, ref0, N * sizeof(float));
    memcpy(src1, ref1, N * sizeof(float));
    run_cut(ref0, ref1, N, 0);
    for (int mode = 1; mode < 4; mode++) {
        memcpy(x0, src0, N * sizeof(float));
        memcpy(x1, src1, N * sizeof(float));
        run_cut(x0, x1, N, mode);
        for (long i = 0; i < N; i++) {
            CHECK_BITS_F(x0[i], ref0[i]);
            CHECK_BITS_F(x1[i], ref1[i]);
        }
    }
    free(ref0); free(ref1); free(x0); free(x1); free(src0); free(src1);
}

static void test_denormals(void **state)
{
    (void)state;
    mm_leveler l;
    mm_leveler_init(&l, 1, 44100);
    long total = (long)(MMT_PROBE_SECONDS * 44100.0);
    float x[2048];
    const float *in[1] = {x};
    float *out[1] = {x};
    for (long i = 0; i + l.sub <= total; i += l.sub) {
        for (int j = 0; j < l.sub; j++)
            x[j] = mmt_decay_probe(i + j, 44100.0);
        mm_leveler_process(&l, in, out, l.sub); /* one whole sub-block */
        assert_false(mmt_tiny(l.kw[0].s_shelf.s1)
                     || mmt_tiny(l.kw[0].s_shelf.s2)
                     || mmt_tiny(l.kw[0].s_hp.s1)
                     || mmt_tiny(l.kw[0].s_hp.s2));
    }
    mm_leveler_free(&l);
}

static void test_params(void **state)
{
    (void)state;
    const mm_paramtable *t = &mm_leveler_table;
    assert_int_equal(t->count, MM_LEVELER_NPARAMS);
    const char *names[] = {"target", "speed", "maxboost", "maxcut",
                           "window", "gate", "freeze", "gain"};
    const double lo[] = {-40, 0.1, 0, 0, 400, -40, 0, -30},
                 hi[] = {-5, 10, 30, 30, 10000, 0, 1, 30},
                 def[] = {-16, 1, 12, 12, 3000, -15, 0, 0};
    for (int p = 0; p < MM_LEVELER_NPARAMS; p++) {
        assert_string_equal(t->defs[p].name, names[p]);
        assert_int_equal(t->defs[p].id, p);
        assert_true(t->defs[p].min == lo[p] && t->defs[p].max == hi[p]
                    && t->defs[p].def == def[p]);
    }
    assert_true(mm_param_find(t, "freeze")->type == MM_P_BOOL);
    mm_leveler l;
    assert_int_equal(mm_leveler_init(&l, 0, 48000), MM_E_ARG);
    assert_int_equal(mm_leveler_init(&l, MM_LEVELER_MAXCH + 1, 48000),
                     MM_E_ARG);
    assert_int_equal(mm_leveler_init(&l, MM_LEVELER_MAXCH, 48000), MM_OK);
    for (int p = 0; p < MM_LEVELER_NPARAMS; p++)
        assert_true(mm_leveler_get(&l, p) == def[p]);
    assert_true(mm_leveler_gain_db(&l) == 0.0);
    assert_true(mm_leveler_loudness(&l) == MM_FLOOR_DB);
    assert_int_equal(mm_leveler_latency(&l), 0);
    assert_true(mm_leveler_set(&l, MM_LEVELER_TARGET, 3) == -5);
    assert_true(mm_leveler_set(&l, MM_LEVELER_SPEED, 0) == 0.1);
    assert_true(mm_leveler_set(&l, MM_LEVELER_WINDOW, 1e9) == 10000);
    assert_true(mm_leveler_set(&l, MM_LEVELER_GATE, NAN) == -15);
    assert_true(mm_leveler_set(&l, (mm_leveler_param)99, 1) == 0.0);
    /* rates: a bad one changes nothing, a higher one reallocates */
    assert_int_equal(mm_leveler_set_samplerate(&l, -1), MM_E_ARG);
    assert_int_equal(mm_leveler_set_samplerate(&l, NAN), MM_E_ARG);
    assert_true(l.samplerate == 48000);
    mm_leveler_set(&l, MM_LEVELER_GAIN, 3);
    assert_int_equal(mm_leveler_set_samplerate(&l, 192000), MM_OK);
    assert_int_equal(l.sub, 960);
    assert_true(l.win == 2000 && l.cap == 2001);
    assert_true(mm_leveler_gain_db(&l) == 3); /* kept */
    assert_int_equal(mm_leveler_set_samplerate(&l, 22050), MM_OK);
    assert_int_equal(l.sub, 110);
    float z[8][16] = {{0}};
    const float *in[8];
    float *out[8];
    for (int k = 0; k < 8; k++)
        in[k] = out[k] = z[k];
    mm_leveler_process(&l, in, out, 16);
    mm_leveler_free(&l);
    mm_leveler_free(&l); /* twice is harmless */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_settle),
        cmocka_unit_test(test_rates),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_pauses),
        cmocka_unit_test(test_transient),
        cmocka_unit_test(test_freeze_gain_reset),
        cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_denormals),
        cmocka_unit_test(test_params),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
