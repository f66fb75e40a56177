/*
 * lv2host: run one LV2 plugin over a WAV file in fixed blocks and time it.
 *
 *   lv2host [-b 64] [-r 3] [-c symbol=value]... [-v] PLUGIN_URI in.wav out.wav
 *
 * The plugin is instantiated at the file's sample rate with the host
 * features the mastering plugins we compare against need: urid:map and
 * urid:unmap, options:options (param:sampleRate, bufsz:minBlockLength,
 * maxBlockLength, nominalBlockLength, sequenceSize), bufsz:boundedBlockLength,
 * fixedBlockLength, powerOf2BlockLength (when the block is a power of two)
 * and log:log. A plugin that requires anything else is refused by name.
 *
 * Ports: main audio inputs (not lv2:isSideChain) take the file's channels in
 * port order; side-chain and surplus audio inputs get silence. Control
 * inputs take their default unless set with -c (by port symbol). Control
 * outputs, CV ports and atom ports get dummy buffers; atom inputs hold an
 * empty atom:Sequence and atom outputs are reset to an empty atom:Chunk of
 * the full capacity before each run() call, as the atom spec asks.
 *
 * The file is processed in whole blocks of -b frames (the last block is
 * padded with silence, so every run() call has the same length; the padding
 * is not written out). Each of the -r runs instantiates and activates a
 * fresh instance; only the run() loop is timed, with
 * clock_gettime(CLOCK_PROCESS_CPUTIME_ID) (CPU time of every thread of the
 * process, so work a plugin moves to its own threads is counted). The
 * median run is reported as ns per frame per channel, where channels is
 * the number of main audio inputs fed from the file. The last run's audio
 * outputs are written to out.wav as 32-bit float.
 *
 * Output: one line on stdout,
 *   lv2host uri=<uri> frames=<n> channels=<c> ns_per_sample=<ns> latency=<l>
 * latency is the value of the plugin's latency port (lv2:reportsLatency /
 * lv2:latency designation, or a control output with symbol "latency") after
 * the last run, else -1. Diagnostics go to stderr. Exit status: 0 success,
 * 1 usage error, 2 failure.
 *
 * No flush-to-zero or denormals-are-zero mode is set: Pd does not set one
 * either, so both sides run in the default floating-point environment.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/core/lv2.h>
#include <lv2/log/log.h>
#include <lv2/options/options.h>
#include <lv2/parameters/parameters.h>
#include <lv2/resize-port/resize-port.h>
#include <lv2/urid/urid.h>

#include "mmwav.h" /* the tests' WAV reader and writer (tests/lib) */

#define HOST_ATOM_CAPACITY 65536  /* bytes per atom port, at least */
#define HOST_MAX_SETS 256         /* -c options */

/* ---- urid:map / urid:unmap --------------------------------------------- */

typedef struct urid_table {
    char **uris;     /* uris[id - 1] */
    uint32_t n;
    uint32_t cap;
    pthread_mutex_t lock;
} urid_table;

static LV2_URID urid_map(LV2_URID_Map_Handle handle, const char *uri)
{
    urid_table *t = (urid_table *)handle;
    LV2_URID id = 0;
    uint32_t i;

    if (!uri)
        return 0;
    pthread_mutex_lock(&t->lock);
    for (i = 0; i < t->n; i++) {
        if (!strcmp(t->uris[i], uri)) {
            id = i + 1;
            goto done;
        }
    }
    if (t->n == t->cap) {
        uint32_t cap = t->cap ? 2 * t->cap : 64;
        char **u = (char **)realloc(t->uris, cap * sizeof(char *));
        if (!u)
            goto done;
        t->uris = u;
        t->cap = cap;
    }
    t->uris[t->n] = strdup(uri);
    if (t->uris[t->n])
        id = ++t->n;
done:
    pthread_mutex_unlock(&t->lock);
    return id;
}

static const char *urid_unmap(LV2_URID_Unmap_Handle handle, LV2_URID id)
{
    urid_table *t = (urid_table *)handle;
    const char *uri = NULL;

    pthread_mutex_lock(&t->lock);
    if (id >= 1 && id <= t->n)
        uri = t->uris[id - 1];
    pthread_mutex_unlock(&t->lock);
    return uri;
}

static void urid_free(urid_table *t)
{
    uint32_t i;
    for (i = 0; i < t->n; i++)
        free(t->uris[i]);
    free(t->uris);
    pthread_mutex_destroy(&t->lock);
}

