/* pdstub.c: a minimal Pd runtime for the object fuzzers (see pdstub.h).
 * Anything a wrapper sends to an outlet is checked: no inf or NaN on an
 * info outlet (contract convention 6). */
#define PD_CLASS_DEF /* the real functions, not m_pd.h's casting macros */
#include "pdstub.h"
#undef class_addbang
#undef class_addpointer
#undef class_addfloat
#undef class_addsymbol
#undef class_addlist
#undef class_addanything
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define STUB_FAIL(...)                                                      \
    do {                                                                    \
        fprintf(stderr, "FUZZ INVARIANT FAILED (pdstub): ");               \
        fprintf(stderr, __VA_ARGS__);                                       \
        fprintf(stderr, "\n");                                              \
        abort();                                                            \
    } while (0)

/* ---- symbols -------------------------------------------------------- */

t_symbol s_pointer = {"pointer", 0, 0}, s_float = {"float", 0, 0},
         s_symbol = {"symbol", 0, 0}, s_bang = {"bang", 0, 0},
         s_list = {"list", 0, 0}, s_anything = {"anything", 0, 0},
         s_signal = {"signal", 0, 0}, s__N = {"#N", 0, 0},
         s__X = {"#X", 0, 0}, s_x = {"x", 0, 0}, s_y = {"y", 0, 0},
         s_ = {"", 0, 0};

#define SYMHASH 1024
static t_symbol *symtab[SYMHASH];
static int sym_ready;

static unsigned hash(const char *s)
{
    unsigned h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h % SYMHASH;
}

static void sym_insert(t_symbol *s)
{
    unsigned h = hash(s->s_name);
    s->s_next = symtab[h];
    symtab[h] = s;
}

t_symbol *gensym(const char *name)
{
    if (!sym_ready) {
        t_symbol *builtin[] = {&s_pointer, &s_float, &s_symbol, &s_bang,
                               &s_list, &s_anything, &s_signal, &s__N,
                               &s__X, &s_x, &s_y, &s_};
        sym_ready = 1;
        for (size_t i = 0; i < sizeof builtin / sizeof *builtin; i++)
            sym_insert(builtin[i]);
    }
    for (t_symbol *s = symtab[hash(name)]; s; s = s->s_next)
        if (!strcmp(s->s_name, name))
            return s;
    /* Symbols live for the process, as in Pd. They come from static
     * storage rather than malloc: libFuzzer re-runs (and leak-scans) every
     * input that mallocs more than it frees, and a new word in a message
     * would otherwise make it do that. */
    static t_symbol pool[16384];
    static char names[1 << 20];
    static size_t npool, nnames;
    size_t len = strlen(name) + 1;
    t_symbol *s;
    char *copy;
    if (npool < sizeof pool / sizeof *pool && nnames + len <= sizeof names) {
        s = &pool[npool++];
        copy = memcpy(names + nnames, name, len);
        nnames += len;
    } else {
        s = calloc(1, sizeof *s);
        copy = strdup(name);
        if (!s || !copy)
            abort();
    }
    s->s_name = copy;
    sym_insert(s);
    return s;
}

/* ---- memory, atoms, printing ------------------------------------------ */

void *getbytes(size_t n) { return calloc(1, n ? n : 1); }
void freebytes(void *x, size_t n) { (void)n; free(x); }
void *resizebytes(void *x, size_t old, size_t n)
{
    char *p = realloc(x, n ? n : 1);
    if (p && n > old)
        memset(p + old, 0, n - old);
    return p;
}

