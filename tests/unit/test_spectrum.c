/* test_spectrum.c: the analyser against its contract.
 * - a sine at f peaks at the display point nearest f and reads its level
 *   within 0.5 dB: several f, FFT sizes 1024..32768, rates 44.1..96 kHz,
 *   smoothing 0 and 1/3, amplitudes 0 and -20 dB, and under noise;
 * - pink noise with tilt 3 reads flat within 1 dB from 50 Hz to 15 kHz at
 *   1/3-octave smoothing (the long-term mean of the reading, decay 0),
 *   sizes 8192 and 32768;
 * - silence reads -144 everywhere (tilt or not), never inf or NaN;
 * - decay: rises at once, falls 63% of the step in `decay` ms and never
 *   faster; hold never falls; freeze stops the display;
 * - views sum/left/right/mid/side on a one-sided sine;
 * - NaN/inf/huge input: the display stays finite and recovers;
 * - block sizes 1, 64, 1000 and ragged cuts: identical displays;
 * - the parameter table, clamping, sizes, bad arguments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <fftw3.h>

#include "mm_spectrum.h"
#include "mmtest.h"

#define MIN_BINS 3.0

/* Feed n frames of ch channels (x[c] + offset) in blocks of `block`. */
static void feed(mm_spectrum *s, float *const *x, long n, int block)
{
    const float *in[MM_SPECTRUM_MAXCH];
    for (long i = 0; i < n; i += block) {
        int m = (int)(n - i < block ? n - i : block);
        for (int c = 0; c < s->nch; c++)
            in[c] = x[c] + i;
        mm_spectrum_process(s, in, m);
    }
}

static void read_all(const mm_spectrum *s, float *db)
{
    mm_spectrum_read(s, db, mm_spectrum_points(s));
}

static int nearest_point(const mm_spectrum *s, double f)
{
    int best = 0;
    for (int i = 1; i < mm_spectrum_points(s); i++)
        if (fabs(log2(mm_spectrum_freq(s, i) / f))
            < fabs(log2(mm_spectrum_freq(s, best) / f)))
            best = i;
    return best;
}

static int loudest(const float *db, int n)
{
    int b = 0;
    for (int i = 1; i < n; i++)
        if (db[i] > db[b])
            b = i;
    return b;
}

static mm_spectrum *make(int nch, int size, double sr)
{
    mm_spectrum *s = malloc(sizeof *s);
    assert_non_null(s);
    assert_int_equal(mm_spectrum_init(s, nch, size, sr), MM_OK);
    return s;
}

static void destroy(mm_spectrum *s)
{
    mm_spectrum_free(s);
    free(s);
}

/* one sine (optionally over white noise), the reading at its point */
static double worst_db, worst_noise_db;
static int worst_off;

static void sine_case(int size, double sr, double f, double amp,
                      double smoothing, double noise)
{
    mm_spectrum *s = make(1, size, sr);
    mm_spectrum_set(s, MM_SPECTRUM_SMOOTHING, smoothing);
    mm_spectrum_set(s, MM_SPECTRUM_DECAY, 0);
    long n = 3L * size;
    float *x = malloc(sizeof *x * n);
    assert_non_null(x);
    mmt_sine(x, n, 1, amp, f, sr, 0.3);
    for (long i = 0; noise > 0 && i < n; i++)
        x[i] += (float)(noise * mmt_frand());
    feed(s, &x, n, 64);
    float db[MM_SPECTRUM_MAXPOINTS];
    read_all(s, db);
    int np = mm_spectrum_points(s), top = loudest(db, np);
    int want = nearest_point(s, f);
    double err = db[top] - 20 * log10(amp);
    double hz, pdb;
    mm_spectrum_peak(s, &hz, &pdb);
    if (top != want || fabs(err) > 0.5)
        print_message("size %d fs %g f %g amp %g smoothing %g: loudest "
                      "point %d (%.2f Hz) want %d (%.2f Hz), %.3f dB off\n",
                      size, sr, f, amp, smoothing, top,
                      mm_spectrum_freq(s, top), want,
                      mm_spectrum_freq(s, want), err);
    assert_int_equal(top, want);
    assert_true(fabs(err) <= 0.5);
    assert_true(fabs(hz - mm_spectrum_freq(s, want)) < 1e-9);
    assert_true(fabs(pdb - db[top]) < 1e-4);
    if (noise > 0) {
        if (fabs(err) > worst_noise_db)
            worst_noise_db = fabs(err);
    } else if (fabs(err) > worst_db) {
        worst_db = fabs(err);
    }
    if (abs(top - want) > worst_off)
        worst_off = abs(top - want);
    free(x);
    destroy(s);
}

