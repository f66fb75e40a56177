/* multiband~: multiband compressor (LR4 crossovers, comp~'s compressor
 * per band, stereo or mid/side). The sound is dsp/mm_multiband; flags,
 * messages, bypass and the info outlet come from mm_pd. Its own: the
 * per-band messages (comp~'s per-channel rows, solo, mute), xover, curve,
 * and delta, which subtracts the uncompressed crossover sum. */
#include "mm_pd.h"
#include "mm_multiband.h"
#include <string.h>

#define OBJ "multiband~"
#define CURVE_POINTS 256
#define CURVE_LO 20.0
#define CURVE_HI 20000.0

typedef struct multiband_tilde {
    mm_pdobj x_mm;
    mm_multiband x_core;
    mm_outmix x_delta;        /* wet - the uncompressed sum */
    mm_pdbuf x_xsum;          /* the uncompressed sum, nch blocks */
} t_multiband_tilde;

#define X(o) ((t_multiband_tilde *)(o))
#define CORE(o) (&X(o)->x_core)
#define BANDS(o) ((int)mm_pd_value(o, MM_MULTIBAND_BANDS))
#define MS(o) (mm_pd_value(o, MM_MULTIBAND_MODE) != 0)

static int mb_create(void *o, double sr)
{
    mm_outmix_init(&X(o)->x_delta, sr);
    return mm_multiband_init_phase(CORE(o), X(o)->x_mm.nch, BANDS(o),
                                   mm_pd_value(o, MM_MULTIBAND_PHASE) != 0,
                                   sr) == MM_OK;
}

static void mb_destroy(void *o)
{
    mm_multiband_free(CORE(o));
    mm_pd_buffer_free(&X(o)->x_xsum);
}

static double mb_set(void *o, int id, double v)
{
    if (id == MM_PD_ID_DELTA) {
        mm_outmix_set_delta(&X(o)->x_delta, v != 0);
        return v;
    }
    double r = mm_multiband_set(CORE(o), id, v);
    if (id == MM_MULTIBAND_MODE && r != v)
        pd_error(o, OBJ ": mode ms needs -ch 2; staying in stereo mode");
    return r;
}

static int mb_samplerate(void *o, double sr)
{
    mm_outmix_set_samplerate(&X(o)->x_delta, sr);
    return mm_multiband_set_samplerate(CORE(o), sr) == MM_OK;
}

static int mb_prepare(void *o, int n)
{
    return mm_pd_buffer(o, &X(o)->x_xsum, (size_t)X(o)->x_mm.nch * n);
}

static void mb_process(void *o, const float *const *in, float *const *out,
                       const float *key, int n)
{
    t_multiband_tilde *x = o;
    float *xsum[MM_MULTIBAND_MAXCH];
    int nch = x->x_mm.nch, plain = mm_outmix_is_plain(&x->x_delta);
    (void)key;
    for (int c = 0; c < nch; c++)
        xsum[c] = x->x_xsum.data + (size_t)c * n;
    mm_multiband_process(&x->x_core, in, out, plain ? NULL : xsum, n);
    if (plain)
        return;
    for (int c = 0; c < nch; c++)
        mm_outmix_apply(&x->x_delta, out[c], xsum[c], out[c], n);
    mm_outmix_advance(&x->x_delta, n);
}

static void mb_emit(void *o)
{
    for (int b = 0; b < BANDS(o); b++) {
        double v[2] = {b + 1, mm_multiband_take_gr(CORE(o), b)};
        mm_pd_info_list(o, "gr", 2, v);
    }
}

static void mb_snap(void *o)
{
    mm_multiband_snap(CORE(o));
    mm_outmix_snap(&X(o)->x_delta);
}

