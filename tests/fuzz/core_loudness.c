/* Fuzz mm_loudness: readings are finite and never below the -144 floor,
 * LRA is >= 0 when measured, the sample peak covers every finite input
 * sample since reset and the true peak covers the sample peak, and the
 * readings do not depend on the block size (two instances, cut
 * differently, read at the same sample: bitwise equal). Roles, pause,
 * reset and rate changes in between; invalid channel counts and rates are
 * refused.
 *
 * Kept short per input (a millisecond or a few): every init, reset and
 * rate change allocates libebur128's 3 s window (sample rate x channels x
 * 24 bytes, page by page under ASan), and every sample of every channel
 * runs an 8x true-peak detector in both meters. So rates are mostly low
 * (8 kHz: 100 ms blocks of 800 samples, the gating reached in 3200),
 * channel counts mostly 1 or 2, and the frames per input come from a
 * tier, 256 << k with k = 0..7 (probability 2^-(k+1), the last 2^-7):
 * about 1,000 frames on average, and up to 32768 (4 s at 8 kHz: past the
 * 30 blocks that short-term loudness and LRA need); a reset or a rate
 * change is charged RENEW_COST frames. */
#include "fuzz.h"
#include "mm_loudness.h"

#define MAXN 4096
/* a reset or a rate change re-creates both meters: charged as frames */
#define RENEW_COST 512

/* mostly 8 kHz; the other low rates; any rate Pd runs at (22.05 to
 * 192 kHz, standard or not); rarely a hostile value, most of them
 * invalid (below 8 kHz, negative, huge, NaN, inf: they must be refused) */
static double pick_rate(fz *f)
{
    static const double low[] = {11025, 12000, 16000, 22050};
    uint8_t k = fz_u8(f);
    if (k < 176)
        return 8000.0;
    if (k < 224)
        return low[k % 4];
    if (k < 240)
        return fz_samplerate(f);
    return fz_param(f, 0, 8000);
}

