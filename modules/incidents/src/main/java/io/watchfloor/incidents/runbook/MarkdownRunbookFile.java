package io.watchfloor.incidents.runbook;

import io.watchfloor.model.incident.Phase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A runbook written as Markdown, readable as it is on GitHub or Confluence:
 * <pre>
 * ---
 * id: endpoint-down
 * title: LLM endpoint down
 * match: {alertname: "EndpointDown|BlackboxProbeFailed"}
 * ---
 * ## Detection
 * - [ ] **Required** Confirm the probe fails from a second place {#confirm}
 *   hint: curl -sS -o /dev/null -w '%{http_code}\n' https://llm.example/health
 * - [ ] Check the provider's status page
 *   ```sh
 *   open https://status.example.com
 *   ```
 * </pre>
 * Level-2 headings name the phases; top-level task items under them are the steps; {@code **Required**} at the
 * start makes a step required; a {@code hint:} line or a code block indented under a step is its hint; {@code {#id}}
 * at the end gives its id, else the id is a slug of the text. Other text is for people and is left alone.
 */
final class MarkdownRunbookFile {
    static final List<String> FRONT_MATTER_KEYS = List.of("id", "title", "match");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern TASK = Pattern.compile("^([ \\t]*)[-*+][ \\t]+\\[[ xX]\\](?:[ \\t]+(.*))?$");
    private static final Pattern REQUIRED = Pattern.compile("^\\*\\*required:?\\*\\*:?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPLICIT_ID = Pattern.compile("\\s*\\{#([^}]*)\\}\\s*$");
    private static final Pattern HINT = Pattern.compile("^hint:\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FENCE = Pattern.compile("^(`{3,}|~{3,})");
    private static final String PHASE_HEADINGS = "## Detection, ## Classification, ## Investigation, "
            + "## Remediation or ## Postmortem";

    /** A step being read: its task line, then any continuation, hint line or code block under it. */
    private static final class Draft {
        final int line;
        final Phase phase;
        final StringBuilder text;
        String hint;
        int hintLine;
        boolean continues = true; // lines right under the task line (no blank line yet) continue its text

        Draft(int line, Phase phase, String text) {
            this.line = line;
            this.phase = phase;
            this.text = new StringBuilder(text);
        }
    }

    private final FileProblems problems;
    private final StepList steps;
    private final Map<Phase, Integer> phaseLines = new EnumMap<>(Phase.class);
    private Phase phase;
    private boolean inUnknownSection;
    private Draft draft;

    private MarkdownRunbookFile(FileProblems problems) {
        this.problems = problems;
        this.steps = new StepList(problems);
    }

    static Parsed parse(String text, FileProblems problems, String defaultId) {
        return new MarkdownRunbookFile(problems).read(text, defaultId);
    }

    private Parsed read(String text, String defaultId) {
        String[] lines = text.split("\\R", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            problems.add(1, "no front matter; expected the file to start with a \"---\" line, then id, title and "
                    + "match as YAML, then another \"---\" line");
            return new Parsed(null, 1);
        }
        int end = 1;
        while (end < lines.length && !lines[end].strip().equals("---")) {
            end++;
        }
        if (end == lines.length) {
            problems.add(1, "the front matter opened here is not closed; expected a \"---\" line after id, title and "
                    + "match");
            return new Parsed(null, 1);
        }
        RunbookYaml.Header header = frontMatter(String.join("\n", List.of(lines).subList(1, end)), defaultId);
        body(lines, end + 1);
        if (steps.isEmpty() && !problems.any()) {
            problems.add(end + 2, "has no steps; expected task items such as \"- [ ] Confirm the alert is real\" "
                    + "under " + PHASE_HEADINGS);
        }
        if (problems.any() || header == null) {
            return new Parsed(null, header == null ? 1 : header.idLine());
        }
        return new Parsed(new Runbook(header.id(), header.title(), header.match(), steps.inPhaseOrder(),
                problems.file()), header.idLine());
    }

    private RunbookYaml.Header frontMatter(String yamlText, String defaultId) {
        RunbookYaml yaml = new RunbookYaml(problems, 1);
        Node root = yaml.compose(yamlText, "the front matter is empty; expected at least title: and match: (or no "
                + "match for a runbook that applies to every incident)");
        if (root == null) {
            return null;
        }
        Map<String, RunbookYaml.Entry> top = yaml.mapping(root, "", FRONT_MATTER_KEYS,
                "expected a mapping with id, title and match");
        if (top == null) {
            return null;
        }
        return yaml.header(root, top, defaultId, "id: in the front matter");
    }

    private void body(String[] lines, int from) {
        int fenceLine = 0;
        String fence = null;
        List<String> fenced = null; // the lines of a code block that is a step's hint
        int fenceIndent = 0;
        for (int i = from; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            String stripped = line.strip();
            int indent = indentOf(line);
            if (fence != null) {
                if (closes(stripped, fence)) {
                    if (fenced != null) {
                        hint(String.join("\n", fenced).strip(), fenceLine);
                    }
                    fence = null;
                    fenced = null;
                } else if (fenced != null) {
                    fenced.add(line.length() >= fenceIndent && line.substring(0, fenceIndent).isBlank()
                            ? line.substring(fenceIndent) : line.strip());
                }
                continue;
            }
            Matcher fenceStart = FENCE.matcher(stripped);
            if (fenceStart.find()) {
                fence = fenceStart.group(1);
                fenceLine = number;
                fenceIndent = indent;
                // indented under a step: its hint; at the margin: an example for people, and the list has ended
                fenced = draft != null && indent >= 2 ? new ArrayList<>() : null;
                if (fenced == null) {
                    finishStep();
                } else {
                    draft.continues = false;
                }
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (indent == 0 && heading.matches()) {
                finishStep();
                if (heading.group(1).length() == 2) {
                    phaseHeading(heading.group(2), number);
                }
                continue;
            }
            Matcher task = TASK.matcher(line);
            if (task.matches()) {
                finishStep();
                task(task.group(1), task.group(2), number);
                continue;
            }
            if (stripped.isEmpty()) {
                if (draft != null) {
                    draft.continues = false;
                }
                continue;
            }
            Matcher hint = HINT.matcher(stripped);
            if (draft != null && hint.matches() && (indent >= 2 || draft.continues)) {
                hint(unquote(hint.group(1).strip()), number);
                draft.continues = false;
            } else if (draft != null && indent >= 2) {
                if (draft.continues) {
                    draft.text.append(' ').append(stripped);
                } // else a note for people under the step
            } else {
                finishStep(); // prose at the margin ends the list
            }
        }
        if (fence != null) {
            problems.add(fenceLine, "the code block opened here is not closed; expected a closing " + fence + " line");
        }
        finishStep();
    }

    private void phaseHeading(String name, int line) {
        Phase p = Phase.parse(name);
        if (p == null) {
            problems.add(line, "unknown phase " + Ids.quote(name) + "; expected " + PHASE_HEADINGS
                    + " (use # or ### for other headings)");
            phase = null;
            inUnknownSection = true;
            return;
        }
        Integer first = phaseLines.putIfAbsent(p, line);
        if (first != null) {
            problems.add(line, "a second \"## " + p.title() + "\" section (first at line " + first
                    + "); expected each phase once");
        }
        phase = p;
        inUnknownSection = false;
    }

    private void task(String indentation, String text, int line) {
        if (!indentation.isEmpty()) {
            problems.add(line, "a nested task item; expected steps as top-level items (\"- [ ]\" at the start of the "
                    + "line), with details in the step's text or hint");
            return;
        }
        if (phase == null) {
            if (!inUnknownSection) {
                problems.add(line, "a task item before any phase heading; expected it under " + PHASE_HEADINGS);
            }
            return;
        }
        draft = new Draft(line, phase, text == null ? "" : text.strip());
    }

    private void hint(String hint, int line) {
        if (hint.isEmpty()) {
            problems.add(line, "an empty hint; expected a command or a link after \"hint:\" or in the code block");
        } else if (draft.hint != null) {
            problems.add(line, "a second hint for the step at line " + draft.line + " (first at line " + draft.hintLine
                    + "); expected one hint line or one code block per step");
        } else {
            draft.hint = hint;
            draft.hintLine = line;
        }
    }

    private void finishStep() {
        Draft d = draft;
        draft = null;
        if (d == null) {
            return;
        }
        String text = d.text.toString().strip();
        Matcher required = REQUIRED.matcher(text);
        boolean isRequired = required.find();
        if (isRequired) {
            text = text.substring(required.end());
        }
        String id = null;
        Matcher explicit = EXPLICIT_ID.matcher(text);
        if (explicit.find()) {
            id = explicit.group(1).strip();
            text = text.substring(0, explicit.start()).strip();
            if (!Ids.valid(id)) {
                problems.add(d.line, "{#" + id + "} is not a valid step id; " + Ids.EXPECTED);
                return;
            }
        }
        if (text.isEmpty()) {
            problems.add(d.line, "step without text; expected \"- [ ] what to do\" (required steps: \"- [ ] "
                    + "**Required** what to do\")");
            return;
        }
        String stepId = id != null ? id : Ids.slug(text);
        if (stepId.isEmpty()) {
            problems.add(d.line, "no id can be made from the text " + Ids.quote(text) + "; expected an id at the end, "
                    + "such as {#check-xid}");
            return;
        }
        steps.add(new RunbookStep(stepId, d.phase, text, isRequired, d.hint), d.line, id != null);
    }

    /** A closing fence: the same character, at least as many, nothing else on the line. */
    private static boolean closes(String stripped, String fence) {
        return stripped.startsWith(fence) && stripped.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
            n++;
        }
        return n;
    }

    /** "hint: `cmd`" renders as code on GitHub; the command itself is what a responder copies. */
    private static String unquote(String hint) {
        return hint.length() >= 2 && hint.startsWith("`") && hint.endsWith("`") && hint.indexOf('`', 1) == hint.length() - 1
                ? hint.substring(1, hint.length() - 1).strip() : hint;
    }
}
