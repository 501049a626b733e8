package io.watchfloor.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of YAML nodes. A read that fails reports a problem at the node's line and column and
 * returns null, and the caller carries on, so one run shows every mistake in the file.
 * Messages follow one pattern: "path: what is wrong; expected what".
 */
final class NodeReader {
    private final Problems problems;
    private final Map<String, String> env;
    private final Path baseDir;

    /** @param baseDir directory that relative file paths in the config (caFile) resolve against */
    NodeReader(Problems problems, Map<String, String> env, Path baseDir) {
        this.problems = problems;
        this.env = env;
        this.baseDir = baseDir;
    }

    Problems problems() {
        return problems;
    }

    Path baseDir() {
        return baseDir;
    }

    void report(Node node, String path, String message) {
        problems.add(node, path, message);
    }

    /** An empty value ("key:" or "key: ~"), which YAML reads as null. */
    static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** "is a list", "is the value "x"" for messages; secret values are never quoted. */
    static String kind(Node node, boolean secret) {
        if (isNull(node)) {
            return "has no value";
        }
        return switch (node) {
            case MappingNode m -> "is a mapping";
            case SequenceNode s -> "is a list";
            case ScalarNode s when secret -> "is a single value";
            case ScalarNode s -> "is the value " + ScalarText.quote(s.getValue());
            default -> "is " + node.getNodeId();
        };
    }

    /** The expanded text of a scalar, or null when it is empty, not a scalar or names an unset variable. */
    ScalarText text(Node node, String path, String expected) {
        return text(node, path, expected, false);
    }

    ScalarText text(Node node, String path, String expected, boolean secret) {
        if (isNull(node) || !(node instanceof ScalarNode scalar)) {
            report(node, path, kind(node, secret) + "; " + expected);
            return null;
        }
        Placeholders.Result result = Placeholders.expand(scalar.getValue(), env);
        result.errors().forEach(error -> report(node, path, error));
        return result.errors().isEmpty() ? new ScalarText(result.value(), scalar.getValue(), result.fromEnv(), scalar) : null;
    }

    /** A duration of at least {@code min}. */
    Duration duration(Node node, String path, Duration min) {
        ScalarText text = text(node, path, "expected a duration such as 5s");
        if (text == null) {
            return null;
        }
        Duration d = Durations.tryParse(text.value());
        if (d == null) {
            report(node, path, text.shown() + " is not a duration; " + Durations.EXPECTED);
            return null;
        }
        if (d.compareTo(min) < 0) {
            report(node, path, text.shown() + " is too short; expected at least " + Durations.format(min));
            return null;
        }
        return d;
    }

    /** A finite number from {@code min} to {@code max}; {@code expected} describes the range for messages. */
    Double number(Node node, String path, double min, double max, String expected) {
        ScalarText text = text(node, path, expected);
        if (text == null) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(text.value().strip());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!Double.isFinite(value)) {
            report(node, path, text.shown() + " is not a number; " + expected);
            return null;
        }
        if (value < min || value > max) {
            report(node, path, text.shown() + " is out of range; " + expected);
            return null;
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}. */
    Integer wholeNumber(Node node, String path, int min, int max, String expected) {
        ScalarText text = text(node, path, expected);
        if (text == null) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(text.value().strip());
        } catch (NumberFormatException e) {
            report(node, path, text.shown() + " is not a whole number; " + expected);
            return null;
        }
        if (value < min || value > max) {
            report(node, path, text.shown() + " is out of range; " + expected);
            return null;
        }
        return (int) value;
    }

    /** An absolute http or https URL; {@code expected} names an example for messages. */
    URI url(Node node, String path, String expected) {
        ScalarText text = text(node, path, expected);
        if (text == null) {
            return null;
        }
        // user:password@ in a URL is a credential: keep it out of messages
        String shown = text.fromEnv() ? text.shown() : ScalarText.quote(text.value().replaceFirst("//[^/@]*@", "//***@"));
        URI uri;
        try {
            uri = new URI(text.value().strip());
        } catch (URISyntaxException e) {
            report(node, path, shown + " is not a valid URL (" + e.getReason() + "); " + expected);
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            report(node, path, shown + " is not an http or https URL; " + expected);
            return null;
        }
        if (uri.getHost() == null) {
            report(node, path, shown + " has no valid host name; " + expected);
            return null;
        }
        return uri;
    }

    /**
     * A CA certificate file that exists. Relative paths resolve against the config file's directory, "~" against
     * the user's home. A missing file is reported but still returned, so that later checks can go on.
     */
    Path caFile(Node node, String path) {
        String expected = "expected a readable PEM file with CA certificates";
        Path file = path(node, path, "expected the path of a PEM file with CA certificates", expected);
        if (file == null) {
            return null;
        }
        String shown = ScalarText.quote(file.toString());
        if (!Files.exists(file)) {
            report(node, path, "file " + shown + " does not exist; " + expected);
        } else if (Files.isDirectory(file)) {
            report(node, path, shown + " is a directory; " + expected);
        } else if (!Files.isReadable(file)) {
            report(node, path, "file " + shown + " is not readable; " + expected);
        }
        return file;
    }

    /**
     * A file path, not checked for existence: relative paths resolve against the config file's directory, "~"
     * against the user's home. For files the console only opens when it needs them (SSH keys, the CA key), which
     * may be made after the config was written; the console says so when one is missing at use.
     *
     * @param expected      what a wrong value should be, for a value that is not text
     * @param expectedValue the same for an empty or invalid path
     */
    Path path(Node node, String path, String expected, String expectedValue) {
        ScalarText text = text(node, path, expected);
        if (text == null) {
            return null;
        }
        String value = text.value().strip();
        if (value.isEmpty()) {
            report(node, path, "is empty; " + expectedValue);
            return null;
        }
        if (value.equals("~") || value.startsWith("~/")) {
            value = System.getProperty("user.home") + value.substring(1);
        }
        try {
            return baseDir.resolve(Path.of(value)).normalize();
        } catch (InvalidPathException e) {
            report(node, path, text.shown() + " is not a valid path; " + expectedValue);
            return null;
        }
    }

    /** 95.0 prints as "95", 97.5 as "97.5". */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