/* <msg> [mid|side] <band> <value>: band 0 = every band */
static int band_args(void *o, const char *msg, int argc, t_atom *argv,
                     int *band, int *half, t_float *value)
{
    int i = 0;
    t_float b;
    *half = -1;
    if (argc >= 1 && argv[0].a_type == A_SYMBOL) {
        const char *w = atom_getsymbol(argv)->s_name;
        *half = !strcmp(w, "mid") ? 0 : !strcmp(w, "side") ? 1 : -2;
        if (*half == -2) {
            pd_error(o, OBJ ": %s: '%s' is not mid or side (use %s "
                     "[mid|side] <band> <value>)", msg, w, msg);
            return 0;
        }
        if (!MS(o)) {
            pd_error(o, OBJ ": %s %s: mid and side need mode ms (and -ch 2)",
                     msg, w);
            return 0;
        }
        i = 1;
    }
    if (argc - i != 2) {
        pd_error(o, OBJ ": %s needs [mid|side] <band> <value> (band 0 = "
                 "every band)", msg);
        return 0;
    }
    if (!mm_pd_arg_float(o, msg, argc, argv, i, &b)
        || !mm_pd_arg_float(o, msg, argc, argv, i + 1, value))
        return 0;
    /* range first: casting 1e30 to int is undefined behaviour */
    if (b < 0 || b > BANDS(o) || b != (int)b) {
        pd_error(o, OBJ ": %s: band %g does not exist (0 = all, 1..%d)", msg,
                 b, BANDS(o));
        return 0;
    }
    *band = (int)b - 1;
    return 1;
}

/* The per-band compressor rows: comp~'s per-channel rows (mm_comp_table),
 * ranges from mm_multiband_band_def. One handler and print for all. */
static mm_paramdef band_row(void *o)
{
    const char *name = X(o)->x_mm.method->name;
    return mm_multiband_band_def(mm_param_find(&mm_comp_table, name)->id);
}

static void do_band(void *o, int argc, t_atom *argv)
{
    mm_paramdef d = band_row(o);
    int band, half;
    t_float v;
    if (!band_args(o, d.name, argc, argv, &band, &half, &v))
        return;
    mm_pd_clamp_warn(o, d.name, v, (t_float)d.min, (t_float)d.max, d.unit);
    mm_multiband_set_band(CORE(o), band, half, (mm_comp_param)d.id, v);
}

static void print_band(void *o)
{
    mm_paramdef d = band_row(o);
    int halves = MS(o) ? 2 : 1;
    for (int h = 0; h < halves; h++) {
        char buf[256];
        size_t l = (size_t)snprintf(buf, sizeof buf, "  %s%s", d.name,
                                    halves == 2 ? (h ? " side" : " mid") : "");
        for (int b = 0; b < BANDS(o) && l < sizeof buf; b++)
            l += (size_t)snprintf(buf + l, sizeof buf - l, " %g",
                                  mm_multiband_get_band(CORE(o), b, h,
                                                        (mm_comp_param)d.id));
        post("%s%s%s (bands 1..%d)", buf, d.unit[0] ? " " : "", d.unit,
             BANDS(o));
    }
}

/* solo and mute: <band> 0|1 */
static void do_switch(void *o, int argc, t_atom *argv)
{
    const char *name = X(o)->x_mm.method->name;
    int band, half;
    t_float v;
    if (!band_args(o, name, argc, argv, &band, &half, &v))
        return;
    if (half >= 0)
        pd_error(o, OBJ ": %s acts on whole bands (no mid|side)", name);
    else if (!strcmp(name, "solo"))
        mm_multiband_set_solo(CORE(o), band, v != 0);
    else
        mm_multiband_set_mute(CORE(o), band, v != 0);
}

static void print_switch(void *o)
{
    const char *name = X(o)->x_mm.method->name;
    char buf[128];
    size_t l = (size_t)snprintf(buf, sizeof buf, "  %s", name);
    for (int b = 0; b < BANDS(o); b++)
        l += (size_t)snprintf(buf + l, sizeof buf - l, " %d",
                              !strcmp(name, "solo")
                                  ? mm_multiband_get_solo(CORE(o), b)
                                  : mm_multiband_get_mute(CORE(o), b));
    post("%s (bands 1..%d)", buf, BANDS(o));
}

