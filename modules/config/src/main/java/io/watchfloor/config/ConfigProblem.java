package io.watchfloor.config;

/** One problem in a config file, printed as {@code FILE:LINE:COL: message}. */
public record ConfigProblem(Position position, String message) {
    public String format() {
        return position + ": " + message;
    }
}
