/* test_comp.c: the compressor core against theory.
 * - static curve: steady 1 kHz sines from -60 to 0 dBFS meet the
 *   contract's formula within 0.5 dB (knee 0, 12; ratio 2, 4, 20);
 * - attack and release: time to 63% of the gain change within 20% (the
 *   core does far better: printed);
 * - mix 0 is the input exactly; makeup; the key drives the gain; link 0
 *   and 100; per-channel thresholds; schpf ignores a low key;
 * - block-size independence, in-place, NaN recovery, denormals;
 * - the pass-wise process and the many-compressor process equal the
 *   frame-by-frame reference bit for bit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm_comp.h"
#include "dyn_formula.h"

#define SR 48000.0

/* run n samples of a sine (amp, freq) on every channel; returns the
 * output peak over the last `tail` samples (channel 0) */
static double run_sine(mm_comp *c, double amp, double f, int n, int tail)
{
    float a[64], b[64];
    float *out[2] = {b, b};
    const float *in[2] = {a, a};
    double pk = 0;
    static long ph = 0;
    for (int i = 0; i < n; i += 64) {
        for (int j = 0; j < 64; j++)
            a[j] = (float)(amp * sin(2 * MM_PI * f * (ph++) / SR));
        mm_comp_process(c, in, out, NULL, 0, 64);
        if (i >= n - tail)
            for (int j = 0; j < 64; j++)
                pk = fabs(b[j]) > pk ? fabs(b[j]) : pk;
    }
    return pk;
}

static void test_static_curve(void **state)
{
    (void)state;
    const double Rs[] = {2, 4, 20}, Ws[] = {0, 12};
    double worst = 0;
    for (int r = 0; r < 3; r++)
        for (int w = 0; w < 2; w++) {
            mm_comp c;
            mm_comp_init(&c, 1, SR);
            mm_comp_set(&c, MM_COMP_THRESHOLD, -30);
            mm_comp_set(&c, MM_COMP_RATIO, Rs[r]);
            mm_comp_set(&c, MM_COMP_KNEE, Ws[w]);
            for (double x = -60; x <= 0; x += 2) {
                double amp = pow(10, x / 20);
                double pk = run_sine(&c, amp, 997, 48000 / 2, 4800);
                double err = 20 * log10(pk) - formula(x, -30, Rs[r], Ws[w]);
                worst = fabs(err) > worst ? fabs(err) : worst;
                assert_true(fabs(err) < 0.5);
            }
        }
    printf("  static curve: worst error %.3f dB\n", worst);
}

/* gain (dB) trajectory: DC-free measurement, out/in where |in| is large */
static double measure_t63(double attack, double release, int up)
{
    mm_comp c;
    mm_comp_init(&c, 1, SR);
    mm_comp_set(&c, MM_COMP_THRESHOLD, -40);
    mm_comp_set(&c, MM_COMP_RATIO, 4);
    mm_comp_set(&c, MM_COMP_KNEE, 0);
    mm_comp_set(&c, MM_COMP_ATTACK, attack);
    mm_comp_set(&c, MM_COMP_RELEASE, release);
    /* level steps between -30 and -10 dBFS: gain -7.5 dB <-> -22.5 dB */
    double a0 = pow(10, (up ? -30 : -10) / 20.0),
           a1 = pow(10, (up ? -10 : -30) / 20.0);
    int pre = (int)SR * 4, post = (int)(SR * release / 1000 * 6) + 48000;
    double g0 = up ? -7.5 : -22.5, g1 = up ? -22.5 : -7.5;
    double goal = g0 + (1 - exp(-1)) * (g1 - g0);
    float x, y;
    const float *in[1] = {&x};
    float *out[1] = {&y};
    for (int i = 0; i < pre + post; i++) {
        double amp = i < pre ? a0 : a1;
        x = (float)(amp * sin(2 * MM_PI * 1000 * i / SR + 0.2));
        mm_comp_process(&c, in, out, NULL, 0, 1);
        if (i >= pre && fabs(sin(2 * MM_PI * 1000 * i / SR + 0.2)) > 0.5) {
            double g = 20 * log10(fabs(y / x));
            if ((up && g <= goal) || (!up && g >= goal))
                return (i - pre) / SR * 1000;
        }
    }
    return -1;
}

