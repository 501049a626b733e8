package io.watchfloor.incidents.runbook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The problems of one runbook file, each "FILE:LINE: what is wrong; expected what". All of them are collected
 * (not just the first), so that an author fixes a file in one go.
 */
final class FileProblems {
    private record Found(int line, String message) {
    }

    private final String file;
    private final List<Found> found = new ArrayList<>();

    FileProblems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    /** @param line 1-based, as editors count */
    void add(int line, String message) {
        found.add(new Found(Math.max(1, line), message));
    }

    boolean any() {
        return !found.isEmpty();
    }

    int count() {
        return found.size();
    }

    /** In file order, which is how an author walks through them; equal lines keep the order found. */
    List<String> messages() {
        return found.stream().sorted(Comparator.comparingInt(Found::line))
                .map(f -> file + ":" + f.line() + ": " + f.message()).toList();
    }

    /** The 1-based line of a YAML node; {@code offset} is how many file lines precede the YAML text. */
    static int line(Node node, int offset) {
        return node == null ? 1 + offset : line(node.getStartMark(), offset);
    }

    static int line(Mark mark, int offset) {
        return (mark == null ? 0 : mark.getLine()) + 1 + offset;
    }
}
