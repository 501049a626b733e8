package io.watchfloor.sources.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Small pieces of PromQL text: label matchers from config, quoted strings, selectors. */
final class PromQl {
    private static final String NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
    private static final String STRING = "(?:\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`)";
    private static final String MATCHER = "\\s*" + NAME + "\\s*(?:=~|!~|!=|=)\\s*" + STRING + "\\s*";
    /** Comma-separated label matchers, a trailing comma allowed, as PromQL accepts inside braces. */
    private static final Pattern MATCHERS = Pattern.compile("(?:" + MATCHER + "(?:," + MATCHER + ")*,?\\s*)?");

    private PromQl() {
    }

    /** {@code {job="vllm"}} or {@code job="vllm"} (blank or null: none) as matchers without braces. */
    static String matchers(String selector) {
        if (selector == null) {
            return "";
        }
        String s = selector.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.endsWith(",")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** Whether the selector is label matchers only (name, operator, quoted value); a metric name is not allowed. */
    static boolean isMatchers(String selector) {
        return MATCHERS.matcher(matchers(selector)).matches();
    }

    /** A PromQL double-quoted string literal holding exactly {@code value}. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** {@code metric{a,b}} from a metric name and any number of matcher lists (blank ones skipped). */
    static String select(String metric, String... matcherLists) {
        List<String> parts = new ArrayList<>();
        for (String m : matcherLists) {
            if (m != null && !m.isBlank()) {
                parts.add(m);
            }
        }
        return parts.isEmpty() ? metric : metric + "{" + String.join(",", parts) + "}";
    }

    /**
     * The expression with one constant label added to every series it returns. label_replace with an empty source
     * label and an empty regex always matches, so it only sets the label; "$" is doubled because the replacement
     * expands $1-style references.
     */
    static String withLabel(String expression, String label, String value) {
        return "label_replace(" + expression + ", " + quote(label) + ", " + quote(value.replace("$", "$$"))
                + ", \"\", \"\")";
    }
}
