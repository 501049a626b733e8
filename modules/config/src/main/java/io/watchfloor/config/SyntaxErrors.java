package io.watchfloor.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns SnakeYAML's parser messages into ones that say what to fix. */
final class SyntaxErrors {
    private SyntaxErrors() {
    }

    static String describe(MarkedYAMLException e, Problems problems, String yaml) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext();
        if (problem.contains("\\t(TAB)")) {
            return "invalid YAML: a tab character; expected spaces for indentation (YAML does not allow tabs there)";
        }
        if (context != null && context.contains("expected a single document")) {
            return "invalid YAML: a second document (after \"---\"); expected a single YAML document";
        }
        StringBuilder out = new StringBuilder("invalid YAML: ").append(problem);
        Mark contextMark = e.getContextMark();
        if (context != null) {
            out.append(" (").append(context);
            if (contextMark != null) {
                Position at = problems.position(contextMark);
                out.append(" that starts at line ").append(at.line()).append(", column ").append(at.column());
            }
            out.append(')');
        }
        if (context != null && context.contains("flow") && lineOf(yaml, e.getProblemMark()).contains("${")) {
            // "{bearer: ${TOKEN}}" is not valid YAML: inside { } and [ ] the braces of a placeholder end the mapping
            out.append("; expected placeholders inside { } or [ ] to be quoted, as in {bearer: \"${TOKEN}\"}");
        } else if (problem.startsWith("expected <block end>") || problem.startsWith("mapping values are not allowed")) {
            out.append("; expected keys of one mapping to start in the same column, and a value that contains \": \" "
                    + "to be quoted");
        } else {
            out.append("; expected valid YAML: check indentation, quotes and brackets near this position");
        }
        return out.toString();
    }

    private static String lineOf(String yaml, Mark mark) {
        if (mark == null) {
            return "";
        }
        String[] lines = yaml.split("\\R", -1);
        return mark.getLine() < lines.length ? lines[mark.getLine()] : "";
    }
}