t_float atom_getfloat(const t_atom *a)
{
    return a->a_type == A_FLOAT ? a->a_w.w_float : 0;
}
t_int atom_getint(const t_atom *a) { return (t_int)atom_getfloat(a); }
t_symbol *atom_getsymbol(const t_atom *a)
{
    return a->a_type == A_SYMBOL ? a->a_w.w_symbol : &s_symbol;
}
t_symbol *atom_gensym(const t_atom *a)
{
    char buf[64];
    if (a->a_type == A_SYMBOL)
        return a->a_w.w_symbol;
    atom_string(a, buf, sizeof buf);
    return gensym(buf);
}
t_float atom_getfloatarg(int which, int argc, const t_atom *argv)
{
    return which >= 0 && which < argc ? atom_getfloat(argv + which) : 0;
}
t_int atom_getintarg(int which, int argc, const t_atom *argv)
{
    return (t_int)atom_getfloatarg(which, argc, argv);
}
t_symbol *atom_getsymbolarg(int which, int argc, const t_atom *argv)
{
    return which >= 0 && which < argc ? atom_getsymbol(argv + which) : &s_;
}
void atom_string(const t_atom *a, char *buf, unsigned int size)
{
    if (!size)
        return;
    if (a->a_type == A_FLOAT)
        snprintf(buf, size, "%g", a->a_w.w_float);
    else if (a->a_type == A_SYMBOL)
        snprintf(buf, size, "%s", a->a_w.w_symbol->s_name);
    else
        snprintf(buf, size, "???");
}

static long nerrors;
static char postbuf[4096];
static int stub_verbose = -1;

static void vpost(const char *prefix, const char *fmt, va_list ap)
{
    vsnprintf(postbuf, sizeof postbuf, fmt, ap);
    if (stub_verbose < 0)
        stub_verbose = getenv("PDSTUB_VERBOSE") != NULL;
    if (stub_verbose)
        fprintf(stderr, "%s%s\n", prefix, postbuf);
}

void post(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpost("", fmt, ap);
    va_end(ap);
}
void startpost(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpost("", fmt, ap);
    va_end(ap);
}
void poststring(const char *s) { post("%s", s); }
void postfloat(t_floatarg f) { post("%g", f); }
void postatom(int argc, const t_atom *argv)
{
    char buf[64];
    for (int i = 0; i < argc; i++)
        atom_string(argv + i, buf, sizeof buf);
}
void endpost(void) {}
void verbose(int level, const char *fmt, ...)
{
    va_list ap;
    (void)level;
    va_start(ap, fmt);
    vpost("verbose: ", fmt, ap);
    va_end(ap);
}
void bug(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpost("bug: ", fmt, ap);
    va_end(ap);
    STUB_FAIL("bug() called: %s", postbuf);
}
void pd_error(const void *object, const char *fmt, ...)
{
    va_list ap;
    (void)object;
    nerrors++;
    va_start(ap, fmt);
    vpost("error: ", fmt, ap);
    va_end(ap);
}
void logpost(const void *object, int level, const char *fmt, ...)
{
    va_list ap;
    (void)object, (void)level;
    va_start(ap, fmt);
    vpost("", fmt, ap);
    va_end(ap);
}
long stub_errors(void) { return nerrors; }

t_float sys_getsr(void) { return 48000; }
int sys_getblksize(void) { return 64; }
void sys_getversion(int *major, int *minor, int *bugfix)
{
    if (major) *major = 0;
    if (minor) *minor = 53;
    if (bugfix) *bugfix = 1;
}

/* ---- classes ---------------------------------------------------------- */

#define MAXMETH 64
#define MAXARG 6

typedef struct stub_method {
    t_symbol *sel;
    t_method fn;
    t_atomtype arg[MAXARG + 1];
} stub_method;

struct _class {
    t_symbol *c_name;
    t_newmethod c_new;
    t_method c_free;
    size_t c_size;
    int c_flags;
    t_atomtype c_newarg[MAXARG + 1];
    stub_method c_meth[MAXMETH];
    int c_nmeth;
    t_method c_bang, c_float, c_symbol, c_list, c_anything;
    int c_sigoffset; /* -1: no main signal inlet */
};

static t_class *lastclass;
t_class *stub_last_class(void) { return lastclass; }

static void read_args(t_atomtype *dst, t_atomtype first, va_list ap)
{
    int i = 0;
    t_atomtype t = first;
    while (t != A_NULL && i < MAXARG) {
        dst[i++] = t;
        t = (t_atomtype)va_arg(ap, int);
    }
    dst[i] = A_NULL;
}

