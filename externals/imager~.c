/* imager~: stereo width and mid/side (M/S) tools with a correlation meter.
 * A thin wrapper: parameters via mm_pd, processing in dsp/mm_imager. */
#include "mm_pdlegacy.h"
#include "mm_imager.h"
#include "mm_outmix.h"
#include <stdlib.h>
#include <string.h>

static t_class *imager_tilde_class;

typedef struct _imager_tilde {
    t_object x_obj;
    t_float x_f;
    mm_params x_params;
    mm_imager x_core;
    mm_outmix x_mix;
    int x_ok;
    t_outlet *x_info;
    mm_meter x_meter;
    int x_nxover;
    double x_xover[MM_IMAGER_MAXBANDS - 1];
    double x_widths[MM_IMAGER_MAXBANDS];
    float *x_dry[2];          /* copies of the input (in and out may alias) */
    int x_dryn;
} t_imager_tilde;

#define OBJ "imager~"

static void imager_tilde_emit(void *owner)
{
    t_imager_tilde *x = owner;
    int valid;
    double r = mm_imager_take_correlation(&x->x_core, &valid);
    mm_info_float(x->x_info, "correlation", valid ? r : MM_FLOOR_DB);
}

static void set_width(void *o, t_float v)
{
    mm_imager_set_width(&((t_imager_tilde *)o)->x_core, v);
}
static void set_mid(void *o, t_float v)
{
    mm_imager_set_mid_db(&((t_imager_tilde *)o)->x_core, v);
}
static void set_side(void *o, t_float v)
{
    mm_imager_set_side_db(&((t_imager_tilde *)o)->x_core, v);
}
static void set_balance(void *o, t_float v)
{
    mm_imager_set_balance(&((t_imager_tilde *)o)->x_core, v);
}
static void set_swap(void *o, t_float v)
{
    mm_imager_set_swap(&((t_imager_tilde *)o)->x_core, v != 0);
}
static void set_monobass(void *o, t_float v)
{
    mm_imager_set_monobass(&((t_imager_tilde *)o)->x_core, v);
}
static void set_bypass(void *o, t_float v)
{
    mm_outmix_set_bypass(&((t_imager_tilde *)o)->x_mix, v != 0);
}
static void set_delta(void *o, t_float v)
{
    mm_outmix_set_delta(&((t_imager_tilde *)o)->x_mix, v != 0);
}
static void set_interval(void *o, t_float v)
{
    mm_meter_set_interval(&((t_imager_tilde *)o)->x_meter, v);
}

static void do_xover(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_imager_tilde *x = owner;
    double hz[MM_IMAGER_MAXBANDS - 1];
    (void)s;
    if (argc == 0 || (argc == 1 && argv[0].a_type == A_SYMBOL
                      && !strcmp(atom_getsymbol(argv)->s_name, "off"))
        || (argc == 1 && argv[0].a_type == A_FLOAT
            && atom_getfloat(argv) == 0)) {
        x->x_nxover = 0;
        mm_imager_set_xover(&x->x_core, 0, NULL);
        return;
    }
    if (argc > MM_IMAGER_MAXBANDS - 1) {
        pd_error(x, OBJ ": xover takes 1 to %d frequencies (Hz), or off",
                 MM_IMAGER_MAXBANDS - 1);
        return;
    }
    for (int i = 0; i < argc; i++) {
        t_float f;
        if (!mm_arg_float(x, OBJ, "xover", argc, argv, i, &f))
            return;
        hz[i] = f;
    }
    for (int i = 0; i < argc; i++) {
        hz[i] = mm_clamp_warn(x, OBJ, "xover", (t_float)hz[i], 20, 20000,
                              "Hz");
        if (i > 0 && hz[i] <= hz[i - 1]) {
            pd_error(x, OBJ ": xover frequencies must ascend (%g after %g)",
                     hz[i], hz[i - 1]);
            return;
        }
    }
    x->x_nxover = argc;
    for (int i = 0; i < argc; i++)
        x->x_xover[i] = hz[i];
    mm_imager_set_xover(&x->x_core, argc, hz);
}

