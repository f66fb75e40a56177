/* spectrum~: an analyser that draws a smoothed spectrum (dB at
 * log-spaced points) into a Pd array and reports its loudest point. The
 * analysis is dsp/mm_spectrum (FFTW3); flags, messages, print and the
 * info outlet come from mm_pd. The object's own state is the array's
 * name, so it declares its struct and class itself. */
#include "mm_pd.h"
#include "mm_spectrum.h"

typedef struct spectrum_tilde {
    mm_pdobj x_mm;
    mm_spectrum x_core;
    t_symbol *x_array;   /* where the display goes, or NULL */
    int x_missing;       /* the array was not there: said once */
} t_spectrum_tilde;

static int spectrum_create(void *o, double sr)
{
    int size = mm_spectrum_size_of((int)mm_pd_value(o, MM_SPECTRUM_SIZE));
    return mm_spectrum_init(mm_pd_core(o), ((mm_pdobj *)o)->nch, size, sr)
           == MM_OK;
}

static void spectrum_emit(void *o)
{
    t_spectrum_tilde *x = o;
    double hz, db;
    if (x->x_array) {
        /* the array may come later in the patch: look before writing,
         * and say once that it is not there */
        if (pd_findbyclass(x->x_array, garray_class)) {
            float y[MM_SPECTRUM_MAXPOINTS];
            int n = mm_spectrum_points(&x->x_core);
            mm_spectrum_read(&x->x_core, y, n);
            mm_pd_array_write(o, x->x_array, y, n);
            x->x_missing = 0;
        } else if (!x->x_missing) {
            pd_error(o, "spectrum~: no array named '%s' (yet)",
                     x->x_array->s_name);
            x->x_missing = 1;
        }
    }
    mm_spectrum_peak(&x->x_core, &hz, &db);
    double v[2] = {hz, db};
    mm_pd_info_list(o, "peak", 2, v);
}

static void do_array(void *o, int argc, t_atom *argv)
{
    t_spectrum_tilde *x = o;
    t_symbol *name;
    if (!mm_pd_arg_symbol(o, "array", argc, argv, 0, &name))
        return;
    x->x_array = name;
    x->x_missing = 0;
}

static void print_array(void *o)
{
    t_spectrum_tilde *x = o;
    post("  array %s", x->x_array ? x->x_array->s_name : "(none)");
}

static const mm_pdmethod spectrum_methods[] = {
    {"array", do_array, print_array, "<name>",
     "the Pd array the display is written into each interval (resized to "
     "`points`); without one only peak is emitted",
     0, NULL},
    {0}};

static const mm_pdinfo spectrum_info[] = {
    {"peak", "<Hz> <dB>", "the loudest display point: its frequency and "
     "level (tilt included; -144: silence)"},
    {NULL, NULL, NULL}};

/* spelled out rather than MM_PD_OBJECT: the struct has the array too */
static const mm_objdef spectrum_def = {
    .name = "spectrum~", .size = sizeof(t_spectrum_tilde),
    .core = &mm_spectrum_core,
    .core_offset = offsetof(t_spectrum_tilde, x_core),
    .summary = "spectrum analyser: smoothed dB at log-spaced points into "
               "a Pd array (FFTW3)",
    .features = MM_OBJ_METER, .ch_def = 2, .outs = MM_PD_NOOUT,
    .methods = spectrum_methods, .info = spectrum_info,
    .create = spectrum_create, .emit = spectrum_emit};

MM_EXPORT void spectrum_tilde_setup(void)
{
    mm_pd_class_new(&spectrum_def);
}