static t_class *vclass_new(t_symbol *name, t_newmethod newmethod,
                           t_method freemethod, size_t size, int flags,
                           t_atomtype arg1, va_list ap)
{
    t_class *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->c_name = name;
    c->c_new = newmethod;
    c->c_free = freemethod;
    c->c_size = size;
    c->c_flags = flags;
    c->c_sigoffset = -1;
    read_args(c->c_newarg, arg1, ap);
    lastclass = c;
    return c;
}

t_class *class_new(t_symbol *name, t_newmethod newmethod, t_method freemethod,
                   size_t size, int flags, t_atomtype arg1, ...)
{
    va_list ap;
    va_start(ap, arg1);
    t_class *c = vclass_new(name, newmethod, freemethod, size, flags, arg1, ap);
    va_end(ap);
    return c;
}

t_class *class_new64(t_symbol *name, t_newmethod newmethod,
                     t_method freemethod, size_t size, int flags,
                     t_atomtype arg1, ...)
{
    va_list ap;
    va_start(ap, arg1);
    t_class *c = vclass_new(name, newmethod, freemethod, size, flags, arg1, ap);
    va_end(ap);
    return c;
}

void class_addcreator(t_newmethod newmethod, t_symbol *s, t_atomtype type1, ...)
{
    (void)newmethod, (void)s, (void)type1;
}

/* the object maker: the stub keeps no creators, so no name has one yet */
t_pd pd_objectmaker;

t_gotfn zgetfn(const t_pd *x, t_symbol *s)
{
    (void)x, (void)s;
    return 0;
}

void class_addmethod(t_class *c, t_method fn, t_symbol *sel, t_atomtype arg1,
                     ...)
{
    va_list ap;
    if (c->c_nmeth >= MAXMETH)
        STUB_FAIL("too many methods");
    stub_method *m = &c->c_meth[c->c_nmeth++];
    m->sel = sel;
    m->fn = fn;
    va_start(ap, arg1);
    read_args(m->arg, arg1, ap);
    va_end(ap);
}
void class_addbang(t_class *c, t_method fn) { c->c_bang = fn; }
void class_doaddfloat(t_class *c, t_method fn) { c->c_float = fn; }
void class_addsymbol(t_class *c, t_method fn) { c->c_symbol = fn; }
void class_addlist(t_class *c, t_method fn) { c->c_list = fn; }
void class_addanything(t_class *c, t_method fn) { c->c_anything = fn; }
void class_addpointer(t_class *c, t_method fn) { (void)c, (void)fn; }
void class_sethelpsymbol(t_class *c, t_symbol *s) { (void)c, (void)s; }
void class_domainsignalin(t_class *c, int onset) { c->c_sigoffset = onset; }
const char *class_getname(const t_class *c) { return c->c_name->s_name; }

/* ---- objects, inlets, outlets ------------------------------------------ */

struct _outlet {
    t_object *o_owner;
    struct _outlet *o_next;
    t_symbol *o_sym;
};

struct _inlet {
    t_pd i_pd; /* unused class pointer, keeps the Pd layout idea */
    struct _inlet *i_next;
    t_object *i_owner;
    t_symbol *i_symfrom;
};

t_pd *pd_new(t_class *c)
{
    t_pd *x = calloc(1, c->c_size);
    if (!x)
        abort();
    *x = c;
    return x;
}

t_inlet *inlet_new(t_object *owner, t_pd *dest, t_symbol *s1, t_symbol *s2)
{
    (void)dest, (void)s2;
    struct _inlet *i = calloc(1, sizeof *i), **p = &owner->ob_inlet;
    if (!i)
        abort();
    i->i_owner = owner;
    i->i_symfrom = s1;
    while (*p)
        p = &(*p)->i_next;
    *p = i;
    return i;
}
t_inlet *signalinlet_new(t_object *owner, t_float f)
{
    (void)f;
    return inlet_new(owner, &owner->ob_pd, &s_signal, &s_signal);
}
t_inlet *floatinlet_new(t_object *owner, t_float *fp)
{
    (void)fp;
    return inlet_new(owner, &owner->ob_pd, &s_float, &s_float);
}
void inlet_free(t_inlet *i)
{
    struct _inlet **p = &i->i_owner->ob_inlet;
    while (*p && *p != i)
        p = &(*p)->i_next;
    if (*p)
        *p = i->i_next;
    free(i);
}

