/* loudness~: EBU R128 / ITU-R BS.1770-4 loudness meter. The measurement
 * is dsp/mm_loudness (its table: target, pause); flags, messages, print
 * and the info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_loudness.h"
#include <string.h>

static void loudness_emit(void *o)
{
    mm_loudness_readings r;
    mm_loudness_read(mm_pd_core(o), &r);
    int have_i = r.integrated > MM_FLOOR_DB;
    double target = mm_loudness_get(mm_pd_core(o), MM_LOUDNESS_TARGET);
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
            mm_loudness_set_role(mm_pd_core(o), (int)ch - 1,
                                 (mm_loudness_role)k);
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
             mm_loudness_role_words[mm_loudness_get_role(mm_pd_core(o), c)]);
}

static const mm_pdmethod loudness_methods[] = {
    {"channel", do_channel, print_channels, "<n> <role>",
     "role of channel n: left, right, center, leftsurround, rightsurround, "
     "dualmono or unused (LFE)", 0, NULL},
    {0}};

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
    {NULL, NULL, NULL}};

MM_PD_OBJECT(loudness, mm_loudness,
             "EBU R128 / ITU-R BS.1770-4 loudness meter: LUFS, loudness "
             "range, sample and true peak",
             .features = MM_OBJ_METER, .ch_def = 2,
             .outs = MM_PD_NOOUT, .interval_def = 100,
             .methods = loudness_methods, .info = loudness_info,
             .emit = loudness_emit);
