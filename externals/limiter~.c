/* limiter~: lookahead true-peak brickwall limiter.
 * A thin wrapper: parameters via mm_pd, limiting in dsp/mm_peaklimiter,
 * bypass/delta in dsp/mm_outmix with a latency-compensated dry path. */
#include "mm_pdlegacy.h"
#include "mm_peaklimiter.h"
#include "mm_outmix.h"
#include "mm_delay.h"

static t_class *limiter_tilde_class;

typedef struct _limiter_tilde {
    t_object x_obj;
    t_float x_f;
    int x_nch;
    int x_ok;
    mm_params x_params;
    mm_peaklimiter x_core;
    mm_outmix x_mix;
    mm_delay x_dry[MM_PEAKLIMITER_MAXCH];
    t_outlet *x_info;
    mm_meter x_meter;
    double x_sr;
    t_sample *x_in[MM_PEAKLIMITER_MAXCH];
    t_sample *x_out[MM_PEAKLIMITER_MAXCH];
    t_sample *x_wet[MM_PEAKLIMITER_MAXCH]; /* scratch, x_n samples each */
    t_sample *x_scratch;
    int x_n;
} t_limiter_tilde;

static void limiter_tilde_emit(void *owner)
{
    t_limiter_tilde *x = owner;
    if (x->x_ok)
        mm_info_float(x->x_info, "gr", mm_peaklimiter_take_gr(&x->x_core));
}

static void emit_latency(t_limiter_tilde *x)
{
    mm_info_float(x->x_info, "latency",
                  x->x_ok ? mm_peaklimiter_latency(&x->x_core) : 0);
}

static void sync_dry(t_limiter_tilde *x)
{
    int d = mm_peaklimiter_latency(&x->x_core);
    for (int c = 0; c < x->x_nch; c++)
        mm_delay_set(&x->x_dry[c], d);
}

#define CORE(o) (&((t_limiter_tilde *)(o))->x_core)
static void set_ceiling(void *o, t_float v) { mm_peaklimiter_set_ceiling_db(CORE(o), v); }
static void set_input(void *o, t_float v) { mm_peaklimiter_set_input_db(CORE(o), v); }
static void set_release(void *o, t_float v) { mm_peaklimiter_set_release_ms(CORE(o), v); }
static void set_link(void *o, t_float v) { mm_peaklimiter_set_link(CORE(o), v); }
static void set_truepeak(void *o, t_float v) { mm_peaklimiter_set_truepeak(CORE(o), v != 0); }
static void set_lookahead(void *o, t_float v)
{
    t_limiter_tilde *x = o;
    int before = mm_peaklimiter_latency(&x->x_core);
    mm_peaklimiter_set_lookahead_ms(&x->x_core, v);
    sync_dry(x);
    if (mm_peaklimiter_latency(&x->x_core) != before && x->x_info)
        emit_latency(x);
}
static void set_bypass(void *o, t_float v)
{
    mm_outmix_set_bypass(&((t_limiter_tilde *)o)->x_mix, v != 0);
}
static void set_delta(void *o, t_float v)
{
    mm_outmix_set_delta(&((t_limiter_tilde *)o)->x_mix, v != 0);
}
static void set_interval(void *o, t_float v)
{
    mm_meter_set_interval(&((t_limiter_tilde *)o)->x_meter, v);
}

static void do_reset(void *o, t_symbol *s, int argc, t_atom *argv)
{
    t_limiter_tilde *x = o;
    (void)s, (void)argc, (void)argv;
    mm_peaklimiter_reset(&x->x_core);
    for (int c = 0; c < x->x_nch; c++)
        mm_delay_reset(&x->x_dry[c]);
}

static void do_latency(void *o, t_symbol *s, int argc, t_atom *argv)
{
    (void)s, (void)argc, (void)argv;
    emit_latency(o);
}

