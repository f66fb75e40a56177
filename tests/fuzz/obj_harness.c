/* obj_harness.c: libFuzzer harness for one mixmaster object's message
 * handling and perform routine, through its real wrapper
 * (externals/<name>.c + mm_pd.c + dsp/) on the pdstub.c runtime.
 *
 * Built by the Makefile (make fuzzers) once per line of
 * tests/robust/objects.list: this file, compiled once, is linked with a
 * small generated file (tests/fuzz/objconfig.sh) that defines the
 * object's name, setup function, creation flags and message (mm_fuzz_*
 * below). The harness learns the object's rows and messages from its
 * declaration (mm_pd_registry) and reads values back with mm_pd_get.
 *
 * Each input: create the object with random flags (A_GIMME atoms: the
 * table's names, random words, numbers including huge, negative, NaN and
 * inf), then a random sequence of: messages (the table's names, choices,
 * Pd's bang/float/list/print, random words; random atoms), DSP (re)starts
 * at random rates and block sizes with random in/out buffer aliasing as Pd
 * does, blocks of random signals (NaN, inf, denormals, huge values), and
 * meter clock ticks. Checked: finite output once the input has been clean
 * for the largest latency + one block + 64 samples, every output sample
 * written, nothing non-finite on the info outlet, latency a whole number,
 * perform returns the right pointer, no clock leaked, the object's own
 * promises when it has a check hook (objcheck.h; none has one yet), and
 * everything ASan/UBSan see.
 *
 * Per input at most MAX_FRAMES frames of signal go through the object,
 * so that an input costs about a millisecond (a heavy object such as
 * limiter~ costs microseconds per frame under the sanitizers); messages,
 * DSP restarts and clock ticks are not limited.
 *
 * The sweep below runs once per process, before the first input, unless
 * MM_FUZZ_SWEEP=0 (tests/fuzz/run.sh runs it in the untimed regression
 * pass, so that the timed fuzzing is all fuzzing).
 */
#include "fuzz.h"
#include "pdstub.h"
#include "objcheck.h"

/* the object under test, from the generated file */
extern const char mm_fuzz_object[]; /* "limiter~" */
extern const char mm_fuzz_flags[];  /* the list's creation flags */
extern const char mm_fuzz_msg[];    /* the list's hard-work message */
extern void (*const mm_fuzz_setup)(void); /* limiter_tilde_setup */
#define MM_FUZZ_OBJECT mm_fuzz_object
#define MM_FUZZ_FLAGS mm_fuzz_flags
#define MM_FUZZ_MSG mm_fuzz_msg
#define MM_FUZZ_SETUP mm_fuzz_setup

#define MAXN 2048
#define MAXSIG 32
#define MAXATOMS 24
#ifndef MAX_FRAMES
#define MAX_FRAMES 8192
#endif

/* ---- the object's rows and messages, from its declaration ---------- */

typedef struct fz_row {
    const char *name;
    const char *const *choices;
    int method;                /* a message with its own arguments */
    double min, max;
} fz_row;

#define MAXROWS 96
static fz_row g_table[MAXROWS];
static int g_count;

static void add_row(const char *name, const char *const *choices,
                    int method, double min, double max)
{
    if (g_count < MAXROWS)
        g_table[g_count++] = (fz_row){name, choices, method, min, max};
}

static void learn_rows(void)
{
    const mm_objdef *const *defs;
    if (mm_pd_registry(&defs) < 1)
        return;
    const mm_objdef *d = defs[0];
    mm_paramdef head[4], tail[4];
    int nh, nt;
    mm_pd_common_rows(d, head, &nh, tail, &nt);
    for (int i = 0; i < nh; i++)
        add_row(head[i].name, head[i].choices, 0, head[i].min, head[i].max);
    for (int i = 0; i < d->core->table->count; i++) {
        const mm_paramdef *r = &d->core->table->defs[i];
        add_row(r->name, r->choices, 0, r->min, r->max);
    }
    for (int i = 0; i < nt; i++)
        add_row(tail[i].name, tail[i].choices, 0, tail[i].min, tail[i].max);
    for (const mm_pdmethod *m = d->methods; m && m->name; m++)
        add_row(m->name, NULL, 1, 0, 0);
    for (const mm_pdmethod *m = mm_pd_common_methods(); m->name; m++)
        add_row(m->name, NULL, 1, 0, 0);
}

