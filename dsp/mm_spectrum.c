/* mm_spectrum.c: the spectrum analyser (mm_spectrum.h). */
#include "mm_spectrum.h"
#include <fftw3.h>
#include <stdlib.h>

static const char *const size_words[] = {"1024", "2048", "4096", "8192",
                                         "16384", "32768", NULL};
static const char *const view_words[] = {"sum", "left", "right", "mid",
                                         "side", NULL};

static const mm_paramdef spectrum_rows[] = {
    {"size", MM_SPECTRUM_SIZE, MM_P_CHOICE, "", MM_SPECTRUM_R_SIZE,
     MM_P_CREATION, 0, size_words,
     "FFT size in samples, a power of 2 (creation only)"},
    {"points", MM_SPECTRUM_POINTS, MM_P_INT, "", MM_SPECTRUM_R_POINTS, 0, 0,
     NULL, "display points, log-spaced from fmin to fmax"},
    {"fmin", MM_SPECTRUM_FMIN, MM_P_FLOAT, "Hz", MM_SPECTRUM_R_FMIN, 0, 0,
     NULL, "frequency of the first display point"},
    {"fmax", MM_SPECTRUM_FMAX, MM_P_FLOAT, "Hz", MM_SPECTRUM_R_FMAX, 0, 0,
     NULL, "frequency of the last display point (at least an octave "
     "above fmin)"},
    {"smoothing", MM_SPECTRUM_SMOOTHING, MM_P_FLOAT, "octaves",
     MM_SPECTRUM_R_SMOOTHING, 0, 0, NULL,
     "fractional-octave averaging of power (0 = none; 1/3, 1/6 ...)"},
    {"tilt", MM_SPECTRUM_TILT, MM_P_FLOAT, "dB/oct", MM_SPECTRUM_R_TILT, 0,
     0, NULL, "added slope about 1 kHz (3: pink noise reads flat)"},
    {"decay", MM_SPECTRUM_DECAY, MM_P_FLOAT, "ms", MM_SPECTRUM_R_DECAY, 0, 0,
     NULL, "how fast the display falls (63% of the step); rises at once"},
    {"hold", MM_SPECTRUM_HOLD, MM_P_BOOL, "", MM_SPECTRUM_R_BOOL, 0, 0, NULL,
     "1: peak hold (the display never falls)"},
    {"view", MM_SPECTRUM_VIEW, MM_P_CHOICE, "", MM_SPECTRUM_R_VIEW, 0, 0,
     view_words, "what is analysed: mean of the channels, channel 1, "
     "channel 2, (1+2)/2 or (1-2)/2"},
    {"freeze", MM_SPECTRUM_FREEZE, MM_P_BOOL, "", MM_SPECTRUM_R_BOOL, 0, 0,
     NULL, "1 stops the display where it is"},
};

const mm_paramtable mm_spectrum_table =
    MM_PARAMTABLE("spectrum", spectrum_rows);

/* Hann's equivalent noise bandwidth in bins: the power a tone spreads
 * over the bins, relative to its centre bin's */
#define ENBW 1.5
/* a sample beyond this (+120 dBFS) is no signal but garbage (1e30 from
 * a broken patch): taken as 0 like NaN, so it neither overflows the
 * float FFT nor leaves the display at +300 dB for seconds of decay */
#define INPUT_LIMIT 1e6f
/* bins either side of a tone that make its background */
#define BG_NEAR 3
#define BG_FAR 16

int mm_spectrum_size_of(int index)
{
    if (index < 0)
        index = 0;
    if (index > 5)
        index = 5;
    return MM_SPECTRUM_MINSIZE << index;
}

static int valid_rate(double sr)
{
    return mm_isfinite_d(sr) && sr > 4000.0 && sr <= 1e7;
}