static const mm_param limiter_params[] = {
    {"ch", MM_INT, "", 1, MM_PEAKLIMITER_MAXCH, 2, MM_PF_CREATION, 0, NULL,
     NULL, NULL, NULL, "number of channels (creation only)"},
    {"ceiling", MM_FLOAT, "dBTP", MM_PEAKLIMITER_CEILING_MIN,
     MM_PEAKLIMITER_CEILING_MAX, MM_PEAKLIMITER_CEILING_DEF, 0, 0, NULL,
     set_ceiling, NULL, NULL, "output true-peak ceiling"},
    {"input", MM_FLOAT, "dB", MM_PEAKLIMITER_INPUT_MIN,
     MM_PEAKLIMITER_INPUT_MAX, MM_PEAKLIMITER_INPUT_DEF, 0, 0, NULL,
     set_input, NULL, NULL, "drive before limiting"},
    {"release", MM_FLOAT, "ms", MM_PEAKLIMITER_RELEASE_MIN,
     MM_PEAKLIMITER_RELEASE_MAX, MM_PEAKLIMITER_RELEASE_DEF, 0, 0, NULL,
     set_release, NULL, NULL, "release time (63%)"},
    {"lookahead", MM_FLOAT, "ms", MM_PEAKLIMITER_LOOKAHEAD_MIN,
     MM_PEAKLIMITER_LOOKAHEAD_MAX, MM_PEAKLIMITER_LOOKAHEAD_DEF, 0, 0, NULL,
     set_lookahead, NULL, NULL, "lookahead = latency"},
    {"link", MM_FLOAT, "%", MM_PEAKLIMITER_LINK_MIN, MM_PEAKLIMITER_LINK_MAX,
     MM_PEAKLIMITER_LINK_DEF, 0, 0, NULL, set_link, NULL, NULL,
     "stereo link of the gain reduction"},
    {"truepeak", MM_BOOL, "", 0, 1, 1, 0, 0, NULL, set_truepeak, NULL, NULL,
     "1 limits true peaks, 0 sample peaks"},
    {"bypass", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_bypass, NULL, NULL,
     "1 passes the input (delayed by the latency)"},
    {"delta", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_delta, NULL, NULL,
     "1 outputs processed minus input"},
    {"interval", MM_FLOAT, "ms", 0, 60000, 50, 0, 0, NULL, set_interval,
     NULL, NULL, "gr meter period, 0 = only on bang"},
    {"reset", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL, do_reset,
     NULL, "clear the envelope, delay lines and meter"},
    {"latency", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL,
     do_latency, NULL, "emit latency <samples>"},
};

static void limiter_tilde_bang(t_limiter_tilde *x)
{
    limiter_tilde_emit(x);
}

static void limiter_tilde_anything(t_limiter_tilde *x, t_symbol *s, int argc,
                                   t_atom *argv)
{
    mm_params_dispatch(&x->x_params, s, argc, argv);
}

static t_int *limiter_tilde_perform(t_int *w)
{
    t_limiter_tilde *x = (t_limiter_tilde *)w[1];
    int n = (int)w[2], nch = x->x_nch;
    for (int c = 0; c < nch; c++) {
        x->x_in[c] = (t_sample *)w[3 + c];
        x->x_out[c] = (t_sample *)w[3 + nch + c];
    }
    if (!x->x_ok || n > x->x_n) {
        for (int c = 0; c < nch; c++)
            for (int i = 0; i < n; i++)
                x->x_out[c][i] = 0;
        return w + 3 + 2 * nch;
    }
    /* dry path first: it reads the inputs, which may share the outputs'
     * memory; it sanitises so a NaN cannot sit in the dry delay */
    for (int c = 0; c < nch; c++) {
        t_sample *dry = x->x_scratch + (size_t)c * x->x_n;
        const t_sample *in = x->x_in[c];
        for (int i = 0; i < n; i++) {
            t_sample v = in[i];
            dry[i] = mm_isfinite_f(v) ? v : 0.0f;
        }
        mm_delay_process(&x->x_dry[c], dry, dry, n);
    }
    mm_peaklimiter_process(&x->x_core, (const float *const *)x->x_in,
                           x->x_wet, n);
    for (int c = 0; c < nch; c++)
        mm_outmix_apply(&x->x_mix, x->x_wet[c],
                        x->x_scratch + (size_t)c * x->x_n, x->x_out[c], n);
    mm_outmix_advance(&x->x_mix, n);
    return w + 3 + 2 * nch;
}