static void test_sine_peaks(void **state)
{
    (void)state;
    static const int sizes[] = {1024, 4096, 8192, 32768};
    static const double rates[] = {44100, 48000, 96000};
    static const double freqs[] = {30, 57.3, 100, 441.7, 1000, 3333.3,
                                   10000, 15123, 19000};
    int cases = 0;
    for (int a = 0; a < 4; a++)
        for (int r = 0; r < 3; r++)
            for (int k = 0; k < 9; k++) {
                /* a tone needs a few bins below it for its frequency
                 * and background: f >= 3 fs / size (18 Hz at 8192 and
                 * 48 kHz) */
                if (freqs[k] < MIN_BINS * rates[r] / sizes[a])
                    continue;
                for (int sm = 0; sm < 2; sm++) {
                    sine_case(sizes[a], rates[r], freqs[k], 1.0,
                              sm ? 0.333 : 0.0, 0);
                    sine_case(sizes[a], rates[r], freqs[k], 0.1,
                              sm ? 0.333 : 0.0, 0);
                    cases += 2;
                }
            }
    /* under white noise 40 dB below the tone (per sample) */
    for (int k = 2; k < 9; k++)
        sine_case(8192, 48000, freqs[k], 0.5, 0.333, 0.005);
    print_message("sine peaks: %d cases, largest level error %.4f dB "
                  "(%.4f dB under noise), point offset %d\n",
                  cases, worst_db, worst_noise_db, worst_off);
}

/* ---- pink noise -------------------------------------------------------- */

/* n samples (a power of 2) of pink noise: white Gaussian spectrum shaped
 * by 1/sqrt(f), DC off, rms about `rms`; periodic, so it loops clean */
static float *pink(long n, double rms)
{
    fftwf_complex *X = fftwf_malloc(sizeof *X * (n / 2 + 1));
    float *y = fftwf_malloc(sizeof *y * n);
    assert_non_null(X);
    assert_non_null(y);
    fftwf_plan p = fftwf_plan_dft_c2r_1d((int)n, X, y, FFTW_ESTIMATE);
    for (long k = 0; k <= n / 2; k++) {
        /* Box-Muller */
        double u1 = mmt_frand01() + 1e-12, u2 = mmt_frand01();
        double g = sqrt(-2 * log(u1));
        double a = k ? 1.0 / sqrt((double)k) : 0.0;
        X[k][0] = (float)(a * g * cos(2 * MMT_PI * u2));
        X[k][1] = (float)(a * g * sin(2 * MMT_PI * u2));
    }
    fftwf_execute(p);
    double ss = 0;
    for (long i = 0; i < n; i++)
        ss += y[i] * y[i];
    float *x = malloc(sizeof *x * n);
    assert_non_null(x);
    for (long i = 0; i < n; i++)
        x[i] = (float)(y[i] * rms / sqrt(ss / n));
    fftwf_destroy_plan(p);
    fftwf_free(X);
    fftwf_free(y);
    return x;
}

