/* loudness~: EBU R128 / ITU-R BS.1770-4 loudness meter.
 * A thin wrapper: parameters via mm_pd, measurement in dsp/mm_loudness. */
#include "mm_pdlegacy.h"
#include "mm_loudness.h"
#include <string.h>

static t_class *loudness_tilde_class;

typedef struct _loudness_tilde {
    t_object x_obj;
    t_float x_f;
    int x_nch;
    mm_params x_params;
    mm_loudness x_core;
    int x_ok;                 /* core initialised */
    t_outlet *x_info;
    mm_meter x_meter;
    t_float x_target;
    const float *x_in[MM_LOUDNESS_MAXCH];
} t_loudness_tilde;

static const char *const role_words[] = {
    "unused", "left", "right", "center", "leftsurround", "rightsurround",
    "dualmono", NULL};

static void loudness_tilde_emit(void *owner)
{
    t_loudness_tilde *x = owner;
    mm_loudness_readings r;
    if (!x->x_ok)
        return;
    mm_loudness_read(&x->x_core, &r);
    int have_i = r.integrated > MM_FLOOR_DB;
    mm_info_float(x->x_info, "momentary", r.momentary);
    mm_info_float(x->x_info, "shortterm", r.shortterm);
    mm_info_float(x->x_info, "integrated", r.integrated);
    mm_info_float(x->x_info, "lra", r.lra);
    mm_info_float(x->x_info, "samplepeak", r.samplepeak);
    mm_info_float(x->x_info, "truepeak", r.truepeak);
    mm_info_float(x->x_info, "plr",
                  have_i && r.truepeak > MM_FLOOR_DB
                      ? r.truepeak - r.integrated : MM_FLOOR_DB);
    mm_info_float(x->x_info, "gain",
                  have_i ? x->x_target - r.integrated : MM_FLOOR_DB);
}

static void set_interval(void *owner, t_float v)
{
    t_loudness_tilde *x = owner;
    mm_meter_set_interval(&x->x_meter, v);
}

static void set_target(void *owner, t_float v)
{
    ((t_loudness_tilde *)owner)->x_target = v;
}

static void set_pause(void *owner, t_float v)
{
    t_loudness_tilde *x = owner;
    mm_loudness_set_paused(&x->x_core, v != 0);
}

static void do_reset(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_loudness_tilde *x = owner;
    (void)s, (void)argc, (void)argv;
    if (x->x_ok && mm_loudness_reset(&x->x_core) != MM_OK)
        pd_error(x, "loudness~: out of memory while resetting");
}

static void do_latency(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_loudness_tilde *x = owner;
    (void)s, (void)argc, (void)argv;
    mm_info_float(x->x_info, "latency", 0);
}

static void do_channel(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_loudness_tilde *x = owner;
    t_float ch;
    t_symbol *role;
    (void)s;
    if (!mm_arg_float(x, "loudness~", "channel", argc, argv, 0, &ch)
        || !mm_arg_symbol(x, "loudness~", "channel", argc, argv, 1, &role))
        return;
    /* range first: casting 1e30 to int is undefined behaviour */
    if (!(ch >= 1 && ch <= x->x_nch) || ch != (t_float)(int)ch) {
        pd_error(x, "loudness~: channel %g does not exist (1..%d)", ch,
                 x->x_nch);
        return;
    }
    int c = (int)ch;
    for (int k = 0; role_words[k]; k++) {
        if (!strcmp(role_words[k], role->s_name)) {
            mm_loudness_set_role(&x->x_core, c - 1, (mm_loudness_role)k);
            return;
        }
    }
    pd_error(x, "loudness~: channel role '%s' is not one of left|right|"
             "center|leftsurround|rightsurround|dualmono|unused",
             role->s_name);
}

static void print_channels(void *owner)
{
    t_loudness_tilde *x = owner;
    for (int c = 0; c < x->x_nch; c++)
        post("  channel %d %s", c + 1, role_words[x->x_core.role[c]]);
}

static const mm_param loudness_params[] = {
    {"ch", MM_INT, "", 1, MM_LOUDNESS_MAXCH, 2, MM_PF_CREATION, 0, NULL,
     NULL, NULL, NULL, "number of channels (creation only)"},
    {"interval", MM_FLOAT, "ms", 0, 60000, 100, 0, 0, NULL, set_interval,
     NULL, NULL, "meter output period, 0 = only on bang"},
    {"target", MM_FLOAT, "LUFS", -70, 0, -14, 0, 0, NULL, set_target, NULL,
     NULL, "loudness target for the gain output"},
    {"pause", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_pause, NULL, NULL,
     "1 pauses the integrated and LRA measurement"},
    {"channel", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL,
     do_channel, print_channels, "channel <n> <role>"},
    {"reset", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL, do_reset,
     NULL, "start every measurement anew"},
    {"latency", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL,
     do_latency, NULL, "emit latency 0"},
};

