/* mmref: the reference description of every mixmaster object, as JSON on
 * stdout, read from the objects' own declarations.
 *
 * Linked with every wrapper (externals/), the core (dsp/) and the
 * Pd stand-in of the fuzzers (tests/fuzz/pdstub.c). It calls every
 * setup function (MM_SETUPS, a list X(comp_tilde) X(gate_tilde) ... given
 * by the Makefile), walks mm_pd_registry() and writes, per object: name,
 * summary, channels, inlets, outlets, every row (the backbone's common
 * rows and the core's table) with type, unit, range, default, off value,
 * choices, whether it is a flag and/or a message, the methods (the
 * object's and the common ones) with arguments, and the info outputs.
 * Each object is also created once on the stub with its defaults, and
 * its signal inlets and outlets are counted, as a check of the words.
 * Objects whose setup does not register a declaration (still on
 * mm_pdlegacy) are listed under "legacy".
 *
 *   build/mmref [-o file.json]
 * scripts/mkreference.py turns the description into help patch
 * references and doc/ pages. Exit status 1 when something disagrees. */
#include "mm_pd.h"
#include "pdstub.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef MM_SETUPS
#error "define MM_SETUPS as X(name_tilde) X(...) for every externals/<name>~.c"
#endif

#define X(n) void n##_setup(void);
MM_SETUPS
#undef X

typedef struct setup {
    const char *file;
    void (*fn)(void);
} setup;

#define X(n) {#n, n##_setup},
static const setup setups[] = {MM_SETUPS};
#undef X

static FILE *out;
static int failures;

/* ---- JSON writing ------------------------------------------------------ */

static void jstr(const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* the shortest decimal that reads back as the same double */
static void jnum(double v)
{
    char buf[40];
    if (!isfinite(v)) {
        fputs("null", out);
        return;
    }
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, out);
}

static void jbool(int b) { fputs(b ? "true" : "false", out); }

/* "key": ; indent NULL: on the same line */
static void key(const char *indent, const char *k, int first)
{
    if (indent)
        fprintf(out, "%s\n%s", first ? "" : ",", indent);
    else if (!first)
        fputs(", ", out);
    jstr(k);
    fputs(": ", out);
}

/* ---- inlets and outlets, as mm_pd builds them -------------------------- */

static const char *ordinal(int i, char *buf, size_t size)
{
    static const char *const suffix[] = {"th", "st", "nd", "rd"};
    int s = (i % 100 >= 11 && i % 100 <= 13) || i % 10 > 3 ? 0 : i % 10;
    snprintf(buf, size, "%d%s", i, suffix[s]);
    return buf;
}

static void port(const char *label, const char *type, const char *doc,
                 int *first)
{
    fprintf(out, "%s\n      {", *first ? "" : ",");
    *first = 0;
    fputs("\"label\": ", out);
    jstr(label);
    fputs(", \"type\": ", out);
    jstr(type);
    fputs(", \"doc\": ", out);
    jstr(doc);
    fputc('}', out);
}

static int variable_ch(const mm_objdef *d) { return d->ch_max > d->ch_min; }

static void inlets(const mm_objdef *d)
{
    char lab[32], doc[256];
    int first = 1, chans = variable_ch(d) ? d->ch_max : d->ch_def;
    fputs("[", out);
    if (chans > 1)
        port("1st", "signal", !variable_ch(d) && chans == 2
             ? "channel 1 (left), also takes every message"
             : "channel 1 (the leftmost), also takes every message", &first);
    else
        port("1st", "signal", "the signal, also takes every message",
             &first);
    if (variable_ch(d) && d->ch_max > 1) {
        snprintf(doc, sizeof doc,
                 "channels 2 to N: one signal inlet per channel (N = -ch, "
                 "default %d)", d->ch_def);
        port("2nd..", "signal", doc, &first);
    } else {
        for (int c = 2; c <= d->ch_def; c++) {
            snprintf(doc, sizeof doc, "channel %d%s", c,
                     d->ch_def == 2 ? " (right)" : "");
            port(ordinal(c, lab, sizeof lab), "signal", doc, &first);
        }
    }
    if (d->features & MM_OBJ_SIDECHAIN)
        port("key", "signal",
             "with -sidechain 1, one more inlet after the channels: the key "
             "signal the detector listens to instead of the channels",
             &first);
    if (d->features & MM_OBJ_REFERENCE)
        port("reference", "signal",
             "one more inlet per channel after the channels (channel 1 "
             "leftmost): the reference signal", &first);
    fputs("]", out);
}