static double pink_case(int size, double sr, double smoothing, double tilt,
                        double decay, double *spread_lo)
{
    const long n = sr > 48000 ? 1L << 21 : 1L << 20; /* about 22 s */
    float *x = pink(n, 0.1);
    mm_spectrum *s = make(1, size, sr);
    mm_spectrum_set(s, MM_SPECTRUM_SMOOTHING, smoothing);
    mm_spectrum_set(s, MM_SPECTRUM_TILT, tilt);
    mm_spectrum_set(s, MM_SPECTRUM_DECAY, decay);
    int np = mm_spectrum_points(s);
    double *acc = calloc(np, sizeof *acc);
    float db[MM_SPECTRUM_MAXPOINTS];
    long frames = 0;
    /* loop the noise 4 times at 48k (87 s): hops of size/4; the first
     * second is left out (the ring filling, decay settling) */
    for (int loop = 0; loop < 4; loop++)
        for (long i = 0; i < n; i += size / 4) {
            float *p = x + i;
            feed(s, &p, size / 4, size / 4);
            if (loop == 0 && i < (long)sr)
                continue;
            read_all(s, db);
            for (int k = 0; k < np; k++)
                acc[k] += pow(10, db[k] / 10);
            frames++;
        }
    double lo = 1e9, hi = -1e9;
    for (int k = 0; k < np; k++) {
        double f = mm_spectrum_freq(s, k);
        if (f < 50 || f > 15000)
            continue;
        double v = 10 * log10(acc[k] / frames);
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
    }
    *spread_lo = lo;
    free(acc);
    free(x);
    destroy(s);
    return hi - lo;
}

static void test_pink_flat(void **state)
{
    (void)state;
    double lo, spread;
    static const int sizes[] = {8192, 32768};
    for (int a = 0; a < 2; a++) {
        spread = pink_case(sizes[a], 48000, 0.333, 3.0, 0.0, &lo);
        print_message("pink, tilt 3, smoothing 1/3, size %d, 48 kHz: "
                      "50 Hz..15 kHz spans %.3f dB (mean reading, decay 0)\n",
                      sizes[a], spread);
        assert_true(spread <= 1.0); /* all within 1 dB */
    }
    /* the same resolution in Hz at 96 kHz */
    spread = pink_case(16384, 96000, 0.333, 3.0, 0.0, &lo);
    print_message("pink at 96 kHz, size 16384: spans %.3f dB\n", spread);
    assert_true(spread <= 1.0);
    /* half of it: 50 Hz gets one 11.7 Hz bin */
    spread = pink_case(8192, 96000, 0.333, 3.0, 0.0, &lo);
    print_message("pink at 96 kHz, size 8192: spans %.3f dB\n", spread);
    /* without tilt it falls 3 dB/oct: about 25 dB over 50 Hz..15 kHz */
    spread = pink_case(8192, 48000, 0.333, 0.0, 0.0, &lo);
    print_message("pink without tilt spans %.2f dB (8.23 octaves x 3 = "
                  "24.7)\n", spread);
    assert_true(fabs(spread - 24.7) < 2.0);
    /* at the default decay the display rides the noise's peaks: report */
    spread = pink_case(8192, 48000, 0.333, 3.0, 300.0, &lo);
    print_message("pink, tilt 3, decay 300 ms: spans %.3f dB\n", spread);
}

/* ---- silence, decay, hold, freeze ---------------------------------- */

static void check_floor(const mm_spectrum *s)
{
    float db[MM_SPECTRUM_MAXPOINTS];
    read_all(s, db);
    for (int i = 0; i < mm_spectrum_points(s); i++) {
        assert_true(mm_isfinite_f(db[i]));
        assert_true(db[i] == -144.0f);
    }
    double hz, pdb;
    mm_spectrum_peak(s, &hz, &pdb);
    assert_true(pdb == -144.0 && mm_isfinite_d(hz));
}

static void test_silence(void **state)
{
    (void)state;
    mm_spectrum *s = make(2, 8192, 48000);
    check_floor(s); /* before anything */
    long n = 48000;
    float *z = calloc(n, sizeof *z), *zz[2] = {z, z};
    feed(s, zz, n, 64);
    check_floor(s);
    static const double tilts[] = {12, -12};
    for (int t = 0; t < 2; t++) {
        mm_spectrum_set(s, MM_SPECTRUM_TILT, tilts[t]);
        for (int v = 0; v <= MM_SPECTRUM_SIDE; v++) {
            mm_spectrum_set(s, MM_SPECTRUM_VIEW, v);
            feed(s, zz, n / 4, 64);
            check_floor(s);
        }
    }
    /* denormal input is silence too */
    for (long i = 0; i < n; i++)
        z[i] = 1e-40f;
    feed(s, zz, n, 64);
    check_floor(s);
    free(z);
    destroy(s);
}