static void print_xover(void *owner)
{
    t_imager_tilde *x = owner;
    if (!x->x_nxover) {
        post("  xover off");
        return;
    }
    char buf[128] = "";
    for (int i = 0; i < x->x_nxover; i++) {
        size_t l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, " %g", x->x_xover[i]);
    }
    post("  xover%s Hz", buf);
}

static void do_widths(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_imager_tilde *x = owner;
    double w[MM_IMAGER_MAXBANDS];
    (void)s;
    if (argc < 1 || argc > MM_IMAGER_MAXBANDS) {
        pd_error(x, OBJ ": widths takes 1 to %d widths (%%, 0..200)",
                 MM_IMAGER_MAXBANDS);
        return;
    }
    for (int i = 0; i < argc; i++) {
        t_float f;
        if (!mm_arg_float(x, OBJ, "widths", argc, argv, i, &f))
            return;
        w[i] = f;
    }
    for (int i = 0; i < argc; i++) {
        w[i] = mm_clamp_warn(x, OBJ, "widths", (t_float)w[i], 0, 200, "%");
        x->x_widths[i] = w[i];
    }
    mm_imager_set_widths(&x->x_core, argc, w);
}

static void print_widths(void *owner)
{
    t_imager_tilde *x = owner;
    post("  widths %g %g %g %g %%", x->x_widths[0], x->x_widths[1],
         x->x_widths[2], x->x_widths[3]);
}

static void do_reset(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_imager_tilde *x = owner;
    (void)s, (void)argc, (void)argv;
    mm_imager_reset(&x->x_core);
}

static void do_latency(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_imager_tilde *x = owner;
    (void)s, (void)argc, (void)argv;
    mm_info_float(x->x_info, "latency", mm_imager_latency(&x->x_core));
}

static const mm_param imager_params[] = {
    {"width", MM_FLOAT, "%", 0, 200, 100, 0, 0, NULL, set_width, NULL, NULL,
     "stereo width: 0 mono, 100 unchanged, 200 side doubled"},
    {"mid", MM_FLOAT, "dB", -100, 12, 0, 0, 0, NULL, set_mid, NULL, NULL,
     "mid (L+R)/2 gain, -100 = off"},
    {"side", MM_FLOAT, "dB", -100, 12, 0, 0, 0, NULL, set_side, NULL, NULL,
     "side (L-R)/2 gain, -100 = off"},
    {"balance", MM_FLOAT, "", -100, 100, 0, 0, 0, NULL, set_balance, NULL,
     NULL, "-100 left .. 100 right: the other side fades to silence"},
    {"swap", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_swap, NULL, NULL,
     "1 exchanges left and right"},
    {"monobass", MM_FLOAT, "Hz", 20, 500, 0, MM_PF_OFF, 0, NULL, set_monobass,
     NULL, NULL, "side below this removed (LR4 high-pass), 0 = off"},
    {"xover", MM_METHOD, "Hz", 0, 0, 0, 0, 0, NULL, NULL, do_xover,
     print_xover, "xover f1 [f2 [f3]]: split the side into bands, or off"},
    {"widths", MM_METHOD, "%", 0, 0, 0, 0, 0, NULL, NULL, do_widths,
     print_widths, "widths w1 w2 ...: width of each side band"},
    {"bypass", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_bypass, NULL, NULL,
     "1 passes the input unchanged"},
    {"delta", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_delta, NULL, NULL,
     "1 outputs processed minus input"},
    {"interval", MM_FLOAT, "ms", 0, 60000, 50, 0, 0, NULL, set_interval,
     NULL, NULL, "correlation period, 0 = only on bang"},
    {"reset", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL, do_reset,
     NULL, "clear filter state and the meter"},
    {"latency", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL,
     do_latency, NULL, "emit latency 0"},
};

static void imager_tilde_bang(t_imager_tilde *x)
{
    imager_tilde_emit(x);
}

static void imager_tilde_anything(t_imager_tilde *x, t_symbol *s, int argc,
                                  t_atom *argv)
{
    mm_params_dispatch(&x->x_params, s, argc, argv);
}

