/* multiband~: multiband compressor (LR4 crossovers, comp~'s compressor
 * per band, stereo or mid/side). A thin wrapper: parameters via mm_pd,
 * processing in dsp/mm_multiband. */
#include "mm_pdlegacy.h"
#include "mm_multiband.h"
#include "mm_outmix.h"
#include <stdlib.h>
#include <string.h>

#define OBJ "multiband~"
#define CURVE_POINTS 256
#define CURVE_LO 20.0
#define CURVE_HI 20000.0

static t_class *multiband_tilde_class;

typedef struct _multiband_tilde {
    t_object x_obj;
    t_float x_f;
    int x_nch, x_bands;
    mm_params x_params;
    mm_multiband *x_core;     /* large: allocated */
    mm_outmix x_mix_delta;    /* wet - uncompressed sum */
    mm_outmix x_mix_bypass;   /* input */
    t_outlet *x_info;
    mm_meter x_meter;
    float *x_dry[MM_MULTIBAND_MAXCH], *x_xsum[MM_MULTIBAND_MAXCH];
    int x_bufn;
    int x_creating;           /* creation flags: crossovers jump */
    t_sample **x_sig;
} t_multiband_tilde;

static const char *const mode_words[] = {"stereo", "ms", NULL};

static void multiband_tilde_emit(void *owner)
{
    t_multiband_tilde *x = owner;
    for (int b = 0; b < x->x_bands; b++) {
        double v[2] = {b + 1, mm_multiband_take_gr(x->x_core, b)};
        mm_info_list(x->x_info, "gr", 2, v);
    }
}

/* <param> [mid|side] <band> <value>: band 0 = every band */
static int band_args(t_multiband_tilde *x, const char *msg, int argc,
                     t_atom *argv, int *band, int *half, t_float *value)
{
    int i = 0;
    *half = -1;
    if (argc >= 1 && argv[0].a_type == A_SYMBOL) {
        const char *w = atom_getsymbol(argv)->s_name;
        if (!strcmp(w, "mid"))
            *half = 0;
        else if (!strcmp(w, "side"))
            *half = 1;
        else {
            pd_error(x, OBJ ": %s: '%s' is not mid or side (use %s "
                     "[mid|side] <band> <value>)", msg, w, msg);
            return 0;
        }
        if (!x->x_core->ms_target) {
            pd_error(x, OBJ ": %s %s: mid and side need mode ms (and -ch 2)",
                     msg, w);
            return 0;
        }
        i = 1;
    }
    t_float b;
    if (argc - i != 2) {
        pd_error(x, OBJ ": %s needs [mid|side] <band> <value> (band 0 = "
                 "every band)", msg);
        return 0;
    }
    if (!mm_arg_float(x, OBJ, msg, argc, argv, i, &b)
        || !mm_arg_float(x, OBJ, msg, argc, argv, i + 1, value))
        return 0;
    /* range first: casting 1e30 to int is undefined behaviour */
    if (b < 0 || b > x->x_bands || b != (int)b) {
        pd_error(x, OBJ ": %s: band %g does not exist (0 = all, 1..%d)", msg,
                 b, x->x_bands);
        return 0;
    }
    *band = (int)b - 1;
    return 1;
}

typedef struct {
    const char *name, *unit;
    mm_comp_param p;
    double min, max;
} band_param;

static const band_param band_params[] = {
    {"threshold", "dB", MM_COMP_THRESHOLD, -80, 0},
    {"ratio", "", MM_COMP_RATIO, 1, 20},
    {"attack", "ms", MM_COMP_ATTACK, 0.1, 500},
    {"release", "ms", MM_COMP_RELEASE, 5, 5000},
    {"knee", "dB", MM_COMP_KNEE, 0, 24},
    {"makeup", "dB", MM_COMP_MAKEUP, -24, 24},
};

