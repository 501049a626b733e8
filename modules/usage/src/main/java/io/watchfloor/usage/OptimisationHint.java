package io.watchfloor.usage;

import java.util.List;

/**
 * A suggestion in the monthly review, always with the figures behind it so the customer can check it.
 *
 * @param subject the GPU ("gpu-a1/gpu3") or endpoint id it is about
 * @param text    one sentence, e.g. "gpu-a1 GPU 3 held 38 GiB while under 5 % busy for 212 h"
 */
public record OptimisationHint(Kind kind, String subject, String text, List<Figure> figures) {
    public enum Kind { IDLE_GPU, HIGH_THROTTLING, LATENCY_REGRESSION }

    /** A labelled figure ("idle-held hours", "212.0 h"). */
    public record Figure(String label, String value) {
    }

    public OptimisationHint {
        figures = List.copyOf(figures);
    }
}
