/* strip~: a console channel strip (trim, phase, filters, gate, EQ,
 * compressor, pan, fader, mute). A thin wrapper over dsp/mm_strip, which
 * is built on the shared mm_eq, mm_gate, mm_comp and mm_pan cores. */
#include "mm_pdlegacy.h"
#include "mm_strip.h"
#include "mm_outmix.h"
#include <stdlib.h>
#include <string.h>

#define EQ_CURVE_POINTS 256
#define COMP_CURVE_LO (-90.0)
#define COMP_CURVE_N 91

static t_class *strip_tilde_class;

typedef struct _strip_tilde {
    t_object x_obj;
    t_float x_f;
    int x_nin, x_sidechain;
    mm_params x_params;
    mm_strip x_core;
    mm_outmix x_mix;
    int x_ok, x_snap;
    double x_sr;
    t_outlet *x_info;
    mm_meter x_meter;
    t_symbol *x_curve, *x_compcurve;
    t_clock *x_curveclock;
    float *x_dry;             /* nin * x_blk */
    int x_blk;
} t_strip_tilde;

#define X(o) ((t_strip_tilde *)(o))

static void strip_tilde_emit(void *owner)
{
    t_strip_tilde *x = owner;
    double lr[2];
    if (!x->x_ok)
        return;
    mm_info_float(x->x_info, "inpeak", mm_strip_take_inpeak(&x->x_core));
    mm_strip_take_outpeak(&x->x_core, &lr[0], &lr[1]);
    mm_info_list(x->x_info, "outpeak", 2, lr);
    mm_info_float(x->x_info, "gr", mm_strip_take_gr(&x->x_core));
    mm_info_float(x->x_info, "gating", mm_strip_gating(&x->x_core));
}

static void strip_tilde_curves_now(t_strip_tilde *x)
{
    float v[EQ_CURVE_POINTS];
    if (!x->x_ok)
        return;
    if (x->x_curve) {
        mm_strip_eq_curve(&x->x_core, v, EQ_CURVE_POINTS, 20.0, 20000.0);
        if (!mm_array_write(x, "strip~", x->x_curve, v, EQ_CURVE_POINTS))
            x->x_curve = NULL;
    }
    if (x->x_compcurve) {
        mm_strip_comp_curve(&x->x_core, v, COMP_CURVE_N, COMP_CURVE_LO,
                            COMP_CURVE_LO + COMP_CURVE_N - 1);
        if (!mm_array_write(x, "strip~", x->x_compcurve, v, COMP_CURVE_N))
            x->x_compcurve = NULL;
    }
}

/* ---- setters ---------------------------------------------------------- */

static void set_trim(void *o, t_float v) { mm_strip_set_trim(&X(o)->x_core, v); }
static void set_phase(void *o, t_float v) { mm_strip_set_phase(&X(o)->x_core, v != 0); }
static void set_hpf(void *o, t_float v) { mm_strip_set_hpf(&X(o)->x_core, v); }
static void set_lpf(void *o, t_float v) { mm_strip_set_lpf(&X(o)->x_core, v); }
static void set_hpfslope(void *o, t_float v)
{
    if (v != 12 && v != 24)
        pd_error(o, "strip~: hpfslope is 12 or 24 (dB/oct); using %d",
                 v > 18 ? 24 : 12);
    mm_strip_set_hpfslope(&X(o)->x_core, v > 18 ? 24 : 12);
}
static void set_gate(void *o, t_float v) { mm_strip_set_gate(&X(o)->x_core, v); }
static void set_gaterange(void *o, t_float v) { mm_strip_set_gate_param(&X(o)->x_core, MM_GATE_RANGE, v); }
static void set_gateattack(void *o, t_float v) { mm_strip_set_gate_param(&X(o)->x_core, MM_GATE_ATTACK, v); }
static void set_gatehold(void *o, t_float v) { mm_strip_set_gate_param(&X(o)->x_core, MM_GATE_HOLD, v); }
static void set_gaterelease(void *o, t_float v) { mm_strip_set_gate_param(&X(o)->x_core, MM_GATE_RELEASE, v); }
static void set_eq(void *o, t_float v) { mm_strip_set_eq(&X(o)->x_core, v != 0); }
static void set_threshold(void *o, t_float v) { mm_strip_set_comp_param(&X(o)->x_core, MM_COMP_THRESHOLD, v); }
static void set_ratio(void *o, t_float v) { mm_strip_set_comp_param(&X(o)->x_core, MM_COMP_RATIO, v); }
static void set_attack(void *o, t_float v) { mm_strip_set_comp_param(&X(o)->x_core, MM_COMP_ATTACK, v); }
static void set_release(void *o, t_float v) { mm_strip_set_comp_param(&X(o)->x_core, MM_COMP_RELEASE, v); }
static void set_knee(void *o, t_float v) { mm_strip_set_comp_param(&X(o)->x_core, MM_COMP_KNEE, v); }
static void set_makeup(void *o, t_float v) { mm_strip_set_comp_param(&X(o)->x_core, MM_COMP_MAKEUP, v); }
static void set_schpf(void *o, t_float v) { mm_strip_set_comp_param(&X(o)->x_core, MM_COMP_SCHPF, v); }
static void set_comp(void *o, t_float v) { mm_strip_set_comp(&X(o)->x_core, v != 0); }
static void set_order(void *o, t_float v) { mm_strip_set_order(&X(o)->x_core, (int)v); }
static void set_pan(void *o, t_float v) { mm_strip_set_pan(&X(o)->x_core, v); }
static void set_panlaw(void *o, t_float v) { mm_strip_set_panlaw(&X(o)->x_core, v); }
static void set_fader(void *o, t_float v) { mm_strip_set_fader(&X(o)->x_core, v); }
static void set_mute(void *o, t_float v) { mm_strip_set_mute(&X(o)->x_core, v != 0); }
static void set_interval(void *o, t_float v) { mm_meter_set_interval(&X(o)->x_meter, v); }

