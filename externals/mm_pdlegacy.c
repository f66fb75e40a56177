/* mm_pd.c: flags, messages, clamping, print and info outlet from a
 * parameter table (see mm_pd.h). Runs only in Pd's message context,
 * never in perform. */
#include "mm_pdlegacy.h"
#include "mm_common.h"
#include <stdio.h>
#include <string.h>

t_float mm_clamp_warn(void *owner, const char *objname, const char *what,
                      t_float v, t_float min, t_float max, const char *unit)
{
    if (v >= min && v <= max)
        return v;
    logpost(owner, PD_NORMAL,
            "warning: %s: %s %g is out of range %g..%g%s%s, using %g",
            objname, what, v, min, max, unit && unit[0] ? " " : "",
            unit ? unit : "", v < min ? min : max);
    return v < min ? min : max;
}

void mm_params_init(mm_params *p, void *owner, const char *objname,
                    const mm_param *table, int count)
{
    p->owner = owner;
    p->objname = objname;
    p->table = table;
    p->count = count > MM_PARAMS_MAX ? MM_PARAMS_MAX : count;
    for (int i = 0; i < p->count; i++)
        p->value[i] = table[i].def;
}

void mm_params_apply_defaults(mm_params *p)
{
    for (int i = 0; i < p->count; i++) {
        const mm_param *e = &p->table[i];
        if (e->kind != MM_METHOD && e->set && !(e->flags & MM_PF_CREATION)) {
            p->value[i] = e->def;
            e->set(p->owner, e->def);
        }
    }
}

const mm_param *mm_params_find(const mm_params *p, const char *name)
{
    for (int i = 0; i < p->count; i++)
        if (!strcmp(p->table[i].name, name))
            return &p->table[i];
    return NULL;
}

static int choice_index(const mm_param *e, const char *word)
{
    for (int k = 0; e->choices && e->choices[k]; k++)
        if (!strcmp(e->choices[k], word))
            return k;
    return -1;
}

static void choice_list(const mm_param *e, char *buf, size_t size)
{
    buf[0] = 0;
    for (int k = 0; e->choices && e->choices[k]; k++) {
        if (k)
            strncat(buf, "|", size - strlen(buf) - 1);
        strncat(buf, e->choices[k], size - strlen(buf) - 1);
    }
}

/* Parse, clamp and apply one scalar parameter. */
static void set_scalar(mm_params *p, int idx, int argc, t_atom *argv)
{
    const mm_param *e = &p->table[idx];
    t_float v;
    if (e->kind == MM_CHOICE) {
        char list[256];
        choice_list(e, list, sizeof list);
        if (argc < 1 || argv[0].a_type != A_SYMBOL) {
            pd_error(p->owner, "%s: %s needs one of %s", p->objname, e->name,
                     list);
            return;
        }
        int k = choice_index(e, atom_getsymbol(argv)->s_name);
        if (k < 0) {
            pd_error(p->owner, "%s: %s '%s' is not one of %s", p->objname,
                     e->name, atom_getsymbol(argv)->s_name, list);
            return;
        }
        v = (t_float)k;
    } else {
        if (argc >= 1 && argv[0].a_type == A_SYMBOL && (e->flags & MM_PF_OFF)
            && !strcmp(atom_getsymbol(argv)->s_name, "off")) {
            v = e->offval;
        } else if (argc < 1 || argv[0].a_type != A_FLOAT) {
            if (e->kind == MM_BOOL)
                pd_error(p->owner, "%s: %s needs 0 or 1", p->objname, e->name);
            else
                pd_error(p->owner, "%s: %s needs a number (%g..%g %s)",
                         p->objname, e->name, e->min, e->max, e->unit);
            return;
        } else {
            v = atom_getfloat(argv);
        }
        if (!mm_isfinite_f(v)) {
            pd_error(p->owner, "%s: %s needs a finite number", p->objname,
                     e->name);
            return;
        }
        if (e->kind == MM_BOOL) {
            v = v != 0;
        } else if (!((e->flags & MM_PF_OFF) && v == e->offval)) {
            v = mm_clamp_warn(p->owner, p->objname, e->name, v, e->min,
                              e->max, e->unit);
            if (e->kind == MM_INT)
                v = (t_float)(int)(v + (v < 0 ? -0.5f : 0.5f));
        }
    }
    p->value[idx] = v;
    if (e->set)
        e->set(p->owner, v);
}