static void test_times(void **state)
{
    (void)state;
    const double att[] = {1, 10, 50}, rel[] = {20, 100, 1000};
    for (int k = 0; k < 3; k++) {
        double ta = measure_t63(att[k], 100, 1);
        double tr = measure_t63(10, rel[k], 0);
        printf("  attack %g ms: %.2f ms (%+.1f%%); release %g ms: %.2f ms "
               "(%+.1f%%)\n", att[k], ta, 100 * (ta / att[k] - 1), rel[k],
               tr, 100 * (tr / rel[k] - 1));
        assert_true(fabs(ta / att[k] - 1) < 0.2);
        assert_true(fabs(tr / rel[k] - 1) < 0.2);
    }
}

static void test_mix_makeup(void **state)
{
    (void)state;
    mm_comp c;
    mm_comp_init(&c, 2, SR);
    mm_comp_set(&c, MM_COMP_THRESHOLD, -40);
    mm_comp_set(&c, MM_COMP_RATIO, 10);
    mm_comp_set(&c, MM_COMP_MIX, 0);
    mm_comp_snap(&c);
    float a[256], b[256], o0[256], o1[256];
    for (int i = 0; i < 256; i++) {
        a[i] = (float)(0.8 * sin(i * 0.1));
        b[i] = (float)(0.3 * sin(i * 0.07));
    }
    const float *in[2] = {a, b};
    float *out[2] = {o0, o1};
    for (int r = 0; r < 10; r++) {
        mm_comp_process(&c, in, out, NULL, 0, 256);
        for (int i = 0; i < 256; i++)
            assert_true(o0[i] == a[i] && o1[i] == b[i]);
    }
    assert_true(mm_comp_take_gr(&c) < -10); /* it still measures */
    /* makeup only, no compression: +6 dB exactly after the glide */
    mm_comp_set(&c, MM_COMP_MIX, 100);
    mm_comp_set(&c, MM_COMP_RATIO, 1);
    mm_comp_set(&c, MM_COMP_MAKEUP, 6);
    for (int r = 0; r < 600; r++)
        mm_comp_process(&c, in, out, NULL, 0, 256);
    for (int i = 0; i < 256; i++)
        assert_true(fabs(o0[i] - a[i] * pow(10, 6 / 20.0)) < 1e-5);
    /* out of range values are clamped */
    assert_true(mm_comp_set(&c, MM_COMP_RATIO, 1000) == 100);
    assert_true(mm_comp_set(&c, MM_COMP_SCHPF, -5) == 0);
    assert_true(mm_comp_set(&c, MM_COMP_SCHPF, 5) == 10);
    assert_true(mm_comp_set(&c, MM_COMP_ATTACK, 0) == 0.1);
}