static void outlets(const mm_objdef *d)
{
    char lab[32], doc[256];
    int first = 1;
    fputs("[", out);
    if (d->outs == 0) {
        if (variable_ch(d)) {
            port("1st..", "signal",
                 "one signal outlet per channel (channel 1 leftmost)",
                 &first);
        } else {
            for (int c = 1; c <= d->ch_def; c++) {
                snprintf(doc, sizeof doc, "channel %d%s", c,
                         d->ch_def != 2 ? "" : c == 1 ? " (left)"
                                                      : " (right)");
                port(ordinal(c, lab, sizeof lab), "signal", doc, &first);
            }
        }
    } else if (d->outs > 0) {
        for (int c = 1; c <= d->outs; c++) {
            if (d->outs == 2)
                snprintf(doc, sizeof doc, "%s", c == 1 ? "left" : "right");
            else
                snprintf(doc, sizeof doc, "signal %d", c);
            port(ordinal(c, lab, sizeof lab), "signal", doc, &first);
        }
    }
    port(d->outs == MM_PD_NOOUT ? "1st" : "rightmost", "anything",
         "info messages (selector value...) for [route]: see the info "
         "outputs", &first);
    fputs("]", out);
}

/* ---- rows, methods, info ------------------------------------------------ */

static const char *type_name(mm_ptype t)
{
    switch (t) {
    case MM_P_FLOAT: return "float";
    case MM_P_INT: return "int";
    case MM_P_BOOL: return "bool";
    case MM_P_CHOICE: return "choice";
    }
    return "?";
}

static void row(const mm_paramdef *r, const char *origin, int *first)
{
    const char *in = NULL;
    int n = mm_param_nchoices(r);
    fprintf(out, "%s\n      {", *first ? "" : ",");
    *first = 0;
    key(in, "name", 1);
    jstr(r->name);
    key(in, "origin", 0);
    jstr(origin);
    key(in, "type", 0);
    jstr(type_name(r->type));
    key(in, "unit", 0);
    jstr(r->unit ? r->unit : "");
    key(in, "min", 0);
    if (r->type == MM_P_CHOICE)
        fputs("null", out);
    else
        jnum(r->type == MM_P_BOOL ? 0 : r->min);
    key(in, "max", 0);
    if (r->type == MM_P_CHOICE)
        fputs("null", out);
    else
        jnum(r->type == MM_P_BOOL ? 1 : r->max);
    key(in, "default", 0);
    if (r->type == MM_P_CHOICE) {
        int k = (int)r->def;
        if (k < 0 || k >= n) {
            fprintf(stderr, "mmref: %s: default %g is not a choice\n",
                    r->name, r->def);
            failures++;
            fputs("null", out);
        } else {
            jstr(r->choices[k]);
        }
    } else {
        jnum(r->def);
    }
    key(in, "off", 0);
    if (r->flags & MM_P_OFF)
        jnum(r->offval);
    else
        fputs("null", out);
    key(in, "choices", 0);
    if (r->type == MM_P_CHOICE) {
        fputs("[", out);
        for (int k = 0; k < n; k++) {
            if (k)
                fputs(", ", out);
            jstr(r->choices[k]);
        }
        fputs("]", out);
    } else {
        fputs("null", out);
    }
    key(in, "creation", 0);
    jbool((r->flags & MM_P_CREATION) != 0);
    key(in, "per_instance", 0);
    jbool((r->flags & MM_P_PERINSTANCE) != 0);
    key(in, "flag", 0);
    jbool(!(r->flags & MM_P_NOFLAG));
    key(in, "message", 0);
    jbool(!(r->flags & MM_P_CREATION));
    key(in, "doc", 0);
    jstr(r->doc);
    fputs("}", out);
}