static void set_bypass(void *o, t_float v)
{
    mm_outmix_set_bypass(&X(o)->x_mix, v != 0);
    if (X(o)->x_snap)
        mm_outmix_snap(&X(o)->x_mix);
}

static void set_delta(void *o, t_float v)
{
    mm_outmix_set_delta(&X(o)->x_mix, v != 0);
    if (X(o)->x_snap)
        mm_outmix_snap(&X(o)->x_mix);
}

/* low <Hz> <dB> | lowmid <Hz> <dB> <q> | highmid ... | high <Hz> <dB> */
static void eq_band(t_strip_tilde *x, int b, const char *name, int argc,
                    t_atom *argv, int has_q)
{
    t_float f, g, q = 0;
    char what[32];
    if (!mm_arg_float(x, "strip~", name, argc, argv, 0, &f)
        || !mm_arg_float(x, "strip~", name, argc, argv, 1, &g)
        || (has_q && !mm_arg_float(x, "strip~", name, argc, argv, 2, &q)))
        return;
    snprintf(what, sizeof what, "%s frequency", name);
    f = mm_clamp_warn(x, "strip~", what, f, 20, 20000, "Hz");
    snprintf(what, sizeof what, "%s gain", name);
    g = mm_clamp_warn(x, "strip~", what, g, -24, 24, "dB");
    if (has_q) {
        snprintf(what, sizeof what, "%s q", name);
        q = mm_clamp_warn(x, "strip~", what, q, 0.1, 10, "");
    }
    mm_strip_set_band(&x->x_core, b, f, g, q);
}

static void do_low(void *o, t_symbol *s, int argc, t_atom *argv)
{ (void)s; eq_band(X(o), MM_STRIP_LOW, "low", argc, argv, 0); }
static void do_lowmid(void *o, t_symbol *s, int argc, t_atom *argv)
{ (void)s; eq_band(X(o), MM_STRIP_LOWMID, "lowmid", argc, argv, 1); }
static void do_highmid(void *o, t_symbol *s, int argc, t_atom *argv)
{ (void)s; eq_band(X(o), MM_STRIP_HIGHMID, "highmid", argc, argv, 1); }
static void do_high(void *o, t_symbol *s, int argc, t_atom *argv)
{ (void)s; eq_band(X(o), MM_STRIP_HIGH, "high", argc, argv, 0); }

static void print_band(t_strip_tilde *x, int b, const char *name)
{
    const mm_strip_eqband *e = &x->x_core.band[b];
    if (b == MM_STRIP_LOW || b == MM_STRIP_HIGH)
        post("  %s %g Hz %g dB", name, e->freq, e->gain);
    else
        post("  %s %g Hz %g dB q %g", name, e->freq, e->gain, e->q);
}
static void print_low(void *o) { print_band(X(o), MM_STRIP_LOW, "low"); }
static void print_lowmid(void *o) { print_band(X(o), MM_STRIP_LOWMID, "lowmid"); }
static void print_highmid(void *o) { print_band(X(o), MM_STRIP_HIGHMID, "highmid"); }
static void print_high(void *o) { print_band(X(o), MM_STRIP_HIGH, "high"); }