static t_int *imager_tilde_perform(t_int *w)
{
    t_imager_tilde *x = (t_imager_tilde *)w[1];
    int n = (int)w[2];
    const float *in[2] = {(float *)w[3], (float *)w[4]};
    float *out[2] = {(float *)w[5], (float *)w[6]};
    if (!x->x_ok || n > x->x_dryn)
        return w + 7;
    int plain = mm_outmix_is_plain(&x->x_mix);
    if (!plain)
        for (int c = 0; c < 2; c++)
            memcpy(x->x_dry[c], in[c], (size_t)n * sizeof(float));
    mm_imager_process(&x->x_core, in, out, n);
    if (!plain) {
        for (int c = 0; c < 2; c++)
            mm_outmix_apply(&x->x_mix, out[c], x->x_dry[c], out[c], n);
        mm_outmix_advance(&x->x_mix, n);
    }
    return w + 7;
}

static void imager_tilde_dsp(t_imager_tilde *x, t_signal **sp)
{
    double sr = sp[0]->s_sr;
    int n = sp[0]->s_n;
    if (x->x_ok && sr != x->x_core.samplerate) {
        mm_imager_set_samplerate(&x->x_core, sr);
        mm_outmix_set_samplerate(&x->x_mix, sr);
    }
    if (n > x->x_dryn) {
        for (int c = 0; c < 2; c++) {
            free(x->x_dry[c]);
            x->x_dry[c] = calloc((size_t)n, sizeof(float));
        }
        x->x_dryn = x->x_dry[0] && x->x_dry[1] ? n : 0;
        if (!x->x_dryn)
            pd_error(x, OBJ ": out of memory");
    }
    dsp_add(imager_tilde_perform, 6, x, (t_int)n, sp[0]->s_vec,
            sp[1]->s_vec, sp[2]->s_vec, sp[3]->s_vec);
    mm_info_float(x->x_info, "latency", mm_imager_latency(&x->x_core));
}

static void *imager_tilde_new(t_symbol *s, int argc, t_atom *argv)
{
    t_imager_tilde *x = (t_imager_tilde *)pd_new(imager_tilde_class);
    (void)s;
    inlet_new(&x->x_obj, &x->x_obj.ob_pd, &s_signal, &s_signal);
    outlet_new(&x->x_obj, &s_signal);
    outlet_new(&x->x_obj, &s_signal);
    x->x_info = outlet_new(&x->x_obj, 0);
    for (int b = 0; b < MM_IMAGER_MAXBANDS; b++)
        x->x_widths[b] = 100;
    /* 48 kHz until the dsp method tells the real rate */
    x->x_ok = mm_imager_init(&x->x_core, 48000.0) == MM_OK;
    if (!x->x_ok)
        pd_error(x, OBJ ": cannot initialise");
    mm_outmix_init(&x->x_mix, 48000.0);
    mm_meter_init(&x->x_meter, x, imager_tilde_emit, 0);
    mm_params_init(&x->x_params, x, OBJ, imager_params,
                   sizeof imager_params / sizeof imager_params[0]);
    mm_params_apply_defaults(&x->x_params);
    mm_params_parse_flags(&x->x_params, argc, argv);
    /* creation arguments take effect at once, no fade-in at load */
    mm_imager_snap(&x->x_core);
    mm_outmix_snap(&x->x_mix);
    return x;
}

static void imager_tilde_free(t_imager_tilde *x)
{
    mm_meter_free(&x->x_meter);
    mm_imager_free(&x->x_core);
    for (int c = 0; c < 2; c++)
        free(x->x_dry[c]);
}

MM_EXPORT void imager_tilde_setup(void)
{
    imager_tilde_class = class_new(
        gensym("imager~"), (t_newmethod)(void (*)(void))imager_tilde_new,
        (t_method)imager_tilde_free, sizeof(t_imager_tilde), 0, A_GIMME, 0);
    CLASS_MAINSIGNALIN(imager_tilde_class, t_imager_tilde, x_f);
    class_addmethod(imager_tilde_class, (t_method)imager_tilde_dsp,
                    gensym("dsp"), A_CANT, 0);
    class_addbang(imager_tilde_class, imager_tilde_bang);
    class_addanything(imager_tilde_class, imager_tilde_anything);
}