static void do_xover(void *o, int argc, t_atom *argv)
{
    double hz[MM_MULTIBAND_MAXBANDS], lo, hi;
    mm_multiband_xover_range(CORE(o), &lo, &hi);
    if (argc < 1 || argc > BANDS(o) - 1)
        pd_error(o, OBJ ": xover takes 1 to %d frequencies (Hz, ascending)",
                 BANDS(o) - 1);
    else if (mm_pd_arg_floats(o, "xover", argc, argv, lo, hi, "Hz", 1, hz))
        mm_multiband_set_xover(CORE(o), argc, hz, X(o)->x_mm.creating);
}

static void print_xover(void *o)
{
    char buf[160];
    size_t l = (size_t)snprintf(buf, sizeof buf, "  xover");
    for (int s = 0; s < BANDS(o) - 1; s++)
        l += (size_t)snprintf(buf + l, sizeof buf - l, " %g",
                              mm_multiband_get_xover(CORE(o), s));
    post("%s Hz", buf);
}

static void mb_curve(void *o, float *y, int n)
{
    mm_multiband_curve(CORE(o), y, n, CURVE_LO, CURVE_HI);
}

static const mm_pdcurve mb_curves[] = {
    {"curve", CURVE_POINTS, mb_curve, "the summed response with each "
     "band's present gain: dB at 256 log-spaced points 20 Hz..20 kHz, "
     "drawn now and after every change"},
    {NULL, 0, NULL, NULL}};

static const mm_pdmethod own_methods[] = {
    {"xover", do_xover, print_xover, "<Hz> ...",
     "crossover frequencies f1 ... f(bands-1), ascending", 0, NULL},
    {"solo", do_switch, print_switch, "<band> 0|1",
     "hear only the soloed bands (band 0 = every band)", 0, NULL},
    {"mute", do_switch, print_switch, "<band> 0|1",
     "silence a band (band 0 = every band)", 0, NULL},
    {0}};

/* the per-band rows, then the others: filled in at setup */
static mm_paramtable mb_args[MM_COMP_NPERCH];
static mm_paramdef mb_rows[MM_COMP_NPERCH]; /* the band rows, as declared */
static mm_pdmethod mb_methods[MM_COMP_NPERCH + sizeof own_methods
                                                / sizeof own_methods[0]];

static const mm_pdinfo mb_info[] = {
    {"gr", "<band> <dB>", "each band's deepest gain reduction since the "
     "last report (0 or below)"},
    {NULL, NULL, NULL}};

static const mm_objdef mb_def = {
    .name = "multiband~",
    .summary = "multiband compressor: LR4 crossovers, comp~ per band, "
               "stereo or mid/side",
    .size = sizeof(t_multiband_tilde),
    .core = &mm_multiband_core,
    .core_offset = offsetof(t_multiband_tilde, x_core),
    .features = MM_OBJ_SOUND | MM_OBJ_METER | MM_OBJ_OWNDELTA,
    .ch_min = 1, .ch_max = MM_MULTIBAND_MAXCH, .ch_def = 2,
    .interval_def = 50,
    .methods = mb_methods,
    .curves = mb_curves,
    .info = mb_info,
    .create = mb_create,
    .destroy = mb_destroy,
    .set = mb_set,
    .samplerate = mb_samplerate,
    .prepare = mb_prepare,
    .process = mb_process,
    .emit = mb_emit,
    .snap = mb_snap,
};

MM_EXPORT void multiband_tilde_setup(void)
{
    for (int p = 0; p < MM_COMP_NPERCH; p++) {
        const mm_paramdef *d = &mm_comp_table.defs[p];
        /* the value: comp~'s row with the band's range and default (the
         * ratio 1..20 [1]), so the reference says what print shows */
        mb_rows[p] = mm_multiband_band_def(d->id);
        mm_paramtable args = {"comp", &mb_rows[p], 1};
        mb_args[p] = args;
        mm_pdmethod m = {d->name, do_band, print_band,
                         "[mid|side] <band> <value>", d->doc, 0,
                         &mb_args[p]};
        mb_methods[p] = m;
    }
    memcpy(mb_methods + MM_COMP_NPERCH, own_methods, sizeof own_methods);
    mm_pd_class_new(&mb_def);
}
