package io.watchfloor.model.incident;

import java.util.Locale;

/** How bad an incident is; P1 is the worst. The order of the constants is the order of urgency. */
public enum Severity {
    P1, P2, P3, P4;

    /** True when this is more urgent than {@code other} (P1 outranks P2). */
    public boolean outranks(Severity other) {
        return ordinal() < other.ordinal();
    }

    /** "P1".."P4" (any case), or null when the text is not a severity. */
    public static Severity parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
