package io.watchfloor.incidents.runbook;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of a YAML node tree (a .yaml runbook, or the front matter of a .md one). The YAML is composed into
 * nodes rather than bound to objects so that every problem names its line. A read that fails reports and returns
 * null; the caller carries on, so one pass finds every mistake.
 */
final class RunbookYaml {
    /** One key of a mapping and its value; {@code key} is where the key was written. */
    record Entry(String name, Node key, Node value) {
    }

    /** What both formats share: who the runbook is and which alerts it is for. */
    record Header(String id, int idLine, String title, Map<String, Pattern> match) {
    }

    static final String MATCH_EXPECTED = "expected a mapping from label name to a regular expression or a list of "
            + "them, such as match: {alertname: \"GpuXid.*\"}";
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final FileProblems problems;
    private final int lineOffset;

    /** @param lineOffset file lines before the YAML text (the front matter of a Markdown runbook starts at line 2) */
    RunbookYaml(FileProblems problems, int lineOffset) {
        this.problems = problems;
        this.lineOffset = lineOffset;
    }

    void report(Node node, String path, String message) {
        problems.add(line(node), path.isEmpty() ? message : path + ": " + message);
    }

    int line(Node node) {
        return FileProblems.line(node, lineOffset);
    }

    /** The root node, or null after reporting a syntax error or, with {@code whenEmpty}, an empty text. */
    Node compose(String yaml, String whenEmpty) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(FileProblems.line(mark, lineOffset), syntax(e));
            return null;
        } catch (YAMLException e) {
            problems.add(1 + lineOffset, "cannot be read as YAML (" + e.getMessage() + "); expected one YAML document");
            return null;
        }
        if (root == null) {
            problems.add(1 + lineOffset, whenEmpty);
        }
        return root;
    }

    private String syntax(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        if (problem.contains("\\t(TAB)")) {
            return "invalid YAML: a tab character; expected spaces for indentation";
        }
        if (problem.contains("<stream end>")) {
            return "invalid YAML: the text ends inside something still open; expected every [, { and quote closed";
        }
        if (e.getContext() != null && e.getContext().contains("expected a single document")) {
            return "invalid YAML: a second document (after \"---\"); expected one YAML document per file";
        }
        String context = e.getContext() == null ? "" : " (" + e.getContext()
                + (e.getContextMark() == null ? "" : " that starts at line " + FileProblems.line(e.getContextMark(),
                lineOffset)) + ")";
        return "invalid YAML: " + problem + context + "; expected valid YAML (check indentation, quotes and brackets "
                + "here; quote a regular expression that starts with *, [, { or contains \": \")";
    }

    /**
     * The keys of a mapping in file order. Duplicate keys are reported (SnakeYAML's compose keeps them silently)
     * and so are keys not in {@code known} (null: any key). Returns null, after reporting, when {@code node} is
     * not a mapping; an empty value reads as an empty mapping.
     */
    Map<String, Entry> mapping(Node node, String path, List<String> known, String expected) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (isNull(node)) {
            return entries;
        }
        if (!(node instanceof MappingNode mapping)) {
            report(node, path, kind(node) + "; " + expected);
            return null;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || isNull(key)) {
                report(tuple.getKeyNode(), path, "a key that is not a name; " + expected);
                continue;
            }
            String name = key.getValue();
            Entry first = entries.get(name);
            if (first != null) {
                report(key, path, "duplicate key " + Ids.quote(name) + " (first at line " + line(first.key())
                        + "); expected each key once");
            } else if (known != null && !known.contains(name)) {
                report(key, path, "unknown key " + Ids.quote(name) + "; expected one of: " + String.join(", ", known));
            } else {
                entries.put(name, new Entry(name, key, tuple.getValueNode()));
            }
        }
        return entries;
    }

    /** The text of a scalar, stripped; null after reporting when it is missing, empty or not a scalar. */
    String text(Node node, String path, String expected) {
        if (isNull(node) || !(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            report(node, path, (node instanceof ScalarNode s && !isNull(s) ? "is empty" : kind(node)) + "; " + expected);
            return null;
        }
        return scalar.getValue().strip();
    }

    /** {@code true} or {@code false} (any case); null after reporting anything else. */
    Boolean bool(Node node, String path) {
        if (node instanceof ScalarNode s && !isNull(s)) {
            String v = s.getValue().strip().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return v.equals("true");
            }
        }
        report(node, path, kind(node) + "; expected true or false");
        return null;
    }

    /**
     * id, title and match from a mapping read with {@link #mapping}. The id defaults to {@code defaultId} (the file
     * name without its extension). Returns null when any of them has a problem (reported).
     */
    Header header(Node root, Map<String, Entry> top, String defaultId, String idHint) {
        int before = problems.count();
        String id;
        int idLine;
        Entry idEntry = top.get("id");
        if (idEntry != null) {
            id = text(idEntry.value(), "id", Ids.EXPECTED);
            idLine = line(idEntry.key());
            if (id != null && !Ids.valid(id)) {
                report(idEntry.value(), "id", Ids.quote(id) + " is not a valid id; " + Ids.EXPECTED);
            }
        } else {
            id = defaultId;
            idLine = line(root);
            if (!Ids.valid(id)) {
                report(root, "", "no id, and the file name " + Ids.quote(id) + " is not a valid id; expected "
                        + idHint);
            }
        }
        String title = null;
        Entry titleEntry = top.get("title");
        if (titleEntry == null) {
            report(root, "", "missing key \"title\"; expected a title shown above the checklist, such as "
                    + "title: GPU Xid or ECC error");
        } else {
            title = text(titleEntry.value(), "title", "expected a title shown above the checklist, such as "
                    + "title: GPU Xid or ECC error");
        }
        Map<String, Pattern> match = top.containsKey("match") ? match(top.get("match").value()) : Map.of();
        return problems.count() > before ? null : new Header(id, idLine, title, match);
    }

    /** label -> one pattern; a list becomes one alternation, so that any item may match the whole value. */
    private Map<String, Pattern> match(Node node) {
        Map<String, Entry> labels = mapping(node, "match", null, MATCH_EXPECTED);
        Map<String, Pattern> match = new LinkedHashMap<>();
        if (labels == null) {
            return match;
        }
        for (Entry label : labels.values()) {
            String path = "match." + label.name();
            if (!LABEL.matcher(label.name()).matches()) {
                report(label.key(), "match", Ids.quote(label.name()) + " is not a label name; expected letters, "
                        + "digits and \"_\", such as alertname");
                continue;
            }
            List<Node> items = label.value() instanceof SequenceNode list ? list.getValue() : List.of(label.value());
            if (items.isEmpty()) {
                report(label.value(), path, "is an empty list; expected at least one value or regular expression");
                continue;
            }
            List<String> regexes = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String regex = regex(items.get(i), items.size() == 1 ? path : path + "[" + i + "]");
                if (regex != null) {
                    regexes.add(regex);
                }
            }
            if (regexes.size() == items.size()) {
                match.put(label.name(), Pattern.compile(regexes.size() == 1 ? regexes.getFirst()
                        : "(?:" + String.join(")|(?:", regexes) + ")"));
            }
        }
        return match;
    }

    private String regex(Node node, String path) {
        String expected = "expected a regular expression the whole label value must match, such as \"GpuXid.*\"";
        if (!(node instanceof ScalarNode s) || isNull(s) || s.getValue().isEmpty()) {
            report(node, path, (node instanceof ScalarNode && !isNull(node) ? "is empty" : kind(node)) + "; "
                    + expected);
            return null;
        }
        try {
            Pattern.compile(s.getValue());
            return s.getValue();
        } catch (PatternSyntaxException e) {
            report(node, path, Ids.quote(s.getValue()) + " is not a valid regular expression (" + e.getDescription()
                    + " near index " + e.getIndex() + "); " + expected);
            return null;
        }
    }

    static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** "is a list", "is the value "x"": what was found, for messages. */
    static String kind(Node node) {
        if (isNull(node)) {
            return "has no value";
        }
        return switch (node) {
            case MappingNode m -> "is a mapping";
            case SequenceNode s -> "is a list";
            case ScalarNode s -> "is the value " + Ids.quote(s.getValue());
            default -> "is " + node.getNodeId();
        };
    }
}
