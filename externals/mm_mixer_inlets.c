/* mm_mixer_inlets: gives mixer~ (an abstraction) as many signal inlets as
 * its flags ask for. A Pd abstraction's inlets are the inlet~ objects in its
 * file, and the parent patch connects to them right after the abstraction
 * has loaded, before any loadbang. So this object, the last one in
 * mixer~.pd, reads the abstraction's flags while it is being created and
 * adds the inlets to the canvas then:
 *
 *   -ch N      channels: 1..16 mono, 1..8 stereo (default 8)
 *   -stereo S  0 mono (one inlet per channel), 1 stereo (two)
 *
 * Inlet k (mono) feeds [s~ $0-in-k]; stereo channel k's two inlets feed
 * [s~ $0-inL-k] and [s~ $0-inR-k]. Messages to the first inlet go to
 * [s $0-in]. The parsed values land in [v $0-N] and [v $0-S] for the
 * patch's loadbang (which makes the channels with [clone]).
 *
 * Argument: the abstraction's $0 (without one it does nothing, as in its
 * help patch). Only Pd's exported API is used (no
 * struct fields), so one binary serves Pd 0.53 to 0.56. */
#include <stdio.h>
#include <string.h>
#include "m_pd.h"
#include "g_canvas.h"

#define MIXER_MAX_MONO 16
#define MIXER_MAX_STEREO 8

static t_class *mixer_inlets_class;

typedef struct mixer_inlets {
    t_object x_obj;
} t_mixer_inlets;

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* the abstraction's flags; unknown words are reported, not fatal */
static void parse_flags(void *x, int argc, const t_atom *argv, int *channels, int *stereo)
{
    int n = 8, s = 0;
    for (int i = 0; i < argc; i++) {
        t_symbol *flag = atom_getsymbol(argv + i);
        int has_value = i + 1 < argc && argv[i + 1].a_type == A_FLOAT;
        if (flag == gensym("-ch") && has_value)
            n = (int)atom_getfloat(argv + ++i);
        else if (flag == gensym("-stereo") && has_value)
            s = atom_getfloat(argv + ++i) != 0;
        else {
            char word[MAXPDSTRING];
            atom_string(argv + i, word, sizeof word);
            pd_error(x, "mixer~: unknown flag '%s' (flags: -ch <channels> -stereo 0|1)", word);
        }
    }
    *stereo = s;
    *channels = clampi(n, 1, s ? MIXER_MAX_STEREO : MIXER_MAX_MONO);
    if (*channels != n)
        pd_error(x, "mixer~: -ch %d is out of range, using %d (1..%d %s channels)", n, *channels,
                 s ? MIXER_MAX_STEREO : MIXER_MAX_MONO, s ? "stereo" : "mono");
}

static t_symbol *named(const char *dollar0, const char *what)
{
    char name[128];
    snprintf(name, sizeof name, "%s-%s", dollar0, what);
    return gensym(name);
}

/* [inlet~] at x, feeding [s~ name] below it (row 0 or 1: the s~ boxes
 * are wider than the inlets' spacing, so neighbours alternate rows). The
 * band y = 95..195 of mixer~.pd is kept free for them. */
static void add_inlet(t_glist *canvas, int x, int row, t_symbol *to)
{
    t_int index = canvas_getindex(canvas, 0);
    pd_vmess(&canvas->gl_pd, gensym("obj"), "iis", (t_int)x, (t_int)95, gensym("inlet~"));
    pd_vmess(&canvas->gl_pd, gensym("obj"), "iiss", (t_int)x, (t_int)(125 + 25 * row), gensym("s~"), to);
    pd_vmess(&canvas->gl_pd, gensym("connect"), "iiii", index, (t_int)0, index + 1, (t_int)0);
}

static void *mixer_inlets_new(t_symbol *s, int argc, t_atom *argv)
{
    (void)s;
    t_mixer_inlets *x = (t_mixer_inlets *)pd_new(mixer_inlets_class);
    t_glist *canvas = canvas_getcurrent();
    char dollar0[64];
    if (argc < 1 || !canvas) /* as in its help patch: nothing to make */
        return x;
    atom_string(argv, dollar0, sizeof dollar0);

    int flagc, channels, stereo;
    t_atom *flagv;
    canvas_getargs(&flagc, &flagv);
    parse_flags(x, flagc, flagv, &channels, &stereo);

    /* pd_vmess reads "i" arguments as t_int */
    t_int first = canvas_getindex(canvas, 0);
    for (int k = 1; k <= channels; k++) {
        char what[32];
        if (stereo) {
            snprintf(what, sizeof what, "inL-%d", k);
            add_inlet(canvas, 20 + 140 * (k - 1), 0, named(dollar0, what));
            snprintf(what, sizeof what, "inR-%d", k);
            add_inlet(canvas, 90 + 140 * (k - 1), 1, named(dollar0, what));
        } else {
            snprintf(what, sizeof what, "in-%d", k);
            add_inlet(canvas, 20 + 70 * (k - 1), (k - 1) % 2, named(dollar0, what));
        }
    }
    /* the first inlet~'s right outlet carries the messages sent to it */
    t_int messages = canvas_getindex(canvas, 0);
    pd_vmess(&canvas->gl_pd, gensym("obj"), "iiss", (t_int)20, (t_int)175, gensym("s"), named(dollar0, "in"));
    pd_vmess(&canvas->gl_pd, gensym("connect"), "iiii", first, (t_int)1, messages, (t_int)0);

    value_setfloat(named(dollar0, "N"), channels);
    value_setfloat(named(dollar0, "S"), stereo);
    return x;
}

/* built with -fvisibility=hidden: Pd must still find the setup */
__attribute__((visibility("default"))) void mm_mixer_inlets_setup(void)
{
    mixer_inlets_class = class_new(gensym("mm_mixer_inlets"), (t_newmethod)(void (*)(void))mixer_inlets_new, 0,
                                   sizeof(t_mixer_inlets), CLASS_NOINLET, A_GIMME, 0);
}
