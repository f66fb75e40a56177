#!/usr/bin/env python3
"""Writes abstractions/mixer~.pd, mixer-channel~.pd and mixer-channel-stereo~.pd.

The mixer's patches are generated: hundreds of objects and connections are
easier to keep right as code. Edit this file, then run
`python3 scripts/mkmixer.py` and commit the .pd files with it.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdpatch import Canvas  # noqa: E402



# ------------------------------------------------------------------ channel
def channel(stereo):
    """Clone instance: $1 channel number, $2 the mixer's $0."""
    p = Canvas("#N canvas 60 40 1100 760 12;")
    p.text(20, 5, 'mixer-channel%s~: one channel of mixer~ (internal: made by [clone] in mixer~; $1 channel number, $2 the mixer\'s $0). '
           'strip~ keeps its own fader at 0 dB and mute off: the fader, mute, solo and the two sends are gains here, '
           'ramped with [line~] (20 ms), so a pre-fader send taps the strip~ output before the fader.' % ('-stereo' if stereo else ''))
    if stereo:
        inl = p.obj(None, 20, 80, 'r~ $2-inL-$1')
        inr = p.obj(None, 160, 80, 'r~ $2-inR-$1')
        strip = p.obj(None, 20, 150, 'strip~ -ch 2')
        p.c(inl, 0, strip, 0); p.c(inr, 0, strip, 1)
    else:
        inl = p.obj(None, 20, 80, 'r~ $2-in-$1')
        strip = p.obj(None, 20, 150, 'strip~ -ch 1')
        p.c(inl, 0, strip, 0)
    # message dispatch
    r = p.obj(None, 400, 60, 'r $2-ch')
    rt = p.obj(None, 400, 90, 'route $1')
    rtt = p.obj(None, 480, 90, 'list trim'); p.c(rt, 0, rtt)
    rr = p.obj(None, 400, 120, 'route fader mute solo send sendpre print latency defaults')
    p.chain(r, rt); p.c(rtt, 0, rr)
    p.c(rr, 8, strip, 0)  # everything else goes to strip~
    rlat = p.obj(None, 700, 60, 'r $2-latq')
    mlat = p.msg(None, 700, 90, 'latency')
    p.c(rlat, 0, mlat); p.c(rr, 6, mlat); p.c(mlat, 0, strip, 0)
    # stored values: each change stores (right) and recomputes (left)
    rec = p.obj(None, 400, 420, 't b')
    def store(src, outlet, x, y, pre, name):
        a = p.obj(None, x, y, pre); p.c(src, outlet, a)
        t = p.obj(None, x, y + 30, 't b f'); p.c(a, 0, t)
        v = p.obj(None, x, y + 60, 'v $0-%s' % name); p.c(t, 1, v); p.c(t, 0, rec)
        return a
    store(rr, 0, 400, 150, 'clip -100 12', 'fad')
    store(rr, 1, 500, 150, '!= 0', 'mute')
    sa = store(rr, 2, 590, 150, '!= 0', 'solo')
    sk = p.obj(None, 650, 180, 'list prepend $1'); p.c(sa, 0, sk)
    ss = p.obj(None, 650, 210, 's $2-solo'); p.c(sk, 0, ss)
    ranys = p.obj(None, 760, 120, 'r $2-anysolo')
    store(ranys, 0, 760, 150, 'f', 'any')
    sr_ = p.obj(None, 400, 250, 'route 1 2'); p.c(rr, 3, sr_)
    store(sr_, 0, 400, 280, 'clip -100 12', 's1')
    store(sr_, 1, 500, 280, 'clip -100 12', 's2')
    pr_ = p.obj(None, 620, 250, 'route 1 2'); p.c(rr, 4, pr_)
    store(pr_, 0, 620, 280, '!= 0', 'p1')
    store(pr_, 1, 700, 280, '!= 0', 'p2')
    bad = p.obj(None, 800, 280, 'print mixer~: send and sendpre take 1 or 2 then a value:')
    p.c(sr_, 2, bad); p.c(pr_, 2, bad)
    names = ['fad', 'mute', 'solo', 'any', 's1', 's2', 'p1', 'p2']
    fan = p.obj(None, 400, 450, 't b b b b b b b b')
    p.c(rec, 0, fan)
    pk = p.obj(None, 400, 540, 'pack 0 0 0 0 0 0 0 0')
    for i, nm in enumerate(names):
        g = p.obj(None, 400 + 70 * i, 490 + 0 * i, 'v $0-%s' % nm)
        p.c(fan, i, g)  # outlet 0 fires last: the hot inlet is filled last
        p.c(g, 0, pk, i)
    on = 'if($f4 > 0, $f3, 1) * (1 - $f2)'
    fl = 'if($f1 <= -100, 0, pow(10, $f1 / 20))'
    ex = p.obj(None, 400, 570, 'expr %s * %s; if($f5 <= -100, 0, pow(10, $f5 / 20)) * if($f7 > 0, 1, %s) * %s; '
               'if($f6 <= -100, 0, pow(10, $f6 / 20)) * if($f8 > 0, 1, %s) * %s' % (fl, on, fl, on, fl, on))
    p.c(pk, 0, ex)
    gmv = p.obj(None, 960, 600, 'v $0-gm')
    lines = []
    for i in range(3):
        pp = p.obj(None, 400 + 200 * i, 610, 'pack f 0')
        rrt = p.obj(None, 480 + 200 * i, 580, 'r $0-rt')
        p.c(rrt, 0, pp, 1)
        p.c(ex, i, pp)
        ln = p.obj(None, 400 + 200 * i, 640, 'line~')
        p.c(pp, 0, ln)
        lines.append(ln)
    p.c(ex, 0, gmv)
    # init (sent by mixer~ once the clone exists): defaults, snap, then ramp 20 ms
    lb = p.obj(None, 900, 380, 'r $2-init')
    lbt = p.obj(None, 900, 410, 't b b b')
    p.c(lb, 0, lbt)
    m20 = p.msg(None, 900, 440, '20')
    srt = p.obj(None, 900, 470, 's $0-rt')
    p.c(lbt, 0, m20); p.c(m20, 0, srt)
    p.c(lbt, 1, rec)
    m100 = p.msg(None, 960, 440, '-100')
    for nm in ('s1', 's2'):
        p.c(m100, 0, p.obj(None, 960 + 60 * (nm == 's2'), 470 + 0, 'v $0-%s' % nm))
    p.c(lbt, 2, m100)
    # latency alignment: delay by (mixer max - own), direct path when 0
    rinfo = p.obj(None, 20, 200, 'route outpeak latency')
    p.c(strip, 2, rinfo)
    lt = p.obj(None, 200, 230, 't f f'); p.c(rinfo, 1, lt)
    lown = p.obj(None, 200, 290, 'v $0-lat'); p.c(lt, 0, lown)
    lk = p.obj(None, 250, 260, 'list prepend $1'); p.c(lt, 1, lk)
    lks = p.obj(None, 250, 290, 's $2-lat'); p.c(lk, 0, lks)
    rmax = p.obj(None, 20, 330, 'r $2-maxlat')
    lget = p.obj(None, 20, 360, 't f b')
    lownr = p.obj(None, 110, 390, 'v $0-lat')
    p.chain(rmax, lget); p.c(lget, 1, lownr)
    lsub = p.obj(None, 20, 420, '-'); p.c(lget, 0, lsub); p.c(lownr, 0, lsub, 1)
    lcmp = p.obj(None, 20, 450, 'max 0')
    p.c(lsub, 0, lcmp)
    sro = p.obj(None, 120, 450, 'samplerate~')
    lt2 = p.obj(None, 20, 480, 't f f b')
    p.c(lcmp, 0, lt2); p.c(lt2, 2, sro)
    lms = p.obj(None, 20, 540, 'expr $f1 * 1000 / $f2')
    p.c(lt2, 0, lms); p.c(sro, 0, lms, 1)
    dsel = p.obj(None, 200, 510, 'expr if($f1 > 0, 1, 0); if($f1 > 0, 0, 1)')
    p.c(lt2, 1, dsel)
    # outputs: L, R each: direct*gd + delayed*gl, then gains
    outs = []
    for side, so in (('L', 0), ('R', 1)):
        x = 20 + 300 * so
        dw = p.obj(None, x, 600, 'delwrite~ $0-d%s 1000' % side)
        p.c(strip, so, dw)
        dr = p.obj(None, x + 150, 630, 'delread~ $0-d%s' % side)
        p.c(lms, 0, dr)
        gd = p.obj(None, x, 660, '*~'); p.c(strip, so, gd)
        gl = p.obj(None, x + 150, 660, '*~'); p.c(dr, 0, gl)
        p.c(dsel, 1, gd, 1); p.c(dsel, 0, gl, 1)
        outs.append((gd, gl))
    for side, (gd, gl) in zip('LR', outs):
        base = 20 if side == 'L' else 320
        for k, (ln, bus) in enumerate(zip(lines, ('main', 'aux1', 'aux2'))):
            m = p.obj(None, base + 100 * k, 700, '*~')
            p.c(gd, 0, m); p.c(gl, 0, m); p.c(ln, 0, m, 1)
            t = p.obj(None, base + 100 * k, 730 + 25 * k, 'throw~ $2-%s%s' % (bus, side))
            p.c(m, 0, t)
    dinit = p.msg(None, 200, 540, '1')  # direct path at load
    p.c(lbt, 2, dinit)
    # a mixer-wide 'interval' and 'bang' reach every strip~
    rb = p.obj(None, 700, 20, 'r $2-strips')
    p.c(rb, 0, strip, 0)
    p.c(dinit, 0, gd_init := p.obj(None, 240, 570, 'expr $f1; 1 - $f1'))
    for gd, gl in outs:
        p.c(gd_init, 0, gd, 1); p.c(gd_init, 1, gl, 1)
    # peak: strip~'s output peak plus the channel gain
    pmax = p.obj(None, 20, 230, 'expr if(max($f1, $f2) <= -144, -144, max(-144, max($f1, $f2) + if($f3 > 0, 20 * log10($f3), -288)))')
    pl = p.obj(None, 120, 260, 'list append')
    gmr = p.obj(None, 120, 200, 'v $0-gm')
    # order: get gain into the right inlet first
    ptr = p.obj(None, 20, 200 + 90, 't l b')
    p.c(rinfo, 0, ptr)
    p.c(ptr, 1, gmr); p.c(gmr, 0, pl, 1); p.c(ptr, 0, pl)
    p.c(pl, 0, pmax)
    ppk = p.obj(None, 120, 320, 'list prepend peak')
    pkl = p.obj(None, 120, 350, 'list prepend $1')
    p.c(pmax, 0, ppk); p.c(ppk, 0, pkl)
    pks = p.obj(None, 120, 380, 's $2-info')
    p.c(pkl, 0, pks)
    # other strip~ readings: "<ch> <selector> ..."
    oth = p.obj(None, 300, 200, 'list prepend $1')
    p.c(rinfo, 2, oth); p.c(oth, 0, pks)
    # print
    prt = p.obj(None, 800, 200, 't b b')
    p.c(rr, 5, prt)
    mp = p.msg(None, 800, 240, 'print')
    p.c(prt, 1, mp); p.c(mp, 0, strip, 0)
    pvals = p.obj(None, 860, 240, 't b b b b b b b')
    p.c(prt, 0, pvals)
    ppk2 = p.obj(None, 860, 300, 'pack 0 0 0 0 0 0 0')
    for i, nm in enumerate(['fad', 'mute', 'solo', 's1', 's2', 'p1', 'p2']):
        g = p.obj(None, 860 + 20 * i, 270 + (i % 2) * 0, 'v $0-%s' % nm)
        p.c(pvals, i, g); p.c(g, 0, ppk2, i)
    # a message box cannot mix $1 (channel) with the list: the channel is prepended below
    pm = p.msg(None, 860, 330, 'fader $1 mute $2 solo $3 send 1 $4 send 2 $5 sendpre 1 $6 sendpre 2 $7')
    p.c(ppk2, 0, pm)
    pmc = p.obj(None, 860, 360, 'list prepend $1')
    pmp = p.obj(None, 860, 390, 'print mixer~ channel')
    p.c(pm, 0, pmc); p.c(pmc, 0, pmp)
    # defaults: every strip~ parameter back to its default (used by load)
    dflt = p.msg(None, 20, 780, 'trim 0, phase 0, hpf 0, hpfslope 12, lpf 0, gate -100, gaterange -80, gateattack 1, gatehold 50, '
                 'gaterelease 100, eq 1, low 100 0, lowmid 400 0 1, highmid 2500 0 1, high 8000 0, threshold 0, ratio 1, '
                 'attack 10, release 100, knee 6, makeup 0, schpf 0, comp 1, order eq-comp, pan 0, panlaw 3, bypass 0, delta 0')
    p.c(rr, 7, dflt); p.c(dflt, 0, strip, 0)
    dm = p.msg(None, 20, 840, 'fader 0, mute 0, solo 0, send 1 -100, send 2 -100, sendpre 1 0, sendpre 2 0')
    p.c(rr, 7, dm); p.c(dm, 0, rr)
    return p.render()


