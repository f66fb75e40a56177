/* mm_pd.c: the Pd class built from an object's declaration (mm_pd.h):
 * flags and messages from the core's table, the common rows and
 * messages, the info outlet and meter clock, and the signal plumbing
 * (dry path, bypass/delta, failure). Everything but perform runs in
 * Pd's message context. */
#include "mm_pd.h"
#include "mm_common.h"
#include <stdio.h>
#include <string.h>

/* ---- the registry: declaration by class name --------------------------- */

#define MM_PD_MAXCLASSES 32
static mm_objdef completed[MM_PD_MAXCLASSES];
static const mm_objdef *registry[MM_PD_MAXCLASSES];
static t_class *classes[MM_PD_MAXCLASSES];
static int nregistered;

int mm_pd_registry(const mm_objdef *const **defs)
{
    *defs = registry;
    return nregistered;
}

static int lookup(const char *name)
{
    for (int i = 0; i < nregistered; i++)
        if (!strcmp(registry[i]->name, name))
            return i;
    return -1;
}

const char *mm_pd_name(const void *x)
{
    return ((const mm_pdobj *)x)->def->name;
}

/* ---- the common rows ----------------------------------------------------- */

/* Ids of the rows every object may have; core ids are >= 0. */
enum { ID_CH = -1, ID_SIDECHAIN = -2, ID_BYPASS = -3,
       ID_DELTA = MM_PD_ID_DELTA, ID_INTERVAL = -5 };

static const mm_paramdef sidechain_row = {
    "sidechain", ID_SIDECHAIN, MM_P_BOOL, "", 0, 1, 0, MM_P_CREATION, 0,
    NULL, "1 adds a key inlet after the channels (creation only)"};
static const mm_paramdef bypass_row = {
    "bypass", ID_BYPASS, MM_P_BOOL, "", 0, 1, 0, 0, 0, NULL,
    "1: output = input, latency-compensated (crossfaded)"};
static const mm_paramdef delta_row = {
    "delta", ID_DELTA, MM_P_BOOL, "", 0, 1, 0, 0, 0, NULL,
    "1: output = processed - input (hear what the object changes)"};

/* The rows an object has before and after its core's rows. */
int mm_pd_common_rows(const mm_objdef *def, mm_paramdef *head, int *nhead,
                      mm_paramdef *tail, int *ntail)
{
    *nhead = *ntail = 0;
    if (def->ch_max > def->ch_min) {
        mm_paramdef ch = {"ch", ID_CH, MM_P_INT, "", def->ch_min,
                          def->ch_max, def->ch_def, MM_P_CREATION, 0, NULL,
                          "number of channels (creation only)"};
        head[(*nhead)++] = ch;
    }
    if (def->features & MM_OBJ_SIDECHAIN)
        head[(*nhead)++] = sidechain_row;
    if (def->features & MM_OBJ_SOUND) {
        tail[(*ntail)++] = bypass_row;
        tail[(*ntail)++] = delta_row;
    }
    if (def->features & MM_OBJ_METER) {
        mm_paramdef iv = {"interval", ID_INTERVAL, MM_P_FLOAT, "ms", 0,
                          60000, def->interval_def, 0, 0, NULL,
                          "info outlet period, 0 = only on bang"};
        tail[(*ntail)++] = iv;
    }
    return *nhead + *ntail;
}

static const mm_pdmethod common_methods[] = {
    {"reset", NULL, NULL, "",
     "clear the state (envelopes, meters, measured values); parameters stay",
     MM_P_NOFLAG, NULL},
    {"latency", NULL, NULL, "",
     "emit latency <samples> on the info outlet (also each time DSP starts)",
     MM_P_NOFLAG, NULL},
    {"print", NULL, NULL, "",
     "post every parameter and its current value to the Pd window",
     MM_P_NOFLAG, NULL},
    {"bang", NULL, NULL, "", "emit every reading on the info outlet now",
     MM_P_NOFLAG, NULL},
    {0}};

const mm_pdmethod *mm_pd_common_methods(void)
{
    return common_methods;
}

/* ---- the core's verbs (the wrapper's callback replaces one) ------------ */

static const mm_paramtable *table_of(const mm_objdef *def)
{
    return def->core ? def->core->table : NULL;
}

#define STATE(x) mm_pd_core(x)
#define VERB(x, v) ((x)->def->core ? (x)->def->core->v : NULL)

static int core_create(mm_pdobj *x)
{
    if (x->def->create)
        return x->def->create(x, x->samplerate);
    return VERB(x, init)
           && VERB(x, init)(STATE(x), x->nch, x->samplerate) == MM_OK;
}

static void core_destroy(mm_pdobj *x)
{
    if (x->def->destroy)
        x->def->destroy(x);
    else if (VERB(x, free))
        VERB(x, free)(STATE(x));
}

static double core_set(mm_pdobj *x, int id, double v)
{
    if (x->def->set)
        return x->def->set(x, id, v);
    return VERB(x, set) ? VERB(x, set)(STATE(x), id, v) : v;
}

static int core_samplerate(mm_pdobj *x, double sr)
{
    if (x->def->samplerate)
        return x->def->samplerate(x, sr);
    return !VERB(x, set_samplerate)
           || VERB(x, set_samplerate)(STATE(x), sr) == MM_OK;
}

