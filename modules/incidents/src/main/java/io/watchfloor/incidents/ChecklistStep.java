package io.watchfloor.incidents;

import io.watchfloor.model.incident.Phase;
import java.time.Instant;

/**
 * One step of an incident's checklist, copied from a runbook when the incident opened (or when an alert that
 * matches another runbook joined it), so later edits of the runbook file do not rewrite past incidents.
 *
 * @param key      unique within the incident: "RUNBOOK-ID/STEP-ID"
 * @param required a required step blocks "resolved" unless the resolver gives a reason to override
 * @param hint     a command or link that helps with the step, or null
 * @param doneAt   null while open
 */
public record ChecklistStep(String key, String runbookId, String runbookTitle, Phase phase, String text,
                            boolean required, String hint, Instant doneAt, String doneBy) {
    public boolean done() {
        return doneAt != null;
    }
}