__attribute__((weak)) const char *mm_fuzz_check(const mm_fuzz_block *b)
{
    (void)b;
    return NULL;
}

/* ---- atoms ------------------------------------------------------------ */

static t_symbol *random_word(fz *f)
{
    static const char letters[] = "abelnost-";
    char w[5];
    int len = fz_range(f, 1, 4);
    for (int i = 0; i < len; i++)
        w[i] = letters[fz_u8(f) % (sizeof letters - 1)];
    w[len] = 0;
    return gensym(w);
}

static t_symbol *random_symbol(fz *f)
{
    int k = fz_u8(f) % 8;
    if (g_count && k < 3) { /* a choice word of some parameter */
        const fz_row *e = &g_table[fz_u8(f) % g_count];
        if (e->choices && e->choices[0]) {
            int nc = 0;
            while (e->choices[nc])
                nc++;
            return gensym(e->choices[fz_u8(f) % nc]);
        }
    }
    if (g_count && k < 5)
        return gensym(g_table[fz_u8(f) % g_count].name);
    if (k == 5) {
        static const char *const w[] = {"off", "on", "", "-", "left", "all",
                                        "mid", "side", "bang", "-ch"};
        return gensym(w[fz_u8(f) % 10]);
    }
    return random_word(f);
}

static void random_atom(fz *f, t_atom *a, const fz_row *e)
{
    int k = fz_u8(f);
    if (k < 150) {
        double v;
        static const double big[] = {1e10, -1e10, 2147483648.0, -2147483649.0,
                                     1e30, -1e30, 3.4e38, -3.4e38};
        if (k < 15)
            v = big[fz_u8(f) % 8]; /* casts to int must not overflow */
        else if (e && !e->method && k < 90)
            v = fz_double_in(f, e->min - 0.2 * (e->max - e->min),
                             e->max + 0.2 * (e->max - e->min));
        else if (k < 120)
            v = fz_range(f, -3, 12);
        else
            v = fz_param(f, -1e4, 1e4);
        SETFLOAT(a, (t_float)v);
    } else {
        SETSYMBOL(a, random_symbol(f));
    }
}

static const fz_row *random_param(fz *f)
{
    return g_count ? &g_table[fz_u8(f) % g_count] : NULL;
}

/* "-ch 2 -interval 50" -> atoms */
static int parse_atoms(const char *text, t_atom *argv, int max)
{
    char buf[512], *save = NULL;
    int argc = 0;
    snprintf(buf, sizeof buf, "%s", text);
    for (char *t = strtok_r(buf, " ", &save); t && argc < max;
         t = strtok_r(NULL, " ", &save)) {
        char *end;
        double v = strtod(t, &end);
        if (*end == 0 && end != t)
            SETFLOAT(&argv[argc], (t_float)v);
        else
            SETSYMBOL(&argv[argc], gensym(t));
        argc++;
    }
    return argc;
}

static int creation_args(fz *f, t_atom *argv)
{
    int argc = 0;
    if (fz_u8(f) & 1)
        argc = parse_atoms(MM_FUZZ_FLAGS, argv, MAXATOMS);
    int groups = fz_range(f, 0, 5);
    for (int g = 0; g < groups && argc < MAXATOMS; g++) {
        const fz_row *e = random_param(f);
        int k = fz_u8(f) % 8;
        char name[80];
        if (e && k < 6)
            snprintf(name, sizeof name, "-%s", e->name);
        else if (k == 6)
            snprintf(name, sizeof name, "-%s", random_word(f)->s_name);
        else
            snprintf(name, sizeof name, "%s", random_word(f)->s_name);
        SETSYMBOL(&argv[argc], gensym(name)); /* a macro: no argc++ inside */
        argc++;
        int nv = fz_range(f, 0, 3);
        for (int i = 0; i < nv && argc < MAXATOMS; i++)
        {
            random_atom(f, &argv[argc], e);
            argc++;
        }
    }
    return argc;
}