static void core_reset(mm_pdobj *x)
{
    if (x->def->reset)
        x->def->reset(x);
    else if (VERB(x, reset))
        VERB(x, reset)(STATE(x));
}

static void core_snap(mm_pdobj *x)
{
    if (x->def->snap)
        x->def->snap(x);
    else if (VERB(x, snap))
        VERB(x, snap)(STATE(x));
}

static void core_process(mm_pdobj *x, int n, const float *key)
{
    if (x->def->process)
        x->def->process(x, x->in, x->out, key, n);
    else
        VERB(x, process)(STATE(x), x->in, x->out, key, n);
}

static int has_latency(const mm_pdobj *x)
{
    return x->def->latency || VERB(x, latency);
}

static int core_latency(const mm_pdobj *x)
{
    if (!x->ok)
        return 0;
    if (x->def->latency)
        return x->def->latency(x);
    return VERB(x, latency) ? VERB(x, latency)(STATE(x)) : 0;
}

static int core_max_latency(const mm_pdobj *x)
{
    if (x->def->max_latency)
        return x->def->max_latency(x);
    if (VERB(x, max_latency))
        return VERB(x, max_latency)(STATE(x));
    return core_latency(x);
}

/* Every row of an object in print order, with where its value lives. */
typedef struct row {
    mm_paramdef d;
    t_float *value;
} row;

#define MAXROWS (MM_PD_MAXPARAMS + 8)

static int rows_of(mm_pdobj *x, row *r)
{
    mm_paramdef head[4], tail[4];
    int nh, nt, n = 0;
    mm_pd_common_rows(x->def, head, &nh, tail, &nt);
    for (int i = 0; i < nh; i++, n++) {
        r[n].d = head[i];
        r[n].value = NULL;
    }
    const mm_paramtable *t = table_of(x->def);
    if (t)
        for (int i = 0; i < t->count && i < MM_PD_MAXPARAMS; i++, n++) {
            r[n].d = t->defs[i];
            r[n].value = &x->value[i];
        }
    for (int i = 0; i < nt; i++, n++) {
        r[n].d = tail[i];
        r[n].value = NULL;
    }
    return n;
}

static t_float row_value(mm_pdobj *x, const row *r)
{
    switch (r->d.id) {
    case ID_CH: return x->nch;
    case ID_SIDECHAIN: return x->sidechain;
    case ID_BYPASS: return x->bypass;
    case ID_DELTA: return x->delta;
    case ID_INTERVAL: return (t_float)x->interval_ms;
    default: return r->value ? *r->value : 0;
    }
}

static int ncurves(const mm_objdef *def);

/* ---- helpers ------------------------------------------------------------- */

t_float mm_pd_clamp_warn(void *x, const char *what, t_float v, t_float min,
                         t_float max, const char *unit)
{
    if (v >= min && v <= max)
        return v;
    logpost(x, PD_NORMAL,
            "warning: %s: %s %g is out of range %g..%g%s%s, using %g",
            mm_pd_name(x), what, v, min, max, unit && unit[0] ? " " : "",
            unit ? unit : "", v < min ? min : max);
    return v < min ? min : max;
}

int mm_pd_arg_float(void *x, const char *msg, int argc, t_atom *argv, int i,
                    t_float *out)
{
    if (i >= argc || argv[i].a_type != A_FLOAT
        || !mm_isfinite_f(atom_getfloat(argv + i))) {
        pd_error(x, "%s: %s: argument %d must be a number", mm_pd_name(x),
                 msg, i + 1);
        return 0;
    }
    *out = atom_getfloat(argv + i);
    return 1;
}

int mm_pd_arg_symbol(void *x, const char *msg, int argc, t_atom *argv,
                     int i, t_symbol **out)
{
    if (i >= argc || argv[i].a_type != A_SYMBOL) {
        pd_error(x, "%s: %s: argument %d must be a word", mm_pd_name(x),
                 msg, i + 1);
        return 0;
    }
    *out = atom_getsymbol(argv + i);
    return 1;
}

int mm_pd_arg_floats(void *x, const char *msg, int argc, t_atom *argv,
                     double min, double max, const char *unit,
                     int ascending, double *out)
{
    for (int i = 0; i < argc; i++) {
        t_float f;
        if (!mm_pd_arg_float(x, msg, argc, argv, i, &f))
            return 0;
        out[i] = f;
    }
    for (int i = 0; i < argc; i++) {
        out[i] = mm_pd_clamp_warn(x, msg, (t_float)out[i], (t_float)min,
                                  (t_float)max, unit);
        if (ascending && i > 0 && out[i] <= out[i - 1]) {
            pd_error(x, "%s: %s must ascend (%g after %g)",
                     mm_pd_name(x), msg, out[i], out[i - 1]);
            return 0;
        }
    }
    return 1;
}

/* Convention 6: never inf or NaN on the info outlet. */
static t_float safe(double v)
{
    if (!mm_isfinite_d(v) || !mm_isfinite_f((float)v))
        return (t_float)MM_FLOOR_DB;
    return (t_float)v;
}

