#include "mm_imager.h"
#include "mm_ms.h"

#define CHUNK 64

static const mm_paramdef imager_rows[] = {
    {"width", MM_IMAGER_WIDTH, MM_P_FLOAT, "%", 0, 200, 100, 0, 0, NULL,
     "stereo width: 0 mono, 100 unchanged, 200 side doubled"},
    {"mid", MM_IMAGER_MID, MM_P_FLOAT, "dB", MM_IMAGER_OFF_DB, 12, 0, 0, 0,
     NULL, "mid (L+R)/2 gain, -100 = off"},
    {"side", MM_IMAGER_SIDE, MM_P_FLOAT, "dB", MM_IMAGER_OFF_DB, 12, 0, 0, 0,
     NULL, "side (L-R)/2 gain, -100 = off"},
    {"balance", MM_IMAGER_BALANCE, MM_P_FLOAT, "", -100, 100, 0, 0, 0, NULL,
     "-100 left .. 100 right: the other side fades to silence"},
    {"swap", MM_IMAGER_SWAP, MM_P_BOOL, "", 0, 1, 0, 0, 0, NULL,
     "1 exchanges left and right"},
    {"monobass", MM_IMAGER_MONOBASS, MM_P_FLOAT, "Hz", 20, 500, 0, MM_P_OFF,
     0, NULL, "side below this removed (LR4 high-pass), 0 = off"},
};

const mm_paramtable mm_imager_table = MM_PARAMTABLE("imager", imager_rows);

/* The arguments of xover (each frequency) and widths (each band's width,
 * the width row's range). */
static const mm_paramdef xover_arg_rows[] = {
    {"frequency", 0, MM_P_FLOAT, "Hz", MM_IMAGER_XOVER_MIN_HZ,
     MM_IMAGER_XOVER_MAX_HZ, 300, 0, 0, NULL, "each crossover, ascending"},
};

const mm_paramtable mm_imager_xover_args =
    MM_PARAMTABLE("imager xover", xover_arg_rows);
const mm_paramtable mm_imager_widths_args = {
    "imager widths", &imager_rows[MM_IMAGER_WIDTH], 1};

static double db_gain(double db)
{
    return db <= MM_IMAGER_OFF_DB ? 0.0 : mm_db_to_gain(db);
}

static void all_smoothers(mm_imager *im, void (*f)(mm_smoother *, double))
{
    mm_smoother *s[] = {&im->width, &im->mid, &im->side, &im->gl, &im->gr,
                        &im->swap, &im->mb, &im->pb};
    for (unsigned i = 0; i < sizeof s / sizeof s[0]; i++)
        f(s[i], im->samplerate);
    for (int b = 0; b < MM_IMAGER_MAXBANDS; b++)
        f(&im->bw[b], im->samplerate);
}

static void init_one(mm_smoother *s, double fs)
{
    mm_smoother_init(s, MM_SMOOTHER_TAU_MS, fs, 1.0);
}

int mm_imager_init(mm_imager *im, double samplerate)
{
    if (!(samplerate > 0.0))
        return MM_E_ARG;
    memset(im, 0, sizeof *im);
    im->samplerate = samplerate;
    all_smoothers(im, init_one);
    mm_smoother_snap(&im->swap, 0.0);
    mm_smoother_snap(&im->mb, 0.0);
    mm_smoother_snap(&im->pb, 0.0);
    for (int b = 0; b < MM_IMAGER_MAXBANDS; b++)
        im->widths[b] = imager_rows[MM_IMAGER_WIDTH].def;
    int r = mm_crossover_init(&im->mono, 2, 1, samplerate);
    if (r == MM_OK)
        r = mm_crossover_init(&im->split, MM_IMAGER_MAXBANDS, 1, samplerate);
    mm_correlation_init(&im->corr);
    return r;
}

void mm_imager_free(mm_imager *im)
{
    mm_crossover_free(&im->mono);
    mm_crossover_free(&im->split);
}

int mm_imager_set_samplerate(mm_imager *im, double samplerate)
{
    if (!(samplerate > 0.0))
        return MM_E_ARG;
    im->samplerate = samplerate;
    all_smoothers(im, mm_smoother_set_samplerate);
    mm_crossover_set_samplerate(&im->mono, samplerate);
    mm_crossover_set_samplerate(&im->split, samplerate);
    if (im->monobass_hz > 0.0)
        mm_crossover_set_hz(&im->mono, 0, im->monobass_hz, 1);
    return MM_OK;
}

