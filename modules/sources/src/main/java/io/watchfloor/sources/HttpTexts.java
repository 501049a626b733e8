package io.watchfloor.sources;

import java.time.Duration;

/** Texts for messages about HTTP answers and failures, shared by the HTTP sources. */
public final class HttpTexts {
    private HttpTexts() {
    }

    /** ": first words of the body" (at most {@code maxChars}) with markup removed, so an HTML error page reads as text. */
    public static String excerpt(String body, int maxChars) {
        String text = body.replaceAll("(?is)<(script|style)\\b.*?</\\1>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > maxChars ? text.substring(0, maxChars) + "…" : text);
    }

    /** "5 s" or "750 ms". */
    public static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Whether {@code t} or one of its causes is a {@code type}. */
    public static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