void mm_pd_info(void *x, const char *sel, double v)
{
    t_atom a;
    SETFLOAT(&a, safe(v));
    outlet_anything(((mm_pdobj *)x)->info, gensym(sel), 1, &a);
}

void mm_pd_info_list(void *x, const char *sel, int n, const double *v)
{
    t_atom a[16];
    if (n > 16)
        n = 16;
    for (int i = 0; i < n; i++)
        SETFLOAT(a + i, safe(v[i]));
    outlet_anything(((mm_pdobj *)x)->info, gensym(sel), n, a);
}

int mm_pd_array_write(void *x, t_symbol *name, const float *values, int n)
{
    t_garray *a = (t_garray *)pd_findbyclass(name, garray_class);
    int size;
    t_word *vec;
    if (!a) {
        pd_error(x, "%s: no array named '%s'", mm_pd_name(x), name->s_name);
        return 0;
    }
    if (!garray_getfloatwords(a, &size, &vec)) {
        pd_error(x, "%s: array '%s' is not a float array", mm_pd_name(x),
                 name->s_name);
        return 0;
    }
    if (size != n) {
        garray_resize_long(a, n);
        if (!garray_getfloatwords(a, &size, &vec) || size != n)
            return 0;
    }
    for (int i = 0; i < n; i++)
        vec[i].w_float = mm_isfinite_f(values[i]) ? values[i] : 0.0f;
    garray_redraw(a);
    return 1;
}

void mm_pd_fail(void *xp, const char *why)
{
    mm_pdobj *x = xp;
    if (x->ok)
        pd_error(x, "%s: %s; the object stays silent", x->def->name, why);
    x->ok = 0;
}

int mm_pd_buffer(void *x, mm_pdbuf *b, size_t count)
{
    if (count <= b->count)
        return 1;
    float *p = resizebytes(b->data, b->count * sizeof(float),
                           count * sizeof(float));
    if (!p) {
        mm_pd_fail(x, "out of memory");
        return 0;
    }
    memset(p + b->count, 0, (count - b->count) * sizeof(float));
    b->data = p;
    b->count = count;
    return 1;
}

void mm_pd_buffer_free(mm_pdbuf *b)
{
    if (b->data)
        freebytes(b->data, b->count * sizeof(float));
    b->data = NULL;
    b->count = 0;
}

/* ---- meters -------------------------------------------------------------- */

static void emit(mm_pdobj *x)
{
    if (x->ok && x->def->emit)
        x->def->emit(x);
}

static void meter_tick(mm_pdobj *x)
{
    emit(x);
    if (x->interval_ms > 0)
        clock_delay(x->clock, x->interval_ms);
}

static void set_interval(mm_pdobj *x, double ms)
{
    x->interval_ms = ms > 0 ? ms : 0;
    if (x->interval_ms > 0)
        clock_delay(x->clock, x->interval_ms);
    else
        clock_unset(x->clock);
}

/* ---- latency and the dry path ------------------------------------------- */

static int nout(const mm_pdobj *x)
{
    return x->def->outs > 0 ? x->def->outs
           : x->def->outs < 0 ? 0 : x->nch;
}

void mm_pd_latency_changed(void *xp)
{
    mm_pdobj *x = xp;
    int d = core_latency(x);
    if (d != x->latency) {
        x->latency = d;
        for (int c = 0; c < x->nch; c++)
            mm_delay_set(&x->dry[c], d);
    }
    mm_pd_info(x, "latency", x->latency);
}

/* The dry delay lines, sized for the longest latency the core may have. */
static void size_dry(mm_pdobj *x)
{
    int maxd = x->ok ? core_max_latency(x) : 0;
    if (!(x->def->features & MM_OBJ_SOUND) || maxd <= x->drymax)
        return;
    for (int c = 0; c < x->nch; c++)
        if (mm_delay_init(&x->dry[c], maxd) != MM_OK) {
            mm_pd_fail(x, "out of memory for the dry path");
            return;
        }
    x->drymax = maxd;
    x->latency = -1; /* re-time below */
}

/* ---- parameters ---------------------------------------------------------- */

static void choice_list(const mm_paramdef *d, char *buf, size_t size)
{
    buf[0] = 0;
    for (int k = 0; d->choices && d->choices[k]; k++) {
        if (k)
            strncat(buf, "|", size - strlen(buf) - 1);
        strncat(buf, d->choices[k], size - strlen(buf) - 1);
    }
}

static int choice_index(const mm_paramdef *d, const char *word)
{
    for (int k = 0; d->choices && d->choices[k]; k++)
        if (!strcmp(d->choices[k], word))
            return k;
    return -1;
}

/* Read a row's value from a message's arguments; 0 (and an error) when
 * they are unusable. */
