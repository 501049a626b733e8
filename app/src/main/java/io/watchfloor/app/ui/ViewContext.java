package io.watchfloor.app.ui;

import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.incidents.Incidents;
import io.watchfloor.model.StatusEvaluator;
import io.watchfloor.model.WallSnapshot;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a view may use: configuration, a clock, the latest engine snapshot and a way to
 * subscribe to new ones, and the incident desk. No database, no network: those stay behind the engine and the desk.
 *
 * @param subscribe   registers a listener called off the FX thread; returns the unsubscribe action
 * @param sla         the latest SLA figures of every endpoint (computed off the FX thread; cheap to call)
 * @param sourceNotes what polling costs, by source id (CloudWatch's GetMetricData), shown beside the source
 * @param incidents   the incident desk; {@link NoIncidents} where the console has none (commands fail, said so)
 * @param actor       who acts from this console: the name recorded on incident timelines
 * @param postmortem  turns an incident into its Markdown postmortem (off the FX thread); null: export unavailable
 * @param usage       usage and SLA reports (blocking: off the FX thread); null where the console has none
 * @param shells      just-in-time shells (blocking: off the FX thread); null where the console has none ("Open shell"
 *                    is then never shown)
 */
public record ViewContext(WatchfloorConfig config, Clock clock, Supplier<WallSnapshot> current,
                          java.util.function.Function<Consumer<WallSnapshot>, AutoCloseable> subscribe,
                          FxExecutor fx, java.util.function.Supplier<io.watchfloor.model.endpoint.SlaBoard> sla,
                          java.util.Map<String, String> sourceNotes, Incidents incidents, String actor,
                          PostmortemExporter postmortem, io.watchfloor.usage.UsageReports usage,
                          io.watchfloor.access.ShellService shells) {
    public ViewContext {
        sourceNotes = java.util.Map.copyOf(sourceNotes);
        incidents = incidents == null ? NoIncidents.INSTANCE : incidents;
        actor = actor == null || actor.isBlank() ? defaultActor(config) : actor.strip();
    }

    /** A context without shells. */
    public ViewContext(WatchfloorConfig config, Clock clock, Supplier<WallSnapshot> current,
                       java.util.function.Function<Consumer<WallSnapshot>, AutoCloseable> subscribe,
                       FxExecutor fx, java.util.function.Supplier<io.watchfloor.model.endpoint.SlaBoard> sla,
                       java.util.Map<String, String> sourceNotes, Incidents incidents, String actor,
                       PostmortemExporter postmortem, io.watchfloor.usage.UsageReports usage) {
        this(config, clock, current, subscribe, fx, sla, sourceNotes, incidents, actor, postmortem, usage, null);
    }

    /** A context without an incident desk (the incidents page says so; commands fail with a clear message). */
    public ViewContext(WatchfloorConfig config, Clock clock, Supplier<WallSnapshot> current,
                       java.util.function.Function<Consumer<WallSnapshot>, AutoCloseable> subscribe, FxExecutor fx,
                       java.util.function.Supplier<io.watchfloor.model.endpoint.SlaBoard> sla,
                       java.util.Map<String, String> sourceNotes) {
        this(config, clock, current, subscribe, fx, sla, sourceNotes, null, null, null, null);
    }

    /** A context whose sources cost nothing to poll. */
    public ViewContext(WatchfloorConfig config, Clock clock, Supplier<WallSnapshot> current,
                       java.util.function.Function<Consumer<WallSnapshot>, AutoCloseable> subscribe, FxExecutor fx,
                       java.util.function.Supplier<io.watchfloor.model.endpoint.SlaBoard> sla) {
        this(config, clock, current, subscribe, fx, sla, java.util.Map.of());
    }

    /** This context with an incident desk, who acts, and the postmortem export (null: not available). */
    public ViewContext withIncidents(Incidents desk, String actorName, PostmortemExporter exporter) {
        return new ViewContext(config, clock, current, subscribe, fx, sla, sourceNotes, desk, actorName, exporter,
                usage, shells);
    }

    /** This context with usage reports (the Usage page). */
    public ViewContext withUsage(io.watchfloor.usage.UsageReports reports) {
        return new ViewContext(config, clock, current, subscribe, fx, sla, sourceNotes, incidents, actor, postmortem,
                reports, shells);
    }

    /** This context with just-in-time shells ("Open shell" on hosts and incidents); null: none. */
    public ViewContext withShells(io.watchfloor.access.ShellService service) {
        return new ViewContext(config, clock, current, subscribe, fx, sla, sourceNotes, incidents, actor, postmortem,
                usage, service);
    }

    public StatusEvaluator evaluator() {
        return new StatusEvaluator(config.wall().thresholds());
    }

    /** The configured incidents user, else the operating-system user, else "operator". */
    public static String defaultActor(WatchfloorConfig config) {
        String configured = config == null || config.incidents() == null ? null : config.incidents().user();
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String os = System.getProperty("user.name");
        return os == null || os.isBlank() ? "operator" : os;
    }
}
