/* comp~: compressor. A thin wrapper: parameters via mm_pd, the sound in
 * dsp/mm_comp (the compressor core strip~ and multiband~ share), bypass
 * and delta in dsp/mm_outmix. */
#include "mm_pd.h"
#include "mm_comp.h"
#include "mm_outmix.h"
#include "mm_dryio.h"
#include <string.h>

/* `curve <array>`: element i is the output level (dB) for the input
 * level CURVE_LO + i dB */
#define CURVE_LO (-90.0)
#define CURVE_N 91

static t_class *comp_tilde_class;

typedef struct _comp_tilde {
    t_object x_obj;
    t_float x_f;
    int x_nch;
    int x_sidechain;
    mm_params x_params;
    mm_comp x_core;
    mm_outmix x_mix;
    t_outlet *x_info;
    mm_meter x_meter;
    t_symbol *x_curve;     /* array that follows the controls, or NULL */
    mm_dryio x_io;
} t_comp_tilde;

static void comp_tilde_emit(void *owner)
{
    t_comp_tilde *x = owner;
    mm_info_float(x->x_info, "gr", mm_comp_take_gr(&x->x_core));
}

static void draw_curve(t_comp_tilde *x)
{
    float y[CURVE_N];
    if (!x->x_curve)
        return;
    mm_comp_curve(&x->x_core, 0, y, CURVE_N, CURVE_LO, CURVE_LO + CURVE_N - 1);
    if (!mm_array_write(x, "comp~", x->x_curve, y, CURVE_N))
        x->x_curve = NULL; /* reported once */
}

static void set_core(t_comp_tilde *x, mm_comp_param p, t_float v)
{
    mm_comp_set(&x->x_core, p, v);
    draw_curve(x);
}

static void set_threshold(void *x, t_float v) { set_core(x, MM_COMP_THRESHOLD, v); }
static void set_ratio(void *x, t_float v) { set_core(x, MM_COMP_RATIO, v); }
static void set_attack(void *x, t_float v) { set_core(x, MM_COMP_ATTACK, v); }
static void set_release(void *x, t_float v) { set_core(x, MM_COMP_RELEASE, v); }
static void set_knee(void *x, t_float v) { set_core(x, MM_COMP_KNEE, v); }
static void set_makeup(void *x, t_float v) { set_core(x, MM_COMP_MAKEUP, v); }
static void set_detector(void *x, t_float v) { set_core(x, MM_COMP_DETECTOR, v); }
static void set_link(void *x, t_float v) { set_core(x, MM_COMP_LINK, v); }
static void set_schpf(void *x, t_float v) { set_core(x, MM_COMP_SCHPF, v); }
static void set_mix(void *x, t_float v) { set_core(x, MM_COMP_MIX, v); }

static void set_bypass(void *owner, t_float v)
{
    mm_outmix_set_bypass(&((t_comp_tilde *)owner)->x_mix, v != 0);
}

static void set_delta(void *owner, t_float v)
{
    mm_outmix_set_delta(&((t_comp_tilde *)owner)->x_mix, v != 0);
}

static void set_interval(void *owner, t_float v)
{
    mm_meter_set_interval(&((t_comp_tilde *)owner)->x_meter, v);
}

static void do_reset(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    (void)s, (void)argc, (void)argv;
    mm_comp_reset(&((t_comp_tilde *)owner)->x_core);
}

static void do_latency(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_comp_tilde *x = owner;
    (void)s, (void)argc, (void)argv;
    mm_info_float(x->x_info, "latency", mm_comp_latency(&x->x_core));
}

static void do_curve(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_comp_tilde *x = owner;
    t_symbol *name;
    (void)s;
    if (!mm_arg_symbol(x, "comp~", "curve", argc, argv, 0, &name))
        return;
    x->x_curve = name;
    draw_curve(x);
}

static void print_curve(void *owner)
{
    t_comp_tilde *x = owner;
    post("  curve %s (%d points, input %g..%g dB)",
         x->x_curve ? x->x_curve->s_name : "(none)", CURVE_N, CURVE_LO,
         CURVE_LO + CURVE_N - 1);
}

static const char *const detector_words[] = {"peak", "rms", NULL};

