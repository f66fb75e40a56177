/* mm_kweight.c: BS.1770-4 K-weighting (mm_kweight.h). */
#include "mm_kweight.h"

/* The analog parameters whose prewarped bilinear transform at 48 kHz
 * gives the coefficients printed in BS.1770-4 (Table 1 and 2). */
#define SHELF_F 1681.974450955533
#define SHELF_G_DB 3.999843853973347
#define SHELF_Q 0.7071752369554196
#define SHELF_VB_EXP 0.4996667741545416 /* Vb = Vh^this */
#define RLB_F 38.13547087602444
#define RLB_Q 0.5003270373238773

/* The RLB's passband gain implied by the standard's unscaled (1, -2, 1)
 * numerator at 48 kHz: 1 + K/Q + K^2 at that rate. */
static double rlb_gain(void)
{
    double k = tan(MM_PI * RLB_F / 48000.0);
    return 1.0 + k / RLB_Q + k * k;
}

int mm_kweight_design(double samplerate, mm_biquad_coef *shelf,
                      mm_biquad_coef *hp)
{
    int rc = MM_OK;
    if (!mm_isfinite_d(samplerate) || !(samplerate > 4000.0)) {
        samplerate = 48000.0;
        rc = MM_E_ARG;
    }
    /* s -> (1/K)(1 - z^-1)/(1 + z^-1), K = tan(pi f0 / fs): the analog
     * corner lands exactly on f0 */
    double vh = pow(10.0, SHELF_G_DB / 20.0);
    double vb = pow(vh, SHELF_VB_EXP);
    double k = tan(MM_PI * SHELF_F / samplerate);
    double kq = k / SHELF_Q, k2 = k * k, a0 = 1.0 + kq + k2;
    shelf->b0 = (vh + vb * kq + k2) / a0;
    shelf->b1 = 2.0 * (k2 - vh) / a0;
    shelf->b2 = (vh - vb * kq + k2) / a0;
    shelf->a1 = 2.0 * (k2 - 1.0) / a0;
    shelf->a2 = (1.0 - kq + k2) / a0;

    k = tan(MM_PI * RLB_F / samplerate);
    kq = k / RLB_Q;
    k2 = k * k;
    a0 = 1.0 + kq + k2;
    double g = rlb_gain() / a0;
    hp->b0 = g;
    hp->b1 = -2.0 * g;
    hp->b2 = g;
    hp->a1 = 2.0 * (k2 - 1.0) / a0;
    hp->a2 = (1.0 - kq + k2) / a0;
    return rc;
}

int mm_kweight_init(mm_kweight *k, double samplerate)
{
    memset(k, 0, sizeof *k);
    int rc = mm_kweight_design(samplerate, &k->shelf, &k->hp);
    k->samplerate = rc == MM_OK ? samplerate : 48000.0;
    return rc;
}

int mm_kweight_set_samplerate(mm_kweight *k, double samplerate)
{
    mm_biquad_coef s, h;
    if (mm_kweight_design(samplerate, &s, &h) != MM_OK)
        return MM_E_ARG;
    k->shelf = s;
    k->hp = h;
    k->samplerate = samplerate;
    mm_kweight_reset(k);
    return MM_OK;
}

void mm_kweight_reset(mm_kweight *k)
{
    mm_biquad_state_reset(&k->s_shelf);
    mm_biquad_state_reset(&k->s_hp);
}

int mm_kweight_flush(mm_kweight *k)
{
    int bad = mm_biquad_state_flush(&k->s_shelf)
              | mm_biquad_state_flush(&k->s_hp);
    if (bad) { /* one section blew up: the other holds its echo */
        mm_kweight_reset(k);
        k->nonfinite++;
    }
    return bad;
}

void mm_kweight_process(mm_kweight *k, const float *in, float *out, int n)
{
    for (int i = 0; i < n; i++) /* a non-finite sample counts as silence */
        out[i] = (float)mm_kweight_tick(k, mm_isfinite_f(in[i]) ? in[i] : 0);
    mm_kweight_flush(k);
}

double mm_kweight_mag_db(const mm_kweight *k, double f_hz)
{
    double m = mm_biquad_mag(&k->shelf, f_hz / k->samplerate)
               * mm_biquad_mag(&k->hp, f_hz / k->samplerate);
    return mm_gain_to_db(m);
}

double mm_kweight_analog_db(double f_hz)
{
    double vh = pow(10.0, SHELF_G_DB / 20.0);
    double vb = pow(vh, SHELF_VB_EXP);
    /* |H1(jw)|^2, w = f / f1 */
    double w = f_hz / SHELF_F;
    double nr = 1.0 - vh * w * w, ni = vb * w / SHELF_Q;
    double dr = 1.0 - w * w, di = w / SHELF_Q;
    double h1 = (nr * nr + ni * ni) / (dr * dr + di * di);
    /* |H2(jw)|^2, w = f / f2 */
    w = f_hz / RLB_F;
    dr = 1.0 - w * w;
    di = w / RLB_Q;
    double c = rlb_gain();
    double h2 = c * c * w * w * w * w / (dr * dr + di * di);
    return mm_power_to_db(h1 * h2);
}

double mm_kweight_lufs(double p)
{
    double l = MM_KWEIGHT_OFFSET_DB + mm_power_to_db(p);
    return l < MM_FLOOR_DB ? MM_FLOOR_DB : l;
}