/* ---- log:log ----------------------------------------------------------- */

static int log_vprintf(LV2_Log_Handle handle, LV2_URID type, const char *fmt,
    va_list ap)
{
    const char *t = urid_unmap(handle, type);
    const char *h = t ? strrchr(t, '#') : NULL;
    fprintf(stderr, "lv2host: plugin %s: ", h ? h + 1 : "log");
    return vfprintf(stderr, fmt, ap);
}

static int log_printf(LV2_Log_Handle handle, LV2_URID type, const char *fmt,
    ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = log_vprintf(handle, type, fmt, ap);
    va_end(ap);
    return r;
}

/* ---- ports ------------------------------------------------------------- */

enum port_kind {
    PORT_AUDIO_IN, PORT_AUDIO_OUT, PORT_CONTROL_IN, PORT_CONTROL_OUT,
    PORT_CV_IN, PORT_CV_OUT, PORT_ATOM_IN, PORT_ATOM_OUT, PORT_UNKNOWN
};

typedef struct host_port {
    enum port_kind kind;
    const char *symbol;
    float value;         /* control ports */
    float min, max;
    int channel;         /* audio in: file channel, or -1 for silence;
                            audio out: output channel */
    LV2_Atom_Sequence *atom; /* atom ports */
    uint32_t atom_capacity;  /* bytes, including the LV2_Atom header */
    int optional;
} host_port;

typedef struct control_set {
    const char *symbol;
    float value;
    int used;
} control_set;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double elapsed_ns(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) * 1e9
        + (double)(b->tv_nsec - a->tv_nsec);
}

static void usage(void)
{
    fprintf(stderr,
        "usage: lv2host [-b frames] [-r runs] [-c symbol=value]... [-v] "
        "PLUGIN_URI in.wav out.wav\n"
        "  -b  block length in frames for each run() call (default 64)\n"
        "  -r  timed runs, each on a fresh instance; the median is "
        "reported (default 3)\n"
        "  -c  set a control input port by symbol (see lv2info URI)\n"
        "  -v  print ports and per-run times to stderr\n");
}

static int parse_int(const char *s, int *out)
{
    char *e;
    long v;
    errno = 0;
    v = strtol(s, &e, 10);
    if (errno || e == s || *e || v < 1 || v > 1 << 20)
        return -1;
    *out = (int)v;
    return 0;
}

