#include "mm_loudness.h"
#include <stdlib.h>

/* BS.1770-4: L = -0.691 + 10 log10(sum of weighted mean squares) */
/* Rates accepted: 8 kHz up to beyond any Pd runs at (192 kHz up-sampled
 * 16x in [block~] is 3.07 MHz); NaN, inf and absurd rates are refused
 * before the rate is cast to an integer for libebur128. */
#define RATE_OK(sr) ((sr) >= 8000.0 && (sr) <= 1e7)
#define LUFS_OFFSET (-0.691)
/* Zeros that clear the K-weighting's state: its slowest pole (the RLB
 * high-pass, 38 Hz, Q 0.5) decays at w0 / 2Q = 240 per second, so 4 s take
 * any state a finite float input can leave (below 1e45) under DBL_MIN,
 * where libebur128 flushes it to 0. */
#define SPARE_FLUSH_S 4.0
/* Zeros after which a spare counts as fresh for a reset: its filter
 * memory is then below 1e-9 of what it was (-180 dB in energy). */
#define SPARE_MIN_S 0.1
/* Zero frames fed to the spare per frame of signal: clean in under 2 s,
 * fresh enough for a reset 25 ms after the previous one. */
#define SPARE_SPEED 4

static int ebur_channel(int role, int channel)
{
    switch (role) {
    case MM_ROLE_LEFT: return EBUR128_LEFT;
    case MM_ROLE_RIGHT: return EBUR128_RIGHT;
    case MM_ROLE_CENTER: return EBUR128_CENTER;
    case MM_ROLE_LEFTSURROUND:
        /* 7.1 back surrounds (135..150 degrees) weigh 1.0: BS.1770-4
         * gives 1.41 only to channels between 60 and 120 degrees */
        return channel >= 6 ? EBUR128_Mp135 : EBUR128_LEFT_SURROUND;
    case MM_ROLE_RIGHTSURROUND:
        return channel >= 6 ? EBUR128_Mm135 : EBUR128_RIGHT_SURROUND;
    case MM_ROLE_DUALMONO:
        /* libebur128 accepts DUAL_MONO on mono files only; we feed the
         * channel sqrt(2) louder with weight 1 instead (energy x2). */
        return EBUR128_CENTER;
    default: return EBUR128_UNUSED;
    }
}

mm_loudness_role mm_loudness_default_role(int nch, int c)
{
    static const mm_loudness_role six[8] = {
        MM_ROLE_LEFT, MM_ROLE_RIGHT, MM_ROLE_CENTER, MM_ROLE_UNUSED,
        MM_ROLE_LEFTSURROUND, MM_ROLE_RIGHTSURROUND,
        MM_ROLE_LEFTSURROUND, MM_ROLE_RIGHTSURROUND};
    static const mm_loudness_role five[5] = {
        MM_ROLE_LEFT, MM_ROLE_RIGHT, MM_ROLE_CENTER,
        MM_ROLE_LEFTSURROUND, MM_ROLE_RIGHTSURROUND};
    if (c < 0 || c >= nch)
        return MM_ROLE_UNUSED;
    if (nch == 1)
        return MM_ROLE_CENTER;
    if (nch == 5)
        return five[c];
    if (nch >= 6)
        return six[c];
    if (c < 2)
        return c == 0 ? MM_ROLE_LEFT : MM_ROLE_RIGHT;
    /* 3 and 4 channels: L R C, then one surround */
    return c == 2 ? MM_ROLE_CENTER : MM_ROLE_LEFTSURROUND;
}

static void roles_to(const mm_loudness *l, ebur128_state *st)
{
    if (!st)
        return;
    for (int c = 0; c < l->nch; c++)
        ebur128_set_channel(st, (unsigned)c, ebur_channel(l->role[c], c));
}

static void apply_roles(mm_loudness *l)
{
    roles_to(l, l->st);
    roles_to(l, l->spare);
}

static void hist_clear(mm_loudness_hist *h)
{
    memset(h, 0, sizeof *h);
}

