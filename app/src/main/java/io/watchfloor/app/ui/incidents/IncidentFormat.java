package io.watchfloor.app.ui.incidents;

import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentException;
import io.watchfloor.incidents.ResponseState;
import io.watchfloor.model.incident.AlertState;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How incident figures read on screen: the response timer ("ack in 12:41", "BREACHED +03:12", "acked 4m after"),
 * durations, times and status words. Pure text, no scene graph: the list, the detail, the wall banner and the tests
 * share it.
 */
public final class IncidentFormat {
    public static final String NONE = "–";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter TIME_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private IncidentFormat() {
    }

    /** The response timer as the list and the banner show it. */
    public static String timer(Incident i, Instant now) {
        if (!i.status().isOpen() && !i.isAcknowledged()) {
            // resolved without anyone acknowledging: the clock stopped, it must not keep counting a breach
            return i.responseBreachedAt() != null ? "never acked · breached" : "never acked";
        }
        ResponseState state = i.responseState(now);
        return switch (state) {
            case COUNTING -> "ack in " + clock(Duration.between(now, i.ackDeadline()));
            case BREACHED -> "BREACHED +" + clock(Duration.between(i.ackDeadline(), now));
            case MET -> "acked " + span(i.timeToAcknowledge()) + " after";
            case MET_LATE -> "acked " + span(i.timeToAcknowledge()) + " after · late";
        };
    }

    /** The style class of the timer: counting, soon (under 5 minutes left), breached, met, met-late. */
    public static String timerClass(Incident i, Instant now) {
        if (!i.status().isOpen() && !i.isAcknowledged()) {
            return i.responseBreachedAt() != null ? "timer-met-late" : "timer-met";
        }
        ResponseState state = i.responseState(now);
        if (state == ResponseState.COUNTING && Duration.between(now, i.ackDeadline()).toSeconds() < 300) {
            return "timer-soon";
        }
        return "timer-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A countdown as a clock, whole seconds cut off (never rounded up: "00:00" is shown only in the last second):
     * "12:41" under an hour, "3:59:12" beyond.
     */
    public static String clock(Duration d) {
        long s = Math.max(0, d.toMillis() / 1000);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%02d:%02d", m, sec);
    }

    /** A past span, coarse: "45s", "4m", "1h 12m", "2d 3h"; {@link #NONE} for null. */
    public static String span(Duration d) {
        if (d == null) {
            return NONE;
        }
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            long m = (s % 3600) / 60;
            return s / 3600 + "h" + (m == 0 ? "" : " " + m + "m");
        }
        long h = (s % 86_400) / 3600;
        return s / 86_400 + "d" + (h == 0 ? "" : " " + h + "h");
    }

    /** "TTA 4m · TTM 32m · TTR –": the response figures once acknowledged. */
    public static String responseFigures(Incident i) {
        return "TTA " + span(i.timeToAcknowledge()) + " · TTM " + span(i.timeToMitigate()) + " · TTR "
                + span(i.timeToResolve());
    }

    /** "14:02" today, "21 Nov 14:02" on another day (local time). */
    public static String time(Instant t, Instant now, ZoneId zone) {
        if (t == null) {
            return NONE;
        }
        var local = t.atZone(zone);
        return local.toLocalDate().equals(now.atZone(zone).toLocalDate()) ? TIME.format(local) : DAY_TIME.format(local);
    }

    /** "14:02:11": timeline entries, where the order within a minute matters. */
    public static String timeSeconds(Instant t, ZoneId zone) {
        return t == null ? NONE : TIME_SECONDS.format(t.atZone(zone));
    }

    /** "Investigating". */
    public static String status(IncidentStatus s) {
        String w = s.wireName();
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    /** The verb on a status button: "Resolve…" asks more when required steps are open, so it always ends in "…". */
    public static String moveVerb(IncidentStatus from, IncidentStatus to) {
        return switch (to) {
            case TRIAGE -> "Back to triage";
            case INVESTIGATING -> from == IncidentStatus.TRIAGE ? "Investigate" : "Reopen: investigating";
            case MITIGATED -> "Mitigated";
            case RESOLVED -> "Resolve…";
            case CLOSED -> "Close";
        };
    }

    public static String severityClass(Severity s) {
        return "sev-" + s.name().toLowerCase(Locale.ROOT);
    }

    public static String statusClass(IncidentStatus s) {
        return "inc-status-" + s.wireName();
    }

    /** "firing", "silenced", "inhibited", "resolved", with a shape so it reads without colour. */
    public static String alertState(AlertState s) {
        return switch (s) {
            case ACTIVE -> "■ firing";
            case SILENCED -> "◌ silenced";
            case INHIBITED -> "◌ inhibited";
            case RESOLVED -> "● resolved";
        };
    }

    /** "2/3": alerts still firing of all linked. */
    public static String alerts(Incident i) {
        return i.firingAlerts() + "/" + i.alerts().size();
    }

    /** "5/12": checklist steps done of all. */
    public static String checklist(Incident i) {
        return i.checklistDone() + "/" + i.checklistTotal();
    }

    /**
     * The message of a failed command as the user reads it: the desk's own message, never a stack trace or an
     * exception class name where a message exists.
     */
    public static String failure(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof IncidentException) {
            return c.getMessage();
        }
        String m = c.getMessage();
        return m == null || m.isBlank() ? "unexpected error (" + c.getClass().getSimpleName() + ")" : m;
    }
}
