package io.watchfloor.incidents;

import java.util.Locale;

/** What a timeline entry records. */
public enum TimelineKind {
    OPENED, ALERT_FIRING, ALERT_RESOLVED, ALERT_SUPPRESSED, ACKNOWLEDGED, STATUS, SEVERITY, LEAD, STEP_DONE,
    STEP_UNDONE, CHECKLIST_ADDED, OVERRIDE, NOTE, SNAPSHOT, RESPONSE_BREACH, POSTMORTEM, NOTIFICATION,
    /** A JIT shell session on a host (the access feature hooks in here). */
    SHELL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