void mm_imager_reset(mm_imager *im)
{
    mm_crossover_reset(&im->mono);
    mm_crossover_reset(&im->split);
    mm_correlation_reset(&im->corr);
}

static void snap_one(mm_smoother *s, double unused)
{
    (void)unused;
    mm_smoother_snap(s, s->target);
}

void mm_imager_snap(mm_imager *im)
{
    all_smoothers(im, snap_one);
    if (im->monobass_hz > 0.0)
        mm_crossover_set_hz(&im->mono, 0, im->monobass_hz, 1);
    for (int s = 0; s < MM_IMAGER_MAXBANDS - 1; s++)
        mm_crossover_set_hz(&im->split, s, mm_crossover_get_hz(&im->split, s),
                            1);
}

static void set_monobass(mm_imager *im, double hz)
{
    if (hz == 0.0) {
        im->monobass_hz = 0.0;
        im->mb_on = 0;
        mm_smoother_set(&im->mb, 0.0);
        return;
    }
    /* fading in from off: start the filter clean at its frequency */
    int fresh = im->mb.value == 0.0;
    mm_crossover_set_hz(&im->mono, 0, hz, fresh);
    if (fresh)
        mm_crossover_reset(&im->mono);
    im->monobass_hz = hz;
    im->mb_on = 1;
    mm_smoother_set(&im->mb, 1.0);
}

double mm_imager_set(mm_imager *im, int id, double v)
{
    if (!mm_param_take(&mm_imager_table, (int)id, &v))
        return 0.0;
    switch ((mm_imager_param)id) {
    case MM_IMAGER_WIDTH:
        mm_smoother_set(&im->width, v / 100.0);
        break;
    case MM_IMAGER_MID:
        mm_smoother_set(&im->mid, db_gain(v));
        break;
    case MM_IMAGER_SIDE:
        mm_smoother_set(&im->side, db_gain(v));
        break;
    case MM_IMAGER_BALANCE:
        mm_smoother_set(&im->gl, v > 0.0 ? 1.0 - v / 100.0 : 1.0);
        mm_smoother_set(&im->gr, v < 0.0 ? 1.0 + v / 100.0 : 1.0);
        break;
    case MM_IMAGER_SWAP:
        mm_smoother_set(&im->swap, v);
        break;
    case MM_IMAGER_MONOBASS:
        set_monobass(im, v);
        break;
    default:
        break;
    }
    return v;
}

int mm_imager_set_xover(mm_imager *im, int n, const double *hz)
{
    if (n <= 0) {
        im->pb_on = 0;
        mm_smoother_set(&im->pb, 0.0);
        return 0;
    }
    if (n > MM_IMAGER_MAXBANDS - 1)
        n = MM_IMAGER_MAXBANDS - 1;
    int fresh = im->pb.value == 0.0 || n + 1 != im->nbands;
    if (n + 1 != im->nbands)
        mm_crossover_set_bands(&im->split, n + 1);
    for (int s = 0; s < n; s++)
        mm_crossover_set_hz(&im->split, s,
                            mm_clamp_d(hz[s], MM_IMAGER_XOVER_MIN_HZ,
                                       MM_IMAGER_XOVER_MAX_HZ),
                            fresh);
    mm_crossover_sort(&im->split);
    if (fresh) {
        for (int s = 0; s < n; s++)
            mm_crossover_set_hz(&im->split, s,
                                mm_crossover_get_hz(&im->split, s), 1);
        mm_crossover_reset(&im->split);
        /* a new band layout fades in from the plain side signal */
        mm_smoother_snap(&im->pb, 0.0);
    }
    im->nbands = n + 1;
    im->pb_on = 1;
    mm_smoother_set(&im->pb, 1.0);
    return n;
}

int mm_imager_get_xover(const mm_imager *im, double *hz)
{
    int n = im->pb_on ? im->nbands - 1 : 0;
    for (int s = 0; s < n; s++)
        hz[s] = mm_crossover_get_hz(&im->split, s);
    return n;
}

void mm_imager_set_widths(mm_imager *im, int n, const double *pct)
{
    if (n > MM_IMAGER_MAXBANDS)
        n = MM_IMAGER_MAXBANDS;
    for (int b = 0; b < n; b++) {
        im->widths[b] = mm_param_apply(&imager_rows[MM_IMAGER_WIDTH], pct[b]);
        mm_smoother_set(&im->bw[b], im->widths[b] / 100.0);
    }
}

double mm_imager_get_width_band(const mm_imager *im, int b)
{
    return b >= 0 && b < MM_IMAGER_MAXBANDS ? im->widths[b] : 0.0;
}

