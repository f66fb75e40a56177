/* gate~: noise gate / expander with hysteresis and hold. The sound is
 * dsp/mm_gate (shared with strip~); flags, messages, bypass/delta and the
 * info outlet come from mm_pd. */
#include "mm_pd.h"
#include "mm_gate.h"

static void gate_emit(void *o)
{
    mm_pd_info(o, "gating", mm_gate_gain_db(mm_pd_core(o)));
}

static const mm_pdinfo gate_info[] = {
    {"gating", "<dB>", "the gate's gain now (0 open, the range closed)"},
    {NULL, NULL, NULL}};

MM_PD_OBJECT(gate, mm_gate,
             "noise gate / expander with hysteresis and hold",
             .features = MM_OBJ_SOUND | MM_OBJ_SIDECHAIN | MM_OBJ_METER,
             .ch_def = 1, .info = gate_info, .emit = gate_emit);
