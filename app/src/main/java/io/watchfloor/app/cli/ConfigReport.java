package io.watchfloor.app.cli;

import io.watchfloor.app.runtime.LoadedConfig;
import io.watchfloor.config.ConfigException;
import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.sources.SourceRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads a config for a command, printing one line per problem (FILE:LINE:COL: message). */
final class ConfigReport {
    private ConfigReport() {
    }

    /** @return the config, or null after printing its problems */
    static WatchfloorConfig loadOrReport(Path file, PrintWriter err) {
        try {
            return LoadedConfig.load(file, System.getenv(), SourceRegistry.standard());
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p.format());
            }
            err.flush();
            return null;
        }
    }
}