static void test_key(void **state)
{
    (void)state;
    mm_comp c;
    mm_comp_init(&c, 2, SR);
    mm_comp_set(&c, MM_COMP_THRESHOLD, -30);
    mm_comp_set(&c, MM_COMP_RATIO, 4);
    mm_comp_set(&c, MM_COMP_KNEE, 0);
    float a[64], o0[64], o1[64], k[64];
    const float *in[2] = {a, a};
    float *out[2] = {o0, o1};
    const float *key[1] = {k};
    /* loud input, silent key: no reduction */
    for (int r = 0; r < 300; r++) {
        for (int i = 0; i < 64; i++) {
            a[i] = (float)(0.9 * sin((r * 64 + i) * 0.13));
            k[i] = 0;
        }
        mm_comp_process(&c, in, out, key, 1, 64);
    }
    assert_true(mm_comp_take_gr(&c) == 0.0);
    /* quiet input, loud key (-10 dBFS peak): -15 dB of gain */
    for (int r = 0; r < 1500; r++) {
        for (int i = 0; i < 64; i++) {
            a[i] = (float)(0.01 * sin((r * 64 + i) * 0.13));
            k[i] = (float)(pow(10, -0.5) * sin((r * 64 + i) * 0.05));
        }
        mm_comp_process(&c, in, out, key, 1, 64);
    }
    mm_comp_take_gr(&c);
    mm_comp_process(&c, in, out, key, 1, 64);
    double gr = mm_comp_take_gr(&c);
    printf("  key -10 dBFS, T -30, R 4: gr %.3f dB (want -15)\n", gr);
    assert_true(fabs(gr + 15) < 0.3);
    /* schpf 500 Hz: a 30 Hz key no longer drives it much */
    mm_comp_set(&c, MM_COMP_SCHPF, 500);
    for (int r = 0; r < 1500; r++) {
        for (int i = 0; i < 64; i++)
            k[i] = (float)(pow(10, -0.5) *
                           sin(2 * MM_PI * 30 * (r * 64 + i) / SR));
        mm_comp_process(&c, in, out, key, 1, 64);
    }
    mm_comp_take_gr(&c);
    mm_comp_process(&c, in, out, key, 1, 64);
    gr = mm_comp_take_gr(&c);
    printf("  30 Hz key through schpf 500: gr %.3f dB\n", gr);
    assert_true(gr > -1.0); /* 30 Hz is ~49 dB down: below threshold */
}

static void test_link(void **state)
{
    (void)state;
    /* loud left, silent right */
    for (int linked = 0; linked < 2; linked++) {
        mm_comp c;
        mm_comp_init(&c, 2, SR);
        mm_comp_set(&c, MM_COMP_THRESHOLD, -20);
        mm_comp_set(&c, MM_COMP_KNEE, 0);
        mm_comp_set(&c, MM_COMP_LINK, linked ? 100 : 0);
        float a[64], z[64], o0[64], o1[64];
        const float *in[2] = {a, z};
        float *out[2] = {o0, o1};
        for (int r = 0; r < 800; r++) {
            for (int i = 0; i < 64; i++) {
                a[i] = (float)(sin((r * 64 + i) * 0.13));
                z[i] = 0.001f;
            }
            mm_comp_process(&c, in, out, NULL, 0, 64);
        }
        double g0 = mm_comp_gr_db(&c, 0), g1 = mm_comp_gr_db(&c, 1);
        assert_true(fabs(g0 + 15) < 0.3);
        if (linked)
            assert_true(fabs(g1 - g0) < 1e-9);
        else
            assert_true(g1 == 0.0);
    }
    /* per-channel thresholds (M/S), link 50 */
    mm_comp c;
    mm_comp_init(&c, 2, SR);
    mm_comp_set(&c, MM_COMP_KNEE, 0);
    mm_comp_set(&c, MM_COMP_RATIO, 2);
    mm_comp_set_ch(&c, 0, MM_COMP_THRESHOLD, -20);
    mm_comp_set_ch(&c, 1, MM_COMP_THRESHOLD, -40);
    mm_comp_set(&c, MM_COMP_LINK, 50);
    assert_true(mm_comp_get(&c, 1, MM_COMP_THRESHOLD) == -40);
    float a[64], o0[64], o1[64];
    const float *in[2] = {a, a};
    float *out[2] = {o0, o1};
    for (int r = 0; r < 800; r++) {
        for (int i = 0; i < 64; i++)
            a[i] = (float)(0.1 * sin((r * 64 + i) * 0.13)); /* -20 dB */
        mm_comp_process(&c, in, out, NULL, 0, 64);
    }
    /* own reductions 0 and 10 dB; linked half way: 5 and 10 */
    assert_true(fabs(mm_comp_gr_db(&c, 0) + 5) < 0.2);
    assert_true(fabs(mm_comp_gr_db(&c, 1) + 10) < 0.2);
}