/* Display points and their bands for the current settings and rate. */
static void configure(mm_spectrum *s)
{
    const double *v = s->value;
    int n = (int)v[MM_SPECTRUM_POINTS];
    double fmin = v[MM_SPECTRUM_FMIN];
    double fmax = v[MM_SPECTRUM_FMAX] > 2.0 * fmin ? v[MM_SPECTRUM_FMAX]
                                                   : 2.0 * fmin;
    double oct = log2(fmax / fmin) / (n - 1); /* spacing */
    double w = v[MM_SPECTRUM_SMOOTHING] > oct ? v[MM_SPECTRUM_SMOOTHING]
                                              : oct;
    double per_hz = s->size / s->samplerate, edge = pow(2.0, 0.5 * w);
    s->npoints = n;
    for (int i = 0; i < n; i++) {
        double f = fmin * pow(2.0, oct * i);
        s->freq[i] = f;
        s->blo[i] = f / edge * per_hz;
        s->bhi[i] = f * edge * per_hz;
        s->tiltdb[i] = v[MM_SPECTRUM_TILT] * log2(f / 1000.0);
        s->now[i] = 0.0;
        s->disp[i] = MM_FLOOR_DB;
    }
    double decay = v[MM_SPECTRUM_DECAY];
    s->fall = decay > 0.0 ? exp(-1000.0 * s->hop / (decay * s->samplerate))
                          : 0.0;
}

void mm_spectrum_reset(mm_spectrum *s)
{
    memset(s->ring, 0, sizeof(float) * (size_t)s->nch * (size_t)s->size);
    s->wpos = s->since = s->sum_next = 0;
    for (int i = 0; i < s->npoints; i++) {
        s->now[i] = 0.0;
        s->disp[i] = MM_FLOOR_DB;
    }
}

void mm_spectrum_free(mm_spectrum *s)
{
    if (s->plan)
        fftwf_destroy_plan((fftwf_plan)s->plan);
    fftwf_free(s->frame);
    fftwf_free(s->spec);
    free(s->pw); /* the block the other arrays are in */
    memset(s, 0, sizeof *s); /* nothing held: a second free is harmless */
}

int mm_spectrum_init(mm_spectrum *s, int nch, int size, double samplerate)
{
    memset(s, 0, sizeof *s);
    if (nch < 1 || nch > MM_SPECTRUM_MAXCH || size < MM_SPECTRUM_MINSIZE
        || size > MM_SPECTRUM_MAXSIZE || (size & (size - 1)))
        return MM_E_ARG;
    if (!valid_rate(samplerate))
        samplerate = 48000.0;
    s->nch = nch;
    s->size = size;
    s->hop = size / 4;
    s->samplerate = samplerate;
    int nb = size / 2 + 1;
    /* one block for the arrays FFTW does not run on (doubles first):
     * pw, cum, lt, the six per-point arrays, then ring and window */
    size_t nd = (size_t)nb * 3 + 1 + 6 * (size_t)MM_SPECTRUM_MAXPOINTS;
    s->pw = calloc(1, sizeof(double) * nd
                          + sizeof(float) * ((size_t)nch + 1) * (size_t)size);
    s->frame = fftwf_malloc(sizeof(float) * (size_t)size);
    s->spec = fftwf_malloc(sizeof(fftwf_complex) * (size_t)nb);
    if (!s->frame || !s->spec || !s->pw) {
        mm_spectrum_free(s);
        return MM_E_NOMEM;
    }
    s->cum = s->pw + nb;
    s->lt = s->cum + nb + 1;
    s->freq = s->lt + nb;
    s->ring = (float *)(s->pw + nd);
    s->win = s->ring + (size_t)nch * (size_t)size;
    s->display = 1;
    s->blo = s->freq + MM_SPECTRUM_MAXPOINTS;
    s->bhi = s->blo + MM_SPECTRUM_MAXPOINTS;
    s->now = s->bhi + MM_SPECTRUM_MAXPOINTS;
    s->disp = s->now + MM_SPECTRUM_MAXPOINTS;
    s->tiltdb = s->disp + MM_SPECTRUM_MAXPOINTS;
    /* FFTW_ESTIMATE: no trial runs, so a new object never stalls Pd;
     * the planner is not thread-safe, and Pd creates objects from one
     * thread */
    s->plan = fftwf_plan_dft_r2c_1d(size, s->frame, (fftwf_complex *)s->spec,
                                    FFTW_ESTIMATE);
    if (!s->plan) {
        mm_spectrum_free(s);
        return MM_E_NOMEM;
    }
    for (int i = 0; i < size; i++) /* periodic Hann: exact overlap-add */
        s->win[i] = (float)(0.5 - 0.5 * cos(2.0 * MM_PI * i / size));
    mm_param_defaults(&mm_spectrum_table, s->value, MM_SPECTRUM_NPARAMS);
    for (int k = 0; k < 6; k++)
        if (mm_spectrum_size_of(k) == size)
            s->value[MM_SPECTRUM_SIZE] = k;
    configure(s);
    mm_spectrum_reset(s);
    return MM_OK;
}

