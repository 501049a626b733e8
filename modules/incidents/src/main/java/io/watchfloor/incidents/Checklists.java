package io.watchfloor.incidents;

import io.watchfloor.incidents.runbook.Runbook;
import io.watchfloor.incidents.runbook.RunbookStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies runbook steps onto an incident's checklist. A runbook is copied once per incident (an alert that
 * matches a runbook already there adds nothing), and a copy is never changed by later edits of the file.
 */
final class Checklists {
    private Checklists() {
    }

    /** Appends the steps of each runbook not on the checklist yet; returns the runbooks added. */
    static List<Runbook> add(IncidentEdit e, List<Runbook> runbooks) {
        List<Runbook> added = new ArrayList<>();
        for (Runbook r : runbooks) {
            boolean present = e.checklist.stream().anyMatch(s -> s.runbookId().equals(r.id()));
            if (present || r.steps().isEmpty()) {
                continue;
            }
            for (RunbookStep s : r.steps()) {
                String key = r.id() + "/" + s.id();
                if (e.checklist.stream().noneMatch(x -> x.key().equals(key))) {
                    e.checklist.add(new ChecklistStep(key, r.id(), r.title(), s.phase(), s.text(), s.required(),
                            s.hint(), null, null));
                }
            }
            added.add(r);
        }
        return added;
    }

    /** "Generic response, GPU Xid errors (14 steps)". */
    static String describe(List<Runbook> runbooks) {
        int steps = runbooks.stream().mapToInt(r -> r.steps().size()).sum();
        return String.join(", ", runbooks.stream().map(Runbook::title).toList()) + " (" + steps
                + (steps == 1 ? " step)" : " steps)");
    }
}