int main(int argc, char **argv)
{
    int block = 64, runs = 3, verbose = 0, nsets = 0;
    control_set sets[HOST_MAX_SETS];
    const char *uri_str, *in_path, *out_path;
    int argi, status = 2;

    LilvWorld *world = NULL;
    LilvNode *uri_node = NULL;
    const LilvPlugin *plugin;
    LilvNode *n_audio, *n_control, *n_cv, *n_atom, *n_input, *n_output,
        *n_sidechain, *n_optional, *n_minsize;
    uint32_t nports = 0, i;
    host_port *ports = NULL;
    float *silence = NULL, *scratch = NULL;
    wav_data in;
    float **inch = NULL, **outch = NULL; /* planar, padded */
    char wav_err[256];
    int n_main_in = 0, n_audio_out = 0, fed = 0;
    long padded, off;
    double *times = NULL;
    float latency = -1.0f;
    int latency_port = -1;

    urid_table urids;
    LV2_URID_Map map;
    LV2_URID_Unmap unmap;
    LV2_Log_Log log;
    LV2_Options_Option options[6];
    float opt_rate;
    int32_t opt_block, opt_seq;
    LV2_Feature f_map, f_unmap, f_options, f_bounded, f_fixed, f_pow2, f_log;
    const LV2_Feature *features[8];
    int nfeat = 0;
    LV2_URID u_sequence, u_chunk;

    memset(&in, 0, sizeof in);
    memset(&urids, 0, sizeof urids);
    pthread_mutex_init(&urids.lock, NULL);

    /* -- arguments -- */
    for (argi = 1; argi < argc && argv[argi][0] == '-' && argv[argi][1];
        argi++) {
        const char *a = argv[argi];
        if (!strcmp(a, "-v")) {
            verbose = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage();
            status = 0;
            goto done;
        } else if ((a[1] == 'b' || a[1] == 'r' || a[1] == 'c')
            && (a[2] || argi + 1 < argc)) {
            /* "-b 64" or "-b64" */
            const char *v = a[2] ? a + 2 : argv[++argi];
            if (a[1] == 'b' && parse_int(v, &block) == 0)
                continue;
            if (a[1] == 'r' && parse_int(v, &runs) == 0)
                continue;
            if (a[1] == 'c') {
                const char *eq = strchr(v, '=');
                char *e;
                if (eq && eq != v && nsets < HOST_MAX_SETS) {
                    double x = strtod(eq + 1, &e);
                    if (e != eq + 1 && !*e) {
                        char *sym = strndup(v, (size_t)(eq - v));
                        if (!sym)
                            goto done;
                        sets[nsets].symbol = sym;
                        sets[nsets].value = (float)x;
                        sets[nsets].used = 0;
                        nsets++;
                        continue;
                    }
                }
            }
            fprintf(stderr, "lv2host: bad value for %s: '%s'\n", a, v);
            usage();
            status = 1;
            goto done;
        } else {
            fprintf(stderr, "lv2host: unknown or incomplete option %s\n", a);
            usage();
            status = 1;
            goto done;
        }
    }
    if (argc - argi != 3) {
        usage();
        status = 1;
        goto done;
    }
    uri_str = argv[argi];
    in_path = argv[argi + 1];
    out_path = argv[argi + 2];

    /* -- input -- */
    if (wav_load(in_path, &in, wav_err, sizeof wav_err)) {
        fprintf(stderr, "lv2host: %s\n", wav_err);
        goto done;
    }
    if (in.frames < 1) {
        fprintf(stderr, "lv2host: %s: no audio frames\n", in_path);
        goto done;
    }
    padded = (in.frames + block - 1) / block * block;
    inch = wav_split(&in, block);
    if (!inch) {
        fprintf(stderr, "lv2host: out of memory\n");
        goto done;
    }

    /* -- plugin -- */
    world = lilv_world_new();
    lilv_world_load_all(world);
    uri_node = lilv_new_uri(world, uri_str);
    plugin = uri_node ? lilv_plugins_get_by_uri(lilv_world_get_all_plugins(
        world), uri_node) : NULL;
    if (!plugin) {
        fprintf(stderr, "lv2host: plugin <%s> not found (see lv2ls)\n",
            uri_str);
        goto done;
    }

    /* -- host features -- */
    map.handle = &urids;
    map.map = urid_map;
    unmap.handle = &urids;
    unmap.unmap = urid_unmap;
    log.handle = &urids;
    log.printf = log_printf;
    log.vprintf = log_vprintf;
    u_sequence = urid_map(&urids, LV2_ATOM__Sequence);
    u_chunk = urid_map(&urids, LV2_ATOM__Chunk);

    opt_rate = (float)in.samplerate;
    opt_block = block;
    opt_seq = HOST_ATOM_CAPACITY;
    {
        LV2_URID t_int = urid_map(&urids, LV2_ATOM__Int);
        LV2_URID t_float = urid_map(&urids, LV2_ATOM__Float);
        LV2_Options_Option o[6] = {
            { LV2_OPTIONS_INSTANCE, 0, 0, sizeof(float), 0, &opt_rate },
            { LV2_OPTIONS_INSTANCE, 0, 0, sizeof(int32_t), 0, &opt_block },
            { LV2_OPTIONS_INSTANCE, 0, 0, sizeof(int32_t), 0, &opt_block },
            { LV2_OPTIONS_INSTANCE, 0, 0, sizeof(int32_t), 0, &opt_block },
            { LV2_OPTIONS_INSTANCE, 0, 0, sizeof(int32_t), 0, &opt_seq },
            { LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL }
        };
        o[0].key = urid_map(&urids, LV2_PARAMETERS__sampleRate);
        o[0].type = t_float;
        o[1].key = urid_map(&urids, LV2_BUF_SIZE__minBlockLength);
        o[2].key = urid_map(&urids, LV2_BUF_SIZE__maxBlockLength);
        o[3].key = urid_map(&urids, LV2_BUF_SIZE__nominalBlockLength);
        o[4].key = urid_map(&urids, LV2_BUF_SIZE__sequenceSize);
        o[1].type = o[2].type = o[3].type = o[4].type = t_int;
        memcpy(options, o, sizeof o);
    }
    f_map.URI = LV2_URID__map;
    f_map.data = &map;
    f_unmap.URI = LV2_URID__unmap;
    f_unmap.data = &unmap;
    f_options.URI = LV2_OPTIONS__options;
    f_options.data = options;
    f_bounded.URI = LV2_BUF_SIZE__boundedBlockLength;
    f_bounded.data = NULL;
    f_fixed.URI = LV2_BUF_SIZE__fixedBlockLength;
    f_fixed.data = NULL;
    f_pow2.URI = LV2_BUF_SIZE__powerOf2BlockLength;
    f_pow2.data = NULL;
    f_log.URI = LV2_LOG__log;
    f_log.data = &log;
    features[nfeat++] = &f_map;
    features[nfeat++] = &f_unmap;
    features[nfeat++] = &f_options;
    features[nfeat++] = &f_bounded;
    features[nfeat++] = &f_fixed;
    if ((block & (block - 1)) == 0)
        features[nfeat++] = &f_pow2;
    features[nfeat++] = &f_log;
    features[nfeat] = NULL;

    {
        LilvNodes *req = lilv_plugin_get_required_features(plugin);
        int missing = 0;
        LILV_FOREACH (nodes, it, req) {
            const char *f = lilv_node_as_uri(lilv_nodes_get(req, it));
            int k, have = 0;
            for (k = 0; k < nfeat; k++)
                have |= !strcmp(features[k]->URI, f);
            /* hardRTCapable is a plugin property listed as a feature */
            have |= !strcmp(f, LV2_CORE__hardRTCapable);
            if (!have) {
                fprintf(stderr, "lv2host: plugin requires feature <%s>, "
                    "which lv2host does not offer\n", f);
                missing = 1;
            }
        }
        lilv_nodes_free(req);
        if (missing)
            goto done;
    }

    /* -- classify ports -- */
    n_audio = lilv_new_uri(world, LV2_CORE__AudioPort);
    n_control = lilv_new_uri(world, LV2_CORE__ControlPort);
    n_cv = lilv_new_uri(world, LV2_CORE__CVPort);
    n_atom = lilv_new_uri(world, LV2_ATOM__AtomPort);
    n_input = lilv_new_uri(world, LV2_CORE__InputPort);
    n_output = lilv_new_uri(world, LV2_CORE__OutputPort);
    n_sidechain = lilv_new_uri(world, LV2_CORE_PREFIX "isSideChain");
    n_optional = lilv_new_uri(world, LV2_CORE__connectionOptional);
    n_minsize = lilv_new_uri(world, LV2_RESIZE_PORT__minimumSize);

    nports = lilv_plugin_get_num_ports(plugin);
    ports = (host_port *)calloc(nports ? nports : 1, sizeof *ports);
    silence = (float *)calloc((size_t)block, sizeof(float));
    scratch = (float *)calloc((size_t)block, sizeof(float));
    times = (double *)calloc((size_t)runs, sizeof(double));
    if (!ports || !silence || !scratch || !times)
        goto free_nodes;

    if (lilv_plugin_has_latency(plugin))
        latency_port = (int)lilv_plugin_get_latency_port_index(plugin);

    for (i = 0; i < nports; i++) {
        const LilvPort *p = lilv_plugin_get_port_by_index(plugin, i);
        host_port *hp = &ports[i];
        int is_in = lilv_port_is_a(plugin, p, n_input);
        int is_out = lilv_port_is_a(plugin, p, n_output);

        hp->symbol = lilv_node_as_string(lilv_port_get_symbol(plugin, p));
        hp->optional = lilv_port_has_property(plugin, p, n_optional);
        hp->channel = -1;
        if (lilv_port_is_a(plugin, p, n_audio)) {
            if (is_in) {
                hp->kind = PORT_AUDIO_IN;
                if (!lilv_port_has_property(plugin, p, n_sidechain)) {
                    if (n_main_in < in.channels)
                        hp->channel = n_main_in;
                    n_main_in++;
                }
            } else {
                hp->kind = PORT_AUDIO_OUT;
                hp->channel = n_audio_out++;
            }
        } else if (lilv_port_is_a(plugin, p, n_control)) {
            LilvNode *def = NULL, *mn = NULL, *mx = NULL;
            lilv_port_get_range(plugin, p, &def, &mn, &mx);
            hp->min = mn ? lilv_node_as_float(mn) : NAN;
            hp->max = mx ? lilv_node_as_float(mx) : NAN;
            hp->value = def ? lilv_node_as_float(def)
                : (mn ? hp->min : 0.0f);
            lilv_node_free(def);
            lilv_node_free(mn);
            lilv_node_free(mx);
            hp->kind = is_in ? PORT_CONTROL_IN : PORT_CONTROL_OUT;
            if (is_out && latency_port < 0 && !strcmp(hp->symbol, "latency"))
                latency_port = (int)i;
        } else if (lilv_port_is_a(plugin, p, n_cv)) {
            hp->kind = is_in ? PORT_CV_IN : PORT_CV_OUT;
        } else if (lilv_port_is_a(plugin, p, n_atom)) {
            LilvNodes *sz = lilv_port_get_value(plugin, p, n_minsize);
            uint32_t cap = HOST_ATOM_CAPACITY;
            if (sz && lilv_nodes_size(sz) > 0) {
                int s = lilv_node_as_int(lilv_nodes_get_first(sz));
                if (s > 0 && (uint32_t)s > cap)
                    cap = (uint32_t)s;
            }
            lilv_nodes_free(sz);
            hp->kind = is_in ? PORT_ATOM_IN : PORT_ATOM_OUT;
            hp->atom_capacity = cap;
            hp->atom = (LV2_Atom_Sequence *)calloc(1, cap);
            if (!hp->atom)
                goto free_nodes;
        } else {
            hp->kind = PORT_UNKNOWN;
            if (!hp->optional) {
                fprintf(stderr, "lv2host: port %u '%s' has a type lv2host "
                    "does not know and is not connectionOptional\n", i,
                    hp->symbol);
                goto free_nodes;
            }
        }
        if (!is_in && !is_out && hp->kind != PORT_UNKNOWN) {
            fprintf(stderr, "lv2host: port %u '%s' is neither input nor "
                "output\n", i, hp->symbol);
            goto free_nodes;
        }
    }
    fed = n_main_in < in.channels ? n_main_in : in.channels;
    if (fed < 1) {
        fprintf(stderr, "lv2host: plugin has no main audio input\n");
        goto free_nodes;
    }
    if (n_audio_out < 1) {
        fprintf(stderr, "lv2host: plugin has no audio output\n");
        goto free_nodes;
    }
    if (in.channels > n_main_in)
        fprintf(stderr, "lv2host: warning: file has %d channels, plugin "
            "takes %d; the rest are ignored\n", in.channels, n_main_in);
    if (in.channels < n_main_in)
        fprintf(stderr, "lv2host: warning: file has %d channels, plugin "
            "takes %d; the rest get silence\n", in.channels, n_main_in);

    /* -- -c settings -- */
    for (argi = 0; argi < nsets; argi++) {
        for (i = 0; i < nports; i++) {
            host_port *hp = &ports[i];
            if (hp->kind != PORT_CONTROL_IN
                || strcmp(hp->symbol, sets[argi].symbol))
                continue;
            hp->value = sets[argi].value;
            sets[argi].used = 1;
            if ((!isnan(hp->min) && hp->value < hp->min)
                || (!isnan(hp->max) && hp->value > hp->max))
                fprintf(stderr, "lv2host: warning: %s=%g is outside "
                    "[%g, %g]\n", hp->symbol, hp->value, hp->min, hp->max);
        }
        if (!sets[argi].used) {
            fprintf(stderr, "lv2host: no control input port with symbol "
                "'%s' (see lv2info %s)\n", sets[argi].symbol, uri_str);
            status = 1;
            goto free_nodes;
        }
    }

    if (verbose) {
        static const char *kinds[] = { "audio in", "audio out", "control in",
            "control out", "cv in", "cv out", "atom in", "atom out", "?" };
        for (i = 0; i < nports; i++) {
            const host_port *hp = &ports[i];
            fprintf(stderr, "  port %3u %-12s %s", i, kinds[hp->kind],
                hp->symbol);
            if (hp->kind == PORT_CONTROL_IN)
                fprintf(stderr, " = %g", hp->value);
            else if (hp->kind == PORT_AUDIO_IN)
                fprintf(stderr, hp->channel < 0 ? " <- silence"
                    : " <- file channel %d", hp->channel);
            else if (hp->kind == PORT_AUDIO_OUT)
                fprintf(stderr, " -> out channel %d", hp->channel);
            else if (hp->kind == PORT_ATOM_IN || hp->kind == PORT_ATOM_OUT)
                fprintf(stderr, " (%u bytes)", hp->atom_capacity);
            fprintf(stderr, "%s\n", (int)i == latency_port ? " [latency]"
                : "");
        }
    }

    outch = wav_planar(n_audio_out > 0 ? n_audio_out : 1, padded);
    if (!outch) {
        fprintf(stderr, "lv2host: out of memory\n");
        goto free_nodes;
    }

    /* -- timed runs -- */
    for (argi = 0; argi < runs; argi++) {
        LilvInstance *inst = lilv_plugin_instantiate(plugin, in.samplerate,
            features);
        struct timespec t0, t1;

        if (!inst) {
            fprintf(stderr, "lv2host: instantiating <%s> failed\n", uri_str);
            goto free_nodes;
        }
        for (i = 0; i < nports; i++) {
            host_port *hp = &ports[i];
            switch (hp->kind) {
            case PORT_CONTROL_IN:
            case PORT_CONTROL_OUT:
                lilv_instance_connect_port(inst, i, &hp->value);
                break;
            case PORT_CV_IN:
                lilv_instance_connect_port(inst, i, silence);
                break;
            case PORT_CV_OUT:
                lilv_instance_connect_port(inst, i, scratch);
                break;
            case PORT_ATOM_IN:
            case PORT_ATOM_OUT:
                lilv_instance_connect_port(inst, i, hp->atom);
                break;
            case PORT_UNKNOWN:
                lilv_instance_connect_port(inst, i, NULL);
                break;
            case PORT_AUDIO_IN: /* audio is re-connected for each block */
                lilv_instance_connect_port(inst, i, silence);
                break;
            case PORT_AUDIO_OUT:
                lilv_instance_connect_port(inst, i, scratch);
                break;
            }
        }
        lilv_instance_activate(inst);

        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
        for (off = 0; off < padded; off += block) {
            for (i = 0; i < nports; i++) {
                host_port *hp = &ports[i];
                switch (hp->kind) {
                case PORT_AUDIO_IN:
                    lilv_instance_connect_port(inst, i, hp->channel < 0
                        ? silence : inch[hp->channel] + off);
                    break;
                case PORT_AUDIO_OUT:
                    lilv_instance_connect_port(inst, i,
                        outch[hp->channel] + off);
                    break;
                case PORT_ATOM_IN:
                    hp->atom->atom.size = sizeof(LV2_Atom_Sequence_Body);
                    hp->atom->atom.type = u_sequence;
                    hp->atom->body.unit = 0;
                    hp->atom->body.pad = 0;
                    break;
                case PORT_ATOM_OUT:
                    hp->atom->atom.size = hp->atom_capacity
                        - (uint32_t)sizeof(LV2_Atom);
                    hp->atom->atom.type = u_chunk;
                    break;
                default:
                    break;
                }
            }
            lilv_instance_run(inst, (uint32_t)block);
        }
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);

        times[argi] = elapsed_ns(&t0, &t1);
        if (latency_port >= 0)
            latency = ports[latency_port].value;
        if (verbose)
            fprintf(stderr, "  run %d: %.3f ms, %.3f ns/sample\n", argi + 1,
                times[argi] * 1e-6,
                times[argi] / ((double)in.frames * fed));
        lilv_instance_deactivate(inst);
        lilv_instance_free(inst);
    }
    qsort(times, (size_t)runs, sizeof(double), cmp_double);

    if (wav_save_planar(out_path, outch, n_audio_out, in.frames,
            in.samplerate, 32)) {
        fprintf(stderr, "lv2host: %s: cannot write (no audio outputs?)\n",
            out_path);
        goto free_nodes;
    }
    printf("lv2host uri=%s frames=%ld channels=%d ns_per_sample=%.3f "
        "latency=%g\n", uri_str, in.frames, fed,
        (runs % 2 ? times[runs / 2]
            : 0.5 * (times[runs / 2 - 1] + times[runs / 2]))
            / ((double)in.frames * fed),
        latency_port >= 0 ? (double)latency : -1.0);
    status = 0;

free_nodes:
    lilv_node_free(n_audio);
    lilv_node_free(n_control);
    lilv_node_free(n_cv);
    lilv_node_free(n_atom);
    lilv_node_free(n_input);
    lilv_node_free(n_output);
    lilv_node_free(n_sidechain);
    lilv_node_free(n_optional);
    lilv_node_free(n_minsize);
done:
    if (ports) {
        for (i = 0; i < nports; i++)
            free(ports[i].atom);
        free(ports);
    }
    free(silence);
    free(scratch);
    free(times);
    wav_free(&in);
    free(inch);
    free(outch);
    for (argi = 0; argi < nsets; argi++)
        free((char *)sets[argi].symbol);
    lilv_node_free(uri_node);
    if (world)
        lilv_world_free(world);
    urid_free(&urids);
    return status;
}