int mm_spectrum_set_samplerate(mm_spectrum *s, double samplerate)
{
    if (!valid_rate(samplerate))
        return MM_E_ARG;
    s->samplerate = samplerate;
    configure(s);
    mm_spectrum_reset(s);
    return MM_OK;
}

double mm_spectrum_set(mm_spectrum *s, mm_spectrum_param id, double v)
{
    if (!mm_param_take(&mm_spectrum_table, (int)id, &v))
        return 0.0;
    if (id == MM_SPECTRUM_SIZE) /* creation only */
        return s->value[id];
    s->value[id] = v;
    switch (id) {
    case MM_SPECTRUM_POINTS:
    case MM_SPECTRUM_FMIN:
    case MM_SPECTRUM_FMAX:
    case MM_SPECTRUM_SMOOTHING:
    case MM_SPECTRUM_DECAY:
        configure(s);
        break;
    case MM_SPECTRUM_TILT:
        for (int i = 0; i < s->npoints; i++)
            s->tiltdb[i] = v * log2(s->freq[i] / 1000.0);
        break;
    default:
        break;
    }
    return v;
}

/* ---- analysis -------------------------------------------------------- */

/* The viewed signal's windowed frame: the last `size` samples, oldest
 * first. a and b are ring rows; sign 0: a alone, +1: (a + b)/2, -1:
 * (a - b)/2. */
static void take_frame(mm_spectrum *s, const float *a, const float *b,
                       int sign)
{
    const int n = s->size, mask = n - 1, w = s->wpos;
    float *f = s->frame;
    for (int i = 0; i < n; i++) {
        int j = (w + i) & mask;
        float x = sign == 0 ? a[j] : 0.5f * (a[j] + sign * b[j]);
        f[i] = x * s->win[i];
    }
}

/* One FFT of the frame; its bin powers, times `weight`, added to pw. */
static void add_power(mm_spectrum *s, double weight)
{
    fftwf_execute((fftwf_plan)s->plan);
    const fftwf_complex *X = (const fftwf_complex *)s->spec;
    const double norm = weight * 16.0 / ((double)s->size * s->size);
    for (int k = 0; k <= s->size / 2; k++) {
        double re = X[k][0], im = X[k][1];
        s->pw[k] += (re * re + im * im) * norm;
    }
}

/* The integral of the bin powers from bin position 0-0.5 to x (bin k
 * covers k-0.5 .. k+0.5), from their running sum. */
static double integral(const double *cum, int nb, double x)
{
    double u = x + 0.5;
    if (u <= 0.0)
        return 0.0;
    if (u >= nb)
        return cum[nb];
    int k = (int)u;
    return cum[k] + (u - k) * (cum[k + 1] - cum[k]);
}

double mm_spectrum_band_mean(const double *cum, int nb, double lo,
                             double hi, double mid)
{
    double top = nb - 0.5;
    if (!(mid >= 0.0) || mid >= nb - 1)
        return 0.0; /* at or above fs/2 */
    if (hi - lo < 1.0) { /* narrower than a bin: interpolate */
        int k = (int)mid;
        double t = mid - k, a = cum[k + 1] - cum[k],
               b = cum[k + 2] - cum[k + 1];
        double v = (1.0 - t) * a + t * b;
        return v > 0.0 ? v : 0.0;
    }
    if (hi > top)
        hi = top;
    double m = (integral(cum, nb, hi) - integral(cum, nb, lo)) / (hi - lo);
    return m > 0.0 ? m : 0.0; /* rounding in the running sum */
}

static double band_mean(const mm_spectrum *s, int i)
{
    return mm_spectrum_band_mean(s->cum, s->size / 2 + 1, s->blo[i],
                                 s->bhi[i],
                                 s->freq[i] * s->size / s->samplerate);
}

static double range_mean(const mm_spectrum *s, int a, int b)
{
    return b < a ? -1.0 : (s->cum[b + 1] - s->cum[a]) / (b - a + 1);
}