static double energy_of(double lufs)
{
    return pow(10.0, (lufs - LUFS_OFFSET) / 10.0);
}

static double lufs_of(double energy)
{
    if (!(energy > 0.0))
        return MM_FLOOR_DB;
    return LUFS_OFFSET + 10.0 * log10(energy);
}

/* Add one block; blocks at or below the absolute gate are left out. */
static void hist_add(mm_loudness_hist *h, double lufs)
{
    if (!mm_isfinite_d(lufs) || lufs <= MM_LOUDNESS_HIST_MIN)
        return;
    int bin = (int)((lufs - MM_LOUDNESS_HIST_MIN) / MM_LOUDNESS_HIST_STEP);
    if (bin >= MM_LOUDNESS_HIST_BINS)
        bin = MM_LOUDNESS_HIST_BINS - 1;
    double e = energy_of(lufs);
    h->energy[bin] += e;
    h->count[bin]++;
    h->total_energy += e;
    h->total_count++;
}

/* First bin whose blocks lie above a relative gate `below` LU under the
 * mean of all (absolutely gated) blocks. The gate's own bin counts when
 * its blocks' mean lies above the gate. */
static int hist_gate_bin(const mm_loudness_hist *h, double below)
{
    double gate = lufs_of(h->total_energy / (double)h->total_count) - below;
    int bin = (int)floor((gate - MM_LOUDNESS_HIST_MIN) / MM_LOUDNESS_HIST_STEP);
    if (bin < 0)
        return 0;
    if (bin >= MM_LOUDNESS_HIST_BINS)
        return MM_LOUDNESS_HIST_BINS;
    if (h->count[bin]
        && lufs_of(h->energy[bin] / h->count[bin]) <= gate)
        bin++;
    return bin;
}

static double integrated_of(const mm_loudness_hist *h)
{
    if (h->total_count == 0)
        return MM_FLOOR_DB;
    double e = 0.0;
    uint64_t n = 0;
    for (int b = hist_gate_bin(h, 10.0); b < MM_LOUDNESS_HIST_BINS; b++) {
        e += h->energy[b];
        n += h->count[b];
    }
    return n ? lufs_of(e / (double)n) : MM_FLOOR_DB;
}

/* Loudness at a percentile of the gated short-term distribution (nearest
 * rank on the sorted values, as if they were sorted: bin centre). */
static double percentile(const mm_loudness_hist *h, int first, uint64_t n,
                         double p)
{
    uint64_t rank = (uint64_t)((double)(n - 1) * p + 0.5);
    uint64_t seen = 0;
    for (int b = first; b < MM_LOUDNESS_HIST_BINS; b++) {
        seen += h->count[b];
        if (seen > rank)
            return MM_LOUDNESS_HIST_MIN + (b + 0.5) * MM_LOUDNESS_HIST_STEP;
    }
    return MM_LOUDNESS_HIST_MIN
           + (MM_LOUDNESS_HIST_BINS - 0.5) * MM_LOUDNESS_HIST_STEP;
}

static double lra_of(const mm_loudness_hist *h)
{
    if (h->total_count == 0)
        return MM_FLOOR_DB;
    int first = hist_gate_bin(h, 20.0);
    uint64_t n = 0;
    for (int b = first; b < MM_LOUDNESS_HIST_BINS; b++)
        n += h->count[b];
    if (n == 0)
        return MM_FLOOR_DB;
    return percentile(h, first, n, 0.95) - percentile(h, first, n, 0.10);
}

/* A fresh libebur128 state with the roles applied (allocates). */
static ebur128_state *new_state(const mm_loudness *l)
{
    ebur128_state *st = ebur128_init((unsigned)l->nch,
                                     (unsigned long)(l->samplerate + 0.5),
                                     EBUR128_MODE_S);
    roles_to(l, st);
    return st;
}

