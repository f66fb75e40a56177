/* mixgen: synthesize a music-like stereo test mix (drums, bass, pad,
 * lead) for the demo, benchmarks and tests.
 *
 *   mixgen <seconds> <samplerate> <out.wav> [peak_dbfs]
 *
 * Deterministic (fixed seed). 120 bpm, a four-chord loop, a quiet intro
 * and a louder chorus so meters and dynamics have something to do. The
 * mix is scaled so its sample peak is peak_dbfs (default -3 dBFS).
 */
#include "mmwav.h"
#include "mmtest.h"
#include <math.h>
#include <stdlib.h>

#define PI 3.14159265358979323846

static double saw(double phase) { return 2.0 * (phase - floor(phase)) - 1.0; }

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: mixgen <seconds> <samplerate> <out.wav> [peak_dbfs]\n");
        return 2;
    }
    double seconds = atof(argv[1]);
    int sr = atoi(argv[2]);
    double peak_db = argc > 4 ? atof(argv[4]) : -3.0;
    long n = (long)(seconds * sr);
    if (n < 1 || sr < 8000)
        return 2;
    float *out = calloc((size_t)n * 2, sizeof *out);
    if (!out)
        return 2;
    /* chord roots (Hz): Am F C G, one bar each */
    static const double roots[4] = {110.0, 87.31, 130.81, 98.0};
    static const double third[4] = {1.1892, 1.2599, 1.2599, 1.2599};
    static const double melody[8] = {440, 523.25, 587.33, 659.26,
                                     587.33, 523.25, 493.88, 392.0};
    const double beat = 0.5; /* s */
    double bass_lp = 0, hat_hp_x = 0, hat_hp_y = 0, pad_lp[2] = {0, 0};
    double ph_bass = 0, ph_pad[6] = {0}, ph_lead = 0, ph_kick = 0;
    double snare_lp = 0;
    for (long i = 0; i < n; i++) {
        double t = (double)i / sr;
        double bar_t = fmod(t, 8 * beat * 4);
        int bar = (int)(t / (4 * beat)) % 4;
        double in_beat = fmod(t, beat);
        int beat_no = (int)(t / beat) % 4;
        /* sections: 8 s intro (drums soft, no lead), then chorus */
        int chorus = fmod(t, 32.0) >= 8.0;
        double sect = chorus ? 1.0 : 0.45;
        (void)bar_t;
        /* kick: pitch-dropping sine on every beat */
        double kf = 50.0 + 100.0 * exp(-in_beat * 30.0);
        ph_kick += kf / sr;
        double kick = sin(2 * PI * ph_kick) * exp(-in_beat * 7.0);
        /* snare on 2 and 4: noise + tone */
        double snare = 0;
        if (beat_no == 1 || beat_no == 3) {
            double env = exp(-in_beat * 18.0);
            snare_lp += 0.5 * (mmt_frand() - snare_lp);
            snare = (0.7 * snare_lp + 0.3 * sin(2 * PI * 190.0 * in_beat)) * env;
        }
        /* hats on eighths: high-passed noise */
        double eighth = fmod(t, beat / 2);
        double hx = mmt_frand();
        hat_hp_y = 0.6 * (hat_hp_y + hx - hat_hp_x);
        hat_hp_x = hx;
        double hat = hat_hp_y * exp(-eighth * 60.0) * 0.35;
        /* bass: low-passed saw on the root, eighth-note pulses */
        ph_bass += roots[bar] / sr;
        double b = saw(ph_bass) * (0.6 + 0.4 * exp(-eighth * 8.0));
        bass_lp += 0.08 * (b - bass_lp);
        /* pad: detuned saws on root, third, fifth, two octaves up, wide */
        double pad[2] = {0, 0};
        static const double det[6] = {0.997, 1.003, 0.998, 1.002, 0.999, 1.001};
        for (int k = 0; k < 6; k++) {
            double ratio = k < 2 ? 2.0 : (k < 4 ? 2.0 * third[bar] : 3.0);
            ph_pad[k] += roots[bar] * ratio * det[k] / sr;
            pad[k & 1] += saw(ph_pad[k]) / 3.0;
        }
        for (int c = 0; c < 2; c++) {
            pad_lp[c] += 0.05 * (pad[c] - pad_lp[c]);
            pad[c] = pad_lp[c];
        }
        /* lead: soft square melody in the chorus */
        int note = (int)(t / beat) % 8;
        ph_lead += melody[note] / sr;
        double lead = chorus ? tanh(3.0 * sin(2 * PI * ph_lead)) * 0.18
                                   * (0.5 + 0.5 * exp(-in_beat * 4.0))
                             : 0.0;
        double l = 0.9 * kick + 0.5 * snare + 0.4 * hat + 0.55 * bass_lp
                   + 0.35 * pad[0] + 0.8 * lead;
        double r = 0.9 * kick + 0.5 * snare + 0.7 * hat + 0.55 * bass_lp
                   + 0.35 * pad[1] + 0.45 * lead;
        out[2 * i] = (float)(l * sect);
        out[2 * i + 1] = (float)(r * sect);
    }
    float peak = 0;
    for (long i = 0; i < 2 * n; i++)
        if (fabsf(out[i]) > peak)
            peak = fabsf(out[i]);
    float g = peak > 0 ? (float)(pow(10.0, peak_db / 20.0) / peak) : 1.0f;
    for (long i = 0; i < 2 * n; i++)
        out[i] *= g;
    if (wav_save(argv[3], out, 2, n, sr, 32)) {
        fprintf(stderr, "mixgen: cannot write %s\n", argv[3]);
        return 1;
    }
    free(out);
    return 0;
}