static void test_blocks_inplace(void **state)
{
    (void)state;
    enum { N = 9000 };
    static float x0[N], x1[N], k[N], ra0[N], ra1[N], rb0[N], rb1[N];
    for (int i = 0; i < N; i++) {
        double env = (i / 1500) % 2 ? 1.0 : 0.05;
        x0[i] = (float)(env * sin(i * 0.05));
        x1[i] = (float)(env * 0.5 * sin(i * 0.031));
        k[i] = (float)(sin(i * 0.011) * ((i / 1000) % 2));
    }
    for (int withkey = 0; withkey < 2; withkey++) {
        mm_comp c1, c2;
        mm_comp_init(&c1, 2, SR);
        mm_comp_init(&c2, 2, SR);
        mm_comp *cs[2] = {&c1, &c2};
        for (int j = 0; j < 2; j++) {
            mm_comp_set(cs[j], MM_COMP_THRESHOLD, -20);
            mm_comp_set(cs[j], MM_COMP_LINK, 60);
            mm_comp_set(cs[j], MM_COMP_DETECTOR, 1);
            mm_comp_set(cs[j], MM_COMP_SCHPF, 80);
            mm_comp_set(cs[j], MM_COMP_MIX, 70);
            mm_comp_snap(cs[j]);
        }
        const float *in[2] = {x0, x1};
        float *out[2] = {ra0, ra1};
        const float *key[1] = {k};
        mm_comp_process(&c1, in, out, withkey ? key : NULL, 1, N);
        memcpy(rb0, x0, sizeof rb0);
        memcpy(rb1, x1, sizeof rb1);
        for (int i = 0, n = 1; i < N; i += n, n = n * 7 % 97 + 1) {
            int m = i + n > N ? N - i : n;
            const float *ii[2] = {rb0 + i, rb1 + i};
            float *oo[2] = {rb0 + i, rb1 + i};
            const float *kk[1] = {k + i};
            mm_comp_process(&c2, ii, oo, withkey ? kk : NULL, 1, m);
        }
        for (int i = 0; i < N; i++)
            assert_true(ra0[i] == rb0[i] && ra1[i] == rb1[i]);
    }
}

static void test_nonfinite(void **state)
{
    (void)state;
    mm_comp c;
    mm_comp_init(&c, 2, SR);
    mm_comp_set(&c, MM_COMP_THRESHOLD, -20);
    mm_comp_set(&c, MM_COMP_SCHPF, 100);
    float a[64], o0[64], o1[64];
    const float *in[2] = {a, a};
    float *out[2] = {o0, o1};
    for (int i = 0; i < 64; i++)
        a[i] = i % 3 ? NAN : INFINITY;
    mm_comp_process(&c, in, out, NULL, 0, 64);
    for (int i = 0; i < 64; i++)
        assert_true(mm_isfinite_f(o0[i]) && mm_isfinite_f(o1[i]));
    c.ch[0].bal.y = NAN; /* poisoned state: reset at the block end */
    c.ch[1].hp.s1 = INFINITY;
    for (int i = 0; i < 64; i++)
        a[i] = 0.5f;
    mm_comp_process(&c, in, out, NULL, 0, 64);
    mm_comp_process(&c, in, out, NULL, 0, 64);
    for (int i = 0; i < 64; i++)
        assert_true(mm_isfinite_f(o0[i]) && mm_isfinite_f(o1[i]));
    assert_true(c.nonfinite > 0);
    /* silence after signal: state decays to exact zeros */
    for (int i = 0; i < 64; i++)
        a[i] = 0;
    for (int r = 0; r < 20000; r++)
        mm_comp_process(&c, in, out, NULL, 0, 64);
    assert_true(c.ch[0].bal.y == 0.0 && c.ch[0].hp.s1 == 0.0);
    /* reset keeps the reduction in force (no click), clears the meter */
    mm_comp_set(&c, MM_COMP_SCHPF, 0);
    for (int i = 0; i < 64; i++)
        a[i] = (float)(0.9 * sin(i * 0.3));
    for (int r = 0; r < 200; r++)
        mm_comp_process(&c, in, out, NULL, 0, 64);
    double before = mm_comp_gr_db(&c, 0);
    assert_true(before < -5);
    mm_comp_reset(&c);
    assert_true(mm_comp_gr_db(&c, 0) == before);
    assert_true(mm_comp_take_gr(&c) == 0.0);
    assert_int_equal(mm_comp_init(&c, 0, SR), MM_E_ARG);
    assert_int_equal(mm_comp_init(&c, MM_COMP_MAXCH + 1, SR), MM_E_ARG);
}

