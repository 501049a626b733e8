package io.watchfloor.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Which incidents the board shows, and in what order. */
final class BoardBuilder {
    static final Duration RECENT = Duration.ofDays(IncidentBoard.RECENT_DAYS);

    /** Open first, most urgent first, then the longest waiting; then the rest, most recently ended first. */
    private static final Comparator<Incident> ORDER = Comparator
            .comparing((Incident i) -> !i.status().isOpen())
            .thenComparing(i -> i.status().isOpen() ? i.severity().ordinal() : 0)
            .thenComparing(i -> i.status().isOpen() ? i.detectedAt() : Instant.EPOCH)
            .thenComparing(i -> i.status().isOpen() ? Instant.EPOCH : ended(i), Comparator.reverseOrder())
            .thenComparing(Incident::number, Comparator.reverseOrder());

    private BoardBuilder() {
    }

    /** True while an incident belongs on the board: open, or resolved or closed less than 7 days ago. */
    static boolean onBoard(Incident i, Instant now) {
        return i.status().isOpen() || !ended(i).isBefore(now.minus(RECENT));
    }

    static List<Incident> order(Collection<Incident> incidents) {
        List<Incident> out = new ArrayList<>(incidents);
        out.sort(ORDER);
        return out;
    }

    /** When a resolved or closed incident ended: the later of its resolution and its closing. */
    static Instant ended(Incident i) {
        Instant r = i.resolvedAt();
        Instant c = i.closedAt();
        if (r == null) {
            return c == null ? i.openedAt() : c;
        }
        return c == null || r.isAfter(c) ? r : c;
    }
}