static void do_curve(void *o, t_symbol *s, int argc, t_atom *argv)
{
    t_symbol *name;
    (void)s;
    if (mm_arg_symbol(o, "strip~", "curve", argc, argv, 0, &name)) {
        X(o)->x_curve = name;
        strip_tilde_curves_now(X(o));
    }
}

static void do_compcurve(void *o, t_symbol *s, int argc, t_atom *argv)
{
    t_symbol *name;
    (void)s;
    if (mm_arg_symbol(o, "strip~", "compcurve", argc, argv, 0, &name)) {
        X(o)->x_compcurve = name;
        strip_tilde_curves_now(X(o));
    }
}

static void do_reset(void *o, t_symbol *s, int argc, t_atom *argv)
{
    (void)s, (void)argc, (void)argv;
    mm_strip_reset(&X(o)->x_core);
}

static void do_latency(void *o, t_symbol *s, int argc, t_atom *argv)
{
    (void)s, (void)argc, (void)argv;
    mm_info_float(X(o)->x_info, "latency", 0);
}

static const char *const order_words[] = {"eq-comp", "comp-eq", NULL};

static const mm_param strip_params[] = {
    {"ch", MM_INT, "", 1, 2, 1, MM_PF_CREATION, 0, NULL, NULL, NULL, NULL,
     "1 = mono in (pan law), 2 = stereo in (balance); creation only"},
    {"sidechain", MM_BOOL, "", 0, 1, 0, MM_PF_CREATION, 0, NULL, NULL, NULL,
     NULL, "1 adds a key inlet for the compressor (creation only)"},
    {"trim", MM_FLOAT, "dB", -24, 24, 0, 0, 0, NULL, set_trim, NULL, NULL,
     "input gain"},
    {"phase", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_phase, NULL, NULL,
     "1 inverts the polarity"},
    {"hpf", MM_FLOAT, "Hz", 10, 2000, 0, MM_PF_OFF, 0, NULL, set_hpf, NULL,
     NULL, "high-pass corner, 0 = off (Butterworth)"},
    {"hpfslope", MM_INT, "dB/oct", 12, 24, 12, 0, 0, NULL, set_hpfslope,
     NULL, NULL, "12 or 24"},
    {"lpf", MM_FLOAT, "Hz", 1000, 22000, 0, MM_PF_OFF, 0, NULL, set_lpf,
     NULL, NULL, "low-pass corner, 0 = off (12 dB/oct Butterworth)"},
    {"gate", MM_FLOAT, "dB", -100, 0, -100, 0, 0, NULL, set_gate, NULL, NULL,
     "gate threshold, -100 = off"},
    {"gaterange", MM_FLOAT, "dB", MM_GATE_R_RANGE, 0, 0, NULL, set_gaterange,
     NULL, NULL, "gain when the gate is closed"},
    {"gateattack", MM_FLOAT, "ms", MM_GATE_R_ATTACK, 0, 0, NULL,
     set_gateattack, NULL, NULL, "63% time of opening"},
    {"gatehold", MM_FLOAT, "ms", MM_GATE_R_HOLD, 0, 0, NULL, set_gatehold,
     NULL, NULL, "stays open this long after the level fell"},
    {"gaterelease", MM_FLOAT, "ms", MM_GATE_R_RELEASE, 0, 0, NULL,
     set_gaterelease, NULL, NULL, "63% time of closing"},
    {"low", MM_METHOD, "", 0, 0, 0, 0, 0, NULL, NULL, do_low, print_low,
     "low <Hz 20..20000> <dB -24..24>: low shelf [100 Hz 0 dB]"},
    {"lowmid", MM_METHOD, "", 0, 0, 0, 0, 0, NULL, NULL, do_lowmid,
     print_lowmid, "lowmid <Hz> <dB> <q 0.1..10>: bell [400 Hz 0 dB q 1]"},
    {"highmid", MM_METHOD, "", 0, 0, 0, 0, 0, NULL, NULL, do_highmid,
     print_highmid, "highmid <Hz> <dB> <q>: bell [2500 Hz 0 dB q 1]"},
    {"high", MM_METHOD, "", 0, 0, 0, 0, 0, NULL, NULL, do_high, print_high,
     "high <Hz> <dB>: high shelf [8000 Hz 0 dB]"},
    {"eq", MM_BOOL, "", 0, 1, 1, 0, 0, NULL, set_eq, NULL, NULL,
     "0 switches the EQ out (crossfaded)"},
    {"threshold", MM_FLOAT, "dB", -80, 0, 0, 0, 0, NULL, set_threshold, NULL,
     NULL, "compressor threshold"},
    {"ratio", MM_FLOAT, "", 1, 100, 1, 0, 0, NULL, set_ratio, NULL, NULL,
     "compressor ratio N:1 (1 = no compression)"},
    {"attack", MM_FLOAT, "ms", MM_COMP_R_ATTACK, 0, 0, NULL, set_attack,
     NULL, NULL, "compressor attack (63%)"},
    {"release", MM_FLOAT, "ms", MM_COMP_R_RELEASE, 0, 0, NULL, set_release,
     NULL, NULL, "compressor release (63%)"},
    {"knee", MM_FLOAT, "dB", MM_COMP_R_KNEE, 0, 0, NULL, set_knee, NULL,
     NULL, "soft-knee width"},
    {"makeup", MM_FLOAT, "dB", MM_COMP_R_MAKEUP, 0, 0, NULL, set_makeup,
     NULL, NULL, "gain after the compressor"},
    {"schpf", MM_FLOAT, "Hz", MM_COMP_R_SCHPF, MM_PF_OFF, 0, NULL, set_schpf,
     NULL, NULL, "high-pass on the compressor's detector, 0 = off"},
    {"comp", MM_BOOL, "", 0, 1, 1, 0, 0, NULL, set_comp, NULL, NULL,
     "0 switches the compressor out (crossfaded)"},
    {"order", MM_CHOICE, "", 0, 1, 0, 0, 0, order_words, set_order, NULL,
     NULL, "eq-comp | comp-eq"},
    {"pan", MM_FLOAT, "", -100, 100, 0, 0, 0, NULL, set_pan, NULL, NULL,
     "pan (mono strip) or balance (stereo strip), -100 left .. 100 right"},
    {"panlaw", MM_FLOAT, "dB", 0, 6, 3, 0, 0, NULL, set_panlaw, NULL, NULL,
     "drop of each side at the centre: 0, 3, 4.5 or 6"},
    {"fader", MM_FLOAT, "dB", -100, 12, 0, 0, 0, NULL, set_fader, NULL, NULL,
     "output level, -100 = silent"},
    {"mute", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_mute, NULL, NULL,
     "1 silences the output (ramped)"},
    {"curve", MM_METHOD, "", 0, 0, 0, 0, 0, NULL, NULL, do_curve, NULL,
     "curve <array>: filters+EQ response in dB, 256 points 20 Hz..20 kHz"},
    {"compcurve", MM_METHOD, "", 0, 0, 0, 0, 0, NULL, NULL, do_compcurve,
     NULL, "compcurve <array>: output dB for input -90..0 dB (91 points)"},
    {"bypass", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_bypass, NULL, NULL,
     "1: output = input (crossfaded)"},
    {"delta", MM_BOOL, "", 0, 1, 0, 0, 0, NULL, set_delta, NULL, NULL,
     "1: output = processed - input"},
    {"interval", MM_FLOAT, "ms", 0, 60000, 50, 0, 0, NULL, set_interval,
     NULL, NULL, "meter period, 0 = only on bang"},
    {"reset", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL, do_reset,
     NULL, "clear filters, gate, compressor and meters"},
    {"latency", MM_METHOD, "", 0, 0, 0, MM_PF_NOFLAG, 0, NULL, NULL,
     do_latency, NULL, "emit latency 0"},
};

