package io.watchfloor.config;

import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A scalar's text after ${VAR} expansion.
 *
 * @param value   the expanded text
 * @param raw     the text as written in the file
 * @param fromEnv whether the value holds text from the environment
 */
record ScalarText(String value, String raw, boolean fromEnv, ScalarNode node) {
    private static final int MAX_SHOWN = 80;

    /**
     * How a message may show this value: as written in the file when environment values went into it,
     * because those may be credentials that must not reach logs.
     */
    String shown() {
        return fromEnv ? quote(raw) + " (from the environment)" : quote(value);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        String cut = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) : text;
        for (char c : cut.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < ' ' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append(cut.length() < text.length() ? "...\"" : "\"").toString();
    }
}
