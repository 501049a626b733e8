package io.watchfloor.app.ui;

import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.StatusEvaluator;
import io.watchfloor.model.WallSnapshot;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a view may use: configuration, a clock, the latest engine snapshot and a way to
 * subscribe to new ones. No database, no network: those stay behind the engine.
 *
 * @param subscribe registers a listener called off the FX thread; returns the unsubscribe action
 * @param sla       the latest SLA figures of every endpoint (computed off the FX thread; cheap to call)
 * @param sourceNotes what polling costs, by source id (CloudWatch's GetMetricData), shown beside the source
 */
public record ViewContext(WatchfloorConfig config, Clock clock, Supplier<WallSnapshot> current,
                          java.util.function.Function<Consumer<WallSnapshot>, AutoCloseable> subscribe,
                          FxExecutor fx, java.util.function.Supplier<io.watchfloor.model.endpoint.SlaBoard> sla,
                          java.util.Map<String, String> sourceNotes) {
    public ViewContext {
        sourceNotes = java.util.Map.copyOf(sourceNotes);
    }

    /** A context whose sources cost nothing to poll. */
    public ViewContext(WatchfloorConfig config, Clock clock, Supplier<WallSnapshot> current,
                       java.util.function.Function<Consumer<WallSnapshot>, AutoCloseable> subscribe, FxExecutor fx,
                       java.util.function.Supplier<io.watchfloor.model.endpoint.SlaBoard> sla) {
        this(config, clock, current, subscribe, fx, sla, java.util.Map.of());
    }

    public StatusEvaluator evaluator() {
        return new StatusEvaluator(config.wall().thresholds());
    }
}