static void random_message(fz *f, t_symbol **sel, int *argc, t_atom *argv)
{
    const fz_row *e = NULL;
    int k = fz_u8(f) % 16;
    if (k < 10 && g_count) {
        e = random_param(f);
        *sel = gensym(e->name);
    } else if (k < 14) {
        static const char *const w[] = {"bang", "float", "list", "print",
                                        "reset", "latency", "symbol", "dsp",
                                        "set", "loadbang"};
        *sel = gensym(w[fz_u8(f) % 10]);
    } else {
        *sel = random_word(f);
    }
    int n = fz_u8(f) < 240 ? fz_range(f, 0, 4) : fz_range(f, 0, MAXATOMS);
    for (int i = 0; i < n; i++)
        random_atom(f, &argv[i], e);
    *argc = n;
}

/* Once per process: every parameter name with every first argument of a
 * fixed hostile set, followed by nothing, a word or a number, and every
 * choice word. Random inputs rarely hit one exact combination (e.g.
 * `channel 1e30 left`); this sweep does, every run. */
static void sweep(t_class *cls)
{
    static const double vals[] = {1e30, -1e30, 3.4e38, -3.4e38, 1e10,
                                  -2147483649.0, 2147483648.0, NAN, INFINITY,
                                  -INFINITY, -1, 0, 0.5, 1, 2, 2.5, 7, 9,
                                  100, 1e6};
    t_atom argv[MAXATOMS];
    int argc = parse_atoms(MM_FUZZ_FLAGS, argv, MAXATOMS);
    t_pd *x = stub_new(cls, argc, argv);
    if (!x)
        return;
    for (int k = 0; k < g_count; k++) {
        const fz_row *e = &g_table[k];
        t_symbol *sel = gensym(e->name);
        for (size_t v = 0; v < sizeof vals / sizeof *vals; v++) {
            for (int tail = 0; tail < 4; tail++) {
                t_atom a[3];
                int n = 1;
                SETFLOAT(&a[0], (t_float)vals[v]);
                if (tail == 1) {
                    SETSYMBOL(&a[1], gensym("left"));
                    n = 2;
                } else if (tail == 2) {
                    SETFLOAT(&a[1], (t_float)vals[(v + 7) % 20]);
                    n = 2;
                } else if (tail == 3) {
                    if (!e->choices)
                        continue; /* it would repeat tail 0 */
                    SETSYMBOL(&a[1], gensym(e->choices[0]));
                    n = 2;
                }
                stub_send(x, sel, n, a);
                /* the same as a creation flag */
                t_atom c[4];
                char flag[80];
                snprintf(flag, sizeof flag, "-%s", e->name);
                SETSYMBOL(&c[0], gensym(flag));
                memcpy(c + 1, a, (size_t)n * sizeof *a);
                t_pd *y = stub_new(cls, n + 1, c);
                if (y)
                    stub_free(y);
            }
        }
        for (int w = 0; e->choices && e->choices[w]; w++) {
            t_atom a;
            SETSYMBOL(&a, gensym(e->choices[w]));
            stub_send(x, sel, 1, &a);
        }
        stub_send(x, sel, 0, NULL);
    }
    stub_free(x);
}

/* ---- the run ---------------------------------------------------------- */