static void do_band(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_multiband_tilde *x = owner;
    const band_param *bp = NULL;
    for (unsigned k = 0; k < sizeof band_params / sizeof band_params[0]; k++)
        if (!strcmp(band_params[k].name, s->s_name))
            bp = &band_params[k];
    int band, half;
    t_float v;
    if (!bp || !band_args(x, bp->name, argc, argv, &band, &half, &v))
        return;
    v = mm_clamp_warn(x, OBJ, bp->name, v, (t_float)bp->min,
                      (t_float)bp->max, bp->unit);
    mm_multiband_set_band(x->x_core, band, half, bp->p, v);
}

static void print_band(t_multiband_tilde *x, const band_param *bp)
{
    char buf[256];
    int halves = x->x_core->ms_target ? 2 : 1;
    for (int h = 0; h < halves; h++) {
        size_t l = (size_t)snprintf(buf, sizeof buf, "  %s%s", bp->name,
                                    halves == 2 ? (h ? " side" : " mid") : "");
        for (int b = 0; b < x->x_bands && l < sizeof buf; b++)
            l += (size_t)snprintf(buf + l, sizeof buf - l, " %g",
                                  mm_multiband_get_band(x->x_core, b, h, bp->p));
        post("%s%s%s (bands 1..%d)", buf, bp->unit[0] ? " " : "", bp->unit,
             x->x_bands);
    }
}

static void print_threshold(void *o) { print_band(o, &band_params[0]); }
static void print_ratio(void *o) { print_band(o, &band_params[1]); }
static void print_attack(void *o) { print_band(o, &band_params[2]); }
static void print_release(void *o) { print_band(o, &band_params[3]); }
static void print_knee(void *o) { print_band(o, &band_params[4]); }
static void print_makeup(void *o) { print_band(o, &band_params[5]); }

static void do_switch(t_multiband_tilde *x, t_symbol *s, int argc,
                      t_atom *argv, int solo)
{
    int band, half;
    t_float v;
    if (!band_args(x, s->s_name, argc, argv, &band, &half, &v))
        return;
    if (half >= 0) {
        pd_error(x, OBJ ": %s acts on whole bands (no mid|side)", s->s_name);
        return;
    }
    if (solo)
        mm_multiband_set_solo(x->x_core, band, v != 0);
    else
        mm_multiband_set_mute(x->x_core, band, v != 0);
}

static void do_solo(void *o, t_symbol *s, int argc, t_atom *argv)
{
    do_switch(o, s, argc, argv, 1);
}
static void do_mute(void *o, t_symbol *s, int argc, t_atom *argv)
{
    do_switch(o, s, argc, argv, 0);
}

static void print_switches(t_multiband_tilde *x, const char *name,
                           const int *v)
{
    char buf[128];
    size_t l = (size_t)snprintf(buf, sizeof buf, "  %s", name);
    for (int b = 0; b < x->x_bands; b++)
        l += (size_t)snprintf(buf + l, sizeof buf - l, " %d", v[b]);
    post("%s (bands 1..%d)", buf, x->x_bands);
}
static void print_solo(void *o)
{
    t_multiband_tilde *x = o;
    print_switches(x, "solo", x->x_core->solo);
}
static void print_mute(void *o)
{
    t_multiband_tilde *x = o;
    print_switches(x, "mute", x->x_core->mute);
}

static void do_xover(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_multiband_tilde *x = owner;
    double hz[MM_MULTIBAND_MAXBANDS];
    (void)s;
    if (argc < 1 || argc > x->x_bands - 1) {
        pd_error(x, OBJ ": xover takes 1 to %d frequencies (Hz, ascending)",
                 x->x_bands - 1);
        return;
    }
    for (int i = 0; i < argc; i++) {
        t_float f;
        if (!mm_arg_float(x, OBJ, "xover", argc, argv, i, &f))
            return;
        hz[i] = f;
    }
    double top = 0.45 * x->x_core->samplerate;
    if (top > 20000.0)
        top = 20000.0;
    for (int i = 0; i < argc; i++) {
        hz[i] = mm_clamp_warn(x, OBJ, "xover", (t_float)hz[i], 20,
                              (t_float)top, "Hz");
        if (i > 0 && hz[i] <= hz[i - 1]) {
            pd_error(x, OBJ ": xover frequencies must ascend (%g after %g)",
                     hz[i], hz[i - 1]);
            return;
        }
    }
    mm_multiband_set_xover(x->x_core, argc, hz, x->x_creating);
}