/* Start every measurement again (the libebur128 state is the caller's). */
static void clear_measurement(mm_loudness *l)
{
    l->hop_pos = 0;
    l->hops = 0;
    hist_clear(&l->gating);
    hist_clear(&l->shortterm);
    l->samplepeak = l->truepeak = 0.0f;
}

/* A fresh spare (set_samplerate: the dsp method, before any processing;
 * init leaves it out, as a meter that has not run has nothing to forget,
 * and objects are often made and dropped without running). */
static int add_spare(mm_loudness *l)
{
    ebur128_state *spare = new_state(l);
    if (!spare)
        return MM_E_NOMEM;
    if (l->spare)
        ebur128_destroy(&l->spare);
    l->spare = spare;
    l->spare_pos = l->spare_todo = l->spare_fed = 0;
    return MM_OK;
}

/* A fresh state in use (and a fresh spare, with_spare). */
static int create_states(mm_loudness *l, int with_spare)
{
    ebur128_state *st = new_state(l);
    if (!st)
        return MM_E_NOMEM;
    if (l->st)
        ebur128_destroy(&l->st);
    if (l->spare)
        ebur128_destroy(&l->spare);
    l->st = st;
    l->spare = NULL;
    unsigned long sr = (unsigned long)(l->samplerate + 0.5);
    l->hop = (long)((sr + 5) / 10);
    /* libebur128's window ring: 3 s, rounded up to whole 100 ms hops */
    l->ring = (long)(3 * sr);
    if (l->ring % l->hop)
        l->ring += l->hop - l->ring % l->hop;
    l->st_pos = 0;
    l->spare_flush = (long)ceil(SPARE_FLUSH_S * sr);
    l->spare_min = (long)ceil(SPARE_MIN_S * sr);
    clear_measurement(l);
    return with_spare ? add_spare(l) : MM_OK;
}

/* The spare goes into use; the state that was in use becomes the spare
 * and is cleaned by process: zeros until its K-filter is exactly clear
 * and its window ring is back at its start, where a fresh one is. */
static void swap_states(mm_loudness *l)
{
    ebur128_state *t = l->st;
    long p = l->st_pos;
    l->st = l->spare;
    l->st_pos = l->spare_pos;
    l->spare = t;
    l->spare_pos = p;
    l->spare_fed = 0;
    l->spare_todo = l->spare_flush
                    + (l->ring - (p + l->spare_flush) % l->ring) % l->ring;
}

/* After len frames of signal (len <= MM_LOUDNESS_CHUNK): feed the spare
 * up to SPARE_SPEED len zeros (the chunk buffer is free again). */
static void clean_spare(mm_loudness *l, long len)
{
    long n = len * SPARE_SPEED;
    if (n > l->spare_todo)
        n = l->spare_todo;
    memset(l->chunk, 0, (size_t)len * (size_t)l->nch * sizeof *l->chunk);
    while (n > 0) {
        long k = n < len ? n : len;
        ebur128_add_frames_float(l->spare, l->chunk, (size_t)k);
        l->spare_pos = (l->spare_pos + k) % l->ring;
        l->spare_todo -= k;
        l->spare_fed += k;
        n -= k;
    }
}

int mm_loudness_init(mm_loudness *l, int nch, double samplerate)
{
    memset(l, 0, sizeof *l);
    if (nch < 1 || nch > MM_LOUDNESS_MAXCH || !RATE_OK(samplerate))
        return MM_E_ARG;
    l->nch = nch;
    l->samplerate = samplerate;
    l->target = mm_loudness_table.defs[MM_LOUDNESS_TARGET].def;
    for (int c = 0; c < nch; c++) {
        l->role[c] = mm_loudness_default_role(nch, c);
        if (mm_truepeak_init(&l->tp[c], samplerate) != MM_OK) {
            mm_loudness_free(l);
            return MM_E_NOMEM;
        }
    }
    if (create_states(l, 0) != MM_OK) {
        mm_loudness_free(l);
        return MM_E_NOMEM;
    }
    return MM_OK;
}

