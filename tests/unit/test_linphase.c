/* test_linphase.c: linear-phase FIRs from magnitudes, and their paced
 * redesign.
 * - sizes and latency follow the rate (N, B, B + N/2 - 1);
 * - the taps are exactly symmetric about c = N/2 - 1, and a smooth
 *   magnitude (a shelf, a gentle bell, a high-pass) is met within 0.01 dB
 *   from 20 Hz to 20 kHz (DFT of the taps, 8x zero-padded);
 * - magnitudes that sum to 1 give taps that sum to a pure delay of c;
 * - a flat kernel is the input delayed by the latency, bit for bit;
 * - a request is designed in the signal path and swapped within the
 *   bound the pacing gives; afterwards the output is the direct
 *   convolution with the designed taps (1e-5); the result is the same
 *   for any block cut; a rate change makes new sizes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <fftw3.h>

#include "mm_linphase.h"
#include "mm_filterdesign.h"
#include "mm_biquad.h"
#include "mmtest.h"

/* the client: up to 3 kernels, each a product of biquads; kernels are
 * flat when they have no section */
typedef struct client {
    double fs;
    int nsec[3];
    mm_biquad_coef sec[3][4];
    int begun;
    double gain;
} client;

static double response(const client *c, int k, double f)
{
    double g = 1.0;
    for (int i = 0; i < c->nsec[k]; i++)
        g *= mm_biquad_mag(&c->sec[k][i], f / c->fs);
    return g;
}

static void cl_begin(void *ctx)
{
    ((client *)ctx)->begun++;
}

static int cl_flat(void *ctx, int k)
{
    return ((client *)ctx)->nsec[k] == 0;
}

static void cl_fill(void *ctx, int k, double *mag, int k0, int k1,
                    double hz)
{
    for (int j = k0; j < k1; j++)
        mag[j] = response(ctx, k, j * hz);
}

static double cl_gain(void *ctx, int k)
{
    (void)k;
    return ((client *)ctx)->gain;
}

static const mm_linphase_client CLIENT = {NULL, cl_begin, cl_flat, cl_fill,
                                          cl_gain};

static mm_linphase *make(client *c, int nch, int nk, double fs)
{
    mm_linphase *lp = malloc(sizeof *lp);
    mm_linphase_client cl = CLIENT;
    cl.ctx = c;
    c->fs = fs;
    if (c->gain == 0.0)
        c->gain = 1.0;
    assert_int_equal(mm_linphase_init(lp, nch, nk, fs, 16384, &cl), MM_OK);
    return lp;
}

static void destroy(mm_linphase *lp)
{
    mm_linphase_free(lp);
    free(lp);
}

static void test_sizes(void **state)
{
    (void)state;
    static const double rates[] = {22050, 32000, 44100, 48000, 88200, 96000,
                                   176400, 192000};
    static const int sizes[] = {8192, 8192, 16384, 16384, 32768, 32768,
                                65536, 65536};
    client c = {0};
    for (int i = 0; i < 8; i++) {
        assert_int_equal(mm_linphase_size(rates[i], 16384), sizes[i]);
        assert_int_equal(mm_linphase_part(rates[i], 16384), sizes[i] / 16);
        assert_int_equal(mm_linphase_size(rates[i], 8192), sizes[i] / 2);
    }
    mm_linphase *lp = make(&c, 2, 1, 48000);
    assert_int_equal(mm_linphase_latency(lp), 1024 + 8191);
    assert_int_equal(mm_linphase_set_samplerate(lp, 96000), MM_OK);
    assert_int_equal(mm_linphase_latency(lp), 2048 + 16383);
    assert_int_equal(mm_linphase_set_samplerate(lp, 0.0), MM_E_ARG);
    assert_int_equal(mm_linphase_latency(lp), 2048 + 16383);
    destroy(lp);
    mm_linphase_client none = {0};
    mm_linphase l2;
    assert_int_equal(mm_linphase_init(&l2, 1, 1, 48000, 16384, &none),
                     MM_E_ARG);
    mm_linphase_client cl = CLIENT;
    cl.ctx = &c;
    assert_int_equal(mm_linphase_init(&l2, 1, 1, 48000, 1000, &cl), MM_E_ARG);
}

/* |DFT| of h (taps) at f, in dB, from an 8x zero-padded FFT */
typedef struct spectrum {
    int m;
    double *buf;
    fftw_complex *X;
    fftw_plan p;
} spectrum;

