/* match~: a reference matching EQ. It learns the long-term spectrum of a
 * reference (its own inlets) and of the programme, and corrects the
 * programme with a smooth linear-phase EQ. The sound is dsp/mm_match (on
 * mm_spectrum, mm_linphase, mm_fftconv); flags, messages, bypass/delta,
 * the curve and the info outlet come from mm_pd. Its own: the learn,
 * clear, save and load messages (files relative to the patch). */
#include "mm_pd.h"
#include "mm_match.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OBJ "match~"
#define CURVE_POINTS 256
#define FORMAT 1
#define DB_FLOOR (-300.0)

#define CORE(o) ((mm_match *)mm_pd_core(o))
#define CURVE_DOC                                                          \
    "the correction: dB at 256 log-spaced points 20 Hz..20 kHz, following " \
    "the learning and the controls"

static const mm_pdinfo match_info[] = {
    {"reference", "<s>", "seconds of reference learned"},
    {"source", "<s>", "seconds of programme learned"},
    {NULL, NULL, NULL}};

static void match_process(void *o, const float *const *in, float *const *out,
                          const float *key, int n)
{
    (void)key;
    mm_match_process(CORE(o), in, ((mm_pdobj *)o)->key, out, n);
}

static void match_emit(void *o)
{
    const mm_match *m = CORE(o);
    mm_pd_info(o, "reference",
               mm_match_learned_seconds(m, MM_MATCH_REFERENCE));
    mm_pd_info(o, "source", mm_match_learned_seconds(m, MM_MATCH_SOURCE));
    if (mm_match_learning(m, MM_MATCH_REFERENCE)
        || mm_match_learning(m, MM_MATCH_SOURCE))
        mm_pd_redraw_curves(o); /* the curve follows the learning */
}

static void match_curve(void *o, float *y, int n)
{
    mm_match_curve(CORE(o), y, n, 20.0, 20000.0);
}

#define BOTH 2

/* reference|source|both -> MM_MATCH_* or BOTH, or -1 after an error */
static int side(void *o, const char *msg, int argc, t_atom *argv, int i)
{
    t_symbol *s;
    if (!mm_pd_arg_symbol(o, msg, argc, argv, i, &s))
        return -1;
    if (!strcmp(s->s_name, "reference"))
        return MM_MATCH_REFERENCE;
    if (!strcmp(s->s_name, "source"))
        return MM_MATCH_SOURCE;
    if (!strcmp(s->s_name, "both"))
        return BOTH;
    pd_error(o, OBJ ": %s: '%s' must be reference, source or both", msg,
             s->s_name);
    return -1;
}

/* learn reference|source|both 0|1 */
static void do_learn(void *o, int argc, t_atom *argv)
{
    t_float on;
    int w = side(o, "learn", argc, argv, 0);
    if (w < 0 || !mm_pd_arg_float(o, "learn", argc, argv, 1, &on))
        return;
    for (int k = 0; k < 2; k++)
        if (w == BOTH || w == k)
            mm_match_learn(CORE(o), k, on != 0);
}

static void print_learn(void *o)
{
    const mm_match *m = CORE(o);
    post("  learn reference %d source %d: learned %g s of reference, %g s "
         "of source", mm_match_learning(m, MM_MATCH_REFERENCE),
         mm_match_learning(m, MM_MATCH_SOURCE),
         mm_match_learned_seconds(m, MM_MATCH_REFERENCE),
         mm_match_learned_seconds(m, MM_MATCH_SOURCE));
}

/* clear [reference|source|both] */
static void do_clear(void *o, int argc, t_atom *argv)
{
    int w = BOTH;
    if (argc > 0 && (w = side(o, "clear", argc, argv, 0)) < 0)
        return;
    mm_match_clear(CORE(o), w == BOTH ? -1 : w);
}

/* the file's full name (relative names are in the patch's directory) */
static int filename(void *o, const char *msg, int argc, t_atom *argv,
                    char *buf)
{
    t_symbol *name;
    if (!mm_pd_arg_symbol(o, msg, argc, argv, 0, &name))
        return 0;
    t_canvas *cv = ((mm_pdobj *)o)->canvas;
    if (cv)
        canvas_makefilename(cv, name->s_name, buf, MAXPDSTRING);
    else
        snprintf(buf, MAXPDSTRING, "%s", name->s_name);
    return 1;
}

static double to_db(double p)
{
    return p > 1e-30 && mm_isfinite_d(p) ? 10.0 * log10(p) : DB_FLOOR;
}