void mm_loudness_free(mm_loudness *l)
{
    if (l->st)
        ebur128_destroy(&l->st);
    if (l->spare)
        ebur128_destroy(&l->spare);
    l->st = l->spare = NULL;
    for (int c = 0; c < MM_LOUDNESS_MAXCH; c++)
        mm_truepeak_free(&l->tp[c]);
}

int mm_loudness_set_samplerate(mm_loudness *l, double samplerate)
{
    if (!RATE_OK(samplerate))
        return MM_E_ARG;
    if (samplerate == l->samplerate && l->st)
        return l->spare ? MM_OK : add_spare(l);
    l->samplerate = samplerate;
    for (int c = 0; c < l->nch; c++)
        if (mm_truepeak_init(&l->tp[c], samplerate) != MM_OK)
            return MM_E_NOMEM;
    return create_states(l, 1);
}

int mm_loudness_reset(mm_loudness *l)
{
    for (int c = 0; c < l->nch; c++)
        mm_truepeak_reset(&l->tp[c]);
    l->nonfinite = 0;
    if (l->spare && (l->spare_todo == 0 || l->spare_fed >= l->spare_min))
        swap_states(l);
    clear_measurement(l);
    return MM_OK;
}

int mm_loudness_set_role(mm_loudness *l, int channel, mm_loudness_role r)
{
    if (channel < 0 || channel >= l->nch || r < MM_ROLE_UNUSED
        || r > MM_ROLE_DUALMONO)
        return MM_E_ARG;
    l->role[channel] = r;
    apply_roles(l);
    return MM_OK;
}

void mm_loudness_set_paused(mm_loudness *l, int paused)
{
    l->paused = paused != 0;
}

/* A 100 ms boundary: the momentary window is a gating block, the
 * short-term window an LRA value, once each window is full. */
static void on_boundary(mm_loudness *l)
{
    double v;
    if (l->hops < 1000000)
        l->hops++;
    if (l->paused)
        return;
    if (l->hops >= 4 && ebur128_loudness_momentary(l->st, &v) == EBUR128_SUCCESS)
        hist_add(&l->gating, v);
    if (l->hops >= 30 && ebur128_loudness_shortterm(l->st, &v) == EBUR128_SUCCESS)
        hist_add(&l->shortterm, v);
}

/* Feed interleaved frames, stopping at every 100 ms boundary. */
static void feed(mm_loudness *l, const float *frames, long len)
{
    while (len > 0) {
        long take = l->hop - l->hop_pos;
        if (take > len)
            take = len;
        ebur128_add_frames_float(l->st, frames, (size_t)take);
        l->st_pos = (l->st_pos + take) % l->ring;
        frames += take * l->nch;
        len -= take;
        l->hop_pos += take;
        if (l->hop_pos == l->hop) {
            l->hop_pos = 0;
            on_boundary(l);
        }
    }
}

void mm_loudness_process(mm_loudness *l, const float *const *in, int n)
{
    const int nch = l->nch;
    if (!l->st)
        return;
    for (int done = 0; done < n; done += MM_LOUDNESS_CHUNK) {
        int len = n - done < MM_LOUDNESS_CHUNK ? n - done : MM_LOUDNESS_CHUNK;
        float speak = l->samplepeak;
        for (int c = 0; c < nch; c++) {
            const float feed_gain =
                l->role[c] == MM_ROLE_DUALMONO ? (float)M_SQRT2 : 1.0f;
            const float *src = in[c] + done;
            float *s = l->scratch;
            for (int i = 0; i < len; i++) {
                float v = src[i];
                if (!mm_isfinite_f(v)) {
                    v = 0.0f;
                    l->nonfinite++;
                }
                s[i] = v;
                l->chunk[i * nch + c] = v * feed_gain;
                float a = fabsf(v);
                if (a > speak)
                    speak = a;
            }
            float tp = mm_truepeak_process_max(&l->tp[c], s, len);
            if (tp > l->truepeak)
                l->truepeak = tp;
        }
        l->samplepeak = speak;
        feed(l, l->chunk, len);
        if (l->spare_todo > 0)
            clean_spare(l, len);
    }
    /* the reconstructed waveform passes through every sample */
    if (l->truepeak < l->samplepeak)
        l->truepeak = l->samplepeak;
}

