package io.watchfloor.config;

import java.nio.file.Path;

/** Where something was written in a config file (1-based line and column). */
public record Position(Path file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
