# gate~ (stereo, linked; threshold -40 dB, range -80, hold 50, release 100)
bench_pd "gate~ -ch 2" 2 2 "gate~ -ch 2 -threshold -40"
bench_core "mm_gate core" 2 bench_dyn gate