static void test_curve(void **state)
{
    (void)state;
    mm_comp c;
    mm_comp_init(&c, 1, SR);
    mm_comp_set(&c, MM_COMP_THRESHOLD, -20);
    mm_comp_set(&c, MM_COMP_RATIO, 4);
    mm_comp_set(&c, MM_COMP_KNEE, 6);
    mm_comp_set(&c, MM_COMP_MAKEUP, 3);
    float y[61];
    mm_comp_curve(&c, 0, y, 61, -60, 0);
    for (int i = 0; i < 61; i++)
        assert_true(fabs(y[i] - (formula(-60 + i, -20, 4, 6) + 3)) < 1e-3);
    mm_comp_set(&c, MM_COMP_MIX, 0);
    mm_comp_curve(&c, 0, y, 61, -60, 0);
    for (int i = 0; i < 61; i++)
        assert_true(fabs(y[i] - (-60 + i)) < 1e-4);
}


/* material for the pass tests: sines that come and go, a bass, noise
 * bursts, exact silence, steps, and the odd NaN/inf (channel c) */
static float pass_sig(int c, long i)
{
    unsigned h = (unsigned)(i * 2654435761u + (unsigned)c * 40503u);
    h ^= h >> 13;
    h *= 0x5bd1e995u;
    h ^= h >> 15;
    double noise = (double)(h & 0xffff) / 32768.0 - 1.0;
    double env = (i / (1100 + 300 * c)) % 3 == 0 ? 0.02 : 0.8;
    double x = env * (0.5 * sin(i * (0.031 + 0.007 * c))
                      + 0.3 * sin(i * 0.0021)
                      + ((i / 700) % 4 == 1 ? 0.4 * noise : 0.0));
    if ((i / 2000) % 5 == 3)
        x = 0.0; /* silence: a half-wave of zeros */
    if ((i / 3000) % 4 == 2 && (i % 3000) < 40)
        x = 0.95; /* a step */
    if (i % 4999 == 77)
        return c ? INFINITY : NAN;
    return (float)x;
}

/* the running state of two compressors is the same (fields, not bytes:
 * padding is unspecified) */
static void assert_same_state(const mm_comp *p, const mm_comp *q)
{
    for (int k = 0; k < p->nch; k++) {
        const mm_comp_chan *a = &p->ch[k], *b = &q->ch[k];
        const mm_envelope *e[2] = {&a->det, &b->det};
        assert_true(e[0]->ms == e[1]->ms && e[0]->cur == e[1]->cur
                    && e[0]->prev == e[1]->prev && e[0]->sign == e[1]->sign
                    && e[0]->count == e[1]->count
                    && e[0]->prev_len == e[1]->prev_len);
        assert_true(a->bal.r == b->bal.r && a->bal.y == b->bal.y);
        assert_true(a->hp.s1 == b->hp.s1 && a->hp.s2 == b->hp.s2);
        assert_true(a->meter == b->meter);
        assert_true(a->makeup.value == b->makeup.value);
    }
    assert_true(p->mix.value == q->mix.value);
    assert_true(p->hp.remaining == q->hp.remaining
                && p->hp.c.b0 == q->hp.c.b0 && p->hp.c.a1 == q->hp.c.a1);
    assert_true(p->nonfinite == q->nonfinite);
}

