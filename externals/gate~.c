/* gate~: noise gate / expander. A thin wrapper: parameters via mm_pd,
 * the sound in dsp/mm_gate (shared with strip~), bypass and delta in
 * dsp/mm_outmix. */
#include "mm_pd.h"
#include "mm_gate.h"
#include "mm_outmix.h"
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
    float *x_dry; /* x_nch * x_n: the inputs, copied */
    int x_n;
    const float *x_in[MM_GATE_MAXCH];
    float *x_out[MM_GATE_MAXCH];
    const float *x_key;
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
     NULL, "close the gate, clear the detector"},
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
    int n = (int)w[2], nch = x->x_nch, nin = nch + x->x_sidechain;
    t_int *sig = w + 3;
    for (int c = 0; c < nch; c++) {
        float *d = x->x_dry + (size_t)c * n;
        memcpy(d, (const float *)sig[c], (size_t)n * sizeof *d);
        x->x_in[c] = d;
        x->x_out[c] = (float *)sig[nin + c];
    }
    x->x_key = x->x_sidechain ? (const float *)sig[nch] : NULL;
    if (mm_outmix_is_bypassed(&x->x_mix)) {
        for (int c = 0; c < nch; c++)
            memcpy(x->x_out[c], x->x_in[c], (size_t)n * sizeof(float));
    } else {
        mm_gate_process(&x->x_core, x->x_in, x->x_out,
                        x->x_key ? &x->x_key : NULL, 1, n);
        if (!mm_outmix_is_plain(&x->x_mix)) {
            for (int c = 0; c < nch; c++)
                mm_outmix_apply(&x->x_mix, x->x_out[c], x->x_in[c],
                                x->x_out[c], n);
            mm_outmix_advance(&x->x_mix, n);
        }
    }
    return w + 3 + nin + nch;
}

static void gate_tilde_dsp(t_gate_tilde *x, t_signal **sp)
{
    int n = sp[0]->s_n, nch = x->x_nch, nin = nch + x->x_sidechain;
    double sr = sp[0]->s_sr;
    if (sr != x->x_core.samplerate) {
        mm_gate_set_samplerate(&x->x_core, sr);
        mm_outmix_set_samplerate(&x->x_mix, sr);
    }
    if (n != x->x_n) {
        x->x_dry = resizebytes(x->x_dry,
                               sizeof(float) * (size_t)nch * x->x_n,
                               sizeof(float) * (size_t)nch * n);
        x->x_n = n;
    }
    t_int args[2 + 2 * MM_GATE_MAXCH + 1];
    args[0] = (t_int)x;
    args[1] = (t_int)n;
    for (int i = 0; i < nin + nch; i++)
        args[2 + i] = (t_int)sp[i]->s_vec;
    dsp_addv(gate_tilde_perform, 2 + nin + nch, args);
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
    for (int c = 1; c < x->x_nch + x->x_sidechain; c++)
        inlet_new(&x->x_obj, &x->x_obj.ob_pd, &s_signal, &s_signal);
    for (int c = 0; c < x->x_nch; c++)
        outlet_new(&x->x_obj, &s_signal);
    x->x_info = outlet_new(&x->x_obj, 0);
    mm_gate_init(&x->x_core, x->x_nch, sys_getsr() > 0 ? sys_getsr() : 48000);
    mm_outmix_init(&x->x_mix, x->x_core.samplerate);
    x->x_dry = NULL;
    x->x_n = 0;
    mm_meter_init(&x->x_meter, x, gate_tilde_emit, 0);
    mm_params_init(&x->x_params, x, "gate~", gate_params,
                   sizeof gate_params / sizeof gate_params[0]);
    mm_params_note(&x->x_params, "ch", x->x_nch);
    mm_params_note(&x->x_params, "sidechain", x->x_sidechain);
    mm_params_apply_defaults(&x->x_params);
    mm_params_parse_flags(&x->x_params, argc, argv);
    mm_gate_reset(&x->x_core); /* closed at the creation range */
    mm_outmix_snap(&x->x_mix);
    return x;
}

static void gate_tilde_free(t_gate_tilde *x)
{
    mm_meter_free(&x->x_meter);
    mm_gate_free(&x->x_core);
    if (x->x_dry)
        freebytes(x->x_dry, sizeof(float) * (size_t)x->x_nch * x->x_n);
}

void gate_tilde_setup(void)
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
