package io.watchfloor.sources;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.model.Thresholds;
import java.time.Clock;
import java.util.List;

/**
 * What sources get from the application: the clock (tests pin it), the wall thresholds (held-idle rule) and the
 * configured LLM endpoints (a metrics source reads those whose {@code source:} names it).
 */
public record SourceContext(Clock clock, Thresholds thresholds, List<EndpointConfig> endpoints) {
    public SourceContext {
        endpoints = List.copyOf(endpoints);
    }

    public SourceContext(Clock clock, Thresholds thresholds) {
        this(clock, thresholds, List.of());
    }

    /** The endpoints whose metrics the source with this id reads. */
    public List<EndpointConfig> endpointsOf(String sourceId) {
        return endpoints.stream().filter(e -> sourceId.equals(e.sourceId())).toList();
    }
}
