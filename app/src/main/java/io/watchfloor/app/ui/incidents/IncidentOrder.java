package io.watchfloor.app.ui.incidents;

import io.watchfloor.incidents.Incident;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order incidents are listed in before anyone sorts by a column, and the wall banner's order: most urgent first.
 *
 * <p>Open incidents come before resolved and closed ones. Among open ones: by severity (a P1 being worked still
 * matters more than a P3 nobody has looked at), then those still waiting for an acknowledgement, then the earliest
 * deadline (a breached one first), then the newest. Closed history is newest first.
 */
public final class IncidentOrder {
    private IncidentOrder() {
    }

    public static Comparator<Incident> urgency() {
        Comparator<Incident> open = Comparator.comparing(i -> !i.status().isOpen());
        return open
                .thenComparing((a, b) -> !a.status().isOpen() && !b.status().isOpen() ? 0 : a.severity().compareTo(b.severity()))
                .thenComparing(i -> i.status().isOpen() && i.isAcknowledged())
                .thenComparing((a, b) -> !a.status().isOpen() && !b.status().isOpen() ? 0 : a.ackDeadline().compareTo(b.ackDeadline()))
                .thenComparing(Incident::detectedAt, Comparator.reverseOrder())
                .thenComparing(Incident::number, Comparator.reverseOrder());
    }

    /** The open incidents, most urgent first. */
    public static List<Incident> open(List<Incident> incidents) {
        List<Incident> out = new ArrayList<>();
        for (Incident i : incidents) {
            if (i.status().isOpen()) {
                out.add(i);
            }
        }
        out.sort(urgency());
        return out;
    }
}
