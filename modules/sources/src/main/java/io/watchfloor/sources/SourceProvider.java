package io.watchfloor.sources;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.Source;
import java.util.List;

/**
 * Knows one source type: checks its type-specific options and builds the source.
 * Adding a source type means writing one provider and listing it in {@link SourceRegistry}.
 */
public interface SourceProvider {
    /** The {@code type:} value in config. */
    String type();

    /** Problems with the type-specific parts of this entry (missing url, unknown option, ...). Empty when fine. */
    List<ConfigProblem> validate(SourceConfig config);

    /**
     * Problems with the endpoints this source serves (their provider identity as this source type reads it), and
     * with the entry given what it serves. Only called for entries that validated cleanly on their own.
     */
    default List<ConfigProblem> validateEndpoints(SourceConfig config, List<EndpointConfig> served) {
        return List.of();
    }

    /** Builds the source; only called for entries that validated cleanly. */
    Source create(SourceConfig config, SourceContext context);
}