t_outlet *outlet_new(t_object *owner, t_symbol *s)
{
    struct _outlet *o = calloc(1, sizeof *o), **p = &owner->ob_outlet;
    if (!o)
        abort();
    o->o_owner = owner;
    o->o_sym = s;
    while (*p)
        p = &(*p)->o_next;
    *p = o;
    return o;
}
void outlet_free(t_outlet *o)
{
    struct _outlet **p = &o->o_owner->ob_outlet;
    while (*p && *p != o)
        p = &(*p)->o_next;
    if (*p)
        *p = o->o_next;
    free(o);
}

static double lat_max = -1, lat_last = -1;
double stub_latency_max(void) { return lat_max; }
double stub_latency_last(void) { return lat_last; }
void stub_reset_latency(void) { lat_max = lat_last = -1; }

static void check_atoms(t_outlet *o, const char *sel, int argc,
                        const t_atom *argv)
{
    if (o->o_sym == &s_signal)
        STUB_FAIL("message '%s' sent to a signal outlet", sel);
    if (argc < 0)
        STUB_FAIL("negative argc %d", argc);
    for (int i = 0; i < argc; i++) {
        if (argv[i].a_type == A_FLOAT) {
            t_float v = argv[i].a_w.w_float;
            uint32_t u;
            memcpy(&u, &v, sizeof u);
            if ((u & 0x7f800000u) == 0x7f800000u)
                STUB_FAIL("inf or NaN on the info outlet: '%s' argument %d",
                          sel, i + 1);
        } else if (argv[i].a_type == A_SYMBOL) {
            if (!argv[i].a_w.w_symbol || !argv[i].a_w.w_symbol->s_name)
                STUB_FAIL("null symbol on the outlet: '%s'", sel);
        } else {
            STUB_FAIL("atom type %d on the outlet: '%s'", argv[i].a_type, sel);
        }
    }
    if (!strcmp(sel, "latency")) {
        if (argc != 1 || argv[0].a_type != A_FLOAT)
            STUB_FAIL("latency needs one number");
        double l = argv[0].a_w.w_float;
        if (l < 0 || l != (double)(long)l)
            STUB_FAIL("latency %g is not a whole number of samples >= 0", l);
        lat_last = l;
        if (l > lat_max)
            lat_max = l;
    }
}

void outlet_bang(t_outlet *o) { check_atoms(o, "bang", 0, NULL); }
void outlet_float(t_outlet *o, t_float f)
{
    t_atom a;
    SETFLOAT(&a, f);
    check_atoms(o, "float", 1, &a);
}
void outlet_symbol(t_outlet *o, t_symbol *s)
{
    t_atom a;
    SETSYMBOL(&a, s);
    check_atoms(o, "symbol", 1, &a);
}
void outlet_list(t_outlet *o, t_symbol *s, int argc, t_atom *argv)
{
    (void)s;
    check_atoms(o, "list", argc, argv);
}
void outlet_anything(t_outlet *o, t_symbol *s, int argc, t_atom *argv)
{
    if (!s || !s->s_name)
        STUB_FAIL("outlet_anything without a selector");
    check_atoms(o, s->s_name, argc, argv);
}

t_object *pd_checkobject(t_pd *x) { return (t_object *)x; }

t_pd *stub_new(t_class *c, int argc, t_atom *argv)
{
    if (c->c_newarg[0] != A_GIMME)
        STUB_FAIL("class %s is not A_GIMME", c->c_name->s_name);
    typedef void *(*gimme_new)(t_symbol *, int, t_atom *);
    return ((gimme_new)c->c_new)(c->c_name, argc, argv);
}

void stub_free(t_pd *x)
{
    t_class *c = *x;
    t_object *ob = (t_object *)x;
    if (c->c_free)
        ((void (*)(t_pd *))c->c_free)(x);
    while (ob->ob_outlet)
        outlet_free(ob->ob_outlet);
    while (ob->ob_inlet)
        inlet_free(ob->ob_inlet);
    free(x);
}