static void analyse(spectrum *s, const float *h, int taps)
{
    s->m = 8 * (taps + 1);
    s->buf = fftw_malloc(sizeof(double) * s->m);
    s->X = fftw_malloc(sizeof(fftw_complex) * (s->m / 2 + 1));
    s->p = fftw_plan_dft_r2c_1d(s->m, s->buf, s->X, FFTW_ESTIMATE);
    memset(s->buf, 0, sizeof(double) * s->m);
    for (int i = 0; i < taps; i++)
        s->buf[i] = h[i];
    fftw_execute(s->p);
}

static double spec_db(const spectrum *s, int k)
{
    return 10.0 * log10(s->X[k][0] * s->X[k][0] + s->X[k][1] * s->X[k][1]);
}

static void spec_free(spectrum *s)
{
    fftw_destroy_plan(s->p);
    fftw_free(s->buf);
    fftw_free(s->X);
}

static void test_design(void **state)
{
    (void)state;
    const double fs = 48000.0;
    client c = {0};
    mm_linphase *lp = make(&c, 1, 1, fs);
    const int n = lp->n, taps = lp->taps, cen = lp->center;
    /* a low shelf, a gentle bell, a high-pass, a high shelf */
    mm_fd_design(MM_FD_LOWSHELF, 100.0, 6.0, 0.7, fs, &c.sec[0][0]);
    mm_fd_design(MM_FD_BELL, 2000.0, -4.0, 1.0, fs, &c.sec[0][1]);
    mm_fd_design(MM_FD_HIGHPASS, 30.0, 0.0, 0.707, fs, &c.sec[0][2]);
    mm_fd_design(MM_FD_HIGHSHELF, 8000.0, 3.0, 0.7, fs, &c.sec[0][3]);
    c.nsec[0] = 4;
    double *mag = malloc(sizeof *mag * (n / 2 + 1));
    float *h = malloc(sizeof *h * taps);
    cl_fill(&c, 0, mag, 0, n / 2 + 1, fs / n);
    mm_linphase_fir(lp, mag, h);
    for (int j = 1; j <= cen; j++)
        CHECK_BITS_F(h[cen + j], h[cen - j]);
    spectrum s;
    analyse(&s, h, taps);
    double worst = 0.0;
    for (int k = 1; k < s.m / 2; k++) {
        double f = k * fs / s.m;
        if (f < 20.0 || f > 20000.0)
            continue;
        double e = fabs(spec_db(&s, k) - mmt_db(response(&c, 0, f)));
        worst = e > worst ? e : worst;
    }
    printf("    shelves, bell, high-pass: largest error %.4f dB "
           "(20 Hz..20 kHz)\n", worst);
    assert_true(worst < 0.01);
    spec_free(&s);
    free(mag);
    free(h);
    destroy(lp);
}

/* three magnitudes that sum to 1 (an LR4-like split at 200 Hz and
 * 3 kHz): their taps sum to a unit impulse at c */
static void test_sum_to_delay(void **state)
{
    (void)state;
    const double fs = 44100.0;
    client c = {0};
    mm_linphase *lp = make(&c, 1, 1, fs);
    const int n = lp->n, nb = n / 2 + 1, taps = lp->taps;
    double *m[3];
    float *h[3];
    for (int b = 0; b < 3; b++) {
        m[b] = malloc(sizeof(double) * nb);
        h[b] = malloc(sizeof(float) * taps);
    }
    for (int k = 0; k < nb; k++) {
        double f = k * fs / n, w1 = pow(f / 200.0, 4), w2 = pow(f / 3000.0, 4);
        double lo1 = 1.0 / (1.0 + w1), lo2 = 1.0 / (1.0 + w2);
        m[0][k] = lo1;
        m[1][k] = (1.0 - lo1) * lo2;
        m[2][k] = (1.0 - lo1) * (1.0 - lo2);
    }
    for (int b = 0; b < 3; b++)
        mm_linphase_fir(lp, m[b], h[b]);
    double err = 0.0;
    for (int i = 0; i < taps; i++) {
        double e = fabs((double)h[0][i] + h[1][i] + h[2][i]
                        - (i == lp->center ? 1.0 : 0.0));
        err = e > err ? e : err;
    }
    printf("    three bands sum to a unit impulse within %.3g per tap\n",
           err);
    assert_true(err < 1e-6);
    for (int b = 0; b < 3; b++) {
        free(m[b]);
        free(h[b]);
    }
    destroy(lp);
}

