/* eq~: parametric EQ, 1..16 bands over 1..8 channels.
 * A thin wrapper: parameters via mm_pd, filtering in dsp/mm_eq (matched
 * second-order designs from dsp/mm_filterdesign). */
#include "mm_pdlegacy.h"
#include "mm_eq.h"
#include "mm_outmix.h"
#include <stdlib.h>
#include <string.h>

#define EQ_CURVE_POINTS 256

static t_class *eq_tilde_class;

typedef struct _eq_tilde {
    t_object x_obj;
    t_float x_f;
    int x_nch, x_nbands;
    mm_params x_params;
    mm_eq x_eq;
    mm_outmix x_mix;
    int x_ok;
    int x_snap;               /* creation: jump to targets at DSP start */
    double x_sr;
    t_outlet *x_info;
    t_symbol *x_curve;        /* array for the response picture */
    t_clock *x_curveclock;
    float *x_dry;             /* nch * x_blk */
    int x_blk;
    t_sample *x_in[MM_EQ_MAXCH], *x_out[MM_EQ_MAXCH];
} t_eq_tilde;

static void eq_tilde_curve_now(t_eq_tilde *x)
{
    float v[EQ_CURVE_POINTS];
    if (!x->x_curve || !x->x_ok)
        return;
    mm_eq_curve(&x->x_eq, v, EQ_CURVE_POINTS, 20.0, 20000.0);
    if (!mm_array_write(x, "eq~", x->x_curve, v, EQ_CURVE_POINTS))
        x->x_curve = NULL;
}

static void eq_tilde_changed(t_eq_tilde *x)
{
    if (x->x_curve)
        clock_delay(x->x_curveclock, 0);
}

/* band <n> <type> <freq> <gain> <q> | band <n> off ; n = 0: every band */
static void do_band(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_eq_tilde *x = owner;
    t_float n, f, g, q;
    t_symbol *type;
    (void)s;
    if (!mm_arg_float(x, "eq~", "band", argc, argv, 0, &n)
        || !mm_arg_symbol(x, "eq~", "band", argc, argv, 1, &type))
        return;
    /* range first: casting 1e30 to int is undefined behaviour */
    if (n < 0 || n > x->x_nbands || n != (int)n) {
        pd_error(x, "eq~: band %g does not exist (1..%d, 0 = every band)",
                 n, x->x_nbands);
        return;
    }
    int lo = n == 0 ? 0 : (int)n - 1, hi = n == 0 ? x->x_nbands : (int)n;
    if (!strcmp(type->s_name, "off")) {
        for (int b = lo; b < hi; b++)
            mm_eq_band_off(&x->x_eq, b);
        eq_tilde_changed(x);
        return;
    }
    int t = -1;
    for (int k = 0; mm_fd_type_names[k]; k++)
        if (!strcmp(mm_fd_type_names[k], type->s_name))
            t = k;
    if (t < 0) {
        pd_error(x, "eq~: band type '%s' is not one of bell|lowshelf|"
                 "highshelf|lowpass|highpass|notch|bandpass|allpass|off",
                 type->s_name);
        return;
    }
    if (!mm_arg_float(x, "eq~", "band", argc, argv, 2, &f)
        || !mm_arg_float(x, "eq~", "band", argc, argv, 3, &g)
        || !mm_arg_float(x, "eq~", "band", argc, argv, 4, &q))
        return;
    f = mm_clamp_warn(x, "eq~", "band frequency", f, MM_EQ_FMIN, MM_EQ_FMAX,
                      "Hz");
    g = mm_clamp_warn(x, "eq~", "band gain", g, MM_EQ_GMIN, MM_EQ_GMAX, "dB");
    double qlo, qhi;
    mm_eq_q_range(t, &qlo, &qhi);
    q = mm_clamp_warn(x, "eq~", "band q", q, (t_float)qlo, (t_float)qhi, "");
    for (int b = lo; b < hi; b++)
        mm_eq_set_band(&x->x_eq, b, (mm_fd_type)t, f, g, q);
    eq_tilde_changed(x);
}