void pd_free(t_pd *x) { stub_free(x); }

int stub_signal_inlets(t_pd *x)
{
    int n = (*x)->c_sigoffset >= 0;
    for (struct _inlet *i = ((t_object *)x)->ob_inlet; i; i = i->i_next)
        n += i->i_symfrom == &s_signal;
    return n;
}

int stub_signal_outlets(t_pd *x)
{
    int n = 0;
    for (struct _outlet *o = ((t_object *)x)->ob_outlet; o; o = o->o_next)
        n += o->o_sym == &s_signal;
    return n;
}

/* pd_typedmess, reduced: bang/float/symbol/list defaults, methods with
 * typed arguments, then the anything method. */
typedef void (*t_callfn)(t_pd *, t_int, t_int, t_int, t_int, t_int, t_int,
                         t_floatarg, t_floatarg, t_floatarg, t_floatarg,
                         t_floatarg);

void stub_send(t_pd *x, t_symbol *s, int argc, t_atom *argv)
{
    t_class *c = *x;
    if (s == &s_bang && c->c_bang) {
        ((void (*)(t_pd *))c->c_bang)(x);
        return;
    }
    if (s == &s_float && argc >= 1 && argv[0].a_type == A_FLOAT) {
        if (c->c_float)
            ((void (*)(t_pd *, t_floatarg))c->c_float)(x, argv[0].a_w.w_float);
        else if (c->c_sigoffset >= 0)
            *(t_float *)((char *)x + c->c_sigoffset) = argv[0].a_w.w_float;
        else if (c->c_anything)
            ((void (*)(t_pd *, t_symbol *, int, t_atom *))c->c_anything)(
                x, s, argc, argv);
        return;
    }
    if (s == &s_list) {
        if (argc == 0 && c->c_bang) {
            ((void (*)(t_pd *))c->c_bang)(x);
            return;
        }
        if (argc == 1 && argv[0].a_type == A_FLOAT) {
            stub_send(x, &s_float, argc, argv);
            return;
        }
        if (c->c_list) {
            ((void (*)(t_pd *, t_symbol *, int, t_atom *))c->c_list)(
                x, s, argc, argv);
            return;
        }
    }
    if (s == &s_symbol && c->c_symbol && argc >= 1
        && argv[0].a_type == A_SYMBOL) {
        ((void (*)(t_pd *, t_symbol *))c->c_symbol)(x, argv[0].a_w.w_symbol);
        return;
    }
    for (int k = 0; k < c->c_nmeth; k++) {
        stub_method *m = &c->c_meth[k];
        if (m->sel != s)
            continue;
        if (m->arg[0] == A_CANT) {
            pd_error(x, "%s: no method for '%s'", c->c_name->s_name,
                     s->s_name);
            return;
        }
        if (m->arg[0] == A_GIMME) {
            ((void (*)(t_pd *, t_symbol *, int, t_atom *))m->fn)(x, s, argc,
                                                                 argv);
            return;
        }
        t_int ai[MAXARG] = {0};
        t_floatarg af[MAXARG] = {0};
        int ni = 0, nf = 0, a = 0;
        for (int t = 0; m->arg[t] != A_NULL; t++) {
            switch (m->arg[t]) {
            case A_FLOAT:
            case A_DEFFLOAT:
                if (a < argc && argv[a].a_type == A_FLOAT)
                    af[nf++] = argv[a++].a_w.w_float;
                else if (a >= argc && m->arg[t] == A_DEFFLOAT)
                    af[nf++] = 0;
                else
                    goto bad;
                break;
            case A_SYMBOL:
            case A_DEFSYM:
                if (a < argc && argv[a].a_type == A_SYMBOL)
                    ai[ni++] = (t_int)argv[a++].a_w.w_symbol;
                else if (a >= argc && m->arg[t] == A_DEFSYM)
                    ai[ni++] = (t_int)&s_;
                else
                    goto bad;
                break;
            default:
                goto bad;
            }
            if (ni > 5 || nf > 5)
                goto bad;
        }
        ((t_callfn)m->fn)(x, ai[0], ai[1], ai[2], ai[3], ai[4], ai[5], af[0],
                          af[1], af[2], af[3], af[4]);
        return;
    bad:
        pd_error(x, "Bad arguments for message '%s' to object '%s'",
                 s->s_name, c->c_name->s_name);
        return;
    }
    if (c->c_anything) {
        ((void (*)(t_pd *, t_symbol *, int, t_atom *))c->c_anything)(
            x, s, argc, argv);
        return;
    }
    pd_error(x, "%s: no method for '%s'", c->c_name->s_name, s->s_name);
}

