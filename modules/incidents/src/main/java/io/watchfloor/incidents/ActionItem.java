package io.watchfloor.incidents;

import java.time.LocalDate;

/** A follow-up from the postmortem. {@code due} may be null (not yet agreed). */
public record ActionItem(String text, String owner, LocalDate due) {
}
