package io.watchfloor.incidents.runbook;

import io.watchfloor.model.incident.Phase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The steps of one runbook as they are read, with the check that step ids are unique across its phases. */
final class StepList {
    private final FileProblems problems;
    private final List<RunbookStep> steps = new ArrayList<>();
    private final Map<String, Integer> lineOfId = new HashMap<>();

    StepList(FileProblems problems) {
        this.problems = problems;
    }

    /**
     * @param explicit whether the author wrote the id (else it is a slug of the text, and the fix is to add one)
     */
    void add(RunbookStep step, int line, boolean explicit) {
        Integer first = lineOfId.putIfAbsent(step.id(), line);
        if (first != null) {
            problems.add(line, "duplicate step id " + Ids.quote(step.id()) + (explicit ? "" : " (made from the text)")
                    + ", first at line " + first + "; expected each step id once in a runbook"
                    + (explicit ? "" : ": give one of them its own id"));
            return;
        }
        steps.add(step);
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Ordered by phase, then as written: a checklist is worked phase by phase. */
    List<RunbookStep> inPhaseOrder() {
        List<RunbookStep> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(RunbookStep::phase)); // stable: file order within a phase
        return sorted;
    }

    static String phaseNames() {
        StringBuilder out = new StringBuilder();
        for (Phase p : Phase.values()) {
            out.append(out.isEmpty() ? "" : ", ").append(p.name().toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }
}
