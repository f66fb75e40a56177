/* gate~: noise gate / expander. A thin wrapper: parameters via mm_pd,
 * the sound in dsp/mm_gate (shared with strip~), bypass and delta in
 * dsp/mm_outmix. */
#include "mm_pd.h"
#include "mm_gate.h"
#include "mm_outmix.h"
#include "mm_dryio.h"
#include <string.h>

static t_class *gate_tilde_class;

typedef struct _gate_tilde {
    t_object x_obj;
    t_float x_f;
    int x_nch;
    int x_sidechain;
    mm_params x_params;
    mm_gate x_core;
    mm_outmix x_mix;
    t_outlet *x_info;
    mm_meter x_meter;
    mm_dryio x_io;
} t_gate_tilde;

static void gate_tilde_emit(void *owner)
{
    t_gate_tilde *x = owner;
    mm_info_float(x->x_info, "gating", mm_gate_gain_db(&x->x_core));
}

static void set_threshold(void *x, t_float v)
{
    mm_gate_set(&((t_gate_tilde *)x)->x_core, MM_GATE_THRESHOLD, v);
}
static void set_range(void *x, t_float v)
{
    mm_gate_set(&((t_gate_tilde *)x)->x_core, MM_GATE_RANGE, v);
}
static void set_attack(void *x, t_float v)
{
    mm_gate_set(&((t_gate_tilde *)x)->x_core, MM_GATE_ATTACK, v);
}
static void set_hold(void *x, t_float v)
{
    mm_gate_set(&((t_gate_tilde *)x)->x_core, MM_GATE_HOLD, v);
}
static void set_release(void *x, t_float v)
{
    mm_gate_set(&((t_gate_tilde *)x)->x_core, MM_GATE_RELEASE, v);
}
static void set_hysteresis(void *x, t_float v)
{
    mm_gate_set(&((t_gate_tilde *)x)->x_core, MM_GATE_HYSTERESIS, v);
}

static void set_bypass(void *owner, t_float v)
{
    mm_outmix_set_bypass(&((t_gate_tilde *)owner)->x_mix, v != 0);
}

static void set_delta(void *owner, t_float v)
{
    mm_outmix_set_delta(&((t_gate_tilde *)owner)->x_mix, v != 0);
}

static void set_interval(void *owner, t_float v)
{
    mm_meter_set_interval(&((t_gate_tilde *)owner)->x_meter, v);
}

static void do_reset(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    (void)s, (void)argc, (void)argv;
    mm_gate_reset(&((t_gate_tilde *)owner)->x_core);
}

static void do_latency(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_gate_tilde *x = owner;
    (void)s, (void)argc, (void)argv;
    mm_info_float(x->x_info, "latency", mm_gate_latency(&x->x_core));
}

static const mm_param gate_params[] = {
    {"ch", MM_INT, "", 1, MM_GATE_MAXCH, 1, MM_PF_CREATION, 0, NULL, NULL,
     NULL, NULL, "number of channels (creation only)"},
    {"sidechain", MM_BOOL, "", 0, 1, 0, MM_PF_CREATION, 0, NULL, NULL, NULL,
     NULL, "1 adds a key inlet after the channels (creation only)"},
    {"threshold", MM_FLOAT, "dB", MM_GATE_R_THRESHOLD, 0, 0, NULL,
     set_threshold, NULL, NULL, "opens above this peak level"},
    {"range", MM_FLOAT, "dB", MM_GATE_R_RANGE, 0, 0, NULL, set_range, NULL,
     NULL, "gain when closed"},
    {"attack", MM_FLOAT, "ms", MM_GATE_R_ATTACK, 0, 0, NULL, set_attack,
     NULL, NULL, "63% time of opening"},
    {"hold", MM_FLOAT, "ms", MM_GATE_R_HOLD, 0, 0, NULL, set_hold, NULL,
     NULL, "stays open this long after the level fell"},
    {"release", MM_FLOAT, "ms", MM_GATE_R_RELEASE, 0, 0, NULL, set_release,
     NULL, NULL, "63% time of closing"},
    {"hysteresis", MM_FLOAT, "dB", MM_GATE_R_HYSTERESIS, 0, 0, NULL,
     set_hysteresis, NULL, NULL, "closes below threshold minus this"},
    {"bypass", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_bypass, NULL, NULL,
     "1: output = input (crossfaded)"},
    {"delta", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_delta, NULL, NULL,
     "1: output = processed - input"},
    {"interval", MM_FLOAT, "ms", 0, 60000, 50, 0, 0, NULL, set_interval,
     NULL, NULL, "gating output period, 0 = only on bang"},
    {"reset", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL, do_reset,
     NULL, "close the gate (by the release), clear the detector"},
    {"latency", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL,
     do_latency, NULL, "emit latency 0"},
};