static void run(mm_linphase *lp, float **x, float **y, long from, long to,
                int block)
{
    for (long i = from; i < to; i += block) {
        int m = (int)(to - i < block ? to - i : block);
        const float *in[MM_FFTCONV_MAXCH];
        float *out[MM_FFTCONV_MAXCH];
        for (int c = 0; c < lp->conv.nch; c++) {
            in[c] = x[c] + i;
            out[c] = y[c] + i;
        }
        mm_linphase_process(lp, in, out, m);
    }
}

static void test_flat_exact(void **state)
{
    (void)state;
    client c = {0};
    mm_linphase *lp = make(&c, 2, 1, 22050);
    const long n = 30000;
    const int lat = mm_linphase_latency(lp);
    float *x[2], *y[2];
    for (int ch = 0; ch < 2; ch++) {
        x[ch] = mmt_noise(n);
        y[ch] = calloc(n, sizeof(float));
    }
    mm_linphase_request(lp); /* flat again: still a pure delay */
    run(lp, x, y, 0, n, 64);
    for (int ch = 0; ch < 2; ch++)
        for (long t = 0; t < n; t++)
            CHECK_BITS_F(y[ch][t], t >= lat ? x[ch][t - lat] : 0.0f);
    assert_true(c.begun >= 1);
    for (int ch = 0; ch < 2; ch++) {
        free(x[ch]);
        free(y[ch]);
    }
    destroy(lp);
}

/* Flat, then a request at sample `at`: designed in the signal path, the
 * swap starts within the bound, after which the output is the direct
 * convolution with the designed taps; any block cut gives the same. */
static void test_paced(void **state)
{
    (void)state;
    const double fs = 22050.0;
    const long n = 60000, at = 5000;
    static const int cuts[] = {64, 1, 1000, 4096};
    float *ref = NULL, *x = mmt_noise(n);
    for (int ci = 0; ci < 4; ci++) {
        client c = {0};
        mm_linphase *lp = make(&c, 1, 1, fs);
        const int lat = mm_linphase_latency(lp), B = lp->conv.part;
        const int taps = lp->taps, cen = lp->center, nb = lp->nbins;
        float *y = calloc(n, sizeof(float)), *xs[1] = {x}, *ys[1] = {y};
        run(lp, xs, ys, 0, at, cuts[ci]);
        mm_fd_design(MM_FD_BELL, 500.0, 6.0, 1.0, fs, &c.sec[0][0]);
        c.nsec[0] = 1;
        c.gain = 0.5;
        mm_linphase_request(lp);
        assert_true(mm_linphase_busy(lp));
        run(lp, xs, ys, at, n, cuts[ci]);
        assert_false(mm_linphase_busy(lp));
        /* steps: begin, nb / CHUNK fills, the FFT, the window, the loads;
         * then the next partition boundary and the fade */
        int parts = mm_fftconv_parts(&lp->conv, taps);
        long steps = 1 + (nb + MM_LINPHASE_CHUNK - 1) / MM_LINPHASE_CHUNK + 2
                     + (parts + MM_LINPHASE_LOADS - 1) / MM_LINPHASE_LOADS;
        long ready = ((at / MM_LINPHASE_STEP) + steps + 1) * MM_LINPHASE_STEP;
        long settled = (ready / B + 1) * B + MM_LINPHASE_FADE * B;
        /* the designed taps */
        double *mag = malloc(sizeof *mag * nb);
        float *h = malloc(sizeof *h * taps);
        cl_fill(&c, 0, mag, 0, nb, fs / lp->n);
        for (int k = 0; k < nb; k++)
            mag[k] *= 0.5;
        mm_linphase_fir(lp, mag, h);
        double err = 0.0;
        for (long t = settled; t < settled + 3000; t++) {
            double s = 0.0;
            for (int j = 0; j < taps && t - B - j >= 0; j++)
                s += (double)h[j] * x[t - B - j];
            double e = fabs(y[t] - s);
            err = e > err ? e : err;
        }
        /* before the swap: the input delayed */
        long first = (at / B) * B;
        for (long t = lat; t < first; t++)
            CHECK_BITS_F(y[t], x[t - lat]);
        if (ci == 0)
            printf("    redesign swapped in %ld samples; then the direct "
                   "convolution within %.3g\n", settled - at, err);
        assert_true(err <= 1e-5);
        (void)cen;
        if (!ref) {
            ref = y;
        } else {
            for (long t = 0; t < n; t++)
                CHECK_BITS_F(y[t], ref[t]);
            free(y);
        }
        free(mag);
        free(h);
        destroy(lp);
    }
    free(ref);
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_design),
        cmocka_unit_test(test_sum_to_delay),
        cmocka_unit_test(test_flat_exact),
        cmocka_unit_test(test_paced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