/* Steady tones at their level (see mm_spectrum.h). */
static void find_tones(mm_spectrum *s)
{
    const int top = s->size / 2;
    const double *P = s->pw;
    const double g = pow(10.0, MM_SPECTRUM_TONE_DB / 10.0);
    const double per_bin = s->samplerate / s->size;
    const double f0 = s->freq[0];
    const double oct = log2(s->freq[s->npoints - 1] / f0) / (s->npoints - 1);
    int kmin = (int)(f0 * pow(2.0, -0.5 * oct) / per_bin);
    int kmax = (int)(s->freq[s->npoints - 1] * pow(2.0, 0.5 * oct) / per_bin)
               + 1;
    if (kmin < 2)
        kmin = 2;
    if (kmax > top - 2)
        kmax = top - 2;
    for (int k = kmin; k <= kmax; k++) {
        double c = P[k];
        if (!(c > P[k - 1] && c >= P[k + 1]) || c < 1e-30)
            continue;
        int a0 = k - BG_FAR < 1 ? 1 : k - BG_FAR;
        int b1 = k + BG_FAR > top ? top : k + BG_FAR;
        double left = range_mean(s, a0, k - BG_NEAR);
        double right = range_mean(s, k + BG_NEAR, b1);
        double bg = left < 0.0 ? right
                  : right < 0.0 ? left : (left < right ? left : right);
        if (!(c > g * bg))
            continue;
        double level = (P[k - 2] + P[k - 1] + c + P[k + 1] + P[k + 2]) / ENBW;
        double ma = sqrt(P[k - 1]), mc = sqrt(c), mb = sqrt(P[k + 1]);
        double d = 2.0 * (mb - ma) / (ma + 2.0 * mc + mb);
        double fk = (k + d) * per_bin;
        int j = (int)floor(log2(fk / f0) / oct + 0.5);
        if (j >= 0 && j < s->npoints && level > s->now[j])
            s->now[j] = level;
    }
}

static void finish_analysis(mm_spectrum *s);

/* View sum: channel c's power, added c hop/nch samples into the hop (the
 * FFTs spread over the hop instead of one block doing all eight: a live
 * set's CPU meter sees no spike; each channel's frame is as recent as
 * any, a fraction of a hop apart). The last one finishes the analysis. */
static void add_sum_channel(mm_spectrum *s, int c)
{
    take_frame(s, s->ring + (size_t)c * s->size, NULL, 0);
    add_power(s, 1.0 / s->nch);
    s->sum_next = c + 1 < s->nch ? c + 1 : 0;
    if (!s->sum_next)
        finish_analysis(s);
}

static void analyse(mm_spectrum *s)
{
    const int n = s->size, nb = n / 2 + 1;
    const float *r0 = s->ring, *r1 = s->nch > 1 ? s->ring + n : s->ring;
    memset(s->pw, 0, sizeof(double) * (size_t)nb);
    /* the viewed signal: a alone (sign 0) or (a + sign b)/2 */
    const float *a = r0, *b = NULL;
    int sign = 0;
    mm_spectrum_view view = (mm_spectrum_view)s->value[MM_SPECTRUM_VIEW];
    s->sum_next = 0; /* a view changed during a sum's steps: start anew */
    if (view == MM_SPECTRUM_SUM) {
        add_sum_channel(s, 0);
        return;
    } else if (view == MM_SPECTRUM_RIGHT) {
        a = r1;
    } else if (view == MM_SPECTRUM_MID || view == MM_SPECTRUM_SIDE) {
        b = r1;
        sign = view == MM_SPECTRUM_MID ? 1 : -1;
        if (s->nch == 1 && sign < 0)
            a = NULL; /* one channel has no side: silence */
    }
    if (a) {
        take_frame(s, a, b, sign);
        add_power(s, 1.0);
    }
    finish_analysis(s);
}

/* the bin powers of one analysis are in pw: the long-term sum, the
 * display points */
static void finish_analysis(mm_spectrum *s)
{
    const int nb = s->size / 2 + 1;
    if (s->lt_on) {
        for (int k = 0; k < nb; k++)
            s->lt[k] += s->pw[k];
        s->lt_frames += 1.0;
    }
    if (!s->display) {
        s->analyses++;
        return;
    }
    s->cum[0] = 0.0;
    for (int k = 0; k < nb; k++)
        s->cum[k + 1] = s->cum[k] + s->pw[k];
    for (int i = 0; i < s->npoints; i++)
        s->now[i] = band_mean(s, i);
    find_tones(s);
    const int hold = s->value[MM_SPECTRUM_HOLD] != 0.0;
    for (int i = 0; i < s->npoints; i++) {
        double v = mm_power_to_db(s->now[i]), d = s->disp[i];
        if (v >= d)
            d = v;
        else if (!hold) /* a one-pole in dB toward the lower value */
            d = v + (d - v) * s->fall;
        s->disp[i] = d < MM_FLOOR_DB + 1e-9 ? MM_FLOOR_DB : d;
    }
    s->analyses++;
}