# ------------------------------------------------------------------ mixer~
def mixer():
    p = Canvas("#N canvas 40 30 1250 820 12;")
    p.text(20, 5, 'mixer~: a console. Channel k is a strip~ in [clone mixer-channel~] (made at load from -ch and -stereo) reading '
           '[r~ $0-in-k] (mono) or [r~ $0-inL-k] and [r~ $0-inR-k] (stereo). Aux buses 1 (reverb) and 2 (delay) and the main bus are '
           'throw~/catch~. Messages: see mixer~-help.pd. The signal inlets and their s~ are made while this patch loads by '
           '[mm_mixer_inlets $0] (the last object here: an abstraction cannot vary its inlets otherwise). It also parses the flags '
           'into [v $0-N] and [v $0-S]., f 170')
    # -------- router
    r = Canvas("#N canvas 100 80 1000 700 router 0;")
    a = r.obj(None, 20, 20, 'r $0-in')
    rt = r.obj(None, 20, 50, 'route list return reverb delay master save load latency print bang reset interval')
    r.c(a, 0, rt)
    # channel lines: dispatch and record
    tl = r.obj(None, 20, 90, 't a a'); r.c(rt, 0, tl)
    r.c(tl, 0, r.obj(None, 20, 120, 's $0-ch')); r.c(tl, 1, r.obj(None, 100, 120, 's $0-rec'))
    # return <n> <dB> | return <n> level <dB> | return <n> mute 0|1
    rn = r.obj(None, 200, 90, 'route 1 2'); r.c(rt, 1, rn)
    bad = r.obj(None, 700, 600, 'print mixer~: unknown message')
    for n in (1, 2):
        x = 200 + 250 * (n - 1)
        rl = r.obj(None, x, 120, 'route level mute'); r.c(rn, n - 1, rl)
        lv = r.obj(None, x, 150, 'clip -100 12'); r.c(rl, 0, lv); r.c(rl, 2, lv)
        mu = r.obj(None, x + 100, 150, '!= 0'); r.c(rl, 1, mu)
        t1 = r.obj(None, x, 180, 't f f'); r.c(lv, 0, t1)
        r.c(t1, 1, r.obj(None, x, 240, 'v $0-ret%d' % n))
        rec = r.obj(None, x + 40, 210, 'list prepend return %d level' % n); r.c(t1, 0, rec)
        r.c(rec, 0, r.obj(None, x + 40, 240, 's $0-rec'))
        t2 = r.obj(None, x + 100, 180, 't b f'); r.c(mu, 0, t2)
        r.c(t2, 1, r.obj(None, x + 100, 270, 'v $0-retm%d' % n))
        rec2 = r.obj(None, x + 140, 270, 'f'); r.c(t2, 0, rec2)
        r.c(t2, 1, rec2, 1)
        rp = r.obj(None, x + 140, 300, 'list prepend return %d mute' % n); r.c(rec2, 0, rp)
        r.c(rp, 0, r.obj(None, x + 140, 330, 's $0-rec'))
        cmp_ = r.obj(None, x, 370, 't b'); r.c(t1, 0, cmp_); r.c(rec2, 0, cmp_)
        gv = r.obj(None, x, 400, 'v $0-ret%d' % n); r.c(cmp_, 0, gv)
        ex = r.obj(None, x, 460, 'expr if($f1 <= -100, 0, pow(10, $f1 / 20)) * (1 - $f2)')
        mv = r.obj(None, x + 120, 430, 'v $0-retm%d' % n)
        tt = r.obj(None, x, 430, 't f b'); r.c(gv, 0, tt); r.c(tt, 1, mv); r.c(mv, 0, ex, 1); r.c(tt, 0, ex)
        r.c(ex, 0, r.obj(None, x, 490, 's $0-retg%d' % n))
    r.c(rn, 2, bad)
    # reverb size|damping, delay time|feedback, master fader|mute
    for j, (word, params, rng) in enumerate((('reverb', ('size', 'damping'), ('0 100', '0 100')),
                                            ('delay', ('time', 'feedback'), ('1 2000', '0 95')),
                                            ('master', ('fader', 'mute'), ('-100 12', '0 1')))):
        x = 20 + 220 * j
        ro = r.obj(None, x, 530, 'route ' + ' '.join(params)); r.c(rt, 2 + j, ro)
        r.c(ro, 2, bad)
        for q, (pn, rg) in enumerate(zip(params, rng)):
            cl = r.obj(None, x + 100 * q, 560, 'clip ' + rg); r.c(ro, q, cl)
            t = r.obj(None, x + 100 * q, 590, 't f f'); r.c(cl, 0, t)
            r.c(t, 1, r.obj(None, x + 100 * q, 620, 's $0-%s-%s' % (word, pn)))
            lp = r.obj(None, x + 100 * q, 650, 'list prepend %s %s' % (word, pn)); r.c(t, 0, lp)
            r.c(lp, 0, r.obj(None, x + 100 * q, 680, 's $0-rec'))
    r.c(rt, 5, r.obj(None, 700, 90, 's $0-save'))
    r.c(rt, 6, r.obj(None, 780, 90, 's $0-load'))
    r.c(rt, 7, r.obj(None, 700, 130, 's $0-latency'))
    r.c(rt, 8, r.obj(None, 780, 130, 's $0-print'))
    bg = r.msg(None, 700, 170, 'bang'); r.c(rt, 9, bg)
    r.c(bg, 0, r.obj(None, 700, 200, 's $0-strips')); r.c(bg, 0, r.obj(None, 780, 200, 's $0-mbang'))
    rs = r.msg(None, 700, 240, 'reset'); r.c(rt, 10, rs)
    r.c(rs, 0, r.obj(None, 700, 270, 's $0-strips')); r.c(rs, 0, r.obj(None, 780, 270, 's $0-mbang'))
    iv = r.msg(None, 700, 310, 'interval $1'); r.c(rt, 11, iv)
    r.c(iv, 0, r.obj(None, 700, 340, 's $0-strips')); r.c(iv, 0, r.obj(None, 800, 340, 's $0-mbang'))
    ivr = r.obj(None, 850, 310, 'list prepend interval'); r.c(rt, 11, ivr); r.c(ivr, 0, r.obj(None, 850, 340, 's $0-rec'))
    r.c(rt, 12, bad)
    p.sub(None, 20, 200, 'router', r)
    # -------- state: one line per setting, the message that restores it
    s = Canvas("#N canvas 120 80 900 700 state 0;")
    s.text(20, 5, 'A new setting deletes the lines with the same key (channel and parameter \\, plus the bus for send and sendpre \\, '
           'plus level or mute for a return) and is appended: replaying the lines in order gives the state.')
    td = s.obj(None, 20, 40, 'text define $0-state')
    a = s.obj(None, 20, 80, 'r $0-rec')
    t = s.obj(None, 20, 110, 't a a'); s.c(a, 0, t)
    # classify (right outlet first): key length 3, 2 or 0 (not a setting)
    ls = s.obj(None, 300, 140, 'list split 1'); s.c(t, 1, ls)
    lt0 = s.obj(None, 300, 170, 'list trim'); s.c(ls, 0, lt0)
    rf = s.obj(None, 400, 170, 'route float return'); s.c(lt0, 0, rf)
    k3 = s.msg(None, 500, 260, '3'); k2 = s.msg(None, 560, 260, '2'); k0 = s.msg(None, 620, 260, '0')
    # float-led: look at the word after the channel
    lr = s.obj(None, 300, 200, 'list'); s.c(ls, 1, lr, 1)
    tb = s.obj(None, 250, 200, 't b'); s.c(rf, 0, tb); s.c(tb, 0, lr)
    lrt = s.obj(None, 400, 200, 'list trim'); s.c(lr, 0, lrt)
    ls2 = s.obj(None, 300, 230, 'route send sendpre print latency bang reset defaults'); s.c(lrt, 0, ls2)
    s.c(ls2, 0, k3); s.c(ls2, 1, k3)
    for o in range(2, 7):
        s.c(ls2, o, k0)
    s.c(ls2, 7, k2)
    s.c(rf, 1, k3); s.c(rf, 2, k2)
    kv = s.obj(None, 500, 300, 'v $0-klen')
    for k in (k3, k2, k0):
        s.c(k, 0, kv)
    t2 = s.obj(None, 20, 150, 't a b'); s.c(t, 0, t2)
    kg = s.obj(None, 100, 180, 'v $0-klen'); s.c(t2, 1, kg)
    nz = s.obj(None, 100, 210, '!= 0'); s.c(kg, 0, nz)
    sp = s.obj(None, 20, 240, 'spigot'); s.c(nz, 0, sp, 1); s.c(t2, 0, sp)
    t3 = s.obj(None, 20, 270, 't a a'); s.c(sp, 0, t3)
    app = s.obj(None, 20, 600, 'text set $0-state 1e+06'); s.c(t3, 0, app)
    lsk = s.obj(None, 150, 300, 'list split 2'); s.c(t3, 1, lsk); s.c(kg, 0, lsk, 1)
    # delete every line with this key
    dk = s.obj(None, 150, 330, 't b a'); s.c(lsk, 0, dk)
    la = s.obj(None, 150, 420, 'list append'); s.c(dk, 1, la, 1)
    m100 = s.msg(None, 150, 360, '100'); s.c(dk, 0, m100)
    un = s.obj(None, 150, 390, 'until'); s.c(m100, 0, un)
    s.c(un, 0, la)
    se = s.obj(None, 150, 450, 'text search $0-state'); s.c(la, 0, se)
    mo = s.obj(None, 150, 480, 'moses 0'); s.c(se, 0, mo)
    stp = s.obj(None, 150, 510, 't b'); s.c(mo, 0, stp); s.c(stp, 0, un, 1)
    s.c(mo, 1, s.obj(None, 250, 510, 'text delete $0-state'))
    rc = s.obj(None, 400, 40, 'r $0-statecmd'); s.c(rc, 0, td)
    p.sub(None, 20, 230, 'state', s)
    # -------- files: save and load
    f = Canvas("#N canvas 140 80 900 700 files 0;")
    f.text(20, 5, 'a relative file name is taken from the directory of the patch that holds mixer~')
    fd = f.obj(None, 600, 40, 'text define $0-file')
    f.c(f.obj(None, 600, 70, 'r $0-filecmd'), 0, fd)
    def absname(x, rname):
        a = f.obj(None, x, 40, 'r ' + rname)
        sy = f.obj(None, x + 100, 40, 'symbol'); f.c(a, 0, sy)
        t = f.obj(None, x, 70, 't s s'); f.c(sy, 0, t)
        lf = f.obj(None, x + 100, 100, 'list fromsymbol'); f.c(t, 1, lf)
        l1 = f.obj(None, x + 100, 130, 'list split 1'); f.c(lf, 0, l1)
        se = f.obj(None, x + 100, 160, 'sel 47'); f.c(l1, 0, se)
        m1 = f.msg(None, x + 100, 190, '1'); m0 = f.msg(None, x + 140, 190, '0')
        f.c(se, 0, m1); f.c(se, 1, m0)
        s1 = f.obj(None, x, 220, 'spigot'); f.c(m1, 0, s1, 1); f.c(m0, 0, s1, 1)
        s2 = f.obj(None, x + 60, 250, 'spigot 1')
        n0 = f.msg(None, x + 180, 190, '0'); n1 = f.msg(None, x + 220, 190, '1')
        f.c(se, 0, n0); f.c(se, 1, n1); f.c(n0, 0, s2, 1); f.c(n1, 0, s2, 1)
        f.c(t, 0, s1); f.c(t, 0, s2)
        dm = f.msg(None, x + 60, 280, 'dir 1 $1'); f.c(s2, 0, dm)
        pc = f.obj(None, x + 60, 310, 'pdcontrol'); f.c(dm, 0, pc)
        o = f.obj(None, x, 340, 't s'); f.c(s1, 0, o); f.c(pc, 0, o)
        return o
    so = absname(20, '$0-save')
    st = f.obj(None, 20, 380, 't s s'); f.c(so, 0, st)
    wm = f.msg(None, 20, 420, 'write $1'); f.c(st, 0, wm); f.c(wm, 0, f.obj(None, 20, 450, 's $0-statecmd'))
    sv = f.obj(None, 150, 420, 'list prepend saved'); f.c(st, 1, sv); f.c(sv, 0, f.obj(None, 150, 450, 's $0-info'))
    lo = absname(320, '$0-load')
    lt = f.obj(None, 320, 380, 't b b b b s'); f.c(lo, 0, lt)
    rm = f.msg(None, 560, 420, 'read $1'); f.c(lt, 4, rm); f.c(rm, 0, f.obj(None, 560, 450, 's $0-filecmd'))
    # defaults: every channel, then the buses; then the state is cleared and the file replayed
    dfl = f.obj(None, 440, 420, 's $0-defaults'); f.c(lt, 3, dfl)
    clr = f.msg(None, 440, 480, '-1'); f.c(lt, 2, clr); f.c(clr, 0, f.obj(None, 440, 510, 'text delete $0-state'))
    sz = f.obj(None, 320, 560, 'text size $0-file'); f.c(lt, 0, sz)
    un = f.obj(None, 320, 590, 'until'); f.c(sz, 0, un)
    cnt = f.obj(None, 320, 620, 'f'); inc = f.obj(None, 370, 620, '+ 1')
    f.c(un, 0, cnt); f.c(cnt, 0, inc); f.c(inc, 0, cnt, 1)
    z = f.msg(None, 420, 560, '0'); f.c(lt, 1, z); f.c(z, 0, cnt, 1)
    # reset the counter before the size goes out: trigger order right to left is fine (t b b b s)
    tg = f.obj(None, 320, 650, 'text get $0-file'); f.c(cnt, 0, tg)
    lt2 = f.obj(None, 320, 680, 'list trim'); f.c(tg, 0, lt2)
    f.c(lt2, 0, f.obj(None, 320, 710, 's $0-in'))
    p.sub(None, 20, 260, 'files', f)
    return p


