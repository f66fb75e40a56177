/* eq~: parametric EQ, 1..16 bands over 1..8 channels. The sound is
 * dsp/mm_eq (matched second-order designs from dsp/mm_filterdesign);
 * flags, messages, bypass/delta and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_eq.h"
#include <stdio.h>
#include <string.h>

static void eq_curve(void *o, float *y, int n)
{
    mm_eq_curve(mm_pd_core(o), y, n, 20.0, 20000.0);
}

static int eq_create(void *o, double sr)
{
    int linear = mm_pd_value(o, MM_EQ_PHASE) != 0;
    return mm_eq_init_resolution(
               mm_pd_core(o), ((mm_pdobj *)o)->nch,
               (int)mm_pd_value(o, MM_EQ_BANDS),
               linear ? (int)mm_pd_value(o, MM_EQ_RESOLUTION) : -1,
               sr) == MM_OK;
}

#define A(arg) (&mm_eq_band_args.defs[MM_EQ_ARG_##arg])

static t_float clamp_arg(void *o, int arg, t_float v, double lo, double hi)
{
    const mm_paramdef *d = &mm_eq_band_args.defs[arg];
    char what[32];
    snprintf(what, sizeof what, "band %s", d->name);
    return mm_pd_clamp_warn(o, what, v, (t_float)lo, (t_float)hi, d->unit);
}

/* linear phase: say when a band is narrower than the FIR resolves (its
 * response would be smeared by more than 0.1 dB), and what would do */
static void check_linear(void *o, int b)
{
    const mm_eq *e = mm_pd_core(o);
    int need = e->lin ? mm_eq_linear_needs(e, b) : -1;
    if (need <= e->resolution)
        return;
    mm_fd_type t;
    double f, g, q;
    mm_eq_get_band(e, b, &t, &f, &g, &q);
    if (need <= 3)
        pd_error(o, "eq~: band %d (%s %g Hz, q %g, %g dB) is narrower than "
                 "-resolution %s resolves in linear phase (its response "
                 "would be off by more than 0.1 dB): create eq~ with "
                 "-resolution %s (latency %.0f ms) or lower its q",
                 b + 1, mm_fd_type_names[t], f, q, g,
                 mm_linphase_resolution_words[e->resolution],
                 mm_linphase_resolution_words[need],
                 1000.0 * (mm_linphase_part(e->samplerate, MM_EQ_FIR_OF(need))
                           + mm_linphase_size(e->samplerate,
                                              MM_EQ_FIR_OF(need)) / 2 - 1)
                     / e->samplerate);
    else
        pd_error(o, "eq~: band %d (%s %g Hz, q %g, %g dB) is narrower than "
                 "linear phase resolves at any -resolution (its response "
                 "would be off by more than 0.1 dB): lower its q or use "
                 "minimum phase", b + 1, mm_fd_type_names[t], f, q, g);
}

/* band <n> <type> <Hz> <dB> <q> | band <n> off ; n = 0: every band */
static void do_band(void *o, int argc, t_atom *argv)
{
    int nb = (int)mm_pd_value(o, MM_EQ_BANDS), t = 0, off;
    t_float n, f = 0, g = 0, q = 0;
    t_symbol *type;
    double qlo, qhi;
    char words[160] = "";
    if (!mm_pd_arg_float(o, "band", argc, argv, 0, &n)
        || !mm_pd_arg_symbol(o, "band", argc, argv, 1, &type))
        return;
    if (n < 0 || n > nb || n != (int)n) { /* before any cast to int */
        pd_error(o, "eq~: band %g does not exist (1..%d, 0 = every band)",
                 n, nb);
        return;
    }
    off = !strcmp(type->s_name, "off");
    /* the type's index; the words before it for the error */
    while (mm_fd_type_names[t] && strcmp(mm_fd_type_names[t], type->s_name))
        strcat(strcat(words, mm_fd_type_names[t++]), "|");
    if (!off && !mm_fd_type_names[t]) {
        pd_error(o, "eq~: band type '%s' is not one of %soff", type->s_name,
                 words);
        return;
    }
    if (!off) {
        if (!mm_pd_arg_float(o, "band", argc, argv, 2, &f)
            || !mm_pd_arg_float(o, "band", argc, argv, 3, &g)
            || !mm_pd_arg_float(o, "band", argc, argv, 4, &q))
            return;
        mm_eq_q_range(t, &qlo, &qhi);
        f = clamp_arg(o, MM_EQ_ARG_FREQ, f, A(FREQ)->min, A(FREQ)->max);
        g = clamp_arg(o, MM_EQ_ARG_GAIN, g, A(GAIN)->min, A(GAIN)->max);
        q = clamp_arg(o, MM_EQ_ARG_Q, q, qlo, qhi);
    }
    for (int b = n ? (int)n - 1 : 0; b < (n ? (int)n : nb); b++)
        if (off)
            mm_eq_band_off(mm_pd_core(o), b);
        else {
            mm_eq_set_band(mm_pd_core(o), b, (mm_fd_type)t, f, g, q);
            check_linear(o, b);
        }
}

static void print_bands(void *o)
{
    mm_fd_type t;
    double f, g, q, lo, hi, shelf_lo, shelf_hi;
    for (int b = 0; b < (int)mm_pd_value(o, MM_EQ_BANDS); b++)
        if (mm_eq_get_band(mm_pd_core(o), b, &t, &f, &g, &q))
            post("  band %d %s %g Hz %g dB q %g", b + 1, mm_fd_type_names[t],
                 f, g, q);
        else
            post("  band %d off", b + 1);
    mm_eq_q_range(MM_FD_HIGHPASS, &lo, &hi);
    mm_eq_q_range(MM_FD_LOWSHELF, &shelf_lo, &shelf_hi);
    post("  band ranges: %g..%g Hz (runs at most at %g fs), %g..%g dB, "
         "q %g..%g, shelves up to %g, highpass and notch from %g",
         MM_EQ_FMIN, MM_EQ_FMAX, MM_EQ_FMAX_RATIO, MM_EQ_GMIN, MM_EQ_GMAX,
         MM_EQ_QMIN, MM_EQ_QMAX, shelf_hi, lo);
}

static const mm_pdmethod eq_methods[] = {
    {"band", do_band, print_bands, "<n> <type> <Hz> <dB> <q> | <n> off",
     "set band n (0 = every band) or switch it off; values are clamped "
     "to these ranges",
     0, &mm_eq_band_args},
    {0}};

static const mm_pdcurve eq_curves[] = {
    {"curve", 256, eq_curve, "the magnitude response: dB at 256 points "
     "20 Hz..20 kHz (log spaced); follows the controls"},
    {NULL, 0, NULL, NULL}};

static const mm_pdinfo eq_info[] = {
    {NULL, NULL, NULL}};

MM_PD_OBJECT(eq, mm_eq,
             "parametric EQ, 1..16 bands over 1..8 channels",
             .features = MM_OBJ_SOUND, .ch_def = 2,
             .methods = eq_methods, .curves = eq_curves, .info = eq_info,
             .create = eq_create);
