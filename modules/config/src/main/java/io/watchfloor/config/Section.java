package io.watchfloor.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read as named keys. Duplicate keys are problems (SnakeYAML's compose API keeps
 * them silently), and {@code <<: *anchor} merge keys are honoured so that sources can share
 * settings; keys written out win over merged ones.
 */
final class Section {
    /** One key and its value; {@code key} is where the key was written. */
    record Entry(String name, ScalarNode key, Node value) {
    }

    private final Node node;
    private final String path;
    private final Map<String, Entry> entries;

    private Section(Node node, String path, Map<String, Entry> entries) {
        this.node = node;
        this.path = path;
        this.entries = entries;
    }

    /**
     * The mapping at {@code node}; an empty value reads as an empty mapping. Returns null, after
     * reporting "path: is a list; expected ...", when the node is not a mapping.
     */
    static Section of(NodeReader reader, Node node, String path, String expected) {
        if (NodeReader.isNull(node)) {
            return new Section(node, path, new LinkedHashMap<>());
        }
        if (!(node instanceof MappingNode mapping)) {
            reader.report(node, path, NodeReader.kind(node, false) + "; " + expected);
            return null;
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Node> merges = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || NodeReader.isNull(key)) {
                reader.report(tuple.getKeyNode(), path, "has a key that is not a name; expected keys such as "
                        + "interval: 5s");
                continue;
            }
            if (Tag.MERGE.equals(key.getTag())) {
                merges.add(tuple.getValueNode());
                continue;
            }
            Entry first = entries.get(key.getValue());
            if (first != null) {
                reader.report(key, path, "duplicate key " + ScalarText.quote(key.getValue()) + " (first defined at line "
                        + reader.problems().position(first.key()).line() + "); expected each key once");
                continue;
            }
            entries.put(key.getValue(), new Entry(key.getValue(), key, tuple.getValueNode()));
        }
        for (Node merge : merges) {
            merge(reader, merge, path, entries);
        }
        return new Section(node, path, entries);
    }

    private static void merge(NodeReader reader, Node merge, String path, Map<String, Entry> into) {
        List<Node> sources = merge instanceof SequenceNode list ? list.getValue() : List.of(merge);
        for (Node source : sources) {
            if (!(source instanceof MappingNode mapping)) {
                reader.report(source, path, "<<: " + NodeReader.kind(source, false)
                        + "; expected an alias of a mapping, such as <<: *defaults");
                continue;
            }
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && !Tag.MERGE.equals(key.getTag())) {
                    into.putIfAbsent(key.getValue(), new Entry(key.getValue(), key, tuple.getValueNode()));
                }
            }
        }
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    /** The path of a key below this section, e.g. "wall.thresholds" + "temp". */
    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    /** The value of a key, null when absent. */
    Node get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value of a required key; reports "path: missing required key "key"" when absent. */
    Node require(NodeReader reader, String key, String hint) {
        Node value = get(key);
        if (value == null) {
            reader.report(node, path, "missing required key " + ScalarText.quote(key) + hint);
        }
        return value;
    }

    /**
     * Reports every key that is neither known nor ignored, with a "did you mean" when one is close.
     *
     * @return the keys suggested as corrections, so a caller can skip "missing required key" for a key that is
     *         present but misspelt
     */
    Set<String> rejectUnknown(NodeReader reader, List<String> known, Set<String> ignored) {
        List<String> candidates = new ArrayList<>(known);
        candidates.addAll(ignored);
        Set<String> suggested = new HashSet<>();
        for (Entry entry : entries.values()) {
            if (!known.contains(entry.name()) && !ignored.contains(entry.name())) {
                Optional<String> suggestion = KeySuggestions.closest(entry.name(), candidates);
                suggestion.ifPresent(suggested::add);
                reader.report(entry.key(), path, unknownKey(entry.name(), suggestion, known));
            }
        }
        return suggested;
    }

    Set<String> rejectUnknown(NodeReader reader, List<String> known) {
        return rejectUnknown(reader, known, Set.of());
    }

    static String unknownKey(String key, Optional<String> suggestion, List<String> known) {
        return "unknown key " + ScalarText.quote(key) + " ("
                + suggestion.map(s -> "did you mean " + ScalarText.quote(s) + "? ").orElse("")
                + "expected one of: " + String.join(", ", known) + ")";
    }
}