/* ---- DSP chain ---------------------------------------------------------- */

#define MAXCHAIN 64
static t_int *chain[MAXCHAIN];
static int chainlen[MAXCHAIN];
static int nchain;

void stub_dsp_clear(void)
{
    for (int i = 0; i < nchain; i++)
        free(chain[i]);
    nchain = 0;
}

void dsp_addv(t_perfroutine f, int n, t_int *vec)
{
    if (nchain >= MAXCHAIN)
        STUB_FAIL("DSP chain too long");
    if (n < 0 || n > 1000)
        STUB_FAIL("dsp_addv with %d arguments", n);
    t_int *w = malloc((size_t)(n + 1) * sizeof *w);
    if (!w)
        abort();
    w[0] = (t_int)f;
    memcpy(w + 1, vec, (size_t)n * sizeof *w);
    chainlen[nchain] = n;
    chain[nchain++] = w;
}

void dsp_add(t_perfroutine f, int n, ...)
{
    t_int vec[64];
    va_list ap;
    if (n > 64)
        STUB_FAIL("dsp_add with %d arguments", n);
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        vec[i] = va_arg(ap, t_int);
    va_end(ap);
    dsp_addv(f, n, vec);
}

int stub_dsp(t_pd *x, int nin, int nout, t_sample **vec, int n, t_float sr)
{
    static t_signal sigs[64];
    static t_signal *sp[64];
    t_class *c = *x;
    stub_dsp_clear();
    if (nin + nout > 64)
        STUB_FAIL("too many signals");
    for (int i = 0; i < nin + nout; i++) {
        memset(&sigs[i], 0, sizeof sigs[i]);
        sigs[i].s_n = n;
        sigs[i].s_vec = vec[i];
        sigs[i].s_sr = sr;
        sigs[i].s_vecsize = n;
        sp[i] = &sigs[i];
    }
    for (int k = 0; k < c->c_nmeth; k++) {
        if (c->c_meth[k].sel == gensym("dsp")) {
            ((void (*)(t_pd *, t_signal **))c->c_meth[k].fn)(x, sp);
            return nchain;
        }
    }
    STUB_FAIL("class has no dsp method");
    return 0;
}

void stub_dsp_tick(void)
{
    for (int i = 0; i < nchain; i++) {
        t_int *w = chain[i];
        t_int *next = ((t_perfroutine)w[0])(w);
        if (next != w + chainlen[i] + 1)
            STUB_FAIL("perform routine returned w + %ld, expected w + %d",
                      (long)(next - w), chainlen[i] + 1);
    }
}

/* ---- clocks ------------------------------------------------------------- */

struct _clock {
    void *c_owner;
    t_method c_fn;
    int c_set;
    struct _clock *c_next;
};
static struct _clock *clocks;