int mm_params_dispatch(mm_params *p, t_symbol *s, int argc, t_atom *argv)
{
    if (!strcmp(s->s_name, "print")) {
        mm_params_print(p);
        return 1;
    }
    for (int i = 0; i < p->count; i++) {
        const mm_param *e = &p->table[i];
        if (strcmp(e->name, s->s_name))
            continue;
        if (e->flags & MM_PF_CREATION) {
            pd_error(p->owner, "%s: %s can only be set at creation ([%s -%s ...])",
                     p->objname, e->name, p->objname, e->name);
            return 1;
        }
        if (e->kind == MM_METHOD) {
            if (e->method)
                e->method(p->owner, s, argc, argv);
        } else {
            set_scalar(p, i, argc, argv);
        }
        return 1;
    }
    pd_error(p->owner, "%s: unknown message '%s'", p->objname, s->s_name);
    return 0;
}

static int is_flag(const t_atom *a)
{
    if (a->a_type != A_SYMBOL)
        return 0;
    const char *n = a->a_w.w_symbol->s_name;
    return n[0] == '-' && ((n[1] >= 'a' && n[1] <= 'z') ||
                           (n[1] >= 'A' && n[1] <= 'Z'));
}

void mm_params_parse_flags(mm_params *p, int argc, t_atom *argv)
{
    int i = 0;
    while (i < argc) {
        if (!is_flag(&argv[i])) {
            char buf[64];
            atom_string(&argv[i], buf, sizeof buf);
            pd_error(p->owner, "%s: ignoring argument '%s' (arguments are "
                     "flags: -name value)", p->objname, buf);
            i++;
            continue;
        }
        const char *name = argv[i].a_w.w_symbol->s_name + 1;
        int j = i + 1;
        while (j < argc && !is_flag(&argv[j]))
            j++;
        const mm_param *e = mm_params_find(p, name);
        if (!e) {
            pd_error(p->owner, "%s: unknown flag '-%s'", p->objname, name);
        } else if (e->flags & MM_PF_NOFLAG) {
            pd_error(p->owner, "%s: '%s' is a message, not a creation flag",
                     p->objname, name);
        } else if (!(e->flags & MM_PF_CREATION)) {
            mm_params_dispatch(p, gensym(name), j - i - 1, argv + i + 1);
        }
        i = j;
    }
}

void mm_params_set(mm_params *p, const char *name, t_float value)
{
    t_atom a;
    SETFLOAT(&a, value);
    mm_params_dispatch(p, gensym(name), 1, &a);
}

t_float mm_params_get(const mm_params *p, const char *name)
{
    for (int i = 0; i < p->count; i++)
        if (!strcmp(p->table[i].name, name))
            return p->value[i];
    return 0;
}

void mm_params_note(mm_params *p, const char *name, t_float value)
{
    for (int i = 0; i < p->count; i++)
        if (!strcmp(p->table[i].name, name))
            p->value[i] = value;
}

/* "-24..0, default -1" / "none|tpdf, default tpdf" / "0|1, default 0":
 * print shows every range, so users (and the robustness suite) can read
 * the table back. */
static void describe_range(const mm_param *e, char *buf, size_t size)
{
    char list[256];
    if (e->kind == MM_CHOICE) {
        choice_list(e, list, sizeof list);
        snprintf(buf, size, "%s, default %s", list, e->choices[(int)e->def]);
    } else if (e->kind == MM_BOOL) {
        snprintf(buf, size, "0|1, default %g", e->def);
    } else if (e->flags & MM_PF_OFF) {
        if (e->def == e->offval)
            snprintf(buf, size, "%g..%g or %g = off, default off", e->min,
                     e->max, e->offval);
        else
            snprintf(buf, size, "%g..%g or %g = off, default %g", e->min,
                     e->max, e->offval, e->def);
    } else {
        snprintf(buf, size, "%g..%g, default %g", e->min, e->max, e->def);
    }
    if (e->flags & MM_PF_CREATION) {
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, ", creation only");
    }
}