static void print_bands(void *owner)
{
    t_eq_tilde *x = owner;
    for (int b = 0; b < x->x_nbands; b++) {
        const mm_eq_band *e = &x->x_eq.band[b];
        if (e->on)
            post("  band %d %s %g Hz %g dB q %g", b + 1,
                 mm_fd_type_names[e->type], e->freq, e->gain, e->q);
        else
            post("  band %d off", b + 1);
    }
}

static void do_curve(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    t_eq_tilde *x = owner;
    t_symbol *name;
    (void)s;
    if (!mm_arg_symbol(x, "eq~", "curve", argc, argv, 0, &name))
        return;
    x->x_curve = name;
    eq_tilde_curve_now(x);
}

static void set_bypass(void *owner, t_float v)
{
    t_eq_tilde *x = owner;
    mm_outmix_set_bypass(&x->x_mix, v != 0);
    if (x->x_snap)
        mm_outmix_snap(&x->x_mix);
}

static void set_delta(void *owner, t_float v)
{
    t_eq_tilde *x = owner;
    mm_outmix_set_delta(&x->x_mix, v != 0);
    if (x->x_snap)
        mm_outmix_snap(&x->x_mix);
}

static void do_reset(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    (void)s, (void)argc, (void)argv;
    mm_eq_reset(&((t_eq_tilde *)owner)->x_eq);
}

static void do_latency(void *owner, t_symbol *s, int argc, t_atom *argv)
{
    (void)s, (void)argc, (void)argv;
    mm_info_float(((t_eq_tilde *)owner)->x_info, "latency", 0);
}

static const mm_param eq_params[] = {
    {"ch", MM_INT, "", 1, MM_EQ_MAXCH, 2, MM_PF_CREATION, 0, NULL, NULL,
     NULL, NULL, "number of channels (creation only)"},
    {"bands", MM_INT, "", 1, MM_EQ_MAXBANDS, 4, MM_PF_CREATION, 0, NULL,
     NULL, NULL, NULL, "number of bands (creation only)"},
    {"band", MM_METHOD, "", 0, 0, 0, 0, 0, NULL, NULL, do_band, print_bands,
     "band <n> <type> <Hz 10..96000, runs <= 0.49 fs> <dB -24..24> <q 0.1..20> | band <n> off"},
    {"curve", MM_METHOD, "", 0, 0, 0, 0, 0, NULL, NULL, do_curve, NULL,
     "curve <array>: magnitude response in dB, 256 points 20 Hz..20 kHz"},
    {"bypass", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_bypass, NULL, NULL,
     "1 passes the input unchanged (crossfaded)"},
    {"delta", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_delta, NULL, NULL,
     "1 outputs processed minus input"},
    {"reset", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL, do_reset,
     NULL, "clear the filter state"},
    {"latency", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL,
     do_latency, NULL, "emit latency 0"},
};

static void eq_tilde_bang(t_eq_tilde *x)
{
    (void)x; /* nothing to meter: eq~ reports only its latency */
}

static void eq_tilde_anything(t_eq_tilde *x, t_symbol *s, int argc,
                              t_atom *argv)
{
    mm_params_dispatch(&x->x_params, s, argc, argv);
}

static t_int *eq_tilde_perform(t_int *w)
{
    t_eq_tilde *x = (t_eq_tilde *)w[1];
    int n = (int)w[2], nch = x->x_nch;
    for (int c = 0; c < nch; c++) {
        x->x_in[c] = (t_sample *)w[3 + c];
        x->x_out[c] = (t_sample *)w[3 + nch + c];
    }
    if (!x->x_ok || n > x->x_blk) {
        for (int c = 0; c < nch; c++)
            memset(x->x_out[c], 0, sizeof(t_sample) * n);
        return w + 3 + 2 * nch;
    }
    int plain = mm_outmix_is_plain(&x->x_mix);
    if (!plain)
        for (int c = 0; c < nch; c++)
            memcpy(x->x_dry + c * x->x_blk, x->x_in[c], sizeof(float) * n);
    mm_eq_process(&x->x_eq, (const float *const *)x->x_in,
                  (float *const *)x->x_out, n);
    if (!plain) {
        for (int c = 0; c < nch; c++)
            mm_outmix_apply(&x->x_mix, x->x_out[c], x->x_dry + c * x->x_blk,
                            x->x_out[c], n);
        mm_outmix_advance(&x->x_mix, n);
    }
    return w + 3 + 2 * nch;
}