static void loudness_tilde_bang(t_loudness_tilde *x)
{
    loudness_tilde_emit(x);
}

static void loudness_tilde_anything(t_loudness_tilde *x, t_symbol *s,
                                    int argc, t_atom *argv)
{
    mm_params_dispatch(&x->x_params, s, argc, argv);
}

static t_int *loudness_tilde_perform(t_int *w)
{
    t_loudness_tilde *x = (t_loudness_tilde *)w[1];
    int n = (int)w[2];
    for (int c = 0; c < x->x_nch; c++)
        x->x_in[c] = (const float *)w[3 + c];
    if (x->x_ok)
        mm_loudness_process(&x->x_core, x->x_in, n);
    return w + 3 + x->x_nch;
}

static void loudness_tilde_dsp(t_loudness_tilde *x, t_signal **sp)
{
    double sr = sp[0]->s_sr;
    if (!x->x_ok) {
        x->x_ok = mm_loudness_init(&x->x_core, x->x_nch, sr) == MM_OK;
        if (!x->x_ok)
            pd_error(x, "loudness~: cannot start at %g Hz (out of memory?)",
                     sr);
    } else if (mm_loudness_set_samplerate(&x->x_core, sr) != MM_OK) {
        pd_error(x, "loudness~: out of memory at %g Hz", sr);
        x->x_ok = 0;
    }
    t_int args[3 + MM_LOUDNESS_MAXCH];
    args[0] = (t_int)x;
    args[1] = (t_int)sp[0]->s_n;
    for (int c = 0; c < x->x_nch; c++)
        args[2 + c] = (t_int)sp[c]->s_vec;
    dsp_addv(loudness_tilde_perform, 2 + x->x_nch, args);
    mm_info_float(x->x_info, "latency", 0);
}

static void *loudness_tilde_new(t_symbol *s, int argc, t_atom *argv)
{
    t_loudness_tilde *x = (t_loudness_tilde *)pd_new(loudness_tilde_class);
    (void)s;
    x->x_nch = mm_flag_int(x, "loudness~", argc, argv, "-ch", 2, 1,
                           MM_LOUDNESS_MAXCH);
    for (int c = 1; c < x->x_nch; c++)
        inlet_new(&x->x_obj, &x->x_obj.ob_pd, &s_signal, &s_signal);
    x->x_info = outlet_new(&x->x_obj, 0);
    /* 48 kHz until the dsp method tells the real rate; roles and pause set
     * by flags must land in an existing core */
    x->x_ok = mm_loudness_init(&x->x_core, x->x_nch, 48000.0) == MM_OK;
    if (!x->x_ok)
        pd_error(x, "loudness~: out of memory");
    mm_meter_init(&x->x_meter, x, loudness_tilde_emit, 0);
    mm_params_init(&x->x_params, x, "loudness~", loudness_params,
                   sizeof loudness_params / sizeof loudness_params[0]);
    mm_params_note(&x->x_params, "ch", x->x_nch);
    mm_params_apply_defaults(&x->x_params);
    mm_params_parse_flags(&x->x_params, argc, argv);
    return x;
}

static void loudness_tilde_free(t_loudness_tilde *x)
{
    mm_meter_free(&x->x_meter);
    if (x->x_ok)
        mm_loudness_free(&x->x_core);
}

MM_EXPORT void loudness_tilde_setup(void)
{
    loudness_tilde_class = class_new(
        gensym("loudness~"), (t_newmethod)(void (*)(void))loudness_tilde_new,
        (t_method)loudness_tilde_free, sizeof(t_loudness_tilde), 0, A_GIMME,
        0);
    CLASS_MAINSIGNALIN(loudness_tilde_class, t_loudness_tilde, x_f);
    class_addmethod(loudness_tilde_class, (t_method)loudness_tilde_dsp,
                    gensym("dsp"), A_CANT, 0);
    class_addbang(loudness_tilde_class, loudness_tilde_bang);
    class_addanything(loudness_tilde_class, loudness_tilde_anything);
}