static void limiter_tilde_dsp(t_limiter_tilde *x, t_signal **sp)
{
    double sr = sp[0]->s_sr;
    int n = sp[0]->s_n;
    if (x->x_ok && sr != x->x_sr) {
        if (mm_peaklimiter_set_samplerate(&x->x_core, sr) != MM_OK) {
            pd_error(x, "limiter~: out of memory at %g Hz", sr);
            x->x_ok = 0;
        }
        int maxd = x->x_core.maxdelay;
        for (int c = 0; c < x->x_nch && x->x_ok; c++)
            if (mm_delay_init(&x->x_dry[c], maxd) != MM_OK)
                x->x_ok = 0;
        mm_outmix_set_samplerate(&x->x_mix, sr);
        x->x_sr = sr;
        sync_dry(x);
    }
    if (n > x->x_n) {
        t_sample *s = resizebytes(x->x_scratch,
                                  (size_t)x->x_n * 2 * x->x_nch * sizeof *s,
                                  (size_t)n * 2 * x->x_nch * sizeof *s);
        if (s) {
            x->x_scratch = s;
            x->x_n = n;
        } else {
            pd_error(x, "limiter~: out of memory");
        }
    }
    for (int c = 0; c < x->x_nch; c++)
        x->x_wet[c] = x->x_scratch + (size_t)(x->x_nch + c) * x->x_n;
    t_int args[2 + 2 * MM_PEAKLIMITER_MAXCH];
    args[0] = (t_int)x;
    args[1] = (t_int)n;
    for (int c = 0; c < 2 * x->x_nch; c++)
        args[2 + c] = (t_int)sp[c]->s_vec;
    dsp_addv(limiter_tilde_perform, 2 + 2 * x->x_nch, args);
    emit_latency(x);
}

static void *limiter_tilde_new(t_symbol *s, int argc, t_atom *argv)
{
    t_limiter_tilde *x = (t_limiter_tilde *)pd_new(limiter_tilde_class);
    (void)s;
    x->x_nch = mm_flag_int(x, "limiter~", argc, argv, "-ch", 2, 1,
                           MM_PEAKLIMITER_MAXCH);
    for (int c = 1; c < x->x_nch; c++)
        inlet_new(&x->x_obj, &x->x_obj.ob_pd, &s_signal, &s_signal);
    for (int c = 0; c < x->x_nch; c++)
        outlet_new(&x->x_obj, &s_signal);
    x->x_info = outlet_new(&x->x_obj, 0);
    x->x_sr = sys_getsr() > 0 ? sys_getsr() : 48000.0;
    x->x_ok = mm_peaklimiter_init(&x->x_core, x->x_nch, x->x_sr) == MM_OK;
    for (int c = 0; c < x->x_nch && x->x_ok; c++)
        if (mm_delay_init(&x->x_dry[c], x->x_core.maxdelay) != MM_OK)
            x->x_ok = 0;
    if (!x->x_ok)
        pd_error(x, "limiter~: out of memory");
    mm_outmix_init(&x->x_mix, x->x_sr);
    mm_meter_init(&x->x_meter, x, limiter_tilde_emit, 50);
    mm_params_init(&x->x_params, x, "limiter~", limiter_params,
                   sizeof limiter_params / sizeof limiter_params[0]);
    mm_params_note(&x->x_params, "ch", x->x_nch);
    if (x->x_ok) {
        mm_params_apply_defaults(&x->x_params);
        mm_params_parse_flags(&x->x_params, argc, argv);
        mm_peaklimiter_snap(&x->x_core);
        mm_outmix_snap(&x->x_mix);
        sync_dry(x);
    }
    return x;
}

static void limiter_tilde_free(t_limiter_tilde *x)
{
    mm_meter_free(&x->x_meter);
    if (x->x_ok)
        mm_peaklimiter_free(&x->x_core);
    for (int c = 0; c < x->x_nch; c++)
        mm_delay_free(&x->x_dry[c]);
    if (x->x_scratch)
        freebytes(x->x_scratch, (size_t)x->x_n * 2 * x->x_nch * sizeof(t_sample));
}

MM_EXPORT void limiter_tilde_setup(void)
{
    limiter_tilde_class = class_new(
        gensym("limiter~"), (t_newmethod)(void (*)(void))limiter_tilde_new,
        (t_method)limiter_tilde_free, sizeof(t_limiter_tilde), 0, A_GIMME, 0);
    CLASS_MAINSIGNALIN(limiter_tilde_class, t_limiter_tilde, x_f);
    class_addmethod(limiter_tilde_class, (t_method)limiter_tilde_dsp,
                    gensym("dsp"), A_CANT, 0);
    class_addbang(limiter_tilde_class, limiter_tilde_bang);
    class_addanything(limiter_tilde_class, limiter_tilde_anything);
}