static void print_xover(void *owner)
{
    t_multiband_tilde *x = owner;
    char buf[160];
    size_t l = (size_t)snprintf(buf, sizeof buf, "  xover");
    for (int s = 0; s < x->x_bands - 1; s++)
        l += (size_t)snprintf(buf + l, sizeof buf - l, " %g",
                              mm_multiband_get_xover(x->x_core, s));
    post("%s Hz", buf);
}

static void do_curve(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_multiband_tilde *x = owner;
    t_symbol *name;
    float y[CURVE_POINTS];
    (void)s;
    if (!mm_arg_symbol(x, OBJ, "curve", argc, argv, 0, &name))
        return;
    mm_multiband_curve(x->x_core, y, CURVE_POINTS, CURVE_LO, CURVE_HI);
    mm_array_write(x, OBJ, name, y, CURVE_POINTS);
}

static void set_link(void *o, t_float v)
{
    mm_multiband_set_link(((t_multiband_tilde *)o)->x_core, v);
}
static void set_mode(void *o, t_float v)
{
    t_multiband_tilde *x = o;
    if (v != 0 && x->x_nch != 2) {
        pd_error(x, OBJ ": mode ms needs -ch 2; staying in stereo mode");
        mm_params_note(&x->x_params, "mode", 0);
        return;
    }
    mm_multiband_set_mode(x->x_core, v != 0);
}
static void set_bypass(void *o, t_float v)
{
    mm_outmix_set_bypass(&((t_multiband_tilde *)o)->x_mix_bypass, v != 0);
}
static void set_delta(void *o, t_float v)
{
    mm_outmix_set_delta(&((t_multiband_tilde *)o)->x_mix_delta, v != 0);
}
static void set_interval(void *o, t_float v)
{
    mm_meter_set_interval(&((t_multiband_tilde *)o)->x_meter, v);
}

static void do_reset(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_multiband_tilde *x = owner;
    (void)s, (void)argc, (void)argv;
    mm_multiband_reset(x->x_core);
    for (int b = 0; b < x->x_bands; b++)
        mm_multiband_take_gr(x->x_core, b);
}

static void do_latency(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_multiband_tilde *x = owner;
    (void)s, (void)argc, (void)argv;
    mm_info_float(x->x_info, "latency", mm_multiband_latency(x->x_core));
}

#define BANDP(n, pr, doc)                                                   \
    {n, MM_METHOD, "", 0, 0, 0, 0, 0, NULL, NULL, do_band, pr, doc}

static const mm_param multiband_params[] = {
    {"ch", MM_INT, "", 1, MM_MULTIBAND_MAXCH, 2, MM_PF_CREATION, 0, NULL,
     NULL, NULL, NULL, "number of channels (creation only)"},
    {"bands", MM_INT, "", 2, MM_MULTIBAND_MAXBANDS, 4, MM_PF_CREATION, 0,
     NULL, NULL, NULL, NULL, "number of bands (creation only)"},
    {"xover", MM_METHOD, "Hz", 0, 0, 0, 0, 0, NULL, NULL, do_xover,
     print_xover, "xover f1 ... f(bands-1): crossover frequencies"},
    BANDP("threshold", print_threshold, "threshold [mid|side] <band> <dB>"),
    BANDP("ratio", print_ratio, "ratio [mid|side] <band> <N> (1..20)"),
    BANDP("attack", print_attack, "attack [mid|side] <band> <ms>"),
    BANDP("release", print_release, "release [mid|side] <band> <ms>"),
    BANDP("knee", print_knee, "knee [mid|side] <band> <dB>"),
    BANDP("makeup", print_makeup, "makeup [mid|side] <band> <dB>"),
    {"solo", MM_METHOD, "", 0, 0, 0, 0, 0, NULL, NULL, do_solo, print_solo,
     "solo <band> 0|1"},
    {"mute", MM_METHOD, "", 0, 0, 0, 0, 0, NULL, NULL, do_mute, print_mute,
     "mute <band> 0|1"},
    {"link", MM_FLOAT, "%", 0, 100, 100, 0, 0, NULL, set_link, NULL, NULL,
     "stereo link of the band compressors (stereo mode)"},
    {"mode", MM_CHOICE, "", 0, 1, 0, 0, 0, mode_words, set_mode, NULL, NULL,
     "stereo: per channel; ms: compress mid and side (-ch 2)"},
    {"bypass", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_bypass, NULL, NULL,
     "1 passes the input unchanged"},
    {"delta", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_delta, NULL, NULL,
     "1 outputs processed minus the uncompressed crossover sum"},
    {"interval", MM_FLOAT, "ms", 0, 60000, 50, 0, 0, NULL, set_interval,
     NULL, NULL, "gr meter period, 0 = only on bang"},
    {"curve", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL, do_curve,
     NULL, "curve <array>: summed response now, 256 points 20 Hz..20 kHz"},
    {"reset", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL, do_reset,
     NULL, "clear envelopes, filters and meters"},
    {"latency", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL,
     do_latency, NULL, "emit latency 0"},
};