/* the display at the 1 kHz point, after each hop */
static void test_decay_hold_freeze(void **state)
{
    (void)state;
    const double sr = 48000;
    const int size = 4096, hop = size / 4;
    mm_spectrum *s = make(1, size, sr);
    mm_spectrum_set(s, MM_SPECTRUM_DECAY, 300);
    int j = nearest_point(s, 1000);
    float db[MM_SPECTRUM_MAXPOINTS];
    long n = 4L * size;
    float *x = malloc(sizeof *x * n), *z = calloc(n, sizeof *z);
    mmt_sine(x, n, 1, 1.0, 1000, sr, 0);
    feed(s, &x, n, 64);
    read_all(s, db);
    assert_true(fabs(db[j]) < 0.5);
    /* silence: the reading follows v + (d - v) a^m, v = -144 */
    double a = exp(-1000.0 * hop / (300.0 * sr)), d0 = db[j];
    long m = 0, tau_hops = (long)ceil(0.3 * sr / hop);
    /* the frame still holds sine for size/hop analyses: start after */
    feed(s, &z, size, 64);
    read_all(s, db);
    double start = db[j];
    for (m = 1; m <= tau_hops; m++) {
        feed(s, &z, hop, 64);
        read_all(s, db);
        double want = -144 + (start + 144) * pow(a, (double)m);
        assert_true(fabs(db[j] - want) < 1e-3);
    }
    print_message("decay 300 ms: from %.2f dB to %.2f dB in %ld hops "
                  "(%.0f ms): %.1f%% of the step\n", start, db[j], tau_hops,
                  1000.0 * tau_hops * hop / sr,
                  100 * (start - db[j]) / (start + 144));
    (void)d0;
    /* rises at once: the first analysis with the sine in the frame */
    feed(s, &x, hop, 64);
    read_all(s, db);
    double rise1 = db[j];
    feed(s, &x, 3 * hop, 64);
    read_all(s, db);
    assert_true(fabs(db[j]) < 0.5); /* full level once the frame is full */
    assert_true(rise1 > -40);       /* a quarter of a frame already shows */
    /* hold: silence does not lower it */
    mm_spectrum_set(s, MM_SPECTRUM_HOLD, 1);
    feed(s, &z, n, 64);
    read_all(s, db);
    assert_true(fabs(db[j]) < 0.5);
    mm_spectrum_set(s, MM_SPECTRUM_HOLD, 0);
    feed(s, &z, n, 64);
    read_all(s, db);
    assert_true(db[j] < -20);
    /* freeze: the display stays as it is */
    feed(s, &x, n, 64);
    mm_spectrum_set(s, MM_SPECTRUM_FREEZE, 1);
    float before[MM_SPECTRUM_MAXPOINTS];
    read_all(s, before);
    feed(s, &z, n, 64);
    read_all(s, db);
    assert_memory_equal(before, db, sizeof(float) * mm_spectrum_points(s));
    mm_spectrum_set(s, MM_SPECTRUM_FREEZE, 0);
    mm_spectrum_set(s, MM_SPECTRUM_DECAY, 0); /* follows each analysis */
    feed(s, &z, n, 64);
    check_floor(s);
    /* reset: floor at once */
    feed(s, &x, n, 64);
    mm_spectrum_reset(s);
    check_floor(s);
    free(x);
    free(z);
    destroy(s);
}

/* ---- views ------------------------------------------------------------- */

/* a 2 kHz sine in channel 1 only: the reading at its point per view */
static void check_views(int nch, const double *want)
{
    const double sr = 48000;
    mm_spectrum *s = make(nch, 8192, sr);
    mm_spectrum_set(s, MM_SPECTRUM_DECAY, 0);
    long n = 4 * 8192;
    float *l = malloc(sizeof *l * n), *r = calloc(n, sizeof *r);
    float *x[2] = {l, r};
    mmt_sine(l, n, 1, 1.0, 2000, sr, 0);
    int j = nearest_point(s, 2000);
    float db[MM_SPECTRUM_MAXPOINTS];
    for (int v = 0; v <= MM_SPECTRUM_SIDE; v++) {
        mm_spectrum_set(s, MM_SPECTRUM_VIEW, v);
        feed(s, x, n, 64);
        read_all(s, db);
        if (want[v] == -144)
            assert_true(db[j] == -144.0f);
        else
            assert_true(fabs(db[j] - want[v]) < 0.05);
    }
    destroy(s);
    free(l);
    free(r);
}