static int parse_value(mm_pdobj *x, const mm_paramdef *d, int argc,
                       t_atom *argv, t_float *out)
{
    const char *obj = x->def->name;
    if (d->type == MM_P_CHOICE) {
        char list[256], word[MAXPDSTRING];
        choice_list(d, list, sizeof list);
        if (argc < 1 || (argv[0].a_type != A_SYMBOL
                         && argv[0].a_type != A_FLOAT)) {
            pd_error(x, "%s: %s needs one of %s", obj, d->name, list);
            return 0;
        }
        /* a number names a choice by its text: hpfslope 12|24 */
        atom_string(argv, word, sizeof word);
        int k = choice_index(d, word);
        if (k < 0) {
            pd_error(x, "%s: %s '%s' is not one of %s", obj, d->name, word,
                     list);
            return 0;
        }
        *out = (t_float)k;
        return 1;
    }
    if (argc >= 1 && argv[0].a_type == A_SYMBOL && (d->flags & MM_P_OFF)
        && !strcmp(atom_getsymbol(argv)->s_name, "off")) {
        *out = (t_float)d->offval;
        return 1;
    }
    if (argc < 1 || argv[0].a_type != A_FLOAT) {
        if (d->type == MM_P_BOOL)
            pd_error(x, "%s: %s needs 0 or 1", obj, d->name);
        else
            pd_error(x, "%s: %s needs a number (%g..%g%s%s)", obj, d->name,
                     d->min, d->max, d->unit[0] ? " " : "", d->unit);
        return 0;
    }
    *out = atom_getfloat(argv);
    if (!mm_isfinite_f(*out)) {
        pd_error(x, "%s: %s needs a finite number", obj, d->name);
        return 0;
    }
    if (d->type != MM_P_BOOL && mm_param_out_of_range(d, *out)) {
        t_float v = (t_float)mm_param_apply(d, *out);
        if ((d->flags & MM_P_OFF) && v == d->offval)
            logpost(x, PD_NORMAL, "warning: %s: %s %g is out of range "
                    "%g..%g%s%s, using off", obj, d->name, *out, d->min,
                    d->max, d->unit[0] ? " " : "", d->unit);
        else
            mm_pd_clamp_warn(x, d->name, *out, (t_float)d->min,
                             (t_float)d->max, d->unit);
    }
    *out = (t_float)mm_param_apply(d, *out);
    return 1;
}

static void apply_row(mm_pdobj *x, const row *r, t_float v)
{
    switch (r->d.id) {
    case ID_BYPASS:
        x->bypass = v != 0;
        mm_outmix_set_bypass(&x->mix, x->bypass);
        break;
    case ID_DELTA:
        x->delta = v != 0;
        if (!(x->def->features & MM_OBJ_OWNDELTA))
            mm_outmix_set_delta(&x->mix, x->delta);
        else if (x->ok && x->def->set)
            x->def->set(x, MM_PD_ID_DELTA, v); /* the wrapper's own */
        break;
    case ID_INTERVAL:
        set_interval(x, v);
        break;
    default:
        if (r->value) {
            if (x->ok)
                v = (t_float)core_set(x, r->d.id, v);
            *r->value = v;
        }
        break;
    }
    /* nothing has sounded yet: no glide from the defaults */
    if (x->creating) {
        mm_outmix_snap(&x->mix);
        if (x->ok)
            core_snap(x);
    }
    if (x->ok && has_latency(x) && x->latency >= 0
        && core_latency(x) != x->latency)
        mm_pd_latency_changed(x);
}

static int find_row(const row *r, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(r[i].d.name, name))
            return i;
    return -1;
}

static const mm_pdmethod *find_method(const mm_objdef *def, const char *name)
{
    for (const mm_pdmethod *m = def->methods; m && m->name; m++)
        if (!strcmp(m->name, name))
            return m;
    return NULL;
}

static void print_row(mm_pdobj *x, const row *r)
{
    const mm_paramdef *d = &r->d;
    t_float v = row_value(x, r);
    char range[300], list[256];
    if (d->type == MM_P_CHOICE) {
        choice_list(d, list, sizeof list);
        snprintf(range, sizeof range, "%s, default %s", list,
                 d->choices[(int)d->def]);
    } else if (d->type == MM_P_BOOL) {
        snprintf(range, sizeof range, "0|1, default %g", d->def);
    } else if (d->flags & MM_P_OFF) {
        if (d->def == d->offval)
            snprintf(range, sizeof range, "%g..%g or %g = off, default off",
                     d->min, d->max, d->offval);
        else
            snprintf(range, sizeof range, "%g..%g or %g = off, default %g",
                     d->min, d->max, d->offval, d->def);
    } else if (d->flags & MM_P_PERINSTANCE) {
        snprintf(range, sizeof range, "%g..%g, default: each instance its "
                 "own", d->min, d->max);
    } else {
        snprintf(range, sizeof range, "%g..%g, default %g", d->min, d->max,
                 d->def);
    }
    if (d->flags & MM_P_CREATION) {
        size_t len = strlen(range);
        snprintf(range + len, sizeof range - len, ", creation only");
    }
    if (d->type == MM_P_CHOICE)
        post("  %s %s  (%s)", d->name, d->choices[(int)v], range);
    else if ((d->flags & MM_P_OFF) && v == d->offval)
        post("  %s off  (%s)", d->name, range);
    else
        post("  %s %g%s%s  (%s)", d->name, v, d->unit[0] ? " " : "",
             d->unit, range);
}

