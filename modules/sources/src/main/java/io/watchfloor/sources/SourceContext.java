package io.watchfloor.sources;

import io.watchfloor.model.Thresholds;
import java.time.Clock;

/** What sources get from the application: the clock (tests pin it) and the wall thresholds (held-idle rule). */
public record SourceContext(Clock clock, Thresholds thresholds) {
}