static const mm_param comp_params[] = {
    {"ch", MM_INT, "", 1, MM_COMP_MAXCH, 2, MM_PF_CREATION, 0, NULL, NULL,
     NULL, NULL, "number of channels (creation only)"},
    {"sidechain", MM_BOOL, "", 0, 1, 0, MM_PF_CREATION, 0, NULL, NULL, NULL,
     NULL, "1 adds a key inlet after the channels (creation only)"},
    {"threshold", MM_FLOAT, "dB", MM_COMP_R_THRESHOLD, 0, 0, NULL,
     set_threshold, NULL, NULL, "level where compression starts"},
    {"ratio", MM_FLOAT, "", MM_COMP_R_RATIO, 0, 0, NULL, set_ratio, NULL,
     NULL, "N:1 above the threshold"},
    {"attack", MM_FLOAT, "ms", MM_COMP_R_ATTACK, 0, 0, NULL, set_attack,
     NULL, NULL, "63% time of gain going down"},
    {"release", MM_FLOAT, "ms", MM_COMP_R_RELEASE, 0, 0, NULL, set_release,
     NULL, NULL, "63% time of gain coming back"},
    {"knee", MM_FLOAT, "dB", MM_COMP_R_KNEE, 0, 0, NULL, set_knee, NULL,
     NULL, "soft knee width, 0 = hard"},
    {"makeup", MM_FLOAT, "dB", MM_COMP_R_MAKEUP, 0, 0, NULL, set_makeup,
     NULL, NULL, "gain after compression"},
    {"detector", MM_CHOICE, "", MM_COMP_R_DETECTOR, 0, 0, detector_words,
     set_detector, NULL, NULL, "peak (sine: its peak) or rms (10 ms)"},
    {"link", MM_FLOAT, "%", MM_COMP_R_LINK, 0, 0, NULL, set_link, NULL,
     NULL, "100: every channel gets the largest reduction"},
    {"schpf", MM_FLOAT, "Hz", MM_COMP_R_SCHPF, MM_PF_OFF, 0, NULL,
     set_schpf, NULL, NULL, "high-pass on the detector, 0 = off"},
    {"mix", MM_FLOAT, "%", MM_COMP_R_MIX, 0, 0, NULL, set_mix, NULL, NULL,
     "wet share: parallel compression"},
    {"bypass", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_bypass, NULL, NULL,
     "1: output = input (crossfaded)"},
    {"delta", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_delta, NULL, NULL,
     "1: output = processed - input"},
    {"interval", MM_FLOAT, "ms", 0, 60000, 50, 0, 0, NULL, set_interval,
     NULL, NULL, "gr output period, 0 = only on bang"},
    {"curve", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL, do_curve,
     print_curve, "curve <array>: static curve, follows the controls"},
    {"reset", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL, do_reset,
     NULL, "clear detectors and meters (gain releases)"},
    {"latency", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL,
     do_latency, NULL, "emit latency 0"},
};

static void comp_tilde_bang(t_comp_tilde *x)
{
    comp_tilde_emit(x);
}

static void comp_tilde_anything(t_comp_tilde *x, t_symbol *s, int argc,
                                t_atom *argv)
{
    mm_params_dispatch(&x->x_params, s, argc, argv);
}

static t_int *comp_tilde_perform(t_int *w)
{
    t_comp_tilde *x = (t_comp_tilde *)w[1];
    int n = (int)w[2];
    mm_dryio *io = &x->x_io;
    if (mm_dryio_begin(io, &x->x_mix, w + 3, n)) {
        mm_comp_process(&x->x_core, io->in, io->out,
                        io->key ? &io->key : NULL, 1, n);
        mm_dryio_end(io, &x->x_mix, n);
    }
    return w + 3 + mm_dryio_nargs(io);
}

static void comp_tilde_dsp(t_comp_tilde *x, t_signal **sp)
{
    double sr = sp[0]->s_sr;
    if (sr != x->x_core.samplerate) {
        mm_comp_set_samplerate(&x->x_core, sr);
        mm_outmix_set_samplerate(&x->x_mix, sr);
    }
    mm_dryio_dsp(&x->x_io, x, comp_tilde_perform, sp);
    mm_info_float(x->x_info, "latency", mm_comp_latency(&x->x_core));
}

static void *comp_tilde_new(t_symbol *s, int argc, t_atom *argv)
{
    t_comp_tilde *x = (t_comp_tilde *)pd_new(comp_tilde_class);
    (void)s;
    x->x_nch = mm_flag_int(x, "comp~", argc, argv, "-ch", 2, 1,
                           MM_COMP_MAXCH);
    x->x_sidechain = mm_flag_int(x, "comp~", argc, argv, "-sidechain", 0, 0,
                                 1);
    mm_dryio_init(&x->x_io, x->x_nch, x->x_sidechain);
    mm_dryio_iolets(&x->x_io, &x->x_obj);
    x->x_info = outlet_new(&x->x_obj, 0);
    mm_comp_init(&x->x_core, x->x_nch, sys_getsr() > 0 ? sys_getsr() : 48000);
    mm_outmix_init(&x->x_mix, x->x_core.samplerate);
    x->x_curve = NULL;
    mm_meter_init(&x->x_meter, x, comp_tilde_emit, 0);
    mm_params_init(&x->x_params, x, "comp~", comp_params,
                   sizeof comp_params / sizeof comp_params[0]);
    mm_params_note(&x->x_params, "ch", x->x_nch);
    mm_params_note(&x->x_params, "sidechain", x->x_sidechain);
    mm_params_apply_defaults(&x->x_params);
    mm_params_parse_flags(&x->x_params, argc, argv);
    /* creation values apply at once, no glide from the defaults */
    mm_comp_snap(&x->x_core);
    mm_outmix_snap(&x->x_mix);
    return x;
}

static void comp_tilde_free(t_comp_tilde *x)
{
    mm_meter_free(&x->x_meter);
    mm_comp_free(&x->x_core);
    mm_dryio_free(&x->x_io);
}

MM_EXPORT void comp_tilde_setup(void)
{
    comp_tilde_class = class_new(
        gensym("comp~"), (t_newmethod)(void (*)(void))comp_tilde_new,
        (t_method)comp_tilde_free, sizeof(t_comp_tilde), 0, A_GIMME, 0);
    CLASS_MAINSIGNALIN(comp_tilde_class, t_comp_tilde, x_f);
    class_addmethod(comp_tilde_class, (t_method)comp_tilde_dsp,
                    gensym("dsp"), A_CANT, 0);
    class_addbang(comp_tilde_class, comp_tilde_bang);
    class_addanything(comp_tilde_class, comp_tilde_anything);
}
