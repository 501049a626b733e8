package io.watchfloor.config;

import java.util.List;

/** The config could not be loaded; every problem found is listed, each with file, line and column. */
public class ConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.isEmpty() ? "invalid configuration" : problems.get(0).format()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
