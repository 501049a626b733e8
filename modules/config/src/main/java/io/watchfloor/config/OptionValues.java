package io.watchfloor.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns the YAML of a type-specific option into plain Java values (String, Long, Double, Boolean,
 * List, Map&lt;String,Object&gt;) for the source type's provider, which validates them.
 * Scalars typed by YAML (plain 42, 1.5, true) keep their type; every other scalar is a string
 * after ${VAR} expansion, so a value from the environment is always a String.
 */
final class OptionValues {
    // An alias can make a node contain itself; stop well before the stack does.
    private static final int MAX_DEPTH = 32;

    private final NodeReader reader;

    OptionValues(NodeReader reader) {
        this.reader = reader;
    }

    /** The value, or null when it could not be read (a problem was reported) or is YAML null inside a list or map. */
    Object read(Node node, String path) {
        return read(node, path, 0);
    }

    private Object read(Node node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            reader.report(node, path, "is nested too deeply (an alias that refers to itself?); expected at most "
                    + MAX_DEPTH + " levels");
            return null;
        }
        return switch (node) {
            case MappingNode mapping -> map(mapping, path, depth);
            case SequenceNode list -> list(list, path, depth);
            case ScalarNode scalar -> scalar(scalar, path);
            default -> null;
        };
    }

    private Map<String, Object> map(MappingNode node, String path, int depth) {
        Section section = Section.of(reader, node, path, "expected a mapping");
        Map<String, Object> out = new LinkedHashMap<>();
        for (Section.Entry entry : section.entries()) {
            out.put(entry.name(), read(entry.value(), section.child(entry.name()), depth + 1));
        }
        // unmodifiable views rather than Map.copyOf/List.copyOf: those reject YAML nulls
        return Collections.unmodifiableMap(out);
    }

    private List<Object> list(SequenceNode node, String path, int depth) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < node.getValue().size(); i++) {
            out.add(read(node.getValue().get(i), path + "[" + i + "]", depth + 1));
        }
        return Collections.unmodifiableList(out);
    }

    private Object scalar(ScalarNode node, String path) {
        Tag tag = node.getTag();
        String text = node.getValue();
        try {
            if (Tag.NULL.equals(tag)) {
                return null;
            } else if (Tag.BOOL.equals(tag)) {
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> Boolean.TRUE;
                    default -> Boolean.FALSE;
                };
            } else if (Tag.INT.equals(tag)) {
                return integer(text);
            } else if (Tag.FLOAT.equals(tag)) {
                return floating(text);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            reader.report(node, path, ScalarText.quote(text) + " is too large; expected a whole number from "
                    + Long.MIN_VALUE + " to " + Long.MAX_VALUE + " (quote it to keep it as text)");
            return null;
        }
        ScalarText expanded = reader.text(node, path, "expected a value");
        return expanded == null ? null : expanded.value();
    }

    /** YAML 1.1 integers as SnakeYAML resolves them: 1_000, 0x1F, 0b101, 017 (octal), 1:30 (base 60). */
    private static long integer(String text) {
        String s = text.replace("_", "");
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        long value;
        if (s.contains(":")) {
            value = 0;
            for (String digit : s.split(":")) {
                value = Math.addExact(Math.multiplyExact(value, 60), Long.parseLong(digit));
            }
        } else if (s.startsWith("0x")) {
            value = Long.parseLong(s.substring(2), 16);
        } else if (s.startsWith("0b")) {
            value = Long.parseLong(s.substring(2), 2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            value = Long.parseLong(s.substring(1), 8);
        } else {
            value = Long.parseLong(s);
        }
        return negative ? -value : value;
    }

    private static double floating(String text) {
        String s = text.replace("_", "").toLowerCase(Locale.ROOT);
        return switch (s) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> s.contains(":") ? sexagesimal(s) : Double.parseDouble(s);
        };
    }

    private static double sexagesimal(String s) {
        double sign = s.startsWith("-") ? -1 : 1;
        double value = 0;
        for (String part : s.replaceFirst("^[-+]", "").split(":")) {
            value = value * 60 + Double.parseDouble(part);
        }
        return sign * value;
    }
}
