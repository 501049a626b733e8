package io.watchfloor.incidents.runbook;

import io.watchfloor.model.incident.Phase;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A runbook written as YAML:
 * <pre>
 * id: gpu-xid-ecc
 * title: GPU Xid or ECC error
 * match: {alertname: ["GpuXid.*", "GpuEcc.*"]}
 * steps:
 *   detection:
 *     - {id: find-xid, text: Find the Xid in the kernel log, required: true, hint: "journalctl -k | grep -i xid"}
 *     - Plain text is a step too
 * </pre>
 */
final class YamlRunbookFile {
    static final List<String> KEYS = List.of("id", "title", "match", "steps");
    static final List<String> STEP_KEYS = List.of("id", "text", "required", "hint");
    private static final String STEPS_EXPECTED = "expected steps grouped by phase (" + StepList.phaseNames()
            + "), such as steps: {detection: [{id: confirm, text: Confirm the alert is real}]}";
    private static final String TEXT_EXPECTED = "expected text: what to do, such as text: Confirm the alert on the wall";

    private final FileProblems problems;
    private final RunbookYaml yaml;

    private YamlRunbookFile(FileProblems problems) {
        this.problems = problems;
        this.yaml = new RunbookYaml(problems, 0);
    }

    /** @param defaultId the id when the file has none: its name without the extension */
    static Parsed parse(String text, FileProblems problems, String defaultId) {
        return new YamlRunbookFile(problems).read(text, defaultId);
    }

    private Parsed read(String text, String defaultId) {
        Node root = yaml.compose(text, "the file is empty; expected a runbook with id, title, match and steps");
        if (root == null) {
            return new Parsed(null, 1);
        }
        Map<String, RunbookYaml.Entry> top = yaml.mapping(root, "", KEYS,
                "expected a runbook: a mapping with id, title, match and steps");
        if (top == null) {
            return new Parsed(null, 1);
        }
        RunbookYaml.Header header = yaml.header(root, top, defaultId, "id: followed by letters, digits, \".\", "
                + "\"_\" or \"-\"");
        StepList steps = new StepList(problems);
        RunbookYaml.Entry stepsEntry = top.get("steps");
        if (stepsEntry == null) {
            yaml.report(root, "", "missing key \"steps\"; " + STEPS_EXPECTED);
        } else {
            readPhases(stepsEntry.value(), steps);
            if (steps.isEmpty() && !problems.any()) {
                yaml.report(stepsEntry.key(), "steps", "has no steps; " + STEPS_EXPECTED);
            }
        }
        if (problems.any() || header == null) {
            return new Parsed(null, header == null ? 1 : header.idLine());
        }
        return new Parsed(new Runbook(header.id(), header.title(), header.match(), steps.inPhaseOrder(),
                problems.file()), header.idLine());
    }

    private void readPhases(Node node, StepList steps) {
        Map<String, RunbookYaml.Entry> phases = yaml.mapping(node, "steps", null, STEPS_EXPECTED);
        if (phases == null) {
            return;
        }
        Map<Phase, Node> seen = new EnumMap<>(Phase.class);
        for (RunbookYaml.Entry entry : phases.values()) {
            Phase phase = Phase.parse(entry.name());
            if (phase == null) {
                yaml.report(entry.key(), "steps", "unknown phase " + Ids.quote(entry.name()) + "; expected one of: "
                        + StepList.phaseNames());
                continue;
            }
            Node first = seen.putIfAbsent(phase, entry.key());
            if (first != null) {
                yaml.report(entry.key(), "steps", "phase " + Ids.quote(entry.name()) + " appears twice (first at line "
                        + yaml.line(first) + "); expected each phase once");
                continue;
            }
            String path = "steps." + entry.name();
            if (RunbookYaml.isNull(entry.value())) {
                continue; // "postmortem:" with nothing under it: no steps for that phase
            }
            if (!(entry.value() instanceof SequenceNode list)) {
                yaml.report(entry.value(), path, RunbookYaml.kind(entry.value()) + "; expected a list of steps, such "
                        + "as - {id: confirm, text: Confirm the alert is real}");
                continue;
            }
            for (int i = 0; i < list.getValue().size(); i++) {
                step(list.getValue().get(i), path + "[" + i + "]", phase, steps);
            }
        }
    }

    private void step(Node node, String path, Phase phase, StepList steps) {
        if (node instanceof ScalarNode && !RunbookYaml.isNull(node)) {
            String text = stepText(node, path);
            if (text != null) {
                add(steps, node, path, phase, null, text, false, null);
            }
            return;
        }
        Map<String, RunbookYaml.Entry> keys = yaml.mapping(node, path, STEP_KEYS,
                "expected a step such as {id: confirm, text: Confirm the alert is real, required: true}");
        if (keys == null) {
            return;
        }
        RunbookYaml.Entry textEntry = keys.get("text");
        String text = null;
        if (textEntry == null) {
            yaml.report(node, path, "step without text; " + TEXT_EXPECTED);
        } else {
            text = stepText(textEntry.value(), path + ".text");
        }
        Boolean required = keys.containsKey("required") ? yaml.bool(keys.get("required").value(), path + ".required")
                : Boolean.FALSE;
        String hint = null;
        RunbookYaml.Entry hintEntry = keys.get("hint");
        if (hintEntry != null && !RunbookYaml.isNull(hintEntry.value())) {
            hint = yaml.text(hintEntry.value(), path + ".hint", "expected a command or a link that helps with the "
                    + "step, or no hint key");
        }
        RunbookYaml.Entry idEntry = keys.get("id");
        String id = null;
        if (idEntry != null) {
            id = yaml.text(idEntry.value(), path + ".id", Ids.EXPECTED);
            if (id != null && !Ids.valid(id)) {
                yaml.report(idEntry.value(), path + ".id", Ids.quote(id) + " is not a valid id; " + Ids.EXPECTED);
                id = null;
                text = null; // reported: leave the step out rather than invent an id
            }
        }
        if (text != null && required != null) {
            add(steps, node, path, phase, id, text, required, hint);
        }
    }

    private String stepText(Node node, String path) {
        if (node instanceof ScalarNode s && !RunbookYaml.isNull(s) && !s.getValue().isBlank()) {
            return s.getValue().strip();
        }
        String found = node instanceof ScalarNode && !RunbookYaml.isNull(node) ? "is empty" : RunbookYaml.kind(node);
        yaml.report(node, path, "step without text (" + found.replaceFirst("^is ", "") + "); " + TEXT_EXPECTED);
        return null;
    }

    private void add(StepList steps, Node node, String path, Phase phase, String id, String text, boolean required,
                     String hint) {
        String stepId = id != null ? id : Ids.slug(text);
        if (stepId.isEmpty()) {
            yaml.report(node, path, "no id, and none can be made from the text " + Ids.quote(text)
                    + "; expected id: with " + Ids.EXPECTED.substring("expected ".length()));
            return;
        }
        steps.add(new RunbookStep(stepId, phase, text, required, hint), yaml.line(node), id != null);
    }
}