static void print_all(mm_pdobj *x)
{
    row r[MAXROWS];
    int n = rows_of(x, r);
    post("%s:", x->def->name);
    for (int i = 0; i < n; i++)
        print_row(x, &r[i]);
    for (int k = 0; k < ncurves(x->def); k++)
        post("  %s %s (%d points)", x->def->curves[k].name,
             x->curve[k] ? x->curve[k]->s_name : "(none)",
             x->def->curves[k].points);
    for (const mm_pdmethod *m = x->def->methods; m && m->name; m++)
        if (m->print) {
            x->method = m;
            m->print(x);
        }
}

/* ---- curves -------------------------------------------------------------- */

static int ncurves(const mm_objdef *def)
{
    int k = 0;
    while (def->curves && def->curves[k].name && k < MM_PD_MAXCURVES)
        k++;
    return k;
}

static void draw_curve(mm_pdobj *x, int k)
{
    const mm_pdcurve *c = &x->def->curves[k];
    float y[1024];
    int n = c->points < 1024 ? c->points : 1024;
    if (!x->curve[k] || !x->ok)
        return;
    c->draw(x, y, n);
    if (!mm_pd_array_write(x, x->curve[k], y, n))
        x->curve[k] = NULL; /* reported once */
}

static void redraw_curves(mm_pdobj *x)
{
    for (int k = 0; k < ncurves(x->def); k++)
        draw_curve(x, k);
}

/* at once, so that a patch reading the array right after a message sees
 * the new curve */
static void curves_changed(mm_pdobj *x)
{
    redraw_curves(x);
}

void mm_pd_redraw_curves(void *x)
{
    redraw_curves(x);
}

static int is_curve(const mm_objdef *def, const char *name)
{
    for (int k = 0; k < ncurves(def); k++)
        if (!strcmp(def->curves[k].name, name))
            return k;
    return -1;
}

static int curve_message(mm_pdobj *x, const char *name, int argc,
                         t_atom *argv)
{
    int k = is_curve(x->def, name);
    t_symbol *array;
    if (k < 0)
        return 0;
    if (mm_pd_arg_symbol(x, name, argc, argv, 0, &array)) {
        x->curve[k] = array;
        draw_curve(x, k);
    }
    return 1;
}

/* A message to the leftmost inlet; 1 when the name is known. */
static int dispatch(mm_pdobj *x, t_symbol *s, int argc, t_atom *argv)
{
    const char *name = s->s_name, *obj = x->def->name;
    row r[MAXROWS];
    int n = rows_of(x, r), i = find_row(r, n, name);
    if (i >= 0) {
        t_float v;
        if (r[i].d.flags & MM_P_CREATION)
            pd_error(x, "%s: %s can only be set at creation ([%s -%s ...])",
                     obj, name, obj, name);
        else if (parse_value(x, &r[i].d, argc, argv, &v)) {
            apply_row(x, &r[i], v);
            curves_changed(x);
        }
        return 1;
    }
    if (curve_message(x, name, argc, argv))
        return 1;
    const mm_pdmethod *m = find_method(x->def, name);
    if (m) {
        x->method = m;
        if (m->handler)
            m->handler(x, argc, argv);
        curves_changed(x);
        return 1;
    }
    if (!strcmp(name, "print"))
        print_all(x);
    else if (!strcmp(name, "reset")) {
        if (x->ok)
            core_reset(x);
        for (int c = 0; c < x->nch && x->drymax; c++)
            mm_delay_reset(&x->dry[c]);
    } else if (!strcmp(name, "latency"))
        mm_pd_info(x, "latency", core_latency(x));
    else {
        pd_error(x, "%s: unknown message '%s'", obj, name);
        return 0;
    }
    return 1;
}

t_float mm_pd_value(const void *xp, int id)
{
    const mm_pdobj *x = xp;
    const mm_paramtable *t = table_of(x->def);
    if (id == ID_CH)
        return x->nch;
    for (int i = 0; t && i < t->count && i < MM_PD_MAXPARAMS; i++)
        if (t->defs[i].id == id)
            return x->value[i];
    return 0;
}

t_float mm_pd_get(const void *xp, const char *name)
{
    mm_pdobj *x = (mm_pdobj *)xp;
    row r[MAXROWS];
    int n = rows_of(x, r), i = find_row(r, n, name);
    return i >= 0 ? row_value(x, &r[i]) : 0;
}

void mm_pd_note(void *xp, int id, t_float v)
{
    mm_pdobj *x = xp;
    const mm_paramtable *t = table_of(x->def);
    for (int i = 0; t && i < t->count && i < MM_PD_MAXPARAMS; i++)
        if (t->defs[i].id == id)
            x->value[i] = v;
}

void mm_pd_set(void *xp, int id, t_float v)
{
    mm_pdobj *x = xp;
    row r[MAXROWS];
    int n = rows_of(x, r);
    for (int i = 0; i < n; i++)
        if (r[i].d.id == id) {
            t_atom a;
            SETFLOAT(&a, v);
            dispatch(x, gensym(r[i].d.name), 1, &a);
            return;
        }
}

/* ---- creation ------------------------------------------------------------ */

static int is_flag(const t_atom *a)
{
    if (a->a_type != A_SYMBOL)
        return 0;
    const char *n = a->a_w.w_symbol->s_name;
    return n[0] == '-' && ((n[1] >= 'a' && n[1] <= 'z') ||
                           (n[1] >= 'A' && n[1] <= 'Z'));
}

