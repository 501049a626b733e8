package io.watchfloor.app.runtime;

import io.watchfloor.config.ConfigException;
import io.watchfloor.config.ConfigLoader;
import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.sources.SourceRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads and fully validates a configuration: the YAML and common keys (config module), then each
 * source type's own options (its provider). With no file, the bundled example config.
 */
public final class LoadedConfig {
    /** The bundled default: this machine plus a DEMO fleet. */
    public static final String BUNDLED = "/assets/config/watchfloor.example.yaml";

    private LoadedConfig() {
    }

    public static WatchfloorConfig load(Path fileOrNull, Map<String, String> env, SourceRegistry registry)
            throws ConfigException {
        WatchfloorConfig config;
        if (fileOrNull == null) {
            config = ConfigLoader.parse(bundledText(), Path.of("<bundled>" + BUNDLED), env);
        } else {
            try {
                config = ConfigLoader.load(fileOrNull, env);
            } catch (NoSuchFileException e) {
                throw new ConfigException(List.of(new ConfigProblem(
                        new io.watchfloor.config.Position(fileOrNull, 1, 1), "file not found; expected a readable YAML config file")));
            } catch (IOException e) {
                throw new ConfigException(List.of(new ConfigProblem(
                        new io.watchfloor.config.Position(fileOrNull, 1, 1), "cannot read the file: " + e.getMessage())));
            }
        }
        List<ConfigProblem> problems = new ArrayList<>(registry.validate(config));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    public static String bundledText() {
        try (InputStream in = LoadedConfig.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled config " + BUNDLED + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled config: " + e.getMessage(), e);
        }
    }
}
