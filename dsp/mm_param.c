/* mm_param.c: clamping and lookup for parameter tables (mm_param.h). */
#include "mm_param.h"
#include "mm_common.h"
#include <string.h>

int mm_param_nchoices(const mm_paramdef *d)
{
    int k = 0;
    while (d->choices && d->choices[k])
        k++;
    return k;
}

static double range_max(const mm_paramdef *d)
{
    return d->type == MM_P_CHOICE ? mm_param_nchoices(d) - 1
           : d->type == MM_P_BOOL ? 1 : d->max;
}

static double range_min(const mm_paramdef *d)
{
    return d->type == MM_P_CHOICE || d->type == MM_P_BOOL ? 0 : d->min;
}

/* hpf 0 is off, and so is hpf -5: the off value and anything beyond it
 * on its side of the range. */
static int means_off(const mm_paramdef *d, double v)
{
    if (!(d->flags & MM_P_OFF))
        return 0;
    return v == d->offval || (d->offval < d->min && v <= d->offval)
           || (d->offval > d->max && v >= d->offval);
}

int mm_param_out_of_range(const mm_paramdef *d, double v)
{
    if (!mm_isfinite_d(v))
        return 1;
    if (means_off(d, v))
        return v != d->offval;
    if (d->type == MM_P_BOOL)
        return 0;
    return v < range_min(d) || v > range_max(d);
}

double mm_param_apply(const mm_paramdef *d, double v)
{
    if (!mm_isfinite_d(v))
        return d->def;
    if (means_off(d, v))
        return d->offval;
    if (d->type == MM_P_BOOL)
        return v != 0;
    v = mm_clamp_d(v, range_min(d), range_max(d));
    if (d->type == MM_P_INT || d->type == MM_P_CHOICE)
        v = v < 0 ? ceil(v - 0.5) : floor(v + 0.5); /* half away from 0 */
    return v;
}

const mm_paramdef *mm_param_find(const mm_paramtable *t, const char *name)
{
    for (int i = 0; i < t->count; i++)
        if (!strcmp(t->defs[i].name, name))
            return &t->defs[i];
    return NULL;
}

const mm_paramdef *mm_param_by_id(const mm_paramtable *t, int id)
{
    for (int i = 0; i < t->count; i++)
        if (t->defs[i].id == id)
            return &t->defs[i];
    return NULL;
}

int mm_param_take(const mm_paramtable *t, int id, double *v)
{
    const mm_paramdef *d = mm_param_by_id(t, id);
    if (!d)
        return 0;
    *v = mm_param_apply(d, *v);
    return 1;
}

void mm_param_defaults(const mm_paramtable *t, double *value, int n)
{
    for (int r = 0; r < t->count; r++)
        if (t->defs[r].id >= 0 && t->defs[r].id < n)
            value[t->defs[r].id] = t->defs[r].def;
}