/* Creation arguments are `-name value...` groups. Pass 0 takes the
 * creation-only rows (before the core exists), pass 1 everything else,
 * routed like messages. */
static void parse_flags(mm_pdobj *x, int argc, t_atom *argv, int pass)
{
    row r[MAXROWS];
    int n = rows_of(x, r), i = 0;
    while (i < argc) {
        if (!is_flag(&argv[i])) {
            if (pass) {
                char buf[64];
                atom_string(&argv[i], buf, sizeof buf);
                pd_error(x, "%s: ignoring argument '%s' (arguments are "
                         "flags: -name value)", x->def->name, buf);
            }
            i++;
            continue;
        }
        const char *name = argv[i].a_w.w_symbol->s_name + 1;
        int j = i + 1;
        while (j < argc && !is_flag(&argv[j]))
            j++;
        int k = find_row(r, n, name);
        const mm_pdmethod *m = find_method(x->def, name);
        if (k >= 0 && (r[k].d.flags & MM_P_CREATION)) {
            t_float v;
            if (!pass && parse_value(x, &r[k].d, j - i - 1, argv + i + 1, &v)) {
                if (r[k].d.id == ID_CH)
                    x->nch = (int)v;
                else if (r[k].d.id == ID_SIDECHAIN)
                    x->sidechain = v != 0;
                else if (r[k].value)
                    *r[k].value = v;
            }
        } else if (pass) {
            if (k < 0 && !m && is_curve(x->def, name) < 0)
                pd_error(x, "%s: unknown flag '-%s'", x->def->name, name);
            else if ((k >= 0 && (r[k].d.flags & MM_P_NOFLAG))
                     || (m && (m->flags & MM_P_NOFLAG))
                     || is_curve(x->def, name) >= 0)
                pd_error(x, "%s: '%s' is a message, not a creation flag",
                         x->def->name, name);
            else
                dispatch(x, gensym(name), j - i - 1, argv + i + 1);
        }
        i = j;
    }
}

static void *obj_new(t_symbol *s, int argc, t_atom *argv)
{
    /* made as [mixmaster/comp~] Pd calls us with that longer name (the
     * alias class_new adds for a library path): the class is its tail */
    const char *slash = strrchr(s->s_name, '/');
    int k = lookup(slash ? slash + 1 : s->s_name);
    if (k < 0)
        return NULL;
    const mm_objdef *def = registry[k];
    mm_pdobj *x = (mm_pdobj *)pd_new(classes[k]);
    x->def = def;
    x->ok = 1;
    x->creating = 1;
    x->latency = 0;
    x->nch = def->ch_def;
    x->samplerate = sys_getsr() > 0 ? sys_getsr() : 48000.0;
    const mm_paramtable *t = table_of(def);
    for (int i = 0; t && i < t->count && i < MM_PD_MAXPARAMS; i++)
        x->value[i] = (t_float)t->defs[i].def;
    parse_flags(x, argc, argv, 0);

    x->canvas = canvas_getcurrent();
    x->nkeys = x->sidechain ? 1
               : (def->features & MM_OBJ_REFERENCE) ? x->nch : 0;
    int nin = x->nch + x->nkeys;
    for (int c = 1; c < nin; c++)
        inlet_new(&x->obj, &x->obj.ob_pd, &s_signal, &s_signal);
    for (int c = 0; c < nout(x); c++)
        outlet_new(&x->obj, &s_signal);
    x->info = outlet_new(&x->obj, 0);
    x->clock = clock_new(x, (t_method)meter_tick);
    mm_outmix_init(&x->mix, x->samplerate);

    if (!core_create(x))
        mm_pd_fail(x, "could not be initialised (out of memory?)");
    size_dry(x);
    row r[MAXROWS];
    int n = rows_of(x, r);
    /* core rows at their defaults (or what create noted), common rows at
     * theirs */
    for (int i = 0; i < n; i++)
        if (!(r[i].d.flags & MM_P_CREATION))
            apply_row(x, &r[i], r[i].value ? *r[i].value
                                           : (t_float)r[i].d.def);
    parse_flags(x, argc, argv, 1);
    x->latency = -1;
    mm_pd_latency_changed(x);
    return x;
}

static void obj_free(mm_pdobj *x)
{
    if (x->clock)
        clock_free(x->clock);
    core_destroy(x); /* the core's free takes a zeroed or failed state too */
    for (int c = 0; c < x->nch; c++)
        if (x->drymax)
            mm_delay_free(&x->dry[c]);
    if (x->drybuf)
        freebytes(x->drybuf, x->drybytes);
}

/* ---- multichannel (Pd 0.54+) --------------------------------------------
 * Pd 0.54 added multichannel signals: one connection carries several
 * channels (t_signal's s_nchans), and a class flagged CLASS_MULTICHANNEL
 * sizes its own outputs with signal_setmultiout() in its dsp method.
 * mixmaster is compiled against Debian's m_pd.h (0.53), which has neither,
 * and one binary must load in 0.53 and in 0.54+: so the feature is found at
 * run time (Pd's version, then signal_setmultiout looked up by name; a
 * direct call would leave an undefined symbol that 0.53 refuses to load).
 * t_signal grew in 0.54: s_nchans follows s_sr where 0.53 has s_refcount,
 * so it is read through the 0.54 layout below, and only on 0.54+.
 * There an object made with -ch N takes either N one-channel inlets, as in
 * 0.53, or one signal of several channels on its first inlet; then its
 * first outlet carries all its output channels and the others are silent. */

