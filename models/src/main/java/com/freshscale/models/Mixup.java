package com.freshscale.models;

import java.util.SplittableRandom;

/** Beta(α, α) samples for mixup, from two gamma variates (Marsaglia &amp; Tsang 2000). */
final class Mixup {
    private Mixup() {
    }

    static double beta(double alpha, SplittableRandom rnd) {
        double x = gamma(alpha, rnd);
        double y = gamma(alpha, rnd);
        return x / (x + y);
    }

    static double gamma(double shape, SplittableRandom rnd) {
        if (shape < 1) {
            // boost: Gamma(a) = Gamma(a + 1) · U^(1/a)
            return gamma(shape + 1, rnd) * Math.pow(rnd.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = gaussian(rnd);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rnd.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller
        double u1 = 1 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
