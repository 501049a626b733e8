package io.watchfloor.incidents;

import java.time.Instant;
import java.util.List;

/**
 * What screens show: every open incident plus those resolved or closed in the last {@link #RECENT_DAYS} days,
 * newest first, and what is wrong with the incident machinery itself.
 *
 * @param storeProblem the last failed write (the action was not done), or null
 * @param runbookProblems runbook files that could not be read (skipped), each with file and line
 * @param deliveries   each notification channel's delivery state
 */
public record IncidentBoard(Instant generatedAt, List<Incident> incidents, String storeProblem,
                            List<String> runbookProblems, List<DeliveryStatus> deliveries) {
    public static final int RECENT_DAYS = 7;
    public static final IncidentBoard EMPTY = new IncidentBoard(Instant.EPOCH, List.of(), null, List.of(), List.of());

    public IncidentBoard {
        incidents = List.copyOf(incidents);
        runbookProblems = List.copyOf(runbookProblems);
        deliveries = List.copyOf(deliveries);
    }

    /** Open incidents (triage, investigating, mitigated), most urgent first as listed. */
    public List<Incident> open() {
        return incidents.stream().filter(i -> i.status().isOpen()).toList();
    }

    public Incident find(String id) {
        return incidents.stream().filter(i -> i.id().equalsIgnoreCase(id)).findFirst().orElse(null);
    }
}
