package io.watchfloor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shared helpers: problems printed as "line:col: message" so tests read like the file. */
final class ConfigAssertions {
    static final Path FILE = Path.of("watchfloor.yaml");

    private ConfigAssertions() {
    }

    static WatchfloorConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, FILE, Map.of());
    }

    static WatchfloorConfig parse(String yaml, Map<String, String> env) throws ConfigException {
        return ConfigLoader.parse(yaml, FILE, env);
    }

    static List<String> problems(String yaml) {
        return problems(yaml, Map.of());
    }

    static List<String> problems(String yaml, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, FILE, env));
        assertThat(e).as("expected the config to be rejected").isNotNull();
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.position().file()).isEqualTo(FILE));
        return e.problems().stream().map(p -> p.position().line() + ":" + p.position().column() + ": " + p.message()).toList();
    }

    /** A valid source list to put in front of the section a test is about. */
    static String withSource(String rest) {
        return """
                sources:
                  - id: prom-main
                    type: prometheus
                """ + rest;
    }
}