static double window_lufs(int err, double v)
{
    if (err != EBUR128_SUCCESS || !mm_isfinite_d(v) || v < MM_FLOOR_DB)
        return MM_FLOOR_DB;
    return v;
}

void mm_loudness_read(mm_loudness *l, mm_loudness_readings *r)
{
    double v = -HUGE_VAL;
    int err;
    if (!l->st) {
        r->momentary = r->shortterm = r->integrated = r->lra = MM_FLOOR_DB;
        r->samplepeak = r->truepeak = MM_FLOOR_DB;
        return;
    }
    /* a window reads only once it is full of measured signal (and is not
     * summed before: the 3 s sum is most of a read's cost) */
    r->momentary = r->shortterm = MM_FLOOR_DB;
    if (l->hops >= 4) {
        err = ebur128_loudness_momentary(l->st, &v);
        r->momentary = window_lufs(err, v);
    }
    if (l->hops >= 30) {
        v = -HUGE_VAL;
        err = ebur128_loudness_shortterm(l->st, &v);
        r->shortterm = window_lufs(err, v);
    }
    r->integrated = integrated_of(&l->gating);
    r->lra = r->integrated > MM_FLOOR_DB ? lra_of(&l->shortterm) : MM_FLOOR_DB;
    r->samplepeak = mm_gain_to_db(l->samplepeak);
    r->truepeak = mm_gain_to_db(l->truepeak);
}

unsigned long mm_loudness_nonfinite(const mm_loudness *l)
{
    return l->nonfinite;
}

/* ---- parameters (mm_param.h) ------------------------------------------- */

const char *const mm_loudness_role_words[] = {
    "unused", "left", "right", "center", "leftsurround", "rightsurround",
    "dualmono", NULL};

static const mm_paramdef loudness_rows[] = {
    {"target", MM_LOUDNESS_TARGET, MM_P_FLOAT, "LUFS", -70, 0, -14, 0, 0,
     NULL, "loudness target: the gain reading is target minus integrated"},
    {"pause", MM_LOUDNESS_PAUSE, MM_P_BOOL, "", 0, 1, 0, 0, 0, NULL,
     "1 stops the integrated and LRA measurement, 0 resumes it (EBU mode "
     "start/pause)"},
};

const mm_paramtable mm_loudness_table =
    MM_PARAMTABLE("loudness", loudness_rows);

double mm_loudness_set(mm_loudness *l, mm_loudness_param p, double v)
{
    if (!mm_param_take(&mm_loudness_table, (int)p, &v))
        return 0.0;
    if (p == MM_LOUDNESS_TARGET)
        l->target = v;
    else
        mm_loudness_set_paused(l, v != 0);
    return v;
}

double mm_loudness_get(const mm_loudness *l, mm_loudness_param p)
{
    switch (p) {
    case MM_LOUDNESS_TARGET: return l->target;
    case MM_LOUDNESS_PAUSE: return l->paused;
    default: return 0.0;
    }
}

mm_loudness_role mm_loudness_get_role(const mm_loudness *l, int channel)
{
    if (channel < 0 || channel >= l->nch)
        return MM_ROLE_UNUSED;
    return (mm_loudness_role)l->role[channel];
}

/* ---- the lifecycle record (mm_core.h) ---- */

MM_CORE_VERBS(loudness)

static void loudness_core_process(void *s, const float *const *in,
                                  float *const *out, const float *key, int n)
{
    (void)out; /* a meter: no output */
    (void)key;
    mm_loudness_process(s, in, n);
}

const mm_core mm_loudness_core = {MM_CORE_FIELDS(loudness),
                                  .maxch = MM_LOUDNESS_MAXCH,
                                  .process = loudness_core_process};
