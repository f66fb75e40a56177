/* pdstub.h: the harness side of pdstub.c, a minimal stand-in for the Pd
 * runtime that the mixmaster wrappers (externals/<name>~.c + mm_pd.c) are
 * linked against in the object fuzzers. Only what the wrappers use: class
 * and method tables, pd_new/pd_free, inlets/outlets, symbols, clocks, the
 * DSP chain (dsp_add/dsp_addv), printing, atoms and a few fake arrays. */
#ifndef MM_PDSTUB_H
#define MM_PDSTUB_H

#include "m_pd.h"

/* The class the last *_setup() created. */
t_class *stub_last_class(void);
/* Create an object as Pd would for [name args...] (the new method). */
t_pd *stub_new(t_class *c, int argc, t_atom *argv);
/* pd_free: the free method, then inlets, outlets and the memory. */
void stub_free(t_pd *x);
/* Send a message to the leftmost inlet, routed as pd_typedmess does. */
void stub_send(t_pd *x, t_symbol *s, int argc, t_atom *argv);
/* Signal inlets (main + extra) and signal outlets of an object. */
int stub_signal_inlets(t_pd *x);
int stub_signal_outlets(t_pd *x);
/* Run the dsp method with these signals (inputs first, then outputs),
 * then return the number of perform routines it added. */
int stub_dsp(t_pd *x, int nin, int nout, t_sample **vec, int n, t_float sr);
/* Run the DSP chain once (one block); checks every perform routine
 * returns the pointer just past its arguments. */
void stub_dsp_tick(void);
void stub_dsp_clear(void);
/* Fire every set clock (meters), as if its time had come. */
void stub_clocks_fire(void);
int stub_clocks_alive(void);
/* Largest `latency N` seen on any outlet since stub_reset_latency(). */
double stub_latency_max(void);
double stub_latency_last(void);
void stub_reset_latency(void);
/* Number of pd_error calls so far. */
long stub_errors(void);
/* A fake float array `name` of n points for mm_array_write. */
void stub_array(const char *name, int n);

#endif