t_clock *clock_new(void *owner, t_method fn)
{
    struct _clock *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->c_owner = owner;
    c->c_fn = fn;
    c->c_next = clocks;
    clocks = c;
    return c;
}
void clock_delay(t_clock *c, double ms)
{
    if (!(ms == ms))
        STUB_FAIL("clock_delay(NaN)");
    c->c_set = 1;
}
void clock_set(t_clock *c, double t) { (void)t; c->c_set = 1; }
void clock_unset(t_clock *c) { c->c_set = 0; }
void clock_setunit(t_clock *c, double u, int s) { (void)c, (void)u, (void)s; }
double clock_getlogicaltime(void) { return 0; }
double clock_gettimesince(double t) { (void)t; return 0; }
void clock_free(t_clock *c)
{
    struct _clock **p = &clocks;
    while (*p && *p != c)
        p = &(*p)->c_next;
    if (!*p)
        STUB_FAIL("clock_free of an unknown clock");
    *p = c->c_next;
    free(c);
}
int stub_clocks_alive(void)
{
    int n = 0;
    for (struct _clock *c = clocks; c; c = c->c_next)
        n++;
    return n;
}
void stub_clocks_fire(void)
{
    /* collect first: a tick may re-set or free clocks */
    struct _clock *due[64];
    int n = 0;
    for (struct _clock *c = clocks; c && n < 64; c = c->c_next)
        if (c->c_set)
            due[n++] = c;
    for (int i = 0; i < n; i++) {
        struct _clock *c;
        for (c = clocks; c && c != due[i]; c = c->c_next)
            ;
        if (c && c->c_set) {
            c->c_set = 0;
            ((void (*)(void *))c->c_fn)(c->c_owner);
        }
    }
}

/* ---- arrays ------------------------------------------------------------- */

static t_class garray_class_s;
t_class *garray_class = &garray_class_s;

typedef struct fake_garray {
    t_class *g_class;
    t_symbol *g_name;
    int g_n;
    t_word *g_vec;
    struct fake_garray *g_next;
} fake_garray;
static fake_garray *arrays;

void stub_array(const char *name, int n)
{
    fake_garray *a = calloc(1, sizeof *a);
    if (!a)
        abort();
    a->g_class = garray_class;
    a->g_name = gensym(name);
    a->g_n = n;
    a->g_vec = calloc((size_t)(n > 0 ? n : 1), sizeof(t_word));
    a->g_next = arrays;
    arrays = a;
}

t_pd *pd_findbyclass(t_symbol *s, const t_class *c)
{
    if (c != garray_class)
        return NULL;
    for (fake_garray *a = arrays; a; a = a->g_next)
        if (a->g_name == s)
            return (t_pd *)a;
    return NULL;
}
int garray_getfloatwords(t_garray *x, int *size, t_word **vec)
{
    fake_garray *a = (fake_garray *)x;
    *size = a->g_n;
    *vec = a->g_vec;
    return 1;
}
int garray_getfloatarray(t_garray *x, int *size, t_float **vec)
{
    (void)x, (void)size, (void)vec;
    return 0;
}
void garray_resize_long(t_garray *x, long n)
{
    fake_garray *a = (fake_garray *)x;
    if (n < 1)
        n = 1;
    if (n > (1L << 22))
        STUB_FAIL("array resized to %ld points", n);
    t_word *v = realloc(a->g_vec, (size_t)n * sizeof *v);
    if (!v)
        abort();
    for (long i = a->g_n; i < n; i++)
        v[i].w_float = 0;
    a->g_vec = v;
    a->g_n = (int)n;
}
void garray_resize(t_garray *x, t_floatarg f) { garray_resize_long(x, (long)f); }
void garray_redraw(t_garray *x) { (void)x; }
int garray_npoints(t_garray *x) { return ((fake_garray *)x)->g_n; }
void garray_usedindsp(t_garray *x) { (void)x; }

/* ---- canvases and files ----------------------------------------------------
 * Objects that read or write files (match~'s save and load) resolve names
 * against their patch's directory. Under the stub there is no patch, and
 * no file is ever opened: a fuzzer must not write files wherever it runs,
 * so sys_fopen refuses (the object reports it, as for a missing file). */
t_glist *canvas_getcurrent(void) { return NULL; }
void canvas_makefilename(const t_glist *c, const char *file, char *result,
                         int resultsize)
{
    (void)c;
    snprintf(result, (size_t)resultsize, "%s", file);
}
FILE *sys_fopen(const char *filename, const char *mode)
{
    (void)filename, (void)mode;
    return NULL;
}
int sys_fclose(FILE *stream) { return stream ? fclose(stream) : 0; }
