#include "mm_loudness.h"
#include "mm_kweight.h"
#include <float.h>
#include <stdlib.h>

/* BS.1770-4: L = -0.691 + 10 log10(sum of weighted mean squares) */
/* Rates accepted: 8 kHz up to beyond any Pd runs at (192 kHz up-sampled
 * 16x in [block~] is 3.07 MHz); NaN, inf and absurd rates are refused
 * before the rate is cast to an integer. */
#define RATE_OK(sr) ((sr) >= 8000.0 && (sr) <= 1e7)
#define LUFS_OFFSET (-0.691)
#define MOMENTARY_HOPS 4
#define SHORTTERM_HOPS 30

/* BS.1770-4 channel weight G of a role (see mm_loudness.h). */
static double role_weight(int role, int channel)
{
    switch (role) {
    case MM_ROLE_LEFT:
    case MM_ROLE_RIGHT:
    case MM_ROLE_CENTER: return 1.0;
    case MM_ROLE_LEFTSURROUND:
    case MM_ROLE_RIGHTSURROUND:
        /* 7.1 back surrounds (135..150 degrees) weigh 1.0: BS.1770-4
         * gives 1.41 only to channels between 60 and 120 degrees */
        return channel >= 6 ? 1.0 : 1.41;
    case MM_ROLE_DUALMONO: return 2.0; /* one channel heard twice */
    default: return 0.0;
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

static void apply_roles(mm_loudness *l)
{
    for (int c = 0; c < l->nch; c++)
        l->weight[c] = role_weight(l->role[c], c);
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

/* Start every measurement again: filters, windows, histograms, peaks.
 * The frame ring is not cleared: a frame is read only once the hop it
 * belongs to has been measured since the reset. */
static void clear_measurement(mm_loudness *l)
{
    memset(l->kw, 0, sizeof l->kw);
    l->ring_pos = 0;
    l->hop_next = 0;
    l->hop_acc = 0.0;
    l->hop_pos = 0;
    l->hops = 0;
    hist_clear(&l->gating);
    hist_clear(&l->shortterm);
    l->samplepeak = l->truepeak = 0.0f;
}

/* The filters and the frame ring for the rate (allocates). */
static int design(mm_loudness *l)
{
    unsigned long sr = (unsigned long)(l->samplerate + 0.5);
    long hop = (long)((sr + 5) / 10);
    long ring = SHORTTERM_HOPS * hop;
    /* grown, never shrunk: rate changes back and forth (a [block~]
     * toggling its factor) reuse one block instead of fragmenting the
     * heap with a new 1-2 MB ring each time */
    if (!l->frames || ring > l->ring_alloc) {
        if (mm_renew_zeroed(&l->frames, (size_t)ring, sizeof *l->frames)
            != MM_OK)
            return MM_E_NOMEM;
        l->ring_alloc = ring;
    }
    l->hop = hop;
    l->ring = ring;
    mm_kweight_design(l->samplerate, &l->shelf, &l->hp);
    clear_measurement(l);
    return MM_OK;
}

int mm_loudness_init(mm_loudness *l, int nch, double samplerate)
{
    memset(l, 0, sizeof *l);
    if (nch < 1 || nch > MM_LOUDNESS_MAXCH || !RATE_OK(samplerate))
        return MM_E_ARG;
    l->nch = nch;
    l->samplerate = samplerate;
    l->target = mm_loudness_table.defs[MM_LOUDNESS_TARGET].def;
    l->truepeak_on = mm_loudness_table.defs[MM_LOUDNESS_TRUEPEAK].def != 0.0;
    for (int c = 0; c < nch; c++) {
        l->role[c] = mm_loudness_default_role(nch, c);
        if (mm_truepeak_init(&l->tp[c], samplerate) != MM_OK) {
            mm_loudness_free(l);
            return MM_E_NOMEM;
        }
    }
    apply_roles(l);
    if (design(l) != MM_OK) {
        mm_loudness_free(l);
        return MM_E_NOMEM;
    }
    return MM_OK;
}

void mm_loudness_free(mm_loudness *l)
{
    free(l->frames);
    l->frames = NULL;
    l->ring_alloc = 0;
    for (int c = 0; c < MM_LOUDNESS_MAXCH; c++)
        mm_truepeak_free(&l->tp[c]);
}

int mm_loudness_set_samplerate(mm_loudness *l, double samplerate)
{
    if (!RATE_OK(samplerate))
        return MM_E_ARG;
    if (samplerate == l->samplerate && l->frames)
        return MM_OK;
    l->samplerate = samplerate;
    for (int c = 0; c < l->nch; c++)
        if (mm_truepeak_init(&l->tp[c], samplerate) != MM_OK)
            return MM_E_NOMEM;
    return design(l);
}

int mm_loudness_reset(mm_loudness *l)
{
    for (int c = 0; c < l->nch; c++)
        mm_truepeak_reset(&l->tp[c]);
    l->nonfinite = 0;
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

/* Mean z over the last nh hops' frames (nh <= hops, <= 30): the hops
 * completed since, the current one's frames so far, and the tail of the
 * oldest (its frames after the current hop's count, from the ring). */
static double window_mean(const mm_loudness *l, int nh)
{
    double e = l->hop_acc;
    for (int k = 1; k < nh; k++)
        e += l->hopsum[(l->hop_next - k) & (MM_LOUDNESS_HOPS - 1)];
    if (l->hop_pos == 0) {
        e += l->hopsum[(l->hop_next - nh) & (MM_LOUDNESS_HOPS - 1)];
    } else {
        long at = l->ring_pos - (long)nh * l->hop;
        if (at < 0)
            at += l->ring;
        for (long k = l->hop_pos; k < l->hop; k++) {
            e += l->frames[at];
            at = at + 1 == l->ring ? 0 : at + 1;
        }
    }
    return e / ((double)nh * (double)l->hop);
}

static double window_lufs(const mm_loudness *l, int nh)
{
    double v = lufs_of(window_mean(l, nh));
    return mm_isfinite_d(v) && v >= MM_FLOOR_DB ? v : MM_FLOOR_DB;
}

/* A 100 ms boundary: the momentary window is a gating block, the
 * short-term window an LRA value, once each window is full. */
static void on_boundary(mm_loudness *l)
{
    l->hopsum[l->hop_next] = l->hop_acc;
    l->hop_next = (l->hop_next + 1) & (MM_LOUDNESS_HOPS - 1);
    l->hop_acc = 0.0;
    l->hop_pos = 0;
    if (l->hops < 1000000)
        l->hops++;
    if (l->paused)
        return;
    if (l->hops >= MOMENTARY_HOPS)
        hist_add(&l->gating, window_lufs(l, MOMENTARY_HOPS));
    if (l->hops >= SHORTTERM_HOPS)
        hist_add(&l->shortterm, window_lufs(l, SHORTTERM_HOPS));
}

/* Channels c and c + 1's K-weighted energies, times their weights,
 * added to z[0..n) (pair = 0: channel c alone). Two channels in one loop:
 * each filter's recursion is a chain of dependent multiply-adds, and two
 * independent chains run in the time of one. */
static void kweight_add(mm_loudness *l, int c, int pair, float (*x)[MM_LOUDNESS_CHUNK],
                        int n)
{
    const double g0 = l->weight[c], g1 = pair ? l->weight[c + 1] : 0.0;
    mm_biquad_state a0 = l->kw[c][0], b0 = l->kw[c][1];
    double *z = l->z;
    if (pair) {
        mm_biquad_state a1 = l->kw[c + 1][0], b1 = l->kw[c + 1][1];
        for (int i = 0; i < n; i++) {
            double y0 = mm_biquad_tick(&l->hp, &b0,
                                       mm_biquad_tick(&l->shelf, &a0, x[0][i]));
            double y1 = mm_biquad_tick(&l->hp, &b1,
                                       mm_biquad_tick(&l->shelf, &a1, x[1][i]));
            z[i] += g0 * y0 * y0 + g1 * y1 * y1;
        }
        mm_biquad_state_flush(&a1);
        mm_biquad_state_flush(&b1);
        l->kw[c + 1][0] = a1;
        l->kw[c + 1][1] = b1;
    } else {
        for (int i = 0; i < n; i++) {
            double y0 = mm_biquad_tick(&l->hp, &b0,
                                       mm_biquad_tick(&l->shelf, &a0, x[0][i]));
            z[i] += g0 * y0 * y0;
        }
    }
    /* inputs are finite (sanitized): only denormals to flush */
    mm_biquad_state_flush(&a0);
    mm_biquad_state_flush(&b0);
    l->kw[c][0] = a0;
    l->kw[c][1] = b0;
}

/* The chunk's frame energies into the ring and the hop sums. */
static void add_frames(mm_loudness *l, int n)
{
    for (int i = 0; i < n;) {
        long take = l->hop - l->hop_pos;
        if (take > n - i)
            take = n - i;
        double acc = l->hop_acc;
        long at = l->ring_pos;
        for (long k = 0; k < take; k++) {
            double v = l->z[i + k];
            acc += v;
            /* past FLT_MAX only from absurd input (> +300 dBFS) */
            l->frames[at] = v < FLT_MAX ? (float)v : FLT_MAX;
            at = at + 1 == l->ring ? 0 : at + 1;
        }
        l->ring_pos = at;
        l->hop_acc = acc;
        l->hop_pos += take;
        i += (int)take;
        if (l->hop_pos == l->hop)
            on_boundary(l);
    }
}

void mm_loudness_process(mm_loudness *l, const float *const *in, int n)
{
    const int nch = l->nch;
    if (!l->frames)
        return;
    for (int done = 0; done < n; done += MM_LOUDNESS_CHUNK) {
        int len = n - done < MM_LOUDNESS_CHUNK ? n - done : MM_LOUDNESS_CHUNK;
        float speak = l->samplepeak;
        memset(l->z, 0, (size_t)len * sizeof *l->z);
        for (int c0 = 0; c0 < nch; c0 += 2) {
            int m = nch - c0 < 2 ? nch - c0 : 2;
            for (int k = 0; k < m; k++) {
                const int c = c0 + k;
                const float *src = in[c] + done;
                float *s = l->scratch[k];
                for (int i = 0; i < len; i++) {
                    float v = src[i];
                    if (!mm_isfinite_f(v)) {
                        v = 0.0f;
                        l->nonfinite++;
                    }
                    s[i] = v;
                    float a = fabsf(v);
                    speak = a > speak ? a : speak;
                }
                /* the running maximum of every channel is the floor: a
                 * period that cannot exceed it changes no reading; with
                 * truepeak 0 no period can (the history stays current,
                 * for when it is switched on again) */
                float tp = mm_truepeak_process_max_above(
                    &l->tp[c], s, len, l->truepeak_on ? l->truepeak : INFINITY);
                /* finite input near FLT_MAX can reconstruct past it */
                if (!mm_isfinite_f(tp))
                    tp = FLT_MAX;
                if (tp > l->truepeak)
                    l->truepeak = tp;
            }
            int w0 = l->weight[c0] > 0.0;
            int w1 = m == 2 && l->weight[c0 + 1] > 0.0;
            if (w0 && w1)
                kweight_add(l, c0, 1, l->scratch, len);
            else if (w0)
                kweight_add(l, c0, 0, l->scratch, len);
            else if (w1)
                kweight_add(l, c0 + 1, 0, l->scratch + 1, len);
        }
        l->samplepeak = speak;
        add_frames(l, len);
    }
    /* the reconstructed waveform passes through every sample */
    if (l->truepeak < l->samplepeak)
        l->truepeak = l->samplepeak;
}

void mm_loudness_read(mm_loudness *l, mm_loudness_readings *r)
{
    if (!l->frames) {
        r->momentary = r->shortterm = r->integrated = r->lra = MM_FLOOR_DB;
        r->samplepeak = r->truepeak = MM_FLOOR_DB;
        return;
    }
    /* a window reads only once it is full of measured signal */
    r->momentary = l->hops >= MOMENTARY_HOPS
                       ? window_lufs(l, MOMENTARY_HOPS) : MM_FLOOR_DB;
    r->shortterm = l->hops >= SHORTTERM_HOPS
                       ? window_lufs(l, SHORTTERM_HOPS) : MM_FLOOR_DB;
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
    {"truepeak", MM_LOUDNESS_TRUEPEAK, MM_P_BOOL, "", 0, 1, 1, 0, 0, NULL,
     "1 reads the true peak (8x oversampled, 4x above 80 kHz), 0 only "
     "the sample peak, which the truepeak reading then gives: a meter of "
     "loudness alone costs less"},
};

const mm_paramtable mm_loudness_table =
    MM_PARAMTABLE("loudness", loudness_rows);

double mm_loudness_set(mm_loudness *l, mm_loudness_param p, double v)
{
    if (!mm_param_take(&mm_loudness_table, (int)p, &v))
        return 0.0;
    if (p == MM_LOUDNESS_TARGET)
        l->target = v;
    else if (p == MM_LOUDNESS_TRUEPEAK)
        l->truepeak_on = v != 0;
    else
        mm_loudness_set_paused(l, v != 0);
    return v;
}

double mm_loudness_get(const mm_loudness *l, mm_loudness_param p)
{
    switch (p) {
    case MM_LOUDNESS_TARGET: return l->target;
    case MM_LOUDNESS_PAUSE: return l->paused;
    case MM_LOUDNESS_TRUEPEAK: return l->truepeak_on;
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