static void strip_tilde_bang(t_strip_tilde *x)
{
    strip_tilde_emit(x);
}

static void strip_tilde_anything(t_strip_tilde *x, t_symbol *s, int argc,
                                 t_atom *argv)
{
    mm_params_dispatch(&x->x_params, s, argc, argv);
    if (x->x_curve || x->x_compcurve)
        clock_delay(x->x_curveclock, 0);
}

static t_int *strip_tilde_perform(t_int *w)
{
    t_strip_tilde *x = (t_strip_tilde *)w[1];
    int n = (int)w[2], nin = x->x_nin, k = 3;
    const float *in[2];
    float *out[2];
    const float *key = NULL;
    for (int c = 0; c < nin; c++)
        in[c] = (const float *)w[k++];
    if (x->x_sidechain)
        key = (const float *)w[k++];
    out[0] = (float *)w[k++];
    out[1] = (float *)w[k++];
    if (!x->x_ok || n > x->x_blk) {
        memset(out[0], 0, sizeof(float) * n);
        memset(out[1], 0, sizeof(float) * n);
        return w + k;
    }
    int plain = mm_outmix_is_plain(&x->x_mix);
    if (!plain)
        for (int c = 0; c < nin; c++)
            memcpy(x->x_dry + c * x->x_blk, in[c], sizeof(float) * n);
    mm_strip_process(&x->x_core, in, out, key, n);
    if (!plain) {
        for (int c = 0; c < 2; c++)
            mm_outmix_apply(&x->x_mix, out[c],
                            x->x_dry + (nin == 2 ? c : 0) * x->x_blk, out[c],
                            n);
        mm_outmix_advance(&x->x_mix, n);
    }
    return w + k;
}

