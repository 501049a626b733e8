package io.watchfloor.incidents;

import java.util.List;

/** What people write after the fact; each text may be empty. Impact and timeline come from the record. */
public record Postmortem(String summary, String contributingFactors, String rootCause, String resolution,
                         List<ActionItem> actionItems) {
    public static final Postmortem EMPTY = new Postmortem("", "", "", "", List.of());

    public Postmortem {
        summary = summary == null ? "" : summary;
        contributingFactors = contributingFactors == null ? "" : contributingFactors;
        rootCause = rootCause == null ? "" : rootCause;
        resolution = resolution == null ? "" : resolution;
        actionItems = List.copyOf(actionItems);
    }
}