void mm_params_print(mm_params *p)
{
    post("%s:", p->objname);
    for (int i = 0; i < p->count; i++) {
        const mm_param *e = &p->table[i];
        if (e->flags & MM_PF_NOPRINT)
            continue;
        if (e->kind == MM_METHOD) {
            if (e->print)
                e->print(p->owner);
            continue;
        }
        t_float v = p->value[i];
        char range[300];
        describe_range(e, range, sizeof range);
        if (e->kind == MM_CHOICE) {
            post("  %s %s  (%s)", e->name, e->choices[(int)v], range);
        } else if ((e->flags & MM_PF_OFF) && v == e->offval) {
            post("  %s off  (%s)", e->name, range);
        } else {
            post("  %s %g%s%s  (%s)", e->name, v, e->unit[0] ? " " : "",
                 e->unit, range);
        }
    }
}

int mm_flag_int(void *owner, const char *objname, int argc, t_atom *argv,
                const char *flag, int def, int min, int max)
{
    for (int i = 0; i < argc; i++) {
        if (argv[i].a_type != A_SYMBOL
            || strcmp(argv[i].a_w.w_symbol->s_name, flag))
            continue;
        if (i + 1 >= argc || argv[i + 1].a_type != A_FLOAT) {
            pd_error(owner, "%s: %s needs a number (%d..%d)", objname, flag,
                     min, max);
            return def;
        }
        t_float v = mm_clamp_warn(owner, objname, flag + 1,
                                  atom_getfloat(argv + i + 1), min, max, "");
        return (int)(v + 0.5f);
    }
    return def;
}

int mm_arg_float(void *owner, const char *objname, const char *msg,
                 int argc, t_atom *argv, int i, t_float *out)
{
    if (i >= argc || argv[i].a_type != A_FLOAT
        || !mm_isfinite_f(atom_getfloat(argv + i))) {
        pd_error(owner, "%s: %s: argument %d must be a number", objname, msg,
                 i + 1);
        return 0;
    }
    *out = atom_getfloat(argv + i);
    return 1;
}

int mm_arg_symbol(void *owner, const char *objname, const char *msg,
                  int argc, t_atom *argv, int i, t_symbol **out)
{
    if (i >= argc || argv[i].a_type != A_SYMBOL) {
        pd_error(owner, "%s: %s: argument %d must be a word", objname, msg,
                 i + 1);
        return 0;
    }
    *out = atom_getsymbol(argv + i);
    return 1;
}

/* Convention 6: never inf or NaN on the info outlet. */
static t_float safe(double v)
{
    if (!mm_isfinite_d(v) || !mm_isfinite_f((float)v))
        return (t_float)MM_FLOOR_DB;
    return (t_float)v;
}

void mm_info_float(t_outlet *o, const char *sel, double v)
{
    t_atom a;
    SETFLOAT(&a, safe(v));
    outlet_anything(o, gensym(sel), 1, &a);
}

void mm_info_list(t_outlet *o, const char *sel, int n, const double *v)
{
    t_atom a[16];
    if (n > 16)
        n = 16;
    for (int i = 0; i < n; i++)
        SETFLOAT(a + i, safe(v[i]));
    outlet_anything(o, gensym(sel), n, a);
}

int mm_array_write(void *owner, const char *objname, t_symbol *name,
                   const float *values, int n)
{
    t_garray *a = (t_garray *)pd_findbyclass(name, garray_class);
    int size;
    t_word *vec;
    if (!a) {
        pd_error(owner, "%s: no array named '%s'", objname, name->s_name);
        return 0;
    }
    if (!garray_getfloatwords(a, &size, &vec)) {
        pd_error(owner, "%s: array '%s' is not a float array", objname,
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

static void meter_tick(mm_meter *m)
{
    m->emit(m->owner);
    if (m->interval_ms > 0)
        clock_delay(m->clock, m->interval_ms);
}

void mm_meter_init(mm_meter *m, void *owner, void (*emit)(void *owner),
                   double interval_ms)
{
    m->owner = owner;
    m->emit = emit;
    m->clock = clock_new(m, (t_method)meter_tick);
    m->interval_ms = 0;
    mm_meter_set_interval(m, interval_ms);
}

void mm_meter_set_interval(mm_meter *m, double interval_ms)
{
    m->interval_ms = interval_ms > 0 ? interval_ms : 0;
    if (m->interval_ms > 0)
        clock_delay(m->clock, m->interval_ms);
    else
        clock_unset(m->clock);
}

void mm_meter_free(mm_meter *m)
{
    if (m->clock)
        clock_free(m->clock);
    m->clock = NULL;
}