static void eq_tilde_dsp(t_eq_tilde *x, t_signal **sp)
{
    double sr = sp[0]->s_sr;
    int n = sp[0]->s_n, nch = x->x_nch;
    if (n > x->x_blk) {
        float *d = realloc(x->x_dry, sizeof(float) * n * nch);
        if (d) {
            x->x_dry = d;
            x->x_blk = n;
        } else {
            pd_error(x, "eq~: out of memory");
        }
    }
    if (sr != x->x_sr) {
        x->x_sr = sr;
        mm_eq_set_samplerate(&x->x_eq, sr);
        mm_outmix_set_samplerate(&x->x_mix, sr);
        eq_tilde_changed(x);
    }
    if (x->x_snap) /* settings sent before the first DSP start snap */
        mm_eq_snap(&x->x_eq);
    x->x_snap = 0;
    t_int args[2 + 2 * MM_EQ_MAXCH];
    args[0] = (t_int)x;
    args[1] = (t_int)n;
    for (int c = 0; c < 2 * nch; c++)
        args[2 + c] = (t_int)sp[c]->s_vec;
    dsp_addv(eq_tilde_perform, 2 + 2 * nch, args);
    mm_info_float(x->x_info, "latency", 0);
}

static void *eq_tilde_new(t_symbol *s, int argc, t_atom *argv)
{
    t_eq_tilde *x = (t_eq_tilde *)pd_new(eq_tilde_class);
    (void)s;
    x->x_nch = mm_flag_int(x, "eq~", argc, argv, "-ch", 2, 1, MM_EQ_MAXCH);
    x->x_nbands = mm_flag_int(x, "eq~", argc, argv, "-bands", 4, 1,
                              MM_EQ_MAXBANDS);
    for (int c = 1; c < x->x_nch; c++)
        inlet_new(&x->x_obj, &x->x_obj.ob_pd, &s_signal, &s_signal);
    for (int c = 0; c < x->x_nch; c++)
        outlet_new(&x->x_obj, &s_signal);
    x->x_info = outlet_new(&x->x_obj, 0);
    x->x_sr = 48000.0; /* until the dsp method tells the real rate */
    x->x_ok = mm_eq_init(&x->x_eq, x->x_nch, x->x_nbands, x->x_sr) == MM_OK;
    if (!x->x_ok)
        pd_error(x, "eq~: out of memory");
    mm_outmix_init(&x->x_mix, x->x_sr);
    x->x_curveclock = clock_new(x, (t_method)eq_tilde_curve_now);
    x->x_snap = 1;
    mm_params_init(&x->x_params, x, "eq~", eq_params,
                   sizeof eq_params / sizeof eq_params[0]);
    mm_params_note(&x->x_params, "ch", x->x_nch);
    mm_params_note(&x->x_params, "bands", x->x_nbands);
    mm_params_apply_defaults(&x->x_params);
    if (x->x_ok) {
        mm_params_parse_flags(&x->x_params, argc, argv);
        mm_eq_snap(&x->x_eq);
    }
    return x;
}

static void eq_tilde_free(t_eq_tilde *x)
{
    clock_free(x->x_curveclock);
    if (x->x_ok)
        mm_eq_free(&x->x_eq);
    free(x->x_dry);
}

MM_EXPORT void eq_tilde_setup(void)
{
    eq_tilde_class = class_new(gensym("eq~"),
                               (t_newmethod)(void (*)(void))eq_tilde_new,
                               (t_method)eq_tilde_free, sizeof(t_eq_tilde),
                               0, A_GIMME, 0);
    CLASS_MAINSIGNALIN(eq_tilde_class, t_eq_tilde, x_f);
    class_addmethod(eq_tilde_class, (t_method)eq_tilde_dsp, gensym("dsp"),
                    A_CANT, 0);
    class_addbang(eq_tilde_class, eq_tilde_bang);
    class_addanything(eq_tilde_class, eq_tilde_anything);
}
