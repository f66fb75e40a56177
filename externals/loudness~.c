/* loudness~: EBU R128 / ITU-R BS.1770-4 loudness meter. The measurement
 * is dsp/mm_loudness (its table: target, pause); flags, messages, print
 * and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_loudness.h"
#include <string.h>

typedef struct loudness_tilde {
    mm_pdobj x_mm;
    mm_loudness x_core;
} t_loudness_tilde;

#define CORE(o) (&((t_loudness_tilde *)(o))->x_core)

static int loudness_create(void *o, double sr)
{
    return mm_loudness_init(CORE(o), ((mm_pdobj *)o)->nch, sr) == MM_OK;
}

static void loudness_destroy(void *o) { mm_loudness_free(CORE(o)); }

static double loudness_set(void *o, int id, double v)
{
    return mm_loudness_set(CORE(o), (mm_loudness_param)id, v);
}

static int loudness_samplerate(void *o, double sr)
{
    return mm_loudness_set_samplerate(CORE(o), sr) == MM_OK;
}

static void loudness_process(void *o, const float *const *in,
                             float *const *out, const float *key, int n)
{
    (void)out, (void)key;
    mm_loudness_process(CORE(o), in, n);
}

static void loudness_emit(void *o)
{
    mm_loudness_readings r;
    mm_loudness_read(CORE(o), &r);
    int have_i = r.integrated > MM_FLOOR_DB;
    double target = mm_loudness_get(CORE(o), MM_LOUDNESS_TARGET);
    mm_pd_info(o, "momentary", r.momentary);
    mm_pd_info(o, "shortterm", r.shortterm);
    mm_pd_info(o, "integrated", r.integrated);
    mm_pd_info(o, "lra", r.lra);
    mm_pd_info(o, "samplepeak", r.samplepeak);
    mm_pd_info(o, "truepeak", r.truepeak);
    mm_pd_info(o, "plr", have_i && r.truepeak > MM_FLOOR_DB
                             ? r.truepeak - r.integrated : MM_FLOOR_DB);
    mm_pd_info(o, "gain", have_i ? target - r.integrated : MM_FLOOR_DB);
}

static void loudness_reset(void *o)
{
    if (mm_loudness_reset(CORE(o)) != MM_OK)
        pd_error(o, "loudness~: out of memory while resetting");
}

static void do_channel(void *o, int argc, t_atom *argv)
{
    int nch = ((mm_pdobj *)o)->nch;
    t_float ch;
    t_symbol *role;
    if (!mm_pd_arg_float(o, "channel", argc, argv, 0, &ch)
        || !mm_pd_arg_symbol(o, "channel", argc, argv, 1, &role))
        return;
    /* range first: casting 1e30 to int is undefined behaviour */
    if (!(ch >= 1 && ch <= nch) || ch != (t_float)(int)ch) {
        pd_error(o, "loudness~: channel %g does not exist (1..%d)", ch, nch);
        return;
    }
    for (int k = 0; mm_loudness_role_words[k]; k++)
        if (!strcmp(mm_loudness_role_words[k], role->s_name)) {
            mm_loudness_set_role(CORE(o), (int)ch - 1, (mm_loudness_role)k);
            return;
        }
    pd_error(o, "loudness~: channel role '%s' is not one of left|right|"
             "center|leftsurround|rightsurround|dualmono|unused",
             role->s_name);
}

static void print_channels(void *o)
{
    for (int c = 0; c < ((mm_pdobj *)o)->nch; c++)
        post("  channel %d %s", c + 1,
             mm_loudness_role_words[mm_loudness_get_role(CORE(o), c)]);
}

static const mm_pdmethod loudness_methods[] = {
    {"channel", do_channel, print_channels, "<n> <role>",
     "role of channel n: left, right, center, leftsurround, rightsurround, "
     "dualmono or unused (LFE)", 0},
    {NULL, NULL, NULL, NULL, NULL, 0}};

static const mm_pdinfo loudness_info[] = {
    {"momentary", "<LUFS>", "loudness of the last 400 ms"},
    {"shortterm", "<LUFS>", "loudness of the last 3 s"},
    {"integrated", "<LUFS>", "gated loudness since reset"},
    {"lra", "<LU>", "loudness range since reset (EBU Tech 3342)"},
    {"samplepeak", "<dBFS>", "highest sample since reset"},
    {"truepeak", "<dBTP>", "highest true (inter-sample) peak since reset"},
    {"plr", "<LU>", "peak to loudness ratio: truepeak minus integrated"},
    {"gain", "<dB>", "target minus integrated: the gain that reaches the "
     "target"},
    {"latency", "<samples>", "always 0"},
    {NULL, NULL, NULL}};

static const mm_objdef loudness_def = {
    .name = "loudness~",
    .summary = "EBU R128 / ITU-R BS.1770-4 loudness meter: LUFS, loudness "
               "range, sample and true peak",
    .size = sizeof(t_loudness_tilde),
    .features = MM_OBJ_METER,
    .ch_min = 1, .ch_max = MM_LOUDNESS_MAXCH, .ch_def = 2,
    .outs = MM_PD_NOOUT,
    .interval_def = 100,
    .table = &mm_loudness_table,
    .methods = loudness_methods,
    .info = loudness_info,
    .create = loudness_create,
    .destroy = loudness_destroy,
    .set = loudness_set,
    .samplerate = loudness_samplerate,
    .process = loudness_process,
    .emit = loudness_emit,
    .reset = loudness_reset,
};

MM_EXPORT void loudness_tilde_setup(void)
{
    mm_pd_class_new(&loudness_def);
}