static void multiband_tilde_bang(t_multiband_tilde *x)
{
    multiband_tilde_emit(x);
}

static void multiband_tilde_anything(t_multiband_tilde *x, t_symbol *s,
                                     int argc, t_atom *argv)
{
    mm_params_dispatch(&x->x_params, s, argc, argv);
}

static t_int *multiband_tilde_perform(t_int *w)
{
    t_multiband_tilde *x = (t_multiband_tilde *)w[1];
    int n = (int)w[2], nch = x->x_nch;
    t_sample **sig = x->x_sig;
    const float *in[MM_MULTIBAND_MAXCH];
    float *out[MM_MULTIBAND_MAXCH];
    if (n > x->x_bufn)
        return w + 3;
    for (int c = 0; c < nch; c++) {
        in[c] = sig[c];
        out[c] = sig[nch + c];
    }
    int plain_b = mm_outmix_is_plain(&x->x_mix_bypass);
    int plain_d = mm_outmix_is_plain(&x->x_mix_delta);
    if (!plain_b)
        for (int c = 0; c < nch; c++)
            memcpy(x->x_dry[c], in[c], (size_t)n * sizeof(float));
    mm_multiband_process(x->x_core, in, out, plain_d ? NULL : x->x_xsum, n);
    if (!plain_d) {
        for (int c = 0; c < nch; c++)
            mm_outmix_apply(&x->x_mix_delta, out[c], x->x_xsum[c], out[c], n);
        mm_outmix_advance(&x->x_mix_delta, n);
    }
    if (!plain_b) {
        for (int c = 0; c < nch; c++)
            mm_outmix_apply(&x->x_mix_bypass, out[c], x->x_dry[c], out[c], n);
        mm_outmix_advance(&x->x_mix_bypass, n);
    }
    return w + 3;
}

static void free_bufs(t_multiband_tilde *x)
{
    for (int c = 0; c < MM_MULTIBAND_MAXCH; c++) {
        free(x->x_dry[c]);
        free(x->x_xsum[c]);
        x->x_dry[c] = x->x_xsum[c] = NULL;
    }
    x->x_bufn = 0;
}

static void multiband_tilde_dsp(t_multiband_tilde *x, t_signal **sp)
{
    double sr = sp[0]->s_sr;
    int n = sp[0]->s_n, nch = x->x_nch;
    if (sr != x->x_core->samplerate) {
        mm_multiband_set_samplerate(x->x_core, sr);
        mm_outmix_set_samplerate(&x->x_mix_delta, sr);
        mm_outmix_set_samplerate(&x->x_mix_bypass, sr);
    }
    if (n > x->x_bufn) {
        free_bufs(x);
        int ok = 1;
        for (int c = 0; c < nch; c++) {
            x->x_dry[c] = calloc((size_t)n, sizeof(float));
            x->x_xsum[c] = calloc((size_t)n, sizeof(float));
            ok = ok && x->x_dry[c] && x->x_xsum[c];
        }
        if (ok)
            x->x_bufn = n;
        else {
            free_bufs(x);
            pd_error(x, OBJ ": out of memory");
        }
    }
    for (int c = 0; c < 2 * nch; c++)
        x->x_sig[c] = sp[c]->s_vec;
    dsp_add(multiband_tilde_perform, 2, x, (t_int)n);
    mm_info_float(x->x_info, "latency", mm_multiband_latency(x->x_core));
}

