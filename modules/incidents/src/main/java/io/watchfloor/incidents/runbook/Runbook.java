package io.watchfloor.incidents.runbook;

import io.watchfloor.model.incident.Phase;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A runbook read from a file: steps per phase, and the alert labels it is for.
 *
 * @param match label name to a pattern the whole value must match; empty for a generic runbook (every incident)
 * @param file  where it was read from, for messages ("assets/runbooks/gpu-xid.yaml")
 */
public record Runbook(String id, String title, Map<String, Pattern> match, List<RunbookStep> steps, String file) {
    public Runbook {
        match = Map.copyOf(match);
        steps = List.copyOf(steps);
    }

    /** The steps of one phase, in the order written. */
    public List<RunbookStep> steps(Phase phase) {
        return steps.stream().filter(s -> s.phase() == phase).toList();
    }

    public boolean generic() {
        return match.isEmpty();
    }

    /** True when every match label is present in {@code labels} with a value the pattern matches in full. */
    public boolean matches(Map<String, String> labels) {
        if (match.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, Pattern> e : match.entrySet()) {
            String v = labels.get(e.getKey());
            if (v == null || !e.getValue().matcher(v).matches()) {
                return false;
            }
        }
        return true;
    }
}