#ifndef CLASS_MULTICHANNEL
#define CLASS_MULTICHANNEL 0x10 /* m_pd.h 0.54+ */
#endif

#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#endif

typedef struct mc_signal { /* the start of t_signal in Pd 0.54+ */
    int s_length;
    t_sample *s_vec;
    t_float s_sr;
    int s_nchans;
} mc_signal;

typedef void (*mc_setmultiout_fn)(t_signal **sig, int nchans);
static mc_setmultiout_fn mc_setmultiout; /* NULL: no multichannel */

static void mc_detect(void)
{
    static int done;
    int major = 0, minor = 0, bugfix = 0;
    void *f;
    if (done)
        return;
    done = 1;
    sys_getversion(&major, &minor, &bugfix);
    if (major == 0 && minor < 54)
        return;
#ifdef _WIN32
    f = (void *)GetProcAddress(GetModuleHandleA("pd.dll"),
                               "signal_setmultiout");
#else
    f = dlsym(RTLD_DEFAULT, "signal_setmultiout");
#endif
    /* a function pointer from an object pointer: how dlsym is used */
    memcpy(&mc_setmultiout, &f, sizeof f);
}

static int mc_nchans(t_signal *s)
{
    return mc_setmultiout ? ((const mc_signal *)s)->s_nchans : 1;
}

/* Give an output signal its channels (on 0.54+ outputs start unsized). */
static void mc_setout(t_signal **s, int nchans)
{
    if (mc_setmultiout)
        mc_setmultiout(s, nchans);
}

/* ---- signal -------------------------------------------------------------- */

static void silence(float *const *out, int nch, int n)
{
    for (int c = 0; c < nch; c++)
        memset(out[c], 0, (size_t)n * sizeof(float));
}

static void silence_outlets(const t_int *vec, int count, int n)
{
    for (int i = 0; i < count; i++)
        memset((float *)vec[i], 0, (size_t)n * sizeof(float));
}

/* w: x, n, the number of silent outlets, then the vectors: one per
 * channel in (NULL: silent), the key, one per channel out, the silent
 * outlets. */
static t_int *obj_perform(t_int *w)
{
    mm_pdobj *x = (mm_pdobj *)w[1];
    int n = (int)w[2], nzero = (int)w[3], nch = x->nch, no = nout(x);
    t_int *sig = w + 4, *zero = sig + nch + x->nkeys + no;
    t_int *next = zero + nzero;
    for (int k = 0; k < x->nkeys; k++)
        x->key[k] = (const float *)sig[nch + k];
    const float *key = x->nkeys ? x->key[0] : NULL;
    for (int c = 0; c < no; c++)
        x->out[c] = (float *)sig[nch + x->nkeys + c];
    if (!x->ok || n > x->blocksize) {
        silence(x->out, no, n);
        silence_outlets(zero, nzero, n);
        return next;
    }
    /* copies of the inputs: the core's input and the dry path (an outlet
     * may share an inlet's memory); non-finite samples never reach the
     * dry delay */
    for (int c = 0; c < nch; c++) {
        const float *in = (const float *)sig[c];
        float *d = x->drybuf + (size_t)c * n;
        for (int i = 0; i < n; i++)
            d[i] = in && mm_isfinite_f(in[i]) ? in[i] : 0.0f;
        x->in[c] = d;
    }
    int sound = (x->def->features & MM_OBJ_SOUND) != 0;
    /* the core runs in bypass too: its meters keep reading and it
     * resumes from the present, not from when bypass began */
    core_process(x, n, key);
    /* after the core: a silent outlet may share the key's memory */
    silence_outlets(zero, nzero, n);
    if (!sound)
        return next;
    if (x->latency > 0) /* keep the dry path running: fades start aligned */
        for (int c = 0; c < nch; c++)
            mm_delay_process(&x->dry[c], x->in[c], (float *)x->in[c], n);
    if (!mm_outmix_is_plain(&x->mix)) {
        for (int c = 0; c < no; c++)
            mm_outmix_apply(&x->mix, x->out[c], x->in[c < nch ? c : nch - 1],
                            x->out[c], n);
        mm_outmix_advance(&x->mix, n);
    }
    return next;
}

/* perform's arguments after x and n (see obj_perform); returns their
 * count. sp: the inlets' signals (channels, key), then the outlets'. */