/* Settled at the identity: the output is the (possibly swapped) input. */
static int is_identity(const mm_imager *im)
{
    const mm_smoother *s[] = {&im->width, &im->mid, &im->side, &im->gl,
                              &im->gr};
    for (unsigned i = 0; i < sizeof s / sizeof s[0]; i++)
        if (s[i]->value != 1.0 || s[i]->target != 1.0)
            return 0;
    if (mm_smoother_moving(&im->swap) || im->mb.value != 0.0 || im->mb_on
        || im->pb.value != 0.0 || im->pb_on)
        return 0;
    return 1;
}

static void process_chunk(mm_imager *im, const float *l, const float *r,
                          float *ol, float *or, int n)
{
    double m[CHUNK];
    float s[CHUNK];
    for (int i = 0; i < n; i++) {
        double a = mm_smoother_next(&im->swap);
        double x = l[i], y = r[i];
        if (!mm_isfinite_d(x))
            x = 0.0;
        if (!mm_isfinite_d(y))
            y = 0.0;
        double lx = x + a * (y - x), rx = y + a * (x - y), ss;
        mm_ms_encode1(lx, rx, &m[i], &ss);
        s[i] = (float)ss;
    }
    if (im->mb_on || im->mb.value != 0.0) {
        float lo[CHUNK], hi[CHUNK];
        float *b0[1] = {lo}, *b1[1] = {hi};
        float *const *bo[2] = {b0, b1};
        const float *in[1] = {s};
        mm_crossover_process(&im->mono, in, bo, n);
        for (int i = 0; i < n; i++) {
            double k = mm_smoother_next(&im->mb);
            s[i] = (float)(s[i] + k * ((double)hi[i] - s[i]));
        }
    }
    if (im->pb_on || im->pb.value != 0.0) {
        float band[MM_IMAGER_MAXBANDS][CHUNK];
        float *bp[MM_IMAGER_MAXBANDS][1];
        float *const *bo[MM_IMAGER_MAXBANDS];
        for (int b = 0; b < MM_IMAGER_MAXBANDS; b++) {
            bp[b][0] = band[b];
            bo[b] = bp[b];
        }
        const float *in[1] = {s};
        int nb = im->split.bands;
        mm_crossover_process(&im->split, in, bo, n);
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (int b = 0; b < nb; b++)
                sum += mm_smoother_next(&im->bw[b]) * band[b][i];
            double k = mm_smoother_next(&im->pb);
            s[i] = (float)(s[i] + k * (sum - s[i]));
        }
    }
    for (int i = 0; i < n; i++) {
        double w = mm_smoother_next(&im->width);
        double gm = mm_smoother_next(&im->mid);
        double gs = mm_smoother_next(&im->side);
        double gl = mm_smoother_next(&im->gl);
        double gr = mm_smoother_next(&im->gr);
        double a, b;
        mm_ms_decode1(gm * m[i], w * gs * s[i], &a, &b);
        ol[i] = (float)(gl * a);
        or[i] = (float)(gr * b);
    }
}

void mm_imager_process(mm_imager *im, const float *const *in,
                       float *const *out, int n)
{
    const float *l = in[0], *r = in[1];
    float *ol = out[0], *or = out[1];
    for (int i = 0; i < n; i += CHUNK) {
        int m = n - i < CHUNK ? n - i : CHUNK;
        if (is_identity(im)) {
            /* bit-exact: copy, swapped if so; read both before writing */
            int sw = im->swap.value != 0.0;
            for (int k = 0; k < m; k++) {
                float a = l[i + k], b = r[i + k];
                ol[i + k] = sw ? b : a;
                or[i + k] = sw ? a : b;
            }
        } else {
            process_chunk(im, l + i, r + i, ol + i, or + i, m);
        }
        mm_correlation_process(&im->corr, ol + i, or + i, m);
    }
}

double mm_imager_take_correlation(mm_imager *im, int *valid)
{
    return mm_correlation_take(&im->corr, valid);
}

/* ---- the lifecycle record (mm_core.h) ---- */

MM_CORE_VERBS_NOINIT(imager)
MM_CORE_SNAP(imager)
MM_CORE_PROCESS(imager)

static int imager_core_init(void *s, int nch, double sr)
{
    return nch == 2 ? mm_imager_init(s, sr) : MM_E_RANGE; /* stereo only */
}

const mm_core mm_imager_core = {.init = imager_core_init,
                                MM_CORE_FIELDS_NOINIT(imager), .maxch = 2,
                                .snap = imager_core_snap,
                                .process = imager_core_process};
