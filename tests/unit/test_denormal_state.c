/* Denormals in the STATE, not only the output (robustness, contract
 * convention 13): the recursive primitives are driven by a tone that
 * decays by 60 dB per 100 ms into the denormal range, then by silence and
 * by constant denormal input, in 64-sample blocks with the per-block flush
 * their users call; afterwards no state variable may hold a subnormal
 * value (0 < |v| < DBL_MIN) or anything below the 1e-30 flush threshold
 * but exact zero. */
#include <float.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "mm_biquad.h"
#include "mm_crossover.h"
#include "mm_envelope.h"
#include "mm_filterdesign.h"

#define SR 48000.0
#define BLOCK 64
#define SECONDS 3

static int tiny(double v)
{
    return v != 0.0 && fabs(v) < 1e-30;
}

/* sample i of the test signal: 1 s of 1 kHz decaying 60 dB / 100 ms from
 * 0.2 s on (so it passes through the denormal range), then 1 s of
 * silence, then 1 s of constant 1e-40 (a denormal float) */
static float signal_at(long i)
{
    double t = i / SR;
    if (t < 1.0) {
        double g = t < 0.2 ? 1.0 : pow(10.0, -600.0 * (t - 0.2) / 20.0);
        return (float)(g * sin(2 * MM_PI * 1000.0 * t));
    }
    return t < 2.0 ? 0.0f : 1e-40f;
}

static void test_biquad_state(void **state)
{
    (void)state;
    for (int type = 0; type < MM_FD_NTYPES; type++) {
        mm_biquad_coef c;
        mm_biquad_state s;
        float buf[BLOCK];
        mm_fd_design((mm_fd_type)type, 1000.0, 6.0, 0.7, SR, &c);
        mm_biquad_state_reset(&s);
        for (long i = 0; i < SECONDS * (long)SR; i += BLOCK) {
            for (int k = 0; k < BLOCK; k++)
                buf[k] = signal_at(i + k);
            mm_biquad_process(&c, &s, buf, buf, BLOCK);
            mm_biquad_state_flush(&s);
            assert_false(tiny(s.s1) || tiny(s.s2));
        }
    }
}

static void test_crossover_state(void **state)
{
    (void)state;
    static mm_crossover x;
    memset(&x, 0, sizeof x);
    assert_int_equal(mm_crossover_init(&x, 6, 2, SR), MM_OK);
    static float in[2][BLOCK], band[6][2][BLOCK];
    const float *ins[2] = {in[0], in[1]};
    float *outs_b[6][2];
    float *const *outs[6];
    for (int b = 0; b < 6; b++) {
        outs_b[b][0] = band[b][0];
        outs_b[b][1] = band[b][1];
        outs[b] = outs_b[b];
    }
    for (long i = 0; i < SECONDS * (long)SR; i += BLOCK) {
        for (int k = 0; k < BLOCK; k++)
            in[0][k] = in[1][k] = signal_at(i + k);
        mm_crossover_process(&x, ins, outs, BLOCK);
        for (int c = 0; c < 2; c++)
            for (int s = 0; s < MM_CROSSOVER_MAXSPLITS; s++) {
                const mm_crossover_ch *ch = &x.ch[c];
                assert_false(tiny(ch->a[s].ic1) || tiny(ch->a[s].ic2));
                assert_false(tiny(ch->lo[s].ic1) || tiny(ch->lo[s].ic2));
                assert_false(tiny(ch->hi[s].ic1) || tiny(ch->hi[s].ic2));
                for (int t = 0; t < MM_CROSSOVER_MAXSPLITS; t++)
                    assert_false(tiny(ch->ap[s][t].ic1)
                                 || tiny(ch->ap[s][t].ic2));
            }
    }
    mm_crossover_free(&x);
}

static void test_envelope_state(void **state)
{
    (void)state;
    for (int mode = 0; mode < 2; mode++) {
        mm_envelope e;
        float buf[BLOCK], env[BLOCK];
        mm_envelope_init(&e, SR);
        mm_envelope_set_mode(&e, (mm_envelope_mode)mode);
        mm_envelope_set_times(&e, 1.0, 50.0);
        for (long i = 0; i < SECONDS * (long)SR; i += BLOCK) {
            for (int k = 0; k < BLOCK; k++)
                buf[k] = signal_at(i + k);
            mm_envelope_process(&e, buf, env, BLOCK);
            mm_envelope_flush(&e);
            assert_false(tiny(e.ms) || tiny(e.r) || tiny(e.y)
                         || tiny(e.cur) || tiny(e.prev));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_biquad_state),
        cmocka_unit_test(test_crossover_state),
        cmocka_unit_test(test_envelope_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