static float sig[MAXSIG][MAXN];     /* the buffers Pd would hand over */
static float incopy[MAXSIG][MAXN];  /* this block's input, kept */
static long clean[MAXN];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static t_class *cls;
    static int hasLatency;
    if (!cls) {
        MM_FUZZ_SETUP();
        cls = stub_last_class();
        learn_rows();
        stub_array("fz0", 64);
        stub_array("fz1", 1);
        const char *sw = getenv("MM_FUZZ_SWEEP");
        if (!sw || strcmp(sw, "0") != 0)
            sweep(cls);
    }
    fz f;
    fz_init(&f, data, size);
    t_atom argv[MAXATOMS];
    int argc = creation_args(&f, argv);
    int clocks0 = stub_clocks_alive();
    stub_reset_latency();
    t_pd *x = stub_new(cls, argc, argv);
    if (!x)
        return 0;
    FZ_CHECK(g_count > 0, "%s did not declare its rows", MM_FUZZ_OBJECT);
    hasLatency = 1; /* every object answers `latency` */
    int nin = stub_signal_inlets(x), nout = stub_signal_outlets(x);
    FZ_CHECK(nin + nout <= MAXSIG, "%d inlets %d outlets", nin, nout);
    t_sample *vec[MAXSIG];
    int n = 64, started = 0;
    double sr = 48000;
    long run_clean = 1L << 40; /* clean samples so far (start: clean) */
    long since_change = 0;
    double lat = 0;
    long budget = MAX_FRAMES;
    {   /* the list's message, as the robustness suite sends it */
        t_atom m[MAXATOMS];
        int mc = parse_atoms(MM_FUZZ_MSG, m, MAXATOMS);
        if (mc > 0 && m[0].a_type == A_SYMBOL && (fz_u8(&f) & 1))
            stub_send(x, m[0].a_w.w_symbol, mc - 1, m + 1);
    }
    for (int ops = 0; fz_left(&f) && ops < 200; ops++) {
        int op = fz_u8(&f) % 12;
        if (op <= 2) {
            t_symbol *sel;
            int mc;
            random_message(&f, &sel, &mc, argv);
            stub_send(x, sel, mc, argv);
            if (hasLatency)
                stub_send(x, gensym("latency"), 0, NULL);
            since_change = 0;
        } else if (op == 3 || !started) {
            if (fz_u8(&f) < 200)
                sr = fz_samplerate(&f);
            n = fz_u8(&f) < 128 ? 64 : 1 << fz_range(&f, 0, 11);
            /* inputs first, then outputs; an output may take over an
             * input's buffer, as Pd reuses it */
            int used[MAXSIG] = {0};
            for (int i = 0; i < nin; i++)
                vec[i] = sig[i];
            for (int j = 0; j < nout; j++) {
                int i = nin ? fz_u8(&f) % (2 * nin) : nin;
                if (i < nin && !used[i]) {
                    used[i] = 1;
                    vec[nin + j] = sig[i];
                } else {
                    vec[nin + j] = sig[nin + j];
                }
            }
            stub_dsp(x, nin, nout, vec, n, (t_float)sr);
            started = 1;
            since_change = 0;
        } else if (op == 11) {
            stub_clocks_fire();
        } else {
            int blocks = fz_range(&f, 1, 8);
            for (int b = 0; b < blocks && budget >= n; b++) {
                budget -= n;
                for (int i = 0; i < nin; i++)
                    fz_signal(&f, incopy[i], n);
                /* unwritten output shows up as NaN */
                for (int j = 0; j < nout; j++)
                    for (int s = 0; s < n; s++)
                        vec[nin + j][s] = NAN;
                for (int i = 0; i < nin; i++)
                    memcpy(vec[i], incopy[i], (size_t)n * sizeof(float));
                for (int s = 0; s < n; s++) {
                    int ok = 1;
                    for (int i = 0; i < nin; i++)
                        ok &= fz_isfinite(incopy[i][s]) &&
                              fabsf(incopy[i][s]) <= 1e6f;
                    run_clean = ok ? run_clean + 1 : 0;
                    clean[s] = run_clean;
                }
                stub_dsp_tick();
                if (stub_latency_max() > lat)
                    lat = stub_latency_max();
                long margin = (long)lat + n + 64;
                for (int j = 0; j < nout; j++)
                    for (int s = 0; s < n; s++)
                        FZ_CHECK(clean[s] <= margin ||
                                     fz_isfinite(vec[nin + j][s]),
                                 "%s: outlet %d sample %d is %g after %ld "
                                 "clean input samples (latency %g, block %d, "
                                 "sr %g)",
                                 MM_FUZZ_OBJECT, j + 1, s, vec[nin + j][s],
                                 clean[s], lat, n, sr);
                mm_fuzz_block blk = {MM_FUZZ_OBJECT, x, nin, nout, n,
                                     sr, (const float *const *)NULL,
                                     (const float *const *)NULL,
                                     since_change, clean, lat};
                const float *ip[MAXSIG], *opn[MAXSIG];
                for (int i = 0; i < nin; i++)
                    ip[i] = incopy[i];
                for (int j = 0; j < nout; j++)
                    opn[j] = vec[nin + j];
                blk.in = ip;
                blk.out = opn;
                const char *why = mm_fuzz_check(&blk);
                FZ_CHECK(why == NULL, "%s: %s", MM_FUZZ_OBJECT, why);
                since_change += n;
            }
        }
    }
    stub_dsp_clear();
    stub_free(x);
    FZ_CHECK(stub_clocks_alive() == clocks0, "%s leaked %d clock(s)",
             MM_FUZZ_OBJECT, stub_clocks_alive() - clocks0);
    return 0;
}