enum { PASS_NCONF = 9 };

/* configuration k of a compressor with nch channels (settings before the
 * run; *change is applied half way) */
static void pass_conf(mm_comp *c, int k, int nch)
{
    mm_comp_init(c, nch, SR);
    mm_comp_set(c, MM_COMP_THRESHOLD, -24);
    mm_comp_set(c, MM_COMP_KNEE, k % 2 ? 0 : 6);
    mm_comp_set(c, MM_COMP_ATTACK, k % 3 ? 2 : 10);
    mm_comp_set(c, MM_COMP_RELEASE, 60);
    switch (k) {
    case 1: mm_comp_set(c, MM_COMP_LINK, 0); break;
    case 2: mm_comp_set(c, MM_COMP_LINK, 40); break;
    case 3: mm_comp_set_ch(c, nch - 1, MM_COMP_THRESHOLD, -10); break;
    case 4: mm_comp_set(c, MM_COMP_SCHPF, 120); break;
    case 5: mm_comp_set(c, MM_COMP_DETECTOR, 1); break;
    case 6: mm_comp_set(c, MM_COMP_MIX, 60); break;
    case 7: mm_comp_set(c, MM_COMP_MAKEUP, 4); break;
    default: break;
    }
    mm_comp_snap(c);
}

/* half way: a change that glides (or switches a path) */
static void pass_change(mm_comp *c, int k, int nch)
{
    switch (k) {
    case 4: mm_comp_set(c, MM_COMP_SCHPF, 300); break; /* hp ramp */
    case 6: mm_comp_set(c, MM_COMP_MIX, 100); break;
    case 7: mm_comp_set(c, MM_COMP_MAKEUP, -3); break;
    case 8: mm_comp_set_ch(c, 0, MM_COMP_MAKEUP, 2); break; /* non-uniform */
    case 0: mm_comp_set(c, MM_COMP_SCHPF, 50); break; /* hp switched on */
    default: mm_comp_set(c, MM_COMP_RATIO, 8); break;
    }
    (void)nch;
}

/* mm_comp_process (passes) == mm_comp_process_plain (frame by frame),
 * bit for bit: outputs, meters, state; every configuration, 1..3 and 8
 * channels, no key / one key / a key per channel, odd block sizes,
 * in place. */
static void test_passes_equal_plain(void **state)
{
    (void)state;
    enum { N = 24000 };
    static float x[8][N], key[8][N], a[8][N], b[8][N];
    static const int chans[4] = {1, 2, 3, 8};
    for (int c = 0; c < 8; c++)
        for (long i = 0; i < N; i++) {
            x[c][i] = pass_sig(c, i);
            key[c][i] = pass_sig(c + 3, i * 3 + 17);
        }
    long frames = 0;
    for (int ci = 0; ci < 4; ci++)
        for (int k = 0; k < PASS_NCONF; k++)
            for (int kmode = 0; kmode < 3; kmode++) {
                const int nch = chans[ci];
                mm_comp p, q;
                pass_conf(&p, k, nch);
                pass_conf(&q, k, nch);
                for (int c = 0; c < nch; c++) {
                    memcpy(a[c], x[c], sizeof a[c]);
                    memcpy(b[c], x[c], sizeof b[c]);
                }
                int nkey = kmode == 0 ? 0 : kmode == 1 ? 1 : nch;
                for (long i = 0, n = 1; i < N; i += n, n = n * 13 % 211 + 1) {
                    long m = i + n > N ? N - i : n;
                    if (i <= N / 2 && i + m > N / 2) {
                        pass_change(&p, k, nch);
                        pass_change(&q, k, nch);
                    }
                    const float *ia[8], *ib[8], *kk[8];
                    float *oa[8], *ob[8];
                    for (int c = 0; c < nch; c++) {
                        ia[c] = oa[c] = a[c] + i; /* in place */
                        ib[c] = ob[c] = b[c] + i;
                        kk[c] = key[c] + i;
                    }
                    mm_comp_process_plain(&p, ia, oa, nkey ? kk : NULL, nkey,
                                          (int)m);
                    mm_comp_process(&q, ib, ob, nkey ? kk : NULL, nkey,
                                    (int)m);
                    if (i % 5 == 0)
                        assert_true(mm_comp_take_gr(&p)
                                    == mm_comp_take_gr(&q));
                }
                for (int c = 0; c < nch; c++) {
                    assert_memory_equal(a[c], b[c], sizeof a[c]);
                    assert_true(mm_comp_gr_db(&p, c) == mm_comp_gr_db(&q, c));
                    assert_true(mm_comp_take_gr_ch(&p, c)
                                == mm_comp_take_gr_ch(&q, c));
                }
                assert_same_state(&p, &q);
                frames += N;
            }
    printf("passes == plain bit for bit: %ld frames, 4 channel counts x %d "
           "settings x 3 key modes\n", frames, PASS_NCONF);
}