static void method(const mm_pdmethod *m, const char *origin, int *first)
{
    const char *in = NULL;
    fprintf(out, "%s\n      {", *first ? "" : ",");
    *first = 0;
    key(in, "name", 1);
    jstr(m->name);
    key(in, "origin", 0);
    jstr(origin);
    key(in, "args", 0);
    jstr(m->args ? m->args : "");
    key(in, "flag", 0);
    jbool(!(m->flags & MM_P_NOFLAG));
    key(in, "creation", 0);
    jbool((m->flags & MM_P_CREATION) != 0);
    key(in, "doc", 0);
    jstr(m->doc);
    key(in, "arg_rows", 0);
    fputs("[", out);
    int afirst = 1;
    for (int i = 0; m->args_table && i < m->args_table->count; i++)
        row(&m->args_table->defs[i], "argument", &afirst);
    fputs("]}", out);
}

static void info(const char *sel, const char *args, const char *doc,
                 const char *origin, int *first)
{
    fprintf(out, "%s\n      {\"selector\": ", *first ? "" : ",");
    *first = 0;
    jstr(sel);
    fputs(", \"args\": ", out);
    jstr(args ? args : "");
    fputs(", \"origin\": ", out);
    jstr(origin);
    fputs(", \"doc\": ", out);
    jstr(doc);
    fputs("}", out);
}

/* ---- one object --------------------------------------------------------- */

static t_class *class_of(const mm_objdef *d, t_class *const *cls,
                         const mm_objdef *const *defs, int n)
{
    for (int i = 0; i < n; i++)
        if (defs[i] == d)
            return cls[i];
    return NULL;
}

/* Create the object with its defaults on the stub: the counts the words
 * above describe. */
static void instance(const mm_objdef *d, t_class *c)
{
    int nin = d->ch_def * (d->features & MM_OBJ_REFERENCE ? 2 : 1);
    int nout = d->outs == 0 ? d->ch_def : d->outs > 0 ? d->outs : 0;
    int sin = -1, sout = -1;
    if (c) {
        t_pd *x = stub_new(c, 0, NULL);
        if (x) {
            sin = stub_signal_inlets(x);
            sout = stub_signal_outlets(x);
            stub_free(x);
        }
    }
    if (sin != nin || sout != nout) {
        fprintf(stderr, "mmref: [%s] has %d signal inlets and %d outlets, "
                "its declaration says %d and %d\n", d->name, sin, sout, nin,
                nout);
        failures++;
    }
    fprintf(out, "{\"args\": \"\", \"signal_inlets\": %d, "
            "\"signal_outlets\": %d, \"info_outlet\": true}", sin, sout);
}

static void object(const mm_objdef *d, t_class *c)
{
    const char *in = "    ";
    mm_paramdef head[8], tail[8];
    int nh, nt, first;
    fputs("\n  {", out);
    key(in, "name", 1);
    jstr(d->name);
    key(in, "summary", 0);
    jstr(d->summary);
    key(in, "features", 0);
    fprintf(out, "[");
    first = 1;
    static const struct { unsigned bit; const char *word; } feat[] = {
        {MM_OBJ_SOUND, "sound"}, {MM_OBJ_SIDECHAIN, "sidechain"},
        {MM_OBJ_METER, "meter"}, {MM_OBJ_OWNDELTA, "owndelta"},
        {MM_OBJ_REFERENCE, "reference"}};
    for (size_t k = 0; k < sizeof feat / sizeof feat[0]; k++)
        if (d->features & feat[k].bit) {
            fputs(first ? "" : ", ", out);
            jstr(feat[k].word);
            first = 0;
        }
    fputs("]", out);
    key(in, "channels", 0);
    fprintf(out, "{\"min\": %d, \"max\": %d, \"default\": %d}", d->ch_min,
            d->ch_max, d->ch_def);
    key(in, "interval_default", 0);
    if (d->features & MM_OBJ_METER)
        jnum(d->interval_def);
    else
        fputs("null", out);
    key(in, "inlets", 0);
    inlets(d);
    key(in, "inlets_doc", 0);
    jstr(d->inlets_doc);
    key(in, "outlets", 0);
    outlets(d);

    key(in, "rows", 0);
    fputs("[", out);
    first = 1;
    mm_pd_common_rows(d, head, &nh, tail, &nt);
    for (int i = 0; i < nh; i++)
        row(&head[i], "common", &first);
    for (int i = 0; i < d->core->table->count; i++)
        row(&d->core->table->defs[i], d->core->table->module, &first);
    for (int i = 0; i < nt; i++)
        row(&tail[i], "common", &first);
    fputs("]", out);

    key(in, "methods", 0);
    fputs("[", out);
    first = 1;
    for (const mm_pdmethod *m = d->methods; m && m->name; m++)
        method(m, "object", &first);
    for (const mm_pdcurve *c = d->curves; c && c->name; c++) {
        /* a curve is a message-only method `<name> <array>` */
        mm_pdmethod m = {c->name, NULL, NULL, "<array>", c->doc,
                         MM_P_NOFLAG, NULL};
        method(&m, "object", &first);
    }
    for (const mm_pdmethod *m = mm_pd_common_methods(); m->name; m++)
        method(m, "common", &first);
    fputs("]", out);

    key(in, "info", 0);
    fputs("[", out);
    first = 1;
    int has_latency = 0;
    for (const mm_pdinfo *p = d->info; p && p->selector; p++) {
        info(p->selector, p->args, p->doc, "object", &first);
        has_latency |= !strcmp(p->selector, "latency");
    }
    if (!has_latency) /* the backbone always answers `latency` */
        info("latency", "<samples>",
             d->latency || d->core->latency ? "the latency in samples"
                                            : "always 0",
             "common", &first);
    fputs("]", out);

    key(in, "instance", 0);
    instance(d, c);
    fputs("\n  }", out);
}