static void check_readings(const mm_loudness_readings *r, double maxabs)
{
    const double v[6] = {r->momentary, r->shortterm, r->integrated, r->lra,
                         r->samplepeak, r->truepeak};
    for (int k = 0; k < 6; k++)
        FZ_CHECK(isfinite(v[k]) && v[k] >= MM_FLOOR_DB,
                 "reading %d is %g", k, v[k]);
    FZ_CHECK(r->lra == MM_FLOOR_DB || r->lra >= 0.0, "lra %g", r->lra);
    double sp = maxabs > MM_FLOOR_GAIN ? 20.0 * log10(maxabs) : MM_FLOOR_DB;
    if (maxabs < 1e30)
        FZ_CHECK(r->samplepeak >= sp - 1e-9, "samplepeak %g < %g",
                 r->samplepeak, sp);
    FZ_CHECK(r->truepeak >= r->samplepeak - 1e-9, "truepeak %g < samplepeak %g",
             r->truepeak, r->samplepeak);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mm_loudness a, b;
    static float buf[MM_LOUDNESS_MAXCH][MAXN];
    const float *in[MM_LOUDNESS_MAXCH];
    fz f;
    fz_init(&f, data, size);
    uint8_t ck = fz_u8(&f);
    int nch = ck < 208 ? 1 + (ck & 1) : fz_range(&f, 0, MM_LOUDNESS_MAXCH + 1);
    double sr = pick_rate(&f);
    int tier = 0;
    for (uint8_t tb = fz_u8(&f); tier < 7 && (tb >> tier & 1); tier++)
        ;
    long budget = 256L << tier; /* frames */
    /* above Pd's rates (up to the 10 MHz the core takes), one channel: the
     * windows grow with rate x channels (1 MHz x 8: 190 MB per meter, tens
     * of ms to clear) and the pair adds no code path that either alone
     * misses */
    if (sr > 192000.0 && nch > 1 && nch <= MM_LOUDNESS_MAXCH)
        nch = 1;
    int ra = mm_loudness_init(&a, nch, sr);
    if (nch < 1 || nch > MM_LOUDNESS_MAXCH || !(sr >= 8000.0 && sr <= 1e7)) {
        FZ_CHECK(ra == MM_E_ARG, "init(%d, %g) = %d", nch, sr, ra);
        mm_loudness_free(&a);
        return 0;
    }
    if (ra != MM_OK)
        return 0;
    if (mm_loudness_init(&b, nch, sr) != MM_OK)
        abort();
    double maxabs = 0.0;
    for (int c = 0; c < nch; c++)
        in[c] = buf[c];
    for (int ops = 0; fz_left(&f) && ops < 48 && budget > 0; ops++) {
        int op = fz_u8(&f) % 16;
        if (op == 0) {
            int ch = fz_range(&f, -1, nch);
            int role = fz_range(&f, -1, 7);
            int e1 = mm_loudness_set_role(&a, ch, (mm_loudness_role)role);
            int e2 = mm_loudness_set_role(&b, ch, (mm_loudness_role)role);
            FZ_CHECK(e1 == e2, "set_role");
            FZ_CHECK((e1 == MM_OK) == (ch >= 0 && ch < nch && role >= 0 &&
                                       role <= MM_ROLE_DUALMONO),
                     "set_role(%d, %d) = %d", ch, role, e1);
        } else if (op == 1) {
            int p = fz_u8(&f) & 1;
            mm_loudness_set_paused(&a, p);
            mm_loudness_set_paused(&b, p);
        } else if (op == 2) {
            budget -= RENEW_COST;
            if (mm_loudness_reset(&a) || mm_loudness_reset(&b))
                abort();
            maxabs = 0.0;
        } else if (op == 3) {
            double r = pick_rate(&f);
            if (r > 192000.0 && nch > 1)
                r = sr; /* as above: such rates on one channel only */
            budget -= RENEW_COST;
            int e1 = mm_loudness_set_samplerate(&a, r);
            int e2 = mm_loudness_set_samplerate(&b, r);
            FZ_CHECK(e1 == e2, "set_samplerate");
            if (r >= 8000.0 && r <= 1e7)
                FZ_CHECK(e1 == MM_OK, "set_samplerate(%g) = %d", r, e1);
            else
                FZ_CHECK(e1 == MM_E_ARG, "set_samplerate(%g) = %d", r, e1);
            if (e1 == MM_OK && r != sr)
                maxabs = 0.0; /* a new rate starts anew */
            if (e1 == MM_OK)
                sr = r;
        } else {
            int len = fz_range(&f, 1, budget < MAXN ? (int)budget : MAXN);
            budget -= len;
            for (int c = 0; c < nch; c++) {
                fz_signal(&f, buf[c], len);
                for (int i = 0; i < len; i++)
                    if (fz_isfinite(buf[c][i]))
                        maxabs = fmax(maxabs, fabsf(buf[c][i]));
            }
            const float *pa[MM_LOUDNESS_MAXCH];
            for (int done = 0; done < len;) {
                int n = fz_blocksize(&f, len - done);
                for (int c = 0; c < nch; c++)
                    pa[c] = buf[c] + done;
                mm_loudness_process(&a, pa, n);
                done += n;
            }
            (void)in;
            for (int done = 0; done < len;) {
                int n = fz_blocksize(&f, len - done);
                for (int c = 0; c < nch; c++)
                    pa[c] = buf[c] + done;
                mm_loudness_process(&b, pa, n);
                done += n;
            }
            mm_loudness_readings r1, r2;
            mm_loudness_read(&a, &r1);
            mm_loudness_read(&b, &r2);
            check_readings(&r1, maxabs);
            FZ_CHECK(memcmp(&r1, &r2, sizeof r1) == 0,
                     "block-size dependence: M %.17g/%.17g S %.17g/%.17g "
                     "I %.17g/%.17g LRA %.17g/%.17g SP %.17g/%.17g "
                     "TP %.17g/%.17g",
                     r1.momentary, r2.momentary, r1.shortterm, r2.shortterm,
                     r1.integrated, r2.integrated, r1.lra, r2.lra,
                     r1.samplepeak, r2.samplepeak, r1.truepeak, r2.truepeak);
        }
    }
    mm_loudness_free(&a);
    mm_loudness_free(&b);
    return 0;
}