static void test_views(void **state)
{
    (void)state;
    /* sum = mean of powers: -3 dB; mid, side: (l +- 0)/2: -6 dB */
    static const double two[] = {-3.0103, 0, -144, -6.0206, -6.0206};
    /* one channel: side is silence, the rest the channel */
    static const double one[] = {0, 0, 0, 0, -144};
    check_views(2, two);
    check_views(1, one);
}

/* ---- robustness ------------------------------------------------------ */

static void test_nonfinite(void **state)
{
    (void)state;
    const double sr = 48000;
    mm_spectrum *s = make(2, 8192, sr);
    long n = 6 * 8192;
    float *l = malloc(sizeof *l * n), *r = malloc(sizeof *r * n);
    float *x[2] = {l, r};
    mmt_sine(l, n, 1, 0.5, 1000, sr, 0);
    mmt_sine(r, n, 1, 0.5, 1000, sr, 0);
    for (long i = 100; i < 9000; i += 7) {
        l[i] = mmt_f_from_bits(0x7fc00000u); /* NaN */
        r[i] = i % 2 ? INFINITY : -INFINITY;
        l[i + 1] = 3e38f;
    }
    float db[MM_SPECTRUM_MAXPOINTS];
    feed(s, x, 12000, 64);
    read_all(s, db);
    for (int i = 0; i < mm_spectrum_points(s); i++)
        assert_true(mm_isfinite_f(db[i]) && db[i] >= -144.0f);
    /* at the default decay: the garbage left no +300 dB to decay from */
    float *p[2] = {l + 12000, r + 12000};
    feed(s, p, n - 12000, 64);
    read_all(s, db);
    int j = nearest_point(s, 1000);
    assert_int_equal(loudest(db, mm_spectrum_points(s)), j);
    assert_true(fabs(db[j] - mmt_db(0.5)) < 0.5);
    assert_true(s->nonfinite > 0);
    free(l);
    free(r);
    destroy(s);
}

static void test_blocks(void **state)
{
    static const int blocks[] = {1, 64, 1000, 4097};
    (void)state;
    long n = 5 * 4096 + 123;
    float *l = malloc(sizeof *l * n), *r = malloc(sizeof *r * n);
    float *x[2] = {l, r};
    for (long i = 0; i < n; i++) {
        l[i] = (float)(0.3 * mmt_frand() + 0.5 * sin(i * 0.07));
        r[i] = (float)(0.2 * mmt_frand());
    }
    float ref[MM_SPECTRUM_MAXPOINTS], db[MM_SPECTRUM_MAXPOINTS];
    for (int b = 0; b < 5; b++) {
        mm_spectrum *s = make(2, 4096, 44100);
        if (b < 4) {
            feed(s, x, n, blocks[b]);
        } else { /* ragged cuts */
            long i = 0;
            int k = 0;
            while (i < n) {
                int m = 1 + (k++ * 37) % 300;
                if (m > n - i)
                    m = (int)(n - i);
                float *p[2] = {l + i, r + i};
                feed(s, p, m, m);
                i += m;
            }
        }
        read_all(s, b ? db : ref);
        if (b)
            assert_memory_equal(ref, db, sizeof(float) * mm_spectrum_points(s));
        destroy(s);
    }
    free(l);
    free(r);
}

/* ---- parameters ---------------------------------------------------------- */