static void gate_tilde_bang(t_gate_tilde *x)
{
    gate_tilde_emit(x);
}

static void gate_tilde_anything(t_gate_tilde *x, t_symbol *s, int argc,
                                t_atom *argv)
{
    mm_params_dispatch(&x->x_params, s, argc, argv);
}

static t_int *gate_tilde_perform(t_int *w)
{
    t_gate_tilde *x = (t_gate_tilde *)w[1];
    int n = (int)w[2];
    mm_dryio *io = &x->x_io;
    if (mm_dryio_begin(io, &x->x_mix, w + 3, n)) {
        mm_gate_process(&x->x_core, io->in, io->out,
                        io->key ? &io->key : NULL, 1, n);
        mm_dryio_end(io, &x->x_mix, n);
    }
    return w + 3 + mm_dryio_nargs(io);
}

static void gate_tilde_dsp(t_gate_tilde *x, t_signal **sp)
{
    double sr = sp[0]->s_sr;
    if (sr != x->x_core.samplerate) {
        mm_gate_set_samplerate(&x->x_core, sr);
        mm_outmix_set_samplerate(&x->x_mix, sr);
    }
    mm_dryio_dsp(&x->x_io, x, gate_tilde_perform, sp);
    mm_info_float(x->x_info, "latency", mm_gate_latency(&x->x_core));
}

static void *gate_tilde_new(t_symbol *s, int argc, t_atom *argv)
{
    t_gate_tilde *x = (t_gate_tilde *)pd_new(gate_tilde_class);
    (void)s;
    x->x_nch = mm_flag_int(x, "gate~", argc, argv, "-ch", 1, 1,
                           MM_GATE_MAXCH);
    x->x_sidechain = mm_flag_int(x, "gate~", argc, argv, "-sidechain", 0, 0,
                                 1);
    mm_dryio_init(&x->x_io, x->x_nch, x->x_sidechain);
    mm_dryio_iolets(&x->x_io, &x->x_obj);
    x->x_info = outlet_new(&x->x_obj, 0);
    mm_gate_init(&x->x_core, x->x_nch, sys_getsr() > 0 ? sys_getsr() : 48000);
    mm_outmix_init(&x->x_mix, x->x_core.samplerate);
    mm_meter_init(&x->x_meter, x, gate_tilde_emit, 0);
    mm_params_init(&x->x_params, x, "gate~", gate_params,
                   sizeof gate_params / sizeof gate_params[0]);
    mm_params_note(&x->x_params, "ch", x->x_nch);
    mm_params_note(&x->x_params, "sidechain", x->x_sidechain);
    mm_params_apply_defaults(&x->x_params);
    mm_params_parse_flags(&x->x_params, argc, argv);
    mm_gate_snap(&x->x_core); /* closed at the creation range */
    mm_outmix_snap(&x->x_mix);
    return x;
}

static void gate_tilde_free(t_gate_tilde *x)
{
    mm_meter_free(&x->x_meter);
    mm_gate_free(&x->x_core);
    mm_dryio_free(&x->x_io);
}

MM_EXPORT void gate_tilde_setup(void)
{
    gate_tilde_class = class_new(
        gensym("gate~"), (t_newmethod)(void (*)(void))gate_tilde_new,
        (t_method)gate_tilde_free, sizeof(t_gate_tilde), 0, A_GIMME, 0);
    CLASS_MAINSIGNALIN(gate_tilde_class, t_gate_tilde, x_f);
    class_addmethod(gate_tilde_class, (t_method)gate_tilde_dsp,
                    gensym("dsp"), A_CANT, 0);
    class_addbang(gate_tilde_class, gate_tilde_bang);
    class_addanything(gate_tilde_class, gate_tilde_anything);
}
