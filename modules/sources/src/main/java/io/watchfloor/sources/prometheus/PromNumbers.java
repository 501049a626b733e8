package io.watchfloor.sources.prometheus;

/** Prometheus writes sample values as Go floats: "NaN", "+Inf", "-Inf", "1e+00", "8.969000". */
final class PromNumbers {
    private PromNumbers() {
    }

    /** @throws NumberFormatException when the text is not a Prometheus float */
    static double parse(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** Prometheus API timestamps are float seconds ("1435781451.781"); millisecond precision is all it keeps. */
    static long secondsToMillis(double seconds) {
        return Math.round(seconds * 1000.0);
    }
}
