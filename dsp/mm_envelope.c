#include "mm_envelope.h"

static void update(mm_envelope *e)
{
    e->a_att = mm_onepole_coef(e->attack_ms, e->samplerate);
    e->a_rel = mm_onepole_coef(e->release_ms, e->samplerate);
    e->a_rms = mm_onepole_coef(e->rms_ms, e->samplerate);
    e->halfwave = (int)(MM_ENVELOPE_HALFWAVE_MS * 0.001 * e->samplerate);
    if (e->halfwave < 1)
        e->halfwave = 1;
}

void mm_envelope_init(mm_envelope *e, double samplerate)
{
    e->samplerate = mm_samplerate_or_default(samplerate);
    e->attack_ms = 10.0;
    e->release_ms = 100.0;
    e->rms_ms = MM_ENVELOPE_RMS_MS;
    e->mode = MM_ENVELOPE_PEAK;
    update(e);
    mm_envelope_reset(e);
}

void mm_envelope_reset(mm_envelope *e)
{
    e->ms = e->r = e->y = 0.0;
    e->cur = e->prev = 0.0;
    e->sign = 0;
    e->count = e->prev_len = 0;
}

void mm_envelope_set_samplerate(mm_envelope *e, double samplerate)
{
    if (samplerate > 0.0 && mm_isfinite_d(samplerate)) {
        e->samplerate = samplerate;
        update(e);
    }
}

void mm_envelope_set_times(mm_envelope *e, double attack_ms,
                           double release_ms)
{
    if (mm_isfinite_d(attack_ms))
        e->attack_ms = attack_ms > 0.0 ? attack_ms : 0.0;
    if (mm_isfinite_d(release_ms))
        e->release_ms = release_ms > 0.0 ? release_ms : 0.0;
    update(e);
}

void mm_envelope_set_mode(mm_envelope *e, mm_envelope_mode mode)
{
    e->mode = mode == MM_ENVELOPE_RMS ? MM_ENVELOPE_RMS : MM_ENVELOPE_PEAK;
}

void mm_envelope_set_rms_ms(mm_envelope *e, double rms_ms)
{
    if (rms_ms > 0.0 && mm_isfinite_d(rms_ms)) {
        e->rms_ms = rms_ms;
        update(e);
    }
}

int mm_envelope_flush(mm_envelope *e)
{
    if (!mm_isfinite_d(e->ms) || !mm_isfinite_d(e->r)
        || !mm_isfinite_d(e->y) || !mm_isfinite_d(e->cur)
        || !mm_isfinite_d(e->prev)) {
        mm_envelope_reset(e);
        return 1;
    }
    e->ms = mm_flush_d(e->ms);
    e->r = mm_flush_d(e->r);
    e->y = mm_flush_d(e->y);
    e->cur = mm_flush_d(e->cur);
    e->prev = mm_flush_d(e->prev);
    return 0;
}

void mm_envelope_process(mm_envelope *e, const float *in, float *env, int n)
{
    for (int i = 0; i < n; i++) {
        float x = in[i];
        mm_sanitize_f(&x);
        env[i] = (float)mm_envelope_tick(e, x);
    }
    mm_envelope_flush(e);
}
