package io.watchfloor.incidents;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an incident's timeline. Entries are only ever added, never changed.
 *
 * @param seq          order within the incident (ties in time keep the order they happened in)
 * @param actor        who did it (a user name), or "alertmanager:SOURCE" / "watchfloor" for the machine
 * @param attachmentId a stored attachment (the wall snapshot PNG), or null
 */
public record TimelineEntry(long seq, Instant at, TimelineKind kind, String actor, String text, Long attachmentId) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