static void test_params(void **state)
{
    (void)state;
    const mm_paramtable *t = &mm_spectrum_table;
    /* rows in enum order, each found by its id */
    for (int i = 0; i < MM_SPECTRUM_NPARAMS; i++)
        assert_ptr_equal(mm_param_by_id(t, i), &t->defs[i]);
    assert_int_equal(t->count, MM_SPECTRUM_NPARAMS);
    const mm_paramdef *d = mm_param_find(t, "size");
    assert_non_null(d);
    assert_int_equal(d->type, MM_P_CHOICE);
    assert_true(d->flags & MM_P_CREATION);
    /* every choice is a power of 2 in range, and names its size */
    for (int k = 0; d->choices[k]; k++) {
        int sz = atoi(d->choices[k]);
        assert_int_equal(sz, mm_spectrum_size_of(k));
        assert_int_equal(sz & (sz - 1), 0);
    }
    assert_string_equal(d->choices[(int)d->def], "8192");
    mm_spectrum s;
    assert_int_equal(mm_spectrum_init(&s, 0, 8192, 48000), MM_E_ARG);
    assert_int_equal(mm_spectrum_init(&s, 9, 8192, 48000), MM_E_ARG);
    assert_int_equal(mm_spectrum_init(&s, 2, 5000, 48000), MM_E_ARG);
    assert_int_equal(mm_spectrum_init(&s, 2, 65536, 48000), MM_E_ARG);
    assert_int_equal(mm_spectrum_init(&s, 2, 16384, 48000), MM_OK);
    assert_true(mm_spectrum_get(&s, MM_SPECTRUM_SIZE) == 4);
    /* creation only: set keeps it */
    assert_true(mm_spectrum_set(&s, MM_SPECTRUM_SIZE, 0) == 4);
    assert_int_equal(mm_spectrum_points(&s), 256);
    assert_true(fabs(mm_spectrum_freq(&s, 0) - 20) < 1e-9);
    assert_true(fabs(mm_spectrum_freq(&s, 255) - 20000) < 1e-6);
    assert_true(mm_spectrum_set(&s, MM_SPECTRUM_POINTS, 5000) == 2048);
    assert_true(mm_spectrum_set(&s, MM_SPECTRUM_POINTS, 1) == 16);
    assert_true(mm_spectrum_set(&s, MM_SPECTRUM_SMOOTHING, -1) == 0);
    assert_true(mm_spectrum_set(&s, MM_SPECTRUM_TILT, 40) == 12);
    assert_true(mm_spectrum_set(&s, MM_SPECTRUM_VIEW, 9) == 4);
    mm_spectrum_set(&s, MM_SPECTRUM_VIEW, MM_SPECTRUM_SUM);
    mm_spectrum_set(&s, MM_SPECTRUM_TILT, 0);
    assert_true(mm_spectrum_set(&s, MM_SPECTRUM_DECAY, NAN) == 300);
    /* fmax below fmin: the display still spans an octave */
    mm_spectrum_set(&s, MM_SPECTRUM_POINTS, 100);
    mm_spectrum_set(&s, MM_SPECTRUM_FMIN, 5000);
    mm_spectrum_set(&s, MM_SPECTRUM_FMAX, 100);
    assert_true(fabs(mm_spectrum_freq(&s, 99) - 10000) < 1e-6);
    /* above fs/2 reads the floor; the rate change keeps the geometry */
    mm_spectrum_set(&s, MM_SPECTRUM_FMAX, 96000);
    assert_int_equal(mm_spectrum_set_samplerate(&s, 0), MM_E_ARG);
    assert_int_equal(mm_spectrum_set_samplerate(&s, 22050), MM_OK);
    long n = 8 * 16384;
    float *x = malloc(sizeof *x * n), *xx[2] = {x, x};
    mmt_sine(x, n, 1, 1, 7000, 22050, 0);
    feed(&s, xx, n, 64);
    float db[MM_SPECTRUM_MAXPOINTS];
    read_all(&s, db);
    for (int i = 0; i < 100; i++)
        if (mm_spectrum_freq(&s, i) >= 11025)
            assert_true(db[i] == -144.0f);
    double hz, pdb;
    mm_spectrum_peak(&s, &hz, &pdb);
    if (!(fabs(log2(hz / 7000)) < 0.05 && fabs(pdb) < 0.5))
        print_message("peak %g Hz %g dB\n", hz, pdb);
    assert_true(fabs(log2(hz / 7000)) < 0.05 && fabs(pdb) < 0.5);
    free(x);
    mm_spectrum_free(&s);
    mm_spectrum_free(&s); /* twice is harmless */
}