static void *multiband_tilde_new(t_symbol *s, int argc, t_atom *argv)
{
    t_multiband_tilde *x =
        (t_multiband_tilde *)pd_new(multiband_tilde_class);
    (void)s;
    x->x_nch = mm_flag_int(x, OBJ, argc, argv, "-ch", 2, 1,
                           MM_MULTIBAND_MAXCH);
    x->x_bands = mm_flag_int(x, OBJ, argc, argv, "-bands", 4, 2,
                             MM_MULTIBAND_MAXBANDS);
    x->x_core = getbytes(sizeof *x->x_core);
    x->x_sig = getbytes(2 * x->x_nch * sizeof *x->x_sig);
    if (!x->x_core || !x->x_sig
        || mm_multiband_init(x->x_core, x->x_nch, x->x_bands, 48000.0)
               != MM_OK) {
        pd_error(x, OBJ ": out of memory");
        if (x->x_core)
            freebytes(x->x_core, sizeof *x->x_core);
        if (x->x_sig)
            freebytes(x->x_sig, 2 * x->x_nch * sizeof *x->x_sig);
        x->x_core = NULL;
        x->x_sig = NULL;
        pd_free(&x->x_obj.ob_pd);
        return NULL;
    }
    for (int c = 1; c < x->x_nch; c++)
        inlet_new(&x->x_obj, &x->x_obj.ob_pd, &s_signal, &s_signal);
    for (int c = 0; c < x->x_nch; c++)
        outlet_new(&x->x_obj, &s_signal);
    x->x_info = outlet_new(&x->x_obj, 0);
    mm_outmix_init(&x->x_mix_delta, 48000.0);
    mm_outmix_init(&x->x_mix_bypass, 48000.0);
    mm_meter_init(&x->x_meter, x, multiband_tilde_emit, 0);
    mm_params_init(&x->x_params, x, OBJ, multiband_params,
                   sizeof multiband_params / sizeof multiband_params[0]);
    mm_params_note(&x->x_params, "ch", x->x_nch);
    mm_params_note(&x->x_params, "bands", x->x_bands);
    mm_params_apply_defaults(&x->x_params);
    x->x_creating = 1;
    mm_params_parse_flags(&x->x_params, argc, argv);
    x->x_creating = 0;
    mm_multiband_snap(x->x_core);
    mm_outmix_snap(&x->x_mix_delta);
    mm_outmix_snap(&x->x_mix_bypass);
    return x;
}

static void multiband_tilde_free(t_multiband_tilde *x)
{
    mm_meter_free(&x->x_meter);
    free_bufs(x);
    if (x->x_core) {
        mm_multiband_free(x->x_core);
        freebytes(x->x_core, sizeof *x->x_core);
    }
    if (x->x_sig)
        freebytes(x->x_sig, 2 * x->x_nch * sizeof *x->x_sig);
}

MM_EXPORT void multiband_tilde_setup(void)
{
    multiband_tilde_class = class_new(
        gensym("multiband~"),
        (t_newmethod)(void (*)(void))multiband_tilde_new,
        (t_method)multiband_tilde_free, sizeof(t_multiband_tilde), 0,
        A_GIMME, 0);
    CLASS_MAINSIGNALIN(multiband_tilde_class, t_multiband_tilde, x_f);
    class_addmethod(multiband_tilde_class, (t_method)multiband_tilde_dsp,
                    gensym("dsp"), A_CANT, 0);
    class_addbang(multiband_tilde_class, multiband_tilde_bang);
    class_addanything(multiband_tilde_class, multiband_tilde_anything);
}
