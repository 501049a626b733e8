package io.watchfloor.incidents.postmortem;

import java.util.List;

/**
 * The few Markdown rules the export needs (GitHub-flavoured, which Confluence and Jira import): literal text in
 * headings and table cells, and tables.
 */
final class Markdown {
    private Markdown() {
    }

    /**
     * Text shown as written: characters that would start emphasis, code, links or HTML are backslash-escaped, so an
     * alert title such as "GPU_MEM *high* &lt;ECC&gt;" does not turn into formatting. Line breaks become spaces.
     */
    static String inline(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '~', '[', ']', '<', '#', '|', '&' -> b.append('\\').append(c);
                case '\r' -> {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        b.append(' ');
                    }
                }
                case '\n' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A table cell: literal text as {@link #inline}, with a pipe escaped so it does not end the cell, and line
     * breaks kept as {@code <br>} (a raw newline would end the table row).
     */
    static String cell(String text) {
        if (text == null) {
            return "";
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        StringBuilder b = new StringBuilder(normalised.length() + 8);
        String[] lines = normalised.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append("<br>");
            }
            b.append(inline(lines[i]));
        }
        return b.toString();
    }

    /**
     * A table; {@code align} per column is "l" or "r". Cells are written as given: escape them with {@link #cell}
     * (or build them from escaped parts).
     */
    static void table(StringBuilder out, List<String> header, String align, List<List<String>> rows) {
        row(out, header);
        out.append('|');
        for (int i = 0; i < header.size(); i++) {
            out.append(i < align.length() && align.charAt(i) == 'r' ? "---:" : "---").append('|');
        }
        out.append('\n');
        for (List<String> r : rows) {
            row(out, r);
        }
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(c).append(" |");
        }
        out.append('\n');
    }
}