/* cost per frame, for the header and the guarantees page (no check) */
/* view sum over 8 channels: one FFT per channel, spread over the hop
 * (channel c at c hop/8 samples in), the display finished by the last;
 * a view change in between starts anew. Eight sines of one level on eight
 * channels read as one of them (the sum view averages powers). */
static void test_sum_spread(void **state)
{
    (void)state;
    const int size = 32768, nch = 8;
    mm_spectrum *s = make(nch, size, 48000);
    const int hop = s->hop;
    const long n = 3L * size;
    float *x[8];
    for (int c = 0; c < nch; c++) {
        x[c] = malloc(sizeof(float) * (size_t)n);
        for (long i = 0; i < n; i++)
            x[c][i] = 0.5f * (float)sin(2.0 * MM_PI * 1000.0 * i / 48000.0);
    }
    long before = s->analyses;
    int seen[8] = {0};
    for (long i = 0; i < n; i++) {
        const float *in[8];
        for (int c = 0; c < nch; c++)
            in[c] = x[c] + i;
        mm_spectrum_process(s, in, 1);
        if (s->since % (hop / nch) == 0 && s->sum_next)
            seen[s->sum_next]++;
        if (s->since % (hop / nch) != 0)
            assert_true(s->sum_next == 0 || s->since > (s->sum_next - 1)
                                                           * (hop / nch));
    }
    for (int c = 1; c < nch; c++)
        assert_true(seen[c] >= 10); /* every step met, once per hop */
    /* the last hop's sequence has begun at the last sample */
    assert_int_equal(s->analyses - before, n / hop - 1);
    assert_int_equal(s->sum_next, 1);
    int top = 0;
    for (int i = 1; i < s->npoints; i++)
        top = s->disp[i] > s->disp[top] ? i : top;
    print_message("8 channels, sum view: the FFTs %d samples apart; a "
                  "1 kHz sine at -6.02 dBFS on each reads %.2f dB at "
                  "%.0f Hz\n", hop / nch, s->disp[top], s->freq[top]);
    assert_true(fabs(s->disp[top] - 20.0 * log10(0.5)) < 0.5);
    s->sum_next = 3; /* mid-sequence, then a view change */
    mm_spectrum_set(s, MM_SPECTRUM_VIEW, MM_SPECTRUM_LEFT);
    s->since = hop - 1;
    const float *in[8];
    for (int c = 0; c < nch; c++)
        in[c] = x[c];
    mm_spectrum_process(s, in, 1);
    assert_int_equal(s->sum_next, 0);
    for (int c = 0; c < nch; c++)
        free(x[c]);
    destroy(s);
}

static void test_cost(void **state)
{
    (void)state;
    static const int sizes[] = {1024, 8192, 32768};
    for (int a = 0; a < 3; a++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        mm_spectrum *s = make(2, sizes[a], 48000);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double plan_us = (t1.tv_sec - t0.tv_sec) * 1e6
                         + (t1.tv_nsec - t0.tv_nsec) / 1e3;
        long n = 48000L * 10;
        float *l = mmt_noise(n), *r = mmt_noise(n), *x[2] = {l, r};
        clock_gettime(CLOCK_MONOTONIC, &t0);
        feed(s, x, n, 64);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ns = ((t1.tv_sec - t0.tv_sec) * 1e9
                     + (t1.tv_nsec - t0.tv_nsec)) / n;
        /* a second instance of the same size plans from what FFTW
         * kept of the first */
        clock_gettime(CLOCK_MONOTONIC, &t0);
        mm_spectrum *s2 = make(2, sizes[a], 48000);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double plan2_us = (t1.tv_sec - t0.tv_sec) * 1e6
                          + (t1.tv_nsec - t0.tv_nsec) / 1e3;
        destroy(s2);
        print_message("cost size %d, stereo sum view, 48 kHz: %.1f ns per "
                      "frame; init %.0f us, a second one %.0f us\n",
                      sizes[a], ns, plan_us, plan2_us);
        free(l);
        free(r);
        destroy(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sine_peaks),
        cmocka_unit_test(test_pink_flat),
        cmocka_unit_test(test_silence),
        cmocka_unit_test(test_decay_hold_freeze),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_sum_spread),
        cmocka_unit_test(test_cost),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
