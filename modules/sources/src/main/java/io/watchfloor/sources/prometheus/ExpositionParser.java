package io.watchfloor.sources.prometheus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the Prometheus text exposition format (what dcgm-exporter serves on /metrics) into samples.
 * HELP, TYPE and other comment lines are skipped: the GPU wall needs names, labels and values only.
 */
public final class ExpositionParser {

    /** One sample line; {@code timestampMillis} is empty when the line carries no timestamp. */
    public record Sample(String name, Map<String, String> labels, double value, OptionalLong timestampMillis) {
    }

    private ExpositionParser() {
    }

    /** @throws IllegalArgumentException naming the line when a sample line is malformed */
    public static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\r?\n", -1)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                out.add(new LineReader(t).sample());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Cursor over one sample line: {@code name[{labels}] value [timestamp]}. */
    private static final class LineReader {
        private final String s;
        private int pos;

        LineReader(String s) {
            this.s = s;
        }

        Sample sample() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != '{' && !Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            String name = s.substring(start, pos);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("missing metric name");
            }
            Map<String, String> labels = Map.of();
            if (pos < s.length() && s.charAt(pos) == '{') {
                pos++;
                labels = labels();
            }
            String value = token();
            if (value == null) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String ts = token();
            if (token() != null) {
                throw new IllegalArgumentException("unexpected text after the timestamp");
            }
            try {
                return new Sample(name, labels, PromNumbers.parse(value),
                        ts == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(ts)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number in '" + s + "'", e);
            }
        }

        private Map<String, String> labels() {
            Map<String, String> labels = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return Collections.unmodifiableMap(labels);
                }
                int eq = s.indexOf('=', pos);
                if (eq < 0) {
                    throw new IllegalArgumentException("label without '='");
                }
                String label = s.substring(pos, eq).strip();
                pos = eq + 1;
                skipSpace();
                labels.put(label, quoted());
                skipSpace();
                char c = peek();
                if (c == ',') {
                    pos++; // a trailing comma before '}' is allowed by the format
                } else if (c != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' after label " + label);
                }
            }
        }

        /** A label value: double quotes with \\, \" and \n escapes. */
        private String quoted() {
            if (peek() != '"') {
                throw new IllegalArgumentException("label value must be quoted");
            }
            pos++;
            StringBuilder b = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    char e = s.charAt(pos++);
                    b.append(e == 'n' ? '\n' : e);
                } else {
                    b.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated label value");
        }

        private String token() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            return start == pos ? null : s.substring(start, pos);
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("line ends inside the label set");
            }
            return s.charAt(pos);
        }
    }
}