/* The rows and methods of one object must not share a name: the second
 * would never be reached. */
static void check_names(const mm_objdef *d)
{
    mm_paramdef head[8], tail[8];
    const char *names[MM_PD_MAXPARAMS + 64];
    int n = 0, nh, nt;
    mm_pd_common_rows(d, head, &nh, tail, &nt);
    for (int i = 0; i < nh; i++)
        names[n++] = head[i].name;
    for (int i = 0; i < d->core->table->count; i++)
        names[n++] = d->core->table->defs[i].name;
    for (int i = 0; i < nt; i++)
        names[n++] = tail[i].name;
    for (const mm_pdmethod *m = d->methods; m && m->name; m++)
        names[n++] = m->name;
    for (const mm_pdcurve *c = d->curves; c && c->name; c++)
        names[n++] = c->name;
    for (const mm_pdmethod *m = mm_pd_common_methods(); m->name; m++)
        names[n++] = m->name;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (!strcmp(names[i], names[j])) {
                fprintf(stderr, "mmref: %s: '%s' is declared twice\n",
                        d->name, names[i]);
                failures++;
            }
}

int main(int argc, char **argv)
{
    const int nsetups = (int)(sizeof setups / sizeof setups[0]);
    t_class *cls[64] = {0};
    const char *legacy[64];
    int nlegacy = 0;
    out = stdout;
    if (argc == 3 && !strcmp(argv[1], "-o")) {
        out = fopen(argv[2], "w");
        if (!out) {
            perror(argv[2]);
            return 1;
        }
    } else if (argc != 1) {
        fprintf(stderr, "usage: %s [-o file.json]\n", argv[0]);
        return 2;
    }

    const mm_objdef *const *defs;
    for (int i = 0; i < nsetups && i < 64; i++) {
        int before = mm_pd_registry(&defs);
        setups[i].fn();
        int after = mm_pd_registry(&defs);
        if (after > before)
            cls[after - 1] = stub_last_class();
        else if (stub_last_class())
            legacy[nlegacy++] = class_getname(stub_last_class());
    }
    int n = mm_pd_registry(&defs);

    fputs("{\n  \"format\": \"mixmaster-reference 1\",\n"
          "  \"library\": \"mixmaster\",\n  \"objects\": [", out);
    for (int i = 0; i < n; i++) {
        check_names(defs[i]);
        object(defs[i], class_of(defs[i], cls, defs, n));
        if (i + 1 < n)
            fputc(',', out);
    }
    fputs("\n  ],\n  \"legacy\": [", out);
    for (int i = 0; i < nlegacy; i++) {
        fputs(i ? ", " : "", out);
        jstr(legacy[i]);
    }
    fputs("]\n}\n", out);
    if (out != stdout && fclose(out) != 0) {
        perror(argv[2]);
        return 1;
    }
    return failures ? 1 : 0;
}
