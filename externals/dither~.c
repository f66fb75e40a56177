/* dither~: word-length reduction with dither and noise shaping.
 * A thin wrapper: parameters via mm_pd, quantisation in dsp/mm_dither,
 * bypass/delta in dsp/mm_outmix (zero latency: the dry path is the
 * input itself). */
#include "mm_pdlegacy.h"
#include "mm_dither.h"
#include "mm_outmix.h"
#include <time.h>

#define DITHER_MAXCH 8

static t_class *dither_tilde_class;
static unsigned long dither_instances;

typedef struct _dither_tilde {
    t_object x_obj;
    t_float x_f;
    int x_nch;
    mm_params x_params;
    mm_dither x_core;
    mm_outmix x_mix;
    t_outlet *x_info;
    mm_meter x_meter;
    double x_sr;
    t_sample *x_in[DITHER_MAXCH];
    t_sample *x_out[DITHER_MAXCH];
    t_sample *x_wet[DITHER_MAXCH];
    t_sample *x_scratch; /* 2 * nch * x_n: dry copies, then wet */
    int x_n;
} t_dither_tilde;

static const char *const type_words[] = {"none", "rpdf", "tpdf", "hp", NULL};
static const char *const shape_words[] = {"off", "simple", "fweighted", NULL};

static void dither_tilde_emit(void *owner)
{
    t_dither_tilde *x = owner;
    mm_info_float(x->x_info, "clip", (double)mm_dither_clips(&x->x_core));
}

#define CORE(o) (&((t_dither_tilde *)(o))->x_core)
static void set_bits(void *o, t_float v) { mm_dither_set_bits(CORE(o), (int)v); }
static void set_type(void *o, t_float v) { mm_dither_set_type(CORE(o), (int)v); }
static void set_shape(void *o, t_float v) { mm_dither_set_shape(CORE(o), (int)v); }
static void set_seed(void *o, t_float v)
{
    mm_dither_set_seed(CORE(o), (uint64_t)(int64_t)v);
}
static void set_autoblank(void *o, t_float v) { mm_dither_set_autoblank(CORE(o), v != 0); }
static void set_bypass(void *o, t_float v)
{
    mm_outmix_set_bypass(&((t_dither_tilde *)o)->x_mix, v != 0);
}
static void set_delta(void *o, t_float v)
{
    mm_outmix_set_delta(&((t_dither_tilde *)o)->x_mix, v != 0);
}
static void set_interval(void *o, t_float v)
{
    mm_meter_set_interval(&((t_dither_tilde *)o)->x_meter, v);
}

static void do_reset(void *o, t_symbol *s, int argc, t_atom *argv)
{
    (void)s, (void)argc, (void)argv;
    mm_dither_reset(CORE(o));
}

static void do_latency(void *o, t_symbol *s, int argc, t_atom *argv)
{
    (void)s, (void)argc, (void)argv;
    mm_info_float(((t_dither_tilde *)o)->x_info, "latency", 0);
}

static const mm_param dither_params[] = {
    {"ch", MM_INT, "", 1, DITHER_MAXCH, 2, MM_PF_CREATION, 0, NULL, NULL,
     NULL, NULL, "number of channels (creation only)"},
    {"bits", MM_INT, "", MM_DITHER_BITS_MIN, MM_DITHER_BITS_MAX,
     MM_DITHER_BITS_DEF, 0, 0, NULL, set_bits, NULL, NULL,
     "output word length"},
    {"type", MM_CHOICE, "", 0, 3, MM_DITHER_TPDF, 0, 0, type_words, set_type,
     NULL, NULL, "dither: none (rounding), rpdf, tpdf, hp (high-passed tpdf)"},
    {"shape", MM_CHOICE, "", 0, 2, MM_DITHER_SHAPE_OFF, 0, 0, shape_words,
     set_shape, NULL, NULL, "noise shaping: off, simple, fweighted"},
    {"seed", MM_INT, "", -999999, 999999, 0, 0, 0, NULL, set_seed, NULL,
     NULL, "noise seed (same seed, same noise)"},
    {"autoblank", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_autoblank, NULL,
     NULL, "1: no dither after 0.5 s of digital silence"},
    {"bypass", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_bypass, NULL, NULL,
     "1 passes the input unchanged"},
    {"delta", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_delta, NULL, NULL,
     "1 outputs processed minus input (the dither and error alone)"},
    {"interval", MM_FLOAT, "ms", 0, 60000, 50, 0, 0, NULL, set_interval,
     NULL, NULL, "clip meter period, 0 = only on bang"},
    {"reset", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL, do_reset,
     NULL, "clear the error state and clip count, restart the noise"},
    {"latency", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL,
     do_latency, NULL, "emit latency 0"},
};

static void dither_tilde_bang(t_dither_tilde *x)
{
    dither_tilde_emit(x);
}

static void dither_tilde_anything(t_dither_tilde *x, t_symbol *s, int argc,
                                  t_atom *argv)
{
    mm_params_dispatch(&x->x_params, s, argc, argv);
}