static int signal_args(mm_pdobj *x, t_signal **sp, int n, t_int *args)
{
    int nin = x->nch + x->nkeys, no = nout(x), k = 0;
    int mc = mc_nchans(sp[0]); /* channels on the first inlet */
    t_signal **out = sp + nin;
    if (mc > 1 && mc != x->nch)
        pd_error(x, "%s: %d channels on the first inlet for -ch %d: %s",
                 x->def->name, mc, x->nch,
                 mc > x->nch ? "the extra ones are ignored"
                             : "the missing ones are silent");
    for (int i = 1; i < nin; i++)
        if (mc_nchans(sp[i]) > 1)
            pd_error(x, "%s: only the first inlet takes several channels; "
                     "inlet %d uses its first", x->def->name, i + 1);
    /* the outlets: all channels on the first, or one each */
    for (int i = 0; i < no; i++)
        mc_setout(&out[i], mc > 1 && i == 0 ? no : 1);
    args[k++] = mc > 1 && no > 1 ? no - 1 : 0;
    for (int c = 0; c < x->nch; c++)
        args[k++] = mc == 1 ? (t_int)sp[c]->s_vec
                    : c < mc ? (t_int)(sp[0]->s_vec + (size_t)c * n) : 0;
    for (int i = 0; i < x->nkeys; i++)
        args[k++] = (t_int)sp[x->nch + i]->s_vec;
    for (int c = 0; c < no; c++)
        args[k++] = mc == 1 ? (t_int)out[c]->s_vec
                            : (t_int)(out[0]->s_vec + (size_t)c * n);
    for (int i = 1; mc > 1 && i < no; i++)
        args[k++] = (t_int)out[i]->s_vec;
    return k;
}

static void obj_dsp(mm_pdobj *x, t_signal **sp)
{
    double sr = sp[0]->s_sr;
    int n = sp[0]->s_n;
    if (x->ok && sr != x->samplerate) {
        if (!core_samplerate(x, sr))
            mm_pd_fail(x, "could not change the sample rate (out of memory?)");
        mm_outmix_set_samplerate(&x->mix, sr);
        x->samplerate = sr;
        size_dry(x);
        curves_changed(x); /* pictures stop below fs/2 */
    }
    if (x->ok && n > x->blocksize) {
        size_t bytes = sizeof(float) * (size_t)x->nch * (size_t)n;
        float *b = resizebytes(x->drybuf, x->drybytes, bytes);
        if (b) {
            x->drybuf = b;
            x->drybytes = bytes;
            x->blocksize = n;
        } else {
            mm_pd_fail(x, "out of memory");
        }
    }
    if (x->ok && x->def->prepare && !x->def->prepare(x, n))
        mm_pd_fail(x, "out of memory");
    if (x->creating) {
        x->creating = 0;
        if (x->ok)
            core_snap(x);
        mm_outmix_snap(&x->mix);
    }
    t_int args[3 + 4 * MM_PD_MAXCH];
    args[0] = (t_int)x;
    args[1] = (t_int)n;
    dsp_addv(obj_perform, 2 + signal_args(x, sp, n, args + 2), args);
    x->latency = -1;
    mm_pd_latency_changed(x);
}

static void obj_bang(mm_pdobj *x)
{
    emit(x);
}

static void obj_anything(mm_pdobj *x, t_symbol *s, int argc, t_atom *argv)
{
    dispatch(x, s, argc, argv);
}

/* The declaration with what it leaves out filled in: channels 1..the
 * core's maximum, a meter every 50 ms. */
static mm_objdef complete(const mm_objdef *def)
{
    mm_objdef d = *def;
    if (d.ch_min < 1)
        d.ch_min = 1;
    if (d.ch_max < 1)
        d.ch_max = d.core && d.core->maxch ? d.core->maxch : 1;
    if (d.ch_max > MM_PD_MAXCH)
        d.ch_max = MM_PD_MAXCH;
    if (d.ch_def < d.ch_min)
        d.ch_def = d.ch_min;
    if ((d.features & MM_OBJ_METER) && d.interval_def <= 0)
        d.interval_def = 50;
    return d;
}

t_class *mm_pd_class_new(const mm_objdef *def)
{
    int k = lookup(def->name);
    if (k >= 0)
        return classes[k];
    if (nregistered >= MM_PD_MAXCLASSES)
        return NULL;
    mc_detect();
    t_class *c = class_new(gensym(def->name),
                           (t_newmethod)(void (*)(void))obj_new,
                           (t_method)obj_free, def->size,
                           mc_setmultiout ? CLASS_MULTICHANNEL : 0, A_GIMME,
                           0);
    /* [mixmaster/comp~] must work whichever name loaded the binary first:
     * loaded as [comp~] (from an abstraction beside it), Pd would load it
     * again for the longer name and find no class by that name, over and
     * over (up to its loading depth). So the library-path name is a
     * creator from the start (Pd adds it itself when it loads by it). */
    char alias[MAXPDSTRING];
    snprintf(alias, sizeof alias, "mixmaster/%s", def->name);
    if (!zgetfn(&pd_objectmaker, gensym(alias)))
        class_addcreator((t_newmethod)(void (*)(void))obj_new, gensym(alias),
                         A_GIMME, 0);
    CLASS_MAINSIGNALIN(c, mm_pdobj, f);
    class_addmethod(c, (t_method)obj_dsp, gensym("dsp"), A_CANT, 0);
    class_addbang(c, obj_bang);
    class_addanything(c, obj_anything);
    completed[nregistered] = complete(def);
    registry[nregistered] = &completed[nregistered];
    classes[nregistered++] = c;
    return c;
}