void mm_spectrum_process(mm_spectrum *s, const float *const *in, int n)
{
    const int nch = s->nch, mask = s->size - 1;
    const int frozen = s->value[MM_SPECTRUM_FREEZE] != 0.0;
    for (int i = 0; i < n; i++) {
        for (int c = 0; c < nch; c++) {
            float x = in[c][i];
            if (mm_sanitize_f(&x) || fabsf(x) > INPUT_LIMIT) {
                x = 0.0f;
                s->nonfinite++;
            } else if (fabsf(x) < 1e-30f) { /* no denormals into the FFT */
                x = 0.0f;
            }
            s->ring[(size_t)c * s->size + s->wpos] = x;
        }
        s->wpos = (s->wpos + 1) & mask;
        if (++s->since >= s->hop) {
            s->since = 0;
            if (!frozen)
                analyse(s);
        } else if (s->sum_next
                   && s->since == s->sum_next * s->hop / nch) {
            add_sum_channel(s, s->sum_next);
        }
    }
}

/* ---- the long-term mean --------------------------------------------------- */

void mm_spectrum_set_longterm(mm_spectrum *s, int on)
{
    s->lt_on = on != 0;
}

void mm_spectrum_set_display(mm_spectrum *s, int on)
{
    s->display = on != 0;
}

double mm_spectrum_longterm(const mm_spectrum *s, double *mean)
{
    const int nb = s->size / 2 + 1;
    const double inv = s->lt_frames > 0.0 ? 1.0 / s->lt_frames : 0.0;
    for (int k = 0; k < nb; k++)
        mean[k] = s->lt[k] * inv;
    return s->lt_frames;
}

void mm_spectrum_longterm_clear(mm_spectrum *s)
{
    memset(s->lt, 0, sizeof(double) * (size_t)(s->size / 2 + 1));
    s->lt_frames = 0.0;
}

void mm_spectrum_longterm_set(mm_spectrum *s, const double *mean,
                              double frames)
{
    const int nb = s->size / 2 + 1;
    if (!(frames > 0.0) || !mm_isfinite_d(frames)) {
        mm_spectrum_longterm_clear(s);
        return;
    }
    for (int k = 0; k < nb; k++)
        s->lt[k] = mm_isfinite_d(mean[k]) && mean[k] > 0.0
                   ? mean[k] * frames : 0.0;
    s->lt_frames = frames;
}

/* ---- readings ---------------------------------------------------------- */

double mm_spectrum_get(const mm_spectrum *s, mm_spectrum_param id)
{
    if ((int)id < 0 || id >= MM_SPECTRUM_NPARAMS)
        return 0.0;
    return s->value[id];
}

int mm_spectrum_points(const mm_spectrum *s)
{
    return s->npoints;
}

double mm_spectrum_freq(const mm_spectrum *s, int i)
{
    return i >= 0 && i < s->npoints ? s->freq[i] : 0.0;
}

static double shown(const mm_spectrum *s, int i)
{
    double d = s->disp[i];
    if (!(d > MM_FLOOR_DB) || !mm_isfinite_d(d)) /* silence stays -144 */
        return MM_FLOOR_DB;
    d += s->tiltdb[i];
    return d < MM_FLOOR_DB ? MM_FLOOR_DB : d;
}

void mm_spectrum_read(const mm_spectrum *s, float *db, int n)
{
    if (n > s->npoints)
        n = s->npoints;
    for (int i = 0; i < n; i++)
        db[i] = (float)shown(s, i);
}

void mm_spectrum_peak(const mm_spectrum *s, double *hz, double *db)
{
    int best = 0;
    double top = shown(s, 0);
    for (int i = 1; i < s->npoints; i++) {
        double v = shown(s, i);
        if (v > top) {
            top = v;
            best = i;
        }
    }
    *hz = s->freq[best];
    *db = top;
}

/* ---- the lifecycle record (mm_core.h) ---- */

MM_CORE_VERBS_NOINIT(spectrum)

/* a meter: no output signal */
static void spectrum_core_process(void *st, const float *const *in,
                                  float *const *out, const float *key,
                                  int n)
{
    (void)out;
    (void)key;
    mm_spectrum_process((mm_spectrum *)st, in, n);
}

const mm_core mm_spectrum_core = {MM_CORE_FIELDS_NOINIT(spectrum),
                                  .maxch = MM_SPECTRUM_MAXCH,
                                  .process = spectrum_core_process};
