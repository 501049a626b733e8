package io.watchfloor.config;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Lets {@code ${VAR}} stand unquoted inside { } and [ ], as in {@code {token: ${VAULT_TOKEN}}}. Plain YAML reads the
 * placeholder's braces there as the end of the mapping; people write it anyway (the issue's own example does). The
 * braces of each placeholder are swapped for two private-use characters before parsing and swapped back in every
 * scalar after, so the placeholder is text wherever it stands. The swap keeps the text's length, so lines and
 * columns in problems still point into the file as written.
 */
final class FlowPlaceholders {
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^{}\\r\\n]*)}");

    private FlowPlaceholders() {
    }

    /** The text with each placeholder's braces hidden; unchanged when it already holds the stand-in characters. */
    static String hide(String yaml) {
        if (yaml.indexOf(OPEN) >= 0 || yaml.indexOf(CLOSE) >= 0 || !yaml.contains("${")) {
            return yaml;
        }
        return PLACEHOLDER.matcher(yaml).replaceAll(m -> Matcher.quoteReplacement("$" + OPEN + m.group(1) + CLOSE));
    }

    /** Text from the parser (a scalar, an error message) with the braces back. */
    static String restore(String text) {
        return text == null ? null : text.replace(OPEN, '{').replace(CLOSE, '}');
    }

    /** The tree with every scalar's braces back; collections are changed in place, aliases stay shared. */
    static Node restore(Node root) {
        return root == null ? null : restore(root, new IdentityHashMap<>());
    }

    private static Node restore(Node node, Map<Node, Node> done) {
        Node seen = done.get(node);
        if (seen != null) {
            return seen;
        }
        done.put(node, node); // before descending: an alias may point back up
        switch (node) {
            case ScalarNode s when s.getValue().indexOf(OPEN) >= 0 || s.getValue().indexOf(CLOSE) >= 0 -> {
                ScalarNode restored = new ScalarNode(s.getTag(), restore(s.getValue()), s.getStartMark(),
                        s.getEndMark(), s.getScalarStyle());
                done.put(node, restored);
                return restored;
            }
            case SequenceNode list -> {
                List<Node> items = list.getValue();
                items.replaceAll(item -> restore(item, done));
            }
            case MappingNode mapping -> {
                List<NodeTuple> tuples = mapping.getValue();
                tuples.replaceAll(t -> new NodeTuple(restore(t.getKeyNode(), done), restore(t.getValueNode(), done)));
            }
            default -> {
            }
        }
        return node;
    }
}