static t_int *dither_tilde_perform(t_int *w)
{
    t_dither_tilde *x = (t_dither_tilde *)w[1];
    int n = (int)w[2], nch = x->x_nch;
    for (int c = 0; c < nch; c++) {
        x->x_in[c] = (t_sample *)w[3 + c];
        x->x_out[c] = (t_sample *)w[3 + nch + c];
    }
    if (n > x->x_n) {
        for (int c = 0; c < nch; c++)
            for (int i = 0; i < n; i++)
                x->x_out[c][i] = 0;
        return w + 3 + 2 * nch;
    }
    for (int c = 0; c < nch; c++) { /* sanitised dry copy */
        t_sample *dry = x->x_scratch + (size_t)c * x->x_n;
        for (int i = 0; i < n; i++) {
            t_sample v = x->x_in[c][i];
            dry[i] = mm_isfinite_f(v) ? v : 0.0f;
        }
    }
    mm_dither_process(&x->x_core, (const float *const *)x->x_in, x->x_wet, n);
    for (int c = 0; c < nch; c++)
        mm_outmix_apply(&x->x_mix, x->x_wet[c],
                        x->x_scratch + (size_t)c * x->x_n, x->x_out[c], n);
    mm_outmix_advance(&x->x_mix, n);
    return w + 3 + 2 * nch;
}

static void dither_tilde_dsp(t_dither_tilde *x, t_signal **sp)
{
    double sr = sp[0]->s_sr;
    int n = sp[0]->s_n;
    if (sr != x->x_sr) {
        mm_dither_set_samplerate(&x->x_core, sr);
        mm_outmix_set_samplerate(&x->x_mix, sr);
        x->x_sr = sr;
    }
    if (n > x->x_n) {
        t_sample *s = resizebytes(x->x_scratch,
                                  (size_t)x->x_n * 2 * x->x_nch * sizeof *s,
                                  (size_t)n * 2 * x->x_nch * sizeof *s);
        if (s) {
            x->x_scratch = s;
            x->x_n = n;
        } else {
            pd_error(x, "dither~: out of memory");
        }
    }
    for (int c = 0; c < x->x_nch; c++)
        x->x_wet[c] = x->x_scratch + (size_t)(x->x_nch + c) * x->x_n;
    t_int args[2 + 2 * DITHER_MAXCH];
    args[0] = (t_int)x;
    args[1] = (t_int)n;
    for (int c = 0; c < 2 * x->x_nch; c++)
        args[2 + c] = (t_int)sp[c]->s_vec;
    dsp_addv(dither_tilde_perform, 2 + 2 * x->x_nch, args);
    mm_info_float(x->x_info, "latency", 0);
}

static void *dither_tilde_new(t_symbol *s, int argc, t_atom *argv)
{
    t_dither_tilde *x = (t_dither_tilde *)pd_new(dither_tilde_class);
    (void)s;
    x->x_nch = mm_flag_int(x, "dither~", argc, argv, "-ch", 2, 1,
                           DITHER_MAXCH);
    for (int c = 1; c < x->x_nch; c++)
        inlet_new(&x->x_obj, &x->x_obj.ob_pd, &s_signal, &s_signal);
    for (int c = 0; c < x->x_nch; c++)
        outlet_new(&x->x_obj, &s_signal);
    x->x_info = outlet_new(&x->x_obj, 0);
    x->x_sr = sys_getsr() > 0 ? sys_getsr() : 48000.0;
    mm_dither_init(&x->x_core, x->x_nch, x->x_sr, 0);
    mm_outmix_init(&x->x_mix, x->x_sr);
    mm_meter_init(&x->x_meter, x, dither_tilde_emit, 50);
    mm_params_init(&x->x_params, x, "dither~", dither_params,
                   sizeof dither_params / sizeof dither_params[0]);
    mm_params_note(&x->x_params, "ch", x->x_nch);
    mm_params_apply_defaults(&x->x_params);
    /* every instance its own noise unless -seed says otherwise (0..99999:
     * print shows it exactly, so a render can be repeated) */
    int seed = (int)((++dither_instances * 2654435761ul
                      + (unsigned long)time(NULL)) % 100000ul);
    mm_dither_set_seed(&x->x_core, (uint64_t)seed);
    mm_params_note(&x->x_params, "seed", seed);
    mm_params_parse_flags(&x->x_params, argc, argv);
    mm_outmix_snap(&x->x_mix);
    return x;
}

static void dither_tilde_free(t_dither_tilde *x)
{
    mm_meter_free(&x->x_meter);
    mm_dither_free(&x->x_core);
    if (x->x_scratch)
        freebytes(x->x_scratch, (size_t)x->x_n * 2 * x->x_nch * sizeof(t_sample));
}

MM_EXPORT void dither_tilde_setup(void)
{
    dither_tilde_class = class_new(
        gensym("dither~"), (t_newmethod)(void (*)(void))dither_tilde_new,
        (t_method)dither_tilde_free, sizeof(t_dither_tilde), 0, A_GIMME, 0);
    CLASS_MAINSIGNALIN(dither_tilde_class, t_dither_tilde, x_f);
    class_addmethod(dither_tilde_class, (t_method)dither_tilde_dsp,
                    gensym("dsp"), A_CANT, 0);
    class_addbang(dither_tilde_class, dither_tilde_bang);
    class_addanything(dither_tilde_class, dither_tilde_anything);
}