static void do_save(void *o, int argc, t_atom *argv)
{
    char path[MAXPDSTRING];
    const mm_match *m = CORE(o);
    if (!filename(o, "save", argc, argv, path))
        return;
    int nb = mm_match_bins(m);
    double *pw = malloc(sizeof(double) * 2 * (size_t)nb);
    FILE *f = pw ? sys_fopen(path, "w") : NULL;
    if (!f) {
        pd_error(o, OBJ ": save: could not write '%s'", path);
        free(pw);
        return;
    }
    mm_match_get_learned(m, MM_MATCH_REFERENCE, pw);
    mm_match_get_learned(m, MM_MATCH_SOURCE, pw + nb);
    fprintf(f, "# match~ (mixmaster): the learned long-term spectra, mean "
               "power per analysis bin\n"
               "# match~ <format> <reference seconds> <source seconds> "
               "<lines>, then <Hz> <reference dB> <source dB> per line\n");
    fprintf(f, "match~ %d %.9g %.9g %d\n", FORMAT,
            mm_match_learned_seconds(m, MM_MATCH_REFERENCE),
            mm_match_learned_seconds(m, MM_MATCH_SOURCE), nb);
    for (int k = 0; k < nb; k++)
        fprintf(f, "%.9g %.6f %.6f\n", k * mm_match_bin_hz(m), to_db(pw[k]),
                to_db(pw[nb + k]));
    int bad = ferror(f);
    if (sys_fclose(f) != 0 || bad)
        pd_error(o, OBJ ": save: could not write all of '%s'", path);
    free(pw);
}

/* read a saved pair: 0 after an error (said) */
static int read_pair(void *o, FILE *f, const char *path, double *sec,
                     int *count, double **hz, double **pr, double **ps)
{
    char line[256];
    int format = 0, n = -1, k = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (n < 0) {
            if (sscanf(line, "match~ %d %lf %lf %d", &format, &sec[0],
                       &sec[1], &n) != 4 || format != FORMAT || n < 2
                || n > (1 << 20) || !mm_isfinite_d(sec[0])
                || !mm_isfinite_d(sec[1]) || sec[0] < 0 || sec[1] < 0) {
                pd_error(o, OBJ ": load: '%s' is not a match~ file "
                         "(format %d)", path, FORMAT);
                return 0;
            }
            *hz = malloc(sizeof(double) * 3 * (size_t)n);
            if (!*hz) {
                pd_error(o, OBJ ": load: out of memory");
                return 0;
            }
            *pr = *hz + n;
            *ps = *pr + n;
            continue;
        }
        double a, b, c;
        if (k >= n || sscanf(line, "%lf %lf %lf", &a, &b, &c) != 3
            || !mm_isfinite_d(a) || !mm_isfinite_d(b) || !mm_isfinite_d(c)
            || (k > 0 && !(a > (*hz)[k - 1]))) {
            pd_error(o, OBJ ": load: '%s': line %d of the spectra is bad",
                     path, k + 1);
            return 0;
        }
        (*hz)[k] = a;
        (*pr)[k] = b <= DB_FLOOR ? 0.0 : pow(10.0, mm_clamp_d(b, -300, 300) / 10);
        (*ps)[k] = c <= DB_FLOOR ? 0.0 : pow(10.0, mm_clamp_d(c, -300, 300) / 10);
        k++;
    }
    if (n < 0 || k != n) {
        pd_error(o, OBJ ": load: '%s' ends early (%d of %d lines)", path, k,
                 n < 0 ? 0 : n);
        return 0;
    }
    *count = n;
    return 1;
}

static void do_load(void *o, int argc, t_atom *argv)
{
    char path[MAXPDSTRING];
    if (!filename(o, "load", argc, argv, path))
        return;
    FILE *f = sys_fopen(path, "r");
    if (!f) {
        pd_error(o, OBJ ": load: could not open '%s'", path);
        return;
    }
    double sec[2], *hz = NULL, *pr = NULL, *ps = NULL;
    int n = 0;
    if (read_pair(o, f, path, sec, &n, &hz, &pr, &ps)
        && (mm_match_set_learned(CORE(o), MM_MATCH_REFERENCE, hz, pr, n,
                                 sec[0]) != MM_OK
            || mm_match_set_learned(CORE(o), MM_MATCH_SOURCE, hz, ps, n,
                                    sec[1]) != MM_OK))
        pd_error(o, OBJ ": load: '%s' holds unusable spectra", path);
    sys_fclose(f);
    free(hz);
}

static const mm_pdmethod match_methods[] = {
    {"learn", do_learn, print_learn, "reference|source|both 0|1",
     "1: learn the long-term spectrum of the reference inlets, of the "
     "programme or of both, adding to what is learned. 0: stop",
     MM_P_NOFLAG, NULL},
    {"clear", do_clear, NULL, "[reference|source|both]",
     "forget what was learned (both without an argument): the correction "
     "fades to flat", MM_P_NOFLAG, NULL},
    {"save", do_save, NULL, "<file>",
     "write the learned pair as a text file (relative to the patch)",
     MM_P_NOFLAG, NULL},
    {"load", do_load, NULL, "<file>",
     "read a learned pair written by save (also a creation flag)", 0, NULL},
    {0}};

static const mm_pdcurve match_curves[] = {
    {"curve", CURVE_POINTS, match_curve, CURVE_DOC}, {NULL, 0, NULL, NULL}};

MM_PD_OBJECT(match, mm_match,
             "reference matching EQ: learns two long-term spectra, corrects "
             "with a linear-phase FIR",
             .features = MM_OBJ_SOUND | MM_OBJ_METER | MM_OBJ_REFERENCE,
             .ch_def = 2, .methods = match_methods, .curves = match_curves,
             .info = match_info, .process = match_process,
             .emit = match_emit);