def mixer_rest(p):
    # -------- channels: [clone] made at load from the flags
    c = Canvas("#N canvas 160 80 1000 700 channels 0;")
    c.text(20, 5, 'the flags are parsed by [mm_mixer_inlets] at creation into [v $0-N] (channels) and [v $0-S] (stereo). '
           'The clone goes into [pd $0-clone]')
    lb = c.obj(None, 20, 40, 'loadbang')
    tb = c.obj(None, 20, 260, 't b b b'); c.c(lb, 0, tb)
    gs = c.obj(None, 20, 290, 'v $0-S'); c.c(tb, 1, gs)
    gn = c.obj(None, 120, 290, 'v $0-N'); c.c(tb, 2, gn)
    pk = c.obj(None, 20, 440, 'pack f f $0'); c.c(gs, 0, pk); c.c(gn, 0, pk, 1)
    sel = c.obj(None, 20, 470, 'route 0 1')
    mk = c.msg(None, 20, 500, '; pd-$3-clone clear; pd-$3-clone obj 10 10 clone -s 1 mixer-channel~ $1 $3')
    mks = c.msg(None, 20, 560, '; pd-$3-clone clear; pd-$3-clone obj 10 10 clone -s 1 mixer-channel-stereo~ $1 $3')
    c.c(pk, 0, sel)
    m1 = c.msg(None, 300, 500, '$1 0 $2'); m2 = c.msg(None, 300, 560, '$1 0 $2')
    c.c(sel, 0, m1); c.c(sel, 1, m2); c.c(m1, 0, mk); c.c(m2, 0, mks)
    # after the clone: init every channel, then the buses
    ini = c.obj(None, 20, 620, 's $0-init'); c.c(tb, 0, ini)
    cl = Canvas("#N canvas 200 100 400 200 $0-clone 0;")
    c.sub(None, 600, 40, '$0-clone', cl)
    # defaults for load: "k defaults" to every channel, then the buses
    rd = c.obj(None, 600, 300, 'r $0-defaults')
    td = c.obj(None, 600, 330, 't b b b'); c.c(rd, 0, td)
    gN = c.obj(None, 700, 360, 'v $0-N'); c.c(td, 1, gN)
    un = c.obj(None, 700, 390, 'until'); c.c(gN, 0, un)
    cnt = c.obj(None, 700, 420, 'f'); inc = c.obj(None, 750, 420, '+ 1')
    c.c(un, 0, cnt); c.c(cnt, 0, inc); c.c(inc, 0, cnt, 1)
    z1 = c.msg(None, 800, 360, '1'); c.c(td, 2, z1); c.c(z1, 0, cnt, 1)
    # z1 must reset before the loop: the gN-until chain and z1 share an outlet, so order them with a trigger
    dm = c.msg(None, 700, 450, '$1 defaults'); c.c(cnt, 0, dm)
    c.c(dm, 0, c.obj(None, 700, 480, 's $0-ch'))
    bd = c.msg(None, 600, 520, 'return 1 level 0, return 1 mute 0, return 2 level 0, return 2 mute 0, reverb size 50, reverb damping 50, '
               'delay time 350, delay feedback 35, master fader 0, master mute 0')
    c.c(td, 0, bd); c.c(bd, 0, c.obj(None, 600, 600, 's $0-in'))
    binit = c.obj(None, 600, 250, 'r $0-init')
    c.c(binit, 0, bd)
    p.sub(None, 20, 290, 'channels', c)
    # -------- solo and latency bookkeeping
    b = Canvas("#N canvas 180 80 800 500 solo-latency 0;")
    b.obj(None, 20, 20, 'array define $0-solos 16')
    b.obj(None, 250, 20, 'array define $0-lats 16')
    for x, rn, arr, op, out in ((20, '$0-solo', '$0-solos', 'array sum $0-solos', 'anysolo'),
                                (300, '$0-lat', '$0-lats', 'array max $0-lats', 'maxlat')):
        r = b.obj(None, x, 60, 'r ' + rn)
        sw = b.msg(None, x, 90, '$2 $1'); b.c(r, 0, sw)
        up = b.obj(None, x, 120, 'unpack f f'); b.c(sw, 0, up)
        m1 = b.obj(None, x + 80, 150, '- 1'); b.c(up, 1, m1)
        tw = b.obj(None, x, 180, 'tabwrite ' + arr); b.c(m1, 0, tw, 1)
        tt = b.obj(None, x, 150, 't b f'); b.c(up, 0, tt); b.c(tt, 1, tw)
        a = b.obj(None, x, 210, op); b.c(tt, 0, a)
        if out == 'anysolo':
            g = b.obj(None, x, 240, '> 0'); b.c(a, 0, g)
            b.c(g, 0, b.obj(None, x, 270, 's $0-anysolo'))
        else:
            t2 = b.obj(None, x, 240, 't f f'); b.c(a, 0, t2)
            b.c(t2, 0, b.obj(None, x, 270, 's $0-maxlat')); b.c(t2, 1, b.obj(None, x + 80, 270, 'v $0-maxlat'))
    rq = b.obj(None, 20, 330, 'r $0-latency')
    tq = b.obj(None, 20, 360, 't b b'); b.c(rq, 0, tq)
    b.c(tq, 1, b.obj(None, 120, 390, 's $0-latq'))
    gl = b.obj(None, 20, 390, 'v $0-maxlat'); b.c(tq, 0, gl)
    lp = b.obj(None, 20, 420, 'list prepend latency'); b.c(gl, 0, lp)
    b.c(lp, 0, b.obj(None, 20, 450, 's $0-info'))
    p.sub(None, 20, 320, 'solo-latency', b)
    # -------- returns: 1 reverb, 2 stereo delay
    rv = Canvas("#N canvas 200 60 1100 790 reverb 0;")
    rv.text(20, 5, 'return 1: a small FDN reverb. Input: the aux-1 bus summed to mono \\, through two Schroeder allpasses (diffusion) '
            'into four delay lines (1447 1733 2011 2333 samples at 48 kHz times the size factor: mutually prime) mixed by a 4x4 '
            'Householder matrix (x - S/2) with a damping lowpass and a decay gain in every loop. size 0..100 % sets the room '
            '(lengths x 0.5..1.5 \\, RT60 0.4..3 s) \\, damping 0..100 % the loop lowpass (12 kHz .. 1.8 kHz).')
    cL = rv.obj(None, 20, 80, 'catch~ $0-aux1L'); cR = rv.obj(None, 150, 80, 'catch~ $0-aux1R')
    sm = rv.obj(None, 20, 110, '+~'); rv.c(cL, 0, sm); rv.c(cR, 0, sm, 1)
    h = rv.obj(None, 20, 140, '*~ 0.5'); rv.c(sm, 0, h)
    x = h
    for i, (D, g) in enumerate(((142, 0.6), (379, 0.6))):
        ms = D / 48.0
        nm = '$0-ap%d' % i
        dr = rv.obj(None, 200 + 200 * i, 170, 'delread~ %s %.4f' % (nm, ms))
        fb = rv.obj(None, 200 + 200 * i, 200, '*~ %g' % g); rv.c(dr, 0, fb)
        v = rv.obj(None, 20 + 200 * i, 200, '+~'); rv.c(x, 0, v); rv.c(fb, 0, v, 1)
        rv.c(v, 0, rv.obj(None, 20 + 200 * i, 230, 'delwrite~ %s 100' % nm))
        ng = rv.obj(None, 20 + 200 * i, 260, '*~ %g' % -g); rv.c(v, 0, ng)
        y = rv.obj(None, 20 + 200 * i, 290, '+~'); rv.c(ng, 0, y); rv.c(dr, 0, y, 1)
        x = y
    # parameters: lengths (ms) and gains from size, cutoff from damping
    lens = (1447, 1733, 2011, 2333)
    rsz = rv.obj(None, 700, 60, 'r $0-reverb-size')
    rdm = rv.obj(None, 900, 60, 'r $0-reverb-damping')
    t = rv.obj(None, 700, 90, 't f'); rv.c(rsz, 0, t)
    sro = rv.obj(None, 800, 90, 'samplerate~')
    exs = []
    for i, L in enumerate(lens):
        e = rv.obj(None, 700, 120 + 30 * i, 'expr %d / 48 * (0.5 + $f1 / 100); pow(10, -3 * (%d / 48000 * (0.5 + $f1 / 100)) / (0.4 + 2.6 * $f1 / 100))' % (L, L))
        rv.c(t, 0, e); exs.append(e)
    dc = rv.obj(None, 900, 90, 'expr 12000 * pow(0.15, $f1 / 100)'); rv.c(rdm, 0, dc)
    # the loop
    xs = []
    S = None
    for i in range(4):
        dr = rv.obj(None, 20 + 170 * i, 340, 'delread~ $0-fdn%d' % i)
        rv.c(exs[i], 0, dr)
        lp = rv.obj(None, 20 + 170 * i, 370, 'lop~ 6000'); rv.c(dr, 0, lp); rv.c(dc, 0, lp, 1)
        g = rv.obj(None, 20 + 170 * i, 400, '*~ 0.5'); rv.c(lp, 0, g); rv.c(exs[i], 1, g, 1)
        xs.append(g)
    s1 = rv.obj(None, 20, 440, '+~'); rv.c(xs[0], 0, s1); rv.c(xs[1], 0, s1, 1)
    s2 = rv.obj(None, 190, 440, '+~'); rv.c(xs[2], 0, s2); rv.c(xs[3], 0, s2, 1)
    s3 = rv.obj(None, 20, 470, '+~'); rv.c(s1, 0, s3); rv.c(s2, 0, s3, 1)
    hs = rv.obj(None, 20, 500, '*~ -0.5'); rv.c(s3, 0, hs)
    for i in range(4):
        a1 = rv.obj(None, 20 + 170 * i, 540, '+~'); rv.c(xs[i], 0, a1); rv.c(hs, 0, a1, 1)
        sg = rv.obj(None, 20 + 170 * i, 570, '*~ %g' % (1 if i % 2 == 0 else -1)); rv.c(x, 0, sg)
        a2 = rv.obj(None, 20 + 170 * i, 600, '+~'); rv.c(a1, 0, a2); rv.c(sg, 0, a2, 1)
        rv.c(a2, 0, rv.obj(None, 20 + 170 * i, 630, 'delwrite~ $0-fdn%d 200' % i))
    oL = rv.obj(None, 20, 680, '+~'); rv.c(xs[0], 0, oL); rv.c(xs[2], 0, oL, 1)
    oR = rv.obj(None, 190, 680, '+~'); rv.c(xs[1], 0, oR); rv.c(xs[3], 0, oR, 1)
    # the four loops sum to about +12 dB over a send's level (each writes
    # the whole input): scaled so a send at 0 dB returns about its level
    for k, o in enumerate((oL, oR)):
        sc = rv.obj(None, 20 + 170 * k, 705, '*~ 0.25'); rv.c(o, 0, sc)
        rv.c(sc, 0, rv.obj(None, 20 + 170 * k, 735, 'outlet~'))
    rvi = p.sub(None, 300, 200, 'reverb', rv)
    # delay
    dl = Canvas("#N canvas 220 60 900 600 delay 0;")
    dl.text(20, 5, 'return 2: a stereo delay with cross feedback (ping-pong). time 1..2000 ms (right: 1.25 x the left) \\, glides 50 ms; '
            'feedback 0..95 % through a 5 kHz lowpass.')
    cL = dl.obj(None, 20, 60, 'catch~ $0-aux2L'); cR = dl.obj(None, 300, 60, 'catch~ $0-aux2R')
    rtm = dl.obj(None, 600, 60, 'r $0-delay-time')
    tm = dl.obj(None, 600, 90, 'expr $f1; $f1 * 1.25'); dl.c(rtm, 0, tm)
    rfb = dl.obj(None, 600, 150, 'r $0-delay-feedback')
    fbm = dl.msg(None, 600, 180, '$1 0.01 * 20'); 
    fbx = dl.obj(None, 600, 180, 'expr $f1 / 100'); dl.c(rfb, 0, fbx)
    fbp = dl.msg(None, 600, 210, '$1 20'); dl.c(fbx, 0, fbp)
    fbl = dl.obj(None, 600, 240, 'line~'); dl.c(fbp, 0, fbl)
    outs = []
    for k, side in enumerate('LR'):
        x0 = 20 + 280 * k
        tp = dl.msg(None, x0 + 150, 120, '$1 50'); dl.c(tm, k, tp)
        tl = dl.obj(None, x0 + 150, 150, 'line~'); dl.c(tp, 0, tl)
        vd = dl.obj(None, x0, 180, 'delread4~ $0-dl%s' % side); dl.c(tl, 0, vd)
        outs.append(vd)
    for k, side in enumerate('LR'):
        x0 = 20 + 280 * k
        other = outs[1 - k]
        lp = dl.obj(None, x0, 240, 'lop~ 5000'); dl.c(other, 0, lp)
        g = dl.obj(None, x0, 270, '*~'); dl.c(lp, 0, g); dl.c(fbl, 0, g, 1)
        a = dl.obj(None, x0, 300, '+~'); dl.c((cL, cR)[k], 0, a); dl.c(g, 0, a, 1)
        dl.c(a, 0, dl.obj(None, x0, 330, 'delwrite~ $0-dl%s 3000' % side))
        dl.c(outs[k], 0, dl.obj(None, x0, 380, 'outlet~'))
    dli = p.sub(None, 400, 200, 'delay', dl)
    # return gains and the main bus
    for n, src in ((1, rvi), (2, dli)):
        for k, side in enumerate('LR'):
            x0 = 300 + 200 * (n - 1) + 90 * k
            m = p.obj(None, x0, 260, '*~'); p.c(src, k, m)
            p.c(m, 0, p.obj(None, x0, 290 + 25 * k, 'throw~ $0-main%s' % side))
            if k == 0:
                rg = p.obj(None, x0, 350, 'r $0-retg%d' % n)
                pp = p.msg(None, x0, 380, '$1 20'); p.c(rg, 0, pp)
                ln = p.obj(None, x0, 410, 'line~'); p.c(pp, 0, ln)
            p.c(ln, 0, m, 1)
    # -------- master
    mL = p.obj(None, 20, 450, 'catch~ $0-mainL'); mR = p.obj(None, 150, 450, 'catch~ $0-mainR')
    rmf = p.obj(None, 300, 450, 'r $0-master-fader'); rmm = p.obj(None, 450, 450, 'r $0-master-mute')
    fv = p.obj(None, 300, 480, 'f'); mv = p.obj(None, 450, 480, 'f')
    tf = p.obj(None, 300, 510, 't b f'); p.c(rmf, 0, tf); p.c(tf, 1, fv, 1); p.c(tf, 0, fv)
    tm_ = p.obj(None, 450, 510, 't b f'); p.c(rmm, 0, tm_); p.c(tm_, 1, mv, 1); p.c(tm_, 0, fv)
    gx = p.obj(None, 300, 540, 'expr if($f1 <= -100, 0, pow(10, $f1 / 20)) * (1 - ($f2 != 0)), f 66'); p.c(fv, 0, gx); p.c(mv, 0, gx, 1)
    gp = p.msg(None, 300, 570, '$1 20'); p.c(gx, 0, gp)
    gl = p.obj(None, 300, 600, 'line~'); p.c(gp, 0, gl)
    oL = p.obj(None, 20, 640, '*~'); oR = p.obj(None, 150, 640, '*~')
    p.c(mL, 0, oL); p.c(mR, 0, oR); p.c(gl, 0, oL, 1); p.c(gl, 0, oR, 1)
    p.c(oL, 0, p.obj(None, 20, 760, 'outlet~')); p.c(oR, 0, p.obj(None, 150, 760, 'outlet~'))
    ld = p.obj(None, 20, 680, 'loudness~ -ch 2 -interval 100'); p.c(oL, 0, ld); p.c(oR, 0, ld, 1)
    mtr = p.obj(None, 300, 680, 'strip~ -ch 2 -interval 50'); p.c(oL, 0, mtr); p.c(oR, 0, mtr, 1)
    rl = p.obj(None, 20, 710, 'route shortterm integrated momentary'); p.c(ld, 0, rl)
    lp1 = p.obj(None, 560, 680, 'list prepend master shortterm'); p.c(rl, 0, lp1)
    lp2 = p.obj(None, 560, 710, 'list prepend master integrated'); p.c(rl, 1, lp2)
    rp = p.obj(None, 300, 710, 'route outpeak'); p.c(mtr, 2, rp)
    lp3 = p.obj(None, 800, 680, 'list prepend master peak'); p.c(rp, 0, lp3)
    inf = p.obj(None, 800, 740, 's $0-info')
    for l in (lp1, lp2, lp3):
        p.c(l, 0, inf)
    rmb = p.obj(None, 900, 620, 'r $0-mbang'); p.c(rmb, 0, ld); p.c(rmb, 0, mtr)
    ri = p.obj(None, 1000, 720, 'r $0-info'); lt = p.obj(None, 1000, 750, 'list trim'); p.c(ri, 0, lt)
    p.c(lt, 0, p.obj(None, 1000, 780, 'outlet'))
    # print: every channel and the buses
    pr = Canvas("#N canvas 240 80 700 400 print 0;")
    r = pr.obj(None, 20, 20, 'r $0-print')
    t = pr.obj(None, 20, 50, 't b b b'); pr.c(r, 0, t)
    gN = pr.obj(None, 120, 80, 'v $0-N'); pr.c(t, 1, gN)
    un = pr.obj(None, 120, 110, 'until'); pr.c(gN, 0, un)
    cnt = pr.obj(None, 120, 140, 'f'); inc = pr.obj(None, 170, 140, '+ 1'); pr.c(un, 0, cnt); pr.c(cnt, 0, inc); pr.c(inc, 0, cnt, 1)
    # counter restarts at 1 each time (set before the loop by the trigger below)
    m = pr.msg(None, 120, 170, '$1 print'); pr.c(cnt, 0, m); pr.c(m, 0, pr.obj(None, 120, 200, 's $0-ch'))
    t0 = pr.obj(None, 260, 50, 't b'); pr.c(t, 2, t0)
    one = pr.msg(None, 260, 80, '1'); pr.c(t0, 0, one); pr.c(one, 0, cnt, 1)
    tx = pr.obj(None, 20, 260, 'text tolist $0-state'); pr.c(t, 0, tx)
    pr.c(tx, 0, pr.obj(None, 20, 290, 'print mixer~ state'))
    p.sub(None, 20, 350, 'print', pr)


def main():
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'abstractions')
    for name, st in (('mixer-channel~.pd', False), ('mixer-channel-stereo~.pd', True)):
        open(os.path.join(top, name), 'w').write(channel(st) + '\n')
    p = mixer()
    mixer_rest(p)
    # last: it adds the inlets after every object above (their indices stay put)
    p.obj(None, 150, 175, 'mm_mixer_inlets $0')
    open(os.path.join(top, 'mixer~.pd'), 'w').write(p.render() + '\n')


main()