/* mm_comp_process_many == mm_comp_process_plain on each compressor in
 * turn, bit for bit (linked ones interleaved, unlinked ones alone). */
static void test_many_equal_plain(void **state)
{
    (void)state;
    enum { N = 20000, NC = 6 };
    static float x[NC][2][N], a[NC][2][N], b[NC][2][N];
    for (int j = 0; j < NC; j++)
        for (int c = 0; c < 2; c++)
            for (long i = 0; i < N; i++)
                x[j][c][i] = pass_sig(c + j, i * (j + 1));
    /* two sets of settings: mostly unlinked or filtered, mostly linked
     * peak detectors (the lanes), one switching its high-pass on */
    static const int sets[2][NC] = {{2, 3, 4, 5, 6, 7}, {0, 6, 7, 8, 0, 1}};
    for (int run = 0; run < 4; run++) {
        const int nch = 1 + run % 2, *conf = sets[run / 2];
        mm_comp p[NC], q[NC];
        for (int j = 0; j < NC; j++) {
            pass_conf(&p[j], conf[j], nch);
            pass_conf(&q[j], conf[j], nch);
        }
        for (long i = 0, n = 1; i < N; i += n, n = n * 13 % 211 + 1) {
            long m = i + n > N ? N - i : n;
            mm_comp *qs[NC];
            const float *ib[NC][2];
            float *ob[NC][2];
            const float *const *ibp[NC];
            float *const *obp[NC];
            for (int j = 0; j < NC; j++) {
                if (i <= N / 2 && i + m > N / 2) {
                    pass_change(&p[j], conf[j], nch);
                    pass_change(&q[j], conf[j], nch);
                }
                const float *ia[2];
                float *oa[2];
                for (int c = 0; c < nch; c++) {
                    ia[c] = x[j][c] + i;
                    oa[c] = a[j][c] + i;
                    ib[j][c] = x[j][c] + i;
                    ob[j][c] = b[j][c] + i;
                }
                mm_comp_process_plain(&p[j], ia, oa, NULL, 0, (int)m);
                qs[j] = &q[j];
                ibp[j] = ib[j];
                obp[j] = ob[j];
            }
            mm_comp_process_many(qs, NC, ibp, obp, (int)m);
        }
        for (int j = 0; j < NC; j++) {
            for (int c = 0; c < nch; c++)
                assert_memory_equal(a[j][c], b[j][c], sizeof a[j][c]);
            assert_same_state(&p[j], &q[j]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_static_curve),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_mix_makeup),
        cmocka_unit_test(test_key),
        cmocka_unit_test(test_link),
        cmocka_unit_test(test_blocks_inplace),
        cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_curve),
        cmocka_unit_test(test_passes_equal_plain),
        cmocka_unit_test(test_many_equal_plain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