static void strip_tilde_dsp(t_strip_tilde *x, t_signal **sp)
{
    double sr = sp[0]->s_sr;
    int n = sp[0]->s_n, nsig = x->x_nin + x->x_sidechain + 2;
    if (n > x->x_blk) {
        float *d = realloc(x->x_dry, sizeof(float) * n * x->x_nin);
        if (d) {
            x->x_dry = d;
            x->x_blk = n;
        } else {
            pd_error(x, "strip~: out of memory");
        }
    }
    if (sr != x->x_sr && x->x_ok) {
        x->x_sr = sr;
        mm_strip_set_samplerate(&x->x_core, sr);
        mm_outmix_set_samplerate(&x->x_mix, sr);
        if (x->x_snap)
            mm_strip_snap(&x->x_core);
    }
    x->x_snap = 0;
    t_int args[2 + 5];
    args[0] = (t_int)x;
    args[1] = (t_int)n;
    for (int c = 0; c < nsig; c++)
        args[2 + c] = (t_int)sp[c]->s_vec;
    dsp_addv(strip_tilde_perform, 2 + nsig, args);
    mm_info_float(x->x_info, "latency", 0);
}

static void *strip_tilde_new(t_symbol *s, int argc, t_atom *argv)
{
    t_strip_tilde *x = (t_strip_tilde *)pd_new(strip_tilde_class);
    (void)s;
    x->x_nin = mm_flag_int(x, "strip~", argc, argv, "-ch", 1, 1, 2);
    x->x_sidechain = mm_flag_int(x, "strip~", argc, argv, "-sidechain", 0,
                                 0, 1);
    for (int c = 1; c < x->x_nin + x->x_sidechain; c++)
        inlet_new(&x->x_obj, &x->x_obj.ob_pd, &s_signal, &s_signal);
    outlet_new(&x->x_obj, &s_signal);
    outlet_new(&x->x_obj, &s_signal);
    x->x_info = outlet_new(&x->x_obj, 0);
    x->x_sr = 48000.0; /* until the dsp method tells the real rate */
    x->x_ok = mm_strip_init(&x->x_core, x->x_nin, x->x_sr) == MM_OK;
    if (!x->x_ok)
        pd_error(x, "strip~: out of memory");
    mm_outmix_init(&x->x_mix, x->x_sr);
    x->x_curveclock = clock_new(x, (t_method)strip_tilde_curves_now);
    mm_meter_init(&x->x_meter, x, strip_tilde_emit, 0);
    x->x_snap = 1;
    mm_params_init(&x->x_params, x, "strip~", strip_params,
                   sizeof strip_params / sizeof strip_params[0]);
    mm_params_note(&x->x_params, "ch", x->x_nin);
    mm_params_note(&x->x_params, "sidechain", x->x_sidechain);
    if (x->x_ok) {
        mm_params_apply_defaults(&x->x_params);
        mm_params_parse_flags(&x->x_params, argc, argv);
        mm_strip_snap(&x->x_core);
    }
    return x;
}

static void strip_tilde_free(t_strip_tilde *x)
{
    mm_meter_free(&x->x_meter);
    clock_free(x->x_curveclock);
    if (x->x_ok)
        mm_strip_free(&x->x_core);
    free(x->x_dry);
}

MM_EXPORT void strip_tilde_setup(void)
{
    strip_tilde_class = class_new(
        gensym("strip~"), (t_newmethod)(void (*)(void))strip_tilde_new,
        (t_method)strip_tilde_free, sizeof(t_strip_tilde), 0, A_GIMME, 0);
    CLASS_MAINSIGNALIN(strip_tilde_class, t_strip_tilde, x_f);
    class_addmethod(strip_tilde_class, (t_method)strip_tilde_dsp,
                    gensym("dsp"), A_CANT, 0);
    class_addbang(strip_tilde_class, strip_tilde_bang);
    class_addanything(strip_tilde_class, strip_tilde_anything);
}
