package io.watchfloor.incidents.notify;

import io.watchfloor.config.NotificationConfig;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentEvent;
import io.watchfloor.incidents.LinkedAlert;
import io.watchfloor.model.incident.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What every channel says about one event, worded once: Slack, Teams and PagerDuty only lay it out differently.
 * Built when the event happens, so a message sent late still says what was true then.
 */
final class MessageFacts {
    /** Alerts listed by name; the rest are counted ("and 4 more"), so a storm of alerts stays one readable message. */
    static final int MAX_ALERTS_LISTED = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final IncidentEvent event;
    private final Incident incident;
    private final NotificationConfig.Event kind;

    MessageFacts(IncidentEvent event, NotificationConfig.Event kind) {
        this.event = event;
        this.incident = event.incident();
        this.kind = kind;
    }

    Incident incident() {
        return incident;
    }

    NotificationConfig.Event kind() {
        return kind;
    }

    Instant at() {
        return event.at();
    }

    /** "P1 INC-7 opened: GPU Xid errors on gpu-03": the one-line version (notification previews, fallbacks). */
    String headline() {
        return incident.severity() + " " + incident.id() + " " + kind.wireName() + ": " + incident.title();
    }

    /** A coloured mark by severity (green once resolved), readable before the text on a phone's lock screen. */
    String mark() {
        if (kind == NotificationConfig.Event.RESOLVED) {
            return "\u2705";
        }
        return switch (incident.severity()) {
            case P1 -> "\uD83D\uDD34";
            case P2 -> "\uD83D\uDFE0";
            case P3 -> "\uD83D\uDFE1";
            case P4 -> "\uD83D\uDD35";
        };
    }

    String status() {
        return incident.status().wireName();
    }

    String severity() {
        return incident.severity().name();
    }

    String lead() {
        return incident.lead() == null || incident.lead().isBlank() ? "unassigned" : incident.lead();
    }

    /** "2026-11-23 10:15 UTC (met)": the deadline and, once known, whether it was kept. */
    String ackDeadline() {
        if (incident.ackDeadline() == null) {
            return "none";
        }
        String deadline = time(incident.ackDeadline());
        if (incident.acknowledgedAt() != null) {
            boolean late = incident.acknowledgedAt().isAfter(incident.ackDeadline());
            return deadline + (late ? " (missed)" : " (met)");
        }
        if (event.at().isAfter(incident.ackDeadline())) {
            return deadline + " (breached)";
        }
        return deadline + " (in " + duration(Duration.between(event.at(), incident.ackDeadline())) + ")";
    }

    /** "by alice at 2026-11-23 10:07 UTC, 7 min after detection", or null before acknowledgement. */
    String acknowledged() {
        if (incident.acknowledgedAt() == null) {
            return null;
        }
        String by = incident.acknowledgedBy() == null ? "" : "by " + incident.acknowledgedBy() + " ";
        String after = incident.detectedAt() == null ? ""
                : ", " + duration(incident.timeToAcknowledge()) + " after detection";
        return by + "at " + time(incident.acknowledgedAt()) + after;
    }

    /** "1 h 5 min", or null while not resolved. */
    String timeToResolve() {
        return incident.resolvedAt() == null || incident.detectedAt() == null ? null
                : duration(incident.timeToResolve());
    }

    /** "alertname (state) on host: summary", at most {@link #MAX_ALERTS_LISTED} of them, firing first. */
    List<String> alertLines() {
        List<LinkedAlert> sorted = sortedAlerts();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_ALERTS_LISTED, sorted.size()); i++) {
            lines.add(alertLine(sorted.get(i)));
        }
        if (sorted.size() > MAX_ALERTS_LISTED) {
            lines.add("and " + (sorted.size() - MAX_ALERTS_LISTED) + " more");
        }
        return lines;
    }

    List<LinkedAlert> sortedAlerts() {
        List<LinkedAlert> sorted = new ArrayList<>(incident.alerts());
        // firing first: a reader wants what is still wrong
        sorted.sort((a, b) -> Boolean.compare(a.state() != AlertState.ACTIVE, b.state() != AlertState.ACTIVE));
        return sorted;
    }

    static String alertLine(LinkedAlert a) {
        String where = firstPresent(a, "host", "instance", "endpoint", "service");
        String state = a.resolvedAt() != null ? "resolved" : a.state() == AlertState.ACTIVE ? "firing"
                : a.state().wireName();
        StringBuilder line = new StringBuilder(a.alertname()).append(" (").append(state).append(")");
        if (where != null) {
            line.append(" on ").append(where);
        }
        if (a.summary() != null && !a.summary().isBlank()) {
            line.append(": ").append(a.summary().strip());
        }
        return line.toString();
    }

    private static String firstPresent(LinkedAlert a, String... labels) {
        for (String l : labels) {
            String v = a.labels().get(l);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** "acknowledged by alice · 2026-11-23 10:07 UTC · hosts gpu-03 · endpoints llama". */
    String context() {
        List<String> parts = new ArrayList<>();
        String actor = event.actor() == null || event.actor().isBlank() ? "" : " by " + event.actor();
        parts.add(kind.wireName() + actor);
        parts.add(time(event.at()));
        if (!incident.hosts().isEmpty()) {
            parts.add("hosts " + String.join(", ", incident.hosts()));
        }
        if (!incident.endpoints().isEmpty()) {
            parts.add("endpoints " + String.join(", ", incident.endpoints()));
        }
        return "Watchfloor \u00b7 " + String.join(" \u00b7 ", parts);
    }

    /** The host or endpoint most affected: the first one linked, or null. */
    String component() {
        if (!incident.hosts().isEmpty()) {
            return incident.hosts().get(0);
        }
        return incident.endpoints().isEmpty() ? null : incident.endpoints().get(0);
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    /** "45 s", "15 min", "1 h 5 min", "2 d 3 h": precise enough for people, short enough for a field. */
    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 60) {
            return min + " min";
        }
        long h = min / 60;
        if (h < 24) {
            return h + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
        }
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }

    /** Cuts {@code text} to {@code max} characters, marking the cut. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}
