/* rtprobe~: a deliberately bad external, the allocation check's negative
 * control (tests/pd/test_rtalloc.sh). It allocates in its dsp method
 * (allowed) and in its perform routine (what the check must catch). Built
 * by the test only; never installed. */
#include "m_pd.h"
#include <stdlib.h>

static t_class *rtprobe_tilde_class;

typedef struct _rtprobe_tilde {
    t_object x_obj;
    t_float x_f;
    float *x_buf;
    t_outlet *x_info;
} t_rtprobe_tilde;

static t_int *rtprobe_tilde_perform(t_int *w)
{
    t_sample *in = (t_sample *)w[1], *out = (t_sample *)w[2];
    int n = (int)w[3];
    float *tmp = malloc((size_t)n * sizeof *tmp);
    for (int i = 0; i < n; i++)
        out[i] = in[i];
    free(tmp);
    return w + 4;
}

static void rtprobe_tilde_bang(t_rtprobe_tilde *x)
{
    outlet_float(x->x_info, 1);
}

static void rtprobe_tilde_dsp(t_rtprobe_tilde *x, t_signal **sp)
{
    free(x->x_buf);
    x->x_buf = calloc((size_t)sp[0]->s_n, sizeof(float));
    dsp_add(rtprobe_tilde_perform, 3, sp[0]->s_vec, sp[1]->s_vec,
            (t_int)sp[0]->s_n);
}

static void *rtprobe_tilde_new(void)
{
    t_rtprobe_tilde *x = (t_rtprobe_tilde *)pd_new(rtprobe_tilde_class);
    outlet_new(&x->x_obj, &s_signal);
    x->x_info = outlet_new(&x->x_obj, 0);
    return x;
}

static void rtprobe_tilde_free(t_rtprobe_tilde *x)
{
    free(x->x_buf);
}

void rtprobe_tilde_setup(void)
{
    rtprobe_tilde_class = class_new(gensym("rtprobe~"),
        (t_newmethod)rtprobe_tilde_new, (t_method)rtprobe_tilde_free,
        sizeof(t_rtprobe_tilde), 0, 0);
    CLASS_MAINSIGNALIN(rtprobe_tilde_class, t_rtprobe_tilde, x_f);
    class_addbang(rtprobe_tilde_class, rtprobe_tilde_bang);
    class_addmethod(rtprobe_tilde_class, (t_method)rtprobe_tilde_dsp,
                    gensym("dsp"), A_CANT, 0);
}
