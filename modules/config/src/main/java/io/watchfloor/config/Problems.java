package io.watchfloor.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of one file, so the user can fix them all in one go instead of one per run. */
final class Problems {
    private final Path file;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    Position position(Node node) {
        return position(node == null ? null : node.getStartMark());
    }

    /** SnakeYAML marks are 0-based; editors and compilers count from 1. */
    Position position(Mark mark) {
        return mark == null ? new Position(file, 1, 1) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Adds "path: message", or just the message for the top level (empty path). */
    void add(Node node, String path, String message) {
        add(position(node), path, message);
    }

    void add(Position position, String path, String message) {
        found.add(new ConfigProblem(position, path.isEmpty() ? message : path + ": " + message));
    }

    int count() {
        return found.size();
    }

    /** In file order, which is how a user walks through them. */
    List<ConfigProblem> inFileOrder() {
        List<ConfigProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt((ConfigProblem p) -> p.position().line())
                .thenComparingInt(p -> p.position().column()));
        return sorted;
    }
}
