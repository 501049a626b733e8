package io.watchfloor.model.incident;

import java.util.Locale;

/** The phases of incident response; every checklist step belongs to one. */
public enum Phase {
    DETECTION("Detection"),
    CLASSIFICATION("Classification"),
    INVESTIGATION("Investigation"),
    REMEDIATION("Remediation"),
    POSTMORTEM("Postmortem");

    private final String title;

    Phase(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** "Detection", "detection" or "DETECTION", or null. */
    public static Phase parse(String text) {
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
