package io.watchfloor.sources.demo;

import java.util.SplittableRandom;

/**
 * Smooth pseudo-random motion in [-1, 1]: three sine waves with periods of about a minute, ten minutes
 * and an hour. A closed-form function of time (no state), so a pinned clock gives pinned values and
 * any two polls of the same instant agree.
 */
record Wave(double p1, double p2, double p3, double f1, double f2, double f3) {

    static Wave random(SplittableRandom rnd) {
        return new Wave(rnd.nextDouble(60, 180), rnd.nextDouble(300, 900), rnd.nextDouble(1800, 5400),
                rnd.nextDouble(0, 2 * Math.PI), rnd.nextDouble(0, 2 * Math.PI), rnd.nextDouble(0, 2 * Math.PI));
    }

    /** Value at {@code t} seconds since the epoch, in [-1, 1]. */
    double at(double t) {
        return 0.5 * Math.sin(2 * Math.PI * t / p1 + f1)
                + 0.3 * Math.sin(2 * Math.PI * t / p2 + f2)
                + 0.2 * Math.sin(2 * Math.PI * t / p3 + f3);
    }

    /** Value at {@code t} mapped onto [lo, hi]. */
    double between(double t, double lo, double hi) {
        return lo + (hi - lo) * (at(t) + 1) / 2;
    }
}
